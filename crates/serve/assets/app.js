// quotewire web page: plain JavaScript, no framework, no network beyond this server.
// Views by URL hash: #/search?q=..., #/article/ID?a=QUOTE, #/speaker/ID.
"use strict";

const view = document.getElementById("view");
const tip = document.getElementById("tip");
const FILTERS = ["q", "speaker", "about", "since", "until", "outlet", "kind"];

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "class") e.className = v; else e.setAttribute(k, v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

async function api(path) {
  const res = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await res.json().catch(() => ({ error: res.statusText }));
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

function showError(e) {
  view.replaceChildren(el("p", { class: "error" }, "Error: " + e.message));
}

function parseHash() {
  const h = location.hash.replace(/^#/, "") || "/";
  const [path, qs] = h.split("?");
  return { parts: path.split("/").filter(Boolean), params: new URLSearchParams(qs || "") };
}

function speakerLink(name, id) {
  if (!name) return el("span", { class: "speaker" }, "unknown speaker");
  const href = id ? "#/speaker/" + id : "#/search?speaker=" + encodeURIComponent(name);
  return el("a", { class: "speaker", href }, name);
}

function card(h) {
  const meta = el("div", { class: "meta" },
    speakerLink(h.speaker, h.speaker_id), " ", h.cue || "", el("span", { class: "kind" }, h.kind),
    " · ", h.outlet || "unknown outlet", " · ", h.published || "undated", " · ",
    el("a", { class: "open", href: "#/article/" + h.article_id + "?a=" + h.id }, "article"),
    h.url ? [" · ", el("a", { href: h.url, rel: "noopener noreferrer", target: "_blank" }, "source page")] : null);
  const parts = [el("blockquote", { class: "quote" }, "“" + h.quote + "”"), meta];
  if (h.first && h.first.appearances > 1) {
    parts.push(el("div", { class: "first" }, "First seen: ", h.first.outlet || "?", ", ",
      h.first.published || "undated", " — in ", String(h.first.appearances), " articles and copies"));
  }
  return el("div", { class: "card", "data-quote": h.id }, parts);
}

function fillForm(params) {
  for (const f of FILTERS) document.getElementById(f).value = params.get(f) || "";
}

async function showSearch(params) {
  fillForm(params);
  const qs = new URLSearchParams();
  for (const f of FILTERS) if (params.get(f)) qs.set(f, params.get(f));
  qs.set("limit", "50");
  view.replaceChildren(el("p", { class: "hint" }, "Searching…"));
  const data = await api("/api/search?" + qs);
  const list = el("section", { id: "results" });
  if (!data.results.length) list.append(el("p", { class: "empty" }, "No quote matches."));
  for (const h of data.results) list.append(card(h));
  view.replaceChildren(el("h2", {}, data.results.length + " quotes"), list);
}

// Roles by priority: a cue inside a content span shows as cue.
const ROLES = { content: 1, source: 2, cue: 3 };

function highlighted(text, attributions) {
  const cps = Array.from(text); // offsets are code points
  const role = new Uint8Array(cps.length);
  const owner = new Int32Array(cps.length).fill(-1);
  attributions.forEach((a, i) => {
    for (const [name, rank] of Object.entries(ROLES)) {
      for (const [s, e] of a[name]) {
        for (let k = Math.max(0, s); k < Math.min(e, cps.length); k++) {
          if (rank >= role[k]) { role[k] = rank; owner[k] = i; }
        }
      }
    }
  });
  const names = ["", "content", "source", "cue"];
  const out = el("div", { class: "text" });
  let start = 0;
  for (let k = 1; k <= cps.length; k++) {
    if (k < cps.length && role[k] === role[start] && owner[k] === owner[start]) continue;
    const chunk = cps.slice(start, k).join("");
    if (role[start] === 0) out.append(chunk);
    else {
      const a = attributions[owner[start]];
      out.append(el("span", {
        class: "q-" + names[role[start]], "data-attr": a.id, "data-speaker": a.speaker || "unknown",
        title: (a.speaker || "unknown speaker") + " (" + a.kind + ")",
      }, chunk));
    }
    start = k;
  }
  return out;
}

async function showArticle(id, params) {
  const a = await api("/api/articles/" + encodeURIComponent(id));
  const focus = params.get("a");
  const head = el("header", { class: "article-head" },
    el("h2", { id: "article-title" }, a.title || a.record_id),
    el("div", { class: "meta" }, a.outlet || "unknown outlet", " · ", a.published || "undated",
      a.authors.length ? " · by " + a.authors.join(", ") : "",
      a.url ? [" · ", el("a", { href: a.url, rel: "noopener noreferrer", target: "_blank" }, a.url)] : null));
  const legend = el("p", { class: "legend" }, el("span", { class: "q-source" }, "source"),
    el("span", { class: "q-cue" }, "cue"), el("span", { class: "q-content" }, "content"),
    a.attributions.length + " attributions; hover a highlight for its speaker");
  const text = highlighted(a.text, a.attributions);
  const list = el("ol", { class: "attributions" });
  for (const t of a.attributions) {
    list.append(el("li", { "data-attr": t.id }, speakerLink(t.speaker, t.speaker_id), " — ", t.kind));
  }
  const copies = a.copies.length ? el("p", { class: "copies" }, "Also published as: ",
    ...a.copies.map((c) => el("span", {}, (c.outlet || "?") + " " + (c.published || "") + " " + (c.url || c.record_id) + "; "))) : null;
  const art = el("article", {}, head, legend, text, copies, el("h3", {}, "Attributions"), list);
  view.replaceChildren(art);
  if (focus) {
    const spans = text.querySelectorAll('[data-attr="' + CSS.escape(focus) + '"]');
    spans.forEach((s) => s.classList.add("q-focus"));
    if (spans.length) spans[0].scrollIntoView({ block: "center" });
  }
}

function timeline(points) {
  const w = 640, h = 160, pad = 24;
  const max = Math.max(1, ...points.map((p) => p.count));
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
  svg.setAttribute("class", "chart");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "quotes per month");
  const bw = (w - 2 * pad) / Math.max(1, points.length);
  points.forEach((p, i) => {
    const bh = ((h - 2 * pad) * p.count) / max;
    const r = document.createElementNS(ns, "rect");
    r.setAttribute("x", pad + i * bw + 1);
    r.setAttribute("y", h - pad - bh);
    r.setAttribute("width", Math.max(1, bw - 2));
    r.setAttribute("height", bh);
    const t = document.createElementNS(ns, "title");
    t.textContent = p.month + ": " + p.count + " quotes";
    r.append(t);
    svg.append(r);
    if (points.length <= 24 || i % Math.ceil(points.length / 12) === 0) {
      const lbl = document.createElementNS(ns, "text");
      lbl.setAttribute("x", pad + i * bw + bw / 2);
      lbl.setAttribute("y", h - 6);
      lbl.setAttribute("text-anchor", "middle");
      lbl.textContent = p.month;
      svg.append(lbl);
    }
  });
  return svg;
}

async function showSpeaker(id) {
  const s = await api("/api/speakers/" + encodeURIComponent(id));
  const topics = el("ul", { class: "topics" });
  for (const t of s.topics) {
    topics.append(el("li", {}, el("a", { href: "#/search?about=" + encodeURIComponent(t.name) }, t.name), " (" + t.count + ")"));
  }
  const latest = el("section", {});
  for (const h of s.latest) latest.append(card(h));
  view.replaceChildren(
    el("h2", { id: "speaker-name" }, s.name), el("p", { class: "meta" }, s.type, " · ", s.quotes + " quotes · also named: " + s.names.join(", ")),
    el("h3", {}, "Quotes over time"), timeline(s.timeline),
    el("h3", {}, "Speaks about"), s.topics.length ? topics : el("p", { class: "empty" }, "no entities in their quotes"),
    el("h3", {}, "Latest quotes"), latest);
}

async function route() {
  const { parts, params } = parseHash();
  try {
    if (parts[0] === "article" && parts[1]) await showArticle(parts[1], params);
    else if (parts[0] === "speaker" && parts[1]) await showSpeaker(parts[1]);
    else if (parts[0] === "search") await showSearch(params);
    else { fillForm(new URLSearchParams()); view.replaceChildren(el("p", { class: "hint" }, "Search what was said across the stored articles.")); }
  } catch (e) { showError(e); }
}

document.getElementById("search-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const qs = new URLSearchParams();
  for (const f of FILTERS) { const v = document.getElementById(f).value.trim(); if (v) qs.set(f, v); }
  location.hash = "#/search?" + qs;
});

document.addEventListener("mouseover", (ev) => {
  const t = ev.target.closest && ev.target.closest("[data-speaker]");
  if (!t) { tip.hidden = true; return; }
  tip.textContent = "Speaker: " + t.dataset.speaker;
  tip.hidden = false;
  const r = t.getBoundingClientRect();
  tip.style.left = r.left + "px";
  tip.style.top = Math.max(0, r.top - 30) + "px";
});

window.addEventListener("hashchange", route);
api("/api/stats").then((s) => {
  document.getElementById("stats").textContent = s.articles + " articles, " + s.quotes + " quotes";
}).catch(() => {});
route();
