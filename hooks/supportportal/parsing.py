# Reading the small languages of the policy files (time ranges, weekdays, durations, zones),
# and guessing what a person meant when a value does not parse.

from __future__ import annotations

import difflib
import functools
import math
import os
import re
import unicodedata
import zoneinfo

from .model import MINUTES_PER_DAY, WEEKDAYS, Interval

_TIME_RANGE = re.compile(r"^(\d\d):(\d\d) ?[-–] ?(\d\d):(\d\d)$")
_DURATION = re.compile(r"^(\d+(?:\.\d+)?) ?(business )?(m|min|mins|minutes?|h|hr|hrs|hours?|d|days?)$")


# "10:00-18:00" -> Interval(600, 1080); "22:00-06:00" runs past midnight; "00:00-24:00" is all day.
def parse_time_range(text: str) -> Interval | None:
    match = _TIME_RANGE.match(text.strip())
    if not match:
        return None
    h1, m1, h2, m2 = map(int, match.groups())
    if h1 > 23 or m1 > 59 or m2 > 59 or h2 > 24 or (h2 == 24 and m2):
        return None
    start, end = h1 * 60 + m1, h2 * 60 + m2
    if end == start:
        return None
    if end < start:
        end += MINUTES_PER_DAY
    return Interval(start, end)


# Suggest the 24-hour form of a time someone wrote differently: "9am" -> "09:00", "10.am." -> "10:00".
def suggest_time(text: str) -> str | None:
    match = re.fullmatch(r"\s*(\d{1,2})(?:[:.h](\d{2}))?\s*\.?\s*(a\.?\s?m\.?|p\.?\s?m\.?)?\s*", text, re.I)
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    meridiem = (match.group(3) or "").lower().replace(".", "").replace(" ", "")
    if meridiem == "pm" and hour < 12:
        hour += 12
    if meridiem == "am" and hour == 12:
        hour = 0
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        return None
    return f"{hour:02d}:{minute:02d}"


# The 24-hour form of a time range written differently: "9am-5pm" -> "09:00-17:00". An end hour
# written as on a 12-hour clock (no leading zero, or no minutes, and no am/pm) that would come
# before the start is read as the afternoon's: "9-5" -> "09:00-17:00", never a night shift until
# 05:00 (time_range_reading says which reading was taken).
def suggest_time_range(text: str) -> str | None:
    reading = time_range_reading(text)
    return reading and f"{reading[0]}-{reading[1]}"


# (start, end, [(as written, read as)]) of a time range written differently, or None.
def time_range_reading(text: str, after: str | None = None) -> tuple | None:
    parts = re.split(r"\s*(?:[-–—]|\bto\b|\buntil\b)\s*", str(text).strip(), maxsplit=1)
    if len(parts) != 2:
        return None
    start, end = suggest_time(parts[0]), suggest_time(parts[1])
    if not start or not end or start == end:
        return None
    read = []
    # A range after another one ("9-12, 1-5") that starts before it ends: both its times are the afternoon's.
    if after and start < after and _twelve_hour(parts[0]) and _twelve_hour(parts[1]):
        later = _afternoon(start), _afternoon(end)
        if later[0] >= after and later[0] < later[1]:
            read = [(parts[0].strip(), later[0]), (parts[1].strip(), later[1])]
            start, end = later
    if end < start and _twelve_hour(parts[1]) and start < _afternoon(end):
        read.append((parts[1].strip(), _afternoon(end)))
        end = _afternoon(end)
    return start, end, read


# A time as a 12-hour clock shows it: hour 1 to 11 without a leading zero, no am or pm ("5", "5:00", "10").
def _twelve_hour(text: str) -> bool:
    return bool(re.fullmatch(r"\s*(?:[1-9]|1[01])(?:[:.h]\d\d)?\s*", text))


def _afternoon(hhmm: str) -> str:
    return f"{int(hhmm[:2]) + 12:02d}{hhmm[2:]}"


# "monday to friday" -> (0, 1, 2, 3, 4); "every day" -> all seven.
def parse_days(key: str) -> tuple | None:
    key = key.strip()
    if key == "every day":
        return tuple(range(7))
    first, _, last = key.partition(" to ")
    if first not in WEEKDAYS or (last and last not in WEEKDAYS):
        return None
    a, b = WEEKDAYS.index(first), WEEKDAYS.index(last or first)
    return tuple(range(a, b + 1)) if a <= b else None


# The day keys meant by one that is not one, in the forms regions.yml's header shows (a day, a
# range of days, every day): "wendesday" -> ("wednesday",), "Mon-Fri" -> ("monday to friday",),
# "weekdays" -> ("monday to friday",), "monday, tuesday" -> ("monday to tuesday",),
# "monday & wednesday" -> ("monday", "wednesday"), "Di." -> ("tuesday",). None when a part is not
# a day (a guess for one day of several would change the hours).
def suggest_days(key: str) -> tuple | None:
    days: set = set()
    for piece in re.split(r"\s*(?:[,;&+/]|\band\b|\bund\b)\s*", key.strip().lower()):
        if not piece:
            continue
        if " ".join(piece.split()) in _DAY_GROUPS:
            days.update(_DAY_GROUPS[" ".join(piece.split())])
            continue
        words = [w for w in re.split(r"\s*(?:\bto\b|[-–]|\buntil\b|\bbis\b|\bthrough\b|\bthru\b)\s*", piece) if w]
        fixed = [_closest_weekday(w) for w in words]
        if not words or None in fixed or len(fixed) > 2:
            return None
        a, b = WEEKDAYS.index(fixed[0]), WEEKDAYS.index(fixed[-1])
        if a > b:
            return None
        days.update(range(a, b + 1))
    if not days:
        return None
    if len(days) == 7:
        return ("every day",)
    runs, ordered = [], sorted(days)
    for day in ordered:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return tuple(WEEKDAYS[run[0]] if len(run) == 1 else f"{WEEKDAYS[run[0]]} to {WEEKDAYS[run[-1]]}" for run in runs)


# Words for several days at once.
_DAY_GROUPS = {
    **dict.fromkeys(("weekdays", "weekday", "workdays", "workday", "working days", "business days"), range(5)),
    **dict.fromkeys(("weekends", "weekend"), range(5, 7)),
    **dict.fromkeys(("daily", "everyday", "every day", "all days", "all week", "täglich"), range(7)),
    # German: "Wochentage", "Werktage" (Monday to Friday, in a support policy), "Wochenende".
    **dict.fromkeys(("wochentage", "wochentags", "werktage", "werktags", "arbeitstage"), range(5)),
    **dict.fromkeys(("wochenende", "wochenenden"), range(5, 7)),
}
# Words near a day's name that are no day: no guess ("Feiertage" is not Friday, "mittags" not Monday).
_NOT_DAYS = re.compile(r"feiertag|mittag|werktag|alltag|nacht|morgen|abend|holiday")
# German weekday names and their abbreviations, written instead of the English ones.
_GERMAN_WEEKDAYS = {
    "montag": "monday", "dienstag": "tuesday", "mittwoch": "wednesday", "donnerstag": "thursday",
    "freitag": "friday", "samstag": "saturday", "sonnabend": "saturday", "sonntag": "sunday",
    "mo": "monday", "di": "tuesday", "mi": "wednesday", "do": "thursday", "fr": "friday", "sa": "saturday",
    "so": "sunday",
}


def _closest_weekday(word: str) -> str | None:
    word = word.strip().rstrip(".")
    for form in (word, word[:-1] if word.endswith("s") else ""):  # "freitags": on Fridays
        if form in _GERMAN_WEEKDAYS:
            return _GERMAN_WEEKDAYS[form]
    for day in WEEKDAYS:
        if len(word) >= 2 and day.startswith(word):
            return day
    german = [name for name in _GERMAN_WEEKDAYS if len(word) >= 3 and len(name) > 2 and name.startswith(word)]
    if german:  # "sonn" is Sonntag or Sonnabend: no guess
        return _GERMAN_WEEKDAYS[german[0]] if len({_GERMAN_WEEKDAYS[name] for name in german}) == 1 else None
    if _NOT_DAYS.search(word):
        return None
    close = difflib.get_close_matches(word, WEEKDAYS, n=1, cutoff=0.6)
    if close:
        return close[0]
    # A German name misspelt ("Donerstag"): only a close match, so that no other word becomes a day.
    close = difflib.get_close_matches(word, [name for name in _GERMAN_WEEKDAYS if len(name) > 2], n=1, cutoff=0.85)
    return _GERMAN_WEEKDAYS[close[0]] if close else None


# "4 business hours" -> (240, True); "2 business days" with 8-hour days -> (960, True).
def parse_duration(text: str, business_day_minutes: int) -> tuple[int, bool, str] | None:
    match = _DURATION.match(str(text).strip())
    if not match:
        return None
    amount, business, unit = float(match.group(1)), bool(match.group(2)), match.group(3)
    if unit.startswith("m"):
        minutes, kind = amount, "minutes"
    elif unit.startswith("h"):
        minutes, kind = amount * 60, "hours"
    else:
        minutes, kind = amount * business_day_minutes, "days"
    if not math.isfinite(minutes) or minutes != int(minutes) or minutes <= 0:
        return None
    return int(minutes), business, kind


def suggest_duration(text: str) -> str | None:
    match = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*(business\s+|working\s+|bus\.?\s*)?([a-z]+)\.?\s*", str(text), re.I)
    if not match:
        return None
    amount = match.group(1).replace(",", ".")
    units = {"m": "minutes", "min": "minutes", "mins": "minutes", "minute": "minutes", "minutes": "minutes",
             "h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours", "hours": "hours", "std": "hours",
             "d": "days", "day": "days", "days": "days", "tage": "days", "bd": "days", "bh": "hours"}
    unit = units.get(match.group(3).lower())
    if not unit:
        return None
    if amount == "1":
        unit = unit[:-1]
    business = "business " if match.group(2) or match.group(3).lower() in ("bd", "bh") else ""
    return f"{amount} {business}{unit}"


# Suggest the form of a notice's lead time (announce:): "a week" -> "1 week", "3 Wochen" -> "3 weeks", "48h" -> "48 hours".
def suggest_lead_time(text: str) -> str | None:
    match = re.fullmatch(r"\s*(\d+|an?|one|eine?n?)\s*([a-zä]+)\.?\s*", str(text), re.I)
    if not match:
        return None
    units = {"w": "week", "wk": "week", "wks": "week", "week": "week", "weeks": "week", "woche": "week",
             "wochen": "week", "d": "day", "day": "day", "days": "day", "tag": "day", "tage": "day", "tagen": "day",
             "h": "hour", "hr": "hour", "hrs": "hour", "hour": "hour", "hours": "hour", "std": "hour",
             "stunde": "hour", "stunden": "hour"}
    unit = units.get(match.group(2).lower())
    amount = match.group(1) if match.group(1).isdigit() else "1"
    if not unit or not amount.lstrip("0"):
        return None
    amount = amount.lstrip("0")
    return f"{amount} {unit}" + ("" if amount == "1" else "s")


@functools.cache
def available_zones() -> frozenset:
    return frozenset(zoneinfo.available_timezones())


# Whether `name` is one of available_zones(), without listing them all (which reads every file of
# the zone folders): the same rule as zoneinfo.available_timezones() for that one name (in the
# tzdata package's list, or a TZif file in a zone folder, not under right/ or posix/, not
# posixrules). A name with "." or empty parts never names a zone.
@functools.lru_cache(maxsize=512)
def zone_exists(name: str) -> bool:
    if not isinstance(name, str) or not _ZONE_NAME.fullmatch(name) or name == "posixrules" \
            or name.split("/")[0] in ("right", "posix"):
        return False
    if name in _tzdata_zones():
        return True
    for folder in zoneinfo.TZPATH:
        try:
            with open(os.path.join(folder, name), "rb") as handle:
                if handle.read(4) == b"TZif" and _spelled_as_on_disk(folder, name):
                    return True
        except OSError:
            continue
    return False


# Each part of `name` as the folder lists it: "europe/berlin" opens Europe/Berlin on a file
# system that ignores case, and is still not a zone's name.
def _spelled_as_on_disk(folder: str, name: str) -> bool:
    parts = name.split("/")
    return all(part in _listing(os.path.join(folder, *parts[:i])) for i, part in enumerate(parts))


@functools.lru_cache(maxsize=64)
def _listing(folder: str) -> frozenset:
    return frozenset(os.listdir(folder))


_ZONE_NAME = re.compile(r"[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+)*")


@functools.cache
def _tzdata_zones() -> frozenset:
    try:
        from importlib import resources

        with resources.files("tzdata").joinpath("zones").open("r", encoding="utf-8") as listing:
            return frozenset(line.strip() for line in listing if line.strip())
    except (ImportError, FileNotFoundError, OSError, UnicodeDecodeError):
        return frozenset()


# Abbreviations and offsets people write instead of an IANA zone, with the zone they usually mean.
_ZONE_ALIASES = {
    "cet": "Europe/Berlin", "cest": "Europe/Berlin", "mez": "Europe/Berlin", "mesz": "Europe/Berlin",
    "europe/munich": "Europe/Berlin", "munich": "Europe/Berlin", "münchen": "Europe/Berlin",
    "est": "America/New_York", "edt": "America/New_York", "et": "America/New_York", "eastern": "America/New_York",
    "cst": "America/Chicago", "cdt": "America/Chicago", "mst": "America/Denver", "mdt": "America/Denver",
    "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles", "pt": "America/Los_Angeles",
    "gmt": "Europe/London", "bst": "Europe/London", "wet": "Europe/Lisbon", "eet": "Europe/Athens",
    "ist": "Asia/Kolkata", "jst": "Asia/Tokyo", "kst": "Asia/Seoul", "sgt": "Asia/Singapore",
    "aest": "Australia/Sydney", "aedt": "Australia/Sydney", "nzst": "Pacific/Auckland",
}


# Suggest an IANA zone for something that is not one: "CET" -> "Europe/Berlin", "berlin" -> "Europe/Berlin".
# Never an Etc/ zone (a fixed offset, whose sign is reversed: "GMT+1" is not Etc/GMT+1).
def suggest_zone(text: str) -> str | None:
    key = str(text).strip().lower()
    if key in _ZONE_ALIASES:
        return _ZONE_ALIASES[key]
    places = [z for z in available_zones() if not z.startswith("Etc/")]
    by_lower = {z.lower(): z for z in places}
    if key in by_lower and "/" in key:
        return by_lower[key]
    city = key.replace(" ", "_")
    for zone in sorted(places):
        if zone.lower().rsplit("/", 1)[-1] == city and "/" in zone:
            return zone
    close = difflib.get_close_matches(key.replace(" ", "_"), list(by_lower), n=1, cutoff=0.8)
    return by_lower[close[0]] if close else None


# The fix for a zone that is not an IANA zone name. An offset ("GMT+1", "UTC-05:00", "+01:00") is
# not a place: the zone of a city with that offset, and one that keeps it all year, as people who
# write one may mean either (the sign as written: UTC+1 is east of Greenwich).
def zone_fix(text: str) -> str:
    offset = _OFFSET.fullmatch(str(text).strip().lower())
    if offset:
        sign = -1 if offset.group(1) in "-\u2212" else 1
        hours, minutes = int(offset.group(2)), int(offset.group(3) or 0)
        said = f"UTC{'+' if sign > 0 else '−'}{hours:02d}:{minutes:02d}"
        examples = []
        if not minutes and sign * hours in _SEASONAL_CITIES:
            examples.append(f"'{_SEASONAL_CITIES[sign * hours]}' ({said}, an hour later in summer)")
        if not minutes and sign * hours in _FIXED_OFFSET_CITIES:
            examples.append(f"'{_FIXED_OFFSET_CITIES[sign * hours]}' ({said} all year)")
        total = sign * (hours * 60 + minutes)
        if not examples and (city := _PART_HOUR_CITIES.get(total) or _city_at_offset(total)):
            examples.append(f"'{city}' ({said} in January)")
        if not examples:
            return f"no place keeps {said}: check the offset, then use the zone of the city the team works in, " \
                "e.g. Europe/Berlin"
        return "an offset is not the time zone of a place: use the zone of the city the team works in" \
            + f", e.g. {' or '.join(examples)}"
    suggestion = suggest_zone(text)
    return f"use '{suggestion}'" if suggestion else "use a zone like Europe/Berlin or America/New_York"


# The commonest places whose offset is not whole hours, by minutes ahead of UTC in January.
_PART_HOUR_CITIES = {-210: "America/St_Johns", 210: "Asia/Tehran", 270: "Asia/Kabul", 330: "Asia/Kolkata",
                     345: "Asia/Kathmandu", 390: "Asia/Yangon", 570: "Australia/Darwin", 630: "Australia/Adelaide"}


# A place whose clocks are `minutes` ahead of UTC in January (05:45: Asia/Kathmandu), or None:
# none outside UTC−12:00 to UTC+14:00, the widest the world's clocks go, without reading every
# zone of the database (which takes a while on a busy machine).
@functools.lru_cache(maxsize=64)
def _city_at_offset(minutes: int) -> str | None:
    import datetime as dt

    if not -12 * 60 <= minutes <= 14 * 60:
        return None
    january = dt.datetime(2026, 1, 15, 12, tzinfo=dt.timezone.utc)
    for zone in sorted(z for z in available_zones() if "/" in z and not z.startswith(("Etc/", "SystemV/"))):
        try:
            offset = january.astimezone(zoneinfo.ZoneInfo(zone)).utcoffset()
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            continue
        if offset is not None and offset.total_seconds() == minutes * 60:
            return zone
    return None


_OFFSET = re.compile(r"(?:utc|gmt)?\s*([+\-\u2212])\s*(\d{1,2})(?::?(\d{2}))?")
# A city whose standard time has the offset and that changes its clocks in summer.
_SEASONAL_CITIES = {0: "Europe/London", 1: "Europe/Berlin", 2: "Europe/Athens", -5: "America/New_York",
                    -6: "America/Chicago", -7: "America/Denver", -8: "America/Los_Angeles", 10: "Australia/Sydney",
                    12: "Pacific/Auckland"}


# A city zone for a fixed offset written as an Etc/ zone (whose sign is reversed: Etc/GMT+5 is
# UTC-05:00): a place with that offset all year.
_FIXED_OFFSET_CITIES = {
    -11: "Pacific/Pago_Pago", -10: "Pacific/Honolulu", -9: "Pacific/Gambier", -8: "Pacific/Pitcairn",
    -7: "America/Phoenix", -6: "America/Guatemala", -5: "America/Bogota", -4: "America/La_Paz",
    -3: "America/Sao_Paulo", -2: "America/Noronha", -1: "Atlantic/Cape_Verde", 0: "UTC",
    1: "Africa/Lagos", 2: "Africa/Johannesburg", 3: "Europe/Istanbul", 4: "Asia/Dubai", 5: "Asia/Karachi",
    6: "Asia/Dhaka", 7: "Asia/Bangkok", 8: "Asia/Singapore", 9: "Asia/Tokyo", 10: "Australia/Brisbane",
    11: "Pacific/Noumea", 12: "Pacific/Tarawa", 13: "Pacific/Tongatapu", 14: "Pacific/Kiritimati",
}


def suggest_city_zone(zone: str) -> str | None:
    offset = zoneinfo.ZoneInfo(zone).utcoffset(None)
    hours = offset.total_seconds() / 3600 if offset is not None else None
    return _FIXED_OFFSET_CITIES.get(int(hours)) if hours is not None and hours.is_integer() else None


# Suggest an id: one of the `known` ids it resembles ("EMAE" -> "emea"), else a lowercase slug
# of it ("USA East" -> "usa-east", "émea" -> "emea").
def suggest_id(text: str, known=()) -> str | None:
    slug = re.sub(r"[^a-z0-9]+", "-", fold(str(text))).strip("-")
    close = difflib.get_close_matches(slug, sorted(known), n=1, cutoff=0.6) if slug not in known else [slug]
    if close:
        return close[0]
    if slug and slug[0].isdigit():
        slug = "x-" + slug
    return slug or None


# Case- and accent-insensitive form of a word, for comparing what someone wrote with what is known.
def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Formatting written into a policy text: HTML tags, Markdown's strong emphasis and links. Texts are
# shown as written, so readers would see the marks: a note (it may be meant), with the words alone.
# Each: (pattern, what it looks like, the words without it). "Company *offsite*" stays prose.
MARKUP = (
    (re.compile(r"</?(?i:a|abbr|b|big|blockquote|br|center|code|del|div|em|font|h[1-6]|hr|i|img|ins|li|mark|ol|p|"
                r"pre|s|small|span|strike|strong|sub|sup|table|td|th|tr|u|ul)(?:\s[^<>]*)?/?>"), "an HTML tag", " "),
    # Not inside a word ("2**10", "__init__.py"): only around words.
    (re.compile(r"(?<![\w*])\*\*(\S(?:[^*]*\S)?)\*\*(?![\w*]|\.\w)|(?<![\w_])__(\S(?:[^_]*\S)?)__(?![\w_]|\.\w)"),
     "Markdown's bold", r"\1\2"),
    (re.compile(r"\[([^\[\]]+)\]\(([^()\s]+)\)"), "a Markdown link", r"\1 (\2)"),
)


def without_markup(text: str) -> str:
    for pattern, _, words in MARKUP:
        text = pattern.sub(words, text)
    return " ".join(text.split())


# Leftovers of other systems that must never reach a reader: checked in policy texts when the
# policy is loaded, and in every rendered page.
ARTIFACTS = (
    (re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}"), "an unrendered template placeholder"),
    # [table id=2 /], [contact-form to="x"], [gallery/], [/caption]; a plain [word] is prose.
    (re.compile(r"\[(?:/[a-z][\w-]*|[a-z][\w-]*(?:\s+[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s\]]+))+\s*/?|[a-z][\w-]*\s*/)\]"),
     "an unrendered CMS shortcode"),
)
