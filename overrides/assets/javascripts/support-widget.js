// Live support status and first-response calculator, rendered from the portal's feed: the
// compact copy of support.json under support/ (every region, or the one region shown).
//
// Fills `[data-support-status]` (one line per region, optionally restricted with
// data-regions="emea usa"; with data-channels="hotline chat", or empty for all, one
// line per contact channel; each line with the notices in effect for it; ids the portal does not
// have are named in a console warning, and an element naming no id it has keeps its content
// below a note),
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
//
// This module loads, mounts and updates every widget and draws the live status itself; the
// calculator (support-calculator.js) and the restated statements (support-pages.js) are
// modules of their own, imported when a page has one of their containers.

import {
  DAY, MINUTE, supportStatus, channelStatus, text, utcOffset, noticeStates, noticesConcerning, hoursChanges, expandFeed,
} from "./support-schedule.js";
import { words } from "./support-words.js";

// The feed with every region: support.json's data with each list of days stored once.
const FEED = new URL("../../support/all_regions.json", import.meta.url);
// The full feed: read where a host does not serve the compact ones to this page (a CORS setup
// made for support.json only); expandFeed passes it through unchanged.
const FULL_FEED = new URL("../../support.json", import.meta.url);
const STYLESHEET = new URL("../stylesheets/support-widget.css", import.meta.url);
// Containers and the widget that fills each kind. The live status is here; the widgets that
// restate a page's own statements (support-pages.js) and the calculator (support-calculator.js)
// are modules of their own, loaded only by a page that has one (the portal's bundle keeps them
// in files of their own; the embedding bundle holds them all).
const pages = () => import("./support-pages.js");
const KINDS = {
  "data-support-status": () => status,
  "data-support-calculator": () => import("./support-calculator.js").then((m) => m.calculator),
  "data-support-channels": () => pages().then((m) => m.channelLines),
  "data-support-notices": () => pages().then((m) => m.notices),
  "data-support-notice-list": () => pages().then((m) => m.notices),
  "data-support-next-closure": () => pages().then((m) => m.nextClosure),
  "data-support-calendar": () => pages().then((m) => m.calendarMark),
  "data-support-hours": () => pages().then((m) => m.hoursTable),
  "data-support-targets": () => pages().then((m) => m.targetTable),
  "data-support-until": () => pages().then((m) => m.dated),
  "data-support-from": () => pages().then((m) => m.dated),
  "data-support-via": () => pages().then((m) => m.viaChannels),
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
    // A region the portal does not have (a typo in data-regions): the feed with every region,
    // where the status finds it by its name or another case, or says that it is not there.
    const everyRegion = () => json(FEED).catch(() => json(FULL_FEED));
    const loaded = url == FEED ? everyRegion() : json(url).catch(everyRegion);
    feeds.set(url.href, loaded.then((feed) => {
      if (feed.schema_version != 1) throw new Error(`schema_version ${feed.schema_version}`);
      const lang = language(feed);
      return words(lang).then((s) => ({ policy: expandFeed(untranslated(feed, lang, s)), lang, s }));
    }).catch((error) => {
      feeds.delete(url.href); // try again on the next page
      throw error;
    }));
  }
  const feed = feeds.get(url.href);
  for (const root of roots) {
    const kind = Object.keys(KINDS).find((name) => root.hasAttribute(name));
    root.setAttribute("data-support-ready", "");
    // The widget's module loads while the feed does.
    const module = Promise.resolve(KINDS[kind]());
    module.catch(reloadOnce);
    Promise.all([feed, module]).then(
      ([{ policy, lang, s }, widget]) => {
        // In the feed's first language on a page of another (an embedding site's): said so.
        if ((document.documentElement.lang || "").split("-")[0] != lang.split("-")[0]) root.setAttribute("lang", lang);
        // A widget with nothing to show (a status naming only ids the portal lacks) has said why.
        const mounted = widget(root, policy, lang, s);
        if (!mounted) return;
        widgets.push(mounted);
        schedule();
      },
      () => failed(root, kind, words(language(null)).then((s) => s.error)),
    );
  }
}

// A container its widget cannot fill: the lines kept for the reader's own times stay empty, so
// they go; its own content (the pages' hours, a link an embedding site gave it) stays, after the
// note saying why (`note`, a text or the promise of one), for the kinds that show one.
function failed(root, kind, note) {
  for (const slot of root.querySelectorAll("[data-support-yours]")) slot.hidden = true;
  if (SHOWS_ERROR.includes(kind)) Promise.resolve(note).then((text) => {
    root.prepend(h("p", { class: "support-widget__error" }, text));
    root.hidden = false;
  }, () => {}); // without words either, the page's own content stays
}

// A widget's module that cannot be loaded while the reader is online most likely belongs to
// another version of the site than this page's script (a tab kept open across a publication and
// moved on by instant navigation): the page is loaded once more, whole. Once per page and tab
// session: a second failure leaves the page's own text (and the widgets' error).
const RELOADED = "support-portal:reloaded";
function reloadOnce(error) {
  console.error("support portal: a widget could not be loaded", error);
  try {
    if (!navigator.onLine || sessionStorage.getItem(RELOADED) == location.href) return;
    sessionStorage.setItem(RELOADED, location.href);
  } catch {
    return; // without storage a reload could repeat: the page's own text stays
  }
  location.reload();
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

// The feed with each policy text it lacks in `lang` (missing_translations: fallback) in its first
// language, marked as the pages mark it: "India (noch nicht übersetzt)". A text is an object
// whose keys are all languages of the feed.
function untranslated(feed, lang, s) {
  const langs = feed.languages || [], first = langs[0], code = lang.split("-")[0];
  const mark = (value) => {
    if (Array.isArray(value)) return value.map(mark);
    if (!value || typeof value != "object") return value;
    const keys = Object.keys(value);
    if (keys.length && keys.every((k) => langs.includes(k) && typeof value[k] == "string"))
      return code in value || !(first in value) ? value : { ...value, [code]: untranslatedText(value[first], first, s.untranslated) };
    return Object.fromEntries(keys.map((k) => [k, mark(value[k])]));
  };
  return langs.includes(code) ? mark(feed) : feed;
}

// A text of another language, in marks the widgets turn into what the pages write for it:
// <span class="support-untranslated" title="noch nicht übersetzt"><span lang="en">India</span><span
// class="support-untranslated__note"> (noch nicht übersetzt)</span></span>, so a screen reader says
// it in its own language. The marks are private-use characters, which no policy or catalog text
// holds: "\ue010en\ue011India\ue012noch nicht übersetzt\ue013" (the build marks the browser's
// words it lacks alike). They nest: a word of the catalog's first language around a policy text.
// A text in another language with nothing to note (a holiday's official name) is marked alike, as
// "\ue014de\ue015Karfreitag\ue016", which becomes <span lang="de">Karfreitag</span>.
const MARKS = /\ue010([^\ue011]*)\ue011|\ue012([^\ue013]*)\ue013|\ue014([^\ue015]*)\ue015|(\ue016)/g;
const MARKED = /[\ue010\ue014]/;
function untranslatedText(text, lang, note) {
  return `\ue010${lang}\ue011${text}\ue012${note}\ue013`;
}
function languageText(text, lang) {
  return `\ue014${lang}\ue015${text}\ue016`;
}

// The text as plain words, for an attribute or an option: "India (noch nicht übersetzt)".
function plain(value) {
  return String(value).replace(MARKS, (mark, lang, note) => (note !== undefined ? ` (${note})` : ""));
}

// The text as nodes: its marked parts in elements of their language.
function nodes(value) {
  const root = document.createDocumentFragment(), open = [root];
  let at = 0;
  for (const m of String(value).matchAll(MARKS)) {
    open[open.length - 1].append(value.slice(at, m.index));
    at = m.index + m[0].length;
    if (m[1] !== undefined) {
      const inner = h("span", { lang: m[1] });
      open[open.length - 1].append(h("span", { class: "support-untranslated" }, inner));
      open.push(inner);
    } else if (m[3] !== undefined) {
      const inner = h("span", { lang: m[3] });
      open[open.length - 1].append(inner);
      open.push(inner);
    } else if (open.length > 1 && m[4] !== undefined) {
      open.pop();
    } else if (open.length > 1) {
      const outer = open.pop().parentNode;
      outer.title = m[2];
      outer.append(h("span", { class: "support-untranslated__note" }, ` (${m[2]})`));
    }
  }
  open[open.length - 1].append(value.slice(at));
  return root;
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

// The live status of the regions and channels the element names (all regions when it names none);
// null when it names only ids the portal does not have: it then keeps its content, below a note.
function status(root, policy, lang, s) {
  const withChannels = root.hasAttribute("data-channels");
  const none = { items: [], unknown: [] };
  const asked = [
    withChannels && !root.hasAttribute("data-regions") ? none : named(root, "data-regions", policy.regions, "region"),
    withChannels ? named(root, "data-channels", policy.channels || [], "channel") : none,
  ];
  const [regions, channels] = asked.map((a) => a.items);
  const unknown = asked.flatMap((a) => a.unknown);
  if (unknown.length && !regions.length && !channels.length) {
    failed(root, "data-support-status", fill(s.not_found, { ids: formatter(lang, { type: "unit", style: "short" }, Intl.ListFormat).format(unknown) }));
    return null;
  }
  const live = h("p", { class: "support-widget__live", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  const line = (item, channel) => ({ item, channel, row: h("li", { class: "support-status__region", [channel ? "data-support-channel" : "data-support-region"]: item.id },
    h("span", { class: "support-status__name" }, text(item.name, lang, policy)),
    h("span", { class: "support-status__badge" }, h("span", { class: "support-status__icon", "aria-hidden": "true" }), h("span", { class: "support-status__label" })),
    h("span", { class: "support-status__detail" }),
    h("span", { class: "support-status__notices" }),
  ) });
  const rows = [...regions.map((region) => line(region, false)), ...channels.map((channel) => line(channel, true))];
  const notice = h("p", { class: "support-status__changes", hidden: "" });
  const stamp = h("p", { class: "support-widget__as-of" });
  root.classList.add("support-status");
  root.replaceChildren(stamp, h("ul", { class: "support-status__list" }, ...rows.map((r) => r.row)), notice, live);

  function update(now) {
    const all = supportStatus(policy, now), staffed = channelStatus(policy, now);
    const states = noticeStates(policy, now);
    const news = [];
    let wake = Infinity;
    for (const st of states) if (st.nextChange) wake = Math.min(wake, +st.nextChange);
    for (const { item, channel, row } of rows) {
      const st = channel ? staffed[item.id] : all[item.id];
      const label = s[(channel && st.state == "always" && WRITTEN.includes(item.type) ? "accepting" : LABELS[st.state]) || st.state];
      const concerning = noticesConcerning(states, channel ? { channel: item.id } : { region: item.id });
      // Open or staffed while a disruption or reduced service is in effect: the badge says that, not
      // a plain "Staffed" beside it (the line under it still says until when it is staffed).
      const kind = OPEN.includes(st.state) && Object.keys(BADGES).find((k) => concerning.some(({ notice }) => notice.kind == k));
      const before = row.getAttribute("data-state");
      const next = st.nextChange ? st.nextChange.toISOString() : "";
      if (before && before != st.state) {
        // A channel's first and last instant: that it is offered now, or no longer.
        const name = text(item.name, lang, policy);
        const said = !channel ? s.now : st.state == "unavailable" ? s.channel_gone : before == "unavailable" ? s.channel_offered : s.channel_now;
        news.push(fill(said, { region: name, channel: fill(s.channel_name, { name }), state: label.toLowerCase() }));
      }
      setAttr(row, "data-state", st.state);
      setAttr(row, "data-next-change", next);
      if (kind) setAttr(row, "data-notice-kind", kind);
      else row.removeAttribute("data-notice-kind");
      setText(row.querySelector(".support-status__icon"), kind ? NOTICE_ICONS[kind] : ICONS[st.state]);
      setText(row.querySelector(".support-status__label"), kind ? s[BADGES[kind]] : label);
      setText(row.querySelector(".support-status__detail"), (channel ? channelDetail : detail)(st, item, policy, lang, s, now));
      noticeLines(row.querySelector(".support-status__notices"), concerning, policy, lang, s, now);
      if (st.nextChange) wake = Math.min(wake, +st.nextChange);
    }
    if (news.length) live.replaceChildren(nodes(news.join(" ")));
    setText(stamp, asOf(now, lang, s));
    const changes = changesNotice(policy, regions, lang, s, now);
    setText(notice, changes);
    notice.hidden = !changes;
    return wake;
  }
  return { root, update };
}

// The items (regions or channels, `kind`) an element names in `attribute` ("data-regions"), in the
// policy's order; every one when it names none. An id is matched exactly; one in other capitals
// or an item's name in any language ("EMEA", "E-Mail") is taken too, with a warning that gives the
// id to write. Ids that name none are returned as `unknown`, and named in a warning with the ids
// there are.
function named(root, attribute, items, kind) {
  const asked = (root.getAttribute(attribute) || "").split(/\s+/).filter(Boolean);
  if (!asked.length) return { items, unknown: [] };
  const fold = (value) => value.toLowerCase();
  // A name as the policy gives it, in each language (not the marked copies of untranslated ones).
  const names = (item) => (item.name && typeof item.name == "object" ? Object.values(item.name) : [item.name])
    .filter((name) => typeof name == "string" && !name.includes("\ue010"));
  const found = new Set(), unknown = [];
  for (const id of asked) {
    let item = items.find((i) => i.id === id);
    if (!item) {
      item = items.find((i) => fold(i.id) == fold(id)) || items.find((i) => names(i).some((name) => fold(name) == fold(id)));
      if (item) console.warn(`support portal: ${attribute}="${root.getAttribute(attribute)}": "${id}" is taken as the ${kind} "${item.id}"; write its id.`);
    }
    if (item) found.add(item);
    else unknown.push(id);
  }
  if (unknown.length) {
    const ids = items.map((i) => i.id).join(", ");
    console.warn(`support portal: ${attribute} names ${unknown.map((id) => `"${id}"`).join(", ")}, which this portal does not have; `
      + (ids ? `its ${kind} ids: ${ids}.` : `it has no ${kind}.`));
  }
  return { items: items.filter((item) => found.has(item)), unknown };
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
  if (st.state == "unknown") return unknown(st, region.zone, lang, s, now);
  const parts = closureNote(st, policy, lang, s, region.zone, now);
  const at = moment(st.nextChange, region.zone, lang, s, now);
  const left = duration(st.nextChange - now, lang, s);
  const today = dateKey(st.nextChange, region.zone) == dateKey(now, region.zone) ? "_today" : "";
  if (st.nextState == "unknown") parts.push(fill(s.schedule_ends, at));
  else parts.push(fill(s[(st.state == "open" ? "closes" : "opens") + today], { ...at, left }));
  return parts.join(" ");
}

// Outside the published schedule: beyond its end, or (a reader's clock set before it) when it begins.
function unknown(st, zone, lang, s, now) {
  return st.nextChange ? fill(s.schedule_starts, moment(st.nextChange, zone, lang, s, now)) : s.unknown_detail;
}

// The notices in effect for a region, one line each: "[!] Reduced service: Release week, until
// Saturday 00:00 EST (06:00 your time)." Redrawn only when the time to show changes.
function noticeLines(box, active, policy, lang, s, now) {
  const lines = active.map(({ notice }) => {
    const end = notice.end && new Date(notice.end);
    // A notice of whole days ends with its last day, as the page says it (with the reader's time
    // where that day ends at another hour of theirs, as a channel's last day); else at its last moment.
    const lastDay = end && notice.all_day && offeredDay(isoDate(new Date(+end - MINUTE), notice.zone), notice.zone, s, lang, now, true);
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

// The sentence for a channel: staffed around the clock, staffed until, or when it is staffed
// next (and whether it takes requests meanwhile), in its zone and the reader's.
function channelDetail(st, channel, policy, lang, s, now) {
  const available = channel.available || {};
  // Its first and last day are said as the page says them: "Offered from Monday, 11 January 2027."
  // (with the reader's time where that day begins or ends at another hour of the reader's).
  const day = (iso, end) => offeredDay(iso, available.zone, s, lang, now, end);
  if (st.state == "unavailable") return st.nextChange ? fill(s.offered_from, { at: day(available.from, false) }) : s.not_offered;
  const last = available.until ? [fill(s.offered_until, { date: day(available.until, true) })] : [];
  // Without hours a written channel takes requests any time, answered in support hours (the page's words).
  if (st.state == "always") return (last.length ? last : [WRITTEN.includes(channel.type) ? s.any_time : s.around_the_clock]).join(" ");
  if (st.state == "unknown") return unknown(st, st.zone, lang, s, now);
  const parts = closureNote(st, policy, lang, s, st.zone, now);
  const at = moment(st.nextChange, st.zone, lang, s, now);
  const today = dateKey(st.nextChange, st.zone) == dateKey(now, st.zone) ? "_today" : "";
  // The next change is the end of its last day: never "next staffed" at a moment it is gone.
  if (st.nextState == "unavailable") parts.push(st.state == "staffed" ? s.staffed_to_the_end : s.not_staffed_again);
  else if (st.nextState == "unknown") parts.push(fill(s.schedule_ends, at));
  else if (st.state == "staffed") parts.push(fill(s.staffed_until, at));
  else parts.push(fill(channel.outside_hours == "accepted" ? s.accepted : s["next_staffed" + today], at));
  return [...parts, ...last].join(" ");
}

// A channel's first or last day ("2027-03-19", days in `zone`) as the page says it and, where the
// day begins (or ends, `end`) at another hour of the reader's, that instant in the reader's time:
// "Friday, 19 March 2027 (Saturday 04:30 your time)", the end of 19 March in Berlin read in India.
function offeredDay(iso, zone, s, lang, now, end) {
  const said = longDate(iso, s, lang);
  if (!zone) return said;
  const at = new Date(dayStart(end ? isoDate(new Date(Date.parse(iso) + DAY), "UTC") : iso, zone));
  if (utcOffset(zone, at) == -at.getTimezoneOffset()) return said;
  // With its weekday always: the date said is the zone's, the reader's may be the day before or after.
  return fill(s.aside, { text: said, aside: fill(s.yours, { time: cldr(s.formats.weekday_time, wall(at), s) }) });
}

// On paper only: the moment a live part was written, in the reader's zone ("As of Monday,
// 7 December 2026, 10:30 CET:"), for a printout read later. The zone's name as the pages write it
// where the policy has the reader's zone; else "10:30 your time", as the live lines say it (never
// the browser's own names, "GMT+9" or an English "PDT" on a German page).
function asOf(now, lang, s) {
  const fields = wall(now), zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  const date = cldr(s.formats.date, fields, s), time = cldr("HH:mm", fields, s);
  const at = s.zones && s.zones[zone] ? fill(s.formats.moment, { date, time, zone: zoneName(now, zone, lang, s) })
    : fill(s.formats.moment, { date, time: fill(s.yours, { time }), zone: "" });
  return fill(s.as_of, { at: at.trim() });
}

// The first instant of a date ("2027-03-22") in `zone`.
function dayStart(iso, zone) {
  const midnight = Date.parse(iso);
  let t = midnight - utcOffset(zone, new Date(midnight)) * MINUTE;
  t = midnight - utcOffset(zone, new Date(t)) * MINUTE;
  return t;
}

// "Closed today for Good Friday (Karfreitag)." or "Special hours today: ...", on a day that differs
// from the weekly hours; the day's name as the pages write it.
// Where the region's day is not the reader's (India's Friday on a Thursday in Los Angeles), the
// day is said by its date: "Closed on Friday, 19 March 2027 for Team day."
function closureNote(st, policy, lang, s, zone, now) {
  if (!st.closure) return [];
  const name = closureName(st.closure, policy, lang, s);
  if (zone && now && st.closure.date && dateKey(now, zone) != dateKey(now)) {
    return [fill(st.closure.hours.length ? s.special_day : s.closed_for_day, { name, date: longDate(st.closure.date, s, lang) })];
  }
  return [fill(st.closure.hours.length ? s.special : s.closed_for, { name })];
}

// "Good Friday (Karfreitag)": the name in the page's language, with the holiday's official name
// (in its country's language) beside it where that is another text, as the page writes it: in an
// element of its language (official_language) where that is not the page's.
function closureName(closure, policy, lang, s) {
  const shown = text(closure.name, lang, policy);
  if (!closure.official || closure.official == shown) return shown;
  const language = closure.official_language;
  const official = language && primary(language) != primary(lang) ? languageText(closure.official, language) : closure.official;
  return fill(s.name_official, { name: shown, official });
}

// A language tag's language: "en" of "en-US".
function primary(tag) {
  return String(tag).split(/[-_]/)[0].toLowerCase();
}

// A date ("2026-12-25") written out in the catalog's locale: "Friday 25 December 2026".
function longDate(iso, s, lang, weekday = true) {
  return cldr(weekday ? s.formats.date : s.formats.date_long, wall(new Date(Date.parse(iso)), "UTC"), s);
}

// Helper functions

// An instant in the region's zone and, if it differs, in the reader's: "Tuesday 10:00 CET (04:00 your time)".
function when(date, zone, lang, s, now, form = s.aside) {
  const there = clock(date, zone, s, now, zoneName(date, zone, lang, s));
  if (utcOffset(zone, date) == -date.getTimezoneOffset()) return there;
  const here = fill(s.yours, { time: clock(date, undefined, s, now, "") });
  return fill(form, { text: there, aside: here });
}

// The same instant for a catalog text: {at} as `when` writes it, and its parts apart for languages
// that put words between them ("lunedì alle 10:00"): {day} the weekday (the page's full date from six
// days away) in `zone`, empty on the day itself there; {time} the wall time, zone and the reader's own time.
function moment(date, zone, lang, s, now, form = s.aside) {
  const fields = wall(date, zone);
  const day = dateKey(now, zone) == dateKey(date, zone) ? "" : cldr(date - now < 6 * DAY ? "EEEE" : s.formats.date, fields, s);
  let time = fill(s.formats.time_zone, { time: cldr("HH:mm", fields, s), zone: zoneName(date, zone, lang, s) }).trim();
  if (utcOffset(zone, date) != -date.getTimezoneOffset()) {
    const here = fill(s.yours, { time: clock(date, undefined, s, now, "") });
    time = fill(form, { text: time, aside: here });
  }
  return { at: when(date, zone, lang, s, now, form), day, time };
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
  element.append(...children.map((child) => (typeof child == "string" && MARKED.test(child) ? nodes(child) : child)));
  return element;
}

function setAttr(element, name, value) {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

// Written only when it changes (a live region is not told the same words again); a text with
// marked parts as nodes.
function setText(element, value) {
  value ??= "";
  if (!MARKED.test(value)) {
    if (element.textContent !== value || element.supportText) element.textContent = value;
    element.supportText = "";
  } else if (element.supportText !== value || element.textContent !== plain(value)) {
    element.replaceChildren(nodes(value));
    element.supportText = value;
  }
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
// The words of the states whose key is not the state itself: a channel always staffed is "Staffed"
// (a written one, which nobody staffs, is "Accepting requests").
const LABELS = { always: "staffed" };
// The types of written channels (portal, email, form), as in support.json.
const WRITTEN = ["portal", "email", "form"];
// Notices: an icon per kind (decorative too: the kind is written out), the words of each
// kind, of each state, and of a change of state.
const NOTICE_ICONS = { information: "i", reduced_service: "!", disruption: "\u2715" };
const NOTICE_KINDS = { information: "notice_information", reduced_service: "notice_reduced_service", disruption: "notice_disruption" };
const NOTICE_LABELS = { planned: "notice_planned", active: "notice_active", ended: "notice_ended" };
const NOTICE_NEWS = { planned: "notice_soon", active: "notice_now", ended: "notice_over" };
// The states a notice may qualify, and the kinds of notice that change their badge, the graver first.
const OPEN = ["open", "staffed", "always"];
const BADGES = { disruption: "state_disruption", reduced_service: "state_reduced_service" };

// The helpers the widgets in modules of their own (support-pages.js, support-calculator.js) use
// from here; the feed's functions they import from support-schedule.js and support-ahead.js.
// The portal's bundle exports both this module's and support-schedule.js's (one copy of each).
export {
  NOTICE_KINDS, NOTICE_LABELS, NOTICE_NEWS,
  asOf, channelDetail, closureName, cldr, dayStart, duration, fill, formatter, h, isoDate, longDate, moment, nodes, noticeLines,
  plain, schedule, setAttr, setText, wall,
};

start();
