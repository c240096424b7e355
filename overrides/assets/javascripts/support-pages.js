// The widgets that restate a page's own statements for the reader's moment (loaded by
// support-widget.js on a page that has one): the contact page's channel lines, the notices
// banner and notices page, the hours and target tables and the words bounded by a date on the
// day a change applies, and the next closure and the calendar's mark on the reader's day.

import { closuresNamingChannels } from "./support-ahead.js";
import { DAY, MINUTE, channelStatus, dayNumber, noticeStates, noticesConcerning, text, utcOffset } from "./support-schedule.js";
import {
  NOTICE_KINDS, NOTICE_LABELS, NOTICE_NEWS, channelDetail, closureName, cldr, dayStart, fill, formatter, h, isoDate,
  longDate, moment, nodes, noticeLines, plain, setAttr, setText, wall,
} from "./support-widget.js";

// Contact channels

// The contact page's list: under each channel with hours, its live line.
export function channelLines(root, policy, lang, s) {
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

// Notices

// The banner (each notice shown while planned or active) or the notices page (also while
// ended): each notice written by the build is shown, hidden and labelled by its state now. The
// banner's status line is announced when a notice's state changes from the one shown before
// (the build's, at first), never on the ticks in between; what this reader has heard is
// remembered for the browser tab (sessionStorage), so a notice is announced once per change,
// not again on every page load or instant navigation.
export function notices(root, policy, lang, s) {
  const page = root.hasAttribute("data-support-notice-list");
  const shown = page ? ["planned", "active", "ended"] : ["planned", "active"];
  const live = root.querySelector("[data-support-notices-live]");
  const none = root.querySelector("[data-support-notices-none]");
  const items = [...root.querySelectorAll("[data-notice]")];
  // The banner's "More" (phones only, by the stylesheet): each notice's dates and state; while
  // they are shown, "Less" hides them again.
  const more = root.querySelector("[data-support-notices-more]");
  if (more) {
    more.hidden = false;
    more.addEventListener("click", () => {
      const open = more.getAttribute("aria-expanded") != "true";
      more.setAttribute("aria-expanded", String(open));
      setText(more, open ? s.notices_less : s.notices_more);
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
      if (notice && slot) setText(slot, yours || fill(s.aside, { text: "", aside: s.yours_same }).trim());
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
    if (live && news.length) live.replaceChildren(nodes(news.join(" ")));
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
// in the page's forms; none where the reader's clock reads as the notice's. Whole days too: they
// are days in the notice's zone, which begin at another hour of the reader's ("Wednesday, 17 March
// 2027, 19:30 to Friday, 19 March 2027, 19:30 your time" for 18 and 19 March in India).
function readerWindow(notice, s) {
  if (!notice.start) return "";
  const start = new Date(notice.start), end = notice.end && new Date(notice.end);
  const same = (t) => utcOffset(notice.zone, t) == -t.getTimezoneOffset();
  if (same(start) && (!end || same(end))) return "";
  const moment = (t) => fill(s.formats.moment, { date: cldr(s.formats.date, wall(t), s), time: cldr("HH:mm", wall(t), s), zone: "" }).trim();
  const first = moment(start);
  if (!end) return fill(s.aside, { text: "", aside: fill(s.yours, { time: first }) }).trim();
  const last = isoDate(start) == isoDate(end) ? cldr("HH:mm", wall(end), s) : moment(end);
  return fill(s.aside, { text: "", aside: fill(s.yours, { time: fill(s.formats.window, { start: first, end: last }) }) }).trim();
}

// Dated changes on the reader's day

// The hours table: from the first instant of an announced change (00:00 of its date in the
// region's zone) the region's rows state the new hours (the change row's data-weekly), the
// change row goes, and the "until" row names the day before the next change still to come, or
// goes too. Before that the table stays as built. The table keeps at least its height.
export function hoursTable(root, policy, lang, s) {
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
export function targetTable(root, policy, lang, s) {
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
// next day on; words that apply from a date (data-support-from, the first day, built hidden):
// shown from that day on. The paragraph keeps its height.
export function dated(root) {
  const last = root.getAttribute("data-support-until"), zone = root.getAttribute("data-zone") || "UTC";
  const next = last ? isoDate(new Date(Date.parse(last) + DAY), "UTC") : root.getAttribute("data-support-from");

  function update(now) {
    const begun = isoDate(now, zone) >= next;
    if (root.hidden != (last ? begun : !begun)) {
      keepHeight(root.closest("p, li, td") || root.parentElement);
      root.hidden = !root.hidden;
    }
    return begun ? Infinity : dayStart(next, zone);
  }
  return { root, update };
}

// The channels of the business-hours rule (data-support-via): each with a last day (data-until,
// in data-zone) gone from the next day on, with the separator before it (after it, for the
// first shown), and the sentence gone once none is left, as a build of that day words the rule:
// the words are all the build's. The paragraph keeps its height.
export function viaChannels(root) {
  const entries = [...root.querySelectorAll("[data-via-channel]")];

  function update(now) {
    let wake = Infinity, gone = false;
    for (const entry of entries) {
      const last = entry.getAttribute("data-until");
      if (!last || entry.hidden) continue;
      const zone = entry.getAttribute("data-zone") || "UTC";
      if (isoDate(now, zone) > last) {
        entry.hidden = true;
        gone = true;
      } else wake = Math.min(wake, dayStart(isoDate(new Date(Date.parse(last) + DAY), "UTC"), zone));
    }
    if (gone) {
      keepHeight(root.closest("p, li, td") || root.parentElement);
      let first = true;
      for (const entry of entries) {
        const separator = entry.previousElementSibling;
        if (separator && separator.hasAttribute("data-via-separator")) separator.hidden = entry.hidden || first;
        if (!entry.hidden) first = false;
      }
      root.hidden = first;
    }
    return wake;
  }
  return { root, update };
}

// A restated block keeps the height it was built with, so nothing the reader sees below it moves:
// while it is on the screen or above it. Below the screen the room is given back (what moves then
// is out of sight too), so a reader who scrolls to it finds no empty lines; on paper the stylesheet
// gives it back (marked data-support-kept).
function keepHeight(block) {
  if (block.style.minHeight) return;
  block.style.minHeight = `${block.getBoundingClientRect().height}px`;
  block.setAttribute("data-support-kept", "");
  if (typeof IntersectionObserver != "function") return;
  const watch = new IntersectionObserver(([seen]) => {
    if (seen.isIntersecting || seen.boundingClientRect.top < (seen.rootBounds ? seen.rootBounds.bottom : innerHeight)) return;
    watch.disconnect();
    block.style.minHeight = "";
    block.removeAttribute("data-support-kept");
  });
  watch.observe(block);
}

// Closures on the reader's day

// The closures to come from `now`, by date, each with the regions it closes all day and the
// channels it names (a closure of the hotline alone: "(Hotline channel)"), as the page's own
// statements: a day of special hours is no closure for the regions that keep them (the live
// status says "Special hours today"), and none at all where every region it concerns keeps hours
// (the calendar lists it).
function closuresAhead(policy, now) {
  return closuresNamingChannels(policy, now).filter((c) => !c.hours.length);
}

// How the closures of one date (`closures`) stand for the reader at `now`: current once their day
// has begun in the zone of a region or channel they close (a reader in Tokyo on the 25th while it
// is still the 24th in Europe and America reads "the next closure": null), and then worded by the
// reader's own day: "today" when their date is the reader's date, "now" when it is another (a
// reader in Berlin late on Sunday while Monday has begun in Sydney, or in Tokyo on the 26th while
// the 25th goes on in New York). The page's sentence and the calendar's mark say it alike.
function closureNow(closures, policy, now) {
  const zones = (c) => [...c.regions.map((id) => policy.regions.find((r) => r.id == id).zone),
    ...c.channels.map((id) => policy.channels.find((ch) => ch.id == id).schedule.zone)];
  if (!closures.some((c) => zones(c).some((zone) => isoDate(now, zone) == c.date))) return null;
  return closures.some((c) => isoDate(now) == c.date) ? "today" : "now";
}

// "The next closure is Christmas Day (Erster Weihnachtstag), Friday 25 December 2026.", in place
// of the page's dated list (data-date: the closure's date, the first still to come of a closure of
// consecutive dates). The paragraph keeps the height it had, so nothing below it moves when the
// shorter sentence arrives.
export function nextClosure(root, policy, lang, s) {
  const block = root.closest("p") || root;

  function update(now) {
    const soon = closuresAhead(policy, now);
    const next = soon[0];
    let sentence = s.unknown_detail;
    const day = next ? soon.filter((c) => c.date == next.date) : [];
    const words = { today: s.next_today, now: s.next_now }[closureNow(day, policy, now)] || s.next_one;
    if (next) sentence = fill(words, { closure: dateWords(day, soon, policy, lang, s) });
    else if (now < Date.parse(policy.horizon.last_date) + DAY) sentence = fill(s.next_none, { last: longDate(policy.horizon.last_date, s, lang, false) });
    if (root.textContent !== plain(sentence)) keepHeight(block);
    setAttr(root, "data-date", next ? next.date : "");
    setText(root, sentence);
    return Infinity;
  }
  return { root, update };
}

// The calendar's mark on the reader's next closure: the rows of its date for the regions it still
// closes and the channels it names (not a row of special hours), labelled "Next closure:", or
// "Today's closure:" or "Closed now:" as the sentence says it; the mark the page was built with
// moves there.
export function calendarMark(root, policy, lang, s) {
  const rows = [...root.querySelectorAll("tr[data-date]")];

  function update(now) {
    const soon = closuresAhead(policy, now);
    const first = soon.length ? soon[0].date : null;
    const day = soon.filter((c) => c.date == first);
    const closing = new Set(day.flatMap((c) => [...c.regions, ...c.channels.map((id) => `channel:${id}`)]));
    const label = { today: s.today_closure, now: s.now_closure }[closureNow(day, policy, now)] || s.next_closure;
    for (const row of rows) {
      const regions = (row.getAttribute("data-regions") || "").split(/\s+/).filter(Boolean);
      const channels = (row.getAttribute("data-channels") || "").split(/\s+/).filter(Boolean);
      const ids = [...regions, ...channels.map((id) => `channel:${id}`)];
      const on = row.getAttribute("data-date") == first && row.getAttribute("data-kind") != "special_hours" && ids.some((id) => closing.has(id));
      // Where the date is over in some of the row's regions and goes on in others (a reader in
      // Berlin after midnight while it is the 26th in New York), the mark names those it closes,
      // as the sentence above does: "Closed now: Second Day of Christmas (USA)".
      const some = on && !ids.every((id) => closing.has(id))
        ? whom({ regions: regions.filter((id) => closing.has(id)), channels: channels.filter((id) => closing.has(`channel:${id}`)) }, policy, lang, s) : "";
      markRow(row, on, label, some && fill(s.closure_regions, { text: "\u0000", regions: some }).split("\u0000"));
    }
    return Infinity;
  }
  return { root, update };
}

// Marks one calendar row (a label before the name, the name in <mark>), or takes the mark away;
// `around`: the words before and after the name that say whom it closes now ([before, after] of
// the catalog's closure_regions), or none.
function markRow(row, on, label, around) {
  const cell = row.cells[1];
  const strong = cell.querySelector(".support-next__label"), mark = cell.querySelector("mark");
  if (row.classList.contains("support-next") != on) row.classList.toggle("support-next", on);
  const whom = on && around ? around.join("\u0000") : "";
  const said = (cell.dataset.whom || "") == whom; // (written only when it changes)
  if (!said) {
    for (const span of cell.querySelectorAll(".support-next__whom")) span.remove();
    cell.dataset.whom = whom;
  }
  if (on) {
    if (!mark) cell.replaceChildren(h("mark", {}, ...cell.childNodes));
    if (!strong) cell.prepend(h("strong", { class: "support-next__label" }), " ");
    setText(cell.querySelector(".support-next__label"), label);
    const marked = cell.querySelector("mark");
    if (!said && whom && around[0]) marked.before(h("span", { class: "support-next__whom" }, around[0]));
    if (!said && whom && around[1]) marked.after(h("span", { class: "support-next__whom" }, around[1]));
  } else {
    if (strong) {
      if (strong.nextSibling && strong.nextSibling.nodeType == Node.TEXT_NODE) strong.nextSibling.remove();
      strong.remove();
    }
    if (mark) mark.replaceWith(...mark.childNodes);
  }
}

// "Christmas Eve (Heiligabend), Thursday 24 December 2026", with its regions when not all and
// the channels it names: the calendar's name (and beside it its official name) and the date, as
// the page writes them ("Hotline maintenance, Monday 14 June 2027 (Hotline channel)"); with the
// `last` date of a closure that goes on after its date ("Company offsite, Monday, 14 June 2027 to
// Wednesday, 16 June 2027").
function closureWords(closure, last, policy, lang, s) {
  const name = closureName(closure, policy, lang, s), date = longDate(closure.date, s, lang);
  const words = last == closure.date ? fill(s.name_date, { name, date })
    : fill(s.name_dates, { name, first: date, last: longDate(last, s, lang) });
  if (closure.regions.length >= policy.regions.length && !closure.channels.length) return words;
  return fill(s.closure_regions, { text: words, regions: whom(closure, policy, lang, s) });
}

// Every closure of one date, as the page says it: one name for all regions closed that day (to
// its last date, when it goes on after it among `soon`, the closures to come), or each name with
// its regions and channels ("Friday 25 December 2026: Christmas Day for EMEA and USA; ...").
function dateWords(closures, soon, policy, lang, s) {
  const named = namedClosures(closures, policy, lang, s);
  if (named.size == 1) return closureWords([...named.values()][0], lastDate(soon, closures[0].date, policy, lang, s), policy, lang, s);
  const each = [...named].map(([name, closure]) => fill(s.next_for, { name, regions: whom(closure, policy, lang, s) }));
  return fill(s.next_several, { date: longDate(closures[0].date, s, lang), closures: each.join(s.separator) });
}

// The closures of one date by the name shown, each with every region and channel it closes that day.
function namedClosures(closures, policy, lang, s) {
  const named = new Map();
  for (const closure of closures) {
    const name = closureName(closure, policy, lang, s);
    if (!named.has(name)) named.set(name, { ...closure, regions: [], channels: [] });
    const same = named.get(name);
    same.regions.push(...closure.regions.filter((id) => !same.regions.includes(id)));
    same.channels.push(...closure.channels.filter((id) => !same.channels.includes(id)));
  }
  return named;
}

// The last of the consecutive dates from `date` on among `soon` that close for one closure alone:
// the same name shown, the same regions and channels, as the build says it ("Company offsite" from
// 14 to 16 June 2027). A date with closures of different names is one of its own, as is a date
// whose closure has other regions (the same name for the USA alone on the day after).
function lastDate(soon, date, policy, lang, s) {
  const one = oneClosure(soon, date, policy, lang, s);
  const dates = [...new Set(soon.map((c) => c.date))];
  let last = date;
  for (const next of dates.slice(dates.indexOf(date) + 1)) {
    if (one === null || dayNumber(next) != dayNumber(last) + 1 || oneClosure(soon, next, policy, lang, s) !== one) break;
    last = next;
  }
  return last;
}

// The one closure of `date` among `soon` as its name shown, regions and channels; null when the
// date has several.
function oneClosure(soon, date, policy, lang, s) {
  const named = namedClosures(soon.filter((c) => c.date == date), policy, lang, s);
  if (named.size != 1) return null;
  const [[name, closure]] = named;
  return JSON.stringify([name, [...closure.regions].sort(), [...closure.channels].sort()]);
}

// Whom a closure applies to, as the calendar's rows say it: "All regions", "EMEA, USA and APAC"
// (in the feed's order of regions), "USA and Chat channel".
function whom(closure, policy, lang, s) {
  const names = closure.regions.length >= policy.regions.length ? [s.all_regions]
    : policy.regions.filter((r) => closure.regions.includes(r.id)).map((r) => text(r.name, lang, policy));
  for (const channel of (policy.channels || []).filter((ch) => closure.channels.includes(ch.id))) {
    names.push(fill(s.closure_channel, { channel: fill(s.channel_name, { name: text(channel.name, lang, policy) }) }));
  }
  return formatter(lang, { type: "conjunction" }, Intl.ListFormat).format(names);
}
