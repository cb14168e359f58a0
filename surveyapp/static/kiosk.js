// Kiosk: send answers without losing them when the network drops, clear idle forms, and keep every
// page to one participant. The form works without this script (the server does the rest).
(function () {
  "use strict";
  var tablet = document.getElementById("kiosk-tablet");
  if (!tablet) return;
  var form = document.getElementById("kiosk-form");
  var queueName = tablet.dataset.queueName;
  var undeliveredName = queueName + "-undelivered";
  var home = tablet.dataset.home;

  // A page must never come back from the back/forward cache: it is emptied as it is left, and a
  // restored one is replaced by the empty form at once (which also ends leader mode).
  window.addEventListener("pagehide", function () {
    if (form) wipe();
    document.body.hidden = true;
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) location.replace(home);
  });

  function readList(name) {
    try { var value = JSON.parse(localStorage.getItem(name) || "[]"); return Array.isArray(value) ? value : []; }
    catch (e) { return []; }
  }
  function writeList(name, items) {
    if (items.length) localStorage.setItem(name, JSON.stringify(items)); else localStorage.removeItem(name);
  }
  function undelivered() { return Number(localStorage.getItem(undeliveredName) || 0) || 0; }
  function addUndelivered(count) {
    if (count) localStorage.setItem(undeliveredName, String(undelivered() + count));
  }

  // Queued answers are kept only until delivered or until their last day (the session's grace
  // period); then they are removed and only their number is kept, for the leader's pages.
  function pending() {
    var items = readList(queueName);
    var today = tablet.dataset.today;
    var kept = items.filter(function (item) { return item && item.key && item.until && item.until >= today; });
    if (kept.length !== items.length) {
      addUndelivered(items.length - kept.length);
      writeList(queueName, kept);
    }
    return kept;
  }

  function showStatus() {
    var count = pending().length;
    document.querySelectorAll("[data-queue-status]").forEach(function (el) {
      el.textContent = count ? tablet.dataset.unsent.replace("{n}", count) : "";
      el.hidden = count === 0;
    });
    var failed = undelivered();
    document.querySelectorAll("[data-undelivered]").forEach(function (el) {
      el.textContent = failed ? el.dataset.text.replace("{n}", failed) : "";
      el.hidden = failed === 0;
    });
  }

  function send(item) {
    return fetch(tablet.dataset.api, {
      method: "POST", headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ key: item.key, answers: item.answers }), credentials: "same-origin"
    });
  }

  var flushing = false;
  function flush() {
    if (flushing) return;
    var items = pending();
    if (!items.length) { showStatus(); return; }
    flushing = true;
    var item = items[0];
    send(item).then(function (response) {
      var rest = pending().filter(function (other) { return other.key !== item.key; });
      if (response.status === 201 || response.status === 200) {
        writeList(queueName, rest);
      } else if (response.status === 410) {
        // The session's grace period is over: none of the queued answers can be delivered any more.
        writeList(queueName, []);
        addUndelivered(rest.length + 1);
      } else if ([400, 413, 422].indexOf(response.status) >= 0) {
        writeList(queueName, rest);
        addUndelivered(1);
      } else {
        throw new Error("server " + response.status);
      }
      flushing = false;
      showStatus();
      flush();
    }).catch(function () { flushing = false; showStatus(); });
  }

  window.addEventListener("online", flush);
  setInterval(flush, 15000);
  showStatus();
  flush();
  if (!form) return;

  function answersOf() {
    var data = {};
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrf_token" && name !== "_key" && String(value).trim() !== "") data[name] = String(value);
    });
    return data;
  }

  function newKey() {
    var bytes = new Uint8Array(24);
    crypto.getRandomValues(bytes);
    return btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  // Empty every field, its server-rendered default included, so that neither form.reset() nor the
  // browser can bring the answers back; error messages go too.
  function wipe() {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.type === "radio" || el.type === "checkbox") { el.checked = false; el.defaultChecked = false; }
      else if (el.tagName === "SELECT") {
        Array.prototype.forEach.call(el.options, function (o) { o.selected = false; o.defaultSelected = false; });
      } else if (el.name && el.name !== "csrf_token" && el.type !== "submit" && el.type !== "button") {
        el.value = ""; el.defaultValue = "";
      }
      el.removeAttribute("aria-invalid");
    });
    document.querySelectorAll(".error-summary, #kiosk-form .error").forEach(function (el) { el.remove(); });
    form.elements._key.value = newKey();
  }

  // Back to an empty form for the next person: a fresh page from the server (in the session's
  // language) when it can be reached; offline, this page emptied, replaced once the network returns
  // if nobody has started answering on it.
  function nextPerson() {
    if (navigator.onLine) { location.replace(home); return; }
    wipe();
    window.scrollTo(0, 0);
    window.addEventListener("online", function () {
      if (!Object.keys(answersOf()).length) location.replace(home);
    }, { once: true });
  }

  function offlineThanks() {
    form.hidden = true;
    var box = document.getElementById("offline-thanks");
    box.hidden = false;
    wipe();
    setTimeout(function () {
      box.hidden = true;
      form.hidden = false;
      nextPerson();
    }, 1000 * Number(form.dataset.thanksSeconds || 5));
  }

  form.addEventListener("submit", function (event) {
    var data = answersOf();
    var missing = null;
    // A required item's fields (its own, a matrix's rows, a multi item's boxes): one answered at least.
    form.querySelectorAll("[data-required]").forEach(function (box) {
      var answered = box.dataset.required.split(" ").some(function (name) { return data[name]; });
      if (!missing && !answered) missing = box;
    });
    if (missing || !Object.keys(data).length) return; // the server explains on a page of this person's own
    event.preventDefault();
    var item = { key: form.elements._key.value, answers: data, until: tablet.dataset.queueUntil };
    send(item).then(function (response) {
      if (response.status === 201 || response.status === 200) {
        location.replace(form.dataset.thanks);
      } else if (response.status === 422 || response.status === 413) {
        form.submit(); // the server shows the errors on a page of this person's own
      } else if (response.status === 410) {
        location.replace(home);
      } else {
        throw new Error("server " + response.status);
      }
    }).catch(function () {
      writeList(queueName, pending().concat([item]));
      showStatus();
      offlineThanks();
    });
  });

  // Idle reset (WCAG 2.2.1): a modal warning at least 20 seconds before an answered form is
  // cleared; "Continue" or Escape dismisses it. Any page with answers counts, an error page too.
  var idle = Number(form.dataset.idleSeconds || 0);
  var warn = Number(form.dataset.warningSeconds || 20);
  var dialog = document.getElementById("idle-warning");
  if (idle > 0 && dialog && dialog.showModal) {
    var countdown = dialog.querySelector("[data-countdown]");
    var lastActivity = Date.now();
    var warnedAt = null;
    var returnFocus = null;
    ["input", "change", "keydown", "pointerdown", "touchstart", "scroll"].forEach(function (type) {
      document.addEventListener(type, function () { if (!warnedAt) lastActivity = Date.now(); }, true);
    });
    var dismiss = function () {
      warnedAt = null;
      lastActivity = Date.now();
      if (dialog.open) dialog.close();
      if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
    };
    document.getElementById("idle-continue").addEventListener("click", dismiss);
    dialog.addEventListener("cancel", function (event) { event.preventDefault(); dismiss(); });
    setInterval(function () {
      if (!warnedAt && !Object.keys(answersOf()).length) { lastActivity = Date.now(); return; }
      if (!warnedAt && (Date.now() - lastActivity) / 1000 >= Math.max(idle - warn, 0)) {
        warnedAt = Date.now();
        returnFocus = document.activeElement;
        countdown.textContent = String(warn);
        dialog.showModal();
        document.getElementById("idle-continue").focus();
      }
      if (warnedAt) {
        var left = Math.max(0, warn - Math.floor((Date.now() - warnedAt) / 1000));
        countdown.textContent = String(left);
        if (left === 0) {
          warnedAt = null;
          dialog.close();
          returnFocus = null;
          lastActivity = Date.now();
          nextPerson();
        }
      }
    }, 250);
  }
})();
