# Loading and validating policy/*.yml: every problem at once, each naming file, line, key and fix.
#
# Structure (keys, types, formats) is checked against the published JSON Schemas in
# policy/schema/, the same ones editors use; what a schema cannot say (a zone that does not exist,
# overlapping hours, a region that is referenced but not defined) is checked here after it.

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from holidays.registry import COUNTRIES
import jsonschema
from referencing import Registry, Resource

from . import closures as closures_, parsing, yamlload
from .model import (
    MINUTES_PER_DAY, WEEKDAYS, Calendar, Channel, Closure, Policy, Priority, Region, Target, Text,
)

# The policy files, in the order their problems are reported.
FILES = ("company", "regions", "holidays", "channels", "priorities", "process", "maintenance")
SCHEMA_DIR = Path(__file__).resolve().parent.parent.parent / "policy" / "schema"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    path: str
    message: str
    fix: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}, line {self.line}" + (f", {self.path}" if self.path else "")
        return f"{where}: {self.message}" + (f"\n    Fix: {self.fix}" if self.fix else "")


class PolicyError(Exception):
    def __init__(self, problems):
        self.problems = sorted(set(problems), key=lambda p: (FILES.index(p.file.split("/")[-1][:-4])
                                                             if p.file.split("/")[-1][:-4] in FILES else 99,
                                                             p.line, p.path, p.message))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = f"The support policy has {count} problem{'s' if count != 1 else ''}; nothing was published:"
        return "\n".join([head, *(f"  - {p}" for p in self.problems)])


# Read, validate and model every policy file in `directory`; raise PolicyError listing all problems.
def load_policy(directory: Path, today: dt.date, label: str = "policy") -> Policy:
    checker = _Checker(directory, label)
    docs = checker.read()
    policy = checker.build(docs, today)
    if checker.problems:
        raise PolicyError(checker.problems)
    return policy


# The JSON Schema of one policy file, resolving $refs to common.schema.json.
@functools.cache
def schema_validator(name: str, schema_dir: Path = SCHEMA_DIR):
    resources = []
    for path in sorted(schema_dir.glob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(contents)
        resources += [(contents["$id"], resource), (path.name, resource)]
    registry = Registry().with_resources(resources)
    schema = json.loads((schema_dir / f"{name}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, registry=registry)


class _Checker:
    def __init__(self, directory: Path, label: str):
        self.directory = directory
        self.label = label
        self.problems: list[Problem] = []
        self.docs: dict[str, yamlload.Document] = {}
        self.languages: tuple = ("en",)
        self.fallback = False  # company.yml missing_translations: fallback
        self.check_languages = True  # off while company.yml itself is broken: no cascade of false problems

    # Record a problem at a key path of one file.
    def report(self, name: str, path, message: str, fix: str | None = None, line: int | None = None):
        doc = self.docs.get(name)
        line = line or (doc.line(path) if doc else 1)
        self.problems.append(Problem(f"{self.label}/{name}.yml", line, _dotted(path), message, fix))

    # Parse each file and check it against its schema.
    def read(self) -> dict:
        for path in sorted(self.directory.glob("*.y*ml")):
            name = path.name.rsplit(".", 1)[0]
            if name not in FILES:
                close = difflib.get_close_matches(name, FILES, n=1)
                self.problems.append(Problem(
                    f"{self.label}/{path.name}", 1, "", "this file is not read by the portal",
                    f"rename it to {close[0]}.yml" if close else f"policy files are: {', '.join(f + '.yml' for f in FILES)}",
                ))
        data = {}
        for name in FILES:
            path = self.directory / f"{name}.yml"
            if not path.exists():
                self.problems.append(Problem(f"{self.label}/{name}.yml", 1, "", "the file is missing",
                                             f"restore {name}.yml from the repository"))
                continue
            doc = yamlload.load(path, f"{self.label}/{name}.yml")
            self.docs[name] = doc
            for line, message, fix in doc.problems:
                self.report(name, (), message, fix, line=line)
            if doc.data is None:
                continue
            for error in schema_validator(name).iter_errors(doc.data):
                self._schema_problem(name, error)
            data[name] = doc.data
        return data

    # Translate one JSON Schema error into words for the person who edited the file.
    def _schema_problem(self, name: str, error):
        path = tuple(error.absolute_path)
        kind, value, schema = error.validator, error.instance, error.schema
        described = schema.get("description", "")
        if kind == "required":
            missing = error.message.split("'")[1]
            child = error.schema.get("properties", {}).get(missing, {})
            hint = child.get("description")
            return self.report(name, path, f"'{missing}' is missing", hint and f"add {missing}: ({hint})")
        if kind == "additionalProperties":
            allowed = list(schema.get("properties", {}))
            for key in [k for k in value if k not in allowed]:
                close = difflib.get_close_matches(key, allowed, n=1)
                fix = f"did you mean '{close[0]}'?" if close else f"allowed keys here: {', '.join(allowed)}"
                self.report(name, path + (key,), f"unknown key '{key}'", fix)
            return
        if "propertyNames" in error.relative_schema_path:
            suggestion = parsing.suggest_days(str(value))
            return self.report(name, path + (value,), f"'{value}' is not a weekday or a range of weekdays",
                               f"write it as '{suggestion}'" if suggestion else
                               "use monday ... sunday, 'monday to friday' or 'every day', in lowercase")
        if kind == "type":
            words = {"string": "text", "array": "a list", "object": "a group of keys", "integer": "a whole number",
                     "boolean": "true or false", "number": "a number"}
            expected = error.validator_value
            expected = " or ".join(words.get(t, t) for t in ([expected] if isinstance(expected, str) else expected))
            return self.report(name, path, f"expected {expected}, found {_describe(value)}", described or None)
        if kind == "enum":
            options = [str(o) for o in error.validator_value]
            close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.5)
            return self.report(name, path, f"'{value}' is not one of: {', '.join(options)}",
                               f"did you mean '{close[0]}'?" if close else None)
        if kind in ("pattern", "oneOf"):
            return self._format_problem(name, path, value, schema)
        if kind in ("minimum", "maximum"):
            bound = error.validator_value
            return self.report(name, path, f"{value} is not allowed here ({error.message.split(' is ')[-1]})",
                               f"use {bound} or {'more' if kind == 'minimum' else 'less'}" + (f" ({described})" if described else ""))
        if kind == "minItems":
            return self.report(name, path, "the list is empty", described or "add at least one entry")
        if kind in ("minLength", "minProperties"):
            return self.report(name, path, "this is empty", described or None)
        if kind == "uniqueItems":
            return self.report(name, path, "the list names an entry twice", "remove the repeated entry")
        if kind == "const":
            return self.report(name, path, f"'{value}' is not allowed here", described or None)
        self.report(name, path, error.message, described or None)

    # Problems with values that have a format: times, zones, ids, dates, durations, texts.
    def _format_problem(self, name, path, value, schema):
        key = path[-1] if path else ""
        text = str(value)
        if name == "holidays" and len(path) == 2 and path[0] == "closures" and isinstance(value, dict):
            if "date" in value and "every_year" in value:
                return self.report(name, path + ("every_year",), "a closure has either date or every_year, not both",
                                   "keep date: (with until: for several days) for one occasion, "
                                   "or every_year: MM-DD for a day that recurs")
            return self.report(name, path, "the closure has no date",
                               "add date: YYYY-MM-DD (with until: for several days) or every_year: MM-DD")
        if not isinstance(value, (str, list, dict)):
            return self.report(name, path, f"expected text, found {_describe(value)}",
                               schema.get("description") or "put the value in quotes")
        if key == "zone":
            suggestion = parsing.suggest_zone(text)
            return self.report(name, path, f"'{text}' is not an IANA time zone name",
                               f"use '{suggestion}'" if suggestion else "use a zone like Europe/Berlin or America/New_York")
        if key in ("id", "public_holidays") or (len(path) >= 2 and path[-2] == "regions" and isinstance(key, int)):
            suggestion = parsing.suggest_id(text)
            return self.report(name, path, f"'{text}' is not a valid id (lowercase letters, digits and hyphens, starting with a letter)",
                               f"use '{suggestion}'" if suggestion else None)
        if key in ("date", "until"):
            ymd = re.fullmatch(r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*", text)
            dmy = re.fullmatch(r"\s*(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\s*", text)
            parts = ymd.groups() if ymd else dmy.groups()[::-1] if dmy else None
            return self.report(name, path, f"'{text}' is not a date",
                               f"write it as '{int(parts[0]):04d}-{int(parts[1]):02d}-{int(parts[2]):02d}' (YYYY-MM-DD)"
                               if parts else "write dates as YYYY-MM-DD, e.g. 2026-12-24")
        if key == "every_year":
            return self.report(name, path, f"'{text}' is not a month and day", "write it as MM-DD, e.g. 12-24")
        if key in ("first_response", "update_interval", "business_day"):
            suggestion = parsing.suggest_duration(text)
            return self.report(name, path, f"'{text}' is not a duration",
                               f"write it as '{suggestion}'" if suggestion else "write e.g. 30 minutes, 4 hours or 2 business days")
        if key == "address":
            return self.report(name, path, f"'{text}' is not a link, email address or phone number",
                               "write a https:// link, an address like support@example.com, or a number starting with +")
        if key == "url":
            return self.report(name, path, f"'{text}' is not the site's address",
                               "write it as https://host/ with a final /")
        if key == "categories" or (len(path) >= 2 and path[-2] == "categories"):
            return self.report(name, path, f"'{text}' is not a holiday category", "use lowercase words like public or catholic")
        if "hours" in path:
            return self._hours_problem(name, path, value)
        if isinstance(value, dict):
            bad = [k for k in value if not (isinstance(k, str) and len(k) == 2 and k.islower())]
            if bad:
                return self.report(name, path + (bad[0],), f"'{bad[0]}' is not a language code",
                                   "translations are keyed by two-letter codes, e.g. en: ... and de: ...")
            for lang, item in value.items():
                if not isinstance(item, str):
                    return self.report(name, path + (lang,), f"expected text, found {_describe(item)}",
                                       "put the text in quotes")
                if not item:
                    return self.report(name, path + (lang,), "this text is empty", "write the text, or remove that language")
            return self.report(name, path, "expected text, or one text per language", "e.g. {en: ..., de: ...}")
        self.report(name, path, f"expected text, found {_describe(value)}", schema.get("description"))

    def _hours_problem(self, name, path, value):
        values = value if isinstance(value, list) else [value]
        for index, item in enumerate(values):
            where = path + (index,) if isinstance(value, list) else path
            if isinstance(item, str) and parsing.parse_time_range(item):
                continue
            if isinstance(item, str) and item.strip().lower() == "closed" and not isinstance(value, list):
                continue
            suggestion = parsing.suggest_time_range(str(item))
            if suggestion == str(item).strip():  # e.g. 24:00-06:00: well formed, but 24:00 only ends a day
                suggestion = None
            self.report(name, where, f"'{item}' is not a time range",
                        f"write it as '{suggestion}' (24-hour time, opening-closing)" if suggestion
                        else "write opening and closing time in 24-hour form, e.g. 09:00-17:00; "
                             "24:00 can only be a closing time")

    # Build the model from data that passed the schema, checking what the schema cannot.
    def build(self, data: dict, today: dt.date) -> Policy | None:
        if any(name not in data for name in FILES) or self.problems:
            self._semantic_only(data)
            return None
        company, regions, hol, channels, prio, process, maint = (data[n] for n in FILES)
        self.languages = tuple(company["languages"])
        self.fallback = company.get("missing_translations") == "fallback"
        calendars = self._calendars(hol)
        regions_ = self._regions(regions, {c.id for c in calendars})
        region_ids = {r.id for r in regions_}
        closures = self._closures(hol, region_ids)
        channels_ = self._channels(channels)
        business_day, priorities = self._priorities(prio)
        policy = Policy(
            company=company["company"]["name"],
            city=self.text("company", ("company", "city"), company["company"]["city"]),
            country=self.text("company", ("company", "country"), company["company"]["country"]),
            languages=self.languages, translation_fallback=self.fallback,
            site_title=self.text("company", ("site", "title"), company["site"]["title"]),
            site_description=self.text("company", ("site", "description"), company["site"]["description"]),
            site_url=company["site"]["url"],
            regions=regions_, calendars=calendars, closures=closures,
            horizon_years=self._years(hol["horizon"]["years"]), today=today,
            channels=channels_, business_day_minutes=business_day, priorities=priorities,
            resolution_steps=self.texts("process", ("resolution_steps",), process["resolution_steps"]),
            customer_duties=self.texts("process", ("customer_duties",), process["customer_duties"]),
            maintenance_included=self.texts("maintenance", ("included",), maint["included"]),
            enhancements_included=maint["enhancements"]["included"],
            enhancements_answer=self.text("maintenance", ("enhancements", "answer"), maint["enhancements"]["answer"]),
            warranty=self.texts("maintenance", ("warranty",), maint["warranty"]),
        )
        if self.problems:
            return None
        overrides, conflicts = closures_.region_overrides(policy)
        for index, message in conflicts:
            self.report("holidays", ("closures", index), message, "keep one entry per date and region")
        policy.overrides.update(overrides)
        return policy

    # When some file is broken, still check what can be checked in the others.
    def _semantic_only(self, data: dict):
        company = data.get("company")
        if isinstance(company, dict) and isinstance(company.get("languages"), list):
            self.languages = tuple(str(x) for x in company["languages"]) or ("en",)
            self.fallback = company.get("missing_translations") == "fallback"
        clean = {name: _clean(self, name) for name in FILES}
        self.check_languages = clean["company"]
        calendars = self._calendars(data["holidays"]) if clean["holidays"] else None
        regions = None
        if clean["regions"]:
            regions = self._regions(data["regions"], {c.id for c in calendars} if calendars is not None else None)
        if clean["holidays"]:
            self._closures(data["holidays"], {r.id for r in regions} if regions is not None else None)
        if clean["channels"]:
            self._channels(data["channels"])
        if clean["priorities"]:
            self._priorities(data["priorities"])

    # A text field: plain text or one text per language, every language of the site present.
    def text(self, name: str, path, value) -> Text:
        if isinstance(value, str):
            value = {self.languages[0]: value}
            plain = True
        else:
            plain = False
            for lang in value:
                if self.check_languages and lang not in self.languages:
                    self.report(name, path + (lang,), f"'{lang}' is not a language of this site ({', '.join(self.languages)})",
                                "add it to languages in company.yml, or remove this translation")
        for lang, item in value.items():
            where = path if plain else path + (lang,)
            if not isinstance(item, str):
                self.report(name, where, f"expected text, found {_describe(item)}", "put the text in quotes")
                value = {k: str(v) for k, v in value.items()}
                break
            if not item.strip():
                self.report(name, where, "this text is empty", "write the text, or remove the line")
            for pattern, what in parsing.ARTIFACTS:
                found = pattern.search(item)
                if found:
                    self.report(name, where, f"'{found.group(0)}' looks like {what}; policy texts are shown as written",
                                "write the words readers should see")
        if not self.check_languages:
            return Text(tuple((k, str(v).strip()) for k, v in value.items()))
        missing = [lang for lang in self.languages if lang not in value]
        if self.languages[0] in missing or (missing and not self.fallback):
            example = ", ".join(f"{lang}: ..." for lang in self.languages)
            fix = (f"write the text once per language: {{{example}}}" if plain else
                   f"add {', '.join(f'{lang}: ...' for lang in missing)}")
            if self.languages[0] not in missing:
                fix += ", or set missing_translations: fallback in company.yml to show the "
                fix += f"{self.languages[0]} text, marked, until it is translated"
            self.report(name, path, f"the {' and '.join(missing)} text is missing", fix)
        ordered = [(lang, value[lang].strip()) for lang in self.languages if lang in value]
        return Text(tuple(ordered) or tuple((k, v.strip()) for k, v in value.items()))

    def texts(self, name: str, path, values) -> tuple:
        return tuple(self.text(name, path + (i,), v) for i, v in enumerate(values))

    def _calendars(self, hol: dict) -> tuple:
        result, seen = [], {}
        for i, cal in enumerate(hol.get("calendars") or []):
            path = ("calendars", i)
            if cal["id"] in seen:
                self.report("holidays", path + ("id",), f"the calendar id '{cal['id']}' is used twice (also entry {seen[cal['id']] + 1})",
                            "give each calendar its own id")
            seen.setdefault(cal["id"], i)
            # Country codes from the package's registry (the country's own class is loaded only if known).
            supported = {names[1] for names in COUNTRIES.values()}
            country, subdiv = cal["country"], cal.get("subdivision")
            if country not in supported:
                close = difflib.get_close_matches(country, list(supported), n=1)
                self.report("holidays", path + ("country",), f"'{country}' is not a country the holidays package knows",
                            f"did you mean '{close[0]}'?" if close else "use an ISO 3166-1 code such as DE")
                continue
            cls = closures_.country_class(country)
            if subdiv is not None and subdiv not in cls.subdivisions:
                aliases = getattr(cls, "subdivisions_aliases", {}) or {}
                guess = aliases.get(subdiv) or next(iter(difflib.get_close_matches(subdiv, list(cls.subdivisions), n=1)), None)
                self.report("holidays", path + ("subdivision",), f"'{subdiv}' is not a subdivision of {country}",
                            f"use '{guess}'" if guess else f"one of: {', '.join(cls.subdivisions)}")
            categories = tuple(cal.get("categories") or ("public",))
            unknown = [c for c in categories if c not in cls.supported_categories]
            for c in unknown:
                self.report("holidays", path + ("categories",), f"'{c}' is not a holiday category of {country}",
                            f"categories of {country}: {', '.join(sorted(cls.supported_categories))}")
            result.append(Calendar(cal["id"], self.text("holidays", path + ("name",), cal["name"]), country, subdiv, categories))
        return tuple(result)

    def _regions(self, data: dict, calendar_ids) -> tuple:
        result, seen = [], {}
        for i, reg in enumerate(data["regions"]):
            path = ("regions", i)
            if reg["id"] in seen:
                self.report("regions", path + ("id",), f"the region id '{reg['id']}' is used twice (also region {seen[reg['id']] + 1})",
                            "give each region its own id")
            seen.setdefault(reg["id"], i)
            if not parsing.zone_exists(reg["zone"]):
                suggestion = parsing.suggest_zone(reg["zone"])
                self.report("regions", path + ("zone",), f"'{reg['zone']}' is not a known IANA time zone",
                            f"use '{suggestion}'" if suggestion else "use a zone like Europe/Berlin or America/New_York")
            calendar = reg.get("public_holidays")
            if calendar is not None and calendar_ids is not None and calendar not in calendar_ids:
                close = difflib.get_close_matches(calendar, list(calendar_ids), n=1)
                self.report("regions", path + ("public_holidays",), f"there is no holiday calendar '{calendar}' in holidays.yml",
                            f"did you mean '{close[0]}'?" if close else "add the calendar to holidays.yml or remove this line")
            weekly = self._weekly(path + ("hours",), reg["hours"])
            result.append(Region(reg["id"], self.text("regions", path + ("name",), reg["name"]), reg["zone"], weekly, calendar))
        return tuple(result)

    # Weekly hours: each weekday named once, intervals not overlapping (also across midnight).
    def _weekly(self, path, hours: dict) -> tuple:
        days: list = [None] * 7
        for key, value in hours.items():
            if parsing.parse_days(key) is None:
                first, _, last = key.partition(" to ")
                self.report("regions", path + (key,), f"'{key}' runs backwards through the week",
                            f"write '{last} to {first}' if that is meant, or list the days in two parts, "
                            "e.g. 'friday to sunday' and 'monday'")
                continue
            for day in parsing.parse_days(key):
                if days[day] is not None:
                    self.report("regions", path + (key,), f"{WEEKDAYS[day]} is listed twice in these hours",
                                "list each day once, e.g. 'monday to thursday' and 'friday' separately")
                    continue
                days[day] = self.intervals("regions", path + (key,), value)
        weekly = tuple(d or () for d in days)
        if not any(weekly) and not any(p.path.startswith(_dotted(path)) for p in self.problems):
            self.report("regions", path + (next(iter(hours)),), "this region has no opening hours on any day",
                        "add its hours, e.g. monday to friday: 09:00-17:00, or remove the region")
        for day in range(7):
            spill = [iv for iv in weekly[day - 1] if iv.crosses_midnight]
            for iv in spill:
                for nxt in weekly[day]:
                    if nxt.start < iv.end - MINUTES_PER_DAY:
                        self.report("regions", path, f"the {WEEKDAYS[day - 1]} hours {'-'.join(iv.hhmm())} run into "
                                    f"{WEEKDAYS[day]} {'-'.join(nxt.hhmm())}", "make the ranges meet without overlapping")
        return weekly

    # A day's time ranges, sorted, with overlaps reported.
    def intervals(self, name: str, path, value) -> tuple:
        if value == "closed":
            return ()
        items = value if isinstance(value, list) else [value]
        parsed = []
        for i, item in enumerate(items):
            where = path + (i,) if isinstance(value, list) else path
            interval = parsing.parse_time_range(item)
            if interval is None:
                self.report(name, where, f"'{item}' has the same opening and closing time",
                            "for a whole day write 00:00-24:00")
                continue
            parsed.append(interval)
        parsed.sort()
        for a, b in zip(parsed, parsed[1:]):
            if b.start < a.end:
                self.report(name, path, f"the time ranges {'-'.join(a.hhmm())} and {'-'.join(b.hhmm())} overlap",
                            "merge them into one range or make them meet")
        return tuple(parsed)

    def _years(self, years) -> int:
        if isinstance(years, float) and not years.is_integer():
            self.report("holidays", ("horizon", "years"), f"{years:g} is not a whole number of years", "write e.g. 2")
        return int(years)

    # Company closures; region ids are None when regions.yml could not be read.
    def _closures(self, hol: dict, region_ids: set | None) -> tuple:
        result = []
        for i, item in enumerate(hol.get("closures") or []):
            path = ("closures", i)
            date = until = None
            if "date" in item:
                date = self._date(path + ("date",), item["date"])
            if "until" in item:
                until = self._date(path + ("until",), item["until"])
                if "date" not in item:
                    self.report("holidays", path + ("until",), "'until' needs a 'date' to start from",
                                "add date: with the first day of the closure")
                elif date and until and until < date:
                    self.report("holidays", path + ("until",), f"the closure ends ({until}) before it starts ({date})",
                                "until is the last day of the closure: swap date and until, or correct the year")
            every_year = None
            if "every_year" in item:
                every_year = self._date(path + ("every_year",), item["every_year"], year=2000)
                every_year = every_year and (every_year.month, every_year.day)
            regions = tuple(item["regions"]) if "regions" in item else None
            for j, reg in enumerate(regions or ()):
                if region_ids is not None and reg not in region_ids:
                    close = difflib.get_close_matches(reg, list(region_ids), n=1)
                    self.report("holidays", path + ("regions", j), f"there is no region '{reg}' in regions.yml",
                                f"did you mean '{close[0]}'?" if close else f"regions are: {', '.join(sorted(region_ids))}")
            hours = self.intervals("holidays", path + ("hours",), item["hours"]) if "hours" in item else None
            # A closure's name may also carry the local name (de: Heiligabend), like public holidays do.
            raw = item["name"]
            extra = {k: v.strip() for k, v in raw.items() if k not in self.languages} if isinstance(raw, dict) else {}
            name = self.text("holidays", path + ("name",),
                             {k: v for k, v in raw.items() if k in self.languages} if isinstance(raw, dict) else raw)
            name = Text(name.values + tuple(extra.items()))
            result.append(Closure(name, date, until, every_year, hours or None, regions))
        return tuple(result)

    # A date as written in holidays.yml (YYYY-MM-DD, or MM-DD of every year), or None after reporting why not.
    def _date(self, path, text: str, year: int | None = None):
        month_day = text.split("-")[-2:]
        try:
            return dt.date.fromisoformat(f"{year}-{text}" if year else text)
        except ValueError:
            pass
        month, day = int(month_day[0]), int(month_day[1])
        example = "12-24" if year else "2026-12-24"
        if not 1 <= month <= 12:
            return self.report("holidays", path, f"'{text}' has no month {month}",
                               f"write the month before the day, as {'MM-DD' if year else 'YYYY-MM-DD'}, e.g. {example}")
        if year:
            last = calendar.monthrange(2000, month)[1]
            return self.report("holidays", path, f"'{text}' is not a day of the year: {calendar.month_name[month]} "
                               f"has {last} days", f"write MM-DD with a real month and day, e.g. {example}")
        last = calendar.monthrange(int(text[:4]), month)[1]
        return self.report("holidays", path, f"{text} is not a date that exists: {calendar.month_name[month]} "
                           f"{text[:4]} has {last} days", f"check the day, e.g. {text[:8]}{last:02d} for the last day")

    def _channels(self, data: dict) -> tuple:
        result, seen = [], set()
        for i, ch in enumerate(data["channels"]):
            path = ("channels", i)
            if ch["id"] in seen:
                self.report("channels", path + ("id",), f"the channel id '{ch['id']}' is used twice", "give each channel its own id")
            seen.add(ch["id"])
            address, kind = ch["address"], ch["type"]
            expected = {"email": "@" in address and not address.startswith("https://"),
                        "phone": address.startswith("+")}.get(kind, address.startswith("https://"))
            if not expected:
                want = {"email": "an email address", "phone": "a phone number starting with +"}.get(kind, "a https:// link")
                self.report("channels", path + ("address",), f"a {kind} channel needs {want}, found '{address}'",
                            "correct the address or the type")
            description = self.text("channels", path + ("description",), ch["description"]) if "description" in ch else None
            result.append(Channel(ch["id"], self.text("channels", path + ("name",), ch["name"]), kind, address, description))
        return tuple(result)

    def _priorities(self, data: dict):
        business_day = parsing.parse_duration(data["business_day"], 0)
        if business_day is None or business_day[2] != "hours" or not 60 <= business_day[0] <= MINUTES_PER_DAY:
            self.report("priorities", ("business_day",), f"'{data['business_day']}' is not a length of day",
                        "write the hours of one business day, e.g. 8 hours")
            business_day = (480, True, "hours")
        minutes_per_day = business_day[0]
        result, seen = [], set()
        for i, p in enumerate(data["priorities"]):
            path = ("priorities", i)
            if p["id"] in seen:
                self.report("priorities", path + ("id",), f"the priority id '{p['id']}' is used twice", "give each priority its own id")
            seen.add(p["id"])
            around = p["coverage"] == "around the clock"
            targets = {key: self._target(path + (key,), p[key], around, minutes_per_day)
                       for key in ("first_response", "update_interval") if key in p}
            result.append(Priority(
                p["id"], self.text("priorities", path + ("name",), p["name"]),
                self.text("priorities", path + ("definition",), p["definition"]),
                self.texts("priorities", path + ("examples",), p["examples"]),
                targets["first_response"], targets.get("update_interval"), around, bool(p.get("default", False)),
            ))
        defaults = [i for i, p in enumerate(result) if p.default]
        if not defaults:
            self.report("priorities", ("priorities",), "no priority has default: true",
                        "mark the priority most tickets have with default: true")
        for i in defaults if len(defaults) > 1 else ():
            self.report("priorities", ("priorities", i, "default"),
                        f"exactly one priority needs default: true (found {len(defaults)})",
                        "keep default: true on the priority most tickets have and remove the others")
        return minutes_per_day, tuple(result)

    def _target(self, path, text, around: bool, minutes_per_day: int) -> Target:
        parsed = parsing.parse_duration(text, MINUTES_PER_DAY if around else minutes_per_day)
        if parsed is None:
            self.report("priorities", path, f"'{text}' is not a length of time support can promise",
                        "write more than zero, in whole minutes, e.g. 30 minutes, 1.5 hours or 2 business days")
            return Target(1, not around, text)
        minutes, business, kind = parsed
        if around and business:
            self.report("priorities", path, f"'{text}' counts business time, but this priority is covered around the clock",
                        f"write '{text.replace('business ', '')}' or change coverage to business hours")
        return Target(minutes, not around, text)


def _clean(checker: _Checker, name: str) -> bool:
    prefix = f"{checker.label}/{name}.yml"
    return name in checker.docs and checker.docs[name].data is not None and not any(p.file == prefix for p in checker.problems)


def _dotted(path) -> str:
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _describe(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of keys"
    return f"'{value}'"
