# Dated changes, written next to what they change: new weekly hours of a region from a date, new
# targets of a priority from a date, the first and last day a channel is offered. Checks shared
# by regions.py, priorities.py and channels.py: dates that exist, one change per date, and no
# change that repeats what is already in force. A change before the horizon start is history:
# it is valid, and the loader folds it into the base (dated.rebase).

from __future__ import annotations

import calendar as calendar_
import datetime as dt

from ..model import HoursChange
from .context import Context
from .values import year_problem


# A date as written (YYYY-MM-DD, the schema checked the form), or None after reporting why not.
def date_at(ctx: Context, name: str, path) -> dt.date | None:
    text = ctx.get(name, path)
    if year_problem(text):
        ctx.report(name, path, *year_problem(text))
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    year, month = int(text[:4]), int(text[5:7])
    if not 1 <= month <= 12:
        ctx.report(name, path, f"'{text}' has no month {month}",
                   "write the month before the day, as YYYY-MM-DD, e.g. 2027-03-01")
        return None
    last = calendar_.monthrange(year, month)[1] if year else 31
    ctx.report(name, path, f"{text} is not a date that exists: {calendar_.month_name[month]} {text[:4]} has {last} days",
               f"check the day, e.g. {text[:8]}{last:02d} for the last day")
    return None


# The `changes:` of some weekly hours (a region's), sorted by date; `weekly_of(path, hours)` reads
# one change's hours like the base ones. None when some change cannot be read.
def hours_changes(ctx: Context, name: str, path, base: tuple | None, weekly_of) -> tuple | None:
    if not ctx.present(name, path):
        return () if ctx.get(name, path) is None else None
    found, broken = [], False
    for i, change in enumerate(ctx.get(name, path)):
        where = path + (i,)
        start = date_at(ctx, name, where + ("from",)) if ctx.intact(name, where + ("from",)) else None
        weekly = weekly_of(where + ("hours",), change["hours"]) if ctx.present(name, where + ("hours",)) else None
        if start is None or weekly is None or not ctx.intact(name, where):
            broken = True
            continue
        found.append((start, i, weekly))
    if base is None:
        return None
    kept = _in_order(ctx, name, path, found, base, "the same hours are", "hours")
    return None if broken else tuple(HoursChange(start, weekly) for start, _, weekly in kept)


# The changes as (date, index, value) by date, after reporting two on one date and one that
# repeats the value in force before it (`same(a, b)` compares values).
def _in_order(ctx: Context, name: str, path, found: list, base, what: str, key: str, same=None):
    same = same or (lambda a, b: a == b)
    found = sorted(found, key=lambda c: c[0])
    kept, before = [], base
    for start, i, value in found:
        earlier = next((j for s, j, _ in kept if s == start), None)
        if earlier is not None:
            ctx.report(name, path + (i, "from"), f"there is already a change on {start} (changes[{earlier + 1}])",
                       "keep one change per date: put everything that changes that day into one entry")
            continue
        if same(value, before):
            ctx.report(name, path + (i, key), f"this change on {start} changes nothing: {what} already in force before it",
                       f"remove this change, or write the new {key}")
        kept.append((start, i, value))
        before = value
    return kept


# Target changes of a priority: [(date, index, {"first_response": ..., "update_interval": ...}), ...]
# as read by `target_of`, checked like hours changes against the targets in force before each.
def target_changes(ctx: Context, name: str, path, base: dict, read) -> list | None:
    if not ctx.present(name, path):
        return [] if ctx.get(name, path) is None else None
    found, broken = [], False
    for i, change in enumerate(ctx.get(name, path)):
        where = path + (i,)
        start = date_at(ctx, name, where + ("from",)) if ctx.intact(name, where + ("from",)) else None
        values = {key: read(where + (key,), change[key]) for key in ("first_response", "update_interval")
                  if key in change and ctx.intact(name, where + (key,))}
        if start is None or not ctx.intact(name, where):
            broken = True
            continue
        found.append((start, i, values))
    result, current = [], dict(base)
    for start, i, values in sorted(found, key=lambda c: c[0]):
        if any(c[0] == start for c in result):
            earlier = next(c[1] for c in result if c[0] == start)
            ctx.report(name, path + (i, "from"), f"there is already a change on {start} (changes[{earlier + 1}])",
                       "keep one change per date: put both targets that change that day into one entry")
            continue
        for key, target in values.items():
            if current.get(key) is not None and target.minutes == current[key].minutes:
                ctx.report(name, path + (i, key), f"this change on {start} changes nothing: "
                           f"the {key.replace('_', ' ')} target is already {current[key].text} before it",
                           "remove this line (or the whole change), or write the new target")
        current = {**current, **values}
        result.append((start, i, dict(current)))
    return None if broken else result


# Changes of a region's weekly hours or of a priority's targets dated after the last published day
# (`last`): the pages announce a change weeks before it and never one beyond the published years,
# so a wrong year (2062 for 2026) would go unseen. A note each, at its `from:`.
def future_changes(ctx: Context, last: dt.date) -> None:
    for name, what in (("regions", "the hours"), ("priorities", "the targets")):
        items = ctx.get(name, (name,))
        for i, item in enumerate(items if isinstance(items, list) else ()):
            changes = item.get("changes") if isinstance(item, dict) else None
            for j, change in enumerate(changes if isinstance(changes, list) else ()):
                try:
                    start = dt.date.fromisoformat(str(change.get("from")))
                except (AttributeError, ValueError):
                    continue
                if start > last:
                    ctx.note_future(name, (name, i, "changes", j, "from"), f"this change of {what} is from {start}",
                                    "a change", last)


# Changes of a region's weekly hours or of a priority's targets dated before the build date
# (`today`): the site shows what such a change sets as in force from the first build that has it,
# announced nowhere, so a wrong year (2025 for 2027) would change the hours or targets at once
# without a word. Valid (a change made, kept for history): a note each at its from:, as for a
# closure before the build date. One that later changes replaced by the build date (every value it
# sets: the hours; a priority's one or two targets) is not shown at all.
def past_changes(ctx: Context, today: dt.date) -> None:
    for name, what, keys in (("regions", "hours", ("hours",)),
                             ("priorities", "targets", ("first_response", "update_interval"))):
        items = ctx.get(name, (name,))
        for i, item in enumerate(items if isinstance(items, list) else ()):
            changes = item.get("changes") if isinstance(item, dict) else None
            dated = []
            for j, change in enumerate(changes if isinstance(changes, list) else ()):
                try:
                    start = dt.date.fromisoformat(str(change.get("from")))
                except (AttributeError, ValueError):
                    continue
                dated.append((start, j, {key for key in keys if key in change}))
            dated.sort(key=lambda c: c[0])
            for start, j, sets in dated:
                if start >= today:
                    continue
                replaced, left = None, set(sets)
                for later, _, also in dated:
                    if start < later <= today:
                        left -= also
                        if not left:
                            replaced = later
                            break
                message = f"this change of the {what} is from {start}, before the build date ({today}): "
                where = (name, i, "changes", j, "from")
                if replaced:
                    ctx.note_past(name, where, message + f"the change from {replaced} replaced it, so it is not shown",
                                  "a change")
                else:
                    ctx.note_past(name, where, message + f"the site shows these {what} as the {what} in force, "
                                  "and announces no change", "a change", "already in force needs no change")
