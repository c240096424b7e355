# policy/regions.yml: zones that exist, weekly hours that name each day once and do not overlap,
# holiday calendars that holidays.yml defines.

from __future__ import annotations

import difflib

from .. import parsing
from ..model import MINUTES_PER_DAY, WEEKDAYS, Region
from .context import Context, dotted
from .dated import hours_changes
from .values import fixed_offset_problem

NAME = "regions"


# The regions (None in place of a broken one) and their ids (None when some id is broken).
def check(ctx: Context, calendar_ids: set | None) -> tuple[list | None, set | None]:
    if not ctx.present(NAME, ("regions",)):
        return None, None
    result, seen, names, ids = [], {}, {}, set()
    for i, reg in enumerate(ctx.get(NAME, ("regions",))):
        result.append(_region(ctx, ("regions", i), reg, calendar_ids, seen, names)
                      if ctx.present(NAME, ("regions", i)) else None)
        if ids is not None and ctx.intact(NAME, ("regions", i, "id")):
            ids.add(reg["id"])
        else:
            ids = None
    return result, ids


def _region(ctx: Context, path, reg: dict, calendar_ids, seen: dict, names: dict) -> Region | None:
    ctx.unique_id(NAME, "region", path, seen)
    name = ctx.text_at(NAME, path + ("name",))
    if name is not None:  # the regions' names, each once per language
        ctx.unique_name(NAME, "region", path + ("name",), reg["id"] if ctx.intact(NAME, path + ("id",)) else None, name, names)
    if ctx.intact(NAME, path + ("zone",)) and not parsing.zone_exists(reg["zone"]):
        ctx.report(NAME, path + ("zone",), f"'{reg['zone']}' is not a known IANA time zone",
                   parsing.zone_fix(reg["zone"]))
    elif ctx.intact(NAME, path + ("zone",)) and fixed_offset_problem(reg["zone"]):
        ctx.report(NAME, path + ("zone",), *fixed_offset_problem(reg["zone"]))
    calendar = reg.get("public_holidays")
    if ctx.intact(NAME, path + ("public_holidays",)) and calendar_ids is not None and calendar not in calendar_ids:
        close = difflib.get_close_matches(calendar, sorted(calendar_ids), n=1)
        ctx.report(NAME, path + ("public_holidays",), f"there is no holiday calendar '{calendar}' in holidays.yml",
                   f"did you mean '{close[0]}'?" if close else "add the calendar to holidays.yml or remove this line")
    weekly = weekly_hours(ctx, NAME, path + ("hours",), reg["hours"]) if ctx.present(NAME, path + ("hours",)) else None
    changes = hours_changes(ctx, NAME, path + ("changes",), weekly,
                            lambda where, hours: weekly_hours(ctx, NAME, where, hours))
    if not ctx.intact(NAME, path) or weekly is None or name is None or changes is None:
        return None
    return Region(reg["id"], name, reg["zone"], weekly, calendar, changes)


# Weekly hours of a region, or of a channel (`name` is the file, `owner` what has the hours):
# each weekday named once, intervals not overlapping (also across midnight).
def weekly_hours(ctx: Context, name: str, path, hours: dict, owner: str = "region") -> tuple:
    days: list = [None] * 7
    for key, value in hours.items():
        if not ctx.present(name, path + (key,)):
            continue  # not a weekday: reported with the schema's problems
        if parsing.parse_days(key) is None:
            # "friday to monday": the days written, across the weekend, in two parts of the week
            # ('friday to sunday' and 'monday'); or the other way round, if that is what is meant.
            first, _, last = (part.strip() for part in key.partition(" to "))
            parts = [f"{a} to {b}" if a != b else a for a, b in ((first, "sunday"), ("monday", last))]
            ctx.report(name, path + (key,), f"'{key}' runs backwards through the week",
                       f"list the days in two parts, each with the same hours: '{parts[0]}' and '{parts[1]}'; "
                       f"or write '{last} to {first}' if those days are meant")
            continue
        for day in parsing.parse_days(key):
            if days[day] is not None:
                ctx.report(name, path + (key,), f"{WEEKDAYS[day]} is listed twice in these hours",
                           "list each day once, e.g. 'monday to thursday' and 'friday' separately")
                continue
            days[day] = ctx.intervals(name, path + (key,), value) if ctx.intact(name, path + (key,)) else ()
    weekly = tuple(d or () for d in days)
    if not any(weekly) and not any(p.path.startswith(dotted(path)) for p in ctx.problems):
        ctx.report(name, path + (next(iter(hours)),), f"this {owner} has no opening hours on any day",
                   f"add its hours, e.g. monday to friday: 09:00-17:00, or remove the {owner}")
    for day in range(7):
        spill = [iv for iv in weekly[day - 1] if iv.crosses_midnight]
        for iv in spill:
            for nxt in weekly[day]:
                if nxt.start < iv.end - MINUTES_PER_DAY:
                    ctx.report(name, path, f"the {WEEKDAYS[day - 1]} hours {'-'.join(iv.hhmm())} run into "
                               f"{WEEKDAYS[day]} {'-'.join(nxt.hhmm())}", "make the ranges meet without overlapping")
    return weekly
