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
from dataclasses import dataclass
from pathlib import Path

from babel.lists import format_list

from .model import Calendar, Closure, DayOverride, Policy, Text

# Our language codes to the `holidays` package's, where they differ.
_PACKAGE_LANGUAGE = {"en": "en_US"}
# The key of `names:` that gives a holiday's official name, where the package's is not it.
OFFICIAL = "official"
# How the `holidays` package names a day of several holidays: "Constitution Day; Pentecost Monday"
# (its HOLIDAY_NAME_DELIMITER), the holidays in alphabetical order.
DELIMITER = "; "


# One row of the holiday calendar: a date and what happens on it in some regions.
@dataclass(frozen=True)
class ClosureDay:
    date: dt.date
    kind: str  # "holiday" | "closure" | "special_hours"
    name: Text
    hours: tuple  # () is closed all day
    regions: tuple  # Region, in the order of regions.yml
    channels: tuple = ()  # Channel named by the closure itself (channels: [chat]), in the order of channels.yml

    # The zone its times are in: the first region's, else the first channel's.
    @property
    def zone(self) -> str:
        return self.regions[0].zone if self.regions else self.channels[0].schedule.zone


# Public holidays of one calendar within [first, last], named in English, the local language
# and the site's languages: by the calendar's `names:` in holidays.yml (keyed by the English
# name) where it gives one, else by the `holidays` package. Each carries its official
# name: the calendar's `official:` for it, else the package's name in the country's own language
# (its default language: German for DE, English for US, Singapore's English for SG, which is
# also the English edition's name there), with that language's code ("de", "en"), by which the
# pages mark it on an edition of another language. (Only the language: New York's and Singapore's
# "New Year's Day" are one name, one row of the calendar.) A name given for one edition is never
# another edition's second name. `names:` is keyed by the package's US English names all the same.
# A day of several holidays is named by theirs (see _day_name).
def calendar_days(calendar: Calendar, first: dt.date, last: dt.date, languages=("en",)) -> dict:
    cls = country_class(calendar.country)
    local = (cls.default_language or "en").split("_")[0]
    english = _holiday_names(calendar, first, last, "en")
    official = _holiday_names(calendar, first, last, None)
    names: dict = {}
    for lang in dict.fromkeys(("en", local, *languages)):
        if lang == local:  # a country's own English ("Labour Day" in Singapore) is its official name
            source, found = None, official
        elif _package_language(cls, lang) or lang == "en":
            source, found = lang, _holiday_names(calendar, first, last, lang)
        else:
            source, found = _NONE, {}
        # A name `names:` gives is the calendar's, in a language the package has too.
        found = {**found, **{date: _day_name(calendar, first, last, date, name, lang, found.get(date), source)
                             for date, name in english.items()}}
        for date, name in found.items():
            if name is not None:
                names.setdefault(date, {})[lang] = name
    result = {}
    for date, texts in sorted(names.items()):
        name = _day_name(calendar, first, last, date, english.get(date), OFFICIAL, official.get(date), None)
        result[date] = Text(tuple(texts.items()), name, local if name else None)
    return result


_NONE = "-"  # the package has no names in a language


# A day's name in `lang` (OFFICIAL: its official name): the one `names:` gives for its English
# name, else the package's (`package`, in the package's language `source`; None where it has
# none). A day of several holidays ("Constitution Day; Pentecost Monday") takes each holiday's
# name from `names:` or, where it gives none, from the package, in alphabetical order as the
# package writes them; None while one of them has no name (unnamed_holidays names it).
def _day_name(calendar: Calendar, first: dt.date, last: dt.date, date: dt.date, english: str | None, lang: str,
              package: str | None, source: str | None) -> str | None:
    given = dict(calendar.names)
    if english in given and given[english].has(lang):
        return given[english].get(lang)
    parts = english.split(DELIMITER) if english else []
    if len(parts) < 2 or not any(part in given and given[part].has(lang) for part in parts):
        return package
    # The package's names of the day's holidays, in the same order in English and in `source`.
    ordered = _day_parts(calendar, first, last, "en").get(date, ())
    theirs = _day_parts(calendar, first, last, source).get(date, ()) if source != _NONE else ()
    names = []
    for i, part in enumerate(ordered):
        if part in given and given[part].has(lang):
            names.append(given[part].get(lang))
        elif len(theirs) == len(ordered):
            names.append(theirs[i])
        else:
            return package
    return DELIMITER.join(sorted(names)) if sorted(ordered) == sorted(parts) else package


# The holidays of a calendar within [first, last] that have no name in one of `languages`: the
# package lacks the language and `names:` does not give it. As [(language, English name), ...].
# A day of several holidays needs only theirs: its name is made of them.
def unnamed_holidays(calendar: Calendar, first: dt.date, last: dt.date, languages) -> list:
    cls = country_class(calendar.country)
    english = set(_holiday_names(calendar, first, last, "en").values())
    given = dict(calendar.names)

    def named(name: str, lang: str) -> bool:
        return name in given and given[name].has(lang)

    return [(lang, name) for lang in languages if lang != "en" and not _package_language(cls, lang)
            for name in sorted({part for day in english if not named(day, lang)
                                for part in day.split(DELIMITER) if not named(part, lang)})]


# The names `names:` is keyed by: the package's (US) English names of the holidays within
# [first, last], each holiday of a day of several on its own; also such a day's whole name.
def english_names(calendar: Calendar, first: dt.date, last: dt.date) -> set:
    days = set(_holiday_names(calendar, first, last, "en").values())
    return days | {part for day in days for part in day.split(DELIMITER)}


# The package's code for one of our languages ("en" -> "en_US"), or None where it lacks it.
def _package_language(cls, lang: str) -> str | None:
    package_lang = _PACKAGE_LANGUAGE.get(lang, lang)
    return package_lang if package_lang in (cls.supported_languages or ()) else None


# The package's names of a calendar's holidays in `lang`; lang None: in the country's own language.
def _holiday_names(calendar: Calendar, first: dt.date, last: dt.date, lang: str | None) -> dict:
    return dict(_holiday_items(calendar, first, last, lang))


# The same years of a calendar are asked for by the checks, the regions' and the channels' days:
# computed once per process.
@functools.lru_cache(maxsize=1024)
def _holiday_items(calendar: Calendar, first: dt.date, last: dt.date, lang: str | None) -> tuple:
    cls = country_class(calendar.country)
    days = cls(subdiv=calendar.subdivision, years=range(first.year, last.year + 1),
               categories=calendar.categories,
               language=_package_language(cls, lang) if lang else cls.default_language)
    return tuple((date, name) for date, name in days.items() if first <= date <= last)


# The holidays of each day of several within [first, last], in the order the package adds them,
# which is the same in every language (its names are alphabetical, which differs): the English
# "Constitution Day" and the Norwegian "Grunnlovsdag" are both first. {date: (name, ...)}.
@functools.lru_cache(maxsize=1024)
def _day_parts(calendar: Calendar, first: dt.date, last: dt.date, lang: str | None) -> dict:
    cls = _in_added_order(country_class(calendar.country))
    days = cls(subdiv=calendar.subdivision, years=range(first.year, last.year + 1),
               categories=calendar.categories,
               language=_package_language(cls, lang) if lang else cls.default_language)
    return {date: tuple(name.split(DELIMITER)) for date, name in days.items()
            if first <= date <= last and DELIMITER in name}


# A country's holiday class that keeps the names of a day in the order they were added.
@functools.cache
def _in_added_order(cls: type) -> type:
    def __setitem__(self, key, value):
        if key in self:
            before = self[key].split(DELIMITER)
            value = DELIMITER.join(before + [name for name in value.split(DELIMITER) if name not in before])
            self.pop(key)
        cls.__setitem__(self, key, value)

    return type(cls.__name__, (cls,), {"__setitem__": __setitem__, "__module__": cls.__module__})


# Every override of every region within the policy's horizon: {region id: (DayOverride, ...)},
# and the conflicts found on the way as (closure index, message).
def region_overrides(policy: Policy) -> tuple[dict, list]:
    owners = [(r.id, r.name, r.calendar, functools.partial(Closure.applies_to, region=r.id)) for r in policy.regions]
    return _overrides(policy, owners)


# The same for every channel with hours of its own: {channel id: (DayOverride, ...)}. A channel
# that takes a region's hours takes the region's holidays (unless it names its own calendar) and
# the closures of that region; closures that name the channel, or no region and no channel, apply too.
def channel_overrides(policy: Policy) -> tuple[dict, list]:
    owners = [(c.id, c.name, c.schedule.calendar,
               functools.partial(Closure.applies_to, region=c.schedule.region, channel=c.id))
              for c in policy.channels if c.schedule is not None]
    return _overrides(policy, owners)


# Overrides of schedules given as (id, name, holiday calendar id or None, closure -> applies?).
def _overrides(policy: Policy, owners: list) -> tuple[dict, list]:
    first, last = policy.horizon
    lang = policy.languages[0]
    wanted = {calendar for _, _, calendar, _ in owners if calendar}
    holiday_days = {c.id: calendar_days(c, first, last, policy.languages) for c in policy.calendars if c.id in wanted}
    result = {}
    clashes: dict = {}  # (closure index, date, earlier index) -> [region name, ...]
    for owner, name, calendar, applies in owners:
        days: dict = {}
        if calendar:
            for date, holiday in holiday_days[calendar].items():
                days[date] = DayOverride(date, "holiday", holiday, (), calendar)
        company: dict = {}
        for index, closure in enumerate(policy.closures):
            if not applies(closure):
                continue
            kind = "special_hours" if closure.hours else "closure"
            for date in closure_dates(closure, first, last):
                if date in company:
                    clashes.setdefault((index, date, company[date][0]), []).append(name.get(lang))
                    continue
                company[date] = (index, DayOverride(date, kind, closure.name, closure.hours or ()))
        days.update((date, override) for date, (_, override) in company.items())
        result[owner] = tuple(days[d] for d in sorted(days))
    problems = [
        (index, f"{date} already has '{policy.closures[earlier].name.get(lang)}' (closures[{earlier + 1}]) "
                f"in {format_list(names, locale='en')}")
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


# The calendar's rows: regions with the same entry on the same date share one row, and so do
# the channels a closure names (channels: [chat]). With `by_zone`, special hours are split by
# time zone too (their times are the zone's wall time).
# With `region` (an id), only that region's rows, and no channel's: a region's own calendar.
def closure_days(policy: Policy, by_zone: bool = False, region: str | None = None,
                 every_channel: bool = False) -> list[ClosureDay]:
    # The pages of both editions and the calendars ask for the same rows: made once per policy.
    if _rows.get("policy") is not policy:
        _rows.clear()
        _rows["policy"] = policy
    key = (by_zone, region, every_channel)
    if key not in _rows:
        _rows[key] = tuple(_closure_days(policy, by_zone, region, every_channel))
    return list(_rows[key])


_rows: dict = {}


def _closure_days(policy: Policy, by_zone: bool, region: str | None, every_channel: bool) -> list[ClosureDay]:
    grouped: dict = {}

    def add(o, zone: str, owner, kind: int) -> None:
        key = (o.date, o.kind, o.name, o.hours, zone if (by_zone and o.hours) else None)
        grouped.setdefault(key, ([], []))[kind].append(owner)

    for owner in (policy.regions if region is None else [policy.region(region)]):
        for o in policy.overrides[owner.id]:
            add(o, owner.zone, owner, 0)
    for channel, o in (_named_channel_days(policy, every_channel) if region is None else ()):
        add(o, channel.schedule.zone, channel, 1)
    rows = [ClosureDay(date, kind, name, hours, tuple(regions), tuple(channels))
            for (date, kind, name, hours, _), (regions, channels) in grouped.items()]
    order = {region.id: i for i, region in enumerate(policy.regions)}
    channel_order = {channel.id: len(order) + i for i, channel in enumerate(policy.channels)}
    return sorted(rows, key=lambda r: (r.date, [order[x.id] for x in r.regions] + [channel_order[x.id] for x in r.channels]))


# The days of the closures that name channels, as (channel, DayOverride). Other days of a
# channel's hours are those of every region or of the region it takes its hours from, and
# public holidays: the calendar shows them in the regions' rows already. With `every_channel`,
# a closure of every region and channel also names each channel with hours of its own (not a
# region's) that it closes on a date the channel is offered: the holiday page says so.
def _named_channel_days(policy: Policy, every_channel: bool = False):
    first, last = policy.horizon
    for channel in policy.channels:
        if channel.schedule is None:
            continue
        days = {o.date: o for o in policy.channel_overrides[channel.id]}
        for closure in policy.closures:
            everywhere = every_channel and closure.regions is None and closure.channels is None \
                and channel.schedule.region is None
            if channel.id not in (closure.channels or ()) and not everywhere:
                continue
            for date in closure_dates(closure, first, last):
                o = days.get(date)
                if o is not None and o.kind != "holiday" and o.name == closure.name and channel.offered(date):
                    yield channel, o


# "Good Friday (Karfreitag)": the name in `lang`, with the holiday's official name beside it
# (the name in its country's language) where that is another text; on the German pages of Munich,
# just "Karfreitag". Company closures have no official name: only the edition's text. A name the
# policy lacks in `lang` (missing_translations: fallback) is `fallback`'s, marked by `mark` (the
# pages' marks), else as plain text is ("Team day (noch nicht übersetzt)"). An official name in
# another language than `lang` is marked by `mark_language(text, language)` where given (the
# pages' mark: "Good Friday (<span lang="de">Karfreitag</span>)"); plain text has no such mark.
def display_name(name: Text, lang: str, fallback: str | None = None, mark=None, mark_language=None) -> str:
    from .textfmt import in_language, phrase  # textfmt's catalog: holidays.official, "{name} ({official})"

    shown = mark(name.get(lang, fallback)) if mark and fallback and not name.has(lang) else \
        in_language(name, lang, fallback)
    if not name.official or name.official == shown:
        return shown
    official = name.official
    if mark_language and name.official_language and not same_language(name.official_language, lang):
        official = mark_language(official, name.official_language)
    return phrase(lang, "holidays.official", name=shown, official=official)


# Whether two language tags name the same language ("en-US" and "en": yes; "de" and "en": no).
def same_language(a: str, b: str) -> bool:
    return a.split("-")[0].split("_")[0].lower() == b.split("-")[0].split("_")[0].lower()


# The holiday class of a country code the package knows ("DE": Germany); calling it is what
# holidays.country_holidays() does. Its module is loaded on its own: country_holidays() imports
# the package holidays.countries, whose __init__ imports all 250 countries, a twentieth of a build.
# A module that needs that package (a country built on another) imports it as usual. The package
# itself is imported here, on first use: a build whose policy model was kept does without it.
@functools.cache
def country_class(code: str) -> type:
    import holidays
    from holidays.registry import COUNTRIES

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
