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
import json
from pathlib import Path

import jsonschema
from referencing import Registry, Resource

from . import closures as closures_, yamlload
from .checks import channels, company, holidays, maintenance, priorities, process, regions
from .checks.context import Context, Problem
from .checks.structure import schema_problem
from .model import Policy

__all__ = ["FILES", "PolicyError", "Problem", "load_policy", "schema_validator"]

# The policy files, in the order their problems are reported.
FILES = ("company", "regions", "holidays", "channels", "priorities", "process", "maintenance")
SCHEMA_DIR = Path(__file__).resolve().parent.parent.parent / "policy" / "schema"


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
    ctx = Context(directory, label)
    _read(ctx)
    policy = _build(ctx, today)
    if ctx.problems:
        raise PolicyError(ctx.problems)
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


# Parse each file, then check each against its schema (after all are read: a suggestion may come
# from another file, e.g. the region ids a closure names).
def _read(ctx: Context) -> None:
    for path in sorted(ctx.directory.glob("*.y*ml")):
        name = path.name.rsplit(".", 1)[0]
        if name not in FILES:
            close = difflib.get_close_matches(name, FILES, n=1)
            ctx.problems.append(Problem(
                f"{ctx.label}/{path.name}", 1, "", "this file is not read by the portal",
                f"rename it to {close[0]}.yml" if close else f"policy files are: {', '.join(f + '.yml' for f in FILES)}",
            ))
    for name in FILES:
        path = ctx.directory / f"{name}.yml"
        if not path.exists():
            ctx.problems.append(Problem(f"{ctx.label}/{name}.yml", 1, "", "the file is missing",
                                        f"restore {name}.yml from the repository"))
            continue
        doc = yamlload.load(path, f"{ctx.label}/{name}.yml")
        ctx.docs[name] = doc
        for line, message, fix in doc.problems:
            ctx.report(name, (), message, fix, line=line)
    for name, doc in ctx.docs.items():
        if doc.data is not None:
            for error in schema_validator(name).iter_errors(doc.data):
                schema_problem(ctx, name, error)


# Check what the schemas cannot, in every part that passed them, and build the model when nothing is wrong.
def _build(ctx: Context, today: dt.date) -> Policy | None:
    company.languages(ctx)
    site = company.check(ctx)
    calendars, calendar_ids = holidays.calendars(ctx)
    regions_, region_ids = regions.check(ctx, calendar_ids)
    priority_ids, priority_names = priorities.ids(ctx)
    known = channels.Known(regions_, region_ids, calendar_ids, priority_ids, priority_names)
    channels_, channel_ids = channels.check(ctx, known)
    closures = holidays.closures(ctx, ctx.languages, region_ids, channel_ids)
    holidays.closure_channels(ctx, closures, channels_)
    years = holidays.years(ctx)
    business_day, priorities_ = priorities.check(ctx)
    priorities.via(ctx, priorities_, channels_, channel_ids)
    steps, duties = process.check(ctx)
    maint = maintenance.check(ctx)
    if ctx.problems:
        return None
    policy = Policy(
        **site, languages=ctx.languages, translation_fallback=ctx.fallback,
        regions=tuple(regions_), calendars=tuple(calendars), closures=tuple(closures),
        horizon_years=years, today=today,
        channels=tuple(channels_), business_day_minutes=business_day, priorities=tuple(priorities_),
        resolution_steps=steps, customer_duties=duties, **maint,
    )
    overrides, conflicts = closures_.region_overrides(policy)
    reported_before = {index for index, _ in conflicts}
    for index, message in conflicts:
        ctx.report("holidays", ("closures", index), message, "keep one entry per date and region")
    policy.overrides.update(overrides)
    overrides, conflicts = closures_.channel_overrides(policy)
    for index, message in conflicts:
        if index not in reported_before:
            ctx.report("holidays", ("closures", index), message, "keep one entry per date and channel")
    policy.channel_overrides.update(overrides)
    return policy
