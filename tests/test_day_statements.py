# Statements that depend on the day stay true between weekly builds: a site built on a Monday
# and read on each of the eight days after it, in two viewer zones, names the next closure of the
# reader's own day (a closure day is a date in its region's zone) in the sentence under the
# hours and calendar pages' first paragraph and in the calendar's mark, in English and German.
# Without JavaScript the same places state dated facts only: the first closures from the build
# date with their dates, never "next". A closure is a day that closes a region all day: a day of
# special hours is none for the regions that keep them (the live status says "Special hours
# today"), and none at all where every region it concerns keeps hours.
#
# The expected closures are worked out here from the loaded policy's calendar rows and each
# region's zone (zoneinfo), not by the browser's code; one build per build day, many page loads.

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from conftest import clocked_context, copy_project, run_build, serve_directory
from supportportal import catalog, closures, render, textfmt
from supportportal.loading import load_policy
from test_calendar import set_closures

pytestmark = pytest.mark.browser

CHRISTMAS = dt.date(2026, 12, 21)  # the Monday before Christmas
EASTER = dt.date(2027, 3, 22)  # the Monday before Easter (Good Friday 26 March 2027)
# A company closure of one region among the holidays: the USA closed on 28 December 2026, the day
# after a Sunday, while EMEA works; Christmas Eve everywhere.
COMPANY = """closures:
  - name: {en: Christmas Eve, de: Heiligabend}
    every_year: 12-24
  - name: {en: Office move, de: Büroumzug}
    date: 2026-12-28
    regions: [usa]
"""
# Special hours: Christmas Eve closes the USA and is short in EMEA; New Year's Eve is short in EMEA
# only (open 10:00-14:00), which the USA works as usual. Built before Christmas and before New Year.
SPECIAL = """closures:
  - name: {en: Christmas Eve, de: Heiligabend}
    every_year: 12-24
    regions: [usa]
  - name: {en: Christmas Eve, de: Heiligabend}
    every_year: 12-24
    hours: 09:00-12:00
    regions: [emea]
  - name: {en: New Year's Eve, de: Silvester}
    every_year: 12-31
    hours: 10:00-14:00
    regions: [emea]
"""
NEW_YEAR = dt.date(2026, 12, 28)  # the Monday before New Year's Eve
BUILDS = {"default-christmas": (CHRISTMAS, None), "default-easter": (EASTER, None), "company-christmas": (CHRISTMAS, COMPANY),
          "special-christmas": (CHRISTMAS, SPECIAL), "special-newyear": (NEW_YEAR, SPECIAL)}
VIEWER_ZONES = ("Pacific/Auckland", "America/Los_Angeles")
# Reading times in UTC, by day: before 05:00 UTC New York is still on the day before, Berlin is not.
READ_AT = (dt.time(3, 30), dt.time(13, 0))
PAGES = {("en", "hours/"), ("en", "holidays/"), ("de", "hours/"), ("de", "holidays/")}
LABEL = {"en": "Next closure:", "de": "Nächster Schließtag:"}
# The calendar's label on a closure whose day has begun in a region it closes, as the sentence says it.
TODAY_LABEL = {"en": "Today's closure:", "de": "Heutiger Schließtag:"}
# The label when that day has begun in such a region but the reader's own date is another (a
# reader in Los Angeles late on the 24th while the 25th has begun in New York and Berlin).
NOW_LABEL = {"en": "Closed now:", "de": "Jetzt geschlossen:"}
NEXT_WORD = re.compile(r"\bnext\b|nächst", re.I)


# The words before the closure in the sentence on a closure's own day ("Today's closure:").
def today_words(lang: str) -> str:
    return catalog.get(lang)("widget.next_today", closure="\ue000").split("\ue000")[0]


# The words before the closure in the sentence when its day has begun in a region it closes but the
# reader's own date is another ("Closed now:").
def now_words(lang: str) -> str:
    return catalog.get(lang)("widget.next_now", closure="\ue000").split("\ue000")[0]


def _epoch(day: dt.date) -> str:
    return str(int(dt.datetime.combine(day, dt.time(0), dt.timezone.utc).timestamp()))


@pytest.fixture(scope="session")
def day_builds(tmp_path_factory):
    builds = {}
    for name, (day, closures_yaml) in BUILDS.items():
        project = copy_project(tmp_path_factory.mktemp(name) / "project")
        if closures_yaml:
            set_closures(project / "policy", closures_yaml)
        build = run_build(project, epoch=_epoch(day))
        assert build.ok, build.output
        server, url = serve_directory(build.site)
        builds[name] = (day, load_policy(project / "policy", day), url, server)
    yield builds
    for *_, server in builds.values():
        server.shutdown()


# The calendar rows that close regions all day (not special hours), from `day` on.
def closed_rows(policy, day: dt.date) -> list:
    return [row for row in closures.closure_days(policy) if row.date >= day and not row.hours]


# The closed calendar rows upcoming at `instant`, each with the regions for which its date is
# today or later in the region's zone, by date and then the order of regions.yml.
def upcoming(policy, instant: dt.datetime) -> list:
    today = {r.id: instant.astimezone(ZoneInfo(r.zone)).date() for r in policy.regions}
    rows = []
    for row in closed_rows(policy, min(today.values())):
        regions = [r.id for r in row.regions if row.date >= today[r.id]]
        if regions:
            rows.append((row, regions))
    order = [r.id for r in policy.regions]
    return sorted(rows, key=lambda item: (item[0].date, order.index(item[1][0])))


def shown_name(policy, row, lang: str) -> str:
    return closures.display_name(row.name, lang, policy.languages[0])


def region_names(policy, ids, lang: str) -> list:
    return [r.name.get(lang) for r in policy.regions if r.id in ids]


def url_of(base: str, lang: str, page: str) -> str:
    return f"{base}/{'' if lang == 'en' else lang + '/'}{page}"


def squash(text: str) -> str:
    return " ".join(text.split())


READ_PAGE_JS = """() => {
  const sentence = document.querySelector('[data-support-next-closure]');
  const rows = [...document.querySelectorAll('.support-calendar tbody tr')].map((tr) => ({
    date: tr.dataset.date, regions: tr.dataset.regions.split(' '), marked: tr.classList.contains('support-next'),
    labels: [...tr.querySelectorAll('.support-next__label, .support-next__whom')].map((l) => l.textContent.trim()),
    mark: [...tr.querySelectorAll('mark')].map((m) => m.textContent),
  }));
  return {sentence: sentence.textContent, date: sentence.dataset.date, rows};
}"""


# What one reading of a page shows, against the closures upcoming at `instant`.
def check_reading(page, policy, instant, lang: str, path: str, where: str, viewer: str) -> list:
    rows = upcoming(policy, instant)
    assert rows, f"{where}: no closure ahead: choose a build day with closures ahead"
    first, regions = rows[0]
    got = page.evaluate(READ_PAGE_JS)
    problems = []
    sentence = squash(got["sentence"])
    name = squash(shown_name(policy, first, lang))
    # Current once its day has begun in a region it closes, else the next one; a current closure
    # is today's when its date is the reader's own, else closed now.
    zones = {r.id: r.zone for r in policy.regions}
    current = any(instant.astimezone(ZoneInfo(zones[r])).date() == first.date
                  for row, ids in rows if row.date == first.date for r in ids)
    today = current and instant.astimezone(ZoneInfo(viewer)).date() == first.date
    said_as = (sentence.startswith((today_words if today else now_words)(lang)) if current
               else NEXT_WORD.search(sentence))
    if got["date"] != first.date.isoformat() or name not in sentence or not said_as:
        problems.append(f"{where}: says {sentence!r} ({got['date']}), expected {name} on {first.date}"
                        + (" as today's" if today else " as closed now" if current else ""))
    names = region_names(policy, regions, lang)
    if len(regions) < len(policy.regions) and not all(n in sentence for n in names):
        problems.append(f"{where}: {sentence!r} does not name the regions {names}")
    if path == "holidays/":
        marked = {(row.date.isoformat(), tuple(r.id for r in row.regions)) for row, _ in rows if row.date == first.date}
        now = {(r["date"], tuple(r["regions"])) for r in got["rows"] if r["marked"]}
        if now != marked:
            problems.append(f"{where}: marked {sorted(now)}, expected {sorted(marked)}")
        # A row of regions the date no longer closes in part (over in Berlin, going on in New York)
        # names whom it closes beside its mark, as the sentence does: "(USA)".
        closing = {(row.date.isoformat(), tuple(r.id for r in row.regions)): ids for row, ids in rows}
        for row in got["rows"]:
            label = [(TODAY_LABEL if today else NOW_LABEL if current else LABEL)[lang]]
            ids = closing.get((row["date"], tuple(row["regions"])), row["regions"])
            if len(ids) < len(row["regions"]):
                label.append(catalog.get(lang)("widget.closure_regions", text="",
                                               regions=textfmt.join_words(region_names(policy, ids, lang), lang)).strip())
            want = (label, 1) if row["marked"] else ([], 0)
            if (row["labels"], len(row["mark"])) != want:
                problems.append(f"{where}: row {row['date']} has labels {row['labels']}, {len(row['mark'])} marks")
    return problems


# A page of `context` at `url`, once the script has restated the day's statements: a new document
# in the context's tab, opened once and loaded again for each reading (a tab's first page costs a
# new renderer, twice a page load's time).
def load(context, url: str):
    page = context.pages[0] if context.pages else context.new_page()
    page.goto(url)
    page.wait_for_selector("[data-support-next-closure][data-date]")
    if "/holidays/" in url:  # the calendar's mark, relabelled by the same script
        lang = "de" if "/de/" in url else "en"
        page.wait_for_selector(f".support-next__label:text-is(\"{LABEL[lang]}\"), "
                               f".support-next__label:text-is(\"{TODAY_LABEL[lang]}\"), "
                               f".support-next__label:text-is(\"{NOW_LABEL[lang]}\")")
    return page


# In the first viewer zone each day's reading is a fresh page load (one page a day, each page
# twice); in the second each page is loaded the day after the build and left open while the
# clock runs on to each later day (the script restates the sentence and the mark as days pass).
@pytest.mark.parametrize("build", BUILDS, ids=BUILDS.keys())
def test_next_closure_is_true_on_every_day_until_the_next_build(build, day_builds, browser):
    built, policy, url, _ = day_builds[build]
    instants = [dt.datetime.combine(built + dt.timedelta(days=n), READ_AT[n % 2], dt.timezone.utc) for n in range(1, 9)]
    pages = sorted(PAGES)
    problems = []
    loaded, left_open = VIEWER_ZONES
    context = clocked_context(browser, loaded, instants[0])
    try:
        for n, instant in enumerate(instants):
            lang, path = pages[n % len(pages)]
            context.clock.pause_at(instant)
            page = load(context, url_of(url, lang, path))
            problems += check_reading(page, policy, instant, lang, path,
                                      f"{build}, loaded {instant:%a %d %b %H:%M}Z in {loaded}, {lang}/{path}", loaded)
    finally:
        context.close()
    for lang, path in pages:
        context = clocked_context(browser, left_open, instants[0])
        try:
            page = load(context, url_of(url, lang, path))
            for before, instant in zip([None, *instants], instants):
                if before:
                    page.clock.fast_forward(int((instant - before).total_seconds() * 1000))
                problems += check_reading(page, policy, instant, lang, path,
                                          f"{build}, open until {instant:%a %d %b %H:%M}Z in {left_open}, {lang}/{path}",
                                          left_open)
        finally:
            context.close()
    assert not problems, "\n".join(problems[:20])


# The scenes of the defect, spelled out: after a Christmas build, on Boxing Day and the day after
# in Berlin, the sentence no longer names Christmas Day (on Boxing Day, a closure itself, it is
# today's closure, not the next); after the build before Easter, on Easter Saturday it names
# Easter Monday, not Good Friday.
@pytest.mark.parametrize("build, when, expected", [
    ("default-christmas", "2026-12-26T11:00:00Z", "Today's closure: Second Day of Christmas (Zweiter Weihnachtstag), Saturday, 26 December 2026."),
    ("default-christmas", "2026-12-27T11:00:00Z", "The next closure is New Year's Day (Neujahr), Friday, 1 January 2027."),
    ("default-easter", "2027-03-27T11:00:00Z", "The next closure is Easter Monday (Ostermontag), Monday, 29 March 2027."),
    ("company-christmas", "2026-12-27T11:00:00Z", "The next closure is Office move, Monday, 28 December 2026 (USA)."),
    # None left in the published years: their last day is covered too.
    ("default-christmas", "2027-12-28T11:00:00Z", "No closure is scheduled through 31 December 2027."),
], ids=["boxing-day", "sunday-after-christmas", "easter-saturday", "one-region", "last-days"])
def test_next_closure_sentence_on_the_day(build, when, expected, day_builds, browser):
    _, _, url, _ = day_builds[build]
    context = browser.new_context(timezone_id="Europe/Berlin")
    try:
        page = context.new_page()
        instant = dt.datetime.fromisoformat(when.replace("Z", "+00:00"))
        page.clock.install(time=instant - dt.timedelta(minutes=1))
        page.clock.pause_at(instant)
        page.goto(f"{url}/hours/")
        page.wait_for_selector("[data-support-next-closure][data-date]")
        assert squash(page.locator("[data-support-next-closure]").text_content()) == expected
    finally:
        context.close()


# Special hours and closures on and before their day, in both editions: the sentence and the
# calendar's mark name only days that close a region all day, and only the regions they close; a
# closure whose day has begun in a region it closes is today's in both. Read in Berlin.
SCENES = {
    # New Year's Eve is special hours in EMEA only: no closure, the day before or on the day.
    "before-special-hours": ("special-newyear", "2026-12-30T11:00:00Z", {
        "en": ("The next closure is New Year's Day (Neujahr), Friday, 1 January 2027.", [("2027-01-01", "emea usa", "Next closure:")]),
        "de": ("Der nächste Schließtag ist Neujahr, Freitag, 1. Januar 2027.", [("2027-01-01", "emea usa", "Nächster Schließtag:")])}),
    "on-special-hours": ("special-newyear", "2026-12-31T11:00:00Z", {
        "en": ("The next closure is New Year's Day (Neujahr), Friday, 1 January 2027.", [("2027-01-01", "emea usa", "Next closure:")]),
        "de": ("Der nächste Schließtag ist Neujahr, Freitag, 1. Januar 2027.", [("2027-01-01", "emea usa", "Nächster Schließtag:")])}),
    # Christmas Eve closes the USA and is special hours in EMEA: the USA only.
    "before-closed-and-special": ("special-christmas", "2026-12-23T11:00:00Z", {
        "en": ("The next closure is Christmas Eve, Thursday, 24 December 2026 (USA).", [("2026-12-24", "usa", "Next closure:")]),
        "de": ("Der nächste Schließtag ist Heiligabend, Donnerstag, 24. Dezember 2026 (USA).",
               [("2026-12-24", "usa", "Nächster Schließtag:")])}),
    # 09:00 in Berlin (EMEA open on special hours), 03:00 on the 24th in New York.
    "on-closed-and-special": ("special-christmas", "2026-12-24T08:00:00Z", {
        "en": ("Today's closure: Christmas Eve, Thursday, 24 December 2026 (USA).", [("2026-12-24", "usa", "Today's closure:")]),
        "de": ("Heutiger Schließtag: Heiligabend, Donnerstag, 24. Dezember 2026 (USA).",
               [("2026-12-24", "usa", "Heutiger Schließtag:")])}),
    # A closure of every region, on its day: the sentence and the row both say today's.
    "on-full-closure": ("default-christmas", "2026-12-25T10:00:00Z", {
        "en": ("Today's closure: Christmas Day (Erster Weihnachtstag), Friday, 25 December 2026.",
               [("2026-12-25", "emea usa", "Today's closure:")]),
        "de": ("Heutiger Schließtag: Erster Weihnachtstag, Freitag, 25. Dezember 2026.",
               [("2026-12-25", "emea usa", "Heutiger Schließtag:")])}),
}


@pytest.mark.parametrize("scene", SCENES)
def test_sentence_and_mark_on_the_day(scene, day_builds, browser):
    build, when, expected = SCENES[scene]
    _, _, url, _ = day_builds[build]
    context = clocked_context(browser, "Europe/Berlin", dt.datetime.fromisoformat(when.replace("Z", "+00:00")))
    try:
        for lang, (sentence, marks) in expected.items():
            page = load(context, url_of(url, lang, "holidays/"))
            got = page.evaluate(READ_PAGE_JS)
            assert squash(got["sentence"]) == sentence, lang
            assert [(r["date"], " ".join(r["regions"]), *r["labels"]) for r in got["rows"] if r["marked"] or r["labels"]] == marks
    finally:
        context.close()


# "Today" is the reader's day: a closure whose day has begun in a region it closes is today's when
# that date is the reader's own, and "closed now" when the reader's date is another, before it (a
# reader in Los Angeles late on the 24th while the 25th has begun in New York and Berlin) or after
# it (a reader in Tokyo on the 26th while the 25th goes on in New York). Both editions, the
# sentence and the calendar's mark.
READER_SCENES = {
    # 23:00 on the 24th in Los Angeles, 02:00 on the 25th in New York, 08:00 in Berlin.
    "reader-behind": ("default-christmas", "2026-12-25T07:00:00Z", "America/Los_Angeles", {
        "en": ("Closed now: Christmas Day (Erster Weihnachtstag), Friday, 25 December 2026.",
               [("2026-12-25", "emea usa", "Closed now:")]),
        "de": ("Jetzt geschlossen: Erster Weihnachtstag, Freitag, 25. Dezember 2026.",
               [("2026-12-25", "emea usa", "Jetzt geschlossen:")])}),
    # 02:00 on the 25th in Los Angeles: the reader's own date.
    "reader-on-the-day": ("default-christmas", "2026-12-25T10:00:00Z", "America/Los_Angeles", {
        "en": ("Today's closure: Christmas Day (Erster Weihnachtstag), Friday, 25 December 2026.",
               [("2026-12-25", "emea usa", "Today's closure:")]),
        "de": ("Heutiger Schließtag: Erster Weihnachtstag, Freitag, 25. Dezember 2026.",
               [("2026-12-25", "emea usa", "Heutiger Schließtag:")])}),
    # 12:00 on the 26th in Tokyo, 22:00 on the 25th in New York: Christmas Day still closes the USA
    # (the mark of the row of both regions says whom, as the sentence does).
    "reader-ahead": ("default-christmas", "2026-12-26T03:00:00Z", "Asia/Tokyo", {
        "en": ("Closed now: Christmas Day (Erster Weihnachtstag), Friday, 25 December 2026 (USA).",
               [("2026-12-25", "emea usa", "Closed now:", "(USA)")]),
        "de": ("Jetzt geschlossen: Erster Weihnachtstag, Freitag, 25. Dezember 2026 (USA).",
               [("2026-12-25", "emea usa", "Jetzt geschlossen:", "(USA)")])}),
}


@pytest.mark.parametrize("scene", READER_SCENES)
def test_today_is_the_readers_day(scene, day_builds, browser):
    build, when, zone, expected = READER_SCENES[scene]
    _, _, url, _ = day_builds[build]
    context = clocked_context(browser, zone, dt.datetime.fromisoformat(when.replace("Z", "+00:00")))
    try:
        for lang, (sentence, marks) in expected.items():
            page = load(context, url_of(url, lang, "holidays/"))
            got = page.evaluate(READ_PAGE_JS)
            assert squash(got["sentence"]) == sentence, lang
            assert [(r["date"], " ".join(r["regions"]), *r["labels"]) for r in got["rows"] if r["marked"] or r["labels"]] == marks
    finally:
        context.close()


# In Tokyo on the morning of 25 December it is still the 24th in Munich and New York: both open,
# and Christmas Day is the next closure, not today's (the live status beside it says open).
def test_today_is_the_closures_day_in_a_region_it_closes(day_builds, browser):
    _, _, url, _ = day_builds["default-christmas"]
    context = browser.new_context(timezone_id="Asia/Tokyo")
    try:
        page = context.new_page()
        page.clock.install(time=dt.datetime(2026, 12, 24, 20, 59, tzinfo=dt.timezone.utc))
        page.clock.pause_at(dt.datetime(2026, 12, 24, 21, 0, tzinfo=dt.timezone.utc))
        page.goto(f"{url}/hours/")
        page.wait_for_selector("[data-support-next-closure][data-date]")
        assert squash(page.locator("[data-support-next-closure]").text_content()).startswith(
            "The next closure is Christmas Day (Erster Weihnachtstag), Friday, 25 December 2026")
        assert page.get_attribute("[data-support-region='emea']", "data-state") == "closed"  # 22:00 in Munich
        page.clock.run_for("02:00:00")  # 25 December in Munich
        page.wait_for_function("() => document.querySelector('[data-support-next-closure]').textContent.startsWith(\"Today's\")")
    finally:
        context.close()


# Without JavaScript: the first closures from the build date, each with its date, and the calendar's
# mark labelled with the build date; no "next" anywhere in these statements.
@pytest.mark.parametrize("build", BUILDS, ids=BUILDS.keys())
def test_without_javascript_the_statements_are_dated(build, day_builds, browser):
    built, policy, url, _ = day_builds[build]
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        rows = closed_rows(policy, built)[:render.UPCOMING_CLOSURES]
        assert len(rows) == 3
        # Names of special hours only, never of a closure: not in the sentence.
        special = [row for row in closures.closure_days(policy) if row.hours and row.date >= built
                   and not any(r.name == row.name for r in rows)]
        for lang, path in sorted(PAGES):
            page.goto(url_of(url, lang, path))
            sentence = squash(page.locator("[data-support-next-closure]").inner_text())
            assert not NEXT_WORD.search(sentence), (lang, path, sentence)
            assert page.locator("[data-support-next-closure]").get_attribute("data-date") is None
            for row in rows:
                assert squash(shown_name(policy, row, lang)) in sentence, (lang, path, sentence)
                assert str(row.date.day) in sentence and str(row.date.year) in sentence
            for row in special:
                assert squash(shown_name(policy, row, lang)) not in sentence, (lang, path, sentence)
            if path == "holidays/":
                labels = page.locator(".support-next__label").all_inner_texts()
                assert labels and not any(NEXT_WORD.search(label) for label in labels), labels
                marked = page.eval_on_selector_all("tr.support-next", "(rows) => rows.map((r) => r.dataset.date)")
                assert set(marked) == {rows[0].date.isoformat()}
    finally:
        context.close()


# The dated texts of the default policy built before Christmas, as readers see them.
def test_dated_texts_as_built_before_christmas(day_builds, browser):
    _, _, url, _ = day_builds["default-christmas"]
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{url}/hours/")
        assert squash(page.locator("[data-support-next-closure]").inner_text()) == (
            "Closures from 21 December 2026: Christmas Day (Erster Weihnachtstag), Friday, 25 December 2026; "
            "Second Day of Christmas (Zweiter Weihnachtstag), Saturday, 26 December 2026; "
            "New Year's Day (Neujahr), Friday, 1 January 2027.")
        page.goto(f"{url}/de/holidays/")
        assert squash(page.locator("[data-support-next-closure]").inner_text()) == (
            "Schließtage ab dem 21. Dezember 2026: Erster Weihnachtstag, Freitag, 25. Dezember 2026; "
            "Zweiter Weihnachtstag, Samstag, 26. Dezember 2026; Neujahr, Freitag, 1. Januar 2027.")
        assert page.locator(".support-next__label").inner_text() == "Erster Schließtag ab dem 21. Dezember 2026:"
    finally:
        context.close()


# Without JavaScript, special hours are no closure either: built before Christmas (Christmas Eve
# closes the USA, EMEA keeps short hours) and before New Year (New Year's Eve short in EMEA only).
DATED_SPECIAL = {
    "special-christmas": {
        "en": ("Closures from 21 December 2026: Christmas Eve, Thursday, 24 December 2026 (USA); "
               "Christmas Day (Erster Weihnachtstag), Friday, 25 December 2026; "
               "Second Day of Christmas (Zweiter Weihnachtstag), Saturday, 26 December 2026.", [("2026-12-24", "usa")]),
        "de": ("Schließtage ab dem 21. Dezember 2026: Heiligabend, Donnerstag, 24. Dezember 2026 (USA); "
               "Erster Weihnachtstag, Freitag, 25. Dezember 2026; Zweiter Weihnachtstag, Samstag, 26. Dezember 2026.",
               [("2026-12-24", "usa")])},
    "special-newyear": {
        "en": ("Closures from 28 December 2026: New Year's Day (Neujahr), Friday, 1 January 2027; "
               "Epiphany (Heilige Drei Könige), Wednesday, 6 January 2027; Good Friday (Karfreitag), Friday, 26 March 2027.",
               [("2027-01-01", "emea usa")]),
        "de": ("Schließtage ab dem 28. Dezember 2026: Neujahr, Freitag, 1. Januar 2027; "
               "Heilige Drei Könige, Mittwoch, 6. Januar 2027; Karfreitag, Freitag, 26. März 2027.",
               [("2027-01-01", "emea usa")])},
}


@pytest.mark.parametrize("build", DATED_SPECIAL)
def test_dated_texts_leave_out_special_hours(build, day_builds, browser):
    _, _, url, _ = day_builds[build]
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        for lang, (sentence, marked) in DATED_SPECIAL[build].items():
            page.goto(url_of(url, lang, "holidays/"))
            assert squash(page.locator("[data-support-next-closure]").inner_text()) == sentence
            assert page.eval_on_selector_all("tr.support-next", "(rows) => rows.map((r) => [r.dataset.date, r.dataset.regions])") \
                == [list(m) for m in marked]
    finally:
        context.close()


# Built on New Year's Eve itself, a day of special hours in EMEA only: the statements as built
# name New Year's Day first, in both editions.
def test_dated_texts_on_a_day_of_special_hours(day_builds):
    _, policy, _, _ = day_builds["special-newyear"]
    day = dt.date(2026, 12, 31)
    expected = {"en": "Closures from 31 December 2026: New Year's Day (Neujahr), Friday, 1 January 2027;",
                "de": "Schließtage ab dem 31. Dezember 2026: Neujahr, Freitag, 1. Januar 2027;"}
    for lang in ("en", "de"):
        facts = render.Facts(policy, lang, day)
        sentence = squash(BeautifulSoup(render.strip_policy_markers(facts.next_closure()), "html.parser").get_text())
        assert expected[lang] in sentence and "Silvester" not in sentence and "New Year's Eve" not in sentence
        calendar = render.strip_policy_markers(str(facts.holiday_calendar()))
        assert re.findall(r'<tr class="support-next" data-date="([\d-]+)"', calendar) == ["2027-01-01"]


# The browser's sentence replaces the built one in place: what follows the paragraph stays where
# it was without JavaScript, although the sentence is shorter.
@pytest.mark.parametrize("path", ["hours/", "holidays/", "de/holidays/"])
def test_replacing_the_sentence_moves_nothing_below_it(path, day_builds, browser):
    _, _, url, _ = day_builds["company-christmas"]
    # The paragraph's height and the distance from its top to the heading after it.
    heading = """() => {
      const p = document.querySelector('[data-support-next-closure]').closest('p').getBoundingClientRect();
      return [p.height, document.querySelector('article h2').getBoundingClientRect().top - p.top];
    }"""
    tops = []
    for script in (False, True):
        context = browser.new_context(java_script_enabled=script, viewport={"width": 1280, "height": 800})
        try:
            page = context.new_page()
            instant = dt.datetime(2026, 12, 27, 11, tzinfo=dt.timezone.utc)
            page.clock.install(time=instant - dt.timedelta(minutes=1))
            page.clock.pause_at(instant)
            page.goto(f"{url}/{path}")
            if script:
                page.wait_for_selector("[data-support-next-closure][data-date]")
                assert "Closures from" not in page.locator("[data-support-next-closure]").inner_text()
            tops.append(page.evaluate(heading))
        finally:
            context.close()
    assert tops[0] == tops[1]


# A closure that names only a channel (the channels fixture: "Hotline maintenance" on 14 and 15
# June 2027 with `channels: [hotline]`, Europe/Berlin; Thanksgiving on 25 November 2027 with
# `channels: [chat]`, America/New_York; Christmas Eve everywhere) is a closure the pages state:
# the sentence and the calendar's mark in the browser name the same closures, in the same words,
# as the statements the build writes for that day, before, on and after its days, in both
# editions. The site is built on Monday 7 June 2027; the build-side statements of each reading
# day are those render.Facts writes on that day.
CHANNEL_BUILT = dt.date(2027, 6, 7)
CHANNEL_DAYS = [dt.date(2027, 6, d) for d in (8, 11, 13, 14, 15, 16, 17)] + \
    [dt.date(2027, 11, d) for d in (24, 25, 26)] + [dt.date(2027, 12, 23)]
READ_CHANNEL_PAGE_JS = """() => {
  const sentence = document.querySelector('[data-support-next-closure]');
  const rows = [...document.querySelectorAll('.support-calendar tbody tr')]
    .filter((tr) => tr.classList.contains('support-next') || tr.querySelector('.support-next__label'))
    .map((tr) => [tr.dataset.date, tr.dataset.regions, tr.dataset.channels || '',
                  ...[...tr.querySelectorAll('.support-next__label')].map((l) => l.textContent)]);
  return {sentence: sentence.textContent, date: sentence.dataset.date, rows};
}"""


@pytest.fixture(scope="session")
def channel_build(tmp_path_factory):
    import shutil

    from channel_fixture import FIXTURE

    project = copy_project(tmp_path_factory.mktemp("channel-closure") / "project")
    for path in FIXTURE.glob("*.yml"):
        shutil.copy2(path, project / "policy" / path.name)
    build = run_build(project, epoch=_epoch(CHANNEL_BUILT))
    assert build.ok, build.output
    server, url = serve_directory(build.site)
    yield load_policy(project / "policy", CHANNEL_BUILT), url
    server.shutdown()


# What the build writes on `day`: the sentence's first closure (its words), the closures of that
# date (calendar rows), and the calendar's marked rows as (date, regions, channels).
def built_statements(policy, lang: str, day: dt.date):
    facts = render.Facts(policy, lang, day)
    days = [d for d in closures.closure_days(policy) if d.date >= day and not d.hours]
    first = days[0].date
    words = render.plain_text(facts._closure_words(first, days))
    sentence = squash(BeautifulSoup(render.strip_policy_markers(facts.next_closure()), "html.parser").get_text())
    assert words in sentence, (words, sentence)  # the sentence's first closure
    calendar = BeautifulSoup(render.strip_policy_markers(str(facts.holiday_calendar())), "html.parser")
    marked = [(tr["data-date"], tr["data-regions"], tr.get("data-channels", ""))
              for tr in calendar.select("tr.support-next")]
    return squash(words), [d for d in days if d.date == first], marked


# Whether the day of `rows` has begun at `instant` in the zone of a region or channel they close.
def begun(rows, instant: dt.datetime) -> bool:
    zones = [r.zone for row in rows for r in row.regions] + [c.schedule.zone for row in rows for c in row.channels]
    return any(instant.astimezone(ZoneInfo(zone)).date() == row.date for zone in zones for row in rows)


def test_channel_closures_said_alike_on_every_day(channel_build, browser):
    policy, url = channel_build
    problems = said_alike(policy, url, CHANNEL_DAYS, browser)
    assert not problems, "\n".join(problems)


# The browser's sentence and mark on the calendar page at 12:00 UTC on each of `days` (the same
# date in every zone), read in Berlin, against the statements the build writes on that day.
def said_alike(policy, url: str, days: list, browser) -> list:
    problems = []
    context = clocked_context(browser, "Europe/Berlin", dt.datetime.combine(days[0], dt.time(12), dt.timezone.utc))
    try:
        for day in days:
            instant = dt.datetime.combine(day, dt.time(12), dt.timezone.utc)  # the same date in every zone
            context.clock.pause_at(instant)
            for lang in ("en", "de"):
                words, rows, marked = built_statements(policy, lang, day)
                today = begun(rows, instant)
                say = catalog.get(lang)
                sentence = say("widget.next_today" if today else "widget.next_one", closure=words)
                label = say("widget.today_closure" if today else "widget.next_closure")
                page = load(context, url_of(url, lang, "holidays/"))
                got = page.evaluate(READ_CHANNEL_PAGE_JS)
                where = f"{day} {lang}"
                if squash(got["sentence"]) != sentence or got["date"] != rows[0].date.isoformat():
                    problems.append(f"{where}: says {squash(got['sentence'])!r}, the build {sentence!r}")
                if [tuple(r) for r in got["rows"]] != [(*m, label) for m in marked]:
                    problems.append(f"{where}: marks {got['rows']}, the build {marked} ({label})")
    finally:
        context.close()
    return problems


# The scenes, spelled out; read in Berlin. The site as built, without JavaScript, names the
# hotline's closure first, once for its two days (on its second day, from that day).
CHANNEL_SCENES = {
    "before": ("2027-06-13T11:00:00Z", {
        "en": ("The next closure is Hotline maintenance, Monday, 14 June 2027 to Tuesday, 15 June 2027 (Hotline channel).",
               [("2027-06-14", "", "hotline", "Next closure:")]),
        "de": ("Der nächste Schließtag ist Wartung der Hotline, Montag, 14. Juni 2027 bis Dienstag, 15. Juni 2027 "
               "(Kanal Hotline).",
               [("2027-06-14", "", "hotline", "Nächster Schließtag:")])}),
    "on": ("2027-06-15T11:00:00Z", {
        "en": ("Today's closure: Hotline maintenance, Tuesday, 15 June 2027 (Hotline channel).",
               [("2027-06-15", "", "hotline", "Today's closure:")]),
        "de": ("Heutiger Schließtag: Wartung der Hotline, Dienstag, 15. Juni 2027 (Kanal Hotline).",
               [("2027-06-15", "", "hotline", "Heutiger Schließtag:")])}),
    "after": ("2027-06-16T11:00:00Z", {
        "en": ("The next closure is Assumption Day (Mariä Himmelfahrt), Sunday, 15 August 2027.",
               [("2027-08-15", "emea usa", "", "Next closure:")]),
        "de": ("Der nächste Schließtag ist Mariä Himmelfahrt, Sonntag, 15. August 2027.",
               [("2027-08-15", "emea usa", "", "Nächster Schließtag:")])}),
    # 04:00 on the 25th in Berlin, still 22:00 on the 24th in New York, the chat's zone: the next.
    "chat-not-yet": ("2027-11-25T03:00:00Z", {
        "en": ("The next closure is Thanksgiving, Thursday, 25 November 2027 (Chat channel).",
               [("2027-11-25", "", "chat", "Next closure:")]),
        "de": ("Der nächste Schließtag ist Thanksgiving, Donnerstag, 25. November 2027 (Kanal Chat).",
               [("2027-11-25", "", "chat", "Nächster Schließtag:")])}),
    "chat-today": ("2027-11-25T06:00:00Z", {
        "en": ("Today's closure: Thanksgiving, Thursday, 25 November 2027 (Chat channel).",
               [("2027-11-25", "", "chat", "Today's closure:")]),
        "de": ("Heutiger Schließtag: Thanksgiving, Donnerstag, 25. November 2027 (Kanal Chat).",
               [("2027-11-25", "", "chat", "Heutiger Schließtag:")])}),
}


@pytest.mark.parametrize("scene", CHANNEL_SCENES)
def test_channel_closure_sentence_and_mark(scene, channel_build, browser):
    _, url = channel_build
    when, expected = CHANNEL_SCENES[scene]
    context = clocked_context(browser, "Europe/Berlin", dt.datetime.fromisoformat(when.replace("Z", "+00:00")))
    try:
        for lang, (sentence, marks) in expected.items():
            page = load(context, url_of(url, lang, "holidays/"))
            got = page.evaluate(READ_CHANNEL_PAGE_JS)
            assert (squash(got["sentence"]), [tuple(r) for r in got["rows"]]) == (sentence, marks), lang
    finally:
        context.close()


def test_channel_closure_without_javascript(channel_build, browser):
    _, url = channel_build
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        for lang, start in (("en", "Closures from 7 June 2027: Hotline maintenance, Monday, 14 June 2027 to Tuesday, 15 June 2027 "
                                   "(Hotline channel); "),
                            ("de", "Schließtage ab dem 7. Juni 2027: Wartung der Hotline, Montag, 14. Juni 2027 bis "
                                   "Dienstag, 15. Juni 2027 (Kanal Hotline); ")):
            page.goto(url_of(url, lang, "holidays/"))
            assert squash(page.locator("[data-support-next-closure]").inner_text()).startswith(start)
            assert page.eval_on_selector_all("tr.support-next", "(rows) => rows.map((r) => r.dataset.date)") == ["2027-06-14"]
    finally:
        context.close()


# A closure of several days (`date:` and `until:` in holidays.yml) is one item of the statements:
# its consecutive dates with the same name, regions and channels are said once, from the first of
# them still to come to the last ("Company offsite, Monday, 14 June 2027 to Wednesday, 16 June
# 2027"), and count as one of the closures the page lists. The same name for other regions (the
# USA alone on the 17th) is another item; a date with closures of different names is said by its
# date as before, and ends the item before it.
OFFSITE = """closures:
  - name: {en: Company offsite, de: Betriebsausflug}
    date: 2027-06-14
    until: 2027-06-16
  - name: {en: Company offsite, de: Betriebsausflug}
    date: 2027-06-17
    regions: [usa]
  - name: {en: Inventory, de: Inventur}
    date: 2027-08-16
    until: 2027-08-17
    regions: [emea]
"""
OFFSITE_SEVERAL = """closures:
  - name: {en: Company offsite, de: Betriebsausflug}
    date: 2027-06-14
    until: 2027-06-16
    regions: [usa]
  - name: {en: Inventory, de: Inventur}
    date: 2027-06-15
    regions: [emea]
"""
OFFSITE_BUILT = dt.date(2027, 6, 7)  # a Monday
OFFSITE_DATED = {
    (OFFSITE, OFFSITE_BUILT): {
        "en": "Closures from 7 June 2027: Company offsite, Monday, 14 June 2027 to Wednesday, 16 June 2027; "
              "Company offsite, Thursday, 17 June 2027 (USA); Assumption Day (Mariä Himmelfahrt), Sunday, 15 August 2027.",
        "de": "Schließtage ab dem 7. Juni 2027: Betriebsausflug, Montag, 14. Juni 2027 bis Mittwoch, 16. Juni 2027; "
              "Betriebsausflug, Donnerstag, 17. Juni 2027 (USA); Mariä Himmelfahrt, Sonntag, 15. August 2027."},
    # Built while it goes on: from the build date to its last day.
    (OFFSITE, dt.date(2027, 6, 15)): {
        "en": "Closures from 15 June 2027: Company offsite, Tuesday, 15 June 2027 to Wednesday, 16 June 2027; "
              "Company offsite, Thursday, 17 June 2027 (USA); Assumption Day (Mariä Himmelfahrt), Sunday, 15 August 2027.",
        "de": "Schließtage ab dem 15. Juni 2027: Betriebsausflug, Dienstag, 15. Juni 2027 bis Mittwoch, 16. Juni 2027; "
              "Betriebsausflug, Donnerstag, 17. Juni 2027 (USA); Mariä Himmelfahrt, Sonntag, 15. August 2027."},
    # With its regions, after a closure of one day.
    (OFFSITE, dt.date(2027, 8, 9)): {
        "en": "Closures from 9 August 2027: Assumption Day (Mariä Himmelfahrt), Sunday, 15 August 2027; "
              "Inventory, Monday, 16 August 2027 to Tuesday, 17 August 2027 (EMEA); "
              "German Unity Day (Tag der Deutschen Einheit), Sunday, 3 October 2027.",
        "de": "Schließtage ab dem 9. August 2027: Mariä Himmelfahrt, Sonntag, 15. August 2027; "
              "Inventur, Montag, 16. August 2027 bis Dienstag, 17. August 2027 (EMEA); "
              "Tag der Deutschen Einheit, Sonntag, 3. Oktober 2027."},
    # Another closure on its second day: three items, the middle one by its date.
    (OFFSITE_SEVERAL, OFFSITE_BUILT): {
        "en": "Closures from 7 June 2027: Company offsite, Monday, 14 June 2027 (USA); "
              "Tuesday, 15 June 2027: Inventory for EMEA; Company offsite for USA; Company offsite, Wednesday, 16 June 2027 (USA).",
        "de": "Schließtage ab dem 7. Juni 2027: Betriebsausflug, Montag, 14. Juni 2027 (USA); "
              "Dienstag, 15. Juni 2027: Inventur für EMEA; Betriebsausflug für USA; Betriebsausflug, Mittwoch, 16. Juni 2027 (USA)."},
}


@pytest.mark.parametrize("closures_yaml, day", OFFSITE_DATED, ids=["built-before", "built-during", "one-region", "several-on-a-date"])
def test_dated_texts_say_a_closure_of_several_days_once(closures_yaml, day, tmp_path):
    from test_calendar import fixture_policy

    policy = load_policy(fixture_policy(tmp_path, closures_yaml), day)
    for lang, expected in OFFSITE_DATED[(closures_yaml, day)].items():
        facts = render.Facts(policy, lang, day)
        assert squash(BeautifulSoup(render.strip_policy_markers(facts.next_closure()), "html.parser").get_text()) == expected


@pytest.fixture(scope="session")
def offsite_build(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("offsite") / "project")
    set_closures(project / "policy", OFFSITE)
    build = run_build(project, epoch=_epoch(OFFSITE_BUILT))
    assert build.ok, build.output
    server, url = serve_directory(build.site)
    yield load_policy(project / "policy", OFFSITE_BUILT), url
    server.shutdown()


# In the browser the sentence names the closure of several days once, with its last day, before
# it, on its first day and while it goes on (from the reader's day); the calendar's mark stays on
# the rows of its first date still to come, labelled as the sentence says it. Both editions.
OFFSITE_SCENES = {
    "before": ("2027-06-13T11:00:00Z", "Europe/Berlin", {
        "en": ("The next closure is Company offsite, Monday, 14 June 2027 to Wednesday, 16 June 2027.",
               [("2027-06-14", "emea usa", "", "Next closure:")]),
        "de": ("Der nächste Schließtag ist Betriebsausflug, Montag, 14. Juni 2027 bis Mittwoch, 16. Juni 2027.",
               [("2027-06-14", "emea usa", "", "Nächster Schließtag:")])}),
    "first-day": ("2027-06-14T11:00:00Z", "Europe/Berlin", {
        "en": ("Today's closure: Company offsite, Monday, 14 June 2027 to Wednesday, 16 June 2027.",
               [("2027-06-14", "emea usa", "", "Today's closure:")]),
        "de": ("Heutiger Schließtag: Betriebsausflug, Montag, 14. Juni 2027 bis Mittwoch, 16. Juni 2027.",
               [("2027-06-14", "emea usa", "", "Heutiger Schließtag:")])}),
    "going-on": ("2027-06-15T11:00:00Z", "Europe/Berlin", {
        "en": ("Today's closure: Company offsite, Tuesday, 15 June 2027 to Wednesday, 16 June 2027.",
               [("2027-06-15", "emea usa", "", "Today's closure:")]),
        "de": ("Heutiger Schließtag: Betriebsausflug, Dienstag, 15. Juni 2027 bis Mittwoch, 16. Juni 2027.",
               [("2027-06-15", "emea usa", "", "Heutiger Schließtag:")])}),
    # Its last day: the USA's day after it is another item (other regions).
    "last-day": ("2027-06-16T11:00:00Z", "Europe/Berlin", {
        "en": ("Today's closure: Company offsite, Wednesday, 16 June 2027.",
               [("2027-06-16", "emea usa", "", "Today's closure:")]),
        "de": ("Heutiger Schließtag: Betriebsausflug, Mittwoch, 16. Juni 2027.",
               [("2027-06-16", "emea usa", "", "Heutiger Schließtag:")])}),
    # 23:00 on the 13th in Los Angeles, 08:00 on the 14th in Berlin, 02:00 in New York.
    "reader-behind": ("2027-06-14T06:00:00Z", "America/Los_Angeles", {
        "en": ("Closed now: Company offsite, Monday, 14 June 2027 to Wednesday, 16 June 2027.",
               [("2027-06-14", "emea usa", "", "Closed now:")]),
        "de": ("Jetzt geschlossen: Betriebsausflug, Montag, 14. Juni 2027 bis Mittwoch, 16. Juni 2027.",
               [("2027-06-14", "emea usa", "", "Jetzt geschlossen:")])}),
    # 05:00 on the 14th in Tokyo, still 22:00 on the 13th in Berlin (16:00 in New York): the reader's
    # date is the first day already, the regions' not yet: the next closure, from its first day.
    "reader-ahead-before": ("2027-06-13T20:00:00Z", "Asia/Tokyo", {
        "en": ("The next closure is Company offsite, Monday, 14 June 2027 to Wednesday, 16 June 2027.",
               [("2027-06-14", "emea usa", "", "Next closure:")]),
        "de": ("Der nächste Schließtag ist Betriebsausflug, Montag, 14. Juni 2027 bis Mittwoch, 16. Juni 2027.",
               [("2027-06-14", "emea usa", "", "Nächster Schließtag:")])}),
    # 05:00 on the 17th in Tokyo, 22:00 on the 16th in Berlin: its last day goes on in both regions,
    # closed now; the reader's date is the USA's day of the same name, which is not yet begun there.
    "reader-ahead-last-day": ("2027-06-16T20:00:00Z", "Asia/Tokyo", {
        "en": ("Closed now: Company offsite, Wednesday, 16 June 2027.",
               [("2027-06-16", "emea usa", "", "Closed now:")]),
        "de": ("Jetzt geschlossen: Betriebsausflug, Mittwoch, 16. Juni 2027.",
               [("2027-06-16", "emea usa", "", "Jetzt geschlossen:")])}),
    # A closure of one region over two days, after a holiday.
    "regions": ("2027-08-16T11:00:00Z", "Europe/Berlin", {
        "en": ("Today's closure: Inventory, Monday, 16 August 2027 to Tuesday, 17 August 2027 (EMEA).",
               [("2027-08-16", "emea", "", "Today's closure:")]),
        "de": ("Heutiger Schließtag: Inventur, Montag, 16. August 2027 bis Dienstag, 17. August 2027 (EMEA).",
               [("2027-08-16", "emea", "", "Heutiger Schließtag:")])}),
}


@pytest.mark.parametrize("scene", OFFSITE_SCENES)
def test_closure_of_several_days_sentence_and_mark(scene, offsite_build, browser):
    _, url = offsite_build
    when, zone, expected = OFFSITE_SCENES[scene]
    context = clocked_context(browser, zone, dt.datetime.fromisoformat(when.replace("Z", "+00:00")))
    try:
        for lang, (sentence, marks) in expected.items():
            page = load(context, url_of(url, lang, "holidays/"))
            got = page.evaluate(READ_CHANNEL_PAGE_JS)
            assert (squash(got["sentence"]), [tuple(r) for r in got["rows"]]) == (sentence, marks), lang
    finally:
        context.close()


# Day by day from the build to after the closures, the browser's sentence names the first closure
# in the words the build writes for that day.
def test_closure_of_several_days_said_alike_on_every_day(offsite_build, browser):
    policy, url = offsite_build
    # The day before, each day of the closures, the day after; the next closure's day and the one after.
    days = [dt.date(2027, 6, d) for d in range(13, 19)] + [dt.date(2027, 8, d) for d in (15, 16)]
    problems = said_alike(policy, url, days, browser)
    assert not problems, "\n".join(problems)


# A reader far ahead of the regions (Tokyo, seven hours ahead of Berlin in June) reads on the
# evenings of Berlin, when the reader's date is already the next one: before the first day, on the
# days of the closure and at the last minute of its last day in Berlin. Berlin and New York share a
# date at these clocks, so the build of that date is the one to agree with: the calendar page's
# sentence and mark, and on the hours page the sentence and the live status. A region's status line
# names the closure of its own day as the build's calendar names it (its name and date, "Closed on
# Wednesday, 16 June 2027 for Company offsite." as the reader's date is another), and says it open
# at no instant of the sentence's closure.
AHEAD_ZONE = "Asia/Tokyo"
AHEAD_CLOCKS = [dt.datetime(2027, 6, 13, 20, tzinfo=dt.timezone.utc), dt.datetime(2027, 6, 15, 20, tzinfo=dt.timezone.utc),
                dt.datetime(2027, 6, 16, 21, 59, tzinfo=dt.timezone.utc)]
READ_STATUS_JS = """() => [...document.querySelectorAll('[data-support-status] [data-support-region]')].map((li) => ({
  region: li.dataset.supportRegion, state: li.dataset.state, next: li.dataset.nextChange,
  detail: li.querySelector('.support-status__detail').textContent}))"""


# The first instant of `day` in `zone`.
def day_start(day: dt.date, zone: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), ZoneInfo(zone))


# What the live status should say of each region at `instant`, against the build of `day`: the
# closure rows of the region's own day that close it, and the stretch of the sentence's closure
# (from the start of its first date to the end of its last, in the region's zone) for the
# regions it closes.
def status_problems(policy, lang: str, day: dt.date, instant: dt.datetime, got: list, where: str) -> list:
    say, facts = catalog.get(lang), render.Facts(policy, lang, day)
    days = [d for d in closures.closure_days(policy) if d.date >= day and not d.hours]
    first = days[0].date
    last = facts._last_date(first, days)
    reader = instant.astimezone(ZoneInfo(AHEAD_ZONE)).date()
    problems = []
    assert [r["region"] for r in got] == [r.id for r in policy.regions], (where, got)
    for region, line in zip(policy.regions, got):
        own = instant.astimezone(ZoneInfo(region.zone)).date()
        rows = [d for d in days if d.date == own and region in d.regions]
        detail = squash(line["detail"])
        if rows:
            assert len(rows) == 1, rows
            words = say("widget.closed_for" if own == reader else "widget.closed_for_day",
                        name=squash(shown_name(policy, rows[0], lang)), date=textfmt.format_long_date(own, lang))
            if line["state"] != "closed" or not detail.startswith(words + " "):
                problems.append(f"{where}: {region.id} is {line['state']}, {detail!r}; the build: {words!r}")
        elif any(squash(shown_name(policy, d, lang)) in detail for d in days):
            problems.append(f"{where}: {region.id} names a closure not of its day: {detail!r}")
        if not any(d.date == first and region in d.regions for d in days):
            continue
        begins, ends = day_start(first, region.zone), day_start(last + dt.timedelta(days=1), region.zone)
        change = dt.datetime.fromisoformat(line["next"].replace("Z", "+00:00"))
        opens_within = line["state"] == "closed" and change < ends
        open_into = line["state"] == "open" and change > begins
        if opens_within or open_into:
            problems.append(f"{where}: {region.id} {line['state']} until {change:%a %d %b %H:%M}Z, "
                            f"within the closure {first} to {last}: {detail!r}")
    return problems


def test_closure_of_several_days_read_ahead_of_its_region(offsite_build, browser):
    policy, url = offsite_build
    problems = []
    context = clocked_context(browser, AHEAD_ZONE, AHEAD_CLOCKS[0])
    try:
        for instant in AHEAD_CLOCKS:
            context.clock.pause_at(instant)
            dates = {instant.astimezone(ZoneInfo(r.zone)).date() for r in policy.regions}
            assert len(dates) == 1, f"{instant}: the regions are on different dates"
            [day] = dates
            reader = instant.astimezone(ZoneInfo(AHEAD_ZONE)).date()
            assert reader > day, f"{instant}: the reader is not ahead"
            for lang in ("en", "de"):
                words, rows, marked = built_statements(policy, lang, day)
                current = begun(rows, instant)
                today = current and reader == rows[0].date
                say = catalog.get(lang)
                kind = "today" if today else "now" if current else None
                sentence = say({"today": "widget.next_today", "now": "widget.next_now"}.get(kind, "widget.next_one"), closure=words)
                label = say({"today": "widget.today_closure", "now": "widget.now_closure"}.get(kind, "widget.next_closure"))
                where = f"{instant:%d %b %H:%M}Z ({reader} in Tokyo, {day} in the regions) {lang}"
                for path in ("hours/", "holidays/"):
                    page = load(context, url_of(url, lang, path))
                    got = page.evaluate(READ_CHANNEL_PAGE_JS)
                    if squash(got["sentence"]) != sentence or got["date"] != rows[0].date.isoformat():
                        problems.append(f"{where} {path}: says {squash(got['sentence'])!r}, the build {sentence!r}")
                    if path == "holidays/" and [tuple(r) for r in got["rows"]] != [(*m, label) for m in marked]:
                        problems.append(f"{where}: marks {got['rows']}, the build {marked} ({label})")
                    if path == "hours/":
                        page.wait_for_selector("[data-support-status][data-support-updated]")
                        problems += status_problems(policy, lang, day, instant, page.evaluate(READ_STATUS_JS), f"{where} {path}")
    finally:
        context.close()
    assert not problems, "\n".join(problems)
