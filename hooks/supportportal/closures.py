# Which dates differ from the weekly hours, per region: public holidays from the `holidays`
# package, then the company's own closures and special hours from holidays.yml.
#
# Rule for a date with both: the company's entry wins (it is the more specific decision, e.g.
# special hours on a public holiday). Two company entries on the same date and region are an error.

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import sys
import zoneinfo
from dataclasses import dataclass
from pathlib import Path

import holidays
from holidays.registry import COUNTRIES

from .model import Calendar, DayOverride, Policy, Text

# Our language codes to the `holidays` package's, where they differ.
_PACKAGE_LANGUAGE = {"en": "en_US"}


# One row of the holiday calendar: a date and what happens on it in some regions.
@dataclass(frozen=True)
class ClosureDay:
    date: dt.date
    kind: str  # "holiday" | "closure" | "special_hours"
    name: Text
    hours: tuple  # () is closed all day
    regions: tuple  # Region, in the order of regions.yml


# Public holidays of one calendar within [first, last], named in English, the local language
# and the site's languages.
def calendar_days(calendar: Calendar, first: dt.date, last: dt.date, languages=("en",)) -> dict:
    years = range(first.year, last.year + 1)
    cls = country_class(calendar.country)
    local = (cls.default_language or "en").split("_")[0]
    wanted = dict.fromkeys(("en", local, *languages))
    names: dict = {}
    for lang in wanted:
        package_lang = _PACKAGE_LANGUAGE.get(lang, lang)
        if package_lang not in (cls.supported_languages or ()):
            package_lang = None
        days = cls(subdiv=calendar.subdivision, years=years, categories=calendar.categories, language=package_lang)
        for date, name in days.items():
            if first <= date <= last:
                names.setdefault(date, {})[lang] = name
    return {date: Text(tuple(texts.items())) for date, texts in sorted(names.items())}


# Every override of every region within the policy's horizon: {region id: (DayOverride, ...)},
# and the conflicts found on the way as (closure index, message).
def region_overrides(policy: Policy) -> tuple[dict, list]:
    first, last = policy.horizon
    lang = policy.languages[0]
    holiday_days = {c.id: calendar_days(c, first, last, policy.languages) for c in policy.calendars}
    result = {}
    clashes: dict = {}  # (closure index, date, earlier index) -> [region name, ...]
    for region in policy.regions:
        days: dict = {}
        if region.calendar:
            for date, name in holiday_days[region.calendar].items():
                days[date] = DayOverride(date, "holiday", name, (), region.calendar)
        company: dict = {}
        for index, closure in enumerate(policy.closures):
            if closure.regions is not None and region.id not in closure.regions:
                continue
            kind = "special_hours" if closure.hours else "closure"
            for date in closure_dates(closure, first, last):
                if date in company:
                    clashes.setdefault((index, date, company[date][0]), []).append(region.name.get(lang))
                    continue
                company[date] = (index, DayOverride(date, kind, closure.name, closure.hours or ()))
        days.update((date, override) for date, (_, override) in company.items())
        result[region.id] = tuple(days[d] for d in sorted(days))
    problems = [
        (index, f"{date} already has '{policy.closures[earlier].name.get(lang)}' (closures[{earlier + 1}]) "
                f"in {' and '.join(names)}")
        for (index, date, earlier), names in sorted(clashes.items())
    ]
    return result, problems


# The dates of one closure rule that fall within [first, last].
def closure_dates(closure, first: dt.date, last: dt.date):
    if closure.every_year:
        month, day = closure.every_year
        for year in range(first.year, last.year + 1):
            try:
                date = dt.date(year, month, day)
            except ValueError:  # 29 February outside leap years
                continue
            if first <= date <= last:
                yield date
        return
    date, until = max(closure.date, first), min(closure.until or closure.date, last)
    while date <= until:
        yield date
        date += dt.timedelta(days=1)


# The calendar's rows: regions with the same entry on the same date share one row. With
# `by_zone`, special hours are split by time zone too (their times are the zone's wall time).
def closure_days(policy: Policy, by_zone: bool = False) -> list[ClosureDay]:
    grouped: dict = {}
    for region in policy.regions:
        for o in policy.overrides[region.id]:
            zone = region.zone if (by_zone and o.hours) else None
            grouped.setdefault((o.date, o.kind, o.name, o.hours, zone), []).append(region)
    rows = [ClosureDay(date, kind, name, hours, tuple(regions))
            for (date, kind, name, hours, _), regions in grouped.items()]
    order = {region.id: i for i, region in enumerate(policy.regions)}
    return sorted(rows, key=lambda r: (r.date, [order[x.id] for x in r.regions]))


# "Good Friday (Karfreitag)": the name in `lang`, with its name in the local language beside it
# when that is another language and another text; on the local-language pages, just "Karfreitag".
def display_name(name: Text, lang: str, local: str | None, fallback: str | None = None) -> str:
    shown = name.get(lang, fallback)
    other = name.as_dict().get(local) if local and local != lang else None
    return f"{shown} ({other})" if other and other != shown else shown


# The language of the place the support team keeps holidays for: the language the `holidays`
# package names the first calendar's holidays in (de for DE), or None without calendars.
def local_language(policy: Policy) -> str | None:
    if not policy.calendars:
        return None
    cls = country_class(policy.calendars[0].country)
    return (cls.default_language or "en").split("_")[0]


# The holiday class of a country code the package knows ("DE": Germany); calling it is what
# holidays.country_holidays() does. Its module is loaded on its own: country_holidays() imports
# the package holidays.countries, whose __init__ imports all 250 countries, a twentieth of a build.
# A module that needs that package (a country built on another) imports it as usual.
@functools.cache
def country_class(code: str) -> type:
    module = next((m for m, names in COUNTRIES.items() if names[1] == code), None)
    if module is None:
        return holidays.country_holidays(code).__class__  # raises NotImplementedError
    name = f"holidays.countries.{module}"
    if name not in sys.modules and "holidays.countries" not in sys.modules:
        try:
            spec = importlib.util.spec_from_file_location(name, Path(holidays.__file__).parent / "countries" / f"{module}.py")
            sys.modules[name] = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(sys.modules[name])
        except Exception:  # another layout of the package: import it as usual
            sys.modules.pop(name, None)
    return getattr(sys.modules.get(name) or importlib.import_module(name), code)


# The abbreviation a zone uses at noon of `date` ("CET", "EST"), or its UTC offset ("UTC+08:00")
# where the zone has no letters for it.
def zone_abbreviation(zone: str, date: dt.date) -> str:
    moment = dt.datetime.combine(date, dt.time(12), tzinfo=zoneinfo.ZoneInfo(zone))
    name = moment.tzname() or ""
    if name[:1].isalpha():
        return name
    minutes = int(moment.utcoffset().total_seconds() // 60)
    return f"UTC{'+' if minutes >= 0 else '-'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
