# The published JSON Schemas (what editors check) and the build's validator agree.

import json
import re

import jsonschema
import pytest

from conftest import ROOT
from supportportal import yamlload
from supportportal.loading import FILES, PolicyError, load_policy, schema_validator
from test_policy_validation import CASES, CHANNEL_CASES, TODAY, broken_policy

SCHEMAS = ROOT / "policy" / "schema"

# Mistakes no JSON Schema can see: they need the zone database, other files, or arithmetic.
ONLY_THE_VALIDATOR = {
    "zone that does not exist", "overlapping intervals", "day listed twice", "same opening and closing time",
    "duplicate region id", "unknown holiday calendar", "duplicate key", "email channel with a link",
    "business time around the clock", "one business hour around the clock, written singular", "two default priorities", "unknown language", "holiday subdivision",
    "missing translation", "text in one language only", "days running backwards", "two days running backwards",
    "region without hours",
    "target of zero", "placeholder in a policy text", "blank text",
    # Channels: the zone database, other files, and which keys go together.
    "channel zone that does not exist", "channel hours without zone", "channel zone without hours",
    "channel hours overlap", "channel without hours on any day", "channel hours of an unknown region",
    "channel with its own hours and a region's", "channel holidays of an unknown calendar",
    "channel holidays without hours", "channel for an unknown priority", "channel hours without outside_hours",
    "channel outside_hours without hours", "priority via an unknown channel",
    "priority in business hours via a channel around the clock", "closure of an unknown channel",
    "closure of a channel around the clock",
}
ALL_CASES = {**CASES, **CHANNEL_CASES}


@pytest.mark.parametrize("name", FILES)
def test_schemas_are_valid_and_name_their_file(name):
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["title"].startswith(f"policy/{name}.yml")
    # Each policy file points editors at its schema (yaml-language-server modeline).
    first_line = (ROOT / "policy" / f"{name}.yml").read_text().splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema=schema/{name}.schema.json"


def test_default_policy_passes_both():
    for name in FILES:
        data = yamlload.load(ROOT / "policy" / f"{name}.yml").data
        assert list(schema_validator(name).iter_errors(data)) == [], name
    load_policy(ROOT / "policy", TODAY)


def schema_paths(directory, file):
    doc = yamlload.load(directory / file)
    if doc.data is None:
        return None
    return [tuple(e.absolute_path) for e in schema_validator(file[:-4]).iter_errors(doc.data)]


@pytest.mark.parametrize("case", sorted(ALL_CASES))
def test_schema_and_validator_agree_on_each_mistake(tmp_path, case):
    file, old, new, *_ = ALL_CASES[case]
    directory = broken_policy(tmp_path, file, old, new)
    with pytest.raises(PolicyError) as info:
        load_policy(directory, TODAY)
    reported = {p.path for p in info.value.problems if p.file == f"policy/{file}"}
    paths = schema_paths(directory, file)
    if paths is None:  # not readable as data at all: editors and validator both reject the file
        assert any(p.file == f"policy/{file}" and p.line >= 1 for p in info.value.problems)
        return
    if case in ONLY_THE_VALIDATOR:
        assert paths == [], f"the schema now catches {case}: move it out of ONLY_THE_VALIDATOR"
        assert reported
        return
    assert paths, f"the schema misses {case}"
    # Every schema error appears in the validator's report at the same key (or a key below it).
    for path in paths:
        dotted = re.sub(r"\.(\d+)", lambda m: f"[{int(m.group(1)) + 1}]", ".".join(map(str, path)))
        assert any(r == dotted or r.startswith(dotted) for r in reported), (dotted, reported)


# Every value format a schema checks (pattern, enum, format) has words for editors, never the
# regular expression: yaml-language-server shows patternErrorMessage / errorMessage instead.
def _checked_formats(node, where=""):
    if isinstance(node, dict):
        if any(key in node for key in ("pattern", "enum", "format")):
            yield where, node
        for key, value in node.items():
            yield from _checked_formats(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _checked_formats(value, f"{where}/{i}")


@pytest.mark.parametrize("schema", sorted(p.name for p in SCHEMAS.glob("*.schema.json")))
def test_every_checked_format_has_a_message_for_editors(schema):
    found = list(_checked_formats(json.loads((SCHEMAS / schema).read_text(encoding="utf-8"))))
    for where, node in found:
        message = node.get("patternErrorMessage") if "pattern" in node else node.get("errorMessage")
        assert message, f"{schema}{where} has no {'patternErrorMessage' if 'pattern' in node else 'errorMessage'}"
        assert not re.search(r"[\^$\\]|\[[a-z0-9]-", message), f"{schema}{where}: {message!r} reads like a regex"
        assert message[0].isupper() and message.endswith("."), message
    assert found or schema in ("process.schema.json", "maintenance.schema.json")


# The editor says what the build says: the key words of the build's fix are in the schema's message.
SAME_WORDS = {
    ("regions.schema.json", "zone"): "use an IANA time zone name such as 'Europe/Berlin'",
    ("common.schema.json", "timeRange"): "write it as '09:00-17:00' (24-hour time, opening-closing)",
    ("common.schema.json", "id"): "lowercase letters, digits and hyphens, starting with a letter",
    ("common.schema.json", "date"): "write dates as YYYY-MM-DD, e.g. 2026-12-24",
    ("common.schema.json", "duration"): "write e.g. 30 minutes, 4 hours or 2 business days",
    ("company.schema.json", "url"): "write it as https://host/",
    ("regions.schema.json", "hours"): "use monday ... sunday, 'monday to friday' or 'every day', in lowercase",
    ("channels.schema.json", "address"): "write a https:// link, an address like support@example.com, or a number starting with +",
    ("holidays.schema.json", "every_year"): "write it as MM-DD, e.g. 12-24",
}


@pytest.mark.parametrize("schema, key", sorted(SAME_WORDS))
def test_editor_messages_use_the_builds_words(schema, key):
    messages = [node.get("patternErrorMessage") or node.get("errorMessage")
                for where, node in _checked_formats(json.loads((SCHEMAS / schema).read_text(encoding="utf-8")))
                if f"/{key}/" in where + "/"]
    assert any(SAME_WORDS[schema, key] in (m or "") for m in messages), messages
    source = (ROOT / "hooks" / "supportportal" / "checks" / "structure.py").read_text(encoding="utf-8")
    words = SAME_WORDS[schema, key].split("'09:00-17:00'")[0]
    assert words in source or key == "zone", f"the build no longer says {words!r}"


# `mkdocs serve` builds again in the same process: an edited schema file is read again, an
# unchanged one is not.
def test_an_edited_schema_is_read_again(tmp_path):
    import shutil

    from supportportal import yamlload

    folder = tmp_path / "schema"
    shutil.copytree(ROOT / "policy" / "schema", folder)
    regions = yamlload.load(ROOT / "policy" / "regions.yml").data
    first = schema_validator("regions", folder)
    assert schema_validator("regions", folder) is first and not list(first.iter_errors(regions))
    path = folder / "regions.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({key: schema[key] for key in ("$schema", "$id")} | {"required": ["edited"]}), encoding="utf-8")
    assert [e.message for e in schema_validator("regions", folder).iter_errors(regions)] == ["'edited' is a required property"]
    # The same size and modification time, other contents: read again too.
    import os

    info = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace('"edited"', '"edxted"'), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size
    assert [e.message for e in schema_validator("regions", folder).iter_errors(regions)] == ["'edxted' is a required property"]
