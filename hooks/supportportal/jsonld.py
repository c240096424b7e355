# schema.org JSON-LD for search engines: the company as an Organization with one ContactPoint per
# support region, carrying the weekly hours and every closed or special day still ahead, then one
# per contact channel with the channel's own address and hours.
#
# Conventions (https://schema.org/OpeningHoursSpecification, Google's "holiday hours"):
#   - times are the region's local times ("10:00"), as on the hours page; the zone is named in the
#     ContactPoint's description because schema.org has no time-zone property for opening hours
#   - a closed day: validFrom = validThrough = the date, opens = closes = "00:00"
#   - a day with special hours: the same dates with that day's opening and closing time
#   - closing at midnight is "23:59"; a closing time before the opening time runs past midnight
#   - a channel staffed around the clock: every day of the week, opens "00:00", closes "23:59"
#   - a channel's areaServed: the region whose hours it keeps, else every region
#   - dated changes: the weekly hours in force on the build date carry validThrough (the day
#     before the next change), each later set of weekly hours validFrom its date (and validThrough
#     the day before the one after it); a channel offered from or until a date carries them too,
#     and only the closed and special days within its dates (a company-wide closure outside them
#     says nothing of it). Channels no longer offered, or not yet announced, are left out.

from __future__ import annotations

import json
import re

import datetime as dt

from . import catalog, dated, textfmt
from .model import MINUTES_PER_DAY, WEEKDAYS, Channel, Interval, Policy

CONTEXT = "https://schema.org"
DAYS = tuple(f"https://schema.org/{day.capitalize()}" for day in WEEKDAYS)
CLOSED = {"opens": "00:00", "closes": "00:00"}
AROUND_THE_CLOCK = {"opens": "00:00", "closes": "23:59"}
# The ContactPoint property of a channel's address, by channel type (portal, form, chat: url).
_ADDRESS_KEY = {"email": "email", "phone": "telephone"}
# The contact type stays "customer support" in every language: search engines know that value.
CONTACT_TYPE = "customer support"
# Inside <script>, "</script" or "<!--" would end or change the element: JSON can say these
# characters as \u escapes instead (they only ever occur inside JSON strings).
_UNSAFE = re.compile("[<>&\u2028\u2029]")


# The Organization with its support contact points, as plain data, in one language's texts.
def organization(policy: Policy, lang: str | None = None) -> dict:
    main = policy.languages[0]
    lang = lang or main
    data = {
        "@context": CONTEXT,
        "@type": "Organization",
        "@id": f"{policy.site_url}#organization",
        "name": policy.company,
        "url": policy.site_url,
        "description": textfmt.in_language(policy.site_description, lang, main),
        "address": {"@type": "PostalAddress", "addressLocality": textfmt.in_language(policy.city, lang, main),
                    "addressCountry": textfmt.in_language(policy.country, lang, main)},
        "contactPoint": [],
    }
    for region in policy.regions:
        name = textfmt.in_language(region.name, lang, main)
        point = {
            "@type": "ContactPoint",
            "identifier": region.id,
            "name": name,
            "contactType": CONTACT_TYPE,
            "areaServed": name,
            "availableLanguage": list(policy.languages),
            "description": catalog.get(lang).marked("jsonld.zone", region=name, zone=region.zone),
            **_channels(policy),
            "hoursAvailable": _dated_weekly(policy, region) + _days(policy, policy.overrides[region.id], lang, main),
        }
        data["contactPoint"].append(point)
    for channel in _shown(policy):
        data["contactPoint"].append(_channel_point(policy, channel, lang, main))
    return data


# The JSON text for a <script type="application/ld+json"> element: compact, and unable to end it.
def script_text(data) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# Helper functions

# One channel: its address, and its own hours (around the clock, or its schedule with the closed
# and special days ahead, in the schedule's zone, named in the description as for regions).
def _channel_point(policy: Policy, channel: Channel, lang: str, main: str) -> dict:
    name = textfmt.in_language(channel.name, lang, main)
    schedule = channel.schedule
    served = [policy.region(schedule.region)] if schedule and schedule.region else list(policy.regions)
    point = {
        "@type": "ContactPoint",
        "identifier": channel.id,
        "name": name,
        "contactType": CONTACT_TYPE,
        _ADDRESS_KEY.get(channel.type, "url"): channel.address,
        "areaServed": [textfmt.in_language(region.name, lang, main) for region in served],
        "availableLanguage": list(policy.languages),
    }
    offered = (channel.available_from, channel.available_until)
    if schedule is None:
        point["hoursAvailable"] = [_within({"@type": "OpeningHoursSpecification", "dayOfWeek": list(DAYS), **AROUND_THE_CLOCK},
                                           (None, None), offered, policy.today)]
        return point
    point["description"] = catalog.get(lang).marked("jsonld.zone", region=name, zone=schedule.zone)
    point["hoursAvailable"] = (_dated_weekly(policy, schedule, offered)
                               + _days(policy, policy.channel_overrides[channel.id], lang, main, offered))
    return point


# The channels the pages show on the build date (offered, or announced).
def _shown(policy: Policy) -> list:
    return [c for c in policy.channels if dated.shown(c, policy.today, policy.announce_days)]


# The weekly hours of a region or schedule from the build date on: those in force, then each
# later change, each with the dates it is valid (within the channel's `offered` dates).
def _dated_weekly(policy: Policy, owner, offered=(None, None)) -> list:
    today = policy.today
    later = [c for c in owner.changes if c.start > today]
    periods = [(None, dated.weekly_on(owner, today))] + [(c.start, c.weekly) for c in later]
    specs = []
    for i, (start, weekly) in enumerate(periods):
        end = periods[i + 1][0] - dt.timedelta(days=1) if i + 1 < len(periods) else None
        specs += [_within(spec, (start, end), offered, today) for spec in _weekly(weekly)]
    return [spec for spec in specs if spec is not None]


# A specification limited to the dates [start, end] and those the channel is offered (None: no
# limit); None when nothing of it remains from the build date on. validFrom only when in the future.
def _within(spec: dict, period: tuple, offered: tuple, today) -> dict | None:
    starts = [d for d in (period[0], offered[0]) if d is not None]
    ends = [d for d in (period[1], offered[1]) if d is not None]
    start, end = max(starts, default=None), min(ends, default=None)
    if (end is not None and end < today) or (start and end and end < start):
        return None
    return {**spec, **({"validFrom": start.isoformat()} if start and start > today else {}),
            **({"validThrough": end.isoformat()} if end else {})}


# The first address of each kind: email, telephone, and a web page (portal, form or chat).
def _channels(policy: Policy) -> dict:
    found: dict = {}
    for channel in (c for c in policy.channels if c.offered(policy.today)):
        if channel.type == "email":
            found.setdefault("email", channel.address)
        elif channel.type == "phone":
            found.setdefault("telephone", channel.address)
        else:
            found.setdefault("url", channel.address)
    return found


# One specification per opening interval, naming every weekday that has it.
def _weekly(weekly: tuple) -> list:
    days_of: dict = {}
    for index, intervals in enumerate(weekly):
        for interval in intervals:
            days_of.setdefault(interval, []).append(DAYS[index])
    return [{"@type": "OpeningHoursSpecification", "dayOfWeek": days, **_times(interval)}
            for interval, days in sorted(days_of.items(), key=lambda kv: (DAYS.index(kv[1][0]), kv[0]))]


# Closed and special days from the build date to the end of the horizon (of a channel: only
# those within the dates it is offered, `offered` = (first day, last day), None: no limit).
def _days(policy: Policy, overrides: tuple, lang: str, main: str, offered=(None, None)) -> list:
    first, last = offered
    specs = []
    for day in overrides:
        if day.date < policy.today or (first and day.date < first) or (last and day.date > last):
            continue
        dates = {"validFrom": day.date.isoformat(), "validThrough": day.date.isoformat()}
        for times in [_times(iv) for iv in day.hours] or [CLOSED]:
            specs.append({"@type": "OpeningHoursSpecification", "name": textfmt.in_language(day.name, lang, main),
                          **dates, **times})
    return specs


def _times(interval: Interval) -> dict:
    opens, closes = interval.hhmm()
    if interval.end == MINUTES_PER_DAY:
        closes = "23:59"
    return {"opens": opens, "closes": closes}
