# Contact channels: new, removed, and what changed in each (hours, zone, priorities, dates).

from __future__ import annotations

from .. import textfmt
from ..model import Policy
from .common import LANG, Line, _calendar_words, _day, _matched, _md, _name, _order_line, _quote, _text_lines
from .regions import _weekly_lines


def _channels(old: Policy, new: Policy):
    pairs, removed = _matched(old.channels, new.channels)
    for was, channel in pairs:
        name = _md(_name(channel.name))
        if was is None:
            description = channel.description.as_dict() if channel.description else {}
            yield Line(f"New channel: {name} ({_md(channel.address)}){_offered(channel, ', ', new.today)}: "
                       f"{_staffed(new, channel)}; {_meant_for(new, channel)}",
                       details=tuple(f"{lang}: {_quote(text)}" for lang, text in description.items()))
            continue
        yield from _text_lines(f"Name of the channel {name}", was.name, channel.name)
        if was.type != channel.type:
            yield Line(f"{name}: type {channel.type} instead of {was.type}")
        if was.address != channel.address:
            yield Line(f"{name}: address {_md(channel.address)} instead of {_md(was.address)}")
        yield from _text_lines(f"Description of {name}", was.description, channel.description)
        yield from _channel_hours(old, was, new, channel, name)
        yield from _availability(was, channel, name, new.today)
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


# A new channel's hours as readers are told them: its hours and zone, its public holidays, and
# whether requests outside its hours are accepted.
def _staffed(policy: Policy, channel) -> str:
    schedule = channel.schedule
    if schedule is None:
        return "staffed around the clock"
    words = f"staffed {_schedule_words(policy, schedule)}"
    if schedule.region is None:
        words += f", public holidays: {_calendar_words(policy, schedule.calendar)}"
    return f"{words}; outside its hours {_outside(channel)}"


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
def _availability(was, channel, name: str, today):
    # A first day on or before the build's is no first day to readers: the channel is offered.
    def first(c):
        return c.available_from if c.available_from and c.available_from > today else None

    if first(was) != first(channel):
        if first(channel) is None:
            yield Line(f"{name}: offered without a first day (was from {_day(was.available_from)})")
        else:
            yield Line(f"{name}: offered from {_day(channel.available_from)}"
                       + (f" (was {_day(was.available_from)})" if first(was) else ""))
    if was.available_until != channel.available_until:
        if channel.available_until is None:
            yield Line(f"{name}: no longer retired (was retired after {_day(was.available_until)})")
        else:
            yield Line(f"{name}: retired after {_day(channel.available_until)}"
                       + (f" (was after {_day(was.available_until)})" if was.available_until else ""))


# A new channel's first and last day; a first day already past at the build is not told.
def _offered(channel, prefix: str, today) -> str:
    parts = ([f"offered from {_day(channel.available_from)}"] if channel.available_from and
             channel.available_from > today else []) + \
        ([f"retired after {_day(channel.available_until)}"] if channel.available_until else [])
    return prefix + ", ".join(parts) if parts else ""
