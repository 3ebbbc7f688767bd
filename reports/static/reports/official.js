/* The official layout's Print button (no inline script: the pages' CSP allows none). */
(function () {
  "use strict";
  var button = document.getElementById("print-page");
  if (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  }
})();
