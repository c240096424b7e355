# Three regions in three countries and zones, each on its own public-holiday calendar
# (tests/fixtures/policies/three-regions): every sentence, list and table row the portal writes
# on the hours, calendar and home pages, in English and German, checked word for word. One full
# build on 25 December 2026, the day all three regions are closed, each by its own calendar;
# the other build days through the renderer.

import dataclasses
import datetime as dt
import re
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, run_build, serve_directory, words_of
from supportportal import closures, render
from supportportal.loading import PolicyError, load_policy
from timelimit import time_limit

FIXTURE = ROOT / "tests" / "fixtures" / "policies" / "three-regions"
CHRISTMAS = dt.date(2026, 12, 25)
CHRISTMAS_EPOCH = str(int(dt.datetime(2026, 12, 25, tzinfo=dt.timezone.utc).timestamp()))

RULE = {
    "en": "Support is closed on public holidays: EMEA: Munich, Germany; USA: New York State, USA; APAC: Singapore.",
    "de": ("Der Support ist an gesetzlichen Feiertagen geschlossen: EMEA: München, Deutschland; "
           "USA: Bundesstaat New York, USA; APAC: Singapur."),
}
# The next closure on 25 December: every region, each calendar's name with its official name
# (in its country's language) beside it where that differs from the edition's: German for Munich,
# English for New York and Singapore. A name the calendar gives for the German edition
# ("Erster Weihnachtstag" for New York) is never the English edition's second name.
NEXT_ON_CHRISTMAS = {
    "en": "Friday, 25 December 2026: Christmas Day (Erster Weihnachtstag) for EMEA; "
          "Christmas Day for USA and APAC",
    "de": "Freitag, 25. Dezember 2026: Erster Weihnachtstag für EMEA; Erster Weihnachtstag (Christmas Day) für USA; "
          "Weihnachten (Christmas Day) für APAC",
}


# The default policy with the fixture's regions.yml and holidays.yml.
def policy_dir(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for path in (*(ROOT / "policy").glob("*.yml"), *FIXTURE.glob("*.yml")):
        shutil.copy2(path, directory / path.name)
    return directory


def load(directory: Path, today: dt.date):
    with time_limit(60, "loading the three-regions policy"):
        return load_policy(directory, today)


@pytest.fixture(scope="module")
def policy(tmp_path_factory):
    return load(policy_dir(tmp_path_factory.mktemp("three") / "policy"), CHRISTMAS)


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("three-build") / "project")
    shutil.rmtree(project / "policy")
    shutil.copytree(ROOT / "policy" / "schema", project / "policy" / "schema")
    policy_dir(project / "policy")
    result = run_build(project, epoch=CHRISTMAS_EPOCH)
    assert result.ok, result.output
    return result


def article(site: Path, lang: str, page: str):
    path = site / ("de" if lang == "de" else "") / page / "index.html"
    body = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("article")
    for link in body.select(".headerlink"):
        link.decompose()
    return body


# The text as read: whitespace collapsed, nothing added between elements.
def text(element) -> str:
    return " ".join(element.get_text().split())


def cells(row) -> list:
    return [text(cell) for cell in row.select("th, td")]


def paragraph(body, start: str) -> str:
    return next(text(p) for p in body.select("p") if text(p).startswith(start))


# The hours page

HOURS_ROWS = {
    "en": [["EMEA", "Monday to Friday", "10:00–18:00", "CET/CEST (Berlin time)"],
           ["USA", "Monday to Friday", "09:00–17:00", "EST/EDT (New York time)"],
           ["APAC", "Monday to Friday", "09:00–18:00", "UTC+08:00 (Singapore time)"],
           ["Saturday", "09:00–12:00"]],
    "de": [["EMEA", "Montag bis Freitag", "10:00–18:00 Uhr", "MEZ/MESZ (Berlin)"],
           ["USA", "Montag bis Freitag", "09:00–17:00 Uhr", "EST/EDT (New York)"],
           ["APAC", "Montag bis Freitag", "09:00–18:00 Uhr", "UTC+08:00 (Singapur)"],
           ["Samstag", "09:00–12:00 Uhr"]],
}
# The live status's rows before the script fills them (and without JavaScript): name, weekly hours.
STATUS_ROWS = {
    "en": [["EMEA", "Monday to Friday 10:00–18:00 CET/CEST"], ["USA", "Monday to Friday 09:00–17:00 EST/EDT"],
           ["APAC", "Monday to Friday 09:00–18:00; Saturday 09:00–12:00 UTC+08:00"]],
    "de": [["EMEA", "Montag bis Freitag 10:00–18:00 Uhr MEZ/MESZ"], ["USA", "Montag bis Freitag 09:00–17:00 Uhr EST/EDT"],
           ["APAC", "Montag bis Freitag 09:00–18:00 Uhr; Samstag 09:00–12:00 Uhr UTC+08:00"]],
}
# New Year's Day 2027: closed everywhere, by two names.
NEW_YEARS_DAY = {
    "en": "Friday, 1 January 2027: New Year's Day (Neujahr) for EMEA; New Year's Day for USA and APAC",
    "de": "Freitag, 1. Januar 2027: Neujahr für EMEA; Neujahr (New Year's Day) für USA und APAC",
}
# As built, the page states the closures from the build date on with their dates (the browser
# then names the next one for the reader's day); 25 December is one entry naming every region.
# New Year's Eve keeps special hours in every region: no closure, left out.
UPCOMING_ON_CHRISTMAS = {
    "en": ("Closures from 25 December 2026: " + NEXT_ON_CHRISTMAS["en"] + "; Second Day of Christmas "
           "(Zweiter Weihnachtstag), Saturday, 26 December 2026 (EMEA); " + NEW_YEARS_DAY["en"] + "."),
    "de": ("Schließtage ab dem 25. Dezember 2026: " + NEXT_ON_CHRISTMAS["de"] + "; Zweiter Weihnachtstag, "
           "Samstag, 26. Dezember 2026 (EMEA); " + NEW_YEARS_DAY["de"] + "."),
}
HOURS_SENTENCE = {
    "en": "The holiday calendar lists every closed day. {next}",
    "de": "Der Feiertagskalender nennt alle Schließtage. {next}",
}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_hours_page(build, lang):
    body = article(build.site, lang, "hours")
    table = body.select_one(".support-hours table")
    assert [cells(tr) for tr in table.select("tbody tr")] == HOURS_ROWS[lang]
    assert [tr["data-region"] for tr in table.select("tbody tr")] == ["emea", "usa", "apac", "apac"]
    assert paragraph(body, RULE[lang][:20]) == (
        RULE[lang] + " " + HOURS_SENTENCE[lang].format(next=UPCOMING_ON_CHRISTMAS[lang]))
    assert [[text(span) for span in li.select("span")] for li in body.select(".support-status__region")] == STATUS_ROWS[lang]


# The calendar page

# December 2026 as published on 25 December: a closure in APAC only, Christmas Eve closed in two
# regions and short in the third, 25 December closed everywhere by three calendars (a row each:
# their names differ, all three marked as the next closure), 26 December in EMEA only, New Year's
# Eve short in three zones. Company closures show the edition's text alone.
DECEMBER = {
    "en": [["Wednesday, 9 December 2026", "Team day", "Closed", "APAC"],
           ["Thursday, 24 December 2026", "Christmas Eve", "Closed", "EMEA and USA"],
           ["Thursday, 24 December 2026", "Christmas Eve", "Open 09:00–12:00 UTC+08:00", "APAC"],
           ["Friday, 25 December 2026", "First closure from 25 December 2026: Christmas Day (Erster Weihnachtstag)", "Closed", "EMEA"],
           ["Friday, 25 December 2026", "First closure from 25 December 2026: Christmas Day", "Closed", "USA"],
           ["Friday, 25 December 2026", "First closure from 25 December 2026: Christmas Day", "Closed", "APAC"],
           ["Saturday, 26 December 2026", "Second Day of Christmas (Zweiter Weihnachtstag)", "Closed", "EMEA"],
           ["Thursday, 31 December 2026", "New Year's Eve",
            "Open 10:00–14:00 local time (EMEA: CET, USA: EST, APAC: UTC+08:00)", "All regions"]],
    "de": [["Mittwoch, 9. Dezember 2026", "Teamtag", "Geschlossen", "APAC"],
           ["Donnerstag, 24. Dezember 2026", "Heiligabend", "Geschlossen", "EMEA und USA"],
           ["Donnerstag, 24. Dezember 2026", "Heiligabend", "Geöffnet 09:00–12:00 Uhr UTC+08:00", "APAC"],
           ["Freitag, 25. Dezember 2026", "Erster Schließtag ab dem 25. Dezember 2026: Erster Weihnachtstag", "Geschlossen", "EMEA"],
           ["Freitag, 25. Dezember 2026", "Erster Schließtag ab dem 25. Dezember 2026: Erster Weihnachtstag (Christmas Day)", "Geschlossen", "USA"],
           ["Freitag, 25. Dezember 2026", "Erster Schließtag ab dem 25. Dezember 2026: Weihnachten (Christmas Day)", "Geschlossen", "APAC"],
           ["Samstag, 26. Dezember 2026", "Zweiter Weihnachtstag", "Geschlossen", "EMEA"],
           ["Donnerstag, 31. Dezember 2026", "Silvester",
            "Geöffnet 10:00–14:00 Uhr Ortszeit (EMEA: MEZ, USA: EST, APAC: UTC+08:00)", "Alle Regionen"]],
}
# Days the calendars share: one row when they name the day alike (official name included),
# whichever calendar closes a region; a row per name where they do not. The second name is the
# official one, German for Munich, English for New York and Singapore (whose English is the English
# page's name there: "Labour Day"): never a German name given for the German edition.
SHARED = {
    "en": {"2026-01-01": [["Thursday, 1 January 2026", "New Year's Day (Neujahr)", "Closed", "EMEA"],
                          ["Thursday, 1 January 2026", "New Year's Day", "Closed", "USA and APAC"]],
           "2026-04-03": [["Friday, 3 April 2026", "Good Friday (Karfreitag)", "Closed", "EMEA"],
                          ["Friday, 3 April 2026", "Good Friday", "Closed", "APAC"]],
           "2026-05-01": [["Friday, 1 May 2026", "Labor Day (Erster Mai)", "Closed", "EMEA"],
                          ["Friday, 1 May 2026", "Labour Day", "Closed", "APAC"]],
           "2026-09-07": [["Monday, 7 September 2026", "Labor Day", "Closed", "USA"]],
           "2027-01-01": [["Friday, 1 January 2027", "New Year's Day (Neujahr)", "Closed", "EMEA"],
                          ["Friday, 1 January 2027", "New Year's Day", "Closed", "USA and APAC"]]},
    "de": {"2026-01-01": [["Donnerstag, 1. Januar 2026", "Neujahr", "Geschlossen", "EMEA"],
                          ["Donnerstag, 1. Januar 2026", "Neujahr (New Year's Day)", "Geschlossen", "USA und APAC"]],
           "2026-04-03": [["Freitag, 3. April 2026", "Karfreitag", "Geschlossen", "EMEA"],
                          ["Freitag, 3. April 2026", "Karfreitag (Good Friday)", "Geschlossen", "APAC"]],
           "2026-05-01": [["Freitag, 1. Mai 2026", "Erster Mai", "Geschlossen", "EMEA"],
                          ["Freitag, 1. Mai 2026", "Tag der Arbeit (Labour Day)", "Geschlossen", "APAC"]],
           "2026-09-07": [["Montag, 7. September 2026", "Tag der Arbeit (Labor Day)", "Geschlossen", "USA"]],
           "2027-01-01": [["Freitag, 1. Januar 2027", "Neujahr", "Geschlossen", "EMEA"],
                          ["Freitag, 1. Januar 2027", "Neujahr (New Year's Day)", "Geschlossen", "USA und APAC"]]},
}
CALENDAR_SENTENCE = {
    "en": "This page lists every day on which support is closed or keeps special hours. {next}",
    "de": "Diese Seite nennt alle Tage, an denen der Support geschlossen ist oder geänderte Zeiten hat. {next}",
}


def calendar_rows(body) -> list:
    return body.select(".support-calendar tbody tr")


@pytest.mark.parametrize("lang", ["en", "de"])
def test_calendar_page(build, lang):
    body = article(build.site, lang, "holidays")
    assert paragraph(body, RULE[lang][:20]) == (
        RULE[lang] + " " + CALENDAR_SENTENCE[lang].format(next=UPCOMING_ON_CHRISTMAS[lang]))
    rows = calendar_rows(body)
    assert [cells(tr) for tr in rows if tr["data-date"].startswith("2026-12")] == DECEMBER[lang]
    for date, expected in SHARED[lang].items():
        assert [cells(tr) for tr in rows if tr["data-date"] == date] == expected, date
    # The next closure is the date: each of its rows is marked and labelled, no other row.
    marked = [tr for tr in rows if "support-next" in (tr.get("class") or [])]
    assert [tr["data-date"] for tr in marked] == ["2026-12-25"] * 3
    assert len(body.select(".support-next__label")) == 3
    assert [tr["data-date"] for tr in rows if tr.select_one(".support-next__label")] == ["2026-12-25"] * 3


# Each row names exactly the regions the policy closes (or shortens) under that entry, and on every
# date the rows together name every region with a day off the weekly hours, nothing twice.
def test_calendar_rows_name_every_region_of_their_date(build, policy):
    body = article(build.site, "en", "holidays")
    names = {r.id: r.name.get("en") for r in policy.regions}
    expected: dict = {}
    for region in policy.regions:
        for override in policy.overrides[region.id]:
            expected.setdefault(override.date.isoformat(), []).append(names[region.id])
    found: dict = {}
    for tr in calendar_rows(body):
        listed = cells(tr)[3]
        regions = list(names.values()) if listed == "All regions" else listed.replace(" and ", ", ").split(", ")
        found.setdefault(tr["data-date"], []).extend(regions)
    assert {d: sorted(r) for d, r in found.items()} == {d: sorted(r) for d, r in expected.items()}


# Special hours name each region's zone as the hours page does.
@pytest.mark.parametrize("lang", ["en", "de"])
def test_special_hours_name_zones_like_the_hours_page(build, lang):
    zones = {cells(tr)[0]: cells(tr)[3] for tr in article(build.site, lang, "hours").select(".support-hours tbody tr")
             if len(cells(tr)) == 4}
    short = [cells(tr)[2] for tr in calendar_rows(article(build.site, lang, "holidays"))
             if tr["data-date"] == "2026-12-31"]
    for region, label in zones.items():
        abbreviation = short[0].split(f"{region}: ")[1].split(",")[0].rstrip(")")
        assert abbreviation in label.split(" (")[0].split("/"), (region, abbreviation, label)
        city = label.split(" (")[1]
        assert city.startswith({"EMEA": "Berlin", "USA": "New York", "APAC": "Singap"}[region])
    assert "Singapur" in zones["APAC"] if lang == "de" else "Singapore time" in zones["APAC"]


# The home page

HOME = {
    "en": ("When can I contact smartwork solutions for customer support?: support hours for EMEA, USA and APAC, "
           "and the public holidays we are closed on."),
    "de": ("Wann erreiche ich den Kundensupport von smartwork solutions?: Supportzeiten für EMEA, USA und APAC "
           "sowie die Feiertage, an denen wir geschlossen haben."),
}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_home_page(build, lang):
    body = article(build.site, lang, "")
    answers = [text(li) for li in body.select("li") if li.select_one('a[href="hours/"]')]
    assert answers == [HOME[lang]]
    assert [[text(span) for span in li.select("span")] for li in body.select(".support-status__region")] == STATUS_ROWS[lang]


# No list of regions anywhere repeats its conjunction ("EMEA and USA and APAC").
def test_no_list_repeats_its_conjunction(build):
    for page in build.site.rglob("*.html"):
        shown = text(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser"))
        for doubled in ("USA and APAC and", "EMEA and USA and", "USA und APAC und", "EMEA und USA und"):
            assert doubled not in shown, (page, doubled)


# The next closure on other build days, through the renderer

NEXT = {
    # Only APAC closes that day.
    dt.date(2026, 11, 27): {"en": "Team day, Wednesday, 9 December 2026 (APAC)",
                            "de": "Teamtag, Mittwoch, 9. Dezember 2026 (APAC)"},
    # Closed in EMEA and USA, special hours in APAC: the regions it closes.
    dt.date(2026, 12, 20): {"en": "Christmas Eve, Thursday, 24 December 2026 (EMEA and USA)",
                            "de": "Heiligabend, Donnerstag, 24. Dezember 2026 (EMEA und USA)"},
    CHRISTMAS: NEXT_ON_CHRISTMAS,
    # Only Munich's calendar closes 26 December.
    dt.date(2026, 12, 26): {"en": "Second Day of Christmas (Zweiter Weihnachtstag), Saturday, 26 December 2026 (EMEA)",
                            "de": "Zweiter Weihnachtstag, Samstag, 26. Dezember 2026 (EMEA)"},
    # New Year's Eve keeps special hours everywhere: no closure.
    dt.date(2026, 12, 27): NEW_YEARS_DAY,
    dt.date(2026, 12, 31): NEW_YEARS_DAY,
}


@pytest.mark.parametrize("today", sorted(NEXT))
def test_next_closure_on_each_build_day(policy, today):
    for lang in ("en", "de"):
        facts = render.Facts(dataclasses.replace(policy, today=today), lang, today)
        days = [d for d in closures.closure_days(facts.policy) if not d.hours]
        first = next(d.date for d in days if d.date >= today)
        assert render.plain_text(facts._closure_words(first, days)) == NEXT[today][lang]
        # The sentence as built starts with it, dated from the build day.
        shown = BeautifulSoup(str(facts.next_closure()), "html.parser").get_text()
        assert render.strip_policy_markers(shown).split(": ", 1)[1].startswith(NEXT[today][lang])


# The holiday rule for regions that share a calendar, and for one that keeps none.
def test_holiday_rule_groups_regions_by_calendar(policy):
    def rule(calendars: dict, lang: str) -> str:
        regions = tuple(dataclasses.replace(r, calendar=calendars[r.id]) for r in policy.regions)
        return render.strip_policy_markers(render.Facts(dataclasses.replace(policy, regions=regions), lang, CHRISTMAS)
                                           .holiday_rule())

    assert rule({"emea": "munich", "usa": "munich", "apac": "singapore"}, "en") == (
        "Support is closed on public holidays: EMEA and USA: Munich, Germany; APAC: Singapore.")
    assert rule({"emea": "munich", "usa": "munich", "apac": "singapore"}, "de") == (
        "Der Support ist an gesetzlichen Feiertagen geschlossen: EMEA und USA: München, Deutschland; APAC: Singapur.")
    assert rule({"emea": "munich", "usa": None, "apac": "munich"}, "en") == (
        "Support is closed on public holidays: EMEA and APAC: Munich, Germany; USA: none.")
    assert rule({"emea": "munich", "usa": None, "apac": "munich"}, "de") == (
        "Der Support ist an gesetzlichen Feiertagen geschlossen: EMEA und APAC: München, Deutschland; USA: keine.")
    assert rule({"emea": "singapore", "usa": "singapore", "apac": "singapore"}, "en") == (
        "Support is closed on public holidays: Singapore.")
    assert rule({"emea": None, "usa": None, "apac": None}, "de") == "Der Support hält seine Zeiten auch an Feiertagen."


def test_region_list_follows_the_language(policy):
    for lang, expected in (("en", "EMEA, USA and APAC"), ("de", "EMEA, USA und APAC")):
        shown = render.strip_policy_markers(render.Facts(policy, lang, CHRISTMAS).context()["region_list"])
        assert shown == expected
    two = dataclasses.replace(policy, regions=policy.regions[:2])
    assert render.strip_policy_markers(render.Facts(two, "de", CHRISTMAS).context()["region_list"]) == "EMEA und USA"


# Mistakes in a calendar of another country

def line_of(path: Path, marker: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if marker in line)


# A holiday the package names in English only, left without its German name, is named with the fix.
def test_a_missing_german_holiday_name_is_named(tmp_path):
    directory = policy_dir(tmp_path / "policy")
    holidays = directory / "holidays.yml"
    holidays.write_text(holidays.read_text(encoding="utf-8").replace("      Thanksgiving Day: {de: Thanksgiving}\n", ""),
                        encoding="utf-8")
    with pytest.raises(PolicyError) as error:
        load(directory, CHRISTMAS)
    assert [str(p) for p in error.value.problems] == [
        f"policy/holidays.yml, line {line_of(holidays, '    names:')}, calendars[2].names: the holidays package has no de "
        "names for US, and the calendar 'new-york' gives none for 'Thanksgiving Day'\n"
        "    Fix: add to the calendar (by the English names; where a holiday has a line already, add de: ... to it):\n"
        "    names:\n      Thanksgiving Day: {de: ...}"]


# A calendar name written as the end of a sentence, as in "All support times exclude ...", would
# read twice after "Support is closed on public holidays:".
def test_a_calendar_name_that_is_part_of_a_sentence_is_refused(tmp_path):
    directory = policy_dir(tmp_path / "policy")
    holidays = directory / "holidays.yml"
    holidays.write_text(holidays.read_text(encoding="utf-8").replace(
        'name: {en: "Munich, Germany", de: "München, Deutschland"}',
        "name:\n      en: public holidays in Munich, Germany\n      de: den gesetzlichen Feiertagen in München"),
        encoding="utf-8")
    with pytest.raises(PolicyError) as error:
        load(directory, CHRISTMAS)
    assert [str(p) for p in error.value.problems] == [
        f"policy/holidays.yml, line {line_of(holidays, name)}, calendars[1].name.{lang}: '{name}' reads as "
        "part of a sentence; the pages show a calendar's name alone: 'Support is closed on public holidays: "
        "Munich, Germany.'\n    Fix: write the place only, starting with a capital: 'Munich, Germany', 'Singapore'"
        for lang, name in (("en", "public holidays in Munich, Germany"), ("de", "den gesetzlichen Feiertagen in München"))]


# The README's example of a region in another country loads as written into the default policy,
# and the error it shows for a missing German name is the build's.
def test_readme_example_of_a_region_in_another_country(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Add a region in another country", 1)[1].split("\n### ", 1)[0]
    calendar, region = [block.split("```", 1)[0] for block in section.split("```yaml\n")[1:3]]
    shown = textwrap.dedent(section.split("```text\n", 1)[1].split("```", 1)[0]).split("ERROR   -  ", 1)[1].strip()
    directory = tmp_path / "policy"
    shutil.copytree(ROOT / "policy", directory)
    holidays, regions = directory / "holidays.yml", directory / "regions.yml"
    holidays.write_text(holidays.read_text(encoding="utf-8").replace("\nclosures:", "\n" + calendar + "\nclosures:"),
                        encoding="utf-8")
    regions.write_text(regions.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + region, encoding="utf-8")
    today = dt.date(2026, 11, 27)
    policy = load(directory, today)
    apac = {o.date: o.name.as_dict() for o in policy.overrides["apac"]}
    assert apac[dt.date(2026, 8, 10)] == {"en": "National Day (observed)", "de": "Nationalfeiertag (Ersatztag)"}
    assert apac[dt.date(2026, 12, 25)] == {"en": "Christmas Day", "de": "Erster Weihnachtstag"}
    assert dt.date(2026, 12, 26) not in apac and dt.date(2026, 8, 15) not in apac  # Munich's, not Singapore's
    facts = render.Facts(policy, "en", today)
    assert render.strip_policy_markers(facts.holiday_rule()) == (
        "Support is closed on public holidays: EMEA and USA: Munich, Germany; APAC: Singapore.")
    # Christmas under the same German name as Munich's, but another official name: a row each,
    # Munich's with its German official name beside the English, Singapore's without.
    calendar = BeautifulSoup(render.strip_policy_markers(facts.holiday_calendar()), "html.parser")
    assert [words_of(row) for row in calendar.select('tr[data-date="2026-12-25"]')] == [
        "Friday, 25 December 2026 First closure from 27 November 2026: Christmas Day (Erster Weihnachtstag) Closed EMEA and USA",
        "Friday, 25 December 2026 First closure from 27 November 2026: Christmas Day Closed APAC"]
    holidays.write_text(holidays.read_text(encoding="utf-8").replace(
        "      Vesak Day (observed): {de: Vesak (Ersatztag)}\n", ""), encoding="utf-8")
    with pytest.raises(PolicyError) as error:
        load(directory, today)
    assert error.value.report() == shown


# A site built on 20 December, served for the browser tests.
@pytest.fixture(scope="module")
def early_site(build):
    project = build.project
    epoch = str(int(dt.datetime(2026, 12, 20, tzinfo=dt.timezone.utc).timestamp()))
    early = run_build(project, "-d", str(project / "site-early"), epoch=epoch)
    assert early.ok, early.output
    server, url = serve_directory(project / "site-early")
    yield url
    server.shutdown()


# In the browser, on a later day than the build: the closure is the date, with every region it
# closes, each calendar's name with its own regions (as the built page says it). Read on
# 25 December at 06:00 UTC, the 25th in all three zones, from the far side of the world, where it
# is still 22:00 on the 24th: closed now, not today's (the reader's day is the 24th).
@pytest.mark.browser
@pytest.mark.parametrize("lang, path, expected", [
    ("en", "hours/", "Closed now: " + NEXT_ON_CHRISTMAS["en"] + "."),
    ("de", "de/hours/", "Jetzt geschlossen: " + NEXT_ON_CHRISTMAS["de"] + "."),
])
def test_next_closure_in_the_browser_names_every_region(early_site, browser, lang, path, expected):
    context = browser.new_context(timezone_id="America/Los_Angeles", locale="de-DE" if lang == "de" else "en-GB")
    try:
        at = dt.datetime(2026, 12, 25, 6, tzinfo=dt.timezone.utc)
        context.clock.install(time=at - dt.timedelta(minutes=1))
        context.clock.pause_at(at)
        page = context.new_page()
        page.goto(f"{early_site}/{path}")
        page.wait_for_selector("[data-support-next-closure][data-support-updated]")
        assert " ".join(page.inner_text("[data-support-next-closure]").split()) == expected
    finally:
        context.close()


# Christmas Eve closes EMEA and the USA and keeps special hours in APAC: the sentence and the
# calendar's mark name the regions it closes, and it is today's once the 24th has begun in one of
# them, not when it begins in Singapore. New Year's Eve keeps special hours everywhere: no closure.
# Read in Singapore, on the site built on 20 December.
LIVE_SCENES = {
    # 04:00 on the 24th in Singapore, still the 23rd in Berlin and New York.
    "2026-12-23T20:00:00Z": {
        "en": ("The next closure is Christmas Eve, Thursday, 24 December 2026 (EMEA and USA).",
               [("2026-12-24", "emea usa", "Next closure:")]),
        "de": ("Der nächste Schließtag ist Heiligabend, Donnerstag, 24. Dezember 2026 (EMEA und USA).",
               [("2026-12-24", "emea usa", "Nächster Schließtag:")])},
    # 09:00 in Berlin on the 24th.
    "2026-12-24T08:00:00Z": {
        "en": ("Today's closure: Christmas Eve, Thursday, 24 December 2026 (EMEA and USA).",
               [("2026-12-24", "emea usa", "Today's closure:")]),
        "de": ("Heutiger Schließtag: Heiligabend, Donnerstag, 24. Dezember 2026 (EMEA und USA).",
               [("2026-12-24", "emea usa", "Heutiger Schließtag:")])},
    # Noon on New Year's Eve in Singapore, 05:00 in Berlin.
    "2026-12-31T04:00:00Z": {
        "en": ("The next closure is " + NEW_YEARS_DAY["en"] + ".",
               [("2027-01-01", "emea", "Next closure:"), ("2027-01-01", "usa apac", "Next closure:")]),
        "de": ("Der nächste Schließtag ist " + NEW_YEARS_DAY["de"] + ".",
               [("2027-01-01", "emea", "Nächster Schließtag:"), ("2027-01-01", "usa apac", "Nächster Schließtag:")])},
}


# The holidays page of `site` read in `zone` at `when`, in each language: the next-closure
# sentence and the calendar's marked rows (date, regions, labels) as `scenes` has them.
def read_closure_scenes(site, browser, zone, when, scenes):
    context = browser.new_context(timezone_id=zone)
    try:
        at = dt.datetime.fromisoformat(when.replace("Z", "+00:00"))
        context.clock.install(time=at - dt.timedelta(minutes=1))
        context.clock.pause_at(at)
        for lang, (sentence, marks) in scenes.items():
            page = context.new_page()
            page.goto(f"{site}/{'de/' if lang == 'de' else ''}holidays/")
            page.wait_for_selector("[data-support-next-closure][data-date]")
            page.wait_for_function("() => !document.querySelector('.support-next__label') || "
                                   "!/2026:$/.test(document.querySelector('.support-next__label').textContent)")
            assert " ".join(page.inner_text("[data-support-next-closure]").split()) == sentence
            rows = page.eval_on_selector_all(
                ".support-calendar tbody tr",
                "(rows) => rows.filter((r) => r.querySelector('.support-next__label') || r.classList.contains('support-next'))"
                ".map((r) => [r.dataset.date, r.dataset.regions, ...[...r.querySelectorAll('.support-next__label')].map((l) => l.textContent)])")
            assert [tuple(r) for r in rows] == marks, lang
            page.close()
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("when", LIVE_SCENES)
def test_special_hours_in_one_region_are_no_closure_there(early_site, browser, when):
    read_closure_scenes(early_site, browser, "Asia/Singapore", when, LIVE_SCENES[when])


# Read in Berlin at 23:30 on New Year's Eve, when 1 January has begun in Singapore: New Year's Day
# is current (APAC is closed) but the reader's day is still the 31st, so the sentence and the
# calendar's mark say "Closed now:", not "Today's closure:"; half an hour later, on the 1st in
# Berlin, they say today's.
BERLIN_SCENES = {
    "2026-12-31T22:30:00Z": {
        "en": ("Closed now: " + NEW_YEARS_DAY["en"] + ".",
               [("2027-01-01", "emea", "Closed now:"), ("2027-01-01", "usa apac", "Closed now:")]),
        "de": ("Jetzt geschlossen: " + NEW_YEARS_DAY["de"] + ".",
               [("2027-01-01", "emea", "Jetzt geschlossen:"), ("2027-01-01", "usa apac", "Jetzt geschlossen:")])},
    "2026-12-31T23:30:00Z": {
        "en": ("Today's closure: " + NEW_YEARS_DAY["en"] + ".",
               [("2027-01-01", "emea", "Today's closure:"), ("2027-01-01", "usa apac", "Today's closure:")]),
        "de": ("Heutiger Schließtag: " + NEW_YEARS_DAY["de"] + ".",
               [("2027-01-01", "emea", "Heutiger Schließtag:"), ("2027-01-01", "usa apac", "Heutiger Schließtag:")])},
}


@pytest.mark.browser
@pytest.mark.parametrize("when", BERLIN_SCENES)
def test_today_is_the_readers_day_in_berlin(early_site, browser, when):
    read_closure_scenes(early_site, browser, "Europe/Berlin", when, BERLIN_SCENES[when])


# Second names: a holiday's official name in its country's language (German for Munich, English
# for New York and Singapore), never a German name the policy gives for the German edition, and
# none for company closures. Every English page of the build, and the French pages' calendar
# rendered from the same policy with a French catalog.
def german_given_names() -> set:
    german = set()
    for file in FIXTURE.glob("*.yml"):
        def walk(value):
            if isinstance(value, dict):
                if isinstance(value.get("de"), str) and value.get("de") != value.get("en"):
                    german.add(value["de"])
                for v in value.values():
                    walk(v)
            elif isinstance(value, list):
                for v in value:
                    walk(v)
        walk(yaml.safe_load(file.read_text(encoding="utf-8")))
    return german


# The official names of the calendars' holidays; Munich's only with `country` DE.
def official_names(policy, country: str | None = None) -> set:
    return {t.official for c in policy.calendars if country in (None, c.country)
            for t in closures.calendar_days(c, *policy.horizon).values()}


def parenthesised(text_: str) -> list:
    return re.findall(r"\(([^()]*(?:\([^()]*\))?[^()]*)\)", text_)


def test_english_pages_show_no_german_but_munichs_official_names(build, policy):
    # German names given for the German edition ("Deepavali" is Singapore's official name too).
    german, official = german_given_names() - official_names(policy), official_names(policy, "DE")
    assert {"Unabhängigkeitstag (Ersatztag)", "Thanksgiving", "Heiligabend", "Teamtag"} <= german
    seen = set()
    for path in build.site.rglob("*.html"):
        if path.relative_to(build.site).parts[0] == "de":
            continue
        shown = words_of(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"))
        assert not [name for name in parenthesised(shown) if name in german], path
        seen.update(name for name in parenthesised(shown) if name in official)
    assert "Erster Weihnachtstag" in seen  # Munich's official names do show


def test_french_calendar_of_a_us_region_shows_no_german(tmp_path, policy):
    from supportportal import catalog, ics
    directory = policy_dir(tmp_path / "policy")
    company = yaml.safe_load((directory / "company.yml").read_text(encoding="utf-8"))
    company.update(languages=["en", "de", "fr"], missing_translations="fallback")
    (directory / "company.yml").write_text(yaml.safe_dump(company, allow_unicode=True), encoding="utf-8")
    holidays = yaml.safe_load((directory / "holidays.yml").read_text(encoding="utf-8"))
    french = yaml.safe_load((ROOT / "tests" / "fixtures" / "french" / "holiday-names.yml").read_text(encoding="utf-8"))
    for calendar in holidays["calendars"]:
        if calendar["country"] == "DE":
            calendar["names"] = {en: {"fr": fr} for en, fr in french.items()}
        else:  # the French names of US and Singapore holidays: here their English names
            calendar["names"] = {en: {**texts, "fr": en} for en, texts in calendar["names"].items()}
    (directory / "holidays.yml").write_text(yaml.safe_dump(holidays, allow_unicode=True), encoding="utf-8")
    catalog.install(catalog.load_catalogs(ROOT / "tests" / "fixtures" / "french", ("en", "de", "fr"), True))
    try:
        french_policy = load(directory, CHRISTMAS)
        facts = render.Facts(french_policy, "fr", CHRISTMAS)
        shown = words_of(BeautifulSoup(render.strip_policy_markers(facts.holiday_calendar() + facts.next_closure()),
                                       "html.parser"))
        feed = ics.support_calendar(french_policy, "fr").decode("utf-8").replace("\r\n ", "")
    finally:
        catalog.install({})
    german, official = german_given_names() - official_names(policy), official_names(policy, "DE")
    assert "Thanksgiving Day" in shown and "Noël (Erster Weihnachtstag)" in shown
    assert set(parenthesised(shown)) & german <= official
    us_only = german - official
    assert not [name for name in us_only if f"({name})" in shown or f"({name})" in feed]
    assert "Independence Day (observed)" in shown and "Unabhängigkeitstag" not in shown + feed


# A calendar may give a holiday's official name where the package's is not it (official: under
# names:); it is shown beside the edition's name like the package's, and is no language of the site.
def test_a_calendar_gives_an_official_name(tmp_path):
    directory = policy_dir(tmp_path / "policy")
    holidays = directory / "holidays.yml"
    holidays.write_text(holidays.read_text(encoding="utf-8").replace(
        "      Thanksgiving Day: {de: Thanksgiving}\n",
        "      Thanksgiving Day: {de: Thanksgiving, official: Thanksgiving Day (New York)}\n"), encoding="utf-8")
    policy = load(directory, dt.date(2026, 11, 1))
    [day] = [d for d in closures.closure_days(policy) if d.date == dt.date(2026, 11, 26)]
    assert day.name.official == "Thanksgiving Day (New York)"
    assert closures.display_name(day.name, "en") == "Thanksgiving Day (Thanksgiving Day (New York))"
    assert closures.display_name(day.name, "de") == "Thanksgiving (Thanksgiving Day (New York))"
