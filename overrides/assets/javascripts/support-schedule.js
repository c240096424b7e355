// Support status from support.json (schema_version 1): each region's and channel's state and
// next change, the notices' states, the coming changes of weekly hours. Pure functions: no DOM,
// no dependencies. Results depend only on the feed and the instant asked about, never on the
// reader's own time zone. support-ahead.js adds what looks further ahead (first-response due
// times, the next closures); support-status.js is both, for integrations.
//
// Schedule rules, of this module and support-ahead.js (tests/reference_schedule.py implements
// the same, independently):
// - Hours are local wall times "HH:MM" in the region's IANA zone. An interval belongs
//   to the date it starts on; an end of "24:00" is the next midnight, an end at or
//   before the start is on the next date (22:00-06:00).
// - A date's intervals are the hours of its `days` entry, which replace the weekly
//   hours ([] = closed all day), else the weekly hours of its weekday. Only dates from
//   horizon.first_date to horizon.last_date have intervals.
// - Local time to instant: a time skipped by a clock change moves forward by the gap
//   (02:30 -> 03:30 on the EU spring change); a time that occurs twice is the earlier
//   occurrence. This is Python's zoneinfo with fold=0 and Temporal's "compatible".
//   An interval whose end, so converted, is not after its start is empty.
// - Intervals are half-open [start, end): open at the opening minute, closed at the
//   closing minute. Overlapping or touching intervals merge into one open stretch.
// - Known time is [midnight starting first_date, midnight after last_date) in the
//   region's zone; outside it the state is "unknown". Reaching the horizon end is a
//   change (open or closed -> unknown).
// - Channels: a channel's `schedule` (zone, weekly, days) is read exactly like a region;
//   open is "staffed", closed is "not_staffed". A channel without one is "always" staffed.
// - Response targets: "calendar" adds the minutes to the instant; "business" counts
//   open minutes only, from the instant if open, else from the next opening, and
//   ends at the closing instant when the count runs out exactly there. An instant
//   outside the horizon, or a count that reaches the horizon end, has no due time.
//   A priority with `via` naming a channel that has a schedule counts on that schedule
//   (and its horizon) instead of the region's while the channel is offered (see below).
// - Closures: a region's `days` entry is a date in the region's zone; it is upcoming while
//   that date is today or later there. Regions with the same entry (kind, name, hours) on the
//   same date share one closure, as in the holiday calendar's rows.
// - Notices: each has the instants announce <= start <= end <= shown_until (end and
//   shown_until null: until further notice). At t it is "pending" before announce,
//   "planned" in [announce, start), "active" in [start, end), "ended" in [end, shown_until),
//   then "expired". Every boundary belongs to the later state.
// - Dated changes: a schedule's `hours_changes` entry replaces its weekly hours for dates
//   from `from` on (an interval belongs to the date it starts on). A priority's
//   `target_changes` entry gives the targets of requests made on or after its `from`,
//   a local date in the customer's region's zone. A channel's `available` limits it to
//   00:00 of `from` .. 24:00 of `until` in `available.zone`: outside it is "unavailable"
//   (accepts false), and a priority `via` it counts on the region's hours there: a count
//   switches schedule at the instant the channel starts or ends, and continues on the other
//   (still open minutes only; reaching the end of the horizon of the schedule in force ends it).

const MINUTE = 6e4;
const DAY = 864e5;
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

// Status of every region at `when`: state, next change, and the day entry behind it.
export function supportStatus(policy, when = new Date()) {
  const status = {};
  for (const region of policy.regions) {
    const s = scheduleState(policy, region, +when);
    status[region.id] = { ...s, zone: region.zone };
  }
  return status;
}

// Status of every channel at `when` (feeds without `channels`: none). A channel without a
// schedule is "always" staffed; one with a schedule is "staffed" in its open stretches and
// "not_staffed" between them, by the same rules as a region ("unknown" beyond the horizon).
// `accepts`: whether a request made now is taken: true when staffed, always, or when the
// channel accepts requests outside its hours; false when not staffed; null when unknown.
export function channelStatus(policy, when = new Date()) {
  const status = {};
  for (const channel of policy.channels || []) status[channel.id] = channelState(policy, channel, +when);
  return status;
}

// Weekly hours of each region that change within `days` days after `when`: [{ region,
// from (date), at (Date), weekly }], the first change of each region, soonest first.
export function hoursChanges(policy, when = new Date(), days = 7) {
  const out = [];
  for (const region of policy.regions) {
    const c = compile(policy, region);
    const next = c.changes.find(([n]) => n > localDay(c, +when));
    const at = next && toInstant(c.zone, next[0] * DAY);
    if (at > +when && at <= +when + days * DAY) out.push({ region: region.id, from: next[2], at: new Date(at), weekly: next[1] });
  }
  return out.sort((a, b) => a.at - b.at);
}

// State of every notice of the feed at `when` (feeds without `notices`: none), in feed order:
// { id, notice, state, nextChange, nextState } with state pending, planned, active, ended or
// expired, and the instant of its next change (null when none comes).
export function noticeStates(policy, when = new Date()) {
  const t = +when;
  return (policy.notices || []).map((notice) => {
    const bounds = [notice.announce, notice.start, notice.end, notice.shown_until].map((b) => (b == null ? Infinity : Date.parse(b)));
    const i = bounds.findIndex((b) => t < b);
    const state = i < 0 ? "expired" : NOTICE_STATES[i];
    const next = i < 0 || bounds[i] == Infinity ? null : new Date(bounds[i]);
    return { id: notice.id, notice, state, nextChange: next, nextState: next && NOTICE_STATES[i + 1] };
  });
}

// The notices of `states` (from noticeStates) in one of `shown` states that concern a region
// or a channel (either given; none given: every notice).
export function noticesConcerning(states, { region = null, channel = null } = {}, shown = ["active"]) {
  return states.filter(({ notice, state }) => shown.includes(state)
    && (region == null || notice.regions.includes(region))
    && (channel == null || notice.channels.includes(channel)));
}

// The text of a name object in `lang`, else in the feed's first language.
export function text(name, lang, policy) {
  if (name == null || typeof name == "string") return name || "";
  return name[lang] ?? name[(lang || "").split("-")[0]] ?? name[policy.languages[0]] ?? Object.values(name)[0] ?? "";
}

// UTC offset of `zone` at `when`, in minutes (NaN for an unknown zone).
export function utcOffset(zone, when = new Date()) {
  return offsetOf(zone, +when) / MINUTE;
}

// A feed in the widget's compact form (support/all_regions.json, support/<id>.json: each
// schedule's `days` an index into the top-level `day_lists`) in support.json's shape, to pass to
// the functions above. A feed without `day_lists` (support.json) is returned as it is.
export function expandFeed(feed) {
  const lists = feed && feed.day_lists;
  if (!Array.isArray(lists)) return feed;
  const expand = (schedule) => {
    if (!Array.isArray(lists[schedule.days])) throw new Error(`day_lists has no entry ${schedule.days}`);
    return { ...schedule, days: lists[schedule.days] };
  };
  const result = { ...feed, regions: feed.regions.map(expand) };
  delete result.day_lists;
  if (typeof feed.$schema == "string") result.$schema = feed.$schema.replace(/[^/]*$/, "support.schema.json");
  if (feed.channels) result.channels = feed.channels.map((c) => (c.schedule ? { ...c, schedule: expand(c.schedule) } : c));
  return result;
}

// Helper functions

const CHANNEL_STATES = { open: "staffed", closed: "not_staffed", unknown: "unknown" };
// A notice's states, in order: the state before each boundary, then after the last.
const NOTICE_STATES = ["pending", "planned", "active", "ended", "expired"];

// State of one channel at `t`: "unavailable" before its first and after its last day, else
// by its schedule (or "always"), with the end of its last day as a change.
function channelState(policy, channel, t) {
  const [from, until] = offered(channel);
  if (t < from || t >= until) {
    const next = t < from ? from : null;
    return { state: "unavailable", nextChange: next && new Date(next), nextState: next && channelState(policy, channel, next).state, closure: null, zone: channel.schedule ? channel.schedule.zone : null, accepts: false };
  }
  let r = { state: "always", nextChange: null, nextState: null, closure: null, zone: null, accepts: true };
  if (channel.schedule) {
    const s = scheduleState(policy, channel.schedule, t);
    const state = CHANNEL_STATES[s.state];
    r = {
      state,
      nextChange: s.nextChange,
      nextState: s.nextState && CHANNEL_STATES[s.nextState],
      closure: s.closure,
      zone: channel.schedule.zone,
      accepts: state == "staffed" || channel.outside_hours == "accepted" ? true : state == "not_staffed" ? false : null,
    };
  }
  if (until < Infinity && (r.nextChange == null || +r.nextChange >= until)) [r.nextChange, r.nextState] = [new Date(until), "unavailable"];
  return r;
}

// The instants [from, until) a channel is offered (-Infinity/Infinity without limits).
function offered(channel) {
  const a = channel.available;
  if (!a) return [-Infinity, Infinity];
  return [a.from ? toInstant(a.zone, dayNumber(a.from) * DAY) : -Infinity, a.until ? toInstant(a.zone, (dayNumber(a.until) + 1) * DAY) : Infinity];
}

// State of one schedule (a region, or a channel's schedule) at instant `t`.
function scheduleState(policy, schedule, t) {
  const c = compile(policy, schedule);
  let state = "unknown", next = t < c.start ? c.start : null, after = null, closure = null;
  if (t >= c.start && t < c.end) {
    const end = stretchEnd(c, t);
    const entry = c.days.get(localDay(c, t)) || null;
    if (end > t) {
      state = "open";
      next = Math.min(end, c.end);
      closure = entry && entry.hours.length ? entry : null;
    } else {
      state = "closed";
      next = Math.min(nextOpening(c, t), c.end);
      closure = entry;
    }
    after = next < c.end ? (state == "open" ? "closed" : "open") : "unknown";
  }
  return { state, nextChange: next == null ? null : new Date(next), nextState: after, closure };
}

// Per-schedule tables (a region, or a channel's schedule: zone, weekly, days), built once per feed object.
const compiled = new WeakMap();
function compile(policy, region) {
  let c = compiled.get(region);
  if (!c) {
    c = {
      zone: region.zone,
      weekly: region.weekly,
      changes: (region.hours_changes || []).map((h) => [dayNumber(h.from), h.weekly, h.from]),
      days: new Map(region.days.map((d) => [dayNumber(d.date), d])),
      first: dayNumber(policy.horizon.first_date),
      last: dayNumber(policy.horizon.last_date),
      intervals: new Map(),
    };
    c.start = toInstant(c.zone, c.first * DAY);
    c.end = toInstant(c.zone, (c.last + 1) * DAY);
    compiled.set(region, c);
  }
  return c;
}

// End of the open stretch that contains `t` (merged across touching intervals), or `t` if closed.
// Offsets stay within -12 h..+14 h, so an interval of a date three days before `end`'s
// UTC date ends before `end`, and one two days after starts after it.
function stretchEnd(c, t) {
  let end = t, from = localDay(c, t) - 2, grown = true;
  while (grown) {
    grown = false;
    for (let n = from; n <= Math.floor(end / DAY) + 2; n++) {
      for (const [start, stop] of intervals(c, n)) {
        if (start <= end && stop > end) {
          end = stop;
          grown = true;
        }
      }
    }
    from = Math.max(from, Math.floor(end / DAY) - 3);
  }
  return end;
}

// Start of the first interval after `t`, or Infinity.
function nextOpening(c, t) {
  let best = Infinity, found = Infinity;
  for (let n = localDay(c, t) - 2; n <= c.last && n <= found + 1; n++) {
    for (const [start] of intervals(c, n)) {
      if (start > t && start < best) {
        best = start;
        found = Math.min(found, n);
      }
    }
  }
  return best;
}

// Intervals [start, end) starting on local date `n` (days since 1970-01-01), cached.
function intervals(c, n) {
  let list = c.intervals.get(n);
  if (!list) {
    list = [];
    if (n >= c.first && n <= c.last) {
      const entry = c.days.get(n);
      let weekly = c.weekly;
      for (const [from, w] of c.changes) if (from <= n) weekly = w;
      for (const h of entry ? entry.hours : weekly[WEEKDAYS[(n + 4) % 7]] || []) {
        const open = minutes(h.start), close = minutes(h.end);
        const start = toInstant(c.zone, n * DAY + open * MINUTE);
        const end = toInstant(c.zone, n * DAY + (close > open ? close : close + 1440) * MINUTE);
        if (end > start) list.push([start, end]);
      }
    }
    c.intervals.set(n, list);
  }
  return list;
}

// Local date of instant `t` in the region's zone, as days since 1970-01-01.
function localDay(c, t) {
  return Math.floor((t + offsetOf(c.zone, t)) / DAY);
}

// Instant of a local wall time (ms since 1970 as if UTC): earlier of two, forward over a gap.
function toInstant(zone, wall) {
  const before = offsetOf(zone, wall - DAY), after = offsetOf(zone, wall + DAY);
  if (offsetOf(zone, wall - before) == before) return wall - before;
  if (offsetOf(zone, wall - after) == after) return wall - after;
  return wall - before;
}

// UTC offset of `zone` at instant `t`, in ms, from one cached formatter per zone.
const formatters = new Map();
function offsetOf(zone, t) {
  let format = formatters.get(zone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" });
    } catch {
      format = { format: () => "" };
    }
    formatters.set(zone, format);
  }
  const text = format.format(t);
  const m = /GMT(?:([+-])(\d\d):(\d\d))?/.exec(text);
  return m ? (m[1] == "-" ? -1 : 1) * ((m[2] || 0) * 60 + +(m[3] || 0)) * MINUTE : NaN;
}

function dayNumber(date) {
  return Date.parse(date) / DAY;
}

function minutes(hhmm) {
  return hhmm.slice(0, 2) * 60 + +hhmm.slice(3, 5);
}

// What support-ahead.js computes with: the schedules' tables, built once per feed object and
// shared with it (not the feed's functions: integrations import support-status.js).
export { DAY, MINUTE, compile, dayNumber, localDay, nextOpening, offered, offsetOf, stretchEnd };
