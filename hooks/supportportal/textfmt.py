# Facts in words: weekday ranges, hours, zone labels, dates and counts, per language.
# One format everywhere: 24-hour times with a colon (10:00), en dash between times (10:00–18:00).

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo

from babel.dates import format_date, get_day_names, get_timezone_name

from .model import MINUTES_PER_DAY, Interval, Region

# Babel locales for each site language (dates like "25 December 2026" / "25. Dezember 2026").
LOCALES = {"en": "en_GB", "de": "de_DE"}

PHRASES = {
    "en": {
        "to": "{a} to {b}", "every_day": "Every day", "closed": "Closed", "next_day": "(next day)",
        "zone": "{abbr} ({city} time)", "time": "{t}", "and": " and ",
        "numbers": ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    },
    "de": {
        "to": "{a} bis {b}", "every_day": "Täglich", "closed": "Geschlossen", "next_day": "(Folgetag)",
        "zone": "{abbr} ({city})", "time": "{t} Uhr", "and": " und ",
        "numbers": ("keine", "eine", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn"),
    },
}


def phrase(lang: str, key: str):
    return PHRASES.get(lang, PHRASES["en"])[key]


def locale(lang: str) -> str:
    return LOCALES.get(lang, lang)


@functools.cache
def day_names(lang: str) -> tuple:
    names = get_day_names("wide", locale=locale(lang))
    return tuple(names[i] for i in range(7))


# "CET/CEST (Berlin time)": the zone's own abbreviations in force from `year` to `last_year`
# (standard time first), and its own city.
@functools.cache
def zone_label(zone: str, lang: str = "en", year: int = 2026, last_year: int | None = None) -> str:
    return phrase(lang, "zone").format(abbr=zone_abbreviations(zone, lang, year, last_year), city=zone_city(zone, lang))


# Every abbreviation (or UTC offset, where the zone has no letters) in force at noon of any day
# from 1 January of `year` to 31 December of `last_year`: a zone that changes its offset other
# than by DST, or twice a year outside January and July, is named with each offset it uses.
@functools.cache
def zone_abbreviations(zone: str, lang: str = "en", year: int = 2026, last_year: int | None = None) -> str:
    tz = zoneinfo.ZoneInfo(zone)
    seen: dict = {}  # (offset, name) -> (dst, first moment)
    day, last = dt.date(year, 1, 1), dt.date(last_year or year, 12, 31)
    while day <= last:
        moment = dt.datetime.combine(day, dt.time(12), tzinfo=tz)
        seen.setdefault((moment.utcoffset(), moment.tzname()), (moment.dst() or dt.timedelta(0), moment))
        day += dt.timedelta(days=1)
    names = []
    for dst, moment in sorted(seen.values(), key=lambda item: (item[0] > dt.timedelta(0), item[1])):
        name = moment.tzname() or ""
        if lang != "en":
            localized = get_timezone_name(moment, width="short", locale=locale(lang))
            name = localized if localized[:1].isalpha() else name
        if not name[:1].isalpha():
            name = "UTC" + _offset(moment.utcoffset())
        names.append(name)
    return "/".join(dict.fromkeys(names))


def _offset(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def zone_city(zone: str, lang: str = "en") -> str:
    if "/" not in zone:
        return zone
    return zone.rsplit("/", 1)[-1].replace("_", " ")


# "10:00–18:00", "22:00–06:00 (next day)", "00:00–24:00".
def format_interval(iv: Interval, lang: str = "en") -> str:
    start, end = iv.hhmm()
    text = phrase(lang, "time").format(t=f"{start}–{end}")
    if iv.crosses_midnight:
        text += " " + phrase(lang, "next_day")
    return text


def format_intervals(intervals, lang: str = "en") -> str:
    if not intervals:
        return phrase(lang, "closed")
    return ", ".join(format_interval(iv, lang) for iv in intervals)


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
                label = phrase(lang, "every_day")
            elif end == day:
                label = names[day]
            else:
                label = phrase(lang, "to").format(a=names[day], b=names[end])
            rows.append((label, format_intervals(region.weekly[day], lang)))
        day = end + 1
    return rows


# "Friday, 25 December 2026" / "Freitag, 25. Dezember 2026".
def format_long_date(date: dt.date, lang: str = "en", weekday: bool = True) -> str:
    pattern = ("EEEE, " if weekday else "") + ("d. MMMM y" if lang == "de" else "d MMMM y")
    return format_date(date, pattern, locale=locale(lang))


def count_word(n: int, lang: str = "en") -> str:
    numbers = phrase(lang, "numbers")
    return numbers[n] if n < len(numbers) else str(n)


def join_words(items, lang: str = "en") -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + phrase(lang, "and") + items[-1]


def duration_words(minutes: int, business: bool, business_day_minutes: int, lang: str = "en") -> str:
    words = {
        "en": (("business day", "business days"), ("business hour", "business hours"), ("hour", "hours"),
               ("minute", "minutes"), ("day", "days")),
        "de": (("Arbeitstag", "Arbeitstage"), ("Geschäftsstunde", "Geschäftsstunden"), ("Stunde", "Stunden"),
               ("Minute", "Minuten"), ("Tag", "Tage")),
    }[lang if lang in ("en", "de") else "en"]
    bday, bhour, hour, minute, day = words

    def unit(n, pair):
        return f"{n:g} {pair[0] if n == 1 else pair[1]}"

    if business and minutes % business_day_minutes == 0:
        return unit(minutes // business_day_minutes, bday)
    if not business and minutes % MINUTES_PER_DAY == 0:
        return unit(minutes // MINUTES_PER_DAY, day)
    if minutes % 60 == 0:
        return unit(minutes // 60, bhour if business else hour)
    return unit(minutes, minute)


# "every 2 hours", "every business day" / "alle 2 Stunden", "jeden Arbeitstag".
def every_words(minutes: int, business: bool, business_day_minutes: int, lang: str = "en") -> str:
    amount = duration_words(minutes, business, business_day_minutes, lang)
    number, _, unit = amount.partition(" ")
    if number != "1":
        return ("alle {d}" if lang == "de" else "every {d}").format(d=amount)
    if lang == "de":
        return ("jeden " if unit in ("Arbeitstag", "Tag") else "jede ") + unit
    return f"every {unit}"
