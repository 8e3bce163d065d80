// Autosave of the report form and the review screen: one field, one save at a time.
//
// Markup: a container [data-autosave-scope] holds the report's version and the Vietnamese
// labels; each field has data-autosave (its URL), data-key and a status element #st-KEY.
// The answer of a save is a set of fragments; only status and total elements are replaced, never
// a field or anything holding the element the user is typing in. What was typed is kept in
// localStorage until the server has it, so a dropped network, an expired session or a closed tab
// loses nothing; on the next visit unsaved text is offered back, never applied silently.
(function () {
  "use strict";
  const DEBOUNCE_MS = 1200;
  const RETRY_MAX_MS = 30000;
  const EXPIRED_RETRY_MS = 5000;

  function Scope(root) {
    this.root = root;
    this.name = root.dataset.autosaveScope;
    this.version = root.dataset.version;
    this.fields = {};
    const scope = this;
    root.querySelectorAll("[data-autosave]").forEach(function (field) {
      scope.fields[field.dataset.key] = new Field(scope, field);
    });
    root.addEventListener("click", function (event) { scope.onClick(event); });
    window.addEventListener("online", function () { scope.retryAll(); });
    window.addEventListener("focus", function () { scope.retryAll(); });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") { scope.retryAll(); }
    });
    Object.keys(this.fields).forEach(function (key) { scope.fields[key].offerUnsaved(); });
  }

  Scope.prototype.label = function (name) {
    return this.root.dataset["l" + name.charAt(0).toUpperCase() + name.slice(1)] || "";
  };

  Scope.prototype.retryAll = function () {
    const fields = this.fields;
    Object.keys(fields).forEach(function (key) {
      const field = fields[key];
      if (field.waiting) { field.retryNow(); }
    });
  };

  Scope.prototype.onClick = function (event) {
    const button = event.target.closest("[data-autosave-action]");
    if (!button) { return; }
    const field = this.fields[button.dataset.field];
    if (!field) { return; }
    event.preventDefault();
    const action = button.dataset.autosaveAction;
    if (action === "overwrite") { field.overwrite(button); }
    else if (action === "keep") { field.keepSaved(button); }
    else if (action === "restore") { field.restore(); }
    else if (action === "discard") { field.discard(); }
  };

  // Replace the elements of `html` that are status or totals; report whether a conflict came.
  Scope.prototype.apply = function (html) {
    const holder = document.createElement("template");
    holder.innerHTML = html;
    holder.content.querySelectorAll("[id]").forEach(function (incoming) {
      if (incoming.parentElement && incoming.parentElement.closest("[id]")) { return; }
      const current = document.getElementById(incoming.id);
      if (!current || holdsInput(current)) { return; }
      incoming.removeAttribute("hx-swap-oob");
      current.replaceWith(incoming);
    });
  };

  function holdsInput(element) {
    if (element.contains(document.activeElement) && document.activeElement !== document.body) {
      return true;
    }
    return element.matches("input:not([type=hidden]), textarea, select") ||
      element.querySelector("input:not([type=hidden]), textarea, select") !== null;
  }

  function Field(scope, element) {
    this.scope = scope;
    this.element = element;
    this.key = element.dataset.key;
    this.url = element.dataset.autosave;
    this.base = element.type === "checkbox" ? "" : element.defaultValue;
    this.inFlight = false;
    this.queued = false;
    this.conflict = false;
    this.waiting = false;   // offline, expired or server trouble: a retry is planned
    this.attempt = 0;
    this.timer = null;
    const field = this;
    element.addEventListener("input", function () {
      field.remember();
      window.clearTimeout(field.timer);
      field.timer = window.setTimeout(function () { field.save(); }, DEBOUNCE_MS);
    });
    element.addEventListener("change", function () { field.save(); });
  }

  Field.prototype.status = function () {
    return document.getElementById("st-" + this.key);
  };

  Field.prototype.show = function (state, text, extra) {
    const status = this.status();
    if (!status) { return; }
    status.textContent = text;
    if (extra) { status.appendChild(extra); }
    status.dataset.state = state;
    status.className = "autosave-state small " + ({
      saving: "text-muted", offline: "text-warning-emphasis", expired: "text-danger",
      server: "text-warning-emphasis", offer: "text-primary-emphasis", saved: "text-success",
      error: "text-danger",
    }[state] || "");
    this.mark();
    if (state !== "saving") { this.announce(); }
  };

  // An invalid or conflicting value is marked for the eye (red) and for assistive technology:
  // aria-invalid, and aria-describedby naming the status element that says what is wrong.
  Field.prototype.mark = function () {
    const status = this.status();
    const state = status && status.dataset.state;
    const invalid = state === "error" || state === "conflict";
    this.element.classList.toggle("is-invalid", invalid);
    if (invalid) {
      this.element.setAttribute("aria-invalid", "true");
      const described = (this.element.getAttribute("aria-describedby") || "").split(/\s+/);
      if (!described.includes(status.id)) {
        this.element.setAttribute("aria-describedby", described.concat(status.id).join(" ").trim());
      }
    } else {
      this.element.removeAttribute("aria-invalid");
    }
  };

  // What became of a save is read out once, in the page's one live region (#announcer).
  Field.prototype.announce = function () {
    const status = this.status();
    const text = status && status.textContent.replace(/\s+/g, " ").trim();
    if (!text || !window.announce) { return; }
    const label = document.querySelector("label[for='" + this.element.id + "']");
    window.announce((label ? label.textContent.trim() + ": " : "") + text);
  };

  // --- Local copy ------------------------------------------------------------------------------

  Field.prototype.storagePrefix = function () {
    return "danvan:" + this.scope.name + ":" + this.key + ":";
  };

  Field.prototype.storedKeys = function () {
    const prefix = this.storagePrefix();
    const keys = [];
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i);
      if (key && key.indexOf(prefix) === 0) { keys.push(key); }
    }
    return keys;
  };

  Field.prototype.remember = function () {
    try {
      this.forget();
      localStorage.setItem(this.storagePrefix() + "v" + this.scope.version, JSON.stringify({
        value: this.element.value, base: this.base, at: Date.now(),
      }));
    } catch (error) { /* storage full or disabled: the server copy is all there is */ }
  };

  Field.prototype.forget = function () {
    try { this.storedKeys().forEach(function (key) { localStorage.removeItem(key); }); }
    catch (error) { /* nothing stored */ }
  };

  Field.prototype.stored = function () {
    let latest = null;
    try {
      this.storedKeys().forEach(function (key) {
        const entry = JSON.parse(localStorage.getItem(key));
        if (entry && (!latest || entry.at > latest.at)) { latest = entry; }
      });
    } catch (error) { return null; }
    return latest;
  };

  Field.prototype.offerUnsaved = function () {
    const entry = this.stored();
    if (!entry) { return; }
    if (entry.value === this.element.value) { this.forget(); return; }
    this.offer = entry;
    const time = new Date(entry.at);
    const when = String(time.getHours()).padStart(2, "0") + ":" +
      String(time.getMinutes()).padStart(2, "0") + " " +
      String(time.getDate()).padStart(2, "0") + "/" +
      String(time.getMonth() + 1).padStart(2, "0") + "/" + time.getFullYear();
    const box = document.createElement("div");
    box.className = "alert alert-primary p-2 mt-1 mb-0 unsaved-offer";
    const text = document.createElement("p");
    text.className = "mb-1";
    text.textContent = this.scope.label("offer").replace("{time}", when);
    const preview = document.createElement("div");
    preview.className = "border rounded bg-white p-1 text-prewrap unsaved-text";
    preview.textContent = entry.value || "—";
    const buttons = document.createElement("div");
    buttons.className = "mt-2 d-flex gap-2";
    buttons.appendChild(this.button("restore", this.scope.label("restore"), "btn-primary"));
    buttons.appendChild(this.button("discard", this.scope.label("discard"), "btn-outline-secondary"));
    box.append(text, preview, buttons);
    this.show("offer", "", box);
  };

  Field.prototype.button = function (action, text, style) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-sm " + style;
    button.dataset.autosaveAction = action;
    button.dataset.field = this.key;
    button.textContent = text;
    return button;
  };

  Field.prototype.restore = function () {
    if (!this.offer) { return; }
    this.element.value = this.offer.value;
    this.base = this.offer.base;  // saved against what it was typed on: a later change conflicts
    this.offer = null;
    this.save();
  };

  Field.prototype.discard = function () {
    this.offer = null;
    this.forget();
    this.show("", "");
  };

  // --- Saving ----------------------------------------------------------------------------------

  Field.prototype.save = function () {
    window.clearTimeout(this.timer);
    if (this.conflict || this.offer) { this.remember(); return; }
    if (this.inFlight) { this.queued = true; return; }
    const status = this.status();
    const shown = status && status.dataset.state;
    if (this.element.value === this.base && !this.waiting && !this.forced && shown !== "error") {
      this.forget();
      return;
    }
    this.send();
  };

  Field.prototype.retryNow = function () {
    window.clearTimeout(this.timer);
    if (!this.inFlight) { this.send(); }
  };

  Field.prototype.retryLater = function (delay) {
    const field = this;
    this.waiting = true;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(function () { field.retryNow(); }, delay);
  };

  Field.prototype.send = function () {
    const field = this;
    const scope = this.scope;
    const value = this.element.value;
    const body = new URLSearchParams();
    body.append(this.element.name, value);
    body.append("base-" + this.element.name, this.base);
    body.append("version", scope.version);
    this.inFlight = true;
    this.queued = false;
    this.forced = false;
    this.remember();
    if (!this.waiting) { this.show("saving", scope.label("saving")); }
    fetch(this.url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      redirect: "manual",
      headers: {"X-CSRFToken": window.csrfToken(), "HX-Request": "true", "X-Autosave": "1"},
    }).then(function (response) {
      return response.text().then(function (text) { field.answered(response, text, value); });
    }, function () {
      field.inFlight = false;
      field.attempt += 1;
      field.show("offline", scope.label("offline"));
      field.retryLater(Math.min(1000 * Math.pow(2, field.attempt - 1), RETRY_MAX_MS));
    });
  };

  Field.prototype.expired = function () {
    const scope = this.scope;
    const link = document.createElement("a");
    link.href = scope.root.dataset.loginUrl;
    link.target = "_blank";
    link.rel = "noopener";
    link.className = "ms-1";
    link.textContent = scope.label("login");
    this.show("expired", scope.label("expired") + " ", link);
    this.retryLater(EXPIRED_RETRY_MS);
  };

  Field.prototype.answered = function (response, text, sent) {
    const scope = this.scope;
    this.inFlight = false;
    const status = response.status;
    if (response.type === "opaqueredirect" || status === 401 ||
        (status === 403 && response.headers.get("X-Danvan-Reason") === "csrf")) {
      this.expired();
      return;
    }
    const plain = (response.headers.get("Content-Type") || "").indexOf("text/plain") === 0;
    if (plain && status >= 400 && status < 500) {
      // The portal's short message for a refusal (too large, not allowed, not found, locked):
      // said next to the field; what was typed stays in the field and in the browser.
      this.waiting = false;
      this.attempt = 0;
      this.remember();
      this.show("error", text);
      return;
    }
    if (![200, 403, 409, 422].includes(status)) {
      this.attempt += 1;
      this.show("server", scope.label("server"));
      this.retryLater(Math.min(2000 * Math.pow(2, this.attempt - 1), RETRY_MAX_MS));
      return;
    }
    this.waiting = false;
    this.attempt = 0;
    const version = response.headers.get("X-Report-Version");
    if (version) {
      scope.version = version;
      document.dispatchEvent(new CustomEvent("autosave:version", {detail: {version: version}}));
    }
    scope.apply(text);
    const state = this.status() && this.status().dataset.state;
    this.mark();
    this.announce();
    if (status === 409 && state === "conflict") {
      this.conflict = true;
      this.remember();
      return;
    }
    if (status === 200) {
      this.base = sent;
      if (this.element.value === sent) { this.forget(); }
    }
    if (this.queued || (status === 200 && this.element.value !== sent)) { this.save(); }
  };

  // --- Conflicts -------------------------------------------------------------------------------

  Field.prototype.savedValue = function (button) {
    const block = button.closest("[data-saved]");
    return block ? block.dataset.saved : "";
  };

  Field.prototype.overwrite = function (button) {
    this.base = this.savedValue(button);
    this.conflict = false;
    this.forced = true;
    this.save();
  };

  Field.prototype.keepSaved = function (button) {
    const saved = this.savedValue(button);
    this.element.value = saved;
    this.base = saved;
    this.conflict = false;
    this.forget();
    this.show("saved", this.scope.label("kept"));
  };

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-autosave-scope]").forEach(function (root) {
      root.autosave = new Scope(root);
    });
  });
}());
