// A table wider than its frame says so, with a hint above it ("swipe sideways"): on a phone
// the number columns of a wide table start off screen. The hint's words come from the page
// (<body data-scroll-hint>), in the reader's language; frames are checked again on resize.
(function () {
  "use strict";
  var hint = document.body.getAttribute("data-scroll-hint") || "";

  function mark(frame) {
    var scrolls = frame.scrollWidth > frame.clientWidth + 1;
    frame.classList.toggle("scrolls", scrolls);
    var note = frame.previousElementSibling;
    var has = note && note.classList.contains("table-hint");
    if (scrolls && !has && hint) {
      note = document.createElement("p");
      note.className = "table-hint";
      note.textContent = hint;
      frame.parentNode.insertBefore(note, frame);
    } else if (!scrolls && has) {
      note.remove();
    }
  }

  function markAll() {
    document.querySelectorAll(".table-wrap").forEach(mark);
  }

  window.addEventListener("resize", markAll);
  markAll();
})();
