# policy/holidays.yml: calendars the holidays package can compute, closures with real dates that
# name regions regions.yml defines, and how many years are published.

from __future__ import annotations

import calendar as calendar_
import datetime as dt
import difflib
import json

from .. import closures as closures_
from ..model import Calendar, Closure, Text
from .context import Context
from .structure import suggest_country, supported_countries
from .values import year_problem

NAME = "holidays"


# How many years are published, or None while horizon.years is broken.
def years(ctx: Context) -> int | None:
    if not ctx.intact(NAME, ("horizon", "years")):
        return None
    value = ctx.get(NAME, ("horizon", "years"))
    if isinstance(value, float) and not value.is_integer():
        ctx.report(NAME, ("horizon", "years"), f"{value:g} is not a whole number of years", "write e.g. 2")
    return int(value)


# The calendars (None in place of a broken one) and the ids defined (None when some id is broken).
# A calendar with another problem (an unknown country) still defines its id: regions that use it
# get no second, false problem.
def calendars(ctx: Context) -> tuple[list | None, set | None]:
    if not ctx.present(NAME, ("calendars",)):
        return None, None
    result, seen, ids = [], {}, set()
    for i, cal in enumerate(ctx.get(NAME, ("calendars",)) or []):
        path = ("calendars", i)
        if ids is not None and ctx.intact(NAME, path + ("id",)):
            ids.add(cal["id"])
        else:
            ids = None
        result.append(_calendar(ctx, path, cal, seen) if ctx.present(NAME, path) else None)
    return result, ids


def _calendar(ctx: Context, path, cal: dict, seen: dict) -> Calendar | None:
    ctx.unique_id(NAME, "calendar", path, seen, item="entry")
    name = ctx.text_at(NAME, path + ("name",))
    if name is not None:
        _plain_name(ctx, path + ("name",), name)
    if not ctx.intact(NAME, path + ("country",)):
        return None
    # Country codes from the package's registry (the country's own class is loaded only if known).
    supported = supported_countries()
    country, subdiv = cal["country"], cal.get("subdivision")
    if country not in supported:
        guess = suggest_country(country, ctx.languages)
        close = [guess] if guess else difflib.get_close_matches(country, sorted(supported), n=1)
        ctx.report(NAME, path + ("country",), f"'{country}' is not a country the holidays package knows",
                   f"did you mean '{close[0]}'?" if close else "use an ISO 3166-1 code such as DE")
        return None
    cls = closures_.country_class(country)
    # A calendar the package cannot compute (a subdivision or a category the country lacks) is
    # reported here and not returned: the package would stop the build with its own error later.
    computable = True
    if ctx.intact(NAME, path + ("subdivision",)) and subdiv not in cls.subdivisions:
        aliases = getattr(cls, "subdivisions_aliases", {}) or {}
        guess = aliases.get(subdiv) or next(iter(difflib.get_close_matches(subdiv, list(cls.subdivisions), n=1)), None)
        ctx.report(NAME, path + ("subdivision",), f"'{subdiv}' is not a subdivision of {country}",
                   f"use '{guess}'" if guess else f"one of: {', '.join(cls.subdivisions)}")
        computable = False
    categories = tuple(cal.get("categories") or ("public",))
    if ctx.present(NAME, path + ("categories",)) or "categories" not in cal:
        computable = _categories(ctx, path + ("categories",), country, categories, cls.supported_categories) \
            and computable
    names = []
    for holiday, texts in (cal.get("names") or {}).items() if ctx.intact(NAME, path + ("names",)) else ():
        for lang in texts:
            ctx.comment_after(NAME, path + ("names", holiday, lang))
            if ctx.check_languages and lang not in ctx.languages and lang != closures_.OFFICIAL:
                ctx.report(NAME, path + ("names", holiday, lang),
                           f"'{lang}' is not a language of this site ({', '.join(ctx.languages)})",
                           "add it to languages in company.yml, or remove this name")
        names.append((holiday, Text(tuple((k, str(v).strip()) for k, v in texts.items()))))
    if not ctx.intact(NAME, path) or name is None or not computable:
        return None
    return Calendar(cal["id"], name, country, subdiv, categories, tuple(names))


# The categories of holidays a calendar takes must be the country's (DE has catholic, US has not):
# each other one is named with the country's categories and the fix, a near spelling or the list
# without it. Whether every one is the country's.
def _categories(ctx: Context, path, country: str, categories: tuple, supported) -> bool:
    supported = sorted(supported)
    unknown = [c for c in categories if c not in supported]
    kept = [c for c in categories if c in supported] or ["public" if "public" in supported else supported[0]]
    for c in unknown:
        close = difflib.get_close_matches(c, [s for s in supported if s not in categories], n=1)
        ctx.report(NAME, path, f"'{c}' is not a holiday category of {country} (its categories: {', '.join(supported)})",
                   f"did you mean '{close[0]}'?" if close else f"remove it: categories: [{', '.join(kept)}]")
    return not unknown


# A calendar's name is the place only ("Munich, Germany"): the pages show it alone after their own
# words ("Support is closed on public holidays: Munich, Germany."). A name that starts in lower
# case is the end of a sentence ("public holidays in Munich", "den Feiertagen in München"), which
# would then read twice.
def _plain_name(ctx: Context, path, name: Text) -> None:
    per_language = isinstance(ctx.get(NAME, path), dict)
    for lang, text in name.values:
        if text[:1].islower():
            ctx.report(NAME, path + (lang,) if per_language else path,
                       f"'{text}' reads as part of a sentence; the pages show a calendar's name alone: "
                       f"'Support is closed on public holidays: Munich, Germany.'",
                       "write the place only, starting with a capital: 'Munich, Germany', 'Singapore'")


# Years before and after the published ones whose holidays a calendar's names: may name.
NAME_YEARS = 2


# Every holiday needs a name in every language: from the `holidays` package, else from the
# calendar's `names:`, which may only name holidays the calendar has.
def holiday_names(ctx: Context, calendars, first: dt.date, last: dt.date) -> None:
    if not ctx.check_languages:  # company.yml's languages are broken: which names are needed is not known
        return
    for i, calendar in enumerate(calendars):
        if calendar is None:
            continue
        path = ("calendars", i)
        unnamed: dict = {}
        for lang, holiday in closures_.unnamed_holidays(calendar, first, last, ctx.languages):
            unnamed.setdefault(lang, []).append(holiday)
        # One problem per calendar and language, with every holiday it lacks as lines to paste.
        for lang, names in unnamed.items():
            which = f"'{names[0]}'" if len(names) == 1 else f"{len(names)} holidays: " + ", ".join(names)
            block = "\n".join(["    names:", *(f"      {_yaml_key(name)}: {{{lang}: ...}}" for name in names)])
            ctx.report(NAME, path + ("names",) if calendar.names else path,
                       f"the holidays package has no {lang} names for {calendar.country}, "
                       f"and the calendar '{calendar.id}' gives none for {which}",
                       f"add to the calendar (by the English names; where a holiday has a line already, add "
                       f"{lang}: ... to it):\n{block}")
        # A name may stay for the years around the published ones: the weekly build moves them on
        # at New Year, and "New Year's Day (observed)" of a later year is needed from the build
        # that publishes it; refusing it until then would break the build before or after.
        around = (dt.date(max(first.year - NAME_YEARS, 1), 1, 1), dt.date(min(last.year + NAME_YEARS, 9998), 12, 31))
        known = closures_.english_names(calendar, *around)
        single = sorted(name for name in known if closures_.DELIMITER not in name)  # to suggest
        for holiday, _ in calendar.names:
            if holiday not in known:
                close = difflib.get_close_matches(holiday, single, n=1)
                ctx.report(NAME, path + ("names", holiday),
                           f"'{holiday}' is not a holiday of the calendar '{calendar.id}' in the published years "
                           f"or the {NAME_YEARS} before and after them",
                           f"did you mean '{close[0]}'?" if close else
                           f"use the English names: {', '.join(single)}")


# A holiday's English name as a YAML key: plain where YAML reads it back unchanged, else quoted.
def _yaml_key(name: str) -> str:
    plain = name[:1].isalnum() and not any(mark in name for mark in (": ", " #", "{", "}", "[", "]", ",", '"')) \
        and not name.endswith(":")
    return name if plain else json.dumps(name, ensure_ascii=False)


# Company closures (None in place of a broken one); region and channel ids are None when they are not known.
def closures(ctx: Context, languages: tuple, region_ids: set | None, channel_ids: set | None = None) -> list | None:
    if not ctx.present(NAME, ("closures",)) and "closures" in (ctx.get(NAME, ()) or {}):
        return None
    result = []
    for i, item in enumerate(ctx.get(NAME, ("closures",)) or []):
        result.append(_closure(ctx, ("closures", i), item, languages, region_ids, channel_ids)
                      if ctx.present(NAME, ("closures", i)) else None)
    return result


def _closure(ctx: Context, path, item: dict, languages: tuple, region_ids, channel_ids=None) -> Closure | None:
    usable = {key: ctx.intact(NAME, path + (key,)) for key in item}
    date = until = None
    if "date" in item and usable["date"]:
        date = _date(ctx, path + ("date",), item["date"])
    if "until" in item and usable["until"]:
        until = _date(ctx, path + ("until",), item["until"])
        if "date" not in item:
            ctx.report(NAME, path + ("until",), "'until' needs a 'date' to start from",
                       "add date: with the first day of the closure")
        elif date and until and until < date:
            ctx.report(NAME, path + ("until",), f"the closure ends ({until}) before it starts ({date})",
                       "until is the last day of the closure: swap date and until, or correct the year")
    every_year = None
    if "every_year" in item and usable["every_year"]:
        every_year = _date(ctx, path + ("every_year",), item["every_year"], year=2000)
        every_year = every_year and (every_year.month, every_year.day)
    regions = tuple(item["regions"]) if "regions" in item and ctx.present(NAME, path + ("regions",)) else None
    for j, reg in enumerate(regions or ()):
        if region_ids is not None and ctx.intact(NAME, path + ("regions", j)) and reg not in region_ids:
            close = difflib.get_close_matches(reg, sorted(region_ids), n=1)
            ctx.report(NAME, path + ("regions", j), f"there is no region '{reg}' in regions.yml",
                       f"did you mean '{close[0]}'?" if close else f"regions are: {', '.join(sorted(region_ids))}")
    channels = tuple(item["channels"]) if "channels" in item and ctx.present(NAME, path + ("channels",)) else None
    for j, channel in enumerate(channels or ()):
        if channel_ids is not None and ctx.intact(NAME, path + ("channels", j)) and channel not in channel_ids:
            close = difflib.get_close_matches(channel, sorted(channel_ids), n=1)
            ctx.report(NAME, path + ("channels", j), f"there is no channel '{channel}' in channels.yml",
                       f"did you mean '{close[0]}'?" if close else f"channels are: {', '.join(sorted(channel_ids))}")
    hours = None
    if "hours" in item and usable["hours"]:
        hours = ctx.intervals(NAME, path + ("hours",), item["hours"])
    name = None
    if usable.get("name"):
        # A closure's name is given in the site's languages only: it shows only the edition's text.
        raw = item["name"]
        for lang in [k for k in raw if k not in languages] if isinstance(raw, dict) else []:
            ctx.report(NAME, path + ("name", lang), f"'{lang}' is not a language of this site ({', '.join(languages)})",
                       "add it to languages in company.yml, or remove this translation")
        name = ctx.text(NAME, path + ("name",), {k: v for k, v in raw.items() if k in languages} if isinstance(raw, dict) else raw)
    if not ctx.intact(NAME, path) or name is None:
        return None
    return Closure(name, date, until, every_year, hours or None, regions, channels)


# A date as written in holidays.yml (YYYY-MM-DD, or MM-DD of every year), or None after reporting why not.
def _date(ctx: Context, path, text: str, year: int | None = None):
    month_day = text.split("-")[-2:]
    if not year and year_problem(text):
        return ctx.report(NAME, path, *year_problem(text))
    try:
        return dt.date.fromisoformat(f"{year}-{text}" if year else text)
    except ValueError:
        pass
    month, day = int(month_day[0]), int(month_day[1])
    example = "12-24" if year else "2026-12-24"
    if not 1 <= month <= 12:
        return ctx.report(NAME, path, f"'{text}' has no month {month}",
                          f"write the month before the day, as {'MM-DD' if year else 'YYYY-MM-DD'}, e.g. {example}")
    if year:
        last = calendar_.monthrange(2000, month)[1]
        return ctx.report(NAME, path, f"'{text}' is not a day of the year: {calendar_.month_name[month]} "
                          f"has {last} days", f"write MM-DD with a real month and day, e.g. {example}")
    last = calendar_.monthrange(int(text[:4]), month)[1]
    return ctx.report(NAME, path, f"{text} is not a date that exists: {calendar_.month_name[month]} "
                      f"{text[:4]} has {last} days", f"check the day, e.g. {text[:8]}{last:02d} for the last day")


# One-off closures wholly before the build date: kept for history, or written with a wrong year
# (2025 for 2027), which nothing else would reveal. A note each; a yearly closure (every_year) has
# no past. The site shows closures from `first` (1 January of the build year) on.
def past_closures(ctx: Context, closures: list | None, today: dt.date, first: dt.date) -> None:
    for i, closure in enumerate(closures or ()):
        if closure is None or closure.every_year or closure.date is None or (closure.until or closure.date) >= today:
            continue
        last = closure.until or closure.date
        when = f"ended on {last}" if closure.until else f"was on {last}"
        shown = (f"the site shows closures from {first} on, so it is not shown" if last < first else
                 "the site lists it among this year's past days only, never as a coming closure")
        ctx.note_past(NAME, ("closures", i, "until" if closure.until else "date"),
                      f"this closure {when}, before the build date ({today}): {shown}", "a closure")


# One-off closures wholly after the last published day (`last`): planned far ahead, or written with
# a wrong year (2062 for 2026), which the site would not show and nothing else would reveal. A
# note each; a yearly closure is shown every year. So does one whose last day (until) is more
# than a year after it (2207 for 2027): the site shows it closed on every published day.
def future_closures(ctx: Context, closures: list | None, last: dt.date) -> None:
    for i, closure in enumerate(closures or ()):
        if closure is not None and closure.date is not None and closure.date > last:
            when = f"starts on {closure.date}" if closure.until else f"is on {closure.date}"
            ctx.note_future(NAME, ("closures", i, "date"), f"this closure {when}", "a closure", last)
        elif closure is not None and closure.date is not None and closure.until and ctx.far_after(closure.until, last):
            ctx.note_future(NAME, ("closures", i, "until"), f"this closure lasts until {closure.until}", "a closure", last,
                            f"so the site shows it closed on every published day from {closure.date}")


# A closure can close only a channel with hours: one staffed around the clock has no hours to close.
def closure_channels(ctx: Context, closures: list | None, channels: list | None) -> None:
    always = {c.id for c in channels or () if c is not None and c.around_the_clock}
    for i, closure in enumerate(closures or ()):
        for j, channel in enumerate((closure and closure.channels) or ()):
            if channel in always:
                ctx.report(NAME, ("closures", i, "channels", j),
                           f"the channel '{channel}' has no hours: it is staffed around the clock, so nothing can close it",
                           "give the channel hours in channels.yml, or remove it here")
