# policy/channels.yml: ids used once, an address of the kind the channel's type needs, and the
# hours of a channel: its own (written like a region's, with a zone) or a region's, the holidays
# that close it, the priorities it is meant for and what happens outside its hours.

from __future__ import annotations

import datetime as dt

from .. import parsing
from ..dated import shown as shown_on_pages
from ..model import Channel, Schedule
from .context import Context
from .dated import date_at
from .regions import weekly_hours
from .values import fixed_offset_problem

NAME = "channels"
# public_holidays: none, for a channel that keeps its hours on public holidays.
NO_CALENDAR = "none"
# outside_hours as written -> as published in support.json.
OUTSIDE_HOURS = {"accepted": "accepted", "not staffed": "not_staffed"}
OUTSIDE_HOURS_FIX = ("add outside_hours: accepted (requests are taken and answered in the hours, like email) "
                     "or outside_hours: not staffed (nobody answers outside them, like a phone line)")


# What the channels may refer to: the regions (None in place of a broken one) and the ids of
# regions, calendars and priorities (None while some of them are broken), with the priorities'
# names; and the build date (a channel retired before it is shown nowhere).
class Known:
    def __init__(self, regions=None, region_ids=None, calendar_ids=None, priority_ids=None, priority_names=None,
                 today: dt.date | None = None):
        self.regions = {r.id: r for r in regions or () if r is not None}
        self.region_ids = region_ids
        self.calendar_ids = calendar_ids
        self.priority_ids = priority_ids
        self.priority_names = priority_names or {}  # folded name -> (id, name)
        self.today = today


# The channels, None in place of a broken one, and their ids (None when some id is broken);
# None for both when the list itself is broken.
def check(ctx: Context, known: Known | None = None) -> tuple[list | None, set | None]:
    known = known or Known()
    if not ctx.present(NAME, ("channels",)):
        return None, None
    result, seen, names, ids = [], {}, {}, set()
    for i, ch in enumerate(ctx.get(NAME, ("channels",))):
        result.append(_channel(ctx, ("channels", i), ch, seen, names, known) if ctx.present(NAME, ("channels", i)) else None)
        if ids is not None and ctx.intact(NAME, ("channels", i, "id")):
            ids.add(ch["id"])
        else:
            ids = None
    return result, ids


# How many digits a phone number has in international form (E.164: at most 15, with the country code).
PHONE_DIGITS = (5, 15)


def _channel(ctx: Context, path, ch: dict, seen: dict, names: dict, known: Known) -> Channel | None:
    ctx.unique_id(NAME, "channel", path, seen)
    if ctx.intact(NAME, path + ("address",)) and ctx.intact(NAME, path + ("type",)):
        address, kind = ch["address"], ch["type"]
        expected = {"email": "@" in address and not address.startswith("https://"),
                    "phone": address.startswith("+")}.get(kind, address.startswith("https://"))
        digits = sum(c.isdigit() for c in address)
        if not expected:
            want = {"email": "an email address", "phone": "a phone number starting with +"}.get(kind, "a https:// link")
            ctx.report(NAME, path + ("address",), f"{'an' if kind[:1] in 'aeiou' else 'a'} {kind} channel needs {want}, found '{address}'",
                       "correct the address or the type")
        elif kind == "phone" and not PHONE_DIGITS[0] <= digits <= PHONE_DIGITS[1]:
            ctx.report(NAME, path + ("address",), f"'{address}' has {digits} digits; a phone number in international "
                       f"form has {PHONE_DIGITS[0]} to {PHONE_DIGITS[1]}", "write + and the whole number with its "
                       "country code, e.g. +49 89 1234 5678")
    schedule = _schedule(ctx, path, ch, known)
    priorities = _priorities(ctx, path, ch, known)
    outside = _outside_hours(ctx, path, ch)
    description = ctx.text_at(NAME, path + ("description",)) if "description" in ch else None
    offered = _offered(ctx, path, ch)
    name = ctx.text_at(NAME, path + ("name",))
    # The channels' names, each once per language among the channels offered on one day: a channel
    # that replaces another from a date (a new number) keeps its name; one retired before the build
    # date is shown nowhere. While its dates are wrong, which days it shares is not known.
    retired = offered is not None and offered[1] is not None and known.today is not None and offered[1] < known.today
    if name is not None and offered is not None and not retired:
        ctx.unique_name(NAME, "channel", path + ("name",), ch["id"] if ctx.intact(NAME, path + ("id",)) else None,
                        name, names, offered)
    if not ctx.intact(NAME, path) or name is None or schedule is False or offered is None:
        return None
    return Channel(ch["id"], name, ch["type"], ch["address"], description, schedule, priorities, outside, *offered)


# A channel whose last day (until) is before the build date is no longer shown anywhere: retired,
# or written with a wrong year. A note each.
def retired(ctx: Context, channels: list | None, today: dt.date) -> None:
    for i, channel in enumerate(channels or ()):
        if channel is not None and channel.available_until is not None and channel.available_until < today:
            ctx.note_past(NAME, ("channels", i, "until"), f"the channel is offered until {channel.available_until}, "
                          f"before the build date ({today}): it is not shown", "a channel")


# A channel whose first day (from) is after the last published day (`last`) and not yet announced
# (`announce_days` ahead of the build date) is not shown yet: planned far ahead, or written with a
# wrong year. A note each. So does one whose last day (until) is more than a year after it: every
# published day lists it as offered, so a wrong year (2207 for 2027) would keep it on the pages
# past its end (the note at its from: covers a channel wholly after the published years).
def not_yet(ctx: Context, channels: list | None, today: dt.date, last: dt.date, announce_days: int) -> None:
    for i, channel in enumerate(channels or ()):
        start, until = (channel.available_from, channel.available_until) if channel else (None, None)
        if start and start > last and not shown_on_pages(channel, today, announce_days):
            ctx.note_future(NAME, ("channels", i, "from"), f"the channel is offered from {start}", "a channel", last)
        elif until and ctx.far_after(until, last):
            ctx.note_future(NAME, ("channels", i, "until"), f"the channel is offered until {until}", "a last day", last,
                            "so the site lists it as offered to the last published day")


# `from:` and `until:` (the first and the last day the channel is offered), or None when one is wrong.
def _offered(ctx: Context, path, ch: dict) -> tuple | None:
    dates = {}
    for key in ("from", "until"):
        if key in ch:
            dates[key] = date_at(ctx, NAME, path + (key,)) if ctx.intact(NAME, path + (key,)) else None
            if dates[key] is None:
                return None
    start, until = dates.get("from"), dates.get("until")
    if start and until and until < start:
        ctx.report(NAME, path + ("until",), f"the channel is offered until {until}, before it starts ({start})",
                   "until is the last day the channel is offered: swap from and until, or correct the year")
        return None
    return start, until


# The channel's hours: None around the clock, a Schedule, or False when they cannot be known.
def _schedule(ctx: Context, path, ch: dict, known: Known):
    own = "hours" in ch or "zone" in ch
    if own and "same_hours_as" in ch:
        ctx.report(NAME, path + ("same_hours_as",), "a channel has either hours of its own or the hours of a region, not both",
                   "remove same_hours_as, or remove hours and zone")
        return False
    calendar = _calendar(ctx, path, ch, known, has_hours=own or "same_hours_as" in ch)
    if "same_hours_as" in ch:
        return _region_schedule(ctx, path, ch, known, calendar)
    if not own:
        return None
    if "zone" not in ch:
        ctx.report(NAME, path + ("hours",), "these hours have no time zone",
                   "add zone: with the IANA time zone they are kept in (e.g. zone: Europe/Berlin), "
                   "or take a region's hours with same_hours_as: emea instead")
        return False
    if "hours" not in ch:
        ctx.report(NAME, path + ("zone",), "a zone without hours",
                   "add hours: (e.g. monday to friday: 08:00-20:00), or remove zone: a channel without hours "
                   "is staffed around the clock")
        return False
    zone_ok = ctx.intact(NAME, path + ("zone",))
    if zone_ok and not parsing.zone_exists(ch["zone"]):
        ctx.report(NAME, path + ("zone",), f"'{ch['zone']}' is not a known IANA time zone",
                   parsing.zone_fix(ch["zone"]))
        zone_ok = False
    elif zone_ok and fixed_offset_problem(ch["zone"]):
        ctx.report(NAME, path + ("zone",), *fixed_offset_problem(ch["zone"]))
        zone_ok = False
    weekly = weekly_hours(ctx, NAME, path + ("hours",), ch["hours"], "channel") if ctx.present(NAME, path + ("hours",)) else None
    if not zone_ok or weekly is None or calendar is False:
        return False
    return Schedule(ch["zone"], weekly, calendar)


# The hours of the region the channel names, with the region's holidays unless it names its own.
def _region_schedule(ctx: Context, path, ch: dict, known: Known, calendar):
    if not ctx.intact(NAME, path + ("same_hours_as",)) or known.region_ids is None:
        return False
    region_id = ch["same_hours_as"]
    if region_id not in known.region_ids:
        close = parsing.suggest_id(region_id, known.region_ids)
        ctx.report(NAME, path + ("same_hours_as",), f"there is no region '{region_id}' in regions.yml",
                   f"did you mean '{close}'?" if close in known.region_ids
                   else f"regions are: {', '.join(sorted(known.region_ids))}")
        return False
    region = known.regions.get(region_id)
    if region is None or calendar is False:
        return False
    return Schedule(region.zone, region.weekly, region.calendar if "public_holidays" not in ch else calendar, region.id,
                    region.changes)


# The holiday calendar id, None for none, or False when it cannot be known.
def _calendar(ctx: Context, path, ch: dict, known: Known, has_hours: bool):
    if "public_holidays" not in ch:
        return None
    where = path + ("public_holidays",)
    if not ctx.intact(NAME, where):
        return False
    calendar = ch["public_holidays"]
    if not has_hours:
        ctx.report(NAME, where, "this channel has no hours, so no holiday can close it: it is staffed around the clock",
                   "remove public_holidays, or give the channel hours (hours with zone, or same_hours_as)")
        return False
    if calendar == NO_CALENDAR:
        return None
    if known.calendar_ids is None:
        return False
    if calendar not in known.calendar_ids:
        close = parsing.suggest_id(calendar, known.calendar_ids)
        ctx.report(NAME, where, f"there is no holiday calendar '{calendar}' in holidays.yml",
                   f"did you mean '{close}'?" if close in known.calendar_ids
                   else f"add the calendar to holidays.yml, or write public_holidays: {NO_CALENDAR}")
        return False
    return calendar


# The priority ids the channel is meant for (None: every priority), each one defined in priorities.yml.
def _priorities(ctx: Context, path, ch: dict, known: Known) -> tuple | None:
    if "priorities" not in ch or not ctx.present(NAME, path + ("priorities",)):
        return None
    for j, pid in enumerate(ch["priorities"]):
        if not ctx.intact(NAME, path + ("priorities", j)) or known.priority_ids is None or pid in known.priority_ids:
            continue
        by_name = known.priority_names.get(parsing.fold(pid))
        close = by_name[0] if by_name else parsing.suggest_id(pid, known.priority_ids)
        ctx.report(NAME, path + ("priorities", j), f"there is no priority '{pid}' in priorities.yml",
                   f"use '{close}'" + (f", the id of {by_name[1]}" if by_name else "")
                   if close in known.priority_ids else f"priorities are: {', '.join(sorted(known.priority_ids))}")
    return tuple(ch["priorities"])


# What happens outside the channel's hours: stated for every channel with hours, only for those.
def _outside_hours(ctx: Context, path, ch: dict) -> str | None:
    has_hours = any(key in ch for key in ("hours", "zone", "same_hours_as"))
    if "outside_hours" not in ch:
        if has_hours:
            ctx.report(NAME, path, "this channel has hours, but not what happens outside them", OUTSIDE_HOURS_FIX)
        return None
    if not has_hours:
        ctx.report(NAME, path + ("outside_hours",), "this channel has no hours: it is staffed around the clock",
                   "remove outside_hours, or give the channel hours (hours with zone, or same_hours_as)")
        return None
    if not ctx.intact(NAME, path + ("outside_hours",)):
        return None
    return OUTSIDE_HOURS[ch["outside_hours"]]
