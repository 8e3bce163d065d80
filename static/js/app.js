// Small behaviours, no inline script anywhere (the Content Security Policy forbids it).
document.addEventListener("change", function (event) {
  if (event.target.matches(".js-autosubmit")) {
    event.target.form.submit();
  }
});

// Confirm before destructive steps: <form data-confirm="..."> or <button data-confirm="...">.
// One rule for both kinds of form: a plain form is stopped at its submit event; a form or button
// that htmx sends is asked in htmx's own confirm step, because htmx issues its request whatever
// a submit listener decides.
function confirmMessage(form, submitter) {
  return (submitter && submitter.dataset.confirm) || (form && form.dataset.confirm) || "";
}
function sentByHtmx(elt) {
  return ["hx-post", "hx-get", "hx-put", "hx-patch", "hx-delete"].some(function (name) {
    return elt.hasAttribute(name);
  });
}
document.addEventListener("submit", function (event) {
  const form = event.target;
  if (sentByHtmx(form) || (event.submitter && sentByHtmx(event.submitter))) {
    return;
  }
  const message = confirmMessage(form, event.submitter);
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
}, true);
document.addEventListener("htmx:confirm", function (event) {
  const elt = event.detail.elt;
  const form = elt.tagName === "FORM" ? elt : elt.closest("form");
  const submitter = event.detail.triggeringEvent && event.detail.triggeringEvent.submitter;
  const message = elt.dataset.confirm || confirmMessage(form, submitter);
  if (!message) {
    return;
  }
  event.preventDefault();
  if (window.confirm(message)) {
    event.detail.issueRequest(true);
  }
});

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
