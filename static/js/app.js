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

// Requests read the CSRF token from the cookie each time: logging in again in another tab
// rotates it, and the token printed in the page would be refused. Autosave uses it too.
window.csrfToken = function () {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
};
document.addEventListener("htmx:configRequest", function (event) {
  const token = window.csrfToken();
  if (token) { event.detail.headers["X-CSRFToken"] = token; }
});

// Answers that carry a fragment to show (409 conflict, 422 refused input, 403 no longer allowed)
// are swapped like successes. A lost session is never swapped in: neither the login page it
// redirects to nor the refusal of a stale token; a dropped connection is said too.
function sessionLost(xhr) {
  if (xhr.status === 403 && xhr.getResponseHeader("X-Danvan-Reason") === "csrf") { return true; }
  const login = document.body.dataset.loginUrl;
  return Boolean(login && xhr.responseURL && new URL(xhr.responseURL).pathname === login);
}
function warnNear(target, message) {
  if (!target || !message) { return; }
  let box = target.parentElement && target.parentElement.querySelector(":scope > .js-request-warning");
  if (!box) {
    box = document.createElement("div");
    box.className = "alert alert-warning py-1 px-2 small js-request-warning";
    box.setAttribute("role", "alert");
    target.insertAdjacentElement("afterend", box);
  }
  box.textContent = message;
}
document.addEventListener("htmx:beforeSwap", function (event) {
  const xhr = event.detail.xhr;
  if (sessionLost(xhr)) {
    event.detail.shouldSwap = false;
    event.detail.isError = false;
    warnNear(event.detail.target, document.body.dataset.sessionExpired);
  } else if ([403, 409, 422].includes(xhr.status)) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
document.addEventListener("htmx:sendError", function (event) {
  warnNear(event.detail.target, document.body.dataset.connectionLost);
});
document.addEventListener("htmx:beforeRequest", function (event) {
  const target = event.detail.target;
  const box = target && target.parentElement &&
    target.parentElement.querySelector(":scope > .js-request-warning");
  if (box) { box.remove(); }  // a new attempt: the old warning no longer applies
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

// Accessibility, once for every page (issue 19).
// Each table in the page scrolls inside its own box, a named region keyboard users can focus
// and scroll; on a narrow screen a hint says the box scrolls sideways.
function tableName(table) {
  const caption = table.querySelector("caption");
  if (caption && caption.textContent.trim()) { return caption.textContent.trim(); }
  if (table.getAttribute("aria-label")) { return table.getAttribute("aria-label"); }
  const box = table.closest("section, .card, article, form, main");
  const heading = box && box.querySelector("h1, h2, h3, h4, h5, h6, .card-header, legend");
  if (heading && heading.textContent.trim()) { return heading.textContent.trim().replace(/\s+/g, " "); }
  return document.body.dataset.tableLabel || "";
}
function scrollBoxes(root) {
  root.querySelectorAll("main table").forEach(function (table) {
    let box = table.parentElement;
    if (!box.classList.contains("table-responsive") && !box.classList.contains("table-scroll")) {
      box = document.createElement("div");
      table.parentElement.insertBefore(box, table);
      box.appendChild(table);
    }
    if (box.dataset.scrollBox) { return; }
    box.dataset.scrollBox = "1";
    box.classList.add("table-scroll");
    box.setAttribute("role", "region");
    box.setAttribute("tabindex", "0");
    if (!box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby")) {
      box.setAttribute("aria-label", tableName(table));
    }
    const hint = document.createElement("p");
    hint.className = "table-scroll-hint";
    hint.setAttribute("aria-hidden", "true");
    hint.textContent = document.body.dataset.scrollHint || "";
    box.parentElement.insertBefore(hint, box);
  });
  showScrollHints();
}
function showScrollHints() {
  document.querySelectorAll("[data-scroll-box]").forEach(function (box) {
    const hint = box.previousElementSibling;
    if (hint && hint.classList.contains("table-scroll-hint")) {
      hint.classList.toggle("is-shown", box.scrollWidth > box.clientWidth + 1);
    }
  });
}
document.addEventListener("DOMContentLoaded", function () { scrollBoxes(document); });
document.addEventListener("htmx:afterSettle", function (event) { scrollBoxes(event.detail.elt.ownerDocument || document); });
window.addEventListener("resize", showScrollHints);

// One polite live region (#announcer in base.html) reads out results of uploads and saves.
window.announce = function (message) {
  const region = document.getElementById("announcer");
  if (!region || !message) { return; }
  region.textContent = "";
  window.setTimeout(function () { region.textContent = message; }, 50);
};
// The server can announce a result with an `HX-Trigger: {"announce": "..."}` header, and a
// swapped-in element can carry one in data-announce.
document.addEventListener("announce", function (event) {
  window.announce(event.detail && (event.detail.value || event.detail.message));
});
document.addEventListener("htmx:afterSettle", function (event) {
  const elt = event.detail.elt;
  const said = elt && (elt.matches("[data-announce]") ? elt : elt.querySelector("[data-announce]"));
  if (said) { window.announce(said.dataset.announce); }
});

// A sticky bar at the top of the page: jump targets land below it (CSS --sticky-offset).
function stickyOffset() {
  const bar = document.querySelector("main .sticky-top");
  document.documentElement.style.setProperty("--sticky-offset", (bar ? bar.offsetHeight : 0) + "px");
}
document.addEventListener("DOMContentLoaded", stickyOffset);
window.addEventListener("resize", stickyOffset);
document.addEventListener("htmx:afterSettle", stickyOffset);
// The skip link and in-page jumps move the keyboard focus to where they land, too.
document.addEventListener("click", function (event) {
  const link = event.target.closest("a[href^='#']");
  if (!link || link.getAttribute("href").length < 2) { return; }
  const target = document.getElementById(link.getAttribute("href").slice(1));
  if (!target) { return; }
  if (!target.matches("a, button, input, select, textarea, [tabindex]")) { target.setAttribute("tabindex", "-1"); }
  window.setTimeout(function () { target.focus({preventScroll: true}); }, 0);
});

// A text box with a maximum ([data-maxlength], danvan/limits.py) says how much is left once
// nine tenths are used, and how much is too much past it; the server refuses a longer text and
// autosave keeps it, so nothing is cut here.
document.addEventListener("input", function (event) {
  const field = event.target;
  if (!field.matches || !field.matches("[data-maxlength]")) { return; }
  const max = parseInt(field.dataset.maxlength, 10);
  const left = max - field.value.length;
  let counter = document.getElementById("count-" + field.id);
  if (!counter) {
    counter = document.createElement("div");
    counter.id = "count-" + field.id;
    counter.className = "form-text";
    counter.dataset.counter = "";
    field.insertAdjacentElement("afterend", counter);
  }
  const number = function (n) { return n.toLocaleString(document.documentElement.lang || "vi"); };
  if (left < 0) {
    counter.textContent = field.dataset.charsOver.replace("{n}", number(-left));
    counter.classList.add("text-danger");
  } else if (left <= max / 10) {
    counter.textContent = field.dataset.charsLeft.replace("{n}", number(left));
    counter.classList.remove("text-danger");
  } else {
    counter.textContent = "";
  }
});
