# Careless and hostile policy edits: each one either stops with a clear problem (file, line, key
# path, fix) or publishes correct data; none crashes, hangs or publishes something wrong.

import datetime as dt
import json
import os
import shutil
import time
from pathlib import Path

import icalendar
import pytest

from conftest import ROOT, copy_project, run_build
from supportportal import feed, ics, render
from supportportal.loading import PolicyError, load_policy, schema_validator
from test_policy_validation import edit
from timelimit import time_limit

TODAY = dt.date(2026, 11, 27)


# A copy of the default policy inside a project folder of its own.
@pytest.fixture
def policy(tmp_path) -> Path:
    directory = tmp_path / "project" / "policy"
    shutil.copytree(ROOT / "policy", directory)
    return directory


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line and not line.lstrip().startswith("#"):
            return number
    raise AssertionError(f"{needle!r} not in {path.name}")


# A hang fails at the limit: far above what a load takes (well under a second), as a shared
# machine under a full test run can be many times slower.
def load(directory: Path, today: dt.date = TODAY, seconds: float = 30):
    with time_limit(seconds, "loading the policy"):
        return load_policy(directory, today)


def problems_for(directory: Path, today: dt.date = TODAY, seconds: float = 30) -> list:
    with pytest.raises(PolicyError) as info:
        load(directory, today, seconds)
    return info.value.problems


# The one problem at `path`; every problem must name a file and a line and carry a fix.
def problem_at(problems, path: str):
    for p in problems:
        assert p.file.startswith("policy/") and p.line >= 1 and p.fix, str(p)
    found = [p for p in problems if p.path == path]
    assert found, "\n".join(map(str, problems))
    return found[0]


# (file, text to replace, replacement, line marker, key path, words in the message, words in the fix)
CASES = {
    # Explicit tags: refused, never constructed or crashed on.
    "!!int on text": ("regions.yml", "id: emea", 'id: !!int "abc"', "!!int", "regions[1].id",
                      "'abc' is marked !!int but is not a whole number", "remove '!!int'"),
    "!!float on text": ("regions.yml", "id: emea", 'id: !!float "x"', "!!float", "regions[1].id",
                        "marked !!float but is not a number", "remove '!!float'"),
    "!!bool on text": ("channels.yml", "id: portal", 'id: !!bool "maybe"', "!!bool", "channels[1].id",
                       "marked !!bool but is not true or false", "remove '!!bool'"),
    "!!binary": ("regions.yml", "id: emea", "id: !!binary aGVsbG8=", "!!binary", "regions[1].id",
                 "the tag '!!binary' is not used", "write the value as plain text"),
    "!!python/object": ("company.yml", "name: smartwork solutions", "name: !!python/object:os.system echo",
                        "!!python", "company.name", "the tag '!!python/object:os.system' is not used", "remove"),
    "custom tag": ("regions.yml", "zone: Europe/Berlin", "zone: !berlin Europe/Berlin", "!berlin",
                   "regions[1].zone", "the tag '!berlin' is not used", "remove '!berlin'"),
    "!!timestamp": ("holidays.yml", "closures: []", "closures:\n  - name: {en: Offsite, de: Ausflug}\n"
                    "    date: !!timestamp 2027-06-14", "!!timestamp", "closures[1].date",
                    "the tag '!!timestamp' is not used", "plain text"),
    "!!set on a mapping": ("regions.yml", "name: {en: EMEA, de: EMEA}", "name: !!set {en, de}", "!!set",
                           "regions[1].name", "the tag '!!set' is not used", "remove '!!set'"),
    "tag on a key": ("regions.yml", "zone: Europe/Berlin", '!!int "zone": Europe/Berlin', '!!int "zone"',
                     "regions[1]", "marked !!int but is not a whole number", "remove '!!int'"),
    "number of 5000 digits": ("holidays.yml", "years: 2", "years: " + "9" * 5000, "years:", "horizon.years",
                              "more than 100 digits", "a number people can read"),
    "number beyond floating point": ("holidays.yml", "years: 2", "years: 1e999", "years:", "horizon.years",
                                     "too large a number", "a number people can read"),
    # Block scalars: the final line break goes, a line break inside is refused.
    "literal block of two lines in a one-line text": ("company.yml", "name: smartwork solutions",
                                                      "name: |\n    smartwork\n    solutions", "name: |",
                                                      "company.name", "contains a line break (U+000A)",
                                                      "write it on one line"),
    "text ending with a line break": ("channels.yml", "en: Support portal", 'en: "Support portal\\n"',
                                      "Support portal", "channels[1].name.en", "ends with a line break",
                                      "one line"),
    # Values that pass a Python `$` but end with a line break.
    "id with a final line break": ("regions.yml", "id: emea", 'id: "emea\\n"', '"emea', "regions[1].id",
                                   "ends with a line break", "write it on one line"),
    "address with a final line break": ("channels.yml", "address: support@smartwork.example",
                                        'address: "support@smartwork.example\\n"', "support@smartwork",
                                        "channels[2].address", "ends with a line break", "one line"),
    "every_year with a final line break": ("holidays.yml", "closures: []",
                                           'closures:\n  - name: {en: Christmas Eve, de: Heiligabend}\n'
                                           '    every_year: "12-24\\n"', "every_year", "closures[1].every_year",
                                           "ends with a line break", "one line"),
    "zone with a carriage return": ("regions.yml", "zone: Europe/Berlin", 'zone: "Europe/Berlin\\r"',
                                    "Europe/Berlin", "regions[1].zone", "line break (U+000D)", "one line"),
    # Texts that show nothing, or hide characters.
    "whitespace-only name": ("regions.yml", "name: {en: EMEA, de: EMEA}", 'name: {en: "   ", de: EMEA}',
                             '"   "', "regions[1].name.en", "this text is empty", "write the text"),
    "zero-width space name": ("regions.yml", "name: {en: EMEA, de: EMEA}", 'name: {en: "\\u200b", de: EMEA}',
                              "u200b", "regions[1].name.en", "invisible formatting character U+200B", "delete it"),
    "word joiner name": ("regions.yml", "name: {en: USA, de: USA}", 'name: {en: USA, de: "\\u2060"}',
                         "u2060", "regions[2].name.de", "U+2060", "delete it"),
    "byte order mark in a name": ("channels.yml", "en: Email\n", 'en: "\\uFEFFEmail"\n', "uFEFF", "channels[2].name.en",
                                  "U+FEFF", "delete it"),
    "joiner only": ("priorities.yml", "name: {en: Critical, de: Kritisch}",
                    'name: {en: "\\u200d\\u200c", de: Kritisch}', "u200d", "priorities[1].name.en",
                    "this text shows nothing", "write the text"),
    "combining marks only": ("regions.yml", "name: {en: EMEA, de: EMEA}", 'name: {en: "\\u0301\\u0308", de: EMEA}',
                             "u0301", "regions[1].name.en", "this text shows nothing", "write the text"),
    "bell character": ("company.yml", "name: smartwork solutions", 'name: "smartwork\\a solutions"',
                       "smartwork", "company.name", "control character U+0007", "delete it"),
    "C1 control character": ("company.yml", "name: smartwork solutions", 'name: "smartwork\\x9b solutions"',
                             "smartwork", "company.name", "control character U+009B", "delete it"),
    "next-line character": ("company.yml", "name: smartwork solutions", 'name: "smartwork\\N solutions"',
                            "smartwork", "company.name", "line break (U+0085)", "one line"),
    "line separator": ("process.yml", "customer_duties:", 'customer_duties:\n  - "Tell us\\Lwhat happened"',
                       "Tell us", "customer_duties[1]", "line break (U+2028)", "one line"),
    "tab in a text": ("company.yml", "name: smartwork solutions", 'name: "smartwork\\tsolutions"',
                      "smartwork", "company.name", "contains a tab", "a space instead"),
    "right-to-left override": ("channels.yml", "en: Email\n",
                               'en: "Email\\u202Emoc.live"\n', "u202E", "channels[2].name.en",
                               "U+202E", "delete it"),
    # Zones whose label would be wrong.
    "Etc/GMT+5": ("regions.yml", "zone: America/New_York", "zone: Etc/GMT+5", "Etc/GMT+5", "regions[2].zone",
                  "fixed offset (UTC−05:00; the sign of Etc/ names is reversed)", "America/Bogota"),
    "Etc/GMT-8": ("regions.yml", "zone: Europe/Berlin", "zone: Etc/GMT-8", "Etc/GMT-8", "regions[1].zone",
                  "UTC+08:00", "Asia/Singapore"),
    "Etc/UTC": ("regions.yml", "zone: Europe/Berlin", "zone: Etc/UTC", "Etc/UTC", "regions[1].zone",
                "not the time zone of a place", "'UTC'"),
    # A link's scheme before an address: the page made "mailto:mailto:..." of it.
    "mailto: before an email address": ("channels.yml", "address: support@smartwork.example",
                                        "address: mailto:support@smartwork.example", "mailto:", "channels[2].address",
                                        "starts with 'mailto:': the pages make the link themselves",
                                        "write the address alone: support@smartwork.example"),
    "tel: before a number": ("channels.yml", "  - id: form\n", "  - id: hotline\n    name: {en: Hotline, de: Hotline}\n"
                             "    type: phone\n    address: 'tel:+49 89 1234 5678'\n\n  - id: form\n", "tel:",
                             "channels[3].address", "starts with 'tel:'", "write the address alone: +49 89 1234 5678"),
    # The fix is an address the schema takes: no "?subject=", a number's dashes as spaces, and for
    # a number without its country code the form, not that number.
    "mailto: with a subject": ("channels.yml", "address: support@smartwork.example",
                               "address: 'mailto:support@smartwork.example?subject=Help'", "mailto:", "channels[2].address",
                               "starts with 'mailto:'", "write the address alone: support@smartwork.example"),
    "tel: with dashes": ("channels.yml", "  - id: form\n", "  - id: hotline\n    name: {en: Hotline, de: Hotline}\n"
                         "    type: phone\n    address: 'tel:+49-89-1234-5678'\n\n  - id: form\n", "tel:",
                         "channels[3].address", "starts with 'tel:'", "write the address alone: +49 89 1234 5678"),
    "tel: without the country code": ("channels.yml", "  - id: form\n", "  - id: hotline\n    name: {en: Hotline, de: Hotline}\n"
                                      "    type: phone\n    address: 'tel:089 1234 5678'\n\n  - id: form\n", "tel:",
                                      "channels[3].address", "starts with 'tel:'",
                                      "without 'tel:': + and the country code, then digits and spaces"),
    # An offset written as a zone: a city with the offset as written (UTC+1 is east), never the
    # Etc/ zone of the same name (Etc/GMT+1 is UTC-01:00).
    "GMT+1": ("regions.yml", "zone: Europe/Berlin", "zone: GMT+1", "GMT+1", "regions[1].zone",
              "'GMT+1' is not", "e.g. 'Europe/Berlin' (UTC+01:00, an hour later in summer) or 'Africa/Lagos' (UTC+01:00 all year)"),
    "UTC-05:00": ("regions.yml", "zone: America/New_York", "zone: UTC-05:00", "UTC-05:00", "regions[2].zone",
                  "'UTC-05:00' is not", "'America/New_York' (UTC−05:00, an hour later in summer) or 'America/Bogota'"),
    "+05:30": ("regions.yml", "zone: America/New_York", 'zone: "+05:30"', "+05:30", "regions[2].zone",
               "'+05:30' is not", "the city the team works in, e.g. 'Asia/Kolkata' (UTC+05:30 in January)"),
    "UTC+5:45": ("regions.yml", "zone: America/New_York", "zone: UTC+5:45", "UTC+5:45", "regions[2].zone",
                 "'UTC+5:45' is not", "e.g. 'Asia/Kathmandu' (UTC+05:45 in January)"),
    "UTC+15": ("regions.yml", "zone: America/New_York", "zone: UTC+15", "UTC+15", "regions[2].zone",
               "'UTC+15' is not", "no place keeps UTC+15:00: check the offset"),
    # A channel's and a notice's zones as a region's (a notice's Etc/ zone that does not exist
    # stopped the loader with a traceback).
    "a channel in Etc/GMT-14": ("channels.yml", "  - id: form\n", "  - id: hotline\n    name: {en: Hotline, de: Hotline}\n"
                                "    type: phone\n    address: +49 89 1234 5678\n    zone: Etc/GMT-14\n    hours:\n"
                                "      monday: 08:00-10:00\n\n  - id: form\n", "Etc/GMT-14", "channels[3].zone",
                                "fixed offset (UTC+14:00; the sign of Etc/ names is reversed)", "Pacific/Kiritimati"),
    "a notice in Etc/GMT-3": ("notices.yml", "notices: []\n", "notices:\n  - id: move\n    kind: information\n"
                              "    title: {en: Move, de: Umzug}\n    text: {en: Moving., de: Umzug.}\n"
                              "    start: 2026-12-08 09:00\n    zone: Etc/GMT-3\n", "Etc/GMT-3", "notices[1].zone",
                              "fixed offset (UTC+03:00", "Europe/Istanbul"),
    "a notice in Etc/GMT+14": ("notices.yml", "notices: []\n", "notices:\n  - id: move\n    kind: information\n"
                               "    title: {en: Move, de: Umzug}\n    text: {en: Moving., de: Umzug.}\n"
                               "    start: 2026-12-08 09:00\n    zone: Etc/GMT+14\n", "Etc/GMT+14", "notices[1].zone",
                               "'Etc/GMT+14' is not an IANA time zone name", "use "),
    # Special hours in the hour the clocks skip.
    "special hours start in the spring gap": ("holidays.yml", "closures: []",
                                              "closures:\n  - name: {en: Night shift, de: Nachtschicht}\n"
                                              "    date: 2027-03-28\n    hours: 02:30-05:00\n    regions: [emea]",
                                              "02:30-05:00", "closures[1].hours",
                                              "on 2027-03-28 the clocks in Europe/Berlin (region emea) go forward "
                                              "from 02:00 to 03:00, so 02:30 does not exist", "outside 02:00-03:00"),
    "special hours end in the spring gap": ("holidays.yml", "closures: []",
                                            "closures:\n  - name: {en: Night shift, de: Nachtschicht}\n"
                                            "    every_year: 03-08\n    hours: [00:00-01:00, 01:30-02:30]",
                                            "01:30-02:30", "closures[1].hours",
                                            "clocks in America/New_York (region usa) go forward from 02:00 to 03:00, "
                                            "so 02:30 does not exist", "e.g. from 03:00"),
    # Targets nobody can mean.
    "a billion days": ("priorities.yml", "first_response: 1 business day", "first_response: 1000000000 days",
                       "1000000000", "priorities[3].first_response", "at most 90 business days", "90 days or less"),
    "91 days": ("priorities.yml", "first_response: 1 business day", "first_response: 91 days", "91 days",
                "priorities[3].first_response", "longer than a response target can be", "90 days or less"),
    "400-digit days": ("priorities.yml", "first_response: 1 business day",
                       "first_response: " + "9" * 400 + " days", "9999", "priorities[3].first_response",
                       "not a length of time", "e.g. 30 minutes"),
}


@pytest.mark.parametrize("case", CASES)
def test_each_hostile_edit_names_file_line_key_and_fix(policy, case):
    file, old, new, marker, path, message, fix = CASES[case]
    edit(policy / file, old, new)
    problem = problem_at(problems_for(policy), path)
    assert problem.file == f"policy/{file}"
    assert problem.line == line_of(policy / file, marker), str(problem)
    assert message in problem.message, str(problem)
    assert fix in problem.fix, str(problem)
    assert "\n" not in problem.message, "a value's line break would split the error report"


def test_a_trailing_newline_never_reads_as_an_impossible_date(policy):
    edit(policy / "holidays.yml", "closures: []",
         'closures:\n  - name: {en: Christmas Eve, de: Heiligabend}\n    every_year: "12-24\\n"')
    problems = problems_for(policy)
    assert len(problems) == 1 and "December" not in str(problems[0]), "\n".join(map(str, problems))


# Aliases that multiply: nine lines would expand to a billion values.
BOMB = "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 9))


def test_an_alias_bomb_fails_fast_with_a_clear_problem(policy):
    (policy / "maintenance.yml").write_text("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + BOMB,
                                            encoding="utf-8")
    problems = problems_for(policy, seconds=15)  # expanded, the bomb's 43 million values take minutes
    problem = [p for p in problems if p.file == "policy/maintenance.yml"]
    assert len(problem) == 1, "\n".join(map(str, problems))
    assert "more than 20,000 values" in problem[0].message and "alias" in problem[0].fix
    assert problem[0].path == "l4" and problem[0].line == 5  # where the count passes 20,000


def test_a_chain_of_aliases_nested_deeper_and_deeper_stops(policy):
    chain = "a0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}]\n" for i in range(1, 2000))
    (policy / "process.yml").write_text(chain, encoding="utf-8")
    problems = [p for p in problems_for(policy, seconds=15) if p.file == "policy/process.yml"]
    assert len(problems) == 1, problems
    assert "nested more than 40 levels" in problems[0].message
    assert problems[0].path == "a39" and problems[0].line == 40 and "aliases" in problems[0].fix


@pytest.mark.parametrize("nesting", [
    "[" * 20000 + "]" * 20000,
    "{a: " * 5000 + "x" + "}" * 5000,
    "\n" + "".join(f"{'  ' * i}k{i}:\n" for i in range(500)) + "  " * 500 + "x",
])
def test_deep_nesting_is_refused_not_a_recursion_error(policy, nesting):
    (policy / "maintenance.yml").write_text("included: " + nesting + "\n", encoding="utf-8")
    problems = problems_for(policy, seconds=15)
    problem = [p for p in problems if p.file == "policy/maintenance.yml"]
    assert len(problem) == 1 and "nested more than 40 levels deep" in problem[0].message, problems
    assert "indentation" in problem[0].fix


def test_a_folder_instead_of_a_file(policy):
    (policy / "channels.yml").unlink()
    (policy / "channels.yml").mkdir()
    problem = problem_at(problems_for(policy), "")
    assert problem.file == "policy/channels.yml" and "folder, not a file" in problem.message


def test_a_link_to_a_device_is_not_read(policy):
    (policy / "process.yml").unlink()
    (policy / "process.yml").symlink_to("/dev/zero")
    problems = problems_for(policy, seconds=15)
    problem = [p for p in problems if p.file == "policy/process.yml"]
    assert len(problem) == 1 and "link to a file outside the project" in problem[0].message, problems


def test_a_device_inside_the_project_is_not_read(policy):
    fifo = policy.parent / "pipe"
    os.mkfifo(fifo)
    (policy / "process.yml").unlink()
    (policy / "process.yml").symlink_to(fifo)
    problems = problems_for(policy, seconds=15)  # opening a pipe would block
    problem = [p for p in problems if p.file == "policy/process.yml"]
    assert len(problem) == 1 and "not a regular file" in problem[0].message, problems


def test_a_huge_file_is_not_read(policy):
    with (policy / "maintenance.yml").open("a", encoding="utf-8") as handle:
        handle.write("# padding\n" * 220_000)
    problem = [p for p in problems_for(policy, seconds=15) if p.file == "policy/maintenance.yml"]
    assert len(problem) == 1 and "a policy file is at most 1 MiB" in problem[0].message
    assert problem[0].fix


# The words of a YAML error look at the line above it for a text cut at ' #': a line of a policy
# file's size, mostly spaces, must not make that look take minutes (a pattern that backtracks did).
@pytest.mark.parametrize("tail", ["x", "#x"])
def test_a_yaml_error_below_a_line_of_spaces_is_explained_at_once(policy, tail):
    path = policy / "channels.yml"
    text = path.read_text(encoding="utf-8")
    old = "      en: Open a ticket, attach log files and screenshots, and follow its status.\n"
    assert old in text
    path.write_text(text.replace(old, "      en: Open a ticket" + " " * 300_000 + tail + "\n        and: more.\n"),
                    encoding="utf-8")
    problem = [p for p in problems_for(policy, seconds=10) if p.file == "policy/channels.yml"]
    assert len(problem) == 1 and "not valid YAML" in problem[0].message and problem[0].fix, problem
    assert len(str(problem[0])) < 1000, str(problem[0])[:300]


def test_a_link_outside_the_project_never_shows_that_file(policy, tmp_path):
    secret = tmp_path / "elsewhere" / "secret.yml"
    secret.parent.mkdir()
    secret.write_text("password: hunter2-very-secret\n", encoding="utf-8")
    (policy / "company.yml").unlink()
    (policy / "company.yml").symlink_to(secret)
    problems = problems_for(policy)
    report = "\n".join(map(str, problems))
    assert "hunter2" not in report and "password" not in report
    problem = [p for p in problems if p.file == "policy/company.yml"]
    assert len(problem) == 1 and "outside the project" in problem[0].message and "company.yml" in problem[0].fix


def test_a_link_inside_the_project_is_read(policy):
    shared = policy.parent / "shared" / "process.yml"
    shared.parent.mkdir()
    shutil.move(policy / "process.yml", shared)
    (policy / "process.yml").symlink_to(shared)
    assert load(policy).resolution_steps


def test_a_missing_schema_file_is_named(policy):
    (policy / "schema" / "priorities.schema.json").unlink()
    problems = problems_for(policy)
    problem = [p for p in problems if "schema" in p.file]
    assert len(problem) == 1, "\n".join(map(str, problems))
    assert problem[0].file == "policy/schema/priorities.schema.json"
    assert "missing" in problem[0].message and "restore" in problem[0].fix


def test_a_broken_schema_file_is_named(policy):
    (policy / "schema" / "common.schema.json").write_text("{ not json", encoding="utf-8")
    problems = problems_for(policy)
    assert problems and all("schema" in p.file and p.fix for p in problems), "\n".join(map(str, problems))


# The validator's `pattern` is ECMA's: `$` is the end of the text, not the place before a final \n.
@pytest.mark.parametrize("name, value, path", [
    ("regions", "emea\n", ("regions", 0, "id")),
    ("regions", "10:00-18:00\n", ("regions", 0, "hours", "monday to friday")),
    ("channels", "support@smartwork.example\n", ("channels", 1, "address")),
    ("holidays", "12-24\n", ("closures", 0, "every_year")),
])
def test_schema_patterns_reject_a_final_line_break(name, value, path):
    valid = json.loads(json.dumps(_data(name)))
    target = valid
    for part in path[:-1]:
        target = target[part]
    assert not list(schema_validator(name).iter_errors(valid))
    target[path[-1]] = value
    errors = list(schema_validator(name).iter_errors(valid))
    assert errors and any(e.validator in ("pattern", "oneOf") for e in errors), value


def _data(name):
    from supportportal import yamlload
    data = yamlload.load(ROOT / "policy" / f"{name}.yml").data
    if name == "holidays":
        data["closures"] = [{"name": "Christmas Eve", "every_year": "12-24"}]
    return data


def test_a_dollar_sign_inside_a_character_class_still_matches():
    company = _data("company")
    company["site"]["url"] = "https://support.example.com/a$b/"
    assert not list(schema_validator("company").iter_errors(company))


def test_a_folded_block_scalar_publishes_one_line(policy):
    edit(policy / "company.yml", "name: smartwork solutions", "name: >\n    smartwork\n    solutions")
    edit(policy / "channels.yml", "en: Email\n", "en: |\n        Email\n")
    loaded = load(policy)
    assert loaded.company == "smartwork solutions"
    calendar = icalendar.Calendar.from_ical(ics.support_calendar(loaded))
    assert str(calendar["x-wr-calname"]) == "smartwork solutions support closures"
    data = json.loads(feed.dumps(feed.support_feed(loaded)))
    assert data["company"]["name"] == "smartwork solutions"
    assert [c for c in loaded.channels if c.id == "email"][0].name.get("en") == "Email"


def test_special_hours_outside_the_gap_on_the_same_night_are_published(policy):
    edit(policy / "holidays.yml", "closures: []", "closures:\n  - name: {en: Night shift, de: Nachtschicht}\n"
         "    date: 2027-03-28\n    hours: 03:00-05:00\n    regions: [emea]")
    loaded = load(policy)
    day = [o for o in loaded.overrides["emea"] if o.date == dt.date(2027, 3, 28)]
    assert len(day) == 1 and day[0].kind == "special_hours" and day[0].hours[0].hhmm() == ("03:00", "05:00")


def test_a_zone_with_a_ramadan_change_is_labelled_with_both_offsets(policy):
    edit(policy / "regions.yml", "zone: Europe/Berlin", "zone: Africa/Casablanca")
    loaded = load(policy)
    table = render.Facts(loaded, "en", TODAY).hours_table()
    # Morocco keeps UTC+01:00 but UTC+00:00 during Ramadan (February-March 2026 and 2027):
    # a January and July sample alone would name one offset only.
    assert "UTC+01:00/UTC+00:00 (Casablanca time)" in table


def test_a_build_date_past_the_holiday_years_stops_with_the_calendar_named(policy):
    problems = problems_for(policy, today=dt.date(2100, 6, 1))
    problem = problem_at(problems, "calendars[1].country")
    assert problem.file == "policy/holidays.yml" and problem.line == line_of(policy / "holidays.yml", "country: DE")
    assert "'munich' would publish 2100 to 2101" in problem.message and "from 1991 to 2100" in problem.message
    assert "update the holidays package" in problem.fix


# (Built on 1 January, the site publishes from 1 January of the year before.)
def test_a_build_date_before_the_holiday_years_stops(policy):
    problem = problem_at(problems_for(policy, today=dt.date(1970, 1, 1)), "calendars[1].country")
    assert "1969 to 1971" in problem.message and "SOURCE_DATE_EPOCH" in problem.fix


def test_a_build_date_in_9999_stops_without_a_traceback(policy):
    (policy / "holidays.yml").write_text("horizon:\n  years: 2\ncalendars: []\nclosures: []\n", encoding="utf-8")
    regions = policy / "regions.yml"
    regions.write_text(regions.read_text(encoding="utf-8").replace("    public_holidays: munich\n", ""), encoding="utf-8")
    problems = problems_for(policy, today=dt.date(9999, 6, 1))
    assert any("run past the year 9999" in p.message for p in problems), "\n".join(map(str, problems))


# SOURCE_DATE_EPOCH, read by the MkDocs adapter.
@pytest.mark.parametrize("value, words", [
    ("-5", "whole seconds since 1 January 1970"),
    ("abc", "found 'abc'"),
    ("1e10", "found '1e10'"),
    ("1_000", "found '1_000'"),
    ("253402300800", "at most 253402300799"),
    ("9" * 5000, "whole seconds"),
])
def test_bad_source_date_epoch_values_are_explained(monkeypatch, value, words):
    import portal
    from mkdocs.exceptions import PluginError

    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(PluginError) as info:
        portal._build_date()
    assert words in str(info.value) and "Fix:" in str(info.value)


def test_an_empty_source_date_epoch_means_today(monkeypatch):
    import portal

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    assert portal._build_date() == dt.datetime.now(dt.timezone.utc).date()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795737600")
    assert portal._build_date() == dt.date(2026, 11, 27)


@pytest.fixture
def project_with_site(tmp_path) -> Path:
    project = copy_project(tmp_path / "project")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("previous site", encoding="utf-8")
    return project


@pytest.mark.parametrize("epoch, words", [
    ("-1", "SOURCE_DATE_EPOCH must be whole seconds"),
    ("4133980800", "'munich' would publish 2100 to 2102"),  # 2101-01-01 (from 1 January of the year before)
])
def test_a_bad_build_date_stops_the_build_cleanly(project_with_site, epoch, words):
    build = run_build(project_with_site, epoch=epoch)
    assert build.returncode == 1 and words in build.output, build.output
    assert "Traceback" not in build.output
    assert (project_with_site / "site" / "index.html").read_text(encoding="utf-8") == "previous site"


def test_a_build_with_hostile_yaml_prints_no_traceback_and_no_outside_file(project_with_site, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:hunter2\n", encoding="utf-8")
    (project_with_site / "policy" / "process.yml").unlink()
    (project_with_site / "policy" / "process.yml").symlink_to(secret)
    edit(project_with_site / "policy" / "regions.yml", "id: emea", 'id: !!int "abc"')
    (project_with_site / "policy" / "maintenance.yml").write_text(
        "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + BOMB, encoding="utf-8")
    started = time.perf_counter()
    build = run_build(project_with_site)
    assert time.perf_counter() - started < 60
    assert build.returncode == 1 and "Traceback" not in build.output, build.output
    assert "hunter2" not in build.output and "root:x" not in build.output
    for words in ("policy/process.yml, line 1: this is a link to a file outside the project",
                  "policy/regions.yml, line 29, regions[1].id: 'abc' is marked !!int",
                  "policy/maintenance.yml", "more than 20,000 values"):
        assert words in build.output, build.output
    assert (project_with_site / "site" / "index.html").read_text(encoding="utf-8") == "previous site"


# What a preview keeps while files are unchanged is keyed by yamlload.files_state: an edit that
# keeps size and time changes it, and a pipe put among the files is never opened (no hang).
def test_file_state_sees_every_edit_and_never_opens_a_pipe(tmp_path):
    from supportportal import yamlload

    text, pipe, missing = tmp_path / "regions.yml", tmp_path / "holidays.yml", tmp_path / "notices.yml"
    text.write_text("a: 1\n", encoding="utf-8")
    os.mkfifo(pipe)
    with time_limit(10, "the state of a pipe"):
        first = yamlload.files_state([text, pipe, missing])
    assert first[1][-1] is None and first[2] == (str(missing), None)
    info = text.stat()
    text.write_text("a: 2\n", encoding="utf-8")
    os.utime(text, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert yamlload.files_state([text, pipe, missing]) != first
