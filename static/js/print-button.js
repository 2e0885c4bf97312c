// A "Print" button where printing is expected (login cards, the teacher guide): shown only when this script runs,
// since printing needs the browser's print dialog. Without JavaScript the page says to use the browser's own print
// command. Loaded once however many buttons a page has.
(function () {
  if (window.printButtonReady) {
    return;
  }
  window.printButtonReady = true;
  function show() {
    document.querySelectorAll("button[data-print]").forEach(function (button) {
      button.hidden = false;
    });
  }
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("button[data-print]")) {
      window.print();
    }
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", show);
  } else {
    show();
  }
})();
