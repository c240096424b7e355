# The holiday calendar: Munich's public holidays against the law, the company's closures and
# special hours from holidays.yml, the calendar page, and mistakes in closure data.

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, run_build, serve_directory, words_of
from supportportal import closures, render
from supportportal.loading import PolicyError, load_policy
from supportportal.model import Calendar, Text

TODAY = dt.date(2026, 11, 27)  # the date of conftest.SOURCE_DATE_EPOCH

# The public holidays of Munich in 2026 and 2027, written down from the law, not from the package.
# Source: Gesetz über den Schutz der Sonn- und Feiertage (Feiertagsgesetz - FTG), Bavaria, Art. 1
# Abs. 1, https://www.gesetze-bayern.de/Content/Document/BayFTG-1 : Neujahr, Heilige Drei Könige
# (6 January), Karfreitag, Ostermontag, 1. Mai, Christi Himmelfahrt, Pfingstmontag, Fronleichnam,
# Mariä Himmelfahrt (15 August, in municipalities with a Catholic majority: Munich is one, per the
# Bayerisches Landesamt für Statistik's list of those municipalities), Tag der Deutschen Einheit
# (3 October), Allerheiligen (1 November), 1. and 2. Weihnachtstag. Not in Munich: the Augsburger
# Friedensfest (8 August, Augsburg only, Art. 1 Abs. 2); Buß- und Bettag is no public holiday in
# Bavaria. Easter Sunday is 5 April 2026 and 28 March 2027 (Gregorian computus); the movable
# feasts below are Easter -2, +1, +39, +50 and +60 days.
MUNICH_HOLIDAYS = {
    dt.date(2026, 1, 1): "Neujahr",
    dt.date(2026, 1, 6): "Heilige Drei Könige",
    dt.date(2026, 4, 3): "Karfreitag",
    dt.date(2026, 4, 6): "Ostermontag",
    dt.date(2026, 5, 1): "1. Mai",
    dt.date(2026, 5, 14): "Christi Himmelfahrt",
    dt.date(2026, 5, 25): "Pfingstmontag",
    dt.date(2026, 6, 4): "Fronleichnam",
    dt.date(2026, 8, 15): "Mariä Himmelfahrt",
    dt.date(2026, 10, 3): "Tag der Deutschen Einheit",
    dt.date(2026, 11, 1): "Allerheiligen",
    dt.date(2026, 12, 25): "1. Weihnachtstag",
    dt.date(2026, 12, 26): "2. Weihnachtstag",
    dt.date(2027, 1, 1): "Neujahr",
    dt.date(2027, 1, 6): "Heilige Drei Könige",
    dt.date(2027, 3, 26): "Karfreitag",
    dt.date(2027, 3, 29): "Ostermontag",
    dt.date(2027, 5, 1): "1. Mai",
    dt.date(2027, 5, 6): "Christi Himmelfahrt",
    dt.date(2027, 5, 17): "Pfingstmontag",
    dt.date(2027, 5, 27): "Fronleichnam",
    dt.date(2027, 8, 15): "Mariä Himmelfahrt",
    dt.date(2027, 10, 3): "Tag der Deutschen Einheit",
    dt.date(2027, 11, 1): "Allerheiligen",
    dt.date(2027, 12, 25): "1. Weihnachtstag",
    dt.date(2027, 12, 26): "2. Weihnachtstag",
}

# Company closures exercising every feature: every_year, hours, regions, date/until (also across
# the start of the horizon), a company entry on a public holiday, 29 February, and a name full of
# characters that iCalendar must escape.
# (one line, as names are: a line break in a name is refused)
TRICKY_NAME = "Move, part 1; shelves\\archive Büro-Umzug ✓"
TRICKY_LOCAL = "Umzug; Teil 1, Lager\\Archiv ✓"
CLOSURES = r"""closures:
  - name: {en: Christmas Eve, de: Heiligabend}
    every_year: 12-24
  - name: {en: "New Year's Eve", de: Silvester}
    every_year: 12-31
    hours: 10:00-14:00
  - name: {en: "Move, part 1; shelves\\archive Büro-Umzug ✓", de: "Umzug; Teil 1, Lager\\Archiv ✓"}
    date: 2026-12-28
    until: 2026-12-29
    regions: [usa]
  - name: {en: Summer party, de: Sommerfest}
    date: 2027-07-16
    hours: [09:00-12:00, 13:00-15:00]
    regions: [emea]
  - name: {en: Year-end shutdown, de: Betriebsferien}
    date: 2025-12-29
    until: 2026-01-02
    regions: [emea]
  - name: {en: Corpus Christi short day, de: Fronleichnam verkürzt}
    date: 2026-06-04
    hours: 10:00-12:00
    regions: [usa]
  - name: {en: Leap day, de: Schalttag}
    every_year: 02-29
"""


# Replace the closures of a policy directory (the last key of holidays.yml), optionally the horizon.
def set_closures(policy_dir: Path, closures_yaml: str = CLOSURES, years: int | None = None) -> Path:
    path = policy_dir / "holidays.yml"
    text = re.sub(r"(?ms)^closures:.*\Z", lambda _: closures_yaml, path.read_text(encoding="utf-8"))
    if years is not None:
        text = re.sub(r"(?m)^  years: \d+$", f"  years: {years}", text)
    path.write_text(text, encoding="utf-8")
    return policy_dir


def fixture_policy(tmp_path: Path, closures_yaml: str = CLOSURES, years: int | None = None) -> Path:
    directory = tmp_path / "policy"
    shutil.copytree(ROOT / "policy", directory)
    return set_closures(directory, closures_yaml, years)


def days_of(policy, region: str) -> dict:
    return {o.date: o for o in policy.overrides[region]}


def hhmm(override) -> list:
    return ["-".join(iv.hhmm()) for iv in override.hours]


# Public holidays

def test_default_policy_gives_exactly_munichs_public_holidays():
    policy = load_policy(ROOT / "policy", TODAY)
    assert policy.horizon == (dt.date(2026, 1, 1), dt.date(2027, 12, 31))
    munich = policy.calendar("munich")
    days = closures.calendar_days(munich, *policy.horizon)
    assert sorted(days) == sorted(MUNICH_HOLIDAYS)
    assert dt.date(2026, 8, 8) not in days  # Augsburger Friedensfest
    assert dt.date(2026, 11, 18) not in days and dt.date(2027, 11, 17) not in days  # Buß- und Bettag
    # Named in English with the German name beside it.
    assert days[dt.date(2026, 4, 3)].as_dict() == {"en": "Good Friday", "de": "Karfreitag"}
    assert all(set(text.as_dict()) == {"en", "de"} for text in days.values())
    # Which regions keep the calendar is data: every region with public_holidays: munich has them all.
    for region in policy.regions:
        assert region.calendar == "munich"
        holidays = {o.date for o in policy.overrides[region.id] if o.kind == "holiday"}
        company = {o.date for o in policy.overrides[region.id] if o.kind != "holiday"}
        assert holidays | (company & set(MUNICH_HOLIDAYS)) == set(MUNICH_HOLIDAYS)


# A name `names:` gives replaces the package's in that language (the package has German names for
# DE); the official name beside it stays the package's.
def test_a_name_given_replaces_the_packages(tmp_path):
    directory = fixture_policy(tmp_path)
    holidays = directory / "holidays.yml"
    text = holidays.read_text(encoding="utf-8")
    assert "    categories: [public, catholic]\n" in text
    holidays.write_text(text.replace("    categories: [public, catholic]\n",
                                     "    categories: [public, catholic]\n    names:\n      Epiphany: {de: Dreikönigstag}\n", 1),
                        encoding="utf-8")
    policy = load_policy(directory, TODAY)
    days = closures.calendar_days(policy.calendar("munich"), *policy.horizon, ("en", "de"))
    epiphany = days[dt.date(2027, 1, 6)]
    assert epiphany.as_dict() == {"en": "Epiphany", "de": "Dreikönigstag"}
    assert epiphany.official == "Heilige Drei Könige"
    assert days[dt.date(2027, 3, 26)].as_dict() == {"en": "Good Friday", "de": "Karfreitag"}


# A day of two holidays (17 May 2027 in Norway: Constitution Day and Pentecost Monday) takes
# each one's name: a name `names:` gives for one replaces the package's on that day too, in the
# package's languages and as the official name, beside the other holiday's package name.
def test_a_name_given_for_one_of_two_holidays_on_a_day_names_that_day_too():
    given = Text((("en", "Norwegian Constitution Day"), ("de", "Verfassungstag"), ("official", "Syttende mai")))
    norway = Calendar("norway", Text((("en", "Norway"),)), "NO", None, ("public",),
                      (("Constitution Day", given), ("Pentecost Monday", Text((("de", "Pfingstmontag"),)))))
    days = closures.calendar_days(norway, dt.date(2026, 1, 1), dt.date(2027, 12, 31), ("en", "de"))
    both = days[dt.date(2027, 5, 17)]
    assert both.as_dict() == {"en": "Norwegian Constitution Day; Pentecost Monday",
                              "no": "Andre pinsedag; Grunnlovsdag", "de": "Pfingstmontag; Verfassungstag"}
    assert both.official == "Andre pinsedag; Syttende mai"
    assert days[dt.date(2026, 5, 17)].as_dict() == {"en": "Norwegian Constitution Day", "no": "Grunnlovsdag",
                                                    "de": "Verfassungstag"}


def test_a_region_without_a_holiday_calendar_keeps_its_hours_on_holidays(tmp_path):
    directory = fixture_policy(tmp_path, "closures: []\n")
    regions = directory / "regions.yml"
    text = regions.read_text(encoding="utf-8")
    head, _, tail = text.rpartition("    public_holidays: munich\n")
    regions.write_text(head + tail, encoding="utf-8")
    policy = load_policy(directory, TODAY)
    assert policy.overrides["usa"] == ()
    assert {o.date for o in policy.overrides["emea"]} == set(MUNICH_HOLIDAYS)


# Company closures and special hours

def test_closures_add_limit_and_shorten_days(tmp_path):
    policy = load_policy(fixture_policy(tmp_path), TODAY)
    emea, usa = days_of(policy, "emea"), days_of(policy, "usa")
    # every_year adds the day in each year of the horizon, for every region.
    for year in (2026, 2027):
        for region in (emea, usa):
            eve = region[dt.date(year, 12, 24)]
            assert (eve.kind, eve.name.as_dict(), eve.hours) == ("closure", {"en": "Christmas Eve", "de": "Heiligabend"}, ())
            nye = region[dt.date(year, 12, 31)]
            assert (nye.kind, hhmm(nye)) == ("special_hours", ["10:00-14:00"])
    # regions: limits a closure; date/until covers each day of the range.
    assert [usa[dt.date(2026, 12, d)].name.get("en") for d in (28, 29)] == [TRICKY_NAME] * 2
    assert dt.date(2026, 12, 28) not in emea and dt.date(2026, 12, 30) not in usa
    assert hhmm(emea[dt.date(2027, 7, 16)]) == ["09:00-12:00", "13:00-15:00"]
    assert dt.date(2027, 7, 16) not in usa
    # A range starting before the horizon is cut at its start; on a public holiday the company entry wins.
    assert [emea[dt.date(2026, 1, d)].kind for d in (1, 2)] == ["closure", "closure"]
    assert emea[dt.date(2026, 1, 1)].name.get("en") == "Year-end shutdown"
    assert usa[dt.date(2026, 1, 1)].kind == "holiday"
    assert min(emea) == dt.date(2026, 1, 1)
    short = usa[dt.date(2026, 6, 4)]
    assert (short.kind, hhmm(short)) == ("special_hours", ["10:00-12:00"])
    assert emea[dt.date(2026, 6, 4)].kind == "holiday"
    # 29 February exists in no year of 2026-2027.
    assert not [d for d in emea if (d.month, d.day) == (2, 29)]
    # Everything lies within the horizon, sorted, one entry per date.
    for region in policy.regions:
        dates = [o.date for o in policy.overrides[region.id]]
        assert dates == sorted(set(dates))
        assert all(dt.date(2026, 1, 1) <= d <= dt.date(2027, 12, 31) for d in dates)


def test_horizon_years_and_leap_days(tmp_path):
    policy = load_policy(fixture_policy(tmp_path, years=3), TODAY)
    assert policy.horizon == (dt.date(2026, 1, 1), dt.date(2028, 12, 31))
    emea = days_of(policy, "emea")
    assert emea[dt.date(2028, 2, 29)].name.get("en") == "Leap day"
    assert emea[dt.date(2028, 12, 24)].kind == "closure"
    assert max(emea) == dt.date(2028, 12, 31)


def test_two_closures_on_one_day_are_reported(tmp_path):
    directory = fixture_policy(tmp_path, CLOSURES + "  - name: {en: Stocktaking, de: Inventur}\n    date: 2026-12-24\n    regions: [usa]\n")
    with pytest.raises(PolicyError) as info:
        load_policy(directory, TODAY)
    [problem] = info.value.problems
    assert problem.path == "closures[8]"
    assert "2026-12-24 already has 'Christmas Eve' (closures[1]) in USA" in problem.message
    assert problem.fix == "keep one entry per date and region"


# Mistakes in closure data: (closures YAML, horizon years, marker on the reported line, key path,
# words of the message, words of the fix).
MISTAKES = {
    "date that does not exist": ("  - name: {en: X, de: X}\n    date: 2026-02-30\n", None, "date: 2026-02-30",
                                 "closures[1].date", "February 2026 has 28 days", "2026-02-28"),
    "region that does not exist": ("  - name: {en: X, de: X}\n    date: 2026-03-02\n    regions: [emea, europe]\n", None,
                                   "regions: [emea, europe]", "closures[1].regions[2]",
                                   "there is no region 'europe' in regions.yml", "regions are: emea, usa"),
    "until before date": ("  - name: {en: X, de: X}\n    date: 2026-03-02\n    until: 2026-02-27\n", None, "until: 2026-02-27",
                          "closures[1].until", "ends (2026-02-27) before it starts (2026-03-02)", "swap date and until"),
    "horizon of 0 years": ("  - name: {en: X, de: X}\n    date: 2026-03-02\n", 0, "years: 0",
                           "horizon.years", "0 is not allowed", "calendar years"),
    "every_year with month 13": ("  - name: {en: X, de: X}\n    every_year: 13-01\n", None, "every_year: 13-01",
                                 "closures[1].every_year", "'13-01' has no month 13", "MM-DD"),
    "date not as YYYY-MM-DD": ("  - name: {en: X, de: X}\n    date: 24.12.2026\n", None, "date: 24.12.2026",
                               "closures[1].date", "'24.12.2026' is not a date", "'2026-12-24'"),
    "date and every_year": ("  - name: {en: X, de: X}\n    date: 2026-03-02\n    every_year: 12-24\n", None, "every_year: 12-24",
                            "closures[1].every_year", "either date or every_year", "every_year: MM-DD"),
    "no date at all": ("  - name: {en: X, de: X}\n    regions: [emea]\n", None, "- name: {en: X",
                       "closures[1]", "the closure has no date", "add date: YYYY-MM-DD"),
    "until without date": ("  - name: {en: X, de: X}\n    every_year: 12-24\n    until: 2026-12-27\n", None, "until: 2026-12-27",
                           "closures[1].until", "'until' needs a 'date'", "add date:"),
}


# The last line with `marker`: the comment block at the top of holidays.yml repeats examples.
def line_of(path: Path, marker: str) -> int:
    return max(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if marker in line)


@pytest.mark.parametrize("case", sorted(MISTAKES))
def test_closure_mistakes_name_file_line_key_and_fix(tmp_path, case):
    entries, years, marker, path, message, fix = MISTAKES[case]
    directory = fixture_policy(tmp_path, "closures:\n" + entries, years)
    with pytest.raises(PolicyError) as info:
        load_policy(directory, TODAY)
    problems = info.value.problems
    assert len(problems) == 1, info.value.report()
    [problem] = problems
    assert problem.file == "policy/holidays.yml"
    assert problem.line == line_of(directory / "holidays.yml", marker), str(problem)
    assert problem.path == path, str(problem)
    assert message in problem.message, str(problem)
    assert problem.fix and fix in problem.fix, str(problem)


# Through the real build: each mistake fails it with the message, no traceback, the old site kept.
def test_closure_mistakes_fail_the_build_and_keep_the_site(project):
    first = run_build(project)
    assert first.ok, first.output
    before = {p.relative_to(first.site): p.read_bytes() for p in first.site.rglob("*") if p.is_file()}
    holidays = project / "policy" / "holidays.yml"
    original = holidays.read_text(encoding="utf-8")
    for case in ("date that does not exist", "region that does not exist", "until before date",
                 "horizon of 0 years", "every_year with month 13", "date not as YYYY-MM-DD"):
        entries, years, marker, path, message, fix = MISTAKES[case]
        holidays.write_text(original, encoding="utf-8")
        set_closures(project / "policy", "closures:\n" + entries, years)
        build = run_build(project)
        assert build.returncode != 0, case
        assert "Traceback" not in build.output, build.output
        line = line_of(holidays, marker)
        assert f"policy/holidays.yml, line {line}, {path}: " in build.output, build.output
        assert message in build.output and f"Fix: " in build.output, build.output
        after = {p.relative_to(first.site): p.read_bytes() for p in first.site.rglob("*") if p.is_file()}
        assert after == before, case
        assert not list(project.glob(".site*")), "no half-built folder is left behind"


# The calendar page

@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory):
    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("calendar") / "project")
    set_closures(project / "policy")
    build = run_build(project)
    assert build.ok, build.output
    return build


def article(site: Path, name: str):
    soup = BeautifulSoup((site / name / "index.html").read_text(encoding="utf-8"), "html.parser")
    return soup.select_one("article")


def words(element) -> str:
    return words_of(element)


def rows(body) -> list:
    return [[words(td) for td in tr.select("td")] for tr in body.select(".support-calendar tbody tr")]


def test_calendar_page_lists_every_closure_per_year(fixture_build):
    body = article(fixture_build.site, "holidays")
    assert [d["data-year"] for d in body.select(".support-calendar")] == ["2026", "2027"]
    assert "This calendar covers 1 January 2026 to 31 December 2027." in words(body)
    table = rows(body)
    assert ["Friday, 3 April 2026", "Good Friday (Karfreitag)", "Closed", "All regions"] in table
    assert ["Thursday, 1 January 2026", "Year-end shutdown", "Closed", "EMEA"] in table
    assert ["Thursday, 1 January 2026", "New Year's Day (Neujahr)", "Closed", "USA"] in table
    assert ["Thursday, 4 June 2026", "Corpus Christi short day", "Open 10:00–12:00 EDT", "USA"] in table
    assert ["Thursday, 4 June 2026", "Corpus Christi (Fronleichnam)", "Closed", "EMEA"] in table
    assert ["Thursday, 31 December 2026", "New Year's Eve",
            "Open 10:00–14:00 local time (EMEA: CET, USA: EST)", "All regions"] in table
    assert ["Friday, 16 July 2027", "Summer party", "Open 09:00–12:00, 13:00–15:00 CEST", "EMEA"] in table
    assert ["Monday, 28 December 2026", " ".join(TRICKY_NAME.split()), "Closed", "USA"] in table
    # One row per date and occasion: every public holiday, every closure date, nothing twice.
    dates = [tr["data-date"] for tr in body.select(".support-calendar tbody tr")]
    assert dates == sorted(dates)
    assert {dt.date.fromisoformat(d) for d in dates} >= set(MUNICH_HOLIDAYS)
    assert len(table) == len(set(map(tuple, table)))
    # Each table names its year and its columns.
    for div in body.select(".support-calendar"):
        assert words(div.select_one("caption")) == f"Support closures in {div['data-year']}"
        assert [words(th) for th in div.select("thead th")] == ["Date", "Closure", "Support", "Regions"]


# As built, the mark and the sentence are dated (the browser restates them for its own day:
# tests/test_day_statements.py).
def test_next_closure_is_labelled_not_only_coloured(fixture_build):
    body = article(fixture_build.site, "holidays")
    marked = body.select("tr.support-next")
    assert [tr["data-date"] for tr in marked] == ["2026-12-24"]
    assert words(marked[0]).startswith("Thursday, 24 December 2026 First closure from 27 November 2026: "
                                       "Christmas Eve")
    assert words(marked[0].select_one("mark")) == "Christmas Eve"
    assert len(body.select(".support-next__label")) == 1
    assert ("Closures from 27 November 2026: Christmas Eve, Thursday, 24 December 2026; "
            "Christmas Day (Erster Weihnachtstag), Friday, 25 December 2026;") in words(body)


def test_hours_page_links_to_the_calendar_and_names_the_next_closure(fixture_build):
    body = article(fixture_build.site, "hours")
    assert body.select_one('a[href="../holidays/"]') is not None
    assert "Christmas Eve, Thursday, 24 December 2026" in words(body)


# The sentence as the page shows it: Facts mark policy texts for the page check, and the sentence
# is a container the browser's script restates.
def closures_sentence(policy, day: dt.date) -> str:
    html = render.strip_policy_markers(render.Facts(policy, "en", day).next_closure())
    return BeautifulSoup(html, "html.parser").get_text()


def test_next_closure_names_its_regions_and_the_end_of_the_horizon(tmp_path):
    policy = load_policy(fixture_policy(tmp_path), TODAY)
    assert closures_sentence(policy, dt.date(2026, 12, 27)) == (
        f"Closures from 27 December 2026: {TRICKY_NAME}, Monday, 28 December 2026 to Tuesday, 29 December 2026 (USA); "
        "New Year's Day (Neujahr), Friday, 1 January 2027; "  # New Year's Eve: special hours, no closure
        "Epiphany (Heilige Drei Könige), Wednesday, 6 January 2027.")  # a closure of two days is one of three
    empty = load_policy(fixture_policy(tmp_path / "empty", "closures: []\n"), dt.date(2026, 12, 27))
    assert closures_sentence(empty, dt.date(2026, 12, 27)) == (
        "Closures from 27 December 2026: New Year's Day (Neujahr), Friday, 1 January 2027; "
        "Epiphany (Heilige Drei Könige), Wednesday, 6 January 2027; Good Friday (Karfreitag), Friday, 26 March 2027.")
    late = load_policy(fixture_policy(tmp_path / "late", "closures: []\n", years=1), dt.date(2027, 12, 27))
    assert closures_sentence(late, dt.date(2027, 12, 27)) == (
        "No closure is scheduled from 27 December 2027 to 31 December 2027.")


def test_calendar_page_offers_the_ics_download_and_subscription(fixture_build):
    body = article(fixture_build.site, "holidays")
    subscribe = body.select_one('a[href^="webcal:"]')
    assert subscribe["href"] == "webcal://support.smartwork.example/support.ics"
    download = body.select_one("a[download]")
    assert download["href"] == "../support.ics" and download["download"] == "support.ics"
    assert (fixture_build.site / "holidays" / download["href"]).resolve() == (fixture_build.site / "support.ics").resolve()
    assert (fixture_build.site / "support.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


def test_calendar_years_follow_source_date_epoch_and_horizon(project):
    set_closures(project / "policy", years=3)
    epoch_2027 = str(int(dt.datetime(2027, 6, 15, tzinfo=dt.timezone.utc).timestamp()))
    build = run_build(project, epoch=epoch_2027)
    assert build.ok, build.output
    body = article(build.site, "holidays")
    assert [d["data-year"] for d in body.select(".support-calendar")] == ["2027", "2028", "2029"]
    assert "This calendar covers 1 January 2027 to 31 December 2029." in words(body)
    # The summer party (16 July 2027) keeps special hours: the first closure is Assumption Day.
    assert [tr["data-date"] for tr in body.select("tr.support-next")] == ["2027-08-15"]


# Without JavaScript and on paper

@pytest.mark.browser
def test_calendar_reads_without_javascript_and_prints(fixture_build, browser):
    server, url = serve_directory(fixture_build.site)
    try:
        context = browser.new_context(java_script_enabled=False, color_scheme="dark")
        page = context.new_page()
        page.goto(f"{url}/holidays/")
        label = page.locator(".support-next__label")
        assert label.is_visible() and label.inner_text() == "First closure from 27 November 2026:"
        assert page.locator(".support-calendar table").count() == 2
        page.emulate_media(media="print")
        style = page.evaluate("""() => {
            const css = (el, p) => getComputedStyle(el).getPropertyValue(p);
            const cell = document.querySelector('.support-next td');
            return {
                header: css(document.querySelector('.md-header'), 'display'),
                sidebar: css(document.querySelector('.md-sidebar'), 'display'),
                thead: css(document.querySelector('.support-calendar thead'), 'display'),
                row: css(document.querySelector('.support-calendar tbody tr'), 'break-inside'),
                text: css(cell, 'color'),
                weight: css(cell, 'font-weight'),
                mark: css(document.querySelector('.support-next mark'), 'border-bottom-style'),
                webcal: getComputedStyle(document.querySelector('a[href^="webcal:"]'), '::after').content,
            };
        }""")
        assert style["header"] == "none" and style["sidebar"] == "none"
        assert style["thead"] == "table-header-group"
        assert style["row"] == "avoid"
        assert style["text"] == "rgb(0, 0, 0)", "dark mode must still print black text"
        assert style["weight"] == "700" and style["mark"] == "solid"
        assert "webcal://support.smartwork.example/support.ics" in style["webcal"]
        assert label.is_visible()
        context.close()
    finally:
        server.shutdown()


# A build loads the holiday countries it uses, not all 250 (a twentieth of a build), and gets the
# same classes, and so the same holidays, as holidays.country_holidays().
def test_holiday_countries_are_loaded_alone():
    code = """
import sys
from supportportal.closures import country_class
classes = {code: country_class(code) for code in ("DE", "US", "JP")}
assert "holidays.countries" not in sys.modules, "every country was imported"
import holidays
for code, cls in classes.items():
    assert type(holidays.country_holidays(code)) is cls, code
assert country_class("AX") is type(holidays.country_holidays("AX"))
"""
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT / "hooks", capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
