// A page that refreshes itself (data-poll-when-visible, with an htmx "every Ns" trigger) asks nothing while its tab
// is hidden: a teacher's dashboard left open behind other tabs all day costs the server nothing. When the tab shows
// again the element fetches at once (its trigger lists "tab-visible"), so what the user sees is never stale.
(function () {
  if (window.pollWhenVisible) {
    return;
  }
  window.pollWhenVisible = true;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var source = event.detail.elt;
    if (document.hidden && source && source.hasAttribute("data-poll-when-visible")) {
      event.preventDefault();
    }
  });
  document.addEventListener("visibilitychange", function () {
    if (document.hidden || !window.htmx) {
      return;
    }
    document.querySelectorAll("[data-poll-when-visible]").forEach(function (element) {
      window.htmx.trigger(element, "tab-visible");
    });
  });
})();
