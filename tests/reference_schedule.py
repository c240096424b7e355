# Reference implementation of the support schedule, for the differential tests only.
#
# Reads the same support.json as overrides/assets/javascripts/support-status.js and must agree
# with it to the millisecond. It is written differently on purpose: it expands every interval of
# the horizon at once with zoneinfo (fold=0: a skipped local time moves forward by the gap, a
# repeated one is the earlier occurrence), merges them into disjoint open stretches and answers by
# bisection, where the JavaScript scans a few dates around the instant.
#
# Dated changes: the weekly hours of each date are those of the last `hours_changes` entry whose
# date is not after it; a target is the one of the last `target_changes` entry whose date is not
# after the request's local date in the region's zone; a channel with `available` is offered from
# the first instant of `from` to the first instant after `until` in its zone, and "unavailable"
# outside that (its schedule's own state continues inside, with the end as a change); a count via
# it runs on the region's hours outside those instants.

import bisect
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
MS = timedelta(milliseconds=1)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass
class Region:
    id: str
    zone: ZoneInfo
    start: int  # first known instant (ms since 1970)
    end: int  # first unknown instant after the horizon
    days: dict
    stretches: list = field(default_factory=list)  # disjoint [start, end) pairs, sorted, clipped
    starts: list = field(default_factory=list)


# Parse a feed once: one Region per region id.
def load(feed: dict) -> dict[str, Region]:
    first = date.fromisoformat(feed["horizon"]["first_date"])
    last = date.fromisoformat(feed["horizon"]["last_date"])
    return {r["id"]: _region(r, first, last) for r in feed["regions"]}


# The channels of a feed: {channel id: Region of its schedule, or None around the clock}.
def load_channels(feed: dict) -> dict[str, Region | None]:
    first = date.fromisoformat(feed["horizon"]["first_date"])
    last = date.fromisoformat(feed["horizon"]["last_date"])
    return {c["id"]: None if c["schedule"] is None else _region({**c["schedule"], "id": c["id"]}, first, last)
            for c in feed.get("channels", [])}


# A channel's (state, next change, state after it, date of the days entry, accepts), like channelStatus.
def channel_status(channel: dict, schedule: Region | None, t: int) -> tuple:
    first, after_last = offered(channel)
    if first is not None and t < first:
        return ("unavailable", first, channel_status(channel, schedule, first)[0], None, False)
    if after_last is not None and t >= after_last:
        return ("unavailable", None, None, None, False)
    if schedule is None:
        result = ("always", None, None, None, True)
    else:
        words = {"open": "staffed", "closed": "not_staffed", "unknown": "unknown", None: None}
        state, change, after, entry = status(schedule, t)
        if channel["outside_hours"] == "accepted" or state == "open":
            accepts = True
        else:
            accepts = {"closed": False, "unknown": None}[state]
        result = (words[state], change, words[after], entry, accepts)
    if after_last is not None and (result[1] is None or result[1] >= after_last):
        result = (result[0], after_last, "unavailable", result[3], result[4])
    return result


# The first instant a channel is offered and the first after it is no longer, None for no limit.
def offered(channel: dict) -> tuple:
    available = channel.get("available")
    if not available:
        return (None, None)
    zone = ZoneInfo(available["zone"])
    first = available["from"] and _instant(date.fromisoformat(available["from"]), 0, zone)
    last = available["until"] and _instant(date.fromisoformat(available["until"]), 1440, zone)
    return (first or None, last or None)


# The hours changes of every region that take effect in (t, t + days]: [(region id, from date, instant)].
def hours_changes(feed: dict, t: int, days: int = 7) -> list:
    out = []
    for raw in feed["regions"]:
        zone = ZoneInfo(raw["zone"])
        for change in raw.get("hours_changes", []):
            at = _instant(date.fromisoformat(change["from"]), 0, zone)
            if t < at:
                if at <= t + days * 86_400_000:
                    out.append((raw["id"], change["from"], at))
                break
    return sorted(out, key=lambda c: c[2])


# State, next change, state after it, and the date of the `days` entry that explains the state.
def status(region: Region, t: int) -> tuple:
    if t < region.start:
        return ("unknown", region.start, None, None)
    if t >= region.end:
        return ("unknown", None, None, None)
    entry = region.days.get(_local(t, region.zone).date().isoformat())
    i = bisect.bisect_right(region.starts, t) - 1
    if i >= 0 and region.stretches[i][1] > t:
        end = region.stretches[i][1]
        explained = entry if entry and entry["hours"] else None
        return ("open", end, "closed" if end < region.end else "unknown", explained and explained["date"])
    following = region.starts[i + 1] if i + 1 < len(region.starts) else region.end
    return ("closed", following, "open" if following < region.end else "unknown", entry and entry["date"])


# First-response due instant (ms) and reason, like responseDue in the JavaScript; with `channels`
# (load_channels), a priority answered via a channel with a schedule counts on that schedule while
# the channel is offered and on the region's outside its dates. Written as one combined timetable:
# the open stretches and the known time of each schedule, cut to the instants it is in force, and
# laid end to end; the count walks the combined stretches and fails at the first unknown instant.
def response_due(feed: dict, regions: dict[str, Region], region_id: str, priority_id: str, t: int,
                 channels: dict | None = None) -> tuple:
    region = regions.get(region_id)
    priority = next((p for p in feed["priorities"] if p["id"] == priority_id), None)
    if region is None:
        return (None, "unknown_region")
    if priority is None:
        return (None, "unknown_priority")
    pieces = [(region, None, None)]  # (schedule, in force from, in force until), None: no limit
    if priority.get("via"):
        channels = load_channels(feed) if channels is None else channels
        if priority["via"] not in channels:
            return (None, "unknown_channel")
        channel = next(c for c in feed["channels"] if c["id"] == priority["via"])
        first, after_last = offered(channel)
        if channels[priority["via"]] is not None:
            pieces = [(channels[priority["via"]], first, after_last)]
            if first is not None:
                pieces.append((region, None, first))
            if after_last is not None:
                pieces.append((region, after_last, None))
    target = priority["first_response"]
    requested = _local(t, region.zone).date().isoformat()
    for change in sorted(priority.get("target_changes", []), key=lambda c: c["from"]):
        if change["from"] <= requested:
            target = change["first_response"]
    known, stretches = _timetable(pieces)
    k = next(((a, b) for a, b in known if a <= t < b), None)
    if k is None:
        return (None, "beyond_horizon")
    left = target["minutes"] * 60_000
    if target["clock"] == "calendar":
        return (t + left, None)
    for start, end in stretches:
        begin, end = max(start, t), min(end, k[1])
        if end <= begin:
            if start >= k[1]:
                break
            continue
        if left <= end - begin:
            return (begin + left, None)
        left -= end - begin
    return (None, "beyond_horizon")


# The known time and the open stretches of schedules each in force for a while: both as merged
# [start, end) lists (touching pieces join, so a count runs on across a switch).
def _timetable(pieces: list) -> tuple:
    low, high = -(2**62), 2**62
    known, open_ = [], []
    for schedule, first, until in pieces:
        a, b = low if first is None else first, high if until is None else until
        known.append((max(a, schedule.start), min(b, schedule.end)))
        open_ += [(max(a, s), min(b, e)) for s, e in schedule.stretches]
    return _merged(known), _merged(open_)


def _merged(pairs: list) -> list:
    out = []
    for start, end in sorted(p for p in pairs if p[1] > p[0]):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [tuple(p) for p in out]


# Helper functions

def _region(raw: dict, first: date, last: date) -> Region:
    zone = ZoneInfo(raw["zone"])
    days = {d["date"]: d for d in raw["days"]}
    region = Region(
        raw["id"], zone, _instant(first, 0, zone), _instant(last + timedelta(days=1), 0, zone), days
    )
    intervals = []
    changes = sorted((date.fromisoformat(c["from"]), c["weekly"]) for c in raw.get("hours_changes", []))
    day = first
    while day <= last:
        entry = days.get(day.isoformat())
        weekly = ([w for start, w in changes if start <= day] or [raw["weekly"]])[-1]
        hours = entry["hours"] if entry is not None else weekly.get(WEEKDAYS[day.weekday()], [])
        for h in hours:
            opens, closes = _minutes(h["start"]), _minutes(h["end"])
            start = _instant(day, opens, zone)
            end = _instant(day, closes, zone) if closes > opens else _instant(day + timedelta(days=1), closes, zone)
            if end > start:
                intervals.append((start, end))
        day += timedelta(days=1)
    # Merge overlapping and touching intervals, then clip to the known time.
    merged = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    for start, end in merged:
        start, end = max(start, region.start), min(end, region.end)
        if end > start:
            region.stretches.append((start, end))
    region.starts = [s for s, _ in region.stretches]
    return region


# Instant (ms) of a local wall time `minutes` after midnight of `day`; 1440 is the next midnight.
def _instant(day: date, minutes: int, zone: ZoneInfo) -> int:
    day += timedelta(days=minutes // 1440)
    minutes %= 1440
    wall = datetime(day.year, day.month, day.day, minutes // 60, minutes % 60, tzinfo=zone)  # fold=0
    return (wall - EPOCH) // MS


def _local(t: int, zone: ZoneInfo) -> datetime:
    return (EPOCH + t * MS).astimezone(zone)


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)
