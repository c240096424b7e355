# Statements that depend on the day stay true between weekly builds: a site built on a Monday
# and read on each of the eight days after it, in two viewer zones, names the next closure of the
# reader's own day (a closure day is a date in its region's zone) in the sentence under the
# hours and calendar pages' first paragraph and in the calendar's mark, in English and German.
# Without JavaScript the same places state dated facts only: the first closures from the build
# date with their dates, never "next".
#
# The expected closures are worked out here from the loaded policy's calendar rows and each
# region's zone (zoneinfo), not by the browser's code; one build per build day, many page loads.

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest

from conftest import clocked_context, copy_project, run_build, serve_directory
from supportportal import catalog, closures, render
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
BUILDS = {"default-christmas": (CHRISTMAS, None), "default-easter": (EASTER, None), "company-christmas": (CHRISTMAS, COMPANY)}
VIEWER_ZONES = ("Pacific/Auckland", "America/Los_Angeles")
# Reading times in UTC, by day: before 05:00 UTC New York is still on the day before, Berlin is not.
READ_AT = (dt.time(3, 30), dt.time(13, 0))
PAGES = {("en", "hours/"), ("en", "holidays/"), ("de", "hours/"), ("de", "holidays/")}
LABEL = {"en": "Next closure:", "de": "Nächster Schließtag:"}
NEXT_WORD = re.compile(r"\bnext\b|nächst", re.I)


# The words before the closure in the sentence on a closure's own day ("Today's closure:").
def today_words(lang: str) -> str:
    return catalog.get(lang)("widget.next_today", closure="\ue000").split("\ue000")[0]


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


# The calendar rows upcoming at `instant`, each with the regions for which its date is today or
# later in the region's zone, by date and then the order of regions.yml.
def upcoming(policy, instant: dt.datetime) -> list:
    today = {r.id: instant.astimezone(ZoneInfo(r.zone)).date() for r in policy.regions}
    rows = []
    for row in closures.closure_days(policy):
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
    labels: [...tr.querySelectorAll('.support-next__label')].map((l) => l.textContent),
    mark: [...tr.querySelectorAll('mark')].map((m) => m.textContent),
  }));
  return {sentence: sentence.textContent, date: sentence.dataset.date, rows};
}"""


# What one reading of a page shows, against the closures upcoming at `instant`.
def check_reading(page, policy, instant, lang: str, path: str, where: str) -> list:
    rows = upcoming(policy, instant)
    assert rows, f"{where}: no closure ahead: choose a build day with closures ahead"
    first, regions = rows[0]
    got = page.evaluate(READ_PAGE_JS)
    problems = []
    sentence = squash(got["sentence"])
    name = squash(shown_name(policy, first, lang))
    # Today's closure once its day has begun in a region it closes, else the next one.
    zones = {r.id: r.zone for r in policy.regions}
    today = any(instant.astimezone(ZoneInfo(zones[r])).date() == first.date
                for row, ids in rows if row.date == first.date for r in ids)
    said_as = sentence.startswith(today_words(lang)) if today else NEXT_WORD.search(sentence)
    if got["date"] != first.date.isoformat() or name not in sentence or not said_as:
        problems.append(f"{where}: says {sentence!r} ({got['date']}), expected {name} on {first.date}"
                        + (" as today's" if today else ""))
    names = region_names(policy, regions, lang)
    if len(regions) < len(policy.regions) and not all(n in sentence for n in names):
        problems.append(f"{where}: {sentence!r} does not name the regions {names}")
    if path == "holidays/":
        marked = {(row.date.isoformat(), tuple(r.id for r in row.regions)) for row, _ in rows if row.date == first.date}
        now = {(r["date"], tuple(r["regions"])) for r in got["rows"] if r["marked"]}
        if now != marked:
            problems.append(f"{where}: marked {sorted(now)}, expected {sorted(marked)}")
        for row in got["rows"]:
            want = ([LABEL[lang]], 1) if row["marked"] else ([], 0)
            if (row["labels"], len(row["mark"])) != want:
                problems.append(f"{where}: row {row['date']} has labels {row['labels']}, {len(row['mark'])} marks")
    return problems


# A page of `context` at `url`, once the script has restated the day's statements.
def load(context, url: str):
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("[data-support-next-closure][data-date]")
    if "/holidays/" in url:  # the calendar's mark, relabelled by the same script
        page.wait_for_selector(f".support-next__label:text-is('{LABEL['de' if '/de/' in url else 'en']}')")
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
                                      f"{build}, loaded {instant:%a %d %b %H:%M}Z in {loaded}, {lang}/{path}")
            page.close()
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
                                          f"{build}, open until {instant:%a %d %b %H:%M}Z in {left_open}, {lang}/{path}")
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
        rows = [row for row in closures.closure_days(policy) if row.date >= built][:render.UPCOMING_CLOSURES]
        assert len(rows) == 3
        for lang, path in sorted(PAGES):
            page.goto(url_of(url, lang, path))
            sentence = squash(page.locator("[data-support-next-closure]").inner_text())
            assert not NEXT_WORD.search(sentence), (lang, path, sentence)
            assert page.locator("[data-support-next-closure]").get_attribute("data-date") is None
            for row in rows:
                assert squash(shown_name(policy, row, lang)) in sentence, (lang, path, sentence)
                assert str(row.date.day) in sentence and str(row.date.year) in sentence
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
