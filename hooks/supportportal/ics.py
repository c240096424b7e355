# support.ics: every closure as an RFC 5545 calendar that Outlook, Google and Apple Calendar can
# subscribe to. Closed days are all-day events shared by the regions (and the channels a closure
# names) they close; special hours are timed events in the region's or channel's own zone (with
# its VTIMEZONE), one per opening interval.
# Escaping and line folding (75 octets, CRLF + space) are the icalendar package's.
#
# UIDs are stable across rebuilds and edits of a name or of the hours: they are made of the date,
# the opening time (special hours) and the regions and channels, which on one date never share
# two events.
# DTSTAMP is the build date (SOURCE_DATE_EPOCH), so the same policy gives the same bytes.
#
# Notices with an end are events too (UID from the notice id, LAST-MODIFIED its `updated`): whole
# days as all-day events, others at their instants in the zone they were written in. A region's
# own calendar (support-emea.ics) holds only that region's closures, special hours and notices.

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from urllib.parse import urlsplit

import icalendar

from . import catalog, textfmt
from .checks.notices import NOTICE_KINDS
from .closures import closure_days, display_name
from .model import Policy

# The calendar of every closure within the horizon, in one language. `base_url` is where this
# language's edition is published (the site's URL, or e.g. its /de/ folder): the calendar links
# to its holiday page and names its own address from there.
def support_calendar(policy: Policy, lang: str = "en", base_url: str | None = None,
                     region: str | None = None) -> bytes:
    say = catalog.get(lang)  # the portal's words in this language: locales/<lang>.yml
    fallback = policy.languages[0]
    base_url = base_url or policy.site_url
    host = urlsplit(policy.site_url).hostname or "support.invalid"
    page = base_url + "holidays/"
    first, last = policy.horizon
    stamp = dt.datetime.combine(policy.today, dt.time(0), dt.timezone.utc)

    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{policy.company}//Support portal//{lang.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    name = say("ics.name", company=policy.company)
    if region is not None:
        name = say("ics.region_name", company=policy.company, region=policy.region(region).name.get(lang, fallback))
    description = say("ics.description", company=policy.company, url=page,
                      first=textfmt.format_long_date(first, lang, weekday=False),
                      last=textfmt.format_long_date(last, lang, weekday=False))
    # RFC 7986 properties, and the X-WR- ones that Outlook and older Apple Calendar read instead
    # (TEXT by default, RFC 5545 3.8.8.2, so escaped like the others).
    cal.add("name", name)
    cal.add("x-wr-calname", icalendar.vText(name))
    cal.add("description", description)
    cal.add("x-wr-caldesc", icalendar.vText(description))
    cal.add("url", page)
    cal.add("source", base_url + calendar_file(region), parameters={"VALUE": "URI"})
    cal.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "P1D")

    # Zone definitions first, sorted (the same bytes every build), covering the horizon and the
    # night after it (hours may run past midnight).
    days = closure_days(policy, by_zone=True, region=region)
    notices = [n for n in policy.notices if n.end is not None and (region is None or region in n.regions)]
    zones = {day.zone for day in days if day.hours} | {n.zone for n in notices if not n.all_day}
    for zone in sorted(zones):
        cal.add_component(_zone_definition(zone, first, last + dt.timedelta(days=2)))

    for day in days:
        title = display_name(day.name, lang, fallback)
        # ids never contain "_" or "+": a channel's id follows a "+" ("usa+chat", "+hotline")
        region_ids = "_".join(r.id for r in day.regions) + "".join(f"+{c.id}" for c in day.channels)
        lines = []
        if day.regions:
            lines.append(say("ics.regions", regions=textfmt.join_words([r.name.get(lang, fallback) for r in day.regions], lang)))
        if day.channels:
            lines.append(say("ics.channels", channels=textfmt.join_words([c.name.get(lang, fallback) for c in day.channels], lang)))
        details = "\n".join(lines)
        if not day.hours:
            event = _event(f"{day.date:%Y%m%d}-{region_ids}@{host}", stamp, page)
            event.add("summary", say("ics.closed", name=title))
            event.add("dtstart", day.date)
            event.add("dtend", day.date + dt.timedelta(days=1))
            event.add("description", f"{details}\n{say('ics.closed_all_day')}")
            event.add("categories", [day.kind.replace("_", " ")])
            cal.add_component(event)
            continue
        zone = day.zone
        tz = zoneinfo.ZoneInfo(zone)
        hours = say("ics.hours", hours=textfmt.format_intervals(day.hours, lang),
                    zone=say("ics.zone", abbr=textfmt.zone_abbreviation(zone, day.date, lang), zone=zone))
        for interval in day.hours:
            start = _local(day.date, interval.start, tz)
            event = _event(f"{start:%Y%m%dT%H%M}-{region_ids}@{host}", stamp, page)
            event.add("summary", say("ics.special", name=title))
            event.add("dtstart", start)
            event.add("dtend", _local(day.date, interval.end, tz))
            event.add("description", f"{details}\n{hours}")
            event.add("categories", [day.kind.replace("_", " ")])
            cal.add_component(event)
    for notice in notices:
        cal.add_component(_notice_event(policy, notice, lang, say, host, stamp, base_url))
    return _to_ical(cal)


# The bytes of cal.to_ical(), without asking icalendar to fold the lines that need no folding:
# it folds each line character by character, a third of the time of a large calendar. A line of
# fewer than 75 octets is left as it is (RFC 5545 3.1), by icalendar too.
def _to_ical(cal: icalendar.Calendar) -> bytes:
    lines = []
    for line in cal.content_lines():
        if line:
            data = line.encode("utf-8")
            lines.append(data if len(data) < _FOLD_OCTETS else line.to_ical())
    return b"\r\n".join(lines) + b"\r\n"


_FOLD_OCTETS = 75


# The file name of the calendar of every region (support.ics) or of one (support-emea.ics).
def calendar_file(region: str | None = None) -> str:
    return f"support-{region}.ics" if region else "support.ics"


# A notice as an event linking to its entry on the notices page.
def _notice_event(policy: Policy, notice, lang: str, say, host: str, stamp: dt.datetime, base_url: str):
    fallback = policy.languages[0]
    event = _event(f"notice-{notice.id}@{host}", stamp, f"{base_url}notices/#notice-{notice.id}")
    event.add("summary", say("ics.notice", kind=say(NOTICE_KINDS[notice.kind]), title=notice.title.get(lang, fallback)))
    tz = zoneinfo.ZoneInfo(notice.zone)
    if notice.all_day:
        event.add("dtstart", notice.start.astimezone(tz).date())
        event.add("dtend", notice.end.astimezone(tz).date())
    else:
        event.add("dtstart", notice.start.astimezone(tz))
        event.add("dtend", notice.end.astimezone(tz))
    regions = textfmt.join_words([policy.region(r).name.get(lang, fallback) for r in notice.regions], lang)
    lines = [notice.text.get(lang, fallback), say("ics.regions", regions=regions)]
    if notice.channels:
        channels = textfmt.join_words([policy.channel(c).name.get(lang, fallback) for c in notice.channels], lang)
        lines.append(say("ics.channels", channels=channels))
    event.add("description", "\n".join(lines))
    event.add("last-modified", notice.updated)
    event.add("categories", [notice.kind.replace("_", " ")])
    return event


# An event with what every event carries: UID, DTSTAMP, a link to the calendar page, and
# TRANSP so that a subscriber's own free/busy time is unaffected.
def _event(uid: str, stamp: dt.datetime, url: str) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event


# One VTIMEZONE per zone and horizon, shared by the calendars of every language of a build.
@functools.lru_cache(maxsize=256)
def _zone_definition(zone: str, first: dt.date, last: dt.date) -> icalendar.Timezone:
    return icalendar.Timezone.from_tzid(zone, first_date=first, last_date=last)


# A wall time on `date`, `minutes` after its midnight (1440 and beyond are on the next date).
def _local(date: dt.date, minutes: int, tz) -> dt.datetime:
    days, minutes = divmod(minutes, 24 * 60)
    return dt.datetime.combine(date + dt.timedelta(days=days), dt.time(minutes // 60, minutes % 60), tzinfo=tz)
