# One voice: the pages' text and the live parts the browser writes never contradict each other,
# on any day until the next build. The "one voice" fixture (tests/fixtures/policies/one-voice:
# three regions, one at UTC+08:00 and one at UTC+05:30, a change of hours and of targets, a channel
# that starts, one that ends, one in a zone of its own, notices on a channel and on a region) is
# built once on Monday 15 March 2027 and read in Chromium at fixed clocks: each day from the build
# day to eight days after it, and one minute before and after each instant a statement changes
# (a change of hours, a channel's first and last instant, a notice's start and end), in two viewer
# zones: in one each reading a fresh load (pages and editions by turns), in the other every page of
# every edition left open while the clock moves on; the default policy likewise over the week
# after its build. On each reading of the hours, priorities and contact pages:
#   - every zone name, date and month the live parts write is in the form the pages use (the
#     zone names of the hours table, the full dates of the pages), never Intl's ("GMT+8");
#   - the hours table, the business-hours sentence, the channels' hours and the target cells state
#     what is in force that day (in each region's zone), or bound it by dates;
#   - the live status of each region and channel is the reference schedule's; a channel that is
#     not offered is never said to be staffed or to take requests, and "next staffed" never
#     names a moment after its last day.
# Expectations come from the loaded policy (zoneinfo, Babel) and the Python reference schedule.

import contextlib
import datetime as dt
import json
import re
import shutil
from zoneinfo import ZoneInfo

import pytest
from babel.dates import get_month_names
from bs4 import BeautifulSoup

import reference_schedule as ref
from conftest import ROOT, copy_project, run_build, serve_directory
from supportportal import catalog, dated, textfmt
from supportportal.loading import load_policy

pytestmark = pytest.mark.browser

FIXTURE = ROOT / "tests" / "fixtures" / "policies" / "one-voice"
BUILT = dt.date(2027, 3, 15)
VIEWER_ZONES = ("Europe/Berlin", "America/Los_Angeles")
PAGES = ("hours/", "priorities/", "contact/")
UTC = dt.timezone.utc


@pytest.fixture(scope="module")
def one_voice(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("one-voice") / "project")
    for path in FIXTURE.glob("*.yml"):
        shutil.copy2(path, project / "policy" / path.name)
    epoch = str(int(dt.datetime.combine(BUILT, dt.time(0), UTC).timestamp()))
    build = run_build(project, epoch=epoch)
    assert build.ok, build.output
    server, url = serve_directory(build.site)
    feed = json.loads((build.site / "support.json").read_text())
    yield load_policy(project / "policy", BUILT), feed, url
    server.shutdown()


def midnight(day: dt.date, zone: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), ZoneInfo(zone)).astimezone(UTC)


# Each day at a time that alternates between morning and evening in Berlin, and one minute
# either side of every instant at which a statement of the pages changes.
def instants(policy) -> list:
    days = [dt.datetime.combine(BUILT + dt.timedelta(days=n), (dt.time(4, 30), dt.time(13, 30))[n % 2], UTC)
            for n in range(9)]
    edges = [midnight(c.start, r.zone) for r in policy.regions for c in r.changes]
    for channel in policy.channels:
        zone = dated.channel_zone(policy, channel)
        if channel.available_from:
            edges.append(midnight(channel.available_from, zone))
        if channel.available_until:
            edges.append(midnight(channel.available_until + dt.timedelta(days=1), zone))
    edges += [n.start for n in policy.notices] + [n.end for n in policy.notices if n.end]
    last = dt.datetime.combine(BUILT + dt.timedelta(days=9), dt.time(0), UTC)
    edges = [e + dt.timedelta(minutes=m) for e in edges for m in (-1, 1) if midnight(BUILT, "UTC") < e < last]
    return sorted(set(days + edges))


def squash(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


# A page of the built fixture open in `zone` at the fixed `instant`, its live parts written.
@contextlib.contextmanager
def page_at(browser, url: str, path: str, zone: str, instant: dt.datetime):
    context = browser.new_context(timezone_id=zone)
    context.clock.set_fixed_time(instant)
    try:
        page = context.new_page()
        page.goto(f"{url}/{path}")
        page.wait_for_function(WAIT_JS)
        yield page
    finally:
        context.close()


# The calculator of the priorities page set to `region` and `priority` (whose name is `name`):
# its note and its due time, which must be the reference schedule's.
def calculated(page, feed, instant: dt.datetime, region: str, priority: str, name: str) -> str:
    page.select_option("select[name=region]", region)
    page.select_option("select[name=priority]", priority)
    page.wait_for_function(f"() => document.querySelector('.support-calculator__note').textContent.includes({name!r})")
    due = page.get_attribute("[data-support-calculator] output", "data-due")
    expected = ref.response_due(feed, ref.load(feed), region, priority, int(instant.timestamp() * 1000))[0]
    assert due == dt.datetime.fromtimestamp(expected / 1000, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return squash(page.inner_text(".support-calculator__note"))


def ms(instant: dt.datetime) -> int:
    return int(instant.timestamp() * 1000)


# What one reading shows: the live parts' texts, and the static statements as a reader sees them
# (innerText: hidden words are not read).
READ_JS = """() => {
  const text = (e) => (e ? e.innerText : '');
  const visible = (e) => e && e.getClientRects().length > 0;
  const live = [...document.querySelectorAll(
    '.support-status__detail, .support-channel__live, .support-notice[data-notice] , .support-status__changes, '
    + '.support-calculator__result, [data-support-next-closure]')].filter(visible).map(text);
  const regions = {}, channels = {};
  for (const row of document.querySelectorAll('[data-support-region]')) regions[row.dataset.supportRegion] = row.dataset.state;
  for (const li of document.querySelectorAll('[data-channel]')) {
    const line = li.querySelector('.support-channel__live');
    channels[li.dataset.channel] = {state: line ? line.dataset.state || null : null, live: text(line),
                                    hours: visible(li.querySelector('.support-channel__hours')) ? text(li.querySelector('.support-channel__hours')) : ''};
  }
  const hours = [...document.querySelectorAll('.support-hours tbody tr')].filter((tr) => !tr.hidden).map((tr) => ({
    region: tr.dataset.region, kind: tr.classList.contains('support-until') ? 'until' : tr.dataset.change ? 'from' : 'weekly',
    cells: [...tr.querySelectorAll('td')].filter((td) => !td.dataset.zone).map((td) => td.innerText)}));
  const targets = [...document.querySelectorAll('.support-priorities tbody tr')].map((tr) => {
    const cell = tr.querySelectorAll('td')[2];
    const until = [...cell.querySelectorAll('.support-until time')].filter(visible)[0];
    return {id: tr.dataset.priority, head: cell.firstChild.textContent, until: until ? until.dateTime : null};
  });
  const article = document.querySelector('article');
  return {live, regions, channels, hours, targets, article: article ? article.innerText : ''};
}"""

WAIT_JS = """() => { const roots = document.querySelectorAll('[data-support-ready]');
  return document.readyState == 'complete' && [...roots].every((r) => r.hasAttribute('data-support-updated')); }"""


class Reader:
    def __init__(self, policy, feed, lang: str, built: dt.date = BUILT):
        self.policy, self.feed, self.lang = policy, feed, lang
        self.words = catalog.get(lang)
        years = (policy.horizon[0].year, policy.horizon[1].year)
        zones = {r.zone for r in policy.regions} | {dated.channel_zone(policy, c) for c in policy.channels}
        zones |= {c.schedule.zone for c in policy.channels if c.schedule} | {n.zone for n in policy.notices}
        # The zone names the pages use, and the word the reader's own time is told with.
        self.zone_names = {name for z in zones for name in textfmt.zone_abbreviations(z, lang, *years).split("/")}
        # Words after a time that are not zones: "(14:00 your time)", "14:00 to 18:00".
        self.glue = {self.words("widget.yours", time="\ue000").split("\ue000")[1].split()[0],
                     self.words("notices.window", start="\ue000", end="\ue001").split("\ue000")[1].split()[0]}
        self.months = list(get_month_names("wide", locale=textfmt.locale(lang)).values())
        days = [built + dt.timedelta(days=n) for n in range(-7, 120)]
        self.dates = sorted({textfmt.format_long_date(d, lang) for d in days}
                            | {textfmt.format_long_date(policy.horizon[1], lang, weekday=False)}, key=len, reverse=True)
        self.regions, self.schedules = ref.load(feed), ref.load_channels(feed)
        # Hours not in force are bounded by a date after them ("(until ...", "until ..., then",
        # "(from ...") or before them ("from Monday, 22 March 2027: ...").
        self.until_words = [self.words(key, date="\ue000").split("\ue000")[0].strip() for key in ("changes.until", "changes.then_until")]
        self.from_word = self.words("changes.channel_from", date="\ue000").split("\ue000")[0].strip()
        before, after = self.words("changes.then_from", date="\ue000").split("\ue000")
        self.from_before = re.compile(re.escape(before) + r"[^:;]{6,60}?" + re.escape(after) + r" $")
        self.next_staffed = self.words("widget.next_staffed", at="\ue000").split("\ue000")[0].strip()
        self.offered = {self.words("widget.not_offered")} | {
            self.words("widget.offered_from", at=textfmt.format_long_date(c.available_from, lang))
            for c in policy.channels if c.available_from}

    def weekly(self, owner, separator: str) -> str:
        return separator.join(f"{d} {h}" for d, h in textfmt.weekly_rows(owner, self.lang)) or textfmt.phrase(self.lang, "hours.closed")

    # Every zone name after a time is one the pages use; every month name is inside a full date.
    def forms(self, live: list, where: str) -> list:
        problems = []
        for line in map(squash, live):
            for zone in re.findall(r"\b\d\d:\d\d (\S+?)[).,;]*(?=\s|$)", line):
                if zone not in self.zone_names and zone not in self.glue:
                    problems.append(f"{where}: zone {zone!r} in {line!r} is not a name the pages use ({sorted(self.zone_names)})")
            rest = line
            for date in self.dates:
                rest = rest.replace(date, " ")
            for month in self.months:
                if re.search(rf"\b{re.escape(month)}\b", rest):
                    problems.append(f"{where}: {line!r} writes a date in another form than the pages' ({self.dates[-1]!r})")
        return problems

    # The weekly hours in force on each region's day, as the hours table, the business-hours
    # sentence and the channels' hours state them; another version only with its dates.
    def hours(self, got, instant, path: str, where: str) -> list:
        problems = []
        text = squash(got["article"])
        for region in self.policy.regions:
            day = instant.astimezone(ZoneInfo(region.zone)).date()
            in_force = dated.as_on(region, day)
            versions = {self.weekly(c, ", ") for c in region.changes} | {self.weekly(region, ", ")}
            if path == "hours/":
                rows = [squash(" ".join(r["cells"])) for r in got["hours"] if r["region"] == region.id and r["kind"] == "weekly"]
                if "; ".join(rows) != squash(self.weekly(in_force, "; ")):
                    problems.append(f"{where}: {region.id} table states {rows} on {day}, in force: {self.weekly(in_force, '; ')!r}")
            if path == "priorities/":
                name = region.name.get(self.lang)
                # "EMEA: ..." or, while a change is announced, "EMEA (CET/CEST): ..."
                if not re.search(rf"{re.escape(name)}(?: \([^()]*\))?: {re.escape(self.weekly(in_force, ', '))}", text):
                    problems.append(f"{where}: the business-hours sentence does not state {region.id}'s hours on {day}")
                problems += self.bounded(text, versions - {self.weekly(in_force, ', ')}, where)
        email = next((c for c in self.policy.channels if c.id == "email" and c.schedule), None)
        if path == "contact/" and email and "email" in got["channels"]:
            day = instant.astimezone(ZoneInfo(email.schedule.zone)).date()
            hours = squash(got["channels"]["email"]["hours"])
            if self.weekly(dated.as_on(email.schedule, day), "; ") not in hours:
                problems.append(f"{where}: email's hours {hours!r} do not state those of {day}")
            versions = {self.weekly(c, "; ") for c in email.schedule.changes} | {self.weekly(email.schedule, "; ")}
            problems += self.bounded(hours, versions - {self.weekly(dated.as_on(email.schedule, day), "; ")}, where)
        return problems

    # Hours not in force may only be read with the dates that bound them.
    def bounded(self, text: str, others, where: str) -> list:
        problems = []
        for words in others:
            for found in re.finditer(re.escape(words), text):
                after = text[found.end():found.end() + 12]
                dated_after = any(after.startswith(" " + word) for word in (*self.until_words, self.from_word))
                if not (dated_after or self.from_before.search(text[max(0, found.start() - 80):found.start()])):
                    problems.append(f"{where}: {text[max(0, found.start() - 20):found.end() + 20]!r} states hours not in force without a date")
        return problems

    # The first-response targets: stated without a date only where in force for every region.
    def targets(self, got, instant, where: str) -> list:
        problems = []
        for row in got["targets"]:
            priority = next(p for p in self.policy.priorities if p.id == row["id"])
            until = dt.date.fromisoformat(row["until"]) if row["until"] else None
            for region in self.policy.regions:
                day = instant.astimezone(ZoneInfo(region.zone)).date()
                target = dated.targets_on(priority, day)[0]
                words = textfmt.duration_words(target.minutes, target.business, self.policy.business_day_minutes, self.lang)
                if (until is None or day <= until) and squash(row["head"]) != words:
                    problems.append(f"{where}: {priority.id} states {row['head']!r} on {day} in {region.id}, in force: {words!r}")
        return problems

    # The live status against the reference schedule; nothing said of a channel that is gone.
    def status(self, got, instant, path: str, where: str) -> list:
        problems = []
        t = ms(instant)
        for region_id, state in got["regions"].items():
            want = ref.status(self.regions[region_id], t)[0]
            if state != want:
                problems.append(f"{where}: {region_id} shown {state}, expected {want}")
        for channel in self.feed["channels"]:
            shown = got["channels"].get(channel["id"])
            if not shown or shown["state"] is None:
                continue
            state, change, after, _, accepts = ref.channel_status(channel, self.schedules[channel["id"]], t)
            if shown["state"] != state:
                problems.append(f"{where}: {channel['id']} shown {shown['state']}, expected {state}")
            live = squash(shown["live"])
            if state == "unavailable":
                # (the first day said with the reader's time of its first instant, where that is another)
                if re.sub(r" \([^()]*\)(?=\.$)", lambda m: "" if set(m.group(0).split()) & self.glue else m.group(0),
                          live) not in self.offered:
                    problems.append(f"{where}: {channel['id']} is not offered, its line says {live!r}")
                if change is None and shown["hours"]:
                    problems.append(f"{where}: {channel['id']} is gone, its hours still say {shown['hours']!r}")
            if after == "unavailable" and self.next_staffed in live:
                problems.append(f"{where}: {channel['id']}'s line {live!r} names a moment after its last day")
        return problems


def read(page, reader, instant, path: str, where: str) -> list:
    page.wait_for_function(WAIT_JS)
    got = page.evaluate(READ_JS)
    problems = reader.forms(got["live"], where) + reader.hours(got, instant, path, where) + reader.status(got, instant, path, where)
    return problems + (reader.targets(got, instant, where) if path == "priorities/" else [])


def url_of(base: str, policy, lang: str, path: str) -> str:
    return f"{base}/{'' if lang == policy.languages[0] else lang + '/'}{path}"


# Two readings: in the first viewer zone a fresh load at each instant (the pages and editions by
# turns); in the second every page of every edition loaded once and left open while the clock
# jumps from instant to instant (the script restates them as time passes). Returns the problems
# and the number of readings.
def read_all(browser, policy, feed, url, moments: list, built, open_langs=None) -> tuple:
    readers = {lang: Reader(policy, feed, lang, built) for lang in policy.languages}
    problems, readings = [], 0
    fresh, left_open = VIEWER_ZONES
    context = browser.new_context(timezone_id=fresh)
    context.clock.install(time=moments[0] - dt.timedelta(minutes=1))
    try:
        page = context.new_page()
        for n, instant in enumerate(moments):
            context.clock.pause_at(instant)
            lang, path = policy.languages[n % len(policy.languages)], PAGES[n % len(PAGES)]
            page.goto(url_of(url, policy, lang, path))
            problems += read(page, readers[lang], instant, path, f"loaded {instant:%a %d %b %H:%M}Z in {fresh}, {lang}/{path}")
            readings += 1
    finally:
        context.close()
    context = browser.new_context(timezone_id=left_open)
    context.clock.install(time=moments[0] - dt.timedelta(minutes=1))
    context.clock.pause_at(moments[0])
    try:
        pages = []
        for lang in open_langs or policy.languages:
            for path in PAGES:
                page = context.new_page()
                page.goto(url_of(url, policy, lang, path))
                pages.append((lang, path, page))
        for before, instant in zip([None, *moments], moments):
            if before:
                context.clock.fast_forward(int((instant - before).total_seconds() * 1000))
            for lang, path, page in pages:
                problems += read(page, readers[lang], instant, path, f"open until {instant:%a %d %b %H:%M}Z in {left_open}, {lang}/{path}")
                readings += 1
    finally:
        context.close()
    return problems, readings


def test_pages_and_live_parts_speak_with_one_voice(one_voice, browser):
    policy, feed, url = one_voice
    moments = instants(policy)
    problems, readings = read_all(browser, policy, feed, url, moments, BUILT)
    assert readings == len(moments) * 7 and len(moments) > 20
    assert not problems, "\n".join(problems[:25])


# The default policy as the session builds it (27 November 2026), the same way (the pages left
# open in the first language only).
def test_default_policy_speaks_with_one_voice(built, site_url, browser):
    day = dt.date(2026, 11, 27)
    policy = load_policy(built.project / "policy", day)
    feed = json.loads((built.site / "support.json").read_text())
    moments = [dt.datetime.combine(day + dt.timedelta(days=n), (dt.time(7, 30), dt.time(19, 30))[n % 2], UTC) for n in range(9)]
    problems, readings = read_all(browser, policy, feed, site_url, moments, day, open_langs=policy.languages[:1])
    assert readings == 9 * 4
    assert not problems, "\n".join(problems[:25])


# The scenes of the defect: on the chat's last evening it is not "next staffed" on a day it is
# gone; its last day, the form's and the hotline's first are said as the page says them; after the
# form's last day its "Around the clock" hours give way to "No longer offered."; during the
# portal's maintenance its line names the notice, with the reader's own time.
def test_channels_first_and_last_days(one_voice, browser):
    _, _, url = one_voice
    context = browser.new_context(timezone_id="America/Los_Angeles")
    context.clock.install(time=dt.datetime(2027, 3, 16, 11, 30, tzinfo=UTC))
    page = context.new_page()
    try:
        def lines():
            page.goto(f"{url}/contact/")
            page.wait_for_function(WAIT_JS)
            return {c: squash(page.inner_text(f"[data-channel='{c}']")) for c in ("hotline", "chat", "form", "portal")}

        context.clock.pause_at(dt.datetime(2027, 3, 16, 12, 0, tzinfo=UTC))  # 22:30 in Adelaide, 08:00 in New York
        seen = lines()
        # The first and last days are days in the channel's zone (the form's, without hours of its own,
        # the first region's): beside them, the instant they begin or end in the reader's time.
        assert seen["hotline"].endswith("(Adelaide time). Offered from Wednesday, 17 March 2027 (Tuesday 06:30 your time).")
        assert seen["hotline"].startswith("Hotline: +61 8 1234 5678 (from Wednesday, 17 March 2027)")
        assert seen["chat"].endswith("Not staffed now; next staffed at 13:00 EDT (10:00 your time). "
                                     "Offered until Thursday, 18 March 2027 (Thursday 21:00 your time).")
        assert seen["form"].endswith("Around the clock: requests are accepted any time. "
                                     "Offered until Friday, 19 March 2027 (Friday 16:00 your time).")
        assert seen["portal"] == "Support portal: https://tickets.smartwork.example/ Around the clock: requests are accepted any time."
        context.clock.pause_at(dt.datetime(2027, 3, 16, 22, 0, tzinfo=UTC))
        assert lines()["portal"].endswith("Around the clock: requests are accepted any time. "
                                          "✕Service disruption: Portal maintenance, until Wednesday 02:00 CET (18:00 your time)")
        context.clock.pause_at(dt.datetime(2027, 3, 19, 3, 0, tzinfo=UTC))  # 23:00 in New York
        assert lines()["chat"].endswith("Not staffed now; its last staffed hours are over. "
                                        "Offered until Thursday, 18 March 2027 (Thursday 21:00 your time).")
        context.clock.pause_at(dt.datetime(2027, 3, 20, 9, 0, tzinfo=UTC))
        seen = lines()
        assert seen["form"] == "Contact form: https://www.smartwork.example/support/contact (until Friday, 19 March 2027) No longer offered."
        assert seen["chat"].endswith("No longer offered.") and "Staffed" not in seen["chat"]
    finally:
        context.close()


# Read in India on its Saturday morning, the form's last day (Friday, in Berlin) is not over yet:
# the line says until when in the reader's own time, so "Friday" contradicts nothing.
def test_a_last_day_in_another_zone_in_the_readers_time(one_voice, browser):
    _, _, url = one_voice
    context = browser.new_context(timezone_id="Asia/Kolkata")
    context.clock.set_fixed_time(dt.datetime(2027, 3, 19, 22, 15, tzinfo=UTC))  # Saturday 03:45 in Kolkata
    try:
        page = context.new_page()
        page.goto(f"{url}/contact/")
        page.wait_for_function(WAIT_JS)
        assert squash(page.inner_text("[data-channel='form']")).endswith(
            "Around the clock: requests are accepted any time. Offered until Friday, 19 March 2027 (Saturday 04:30 your time).")
    finally:
        context.close()


# India's Team day (Friday 19 March, in India) while it is still Thursday in Los Angeles: the live
# line says the day by its date, as the page's "The next closure is Team day, Friday, 19 March
# 2027 (India)." does, not "today"; read in India it is today.
@pytest.mark.parametrize("zone, edition, said", [
    ("America/Los_Angeles", "", "Closed on Friday, 19 March 2027 for Team day."),
    ("America/Los_Angeles", "de/", "Am Freitag, 19. März 2027 geschlossen: Teamtag."),
    ("Asia/Kolkata", "", "Closed today for Team day."),
])
def test_a_closed_day_of_another_date_is_said_by_its_date(one_voice, browser, zone, edition, said):
    _, _, url = one_voice
    context = browser.new_context(timezone_id=zone)
    context.clock.set_fixed_time(dt.datetime(2027, 3, 18, 18, 31, tzinfo=UTC))  # Friday 00:01 in Kolkata
    try:
        page = context.new_page()
        page.goto(f"{url}/{edition}hours/")
        page.wait_for_function(WAIT_JS)
        detail = squash(page.inner_text("[data-support-region='india'] .support-status__detail"))
        assert detail.startswith(said + " "), detail
    finally:
        context.close()


# Urgent is answered via the hotline, which starts on Wednesday 17 March (Adelaide): until then the
# priorities page says when, and that business hours count before; from its first minute the
# qualifier is gone, in the table and in the rule under it.
@pytest.mark.parametrize("instant, before", [(dt.datetime(2027, 3, 16, 13, 29, tzinfo=UTC), True),
                                             (dt.datetime(2027, 3, 16, 13, 31, tzinfo=UTC), False)])
def test_a_priority_via_a_channel_not_offered_yet_says_from_when(one_voice, browser, instant, before):
    _, _, url = one_voice
    with page_at(browser, url, "priorities/", "America/Los_Angeles", instant) as page:
        urgent = squash(page.inner_text("[data-support-targets] tr[data-priority='p4'] td:nth-of-type(4)"))
        rule = squash(page.inner_text("article"))
    qualifier = "(from Wednesday, 17 March 2027; until then in business hours)"
    if before:
        assert urgent == f"via Hotline, in that channel's hours {qualifier}", urgent
        assert f"ACST/ACDT {qualifier}" in rule
    else:
        assert urgent == "via Hotline, in that channel's hours", urgent
        assert qualifier not in rule


# A ticket opened just before the hotline's first instant counts EMEA's hours for a minute, then
# the hotline's: the calculator's note says so, from when (the channel's zone and the reader's), as
# the table's "(from ...; until then in business hours)"; a minute later it counts the hotline's
# hours alone. The due time is the reference schedule's either way. Before its first instant the
# hotline is not said to answer (it does not yet), as the table's "until then in business hours".
@pytest.mark.parametrize("instant, switch", [(dt.datetime(2027, 3, 16, 13, 29, tzinfo=UTC), True),
                                             (dt.datetime(2027, 3, 16, 13, 31, tzinfo=UTC), False)])
def test_the_calculator_says_where_the_count_goes_on(one_voice, browser, instant, switch):
    _, feed, url = one_voice
    with page_at(browser, url, "priorities/", "Europe/Berlin", instant) as page:
        note = calculated(page, feed, instant, "emea", "p4", "Urgent")
    if switch:
        assert note == ("Urgent tickets count business hours: the 2 business hours target runs only while EMEA support "
                        "is open; nights, weekends and holidays pause it. From Wednesday 00:00 ACDT (14:30 your "
                        "time), the target runs while Hotline is staffed."), note
    else:
        assert note == ("Urgent tickets are answered via Hotline and count its hours: the 2 business hours target runs "
                        "only while Hotline is staffed; nights, weekends and holidays pause it."), note


# A question asked via the chat on its last afternoon (16:00 EDT, an hour before it closes for good)
# counts an hour on the chat, then EMEA's hours from midnight in New York; asked the next day,
# the chat is over: the note neither counts on it nor names it. The table says as much on each
# day: "(until Thursday, 18 March 2027; then in business hours)" on the last, "in business hours"
# (as a build of the next day) after it.
@pytest.mark.parametrize("instant, expected, counted", [
    (dt.datetime(2027, 3, 18, 20, 0, tzinfo=UTC),
     "Quick question tickets are answered via Chat and count its hours: the 2 business hours target runs only while "
     "Chat is staffed; nights, weekends and holidays pause it. From Friday 00:00 EDT (Friday 05:00 your time), the "
     "target runs while EMEA support is open.",
     "via Chat, in that channel's hours (until Thursday, 18 March 2027; then in business hours)"),
    (dt.datetime(2027, 3, 19, 15, 0, tzinfo=UTC),
     "Quick question tickets count business hours: the 2 business hours target runs only while EMEA support is open; "
     "nights, weekends and holidays pause it.",
     "in business hours")])
def test_the_calculator_after_a_channels_last_day(one_voice, browser, instant, expected, counted):
    _, feed, url = one_voice
    with page_at(browser, url, "priorities/", "Europe/Berlin", instant) as page:
        cell = squash(page.inner_text("[data-support-targets] tr[data-priority='p5'] td:nth-of-type(4)"))
        note = calculated(page, feed, instant, "emea", "p5", "Quick")
    assert cell == counted, cell
    assert note == expected, note


# The business-hours rule names each channel whose hours a priority counts, one with a last day
# "(until Thursday, 18 March 2027; then in business hours)". From the end of that day in the
# channel's zone (midnight in New York), the entry is gone with its separator, as a build of that
# day leaves it out; once every entry is gone, the sentence says what a build of that day says
# (no channel sentence at all). Compared word for word with the rule as a build made after that
# last day (and before the next) writes it, in both editions; readers in Los Angeles
# (still the day before) and Tokyo (already the day after) one minute either side of the end, a
# page left open across it, and the day before the last day. Without JavaScript the rule is as
# built. The variant "all end": the hotline's last day is Thursday 18 March (Adelaide), the
# chat's Friday 19 March (New York).
VIA_VARIANTS = {
    "one-voice": (),
    "all-end": (("    outside_hours: not staffed\n    until: 2027-03-18\n", "    outside_hours: not staffed\n    until: 2027-03-19\n"),
                ("    from: 2027-03-17\n", "    from: 2027-03-17\n    until: 2027-03-18\n")),
}
VIA_BUILDS = {"one-voice": (BUILT, dt.date(2027, 3, 19)), "all-end": (BUILT, dt.date(2027, 3, 19), dt.date(2027, 3, 20))}
RULE_JS = """(prefix) => { const p = [...document.querySelectorAll('article p')].find((e) => e.textContent.startsWith(prefix));
  return p ? p.innerText : null; }"""
# The priorities table's "Counted" column, a line per priority.
COUNTED_JS = """() => [...document.querySelectorAll('[data-support-targets] tbody tr')].map((tr) =>
  tr.dataset.priority + ': ' + tr.querySelector('td:nth-of-type(4)').innerText)"""


@pytest.fixture(scope="module")
def via_builds(tmp_path_factory):
    builds, servers = {}, []
    for variant, edits in VIA_VARIANTS.items():
        for day in VIA_BUILDS[variant]:
            project = copy_project(tmp_path_factory.mktemp(f"{variant}-{day}") / "project")
            for path in FIXTURE.glob("*.yml"):
                shutil.copy2(path, project / "policy" / path.name)
            channels = project / "policy" / "channels.yml"
            for old, new in edits:
                assert channels.read_text(encoding="utf-8").count(old) == 1, old
                channels.write_text(channels.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
            build = run_build(project, epoch=str(int(dt.datetime.combine(day, dt.time(0), UTC).timestamp())))
            assert build.ok, build.output
            server, url = serve_directory(build.site)
            builds[variant, day] = (build.site, url)
            servers.append(server)
    yield builds
    for server in servers:
        server.shutdown()


# The rule's words before the regions' hours ("Business hours are the support hours of your region, ").
def rule_prefix(lang: str) -> str:
    return catalog.get(lang)("priorities.business_rule", days="\ue004", day="8").split("\ue004")[0]


# The rule as a reader sees it: the page of `url` in `lang` read in `zone` at `instant` (after
# `loaded`, when given: the page loaded then and left open until `instant`); with the table's
# "Counted" column (`counted`), the rule and the column.
def rule_read(browser, url: str, lang: str, zone: str, instant: dt.datetime, loaded=None, script=True, counted=False):
    context = browser.new_context(timezone_id=zone, java_script_enabled=script)
    context.clock.install(time=(loaded or instant) - dt.timedelta(minutes=1))
    context.clock.pause_at(loaded or instant)
    try:
        page = context.new_page()
        page.goto(f"{url}/{'' if lang == 'en' else lang + '/'}priorities/")
        if script:
            page.wait_for_function(WAIT_JS)
        if loaded:
            context.clock.fast_forward(int((instant - loaded).total_seconds() * 1000))
        rule = page.evaluate(RULE_JS, rule_prefix(lang))
        assert rule, lang
        return (squash(rule), [squash(c) for c in page.evaluate(COUNTED_JS)]) if counted else squash(rule)
    finally:
        context.close()


# The rule as a build wrote it, every word of it (read in the days before 21 March, when the
# page's script hides none of a build of 19 or 20 March); with `counted`, the rule and the table's
# "Counted" column as the build's words say it at `instant`: words dated until a day (in their
# zone) that is over are gone, words dated from a day that has not begun are not there.
def rule_built(site, lang: str, counted=False, instant=None):
    page = BeautifulSoup((site / ("" if lang == "en" else lang) / "priorities" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    rule = squash(next(p for p in page.select("article p") if p.get_text().startswith(rule_prefix(lang))).get_text())
    if not counted:
        return rule
    table = page.select_one("[data-support-targets]")
    for span in table.select("[data-support-until], [data-support-from]"):
        day = instant.astimezone(ZoneInfo(span["data-zone"])).date().isoformat()
        if day > span["data-support-until"] if span.has_attr("data-support-until") else day < span["data-support-from"]:
            span.decompose()
    return rule, [f"{tr['data-priority']}: {squash(tr.select('td')[3].get_text())}" for tr in table.select("tbody tr")]


# (variant, reader's zone, instant, the build of a later day whose rule it reads as, if one, and
# the channels it names)
VIA_READINGS = [
    ("one-voice", "Europe/Berlin", dt.datetime(2027, 3, 17, 15, 0, tzinfo=UTC), None, ("Hotline", "Chat")),
    ("one-voice", "America/Los_Angeles", dt.datetime(2027, 3, 19, 3, 59, tzinfo=UTC), None, ("Hotline", "Chat")),
    ("one-voice", "Asia/Tokyo", dt.datetime(2027, 3, 19, 3, 59, tzinfo=UTC), None, ("Hotline", "Chat")),
    ("one-voice", "America/Los_Angeles", dt.datetime(2027, 3, 19, 4, 1, tzinfo=UTC), dt.date(2027, 3, 19), ("Hotline",)),
    ("one-voice", "Asia/Tokyo", dt.datetime(2027, 3, 19, 4, 1, tzinfo=UTC), dt.date(2027, 3, 19), ("Hotline",)),
    ("one-voice", "Europe/Berlin", dt.datetime(2027, 3, 19, 23, 30, tzinfo=UTC), dt.date(2027, 3, 19), ("Hotline",)),
    ("all-end", "Europe/Berlin", dt.datetime(2027, 3, 18, 13, 29, tzinfo=UTC), None, ("Hotline", "Chat")),
    ("all-end", "Asia/Tokyo", dt.datetime(2027, 3, 18, 13, 31, tzinfo=UTC), dt.date(2027, 3, 19), ("Chat",)),
    ("all-end", "America/Los_Angeles", dt.datetime(2027, 3, 19, 4, 1, tzinfo=UTC), dt.date(2027, 3, 19), ("Chat",)),
    ("all-end", "America/Los_Angeles", dt.datetime(2027, 3, 20, 3, 59, tzinfo=UTC), dt.date(2027, 3, 19), ("Chat",)),
    ("all-end", "Asia/Tokyo", dt.datetime(2027, 3, 20, 3, 59, tzinfo=UTC), dt.date(2027, 3, 19), ("Chat",)),
    ("all-end", "America/Los_Angeles", dt.datetime(2027, 3, 20, 4, 1, tzinfo=UTC), dt.date(2027, 3, 20), ()),
    ("all-end", "Asia/Tokyo", dt.datetime(2027, 3, 20, 4, 1, tzinfo=UTC), dt.date(2027, 3, 20), ()),
]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_channel_past_its_last_day_leaves_the_rule(via_builds, browser, lang):
    problems = []
    # German: before and after each end, in one zone each (the zones' minutes are the same words).
    readings = VIA_READINGS if lang == "en" else [VIA_READINGS[i] for i in (0, 3, 5, 6, 8, 12)]
    for variant, zone, instant, like, named in readings:
        where = f"{variant} built {BUILT}, read {instant:%d %b %H:%M}Z in {zone}, {lang}"
        shown, cells = rule_read(browser, via_builds[variant, BUILT][1], lang, zone, instant, counted=True)
        expected = rule_built(via_builds[variant, like][0], lang) if like else shown
        if shown != expected:
            problems.append(f"{where}:\n  shown    {shown!r}\n  build of {like}: {expected!r}")
        # The table's "Counted" column: as the build of that later day words it, or as built.
        built_cells = rule_built(via_builds[variant, like or BUILT][0], lang, counted=True, instant=instant)[1]
        if cells != built_cells:
            problems.append(f"{where}, table:\n  shown    {cells!r}\n  build of {like or BUILT}: {built_cells!r}")
        for name in ("Hotline", "Chat"):
            if (f"{name}: " in shown) != (name in named):
                problems.append(f"{where}: {name} {'not ' if name in named else ''}named in {shown!r}")
    # Left open across the chat's end (midnight in New York), the entry goes at that minute.
    left_open = rule_read(browser, via_builds["one-voice", BUILT][1], lang, "America/Los_Angeles",
                          dt.datetime(2027, 3, 19, 4, 1, tzinfo=UTC), loaded=dt.datetime(2027, 3, 19, 3, 59, tzinfo=UTC))
    if left_open != rule_built(via_builds["one-voice", dt.date(2027, 3, 19)][0], lang):
        problems.append(f"left open across the chat's end, {lang}: {left_open!r}")
    assert not problems, "\n".join(problems)
    # Without JavaScript the rule says what the build wrote, true on every day: until when, then
    # business hours.
    static = rule_read(browser, via_builds["one-voice", BUILT][1], lang, "Europe/Berlin",
                       dt.datetime(2027, 3, 19, 23, 30, tzinfo=UTC), script=False)
    until = catalog.get(lang)("priorities.via_until", date=textfmt.format_long_date(dt.date(2027, 3, 18), lang))
    assert static.endswith(f"EST/EDT {until}."), static


# A notice in effect for the region asked about (India's office move) is said under the
# calculator's answer as the live status says it beside the region, and goes with another region;
# both editions.
def test_the_calculator_says_the_notices_in_effect(one_voice, browser):
    _, feed, url = one_voice
    instant = dt.datetime(2027, 3, 18, 6, 0, tzinfo=UTC)
    for lang, prefix, name, words in (("en", "", "Critical", "Reduced service: Office move"),
                                      ("de", "de/", "Kritisch", "Eingeschränkter Support: Büroumzug")):
        with page_at(browser, url, prefix, "Europe/Berlin", instant) as page:
            status = squash(page.inner_text("[data-support-region='india'] .support-status__notices"))
        with page_at(browser, url, f"{prefix}priorities/", "Europe/Berlin", instant) as page:
            calculated(page, feed, instant, "india", "p1", name)
            said = squash(page.inner_text(".support-calculator__notices"))
            assert said == status and words in said, (lang, said, status)
            calculated(page, feed, instant, "emea", "p1", name)
            page.wait_for_function("() => !document.querySelector('.support-calculator__notices').textContent")
            assert not page.locator(".support-calculator__notices").is_visible()


# A notice's window on the notices page and in the banner, in its own zone (the page's) and, beside
# it, in the reader's.
def test_notice_window_in_the_readers_zone(one_voice, browser):
    _, _, url = one_voice
    for zone, expected in (("America/Los_Angeles", "Tuesday, 16 March 2027, 22:00 CET to Wednesday, 17 March 2027, "
                                                   "02:00 CET (Tuesday, 16 March 2027, 14:00 to 18:00 your time)"),
                           ("Europe/Berlin", "Tuesday, 16 March 2027, 22:00 CET to Wednesday, 17 March 2027, 02:00 CET")):
        context = browser.new_context(timezone_id=zone)
        context.clock.install(time=dt.datetime(2027, 3, 16, 11, 0, tzinfo=UTC))
        context.clock.pause_at(dt.datetime(2027, 3, 16, 12, 0, tzinfo=UTC))
        try:
            page = context.new_page()
            page.goto(f"{url}/notices/")
            page.wait_for_function(WAIT_JS)
            assert squash(page.inner_text("[data-support-notice-list] [data-notice='portal-night'] .support-notice__when")) == expected
            # The banner above every page says it the same way, the reader's times on a line of their own.
            banner = "[data-support-notices] [data-notice='portal-night'] .support-notice__"
            said = squash(page.inner_text(banner + "when") + " " + page.inner_text(banner + "yours"))
            assert said == (expected if "your time" in expected else expected + " (the same times in your time zone)")
        finally:
            context.close()


# A notice of whole days in another zone (India's 18 and 19 March) is in effect from 19:30 the evening
# before in Berlin: the banner says when in the reader's own time, so "In effect" beside "Thursday,
# 18 March" on a Wednesday evening contradicts nothing; in Kolkata the days are the reader's own.
def test_whole_days_of_another_zone_in_the_readers_time(one_voice, browser):
    _, _, url = one_voice
    for zone, yours in (("Europe/Berlin", "(Wednesday, 17 March 2027, 19:30 to Friday, 19 March 2027, 19:30 your time)"),
                        ("Asia/Kolkata", "(the same times in your time zone)")):
        context = browser.new_context(timezone_id=zone)
        context.clock.set_fixed_time(dt.datetime(2027, 3, 17, 18, 31, tzinfo=UTC))
        try:
            page = context.new_page()
            page.goto(f"{url}/")
            page.wait_for_function(WAIT_JS)
            banner = "[data-support-notices] [data-notice='india-move'] .support-notice__"
            assert squash(page.inner_text(banner + "when")) == "Thursday, 18 March 2027 to Friday, 19 March 2027"
            assert squash(page.inner_text(banner + "state")) == "In effect"
            assert squash(page.inner_text(banner + "yours")) == yours
        finally:
            context.close()


# Restating the hours table, the business-hours sentence and the target cells after the change
# moves nothing the reader sees: a restated block on the screen keeps the height it has as built
# (read on the build day), at phone width; a block below the screen gives the room back, so a
# reader who scrolls to it finds no empty lines. (The banner's notices, over by then, are not these.)
@pytest.mark.parametrize("path", ["hours/", "priorities/"])
def test_restating_moves_nothing(one_voice, browser, path):
    _, _, url = one_voice
    blocks = "() => ['.support-hours', '.support-priorities', 'p:has([data-support-until])', 'p:has([data-support-next-closure])']" \
             ".map((s) => document.querySelector(s)).filter(Boolean).map((e) => { const box = e.getBoundingClientRect();" \
             " return [Math.round(box.height), box.top < innerHeight, e.hasAttribute('data-support-kept')]; })"
    readings = []
    for day in (15, 23):
        context = browser.new_context(timezone_id="Europe/Berlin", viewport={"width": 360, "height": 740})
        context.clock.install(time=dt.datetime(2027, 3, day, 8, 0, tzinfo=UTC))
        try:
            page = context.new_page()
            page.goto(f"{url}/{path}")
            page.wait_for_function(WAIT_JS)
            restated = "[data-support-hours] tr[data-change]:not([hidden]), [data-support-until]:not([hidden])"
            count = page.locator(restated).count()  # dated words shown as built, none once restated
            assert (count == 0) == (day == 23), (day, count)
            readings.append(page.evaluate(blocks))
            # On paper, where nothing moves, a restated block takes its own height, without the
            # screen's room for the longer words as built (which would print as empty lines).
            kept = "() => [...document.querySelectorAll('*')].filter((e) => e.style.minHeight).map((e) => getComputedStyle(e).minHeight)"
            page.emulate_media(media="print")
            assert set(page.evaluate(kept)) <= {"0px"}, page.evaluate(kept)
        finally:
            context.close()
    built, restated = readings
    assert len(built) == len(restated) and built, path
    for (height, seen, _), (now, seen_now, kept) in zip(built, restated):
        if seen:  # on the screen: as built, kept
            assert now == height and seen_now, (path, built, restated)
        else:  # below it: its own height, nothing kept
            assert not kept, (path, built, restated)
    # Both kinds are read: a block kept on the screen, and one below it given back.
    assert any(seen and kept for (_, seen, _), (_, _, kept) in zip(built, restated)) or path == "priorities/", restated
    assert any(not seen for _, seen, _ in built), built


# The zones' names per period that the browser reads: every change of offset or name in the
# horizon, to the second, also for zones that change by half an hour or twice in one month
# (Lord Howe, Casablanca around Ramadan), checked against a scan of every hour.
@pytest.mark.parametrize("zone", ["Europe/Berlin", "Australia/Lord_Howe", "Africa/Casablanca", "America/Santiago"])
def test_zone_periods_find_every_change(zone):
    first, last = dt.date(2026, 1, 1), dt.date(2028, 12, 31)
    start, changes = textfmt._zone_changes(zone, first, last)
    tz = ZoneInfo(zone)
    state = lambda t: (t.astimezone(tz).utcoffset(), t.astimezone(tz).tzname())  # noqa: E731
    hourly, moment = [], start
    while moment < dt.datetime.combine(last + dt.timedelta(days=2), dt.time(0), UTC):
        following = moment + dt.timedelta(hours=1)
        if state(following) != state(moment):
            hourly.append(next(moment + dt.timedelta(seconds=s) for s in range(1, 3601)
                               if state(moment + dt.timedelta(seconds=s)) != state(moment)))
        moment = following
    # (to the second, as the browser reads them: whole seconds since 1970)
    assert [int(c.timestamp()) for c in changes] == [int(c.timestamp()) for c in hourly] and len(changes) >= 4


# The same fixture with a French edition under `missing_translations: fallback`, its catalog
# lacking words only the browser writes: every English word the live parts show in the French
# pages carries the mark the pages use, "(pas encore traduit)", read in Chromium at moments the
# live parts say them (a notice in effect, open and closed regions, a channel's last days).
FALLBACK_DROPPED = ("widget.open", "widget.closed", "widget.closes", "widget.closes_today", "widget.opens",
                    "widget.opens_today", "widget.staffed_until", "widget.next_staffed", "widget.yours",
                    "widget.yours_same", "widget.region", "widget.due", "widget.offered_until",
                    "widget.offered_from", "widget.not_offered", "widget.hours_change", "widget.notice_until",
                    "widget.notice_disruption")
LIVE_TEXTS = """() => [...document.querySelectorAll('[data-support-ready], [data-support-notices]')].flatMap((root) =>
  [...root.querySelectorAll('*')].filter((e) => !e.closest('[hidden]') && [...e.childNodes].some((n) =>
    n.nodeType == 3 && n.textContent.trim())).map((e) => (e.closest('.support-untranslated') || e).textContent))"""
# (a word the build wrote is marked by the element around it: its words, then " (pas encore traduit)")
# Each shown text node of the live parts with the language it is in (its closest lang attribute)
# and whether it is a choice of a select (which holds plain text only).
LIVE_NODES = """() => [...document.querySelectorAll('[data-support-ready], [data-support-notices]')].flatMap((root) => {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), found = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode())
    if (n.textContent.trim() && !n.parentElement.closest('[hidden]'))
      found.push([n.textContent, n.parentElement.closest('[lang]').lang, !!n.parentElement.closest('option')]);
  return found; })"""


def test_browser_words_falling_back_are_marked_in_the_page(tmp_path, browser):
    from test_languages import add_french

    project = copy_project(tmp_path / "project")
    for path in FIXTURE.glob("*.yml"):
        shutil.copy2(path, project / "policy" / path.name)
    add_french(project)
    with open(project / "policy" / "company.yml", "a", encoding="utf-8") as company:
        company.write("missing_translations: fallback\n")
    french = (project / "locales" / "fr.yml").read_text(encoding="utf-8")
    (project / "locales" / "fr.yml").write_text("".join(
        line for line in french.splitlines(keepends=True) if line.split(":")[0] not in FALLBACK_DROPPED), encoding="utf-8")
    epoch = str(int(dt.datetime.combine(BUILT, dt.time(0), UTC).timestamp()))
    build = run_build(project, epoch=epoch)
    assert build.ok, build.output
    english = catalog.get("en")
    # Each dropped form's longest run of words outside its placeholders ("Staffed now, until ").
    fragments = {key: max(re.split(r"\{\w+\}", english.texts[key]), key=len).strip() for key in FALLBACK_DROPPED}
    mark = "(pas encore traduit)"
    server, url = serve_directory(build.site)
    seen = set()
    try:
        for zone, instant in (("Europe/Berlin", dt.datetime(2027, 3, 16, 21, 30, tzinfo=UTC)),
                              ("America/Los_Angeles", dt.datetime(2027, 3, 17, 9, 0, tzinfo=UTC)),
                              ("Europe/Berlin", dt.datetime(2027, 3, 19, 8, 0, tzinfo=UTC))):
            context = browser.new_context(timezone_id=zone)
            context.clock.install(time=instant - dt.timedelta(minutes=1))
            context.clock.pause_at(instant)
            try:
                page = context.new_page()
                for path in ("fr/", "fr/hours/", "fr/priorities/", "fr/contact/", "fr/notices/"):
                    page.goto(f"{url}/{path}")
                    page.wait_for_function(WAIT_JS)
                    for text in page.evaluate(LIVE_TEXTS):
                        found = [key for key, words in fragments.items() if words in text]
                        # ("your time" is found inside "the same times in your time zone": one form)
                        found = [k for k in found if not any(fragments[k] in fragments[o] for o in found if o != k)]
                        seen.update(found)
                        assert text.count(mark) >= len(found), (path, zone, instant, found, text)
                    # ... and in an element of its language, as the pages write it (a screen reader
                    # says it in English), the mark in French.
                    for text, lang, _ in page.evaluate(LIVE_NODES):
                        if any(words in text for words in fragments.values()):
                            assert lang == "en", (path, zone, instant, text, lang)
            finally:
                context.close()
    finally:
        server.shutdown()
    # The reading was not empty: most of the dropped words were shown somewhere.
    assert len(seen) >= len(FALLBACK_DROPPED) - 4, sorted(set(FALLBACK_DROPPED) - seen)


# The fixture's German edition under `missing_translations: fallback`, with the German of some
# policy texts left out (a notice's title, a region's, a channel's and a priority's name, a
# closure's name): wherever a German reader meets one of them, in the pages, the banner, the
# calendars, the feeds, the structured data and the live parts, it is the English text marked
# "(noch nicht übersetzt)", as the pages' own text marks it.
UNTRANSLATED = {"notices.yml": ("title: {en: Portal maintenance, de: Wartung des Portals}", "title: {en: Portal maintenance}"),
                "regions.yml": ("name: {en: India, de: Indien}", "name: {en: India}"),
                "channels.yml": ("name: {en: Hotline, de: Hotline}", "name: {en: Phone line}"),
                "priorities.yml": ("name: {en: Urgent, de: Dringend}", "name: {en: Urgent}"),
                "holidays.yml": ("- name: {en: Team day, de: Teamtag}", "- name: {en: Team day}")}


def test_policy_texts_falling_back_are_marked_everywhere(tmp_path, browser):
    project = copy_project(tmp_path / "project")
    for path in FIXTURE.glob("*.yml"):
        shutil.copy2(path, project / "policy" / path.name)
    for name, (old, new) in UNTRANSLATED.items():
        path = project / "policy" / name
        assert old in path.read_text(encoding="utf-8"), name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with open(project / "policy" / "company.yml", "a", encoding="utf-8") as company:
        company.write("missing_translations: fallback\n")
    epoch = str(int(dt.datetime.combine(BUILT, dt.time(0), UTC).timestamp()))
    build = run_build(project, epoch=epoch)
    assert build.ok, build.output
    english = ("Portal maintenance", "India", "Phone line", "Urgent", "Team day")
    mark = "(noch nicht übersetzt)"

    def unmarked(text: str) -> list:
        return [word for word in english if re.search(re.escape(word) + r"(?! \(noch nicht übersetzt\))", text)]

    # Static: each English text in an element marked as untranslated (its note beside it).
    site = build.site / "de"
    for page in site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup(["script", "style"]):
            tag.decompose()
        for node in soup.find_all(string=lambda s: any(word in s for word in english)):
            assert node.find_parent(class_="support-untranslated") or node.find_parent("option"), (page, node)
    # Calendars, the notices feed and the structured data: plain text, with the note.
    for path in [*site.glob("*.ics"), site / "notices.atom"]:
        text = path.read_bytes().decode("utf-8").replace("\r\n ", "")  # unfolded
        assert not unmarked(text), (path.name, unmarked(text))
    script = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser").find(
        "script", type="application/ld+json")
    assert "India (noch nicht übersetzt)" in json.loads(script.string)["contactPoint"][2]["name"]
    # The live parts, at a moment each of those texts is shown: the notice in effect, India's
    # closed day, the calculator's Urgent via the phone line.
    server, url = serve_directory(build.site)
    try:
        context = browser.new_context(timezone_id="Europe/Berlin", locale="de-DE")
        context.clock.set_fixed_time(dt.datetime(2027, 3, 16, 21, 30, tzinfo=UTC))
        page = context.new_page()
        texts, nodes = [], []
        for path in ("de/", "de/hours/", "de/priorities/", "de/contact/"):
            page.goto(f"{url}/{path}")
            page.wait_for_function(WAIT_JS)
            if path == "de/priorities/":
                page.select_option("select[name=region]", "india")
                page.select_option("select[name=priority]", "p4")
                page.wait_for_function("() => document.querySelector('.support-calculator__note').textContent.includes('Urgent')")
            texts += page.evaluate(LIVE_TEXTS)
            nodes += [(path, *node) for node in page.evaluate(LIVE_NODES)]
        context.close()
    finally:
        server.shutdown()
    live = " | ".join(texts)
    assert all(word in live for word in ("Portal maintenance", "India", "Urgent")), live
    assert not unmarked(live), (unmarked(live), live)
    # Each English text in an element of its language, as the pages write it (a screen reader says
    # it in English); a select's choice holds plain text, marked in words.
    english_nodes = [node for node in nodes if any(word in node[1] for word in english)]
    assert english_nodes and all(lang == "en" for _, text, lang, option in english_nodes if not option), english_nodes
    assert all(mark in text for _, text, _, option in english_nodes if option), english_nodes
    assert any(option for *_, option in english_nodes), english_nodes


# An embedding site's page: a channel's first and last instants are said as such (the hotline
# "is now offered" at 00:00 of 17 March in Adelaide, the chat "is no longer offered" after 18 March
# in New York), not as a change of staffing; on a page in a language the portal lacks, the widget
# says which language it speaks (lang).
def test_embedded_channels_first_and_last_instants_and_language(one_voice, browser, tmp_path):
    _, _, url = one_voice
    page_html = ('<!doctype html><html lang="{lang}"><head><title>Intranet</title></head><body>'
                 '<script type="module" src="{url}/assets/javascripts/support-widget.min.js"></script>'
                 '<div id="channels" data-support-status data-channels="hotline chat"></div></body></html>')
    host = tmp_path / "host"
    host.mkdir()
    said = {}
    server, host_url = serve_directory(host)

    def embedding_context(zone: str):  # the portal's files readable from the host's origin (CORS)
        context = browser.new_context(timezone_id=zone)
        context.route(f"{url}/**", lambda route: route.fulfill(response=(response := route.fetch()), headers={
            **response.headers, "access-control-allow-origin": "*"}))
        return context

    try:
        for lang, start, minutes in (("en", "2027-03-16T13:25:00Z", 10), ("de", "2027-03-19T03:55:00Z", 10)):
            (host / f"{lang}.html").write_text(page_html.format(lang=lang, url=url), encoding="utf-8")
            context = embedding_context("Europe/Berlin")
            try:
                page = context.new_page()
                page.clock.install(time=start)
                page.goto(f"{host_url}/{lang}.html")
                page.wait_for_selector("#channels [data-support-channel]")
                page.clock.run_for(minutes * 60_000)
                said[lang] = page.text_content("#channels [role=status]")
            finally:
                context.close()
        (host / "fr.html").write_text(page_html.format(lang="fr", url=url), encoding="utf-8")
        context = embedding_context("Europe/Paris")
        try:
            page = context.new_page()
            page.goto(f"{host_url}/fr.html")
            page.wait_for_selector("#channels [data-support-channel]")
            assert page.get_attribute("#channels", "lang") == "en"
            page.goto(f"{host_url}/en.html")
            page.wait_for_selector("#channels [data-support-channel]")
            assert page.get_attribute("#channels", "lang") is None
        finally:
            context.close()
    finally:
        server.shutdown()
    assert said == {"en": "Hotline is now offered.", "de": "Chat wird nicht mehr angeboten."}, said
