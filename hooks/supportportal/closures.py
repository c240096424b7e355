# Which dates differ from the weekly hours, per region: public holidays from the `holidays`
# package, then the company's own closures and special hours from holidays.yml.
#
# Rule for a date with both: the company's entry wins (it is the more specific decision, e.g.
# special hours on a public holiday). Two company entries on the same date and region are an error.

from __future__ import annotations

import datetime as dt

import holidays

from .model import Calendar, DayOverride, Policy, Text

# Our language codes to the `holidays` package's, where they differ.
_PACKAGE_LANGUAGE = {"en": "en_US"}


# Public holidays of one calendar within [first, last], named in English, the local language
# and the site's languages.
def calendar_days(calendar: Calendar, first: dt.date, last: dt.date, languages=("en",)) -> dict:
    years = range(first.year, last.year + 1)
    cls = holidays.country_holidays(calendar.country).__class__
    local = (cls.default_language or "en").split("_")[0]
    wanted = dict.fromkeys(("en", local, *languages))
    names: dict = {}
    for lang in wanted:
        package_lang = _PACKAGE_LANGUAGE.get(lang, lang)
        if package_lang not in (cls.supported_languages or ()):
            package_lang = None
        days = holidays.country_holidays(
            calendar.country, subdiv=calendar.subdivision, years=years,
            categories=calendar.categories, language=package_lang,
        )
        for date, name in days.items():
            if first <= date <= last:
                names.setdefault(date, {})[lang] = name
    return {date: Text(tuple(texts.items())) for date, texts in sorted(names.items())}


# Every override of every region within the policy's horizon: {region id: (DayOverride, ...)},
# and the conflicts found on the way as (closure index, message).
def region_overrides(policy: Policy) -> tuple[dict, list]:
    first, last = policy.horizon
    problems: list = []
    holiday_days = {c.id: calendar_days(c, first, last, policy.languages) for c in policy.calendars}
    result = {}
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
            for date in _closure_dates(closure, first, last):
                if date in company:
                    problems.append((index, f"{date} of region {region.id} already has the closure "
                                            f"'{company[date].name.get(policy.languages[0])}'"))
                    continue
                company[date] = DayOverride(date, kind, closure.name, closure.hours or ())
        days.update(company)
        result[region.id] = tuple(days[d] for d in sorted(days))
    return result, problems


def _closure_dates(closure, first: dt.date, last: dt.date):
    if closure.every_year:
        month, day = closure.every_year
        for year in range(first.year, last.year + 1):
            try:
                yield dt.date(year, month, day)
            except ValueError:  # 29 February outside leap years
                continue
        return
    date, until = closure.date, closure.until or closure.date
    while date <= until:
        if first <= date <= last:
            yield date
        date += dt.timedelta(days=1)
