# Facts in words: weekday ranges, hours, zone labels, dates and counts, per language.
# One format everywhere: 24-hour times with a colon (10:00), en dash between times (10:00–18:00).

from __future__ import annotations

import datetime as dt
import functools
import json
import platform
import zoneinfo

from babel.dates import format_date, get_day_names, get_timezone_location, get_timezone_name

from . import cache, catalog
from .loading import packages
from .model import MINUTES_PER_DAY, Interval, Region


# A word or sentence of the portal's catalog for `lang` (locales/<lang>.yml).
def phrase(lang: str, key: str, n=None, **values):
    return catalog.get(lang)(key, n, **values)


# A policy text in `lang` for a reader of plain text (calendars, feeds, structured data): under
# missing_translations: fallback, one the policy lacks in `lang` is `fallback`'s, marked as the
# pages mark it: "Team day (noch nicht übersetzt)".
def in_language(text, lang: str, fallback: str | None) -> str:
    if text.has(lang) or not fallback or not text.has(fallback):
        return text.get(lang, fallback)
    return phrase(lang, "widget.aside", text=text.get(fallback), aside=phrase(lang, "untranslated"))


# The Babel locale of a language ("en" -> en_GB, "de" -> de_DE; a catalog may set its own).
def locale(lang: str) -> str:
    return catalog.get(lang).locale


# Kept by locale, not by language: a catalog may change its language's locale.
def day_names(lang: str) -> tuple:
    return _day_names(locale(lang))


@functools.cache
def _day_names(locale_: str) -> tuple:
    names = get_day_names("wide", locale=locale_)
    return tuple(names[i] for i in range(7))


# "CET/CEST (Berlin time)": the zone's own abbreviations in force from `year` to `last_year`
# (standard time first), and its own city.
def zone_label(zone: str, lang: str = "en", year: int = 2026, last_year: int | None = None) -> str:
    return phrase(lang, "zone.label", abbr=zone_abbreviations(zone, lang, year, last_year), city=zone_city(zone, lang))


# "CET/CEST", "MEZ/MESZ": the zone's names from `year` to `last_year`, standard time first.
def zone_abbreviations(zone: str, lang: str = "en", year: int = 2026, last_year: int | None = None) -> str:
    return _zone_abbreviations(zone, locale(lang), year, last_year)


# Every abbreviation (or UTC offset, where the zone has no letters) in force at noon of any day
# from 1 January of `year` to 31 December of `last_year`: a zone that changes its offset other
# than by DST, or twice a year outside January and July, is named with each offset it uses.
@functools.cache
def _zone_abbreviations(zone: str, locale_: str, year: int, last_year: int | None) -> str:
    return "/".join(dict.fromkeys(_abbreviation(zone, wall, locale_) for wall in _noon_offsets(zone, year, last_year)))


# A noon (wall time) of each offset and name the zone has at noon from 1 January of `year` to 31
# December of `last_year`, standard time first: the same for every language.
@functools.cache
def _noon_offsets(zone: str, year: int, last_year: int | None) -> tuple:
    key = ("noon-offsets", zone, year, last_year, cache.zone_data(zone), platform.python_version())
    found = cache.get(key)
    if found is None:
        found = json.dumps([moment.isoformat() for moment in _scan_noon_offsets(zone, year, last_year)]).encode()
        cache.put(key, found)
    return tuple(dt.datetime.fromisoformat(moment) for moment in json.loads(found))


# (What _noon_offsets keeps between builds, keyed by the zone's data.)
def _scan_noon_offsets(zone: str, year: int, last_year: int | None) -> tuple:
    tz = zoneinfo.ZoneInfo(zone)
    seen: dict = {}  # (offset, name) -> (dst, first moment)
    day, last = dt.date(year, 1, 1), dt.date(last_year or year, 12, 31)
    noon, one_day = dt.time(12), dt.timedelta(days=1)
    while day <= last:
        moment = dt.datetime.combine(day, noon, tzinfo=tz)
        key = (moment.utcoffset(), moment.tzname())
        if key not in seen:
            seen[key] = (moment.dst() or dt.timedelta(0), moment)
        day += one_day
    ordered = sorted(seen.values(), key=lambda item: (item[0] > dt.timedelta(0), item[1]))
    return tuple(moment.replace(tzinfo=None) for _, moment in ordered)


# The name a zone goes by at noon of `date` in one language ("CET" / "MEZ", "EST"), or its UTC
# offset ("UTC+08:00") where neither the language nor the zone has letters for it.
def zone_abbreviation(zone: str, date: dt.date, lang: str = "en") -> str:
    return _abbreviation(zone, dt.datetime.combine(date, dt.time(12)), locale(lang))


# Cached by zone name and wall time: aware datetimes of different zones at the same instant are
# equal (and hash alike), so they cannot be the key.
@functools.cache
def _abbreviation(zone: str, wall: dt.datetime, locale_: str) -> str:
    moment = wall.replace(tzinfo=zoneinfo.ZoneInfo(zone))
    name = moment.tzname() or ""
    if not locale_.startswith("en"):
        localized = get_timezone_name(moment, width="short", locale=locale_)
        name = localized if localized[:1].isalpha() else name
    return name if name[:1].isalpha() else "UTC" + _offset(moment.utcoffset())


def _offset(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


# The zone's city in the language ("Berlin", "Singapur"), from CLDR.
@functools.cache
def _city(zone: str, locale_: str) -> str:
    return get_timezone_location(zone, locale=locale_, return_city=True)


def zone_city(zone: str, lang: str = "en") -> str:
    if "/" not in zone:
        return zone
    return _city(zone, locale(lang))


# "10:00–18:00", "22:00–06:00 (next day)", "00:00–24:00".
def format_interval(iv: Interval, lang: str = "en") -> str:
    start, end = iv.hhmm()
    text = phrase(lang, "time.range", range=f"{start}–{end}")
    if iv.crosses_midnight:
        text += " " + phrase(lang, "hours.next_day")
    return text


def format_intervals(intervals, lang: str = "en") -> str:
    if not intervals:
        return phrase(lang, "hours.closed")
    return phrase(lang, "list.short_separator").join(format_interval(iv, lang) for iv in intervals)


# "Monday to Friday 10:00–18:00; Saturday 09:00–12:00": rows of weekly_rows in the catalog's
# words (days.hours), joined by list.separator, or list.short_separator when `short`.
def days_and_hours(rows, lang: str = "en", short: bool = False) -> str:
    separator = phrase(lang, "list.short_separator" if short else "list.separator")
    return separator.join(phrase(lang, "days.hours", days=days, hours=hours) for days, hours in rows)


# Weekly hours grouped into runs of days with the same hours: [("Monday to Friday", "10:00–18:00")].
def weekly_rows(region: Region, lang: str = "en", include_closed: bool = False) -> list[tuple[str, str]]:
    names = day_names(lang)
    rows: list = []
    day = 0
    while day < 7:
        end = day
        while end + 1 < 7 and region.weekly[end + 1] == region.weekly[day]:
            end += 1
        if region.weekly[day] or include_closed:
            if day == 0 and end == 6:
                label = phrase(lang, "days.every")
            elif end == day:
                label = names[day]
            else:
                label = phrase(lang, "days.range", first=names[day], last=names[end])
            rows.append((label, format_intervals(region.weekly[day], lang)))
        day = end + 1
    return rows


# "Friday, 25 December 2026" / "Freitag, 25. Dezember 2026": the language's full and long formats.
def format_long_date(date: dt.date, lang: str = "en", weekday: bool = True) -> str:
    length = "full" if weekday else "long"
    day = catalog.get(lang).words("date.days_of_month")[date.day - 1]
    if day == str(date.day):
        return format_date(date, length, locale=locale(lang))
    # The catalog writes this day otherwise ("1er"): the pattern's plain day number replaced by it.
    return format_date(date, _with_day(locale(lang), length, day), locale=locale(lang))


# The locale's date pattern with its plain day number (d, not dd) as the literal text `day`.
@functools.cache
def _with_day(locale_: str, length: str, day: str) -> str:
    import re

    from babel import Locale

    parts = re.split(r"('(?:[^']|'')*')", Locale.parse(locale_).date_formats[length].pattern)
    literal = "'" + day.replace("'", "''") + "'"
    for i in range(0, len(parts), 2):  # outside quoted literals
        parts[i] = re.sub(r"(?<!d)d(?!d)", lambda _: literal, parts[i])
    return "".join(parts)


def count_word(n: int, lang: str = "en") -> str:
    numbers = catalog.get(lang).words("count.words")
    return numbers[n] if n < len(numbers) else str(n)


# "EMEA, USA and APAC" / "EMEA, USA und APAC", by the language's list rules (CLDR).
def join_words(items, lang: str = "en") -> str:
    return catalog.get(lang).join(items)


# The unit a length of time is told in, and how many of it: (catalog unit, number).
def _duration(minutes: int, business: bool, business_day_minutes: int) -> tuple[str, int]:
    if business and minutes % business_day_minutes == 0:
        return "business_days", minutes // business_day_minutes
    if not business and minutes % MINUTES_PER_DAY == 0:
        return "days", minutes // MINUTES_PER_DAY
    if minutes % 60 == 0:
        return ("business_hours" if business else "hours"), minutes // 60
    return "minutes", minutes


# "4 business hours", "1 day" / "4 Geschäftsstunden", "1 Tag".
def duration_words(minutes: int, business: bool, business_day_minutes: int, lang: str = "en") -> str:
    unit, n = _duration(minutes, business, business_day_minutes)
    return phrase(lang, f"duration.{unit}", n, count=f"{n:g}")


# "every 2 hours", "every business day" / "alle 2 Stunden", "jeden Arbeitstag".
def every_words(minutes: int, business: bool, business_day_minutes: int, lang: str = "en") -> str:
    unit, n = _duration(minutes, business, business_day_minutes)
    return phrase(lang, f"every.{unit}", n, count=f"{n:g}")


# When a notice applies, in the zone it was written in: "Tuesday, 8 December 2026, 09:00 CET to
# Tuesday, 8 December 2026, 13:00 CET"; whole days by their dates ("Monday, 28 December 2026 to
# Wednesday, 30 December 2026"); an open end "from ... until further notice". Explicit dates,
# never "today" or "now": the words stay true whenever they are read.
def notice_window(notice, lang: str = "en") -> str:
    start = _notice_moment(notice.start, notice.zone, notice.all_day, lang)
    if notice.end is None:
        return phrase(lang, "notices.window_open", start=start)
    tz = zoneinfo.ZoneInfo(notice.zone)
    same_day = not notice.all_day and notice.start.astimezone(tz).date() == notice.end.astimezone(tz).date()
    end = _notice_moment(notice.end, notice.zone, notice.all_day, lang, last_day=True, time_only=same_day)
    if end == start:
        return start
    return phrase(lang, "notices.window", start=start, end=end)


# An instant of a notice in the zone it was written in: "Tuesday, 8 December 2026, 09:00 CET".
def notice_moment(moment: dt.datetime, zone: str, lang: str = "en") -> str:
    return _notice_moment(moment, zone, False, lang)


def _notice_moment(moment: dt.datetime, zone: str, all_day: bool, lang: str, last_day: bool = False,
                   time_only: bool = False) -> str:
    local = moment.astimezone(zoneinfo.ZoneInfo(zone))
    if all_day:
        return format_long_date(local.date() - dt.timedelta(days=1 if last_day else 0), lang)
    abbr = _abbreviation(zone, local.replace(tzinfo=None, fold=0), locale(lang))
    if time_only:
        return phrase(lang, "notices.time", time=f"{local:%H:%M}", zone=abbr)
    return phrase(lang, "notices.moment", date=format_long_date(local.date(), lang), time=f"{local:%H:%M}", zone=abbr)


# The forms the browser writes dates and times in, from the same CLDR data as the pages (Babel),
# so that the live parts and the static text agree: the full and long date patterns, a weekday
# with a time (the locale's "E HH:mm" with the weekday written out), the month and day names
# (days from Monday), and how a date, a time and a zone go together (notices.moment).
# Times are always 24-hour HH:mm, as everywhere on the pages.
def browser_formats(lang: str) -> dict:
    return _browser_formats(locale(lang))


# Kept between builds by Babel's installed files (its CLDR data): a build whose pages were all
# kept before reads no locale data.
@functools.cache
def _browser_formats(locale_: str) -> dict:
    key = ("browser-formats", locale_, packages(("babel",)))
    found = cache.get(key)
    if found is None:
        found = json.dumps(_cldr_formats(locale_), ensure_ascii=False).encode("utf-8")
        cache.put(key, found)
    return json.loads(found)


def _cldr_formats(locale_: str) -> dict:
    from babel import Locale
    from babel.dates import get_month_names

    loc = Locale.parse(locale_)
    weekday_time = loc.datetime_skeletons.get("EHm")
    weekday_time = _pattern_24h(weekday_time.pattern if weekday_time else "EEEE HH:mm")
    months, days = get_month_names("wide", locale=loc), get_day_names("wide", locale=loc)
    return {
        "date": loc.date_formats["full"].pattern, "date_long": loc.date_formats["long"].pattern,
        "weekday_time": weekday_time, "months": [months[i] for i in range(1, 13)],
        "days": [days[i] for i in range(7)],
    }


# A CLDR pattern with the weekday written out (E, EEE -> EEEE) and a 24-hour HH:mm clock.
def _pattern_24h(pattern: str) -> str:
    import re

    parts = re.split(r"('(?:[^']|'')*')", pattern)
    for i in range(0, len(parts), 2):  # outside quoted literals
        part = re.sub(r"E+", "EEEE", parts[i])
        part = re.sub(r"[hHkK]+", "HH", part)
        parts[i] = re.sub(r"\s*a+\s*|\s*[bB]+\s*", "", part)
    return "".join(parts)


# The short zone name in force in each period of `zone` between `first` and `last` (inclusive
# dates), as the pages write it for that period ("CET", "CEST", "UTC+08:00"): [[start, name], ...]
# with start in seconds since 1970 (None for the first period). The browser looks the name up
# by instant instead of asking Intl, which names zones differently ("GMT+8", "UTC+1").
def zone_periods(zone: str, lang: str, first: dt.date, last: dt.date) -> list:
    return _zone_periods(zone, locale(lang), first, last)


@functools.cache
def _zone_periods(zone: str, locale_: str, first: dt.date, last: dt.date) -> list:
    tz = zoneinfo.ZoneInfo(zone)
    start, periods = _zone_changes(zone, first, last)
    names = []
    for i, begin in enumerate([start, *periods]):
        # Named at a wall time well inside the period (not at a doubled hour).
        inside = begin + dt.timedelta(hours=3)
        wall = inside.astimezone(tz).replace(tzinfo=None)
        name = _abbreviation(zone, wall, locale_)
        if not names or names[-1][1] != name:
            names.append([None if i == 0 else int(begin.timestamp()), name])
    return names


# The instants (to the second) at which `zone` changes its offset or name between the day before
# `first` and two days after `last`, whatever the language: (the scan's start, [instant, ...]).
# A zone changes at most a few times a year, never twice within a day: read once a day, and
# where two days differ, the change is found by halving.
@functools.cache
def _zone_changes(zone: str, first: dt.date, last: dt.date) -> tuple:
    key = ("zone-changes", zone, first.isoformat(), last.isoformat(), cache.zone_data(zone), platform.python_version())
    found = cache.get(key)
    if found is None:
        start, periods = _scan_zone_changes(zone, first, last)
        found = json.dumps([start.timestamp(), [moment.timestamp() for moment in periods]]).encode()
        cache.put(key, found)
    start, periods = json.loads(found)
    utc = dt.timezone.utc
    return dt.datetime.fromtimestamp(start, utc), [dt.datetime.fromtimestamp(moment, utc) for moment in periods]


# (What _zone_changes keeps between builds, keyed by the zone's data.)
def _scan_zone_changes(zone: str, first: dt.date, last: dt.date) -> tuple:
    tz = zoneinfo.ZoneInfo(zone)
    utc = dt.timezone.utc
    start = dt.datetime.combine(first - dt.timedelta(days=1), dt.time(0), utc)
    end = dt.datetime.combine(last + dt.timedelta(days=2), dt.time(0), utc)

    def state(moment):
        local = moment.astimezone(tz)
        return local.utcoffset(), local.tzname()

    periods, moment, now = [], start, state(start)
    while moment < end:
        step = min(moment + dt.timedelta(days=1), end)
        then = state(step)
        if then != now:  # a change within this day: find its second
            low, high = moment, step
            while high - low > dt.timedelta(seconds=1):
                mid = low + (high - low) / 2
                low, high = (mid, high) if state(mid) == state(low) else (low, mid)
            periods.append(high)
        moment, now = step, then
    return start, periods
