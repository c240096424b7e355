// Live support status and first-response calculator, rendered from support.json.
//
// Fills `[data-support-status]` (one line per region, optionally restricted with
// data-regions="emea usa") and `[data-support-calculator]` containers. Without
// JavaScript the static tables next to them stay; the calculator container is
// `hidden` until this script fills it. The feed and the words (locales/<lang>.json,
// the page language's only) are read relative to this file, so the widget also
// works embedded on another site. No inline scripts or handlers, no third-party requests.

import { supportStatus, responseDue, text, defaultPriority, guessRegion, utcOffset, hoursChanges, firstResponse } from "./support-status.js";

const FEED = new URL("../../support.json", import.meta.url);
const STYLESHEET = new URL("../stylesheets/support-widget.css", import.meta.url);
const MINUTE = 6e4;

// Mounted widgets: { root, update(now) -> instant of the next change it knows of }
const widgets = [];
let feed = null;
let timer = 0;

// Hooks

// Mount on every page view: Material's instant navigation replaces the page content
// and announces it on document$; elsewhere module scripts run after parsing.
function start() {
  if (window.document$ && typeof window.document$.subscribe == "function") window.document$.subscribe(mount);
  mount();
}

// Fill every container of the current page that is not filled yet.
function mount() {
  const roots = document.querySelectorAll("[data-support-status]:not([data-support-ready]), [data-support-calculator]:not([data-support-ready])");
  if (!roots.length) return;
  addStylesheet();
  feed ||= json(FEED).then((policy) => {
    if (policy.schema_version != 1) throw new Error(`schema_version ${policy.schema_version}`);
    const lang = language(policy);
    return words(lang).then((s) => ({ policy, lang, s }));
  }).catch((error) => {
    feed = null; // try again on the next page
    throw error;
  });
  for (const root of roots) {
    root.setAttribute("data-support-ready", "");
    feed.then(
      ({ policy, lang, s }) => {
        widgets.push(root.hasAttribute("data-support-calculator") ? calculator(root, policy, lang, s) : status(root, policy, lang, s));
        schedule();
      },
      () => words(language(null)).then((s) => {
        root.replaceChildren(h("p", { class: "support-widget__error" }, s.error));
        root.hidden = false;
      }, () => {}), // without words either, the page's own content stays
    );
  }
}

function json(url) {
  return fetch(url).then((response) => {
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    return response.json();
  });
}

// The widget's words in one language, from the catalog the build wrote beside this file.
const catalogs = new Map();
function words(lang) {
  const base = lang.split("-")[0];
  if (!catalogs.has(base)) catalogs.set(base, json(new URL(`./locales/${base}.json`, import.meta.url)));
  return catalogs.get(base);
}

// Update every mounted widget now, then at the next minute or the next change.
function schedule() {
  clearTimeout(timer);
  const now = Date.now();
  let wake = now - (now % MINUTE) + MINUTE;
  for (let i = widgets.length - 1; i >= 0; i--) {
    if (!widgets[i].root.isConnected) {
      widgets.splice(i, 1);
      continue;
    }
    const change = widgets[i].update(new Date(now));
    if (change > now && change < wake) wake = change;
  }
  if (widgets.length) timer = setTimeout(schedule, wake - now);
}

// Status widget

function status(root, policy, lang, s) {
  const only = (root.getAttribute("data-regions") || "").split(/\s+/).filter(Boolean);
  const regions = policy.regions.filter((r) => !only.length || only.includes(r.id));
  const live = h("p", { class: "support-widget__live", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  const rows = regions.map((region) => {
    const row = h("li", { class: "support-status__region", "data-support-region": region.id },
      h("span", { class: "support-status__name" }, text(region.name, lang, policy)),
      h("span", { class: "support-status__badge" }, h("span", { class: "support-status__icon", "aria-hidden": "true" }), h("span", { class: "support-status__label" })),
      h("span", { class: "support-status__detail" }),
    );
    return { region, row };
  });
  const notice = h("p", { class: "support-status__changes", hidden: "" });
  root.classList.add("support-status");
  root.replaceChildren(h("ul", { class: "support-status__list" }, ...rows.map((r) => r.row)), notice, live);

  function update(now) {
    const all = supportStatus(policy, now);
    const news = [];
    let wake = Infinity;
    for (const { region, row } of rows) {
      const st = all[region.id];
      const before = row.getAttribute("data-state");
      const next = st.nextChange ? st.nextChange.toISOString() : "";
      if (before && before != st.state) news.push(fill(s.now, { region: text(region.name, lang, policy), state: s[st.state].toLowerCase() }));
      setAttr(row, "data-state", st.state);
      setAttr(row, "data-next-change", next);
      setText(row.querySelector(".support-status__icon"), ICONS[st.state]);
      setText(row.querySelector(".support-status__label"), s[st.state]);
      setText(row.querySelector(".support-status__detail"), detail(st, region, policy, lang, s, now));
      if (st.nextChange) wake = Math.min(wake, +st.nextChange);
    }
    if (news.length) live.textContent = news.join(" ");
    const changes = changesNotice(policy, regions, lang, s, now);
    setText(notice, changes);
    notice.hidden = !changes;
    return wake;
  }
  return { root, update };
}

// "EMEA support hours change on Monday, 22 March." for each region whose weekly hours change
// within the next 7 days (the hours page lists the new hours).
function changesNotice(policy, regions, lang, s, now) {
  return hoursChanges(policy, now, 7).filter((c) => regions.some((r) => r.id == c.region)).map((c) => {
    const region = policy.regions.find((r) => r.id == c.region);
    const date = formatter(lang, { timeZone: region.zone, weekday: "long", day: "numeric", month: "long" }).format(c.at);
    return fill(s.hours_change, { region: text(region.name, lang, policy), date });
  }).join(" ");
}

// The sentence under a region: when it closes or opens, in its zone and the reader's.
function detail(st, region, policy, lang, s, now) {
  const name = st.closure ? text(st.closure.name, lang, policy) : "";
  const parts = [];
  if (st.state == "unknown") return s.unknown_detail;
  if (st.closure && !st.closure.hours.length) parts.push(fill(s.closed_for, { name }));
  else if (st.closure) parts.push(fill(s.special, { name }));
  const at = when(st.nextChange, region.zone, lang, s, now);
  const left = duration(st.nextChange - now, lang, s);
  const today = dateKey(st.nextChange, region.zone) == dateKey(now, region.zone) ? "_today" : "";
  if (st.nextState == "unknown") parts.push(fill(s.schedule_ends, { at }));
  else parts.push(fill(s[(st.state == "open" ? "closes" : "opens") + today], { at, left }));
  return parts.join(" ");
}

// Calculator

let counter = 0;
function calculator(root, policy, lang, s) {
  const id = `support-calculator-${++counter}`;
  const viewer = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const regionSelect = h("select", { id: `${id}-region`, name: "region" },
    ...policy.regions.map((r) => h("option", { value: r.id }, text(r.name, lang, policy))));
  const prioritySelect = h("select", { id: `${id}-priority`, name: "priority" },
    ...policy.priorities.map((p) => h("option", { value: p.id }, text(p.name, lang, policy))));
  regionSelect.value = guessRegion(policy, viewer).id;
  prioritySelect.value = defaultPriority(policy).id;
  const output = h("output", { class: "support-calculator__result", for: `${id}-region ${id}-priority`, "aria-live": "polite" });
  const note = h("p", { class: "support-calculator__note" });
  const form = h("form", { class: "support-calculator__form" },
    h("div", { class: "support-calculator__field" }, h("label", { for: regionSelect.id }, s.region), regionSelect),
    h("div", { class: "support-calculator__field" }, h("label", { for: prioritySelect.id }, s.priority), prioritySelect),
  );
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("change", () => schedule());
  root.replaceChildren(form, output, note);
  root.hidden = false;

  function update(now) {
    const region = policy.regions.find((r) => r.id == regionSelect.value);
    const priority = policy.priorities.find((p) => p.id == prioritySelect.value);
    const result = responseDue(policy, region.id, priority.id, now);
    const target = firstResponse(policy, region, priority, now);
    setAttr(output, "data-due", result.due ? result.due.toISOString() : "");
    setText(output, result.due
      ? fill(s.due, { at: when(result.due, region.zone, lang, s, now, ", "), left: duration(result.due - now, lang, s) })
      : s.due_beyond);
    const vars = { priority: text(priority.name, lang, policy), region: text(region.name, lang, policy), target: target ? duration(target.minutes * MINUTE, lang, s, false) : "" };
    setText(note, target ? fill(target.clock == "business" ? s.business : s.calendar, vars) : "");
    return Infinity;
  }
  return { root, update };
}

// Helper functions

// An instant in the region's zone and, if it differs, in the reader's: "Tuesday 10:00 CET (04:00 your time)".
function when(date, zone, lang, s, now, glue) {
  const there = clock(date, zone, lang, now) + " " + zoneName(date, zone, lang);
  if (utcOffset(zone, date) == -date.getTimezoneOffset()) return there;
  const here = fill(s.yours, { time: clock(date, undefined, lang, now) });
  return glue ? there + glue + here : `${there} (${here})`;
}

// Wall time in `zone`, with the weekday unless it is today there, and the date from six days away.
function clock(date, zone, lang, now) {
  const today = dateKey(now, zone) == dateKey(date, zone);
  const far = date - now >= 6 * 864e5;
  const options = { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
  if (!today) options.weekday = "long";
  if (far) Object.assign(options, { day: "numeric", month: "long" });
  return formatter(lang, options).format(date);
}

function dateKey(date, zone) {
  return formatter("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
}

// Short zone name: the page language's ("MEZ"), else a common English one ("CET", "EST"),
// else the offset ("GMT+5:30").
function zoneName(date, zone, lang) {
  let first = "";
  for (const locale of [lang, "en-US", "en-GB"]) {
    const part = formatter(locale, { timeZone: zone, timeZoneName: "short" }).formatToParts(date).find((p) => p.type == "timeZoneName");
    const name = part ? part.value : "";
    if (!/^GMT[+\-\u2212]/.test(name)) return name;
    first ||= name;
  }
  return first;
}

// A length of time in the page language ("2 hr 15 min", "3 Tage, 4 Stunden"), rounded up to the minute.
function duration(ms, lang, s, days = true) {
  let minutes = Math.max(0, Math.ceil(ms / MINUTE));
  const parts = [];
  const display = s.units;
  const unit = (value, name) => value && parts.push(formatter(lang, { style: "unit", unit: name, unitDisplay: display }, Intl.NumberFormat).format(value));
  if (days && minutes >= 1440) {
    unit(Math.floor(minutes / 1440), "day");
    unit(Math.floor((minutes % 1440) / 60), "hour");
  } else {
    unit(Math.floor(minutes / 60), "hour");
    unit(minutes % 60, "minute");
  }
  if (!parts.length) unit(1, "minute");
  return formatter(lang, { type: "unit", style: "narrow" }, Intl.ListFormat).format(parts);
}

// Formatters are slow to create: one per language and options.
const formatters = new Map();
function formatter(lang, options, Type = Intl.DateTimeFormat) {
  const key = Type.name + lang + JSON.stringify(options);
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Type(lang, options)));
  return f;
}

// The page language if the portal has it ("de", "en-GB"), else the feed's first. Without the
// feed, the page language, else the portal's first language's.
function language(policy) {
  const page = document.documentElement.lang || "";
  if (!policy) return page || "en";
  return policy.languages.includes(page.split("-")[0]) ? page : policy.languages[0];
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");
}

function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

function setAttr(element, name, value) {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

function setText(element, value) {
  if (element.textContent !== value) element.textContent = value;
}

// Embedded on another site, the page has no link to our stylesheet yet.
function addStylesheet() {
  const links = [...document.querySelectorAll('link[rel="stylesheet"]')];
  if (links.some((link) => link.href == STYLESHEET.href)) return;
  document.head.append(h("link", { rel: "stylesheet", href: STYLESHEET.href }));
}

// Data

// Decorative: the state is always also written out.
const ICONS = { open: "\u2713", closed: "\u2715", unknown: "?" };

start();
