// Live support status and first-response calculator, rendered from the portal's feed: the
// compact copy of support.json under support/ (every region, or the one region shown).
//
// Fills `[data-support-status]` (one line per region, optionally restricted with
// data-regions="emea usa"; with data-channels="hotline chat", or empty for all, one
// line per contact channel; each line with the notices in effect for it),
// `[data-support-calculator]` containers, and the live line of each channel in a
// `[data-support-channels]` list (the contact page). Without JavaScript the static tables
// and hours next to them stay; the calculator container and the channels' live lines are
// `hidden` until this script fills them. The pages' statements that depend on the day
// (`[data-support-next-closure]`, the mark in `[data-support-calendar]`, the notices of the
// banner `[data-support-notices]` and of the notices page `[data-support-notice-list]`) are
// written in their state at the build date; this script restates them for the reader's own
// moment, in place. The feed is read relative to this file and the words through
// support-words.js (from the page, else beside this file), so the widget also works embedded
// on another site. No inline scripts or handlers, no third-party requests.

import {
  supportStatus, channelStatus, responseDue, upcomingClosures, text, defaultPriority, guessRegion, utcOffset,
  noticeStates, noticesConcerning, hoursChanges, firstResponse, expandFeed,
} from "./support-status.js";
import { words } from "./support-words.js";

// The feed with every region: support.json's data with each list of days stored once.
const FEED = new URL("../../support/all_regions.json", import.meta.url);
// The full feed: read where a host does not serve the compact ones to this page (a CORS setup
// made for support.json only); expandFeed passes it through unchanged.
const FULL_FEED = new URL("../../support.json", import.meta.url);
const STYLESHEET = new URL("../stylesheets/support-widget.css", import.meta.url);
const MINUTE = 6e4;
const DAY = 864e5;
// Containers and the widget that fills each kind.
const KINDS = {
  "data-support-status": status,
  "data-support-calculator": calculator,
  "data-support-channels": channelLines,
  "data-support-notices": notices,
  "data-support-notice-list": notices,
  "data-support-next-closure": nextClosure,
  "data-support-calendar": calendarMark,
  "data-support-hours": hoursTable,
  "data-support-targets": targetTable,
  "data-support-until": dated,
};
// Kinds that show the error when the feed cannot be loaded; the others (a channel list keeps
// its stated hours) keep the page's text.
const SHOWS_ERROR = ["data-support-status", "data-support-calculator"];

// Mounted widgets: { root, update(now) -> instant of the next change it knows of }
const widgets = [];
// Loaded feeds by address: every region's, or one region's.
const feeds = new Map();
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
  const roots = document.querySelectorAll(Object.keys(KINDS).map((kind) => `[${kind}]:not([data-support-ready])`).join(", "));
  if (!roots.length) return;
  addStylesheet();
  const url = feedFor(roots);
  if (!feeds.has(url.href)) {
    // A region the portal does not have (a typo in data-regions): the full feed, which has none.
    const everyRegion = () => json(FEED).catch(() => json(FULL_FEED));
    const loaded = (url == FEED ? everyRegion() : json(url).catch(everyRegion)).then(expandFeed);
    feeds.set(url.href, loaded.then((policy) => {
      if (policy.schema_version != 1) throw new Error(`schema_version ${policy.schema_version}`);
      const lang = language(policy);
      return words(lang).then((s) => ({ policy, lang, s }));
    }).catch((error) => {
      feeds.delete(url.href); // try again on the next page
      throw error;
    }));
  }
  const feed = feeds.get(url.href);
  for (const root of roots) {
    const kind = Object.keys(KINDS).find((name) => root.hasAttribute(name));
    root.setAttribute("data-support-ready", "");
    feed.then(
      ({ policy, lang, s }) => {
        widgets.push(KINDS[kind](root, policy, lang, s));
        schedule();
      },
      () => SHOWS_ERROR.includes(kind) && words(language(null)).then((s) => {
        root.replaceChildren(h("p", { class: "support-widget__error" }, s.error));
        root.hidden = false;
      }, () => {}), // without words either, the page's own content stays
    );
  }
}

// The feed the containers need: when they are all status lines of one and the same region
// (data-regions="emea", no channels), that region's own feed (support/emea.json, the
// shared parts and that region only), else the feed with every region.
function feedFor(roots) {
  const ids = new Set();
  for (const root of roots) {
    if (!root.hasAttribute("data-support-status") || root.hasAttribute("data-channels")) return FEED;
    const regions = (root.getAttribute("data-regions") || "").split(/\s+/).filter(Boolean);
    if (regions.length != 1 || !/^[a-z0-9][a-z0-9-]*$/.test(regions[0])) return FEED;
    ids.add(regions[0]);
  }
  return ids.size == 1 ? new URL(`${[...ids][0]}.json`, FEED) : FEED;
}

function json(url) {
  return fetch(url).then((response) => {
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    return response.json();
  });
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
    // From here on the container shows the reader's moment, not the build's (tests wait for it).
    setAttr(widgets[i].root, "data-support-updated", "");
    if (change > now && change < wake) wake = change;
  }
  if (widgets.length) timer = setTimeout(schedule, wake - now);
}

// Status widget

function status(root, policy, lang, s) {
  const only = (name) => (root.getAttribute(name) || "").split(/\s+/).filter(Boolean);
  const pick = (items, name) => items.filter((item) => !only(name).length || only(name).includes(item.id));
  const withChannels = root.hasAttribute("data-channels");
  const regions = withChannels && !root.hasAttribute("data-regions") ? [] : pick(policy.regions, "data-regions");
  const channels = withChannels ? pick(policy.channels || [], "data-channels") : [];
  const live = h("p", { class: "support-widget__live", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  const line = (item, channel) => ({ item, channel, row: h("li", { class: "support-status__region", [channel ? "data-support-channel" : "data-support-region"]: item.id },
    h("span", { class: "support-status__name" }, text(item.name, lang, policy)),
    h("span", { class: "support-status__badge" }, h("span", { class: "support-status__icon", "aria-hidden": "true" }), h("span", { class: "support-status__label" })),
    h("span", { class: "support-status__detail" }),
    h("span", { class: "support-status__notices" }),
  ) });
  const rows = [...regions.map((region) => line(region, false)), ...channels.map((channel) => line(channel, true))];
  const notice = h("p", { class: "support-status__changes", hidden: "" });
  root.classList.add("support-status");
  root.replaceChildren(h("ul", { class: "support-status__list" }, ...rows.map((r) => r.row)), notice, live);

  function update(now) {
    const all = supportStatus(policy, now), staffed = channelStatus(policy, now);
    const states = noticeStates(policy, now);
    const news = [];
    let wake = Infinity;
    for (const st of states) if (st.nextChange) wake = Math.min(wake, +st.nextChange);
    for (const { item, channel, row } of rows) {
      const st = channel ? staffed[item.id] : all[item.id];
      const label = s[LABELS[st.state] || st.state];
      const before = row.getAttribute("data-state");
      const next = st.nextChange ? st.nextChange.toISOString() : "";
      if (before && before != st.state) news.push(fill(s.now, { region: text(item.name, lang, policy), state: label.toLowerCase() }));
      setAttr(row, "data-state", st.state);
      setAttr(row, "data-next-change", next);
      setText(row.querySelector(".support-status__icon"), ICONS[st.state]);
      setText(row.querySelector(".support-status__label"), label);
      setText(row.querySelector(".support-status__detail"), (channel ? channelDetail : detail)(st, item, policy, lang, s, now));
      noticeLines(row.querySelector(".support-status__notices"),
        noticesConcerning(states, channel ? { channel: item.id } : { region: item.id }), policy, lang, s, now);
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
    const date = longDate(c.from, s, lang);
    return fill(s.hours_change, { region: text(region.name, lang, policy), date });
  }).join(" ");
}

// The sentence under a region: when it closes or opens, in its zone and the reader's.
function detail(st, region, policy, lang, s, now) {
  if (st.state == "unknown") return s.unknown_detail;
  const parts = closureNote(st, policy, lang, s);
  const at = moment(st.nextChange, region.zone, lang, s, now);
  const left = duration(st.nextChange - now, lang, s);
  const today = dateKey(st.nextChange, region.zone) == dateKey(now, region.zone) ? "_today" : "";
  if (st.nextState == "unknown") parts.push(fill(s.schedule_ends, at));
  else parts.push(fill(s[(st.state == "open" ? "closes" : "opens") + today], { ...at, left }));
  return parts.join(" ");
}

// Contact channels

// The contact page's list: under each channel with hours, its live line.
function channelLines(root, policy, lang, s) {
  const lines = [...root.querySelectorAll("[data-channel] .support-channel__live")].map((line) => {
    const id = line.closest("[data-channel]").getAttribute("data-channel");
    return { line, channel: (policy.channels || []).find((c) => c.id == id) };
  }).filter((l) => l.channel);

  for (const l of lines) {
    l.hours = l.line.closest("[data-channel]").querySelector(".support-channel__hours");
    l.notices = h("span", { class: "support-status__notices support-channel__notices" });
    l.line.after(l.notices);
  }

  function update(now) {
    const all = channelStatus(policy, now), states = noticeStates(policy, now);
    let wake = Infinity;
    for (const st of states) if (st.nextChange) wake = Math.min(wake, +st.nextChange);
    for (const { line, channel, hours, notices } of lines) {
      const st = all[channel.id];
      setAttr(line, "data-state", st.state);
      // Around the clock with no last day: the stated hours say it all (its line is for notices).
      const words = st.state == "always" && !(channel.available && channel.available.until) ? "" : channelDetail(st, channel, policy, lang, s, now);
      setText(line, words);
      if (line.hidden != !words) line.hidden = !words;
      // A channel no longer offered has no hours to state: its line says so instead.
      if (hours && hours.hidden != (st.state == "unavailable" && !st.nextChange)) hours.hidden = !hours.hidden;
      noticeLines(notices, noticesConcerning(states, { channel: channel.id }), policy, lang, s, now);
      if (st.nextChange) wake = Math.min(wake, +st.nextChange);
    }
    return wake;
  }
  return { root, update };
}

// The notices in effect for a region, one line each: "[!] Reduced service: Release week, until
// Saturday 00:00 EST (06:00 your time)." Redrawn only when the time to show changes.
function noticeLines(box, active, policy, lang, s, now) {
  const lines = active.map(({ notice }) => {
    const end = notice.end && new Date(notice.end);
    // A notice of whole days ends with its last day, as the page says it; else at its last moment.
    const lastDay = end && notice.all_day && longDate(isoDate(new Date(+end - MINUTE), notice.zone), s, lang);
    const until = !end ? s.notice_open : fill(s.notice_until, lastDay ? { at: lastDay, day: lastDay, time: "" } : moment(end, notice.zone, lang, s, now));
    return { notice, words: fill(s.notice_line, { title: text(notice.title, lang, policy), until }) };
  });
  const key = lines.map((l) => l.notice.id + "\n" + l.words).join("\n");
  if (box.dataset.shown === key) return;
  box.dataset.shown = key;
  box.replaceChildren(...lines.map(({ notice, words }) => h("span", { class: "support-notice", "data-notice": notice.id, "data-kind": notice.kind },
    h("span", { class: "support-notice__icon", "aria-hidden": "true" }, NOTICE_ICONS[notice.kind]),
    h("strong", { class: "support-notice__kind" }, fill(s.notice_kind, { kind: s[NOTICE_KINDS[notice.kind]] })), " ", words)));
}

// Notices

// The banner (each notice shown while planned or active) or the notices page (also while
// ended): each notice written by the build is shown, hidden and labelled by its state now. The
// banner's status line is announced when a notice's state changes from the one shown before
// (the build's, at first), never on the ticks in between; what this reader has heard is
// remembered for the browser tab (sessionStorage), so a notice is announced once per change,
// not again on every page load or instant navigation.
function notices(root, policy, lang, s) {
  const page = root.hasAttribute("data-support-notice-list");
  const shown = page ? ["planned", "active", "ended"] : ["planned", "active"];
  const live = root.querySelector("[data-support-notices-live]");
  const none = root.querySelector("[data-support-notices-none]");
  const items = [...root.querySelectorAll("[data-notice]")];
  // The banner's "More" (phones only, by the stylesheet): each notice's dates and state.
  const more = root.querySelector("[data-support-notices-more]");
  if (more) {
    more.hidden = false;
    more.addEventListener("click", () => {
      const open = more.getAttribute("aria-expanded") != "true";
      more.setAttribute("aria-expanded", String(open));
      root.toggleAttribute("data-expanded", open);
    });
  }
  // Beside a timed notice's window in its zone, the reader's own times. On the notices page after
  // the window, when they differ. In the banner on the line the build keeps for them (its room
  // held by the stylesheet from the first paint, so nothing moves), and where they are the
  // notice's, saying so: the line is there either way.
  const byId = new Map((policy.notices || []).map((n) => [n.id, n]));
  for (const item of items) {
    const notice = byId.get(item.getAttribute("data-notice")), when = item.querySelector(".support-notice__when");
    const yours = notice && when && readerWindow(notice, s);
    if (!page) {
      const slot = item.querySelector("[data-support-yours]");
      if (notice && slot) setText(slot, yours || `(${s.yours_same})`);
    } else if (yours && !item.querySelector(".support-notice__yours")) when.append(" ", h("span", { class: "support-notice__yours" }, yours));
  }

  let first = true;
  function update(now) {
    const states = new Map(noticeStates(policy, now).map((st) => [st.id, st]));
    const heard = live ? heardNotices() : {};
    const news = [];
    let wake = Infinity, visible = 0;
    for (const item of items) {
      const id = item.getAttribute("data-notice");
      const st = states.get(id);
      const state = st ? st.state : "expired";
      const known = Object.prototype.hasOwnProperty.call(heard, id);
      const before = known ? heard[id] : item.getAttribute("data-state");
      // At first only what is there to see now (unless this reader heard an earlier state); then
      // every change of what was or is shown.
      if (st && before != state && NOTICE_NEWS[state] && (shown.includes(state) || ((known || !first) && shown.includes(before)))) {
        news.push(fill(s[NOTICE_NEWS[state]], { kind: s[NOTICE_KINDS[st.notice.kind]], title: text(st.notice.title, lang, policy) }));
      }
      heard[id] = state;
      setAttr(item, "data-state", state);
      if (item.hidden != !shown.includes(state)) item.hidden = !shown.includes(state);
      setText(item.querySelector(".support-notice__state"), s[NOTICE_LABELS[state]] || "");
      if (shown.includes(state)) visible++;
      if (st && st.nextChange) wake = Math.min(wake, +st.nextChange);
    }
    if (none && none.hidden != visible > 0) none.hidden = visible > 0;
    if (live && news.length) live.textContent = news.join(" ");
    if (live) rememberNotices(heard);
    first = false;
    return wake;
  }
  return { root, update };
}

// The state of each notice this reader has heard announced, by notice id: kept in sessionStorage
// for the tab (in memory where storage is refused, which lasts through instant navigation).
const HEARD_KEY = "support-portal:notices-heard";
let heardInMemory = {};
function heardNotices() {
  try {
    const value = JSON.parse(sessionStorage.getItem(HEARD_KEY) || "{}");
    if (value && typeof value == "object" && !Array.isArray(value)) return value;
  } catch {
    // storage refused (a sandboxed frame, privacy settings) or unreadable: the memory below
  }
  return { ...heardInMemory };
}
function rememberNotices(heard) {
  heardInMemory = heard;
  try {
    sessionStorage.setItem(HEARD_KEY, JSON.stringify(heard));
  } catch {
    // storage refused or full: kept in memory only
  }
}

// "(Tuesday, 16 March 2027, 14:00 to 18:00 your time)": a notice's window in the reader's zone,
// in the page's forms; none for whole days or where the reader's clock reads as the notice's.
function readerWindow(notice, s) {
  if (notice.all_day || !notice.start) return "";
  const start = new Date(notice.start), end = notice.end && new Date(notice.end);
  const same = (t) => utcOffset(notice.zone, t) == -t.getTimezoneOffset();
  if (same(start) && (!end || same(end))) return "";
  const moment = (t) => fill(s.formats.moment, { date: cldr(s.formats.date, wall(t), s), time: cldr("HH:mm", wall(t), s), zone: "" }).trim();
  const first = moment(start);
  if (!end) return `(${fill(s.yours, { time: first })})`;
  const last = isoDate(start) == isoDate(end) ? cldr("HH:mm", wall(end), s) : moment(end);
  return `(${fill(s.yours, { time: fill(s.formats.window, { start: first, end: last }) })})`;
}

// The sentence for a channel: staffed around the clock, staffed until, or when it is staffed
// next (and whether it takes requests meanwhile), in its zone and the reader's.
function channelDetail(st, channel, policy, lang, s, now) {
  const available = channel.available || {};
  // Its first and last day are said as the page says them: "Offered from Monday, 11 January 2027."
  if (st.state == "unavailable") return st.nextChange ? fill(s.offered_from, { at: longDate(available.from, s, lang) }) : s.not_offered;
  const last = available.until ? [fill(s.offered_until, { date: longDate(available.until, s, lang) })] : [];
  if (st.state == "always") return (last.length ? last : [s.around_the_clock]).join(" ");
  if (st.state == "unknown") return s.unknown_detail;
  const parts = closureNote(st, policy, lang, s);
  const at = moment(st.nextChange, st.zone, lang, s, now);
  const today = dateKey(st.nextChange, st.zone) == dateKey(now, st.zone) ? "_today" : "";
  // The next change is the end of its last day: never "next staffed" at a moment it is gone.
  if (st.nextState == "unavailable") parts.push(st.state == "staffed" ? s.staffed_to_the_end : s.not_staffed_again);
  else if (st.nextState == "unknown") parts.push(fill(s.schedule_ends, at));
  else if (st.state == "staffed") parts.push(fill(s.staffed_until, at));
  else parts.push(fill(channel.outside_hours == "accepted" ? s.accepted : s["next_staffed" + today], at));
  return [...parts, ...last].join(" ");
}

// "Closed today for Good Friday." or "Special hours today: ...", on a day that differs from the weekly hours.
function closureNote(st, policy, lang, s) {
  if (!st.closure) return [];
  return [fill(st.closure.hours.length ? s.special : s.closed_for, { name: text(st.closure.name, lang, policy) })];
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
      ? fill(s.due, { ...moment(result.due, region.zone, lang, s, now, ", "), left: duration(result.due - now, lang, s) })
      : s.due_beyond);
    const via = priority.via && (policy.channels || []).find((c) => c.id == priority.via);
    const vars = { priority: fill(s.priority_name, { name: text(priority.name, lang, policy) }), region: text(region.name, lang, policy), target: target ? targetWords(target, lang, s) : "", channel: via ? fill(s.channel_name, { name: text(via.name, lang, policy) }) : "" };
    const counted = target ? fill(target.clock != "business" ? s.calendar : result.channel ? s.business_channel : s.business, vars) : "";
    // A channel the target does not count on is still named: "... are answered via Support portal."
    setText(note, [counted, via && !(result.channel && target.clock == "business") ? fill(s.via, vars) : ""].filter(Boolean).join(" "));
    return Infinity;
  }
  return { root, update };
}

// Dated changes on the reader's day

// The hours table: from the first instant of an announced change (00:00 of its date in the
// region's zone) the region's rows state the new hours (the change row's data-weekly), the
// change row goes, and the "until" row names the day before the next change still to come, or
// goes too. Before that the table stays as built. The table keeps at least its height.
function hoursTable(root, policy, lang, s) {
  const regions = policy.regions.map((region) => ({ region, shown: "" }));

  function update(now) {
    let wake = Infinity;
    for (const entry of regions) {
      const { region } = entry;
      const rows = [...root.querySelectorAll(`tbody tr[data-region="${CSS.escape(region.id)}"]`)];
      const changes = rows.filter((tr) => tr.hasAttribute("data-change"));
      if (!changes.length) continue;
      const day = isoDate(now, region.zone);
      const begun = changes.filter((tr) => tr.getAttribute("data-change") <= day);
      const coming = changes.filter((tr) => tr.getAttribute("data-change") > day);
      if (coming.length) wake = Math.min(wake, dayStart(coming[0].getAttribute("data-change"), region.zone));
      const latest = begun.length ? begun[begun.length - 1].getAttribute("data-change") : "";
      if (latest == entry.shown) continue;
      entry.shown = latest;
      keepHeight(root);
      const weekly = rows.filter((tr) => !tr.hasAttribute("data-change") && !tr.classList.contains("support-until"));
      const until = rows.find((tr) => tr.classList.contains("support-until"));
      const head = weekly[0].querySelector("th"), zone = weekly[0].querySelector("td[data-zone]");
      const lines = JSON.parse(begun[begun.length - 1].getAttribute("data-weekly"));
      const fresh = lines.map(([days, hours], i) => h("tr", { "data-region": region.id },
        ...(i == 0 ? [head] : []), h("td", {}, days), h("td", {}, hours), ...(i == 0 ? [zone] : [])));
      weekly[0].before(...fresh);
      weekly.forEach((tr) => tr.remove());
      begun.forEach((tr) => (tr.hidden = true));
      restateUntil(until, coming, s, lang);
      const span = String(fresh.length + coming.length + (coming.length && until ? 1 : 0));
      for (const cell of [head, zone]) if (cell) cell.rowSpan = span;
    }
    return wake;
  }
  return { root, update };
}

// "(until Sunday, 21 March 2027)" after a change has begun: the day before the next coming change,
// hidden when none is left.
function restateUntil(until, coming, s, lang) {
  if (!until) return;
  until.hidden = !coming.length;
  const time = until.querySelector("time");
  if (coming.length && time) {
    const last = isoDate(new Date(Date.parse(coming[0].getAttribute("data-change")) - DAY / 2), "UTC");
    time.dateTime = last;
    time.textContent = longDate(last, s, lang);
  }
}

// The priority table's targets: a change of a target takes the cell's place once its date has
// begun in every region's zone (a request counts from 00:00 of it in the customer's region);
// until then the cell says until when the target applies and what comes from when.
function targetTable(root, policy, lang, s) {
  const cells = [...root.querySelectorAll("td")].filter((td) => td.querySelector(".support-change[data-change]"));
  const shown = new Map();

  function update(now) {
    let wake = Infinity;
    const day = policy.regions.map((r) => isoDate(now, r.zone)).sort()[0];
    for (const cell of cells) {
      const changes = [...cell.querySelectorAll(".support-change[data-change]")];
      const begun = changes.filter((c) => c.getAttribute("data-change") <= day);
      const coming = changes.filter((c) => c.getAttribute("data-change") > day);
      if (coming.length) {
        const date = coming[0].getAttribute("data-change");
        wake = Math.min(wake, Math.max(...policy.regions.map((r) => dayStart(date, r.zone))));
      }
      if (!begun.length || shown.get(cell) == begun.length) continue;
      shown.set(cell, begun.length);
      keepHeight(root);
      setText(cell.firstChild, begun[begun.length - 1].getAttribute("data-target"));
      for (const c of begun) {
        c.hidden = true;
        if (c.previousElementSibling && c.previousElementSibling.tagName == "BR") c.previousElementSibling.hidden = true;
      }
      const until = cell.querySelector(".support-until");
      restateUntil(until, coming, s, lang);
    }
    return wake;
  }
  return { root, update };
}

// Words that apply until a date (data-support-until, the last day, in data-zone): gone from the
// next day on, the paragraph keeping its height.
function dated(root) {
  const last = root.getAttribute("data-support-until"), zone = root.getAttribute("data-zone") || "UTC";
  const next = isoDate(new Date(Date.parse(last) + DAY), "UTC");

  function update(now) {
    const over = isoDate(now, zone) > last;
    if (over && !root.hidden) {
      keepHeight(root.closest("p, li, td") || root.parentElement);
      root.hidden = true;
    }
    return over ? Infinity : dayStart(next, zone);
  }
  return { root, update };
}

// The first instant of a date ("2027-03-22") in `zone`.
function dayStart(iso, zone) {
  const midnight = Date.parse(iso);
  let t = midnight - utcOffset(zone, new Date(midnight)) * MINUTE;
  t = midnight - utcOffset(zone, new Date(t)) * MINUTE;
  return t;
}

// A restated block keeps the height it was built with, so nothing below it moves.
function keepHeight(block) {
  if (!block.style.minHeight) block.style.minHeight = `${block.getBoundingClientRect().height}px`;
}

// Closures on the reader's day

// "The next closure is Christmas Day (Erster Weihnachtstag), Friday 25 December 2026.", in place
// of the page's dated list (data-date: the closure's date). The paragraph keeps the height it had,
// so nothing below it moves when the shorter sentence arrives.
function nextClosure(root, policy, lang, s) {
  const block = root.closest("p") || root;

  function update(now) {
    const soon = upcomingClosures(policy, now, policy.regions.length * 4);
    const next = soon[0];
    let sentence = s.unknown_detail;
    if (next) sentence = fill(s.next_one, { closure: dateWords(soon.filter((c) => c.date == next.date), policy, lang, s) });
    else if (now < Date.parse(policy.horizon.last_date) + DAY) sentence = fill(s.next_none, { last: longDate(policy.horizon.last_date, s, lang, false) });
    if (root.textContent !== sentence && !block.style.minHeight) block.style.minHeight = `${block.getBoundingClientRect().height}px`;
    setAttr(root, "data-date", next ? next.date : "");
    setText(root, sentence);
    return Infinity;
  }
  return { root, update };
}

// The calendar's mark on the reader's next closure: the rows of its date for the regions it
// still closes, labelled "Next closure:"; the mark the page was built with moves there.
function calendarMark(root, policy, lang, s) {
  const rows = [...root.querySelectorAll("tr[data-date]")];

  function update(now) {
    const soon = upcomingClosures(policy, now, policy.regions.length);
    const first = soon.length ? soon[0].date : null;
    const closing = new Set(soon.filter((c) => c.date == first).flatMap((c) => c.regions));
    for (const row of rows) {
      const regions = (row.getAttribute("data-regions") || "").split(/\s+/);
      markRow(row, row.getAttribute("data-date") == first && regions.some((id) => closing.has(id)), s.next_closure);
    }
    return Infinity;
  }
  return { root, update };
}

// Marks one calendar row (a label before the name, the name in <mark>), or takes the mark away.
function markRow(row, on, label) {
  const cell = row.cells[1];
  const strong = cell.querySelector(".support-next__label"), mark = cell.querySelector("mark");
  if (row.classList.contains("support-next") != on) row.classList.toggle("support-next", on);
  if (on) {
    if (!mark) cell.replaceChildren(h("mark", {}, ...cell.childNodes));
    if (!strong) cell.prepend(h("strong", { class: "support-next__label" }), " ");
    setText(cell.querySelector(".support-next__label"), label);
  } else {
    if (strong) {
      if (strong.nextSibling && strong.nextSibling.nodeType == Node.TEXT_NODE) strong.nextSibling.remove();
      strong.remove();
    }
    if (mark) mark.replaceWith(...mark.childNodes);
  }
}

// "Christmas Eve (Heiligabend), Thursday 24 December 2026", with its regions when not all:
// the calendar's name (and beside it its official name) and the date, as the page writes them.
function closureWords(closure, policy, lang, s) {
  const words = fill(s.name_date, { name: closureName(closure, policy, lang, s), date: longDate(closure.date, s, lang) });
  if (closure.regions.length >= policy.regions.length) return words;
  return fill(s.closure_regions, { text: words, regions: regionNames(closure.regions, policy, lang) });
}

// Every closure of one date, as the page says it: one name for all regions closed that day, or
// each name with its regions ("Friday 25 December 2026: Christmas Day for EMEA and USA; ...").
function dateWords(closures, policy, lang, s) {
  const named = new Map();
  for (const closure of closures) {
    const name = closureName(closure, policy, lang, s);
    if (!named.has(name)) named.set(name, { ...closure, regions: [] });
    named.get(name).regions.push(...closure.regions.filter((id) => !named.get(name).regions.includes(id)));
  }
  if (named.size == 1) return closureWords([...named.values()][0], policy, lang, s);
  const each = [...named].map(([name, closure]) => fill(s.next_for, { name, regions: regionNames(closure.regions, policy, lang) }));
  return fill(s.next_several, { date: longDate(closures[0].date, s, lang), closures: each.join(s.separator) });
}

// "Good Friday (Karfreitag)": the name in the page's language, with the holiday's official name
// (in its country's language) beside it where that is another text, as the page writes it.
function closureName(closure, policy, lang, s) {
  const shown = text(closure.name, lang, policy);
  return closure.official && closure.official != shown ? fill(s.name_official, { name: shown, official: closure.official }) : shown;
}

// "EMEA, USA and APAC", in the feed's order of regions.
function regionNames(ids, policy, lang) {
  const names = policy.regions.filter((r) => ids.includes(r.id)).map((r) => text(r.name, lang, policy));
  return formatter(lang, { type: "conjunction" }, Intl.ListFormat).format(names);
}

// A date ("2026-12-25") written out in the catalog's locale: "Friday 25 December 2026".
function longDate(iso, s, lang, weekday = true) {
  return cldr(weekday ? s.formats.date : s.formats.date_long, wall(new Date(Date.parse(iso)), "UTC"), s);
}

// Helper functions

// An instant in the region's zone and, if it differs, in the reader's: "Tuesday 10:00 CET (04:00 your time)".
function when(date, zone, lang, s, now, glue) {
  const there = clock(date, zone, s, now, zoneName(date, zone, lang, s));
  if (utcOffset(zone, date) == -date.getTimezoneOffset()) return there;
  const here = fill(s.yours, { time: clock(date, undefined, s, now, "") });
  return glue ? there + glue + here : `${there} (${here})`;
}

// The same instant for a catalog text: {at} as `when` writes it, and its parts apart for languages
// that put words between them ("lunedì alle 10:00"): {day} the weekday (the page's full date from six
// days away) in `zone`, empty on the day itself there; {time} the wall time, zone and the reader's own time.
function moment(date, zone, lang, s, now, glue) {
  const fields = wall(date, zone);
  const day = dateKey(now, zone) == dateKey(date, zone) ? "" : cldr(date - now < 6 * DAY ? "EEEE" : s.formats.date, fields, s);
  let time = fill(s.formats.time_zone, { time: cldr("HH:mm", fields, s), zone: zoneName(date, zone, lang, s) }).trim();
  if (utcOffset(zone, date) != -date.getTimezoneOffset()) {
    const here = fill(s.yours, { time: clock(date, undefined, s, now, "") });
    time = glue ? time + glue + here : `${time} (${here})`;
  }
  return { at: when(date, zone, lang, s, now, glue), day, time };
}

// Wall time in `zone` (undefined: the reader's) with the zone's name: the time alone today there,
// with the weekday within six days, else with the page's full date ("Monday, 11 January 2027, 00:00 CET").
function clock(date, zone, s, now, name) {
  const fields = wall(date, zone), time = cldr("HH:mm", fields, s);
  if (dateKey(now, zone) == dateKey(date, zone)) return fill(s.formats.time_zone, { time, zone: name }).trim();
  if (date - now < 6 * DAY) return `${cldr(s.formats.weekday_time, fields, s)} ${name}`.trim();
  return fill(s.formats.moment, { date: cldr(s.formats.date, fields, s), time, zone: name }).trim();
}

function dateKey(date, zone) {
  return isoDate(date, zone);
}

// The date of an instant in `zone` (undefined: the reader's): "2026-12-24".
function isoDate(date, zone) {
  const f = wall(date, zone);
  return `${f.y}-${String(f.M).padStart(2, "0")}-${String(f.d).padStart(2, "0")}`;
}

// The wall-clock fields of an instant in `zone` (undefined: the reader's), from its UTC offset there.
function wall(date, zone) {
  const offset = zone ? utcOffset(zone, date) : -date.getTimezoneOffset();
  const d = new Date(+date + offset * MINUTE);
  return { y: d.getUTCFullYear(), M: d.getUTCMonth() + 1, d: d.getUTCDate(), E: (d.getUTCDay() + 6) % 7, H: d.getUTCHours(), m: d.getUTCMinutes() };
}

// A CLDR date pattern ("EEEE, d MMMM y") filled with wall-clock fields, in the names the build
// gave (s.formats, from the same CLDR data as the pages): the page and the live parts agree.
function cldr(pattern, f, s) {
  return pattern.replace(/'((?:[^']|'')*)'|([A-Za-z])\2*/g, (token, quoted, letter) => {
    if (quoted !== undefined) return quoted ? quoted.replace(/''/g, "'") : "'";
    const n = token.length;
    switch (letter) {
      case "y": return n == 2 ? String(f.y % 100).padStart(2, "0") : String(f.y).padStart(n, "0");
      case "M": case "L": return n >= 4 ? s.formats.months[f.M - 1] : String(f.M).padStart(n, "0");
      // The plain day number as the catalog writes it ("1er" in French), as the pages do.
      case "d": return n == 1 && s.formats.days_of_month ? s.formats.days_of_month[f.d - 1] : String(f.d).padStart(n, "0");
      case "E": case "c": case "e": return s.formats.days[f.E];
      case "H": return String(f.H).padStart(n, "0");
      case "m": return String(f.m).padStart(n, "0");
      default: return token;
    }
  });
}

// The zone's short name at an instant as the pages write it ("CET", "UTC+08:00"): from the
// build's table of its periods; a zone the policy does not use by Intl's names.
function zoneName(date, zone, lang, s) {
  const periods = s.zones && s.zones[zone];
  if (periods) {
    let name = periods[0][1];
    for (const [start, label] of periods) if (start == null || start * 1000 <= +date) name = label;
    return name;
  }
  let first = "";
  for (const locale of [lang, "en-US", "en-GB"]) {
    const part = formatter(locale, { timeZone: zone, timeZoneName: "short" }).formatToParts(date).find((p) => p.type == "timeZoneName");
    const name = part ? part.value : "";
    if (!/^GMT[+\-\u2212]/.test(name)) return name;
    first ||= name;
  }
  return first;
}

// A target as the priorities page writes it ("4 business hours"), from the build's words.
function targetWords(target, lang, s) {
  const words = s.targets && s.targets[`${target.minutes}${target.clock == "business" ? "b" : "c"}`];
  return words || duration(target.minutes * MINUTE, lang, s, false);
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

// Embedded on another site, the page has no link to our stylesheet yet. The portal's own pages
// have it inside their one stylesheet (support-portal.min.css), which sets --support-widget.
function addStylesheet() {
  if (getComputedStyle(document.documentElement).getPropertyValue("--support-widget").trim()) return;
  const links = [...document.querySelectorAll('link[rel="stylesheet"]')];
  if (links.some((link) => link.href == STYLESHEET.href)) return;
  document.head.append(h("link", { rel: "stylesheet", href: STYLESHEET.href }));
}

// Data

// Decorative: the state is always also written out.
const ICONS = { open: "\u2713", closed: "\u2715", unknown: "?", staffed: "\u2713", always: "\u2713", not_staffed: "\u2715", unavailable: "\u2715" };
// The words of the states whose key is not the state itself: a channel always staffed is "Staffed".
const LABELS = { always: "staffed" };
// Notices: an icon per kind (decorative too: the kind is written out), the words of each
// kind, of each state, and of a change of state.
const NOTICE_ICONS = { information: "i", reduced_service: "!", disruption: "\u2715" };
const NOTICE_KINDS = { information: "notice_information", reduced_service: "notice_reduced_service", disruption: "notice_disruption" };
const NOTICE_LABELS = { planned: "notice_planned", active: "notice_active", ended: "notice_ended" };
const NOTICE_NEWS = { planned: "notice_soon", active: "notice_now", ended: "notice_over" };

start();
