// The page of a large import file being checked or imported by the background worker:
// asks the job's JSON status every second, moves the progress bar and the "read N/M
// lines" text (written by the server, in the reader's language), and reloads the page
// once the job is over, which then shows the preview or the result. Without JavaScript
// the page reloads itself (<noscript> meta refresh).
(function () {
  "use strict";
  var card = document.getElementById("import-job");
  if (!card) {
    return;
  }
  var url = card.getAttribute("data-status-url");
  var bar = document.getElementById("job-progress");
  var percent = document.getElementById("job-percent");
  var lines = document.getElementById("job-lines");
  var state = document.getElementById("job-state");
  var running = card.getAttribute("data-running") || "";
  var delay = 1000;

  function show(status) {
    if (status.percent !== null && bar) {
      bar.value = status.percent;
      bar.textContent = status.percent + " %";
      percent.textContent = status.percent + " %";
    }
    if (lines) {
      lines.textContent = status.text;
    }
    if (state && status.state === "running") {
      state.textContent = running;
    }
  }

  function ask() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (status) {
        if (status.finished) {
          window.location.reload();
          return;
        }
        show(status);
        delay = 1000;
        window.setTimeout(ask, delay);
      })
      .catch(function () {
        // The server is busy or restarting: ask again, less often.
        delay = Math.min(delay * 2, 10000);
        window.setTimeout(ask, delay);
      });
  }

  window.setTimeout(ask, delay);
})();
