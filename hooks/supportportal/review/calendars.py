# Public holidays, closures and special hours: their net effect on the days ahead.

from __future__ import annotations

from babel import Locale

from .. import textfmt
from ..model import Policy
from .common import (LANG, Line, _calendar_words, _day, _matched, _md, _name, _quote, _runs, _scope, _state, _text_lines,
                     _years)


# Public holidays: calendars renamed or switched, the published years, and the net effect on the
# days ahead (a holiday is the same holiday by its English name, not by its date); a change of
# names only is one line per calendar and language; a new region's calendar with its days.
def _holidays(old: Policy, new: Policy):
    for before, calendar in _matched(old.calendars, new.calendars)[0]:
        if before is not None:
            yield from _text_lines(f"Name of the holiday calendar '{calendar.id}'", before.name, calendar.name)
    pairs = _matched(old.regions, new.regions)[0]
    for before, region in pairs:
        if before is not None and before.calendar != region.calendar:
            yield Line(f"Public holidays: {_calendar_words(new, region.calendar)} instead of "
                       f"{_calendar_words(old, before.calendar)}", _name(region.name))
    if old.horizon != new.horizon:
        yield Line(f"The calendar covers {_years(new)} instead of {_years(old)}")
    yield from _date_lines(old, new, "holidays")
    yield from _names_lines(old, new)
    first, last = _window(old, new)
    for before, region in pairs:
        if before is not None:
            continue
        days = [o for o in new.overrides[region.id] if o.kind == "holiday" and first <= o.date <= last]
        if region.calendar is None:
            yield Line("Public holidays: none (open on public holidays)", _name(region.name))
        else:
            yield Line(f"Public holidays: {_calendar_words(new, region.calendar)}, {len(days)} "
                       f"day{'s' if len(days) != 1 else ''} closed until {textfmt.format_long_date(last, LANG)}",
                       _name(region.name), tuple(f"{_day(o.date)}: {_md(_name(o.name))}" for o in days))


def _closures(old: Policy, new: Policy):
    yield from _date_lines(old, new, "closures")


# The days the summary speaks of: from the build's today to the end of both published horizons
# (a date already past at the build is no change for customers).
def _window(old: Policy, new: Policy) -> tuple:
    return max(old.horizon[0], new.horizon[0], new.today), min(old.horizon[1], new.horizon[1])


# Every date ahead whose hours change in some region, merged over regions with the same change and
# over consecutive dates: "New closure: Thursday, 24 December 2026, all regions". A new region's
# closures and special hours are new for its customers; its holidays are listed by _holidays.
def _date_lines(old: Policy, new: Policy, topic: str):
    first, last = _window(old, new)
    old_regions = {r.id for r in old.regions}
    changes: dict = {}  # (head, tail) -> {date: [region, ...]}
    for region in new.regions:
        shared = region.id in old_regions
        if not shared and topic == "holidays":
            continue
        before = {o.date: o for o in old.overrides[region.id] if first <= o.date <= last} if shared else {}
        after = {o.date: o for o in new.overrides[region.id] if first <= o.date <= last}
        if not shared:
            after = {d: o for d, o in after.items() if o.kind != "holiday"}
        if topic == "holidays":
            for change, date in _holiday_changes(before, after):
                changes.setdefault(change, {}).setdefault(date, []).append(region)
            continue
        for date in sorted(before.keys() | after.keys()):
            a, b = before.get(date), after.get(date)
            if _day_key(a) == _day_key(b):
                continue
            if {o.kind for o in (a, b) if o is not None} == {"holiday"}:
                continue
            changes.setdefault(_date_change(a, b), {}).setdefault(date, []).append(region)
    lines = []
    for (head, tail), dates in changes.items():
        by_scope: dict = {}
        for date, regions in dates.items():
            by_scope.setdefault(tuple(r.id for r in regions), []).append(date)
        for scope, scope_dates in by_scope.items():
            for start, end in _runs(sorted(scope_dates)):
                when = textfmt.format_long_date(start, LANG)
                if end != start:
                    when += " to " + textfmt.format_long_date(end, LANG)
                lines.append((start, f"{head}: {when}{tail}, {_scope(new, scope)}"))
    for _, text in sorted(lines):
        yield Line(text)


# The holidays of one region that appear, disappear or move, by identity: ((head, tail), date).
# Another holiday on a date that stays closed says so (not a rename); the same holiday with other
# names only is left to _names_lines.
def _holiday_changes(before: dict, after: dict):
    old_days = {d: o for d, o in before.items() if o.kind == "holiday"}
    new_days = {d: o for d, o in after.items() if o.kind == "holiday"}
    gone: dict = {}  # identity -> [date]
    came: dict = {}
    for date in sorted(old_days.keys() | new_days.keys()):
        a, b = old_days.get(date), new_days.get(date)
        if a is not None and b is not None:
            if _identity(a) != _identity(b):
                yield ("Another public holiday", f", {_md(_name(b.name))} instead of {_md(_name(a.name))} "
                                                 "(still closed)"), date
            continue
        if a is not None and date not in after:  # a closure there now is told under closures
            gone.setdefault(_identity(a), []).append(a)
        if b is not None and date not in before:
            came.setdefault(_identity(b), []).append(b)
    # Moved: the same holiday of the same calendar on another date (Labor Day of Munich and of New
    # York are two holidays).
    for identity in list(gone):
        if identity in came and len(gone[identity]) == len(came[identity]) and \
                {o.calendar for o in gone[identity] + came[identity]} == {gone[identity][0].calendar}:
            for a, b in zip(gone.pop(identity), came.pop(identity)):
                yield ("Public holiday moved", f", {_md(_name(b.name))} (was {_day(a.date)})"), b.date
    for days in gone.values():
        for a in days:
            yield ("No longer a public holiday", f", {_md(_name(a.name))}"), a.date
    for days in came.values():
        for b in days:
            yield ("New public holiday", f", {_md(_name(b.name))}"), b.date


# A holiday is the same holiday by its English name (the holidays package's), whatever its date
# or its names in other languages.
def _identity(override) -> str:
    return override.name.as_dict().get("en") or _name(override.name)


# Holidays that stay, with names added, removed or changed in a language: one line per calendar,
# language and kind ("Munich, Germany: French names added for 27 holidays").
def _names_lines(old: Policy, new: Policy):
    first, last = _window(old, new)
    old_regions = {r.id: r for r in old.regions}
    counted: dict = {}  # (calendar, language, kind) -> {date}
    for region in new.regions:
        if region.id not in old_regions:
            continue
        before = {o.date: o for o in old.overrides[region.id] if o.kind == "holiday" and first <= o.date <= last}
        for b in new.overrides[region.id]:
            a = before.get(b.date)
            if b.kind != "holiday" or a is None or not first <= b.date <= last or _identity(a) != _identity(b):
                continue
            was, now = a.name.as_dict(), b.name.as_dict()
            for lang in dict.fromkeys([*now, *was]):
                if was.get(lang) == now.get(lang) or lang not in new.languages:
                    continue
                kind = "added" if lang not in was else "removed" if lang not in now else "changed"
                counted.setdefault((b.calendar, lang, kind), set()).add(b.date)
    for (calendar, lang, kind), dates in sorted(counted.items(), key=lambda item: (str(item[0][0]), item[0][1:])):
        owner = f"{_calendar_words(new, calendar)}: " if calendar else ""
        yield Line(f"{owner}{_language_name(lang)} names {kind} for {len(dates)} holiday{'s' if len(dates) != 1 else ''}")


def _language_name(lang: str) -> str:
    try:
        return Locale.parse("en").languages.get(lang, lang)
    except (ValueError, TypeError):
        return lang


def _day_key(override):
    return None if override is None else (override.kind, override.name.values, override.hours)


# What happened to one date with a closure or special hours, as the words before and after the date.
def _date_change(a, b) -> tuple[str, str]:
    if a is None or b is None:
        present = a or b
        what = {"holiday": "public holiday", "closure": "closure", "special_hours": "special hours"}[present.kind]
        hours = f", open {textfmt.format_intervals(present.hours, LANG)}" if present.hours else ""
        if a is None:
            return (f"New {what}", f", {_md(_name(b.name))}{hours}")
        return ("No longer a public holiday" if a.kind == "holiday" else f"{what.capitalize()} removed",
                f", {_md(_name(a.name))}{hours}")
    if b.kind != "holiday" and a.kind == "holiday":
        return (f"New {'closure' if b.kind == 'closure' else 'special hours'}",
                f", {_md(_name(b.name))}{_state(b, ', open ')} (replaces the public holiday {_md(_name(a.name))})")
    if a.kind != "holiday" and b.kind == "holiday":
        return (f"{'Closure' if a.kind == 'closure' else 'Special hours'} removed",
                f", {_md(_name(a.name))}; the public holiday {_md(_name(b.name))} applies (closed)")
    name = _md(_name(b.name)) + _renamed(a.name, b.name)
    if a.hours == b.hours:
        return ("Renamed", f", {name}")
    return ("Changed", f", {name}: {_state(b)} instead of {_state(a)}")


# " (was Old)" for the summary's language, and each other language's name before and after:
# " (de: “Silvesterabend”, was “Silvester”)"; "" when no name changed.
def _renamed(old, new) -> str:
    was, now = old.as_dict(), new.as_dict()
    parts = []
    for lang in dict.fromkeys([*now, *was]):
        if " ".join((was.get(lang) or "").split()) == " ".join((now.get(lang) or "").split()):
            continue
        parts.append(f"was {_md(was.get(lang) or '')}" if lang == LANG else
                     f"{lang}: {_quote(now.get(lang))}, was {_quote(was.get(lang))}")
    return f" ({'; '.join(parts)})" if parts else ""
