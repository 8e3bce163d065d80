// Small behaviours, no inline script anywhere (the Content Security Policy forbids it).
document.addEventListener("change", function (event) {
  if (event.target.matches(".js-autosubmit")) {
    event.target.form.submit();
  }
});

// Confirm before destructive steps: <form data-confirm="..."> or <button data-confirm="...">.
document.addEventListener("submit", function (event) {
  const form = event.target;
  const message = (event.submitter && event.submitter.dataset.confirm) || form.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
}, true);

// Polling progress bars: <progress data-poll-url="..."> reloads the page when the job is done.
function pollProgress(bar) {
  fetch(bar.dataset.pollUrl, {headers: {"Accept": "application/json"}})
    .then(function (response) { return response.json(); })
    .then(function (data) {
      bar.max = data.total || 1;
      bar.value = data.done || 0;
      const label = document.getElementById(bar.id + "-label");
      if (label) { label.textContent = data.label || ""; }
      if (data.finished) {
        window.location.href = data.redirect || window.location.href;
      } else {
        window.setTimeout(function () { pollProgress(bar); }, 700);
      }
    })
    .catch(function () { window.setTimeout(function () { pollProgress(bar); }, 2000); });
}
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("progress[data-poll-url]").forEach(pollProgress);
});
