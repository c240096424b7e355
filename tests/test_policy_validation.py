# Policy mistakes a support agent can make, and the message each one gets: file, line, key, fix.

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_build
from timelimit import time_limit
from supportportal.loading import PolicyError, load_policy

TODAY = dt.date(2026, 11, 27)


# Copy the default policy, apply text replacements to one file, and return the directory.
def broken_policy(tmp_path: Path, file: str, old: str, new: str) -> Path:
    directory = tmp_path / "policy"
    shutil.copytree(ROOT / "policy", directory)
    edit(directory / file, old, new)
    return directory


# Replace the last occurrence: the comment block at the top of each file repeats some examples.
def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    head, _, tail = text.rpartition(old)
    path.write_text(head + new + tail, encoding="utf-8")


def line_of(directory: Path, file: str, needle: str) -> int:
    for number, line in enumerate((directory / file).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line and not line.lstrip().startswith("#"):  # the comment blocks repeat examples
            return number
    raise AssertionError(f"{needle!r} not in {file}")


def problems_for(directory: Path) -> list:
    with pytest.raises(PolicyError) as info:
        load_policy(directory, TODAY)
    return info.value.problems


def only_problem(directory: Path):
    problems = problems_for(directory)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


# (file, text to replace, replacement, line marker, key path, words in the message, words in the fix)
CASES = {
    "zone abbreviation": ("regions.yml", "zone: Europe/Berlin", "zone: CET", "zone: CET",
                          "regions[1].zone", "not an IANA time zone", "Europe/Berlin"),
    "legacy zone name": ("regions.yml", "zone: America/New_York", "zone: Eastern", "zone: Eastern",
                         "regions[2].zone", "not an IANA time zone", "America/New_York"),
    "zone that does not exist": ("regions.yml", "zone: Europe/Berlin", "zone: Europe/Munich", "zone: Europe/Munich",
                                 "regions[1].zone", "not a known IANA time zone", "Europe/Berlin"),
    "12-hour time": ("regions.yml", "monday to friday: 09:00-17:00", "monday to friday: 9am-5pm", "9am-5pm",
                     "regions[2].hours.monday to friday", "'9am-5pm' is not a time range", "09:00-17:00"),
    "seed-style time": ("regions.yml", "monday to friday: 10:00-18:00", "monday to friday: 10.am. - 6 pm.", "10.am.",
                        "regions[1].hours.monday to friday", "not a time range", "10:00-18:00"),
    "misspelt weekday": ("regions.yml", "monday to friday: 10:00-18:00", "monday to fridya: 10:00-18:00", "fridya",
                         "regions[1].hours.monday to fridya", "not a weekday", "monday to friday"),
    "abbreviated weekdays": ("regions.yml", "monday to friday: 10:00-18:00", "Mon-Fri: 10:00-18:00", "Mon-Fri",
                             "regions[1].hours.Mon-Fri", "not a weekday", "monday to friday"),
    "overlapping intervals": ("regions.yml", "monday to friday: 10:00-18:00",
                              "monday to friday: [10:00-14:00, 13:00-18:00]", "13:00-18:00",
                              "regions[1].hours.monday to friday", "10:00-14:00 and 13:00-18:00 overlap", "merge them"),
    "day listed twice": ("regions.yml", "monday to friday: 10:00-18:00",
                         "monday to friday: 10:00-18:00\n      friday: 10:00-16:00", "friday: 10:00-16:00",
                         "regions[1].hours.friday", "friday is listed twice", "list each day once"),
    "same opening and closing time": ("regions.yml", "monday to friday: 10:00-18:00", "monday to friday: 10:00-10:00",
                                      "10:00-10:00", "regions[1].hours.monday to friday", "same opening and closing",
                                      "00:00-24:00"),
    "duplicate region id": ("regions.yml", "id: usa", "id: emea  # copied", "id: emea  # copied",
                            "regions[2].id", "region id 'emea' is used twice", "its own id"),
    "region id with capitals": ("regions.yml", "id: usa", "id: USA East", "id: USA East",
                                "regions[2].id", "not a valid id", "usa-east"),
    "missing zone": ("regions.yml", "    zone: America/New_York\n", "", "id: usa",
                     "regions[2]", "'zone' is missing", "add zone:"),
    "misspelt key": ("regions.yml", "zone: America/New_York", "zonee: America/New_York", "zonee:",
                     "regions[2].zonee", "unknown key 'zonee'", "did you mean 'zone'"),
    "unknown holiday calendar": ("regions.yml", "public_holidays: munich\n\n", "public_holidays: muenchen\n\n",
                                 "muenchen", "regions[1].public_holidays", "no holiday calendar 'muenchen'",
                                 "did you mean 'munich'"),
    "tab indentation": ("channels.yml", "    type: email", "\ttype: email", "\ttype: email",
                        "", "not valid YAML", "spaces, not tabs"),
    "duplicate key": ("channels.yml", "    type: email\n", "    type: email\n    type: chat\n", "type: chat",
                      "", "'type' appears twice", "keep one of them"),
    "email channel with a link": ("channels.yml", "address: support@smartwork.example",
                                  "address: https://smartwork.example/mail", "smartwork.example/mail",
                                  "channels[2].address", "an email channel needs an email address", "correct the address"),
    "unknown channel type": ("channels.yml", "type: form", "type: fax", "type: fax",
                             "channels[3].type", "'fax' is not one of", None),
    "target written loosely": ("priorities.yml", "first_response: 4 business hours", "first_response: 4 hrs.",
                               "4 hrs.", "priorities[2].first_response", "not a duration", "4 hours"),
    "business time around the clock": ("priorities.yml", "first_response: 1 hour", "first_response: 1 business hour",
                                       "1 business hour", "priorities[1].first_response",
                                       "covered around the clock", "1 hour"),
    "two default priorities": ("priorities.yml", "coverage: business hours\n\n  - id: p3",
                               "coverage: business hours\n    default: true\n\n  - id: p3", "default: true",
                               "priorities[2].default", "exactly one priority", "default: true"),
    "unknown language": ("maintenance.yml", "    de: Wenn Sie die Software", "    fr: Si vous\n    de: Wenn Sie die Software",
                         "fr: Si vous", "enhancements.answer.fr", "'fr' is not a language of this site", "company.yml"),
    "missing translation": ("channels.yml", "      de: Supportportal\n", "", "    name:",
                            "channels[1].name", "the de text is missing", "add de: ..."),
    "text in one language only": ("regions.yml", "name: {en: USA, de: USA}", "name: USA", "name: USA",
                                  "regions[2].name", "the de text is missing", "{en: ..., de: ...}"),
    "empty list": ("process.yml", "customer_duties:\n", "customer_duties: []\nold_duties:\n", "customer_duties: []",
                   "customer_duties", "the list is empty", None),
    "holiday subdivision": ("holidays.yml", "subdivision: BY", "subdivision: Bayern", "subdivision: Bayern",
                            "calendars[1].subdivision", "not a subdivision of DE", "BY"),
    "days running backwards": ("regions.yml", "monday to friday: 10:00-18:00", "friday to monday: 10:00-18:00",
                               "friday to monday", "regions[1].hours.friday to monday", "runs backwards through the week",
                               "list the days in two parts, each with the same hours: 'friday to sunday' and 'monday'; "
                               "or write 'monday to friday' if those days are meant"),
    "two days running backwards": ("regions.yml", "monday to friday: 10:00-18:00", "sunday to monday: 10:00-18:00",
                                   "sunday to monday", "regions[1].hours.sunday to monday", "runs backwards",
                                   "two parts, each with the same hours: 'sunday' and 'monday'"),
    # Invisible differences named, so the fix does not read like what was written.
    "no-break space in a day range": ("regions.yml", "monday to friday: 10:00-18:00", "monday\u00a0to friday: 10:00-18:00",
                                      "to friday: 10", "regions[1].hours.monday\u00a0to friday",
                                      "has a no-break space (U+00A0) where a space belongs",
                                      "type the spaces again as normal spaces: 'monday to friday'"),
    "no-break space after a colon": ("regions.yml", "monday to friday: 10:00-18:00", "monday to friday:\u00a010:00-18:00",
                                     "hours:", "regions[1].hours", "the space after the colon is a no-break space "
                                     "(U+00A0), which YAML does not read as a space",
                                     "type that space again as a normal space: 'monday to friday: 10:00-18:00'"),
    "typographic quotes in a text": ("regions.yml", "name: {en: EMEA, de: EMEA}", "name: {en: \u201cEMEA, Europe\u201d, de: EMEA}",
                                     "EMEA, Europe", "regions[1].name.Europe\u201d", "typographic quotes (\u201c \u201d) are "
                                     "not quotes to YAML", 'write the text in straight quotes: en: "EMEA, Europe"'),
    "no space after a language's colon": ("regions.yml", "name: {en: EMEA, de: EMEA}", "name: {en:Europe & Africa, de: EMEA}",
                                          "en:Europe", "regions[1].name.en:Europe & Africa",
                                          "'en:Europe & Africa' has no space after 'en:'",
                                          'put a space after the colon: en: "Europe & Africa"'),
    "a link without encryption": ("channels.yml", "address: https://www.smartwork.example/support/contact",
                                  "address: http://www.smartwork.example/support/contact", "address: http://",
                                  "channels[3].address", "is a link without encryption (http://)",
                                  "write it with https://: https://www.smartwork.example/support/contact"),
    "one business hour around the clock, written singular": ("priorities.yml", "first_response: 1 hour",
                                                             "first_response: 2 business hour", "2 business hour",
                                                             "priorities[1].first_response", "covered around the clock",
                                                             "write '2 hours'"),
    "a language without its text": ("regions.yml", "name: {en: EMEA, de: EMEA}", "name: {en: EMEA, de: }", "name: {en: EMEA, de: }",
                                    "regions[1].name.de", "the de text is missing after 'de:'", "write the text after 'de:'"),
    "an empty calendar id": ("regions.yml", "10:00-18:00\n    public_holidays: munich", "10:00-18:00\n    public_holidays:",
                             "public_holidays:", "regions[1].public_holidays", "no holiday calendar is named",
                             "write the id of a calendar of holidays.yml (munich), or remove the line"),
    "region without hours": ("regions.yml", "monday to friday: 10:00-18:00", "monday to friday: closed",
                             "monday to friday: closed", "regions[1].hours.monday to friday", "no opening hours on any day", "remove the region"),
    "target of zero": ("priorities.yml", "first_response: 1 hour", "first_response: 0 hours", "0 hours",
                       "priorities[1].first_response", "not a length of time", "more than zero"),
    "placeholder in a policy text": ("process.yml", "en: You open a support ticket.", "en: You open a {{ ticket }}.",
                                     "{{ ticket }}", "resolution_steps[1].en", "looks like an unrendered template placeholder",
                                     "words readers should see"),
    "blank text": ("regions.yml", "name: {en: USA, de: USA}", "name: {en: '  ', de: USA}", "name: {en: '  '",
                   "regions[2].name.en", "this text is empty", None),
    "number as a text": ("regions.yml", "name: {en: USA, de: USA}", "name: {en: 42, de: USA}", "name: {en: 42",
                         "regions[2].name.en", "expected text, found the number 42", "quotes"),
    "alias into itself": ("process.yml", "customer_duties:\n", "loop: &a [*a]\ncustomer_duties:\n", "loop:",
                          "", "refers to the value that contains it", None),
    "site address with markup": ("company.yml", "url: https://support.smartwork.example/",
                                 "url: 'https://support.smartwork.example/x\"onmouseover=\"alert(1)\"/'", "onmouseover",
                                 "site.url", "is not the site's address", "https://host/"),
    "horizon of zero": ("holidays.yml", "years: 2", "years: 0", "years: 0",
                        "horizon.years", "0 is not allowed", None),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_mistake_names_file_line_key_and_fix(tmp_path, case):
    file, old, new, marker, path, message, fix = CASES[case]
    directory = broken_policy(tmp_path, file, old, new)
    problems = problems_for(directory)
    matching = [p for p in problems if message in p.message]
    assert matching, "\n".join(map(str, problems))
    problem = matching[0]
    assert problem.file == f"policy/{file}"
    assert problem.line == line_of(directory, file, marker), str(problem)
    if path:
        assert problem.path == path, str(problem)
    if fix:
        assert problem.fix and fix in problem.fix, str(problem)


# Each text written without the space after its language's colon is said in the same run, with
# the text as it should be written.
def test_every_text_without_the_space_after_the_colon_is_said(tmp_path):
    directory = broken_policy(tmp_path, "regions.yml", "name: {en: USA, de: USA}", "name: {en:USA, de:USA}")
    problems = problems_for(directory)
    assert sorted((p.path, p.fix) for p in problems) == [
        ("regions[2].name.de:USA", "put a space after the colon: de: USA"),
        ("regions[2].name.en:USA", "put a space after the colon: en: USA")], "\n".join(map(str, problems))
    assert {p.line for p in problems} == {line_of(directory, "regions.yml", "en:USA")}

    # A value YAML would read as other than text is given in quotes.
    directory = broken_policy(tmp_path / "number", "regions.yml", "name: {en: USA, de: USA}", "name: {en:123, de:null}")
    assert sorted(p.fix for p in problems_for(directory)) == [
        'put a space after the colon: de: "null"', 'put a space after the colon: en: "123"']


# A repeated id names the item that has it first, by its place and line, in every file.
@pytest.mark.parametrize("file, old, new, kind, first", [
    ("regions.yml", "id: usa", "id: emea", "region", "  - id: emea"),
    ("channels.yml", "id: form", "id: portal", "channel", "  - id: portal"),
    ("priorities.yml", "id: p2", "id: p1", "priority", "  - id: p1"),
])
def test_a_repeated_id_names_the_first(tmp_path, file, old, new, kind, first):
    directory = broken_policy(tmp_path, file, old, new)
    problem = next(p for p in problems_for(directory) if p.path.endswith(".id"))
    value = new.split(": ")[1]
    earlier = line_of(directory, file, first)
    assert problem.message == f"the {kind} id '{value}' is used twice (also {kind} 1, line {earlier})", str(problem)
    assert problem.fix == f"give each {kind} its own id"


def test_every_problem_is_reported_at_once(tmp_path):
    directory = broken_policy(tmp_path, "regions.yml", "zone: Europe/Berlin", "zone: CET")
    for file, old, new in [("regions.yml", "monday to friday: 09:00-17:00", "monday to friday: 9am-5pm"),
                           ("channels.yml", "type: form", "type: fax"),
                           ("priorities.yml", "first_response: 1 business day", "first_response: one day")]:
        edit(directory / file, old, new)
    problems = problems_for(directory)
    files = {p.file for p in problems}
    assert files == {"policy/regions.yml", "policy/channels.yml", "policy/priorities.yml"}, problems
    assert len(problems) == 4, "\n".join(map(str, problems))


def test_unquoted_times_and_dates_stay_text(tmp_path):
    # YAML 1.1 would read 10:00 as the number 600 and 2026-12-24 as a date object.
    directory = broken_policy(tmp_path, "holidays.yml", "closures: []",
                              "closures:\n  - name: {en: Christmas Eve, de: Heiligabend}\n    date: 2026-12-24\n    hours: 10:00-12:00")
    policy = load_policy(directory, TODAY)
    assert policy.regions[0].weekly[0][0].hhmm() == ("10:00", "18:00")
    special = [o for o in policy.overrides["emea"] if o.date == dt.date(2026, 12, 24)]
    assert special and special[0].kind == "special_hours"


def test_a_misnamed_policy_file_is_reported(tmp_path):
    directory = broken_policy(tmp_path, "channels.yml", "channels:", "channels:")
    (directory / "channels.yml").rename(directory / "channel.yml")
    problems = problems_for(directory)
    messages = {(p.file, p.message, p.fix) for p in problems}
    assert ("policy/channel.yml", "this file is not read by the portal", "rename it to channels.yml") in messages
    assert ("policy/channels.yml", "the file is missing", "rename channel.yml to channels.yml") in messages



# A policy file with the .yaml extension (or .YML) is not read: the portal reads <name>.yml. It is
# named with the rename, never silently left out (the notices would vanish from the site); for a
# required file the missing file names it as the one to rename.
def test_a_policy_file_with_the_yaml_extension_is_reported(tmp_path):
    directory = broken_policy(tmp_path, "notices.yml", "notices: []", "notices: []")
    (directory / "notices.yml").rename(directory / "notices.yaml")
    problem = only_problem(directory)
    assert (problem.file, problem.line, problem.message, problem.fix) == (
        "policy/notices.yaml", 1, "this file is not read by the portal", "rename it to notices.yml"), str(problem)
    (directory / "notices.yaml").rename(directory / "notices.YML")
    problem = only_problem(directory)
    assert (problem.file, problem.fix) == ("policy/notices.YML", "rename it to notices.yml"), str(problem)
    # Beside the file it would replace: what it holds goes into that file.
    shutil.copy(directory / "notices.YML", directory / "notices.yml")
    problem = only_problem(directory)
    assert (problem.file, problem.message) == ("policy/notices.YML", "this file is not read by the portal"), str(problem)
    assert problem.fix == "move what it holds into notices.yml, then delete notices.YML", str(problem)
    (directory / "notices.YML").unlink()
    (directory / "regions.yml").rename(directory / "regions.yaml")
    problems = problems_for(directory)
    assert {(p.file, p.message, p.fix) for p in problems} == {
        ("policy/regions.yaml", "this file is not read by the portal", "rename it to regions.yml"),
        ("policy/regions.yml", "the file is missing", "rename regions.yaml to regions.yml")}, "\n".join(map(str, problems))

def test_report_reads_as_a_list_for_people(tmp_path):
    directory = broken_policy(tmp_path, "regions.yml", "zone: Europe/Berlin", "zone: CET")
    with pytest.raises(PolicyError) as info:
        load_policy(directory, TODAY)
    report = info.value.report()
    line = line_of(directory, "regions.yml", "zone: CET")
    assert report.splitlines()[0] == "The support policy has 1 problem; nothing was published:"
    assert f"policy/regions.yml, line {line}, regions[1].zone: 'CET' is not an IANA time zone name" in report
    assert "Fix: use 'Europe/Berlin'" in report


# Through the real build: non-zero exit, the message, no traceback, and the old site untouched.
def test_broken_policy_fails_the_build_and_keeps_the_site(project):
    first = run_build(project)
    assert first.ok, first.output
    before = {p.relative_to(first.site): p.read_bytes() for p in first.site.rglob("*") if p.is_file()}
    edit(project / "policy" / "regions.yml", "zone: Europe/Berlin", "zone: CET")
    edit(project / "policy" / "channels.yml", "type: form", "type: fax")
    second = run_build(project)
    assert second.returncode != 0
    assert "Traceback" not in second.output
    assert "The support policy has 2 problems" in second.output
    assert re.search(r"policy/regions\.yml, line \d+, regions\[1\]\.zone: 'CET'", second.output)
    assert "Fix: use 'Europe/Berlin'" in second.output
    after = {p.relative_to(first.site): p.read_bytes() for p in first.site.rglob("*") if p.is_file()}
    assert after == before
    assert not list(project.glob(".site*")), "no half-built folder is left behind"


# The error shown in the README is the one the build prints for that mistake.
def test_readme_error_example_is_real(project):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("### What an error looks like", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    edit(project / "policy" / "regions.yml", "zone: Europe/Berlin", "zone: CET")
    edit(project / "policy" / "regions.yml", "monday to friday: 10:00-18:00", "monday to friday: 9am-5pm")
    build = run_build(project)
    assert build.returncode == 1
    report, _, last = example.strip().rpartition("\n\n")
    assert report in build.output and last in build.output


def test_closure_checks_run_while_another_file_is_broken(tmp_path):
    directory = broken_policy(tmp_path, "channels.yml", "type: form", "type: fax")
    edit(directory / "holidays.yml", "closures: []",
         "closures:\n  - name: {en: Offsite, de: Klausur}\n    date: 2026-12-01\n    until: 2026-11-30")
    problems = problems_for(directory)
    assert {p.file for p in problems} == {"policy/channels.yml", "policy/holidays.yml"}, problems
    assert any("ends (2026-11-30) before it starts (2026-12-01)" in p.message for p in problems)


# Policy texts may say what bug reports say ("Error 500", "NaN"): the page check is for the pages.
def test_policy_texts_may_name_errors(project):
    edit(project / "policy" / "priorities.yml", "      - en: No user can log in.\n        de: Kein Benutzer kann sich anmelden.",
         "      - en: Error 500 on login; totals show NaN or undefined.\n        de: Fehler 500 beim Anmelden; Summen zeigen NaN.")
    build = run_build(project)
    assert build.ok, build.output
    assert "Error 500 on login" in (build.site / "priorities" / "index.html").read_text()


# A broken company.yml does not drown its one problem in false "not a language" reports elsewhere.
def test_broken_languages_give_one_problem(tmp_path):
    directory = broken_policy(tmp_path, "company.yml", "languages: [en, de]", "languages: []")
    problems = problems_for(directory)
    assert len(problems) == 1 and problems[0].path == "languages", "\n".join(map(str, problems))


def test_a_byte_that_is_not_utf8_is_reported_on_its_line(tmp_path):
    directory = broken_policy(tmp_path, "channels.yml", "channels:", "channels:")
    path = directory / "channels.yml"
    lines = path.read_bytes().split(b"\n")
    lines[20] = lines[20] + b" \xff"
    path.write_bytes(b"\n".join(lines))
    problem = only_problem(directory)
    assert (problem.file, problem.line) == ("policy/channels.yml", 21)
    assert "not UTF-8" in problem.message and problem.fix == "save the file as UTF-8"


# Channels with hours of their own: each mistake once, on the email channel (channels[2]) of the
# default policy, loaded in process under a time limit. Same fields as CASES.
EMAIL = "    address: support@smartwork.example\n"
HOURS = "    hours:\n      monday to friday: 08:00-20:00\n"


def _email(extra: str) -> tuple:
    return ("channels.yml", EMAIL, EMAIL + extra)


CHANNEL_CASES = {
    "channel zone abbreviation": (*_email("    zone: CET\n" + HOURS + "    outside_hours: accepted\n"), "zone: CET",
                                  "channels[2].zone", "not an IANA time zone", "Europe/Berlin"),
    "channel zone that does not exist": (*_email("    zone: Europe/Munich\n" + HOURS + "    outside_hours: accepted\n"),
                                         "zone: Europe/Munich", "channels[2].zone", "not a known IANA time zone",
                                         "Europe/Berlin"),
    "channel hours without zone": (*_email(HOURS + "    outside_hours: accepted\n"), "hours:",
                                   "channels[2].hours", "these hours have no time zone", "add zone:"),
    "channel zone without hours": (*_email("    zone: Europe/Berlin\n    outside_hours: accepted\n"), "zone: Europe/Berlin",
                                   "channels[2].zone", "a zone without hours", "add hours:"),
    "channel hours in 12-hour time": (*_email("    zone: Europe/Berlin\n    hours:\n      monday to friday: 8am-8pm\n"
                                              "    outside_hours: accepted\n"), "8am-8pm",
                                      "channels[2].hours.monday to friday", "'8am-8pm' is not a time range", "08:00-20:00"),
    "channel hours misspelt weekday": (*_email("    zone: Europe/Berlin\n    hours:\n      monday to fridya: 08:00-20:00\n"
                                               "    outside_hours: accepted\n"), "fridya",
                                       "channels[2].hours.monday to fridya", "not a weekday", "monday to friday"),
    "channel hours overlap": (*_email("    zone: Europe/Berlin\n    hours:\n      monday to friday: [08:00-14:00, 13:00-20:00]\n"
                                      "    outside_hours: accepted\n"), "13:00-20:00",
                              "channels[2].hours.monday to friday", "08:00-14:00 and 13:00-20:00 overlap", "merge them"),
    "channel without hours on any day": (*_email("    zone: Europe/Berlin\n    hours:\n      monday to friday: closed\n"
                                                 "    outside_hours: accepted\n"), "monday to friday: closed",
                                         "channels[2].hours.monday to friday", "this channel has no opening hours on any day",
                                         "remove the channel"),
    "channel hours of an unknown region": (*_email("    same_hours_as: emae\n    outside_hours: accepted\n"), "same_hours_as",
                                           "channels[2].same_hours_as", "there is no region 'emae'", "did you mean 'emea'"),
    "channel hours of a region named, not its id": (*_email("    same_hours_as: EMEA\n    outside_hours: accepted\n"),
                                                    "same_hours_as", "channels[2].same_hours_as", "not a valid id", "'emea'"),
    "channel with its own hours and a region's": (*_email("    zone: Europe/Berlin\n" + HOURS + "    same_hours_as: emea\n"
                                                          "    outside_hours: accepted\n"), "same_hours_as",
                                                  "channels[2].same_hours_as", "not both", "remove same_hours_as"),
    "channel holidays of an unknown calendar": (*_email("    same_hours_as: emea\n    public_holidays: muenchen\n"
                                                        "    outside_hours: accepted\n"), "muenchen",
                                                "channels[2].public_holidays", "no holiday calendar 'muenchen'",
                                                "did you mean 'munich'"),
    "channel holidays without hours": (*_email("    public_holidays: munich\n"), "public_holidays",
                                       "channels[2].public_holidays", "no holiday can close it", "remove public_holidays"),
    "channel for an unknown priority": (*_email("    priorities: [critical]\n"), "priorities:",
                                        "channels[2].priorities[1]", "there is no priority 'critical'", "use 'p1'"),
    "channel hours without outside_hours": (*_email("    same_hours_as: emea\n"), "id: email",
                                            "channels[2]", "not what happens outside them", "outside_hours: accepted"),
    "channel outside_hours misspelt": (*_email("    same_hours_as: emea\n    outside_hours: not_staffed\n"), "not_staffed",
                                       "channels[2].outside_hours", "'not_staffed' is not one of", "'not staffed'"),
    "channel outside_hours without hours": (*_email("    outside_hours: accepted\n"), "outside_hours",
                                            "channels[2].outside_hours", "staffed around the clock", "remove outside_hours"),
    "priority via an unknown channel": ("priorities.yml", "    coverage: around the clock\n",
                                        "    coverage: around the clock\n    via: hotline\n", "via: hotline",
                                        "priorities[1].via", "there is no channel 'hotline'", "channels are: email, form, portal"),
    "priority in business hours via a channel around the clock": (
        "priorities.yml", "coverage: business hours\n\n  - id: p3", "coverage: business hours\n    via: portal\n\n  - id: p3",
        "via: portal", "priorities[2].via", "'portal' has no hours", "change coverage to around the clock"),
    "closure of an unknown channel": ("holidays.yml", "closures: []",
                                      "closures:\n  - name: {en: Offsite, de: Klausur}\n    date: 2026-12-01\n    channels: [chatt]",
                                      "channels: [chatt]", "closures[1].channels[1]", "there is no channel 'chatt'",
                                      "channels are: email, form, portal"),
    "closure of a channel around the clock": ("holidays.yml", "closures: []",
                                              "closures:\n  - name: {en: Offsite, de: Klausur}\n    date: 2026-12-01\n"
                                              "    channels: [portal]", "channels: [portal]", "closures[1].channels[1]",
                                              "'portal' has no hours", "give the channel hours"),
}


@pytest.mark.parametrize("case", sorted(CHANNEL_CASES))
def test_each_channel_mistake_names_file_line_key_and_fix(tmp_path, case):
    file, old, new, marker, path, message, fix = CHANNEL_CASES[case]
    directory = broken_policy(tmp_path, file, old, new)
    with time_limit(20, "loading the policy"):
        problems = problems_for(directory)
    matching = [p for p in problems if message in p.message]
    assert matching, "\n".join(map(str, problems))
    problem = matching[0]
    assert (problem.file, problem.line, problem.path) == (f"policy/{file}", line_of(directory, file, marker), path), str(problem)
    assert problem.fix and fix in problem.fix, str(problem)
    # One mistake, one problem: no second, false one caused by it.
    assert len(problems) == 1, "\n".join(map(str, problems))


# Mistakes across two files: a priority answered through a channel that is not for it, or
# around the clock through a channel that keeps hours.
def _hotline(directory: Path, priorities: str = "") -> None:
    edit(directory / "channels.yml", EMAIL, EMAIL + "\n  - id: hotline\n    name: {en: Hotline, de: Hotline}\n    type: phone\n"
         "    address: +49 89 1234 5678\n    zone: Europe/Berlin\n" + HOURS + priorities + "    outside_hours: not staffed\n")


def test_a_priority_via_a_channel_meant_for_others(tmp_path):
    directory = broken_policy(tmp_path, "priorities.yml", "coverage: business hours\n\n  - id: p3",
                              "coverage: business hours\n    via: hotline\n\n  - id: p3")
    _hotline(directory, "    priorities: [p1]\n")
    with time_limit(20, "loading the policy"):
        problem = only_problem(directory)
    assert (problem.file, problem.line, problem.path) == ("policy/priorities.yml", line_of(directory, "priorities.yml", "via: hotline"),
                                                          "priorities[2].via")
    assert problem.message == "the channel 'hotline' is only for p1, not for p2"
    assert problem.fix == "add p2 to the priorities of 'hotline' in channels.yml, or name another channel"


def test_around_the_clock_via_a_channel_with_hours(tmp_path):
    directory = broken_policy(tmp_path, "priorities.yml", "    coverage: around the clock\n",
                              "    coverage: around the clock\n    via: hotline\n")
    _hotline(directory, "    priorities: [p1]\n")
    with time_limit(20, "loading the policy"):
        problem = only_problem(directory)
    assert problem.path == "priorities[1].via" and "staffed only in its hours" in problem.message
    assert "change coverage to business hours" in problem.fix


# The README's example for support staff loads as written and does what it says.
def test_readme_hotline_example_loads(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Add a hotline", 1)[1]
    channel, priority = [block.split("```", 1)[0] for block in section.split("```yaml\n")[1:3]]
    directory = broken_policy(tmp_path, "channels.yml", EMAIL, EMAIL + "\n" + channel)
    edit(directory / "priorities.yml", "    coverage: around the clock\n", "    coverage: " + priority.split("coverage: ", 1)[1])
    with time_limit(20, "loading the policy"):
        policy = load_policy(directory, TODAY)
    hotline = policy.channel("hotline")
    assert hotline.type == "phone" and hotline.priorities == ("p1",) and hotline.outside_hours == "not_staffed"
    assert hotline.schedule.zone == "Europe/Berlin" and hotline.schedule.weekly[0][0].hhmm() == ("08:00", "20:00")
    assert any(o.kind == "holiday" for o in policy.channel_overrides["hotline"])
    assert policy.priorities[0].via == "hotline"


# One-off closures (date, until) wholly before the build date: kept for history, or written with a
# wrong year (2025 for 2027). A note names the line and what to do; the build does not fail. Yearly
# closures, coming ones and today's get none.
def test_a_closure_before_the_build_date_gets_a_note(tmp_path):
    directory = broken_policy(tmp_path, "holidays.yml", "closures: []", (
        "closures:\n"
        "  - name: {en: Company offsite, de: Betriebsausflug}\n    date: 2025-06-14\n    until: 2025-06-15\n"
        "  - name: {en: Christmas Eve, de: Heiligabend}\n    every_year: 12-24\n"
        "  - name: {en: Inventory, de: Inventur}\n    date: 2026-03-02\n"
        "  - name: {en: Team day, de: Teamtag}\n    date: 2026-11-27\n"
        "  - name: {en: Move, de: Umzug}\n    date: 2027-01-04\n"))
    with time_limit(20, "loading the policy"):
        policy = load_policy(directory, TODAY)
    assert len(policy.closures) == 5
    before, this_year = policy.notes
    assert (before.file, before.line, before.path) == (
        "policy/holidays.yml", line_of(directory, "holidays.yml", "until: 2025-06-15"), "closures[1].until"), str(before)
    assert "ended on 2025-06-15" in before.message and "it is not shown" in before.message, str(before)
    assert "If you meant a later year, fix the date" in before.fix and "history" in before.fix, str(before)
    assert (this_year.line, this_year.path) == (line_of(directory, "holidays.yml", "date: 2026-03-02"), "closures[3].date")
    assert "was on 2026-03-02" in this_year.message and "never as a coming closure" in this_year.message, str(this_year)


# A channel whose last day (until) is before the build date is no longer shown: a note, as for closures.
def test_a_channel_retired_before_the_build_date_gets_a_note(tmp_path):
    directory = broken_policy(tmp_path, "channels.yml", "    address: https://www.smartwork.example/support/contact\n",
                              "    address: https://www.smartwork.example/support/contact\n    until: 2025-06-30\n")
    with time_limit(20, "loading the policy"):
        policy = load_policy(directory, TODAY)
    [note] = policy.notes
    assert (note.file, note.line, note.path) == (
        "policy/channels.yml", line_of(directory, "channels.yml", "until: 2025-06-30"), "channels[3].until"), str(note)
    assert "offered until 2025-06-30" in note.message and "it is not shown" in note.message, str(note)
    assert "If you meant a later year, fix the date" in note.fix, str(note)


# Formatting written into a text (an HTML tag, Markdown's bold or link) shows as written: a note
# with the words alone, since a text may mean it; a single asterisk ("Company *offsite*") is prose.
def test_formatting_in_a_text_gets_a_note_with_the_words_alone(tmp_path):
    directory = broken_policy(tmp_path, "regions.yml", "name: {en: USA, de: USA}",
                              'name: {en: "<b>USA</b>", de: "**USA** und [Kanada](https://example.com/ca)"}')
    edit = directory / "channels.yml"
    edit.write_text(edit.read_text(encoding="utf-8").replace("en: Support portal", "en: Support *portal*", 1), encoding="utf-8")
    with time_limit(20, "loading the policy"):
        policy = load_policy(directory, TODAY)
    line = line_of(directory, "regions.yml", "<b>USA</b>")
    assert [(n.file, n.line, n.path) for n in policy.notes] == [
        ("policy/regions.yml", line, "regions[2].name.de"), ("policy/regions.yml", line, "regions[2].name.en")]
    de, en = policy.notes
    assert "'**USA**' looks like Markdown's bold" in de.message and "shown as written" in de.message, str(de)
    assert 'write the words alone: "USA und Kanada (https://example.com/ca)"' in de.fix, str(de)
    assert "'<b>' looks like an HTML tag" in en.message and 'write the words alone: "USA"' in en.fix, str(en)
    assert policy.region("usa").name.get("en") == "<b>USA</b>"  # kept as written


# The words alone keep words apart where a tag stood, and a text is noted only for marks around words:
# "2**10", "__init__.py" and "Tools & Co" are prose.
@pytest.mark.parametrize("text, fix", [
    ("USA<br>Canada", "USA Canada"), ("**urgent**, please", "urgent, please"), ("2**10 or 3**4", None),
    ("see __init__.py", None), ("Tools & Co <Ctrl>+C <support@example.com>", None), ("a __b__ c", "a b c"),
])
def test_the_words_alone_of_formatting(tmp_path, text, fix):
    directory = broken_policy(tmp_path, "regions.yml", "name: {en: USA, de: USA}", f"name: {{en: {json.dumps(text)}, de: USA}}")
    notes = load_policy(directory, TODAY).notes
    assert [n.fix.split(";")[0] for n in notes] == ([f"If you meant formatting, write the words alone: {json.dumps(fix)}"]
                                                    if fix else []), notes


# The default policy has nothing dated in the past.
def test_the_default_policy_has_no_notes(tmp_path):
    with time_limit(20, "loading the policy"):
        assert load_policy(broken_policy(tmp_path, "holidays.yml", "years: 2", "years: 2"), TODAY).notes == ()


# Items dated wholly after the last published day (31 December of the horizon's last year): a
# closure, a notice, a channel's first day. Valid, but the site shows none of them yet, and a
# wrong year (2062 for 2026) would vanish without a word: a note each, which fails nothing.
# Anything that reaches into the published years, and yearly closures, get none.
def test_a_closure_after_the_published_years_gets_a_note(tmp_path):
    directory = broken_policy(tmp_path, "holidays.yml", "closures: []", (
        "closures:\n"
        "  - name: {en: Christmas Eve, de: Heiligabend}\n    date: 2062-12-24\n"
        "  - name: {en: Offsite, de: Klausur}\n    date: 2028-12-24\n    until: 2028-12-27\n"
        "  - name: {en: Year end, de: Jahresende}\n    date: 2027-12-29\n"
        "  - name: {en: Turn of the year, de: Jahreswechsel}\n    date: 2027-12-30\n    until: 2028-01-02\n"
        "  - name: {en: Inventory, de: Inventur}\n    every_year: 12-28\n"))
    with time_limit(20, "loading the policy"):
        policy = load_policy(directory, TODAY)
    assert policy.horizon[1] == dt.date(2027, 12, 31) and len(policy.closures) == 5
    far, next_year = policy.notes
    assert (far.file, far.line, far.path) == (
        "policy/holidays.yml", line_of(directory, "holidays.yml", "date: 2062-12-24"), "closures[1].date"), str(far)
    assert far.message == ("this closure is on 2062-12-24, after the last published day (31 December 2027), "
                           "so the site does not show it yet"), str(far)
    assert far.fix.startswith("If you meant an earlier year, fix the date; "), str(far)
    assert (next_year.line, next_year.path) == (line_of(directory, "holidays.yml", "date: 2028-12-24"), "closures[2].date")
    assert next_year.message.startswith("this closure starts on 2028-12-24, after the last published day "
                                        "(31 December 2027)"), str(next_year)


# Changes of hours and of targets after the published years (a wrong year) get a note too; one
# within them none.
def test_changes_after_the_published_years_get_a_note(tmp_path):
    directory = broken_policy(tmp_path, "regions.yml", "      monday to friday: 10:00-18:00\n",
                              "      monday to friday: 10:00-18:00\n    changes:\n      - from: 2027-06-01\n"
                              "        hours:\n          monday to friday: 09:00-17:00\n      - from: 2062-01-11\n"
                              "        hours:\n          monday to friday: 08:00-16:00\n")
    edit(directory / "priorities.yml", "    first_response: 1 hour\n",
         "    first_response: 1 hour\n    changes:\n      - from: 2062-04-01\n        first_response: 30 minutes\n")
    with time_limit(20, "loading the policy"):
        policy = load_policy(directory, TODAY)
    assert len(policy.regions[0].changes) == 2 and len(policy.priorities[0].changes) == 1
    region, priority = policy.notes
    assert (region.file, region.line, region.path) == (
        "policy/regions.yml", line_of(directory, "regions.yml", "from: 2062-01-11"), "regions[1].changes[2].from"), str(region)
    assert region.message == ("this change of the hours is from 2062-01-11, after the last published day "
                              "(31 December 2027), so the site does not show it yet"), str(region)
    assert (priority.file, priority.line, priority.path) == (
        "policy/priorities.yml", line_of(directory, "priorities.yml", "from: 2062-04-01"),
        "priorities[1].changes[1].from"), str(priority)
    assert priority.message.startswith("this change of the targets is from 2062-04-01, after the last published day")
    assert priority.fix.startswith("If you meant an earlier year, fix the date; a change planned that far ahead")



# A change of hours or of targets dated before the build date applies from the first build that
# has it, announced nowhere: a change made (kept for history), or a wrong year (2025 for 2027). A
# note at its from:, as for a closure before the build date; one on the build date or after it
# gets none. One that a later change replaced before the build date is not shown at all.
def test_changes_before_the_build_date_get_a_note(tmp_path):
    directory = broken_policy(tmp_path, "regions.yml", "      monday to friday: 10:00-18:00\n",
                              "      monday to friday: 10:00-18:00\n    changes:\n      - from: 2025-03-01\n"
                              "        hours:\n          monday to friday: 09:00-17:00\n      - from: 2026-11-27\n"
                              "        hours:\n          monday to friday: 08:00-16:00\n")
    edit(directory / "regions.yml", "      monday to friday: 09:00-17:00\n    public_holidays: munich\n",
         "      monday to friday: 09:00-17:00\n    public_holidays: munich\n    changes:\n      - from: 2026-06-01\n"
         "        hours:\n          monday to friday: 08:00-16:00\n      - from: 2026-12-07\n"
         "        hours:\n          monday to friday: 09:00-17:00\n")
    edit(directory / "priorities.yml", "    first_response: 1 hour\n",
         "    first_response: 1 hour\n    changes:\n      - from: 2025-01-01\n        first_response: 30 minutes\n"
         "      - from: 2026-01-01\n        update_interval: 1 hour\n")
    with time_limit(20, "loading the policy"):
        policy = load_policy(directory, TODAY)
    assert [n.path for n in policy.notes] == [
        "regions[1].changes[1].from", "regions[2].changes[1].from", "priorities[1].changes[1].from",
        "priorities[1].changes[2].from"], "\n".join(map(str, policy.notes))
    replaced, usa, p1, p1_later = policy.notes
    assert (replaced.file, replaced.line) == ("policy/regions.yml", line_of(directory, "regions.yml", "from: 2025-03-01"))
    assert replaced.message == ("this change of the hours is from 2025-03-01, before the build date (2026-11-27): the "
                                "change from 2026-11-27 replaced it, so it is not shown"), str(replaced)
    assert replaced.fix == ("If you meant a later year, fix the date; a change kept for history needs no change "
                            "(or delete it)"), str(replaced)
    assert (usa.line, usa.message) == (line_of(directory, "regions.yml", "from: 2026-06-01"), (
        "this change of the hours is from 2026-06-01, before the build date (2026-11-27): the site shows these hours "
        "as the hours in force, and announces no change")), str(usa)
    assert usa.fix == "If you meant a later year, fix the date; a change already in force needs no change", str(usa)
    # A change of one target is replaced only by changes of that target.
    assert (p1.file, p1.line) == ("policy/priorities.yml", line_of(directory, "priorities.yml", "from: 2025-01-01"))
    assert p1.message == ("this change of the targets is from 2025-01-01, before the build date (2026-11-27): the "
                          "site shows these targets as the targets in force, and announces no change"), str(p1)
    assert p1_later.message.startswith("this change of the targets is from 2026-01-01, before the build date")

def test_a_notice_and_a_channel_after_the_published_years_get_a_note(tmp_path):
    directory = broken_policy(tmp_path, "channels.yml", "    address: https://www.smartwork.example/support/contact\n",
                              "    address: https://www.smartwork.example/support/contact\n    from: 2062-01-11\n")
    edit(directory / "notices.yml", "notices: []", (
        "notices:\n  - id: hotline\n    kind: disruption\n    title: {en: Hotline down, de: Hotline gestört}\n"
        "    text: {en: Use the portal., de: Nutzen Sie das Portal.}\n    start: 2062-12-24 09:00\n"
        "    zone: Europe/Berlin\n"
        "  - id: soon\n    kind: information\n    title: {en: Maintenance, de: Wartung}\n"
        "    text: {en: The portal is down., de: Das Portal ist nicht erreichbar.}\n    start: 2027-12-31\n"
        "    end: 2028-01-02\n    zone: Europe/Berlin\n"))
    with time_limit(20, "loading the policy"):
        policy = load_policy(directory, TODAY)
    channel, notice = policy.notes
    assert (channel.file, channel.line, channel.path) == (
        "policy/channels.yml", line_of(directory, "channels.yml", "from: 2062-01-11"), "channels[3].from"), str(channel)
    assert channel.message == ("the channel is offered from 2062-01-11, after the last published day "
                               "(31 December 2027), so the site does not show it yet"), str(channel)
    assert channel.fix.startswith("If you meant an earlier year, fix the date; "), str(channel)
    assert (notice.file, notice.line, notice.path) == (
        "policy/notices.yml", line_of(directory, "notices.yml", "start: 2062-12-24 09:00"), "notices[1].start"), str(notice)
    assert notice.message == ("this notice starts on 2062-12-24 09:00, after the last published day "
                              "(31 December 2027), so the site does not show it yet"), str(notice)



# A channel's last day (until) after the published years (a wrong year: 2207 for 2027) gets a note
# at its until:, as its first day would: the site lists the channel as offered on every published
# day. A last day within the published years gets none, nor does the until of a channel whose
# first day already has a note (all of it is after them).
def test_a_channel_offered_until_after_the_published_years_gets_a_note(tmp_path):
    directory = broken_policy(tmp_path, "channels.yml", "    address: https://www.smartwork.example/support/contact\n",
                              "    address: https://www.smartwork.example/support/contact\n    until: 2207-03-31\n")
    edit(directory / "channels.yml", "    address: support@smartwork.example\n",
         "    address: support@smartwork.example\n    from: 2062-01-11\n    until: 2062-06-30\n")
    edit(directory / "channels.yml", "    address: https://tickets.smartwork.example/\n",
         "    address: https://tickets.smartwork.example/\n    until: 2027-12-31\n")
    with time_limit(20, "loading the policy"):
        policy = load_policy(directory, TODAY)
    assert [c.available_until for c in policy.channels] == [
        dt.date(2027, 12, 31), dt.date(2062, 6, 30), dt.date(2207, 3, 31)]
    email, form = policy.notes
    assert (email.line, email.path) == (line_of(directory, "channels.yml", "from: 2062-01-11"), "channels[2].from")
    assert (form.file, form.line, form.path) == (
        "policy/channels.yml", line_of(directory, "channels.yml", "until: 2207-03-31"), "channels[3].until"), str(form)
    assert form.message == ("the channel is offered until 2207-03-31, after the last published day "
                            "(31 December 2027), so the site lists it as offered to the last published day"), str(form)
    assert form.fix == "If you meant an earlier year, fix the date; a last day planned that far ahead needs no change"


# A closure's last day (until) or a notice's end more than a year after the published years (a
# wrong year: 2207 for 2027) gets a note there: the site shows the closure, or the notice in
# effect, on every published day after its start. One that runs a few days past them (over New
# Year) gets none, nor does a channel's last day a few days after them.
def test_a_closure_or_notice_ending_far_after_the_published_years_gets_a_note(tmp_path):
    directory = broken_policy(tmp_path, "holidays.yml", "closures: []", (
        "closures:\n  - name: {en: Office move, de: Umzug}\n    date: 2027-06-14\n    until: 2207-06-15\n    regions: [usa]\n"
        "  - name: {en: Inventory, de: Inventur}\n    date: 2027-12-30\n    until: 2028-01-03\n    regions: [emea]\n"))
    edit(directory / "notices.yml", "notices: []", (
        "notices:\n  - id: hotline\n    kind: disruption\n    title: {en: Hotline down, de: Hotline gestört}\n"
        "    text: {en: Use the portal., de: Nutzen Sie das Portal.}\n    start: 2027-01-04 09:00\n"
        "    end: 2207-01-05 09:00\n    zone: Europe/Berlin\n"
        "  - id: new-year\n    kind: information\n    title: {en: Short hours, de: Kurze Zeiten}\n"
        "    text: {en: Fewer people answer., de: Weniger Leute antworten.}\n    start: 2027-12-30\n"
        "    end: 2028-01-02\n    zone: Europe/Berlin\n"))
    edit(directory / "channels.yml", "    address: https://tickets.smartwork.example/\n",
         "    address: https://tickets.smartwork.example/\n    until: 2028-01-02\n")
    with time_limit(20, "loading the policy"):
        policy = load_policy(directory, TODAY)
    closure, notice = sorted(policy.notes, key=lambda n: n.file)
    assert (closure.file, closure.line, closure.path) == (
        "policy/holidays.yml", line_of(directory, "holidays.yml", "until: 2207-06-15"), "closures[1].until"), str(closure)
    assert closure.message == ("this closure lasts until 2207-06-15, after the last published day (31 December 2027), "
                               "so the site shows it closed on every published day from 2027-06-14"), str(closure)
    assert closure.fix.startswith("If you meant an earlier year, fix the date; "), str(closure)
    assert (notice.file, notice.line, notice.path) == (
        "policy/notices.yml", line_of(directory, "notices.yml", "end: 2207-01-05 09:00"), "notices[1].end"), str(notice)
    assert notice.message == ("this notice ends on 2207-01-05 09:00, after the last published day (31 December 2027), "
                              "so the site shows it in effect on every published day from its start"), str(notice)


# Names tell regions, channels and priorities apart on every page and in the calculator: two with
# the same name in one language (ignoring case and spaces) are refused, on the line of the second,
# naming the first by its id and line.
def test_two_regions_with_the_same_name(tmp_path):
    directory = broken_policy(tmp_path, "regions.yml", "name: {en: USA, de: USA}", "name: {en: EMEA, de: emea }")
    with time_limit(20, "loading the policy"):
        problems = problems_for(directory)
    first, line = line_of(directory, "regions.yml", "name: {en: EMEA, de: EMEA}"), line_of(directory, "regions.yml", "de: emea }")
    assert [(p.file, p.line, p.path, p.message, p.fix) for p in problems] == [
        ("policy/regions.yml", line, "regions[2].name.de",
         f"the region name 'emea' (de) is used twice (also region 'emea', line {first})",
         "give each region its own name in de"),
        ("policy/regions.yml", line, "regions[2].name.en",
         f"the region name 'EMEA' (en) is used twice (also region 'emea', line {first})",
         "give each region its own name in en"),
    ], "\n".join(map(str, problems))


def test_a_channel_and_a_priority_named_like_another(tmp_path):
    directory = broken_policy(tmp_path, "channels.yml", "      en: Contact form\n      de: Kontaktformular\n",
                              "      en: Contact form\n      de: \"E-mail\"\n")
    edit(directory / "priorities.yml", "name: {en: High, de: Hoch}", "name: {en: '  critical', de: Hoch}")
    with time_limit(20, "loading the policy"):
        problems = problems_for(directory)
    assert [(p.file, p.line, p.path) for p in problems] == [
        ("policy/channels.yml", line_of(directory, "channels.yml", 'de: "E-mail"'), "channels[3].name.de"),
        ("policy/priorities.yml", line_of(directory, "priorities.yml", "en: '  critical'"), "priorities[2].name.en"),
    ], "\n".join(map(str, problems))
    channel, priority = problems
    assert channel.message == (f"the channel name 'E-mail' (de) is used twice (also channel 'email', line "
                               f"{line_of(directory, 'channels.yml', 'de: E-Mail')})"), str(channel)
    assert channel.fix == "give each channel its own name in de"
    assert priority.message == (f"the priority name 'critical' (en) is used twice (also priority 'p1', line "
                                f"{line_of(directory, 'priorities.yml', 'en: Critical')})"), str(priority)
    assert priority.fix == "give each priority its own name in en"


# A channel renamed like the Hotline of the brief: {en: Email, de: E-Mail}, both languages at once.
def test_a_channel_renamed_like_another_in_every_language(tmp_path):
    directory = broken_policy(tmp_path, "channels.yml", "      en: Contact form\n      de: Kontaktformular\n",
                              "      en: Email\n      de: E-Mail\n")
    with time_limit(20, "loading the policy"):
        problems = problems_for(directory)
    assert [p.path for p in problems] == ["channels[3].name.en", "channels[3].name.de"], "\n".join(map(str, problems))


# A channel that takes over from another on a date (a new number) may keep its name: the two are
# never offered on the same day, and the contact page dates both while it lists both.
def test_a_channel_replacing_another_may_keep_its_name(tmp_path):
    form = "    address: https://www.smartwork.example/support/contact\n"
    successor = ("\n  - id: form-2027\n    name: {en: Contact form, de: Kontaktformular}\n    type: form\n"
                 "    address: https://www.smartwork.example/support/contact-2027\n")
    directory = broken_policy(tmp_path, "channels.yml", form, form + "    until: 2027-01-10\n" + successor + "    from: 2027-01-11\n")
    with time_limit(20, "loading the policy"):
        assert [c.id for c in load_policy(directory, TODAY).channels] == ["portal", "email", "form", "form-2027"]
    # The one it replaced, retired before the build date and kept for history: a note, no problem.
    edit(directory / "channels.yml", "    until: 2027-01-10\n", "    until: 2025-06-30\n")
    edit(directory / "channels.yml", "    from: 2027-01-11\n", "")
    with time_limit(20, "loading the policy"):
        [note] = load_policy(directory, TODAY).notes
    assert note.path == "channels[3].until", str(note)
    edit(directory / "channels.yml", "    until: 2025-06-30\n", "    until: 2027-01-10\n")
    edit(directory / "channels.yml", "contact-2027\n", "contact-2027\n    from: 2027-01-10\n")
    problems = problems_for(directory)
    assert [(p.path, p.fix) for p in problems] == [("channels[4].name.de", "give each channel its own name in de"),
                                                   ("channels[4].name.en", "give each channel its own name in en")], \
        "\n".join(map(str, problems))


# Under missing_translations: fallback a name a language lacks shows the first language's: names
# are the same only in a language where both are written.
def test_names_compared_where_both_are_written(tmp_path):
    directory = broken_policy(tmp_path, "company.yml", "languages: [en, de]", "languages: [en, de]\nmissing_translations: fallback")
    edit(directory / "regions.yml", "name: {en: EMEA, de: EMEA}", "name: {en: Europe, de: EMEA}")
    edit(directory / "regions.yml", "name: {en: USA, de: USA}", "name: {en: EMEA}")
    with time_limit(20, "loading the policy"):
        load_policy(directory, TODAY)
    edit(directory / "regions.yml", "name: {en: EMEA}", "name: {de: Europe}")
    problem = only_problem(directory)
    assert "the en text is missing" in problem.message, str(problem)
    edit(directory / "regions.yml", "name: {de: Europe}", "name: {en: USA, de: EMEA}")
    problem = only_problem(directory)
    assert (problem.path, problem.message.split(" (also")[0]) == ("regions[2].name.de", "the region name 'EMEA' (de) is used twice")


# A calendar's names: may name the holidays of the years around the published ones: "Veterans Day
# (observed)" falls in 2028 only (11 November on a Saturday), and the build that publishes 2028
# needs its name; refusing it before would break one weekly build or the other at New Year. A
# name no year near them has stays a problem.
def test_holiday_names_of_the_years_around_the_published_ones_are_taken(tmp_path):
    directory = tmp_path / "policy"
    shutil.copytree(ROOT / "policy", directory)
    for name in ("holidays.yml", "regions.yml"):
        shutil.copy2(ROOT / "tests" / "fixtures" / "policies" / "three-regions" / name, directory / name)
    holidays = directory / "holidays.yml"
    edit(holidays, "      Veterans Day: {de: Veterans Day}\n",
         "      Veterans Day: {de: Veterans Day}\n      Veterans Day (observed): {de: Veterans Day (Ersatztag)}\n")
    with time_limit(30, "loading the policy"):
        policy = load_policy(directory, TODAY)
    assert policy.horizon[1].year == 2027
    edit(holidays, "Veterans Day (observed):", "Veterans Day (obsreved):")
    problems = [p for p in problems_for(directory) if "not a holiday of the calendar" in p.message]
    assert [p.fix for p in problems] == ["did you mean 'Veterans Day (observed)'?"], "\n".join(map(str, problems))


# A language CLDR lacks ("ac") and a country the holidays package lacks: each is a problem, and the
# country's suggestion (from the countries' names in the site's languages) does not crash on the
# language (found by the property-based test).
def test_an_unknown_language_and_country_are_problems_not_a_crash(tmp_path):
    directory = broken_policy(tmp_path, "company.yml", "languages: [en, de]", "languages: [en, ac]")
    edit(directory / "holidays.yml", "country: DE", "country: AA")
    with time_limit(30, "loading the policy"):
        problems = problems_for(directory)
    assert any(p.file == "policy/holidays.yml" and "'AA'" in p.message for p in problems), "\n".join(map(str, problems))
