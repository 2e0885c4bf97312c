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

// Push (dialogue/push.py): with push on, the page names an event stream (data-stream). While the stream is open, the
// 2 s poll of #live is held back but for every tenth tick (a safety net). "stand" tells the state the host set (its
// version and stage): on a new stage (statement or round) the phone fetches its fragment once, since the slider is
// new too; on the same stage (a reveal, say) it waits a moment for that state's board and fetches only if none came.
// "board" brings the room's shared fragment itself, to which the phone adds its own "jij" marker. Without the stream
// the phone polls as before.
(function () {
  "use strict";
  var wrap = document.querySelector("[data-stream]");
  if (!wrap || !window.EventSource) return;
  var source = new EventSource(wrap.getAttribute("data-stream"));
  var streaming = false;
  var asked = false;
  var pending = false;
  var ticks = 0;
  var current = null; // the state version the last "stand" named

  function live() {
    return document.getElementById("live");
  }
  function shown(name) {
    var element = live();
    var url = element && element.getAttribute("data-hx-get");
    return url ? new URL(url, window.location.href).searchParams.get(name) || "" : null;
  }
  function shownVersion() {
    return (shown("v") || "").split("-")[0];
  }
  function fetchLive() {
    var element = live();
    if (!element || !window.htmx || shownVersion() === current) return;
    asked = true;
    window.htmx.trigger(element, "stand");
  }
  function fetchSoon(wait, spread) {
    // A room's phones spread their fetches over a window the server sets by the room's size, starting after the
    // fetches of other rooms that moved on just before (dialogue/push.py).
    if (pending) return;
    pending = true;
    window.setTimeout(function () {
      pending = false;
      fetchLive();
    }, wait + Math.random() * spread);
  }
  function newer(token, than) {
    // "<state version>-<board time>", both integers too large for a JS number: compare as digit strings.
    var a = token.split("-")[1] || "";
    var b = than.split("-")[1] || "";
    return a.length !== b.length ? a.length > b.length : a > b;
  }
  function withOwnMarker(fresh) {
    var status = document.getElementById("plek-status");
    var mine = status ? parseInt(status.getAttribute("data-plek"), 10) : NaN;
    var axis = fresh.querySelector(".line__axis");
    if (axis && mine >= 0 && mine <= 20) {
      var mark = document.createElement("span");
      mark.className = "line__mark line__mark--me pos-" + mine;
      mark.textContent = "jij";
      axis.appendChild(mark);
    }
    return fresh;
  }

  source.addEventListener("open", function () {
    streaming = true;
  });
  source.addEventListener("error", function () {
    streaming = source.readyState === EventSource.OPEN; // reconnecting or given up: the poll asks every tick
  });
  source.addEventListener("stand", function (event) {
    var parts = event.data.split(" ");
    current = parts[0];
    if (shown("v") === null || shownVersion() === current) return;
    var spread = Math.min(Math.max(parseInt(parts[2], 10) || 2000, 0), 8000);
    var offset = Math.min(Math.max(parseInt(parts[3], 10) || 0, 0), 8000); // after rooms that moved on just before
    fetchSoon((parts[1] === shown("fase") ? 1500 : 0) + offset, spread); // same stage: its board usually comes first
  });
  source.addEventListener("board", function (event) {
    var data = JSON.parse(event.data);
    var element = live();
    var token = shown("v");
    var version = data.v.split("-")[0];
    if (!element || token === null || !window.htmx) return;
    if (data.fase !== shown("fase") || (current !== null && version !== current)) return; // a stand decides
    if (version === shownVersion() && !newer(data.v, token)) return;
    var template = document.createElement("template");
    template.innerHTML = data.html.trim();
    var fresh = template.content.firstElementChild;
    if (!fresh || fresh.id !== "live") return;
    element.replaceWith(withOwnMarker(fresh));
    window.htmx.process(fresh);
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.detail.elt !== live()) return;
    if (asked) {
      asked = false;
      return;
    }
    ticks += 1;
    if (streaming && ticks % 10 !== 0) event.preventDefault();
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.elt === live() && event.detail.xhr && event.detail.xhr.status === 286) source.close(); // ended
  });
})();
