/* nofame page: check a draft through the JSON API, highlight findings, apply the server's edits.
 *
 * The rewrite is planned by the server alone (POST /api/v1/rewrite answers the report plus its edits):
 * this page only applies those edits by offset, one at a time or all safe ones at once, and shifts the
 * offsets of the others. It never composes a replacement itself.
 *
 * The draft is untrusted: it is only ever put into the page with textContent / value, never as
 * HTML. Nothing is stored: no cookies, no localStorage; the draft lives in this page only.
 * Finding offsets from the API are code points; JavaScript strings count UTF-16 units, so every
 * offset is converted once, when the report arrives.
 */
(function () {
  "use strict";

  var $ = function (id) { return document.getElementById(id); };
  var meta = function (name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute("content") : "";
  };

  // Worst first, as the server lists them (nofame.report.SEVERITIES): the page keeps no copy.
  var SEVERITIES = meta("nofame-severities").split(" ");
  var RANK = {};
  SEVERITIES.forEach(function (s, i) { RANK[s] = SEVERITIES.length - 1 - i; });
  var FIELD_LABELS = { headline: "Headline", dek: "Dek", title: "Page title", slug: "URL slug", body: "Body" };
  var WIDE = 90; // spans longer than this (article-level findings) are underlined, not filled

  var state = {
    report: null, // the API's report
    fields: {}, // field name -> current text (after applied suggestions)
    order: [], // field names in report order
    findings: [], // [{id, f (API finding), field, s, e (UTF-16), status, edit (id of its edit or -1)}]
    edits: [], // [{id, x (API edit), field, s, e (UTF-16), status}]
    history: [], // snapshots for Undo
    perpetrators: [], // names the user typed for this check
    busy: false,
  };

  // ---------- text helpers ----------

  function utf16Offset(text, codePoints) {
    var units = 0;
    var seen = 0;
    while (seen < codePoints && units < text.length) {
      var c = text.charCodeAt(units);
      units += c >= 0xd800 && c <= 0xdbff && units + 1 < text.length ? 2 : 1;
      seen += 1;
    }
    return units;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        var value = attrs[key];
        if (value === null || value === undefined || value === false) return;
        if (key === "text") node.textContent = value;
        else if (key === "className") node.className = value;
        else node.setAttribute(key, value === true ? "" : String(value));
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function fieldLabel(name) {
    var m = /^(caption|alt)\[(\d+)\]$/.exec(name);
    if (m) return (m[1] === "caption" ? "Caption " : "Alt text ") + (Number(m[2]) + 1);
    return FIELD_LABELS[name] || name;
  }

  function capitalise(s) {
    return s.charAt(0).toUpperCase() + s.slice(1);
  }

  function shorten(s, n) {
    s = s.replace(/\s+/g, " ").trim();
    return s.length > n ? s.slice(0, n - 1) + "…" : s;
  }

  function safeUrl(url) {
    return /^https?:\/\//i.test(url || "") ? url : null;
  }

  // ---------- status messages ----------

  function setStatus(id, message, kind) {
    var node = $(id);
    node.textContent = message || "";
    node.className = "status" + (kind ? " " + kind : "");
  }

  // ---------- the check request ----------

  function readForm() {
    var source = document.querySelector('input[name="source"]:checked').value;
    var payload = {};
    if (source === "url") {
      var url = $("url").value.trim();
      if (!url) return { error: "Give the story's URL.", focus: "url" };
      payload.url = url;
    } else {
      var headline = $("headline").value;
      var body = $("body").value;
      if (!body.trim() && !headline.trim()) return { error: "Paste a draft to check.", focus: "body" };
      if (!body.trim()) return { error: "Paste the story text too, not only the headline.", focus: "body" };
      if (headline.trim()) payload.headline = headline;
      payload.body = body;
    }
    payload.profile = $("profile").value;
    payload.offsets = "normalised"; // the page shows and edits the text as nofame read it
    var names = $("perpetrator").value.split(/[,;\n]/).map(function (n) { return n.trim(); }).filter(Boolean);
    if (names.length) payload.perpetrators = names;
    return { payload: payload, names: names };
  }

  function runCheck() {
    if (state.busy) return;
    var form = readForm();
    if (form.error) {
      setStatus("status", form.error, "error");
      $(form.focus).focus();
      return;
    }
    var body = JSON.stringify(form.payload);
    var limit = Number(meta("nofame-max-bytes")) || 0;
    if (limit && new Blob([body]).size > limit) {
      setStatus("status", "The draft is larger than the server accepts (" + Math.round(limit / 1000) + " kB).", "error");
      return;
    }
    state.busy = true;
    $("check-button").disabled = true;
    $("check-form").setAttribute("aria-busy", "true");
    setStatus("status", form.payload.url ? "Fetching and checking…" : "Checking…", "busy");
    var controller = window.AbortController ? new AbortController() : null;
    var timer = setTimeout(function () { if (controller) controller.abort(); }, 90000);
    postCheck(body, controller)
      .then(function (response) {
        if (response.status !== 401) return response;
        // The page's token is short-lived: on "page_expired", load a fresh one and try once more.
        return response.clone().json().then(function (data) {
          if (!data || !data.error || data.error.code !== "page_expired") return response;
          return refreshToken().then(function () { return postCheck(body, controller); });
        }, function () { return response; });
      })
      .then(function (response) {
        return response.json().then(
          function (data) { return { ok: response.ok, status: response.status, data: data }; },
          function () { return { ok: false, status: response.status, data: null }; }
        );
      })
      .then(function (result) {
        if (!result.ok) {
          var message = result.data && result.data.error ? result.data.error.message : "the server answered " + result.status;
          setStatus("status", capitalise(message) + (/[.!?]$/.test(message) ? "" : "."), "error");
          return;
        }
        state.perpetrators = form.names;
        load(result.data);
        var n = result.data.findings.length;
        setStatus("status", n === 0 ? "Checked: no findings." : "Checked: " + n + (n === 1 ? " finding." : " findings."), "ok");
        $("results").focus({ preventScroll: true });
        $("results").scrollIntoView({ behavior: "smooth", block: "start" });
      })
      .catch(function (err) {
        var aborted = err && err.name === "AbortError";
        setStatus("status", aborted ? "The check took too long; try again." : "Could not reach nofame. Is the server running?", "error");
      })
      .then(function () {
        clearTimeout(timer);
        state.busy = false;
        $("check-button").disabled = false;
        $("check-form").removeAttribute("aria-busy");
      });
  }

  // The check and the suggested draft in one answer: the server is the only place rewrites are made.
  function postCheck(body, controller) {
    return fetch("/api/v1/rewrite", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-Nofame-Page-Token": meta("nofame-page-token"),
      },
      body: body,
      credentials: "same-origin",
      cache: "no-store",
      signal: controller ? controller.signal : undefined,
    });
  }

  function refreshToken() {
    return fetch("/", { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.querySelector('meta[name="nofame-page-token"]');
        var current = document.querySelector('meta[name="nofame-page-token"]');
        if (fresh && current) current.setAttribute("content", fresh.getAttribute("content"));
      });
  }

  // ---------- state ----------

  function load(report) {
    state.report = report;
    state.fields = {};
    state.order = Object.keys(report.fields);
    state.order.forEach(function (name) { state.fields[name] = report.fields[name]; });
    state.edits = (report.edits || []).map(function (x, i) {
      var text = report.fields[x.field] || "";
      return { id: i, x: x, field: x.field, s: utf16Offset(text, x.start), e: utf16Offset(text, x.end), status: "open" };
    });
    state.findings = report.findings.map(function (f, i) {
      var text = report.fields[f.field] || "";
      var item = { id: i, f: f, field: f.field, s: utf16Offset(text, f.start), e: utf16Offset(text, f.end), status: "open" };
      item.edit = editFor(item);
      return item;
    });
    state.history = [];
    $("results").hidden = false;
    renderAll();
  }

  // The server's edit that fixes a finding: same rule, and it covers or touches the finding's span.
  function editFor(item) {
    var match = state.edits.filter(function (ed) {
      return ed.field === item.field && ed.x.rule === item.f.rule && ed.s <= item.e && item.s <= ed.e;
    });
    return match.length ? match[0].id : -1;
  }

  function snapshot() {
    state.history.push({
      fields: Object.assign({}, state.fields),
      findings: state.findings.map(function (x) { return Object.assign({}, x); }),
      edits: state.edits.map(function (x) { return Object.assign({}, x); }),
    });
  }

  function undo() {
    var last = state.history.pop();
    if (!last) return;
    state.fields = last.fields;
    state.findings = last.findings;
    state.edits = last.edits;
    renderAll();
    setStatus("toolbar-status", "Undone.", "ok");
  }

  // Apply one server edit: replace [s, e) of its field; shift what comes after, retire what it touched.
  // Findings inside the edited span are fixed by it; ones that only overlap it are stale.
  function applyEdit(ed) {
    var text = state.fields[ed.field];
    var s = ed.s;
    var e = ed.e;
    state.fields[ed.field] = text.slice(0, s) + ed.x.replacement + text.slice(e);
    var delta = ed.x.replacement.length - (e - s);
    ed.status = "applied";
    state.edits.forEach(function (other) {
      if (other === ed || other.field !== ed.field || other.status !== "open") return;
      if (other.s >= e && !(other.s === other.e && s === e && other.s === s)) {
        other.s += delta;
        other.e += delta;
      } else if (other.e > s || other.s === s) {
        other.status = "stale";
      }
    });
    state.findings.forEach(function (f) {
      if (f.field !== ed.field || f.status !== "open") return;
      if (f.edit === ed.id || (f.s >= s && f.e <= e && f.e > f.s)) {
        f.status = "applied";
      } else if (f.s >= e) {
        f.s += delta;
        f.e += delta;
      } else if (f.e > s) {
        f.status = "stale";
      }
    });
  }

  function applyOne(id) {
    var item = state.findings[id];
    if (!item || item.status !== "open" || item.edit < 0) return;
    var ed = state.edits[item.edit];
    if (ed.status !== "open") return;
    snapshot();
    applyEdit(ed);
    renderAll();
    setStatus("toolbar-status", "Applied: " + describeEdit(ed) + ".", "ok");
    var next = document.getElementById("finding-" + id);
    if (next) next.querySelector(".finding-head").focus();
  }

  // Every open safe edit, from the end of each field backwards (the server made sure none overlap).
  function applyAllSafe() {
    var chosen = state.edits.filter(function (ed) { return ed.status === "open" && ed.x.safety === "safe"; });
    if (!chosen.length) {
      setStatus("toolbar-status", "No safe suggestions left to apply.", "");
      return;
    }
    snapshot();
    chosen.sort(function (a, b) { return b.s - a.s || b.e - a.e; });
    chosen.forEach(function (ed) { if (ed.status === "open") applyEdit(ed); });
    renderAll();
    var n = chosen.length;
    setStatus("toolbar-status", "Applied " + n + " safe suggestion" + (n === 1 ? "" : "s") + ".", "ok");
  }

  function draftMarkdown() {
    var parts = [];
    if (state.fields.headline) parts.push("# " + state.fields.headline);
    if (state.fields.dek) parts.push("*" + state.fields.dek + "*");
    if (state.fields.body) parts.push(state.fields.body);
    return parts.join("\n\n") + "\n";
  }

  function copyDraft() {
    var area = $("suggested-draft");
    var text = area.value;
    var done = function () { setStatus("toolbar-status", "Suggested draft copied to the clipboard.", "ok"); };
    var fallback = function () {
      area.focus();
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      if (ok) done();
      else setStatus("toolbar-status", "Select the suggested draft below and copy it (Ctrl+C).", "error");
    };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, fallback);
    else fallback();
  }

  function recheck() {
    document.querySelector('input[name="source"][value="paste"]').checked = true;
    switchSource();
    $("headline").value = state.fields.headline || "";
    $("body").value = state.fields.body || "";
    $("check-form").scrollIntoView({ behavior: "smooth", block: "start" });
    runCheck();
  }

  // ---------- rendering ----------

  function renderAll() {
    renderSummary();
    renderArticle();
    renderFindings();
    $("suggested-draft").value = draftMarkdown();
    $("undo").disabled = state.history.length === 0;
    var safeLeft = state.edits.filter(function (ed) { return ed.status === "open" && ed.x.safety === "safe"; }).length;
    $("apply-all").disabled = safeLeft === 0;
    $("apply-all").textContent = "Apply all safe suggestions" + (safeLeft ? " (" + safeLeft + ")" : "");
  }

  function renderSummary() {
    var r = state.report;
    var box = $("summary");
    clear(box);
    var band = r.score >= 85 ? "good" : r.score >= 60 ? "fair" : "poor";
    box.appendChild(
      el("div", { className: "score score-" + band, "aria-label": "Score " + r.score + " out of 100" }, [
        el("span", { className: "score-value", text: String(r.score) }),
        el("span", { className: "score-scale", text: "/ 100" }),
      ])
    );
    var counts = {};
    SEVERITIES.forEach(function (s) { counts[s] = 0; });
    r.findings.forEach(function (f) { counts[f.severity] += 1; });
    var chips = el("ul", { className: "counts", "aria-label": "Findings by severity" });
    SEVERITIES.forEach(function (s) {
      chips.appendChild(
        el("li", { className: "count sev-" + s + (counts[s] ? "" : " zero") }, [
          el("strong", { text: String(counts[s]) }),
          " " + s,
        ])
      );
    });
    var info = el("div", { className: "summary-info" }, [el("p", { className: "summary-title", text: verdict(r, counts) }), chips]);
    info.appendChild(perpetratorLine(r));
    if (r.stats && r.stats.at_large) {
      info.appendChild(el("p", { className: "note", text: "The suspect is at large: naming him can help capture, so naming findings are only informational." }));
    }
    if (r.not_checkable && r.not_checkable.length) {
      info.appendChild(
        el("p", { className: "note muted" }, [
          "Not checkable in pasted text (needs the page's HTML): " + r.not_checkable.join(", ") + ". Check images and links by hand.",
        ])
      );
    }
    box.appendChild(info);
  }

  function verdict(r, counts) {
    if (!r.findings.length) return "No findings under the " + r.profile + " profile.";
    if (counts.critical) return "Fix the critical findings before publishing.";
    if (counts.high) return "This draft breaches No Notoriety guidelines.";
    return "Mostly fine; a few wording points.";
  }

  function perpetratorLine(r) {
    var p = el("p", { className: "perpetrator" });
    var actors = (r.actors || []).filter(function (a) { return a.role === "perpetrator"; });
    if (state.perpetrators.length) {
      p.appendChild(document.createTextNode("Perpetrator (as you named him): "));
      p.appendChild(el("strong", { text: state.perpetrators.join(", ") }));
      return p;
    }
    if (!actors.length) {
      p.appendChild(document.createTextNode("nofame found no perpetrator's name. If there is one, "));
      p.appendChild(correctButton("type it in"));
      p.appendChild(document.createTextNode(" and check again."));
      return p;
    }
    p.appendChild(document.createTextNode("nofame thinks the perpetrator is "));
    actors.forEach(function (a, i) {
      if (i) p.appendChild(document.createTextNode(" and "));
      p.appendChild(el("strong", { text: a.name }));
      var extra = [];
      if (a.aliases && a.aliases.length) extra.push("also " + a.aliases.join(", "));
      extra.push(a.mentions + (a.mentions === 1 ? " mention" : " mentions"));
      p.appendChild(document.createTextNode(" (" + extra.join("; ") + ")"));
    });
    p.appendChild(document.createTextNode(". Wrong person? "));
    p.appendChild(correctButton("Correct the name"));
    return p;
  }

  function correctButton(label) {
    var b = el("button", { type: "button", className: "linklike", text: label });
    b.addEventListener("click", function () {
      var input = $("perpetrator");
      input.scrollIntoView({ behavior: "smooth", block: "center" });
      input.focus();
      input.select();
    });
    return b;
  }

  function renderArticle() {
    var box = $("article");
    clear(box);
    state.order.forEach(function (name) {
      var text = state.fields[name];
      if (!text) return;
      var kind = name.replace(/\[\d+\]$/, "");
      var block = el("div", { className: "field field-" + kind, "data-field": name });
      if (name !== "headline" && name !== "body") block.appendChild(el("span", { className: "field-label-inline", text: fieldLabel(name) }));
      var content = el(name === "headline" ? "h4" : "div", { className: "field-text" });
      fillHighlighted(content, name, text);
      block.appendChild(content);
      box.appendChild(block);
    });
  }

  function fillHighlighted(container, name, text) {
    var items = state.findings.filter(function (x) { return x.field === name && x.status === "open"; });
    var points = [0, text.length];
    items.forEach(function (x) { points.push(x.s, x.e); });
    points = points.filter(function (p, i, all) { return all.indexOf(p) === i; }).sort(function (a, b) { return a - b; });
    points.forEach(function (p, i) {
      items.forEach(function (x) { if (x.s === x.e && x.s === p) container.appendChild(insertionMarker(x)); });
      var next = points[i + 1];
      if (next === undefined || next <= p) return;
      var piece = text.slice(p, next);
      var covering = items.filter(function (x) { return x.s < x.e && x.s <= p && x.e >= next; });
      if (!covering.length) {
        container.appendChild(document.createTextNode(piece));
        return;
      }
      covering.sort(function (a, b) { return RANK[b.f.severity] - RANK[a.f.severity] || (a.e - a.s) - (b.e - b.s); });
      var narrow = covering.filter(function (x) { return x.e - x.s <= WIDE; });
      var top = narrow.length ? narrow[0] : covering[0];
      // Paragraph breaks at either end stay outside the highlight (article-level spans end in one).
      var parts = /^(\s*\n\s*)?([\s\S]*?)(\s*\n\s*)?$/.exec(piece);
      if (parts[1]) container.appendChild(document.createTextNode(parts[1]));
      if (parts[2]) {
        container.appendChild(el("mark", {
          className: "hl sev-" + top.f.severity + (narrow.length ? "" : " wide"),
          "data-ids": covering.map(function (x) { return x.id; }).join(" "),
          "data-primary": top.id,
          title: covering.map(function (x) { return capitalise(x.f.severity) + ": " + x.f.message; }).join("\n"),
          tabindex: "-1",
        }, [parts[2]]));
      }
      if (parts[3]) container.appendChild(document.createTextNode(parts[3]));
    });
  }

  function insertionMarker(x) {
    return el("mark", {
      className: "hl ins sev-" + x.f.severity,
      "data-ids": String(x.id),
      "data-primary": x.id,
      title: capitalise(x.f.severity) + ": " + x.f.message,
      "aria-label": "Suggested insertion: " + x.f.message,
      tabindex: "-1",
    }, ["+ insert"]);
  }

  function describeEdit(ed) {
    var text = state.report.fields[ed.field] || "";
    var original = text.slice(ed.x.start, ed.x.end);
    if (!original) return "insert “" + shorten(ed.x.replacement, 48) + "”";
    if (ed.x.replacement === "") return "remove “" + shorten(original, 40) + "”";
    return "“" + shorten(original, 30) + "” → “" + shorten(ed.x.replacement, 40) + "”";
  }

  function renderFindings() {
    var list = $("findings");
    clear(list);
    if (!state.findings.length) {
      list.appendChild(el("li", { className: "empty", text: "Nothing to flag. The draft follows the " + state.report.profile + " profile." }));
      return;
    }
    state.findings.forEach(function (item) {
      var f = item.f;
      var li = el("li", { className: "finding sev-" + f.severity + " is-" + item.status, id: "finding-" + item.id });
      var head = el("button", { type: "button", className: "finding-head", "aria-label": capitalise(f.severity) + " finding in the " + fieldLabel(f.field).toLowerCase() + ": " + f.message + " Show it in the draft." }, [
        el("span", { className: "badge sev-" + f.severity, text: f.severity }),
        el("span", { className: "rule-id", text: f.rule }),
        el("span", { className: "where", text: fieldLabel(f.field) }),
      ]);
      head.addEventListener("click", function () { showInDraft(item.id); });
      li.appendChild(head);
      if (f.text && f.end > f.start && f.end - f.start <= 160) li.appendChild(el("blockquote", { className: "quote", text: f.text }));
      li.appendChild(el("p", { className: "message", text: f.message }));
      var why = el("details", { className: "why" }, [el("summary", { text: "Why it matters" }), el("p", { text: f.rationale })]);
      li.appendChild(why);
      var url = safeUrl(f.source);
      if (url) {
        li.appendChild(el("p", { className: "source" }, [
          "Source: ",
          el("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: url.replace(/^https?:\/\/(www\.)?/, "").replace(/\/$/, "") }),
        ]));
      }
      li.appendChild(suggestionsBlock(item));
      list.appendChild(li);
    });
  }

  function suggestionsBlock(item) {
    var box = el("div", { className: "suggestions" });
    if (item.status === "applied") {
      box.appendChild(el("p", { className: "applied-note", text: "Applied ✓" }));
      return box;
    }
    if (item.status === "stale") {
      box.appendChild(el("p", { className: "stale-note", text: "Another edit changed this text. Check the edited draft to update." }));
      return box;
    }
    var ed = item.edit >= 0 ? state.edits[item.edit] : null;
    if (ed && ed.status === "open") {
      var label = capitalise(describeEdit(ed));
      var b = el("button", {
        type: "button",
        className: "button small apply " + (ed.x.safety === "safe" ? "safe" : "unsafe"),
        "data-finding": item.id,
        "aria-label": "Apply: " + describeEdit(ed),
      }, [label]);
      b.addEventListener("click", function () { applyOne(item.id); });
      box.appendChild(b);
      if (ed.x.safety !== "safe") box.appendChild(el("p", { className: "hint", text: "Needs review: check that the meaning still holds." }));
      return box;
    }
    item.f.suggestions.forEach(function (s) {
      if (s.replacement) box.appendChild(el("p", { className: "advice", text: "Suggestion: " + s.replacement }));
    });
    return box;
  }

  function showInDraft(id) {
    var marks = document.querySelectorAll("#article mark.hl");
    var target = null;
    Array.prototype.forEach.call(marks, function (m) {
      var ids = m.getAttribute("data-ids").split(" ");
      var on = ids.indexOf(String(id)) >= 0;
      m.classList.toggle("active", on);
      if (on && !target) target = m;
    });
    selectFinding(id, false);
    if (!target) {
      setStatus("toolbar-status", "This finding is no longer in the draft.", "");
      return;
    }
    target.scrollIntoView({ behavior: "smooth", block: "center" });
    target.classList.remove("flash");
    void target.offsetWidth; // restart the animation
    target.classList.add("flash");
    target.focus({ preventScroll: true });
  }

  function selectFinding(id, scroll) {
    Array.prototype.forEach.call(document.querySelectorAll("#findings .finding"), function (li) {
      li.classList.toggle("selected", li.id === "finding-" + id);
    });
    var li = document.getElementById("finding-" + id);
    if (li && scroll) {
      li.scrollIntoView({ behavior: "smooth", block: "nearest" });
      li.querySelector(".finding-head").focus({ preventScroll: true });
    }
  }

  // ---------- wiring ----------

  function switchSource() {
    var url = document.querySelector('input[name="source"]:checked').value === "url";
    $("source-url").hidden = !url;
    $("source-paste").hidden = url;
  }

  function init() {
    var form = $("check-form");
    if (!form) return;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      runCheck();
    });
    document.addEventListener("keydown", function (event) {
      if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
        event.preventDefault();
        runCheck();
      }
    });
    Array.prototype.forEach.call(document.querySelectorAll('input[name="source"]'), function (radio) {
      radio.addEventListener("change", switchSource);
    });
    $("profile").addEventListener("change", function () {
      var option = $("profile").selectedOptions[0];
      $("profile-hint").textContent = option ? option.getAttribute("data-description") : "";
    });
    $("apply-all").addEventListener("click", applyAllSafe);
    $("undo").addEventListener("click", undo);
    $("copy-draft").addEventListener("click", copyDraft);
    $("recheck").addEventListener("click", recheck);
    $("article").addEventListener("click", function (event) {
      var mark = event.target.closest ? event.target.closest("mark.hl") : null;
      if (!mark) return;
      var id = Number(mark.getAttribute("data-primary"));
      Array.prototype.forEach.call(document.querySelectorAll("#article mark.hl"), function (m) {
        m.classList.toggle("active", m.getAttribute("data-ids").split(" ").indexOf(String(id)) >= 0);
      });
      selectFinding(id, true);
    });
    switchSource();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
