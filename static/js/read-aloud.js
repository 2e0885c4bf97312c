// "Lees voor": reads a post, a question or feedback aloud with the browser's own speech synthesis (nothing is
// loaded from anywhere). The buttons come hidden from the server and show only when the device has a Dutch voice.
// A button reads `data-read-aloud-text`, or else the text of its nearest [data-read-root] (without the buttons and
// without what is hidden from screen readers). Pressing it again, or another "Lees voor", stops the reading.
(function () {
  if (window.readAloudReady) {
    return;
  }
  window.readAloudReady = true;
  var synth = window.speechSynthesis;
  if (!synth || typeof window.SpeechSynthesisUtterance !== "function") {
    return;
  }
  var READ = "Lees voor";
  var STOP = "Stop met voorlezen";
  var speakingButton = null;

  // A Dutch voice, one on the device itself first (a voice from the network sends the text to the browser's maker).
  function dutchVoice() {
    var dutch = (synth.getVoices() || []).filter(function (voice) {
      return String(voice.lang || "").toLowerCase().replace("_", "-").indexOf("nl") === 0;
    });
    var local = dutch.filter(function (voice) {
      return voice.localService !== false;
    });
    return local[0] || dutch[0] || null;
  }

  function textFor(button) {
    if (button.dataset.readAloudText) {
      return button.dataset.readAloudText;
    }
    var root = button.closest("[data-read-root]");
    if (!root) {
      return "";
    }
    var copy = root.cloneNode(true);
    copy.querySelectorAll("button, [aria-hidden='true'], script, details:not([open]) > :not(summary)").forEach(
      function (node) {
        node.remove();
      }
    );
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function label(button, speaking) {
    button.textContent = speaking ? STOP : READ;
  }

  function stop() {
    synth.cancel();
    if (speakingButton) {
      label(speakingButton, false);
      speakingButton = null;
    }
  }

  function read(button) {
    var wasThis = speakingButton === button;
    stop();
    if (wasThis) {
      return;
    }
    var utterance = new window.SpeechSynthesisUtterance(textFor(button));
    var voice = dutchVoice();
    utterance.lang = voice && voice.lang ? voice.lang : "nl-NL";
    if (voice) {
      utterance.voice = voice;
    }
    utterance.onend = function () {
      if (speakingButton === button) {
        label(button, false);
        speakingButton = null;
      }
    };
    speakingButton = button;
    label(button, true);
    synth.speak(utterance);
  }

  function offer(root) {
    if (!dutchVoice()) {
      return;
    }
    (root || document).querySelectorAll("button[data-read-aloud]").forEach(function (button) {
      button.hidden = false;
    });
  }

  window.addEventListener("pagehide", stop);
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-read-aloud]");
    if (button) {
      read(button);
    }
  });
  // Content swapped in by htmx (the next step's feedback) brings its own hidden buttons.
  document.addEventListener("htmx:afterSettle", function () {
    offer(document);
  });
  if (typeof synth.addEventListener === "function") {
    synth.addEventListener("voiceschanged", function () {
      offer(document);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      offer(document);
    });
  } else {
    offer(document);
  }
})();
