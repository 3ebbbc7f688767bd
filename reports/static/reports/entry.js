/* The entry grid: checks while the user types, and Enter moving to the next box.
 *
 * Only the cheap part of the server's checks is repeated here (reading numbers, negative,
 * whole, 0-100, numerator above denominator, components against their total, an of-which
 * part above its whole, a jump against last year). Their messages, the links between the
 * indicators and the jump factor come from the server (reports/checks.py), which checks
 * everything again when the form is saved and is the one that decides.
 */
(function () {
  "use strict";

  var form = document.getElementById("entry-form");
  var checksNode = document.getElementById("entry-checks");
  if (!form || !checksNode) {
    return;
  }
  var CHECKS = JSON.parse(checksNode.textContent);
  var MESSAGES = CHECKS.messages;
  var TOTAL_OF = CHECKS.relations.total_of;
  var WHOLE_OF = CHECKS.relations.whole_of;
  var JUMP = Number(CHECKS.relations.jump_factor);
  var MARK = form.dataset.decimalMark || ",";
  var FORMAT = new Intl.NumberFormat(form.dataset.locale || "vi-VN", {
    maximumFractionDigits: 4,
  });
  var BODY = /^[0-9]+(?:[.,][0-9]+)*$/;
  var BOUNDS = CHECKS.bounds || {};
  // The words and signs of a bound, longest first (`khong duoi` before `duoi`).
  var BOUND_WORDS = Object.keys(BOUNDS).sort(function (a, b) { return b.length - a.length; });
  var SIGNS = { "\uff1e": ">", "\uff1c": "<", "\u2267": "\u2265", "\u2266": "\u2264",
                "\u2a7e": "\u2265", "\u2a7d": "\u2264" };
  var rows = Array.prototype.slice.call(form.querySelectorAll("tr[data-code]"));
  var rowByCode = {};
  rows.forEach(function (row) {
    rowByCode[row.dataset.code] = row;
  });
  var COMPONENTS = {};
  Object.keys(TOTAL_OF).forEach(function (part) {
    (COMPONENTS[TOTAL_OF[part]] = COMPONENTS[TOTAL_OF[part]] || []).push(part);
  });

  function show(value) {
    return FORMAT.format(value);
  }

  function say(key, values) {
    var text = MESSAGES[key] || key;
    return text
      .replace(/%\((\w+)\)s/g, function (_match, name) {
        return values[name];
      })
      .replace(/%%/g, "%");
  }

  // `body` read with `mark` as the decimal mark and the other separator grouping
  // thousands, or null when it cannot be written that way (as reports/numbers.py).
  function readWith(body, mark) {
    var grouping = mark === "," ? "." : ",";
    var at = body.indexOf(mark);
    var whole = at < 0 ? body : body.slice(0, at);
    var decimals = at < 0 ? "" : body.slice(at + 1);
    if (decimals.indexOf(grouping) >= 0 || decimals.indexOf(mark) >= 0) {
      return null;
    }
    if (whole.indexOf(grouping) >= 0) {
      var groups = whole.split(grouping);
      var first = groups.shift();
      if (first.length < 1 || first.length > 3 || first.charAt(0) === "0") {
        return null;
      }
      if (groups.some(function (g) { return g.length !== 3; })) {
        return null;
      }
      whole = first + groups.join("");
    }
    return Number(at < 0 ? whole : whole + "." + decimals);
  }

  // {value: number|null, error: string|null}
  function parse(text) {
    var body = text.replace(/\s+/g, "");
    if (body === "") {
      return { value: null, error: null };
    }
    if (body.slice(-1) === "%") {
      body = body.slice(0, -1);
    }
    var sign = 1;
    if (body.charAt(0) === "-" || body.charAt(0) === "\u2212") {
      sign = -1;
      body = body.slice(1);
    } else if (body.charAt(0) === "+") {
      body = body.slice(1);
    }
    if (!BODY.test(body)) {
      return { value: null, error: say("not_number", { text: text.trim() }) };
    }
    var readings = {};
    [",", "."].forEach(function (mark) {
      var value = readWith(body, mark);
      if (value !== null) {
        readings[mark] = value;
      }
    });
    var marks = Object.keys(readings);
    if (marks.length === 0) {
      return { value: null, error: say("not_number", { text: text.trim() }) };
    }
    var value = marks.length > 1 && readings[MARK] !== undefined ? readings[MARK] : readings[marks[0]];
    return { value: sign * value, error: null };
  }

  // Lower case, no diacritics, single spaces (as districts/text.py folds).
  function fold(text) {
    return text.replace(/[\u0111\u0110]/g, "d").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, " ").trim().toLowerCase();
  }

  // A value written as a bound (">92", "trên 92", "92 trở lên"), as reports/bounds.py
  // reads it: {operator, value, error}, or null when the text is not a bound.
  function readBound(text, kind) {
    var folded = fold(text).replace(/[\uff1e\uff1c\u2267\u2266\u2a7e\u2a7d]/g, function (c) {
      return SIGNS[c];
    }).replace(/(\S)\s+(?:la|muc)\s*:?\s*(?=[0-9])/, "$1 ");
    var shape = /^([^0-9+\-\u2212]*?)\s*([+\-\u2212]\s*)?([0-9][0-9.,]*)\s*((?:%|phan tram)?\s*(?:tro len|tro xuong)?\s*%?)$/.exec(folded);
    if (!shape) {
      return null;
    }
    var before = shape[1].replace(/[\s:]+$/, "");
    var operator = null;
    if (before) {
      BOUND_WORDS.some(function (word) {
        var at = before.length - word.length;
        var symbol = !/[a-z]/.test(word);
        if (at >= 0 && before.slice(at) === word &&
            (symbol || at === 0 || !/[a-z0-9]/.test(before.charAt(at - 1)))) {
          operator = BOUNDS[word];
        }
        return operator !== null;
      });
    } else if (/tro len/.test(shape[4])) {
      operator = "gte";
    } else if (/tro xuong/.test(shape[4])) {
      operator = "lte";
    }
    if (operator === null) {
      return null;
    }
    var read = parse(shape[3]);
    if (read.error) {
      return { operator: operator, value: null, error: read.error };
    }
    var value = shape[2] && shape[2].trim() !== "+" ? -read.value : read.value;
    var written = text.trim().replace(/\s+/g, " ");
    var reason = null;
    if (kind === "rate" && (value < 0 || value > 100)) {
      reason = say("rate_out_of_range", { value: show(value) });
    } else if (kind !== "rate" && value < 0) {
      reason = say("negative", { value: show(value) });
    } else if (kind !== "rate" && value !== Math.floor(value)) {
      reason = say("not_whole", { value: show(value) });
    }
    var error = null;
    if (reason) {
      error = say("bound_invalid", { text: written, reason: reason });
    } else if (operator === "lt" && value === 0) {
      error = say("bound_below_zero", { text: written });
    } else if (kind === "rate" && operator === "gt" && value === 100) {
      error = say("bound_above_hundred", { text: written });
    }
    return { operator: operator, value: value, error: error };
  }

  function input(row, part) {
    return row.querySelector('input[name="' + row.dataset.code + "-" + part + '"]');
  }

  function textOf(row, part) {
    var field = input(row, part);
    return field ? field.value : "";
  }

  // The row's own value and errors.
  function readRow(row) {
    var errors = [];
    var kind = row.dataset.kind;
    var bound = readBound(textOf(row, "value"), kind);
    if (bound) {
      // A bound has no number to compare: only its own checks.
      return { value: null, errors: bound.error ? [bound.error] : [] };
    }
    var read = parse(textOf(row, "value"));
    if (read.error) {
      errors.push(read.error);
    }
    var value = read.value;
    if (kind === "rate") {
      var numerator = parse(textOf(row, "numerator"));
      var denominator = parse(textOf(row, "denominator"));
      [numerator, denominator].forEach(function (part) {
        if (part.error) {
          errors.push(part.error);
        }
      });
      if (numerator.value !== null && denominator.value !== null) {
        if (numerator.value > denominator.value) {
          errors.push(say("numerator_above_denominator", {
            numerator: show(numerator.value),
            denominator: show(denominator.value),
          }));
        } else if (value === null && denominator.value > 0) {
          value = Math.round((numerator.value / denominator.value) * 10000) / 100;
        }
      }
      if (value !== null && (value < 0 || value > 100)) {
        errors.push(say("rate_out_of_range", { value: show(value) }));
      }
    } else if (value !== null) {
      if (value < 0) {
        errors.push(say("negative", { value: show(value) }));
      }
      if (value !== Math.floor(value)) {
        errors.push(say("not_whole", { value: show(value) }));
      }
    }
    return { value: errors.length ? null : value, errors: errors };
  }

  function checkAll() {
    var read = {};
    rows.forEach(function (row) {
      read[row.dataset.code] = readRow(row);
    });
    // The value of `code` as typed, or null when its row is not on the page or unreadable.
    function valueOf(code) {
      return read[code] ? read[code].value : null;
    }
    rows.forEach(function (row) {
      var code = row.dataset.code;
      var own = read[code];
      var warnings = [];
      var value = own.value;
      var components = COMPONENTS[code] || [];
      if (value !== null && components.length) {
        var parts = components.map(valueOf);
        if (parts.every(function (part) { return part !== null; })) {
          var sum = parts.reduce(function (a, b) { return a + b; }, 0);
          if (Math.abs(sum - value) > 1e-9) {
            warnings.push(say("components_mismatch", {
              sum: show(sum),
              total: show(value),
              diff: show(Math.abs(value - sum)),
            }));
          }
        }
      }
      var wholeValue = WHOLE_OF[code] ? valueOf(WHOLE_OF[code]) : null;
      if (value !== null && wholeValue !== null && value > wholeValue) {
        warnings.push(say("of_which_above_whole", { part: show(value), whole: show(wholeValue) }));
      }
      var lastYear = row.dataset.lastYear ? Number(row.dataset.lastYear) : null;
      if (value !== null && lastYear !== null && lastYear > 0) {
        if (value > lastYear * JUMP) {
          warnings.push(say("jump_up", { value: show(value), last_year: show(lastYear) }));
        } else if (value < lastYear / JUMP) {
          warnings.push(say("jump_down", { value: show(value), last_year: show(lastYear) }));
        }
      }
      render(row, own.errors, warnings);
    });
  }

  function paragraph(className, text) {
    var p = document.createElement("p");
    p.className = className;
    p.textContent = text.charAt(0).toUpperCase() + text.slice(1);
    return p;
  }

  function render(row, errors, warnings) {
    var box = row.querySelector(".js-checks");
    if (!box) {
      return;
    }
    // The checks here replace the server's warnings of the page; its errors stay until
    // the row is edited (they may come from checks not repeated here).
    row.querySelectorAll(".server-warning").forEach(function (node) {
      node.hidden = true;
    });
    box.textContent = "";
    errors.forEach(function (text) {
      box.appendChild(paragraph("error", text));
    });
    warnings.forEach(function (text) {
      box.appendChild(paragraph("warning-text", text));
    });
    var note = input(row, "note");
    if (warnings.length && note && !note.value.trim() && !note.disabled) {
      box.appendChild(paragraph("error", say("note_needed", {})));
    }
    var value = input(row, "value");
    if (value) {
      if (errors.length) {
        value.setAttribute("aria-invalid", "true");
      } else if (!row.querySelector(".server-error:not([hidden])")) {
        value.removeAttribute("aria-invalid");
      }
    }
  }

  // Enter moves to the next box of the grid (Shift+Enter to the previous) and never
  // submits the form by accident; Tab works as everywhere.
  form.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key !== "Enter" || target.tagName !== "INPUT" || event.isComposing) {
      return;
    }
    event.preventDefault();
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input.entry-input:not([disabled])"));
    var next = boxes[boxes.indexOf(target) + (event.shiftKey ? -1 : 1)];
    if (next) {
      next.focus();
      next.select();
    } else {
      var save = form.querySelector('button[type="submit"]');
      if (save) {
        save.focus();
      }
    }
  });

  form.addEventListener("input", function (event) {
    var row = event.target.closest("tr[data-code]");
    if (row) {
      row.querySelectorAll(".server-error").forEach(function (node) {
        node.hidden = true;
      });
    }
    checkAll();
  });

  checkAll();
})();
