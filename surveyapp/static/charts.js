// Draws every results chart from the figure JSON in its data-figure attribute (no inline script:
// the Content-Security-Policy forbids it). Loaded after plotly.min.js, both deferred.
"use strict";
document.querySelectorAll("[data-figure]").forEach(function (element) {
  var figure = JSON.parse(element.getAttribute("data-figure"));
  window.Plotly.newPlot(element, figure.data, figure.layout, figure.config);
});
