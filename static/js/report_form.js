// The report form: autosave answers that are not 2xx still carry fragments to show.
// 409 (someone else saved first), 422 (the typed value is refused) and 403 (no longer editable)
// are swapped like successes so the user sees both versions or the error next to the field.
document.addEventListener("htmx:beforeSwap", function (event) {
  const status = event.detail.xhr.status;
  if (status === 409 || status === 422 || status === 403) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// Mark the field of each status line as invalid or valid after a save answer.
function markFields() {
  document.querySelectorAll(".autosave-state[data-state]").forEach(function (status) {
    const field = document.getElementById("f-" + status.id.slice(3));
    if (field) {
      field.classList.toggle("is-invalid", status.dataset.state === "error");
    }
  });
}
document.addEventListener("htmx:afterSettle", markFields);
document.addEventListener("htmx:oobAfterSwap", markFields);

// Say "saving…" while a field's save is on its way.
document.addEventListener("htmx:beforeRequest", function (event) {
  const key = event.detail.elt.dataset && event.detail.elt.dataset.key;
  const status = key && document.getElementById("st-" + key);
  if (status) {
    const form = document.getElementById("report-form");
    status.textContent = (form && form.dataset.savingLabel) || "…";
    status.className = "autosave-state small text-muted";
    delete status.dataset.state;
  }
});
