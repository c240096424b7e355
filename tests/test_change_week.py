# Pages stay true between builds around a dated change: the dated fixture's site built on Monday
# 15 March 2027, the week before EMEA's new hours and High's new targets (22 March), read on each
# of the eight days after it in two viewer zones. On every reading: the hours table's rows say
# what is true that day (the hours in force on the build date say until when, the new ones from
# when), the priority table's targets likewise, the live status is open or closed by the hours in
# force that instant, its notice names a change of hours within the 7 days before it and not
# after, and the calculator states the target in force for a request made then.
#
# Expectations come from the loaded fixture policy (dated.py's rules, zoneinfo) and the Python
# reference schedule over the built support.json, not from the browser's code; one build.

import datetime as dt
import json
import re
import shutil
from zoneinfo import ZoneInfo

import pytest

import dated_fixture
import reference_schedule as ref
from conftest import clocked_context, copy_project, run_build, serve_directory
from supportportal import dated, render, textfmt
from supportportal.loading import load_policy

pytestmark = pytest.mark.browser

BUILT = dt.date(2027, 3, 15)  # the Monday of the week before the change of 22 March 2027
# Reading times in UTC: 08:30 and 17:30 in Berlin, closed on EMEA's new hours (09:00-17:00) and
# open on the old (08:00-18:00); 03:30 and 12:30 in New York.
READ_AT = (dt.time(7, 30), dt.time(16, 30))
VIEWER_ZONES = ("Europe/Berlin", "America/New_York")
INSTANTS = [dt.datetime.combine(BUILT + dt.timedelta(days=n), t, dt.timezone.utc) for n in range(1, 9) for t in READ_AT]


def _epoch(day: dt.date) -> str:
    return str(int(dt.datetime.combine(day, dt.time(0), dt.timezone.utc).timestamp()))


def ms(instant: dt.datetime) -> int:
    return int(instant.timestamp() * 1000)


def squash(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def change_week(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("change-week") / "project")
    for path in dated_fixture.FIXTURE.glob("*.yml"):
        shutil.copy2(path, project / "policy" / path.name)
    build = run_build(project, epoch=_epoch(BUILT))
    assert build.ok, build.output
    server, url = serve_directory(build.site)
    feed = json.loads((build.site / "support.json").read_text())
    yield load_policy(project / "policy", BUILT), feed, url
    server.shutdown()


def local_day(region, instant: dt.datetime) -> dt.date:
    return instant.astimezone(ZoneInfo(region.zone)).date()


def weekly_text(owner, lang: str) -> str:
    return "; ".join(f"{days} {hours}" for days, hours in textfmt.weekly_rows(owner, lang))


READ_HOURS_JS = """() => [...document.querySelectorAll('.support-hours tbody tr:not([hidden])')].map((tr) => ({
  region: tr.dataset.region, kind: tr.classList.contains('support-until') ? 'until' : tr.dataset.change ? 'from' : 'weekly',
  date: (tr.querySelector('time') || {}).dateTime || null,
  cells: [...tr.querySelectorAll('td')].filter((td) => !td.dataset.zone).map((td) => td.textContent),
}))"""


# The hours table as read, against the weekly hours in force on the reading day in each region's
# zone: hours stated without a date must be those in force; "until" and "From" bound theirs. From
# a change's first day on, its rows state the new hours and only changes still to come are announced.
def check_hours_table(rows, policy, instant, lang: str, where: str) -> list:
    problems = []
    for region in policy.regions:
        day = local_day(region, instant)
        mine = [r for r in rows if r["region"] == region.id]
        weekly = "; ".join(squash(" ".join(r["cells"])) for r in mine if r["kind"] == "weekly")
        until = [dt.date.fromisoformat(r["date"]) for r in mine if r["kind"] == "until"]
        changes = [(dt.date.fromisoformat(r["date"]), squash(r["cells"][0])) for r in mine if r["kind"] == "from"]
        want_changes = [c for c in dated.announced(region.changes, BUILT, policy.announce_days) if c.start > day]
        if [c for c, _ in changes] != [c.start for c in want_changes]:
            problems.append(f"{where}: {region.id} announces {changes}, expected {[c.start for c in want_changes]}")
        if until != ([want_changes[0].start - dt.timedelta(days=1)] if want_changes else []):
            problems.append(f"{where}: {region.id} hours in force until {until}")
        in_force = weekly_text(dated.as_on(region, day), lang)
        if squash(weekly) != squash(in_force):
            problems.append(f"{where}: {region.id} states {weekly!r} for {day}, in force: {in_force!r}")
        bounds = [c for c, _ in changes[1:]] + [dt.date.max]
        covered = not until or day <= until[0]
        for (start, text), end in zip(changes, bounds):
            new = weekly_text(dated.as_on(region, start), lang)
            if not text.endswith(": " + squash(new)) or start <= BUILT:
                problems.append(f"{where}: {region.id} change row {text!r}, expected hours {new!r} ahead of {BUILT}")
            if start <= day < end:
                covered = True
                if squash(new) != squash(in_force):
                    problems.append(f"{where}: {region.id} from {start}: {new!r}, in force on {day}: {in_force!r}")
        if not covered:
            problems.append(f"{where}: nothing states {region.id}'s hours on {day}")
    return problems


# The live status: each region open or closed by the reference schedule; the notice names each
# region whose hours change within the 7 days after the reading day (in the region's zone).
def check_status(got, policy, feed, instant, lang: str, where: str) -> list:
    problems = []
    regions = ref.load(feed)
    for region in policy.regions:
        state = ref.status(regions[region.id], ms(instant))[0]
        if got["states"].get(region.id) != state:
            problems.append(f"{where}: {region.id} shown {got['states'].get(region.id)}, expected {state}")
    soon = [(r, dated.announced(r.changes, local_day(r, instant), 7)) for r in policy.regions]
    soon = [(r, changes[0]) for r, changes in soon if changes]
    notice = squash(got["notice"]) if got["notice_shown"] else ""
    if bool(soon) != bool(notice):
        problems.append(f"{where}: notice {notice!r}, expected changes {[(r.id, c.start) for r, c in soon]}")
    for region, change in soon:
        month = textfmt.format_long_date(change.start, lang).split()[-2]
        if region.name.get(lang) not in notice or not re.search(rf"\b{change.start.day}\b", notice) or month not in notice:
            problems.append(f"{where}: notice {notice!r} does not name {region.id} on {change.start}")
    return problems


READ_STATUS_JS = """() => {
  const notice = document.querySelector('.support-status__changes');
  const states = {};
  for (const row of document.querySelectorAll('[data-support-region]')) states[row.dataset.supportRegion] = row.dataset.state;
  return {states, notice: notice ? notice.textContent : '', notice_shown: !!notice && !notice.hidden};
}"""

READ_TARGETS_JS = """() => [...document.querySelectorAll('.support-priorities tbody tr')].map((tr) => {
  const cell = tr.querySelectorAll('td')[2];
  const until = cell.querySelector('.support-until:not([hidden]) time');
  return {id: tr.dataset.priority, head: cell.firstChild.textContent, until: until ? until.dateTime : null,
          changes: [...cell.querySelectorAll('.support-change:not([hidden])')].map((s) => [s.querySelector('time').dateTime, s.textContent])};
})"""


# The priority table's first-response targets against the target in force for a request made at
# the reading instant, in each region's zone.
def check_targets(rows, policy, instant, lang: str, where: str) -> list:
    facts = render.Facts(policy, lang, BUILT)
    problems = []
    for row in rows:
        priority = next(p for p in policy.priorities if p.id == row["id"])
        until = dt.date.fromisoformat(row["until"]) if row["until"] else None
        changes = [(dt.date.fromisoformat(d), squash(t)) for d, t in row["changes"]]
        for region in policy.regions:
            day = local_day(region, instant)
            in_force = facts._target(dated.targets_on(priority, day)[0])
            covered = False
            if until is None or day <= until:
                covered = True
                if squash(row["head"]) != in_force:
                    problems.append(f"{where}: {priority.id} states {row['head']!r} on {day} ({region.id}), in force: {in_force!r}")
            for (start, text), end in zip(changes, [c for c, _ in changes[1:]] + [dt.date.max]):
                new = facts._target(dated.targets_on(priority, start)[0])
                if not text.endswith(": " + new) or start <= BUILT:
                    problems.append(f"{where}: {priority.id} change {text!r}, expected {new!r} ahead of {BUILT}")
                if start <= day < end:
                    covered = True
                    if new != in_force:
                        problems.append(f"{where}: {priority.id} from {start}: {new!r}, in force on {day}: {in_force!r}")
            if not covered:
                problems.append(f"{where}: nothing states {priority.id}'s target on {day} ({region.id})")
    return problems


READ_CALCULATOR_JS = """() => {
  const root = document.querySelector('[data-support-calculator]');
  return {region: root.querySelector('select[name=region]').value, due: root.querySelector('output').dataset.due,
          note: root.querySelector('.support-calculator__note').textContent};
}"""
CALCULATED = "p2"  # High: 4 business hours, 2 from 22 March


# The calculator set to High: the due time of the reference schedule and the target in force.
def check_calculator(got, policy, feed, instant, where: str) -> list:
    region = policy.region(got["region"])
    target = dated.targets_on(next(p for p in policy.priorities if p.id == CALCULATED), local_day(region, instant))[0]
    due, _ = ref.response_due(feed, ref.load(feed), region.id, CALCULATED, ms(instant))
    problems = []
    if got["due"] != dt.datetime.fromtimestamp(due / 1000, dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"):
        problems.append(f"{where}: due {got['due']}, expected {due} ({region.id})")
    # The target in the priorities page's words ("2 business hours").
    words = textfmt.duration_words(target.minutes, target.business, policy.business_day_minutes, "en")
    if f"the {words} target" not in got["note"]:
        problems.append(f"{where}: {got['note']!r} does not state the {words} target in force")
    return problems


# `url` in the context's tab (a new document in the same tab each time: a tab's first page costs
# a new renderer, twice a page load's time), once its live parts are written.
def open_page(context, url: str, calculator: bool = False):
    page = context.pages[0] if context.pages else context.new_page()
    page.goto(url)
    if calculator:
        page.wait_for_selector("[data-support-calculator] output[data-due]")
        page.select_option("[data-support-calculator] select[name=priority]", CALCULATED)
    else:
        page.wait_for_selector(".support-status__region[data-state]")
        page.wait_for_selector("[data-support-hours][data-support-updated]")
    return page


def read(page, policy, feed, instant, lang: str, path: str, where: str) -> list:
    if path == "hours/":
        return (check_hours_table(page.evaluate(READ_HOURS_JS), policy, instant, lang, where)
                + check_status(page.evaluate(READ_STATUS_JS), policy, feed, instant, lang, where))
    return (check_targets(page.evaluate(READ_TARGETS_JS), policy, instant, lang, where)
            + check_calculator(page.evaluate(READ_CALCULATOR_JS), policy, feed, instant, where))


# In Berlin each reading is a fresh load of the hours and priorities pages (English and German
# hours pages by turns); in New York both English pages are loaded the day after the build and
# left open while the clock runs on to each later reading.
def test_pages_are_true_through_the_week_of_a_change(change_week, browser):
    policy, feed, url = change_week
    problems = []
    fresh, left_open = VIEWER_ZONES
    context = clocked_context(browser, fresh, INSTANTS[0])
    try:
        for n, instant in enumerate(INSTANTS):
            context.clock.pause_at(instant)
            for lang, path in ((("en", "de")[n % 2], "hours/"), ("en", "priorities/")):
                page = open_page(context, f"{url}/{'' if lang == 'en' else lang + '/'}{path}", path == "priorities/")
                problems += read(page, policy, feed, instant, lang, path, f"loaded {instant:%a %d %b %H:%M}Z in {fresh}, {lang}/{path}")
    finally:
        context.close()
    for path in ("hours/", "priorities/"):
        context = clocked_context(browser, left_open, INSTANTS[0])
        try:
            page = open_page(context, f"{url}/{path}", path == "priorities/")
            for before, instant in zip([None, *INSTANTS], INSTANTS):
                if before:
                    page.clock.fast_forward(int((instant - before).total_seconds() * 1000))
                problems += read(page, policy, feed, instant, "en", path, f"open until {instant:%a %d %b %H:%M}Z in {left_open}, en/{path}")
        finally:
            context.close()
    assert not problems, "\n".join(problems[:20])


# The scene spelled out: on Monday 22 March at 08:30 in Berlin EMEA is closed (the old hours opened
# at 08:00, the new at 09:00), the notice of the change is gone, and the hours table states the new
# hours as those in force, in the rows of the old ones; the page as built (without the script)
# says the old hours applied until Sunday, 21 March 2027, and the new ones from the 22nd.
def test_the_morning_of_the_change(change_week, browser):
    _, _, url = change_week
    context = clocked_context(browser, "Europe/Berlin", dt.datetime(2027, 3, 22, 7, 30, tzinfo=dt.timezone.utc))
    try:
        page = open_page(context, f"{url}/hours/")
        assert page.get_attribute('[data-support-region="emea"]', "data-state") == "closed"
        assert page.locator(".support-status__changes").is_hidden()
        rows = page.locator('.support-hours tr[data-region="emea"]:not([hidden])')
        assert [squash(rows.nth(i).inner_text()) for i in range(rows.count())] == [
            "EMEA Monday to Thursday 09:00–17:00 CET/CEST (Berlin time)", "Friday 09:00–15:00",
            "Saturday 22:00–04:00 (next day)"]
        assert page.locator('.support-hours tr.support-until[data-region="emea"]').is_hidden()
        assert page.locator('.support-hours tr[data-change="2027-03-22"]').is_hidden()
        built = page.request.get(f"{url}/hours/").text()
        assert "The hours above apply until <time datetime=\"2027-03-21\">Sunday, 21 March 2027</time>." in built
        assert "From <time datetime=\"2027-03-22\">Monday, 22 March 2027</time>: Monday to Thursday 09:00–17:00" in built
    finally:
        context.close()
