// Class distribution per group, this year against last year (data from json_script).
document.addEventListener("DOMContentLoaded", function () {
  const canvas = document.getElementById("class-chart");
  const source = document.getElementById("class-chart-data");
  if (!canvas || !source || typeof Chart === "undefined") { return; }
  const data = JSON.parse(source.textContent);
  const colours = ["#198754", "#0d6efd", "#ffc107", "#dc3545", "#6c757d", "#6f42c1"];
  const datasets = [];
  data.series.forEach(function (series, i) {
    const colour = colours[i % colours.length];
    datasets.push({label: series.name + " " + data.year, data: series.current,
                   backgroundColor: colour, stack: String(data.year)});
    if (data.has_previous) {
      datasets.push({label: series.name + " " + data.previous_year, data: series.previous,
                     backgroundColor: colour + "66", stack: String(data.previous_year)});
    }
  });
  new Chart(canvas, {
    type: "bar",
    data: {labels: data.labels, datasets: datasets},
    options: {
      maintainAspectRatio: false,
      scales: {x: {stacked: true}, y: {stacked: true, beginAtZero: true, ticks: {precision: 0}}},
    },
  });
});
