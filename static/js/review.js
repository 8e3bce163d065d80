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

// Score rows answer 409 (stale or locked) and 422 (invalid) with the row to show: swap them in
// like a success, so the typed value and the error stay visible.
document.addEventListener("htmx:beforeSwap", function (event) {
  const status = event.detail.xhr.status;
  if (status === 409 || status === 422) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// Every score save bumps the report's version; keep the other rows' forms on the new one.
document.addEventListener("htmx:afterRequest", function (event) {
  const version = event.detail.xhr && event.detail.xhr.getResponseHeader("X-Report-Version");
  if (version) {
    document.querySelectorAll("input.js-report-version").forEach(function (input) {
      input.value = version;
    });
  }
});
