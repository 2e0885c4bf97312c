// Langs de lijn: keep the slider's spoken and shown value in words while it moves (the server renders the first).
(function () {
  "use strict";
  function placeText(value, left, right) {
    var middle = 10;
    if (value === middle) return "precies in het midden";
    var steps = Math.abs(value - middle);
    var side = value < middle ? "links" : "rechts";
    var pole = value < middle ? left : right;
    return steps + (steps === 1 ? " stap" : " stappen") + " naar " + side + ", richting: " + pole;
  }
  function update(slider) {
    var text = placeText(parseInt(slider.value, 10), slider.dataset.left, slider.dataset.right);
    slider.setAttribute("aria-valuetext", text);
    var shown = document.getElementById("plek-keuze");
    if (shown) shown.textContent = text.charAt(0).toUpperCase() + text.slice(1);
  }
  document.addEventListener("input", function (event) {
    if (event.target && event.target.id === "plek") update(event.target);
  });
})();
