// What lies ahead of an instant, from support.json (schema_version 1): when the first response
// to a request made then is due, the closures to come, and the calculator's first choices (the
// reader's likely region, the usual priority). Pure functions by the rules written at the top of
// support-schedule.js, whose tables they share; support-status.js exports them with its
// functions, for integrations. The portal's pages load this module only with a widget that uses it.

import { MINUTE, compile, dayNumber, localDay, nextOpening, offered, offsetOf, stretchEnd } from "./support-schedule.js";

// First-response due time of a ticket of `priorityId` opened at `when` in `regionId`. A
// priority answered `via` a channel with a schedule counts on the channel's hours while the
// channel is offered and on the region's hours outside its dates, switching at the instant it
// starts or ends (`channel` in the result names it when the count starts on its hours;
// `switches`, each { at, channel }, the instants the count goes on on the other's hours, `channel`
// null for the region's).
export function responseDue(policy, regionId, priorityId, when = new Date()) {
  const region = policy.regions.find((r) => r.id == regionId);
  const priority = policy.priorities.find((p) => p.id == priorityId);
  if (!region) return { due: null, reason: "unknown_region" };
  if (!priority) return { due: null, reason: "unknown_priority" };
  const target = firstResponse(policy, region, priority, when);
  if (!target) return { due: null, reason: "no_target" };
  // The schedules counted on, each until an instant: [[schedule, until], ...]
  let spans = [[region, Infinity]], t = +when;
  if (priority.via) {
    const via = (policy.channels || []).find((ch) => ch.id == priority.via);
    if (!via) return { due: null, reason: "unknown_channel" };
    const [from, until] = offered(via);
    if (via.schedule) spans = [[region, from], [via.schedule, until], [region, Infinity]];
  }
  let i = 0;
  while (t >= spans[i][1]) i++;
  const channel = spans[i][0] == region ? null : priority.via;
  let c = compile(policy, spans[i][0]);
  let left = target.minutes * MINUTE;
  const switches = [];
  const beyond = { due: null, reason: "beyond_horizon", clock: target.clock, channel, switches };
  if (!(t >= c.start && t < c.end)) return beyond;
  if (target.clock != "business") return { due: new Date(t + left), reason: null, clock: target.clock, channel, switches };
  // Count open minutes stretch by stretch until the target is used up, on each span's schedule
  for (;;) {
    c = compile(policy, spans[i][0]);
    if (!(t >= c.start && t < c.end)) return beyond;
    const stop = Math.min(c.end, spans[i][1]);
    const end = Math.min(stretchEnd(c, t), stop);
    if (end > t) {
      if (left <= end - t) return { due: new Date(t + left), reason: null, clock: target.clock, channel, switches };
      left -= end - t;
      t = end;
    } else {
      t = Math.min(nextOpening(c, t), stop);
    }
    while (t >= spans[i][1]) {
      i++;
      if (spans[i][0] != spans[i - 1][0]) switches.push({ at: new Date(spans[i - 1][1]), channel: spans[i][0] == region ? null : priority.via });
    }
  }
}

// The first `count` closures (days entries of the regions, special hours included) from `when`
// on, each dated in its regions' zone: { date, kind, name, hours, regions: [region id, ...] }
// (a public holiday also with its official name and that name's language, as the feed gives them),
// by date, then in the feed's order of regions. A region whose own date is already past the
// closure's is left out of it ("2026-12-24" at 01:00 on the 25th in Berlin, 19:00 on the 24th
// in New York: the USA only).
export function upcomingClosures(policy, when = new Date(), count = 1) {
  return closuresFrom(policy, when, false).slice(0, count).map(({ order, channels, ...closure }) => closure);
}

// The same, every one, with the closures that name a channel as the portal's pages state them: a
// days entry of a channel's schedule with names_channel joins the closure of its date, kind, name
// and hours in `channels` (channel ids), dated in the channel's zone and left out once that date
// is past there; a closure of the hotline alone has no regions. A channel's other days (its
// holidays, the closures of its region or of every region) are not named.
export function closuresNamingChannels(policy, when = new Date()) {
  return closuresFrom(policy, when, true).map(({ order, ...closure }) => closure);
}

function closuresFrom(policy, when, withChannels) {
  const found = new Map();
  const add = (schedule, id, member, order, named) => {
    const today = localDay(compile(policy, schedule), +when);
    for (const day of schedule.days) {
      if ((named && !day.names_channel) || dayNumber(day.date) < today) continue;
      const key = JSON.stringify([day.date, day.kind, day.name, day.official, day.official_language, day.hours]);
      if (!found.has(key)) {
        found.set(key, { date: day.date, kind: day.kind, name: day.name, official: day.official, official_language: day.official_language, hours: day.hours, regions: [], channels: [], order });
      }
      found.get(key)[member].push(id);
    }
  };
  policy.regions.forEach((region, order) => add(region, region.id, "regions", order, false));
  if (withChannels) {
    (policy.channels || []).forEach((channel, order) => {
      if (channel.schedule) add(channel.schedule, channel.id, "channels", policy.regions.length + order, true);
    });
  }
  return [...found.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order - b.order));
}

// The first-response target of `priority` for a request made at `when` in `region`: the
// latest of its target_changes whose date (in the region's zone) has begun, else its own.
export function firstResponse(policy, region, priority, when = new Date()) {
  const day = localDay(compile(policy, region), +when);
  let target = priority.first_response;
  for (const change of priority.target_changes || []) if (dayNumber(change.from) <= day) target = change.first_response;
  return target;
}

// The priority most tickets have.
export function defaultPriority(policy) {
  return policy.priorities.find((p) => p.default) || policy.priorities[0];
}

// The region a reader in `zone` most likely belongs to: one on the same continent
// (first part of the IANA name), else, and among those, the closest UTC offset now.
export function guessRegion(policy, zone, when = new Date()) {
  const part = (z) => String(z).split("/")[0];
  const same = policy.regions.filter((r) => r.zone.includes("/") && part(r.zone) == part(zone));
  const mine = offsetOf(zone, +when) || 0;
  const distance = (r) => Math.abs(offsetOf(r.zone, +when) - mine);
  return (same.length ? same : policy.regions).reduce((a, b) => (distance(b) < distance(a) ? b : a));
}
