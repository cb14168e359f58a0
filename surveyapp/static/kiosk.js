// Kiosk: send answers without losing them when the network drops, clear idle forms, and keep
// the previous participant's page out of the back button. The form works without this script.
(function () {
  "use strict";
  var form = document.getElementById("kiosk-form");
  var queueName = form ? form.dataset.queueName : sessionStorage.getItem("surveyapp-kiosk-queue-name");

  // A page restored from the back/forward cache could show the previous participant's answers.
  window.addEventListener("pageshow", function (event) { if (event.persisted) location.reload(); });

  function read(name) {
    try { return JSON.parse(localStorage.getItem(name) || "[]"); } catch (e) { return []; }
  }
  function write(name, items) { localStorage.setItem(name, JSON.stringify(items)); }
  var pending = function () { return queueName ? read(queueName) : []; };
  var undeliveredName = queueName ? queueName + "-undelivered" : null;

  function showStatus() {
    var count = pending().length;
    var failed = undeliveredName ? read(undeliveredName) : [];
    document.querySelectorAll("[data-queue-status]").forEach(function (el) {
      var parts = [];
      if (count) parts.push("Lähettämättä / Unsent: " + count);
      if (failed.length) parts.push("Ei toimitettu / Not delivered: " + failed.length);
      el.textContent = parts.join(" · ");
      el.hidden = parts.length === 0;
    });
    document.querySelectorAll("[data-undelivered]").forEach(function (box) {
      var list = box.querySelector("[data-undelivered-list]");
      list.textContent = "";
      failed.forEach(function (item) {
        var li = document.createElement("li");
        li.textContent = Object.keys(item.answers).map(function (k) { return k + ": " + item.answers[k]; }).join("; ");
        list.appendChild(li);
      });
      box.hidden = failed.length === 0;
    });
  }

  function send(item) {
    return fetch(item.api, {
      method: "POST", headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ key: item.key, answers: item.answers }), credentials: "same-origin"
    });
  }

  var flushing = false;
  function flush() {
    if (flushing || !queueName) return;
    var items = pending();
    if (!items.length) { showStatus(); return; }
    flushing = true;
    var item = items[0];
    send(item).then(function (response) {
      var rest = pending().filter(function (other) { return other.key !== item.key; });
      if (response.status === 201 || response.status === 200) {
        write(queueName, rest);
      } else if ([400, 410, 413, 422].indexOf(response.status) >= 0) {
        // Never accepted however often it is sent; kept, never silently dropped: shown to the leader as not delivered.
        write(queueName, rest);
        write(undeliveredName, read(undeliveredName).concat([item]));
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

  if (!form) { showStatus(); flush(); return; }
  sessionStorage.setItem("surveyapp-kiosk-queue-name", queueName);
  form.reset();

  function answersOf() {
    var data = {};
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrf_token" && name !== "_key" && String(value).trim() !== "") data[name] = String(value);
    });
    return data;
  }

  function missingRequired(data) {
    var missing = null;
    form.querySelectorAll("[data-required]").forEach(function (box) {
      if (!missing && !data[box.dataset.required]) missing = box;
    });
    return missing;
  }

  function newKey() {
    var bytes = new Uint8Array(24);
    crypto.getRandomValues(bytes);
    return btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function offlineThanks() {
    form.hidden = true;
    var box = document.getElementById("offline-thanks");
    box.hidden = false;
    setTimeout(function () {
      form.reset();
      form.elements._key.value = newKey();
      box.hidden = true;
      form.hidden = false;
      window.scrollTo(0, 0);
    }, 1000 * Number(form.dataset.thanksSeconds || 5));
  }

  form.addEventListener("submit", function (event) {
    var data = answersOf();
    var missing = missingRequired(data);
    if (missing) return; // the server explains what is missing, keeping every answer
    event.preventDefault();
    var item = { api: form.dataset.api, key: form.elements._key.value, answers: data };
    send(item).then(function (response) {
      if (response.status === 201 || response.status === 200) {
        location.replace(form.dataset.thanks);
      } else if (response.status === 422 || response.status === 413) {
        form.submit(); // the server shows the errors next to the answers, or the "too much text" page
      } else if (response.status === 410) {
        location.reload();
      } else {
        throw new Error("server " + response.status);
      }
    }).catch(function () {
      write(queueName, pending().concat([item]));
      showStatus();
      offlineThanks();
    });
  });

  // Idle reset (WCAG 2.2.1): warn and give 20 seconds to continue before clearing.
  var idle = Number(form.dataset.idleSeconds || 0);
  if (idle > 0) {
    var warning = document.getElementById("idle-warning");
    var countdown = warning.querySelector("[data-countdown]");
    var lastActivity = Date.now();
    var warnedAt = null;
    var hasAnswers = function () { return Object.keys(answersOf()).length > 0; };
    ["input", "change", "keydown", "pointerdown", "touchstart"].forEach(function (type) {
      document.addEventListener(type, function (event) {
        if (warnedAt && !warning.contains(event.target)) return;
        if (!warnedAt) lastActivity = Date.now();
      }, true);
    });
    document.getElementById("idle-continue").addEventListener("click", function () {
      warnedAt = null;
      warning.hidden = true;
      lastActivity = Date.now();
    });
    setInterval(function () {
      if (!hasAnswers()) { lastActivity = Date.now(); return; }
      var quiet = (Date.now() - lastActivity) / 1000;
      if (!warnedAt && quiet >= Math.max(idle - 20, 0)) {
        warnedAt = Date.now();
        warning.hidden = false;
        document.getElementById("idle-continue").focus();
      }
      if (warnedAt) {
        var left = Math.max(0, 20 - Math.floor((Date.now() - warnedAt) / 1000));
        countdown.textContent = String(left);
        if (left === 0) {
          form.reset();
          form.elements._key.value = newKey();
          warnedAt = null;
          warning.hidden = true;
          window.scrollTo(0, 0);
        }
      }
    }, 500);
  }

  showStatus();
  flush();
})();
