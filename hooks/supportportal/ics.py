# support.ics: every closure as an RFC 5545 calendar that Outlook, Google and Apple Calendar can
# subscribe to. Closed days are all-day events shared by the regions (and the channels a closure
# names) they close; special hours are timed events in the region's or channel's own zone (with
# its VTIMEZONE), one per opening interval.
#
# The content lines are written here directly (RFC 5545 3.1 and 3.3.11): TEXT values escaped
# (\\ \; \, \n), lines of 75 octets or more folded with CRLF + space into pieces of at most 74
# octets after the space, never inside a UTF-8 character or between a backslash and what it
# escapes. Properties come in the order the icalendar package writes them, so that a calendar
# parsed and written again by it gives the same bytes (tests/test_ics.py checks both). Only the
# VTIMEZONE blocks come from icalendar (Timezone.from_tzid), imported when a calendar has timed
# events, each zone computed once per horizon and kept (cache.py) between builds.
#
# UIDs are stable across rebuilds and edits of a name or of the hours: they are made of the date,
# the opening time (special hours) and the regions and channels, which on one date never share
# two events.
# CATEGORIES, which calendar apps show beside an event, is the kind of the day (holiday, closure,
# special hours) or of the notice in the calendar's language, from its catalog.
# DTSTAMP is the build date (SOURCE_DATE_EPOCH), so the same policy gives the same bytes.
#
# Notices with an end are events too (UID from the notice id, LAST-MODIFIED its `updated`): whole
# days as all-day events, others at their instants in the zone they were written in. A region's
# own calendar (support-emea.ics) holds only that region's closures, special hours and notices.
# calendars() writes support.ics and every region's calendar of one language in one pass.

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import zoneinfo
from urllib.parse import urlsplit

from . import cache, catalog, textfmt
from .checks.notices import NOTICE_KINDS
from .closures import closure_days, display_name
from .model import Policy

# The catalog's word for each kind of day, the calendar apps' category of its events.
DAY_KINDS = {"holiday": "ics.kind_holiday", "closure": "ics.kind_closure", "special_hours": "ics.kind_special_hours"}


# The calendar of every closure within the horizon, in one language. `base_url` is where this
# language's edition is published (the site's URL, or e.g. its /de/ folder): the calendar links
# to its holiday page and names its own address from there.
def support_calendar(policy: Policy, lang: str = "en", base_url: str | None = None,
                     region: str | None = None) -> bytes:
    return _Writer(policy, lang, base_url).calendar(region)


# support.ics and support-<id>.ics of every region in one language: {file name: bytes}.
def calendars(policy: Policy, lang: str = "en", base_url: str | None = None) -> dict:
    writer = _Writer(policy, lang, base_url)
    files = {calendar_file(None): writer.calendar(None)}
    for region in policy.regions:
        files[calendar_file(region.id)] = writer.calendar(region.id)
    return files


# The file name of the calendar of every region (support.ics) or of one (support-emea.ics).
def calendar_file(region: str | None = None) -> str:
    return f"support-{region}.ics" if region else "support.ics"


class _Writer:
    def __init__(self, policy: Policy, lang: str, base_url: str | None):
        self.policy, self.lang = policy, lang
        # The portal's words in this language (locales/<lang>.yml), a word the catalog lacks marked.
        self.say = catalog.get(lang).marked
        self.fallback = policy.languages[0]
        self.base_url = base_url or policy.site_url
        self.host = urlsplit(policy.site_url).hostname or "support.invalid"
        self.page = self.base_url + "holidays/"
        self.first, self.last = policy.horizon
        self.stamp = f"DTSTAMP:{policy.today:%Y%m%d}T000000Z"
        self.tail = _lines([f"TRANSP:TRANSPARENT", f"URL:{self.page}", "END:VEVENT"])
        first, last = (textfmt.format_long_date(d, lang, weekday=False) for d in policy.horizon)
        self.description = self.say("ics.description", company=policy.company, url=self.page, first=first, last=last)
        self.closed_all_day = _text(self.say("ics.closed_all_day"))
        # The kinds of days and notices in this language (CATEGORIES, and a notice's SUMMARY).
        self.categories = {kind: _line(f"CATEGORIES:{_text(self.say(key))}")
                           for kind, key in DAY_KINDS.items()}
        self.notice_kinds = {kind: self.say(key) for kind, key in NOTICE_KINDS.items()}
        self.titles: dict = {}
        self.details: dict = {}
        self.hours: dict = {}

    # One calendar: every region's (region None) or one region's.
    def calendar(self, region: str | None) -> bytes:
        policy, say = self.policy, self.say
        name = say("ics.name", company=policy.company)
        if region is not None:
            name = say("ics.region_name", company=policy.company,
                       region=textfmt.in_language(policy.region(region).name, self.lang, self.fallback))
        out = ["BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", _lines([
            f"PRODID:{_text(f'-//{policy.company}//Support portal//{self.lang.upper()}')}",
            "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            f"DESCRIPTION:{_text(self.description)}", f"X-WR-CALDESC:{_text(self.description)}",
            f"NAME:{name}", f"X-WR-CALNAME:{_text(name)}",  # NAME as icalendar writes it: unescaped
            "REFRESH-INTERVAL;VALUE=DURATION:P1D",
            f"SOURCE;VALUE=URI:{self.base_url}{calendar_file(region)}",
            f"URL:{self.page}", "X-PUBLISHED-TTL:P1D"])]
        if region is None:
            days = closure_days(policy, by_zone=True)
        else:  # a region's own rows: one per date, as closure_days(policy, region=...) has them
            owner = policy.region(region)
            days = [_Day(o.date, o.kind, o.name, o.hours, (owner,)) for o in policy.overrides[region]]
        notices = [n for n in policy.notices if n.end is not None and (region is None or region in n.regions)]
        # Zone definitions first, sorted (the same bytes every build), covering the horizon and
        # the night after it (hours may run past midnight).
        zones = {day.zone for day in days if day.hours} | {n.zone for n in notices if not n.all_day}
        out += [zone_definition(zone, self.first, self.last + dt.timedelta(days=2)) for zone in sorted(zones)]
        for day in days:
            out.append(self._day(day))
        for notice in notices:
            out.append(self._notice(notice))
        out.append("END:VCALENDAR\r\n")
        return "".join(out).encode("utf-8")

    # The events of one row of the calendar. What repeats from row to row (a name's summary, the
    # regions' description, a date) is escaped and folded once per calendar writer.
    def _day(self, day) -> str:
        lang, say, fallback = self.lang, self.say, self.fallback
        key = (day.kind, day.name)
        if key not in self.titles:
            title = display_name(day.name, lang, fallback)
            self.titles[key] = (_line(f"SUMMARY:{_text(say('ics.closed', name=title))}"),
                                _line(f"SUMMARY:{_text(say('ics.special', name=title))}"))
        closed, special = self.titles[key]
        category = self.categories[day.kind]
        # ids never contain "_" or "+": a channel's id follows a "+" ("usa+chat", "+hotline")
        ids = "_".join([r.id for r in day.regions]) + "".join([f"+{c.id}" for c in day.channels])
        if ids not in self.details:
            lines = []
            if day.regions:
                lines.append(say("ics.regions", regions=textfmt.join_words([textfmt.in_language(r.name, lang, fallback) for r in day.regions], lang)))
            if day.channels:
                lines.append(say("ics.channels", channels=textfmt.join_words([textfmt.in_language(c.name, lang, fallback) for c in day.channels], lang)))
            details = _text("\n".join(lines))
            self.details[ids] = (details, _line(f"DESCRIPTION:{details}\\n{self.closed_all_day}"))
        details, closed_description = self.details[ids]
        if not day.hours:
            date = _day_value(day.date)
            uid = _line("UID:" + _text(f"{date}-{ids}@{self.host}"))
            return (f"BEGIN:VEVENT\r\n{closed}\r\nDTSTART;VALUE=DATE:{date}\r\n"
                    f"DTEND;VALUE=DATE:{_day_value(day.date + _ONE_DAY)}\r\n{self.stamp}\r\n"
                    f"{uid}\r\n{category}\r\n{closed_description}\r\n{self.tail}")
        zone = day.zone
        hours_key = (day.hours, zone, day.date)
        if hours_key not in self.hours:
            self.hours[hours_key] = _text(say("ics.hours", hours=textfmt.format_intervals(day.hours, lang),
                                              zone=say("ics.zone", abbr=textfmt.zone_abbreviation(zone, day.date, lang), zone=zone)))
        hours = self.hours[hours_key]
        events = []
        for interval in day.hours:
            start = _wall(day.date, interval.start)
            events.append(f"BEGIN:VEVENT\r\n{special}\r\n" + _lines([
                f"DTSTART{_zoned(start, zone)}", f"DTEND{_zoned(_wall(day.date, interval.end), zone)}",
                self.stamp, f"UID:{_text(f'{start:%Y%m%dT%H%M}-{ids}@{self.host}')}"]) + f"{category}\r\n"
                + _line(f"DESCRIPTION:{details}\\n{hours}") + "\r\n" + self.tail)
        return "".join(events)

    # A notice as an event linking to its entry on the notices page.
    def _notice(self, notice) -> str:
        policy, lang, say, fallback = self.policy, self.lang, self.say, self.fallback
        kind = self.notice_kinds[notice.kind]
        summary = say("ics.notice", kind=kind, title=textfmt.in_language(notice.title, lang, fallback))
        tz = zoneinfo.ZoneInfo(notice.zone)
        if notice.all_day:
            start = f";VALUE=DATE:{notice.start.astimezone(tz):%Y%m%d}"
            end = f";VALUE=DATE:{notice.end.astimezone(tz):%Y%m%d}"
        else:
            start = _zoned(notice.start.astimezone(tz).replace(tzinfo=None), notice.zone)
            end = _zoned(notice.end.astimezone(tz).replace(tzinfo=None), notice.zone)
        regions = textfmt.join_words([textfmt.in_language(policy.region(r).name, lang, fallback) for r in notice.regions], lang)
        lines = [textfmt.in_language(notice.text, lang, fallback), say("ics.regions", regions=regions)]
        if notice.channels:
            channels = textfmt.join_words([textfmt.in_language(policy.channel(c).name, lang, fallback) for c in notice.channels], lang)
            lines.append(say("ics.channels", channels=channels))
        updated = notice.updated.astimezone(dt.timezone.utc)
        return _lines([
            "BEGIN:VEVENT", f"SUMMARY:{_text(summary)}", f"DTSTART{start}", f"DTEND{end}", self.stamp,
            f"UID:{_text(f'notice-{notice.id}@{self.host}')}", f"CATEGORIES:{_text(kind)}",
            f"DESCRIPTION:{_text(chr(10).join(lines))}", f"LAST-MODIFIED:{updated:%Y%m%dT%H%M%SZ}",
            "TRANSP:TRANSPARENT", f"URL:{self.base_url}notices/#notice-{notice.id}", "END:VEVENT"])


# A region's row of its own calendar (closures.ClosureDay without channels).
class _Day:
    __slots__ = ("date", "kind", "name", "hours", "regions")
    channels = ()

    def __init__(self, date, kind, name, hours, regions):
        self.date, self.kind, self.name, self.hours, self.regions = date, kind, name, hours, regions

    @property
    def zone(self) -> str:
        return self.regions[0].zone


# A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, line breaks as \n.
def _text(value: str) -> str:
    if "\\" in value or ";" in value or "," in value or "\n" in value or "\r" in value:
        value = (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                 .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))
    return value


_FOLD_OCTETS = 75


# Content lines, each folded, each ending in CRLF.
def _lines(lines) -> str:
    return "".join(_line(line) + "\r\n" for line in lines)


# One content line folded (RFC 5545 3.1): a line of 75 octets or more in pieces of at most 74
# octets, each after the first starting with a space. A piece never ends inside a character, nor
# in a backslash (or the ^ of a parameter escape) that starts an escape: that character begins
# the next piece.
def _line(line: str) -> str:
    if len(line) < _FOLD_OCTETS and (line.isascii() or len(line.encode("utf-8")) < _FOLD_OCTETS):
        return line
    data = line.encode("utf-8")
    pieces, start, size = [], 0, len(data)
    while size - start >= _FOLD_OCTETS:
        end = start + _FOLD_OCTETS - 1
        while data[end] & 0xC0 == 0x80:  # inside a character: it begins the next piece
            end -= 1
        if data[end - 1] in b"\\^" and end - 1 > start:
            end -= 1
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return b"\r\n ".join(pieces).decode("utf-8")


_ONE_DAY = dt.timedelta(days=1)


# A date as a DATE value: 20261224.
@functools.lru_cache(maxsize=8192)
def _day_value(date: dt.date) -> str:
    return f"{date:%Y%m%d}"


# A wall time on `date`, `minutes` after its midnight (1440 and beyond are on the next date).
def _wall(date: dt.date, minutes: int) -> dt.datetime:
    days, minutes = divmod(minutes, 24 * 60)
    return dt.datetime.combine(date + dt.timedelta(days=days), dt.time(minutes // 60, minutes % 60))


# The value of DTSTART or DTEND for a wall time in `zone`, with its parameter: ;TZID=zone:...,
# or a UTC time (...Z) for the zones whose rules are UTC's, as icalendar writes them.
def _zoned(wall: dt.datetime, zone: str) -> str:
    if zone in UTC_ZONES:
        return f":{wall:%Y%m%dT%H%M%S}Z"
    return f";TZID={zone}:{wall:%Y%m%dT%H%M%S}"


# The zones icalendar (7.3) counts as UTC and writes as UTC times; tests/test_ics.py checks this
# list against it for every zone.
UTC_ZONES = frozenset((
    "Africa/Abidjan", "Africa/Accra", "Africa/Bamako", "Africa/Banjul", "Africa/Conakry", "Africa/Dakar",
    "Africa/Freetown", "Africa/Lome", "Africa/Nouakchott", "Africa/Ouagadougou", "Africa/Timbuktu",
    "Atlantic/Reykjavik", "Atlantic/St_Helena", "Etc/GMT", "Etc/GMT+0", "Etc/GMT-0", "Etc/GMT0", "Etc/Greenwich",
    "Etc/UCT", "Etc/UTC", "Etc/Universal", "Etc/Zulu", "GMT", "GMT+0", "GMT-0", "GMT0", "Greenwich", "Iceland",
    "UCT", "UTC", "Universal", "Zulu",
))


# One VTIMEZONE block (its content lines, folded) per zone and horizon, shared by every calendar
# and language of a build, and kept between builds (cache.py): the key holds the bytes of the
# zone's data and icalendar's version.
@functools.lru_cache(maxsize=256)
def zone_definition(zone: str, first: dt.date, last: dt.date) -> str:
    key = ("vtimezone", zone, first.isoformat(), last.isoformat(), cache.zone_data(zone), _icalendar_version())
    found = cache.get(key)
    if found is not None:
        return found.decode("utf-8")
    import icalendar  # only here: every other line is written above

    text = icalendar.Timezone.from_tzid(zone, first_date=first, last_date=last).to_ical().decode("utf-8")
    cache.put(key, text.encode("utf-8"))
    return text


# The installed icalendar's version, without importing it.
@functools.cache
def _icalendar_version() -> str:
    import importlib.util

    spec = importlib.util.find_spec("icalendar")
    try:
        with open(os.path.join(os.path.dirname(spec.origin), "_version.py"), "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except (OSError, AttributeError, TypeError):
        return "unknown"
