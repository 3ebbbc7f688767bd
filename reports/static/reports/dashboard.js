/* The dashboard's charts and filters.
 *
 * Each `.js-chart` names, in data-figure, the <script type="application/json"> that holds
 * its plotly figure (built on the server); plotly.js is served by the app itself.
 * Changing a filter reloads the page with the filters in the URL, so a view can be shared.
 */
(function () {
  "use strict";

  var CONFIG = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ["select2d", "lasso2d"] };

  function draw(container) {
    var source = document.getElementById(container.getAttribute("data-figure"));
    if (!source || !window.Plotly) {
      return;
    }
    var figure = JSON.parse(source.textContent);
    window.Plotly.newPlot(container, figure.data, figure.layout, CONFIG);
  }

  function watchFilters(form) {
    form.addEventListener("change", function (event) {
      var changed = event.target.name;
      // Another plan has other years, units and indicators: start from its defaults.
      var reset = changed === "plan" ? ["year", "unit", "indicator", "trend"] : [];
      // Another unit has other quotas below it.
      if (changed === "unit") {
        reset = ["indicator"];
      }
      reset.forEach(function (name) {
        var field = form.elements[name];
        if (field) {
          field.disabled = true;
        }
      });
      form.submit();
    });
  }

  document.querySelectorAll(".js-chart").forEach(draw);
  var form = document.getElementById("dashboard-filters");
  if (form) {
    watchFilters(form);
  }
})();
