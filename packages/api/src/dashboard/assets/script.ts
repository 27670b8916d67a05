/**
 * The dashboard's only script, served at /assets/dashboard.js (the CSP runs no inline script). It drives the
 * feeds page: it keeps the admin key the user types in sessionStorage (this tab only; never in a URL, a cookie
 * or the page), and calls the API with it: POST /feeds, POST /feeds/import, PATCH /feeds/{id}. Everything it
 * shows goes through textContent. The page works read-only without it; the write forms stay disabled.
 *
 * Plain ES2020 in a string (no backslashes or template placeholders) so that it is served as written, with no build
 * step; the browser tests run it.
 */
export const DASHBOARD_SCRIPT = `"use strict";
(function () {
  var KEY = "storywire.adminKey";
  var FLASH = "storywire.flash";
  var root = document.querySelector("[data-feeds-page]");
  if (!root) return;
  var flashBox = document.getElementById("flash");
  var keyState = document.getElementById("key-state");
  var keyInput = document.getElementById("admin-key");

  function storedKey() {
    try { return sessionStorage.getItem(KEY) || ""; } catch (e) { return ""; }
  }
  function setKey(value) {
    try {
      if (value) sessionStorage.setItem(KEY, value); else sessionStorage.removeItem(KEY);
    } catch (e) {
      flash("bad", "This browser does not allow session storage, so the key cannot be kept; allow it for this site.");
    }
    showKeyState();
  }
  function showKeyState() {
    keyState.textContent = storedKey()
      ? "An admin key is set for this tab (kept in this tab's session storage until you close it or forget it)."
      : "No admin key is set: reading works, changes need the key.";
  }

  function flash(kind, text, items) {
    flashBox.className = "flash " + kind;
    flashBox.replaceChildren();
    var p = document.createElement("p");
    p.textContent = text;
    flashBox.appendChild(p);
    if (items && items.length) {
      var ul = document.createElement("ul");
      items.forEach(function (item) {
        var li = document.createElement("li");
        li.textContent = item;
        ul.appendChild(li);
      });
      flashBox.appendChild(ul);
    }
    flashBox.focus();
  }
  function reloadWith(kind, text, items) {
    try { sessionStorage.setItem(FLASH, JSON.stringify({ kind: kind, text: text, items: items || [] })); } catch (e) {}
    location.reload();
  }
  function showPendingFlash() {
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(FLASH) || "null"); sessionStorage.removeItem(FLASH); } catch (e) {}
    if (saved && typeof saved.text === "string") flash(saved.kind === "ok" ? "ok" : "bad", saved.text, saved.items);
  }

  async function call(method, path, body, contentType) {
    var key = storedKey();
    if (!key) {
      flash("bad", "Enter the admin key above first: changing feeds needs it.");
      keyInput.focus();
      return null;
    }
    var res;
    try {
      res = await fetch(path, {
        method: method,
        headers: { authorization: "Bearer " + key, "content-type": contentType, accept: "application/json" },
        body: body,
        credentials: "same-origin",
        cache: "no-store",
      });
    } catch (error) {
      flash("bad", "The API could not be reached (" + error.message + "). Check that Storywire is running, then try again.");
      return null;
    }
    var data = null;
    try { data = await res.json(); } catch (e) {}
    if (!res.ok) {
      var detail = data && typeof data.detail === "string" ? data.detail : "The API answered HTTP " + res.status + ".";
      flash("bad", detail);
      return null;
    }
    return { status: res.status, data: data };
  }

  function feedName(feed, fallback) {
    return (feed && (feed.title || feed.url)) || fallback;
  }
  /** "Line 7 (Kyiv Independent)" or "Line 7 (https://…)": where an entry is in the file the user chose. */
  function entryPlace(entry) {
    var name = entry.title || entry.url;
    return "Line " + entry.line + (name ? " (" + name + ")" : "");
  }
  function count(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }
  /** The answer of POST /feeds/import ({ added, existing, duplicates, problems }) as a sentence and a list. */
  function importSummary(data) {
    var list = function (name) { return data && Array.isArray(data[name]) ? data[name] : []; };
    var added = list("added"), existing = list("existing"), duplicates = list("duplicates"), problems = list("problems");
    var parts = [count(added.length, "feed added", "feeds added")];
    if (existing.length) parts.push(count(existing.length, "already watched", "already watched"));
    if (duplicates.length) parts.push(count(duplicates.length, "duplicate entry skipped", "duplicate entries skipped"));
    if (problems.length) parts.push(count(problems.length, "entry skipped for a problem", "entries skipped for problems"));
    var items = [];
    problems.slice(0, 50).forEach(function (p) { items.push(entryPlace(p) + ": " + p.detail); });
    if (problems.length > 50) items.push("… and " + (problems.length - 50) + " more problems.");
    duplicates.slice(0, 20).forEach(function (d) {
      items.push(entryPlace(d) + ": the same feed as line " + d.sameAsLine + ", skipped.");
    });
    if (duplicates.length > 20) items.push("… and " + (duplicates.length - 20) + " more duplicates.");
    var nothing = added.length + existing.length === 0;
    return { kind: nothing && problems.length ? "bad" : "ok", text: "OPML imported: " + parts.join(", ") + ".", items: items };
  }

  document.getElementById("key-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var value = keyInput.value.trim();
    keyInput.value = "";
    if (!value) { flash("bad", "Type the admin key into the field, then choose Use key."); return; }
    setKey(value);
    flash("ok", "The admin key is set for this tab.");
  });
  document.getElementById("forget-key").addEventListener("click", function () {
    setKey("");
    flash("ok", "The admin key was forgotten.");
  });

  document.getElementById("add-feed").addEventListener("submit", async function (event) {
    event.preventDefault();
    var input = event.target.querySelector("input[type=url]");
    var url = input.value.trim();
    if (!url) { flash("bad", "Type the address of a feed (RSS, Atom or JSON Feed) first."); input.focus(); return; }
    var result = await call("POST", "/feeds", JSON.stringify({ url: url }), "application/json");
    if (!result) return;
    var name = feedName(result.data, url);
    reloadWith("ok", result.status === 201
      ? "Now watching " + name + "; its first fetch is under way."
      : name + " was already watched (the same feed under another spelling of its address).");
  });

  document.getElementById("import-opml").addEventListener("submit", async function (event) {
    event.preventDefault();
    var input = event.target.querySelector("input[type=file]");
    var file = input.files && input.files[0];
    if (!file) { flash("bad", "Choose an OPML file (exported from another feed reader) first."); input.focus(); return; }
    var text = await file.text();
    var result = await call("POST", "/feeds/import", text, "text/x-opml");
    if (!result) return;
    var summary = importSummary(result.data);
    reloadWith(summary.kind, summary.text, summary.items);
  });

  root.addEventListener("click", async function (event) {
    var button = event.target.closest("button[data-feed-toggle]");
    if (!button) return;
    var paused = button.getAttribute("data-paused") === "true";
    var id = button.getAttribute("data-feed-id");
    var name = button.getAttribute("data-feed-name") || id;
    button.disabled = true;
    var result = await call("PATCH", "/feeds/" + encodeURIComponent(id), JSON.stringify({ paused: !paused }), "application/json");
    button.disabled = false;
    if (!result) return;
    reloadWith("ok", (paused ? "Resumed " : "Paused ") + name + ".");
  });

  root.querySelectorAll("fieldset[data-needs-script], button[data-feed-toggle]").forEach(function (element) {
    element.disabled = false;
  });
  showKeyState();
  showPendingFlash();
})();
`;
