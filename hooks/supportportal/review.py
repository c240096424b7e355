# What customers will read differently after a policy change, for the people reviewing it: a
# summary in Markdown grouped by topic and region, and the pages whose visible text changed.
# The summary is written in English for reviewers (it is not published); the site states the same
# facts in each of its languages, and changed texts are shown in every language that changed.
#
# Each topic is one function from (old policy, new policy) to summary lines, listed in TOPICS at
# the bottom: a new kind of policy fact gets a summary by adding one function there.

from __future__ import annotations

import datetime as dt
import difflib
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from . import dated, textfmt
from .loading import PolicyError, load_policy
from .model import Policy, Region, Text

LANG = "en"  # the summary's language
NO_CHANGE = "No change for customers"
NOTE = ("Written in English for reviewers; the site shows the same facts in each of its languages, "
        "and changed texts are quoted in each language that changed.")


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


# A page whose article text differs between two builds.
@dataclass(frozen=True)
class PageChange:
    edition: str  # language code
    url: str  # "hours/", "de/hours/", "404.html"
    changed: int  # lines added, removed or replaced
    status: str = "changed"  # "changed" | "new" | "removed"


# The summary: the topics that changed, in the order of TOPICS.
def summarize(old: Policy, new: Policy) -> list[Section]:
    sections = []
    for topic, function in TOPICS:
        lines = tuple(function(old, new))
        if lines:
            sections.append(Section(topic, lines))
    return sections


# Load both policy folders with the portal's loader and summarize them in Markdown; a broken
# new policy gives the build's own report instead.
def policy_summary(old_dir: Path, new_dir: Path, today: dt.date, compared: str = "") -> str:
    try:
        new = load_policy(new_dir, today)
    except PolicyError as error:
        return render(compared=compared, problems=error.report())
    try:
        old = load_policy(old_dir, today)
    except PolicyError as error:
        return render(compared=compared, base_problems=error.report())
    return render(summarize(old, new), compared=compared)


# The summary as Markdown. `pages` is None when pages were not compared.
def render(sections=(), *, compared: str = "", problems: str | None = None, base_problems: str | None = None,
           pages: list | None = None, page_problem: str | None = None, languages: tuple = ()) -> str:
    out = ["# Policy change: what customers will read", ""]
    if compared:
        out += [compared, ""]
    if problems:
        out += ["## The new policy has problems: nothing would be published", "",
                "The build stops with:", "", "```text", problems, "```", ""]
        return "\n".join(out)
    if base_problems:
        out += ["## The base policy does not load with this version of the portal", "",
                "```text", base_problems, "```", ""]
        return "\n".join(out)
    if not sections and not pages and not page_problem:
        out += [f"**{NO_CHANGE}.**" + (" No page's text changed." if pages is not None else ""), ""]
        return "\n".join(out)
    out += [f"_{NOTE}_", ""]
    if not sections:
        out += [f"**{NO_CHANGE} in the policy.**", ""]
    for section in sections:
        out += [f"## {section.topic}", ""]
        for group, lines in _grouped(section.lines):
            if group:
                out += [f"### {group}", ""]
            for line in lines:
                out.append(f"- {line.text}")
                out += [f"  - {detail}" for detail in line.details]
            out.append("")
    if page_problem:
        out += ["## Pages", "", "The pages could not be compared:", "", "```text", page_problem, "```", ""]
    elif pages is not None:
        out += _render_pages(pages, languages)
    return "\n".join(out)


def _grouped(lines):
    groups: dict = {}
    for line in lines:
        groups.setdefault(line.group, []).append(line)
    return sorted(groups.items(), key=lambda item: item[0] != "")


def _render_pages(pages: list, languages: tuple) -> list:
    out = ["## Pages whose text changed", ""]
    if not pages:
        return out + ["No page's visible text changed.", ""]
    editions = [lang for lang in languages if any(p.edition == lang for p in pages)]
    editions += sorted({p.edition for p in pages} - set(editions))
    for lang in editions:
        main = lang == (languages[0] if languages else lang)
        out += [f"### {_LANGUAGE_NAMES.get(lang, lang)} edition ({'/' if main else f'/{lang}/'})", ""]
        for page in (p for p in pages if p.edition == lang):
            count = f"{page.changed} line{'s' if page.changed != 1 else ''}"
            what = {"new": f"new page, {count}", "removed": f"page removed, {count}"}.get(page.status, f"{count} changed")
            out.append(f"- `{page.url or '/'}`: {what}")
        out.append("")
    return out


# Hours and zones, per region.

# The items of a topic (regions, channels, ...) matched by id: (the old one or None, the new one)
# for each new item in its order, and the old items the new policy no longer has.
def _matched(old_items, new_items) -> tuple[list, list]:
    before = {item.id: item for item in old_items}
    kept = {item.id for item in new_items}
    return [(before.get(item.id), item) for item in new_items], [item for item in old_items if item.id not in kept]


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


# "Monday to Friday 09:00–17:00", as the hours page groups the days (a region only for its weekly hours).
def _weekly_words(weekly: tuple) -> str:
    rows = textfmt.weekly_rows(Region("", Text((("en", ""),)), "UTC", weekly, None), LANG)
    return "; ".join(f"{days} {hours}" for days, hours in rows) or "closed every day"


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


def _days_label(first: int, last: int) -> str:
    names = [f"{n}s" for n in textfmt.day_names(LANG)]
    if first == 0 and last == 6:
        return "All days"
    if first == last:
        return names[first]
    return textfmt.phrase(LANG, "days.range", first=names[first], last=names[last])


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


# Dates: public holidays, and the company's closures and special hours.

def _holidays(old: Policy, new: Policy):
    for before, calendar in _matched(old.calendars, new.calendars)[0]:
        if before is not None:
            yield from _text_lines(f"Name of the holiday calendar '{calendar.id}'", before.name, calendar.name)
    for before, region in _matched(old.regions, new.regions)[0]:
        if before is not None and before.calendar != region.calendar:
            yield Line(f"Public holidays: {_calendar_words(new, region.calendar)} instead of "
                       f"{_calendar_words(old, before.calendar)}", _name(region.name))
    if old.horizon != new.horizon:
        yield Line(f"The calendar covers {_years(new)} instead of {_years(old)}")
    yield from _date_lines(old, new, "holidays")


def _closures(old: Policy, new: Policy):
    yield from _date_lines(old, new, "closures")


def _calendar_words(policy: Policy, calendar_id: str | None) -> str:
    if calendar_id is None:
        return "none (open on public holidays)"
    return _md(policy.calendar(calendar_id).name.get(LANG))


def _years(policy: Policy) -> str:
    first, last = policy.horizon
    return str(first.year) if first.year == last.year else f"{first.year} to {last.year}"


# Every date within both horizons whose hours change in some region, merged over regions with the
# same change and over consecutive dates: "New closure: Thursday, 24 December 2026, all regions".
def _date_lines(old: Policy, new: Policy, topic: str):
    first = max(old.horizon[0], new.horizon[0])
    last = min(old.horizon[1], new.horizon[1])
    old_regions = {r.id for r in old.regions}
    shared = [r for r in new.regions if r.id in old_regions]
    changes: dict = {}  # (head, tail) -> {date: [region, ...]}
    for region in shared:
        before = {o.date: o for o in old.overrides[region.id] if first <= o.date <= last}
        after = {o.date: o for o in new.overrides[region.id] if first <= o.date <= last}
        for date in sorted(before.keys() | after.keys()):
            a, b = before.get(date), after.get(date)
            if _day_key(a) == _day_key(b):
                continue
            kinds = {o.kind for o in (a, b) if o is not None}
            if (topic == "holidays") != (kinds == {"holiday"}):
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


def _day_key(override):
    return None if override is None else (override.kind, override.name.values, override.hours)


# What happened to one date, as the words before and after the date.
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
    if a.kind == b.kind == "holiday":
        return ("Public holiday renamed", f", {_md(_name(b.name))} instead of {_md(_name(a.name))}")
    name = _md(_name(b.name)) + (f" (was {_md(_name(a.name))})" if _name(a.name) != _name(b.name) else "")
    if a.hours == b.hours:
        return ("Renamed", f", {name}")
    return ("Changed", f", {name}: {_state(b)} instead of {_state(a)}")


def _state(override, prefix: str = "") -> str:
    if not override.hours:
        return "" if prefix else "closed"
    return f"{prefix}{'' if prefix else 'open '}{textfmt.format_intervals(override.hours, LANG)}"


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


# Channels.

def _channels(old: Policy, new: Policy):
    pairs, removed = _matched(old.channels, new.channels)
    for was, channel in pairs:
        name = _md(_name(channel.name))
        if was is None:
            yield Line(f"New channel: {name} ({_md(channel.address)}){_offered(channel, ', ')}")
            continue
        yield from _text_lines(f"Name of the channel {name}", was.name, channel.name)
        if was.type != channel.type:
            yield Line(f"{name}: type {channel.type} instead of {was.type}")
        if was.address != channel.address:
            yield Line(f"{name}: address {_md(channel.address)} instead of {_md(was.address)}")
        yield from _text_lines(f"Description of {name}", was.description, channel.description)
        yield from _channel_hours(old, was, new, channel, name)
        yield from _availability(was, channel, name)
    for channel in removed:
        yield Line(f"Channel removed: {_md(_name(channel.name))}")
    yield from _order_line("Order of the channels", old.channels, new.channels)


# A channel's own hours and whom it serves: "Hotline: Fridays close at 16:00 instead of 18:00",
# "Hotline: for Critical only (was every priority)". Hours kept the same as a region's change with
# the region, which says so under its own name.
def _channel_hours(old: Policy, was, new: Policy, channel, name: str):
    before, after = was.schedule, channel.schedule
    if before is None and after is not None:
        yield Line(f"{name}: staffed {_schedule_words(new, after)} (was around the clock)")
    elif before is not None and after is None:
        yield Line(f"{name}: staffed around the clock (was {_schedule_words(old, before)})")
    elif before is not None:
        if (before.region, after.region) != (None, None) and before.region != after.region:
            yield Line(f"{name}: staffed {_schedule_words(new, after)} (was {_schedule_words(old, before)})")
        elif after.region is None:
            if before.zone != after.zone:
                yield Line(f"{name}: hours in {after.zone} instead of {before.zone}")
            for line in _weekly_lines(before.weekly, after.weekly, ""):
                yield Line(f"{name}: {line.text}")
        if before.calendar != after.calendar and before.region == after.region:
            yield Line(f"{name}: public holidays: {_calendar_words(new, after.calendar)} instead of "
                       f"{_calendar_words(old, before.calendar)}")
    if was.priorities != channel.priorities:
        yield Line(f"{name}: {_meant_for(new, channel)} (was {_meant_for(old, was)})")
    if after is not None and before is not None and was.outside_hours != channel.outside_hours:
        yield Line(f"{name}: outside its hours {_outside(channel)} (was {_outside(was)})")


def _schedule_words(policy: Policy, schedule) -> str:
    if schedule.region is not None:
        return f"in the hours of {_name(policy.region(schedule.region).name)}"
    rows = "; ".join(f"{days} {hours}" for days, hours in textfmt.weekly_rows(schedule, LANG))
    return f"{rows} ({schedule.zone})"


def _meant_for(policy: Policy, channel) -> str:
    if channel.priorities is None:
        return "for every priority"
    names = {p.id: _name(p.name) for p in policy.priorities}
    return "for " + textfmt.join_words([names.get(p, p) for p in channel.priorities], LANG) + " only"


def _outside(channel) -> str:
    return "requests are accepted" if channel.outside_hours == "accepted" else "not staffed"


# A channel's first and last day: "Hotline: offered from Monday, 15 March 2027".
def _availability(was, channel, name: str):
    if was.available_from != channel.available_from:
        if channel.available_from is None:
            yield Line(f"{name}: offered without a first day (was from {_day(was.available_from)})")
        else:
            yield Line(f"{name}: offered from {_day(channel.available_from)}"
                       + (f" (was {_day(was.available_from)})" if was.available_from else ""))
    if was.available_until != channel.available_until:
        if channel.available_until is None:
            yield Line(f"{name}: no longer retired (was retired after {_day(was.available_until)})")
        else:
            yield Line(f"{name}: retired after {_day(channel.available_until)}"
                       + (f" (was after {_day(was.available_until)})" if was.available_until else ""))


def _offered(channel, prefix: str) -> str:
    parts = ([f"offered from {_day(channel.available_from)}"] if channel.available_from else []) + \
        ([f"retired after {_day(channel.available_until)}"] if channel.available_until else [])
    return prefix + ", ".join(parts) if parts else ""


def _day(date: dt.date) -> str:
    return textfmt.format_long_date(date, LANG)


# Notices, by their id: new, removed, ended early or extended, retimed, edited.

def _notices(old: Policy, new: Policy):
    pairs, removed = _matched(old.notices, new.notices)
    for was, notice in pairs:
        title = _md(_name(notice.title))
        if was is None:
            yield Line(f"New notice ({_kind(notice)}): {title}, {textfmt.notice_window(notice, LANG)}, "
                       f"{_notice_scope(new, notice)}")
            continue
        yield from _text_lines(f"Title of the notice {_md(_name(was.title))}", was.title, notice.title)
        if was.kind != notice.kind:
            yield Line(f"{title}: {_kind(notice)} (was {_kind(was)})")
        window, was_window = textfmt.notice_window(notice, LANG), textfmt.notice_window(was, LANG)
        if window != was_window:
            never = dt.datetime.max.replace(tzinfo=dt.timezone.utc)
            earlier = (notice.end or never) < (was.end or never)
            what = ("Notice times changed" if notice.start != was.start
                    else "Notice ended early" if earlier else "Notice extended")
            yield Line(f"{what}: {title}, now {window} (was {was_window})")
        if notice.start - notice.announce != was.start - was.announce:
            yield Line(f"{title}: shown from {textfmt.notice_moment(notice.announce, notice.zone, LANG)} "
                       f"(was from {textfmt.notice_moment(was.announce, was.zone, LANG)})")
        if _notice_scope(new, notice) != _notice_scope(old, was):
            yield Line(f"{title}: {_notice_scope(new, notice)} (was {_notice_scope(old, was)})")
        yield from _text_lines(f"Text of the notice {title}", was.text, notice.text)
    for notice in removed:
        yield Line(f"Notice removed: {_md(_name(notice.title))} ({_kind(notice)}), "
                   f"{textfmt.notice_window(notice, LANG)}, {_notice_scope(old, notice)}")


def _kind(notice) -> str:
    word = textfmt.phrase(LANG, f"widget.notice_{notice.kind}")
    return word[:1].lower() + word[1:]


# "EMEA", "all regions", "all regions; channels: Hotline".
def _notice_scope(policy: Policy, notice) -> str:
    scope = _scope(policy, notice.regions)
    names = {c.id: _md(_name(c.name)) for c in policy.channels}
    if notice.channels:
        scope += "; channels: " + textfmt.join_words([names.get(c, c) for c in notice.channels], LANG)
    return scope


# Priorities and response targets.

def _priorities(old: Policy, new: Policy):
    if old.business_day_minutes != new.business_day_minutes:
        yield Line(f"A business day has {new.business_day_minutes / 60:g} business hours "
                   f"instead of {old.business_day_minutes / 60:g}")
    pairs, removed = _matched(old.priorities, new.priorities)
    for was, priority in pairs:
        name = _md(_name(priority.name))
        if was is None:
            yield Line(f"New priority: {name}, first response within {_within(new, priority)}, "
                       f"updates {_updates(new, priority)}")
            yield from _target_changes(old, None, new, priority, name)
            continue
        yield from _text_lines(f"Name of the priority {name}", was.name, priority.name)
        if _within(old, was) != _within(new, priority):
            yield Line(f"{name}: first response within {_within(new, priority)} (was {_within(old, was)})")
        if _updates(old, was) != _updates(new, priority):
            yield Line(f"{name}: updates {_updates(new, priority)} (was {_updates(old, was)})")
        if was.around_the_clock != priority.around_the_clock:
            yield Line(f"{name}: targets counted {_coverage(priority)} (was {_coverage(was)})")
        yield from _target_changes(old, was, new, priority, name)
        yield from _text_lines(f"Definition of {name}", was.definition, priority.definition)
        yield from _list_lines(f"Example for {name}", was.examples, priority.examples)
    for priority in removed:
        yield Line(f"Priority removed: {_md(_name(priority.name))}")
    if old.default_priority.id != new.default_priority.id:
        yield Line(f"Default priority: {_md(_name(new.default_priority.name))} "
                   f"(was {_md(_name(old.default_priority.name))})")
    yield from _order_line("Order of the priorities", old.priorities, new.priorities)


def _within(policy: Policy, priority) -> str:
    return _duration(policy, priority.first_response)


def _duration(policy: Policy, target) -> str:
    return textfmt.duration_words(target.minutes, target.business, policy.business_day_minutes, LANG)


def _updates(policy: Policy, priority) -> str:
    return _every(policy, priority.update_interval)


def _every(policy: Policy, target) -> str:
    if target is None:
        return "as progress is made"
    return textfmt.every_words(target.minutes, target.business, policy.business_day_minutes, LANG)


# Planned new targets, by their date, one line per target that changes on it: "Critical: first
# response within 30 minutes from Friday, 1 January 2027 (was 1 hour)".
def _target_changes(old: Policy, old_priority, new: Policy, priority, name: str):
    for label, index, words, joiner in (("first response", 0, _duration, "within "), ("updates", 1, _every, "")):
        def steps(policy, owner):
            if owner is None:
                return {}
            result = {}
            for change in owner.changes:
                value = words(policy, dated.targets_on(owner, change.start)[index])
                before = words(policy, dated.targets_on(owner, change.start - dt.timedelta(days=1))[index])
                if value != before:
                    result[change.start] = (value, before)
            return result

        for kind, date, was_date, (value, before), old_value in _steps_compared(steps(old, old_priority),
                                                                                  steps(new, priority)):
            when = textfmt.format_long_date(date, LANG)
            if kind == "added":
                yield Line(f"{name}: {label} {joiner}{value} from {when} (was {before})")
            elif kind == "removed":
                stays = words(new, dated.targets_on(priority, date)[index])
                yield Line(f"{name}: planned change removed, {label} {joiner}{value} from {when} (stays {stays})")
            elif kind == "moved":
                yield Line(f"{name}: {label} {joiner}{value} from {when} instead of "
                           f"{textfmt.format_long_date(was_date, LANG)}")
            else:
                yield Line(f"{name}: {label} from {when} {joiner}{value} instead of {old_value[0]}")


def _coverage(priority) -> str:
    return "around the clock" if priority.around_the_clock else "in business hours"


# Process, maintenance and warranty: texts before and after.

def _process(old: Policy, new: Policy):
    yield from _list_lines("Resolution step", old.resolution_steps, new.resolution_steps)
    yield from _list_lines("Customer duty", old.customer_duties, new.customer_duties)


def _maintenance(old: Policy, new: Policy):
    yield from _list_lines("Maintenance item", old.maintenance_included, new.maintenance_included)
    if old.enhancements_included != new.enhancements_included:
        words = {True: "included", False: "not included"}
        yield Line(f"Enhancements: {words[new.enhancements_included]} (was {words[old.enhancements_included]})")
    yield from _text_lines("Answer on enhancements", old.enhancements_answer, new.enhancements_answer)
    yield from _list_lines("Warranty paragraph", old.warranty, new.warranty)


# Company and site settings.

def _company(old: Policy, new: Policy):
    if old.company != new.company:
        yield Line(f"Company name: {_md(new.company)} (was {_md(old.company)})")
    yield from _text_lines("City", old.city, new.city)
    yield from _text_lines("Country", old.country, new.country)
    if old.languages != new.languages:
        yield Line(f"Languages of the site: {', '.join(new.languages)} (was {', '.join(old.languages)})")
    if old.translation_fallback != new.translation_fallback:
        words = {True: "shown in the first language, marked", False: "stop the build"}
        yield Line(f"Missing translations: {words[new.translation_fallback]} (was: {words[old.translation_fallback]})")
    yield from _text_lines("Site title", old.site_title, new.site_title)
    yield from _text_lines("Site description", old.site_description, new.site_description)
    if old.site_url != new.site_url:
        yield Line(f"Site address: {_md(new.site_url)} (was {_md(old.site_url)})")
    if old.version != new.version:
        words = {None: "the date and commit of the last policy change"}
        yield Line(f"Policy version: {_md(words.get(new.version, new.version))} "
                   f"(was {_md(words.get(old.version, old.version))})")


# Helpers shared by the topics.

def _name(text: Text) -> str:
    return text.get(LANG)


# One text before and after, in each language that changed.
def _text_lines(label: str, old: Text | None, new: Text | None, group: str = ""):
    old_values = old.as_dict() if old else {}
    new_values = new.as_dict() if new else {}
    details = []
    for lang in dict.fromkeys([*new_values, *old_values]):
        if old_values.get(lang) != new_values.get(lang):
            details += [f"before ({lang}): {_quote(old_values.get(lang))}",
                        f"after ({lang}): {_quote(new_values.get(lang))}"]
    if details:
        yield Line(f"{label} changed", group, tuple(details))


# A list of texts (steps, duties, examples): entries changed in place, added or removed.
def _list_lines(label: str, old: tuple, new: tuple):
    matcher = difflib.SequenceMatcher(None, [t.values for t in old], [t.values for t in new], autojunk=False)
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


def _quote(text: str | None) -> str:
    return "(none)" if text is None else f"“{_md(text)}”"


# Policy texts as literal Markdown: characters that would format or link are escaped.
_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|~"})


def _md(text: str) -> str:
    return " ".join(text.split()).translate(_MARKDOWN)


# Pages: the visible text of each page's article, before and after.

# Every page of a built site: {url: lines of its article's text}; editions are folders named by
# their language (de/) beside the main edition at the root.
def page_texts(site: Path) -> dict:
    pages = {}
    for path in sorted(site.rglob("*.html")):
        url = path.relative_to(site).as_posix()
        url = url[: -len("index.html")] if url.endswith("index.html") else url
        pages[url] = article_text(path.read_text(encoding="utf-8"))
    return pages


def page_changes(old_site: Path, new_site: Path, languages: tuple) -> list[PageChange]:
    old, new = page_texts(old_site), page_texts(new_site)
    result = []
    for url in sorted(old.keys() | new.keys()):
        before, after = old.get(url, []), new.get(url, [])
        if before == after:
            continue
        matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
        changed = sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal")
        status = "new" if url not in old else "removed" if url not in new else "changed"
        result.append(PageChange(_edition(url, languages), url, changed, status))
    return result


def _edition(url: str, languages: tuple) -> str:
    head = url.split("/", 1)[0]
    return head if head in languages[1:] and "/" in url else languages[0]


# The text a reader sees in a page's <article>: one line per block, without scripts, hidden
# elements and the "¶" permalinks.
def article_text(html: str) -> list[str]:
    parser = _ArticleText()
    parser.feed(html)
    parser.close()
    lines = (" ".join(part.split()).removeprefix("| ") for part in "".join(parser.out).split("\n"))
    return [line for line in lines if line]


class _ArticleText(HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    BLOCK = {"address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "figcaption",
             "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "nav", "ol", "p",
             "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul", "caption"}
    SKIP = {"script", "style", "template", "noscript", "svg"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list = []
        self.stack: list = []  # (tag, inside article, skipped)

    def _inside(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def _skipped(self) -> bool:
        return bool(self.stack) and self.stack[-1][2]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        inside = self._inside() or tag == "article"
        skipped = self._skipped() or tag in self.SKIP or "hidden" in attrs or \
            "headerlink" in (attrs.get("class") or "").split()
        if inside and not skipped:
            if tag in self.BLOCK:
                self.out.append("\n")
            elif tag in ("td", "th"):
                self.out.append(" | ")
        if tag not in self.VOID:
            self.stack.append((tag, inside, skipped))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        # Close up to the matching tag (HTML may leave some elements implicitly closed).
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                _, inside, skipped = self.stack[index]
                del self.stack[index:]
                if inside and not skipped and tag in self.BLOCK:
                    self.out.append("\n")
                return

    # Line breaks in the source count only inside <pre>; elsewhere blocks make the lines.
    def handle_data(self, data):
        if self._inside() and not self._skipped():
            self.out.append(data if any(tag == "pre" for tag, _, _ in self.stack) else data.replace("\n", " "))


# Git and builds: the policy and the site at two revisions.

# The repository's files at `rev` (None: the working tree, uncommitted changes included) in `dest`.
def export_tree(repo: Path, rev: str | None, dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    if rev is None:
        listed = _git(repo, "ls-files", "-z", "--cached", "--others", "--exclude-standard").stdout
        for name in filter(None, listed.decode().split("\0")):
            source = repo / name
            if source.is_file():
                (dest / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, dest / name)
        return dest
    archive = _git(repo, "archive", "--format=tar", rev).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest


# The revision to compare against by default: where this branch left main (or origin/main).
def default_base(repo: Path) -> str:
    for branch in ("main", "origin/main"):
        proc = subprocess.run(["git", "merge-base", branch, "HEAD"], cwd=repo, capture_output=True, text=True,
                              timeout=60)
        if proc.returncode == 0:
            return proc.stdout.strip()
    raise ReviewError("there is no branch main or origin/main to compare with: name the base, e.g. BASE=HEAD~1")


# The commit a revision given by a person names (BASE=main~3), or ReviewError saying it is none:
# the text is handed to git as one argument after --end-of-options, never to a shell.
def revision(repo: Path, text: str, label: str) -> str:
    shown = text if len(text) <= 80 else text[:77] + "..."
    if text.strip() != text or any(not c.isprintable() for c in text) or text.startswith("-"):
        raise ReviewError(f"{label}={shown!r} is not a revision: give a commit, branch or tag, e.g. {label}=HEAD~1")
    proc = subprocess.run(["git", "rev-parse", "--verify", "--quiet", "--end-of-options", f"{text}^{{commit}}"],
                          cwd=repo, capture_output=True, text=True, timeout=60)
    if proc.returncode != 0 or not proc.stdout.strip():
        raise ReviewError(f"{label}={shown!r} is not a revision of this repository: give a commit, branch or tag, "
                          f"e.g. {label}=HEAD~1 or {label}=main")
    return proc.stdout.strip()


def short_name(repo: Path, rev: str | None) -> str:
    if rev is None:
        return "the working tree"
    commit = _git(repo, "rev-parse", "--short", f"{rev}^{{commit}}").stdout.decode().strip()
    return f"`{commit}`" if rev.startswith(commit) or commit.startswith(rev) else f"`{rev}` ({commit})"


class ReviewError(Exception):
    pass


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(["git", *args], cwd=repo, capture_output=True, timeout=120)
    if proc.returncode != 0:
        raise ReviewError(f"git {' '.join(args)}: {proc.stderr.decode().strip()}")
    return proc


# `mkdocs build --strict` of one tree into `out`, with the given SOURCE_DATE_EPOCH; the output
# of a failed build is returned, None on success.
def build_site(tree: Path, out: Path, epoch: str) -> str | None:
    mkdocs = Path(sys.executable).parent / "mkdocs"
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([str(mkdocs), "build", "--strict", "--quiet", "-d", str(out)], cwd=tree, env=env,
                          capture_output=True, text=True, timeout=600)
    return None if proc.returncode == 0 else (proc.stdout + proc.stderr).strip()


# The whole review of `base` against `head` (None: the working tree): the summary, then the
# pages whose text changed (unless `pages` is false).
def review(repo: Path, base: str, head: str | None, epoch: str, pages: bool = True) -> str:
    today = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    compared = f"Compared: {short_name(repo, base)} → {short_name(repo, head)}."
    with tempfile.TemporaryDirectory(prefix="policy-review-") as tmp:
        old_tree = export_tree(repo, base, Path(tmp) / "old")
        new_tree = export_tree(repo, head, Path(tmp) / "new")
        try:
            new = load_policy(new_tree / "policy", today)
        except PolicyError as error:
            return render(compared=compared, problems=error.report())
        try:
            old = load_policy(old_tree / "policy", today)
        except PolicyError as error:
            return render(compared=compared, base_problems=error.report())
        sections = summarize(old, new)
        if not pages:
            return render(sections, compared=compared)
        problems = []
        for name, tree in (("base", old_tree), ("new", new_tree)):
            failed = build_site(tree, Path(tmp) / f"{name}-site", epoch)
            if failed:
                problems.append(f"The {name} site did not build:\n{failed}")
        if problems:
            return render(sections, compared=compared, page_problem="\n\n".join(problems))
        changes = page_changes(Path(tmp) / "base-site", Path(tmp) / "new-site", new.languages)
        return render(sections, compared=compared, pages=changes, languages=new.languages)


# Data

_LANGUAGE_NAMES = {"en": "English", "de": "German"}

# The summary's topics in order: (heading, function(old policy, new policy) -> Lines).
TOPICS = (
    ("Support hours and time zones", _hours),
    ("Public holidays", _holidays),
    ("Closures and special hours", _closures),
    ("Notices", _notices),
    ("Contact channels", _channels),
    ("Priorities and response targets", _priorities),
    ("Resolution process", _process),
    ("Maintenance and warranty", _maintenance),
    ("Company and site", _company),
)
