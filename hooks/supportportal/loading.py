# Loading and validating policy/*.yml: every problem at once, each naming file, line, key and fix.
#
# Structure (keys, types, formats) is checked against the published JSON Schemas in
# policy/schema/, the same ones editors use; what a schema cannot say (a zone that does not exist,
# overlapping hours, a region that is referenced but not defined) is checked after it, one module
# of checks/ per file. A structural problem skips the checks of that key only: every other entry
# and file is still checked, so one run reports every problem.

from __future__ import annotations

import datetime as dt
import difflib
import functools
import hashlib
import importlib.util
import json
import marshal
import os
import pickle
import re
import stat
import sys
import zoneinfo
from pathlib import Path

from . import cache, closures as closures_, dated, yamlload
from .checks import channels, company, holidays, maintenance, notices, priorities, process, regions
from .checks import dated as dated_checks
from .checks.context import Context, Problem
from .checks.structure import misplaced_keys, schema_problem
from .checks.values import character_problem, is_text, skipped
from .model import Policy, horizon_end, horizon_start, zones as model_zones

__all__ = ["FILES", "PolicyError", "Problem", "SchemaFileError", "load_policy", "schema_validator"]

# The policy files, in the order their problems are reported.
FILES = ("company", "regions", "holidays", "channels", "priorities", "process", "maintenance", "notices")
# Files a project may leave out: without notices.yml there are no notices.
OPTIONAL = ("notices",)
SCHEMA_DIR = Path(__file__).resolve().parent.parent.parent / "policy" / "schema"


class PolicyError(Exception):
    # `settings`: company.yml's (languages, fallback for missing translations) where they could be
    # read, so the catalogs are checked in the same run. `pages`: the checks of the pages that need
    # no policy (pages.Pages), set by site.Portal where it can make them.
    pages = None

    def __init__(self, problems, settings: tuple | None = None):
        self.settings = settings
        self.problems = sorted(set(problems), key=lambda p: (FILES.index(p.file.split("/")[-1][:-4])
                                                             if p.file.split("/")[-1][:-4] in FILES else 99,
                                                             p.line, p.path, p.message))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = f"The support policy has {count} problem{'s' if count != 1 else ''}; nothing was published:"
        return "\n".join([head, *(f"  - {p}" for p in self.problems)])


# Read, validate and model every policy file in `directory`; raise PolicyError listing all problems.
# `built_at`: the build's instant (SOURCE_DATE_EPOCH or the clock), which no notice's `updated` may
# be after; without it 00:00 UTC of `today`, the instant a model without one is built for.
def load_policy(directory: Path, today: dt.date, label: str = "policy", built_at: dt.datetime | None = None) -> Policy:
    built_at = built_at or dt.datetime.combine(today, dt.time(0), dt.timezone.utc)
    ctx = Context(directory, label)
    _read(ctx)
    key = None if ctx.problems else _model_key(ctx, today, built_at)
    policy = _kept_model(key) if key else None
    if policy is not None:
        return policy
    policy = _build(ctx, today, built_at)
    if ctx.problems:
        raise PolicyError(ctx.problems, (ctx.languages, ctx.fallback) if ctx.check_languages else None)
    if key:
        zones = {zone: cache.zone_data(zone) for zone in model_zones(policy)}
        cache.put(key, pickle.dumps((zones, policy), protocol=pickle.HIGHEST_PROTOCOL))
    return policy


# The model of a policy that passed every check is kept between builds (the checks, the holiday
# package's calendars: a build of unchanged files imports neither), found by what it is made of:
# every file's parsed content, the build date, the holidays package (and python-dateutil, its
# Easter), Babel and Python's version (cache.py adds the portal's own). The zones' data it was made with are kept with it and
# compared: a changed zone (a tzdata update) makes it again. The build's instant too while a
# notice's `updated` lies on the day before the build date or later (in some zone it may be after
# the instant): a model kept from a later build of the day would let it pass.
def _model_key(ctx: Context, today: dt.date, built_at: dt.datetime) -> tuple | None:
    if any(doc.data is None for doc in ctx.docs.values()):
        return None
    files = [(name, hashlib.sha256(repr(doc.data).encode("utf-8", "surrogatepass")).hexdigest())
             for name, doc in sorted(ctx.docs.items())]
    recent = (today - dt.timedelta(days=1)).isoformat()
    items = ctx.get("notices", ("notices",))
    updated = [item.get("updated") for item in items if isinstance(item, dict)] if isinstance(items, list) else []
    instant = built_at.isoformat() if any(isinstance(u, str) and u[:10] >= recent for u in updated) else ""
    return ("model", ctx.label, json.dumps(files), today.isoformat(), instant,
            packages(("holidays", "dateutil=python-dateutil", "babel")), sys.version)


def _kept_model(key: tuple) -> Policy | None:
    found = cache.get(key)
    if found is None:
        return None
    try:
        zones, policy = pickle.loads(found)
    except Exception:  # an entry of an older Python or model: made again
        return None
    if not isinstance(policy, Policy) or any(cache.zone_data(zone) != data for zone, data in zones.items()):
        return None
    return policy


# The JSON Schema of one policy file, resolving $refs to common.schema.json; SchemaFileError
# when a schema file is missing or broken. Kept while the folder's schema files are unchanged
# (`mkdocs serve` rebuilds in one process while someone edits them); `state` is
# schema_state(schema_dir), computed once for all the files of a policy.
def schema_validator(name: str, schema_dir: Path = SCHEMA_DIR, state: tuple | None = None):
    return _schema_validator(name, schema_dir, schema_state(schema_dir) if state is None else state)


def schema_state(schema_dir: Path) -> tuple:
    return yamlload.files_state(sorted(schema_dir.glob("*.schema.json")))


@functools.lru_cache(maxsize=64)
def _schema_validator(name: str, schema_dir: Path, state: tuple):
    import jsonschema  # only when a file is validated: a build of validated files does without
    from referencing import Registry, Resource

    resources = []
    for path in sorted(schema_dir.glob("*.schema.json")):
        contents = _schema_file(path)
        resource = Resource.from_contents(contents)
        resources += [(contents["$id"], resource), (path.name, resource)]
    registry = Registry().with_resources(resources)
    schema = _schema_file(schema_dir / f"{name}.schema.json")
    try:
        _validator_class().check_schema(schema)
    except jsonschema.SchemaError as error:
        raise SchemaFileError(f"{name}.schema.json", f"it is not a valid JSON Schema: {error.message}") from None
    return _validator_class()(schema, registry=registry)


class SchemaFileError(Exception):
    def __init__(self, file: str, reason: str):
        self.file, self.reason = file, reason
        super().__init__(f"{file}: {reason}")


# One schema file as JSON, or SchemaFileError naming it.
def _schema_file(path: Path) -> dict:
    try:
        contents = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SchemaFileError(path.name, "the schema file is missing") from None
    except (OSError, UnicodeDecodeError) as error:
        raise SchemaFileError(path.name, f"the schema file cannot be read ({error})") from None
    except json.JSONDecodeError as error:
        raise SchemaFileError(path.name, f"the schema file is not valid JSON: {error.msg} (line {error.lineno})") from None
    if not isinstance(contents, dict) or not isinstance(contents.get("$id"), str):
        raise SchemaFileError(path.name, "the schema file has no $id")
    return contents


# A schema `pattern` is an ECMA regex (for editors): its `$` is the end of the text. Python's `$`
# also matches before a final line break, so "emea\n" would pass ^[a-z]+$; here `$` means \Z.
@functools.cache
def _ecma_pattern(pattern: str) -> re.Pattern:
    out, i, in_class = [], 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        out.append(r"\Z" if char == "$" and not in_class else char)
        i += 1
    return re.compile("".join(out))


def _pattern(validator, pattern, instance, schema):
    if validator.is_type(instance, "string") and not _ecma_pattern(pattern).search(instance):
        import jsonschema

        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


# Draft 2020-12 with ECMA patterns.
@functools.cache
def _validator_class():
    import jsonschema
    from jsonschema import validators

    return validators.extend(jsonschema.Draft202012Validator, {"pattern": _pattern})


# Parse each file, then check each against its schema (after all are read: a suggestion may come
# from another file, e.g. the region ids a closure names).
def _read(ctx: Context) -> None:
    meant = {}  # policy file -> the file not read that was meant for it (regions.yaml, channel.yml)
    for path in yaml_files(ctx.directory):
        name, suffix = path.name.rsplit(".", 1)
        if name in FILES and suffix == "yml":
            continue
        # notices.yaml, notices.YML: the name is right, the extension is not, whatever its keys.
        close = name if name in FILES else _meant_file(path, name)
        target = ctx.directory / f"{close}.yml"
        if close and (target.exists() or target.is_symlink()):
            fix = f"move what it holds into {close}.yml, then delete {path.name}"
        elif close:
            fix = f"rename it to {close}.yml"
            meant.setdefault(close, path.name)
        else:
            fix = (f"move it out of {ctx.label}/ (a note belongs in a comment: # ...); the portal reads "
                   + ", ".join(f + ".yml" for f in FILES))
        ctx.problems.append(Problem(f"{ctx.label}/{path.name}", 1, "", "this file is not read by the portal", fix))
    for name in FILES:
        path = ctx.directory / f"{name}.yml"
        if not path.exists() and not path.is_symlink():
            if name in OPTIONAL:
                continue
            ctx.problems.append(Problem(f"{ctx.label}/{name}.yml", 1, "", "the file is missing",
                                        f"rename {meant[name]} to {name}.yml" if name in meant else
                                        f"restore {name}.yml from the repository"))
            continue
        if not _inside_project(ctx, name, path):
            continue
        doc = load_file(path, f"{ctx.label}/{name}.yml")
        ctx.docs[name] = doc
        for line, message, fix, where in doc.problems:
            ctx.report(name, where, message, fix, line=line)
    schemas: dict = {}  # the state of the schema folder, read once for every file
    for name, doc in ctx.docs.items():
        if doc.data is None:
            continue
        # A file whose content passed these checks before, against the same schemas, passes again.
        key = _validated_key(ctx, name, doc.data, schemas)
        if cache.get(key) == b"valid":
            continue
        validator = _validator(ctx, name, schemas)
        if validator is None:
            continue
        before = len(ctx.problems)
        unreadable = _characters(ctx, name, (), doc.data)
        errors = [error for error in validator.iter_errors(doc.data)
                  if not any(tuple(error.absolute_path)[:len(bad)] == bad for bad in unreadable)]
        misplaced = misplaced_keys(ctx, name, validator, errors)
        for error in errors:
            schema_problem(ctx, name, error, misplaced)
        if len(ctx.problems) == before and not ctx.broken.get(name):
            cache.put(key, b"valid")


# The YAML files of the policy folder (.yml or .yaml, in any case), by name.
def yaml_files(directory: Path) -> list[Path]:
    try:
        entries = sorted(directory.iterdir())
    except OSError:
        return []
    return [path for path in entries if path.suffix.lower() in (".yml", ".yaml")]


# What a file's checks against its schema depend on: its content (the parsed data: the same bytes
# give the same data, and a change while reading cannot pair new bytes with an old result), the
# schema folder's files, and the validator's packages; cache.py adds the portal's own version.
def _validated_key(ctx: Context, name: str, data, state: dict) -> tuple:
    folder = _schema_folder(ctx)
    if folder not in state:
        state[folder] = schema_state(folder)
    schemas = [(Path(entry[0]).name, entry[-1]) for entry in state[folder]]
    content = hashlib.sha256(repr(data).encode("utf-8", "surrogatepass")).hexdigest()
    return ("validated", name, content, json.dumps(schemas), _validator_packages())


# The installed jsonschema and referencing (read without importing them).
def _validator_packages() -> str:
    return packages(("jsonschema", "referencing"))


# Installed packages, read without importing them: part of the key of what is kept between
# builds where a result depends on them. Each is named by its import name, with its name on PyPI
# where that differs ("dateutil=python-dateutil"). A package is known by the RECORD of its
# distribution (every file it installed, with the file's hash) when that sits beside the package
# Python imports, alone; else (an editable install, a checkout on the path, no RECORD, two
# versions side by side) by the size and time of every file of the package's folder.
@functools.cache
def packages(names: tuple) -> str:
    return " ".join(f"{name}:{_installed(*name.split('='))}" for name in names)


def _installed(module: str, distribution: str | None = None) -> str:
    try:
        spec = importlib.util.find_spec(module)
        origin = Path(spec.origin)
    except (AttributeError, ValueError, ImportError, TypeError):
        return "?"
    package = origin.parent if origin.name == "__init__.py" else origin
    wanted = re.sub(r"[-_.]+", "_", distribution or module).lower()
    try:
        infos = [entry for entry in os.listdir(package.parent) if entry.endswith(".dist-info")
                 and re.sub(r"[-_.]+", "_", entry.split("-")[0]).lower() == wanted]
        if len(infos) == 1:
            info = package.parent / infos[0]
            editable = b'"editable": true' in (info / "direct_url.json").read_bytes() \
                if (info / "direct_url.json").is_file() else False
            record = (info / "RECORD").read_bytes()
            if not editable and (f"{package.name}/".encode() in record or f"{package.name},".encode() in record):
                return hashlib.sha256(record).hexdigest()
    except OSError:
        pass
    return _files_state(package)


def _files_state(package: Path) -> str:
    digest = hashlib.sha256()
    paths = [package] if package.is_file() else sorted(package.rglob("*"))
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            continue
        digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode("utf-8", "surrogatepass"))
    return "files:" + digest.hexdigest()


# A policy file or a catalog parsed once per content (its bytes; cache.py adds the portal's
# version), kept with the line and column of every key: a file with problems is parsed again every
# time, so that they are reported again.
# `trusted` only for the portal's own files (yamlload.load).
def load_file(path: Path, label: str, trusted: bool = False) -> yamlload.Document:
    raw = _file_bytes(path)
    if raw is None:  # not a regular file of a sane size: the loader says why
        return yamlload.load(path, label, trusted)
    limits = [getattr(yamlload, name, None) for name in ("MAX_BYTES", "MAX_DEPTH", "MAX_VALUES")]
    key = ("parsed", label, hashlib.sha256(raw).hexdigest(), repr(limits), str(trusted), packages(("yaml=PyYAML",)))
    found = cache.get(key)
    if found is not None:
        try:
            data, lines, columns, comments = marshal.loads(found)
            return yamlload.Document(label, data, dict(lines), columns=dict(columns), comments=dict(comments))
        except (ValueError, EOFError, TypeError):
            pass
    doc = yamlload.load(path, label, trusted)
    if doc.data is not None and not doc.problems and _file_bytes(path) == raw:
        try:
            cache.put(key, marshal.dumps((doc.data, list(doc.lines.items()), list(doc.columns.items()),
                                          list(doc.comments.items()))))
        except ValueError:  # a value marshal cannot hold: parsed every time
            pass
    return doc


# The bytes of a regular file of at most yamlload.MAX_BYTES, else None; never waits on a pipe.
def _file_bytes(path: Path) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > yamlload.MAX_BYTES:
            return None
        with os.fdopen(os.dup(fd), "rb") as handle:
            raw = handle.read(yamlload.MAX_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return raw if len(raw) <= yamlload.MAX_BYTES else None


# The policy file an unknown file is a misspelling of: a name close to it (channel.yml) whose
# keys it holds (channels:); notes.yml with other keys is not notices.yml.
def _meant_file(path: Path, name: str) -> str | None:
    close = difflib.get_close_matches(name, FILES, n=1)
    if not close or not path.is_file() or path.is_symlink():
        return None
    data = yamlload.load(path).data
    try:
        keys = set(_schema_file(SCHEMA_DIR / f"{close[0]}.schema.json").get("properties", {}))
    except SchemaFileError:
        return None
    return close[0] if isinstance(data, dict) and keys & set(data) else None


# A policy file may be a symlink only to a file of the project itself: the build never reads,
# and so never echoes, a file from elsewhere.
def _inside_project(ctx: Context, name: str, path: Path) -> bool:
    if not path.is_symlink():
        return True
    project = ctx.directory.resolve().parent
    if path.resolve().is_relative_to(project):
        return True
    ctx.problems.append(Problem(f"{ctx.label}/{name}.yml", 1, "",
                                "this is a link to a file outside the project, which is not read",
                                f"replace the link with the file itself (restore {name}.yml from the repository)"))
    return False


# The validator of one file from <policy>/schema/ (the portal's own schemas for a policy folder
# without one, as tests and examples have), or None after reporting why there is none.
def _validator(ctx: Context, name: str, state: dict):
    folder = _schema_folder(ctx)
    if folder not in state:
        state[folder] = schema_state(folder)
    try:
        return schema_validator(name, folder, state[folder])
    except SchemaFileError as error:
        ctx.problems.append(Problem(f"{ctx.label}/schema/{error.file}", 1, "", error.reason,
                                    f"restore {ctx.label}/schema/{error.file} from the repository"))
    return None


def _schema_folder(ctx: Context) -> Path:
    folder = ctx.directory / "schema"
    return folder.resolve() if folder.is_dir() else SCHEMA_DIR


# Characters no policy value may hold: line breaks where a value is one line, control
# characters, texts that show nothing. Reports them and returns their key paths (whose schema
# problems would only repeat the same mistake in worse words).
def _characters(ctx: Context, name: str, path, value) -> list:
    if isinstance(value, dict):
        return [bad for key, item in value.items() for bad in _characters(ctx, name, path + (key,), item)]
    if isinstance(value, list):
        return [bad for i, item in enumerate(value) for bad in _characters(ctx, name, path + (i,), item)]
    if not isinstance(value, str) or value == "":
        return []
    problem = character_problem(value, multiline=is_text(path))
    if problem:
        ctx.report(name, path, *problem)
        ctx.mark_broken(name, path)
        return [tuple(path)]
    return []


# Check what the schemas cannot, in every part that passed them, and build the model when nothing is wrong.
def _build(ctx: Context, today: dt.date, built_at: dt.datetime) -> Policy | None:
    company.languages(ctx)
    site = company.check(ctx)
    calendars, calendar_ids = holidays.calendars(ctx)
    regions_, region_ids = regions.check(ctx, calendar_ids)
    priority_ids, priority_names = priorities.ids(ctx)
    known = channels.Known(regions_, region_ids, calendar_ids, priority_ids, priority_names, today)
    channels_, channel_ids = channels.check(ctx, known)
    closures = holidays.closures(ctx, ctx.languages, region_ids, channel_ids)
    holidays.closure_channels(ctx, closures, channels_)
    years = holidays.years(ctx)
    # The last published day (None while horizon.years is broken, or past the year 9999: reported below).
    last = horizon_end(today, years) if years and today.year + years - 1 <= dt.MAXYEAR else None
    business_day, priorities_ = priorities.check(ctx)
    priorities.via(ctx, priorities_, channels_, channel_ids)
    steps, duties = process.check(ctx)
    maint = maintenance.check(ctx)
    notices_ = notices.check(ctx, regions_, region_ids, channel_ids, today, built_at, last)
    # Holiday names a language lacks are listed with the other problems, not in a later run.
    names_checked = bool(ctx.problems) and _names_checkable(calendars, years, today)
    if names_checked:
        holidays.holiday_names(ctx, calendars, horizon_start(today), last)
    if ctx.problems:
        return None
    holidays.past_closures(ctx, closures, today, dt.date(today.year, 1, 1))  # the holiday page's first day
    channels.retired(ctx, channels_, today)
    dated_checks.past_changes(ctx, today)
    if last is not None:  # items wholly after the published years
        holidays.future_closures(ctx, closures, last)
        dated_checks.future_changes(ctx, last)
        channels.not_yet(ctx, channels_, today, last, site["announce_days"])
    policy = Policy(
        **site, languages=ctx.languages, translation_fallback=ctx.fallback,
        regions=tuple(regions_), calendars=tuple(calendars), closures=tuple(closures),
        horizon_years=years, today=today,
        channels=tuple(channels_), business_day_minutes=business_day, priorities=tuple(priorities_),
        resolution_steps=steps, customer_duties=duties, **maint, notices=notices_,
        notes=tuple(sorted(ctx.notes, key=lambda n: (FILES.index(n.file.split("/")[-1][:-4]), n.line, n.path))),
    )
    if not _years_known(ctx, policy):
        return None
    policy = dated.rebase(policy)
    if not names_checked:
        holidays.holiday_names(ctx, policy.calendars, *policy.horizon)
    if ctx.problems:
        return None
    overrides, conflicts = closures_.region_overrides(policy)
    reported_before = {index for index, _ in conflicts}
    for index, message in conflicts:
        ctx.report("holidays", ("closures", index), message, "keep one entry per date and region")
    _special_hours_exist(ctx, policy)
    policy.overrides.update(overrides)
    overrides, conflicts = closures_.channel_overrides(policy)
    for index, message in conflicts:
        if index not in reported_before:
            ctx.report("holidays", ("closures", index), message, "keep one entry per date and channel")
    policy.channel_overrides.update(overrides)
    return policy


# Whether holiday names can be checked while other parts have problems: calendars that loaded,
# and published years the holidays package knows (else that is reported, once the rest is fixed).
def _names_checkable(calendars, years, today: dt.date) -> bool:
    if not calendars or not years or today.year + years - 1 > 9999 or None in calendars:
        return False
    for cal in calendars:
        try:
            known = closures_.country_class(cal.country)(subdiv=cal.subdivision)
        except Exception:  # an unknown country or subdivision: reported by the calendar's own check
            return False
        if horizon_start(today).year < known.start_year or today.year + years - 1 > known.end_year:
            return False
    return True


# The published years lie within the years the holidays package knows for each calendar: past
# its last year it returns no holidays at all, which would read as "open every day".
def _years_known(ctx: Context, policy: Policy) -> bool:
    first, last = horizon_start(policy.today).year, policy.today.year + policy.horizon_years - 1
    if last > 9999:
        ctx.report("holidays", ("horizon", "years"), f"the build date ({policy.today}) and {policy.horizon_years} "
                   f"years run past the year 9999", "check SOURCE_DATE_EPOCH: it is seconds since 1970")
        return False
    for i, cal in enumerate(policy.calendars):
        known = closures_.country_class(cal.country)(subdiv=cal.subdivision)
        start, end = known.start_year, known.end_year
        if first < start or last > end:
            ctx.report("holidays", ("calendars", i, "country"),
                       f"the calendar '{cal.id}' would publish {first} to {last}, but the holidays package "
                       f"knows the holidays of {cal.country} only from {start} to {end}",
                       "update the holidays package (requirements.txt), or check the build date "
                       f"({policy.today}, from SOURCE_DATE_EPOCH if set)")
    return not ctx.problems


# Special hours at wall times that do not exist that day (the hour skipped when clocks go
# forward) would be published as an opening that never happens: in a region's zone, or in the
# zone of a channel with hours of its own.
def _special_hours_exist(ctx: Context, policy: Policy) -> None:
    first, last = policy.horizon
    owners = [(f"region {r.id}", r.zone, {"region": r.id}) for r in policy.regions]
    owners += [(f"channel {c.id}", c.schedule.zone, {"region": c.schedule.region, "channel": c.id})
               for c in policy.channels if c.schedule is not None]
    reported = set()
    for owner, zone, applies in owners:
        tz = zoneinfo.ZoneInfo(zone)
        for index, closure in enumerate(policy.closures):
            if not closure.hours or not closure.applies_to(**applies):
                continue
            for date in closures_.closure_dates(closure, first, last):
                for iv in closure.hours:
                    for minutes in (iv.start, iv.end):
                        moment = dt.datetime.combine(date, dt.time()) + dt.timedelta(minutes=minutes)
                        gap = skipped(moment, tz)
                        if gap is None or (index, date) in reported:
                            continue
                        reported.add((index, date))
                        begin, end = (f"{t:%H:%M}" for t in gap)
                        ctx.report("holidays", ("closures", index, "hours"),
                                   f"on {moment.date()} the clocks in {zone} ({owner}) go forward "
                                   f"from {begin} to {end}, so {moment:%H:%M} does not exist that day",
                                   f"open and close outside {begin}-{end} that day, e.g. from {end}")
