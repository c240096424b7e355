# Notices in Chromium, on a site built with the fixture notices on Friday 27 November 2026
# (tests/fixtures/policies/notices): the lifecycle function at its exact boundaries, the banner
# and the notices page at fixed clocks in several viewer zones, a notice appearing and
# disappearing at its instant on the site built days before, the live status and the embedded
# widget naming it, the page without JavaScript, axe and layout shift.
#
# phone-down (EMEA, email): announced 2026-11-24T08:00Z, active [2026-12-08T08:00Z, 12:00Z),
# listed as ended until 2027-01-07T12:00Z. release-week (USA): announced 2026-12-01T14:00Z, after
# the build.

import datetime as dt
import shutil
import time

import pytest

from conftest import ROOT, PageOpener, copy_project, open_module_page, run_build, serve_directory
from quality import axe_violations
from test_widget import intranet_page, serve_with_cors

pytestmark = pytest.mark.browser

FIXTURE = ROOT / "tests" / "fixtures" / "policies" / "notices" / "notices.yml"
BANNER = "[data-support-notices] [data-notice='{}']"
ZONES = ["UTC", "Asia/Tokyo", "America/Los_Angeles", "Europe/Berlin"]


@pytest.fixture(scope="session")
def notices_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("notices") / "project")
    shutil.copy2(FIXTURE, project / "policy" / "notices.yml")
    build = run_build(project)
    assert build.ok, build.output
    return build.site


@pytest.fixture(scope="session")
def notices_url(notices_site):
    server, url = serve_directory(notices_site)
    yield url
    server.shutdown()


@pytest.fixture
def open_notices(browser, notices_url):
    opener = PageOpener(browser, notices_url)

    # A page of the notices site once its banner has its state.
    def open_at(path: str, when: str, zone: str = "UTC", **options):
        page = opener(path, when, zone, **options)
        # The banner holds the build's state until the script has shown the reader's moment.
        page.wait_for_selector("[data-support-notices][data-support-updated]", state="attached")
        return page

    yield open_at
    opener.close()


def banner(page, notice_id: str) -> dict:
    return page.eval_on_selector(BANNER.format(notice_id), """li => ({
        state: li.dataset.state, visible: !li.hidden && li.offsetHeight > 0,
        label: li.querySelector('.support-notice__state').textContent,
        kind: li.querySelector('.support-notice__kind').textContent})""")


def live(page) -> str:
    return page.text_content("[data-support-notices-live]")


# The pure function, at each boundary of phone-down and of a notice without an end.
@pytest.mark.parametrize("zone", ["UTC", "Pacific/Chatham"])
def test_notice_states_at_the_boundaries(browser, notices_url, zone):
    context, page = open_module_page(browser, notices_url, zone)
    try:
        feed = page.evaluate("fetch('/support.json').then((r) => r.json())")
        cases = {
            "2026-11-24T07:59:59.999Z": ("pending", "2026-11-24T08:00:00.000Z"),
            "2026-11-24T08:00:00.000Z": ("planned", "2026-12-08T08:00:00.000Z"),
            "2026-12-08T07:59:59.999Z": ("planned", "2026-12-08T08:00:00.000Z"),
            "2026-12-08T08:00:00.000Z": ("active", "2026-12-08T12:00:00.000Z"),
            "2026-12-08T11:59:59.999Z": ("active", "2026-12-08T12:00:00.000Z"),
            "2026-12-08T12:00:00.000Z": ("ended", "2027-01-07T12:00:00.000Z"),
            "2027-01-07T12:00:00.000Z": ("expired", None),
        }
        for when, expected in cases.items():
            got = page.evaluate("""([feed, when]) => { const st = S.noticeStates(feed, new Date(when)).find((s) => s.id == 'phone-down');
                return [st.state, st.nextChange && st.nextChange.toISOString()]; }""", [feed, when])
            assert tuple(got) == expected, when
        open_end = page.evaluate("""(feed) => S.noticeStates(feed, new Date('2030-01-01T00:00:00Z'))
            .filter((s) => s.id == 'usa-open-end').map((s) => [s.state, s.nextChange])""", feed)
        assert open_end == [["active", None]]
        active = page.evaluate("""(feed) => S.noticesConcerning(S.noticeStates(feed, new Date('2026-12-08T08:00:00Z')),
            {region: 'usa'}).map((s) => s.id)""", feed)
        assert active == []
        assert page.evaluate("S.noticeStates({}, new Date())") == []
    finally:
        context.close()


# Planned, active and ended exactly at the boundaries, the same instant in every viewer zone.
@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("when, state, visible", [
    ("2026-12-08T07:59:59.999Z", "planned", True),
    ("2026-12-08T08:00:00.000Z", "active", True),
    ("2026-12-08T11:59:59.999Z", "active", True),
    ("2026-12-08T12:00:00.000Z", "ended", False),
])
def test_banner_at_the_boundaries(open_notices, zone, when, state, visible):
    page = open_notices("/hours/", when, zone)
    row = banner(page, "phone-down")
    assert (row["state"], row["visible"]) == (state, visible)
    assert row["kind"] == "Service disruption:"
    if visible:
        assert row["label"] == {"planned": "Planned", "active": "In effect"}[state]


# The notices page lists it as ended after its end, and drops it after keep_ended_days.
def test_notices_page_keeps_ended_notices(open_notices):
    page = open_notices("/notices/", "2026-12-08T12:00:00Z", "Asia/Tokyo")
    section = "[data-support-notice-list] [data-notice='phone-down']"
    assert page.eval_on_selector(section, "s => [s.dataset.state, s.hidden]") == ["ended", False]
    assert page.text_content(section + " .support-notice__state") == "Ended"
    page = open_notices("/notices/", "2027-01-07T12:00:00Z", "Asia/Tokyo")
    assert page.eval_on_selector(section, "s => [s.dataset.state, s.hidden]") == ["expired", True]


# Built on 27 November, read on 1 December: release-week appears at its announcement, becomes
# active at its start, leaves the banner at its end; the status line speaks once per change.
def test_site_built_before_shows_and_hides_the_notice_on_time(open_notices):
    page = open_notices("/", "2026-12-01T13:59:00Z", "America/Los_Angeles")
    assert banner(page, "release-week")["visible"] is False and live(page) == ""
    page.clock.run_for(60_000)
    assert banner(page, "release-week") | {"kind": None} == {"state": "planned", "visible": True, "label": "Planned", "kind": None}
    assert live(page) == "Reduced service planned: Release week."
    page.clock.run_for(60_000 * 30)
    assert live(page) == "Reduced service planned: Release week."  # the ticks say nothing new
    page.clock.run_for("47:29:59")
    assert banner(page, "release-week")["state"] == "planned"
    page.clock.run_for(1000)
    assert banner(page, "release-week")["state"] == "active" and banner(page, "release-week")["label"] == "In effect"
    assert live(page) == "Reduced service in effect: Release week."
    usa = page.text_content("[data-support-status] [data-support-region='usa'] .support-status__notices")
    assert usa == "!Reduced service: Release week, until Saturday 00:00 EST (Friday 21:00 your time)"
    assert page.text_content("[data-support-status] [data-support-region='emea'] .support-status__notices") == ""
    page.clock.run_for("38:59:59")  # to 2026-12-05T04:59:59Z
    assert banner(page, "release-week")["state"] == "active"
    page.clock.run_for(1000)
    assert banner(page, "release-week")["visible"] is False and live(page) == "Over: Release week."
    assert page.text_content("[data-support-status] [data-support-region='usa'] .support-status__notices") == ""


# Read on 8 December 10:00 Berlin (phone-down in effect; the build says planned): the reader hears
# it once, then nothing on instant navigation, on a new page load of the same tab, or on the
# ticks; the next change (its end) is heard once more. Every text given to the status line is
# recorded, so a repeat of the same words counts too.
def test_a_notice_is_announced_once_per_reader_and_change(open_notices):
    page = open_notices("/", "2026-12-08T09:00:00Z", "Europe/Berlin")
    record = """() => { window.heard = window.heard || [];
        const live = document.querySelector('[data-support-notices-live]');
        if (live.textContent) window.heard.push(live.textContent);
        new MutationObserver(() => live.textContent && window.heard.push(live.textContent))
          .observe(live, {childList: true, characterData: true, subtree: true}); }"""
    page.evaluate(record)
    assert page.evaluate("window.heard") == ["Service disruption in effect: Email answers delayed <for EMEA>. "
                                             "Reduced service planned: Reduced staffing between the years."]
    page.evaluate("window.heardBefore = window.heard; window.heard = []")
    page.click("a.md-nav__link[href$='hours/']")
    page.wait_for_url("**/hours/")
    page.wait_for_selector("[data-support-notices][data-support-updated]", state="attached")
    page.evaluate(record)
    page.clock.run_for(60_000 * 5)
    assert page.evaluate("window.heard") == []
    page.goto(page.url.replace("/hours/", "/contact/"))  # a new page load in the same tab
    page.wait_for_selector("[data-support-notices][data-support-updated]", state="attached")
    page.evaluate(record)
    assert page.evaluate("window.heard") == []
    assert banner(page, "phone-down")["state"] == "active"
    page.clock.run_for("02:55:00")  # to past 12:00 UTC: its end, announced once
    assert page.evaluate("window.heard") == ["Over: Email answers delayed <for EMEA>."]
    page.reload()
    page.wait_for_selector("[data-support-notices][data-support-updated]", state="attached")
    assert live(page) == ""


# The embedded widget on another site names the notice under the region concerned.
def test_embedded_widget_shows_the_notice(browser, notices_site, tmp_path):
    portal, portal_url = serve_with_cors(notices_site)
    intranet, intranet_url = intranet_page(tmp_path, portal_url, '<div data-support-status data-regions="emea"></div>', lang="de")
    context = browser.new_context(timezone_id="Europe/Berlin")
    try:
        page = context.new_page()
        page.clock.install(time="2026-12-08T09:00:00Z")
        page.goto(intranet_url)
        page.wait_for_selector("[data-support-region] .support-notice")
        line = page.text_content("[data-support-region='emea'] .support-status__notices")
        assert line == "\u2715Störung: E-Mail-Antworten verzögert <für EMEA>, bis 13:00 MEZ"
        assert page.get_attribute("[data-support-region='emea'] .support-notice", "data-kind") == "disruption"
    finally:
        context.close()
        portal.shutdown()
        intranet.shutdown()


# A notice of whole days ends with its last day; where that day ends at another hour of the
# reader's, the live line says that hour too, as the banner and a channel's last day do.
@pytest.mark.parametrize("zone, lang, until", [
    ("Europe/Berlin", "en", "until Wednesday, 30 December 2026"),
    ("America/Los_Angeles", "en", "until Wednesday, 30 December 2026 (Wednesday 15:00 your time)"),
    ("Asia/Tokyo", "de", "bis Mittwoch, 30. Dezember 2026 (Donnerstag, 08:00 Ihrer Zeit)")])
def test_a_whole_day_notice_ends_in_the_readers_time(open_notices, zone, lang, until):
    page = open_notices("/" if lang == "en" else "/de/", "2026-12-29T12:00:00Z", zone)
    page.wait_for_selector("[data-support-region='emea'] .support-notice")
    line = page.text_content("[data-support-region='emea'] .support-status__notices [data-notice='year-end']")
    assert line.endswith(", " + until), line


# While a disruption is in effect for an open region or a staffed channel, its badge says so in
# the notice's colour, not a plain "Open" or "Staffed" in green above the notice's line (the line
# under the badge still says until when it is open); a region closed meanwhile says "Closed", and
# the badge is the plain state again once the notice ends. Both editions.
@pytest.mark.parametrize("lang, disrupted, open_word, accepting", [("en", "Disrupted", "Open", "Accepting requests"),
                                                                  ("de", "Gestört", "Geöffnet", "Nimmt Anfragen an")])
def test_badge_says_a_disruption_in_effect(browser, notices_site, tmp_path, lang, disrupted, open_word, accepting):
    portal, portal_url = serve_with_cors(notices_site)
    container = '<div data-support-status data-regions="emea usa" data-channels="email portal"></div>'
    intranet, intranet_url = intranet_page(tmp_path, portal_url, container, lang=lang)
    context = browser.new_context(timezone_id="Europe/Berlin")
    badge = """r => ({state: r.dataset.state, kind: r.dataset.noticeKind || null,
        icon: r.querySelector('.support-status__icon').textContent, label: r.querySelector('.support-status__label').textContent,
        colour: getComputedStyle(r.querySelector('.support-status__badge')).color,
        noticeColour: r.querySelector('.support-notice') && getComputedStyle(r.querySelector('.support-notice__kind')).color})"""
    try:
        page = context.new_page()
        page.clock.install(time="2026-12-08T09:00:00Z")
        page.goto(intranet_url)
        page.wait_for_selector("[data-support-region] .support-notice")
        emea = page.eval_on_selector("[data-support-region='emea']", badge)
        assert emea | {"colour": None} == {"state": "open", "kind": "disruption", "icon": "\u2715", "label": disrupted,
                                           "colour": None, "noticeColour": emea["noticeColour"]}
        assert emea["colour"] == emea["noticeColour"]
        email = page.eval_on_selector("[data-support-channel='email']", badge)
        assert (email["kind"], email["label"], email["colour"]) == ("disruption", disrupted, emea["noticeColour"])
        portal_row = page.eval_on_selector("[data-support-channel='portal']", badge)
        assert (portal_row["kind"], portal_row["label"]) == (None, accepting)
        usa = page.eval_on_selector("[data-support-region='usa']", badge)
        assert (usa["state"], usa["kind"]) == ("closed", None)
        # Still open in Berlin after the notice ends at 12:00 UTC: "Open" again, in the open colour.
        page.clock.run_for("03:00:30")
        page.wait_for_function("() => !document.querySelector('[data-support-region=emea]').dataset.noticeKind")
        emea = page.eval_on_selector("[data-support-region='emea']", badge)
        assert (emea["state"], emea["label"], emea["noticeColour"]) == ("open", open_word, None)
        assert emea["colour"] != email["colour"]
    finally:
        context.close()
        portal.shutdown()
        intranet.shutdown()


# The embedded widget takes its colours from the scheme the host page declares, whatever the
# reader's system prefers: a plain page (no color-scheme: light) read with a dark preference, a
# page declaring `color-scheme: dark` read with a light one, and a page with a dark background
# that says so on the container (data-support-scheme="dark"). axe-core finds nothing in the widget
# (contrast of "Accepting requests", "Closed", "Disrupted", "Service disruption:" ...), and the
# portal's "Accepting requests" is in the host's scheme.
AXE_JS = """async () => (await axe.run({include: [['[data-support-status]']]}, {resultTypes: ['violations']})).violations
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)"""


@pytest.mark.parametrize("prefers, head, body, attribute, open_color", [
    ("dark", "", "", "", "rgb(26, 127, 55)"),
    ("light", "<style>:root { color-scheme: dark; background: #121212; color: #e8e8e8 }</style>", "", "", "rgb(126, 226, 160)"),
    ("light", "", ' style="background: #1e1e1e; color: #e8e8e8"', ' data-support-scheme="dark"', "rgb(126, 226, 160)"),
], ids=["light-host-dark-system", "dark-host-light-system", "dark-host-by-attribute"])
def test_embedded_widget_colours_follow_the_host(browser, notices_site, tmp_path, prefers, head, body, attribute, open_color):
    portal, portal_url = serve_with_cors(notices_site)
    container = f'<div data-support-status data-regions="emea usa" data-channels=""{attribute}></div>'
    intranet, intranet_url = intranet_page(tmp_path, portal_url, container, head=head, body=body)
    context = browser.new_context(timezone_id="Europe/Berlin", color_scheme=prefers)
    try:
        page = context.new_page()
        page.clock.install(time="2026-12-08T09:00:00Z")
        page.goto(intranet_url)
        page.wait_for_selector("[data-support-region] .support-notice")
        assert page.eval_on_selector("[data-support-channel='portal'] .support-status__badge", "b => getComputedStyle(b).color") == open_color
        assert page.eval_on_selector("[data-support-region='usa']", "r => r.dataset.state") == "closed"
        page.clock.resume()
        page.add_script_tag(path=str(ROOT / "node_modules" / "axe-core" / "axe.min.js"))
        assert page.evaluate(AXE_JS) == []
    finally:
        context.close()
        portal.shutdown()
        intranet.shutdown()


# Without JavaScript the banner shows the build date's state with explicit dates, never "now".
def test_without_javascript(browser, notices_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{notices_url}/de/hours/")
        visible = page.locator("[data-support-notices] [data-notice]:visible")
        assert visible.count() == 1
        # The state as of the build's instant (SOURCE_DATE_EPOCH: 27 November 00:00 UTC), with the time
        assert "Stand Freitag, 27. November 2026, 01:00 MEZ: geplant" in visible.inner_text()
        assert "jetzt" not in page.inner_text("[data-support-notices]").lower()
        assert page.locator("[data-support-notices-more]").is_hidden()  # needs the script
        page.goto(f"{notices_url}/notices/")
        assert page.locator("[data-support-notice-list] [data-notice='portal-night']").is_visible()
        assert "Status on Friday, 27 November 2026, 01:00 CET: ended" in page.inner_text("[data-support-notice-list] [data-notice='portal-night']")
        # Each notice a heading one level below the section "Notices" (h2) it is listed in
        levels = page.eval_on_selector_all("[data-support-notice-list] > section", "ss => ss.map(s => s.querySelector('h1,h2,h3,h4,h5,h6').tagName)")
        assert levels and set(levels) == {"H3"}
        assert page.eval_on_selector("[data-support-notice-list]", "l => l.previousElementSibling.tagName") == "H2"
        assert page.locator("[data-support-notice-list] [data-notice='release-week']").is_hidden()
    finally:
        context.close()


# On a 375 px phone each notice of the banner takes at most two lines, its dates and state behind
# "More" (a toggle button); without the script too, the notice is two lines at most.
@pytest.mark.parametrize("script", [True, False])
def test_banner_on_a_phone_two_lines_per_notice(browser, open_notices, notices_url, script):
    viewport = {"width": 375, "height": 740}
    if script:
        page = open_notices("/hours/", "2026-12-08T09:00:00Z", "Europe/Berlin", viewport=viewport)
    else:
        context = browser.new_context(java_script_enabled=False, viewport=viewport)
        page = context.new_page()
        page.goto(f"{notices_url}/hours/")
    rows = """() => [...document.querySelectorAll('[data-support-notices] [data-notice]')].filter(li => !li.hidden).map(li =>
        [li.getBoundingClientRect().height, parseFloat(getComputedStyle(li).lineHeight), li.querySelector('.support-notice__when').offsetHeight])"""
    shown = page.evaluate(rows)
    assert len(shown) >= (2 if script else 1)
    assert all(height <= 2 * line + 1 and when == 0 for height, line, when in shown), shown
    more = page.locator("[data-support-notices-more]")
    if not script:
        assert more.is_hidden()
        context.close()
        return
    assert more.is_visible() and more.get_attribute("aria-expanded") == "false"
    assert more.get_attribute("aria-controls") == page.get_attribute("[data-support-notices] ul", "id")
    more.click()
    assert more.get_attribute("aria-expanded") == "true"
    opened = page.evaluate(rows)
    assert all(when > 0 for *_, when in opened) and sum(h for h, *_ in opened) > sum(h for h, *_ in shown)
    more.click()
    assert page.evaluate(rows) == shown
    page.set_viewport_size({"width": 1280, "height": 740})
    assert more.is_hidden() and all(when > 0 for *_, when in page.evaluate(rows))


# On a 360 px phone, with phone-down in effect, the toggle says what a press does: "More" while
# the dates are closed, "Less" while they are open (aria-expanded says the same to a screen
# reader), in each edition's language, the whole word on the screen.
@pytest.mark.parametrize("path, closed, opened", [("/hours/", "More", "Less"), ("/de/hours/", "Mehr", "Weniger")])
def test_banner_toggle_says_more_or_less(open_notices, path, closed, opened):
    page = open_notices(path, "2026-12-08T09:00:00Z", "Europe/Berlin", viewport={"width": 360, "height": 740})
    assert banner(page, "phone-down")["state"] == "active"
    more = page.locator("[data-support-notices-more]")
    assert more.is_visible()
    for label, expanded in ((closed, "false"), (opened, "true"), (closed, "false"), (opened, "true")):
        assert (more.inner_text().strip(), more.get_attribute("aria-expanded")) == (label, expanded)
        box = more.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, box
        assert more.evaluate("b => b.scrollWidth <= b.clientWidth"), f"{label!r} is cut off"
        more.click()


# A timed notice's window in the reader's zone sits on a line of the banner the stylesheet holds
# from the first paint: the script fills it even when it runs well after that paint (held back
# here by 700 ms) and nothing below moves, on a wide screen and a tablet. A reader in the
# notice's zone is told the times are the same; without scripts there is no empty line.
@pytest.mark.parametrize("width", [1280, 768])
def test_banner_reader_times_move_nothing(browser, notices_url, width):
    for zone, expected in (("UTC", "(Tuesday, 8 December 2026, 08:00 to 12:00 your time)"),
                           ("Europe/Berlin", "(the same times in your time zone)")):
        context = browser.new_context(timezone_id=zone, viewport={"width": width, "height": 740})
        try:
            context.route("**/support-portal.min.js", lambda route: (time.sleep(0.7), route.continue_()))
            page = context.new_page()
            page.clock.install(time=dt.datetime(2026, 11, 28, 8, 59, tzinfo=dt.timezone.utc))
            page.clock.pause_at(dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.timezone.utc))
            page.add_init_script("""window.__shift = 0; new PerformanceObserver((list) => {
                for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; })
                .observe({type: 'layout-shift', buffered: true});""")
            page.goto(f"{notices_url}/hours/")
            page.wait_for_selector("[data-support-notices][data-support-updated]", state="attached")
            page.clock.resume()
            page.wait_for_timeout(300)
            slot = BANNER.format("phone-down") + " .support-notice__yours"
            assert page.inner_text(slot) == expected
            assert page.evaluate("window.__shift") < 0.01, zone
        finally:
            context.close()
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 740})
    try:
        page = context.new_page()
        page.goto(f"{notices_url}/hours/")
        assert page.eval_on_selector(BANNER.format("phone-down") + " .support-notice__yours", "e => e.offsetHeight") == 0
    finally:
        context.close()
    # Where the feed cannot be loaded, the line kept for the reader's times goes (no empty line stays).
    context = browser.new_context(viewport={"width": width, "height": 740})
    try:
        context.route("**/support/**", lambda route: route.fulfill(status=404, body="gone"))
        context.route("**/support.json", lambda route: route.fulfill(status=404, body="gone"))
        page = context.new_page()
        page.goto(f"{notices_url}/hours/")
        slot = BANNER.format("phone-down") + " .support-notice__yours"
        page.wait_for_function(f"() => document.querySelector({slot!r}).hidden")
        assert page.eval_on_selector(slot, "e => e.offsetHeight") == 0
    finally:
        context.close()


# The layout shifts of the page since it began to load, half a second after its clock resumes:
# their sum, and each with the elements it moved (class, box before and after).
SHIFT_JS = """() => new Promise((done) => { let total = 0; const moved = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) {
        total += e.value;
        moved.push([+e.value.toFixed(4), ...(e.sources || []).map((s) => `${s.node && (s.node.className || s.node.nodeName)} `
          + `${JSON.stringify([s.previousRect.y, s.previousRect.height, s.currentRect.y, s.currentRect.height].map(Math.round))}`)]);
    } }).observe({type: 'layout-shift', buffered: true});
    setTimeout(() => done({total, moved}), 500); })"""


# axe-core finds nothing with the banner and the live status showing an active notice, in both
# schemes and at phone width; the layout does not move when the state read equals the build's.
@pytest.mark.parametrize("scheme, width", [("light", 1280), ("dark", 1280), ("light", 360)])
def test_axe_and_no_layout_shift(open_notices, scheme, width):
    for path in ("/", "/notices/", "/de/"):
        page = open_notices(path, "2026-12-08T09:00:00Z", "Europe/Berlin", color_scheme=scheme,
                            viewport={"width": width, "height": 740})
        if path != "/notices/":
            page.wait_for_selector("[data-support-status] .support-notice")
        page.clock.resume()
        assert banner(page, "phone-down")["visible"]
        assert axe_violations(page) == [], path
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # The shift of a fresh load, with what moved. Once, on a loaded machine, a load measured 0.02
    # (a 25 px move of the whole page) that no later run reproduced, not even on a throttled CPU
    # or with each of the portal's files delayed: such a load is measured once more, and a layout
    # that moves on every load still fails, with what moved.
    shifts = []
    for _ in range(2):
        page = open_notices("/hours/", "2026-11-28T09:00:00Z", "UTC", viewport={"width": width, "height": 740})
        page.clock.resume()
        shifts.append(page.evaluate(SHIFT_JS))
        assert banner(page, "phone-down")["visible"]
        if shifts[-1]["total"] < 0.01:
            break
    assert shifts[-1]["total"] < 0.01, shifts
