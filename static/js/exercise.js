// The exercise views answer a refused step (nothing chosen, a step out of order) with status 400 and the post
// re-rendered with a Dutch message. htmx does not swap error responses by default; within an exercise we do, so
// the learner reads the message where they are. Loaded once per page, even if a lesson embeds several posts.
//
// After every step the verdict must be the first thing in view, with the focus on it (a screen reader starts
// there). htmx focuses the new [autofocus] feedback with a plain focus(), which centres an element taller than the
// screen and so hides its start above the top on a phone; we put the start at the top instead. A page loaded with
// the feedback as its fragment (the redirect without htmx) gets the same.
(function () {
  if (window.exerciseErrorSwap) {
    return;
  }
  window.exerciseErrorSwap = true;
  document.addEventListener("htmx:beforeSwap", function (event) {
    var source = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (event.detail.xhr.status === 400 && source && source.closest("[data-exercise]")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  function showFirst(element) {
    element.focus({ preventScroll: true });
    element.scrollIntoView({ block: "start", inline: "nearest" });
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    var swapped = event.detail.elt;
    if (!swapped || !swapped.closest || !swapped.closest("[data-exercise]")) {
      return;
    }
    var first = swapped.matches("[autofocus]") ? swapped : swapped.querySelector("[autofocus]");
    if (first) {
      showFirst(first);
    }
  });

  function showFragmentTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.closest("[data-exercise]") && target.hasAttribute("tabindex")) {
      showFirst(target);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showFragmentTarget);
  } else {
    showFragmentTarget();
  }
})();
