/* Live read-back of the target grid: as an officer types a printed wording in a cell,
   the cell's note shows how it will be read ("trên 86,2 %") or why it cannot be.
   Asks the targets:parse_wording endpoint, so the rules stay in one place (the server).
   Without this script the grid still works: "Preview" shows the same read-back. */
(function () {
  "use strict";
  var form = document.getElementById("target-grid");
  if (!form || !window.fetch) { return; }
  var url = form.getAttribute("data-parse-url");
  var DELAY_MS = 250;
  var timers = new WeakMap();
  var latest = new WeakMap();

  function noteOf(input) {
    return document.getElementById(input.getAttribute("aria-describedby"));
  }

  function show(input, text, isError) {
    var note = noteOf(input);
    if (!note) { return; }
    note.textContent = text;
    note.classList.toggle("error", !!isError);
    input.classList.toggle("invalid", !!isError);
    if (isError) { input.setAttribute("aria-invalid", "true"); }
    else { input.removeAttribute("aria-invalid"); }
  }

  function readBack(input) {
    var text = input.value.trim();
    var cell = input.closest("td");
    if (cell) { cell.classList.toggle("changed", input.value !== input.defaultValue); }
    if (!text) {
      show(input, input.defaultValue ? (form.getAttribute("data-deleted") || "") : "", false);
      return;
    }
    var query = "?text=" + encodeURIComponent(text) +
      "&indicator=" + encodeURIComponent(input.getAttribute("data-indicator"));
    latest.set(input, text);
    fetch(url + query, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (latest.get(input) !== text) { return; }  // the officer typed on meanwhile
        if (data.ok) { show(input, data.readback, false); }
        else { show(input, data.error || "", true); }
      })
      .catch(function () { /* offline: "Preview" still reads the cells back */ });
  }

  form.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.classList || !input.classList.contains("grid-cell")) { return; }
    clearTimeout(timers.get(input));
    timers.set(input, setTimeout(function () { readBack(input); }, DELAY_MS));
  });
})();
