// The exercise views answer a refused step (nothing chosen, a step out of order) with status 400 and the post
// re-rendered with a Dutch message. htmx does not swap error responses by default; within an exercise we do, so
// the learner reads the message where they are. Loaded once per page, even if a lesson embeds several posts.
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
})();
