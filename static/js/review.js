// Review screens. No inline script (CSP): behaviour hangs on classes and data attributes.

// The board: a header checkbox ticks every row of the page.
document.addEventListener("change", function (event) {
  if (event.target.matches(".js-check-all")) {
    const table = event.target.closest("table");
    table.querySelectorAll("input[name=units]").forEach(function (box) {
      box.checked = event.target.checked;
    });
  }
});

// Every score save bumps the report's version; keep the other forms (decisions) on the new one.
document.addEventListener("autosave:version", function (event) {
  document.querySelectorAll("input.js-report-version").forEach(function (input) {
    input.value = event.detail.version;
  });
});
