# Checks of single values that hold for every policy file: no line breaks where a value is one
# line, no control or invisible characters, something visible in every text; and the time facts
# the other checks need (a fixed offset in words, wall times skipped when clocks go forward).

from __future__ import annotations

import datetime as dt
import unicodedata
import zoneinfo

from .. import parsing


# Format characters allowed inside a text: soft hyphen, the joiners some scripts and emoji need,
# and the direction marks and isolates right-to-left texts need (LRM, RLM, ALM, U+2066-U+2069).
# Embeddings and overrides (U+202A-U+202E) are refused: they can make a text read as another.
_ALLOWED_FORMAT = {"\u00ad", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c",
                   "\u2066", "\u2067", "\u2068", "\u2069"}


# Keys whose values are texts readers see, which may hold a line break inside (escaped in the
# calendar and the feed); every other value is one line, and so are names and titles (a
# calendar's name, an event's summary, a menu entry, a table heading hold one line).
_TEXT_KEYS = {"description", "definition", "examples", "answer",
              "resolution_steps", "customer_duties", "included", "warranty", "text"}
_ONE_LINE_KEYS = {"name", "city", "country", "title"}


def is_text(path) -> bool:
    keys = [part for part in path if part in _TEXT_KEYS or part in _ONE_LINE_KEYS]
    return bool(keys) and keys[-1] in _TEXT_KEYS


# What a character no text may hold is, for a message ("the invisible control character U+0000"):
# a control character other than a line break (which the caller judges), or a format character
# other than those above (a bidi embedding or override, a zero-width space); None for any other.
def invisible_character(char: str) -> str | None:
    category = unicodedata.category(char)
    if category == "Cc" and char not in "\n\r":
        return f"the invisible control character U+{ord(char):04X}"
    if category == "Cf" and char not in _ALLOWED_FORMAT:
        return f"the invisible formatting character U+{ord(char):04X}"
    return None


INVISIBLE_FIX = "delete it: retype the text around it"


# (message, fix) for a value with a line break (at its end, or inside a value that is one line),
# a control character or nothing visible; else None.
def character_problem(value: str, multiline: bool = False):
    for char in value:
        category = unicodedata.category(char)
        code = f"U+{ord(char):04X}"
        if char == "\n" and multiline and value.strip("\n") == value:
            continue
        if char in "\n\r\v\f\x85\u2028\u2029":
            where = "ends with" if value.endswith(char) and value.count(char) == 1 else "contains"
            return (f"the value {where} a line break ({code})",
                    "write it on one line" if where == "ends with" else
                    "write it on one line, or after 'key: >' (which joins its lines into one), not 'key: |' (which keeps them)")
        if char == "\t":
            return "the value contains a tab", "use a space instead of the tab"
        hidden = invisible_character(char)
        if hidden:
            return f"the value contains {hidden}", INVISIBLE_FIX
        if category in ("Cs", "Co", "Cn"):
            return f"the value contains {code}, which is not a character", "delete it: retype the text around it"
    if not value.strip():
        return "this text is empty", "write the text"
    if not any(unicodedata.category(c)[0] in "LNPS" for c in value):
        return ("this text shows nothing: it has only spaces, invisible or combining characters",
                "write the text")
    return None


# "+05:00" / "−05:00" for an offset from UTC.
def signed(offset: dt.timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    return f"{'+' if minutes >= 0 else '−'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


# Whether a wall time exists in a zone; if not, the skipped span (first missing minute, first
# existing minute after it) as naive datetimes.
def skipped(moment: dt.datetime, tz) -> tuple | None:
    def exists(wall):
        return wall.replace(tzinfo=tz).astimezone(dt.timezone.utc).astimezone(tz).replace(tzinfo=None) == wall

    if exists(moment):
        return None
    step = dt.timedelta(minutes=1)
    begin, end = moment, moment
    while not exists(begin - step):
        begin -= step
    while not exists(end):
        end += step
    return begin, end


# The years a date written in the policy may have: from the Unix epoch the build date counts from
# (SOURCE_DATE_EPOCH) to the year before the last one Python's dates know, so a notice's end, its
# lead time and the days it stays listed, and the day after a closure, are all computable.
FIRST_YEAR, LAST_YEAR = 1970, 9998


# (message, fix) for a date written YYYY-MM-DD... whose year is outside FIRST_YEAR..LAST_YEAR; else None.
def year_problem(text: str):
    year = int(text[:4])
    if FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return (f"the year {text[:4]} is outside the years the portal can compute ({FIRST_YEAR} to {LAST_YEAR})",
            f"write a date from {FIRST_YEAR}-01-01 to {LAST_YEAR}-12-31 as YYYY-MM-DD, e.g. 2026-12-24")


# An Etc/ zone names an offset, not a place (and Etc/GMT+5 is UTC-05:00: its sign is reversed):
# (message, fix) for one, else None.
def fixed_offset_problem(zone: str) -> tuple[str, str] | None:
    if not zone.startswith("Etc/"):
        return None
    city = parsing.suggest_city_zone(zone)
    offset = signed(zoneinfo.ZoneInfo(zone).utcoffset(None))
    return (f"'{zone}' is a fixed offset (UTC{offset}; the sign of Etc/ names is reversed), not the time zone of a place",
            "use the zone of the city the team works in"
            + (f", e.g. '{city}' (UTC{offset} all year)" if city else ", e.g. Europe/Berlin"))
