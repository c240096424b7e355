# The words support staff get for the commonest slips: suggestions that match what they meant,
# YAML syntax errors in plain words, and every problem of a policy in one run.

import datetime as dt

import pytest
import yaml

from conftest import ROOT
from supportportal import yamlload
from supportportal.loading import PolicyError, load_policy
from test_policy_validation import TODAY, broken_policy, edit, line_of
from timelimit import time_limit


def problems_for(directory):
    with time_limit(20, "loading the policy"), pytest.raises(PolicyError) as info:
        load_policy(directory, TODAY)
    return info.value.problems


def only_problem(directory):
    problems = problems_for(directory)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


@pytest.mark.parametrize("written, code", [
    ("Singapore", "SG"), ("sg", "SG"), ("de", "DE"), ("Germany", "DE"), ("Deutschland", "DE"),
    ("germany", "DE"), ("Österreich", "AT"), ("United Kingdom", "GB"), ("Germny", "DE"),
])
def test_a_country_written_as_a_name_or_in_lowercase_gets_its_code(tmp_path, written, code):
    directory = broken_policy(tmp_path, "holidays.yml", "country: DE", f"country: {written}")
    problem = only_problem(directory)
    assert (problem.file, problem.path) == ("policy/holidays.yml", "calendars[1].country")
    assert problem.line == line_of(directory, "holidays.yml", f"country: {written}")
    assert problem.message == f"'{written}' is not a country code"
    assert problem.fix == f"use '{code}'"


def test_an_alias_of_a_country_code_gets_the_iso_code(tmp_path):
    directory = broken_policy(tmp_path, "holidays.yml", "country: DE\n    subdivision: BY\n", "country: UK\n")
    problem = only_problem(directory)
    assert "'UK' is not a country the holidays package knows" in problem.message
    assert problem.fix == "did you mean 'GB'?"


# The regions that use a calendar with an unknown country get no "no holiday calendar" of their own.
def test_an_unknown_country_is_one_problem_not_one_per_region(tmp_path):
    directory = broken_policy(tmp_path, "holidays.yml", "country: DE\n    subdivision: BY\n", "country: XX\n")
    problem = only_problem(directory)
    assert problem.path == "calendars[1].country" and "'XX'" in problem.message


@pytest.mark.parametrize("file, old, new, marker, path, fix", [
    ("holidays.yml", "closures: []", "closures:\n  - name: {en: Offsite, de: Klausur}\n    date: 2026-12-01\n"
     "    regions: [EMAE]", "regions: [EMAE]", "closures[1].regions[1]", "use 'emea'"),
    ("regions.yml", "id: emea", "id: émea", "id: émea", "regions[1].id", "use 'emea'"),
    ("regions.yml", "public_holidays: munich\n\n", "public_holidays: Munich\n\n", "public_holidays: Munich",
     "regions[1].public_holidays", "use 'munich'"),
    ("regions.yml", "id: usa", "id: USA East", "id: USA East", "regions[2].id", "use 'usa-east'"),
])
def test_an_id_is_suggested_from_the_ids_in_use(tmp_path, file, old, new, marker, path, fix):
    directory = broken_policy(tmp_path, file, old, new)
    problem = only_problem(directory)
    assert (problem.path, problem.line) == (path, line_of(directory, file, marker)), str(problem)
    assert "is not a valid id" in problem.message and problem.fix == fix


# (file, text to replace, replacement, line marker, words of the message, the fix)
YAML_SLIPS = {
    "key one space too far in": ("regions.yml", "    zone: Europe/Berlin", "     zone: Europe/Berlin",
                                 "     zone: Europe", "is indented more than the key above it expects",
                                 "indent it by 4 spaces like line {above}"),
    "key one space too little": ("regions.yml", "    zone: Europe/Berlin", "   zone: Europe/Berlin",
                                 "   zone: Europe", "is indented less than the key above it expects",
                                 "indent it by 4 spaces like line {above}"),
    "key after a nested block": ("regions.yml", "    public_holidays: munich\n\n  - id: usa",
                                 "     public_holidays: munich\n\n  - id: usa", "     public_holidays",
                                 "is indented more than the key above it expects", "indent it by 4 spaces like line {hours}"),
    "key two levels too far in": ("regions.yml", "    public_holidays: munich\n\n  - id: usa",
                                  "        public_holidays: munich\n\n  - id: usa", "        public_holidays",
                                  "is indented more than the key above it expects",
                                  "indent it by 6 spaces like line {above}, or by 4 spaces like line {hours} (hours:) "
                                  "if it belongs beside that"),
    "list entry too far in": ("regions.yml", "  - id: usa", "   - id: usa", "   - id: usa",
                              "the list entry on line {line} is indented more than the list above it expects",
                              "indent it by 2 spaces like line {first}"),
    "list entry too far out": ("regions.yml", "  - id: usa", " - id: usa", " - id: usa",
                               "the list entry on line {line} is indented less than the list above it expects",
                               "indent it by 2 spaces like line {first}"),
    "no space after the colon": ("regions.yml", "zone: Europe/Berlin", "zone:Europe/Berlin", "zone:Europe",
                                 "line {line} has no space after the colon of 'zone:'",
                                 "write 'zone: Europe/Berlin' (a space after the colon)"),
    "tab": ("regions.yml", "    zone: Europe/Berlin", "\tzone: Europe/Berlin", "\tzone:", "line {line} is indented with a tab",
            "indent with spaces, not tabs"),
    # A tab after the colon is no indentation: named where it is.
    "tab after a colon": ("regions.yml", "      monday to friday: 10:00-18:00", "      monday to friday:\t10:00-18:00",
                          "friday:\t10", "line {line} has a tab inside it, after 'monday to friday:'",
                          "type a space instead of the tab"),
    # A key at the column of the list's dashes: one of the entry's keys, further in (not YAML's
    # "expected <block end>, but found '?'").
    # A no-break space before a tab: still the indentation (its words once crashed the message).
    "no-break space and a tab": ("regions.yml", "    zone: Europe/Berlin", "\u00a0\tzone: Europe/Berlin", "\tzone:",
                                 "line {line} is indented with a tab", "indent with spaces, not tabs"),
    "key at the column of the dashes": ("regions.yml", "    zone: America/New_York", "  zone: America/New_York",
                                        "  zone: America", "line {line} is indented less than the key above it expects",
                                        "indent it by 4 spaces like line {above}"),
}


@pytest.mark.parametrize("slip", sorted(YAML_SLIPS))
def test_yaml_slips_in_plain_words(tmp_path, slip):
    file, old, new, marker, message, fix = YAML_SLIPS[slip]
    directory = broken_policy(tmp_path, file, old, new)
    line = line_of(directory, file, marker)
    numbers = {"line": line, "above": line - 1, "hours": line_of(directory, file, "hours:"),
               "first": line_of(directory, file, "- id: emea")}
    problem = only_problem(directory)
    assert (problem.file, problem.line) == (f"policy/{file}", line), str(problem)
    assert problem.message.startswith("this is not valid YAML: ") and message.format(**numbers) in problem.message
    assert "<block" not in problem.message, problem.message
    assert problem.fix == fix.format(**numbers)


def test_hours_run_together_with_their_day(tmp_path):
    directory = broken_policy(tmp_path, "regions.yml", "hours:\n      monday to friday: 10:00-18:00",
                              "hours: monday to friday:10:00-18:00")
    problem = only_problem(directory)
    assert problem.path == "regions[1].hours"
    assert problem.fix == "put a space after the colon: 'monday to friday: 10:00-18:00'"


# Structural problems in some entries hide neither the other entries' problems nor other files'.
def test_every_problem_of_every_file_and_entry_in_one_run(tmp_path):
    directory = broken_policy(tmp_path, "regions.yml", "zone: Europe/Berlin", "zone: CET")  # structure, regions[1]
    edits = [
        ("regions.yml", "monday to friday: 09:00-17:00",  # regions[2]: a day twice (semantic)
         "monday to friday: 09:00-17:00\n      friday: 09:00-12:00"),
        ("holidays.yml", "country: DE", "country: Germany"),  # structure, calendars[1]
        ("holidays.yml", "closures: []",  # closures[1]: a date that does not exist; closures[2]: an unknown key
         "closures:\n  - name: {en: Offsite, de: Klausur}\n    date: 2026-02-30\n"
         "  - name: {en: Party, de: Feier}\n    date: 2026-12-18\n    hour: 10:00-12:00"),
        ("channels.yml", "type: form", "type: fax"),  # structure, channels[3]
        ("channels.yml", "      de: E-Mail\n", ""),  # channels[2]: no German text (semantic)
        ("priorities.yml", "first_response: 1 business day", "first_response: one day"),  # structure, priorities[3]
        ("priorities.yml", "first_response: 1 hour", "first_response: 1 business hour"),  # priorities[1] (semantic)
        ("process.yml", "    de: Sie eröffnen ein Supportticket.\n", ""),  # no German text (semantic)
        ("maintenance.yml", "included: false", "included: no"),  # structure
    ]
    for file, old, new in edits:
        edit(directory / file, old, new)
    problems = problems_for(directory)
    found = {(p.file.split("/")[-1], p.path, p.message.split(" (")[0]) for p in problems}
    expected = {
        ("regions.yml", "regions[1].zone", "'CET' is not an IANA time zone name"),
        ("regions.yml", "regions[2].hours.friday", "friday is listed twice in these hours"),
        ("holidays.yml", "calendars[1].country", "'Germany' is not a country code"),
        ("holidays.yml", "closures[1].date", "2026-02-30 is not a date that exists: February 2026 has 28 days"),
        ("holidays.yml", "closures[2].hour", "unknown key 'hour'"),
        ("channels.yml", "channels[3].type", "'fax' is not one of: portal, email, form, phone, chat"),
        ("channels.yml", "channels[2].name", "the de text is missing"),
        ("priorities.yml", "priorities[3].first_response", "'one day' is not a duration"),
        ("priorities.yml", "priorities[1].first_response",
         "'1 business hour' counts business time, but this priority is covered around the clock"),
        ("process.yml", "resolution_steps[1]", "the de text is missing"),
        ("maintenance.yml", "enhancements.included", "expected true or false, found 'no'"),
    }
    assert found == expected, "\n".join(map(str, problems))


# The lines of a policy file's opening comment (1-based), with the text each holds.
def header_lines(file):
    found = []
    for number, line in enumerate((ROOT / "policy" / file).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            break
        if line.strip("# "):
            found.append(number)
    return found


# A line of a file's opening comment that lost its '#' (and its space after it) is named itself,
# not the first key below the comments, with the fix; in every policy file's real header.
@pytest.mark.parametrize("lost", ["#", "# "])
@pytest.mark.parametrize("file", sorted(p.name for p in (ROOT / "policy").glob("*.yml")))
def test_a_comment_line_without_its_hash_is_named(tmp_path, file, lost):
    original = (ROOT / "policy" / file).read_text(encoding="utf-8").split("\n")
    wrong = []
    for number in header_lines(file):
        lines = list(original)
        if not lines[number - 1].startswith(lost):
            continue
        lines[number - 1] = lines[number - 1][len(lost):]
        path = tmp_path / f"{number}-{file}"
        path.write_text("\n".join(lines), encoding="utf-8")
        doc = yamlload.load(path, file)
        if not doc.problems:  # "Example:" read as a key: the schema names that line as an unknown key
            if not any(len(key) == 1 and line == number for key, line in doc.lines.items()):
                wrong.append((number, "accepted"))
            continue
        line, message, fix, _ = doc.problems[0]
        if line != number or f"line {number}" not in message or "'#'" not in fix:
            wrong.append((number, line, message, fix))
    assert not wrong, "\n".join(map(str, wrong))


# Through the loader: the file, the line and the fix, as one problem.
def test_a_comment_line_without_its_hash_in_the_report(tmp_path):
    directory = broken_policy(tmp_path, "notices.yml", "#   kind:      information", "   kind:      information")
    problem = only_problem(directory)
    line = next(n for n, row in enumerate((directory / "notices.yml").read_text().splitlines(), 1)
                if row.startswith("   kind:"))
    assert (problem.file, problem.line) == ("policy/notices.yml", line), str(problem)
    assert problem.message == (f"this is not valid YAML: line {line} sits among the comments at the top of the "
                               "file but does not start with '#'"), str(problem)
    assert problem.fix.startswith(f"put '#' back at the start of line {line}"), str(problem)


# What a comment's words are not: a setting that lost its colon is named at its own line with the
# colon to add (not as a comment that lost its '#'), and a document marker below the comments
# leaves the error at the line YAML names.
def test_a_setting_without_its_colon_is_named_not_taken_for_a_comment(tmp_path):
    directory = broken_policy(tmp_path, "notices.yml", "keep_ended_days: 30", "keep_ended_days 30")
    problem = only_problem(directory)
    line = line_of(directory, "notices.yml", "keep_ended_days 30")
    assert (problem.file, problem.line) == ("policy/notices.yml", line), str(problem)
    assert "'#'" not in problem.fix and "keep_ended_days: 30" in problem.fix, str(problem)
    # Two words among the comments are a comment's words that lost their '#'.
    directory = broken_policy(tmp_path / "words", "notices.yml", "#\n#   id:", "#\nsee below\n#   id:")
    problem = only_problem(directory)
    assert problem.line == line_of(directory, "notices.yml", "see below") and "put '#' back" in problem.fix, str(problem)
    directory = broken_policy(tmp_path / "marker", "notices.yml", "keep_ended_days: 30", "---\nkeep_ended_days: 30: x")
    problem = only_problem(directory)
    assert problem.line == line_of(directory, "notices.yml", "keep_ended_days: 30: x") and "'#'" not in problem.fix, str(problem)


# A key indented further than the keys of its entry becomes part of the key above it (here
# public_holidays: or zone: under hours:): named as that, with the fix to line it up, not as a
# wrong value or weekday, nor as a key missing from the entry.
@pytest.mark.parametrize("old, new, key", [
    ("    public_holidays: munich\n\n  - id: usa", "      public_holidays: munich\n\n  - id: usa", "public_holidays"),
    ("    public_holidays: munich\n", "      public_holidays: munich\n", "public_holidays"),  # the last region's
    ("    zone: Europe/Berlin\n    hours:\n      monday to friday: 10:00-18:00\n",
     "    hours:\n      monday to friday: 10:00-18:00\n      zone: Europe/Berlin\n", "zone"),  # a required key
])
def test_a_key_indented_into_the_key_above_is_named(tmp_path, old, new, key):
    directory = broken_policy(tmp_path, "regions.yml", old, new)
    problem = only_problem(directory)
    assert only_problem(directory) == problem  # the file parsed before (kept by the cache): the same words
    line = line_of(directory, "regions.yml", f"      {key}:")
    hours = max(n for n, row in enumerate((directory / "regions.yml").read_text().splitlines(), 1)
                if row == "    hours:" and n < line)
    assert (problem.file, problem.line) == ("policy/regions.yml", line), str(problem)
    assert problem.message == (f"'{key}:' on line {line} is indented further than 'hours:' on line {hours}, "
                               "so it counts as part of hours"), str(problem)
    assert problem.fix == (f"line up {key}: with hours: and the other keys around it "
                           f"(indent it by 4 spaces, like line {hours})"), str(problem)


# A quote opened and never closed: the line where the quoted text starts, not the end of the file.
@pytest.mark.parametrize("quote", ['"', "'"])
def test_an_unclosed_quote_is_named_where_it_opens(tmp_path, quote):
    directory = broken_policy(tmp_path, "channels.yml", "en: Write to us;", f"en: {quote}Write to us;")
    problem = only_problem(directory)
    line = line_of(directory, "channels.yml", "Write to us;")
    assert (problem.file, problem.line) == ("policy/channels.yml", line), str(problem)
    assert problem.message == (f"this is not valid YAML: the quote ({quote}) that starts the text on line {line} "
                               "is never closed"), str(problem)
    assert problem.fix == f"close the quote: add {quote} at the end of the text on line {line}", str(problem)


# The same when a later quote closes it: the text then runs on into the next line, or into the next text.
@pytest.mark.parametrize("file, old, new, marker", [
    ("channels.yml", "en: Write to us; every email opens a ticket and you get its number in the reply.",
     'en: "Write to us; every email opens a ticket and you get its number in the reply.\n      de: "Schreiben"\n',
     'en: "Write to us'),
    ("holidays.yml", 'name: {en: "Munich, Germany", de:', 'name: {en: "Munich, Germany, de:', 'name: {en: "Munich'),
])
def test_a_quote_closed_by_the_next_text_is_named_where_it_opens(tmp_path, file, old, new, marker):
    directory = broken_policy(tmp_path, file, old, new)
    problem = only_problem(directory)
    line = line_of(directory, file, marker)
    assert (problem.file, problem.line) == (f"policy/{file}", line), str(problem)
    assert f'the quote (") that starts the text on line {line}' in problem.message, str(problem)
    assert problem.fix == f'close the quote: add " at the end of the text on line {line}', str(problem)


# A brace or bracket left open, or one too many: where it opens or stands, with the character to
# add or delete; no "expected ',' or '}'" or "<block end>".
@pytest.mark.parametrize("file, old, new, marker, message, fix", [
    ("regions.yml", "name: {en: EMEA, de: EMEA}", "name: {en: EMEA, de: EMEA", "name: {en: EMEA",
     "the '{' on line {line} is never closed", "add } at the end of line {line}"),
    ("regions.yml", "name: {en: USA, de: USA}", "name: {en: USA, de: USA", "name: {en: USA",
     "the '{' on line {line} is never closed", "add } at the end of line {line}"),
    ("regions.yml", "monday to friday: 10:00-18:00", "monday to friday: [10:00-12:00, 13:00-18:00",
     "[10:00-12:00", "the '[' on line {line} is never closed", "add ] at the end of line {line}"),
    ("holidays.yml", "closures: []", "closures: [", "closures: [",
     "the '[' on line {line} is never closed", "add ] at the end of line {line}"),
    ("regions.yml", "name: {en: EMEA, de: EMEA}", "name: {en: EMEA, de: EMEA}}", "name: {en: EMEA",
     "line {line} has a '}' that closes nothing", "delete the } on line {line} or add the { it closes"),
    ("regions.yml", "name: {en: EMEA, de: EMEA}", "name: }", "name: }",
     "line {line} has a '}' that closes nothing", "delete the } on line {line} or add the { it closes"),
    ("holidays.yml", "closures: []", "closures: []]", "closures: []]",
     "line {line} has a ']' that closes nothing", "delete the ] on line {line} or add the [ it closes"),
    # A '#' in a text inside the braces: ' #' starts a comment, which hides the brace too. Adding
    # a brace before it would cut the text: the text goes in quotes.
    ("regions.yml", "name: {en: EMEA, de: EMEA}", "name: {en: EMEA #2, de: EMEA}", "name: {en: EMEA #2",
     "the '{' on line {line} is never closed: ' #' starts a comment, which hides the rest of the line, its } too",
     'put the text that holds the # in quotes: "EMEA #2"'),
    ("regions.yml", "monday to friday: 10:00-18:00", "monday to friday: [10:00-12:00 #lunch, 13:00-18:00]",
     "[10:00-12:00 #lunch", "the '[' on line {line} is never closed: ' #' starts a comment, which hides the rest of "
     "the line, its ] too", 'put the text that holds the # in quotes: "10:00-12:00 #lunch"'),
])
def test_an_unclosed_or_extra_brace_is_named(tmp_path, file, old, new, marker, message, fix):
    directory = broken_policy(tmp_path, file, old, new)
    problem = only_problem(directory)
    line = line_of(directory, file, marker)
    assert (problem.file, problem.line) == (f"policy/{file}", line), str(problem)
    assert problem.message == "this is not valid YAML: " + message.replace("{line}", str(line)), str(problem)
    assert problem.fix == fix.replace("{line}", str(line)), str(problem)



# The same slips in other shapes, read by the loader alone: (text, line, message, fix).
@pytest.mark.parametrize("text, line, message, fix", [
    ("a:\n  b: {x: 1,\n      y: 2\n  c: d\n", 2, "the '{' on line 2 is never closed", "add } at the end of line 3"),
    ("a:\n  b: {x: 1  # note\n  c: d\n", 2, "the '{' on line 2 is never closed",
     "add } at the end of line 2 (before the # comment)"),
    ("a:\n  - [x, y\n  - z\n", 2, "the '[' on line 2 is never closed", "add ] at the end of line 2"),
    ("a: 1\nb: {\n", 2, "the '{' on line 2 is never closed", "add } at the end of line 2"),
    ("a: {x: 1, y: [2, 3}\n", 1, "the '[' on line 1 is not closed before the '}'",
     "add ] before the } on line 1, or write the bracket that was meant"),
    ("a: {en: EMEA de: EMEA}\n", 1, "line 1 has two entries inside { } without a comma between them",
     "separate the entries with commas ({en: ..., de: ...}), and put text that contains ': ' in quotes"),
    ("a: 1\n}\n", 2, "line 2 has a '}' that closes nothing", "delete the } on line 2 or add the { it closes"),
    ("a: 'it''s\nb: 1\n", 1, "the quote (') that starts the text on line 1 is never closed",
     "close the quote: add ' at the end of the text on line 1"),
    ('a:\n  b: "x\n\n  c: d\n  e: "f g"\n', 2,
     'the quote (") that starts the text on line 2 is not closed: the text runs on to the next quote, on line 5',
     'close the quote: add " at the end of the text on line 2'),
    ('a: "Munich" Germany\n', 1, 'line 1 has text after the closing quote (")', "put the whole text inside the quotes"),
    # A quote meant inside the text: an apostrophe in single quotes, quotation marks in double ones.
    ("a:\n  en: 'Don't panic'\n  de: x\n", 2, "the text on line 2 has a ' inside its quotes ('), which ends it early",
     "write it twice ('') inside single quotes, or put the whole text in \" instead"),
    ("a: {en: 'l'équipe', de: x}\n", 1, "the text on line 1 has a ' inside its quotes ('), which ends it early",
     "write it twice ('') inside single quotes, or put the whole text in \" instead"),
    ('a: "The "Best" team"\n', 1, 'the text on line 1 has a " inside its quotes ("), which ends it early',
     "write \\\" for it inside double quotes, or put the whole text in ' instead"),
    # A byte order mark first (as some editors save): the columns are those of the line as written.
    ('\ufeffcompany: "Acme\n', 1, 'the quote (") that starts the text on line 1 is never closed',
     'close the quote: add " at the end of the text on line 1'),
    ("\ufeffa: [\n", 1, "the '[' on line 1 is never closed", "add ] at the end of line 1"),
    # A key far too far in under a list entry's key: that key named without the entry's dash.
    ("regions:\n  - hours:\n      monday: 09:00-17:00\n          tuesday: 09:00-17:00\n", 4,
     "line 4 is indented more than the key above it expects",
     "indent it by 6 spaces like line 3, or by 4 spaces like line 2 (hours:) if it belongs beside that"),
])
def test_quotes_and_brackets_in_plain_words(tmp_path, text, line, message, fix):
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    assert yamlload.load(path, "x.yml").problems == [(line, "this is not valid YAML: " + message, fix, ())]


# A '{' left open before a long run of spaces (up to the file limit) is named at once: the
# search for where the collection ends is linear in the line's length.
def test_an_open_bracket_before_a_long_line_is_named_at_once(tmp_path):
    from timelimit import time_limit

    path = tmp_path / "x.yml"
    path.write_text("key: [a" + " " * 400_000 + "b,\nother: c\n", encoding="utf-8")
    with time_limit(10, "naming the open bracket"):
        problems = yamlload.load(path, "x.yml").problems
    assert problems and problems[0][1] == "this is not valid YAML: the '[' on line 1 is never closed", problems

# Two time ranges written without brackets: the fix shows the list form.
@pytest.mark.parametrize("written, listed", [
    ("09:00-12:00, 13:00-17:00", "[09:00-12:00, 13:00-17:00]"),
    ("9am-12pm, 1pm-5pm", "[09:00-12:00, 13:00-17:00]"),
    ("09:00-12:00,13:00-15:00, 16:00-18:00", "[09:00-12:00, 13:00-15:00, 16:00-18:00]"),
])
def test_time_ranges_without_brackets_get_the_list_form(tmp_path, written, listed):
    directory = broken_policy(tmp_path, "regions.yml", "monday to friday: 10:00-18:00", f"monday to friday: {written}")
    problem = only_problem(directory)
    assert (problem.path, problem.line) == ("regions[1].hours.monday to friday",
                                            line_of(directory, "regions.yml", written)), str(problem)
    assert problem.fix == f"write several time ranges as a list in brackets: monday to friday: {listed}", str(problem)


NORWAY = "  - id: norway\n    name: {en: Norway, de: Norwegen}\n    country: NO\n{names}\nclosures: []"
NORWEGIAN_HOLIDAYS = {
    "New Year's Day": "Neujahr", "Maundy Thursday": "Gründonnerstag", "Good Friday": "Karfreitag",
    "Easter Sunday": "Ostersonntag", "Easter Monday": "Ostermontag", "Labor Day": "Tag der Arbeit",
    "Ascension Day": "Christi Himmelfahrt", "Constitution Day": "Verfassungstag", "Pentecost": "Pfingstsonntag",
    "Pentecost Monday": "Pfingstmontag", "Christmas Day": "Erster Weihnachtstag",
    "Second Day of Christmas": "Zweiter Weihnachtstag",
}


# Two holidays on one day (Norway's Constitution Day and Pentecost Monday on 17 May 2027): the
# package names the day "Constitution Day; Pentecost Monday". Only the holidays themselves need
# names; the day's name is made of theirs, in alphabetical order as the package writes such a day.
def test_two_holidays_on_one_day_need_only_their_own_names(tmp_path):
    directory = broken_policy(tmp_path, "holidays.yml", "closures: []", NORWAY.replace("{names}", ""))
    edit(directory / "regions.yml", "public_holidays: munich", "public_holidays: norway")
    problem = only_problem(directory)
    assert problem.path == "calendars[2]", str(problem)
    assert "Constitution Day; Pentecost Monday" not in str(problem), str(problem)
    assert problem.message.endswith("gives none for 12 holidays: " + ", ".join(sorted(NORWEGIAN_HOLIDAYS))), str(problem)
    block = yamlload.yaml.safe_load(problem.fix.split("to it):\n", 1)[1])
    assert block["names"] == {name: {"de": "..."} for name in NORWEGIAN_HOLIDAYS}

    names = "    names:\n" + "".join(f'      "{en}": {{de: {de}}}\n' for en, de in NORWEGIAN_HOLIDAYS.items())
    directory = broken_policy(tmp_path / "named", "holidays.yml", "closures: []", NORWAY.replace("{names}", names))
    edit(directory / "regions.yml", "public_holidays: munich", "public_holidays: norway")
    with time_limit(20, "loading the policy"):
        policy = load_policy(directory, TODAY)
    [day] = [o for o in policy.overrides["usa"] if o.date == dt.date(2027, 5, 17)]
    assert (day.kind, day.name.get("en"), day.name.get("de")) == \
        ("holiday", "Constitution Day; Pentecost Monday", "Pfingstmontag; Verfassungstag")
    assert {o.name.get("de") for o in policy.overrides["usa"]} >= {"Verfassungstag", "Pfingstmontag"}


NEW_YORK = ('  - id: newyork\n    name: {en: "New York, USA", de: "New York, USA"}\n    country: US\n'
            '    subdivision: NY\n    categories: [public, catholic]\n\nclosures: []')


# A category the country's calendar does not have is one problem at its line, with the country's
# categories and the fix; never the holidays package's own error, also in a calendar no region uses.
def test_a_category_the_country_lacks_is_named_in_an_unused_calendar(tmp_path):
    directory = broken_policy(tmp_path, "holidays.yml", "closures: []", NEW_YORK)
    problem = only_problem(directory)
    line = max(n for n, row in enumerate((directory / "holidays.yml").read_text().splitlines(), 1)
               if row == "    categories: [public, catholic]")
    assert (problem.file, problem.line, problem.path) == ("policy/holidays.yml", line, "calendars[2].categories"), \
        str(problem)
    assert problem.message == ("'catholic' is not a holiday category of US "
                               "(its categories: government, half_day, public, unofficial)"), str(problem)
    assert problem.fix == "remove it: categories: [public]", str(problem)


@pytest.mark.parametrize("old, new, fix", [
    ("categories: [public, catholic]", "categories: [public, catholik]", "did you mean 'catholic'?"),
    ("country: DE\n    subdivision: BY\n", "country: US\n    subdivision: NY\n", "remove it: categories: [public]"),
    ("country: DE\n    subdivision: BY\n", "country: NO\n", "remove it: categories: [public]"),
])
def test_a_category_the_country_lacks_is_named(tmp_path, old, new, fix):
    directory = broken_policy(tmp_path, "holidays.yml", old, new)
    problem = only_problem(directory)
    assert (problem.file, problem.path) == ("policy/holidays.yml", "calendars[1].categories"), str(problem)
    assert problem.line == line_of(directory, "holidays.yml", "categories: [public, catholi"), str(problem)
    assert problem.message.startswith(f"'catholi") and "is not a holiday category of" in problem.message, str(problem)
    assert problem.fix == fix, str(problem)


# With the subdivision wrong as well (BY is not in GB or US): both problems, and no traceback.
@pytest.mark.parametrize("country", ["US", "GB"])
def test_a_category_and_a_subdivision_the_country_lacks(tmp_path, country):
    directory = broken_policy(tmp_path, "holidays.yml", "country: DE", f"country: {country}")
    paths = sorted(p.path for p in problems_for(directory))
    assert paths == ["calendars[1].categories", "calendars[1].subdivision"], paths


# An end hour written as on a 12-hour clock (9-5, 10-6, 9:00-5:00) is read as the afternoon, and
# the fix says so; a range that can only run past midnight (22-6) says that it does. A fix never
# silently turns a working day into a night shift.
@pytest.mark.parametrize("written, fix", [
    ("9-5", "write it as '09:00-17:00' (times are 24-hour: 5 read as 17:00; "
            "for a shift past midnight until 05:00 write '09:00-05:00')"),
    ("9:00-5:00", "write it as '09:00-17:00' (times are 24-hour: 5:00 read as 17:00; "
                  "for a shift past midnight until 05:00 write '09:00-05:00')"),
    ("10-6", "write it as '10:00-18:00' (times are 24-hour: 6 read as 18:00; "
             "for a shift past midnight until 06:00 write '10:00-06:00')"),
    ("10.00-6.30", "write it as '10:00-18:30' (times are 24-hour: 6.30 read as 18:30; "
                   "for a shift past midnight until 06:30 write '10:00-06:30')"),
    ("22-6", "write it as '22:00-06:00' (24-hour time, opening-closing; it runs past midnight into the next day)"),
    ("9-17", "write it as '09:00-17:00' (24-hour time, opening-closing)"),
    ("9am-5pm", "write it as '09:00-17:00' (24-hour time, opening-closing)"),
])
def test_a_time_range_fix_keeps_the_day_a_day(tmp_path, written, fix):
    directory = broken_policy(tmp_path, "regions.yml", "monday to friday: 10:00-18:00", f"monday to friday: {written}")
    problem = only_problem(directory)
    assert (problem.path, problem.line) == ("regions[1].hours.monday to friday",
                                            line_of(directory, "regions.yml", written)), str(problem)
    assert problem.message == f"'{written}' is not a time range", str(problem)
    assert problem.fix == fix, str(problem)


# The same without brackets: a later range that starts before the one before it ends is the afternoon's.
def test_time_ranges_without_brackets_keep_the_afternoon(tmp_path):
    directory = broken_policy(tmp_path, "regions.yml", "monday to friday: 10:00-18:00", "monday to friday: 9-12, 1-5")
    problem = only_problem(directory)
    assert problem.fix == ("write several time ranges as a list in brackets: monday to friday: [09:00-12:00, 13:00-17:00] "
                           "(times are 24-hour: 1 read as 13:00, 5 read as 17:00)"), str(problem)


# And in a list, as the file's header writes several ranges: each range after the one before it.
@pytest.mark.parametrize("written, problems", [
    ("[9-12, 1-5]", [(0, "write it as '09:00-12:00' (24-hour time, opening-closing)"),
                     (1, "write it as '13:00-17:00' (times are 24-hour: 1 read as 13:00, 5 read as 17:00)")]),
    ("[09:00-12:00, 1-5]", [(1, "write it as '13:00-17:00' (times are 24-hour: 1 read as 13:00, 5 read as 17:00)")]),
])
def test_time_ranges_in_a_list_keep_the_afternoon(tmp_path, written, problems):
    directory = broken_policy(tmp_path, "regions.yml", "monday to friday: 10:00-18:00", f"monday to friday: {written}")
    with pytest.raises(PolicyError) as error:
        load_policy(directory, TODAY)
    got = [(p.path, p.fix) for p in error.value.problems]
    assert got == [(f"regions[1].hours.monday to friday[{i + 1}]", fix) for i, fix in problems], got


# Day keys: words for several days, lists of days and German names get what they mean, in the
# forms the file's header shows (a day, a range of days, every day), never one day of several.
@pytest.mark.parametrize("written, fix", [
    ("weekdays", "write it as 'monday to friday'"),
    ("Workdays", "write it as 'monday to friday'"),
    ("weekends", "write it as 'saturday to sunday'"),
    ("daily", "write it as 'every day'"),
    ("monday, tuesday", "write it as 'monday to tuesday'"),
    ("monday & tuesday", "write it as 'monday to tuesday'"),
    ("monday and tuesday and wednesday", "write it as 'monday to wednesday'"),
    ("monday, wednesday", "give each day a line of its own, with the same hours: "
                          "'monday: 10:00-18:00' and 'wednesday: 10:00-18:00'"),
    ("mon, wed-fri", "give each day a line of its own, with the same hours: "
                     "'monday: 10:00-18:00' and 'wednesday to friday: 10:00-18:00'"),
    ("weekdays and saturday", "write it as 'monday to saturday'"),
    ("Montag bis Freitag", "write it as 'monday to friday'"),
    ("Mo-Fr", "write it as 'monday to friday'"),
    ("Di.", "write it as 'tuesday'"),
    ("mittwoch", "write it as 'wednesday'"),
    ("Do", "write it as 'thursday'"),
    ("Sonnabend", "write it as 'saturday'"),
    ("So", "write it as 'sunday'"),
    ("Samstag und Sonntag", "write it as 'saturday to sunday'"),
    ("fridya", "write it as 'friday'"),
    ("Werktage", "write it as 'monday to friday'"),
    ("freitags", "write it as 'friday'"),
    ("Donerstag", "write it as 'thursday'"),
    # German words near a day's name that are no day get no day ("Feiertage" is not Friday).
    ("Feiertage", None),
    ("mittags", None),
])
def test_a_day_key_fix_keeps_the_days(tmp_path, written, fix):
    directory = broken_policy(tmp_path, "regions.yml", "monday to friday: 10:00-18:00", f"{written}: 10:00-18:00")
    problem = only_problem(directory)
    assert (problem.path, problem.line) == (f"regions[1].hours.{written}",
                                            line_of(directory, "regions.yml", f"{written}: 10:00")), str(problem)
    assert problem.message == f"'{written}' is not a weekday or a range of weekdays", str(problem)
    if fix:
        assert problem.fix == fix, str(problem)
    else:
        assert problem.fix == "use monday ... sunday, 'monday to friday' or 'every day', in lowercase", str(problem)


# Each German weekday and its abbreviation gets its English name.
@pytest.mark.parametrize("german, english", [
    ("montag", "monday"), ("dienstag", "tuesday"), ("mittwoch", "wednesday"), ("donnerstag", "thursday"),
    ("freitag", "friday"), ("samstag", "saturday"), ("sonnabend", "saturday"), ("sonntag", "sunday"),
    ("mo", "monday"), ("di", "tuesday"), ("mi", "wednesday"), ("do", "thursday"), ("fr", "friday"),
    ("sa", "saturday"), ("so", "sunday"), ("Mi.", "wednesday"),
])
def test_german_weekdays_get_their_english_names(german, english):
    from supportportal import parsing

    assert parsing.suggest_days(german) == (english,)


# A ' #' inside a plain text starts a YAML comment: the text readers see would stop before it. In
# every text field (a language's text, a name, a list of texts, a holiday's name) it is a problem
# at its line, with the text in quotes as the fix; a comment after an id, hours or a date is not.
@pytest.mark.parametrize("file, old, new, path, quoted", [
    ("channels.yml", "en: A short form for customers without a portal account.",
     "en: Use form #2 for customers without a portal account.", "channels[3].description.en",
     '"Use form #2 for customers without a portal account."'),
    ("channels.yml", "      en: Contact form\n", "      en: Contact form   # the old one\n", "channels[3].name.en",
     '"Contact form   # the old one"'),
    ("company.yml", "  name: smartwork solutions", "  name: smartwork #1 solutions", "company.name",
     '"smartwork #1 solutions"'),
    ("process.yml", "  - en: You open a support ticket.", "  - en: You open a support ticket #1.",
     "resolution_steps[1].en", '"You open a support ticket #1."'),
    ("holidays.yml", "categories: [public, catholic]\n",
     "categories: [public, catholic]\n    names:\n      Epiphany: {de: Heilige Drei Könige}\n      "
     "Assumption Day:\n        de: Mariä #Himmelfahrt  #15.8.\n", "calendars[1].names.Assumption Day.de",
     '"Mariä #Himmelfahrt  #15.8."'),
])
def test_a_comment_after_a_text_is_named(tmp_path, file, old, new, path, quoted):
    directory = broken_policy(tmp_path, file, old, new)
    marker = next(row for row in new.split("\n") if " #" in row).strip()
    problem = only_problem(directory)
    assert only_problem(directory) == problem  # the file parsed before (kept by the cache): the same words
    assert (problem.file, problem.path, problem.line) == (f"policy/{file}", path, line_of(directory, file, marker)), \
        str(problem)
    shown = quoted.strip('"').split(" #")[0].rstrip()
    assert problem.message == (f"the text is cut at '#': YAML reads ' #' and what follows as a comment, "
                               f"so readers see only '{shown}'"), str(problem)
    assert problem.fix == (f"put the whole text in quotes: {quoted}; or, if it is a comment, "
                           "put it on a line of its own"), str(problem)


# A text over several lines whose next line starts with '#': YAML ends the text there and reads
# that line as a comment, so readers see the text up to it. Named at that line; a comment at the
# key's own indentation (or less) is a comment and stays allowed.
def test_a_comment_line_inside_a_text_is_named(tmp_path):
    old = "      en: Open a ticket, attach log files and screenshots, and follow its status.\n"
    directory = broken_policy(tmp_path, "channels.yml", old,
                              "      en: Open a ticket, attach log files and screenshots,\n        #1 priority: follow its status.\n")
    problem = only_problem(directory)
    assert (problem.path, problem.line) == ("channels[1].description.en",
                                            line_of(directory, "channels.yml", "attach log files and screenshots,") + 1), str(problem)
    assert problem.message == ("the text stops before this line: YAML reads a line starting with '#' as a comment, "
                               "so readers see only 'Open a ticket, attach log files and screenshots,'"), str(problem)
    assert problem.fix == ('put the whole text in quotes: "Open a ticket, attach log files and screenshots, '
                           '#1 priority: follow its status."; or, if it is a comment, indent it as the key above it'), str(problem)
    edit(directory / "channels.yml", "        #1 priority: follow its status.\n", "      # the German text is newer\n")
    with time_limit(20, "loading the policy"):
        load_policy(directory, TODAY)


# A text over several lines whose first line holds ' #': YAML ends the text there and fails at the
# next line, indented to go on with it. Named at the line with the '#' (not as an indentation slip),
# with the whole text in quotes; a key indented too far below a commented value stays an indentation slip.
def test_a_comment_in_the_first_line_of_a_long_text_is_named(tmp_path):
    old = "      en: Open a ticket, attach log files and screenshots, and follow its status.\n"
    directory = broken_policy(tmp_path, "channels.yml", old,
                              "      en: Open a ticket #2, attach log files\n        and screenshots, and follow its status.\n")
    problem = only_problem(directory)
    assert (problem.file, problem.line) == ("policy/channels.yml", line_of(directory, "channels.yml", "ticket #2")), str(problem)
    assert problem.message == ("this is not valid YAML: the text on line {0} stops at ' #': YAML reads ' #' and what "
                               "follows as a comment, so line {1}, indented to go on with the text, cannot"
                               .format(problem.line, problem.line + 1)), str(problem)
    assert problem.fix == ('put the whole text in quotes: en: "Open a ticket #2, attach log files and screenshots, '
                           'and follow its status."'), str(problem)
    # A backslash in the text: single quotes, where YAML reads it as written ("C:\\logs" in double
    # quotes is an escape, an error).
    directory = broken_policy(tmp_path / "backslash", "channels.yml", old,
                              "      en: Logs are in C:\\logs #2, attach\n        them too.\n")
    problem = only_problem(directory)
    assert problem.fix == "put the whole text in quotes: en: 'Logs are in C:\\logs #2, attach them too.'", str(problem)
    assert yaml.safe_load(problem.fix.split("quotes: ", 1)[1]) == {"en": "Logs are in C:\\logs #2, attach them too."}
    directory = broken_policy(tmp_path / "key", "regions.yml", "    zone: Europe/Berlin\n",
                              "    zone: Europe/Berlin  # Munich\n       hours_note: x\n")
    assert "indented" in only_problem(directory).message, str(only_problem(directory))


# Comments after values that are not texts stay allowed; so do comments after a quoted text.
def test_comments_after_ids_hours_dates_and_quoted_texts_are_allowed(tmp_path):
    directory = broken_policy(tmp_path, "regions.yml", "monday to friday: 10:00-18:00",
                              "monday to friday: 10:00-18:00   # from March on")
    for file, old, new in [
        ("regions.yml", "id: emea", "id: emea  # never rename"),
        ("regions.yml", "zone: Europe/Berlin", "zone: Europe/Berlin  # Munich"),
        ("holidays.yml", "country: DE", "country: DE  # Germany"),
        ("holidays.yml", "closures: []", "closures:\n  - name: {en: Offsite, de: Klausur}  # agreed\n"
                                         "    date: 2026-12-18  # a Friday\n"),
        ("channels.yml", "en: A short form for customers without a portal account.",
         'en: "A short form for customers without a portal account."  # shorter than before'),
    ]:
        edit(directory / file, old, new)
    with time_limit(20, "loading the policy"):
        load_policy(directory, TODAY)


# announce_changes counts days: weeks get the same number of days as the fix.
@pytest.mark.parametrize("written, fix", [
    ("1 week", "write it as '7 days' (a number of days, 0 to 366)"),
    ("2 weeks", "write it as '14 days' (a number of days, 0 to 366)"),
    ("soon", "write how many days ahead the pages announce a change, e.g. 60 days (0 to 366)"),
    # More weeks than the days allowed: no form that would be refused in turn.
    ("60 weeks", "write how many days ahead the pages announce a change, e.g. 60 days (0 to 366)"),
])
def test_announce_changes_in_weeks_gets_days(tmp_path, written, fix):
    directory = broken_policy(tmp_path, "company.yml", "languages: [en, de]\n",
                              f"languages: [en, de]\nannounce_changes: {written}\n")
    problem = only_problem(directory)
    assert (problem.path, problem.line) == ("announce_changes", line_of(directory, "company.yml", "announce_changes:"))
    assert problem.message == f"'{written}' is not a number of days", str(problem)
    assert problem.fix == fix, str(problem)


NOTICE = ("notices:\n  - id: hotline-down\n    kind: disruption\n    title: {en: Hotline down, de: Hotline gestört}\n"
          "    text: {en: Use the portal., de: Nutzen Sie das Portal.}\n    start: 2026-13-01\n"
          "    end: 2027-02-30 10:00\n    updated: 2026-11-20 25:00\n")


# A notice without zone (its regions keep different zones) whose dates do not exist: every problem
# in one run, not the dates only once the zone is added.
def test_a_notice_without_zone_gets_its_wrong_dates_in_the_same_run(tmp_path):
    directory = broken_policy(tmp_path, "notices.yml", "notices: []", NOTICE)
    problems = problems_for(directory)
    assert sorted((p.line, p.path, p.message) for p in problems) == sorted([
        (line_of(directory, "notices.yml", "start: 2026-13-01"), "notices[1].start",
         "start has no time zone: the regions concerned keep different zones (America/New_York, Europe/Berlin)"),
        (line_of(directory, "notices.yml", "start: 2026-13-01"), "notices[1].start", "2026-13-01 is not a date that exists"),
        (line_of(directory, "notices.yml", "end: 2027-02-30"), "notices[1].end", "2027-02-30 is not a date that exists"),
        (line_of(directory, "notices.yml", "updated: 2026-11-20"), "notices[1].updated", "'25:00' is not a time of day"),
    ]), "\n".join(map(str, problems))


# While regions.yml has a zone of its own to fix, a notice without zone is not told its regions'
# zones differ when they may not (EST and EST are one zone once fixed): never an empty list "()".
# Where the zones it knows differ, it names them.
def test_a_notice_without_zone_while_a_region_zone_is_wrong(tmp_path):
    directory = broken_policy(tmp_path, "notices.yml", "notices: []", NOTICE.replace("2026-13-01", "2026-12-01")
                              .replace("    end: 2027-02-30 10:00\n    updated: 2026-11-20 25:00\n", ""))
    edit(directory / "regions.yml", "zone: Europe/Berlin", "zone: EST")
    edit(directory / "regions.yml", "zone: America/New_York", "zone: EST")
    problems = problems_for(directory)
    assert [(p.file, p.path) for p in problems] == [("policy/regions.yml", "regions[1].zone"),
                                                    ("policy/regions.yml", "regions[2].zone")], "\n".join(map(str, problems))
    edit(directory / "regions.yml", "      monday to friday: 09:00-17:00\n    public_holidays: munich\n",
         "      monday to friday: 09:00-17:00\n    public_holidays: munich\n\n  - id: apac\n    name: {en: APAC, de: APAC}\n"
         "    zone: Asia/Singapore\n    hours:\n      monday to friday: 09:00-17:00\n    public_holidays: munich\n")
    edit(directory / "regions.yml", "zone: EST", "zone: Europe/Berlin")
    problems = problems_for(directory)
    assert [(p.path, p.message) for p in problems if p.file == "policy/notices.yml"] == [
        ("notices[1].start", "start has no time zone: the regions concerned keep different zones "
                             "(Asia/Singapore, Europe/Berlin)")], "\n".join(map(str, problems))
