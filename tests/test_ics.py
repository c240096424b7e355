# support.ics: parsed by the icalendar package and by a strict line-level reader written here
# from RFC 5545, folded and escaped correctly, names surviving a round trip, stable unique UIDs,
# VTIMEZONEs for special hours, and the same bytes from the same policy.

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import zoneinfo

import icalendar
import pytest

from conftest import ROOT, run_build
from test_calendar import MUNICH_HOLIDAYS, TRICKY_LOCAL, TRICKY_NAME, fixture_build  # noqa: F401 (a fixture)


@pytest.fixture(scope="module")
def ics(fixture_build) -> bytes:
    return (fixture_build.site / "support.ics").read_bytes()


def events(data: bytes) -> list:
    return [c for c in icalendar.Calendar.from_ical(data).walk("VEVENT")]


# A strict reader of RFC 5545's content lines (section 3.1), independent of the icalendar package:
# every line ends in CRLF, no physical line is longer than 75 octets, continuation lines start with
# one space or tab, and each unfolded line is NAME *(;PARAM=VALUE) : VALUE. Returns the components
# as nested dicts {"name", "props": [(name, params, value)], "children"}.
CONTENT_LINE = re.compile(
    r'(?P<name>[A-Za-z0-9-]+)'
    r'(?P<params>(?:;[A-Za-z0-9-]+=(?:"[^"\x00-\x08\x0a-\x1f\x7f]*"|[^";:,\x00-\x08\x0a-\x1f\x7f]*)'
    r'(?:,(?:"[^"\x00-\x08\x0a-\x1f\x7f]*"|[^";:,\x00-\x08\x0a-\x1f\x7f]*))*)*)'
    r':(?P<value>[^\x00-\x08\x0a-\x1f\x7f]*)'
)


def strict_parse(data: bytes) -> dict:
    assert data.endswith(b"\r\n"), "the file ends with CRLF"
    physical = data[:-2].split(b"\r\n")
    for number, line in enumerate(physical, 1):
        assert b"\n" not in line and b"\r" not in line, f"line {number}: bare LF or CR"
        assert len(line) <= 75, f"line {number} has {len(line)} octets: {line!r}"
        line.decode("utf-8")  # each physical line is whole UTF-8: folds never split a character
    logical: list[bytes] = []
    for line in physical:
        if line[:1] in (b" ", b"\t"):
            assert logical, "a continuation line cannot come first"
            logical[-1] += line[1:]
        else:
            logical.append(line)
    root = {"name": None, "props": [], "children": []}
    stack = [root]
    for raw in logical:
        text = raw.decode("utf-8")
        match = CONTENT_LINE.fullmatch(text)
        assert match, f"not a content line: {text!r}"
        name, value = match["name"].upper(), match["value"]
        params = dict(p.split("=", 1) for p in match["params"].split(";")[1:])
        if name == "BEGIN":
            component = {"name": value, "props": [], "children": []}
            stack[-1]["children"].append(component)
            stack.append(component)
        elif name == "END":
            assert stack[-1]["name"] == value, f"END:{value} closes {stack[-1]['name']}"
            stack.pop()
        else:
            stack[-1]["props"].append((name, params, value))
    assert len(stack) == 1, "every BEGIN has its END"
    [calendar] = root["children"]
    assert calendar["name"] == "VCALENDAR"
    return calendar


# TEXT values (RFC 5545 3.3.11): only \\ \; \, \n \N are escapes; an unescaped , or ; is not allowed
# in a single text value.
def unescape_text(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        char = value[i]
        if char == "\\":
            following = value[i + 1]
            assert following in "\\;,nN", f"bad escape \\{following} in {value!r}"
            out.append("\n" if following in "nN" else following)
            i += 2
            continue
        assert char not in ",;", f"unescaped {char!r} in {value!r}"
        out.append(char)
        i += 1
    return "".join(out)


def props(component: dict, name: str) -> list:
    return [(params, value) for prop, params, value in component["props"] if prop == name]


def prop(component: dict, name: str):
    [(params, value)] = props(component, name)
    return params, value


# Both readers

def test_ics_parses_with_icalendar(ics):
    calendar = icalendar.Calendar.from_ical(ics)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert all(e["UID"] and e["DTSTAMP"] and e["DTSTART"] for e in calendar.walk("VEVENT"))
    # icalendar's own writer gives back the same bytes: nothing was lost or reinterpreted.
    assert calendar.to_ical() == ics


def test_ics_passes_the_strict_line_reader(ics):
    calendar = strict_parse(ics)
    assert prop(calendar, "VERSION")[1] == "2.0"
    assert prop(calendar, "PRODID")[1]
    vevents = [c for c in calendar["children"] if c["name"] == "VEVENT"]
    assert len(vevents) == len(events(ics))
    for event in vevents:
        for name in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert len(props(event, name)) == 1, (name, event)
        for name in ("SUMMARY", "DESCRIPTION"):
            unescape_text(prop(event, name)[1])


def test_long_lines_are_folded_at_75_octets(ics):
    lines = ics.split(b"\r\n")
    assert any(line.startswith(b" ") for line in lines), "the fixture has lines long enough to fold"
    assert max(len(line) for line in lines) <= 75


# Names

def test_names_with_special_characters_survive_the_round_trip(fixture_build, ics):
    expected = f"Support closed: {TRICKY_NAME}"
    summaries = [str(e["SUMMARY"]) for e in events(ics)]
    assert summaries.count(expected) == 2  # 28 and 29 December 2026
    strict = [unescape_text(prop(e, "SUMMARY")[1]) for e in strict_parse(ics)["children"] if e["name"] == "VEVENT"]
    assert strict.count(expected) == 2
    # The raw line shows the escapes RFC 5545 asks for.
    unfolded = ics.replace(b"\r\n ", b"")
    assert "SUMMARY:Support closed: Move\\, part 1\\; shelves\\\\archive Büro-Umzug ✓\r\n".encode() in unfolded
    # A line break (in a description) is written \n.
    assert b"DESCRIPTION:Regions: USA\\nSupport is closed all day.\r\n" in unfolded
    # The German edition's feed: the German text alone (a company closure has no official name).
    german = (fixture_build.site / "de" / "support.ics").read_bytes().replace(b"\r\n ", b"")
    assert [str(e["SUMMARY"]) for e in events(german)].count(f"Support geschlossen: {TRICKY_LOCAL}") == 2
    assert "Support geschlossen: Umzug\\; Teil 1\\, Lager\\\\Archiv ✓\r\n".encode() in german


# A public holiday's official (German) name beside the English one; a company closure's English text alone.
def test_summary_shows_the_official_name_beside_the_english_one(ics):
    by_date = {(e.decoded("DTSTART"), str(e["SUMMARY"])) for e in events(ics)}
    assert (dt.date(2026, 4, 3), "Support closed: Good Friday (Karfreitag)") in by_date
    assert (dt.date(2027, 12, 24), "Support closed: Christmas Eve") in by_date


# Events

def test_closed_days_are_all_day_events_for_every_closure(ics):
    all_day = {}
    for event in events(ics):
        start = event.decoded("DTSTART")
        if isinstance(start, dt.datetime):
            continue
        assert event["DTSTART"].params.get("VALUE") == "DATE"
        assert event.decoded("DTEND") == start + dt.timedelta(days=1)
        all_day.setdefault(start, []).append(event)
    assert set(MUNICH_HOLIDAYS) - {dt.date(2026, 1, 1), dt.date(2026, 6, 4)} <= set(all_day)
    # 1 January 2026: the holiday in the USA, the company's shutdown in EMEA.
    assert sorted(str(e["DESCRIPTION"]).splitlines()[0] for e in all_day[dt.date(2026, 1, 1)]) == [
        "Regions: EMEA", "Regions: USA"]
    assert min(all_day) == dt.date(2026, 1, 1) and max(all_day) <= dt.date(2027, 12, 31)


def test_special_hours_are_timed_events_with_their_zone(ics):
    calendar = icalendar.Calendar.from_ical(ics)
    timed = [e for e in calendar.walk("VEVENT") if isinstance(e.decoded("DTSTART"), dt.datetime)]
    spans = sorted((e["DTSTART"].params["TZID"], e.decoded("DTSTART").isoformat(), e.decoded("DTEND").isoformat())
                   for e in timed)
    assert spans == sorted([
        ("America/New_York", "2026-06-04T10:00:00-04:00", "2026-06-04T12:00:00-04:00"),
        ("Europe/Berlin", "2026-12-31T10:00:00+01:00", "2026-12-31T14:00:00+01:00"),
        ("America/New_York", "2026-12-31T10:00:00-05:00", "2026-12-31T14:00:00-05:00"),
        ("Europe/Berlin", "2027-07-16T09:00:00+02:00", "2027-07-16T12:00:00+02:00"),
        ("Europe/Berlin", "2027-07-16T13:00:00+02:00", "2027-07-16T15:00:00+02:00"),
        ("Europe/Berlin", "2027-12-31T10:00:00+01:00", "2027-12-31T14:00:00+01:00"),
        ("America/New_York", "2027-12-31T10:00:00-05:00", "2027-12-31T14:00:00-05:00"),
    ])
    assert all(str(e["SUMMARY"]).startswith("Special support hours: ") for e in timed)
    # Every TZID used has a VTIMEZONE, and the VTIMEZONE's own rules give the zone's offsets.
    zones = {tz["TZID"]: tz for tz in calendar.walk("VTIMEZONE")}
    assert set(zones) == {"Europe/Berlin", "America/New_York"}
    for event in timed:
        for key in ("DTSTART", "DTEND"):
            wall = event.decoded(key).replace(tzinfo=None)
            tzid = event[key].params["TZID"]
            from_file = zones[tzid].to_tz().utcoffset(wall)
            assert from_file == wall.replace(tzinfo=zoneinfo.ZoneInfo(tzid)).utcoffset(), (tzid, wall)


def test_uids_are_unique_and_stable_across_builds_and_renames(fixture_build, ics, tmp_path):
    uids = [str(e["UID"]) for e in events(ics)]
    assert len(uids) == len(set(uids))
    assert all(re.fullmatch(r"\d{8}(T\d{4})?-[a-z0-9_-]+@support\.smartwork\.example", uid) for uid in uids), uids
    # The same policy built again elsewhere gives the same bytes, DTSTAMP included.
    again = tmp_path / "again"
    shutil.copytree(fixture_build.project, again, ignore=shutil.ignore_patterns("site", ".site*"))
    second = run_build(again)
    assert second.ok, second.output
    assert (second.site / "support.ics").read_bytes() == ics
    assert {str(e["DTSTAMP"].dt) for e in events(ics)} == {"2026-11-27 00:00:00+00:00"}
    # Renaming a closure keeps its UIDs.
    holidays = again / "policy" / "holidays.yml"
    holidays.write_text(holidays.read_text(encoding="utf-8").replace("Summer party", "Summer celebration"),
                        encoding="utf-8")
    renamed = run_build(again)
    assert renamed.ok, renamed.output
    after = {str(e["UID"]): str(e["SUMMARY"]) for e in events((renamed.site / "support.ics").read_bytes())}
    assert sorted(after) == sorted(uids)
    assert after["20270716T0900-emea@support.smartwork.example"] == "Special support hours: Summer celebration"


# Set iteration order changes with PYTHONHASHSEED: the file must not depend on it.
def test_ics_bytes_do_not_depend_on_hash_seeds(fixture_build, ics):
    script = ("import sys, datetime; from pathlib import Path; from supportportal import ics, loading; "
              "policy = loading.load_policy(Path(sys.argv[1]), datetime.date(2026, 11, 27)); "
              "sys.stdout.buffer.write(ics.support_calendar(policy))")
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "hooks")}
        out = subprocess.run([sys.executable, "-c", script, str(fixture_build.project / "policy")],
                             env=env, capture_output=True, check=True).stdout
        assert out == ics, f"PYTHONHASHSEED={seed}"


def test_calendar_states_its_horizon_and_source(ics):
    calendar = icalendar.Calendar.from_ical(ics)
    assert "1 January 2026 to 31 December 2027" in str(calendar["DESCRIPTION"])
    assert str(calendar["SOURCE"]) == "https://support.smartwork.example/support.ics"
    assert str(calendar["X-WR-CALNAME"]) == "smartwork solutions support closures"


def test_default_site_has_the_calendar(site):
    data = (site / "support.ics").read_bytes()
    strict_parse(data)
    summaries = {(e.decoded("DTSTART"), str(e["SUMMARY"])) for e in events(data)}
    assert (dt.date(2026, 5, 14), "Support closed: Ascension Day (Christi Himmelfahrt)") in summaries
    assert {d for d, _ in summaries} >= set(MUNICH_HOLIDAYS)


# The calendar's content lines are written directly (ics._line, ics._text), as icalendar writes
# them: escaped and folded alike whatever the line lengths, with multi-byte characters and escapes
# around the 75-octet boundary.
def test_calendar_bytes_are_icalendar_own():
    import random

    from supportportal.ics import _lines, _text

    rng = random.Random(5545)
    pieces = ["a", "é", "€", "😀", ",", ";", "\\", " ", "\n", "Z"]
    cal = icalendar.Calendar()
    lines = []
    for n in range(400):
        event = icalendar.Event()
        width = 40 + n % 60  # summaries from well under to well over one line
        summary = "".join(rng.choice(pieces) for _ in range(width))
        event.add("summary", summary)
        event.add("description", "x" * (n % 160))
        cal.add_component(event)
        lines += ["BEGIN:VEVENT", f"SUMMARY:{_text(summary)}", f"DESCRIPTION:{_text('x' * (n % 160))}", "END:VEVENT"]
    expected = cal.to_ical()
    assert ("BEGIN:VCALENDAR\r\n" + _lines(lines) + "END:VCALENDAR\r\n").encode() == expected
    lengths = {len(line) for line in expected.split(b"\r\n")}
    assert min(lengths) < 60 and max(lengths) in (74, 75)  # both short and folded lines


# Timed events name their zone as icalendar does: TZID=zone, or a UTC time for the zones it
# counts as UTC (ics.UTC_ZONES), for every zone there is.
def test_zoned_times_are_written_as_icalendar_writes_them():
    from supportportal.ics import _zoned

    wall = dt.datetime(2026, 12, 31, 10, 0)
    for zone in sorted(zoneinfo.available_timezones()):
        event = icalendar.Event()
        event.add("dtstart", wall.replace(tzinfo=zoneinfo.ZoneInfo(zone)))
        [line] = [x for x in event.to_ical().decode().split("\r\n") if x.startswith("DTSTART")]
        assert line == f"DTSTART{_zoned(wall, zone)}", zone


# Region names with the characters TEXT must escape: the region's calendar names it (X-WR-CALNAME
# escaped; NAME as icalendar writes and reads it) and lists it in every event, and both readers
# give the name back.
def test_region_names_are_escaped_in_every_calendar(tmp_path):
    from supportportal import ics, loading

    tricky = 'Nord, Süd; Ost\\West'
    policy_dir = tmp_path / "policy"
    shutil.copytree(ROOT / "policy", policy_dir)
    regions = policy_dir / "regions.yml"
    regions.write_text(regions.read_text(encoding="utf-8").replace(
        "name: {en: EMEA, de: EMEA}", "name: {en: 'Nord, Süd; Ost\\West', de: EMEA}"), encoding="utf-8")
    policy = loading.load_policy(policy_dir, dt.date(2026, 11, 27))
    files = ics.calendars(policy, "en")
    assert sorted(files) == ["support-emea.ics", "support-usa.ics", "support.ics"]
    for name, data in files.items():
        calendar = strict_parse(data)
        assert icalendar.Calendar.from_ical(data).to_ical() == data
        regions_lines = [unescape_text(prop(e, "DESCRIPTION")[1]).splitlines()[0]
                         for e in calendar["children"] if e["name"] == "VEVENT"]
        if name != "support-usa.ics":
            assert any(tricky in line for line in regions_lines), name
    own = strict_parse(files["support-emea.ics"])
    name = f"smartwork solutions support closures and notices: {tricky}"
    assert unescape_text(prop(own, "X-WR-CALNAME")[1]) == name
    assert str(icalendar.Calendar.from_ical(files["support-emea.ics"])["NAME"]) == name  # as icalendar reads it
    assert "Nord\\, Süd\\; Ost\\\\West" in files["support-emea.ics"].replace(b"\r\n ", b"").decode()


# CATEGORIES are words for people: calendar apps show them beside the event. Each calendar of an
# edition names the kind of day (public holiday, closure, special hours) and of notice in the
# edition's language, from its catalog (the notice's kind in the words of its SUMMARY), one
# category per event.
CATEGORIES = {
    "en": {"20260403-": "Public holiday", "20261224-": "Closure", "20261231T1000-": "Special hours",
           "notice-portal-night@": "Information", "notice-year-end@": "Reduced service",
           "notice-phone-down@": "Service disruption"},
    "de": {"20260403-": "Feiertag", "20261224-": "Schließtag", "20261231T1000-": "Geänderte Zeiten",
           "notice-portal-night@": "Information", "notice-year-end@": "Eingeschränkter Support",
           "notice-phone-down@": "Störung"},
}


@pytest.fixture(scope="module")
def closures_and_notices(tmp_path_factory):
    from supportportal import loading
    from test_calendar import set_closures

    directory = tmp_path_factory.mktemp("categories") / "policy"
    shutil.copytree(ROOT / "policy", directory)
    set_closures(directory)
    shutil.copy2(ROOT / "tests" / "fixtures" / "policies" / "notices" / "notices.yml", directory / "notices.yml")
    return loading.load_policy(directory, dt.date(2026, 11, 27))


# {UID: [categories]} of a calendar, as icalendar reads them, after both readers accepted it.
def categories_of(data: bytes) -> dict:
    for event in strict_parse(data)["children"]:
        if event["name"] == "VEVENT":
            [(params, value)] = props(event, "CATEGORIES")
            assert not params and value
    assert icalendar.Calendar.from_ical(data).to_ical() == data
    return {str(e["UID"]): [str(c) for c in e["CATEGORIES"].cats] for e in events(data)}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_categories_are_in_the_editions_language(closures_and_notices, lang):
    from supportportal import ics

    files = ics.calendars(closures_and_notices, lang)
    assert sorted(files) == ["support-emea.ics", "support-usa.ics", "support.ics"]
    words = set(CATEGORIES[lang].values())
    for name, data in files.items():
        found = categories_of(data)
        assert all(len(c) == 1 and c[0] in words for c in found.values()), (name, found)
    found = categories_of(files["support.ics"])
    for prefix, word in CATEGORIES[lang].items():
        matching = [c for uid, c in found.items() if uid.startswith(prefix)]
        assert matching and all(c == [word] for c in matching), (prefix, matching)
    assert {c for [c] in found.values()} == words
    if lang == "de":  # none of the English machine values of before
        machine = {"holiday", "closure", "special hours", "information", "reduced service", "disruption"}
        assert not {c.lower() for [c] in found.values()} & (machine - {"information"})


# A catalog word with the characters TEXT escapes stays one category (a comma unescaped would
# split it in two); under missing_translations: fallback a word the catalog lacks is the first
# language's, marked as untranslated in the edition's language, as the policy's texts are.
def test_category_words_are_escaped_and_fallbacks_marked(closures_and_notices):
    import dataclasses

    from supportportal import catalog, ics

    english, german = (catalog.load_catalogs(None, ("en", "de"))[lang] for lang in ("en", "de"))
    tricky = "Schließtag, betrieblich; intern\\extern"
    catalog.install({"en": english, "de": dataclasses.replace(
        german, texts={**german.texts, "ics.kind_closure": tricky,
                       "ics.kind_holiday": english("ics.kind_holiday"),
                       "widget.notice_disruption": english("widget.notice_disruption")},
        fallback=frozenset({"ics.kind_holiday", "widget.notice_disruption"}))})
    try:
        data = ics.support_calendar(closures_and_notices, "de")
    finally:
        catalog.install({})
    found = categories_of(data)
    by_prefix = {prefix: [c for uid, c in found.items() if uid.startswith(prefix)][0]
                 for prefix in CATEGORIES["de"]}
    assert by_prefix["20261224-"] == [tricky]
    assert "CATEGORIES:Schließtag\\, betrieblich\\; intern\\\\extern\r\n".encode() in data.replace(b"\r\n ", b"")
    assert by_prefix["20260403-"] == ["Public holiday (noch nicht übersetzt)"]
    assert by_prefix["notice-phone-down@"] == ["Service disruption (noch nicht übersetzt)"]
    [phone] = [e for e in events(data) if str(e["UID"]).startswith("notice-phone-down@")]
    assert str(phone["SUMMARY"]).startswith("Service disruption (noch nicht übersetzt): ")  # the same word
    assert by_prefix["20261231T1000-"] == ["Geänderte Zeiten"]


# Every sentence of the portal's catalog that a calendar, the notices feed or the structured data
# writes: under missing_translations: fallback one the catalog lacks is the first language's,
# marked "(noch nicht übersetzt)" as the pages mark it, not English unmarked; a pure form
# ("{kind}: {title}") has nothing to mark.
def test_plain_text_outputs_mark_catalog_sentences_they_lack(closures_and_notices):
    import dataclasses

    from supportportal import atom, catalog, ics, jsonld

    english, german = (catalog.load_catalogs(None, ("en", "de"))[lang] for lang in ("en", "de"))
    lacking = ("ics.closed", "ics.regions", "ics.closed_all_day", "atom.entry_title", "notices.regions", "jsonld.zone")
    catalog.install({"en": english, "de": dataclasses.replace(
        german, texts={**german.texts, **{key: english.texts[key] for key in lacking}}, fallback=frozenset(lacking))})
    try:
        calendar = ics.support_calendar(closures_and_notices, "de")
        feed = atom.notices_feed(closures_and_notices, "de").decode("utf-8")
        data = jsonld.organization(closures_and_notices, "de")
    finally:
        catalog.install({})
    mark = " (noch nicht übersetzt)"
    closed = [e for e in events(calendar) if str(e["SUMMARY"]).startswith("Support closed: ")]
    assert closed
    for event in closed:
        assert str(event["SUMMARY"]).endswith(mark), event["SUMMARY"]
        description = str(event["DESCRIPTION"]).split("\n")
        assert description[0].startswith("Regions: ") and description[0].endswith(mark), description
        assert description[-1] == "Support is closed all day." + mark, description
    titles = re.findall(r"<title>(.*?)</title>", feed)[1:]
    assert titles and not any(mark in title for title in titles), titles
    assert re.search(r"Regions: [^<\n]*\(noch nicht übersetzt\)", feed), feed
    points = [point for point in data["contactPoint"] if "description" in point]
    assert points and all(point["description"].endswith(mark) for point in points), data
