// A "Print" button where printing is expected (login cards): shown only when this script runs, since printing
// needs the browser's print dialog. Without JavaScript the page says to use the browser's own print command.
(function () {
  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
