# policy/notices.yml: notices with unique ids, a start and an end that exist in their zone (not in
# the hour skipped when clocks go forward) and in that order, and regions and channels that
# regions.yml and channels.yml define. The file is optional: without it there are no notices.

from __future__ import annotations

import datetime as dt
import difflib
import re
import zoneinfo

from .. import parsing
from ..model import Notice
from .context import Context
from .values import fixed_offset_problem, skipped, year_problem

NAME = "notices"
# kind as written -> as published in support.json.
KINDS = {"information": "information", "reduced service": "reduced_service", "disruption": "disruption"}
# The catalog's name of each kind (widget.* keys: the browser shows them too).
NOTICE_KINDS = {"information": "widget.notice_information", "reduced_service": "widget.notice_reduced_service",
                "disruption": "widget.notice_disruption"}
KEEP_ENDED_DAYS = 30
ANNOUNCE = dt.timedelta(days=14)
_LEAD = re.compile(r"([0-9]+) ?(hour|day|week)s?")
_UNITS = {"hour": 1, "day": 24, "week": 24 * 7}  # in hours
MAX_ANNOUNCE_DAYS = 366  # announce: at most a year ahead (README, notices.schema.json)


# The notices still listed at the build date (None while the file is broken), by start. No notice
# may have been updated after `built`, the build's instant. `last`: the last published day, when
# known (a notice that starts after it and is not announced yet gets a note).
def check(ctx: Context, regions: list | None, region_ids: set | None, channel_ids: set | None,
          today: dt.date, built: dt.datetime, last: dt.date | None = None) -> tuple | None:
    if NAME not in ctx.docs:
        return ()
    if not ctx.present(NAME, ("notices",)):
        return None
    keep = ctx.get(NAME, ("keep_ended_days",)) if ctx.intact(NAME, ("keep_ended_days",)) else KEEP_ENDED_DAYS
    zones = {r.id: r.zone for r in regions or () if r is not None}
    result, seen = [], {}
    for i, item in enumerate(ctx.get(NAME, ("notices",)) or []):
        path = ("notices", i)
        if not ctx.present(NAME, path):
            result.append(None)
            continue
        ctx.unique_id(NAME, "notice", path, seen, "give each notice its own id, e.g. with its month: hotline-down-2026-12")
        result.append(_notice(ctx, path, item, zones, region_ids, channel_ids, keep, built))
    if None in result:
        return None
    build = dt.datetime.combine(today, dt.time(0), dt.timezone.utc)
    listed = [n for n in result if n.shown_until is None or n.shown_until > build]
    for i, notice in enumerate(result):
        if notice not in listed:
            item = ctx.get(NAME, ("notices", i))
            ctx.note_past(NAME, ("notices", i, "end"), f"this notice ended on {item['end']} and was listed for {keep} "
                          f"days after (keep_ended_days), before the build date ({today}): it is not shown", "a notice")
        elif last and notice.state(built) == "pending" and \
                notice.start.astimezone(zoneinfo.ZoneInfo(notice.zone)).date() > last:
            # Not announced yet, and after the published years: planned far ahead, or a wrong year.
            item = ctx.get(NAME, ("notices", i))
            ctx.note_future(NAME, ("notices", i, "start"), f"this notice starts on {item['start']}", "a notice", last)
        elif last and notice.end and ctx.far_after(notice.end.astimezone(zoneinfo.ZoneInfo(notice.zone)), last):
            # Ending more than a year after the published years: a wrong year (2207 for 2027).
            item = ctx.get(NAME, ("notices", i))
            ctx.note_future(NAME, ("notices", i, "end"), f"this notice ends on {item['end']}", "a notice", last,
                            "so the site shows it in effect on every published day from its start")
    return tuple(sorted(listed, key=lambda n: (n.start, n.id)))


def _notice(ctx: Context, path, item: dict, zones: dict, region_ids, channel_ids, keep, built) -> Notice | None:
    regions = _ids(ctx, path, item, "regions", region_ids, "regions.yml")
    channels = _ids(ctx, path, item, "channels", channel_ids, "channels.yml")
    zone = _zone(ctx, path, item, zones, regions, region_ids)
    title = ctx.text_at(NAME, path + ("title",))
    text = ctx.text_at(NAME, path + ("text",))
    # Without a zone the dates are still checked, in the same run: only their instants wait for it.
    tz = zoneinfo.ZoneInfo(zone) if zone else None
    start = _moment(ctx, path + ("start",), item.get("start"), tz, zone)
    end = _moment(ctx, path + ("end",), item.get("end"), tz, zone, last_day=True) if "end" in item else None
    if start and end and end[0] <= start[0]:
        # An end written as a date is the last whole day: ending at the start, that day is the one before.
        ctx.report(NAME, path + ("end",), f"the notice ends ({item['end']}) before it starts ({item['start']})"
                   if end[0] < start[0] or end[1] else f"the notice ends when it starts ({item['start']})",
                   "end is the first minute the notice no longer applies (or, as a date, its last day): "
                   "swap start and end, or correct the date or time")
        return None
    lead = ANNOUNCE
    if "announce" in item and ctx.intact(NAME, path + ("announce",)):
        count, unit = _LEAD.fullmatch(item["announce"]).groups()
        if len(count) > 9 or int(count) * _UNITS[unit] > MAX_ANNOUNCE_DAYS * 24:
            ctx.report(NAME, path + ("announce",), f"'{item['announce']}' is longer than the longest lead time, "
                       f"{MAX_ANNOUNCE_DAYS} days", f"write {MAX_ANNOUNCE_DAYS} days or less, e.g. 14 days, 8 weeks or 48 hours")
            return None
        lead = dt.timedelta(hours=int(count) * _UNITS[unit])
    updated = _moment(ctx, path + ("updated",), item.get("updated"), tz, zone) if "updated" in item else None
    # Readers see when a notice was updated: a time after the build has not happened yet (a typo,
    # often the year). Before the announcement or the start is an edit made before publishing.
    if updated and updated[0] > built:
        now = built.astimezone(tz)
        ctx.report(NAME, path + ("updated",), f"the notice was updated ({item['updated']}) after the build "
                   f"({now:%Y-%m-%d %H:%M} in {zone}): readers would see a change that has not happened yet",
                   f"updated is when you last changed the notice: write that time, at the latest "
                   f"{now:%Y-%m-%d %H:%M} ({zone}; the build's time, from SOURCE_DATE_EPOCH when set), "
                   "or check the year")
        return None
    if zone is None or not ctx.intact(NAME, path) or not start or ("end" in item and not end) or \
            ("updated" in item and not updated):
        return None
    if title is None or text is None or regions is None or channels is None:
        return None
    announce = start[0] - lead
    end_at = end[0] if end else None
    return Notice(
        id=item["id"], kind=KINDS[item["kind"]], title=title, text=text, zone=zone,
        all_day=start[1] and (end is None or end[1]), start=start[0], end=end_at, announce=announce,
        updated=updated[0] if updated else announce,
        regions=regions or tuple(zones), channels=channels,
        shown_until=end_at + dt.timedelta(days=keep) if end_at else None,
    )


# The region or channel ids a notice names, () for none named, None when one is unknown.
def _ids(ctx: Context, path, item: dict, key: str, known: set | None, file: str):
    if key not in item:
        return ()
    if not ctx.present(NAME, path + (key,)):
        return None
    ok = True
    for j, value in enumerate(item[key]):
        if known is not None and ctx.intact(NAME, path + (key, j)) and value not in known:
            close = difflib.get_close_matches(value, sorted(known), n=1)
            ctx.report(NAME, path + (key, j), f"there is no {key[:-1]} '{value}' in {file}",
                       f"did you mean '{close[0]}'?" if close else f"{key} are: {', '.join(sorted(known))}")
            ok = False
    return tuple(item[key]) if ok and known is not None else None


# The zone start and end are written in: `zone`, else the one zone of the regions concerned (all
# regions when none are named). While a region's zone has a problem of its own, the notice's
# follows from its fix: only zones known to differ are reported, by name.
def _zone(ctx: Context, path, item: dict, zones: dict, regions, region_ids=None) -> str | None:
    if "zone" in item:
        if not ctx.intact(NAME, path + ("zone",)):
            return None
        zone = item["zone"]
        if not parsing.zone_exists(zone):
            ctx.report(NAME, path + ("zone",), f"'{zone}' is not an IANA time zone name",
                       parsing.zone_fix(zone))
            return None
        if fixed_offset_problem(zone):
            ctx.report(NAME, path + ("zone",), *fixed_offset_problem(zone))
            return None
        return zone
    if regions is None:
        return None
    named = regions or region_ids  # None: some region's id is broken
    known = {zones[r] for r in named if r in zones} if named is not None else set(zones.values())
    if len(known) > 1:
        ctx.report(NAME, path + ("start",), f"start has no time zone: the regions concerned keep different zones "
                   f"({', '.join(sorted(known))})", "add zone: with the zone start and end are written in, e.g. zone: Europe/Berlin")
        return None
    if named is None or len(known) != 1 or any(r not in zones for r in named):
        return None  # a region's zone is reported in regions.yml
    return known.pop()


# (instant in UTC, whole day) of a start, end or updated written in `tz`; None after reporting why
# not. A date alone is its midnight, or as an end (`last_day`) the midnight after it. Without a
# zone (`tz` None, reported) the date and time are checked, and None returned.
def _moment(ctx: Context, path, text, tz, zone: str | None, last_day: bool = False):
    if not ctx.intact(NAME, path):
        return None
    day, _, time = text.partition(" ")
    if year_problem(day):
        ctx.report(NAME, path, *year_problem(day))
        return None
    try:
        date = dt.date.fromisoformat(day)
    except ValueError:
        ctx.report(NAME, path, f"{day} is not a date that exists", "check the month and the day, written YYYY-MM-DD")
        return None
    if not time:
        wall = dt.datetime.combine(date + dt.timedelta(days=1 if last_day else 0), dt.time(0))
    else:
        hours, minutes = int(time[:2]), int(time[3:])
        if hours > 23 or minutes > 59:
            ctx.report(NAME, path, f"'{time}' is not a time of day", "write 24-hour time from 00:00 to 23:59, e.g. 18:00; "
                       "for the end of a day write the next day's 00:00")
            return None
        wall = dt.datetime.combine(date, dt.time(hours, minutes))
    if tz is None:
        return None
    gap = skipped(wall, tz)
    if gap is not None:
        begin, end = (f"{t:%H:%M}" for t in gap)
        ctx.report(NAME, path, f"on {wall.date()} the clocks in {zone} go forward from {begin} to {end}, "
                   f"so {wall:%H:%M} does not exist that day", f"write {end} instead")
        return None
    return wall.replace(tzinfo=tz).astimezone(dt.timezone.utc), not time
