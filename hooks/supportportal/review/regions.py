# Support hours and time zones, per region: weekly hours, zones, planned new hours.

from __future__ import annotations

import datetime as dt

from .. import dated, textfmt
from ..model import Policy
from .common import LANG, Line, _days_label, _matched, _name, _order_line, _steps_compared, _text_lines, _weekly_words


def _hours(old: Policy, new: Policy):
    pairs, removed = _matched(old.regions, new.regions)
    year = new.today.year
    for before, region in pairs:
        name = _name(region.name)
        if before is None:
            rows = "; ".join(f"{days} {hours}" for days, hours in textfmt.weekly_rows(region, LANG))
            yield Line(f"New region, {textfmt.zone_label(region.zone, LANG, year)}: {rows}", name)
            continue
        yield from _text_lines("Name of the region", before.name, region.name, name)
        if before.zone != region.zone:
            yield Line(f"Time zone {region.zone}, {textfmt.zone_label(region.zone, LANG, year)}, instead of "
                       f"{before.zone}, {textfmt.zone_label(before.zone, LANG, year)}", name)
        yield from _weekly_lines(before.weekly, region.weekly, name)
    for before, region in pairs:
        yield from _hours_changes(before, region, new.today, _name(region.name))
    for region in removed:
        yield Line("Region removed: customers no longer see its hours", _name(region.name))
    yield from _order_line("Order of the regions", old.regions, new.regions)


# Runs of weekdays with the same change: "Fridays close at 16:00 instead of 18:00".
def _weekly_lines(old_weekly, new_weekly, group: str):
    day = 0
    while day < 7:
        pair = (old_weekly[day], new_weekly[day])
        end = day
        while end + 1 < 7 and (old_weekly[end + 1], new_weekly[end + 1]) == pair:
            end += 1
        if pair[0] != pair[1]:
            yield Line(_day_change(_days_label(day, end), *pair), group)
        day = end + 1


# Planned new weekly hours, by their date: added, removed, moved or changed.
def _hours_changes(old_region, new_region, today: dt.date, group: str):
    def steps(region):
        if region is None:
            return {}
        day = dt.timedelta(days=1)
        return {c.start: (_weekly_words(c.weekly), _weekly_words(dated.weekly_on(region, c.start - day)))
                for c in region.changes}

    for kind, date, was_date, (hours, before), old_value in _steps_compared(steps(old_region), steps(new_region)):
        when = textfmt.format_long_date(date, LANG)
        if kind == "added":
            earlier = today < date and not any(today < c.start < date for c in new_region.changes)
            yield Line(f"From {when}, {hours} ({'now' if earlier else 'until then'} {before})", group)
        elif kind == "removed":
            stays = _weekly_words(dated.weekly_on(new_region, date))
            yield Line(f"Planned change removed: from {when}, {hours} (stays {stays})", group)
        elif kind == "moved":
            yield Line(f"Planned change moved: from {when} instead of {textfmt.format_long_date(was_date, LANG)}, "
                       f"{hours}", group)
        else:
            yield Line(f"Planned change from {when}: {hours} instead of {old_value[0]}", group)


def _day_change(days: str, old: tuple, new: tuple) -> str:
    if not old:
        return f"{days} now open {textfmt.format_intervals(new, LANG)} (were closed)"
    if not new:
        return f"{days} now closed (were open {textfmt.format_intervals(old, LANG)})"
    if len(old) == len(new) == 1 and old[0].start == new[0].start:
        return f"{days} close at {_closing(new[0])} instead of {_closing(old[0])}"
    if len(old) == len(new) == 1 and old[0].end == new[0].end:
        return f"{days} open at {new[0].hhmm()[0]} instead of {old[0].hhmm()[0]}"
    return f"{days}: {textfmt.format_intervals(new, LANG)} instead of {textfmt.format_intervals(old, LANG)}"


def _closing(iv) -> str:
    return iv.hhmm()[1] + (" " + textfmt.phrase(LANG, "hours.next_day") if iv.crosses_midnight else "")
