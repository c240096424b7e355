# What the topics of the review share: the summary's lines, matching items by id, dated values
# compared, and policy texts quoted literally in Markdown.

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass

from .. import textfmt
from ..model import Policy, Region, Text


LANG = "en"  # the summary's language


# One statement of the summary; `group` is the region it concerns ("" for none), `details` are
# sub-points (a text before and after).
@dataclass(frozen=True)
class Line:
    text: str
    group: str = ""
    details: tuple = ()


@dataclass(frozen=True)
class Section:
    topic: str
    lines: tuple


# The items of a topic (regions, channels, ...) matched by id: (the old one or None, the new one)
# for each new item in its order, and the old items the new policy no longer has.
def _matched(old_items, new_items) -> tuple[list, list]:
    before = {item.id: item for item in old_items}
    kept = {item.id for item in new_items}
    return [(before.get(item.id), item) for item in new_items], [item for item in old_items if item.id not in kept]


# Dated values before and after ({date: value}, a value compared by its first part) as
# (kind, date, previous date, new value, old value): "added", "removed", "changed" (same date), or
# "moved" (a removed and an added date with the same value).
def _steps_compared(old: dict, new: dict) -> list:
    removed = {d: v for d, v in old.items() if d not in new}
    added = {d: v for d, v in new.items() if d not in old}
    result = []
    for date, value in added.items():
        was = next((d for d, v in removed.items() if v[0] == value[0]), None)
        if was is not None:
            result.append(("moved", date, was, value, removed.pop(was)))
        else:
            result.append(("added", date, None, value, None))
    result += [("removed", date, None, value, value) for date, value in removed.items()]
    result += [("changed", date, None, new[date], old[date]) for date in new.keys() & old.keys()
               if new[date][0] != old[date][0]]
    return sorted(result, key=lambda step: step[1])


# "Monday to Friday 09:00–17:00", as the hours page groups the days (a region only for its weekly hours).
def _weekly_words(weekly: tuple) -> str:
    rows = textfmt.weekly_rows(Region("", Text((("en", ""),)), "UTC", weekly, None), LANG)
    return "; ".join(f"{days} {hours}" for days, hours in rows) or "closed every day"


def _days_label(first: int, last: int) -> str:
    names = [f"{n}s" for n in textfmt.day_names(LANG)]
    if first == 0 and last == 6:
        return "All days"
    if first == last:
        return names[first]
    return textfmt.phrase(LANG, "days.range", first=names[first], last=names[last])


def _calendar_words(policy: Policy, calendar_id: str | None) -> str:
    if calendar_id is None:
        return "none (open on public holidays)"
    return _md(policy.calendar(calendar_id).name.get(LANG))


def _years(policy: Policy) -> str:
    first, last = policy.horizon
    return str(first.year) if first.year == last.year else f"{first.year} to {last.year}"


def _runs(dates):
    start = end = None
    for date in dates:
        if end is not None and date == end + dt.timedelta(days=1):
            end = date
            continue
        if start is not None:
            yield start, end
        start = end = date
    if start is not None:
        yield start, end


def _scope(policy: Policy, region_ids: tuple) -> str:
    if set(region_ids) == {r.id for r in policy.regions}:
        return "all regions"
    return textfmt.join_words([_name(r.name) for r in policy.regions if r.id in region_ids], LANG)


def _day(date: dt.date) -> str:
    return textfmt.format_long_date(date, LANG)


def _state(override, prefix: str = "") -> str:
    if not override.hours:
        return "" if prefix else "closed"
    return f"{prefix}{'' if prefix else 'open '}{textfmt.format_intervals(override.hours, LANG)}"


def _name(text: Text) -> str:
    return text.get(LANG)


# One text before and after, in each language that changed.
def _text_lines(label: str, old: Text | None, new: Text | None, group: str = ""):
    old_values = old.as_dict() if old else {}
    new_values = new.as_dict() if new else {}
    details = []
    for lang in dict.fromkeys([*new_values, *old_values]):
        if _shown(old_values.get(lang)) != _shown(new_values.get(lang)):
            details += [f"before ({lang}): {_quote(old_values.get(lang))}",
                        f"after ({lang}): {_quote(new_values.get(lang))}"]
    if details:
        yield Line(f"{label} changed", group, tuple(details))


# A list of texts (steps, duties, examples): entries changed in place, added or removed.
def _list_lines(label: str, old: tuple, new: tuple):
    matcher = difflib.SequenceMatcher(None, [_shown_values(t) for t in old], [_shown_values(t) for t in new],
                                      autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and i2 - i1 == j2 - j1:
            for offset in range(i2 - i1):
                yield from _text_lines(f"{label} {j1 + offset + 1}", old[i1 + offset], new[j1 + offset])
            continue
        for i in range(i1, i2):
            yield Line(f"{label} {i + 1} removed", details=tuple(f"{lang}: {_quote(v)}" for lang, v in old[i].values))
        for j in range(j1, j2):
            yield Line(f"{label} {j + 1} added", details=tuple(f"{lang}: {_quote(v)}" for lang, v in new[j].values))


# A new order of entries that both policies have ("Order of the channels: Email, Portal").
def _order_line(label: str, old: tuple, new: tuple):
    new_ids = {x.id for x in new}
    old_ids = {x.id for x in old}
    kept_old = [x.id for x in old if x.id in new_ids]
    kept_new = [x.id for x in new if x.id in old_ids]
    if kept_old != kept_new:
        by_id = {x.id: x for x in [*old, *new]}
        yield Line(f"{label}: {', '.join(_md(_name(by_id[i].name)) for i in kept_new)} "
                   f"(was {', '.join(_md(_name(by_id[i].name)) for i in kept_old)})")


# A text as the pages show it: runs of spaces and line breaks are one space in HTML, so a change
# of them alone is no change for readers.
def _shown(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split())


def _shown_values(text: Text) -> tuple:
    return tuple((lang, _shown(value)) for lang, value in text.values)


def _quote(text: str | None) -> str:
    return "(none)" if text is None else f"“{_md(text)}”"


# Policy texts as literal Markdown: characters that would format or link are escaped.
_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|~"})


def _md(text: str) -> str:
    return " ".join(text.split()).translate(_MARKDOWN)
