/* The target grid's script. Without it the grid still works (every cell is posted, and
   "Preview" reads the cells back), for grids under Django's limit of posted fields.
   With it:
   - read-back: as an officer types a printed wording, the cell's note shows how it will
     be read ("trên 86,2 %") or why it cannot be, asked of targets:parse_wording so the
     rules stay in one place (the server);
   - only changed cells are posted: on submit they are packed into one field, `cells`
     (a JSON object of cell name → wording), and every cell's own field is disabled, so
     a save posts a handful of fields however many cells it changes;
   - filters: unit columns and indicator rows by name, with or without diacritics;
   - paste: tab- and line-separated text (a column or a block copied from Excel) fills
     the cells from the one pasted into, in the order shown: a line per unit (a quota
     sheet's layout, across this grid's columns) or a line per indicator (this grid's);
   - each row's sum of quotas and gap to the issuer's target, updated as cells change
     (a plain reading of the first number; the preview on the server is the authority). */
(function () {
  "use strict";
  var form = document.getElementById("target-grid");
  if (!form) { return; }
  var table = form.querySelector("table.target-grid");
  var url = form.getAttribute("data-parse-url");
  var DELAY_MS = 250;
  var MAX_FETCHES = 4;
  var timers = new WeakMap();
  var latest = new WeakMap();
  var lang = document.documentElement.lang || "vi";
  var numbers = new Intl.NumberFormat(lang, { maximumFractionDigits: 4 });

  function initial(input) {
    var saved = input.getAttribute("data-initial");
    return saved === null ? input.defaultValue : saved;
  }

  function changed(input) {
    return input.value.trim().replace(/\s+/g, " ") !== initial(input);
  }

  // --- read-back ------------------------------------------------------------------------

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

  // A pasted column asks for 166 read-backs: a few at a time, not all at once.
  var waiting = [];
  var running = 0;

  function nextFetch() {
    while (running < MAX_FETCHES && waiting.length) {
      running += 1;
      waiting.shift()().then(function () { running -= 1; nextFetch(); });
    }
  }

  function readBack(input) {
    var text = input.value.trim();
    var cell = input.closest("td");
    if (cell) { cell.classList.toggle("changed", changed(input)); }
    if (!text) {
      show(input, initial(input) ? (form.getAttribute("data-deleted") || "") : "", false);
      return;
    }
    if (!window.fetch) { return; }
    var row = input.closest("tr");
    var query = "?text=" + encodeURIComponent(text) +
      "&indicator=" + encodeURIComponent(row.getAttribute("data-indicator"));
    latest.set(input, text);
    waiting.push(function () {
      if (latest.get(input) !== text) { return Promise.resolve(); }
      return fetch(url + query, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          if (latest.get(input) !== text) { return; }  // the officer typed on meanwhile
          if (data.ok) { show(input, data.readback, false); }
          else { show(input, data.error || "", true); }
        })
        .catch(function () { /* offline: "Preview" still reads the cells back */ });
    });
    nextFetch();
  }

  function later(input) {
    clearTimeout(timers.get(input));
    timers.set(input, setTimeout(function () { readBack(input); }, DELAY_MS));
  }

  // --- the sum of each row's quotas and the gap to the issuer's target ------------------

  // "2.750" → 2750, "trên 86,2%" → 86.2, "40-45" → 40, "40-45 nghìn" → 40000; null when
  // there is no number. An order of magnitude counts right after the last number, as the
  // server's preview reads it (targets/operators.py); "ngắn hạn", "ngắn ngày" are not one.
  var NUMBER = /(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?/g;
  var MAGNITUDE = /^\s*(ngh[iì]n|ng[aà]n(?!\s*(?:h[aạ]n|ng[aà]y)(?![\p{L}\d]))|tri[eệ]u)(?![\p{L}\d])/iu;

  function firstNumber(text) {
    var matches = Array.from((text || "").matchAll(NUMBER));
    if (!matches.length) { return null; }
    var first = matches[0];
    var value = parseFloat(first[1].replace(/\./g, "") + (first[2] ? "." + first[2] : ""));
    var last = matches[matches.length - 1];
    var magnitude = MAGNITUDE.exec(text.slice(last.index + last[0].length));
    if (magnitude) { value *= /^tri/i.test(magnitude[1]) ? 1000000 : 1000; }
    return value;
  }

  function fill(format, key, value) {
    return format.replace("{" + key + "}", numbers.format(value));
  }

  function sum(row) {
    var note = row.querySelector(".row-sum");
    if (!note || !table) { return; }
    var inputs = row.querySelectorAll("input.grid-cell");
    var total = 0;
    var any = false;
    for (var i = 1; i < inputs.length; i++) {
      var value = firstNumber(inputs[i].value);
      if (value !== null) { total += value; any = true; }
    }
    note.textContent = "";
    if (!any) { return; }
    total = Math.round(total * 10000) / 10000;
    var target = firstNumber(inputs[0].value);
    if (target === null) {
      note.textContent = fill(table.getAttribute("data-implied"), "total", total);
      return;
    }
    var gap = Math.round((target - total) * 10000) / 10000;
    note.appendChild(document.createTextNode(
      fill(table.getAttribute("data-sum"), "total", total) + " · "));
    var span = document.createElement("span");
    span.className = gap ? "gap open" : "gap";
    span.textContent = fill(table.getAttribute("data-gap"), "gap", gap);
    note.appendChild(span);
  }

  form.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.classList || !input.classList.contains("grid-cell")) { return; }
    later(input);
    sum(input.closest("tr"));
  });

  // --- only changed cells are posted, packed into one field ---------------------------------

  var packed = document.getElementById("grid-cells");
  form.addEventListener("submit", function () {
    if (!packed) { return; }
    var cells = {};
    var inputs = form.querySelectorAll("input.grid-cell");
    for (var i = 0; i < inputs.length; i++) {
      if (changed(inputs[i])) { cells[inputs[i].name] = inputs[i].value; }
      inputs[i].disabled = true;
    }
    packed.value = JSON.stringify(cells);
    packed.disabled = false;
  });
  // Back to the page from the browser's cache: the cells must be editable again.
  window.addEventListener("pageshow", function () {
    var inputs = form.querySelectorAll("input.grid-cell:disabled");
    for (var i = 0; i < inputs.length; i++) { inputs[i].disabled = false; }
    if (packed) { packed.disabled = true; }
  });

  if (!table) { return; }
  var head = table.tHead.rows[0];
  var body = table.tBodies[0];

  // --- filters --------------------------------------------------------------------------

  function plain(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().replace(/\s+/g, " ").trim();
  }

  var unitNames = [];
  for (var c = 0; c < head.cells.length; c++) { unitNames.push(plain(head.cells[c].textContent)); }
  var rowNames = [];
  for (var r = 0; r < body.rows.length; r++) {
    rowNames.push(plain(body.rows[r].querySelector(".indicator-name").textContent));
  }
  var filters = form.querySelector(".grid-filters");
  var unitFilter = document.getElementById("grid-unit-filter");
  var indicatorFilter = document.getElementById("grid-indicator-filter");
  var count = document.getElementById("grid-filter-count");
  filters.hidden = false;

  function applyFilters() {
    var units = plain(unitFilter.value);
    var indicators = plain(indicatorFilter.value);
    // Column 0 names the rows and column 1 is the issuer's own target: always shown.
    var shown = [];
    var columns = 0;
    for (var i = 0; i < head.cells.length; i++) {
      var keep = i < 2 || !units || unitNames[i].indexOf(units) !== -1;
      shown.push(keep);
      if (i >= 2 && keep) { columns += 1; }
    }
    var rowsShown = [head].concat(Array.prototype.slice.call(body.rows));
    for (var r = 0; r < rowsShown.length; r++) {
      var row = rowsShown[r];
      if (r > 0) { row.hidden = !!indicators && rowNames[r - 1].indexOf(indicators) === -1; }
      for (var j = 0; j < row.cells.length; j++) { row.cells[j].hidden = !shown[j]; }
    }
    count.textContent = units || indicators ? (form.getAttribute("data-shown") || "")
      .replace("{units}", columns).replace("{total}", head.cells.length - 2) : "";
  }
  unitFilter.addEventListener("input", applyFilters);
  indicatorFilter.addEventListener("input", applyFilters);

  // --- paste a column or a block ----------------------------------------------------------

  function visible(list) {
    return Array.prototype.filter.call(list, function (element) { return !element.hidden; });
  }

  // A quota sheet (a plan's appendix) has a line per unit and a column per indicator, the
  // other way round from this grid: by default its lines go across the units and its
  // columns down the indicators. The other layout pastes a block as it is shown here.
  var layout = document.getElementById("grid-paste-layout");

  form.addEventListener("paste", function (event) {
    var input = event.target;
    if (!input.classList || !input.classList.contains("grid-cell")) { return; }
    var text = (event.clipboardData || window.clipboardData).getData("text");
    text = text.replace(/\r\n?/g, "\n").replace(/\n$/, "");
    if (text.indexOf("\t") === -1 && text.indexOf("\n") === -1) { return; }  // one value
    event.preventDefault();
    var rows = visible(body.rows);
    var firstRow = rows.indexOf(input.closest("tr"));
    var columns = visible(input.closest("tr").cells).map(function (cell) { return cell.cellIndex; });
    var firstColumn = columns.indexOf(input.closest("td").cellIndex);
    var byUnit = !layout || layout.value !== "indicators";
    var lines = text.split("\n");
    var filled = 0;
    var left = 0;
    var touched = new Set();
    for (var i = 0; i < lines.length; i++) {
      var values = lines[i].split("\t");
      for (var j = 0; j < values.length; j++) {
        var row = rows[firstRow + (byUnit ? j : i)];
        var index = columns[firstColumn + (byUnit ? i : j)];
        var cell = row && index !== undefined ? row.cells[index] : null;
        var target = cell ? cell.querySelector("input.grid-cell") : null;
        if (!target) { left += 1; continue; }
        target.value = values[j].trim();
        later(target);
        touched.add(row);
        filled += 1;
      }
    }
    touched.forEach(sum);
    var note = document.getElementById("grid-paste-note");
    note.textContent = (form.getAttribute(left ? "data-pasted-left" : "data-pasted") || "")
      .replace("{filled}", filled).replace("{left}", left);
    note.hidden = false;
  });
})();
