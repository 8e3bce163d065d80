// Dashboards: draws every <canvas data-chart="ID"> from the JSON in <script id="ID">
// (rendered with json_script). The table next to each chart holds the same numbers.
(function () {
  "use strict";

  const COLOURS = ["#b02a37", "#0d6efd", "#198754", "#fd7e14", "#6f42c1", "#20c997", "#6c757d"];

  // A dashed vertical line at one label, e.g. the submission deadline of the burn-up chart.
  const markerLine = {
    id: "markerLine",
    afterDatasetsDraw: function (chart, args, marker) {
      if (!marker || marker.index === undefined || marker.index === null) { return; }
      const x = chart.scales.x.getPixelForValue(marker.index);
      const area = chart.chartArea;
      const ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = "#dc3545";
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      ctx.moveTo(x, area.top);
      ctx.lineTo(x, area.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = "#dc3545";
      ctx.textAlign = x > (area.left + area.right) / 2 ? "right" : "left";
      ctx.fillText(marker.label || "", x + (ctx.textAlign === "left" ? 4 : -4), area.top + 12);
      ctx.restore();
    }
  };

  function datasets(data) {
    return data.datasets.map(function (set, i) {
      const colour = COLOURS[i % COLOURS.length];
      return {
        label: set.label,
        data: set.data,
        borderColor: colour,
        backgroundColor: data.type === "line" || data.type === "radar" ? colour + "33" : colour,
        borderWidth: data.type === "bar" ? 0 : 2,
        stepped: data.type === "line" && data.marker ? true : false,
        pointRadius: data.type === "line" && data.labels.length > 40 ? 0 : 3,
        spanGaps: true
      };
    });
  }

  function options(data) {
    const valueAxis = data.horizontal ? "x" : "y";
    const scales = {};
    if (data.type !== "radar") {
      scales.x = {stacked: data.stacked};
      scales.y = {stacked: data.stacked};
      scales[valueAxis].beginAtZero = true;
      if (data.percent) {
        scales[valueAxis].max = 100;
        scales[valueAxis].ticks = {callback: function (value) { return value + "%"; }};
      }
    } else {
      scales.r = {beginAtZero: true, max: data.percent ? 100 : undefined};
    }
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      indexAxis: data.horizontal ? "y" : "x",
      scales: scales,
      plugins: {
        legend: {display: data.datasets.length > 1, position: "bottom"},
        markerLine: data.marker
      }
    };
  }

  function draw(canvas) {
    const source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof Chart === "undefined") { return; }
    const data = JSON.parse(source.textContent);
    new Chart(canvas, {
      type: data.type,
      data: {labels: data.labels, datasets: datasets(data)},
      options: options(data),
      plugins: [markerLine]
    });
    canvas.dataset.drawn = "true";
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  });
})();
