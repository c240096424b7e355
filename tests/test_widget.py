# The live status widget on the built default site, in Chromium with a fixed clock and the
# reader's time zone emulated: what each region shows, live updates, instant navigation, the
# page without JavaScript, embedding, accessibility.
#
# Default policy: emea Mon-Fri 10:00-18:00 Europe/Berlin, usa Mon-Fri 09:00-17:00
# America/New_York, both closed on Munich public holidays. 27 November 2026 is a Friday.

import contextlib
import datetime as dt
import http.server
import json
import mimetypes
import re
import shutil
import threading
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ROW = "[data-support-status] [data-support-region='{}']"


@pytest.fixture
def open_page(open_at):
    def open_page(path: str, when: str, zone: str = "UTC", wait: bool = True, **options):
        page = open_at(path, when, zone, **options)
        if wait:
            page.wait_for_selector("[data-support-status] [data-support-region]")
        return page

    return open_page


def region(page, region_id: str) -> dict:
    return page.eval_on_selector(ROW.format(region_id), """row => ({
        state: row.dataset.state,
        next: row.dataset.nextChange,
        label: row.querySelector('.support-status__label').textContent,
        icon: row.querySelector('.support-status__icon').textContent,
        detail: row.querySelector('.support-status__detail').textContent,
    })""")


def announcement(page) -> str:
    return page.text_content("[data-support-status] [role=status]")


# Friday afternoon in Tokyo: both regions open, closing times in their zones and in Tokyo's.
def test_open_shows_closing_time_in_both_zones(open_page):
    page = open_page("/", "2026-11-27T14:45:00Z", "Asia/Tokyo")
    emea, usa = region(page, "emea"), region(page, "usa")
    assert emea == {
        "state": "open", "next": "2026-11-27T17:00:00.000Z", "label": "Open", "icon": "\u2713",
        "detail": "Closes at 18:00 CET (Saturday 02:00 your time), in 2 hr 15 min.",
    }
    assert usa["state"] == "open" and usa["next"] == "2026-11-27T22:00:00.000Z"
    assert usa["detail"] == "Closes at 17:00 EST (Saturday 07:00 your time), in 7 hr 15 min."
    assert announcement(page) == ""


# The reader's own time follows the emulated zone; the region's time and the instant do not.
@pytest.mark.parametrize("zone, emea_yours, usa_yours", [
    ("UTC", "17:00 your time", "22:00 your time"),
    ("Asia/Kolkata", "22:30 your time", "Saturday 03:30 your time"),
    ("Pacific/Chatham", "06:45 your time", "11:45 your time"),  # already Saturday there
    ("America/Chicago", "11:00 your time", "16:00 your time"),
    ("Asia/Tokyo", "Saturday 02:00 your time", "Saturday 07:00 your time"),
])
def test_reader_time_zones(open_page, zone, emea_yours, usa_yours):
    page = open_page("/", "2026-11-27T14:45:00Z", zone)
    emea, usa = region(page, "emea"), region(page, "usa")
    assert (emea["next"], usa["next"]) == ("2026-11-27T17:00:00.000Z", "2026-11-27T22:00:00.000Z")
    assert emea["detail"] == f"Closes at 18:00 CET ({emea_yours}), in 2 hr 15 min."
    assert usa["detail"] == f"Closes at 17:00 EST ({usa_yours}), in 7 hr 15 min."


# A reader in the region's own zone is not told the same time twice.
def test_same_zone_shows_one_time(open_page):
    page = open_page("/", "2026-11-27T14:45:00Z", "Europe/Berlin")
    assert region(page, "emea")["detail"] == "Closes at 18:00 CET, in 2 hr 15 min."
    assert region(page, "usa")["detail"] == "Closes at 17:00 EST (23:00 your time), in 7 hr 15 min."


# Good Friday: closed, the holiday named as the pages name it (with its official name), next opening
# on Easter Tuesday (summer time by then).
def test_good_friday(open_page):
    page = open_page("/hours/", "2026-04-03T10:00:00Z", "UTC")
    emea, usa = region(page, "emea"), region(page, "usa")
    assert emea["state"] == "closed" and emea["label"] == "Closed" and emea["icon"] == "\u2715"
    assert emea["next"] == "2026-04-07T08:00:00.000Z"
    assert emea["detail"] == "Closed today for Good Friday (Karfreitag). Opens Tuesday 10:00 CEST (Tuesday 08:00 your time), in 3 days 22 hr."
    assert usa["next"] == "2026-04-07T13:00:00.000Z"
    assert usa["detail"] == "Closed today for Good Friday (Karfreitag). Opens Tuesday 09:00 EDT (Tuesday 13:00 your time), in 4 days 3 hr."


# Easter Monday in the English edition: the official name is German, in an element that says so
# (a screen reader says "Ostermontag" in German); the words are the same. In the status line and
# in the hours page's sentence on the day's closure.
def test_official_name_is_marked_with_its_language(open_page):
    page = open_page("/hours/", "2026-04-06T10:00:00Z", "UTC")
    page.wait_for_selector("[data-support-next-closure][data-support-updated]")
    for region_id in ("emea", "usa"):
        detail = page.locator(f"{ROW.format(region_id)} .support-status__detail")
        assert detail.text_content().startswith("Closed today for Easter Monday (Ostermontag). Opens Tuesday")
        assert detail.evaluate("""e => [...e.querySelectorAll('[lang]')].map(x => [x.lang, x.textContent, x.children.length])""") \
            == [["de", "Ostermontag", 0]]
    sentence = page.locator("[data-support-next-closure]")
    assert "Easter Monday (Ostermontag)" in sentence.text_content()
    assert sentence.evaluate("e => [...e.querySelectorAll('[lang]')].map(x => [x.lang, x.textContent])") == [["de", "Ostermontag"]]


# The German edition: the same day's German name is the official one, said once and not marked.
def test_official_name_in_the_pages_language_is_not_marked(open_page):
    page = open_page("/de/hours/", "2026-04-06T10:00:00Z", "UTC", locale="de-DE")
    page.wait_for_selector("[data-support-next-closure][data-support-updated]")
    detail = page.locator(f"{ROW.format('emea')} .support-status__detail")
    assert detail.text_content().startswith("Heute geschlossen: Ostermontag. Öffnet")
    assert page.locator("[data-support-status] [lang], [data-support-next-closure] [lang]").count() == 0


# The weeks when New York is on summer time and Berlin is not.
def test_eu_us_mismatch_week(open_page):
    page = open_page("/", "2026-03-24T12:00:00Z", "Europe/Berlin")
    assert region(page, "emea")["detail"] == "Closes at 18:00 CET, in 5 hr."
    usa = region(page, "usa")
    assert usa["state"] == "closed" and usa["next"] == "2026-03-24T13:00:00.000Z"
    assert usa["detail"] == "Opens at 09:00 EDT (14:00 your time), in 1 hr."


# Beyond the published dates the state is unknown and said so.
def test_beyond_horizon(open_page):
    page = open_page("/", "2028-01-03T12:00:00Z", "UTC")
    for region_id in ("emea", "usa"):
        row = region(page, region_id)
        assert (row["state"], row["next"], row["label"]) == ("unknown", "", "Unknown")
        assert row["detail"] == "The support schedule is not published that far ahead."


# Before them (a reader's clock set a year back) too: when the published schedule begins, not that
# it is not published that far ahead.
def test_before_horizon(open_page):
    page = open_page("/", "2025-12-20T12:00:00Z", "Europe/Lisbon")
    emea, usa = region(page, "emea"), region(page, "usa")
    assert (emea["state"], emea["label"], emea["next"]) == ("unknown", "Unknown", "2025-12-31T23:00:00.000Z")
    assert emea["detail"] == ("The published schedule begins Thursday, 1 January 2026, 00:00 CET "
                              "(Wednesday, 31 December 2025, 23:00 your time).")
    assert (usa["state"], usa["next"]) == ("unknown", "2026-01-01T05:00:00.000Z")
    assert usa["detail"].startswith("The published schedule begins Thursday, 1 January 2026, 00:00 EST ")


def test_last_evening_of_horizon(open_page):
    page = open_page("/", "2027-12-31T20:00:00Z", "UTC")
    emea = region(page, "emea")
    assert (emea["state"], emea["next"]) == ("closed", "2027-12-31T23:00:00.000Z")
    assert emea["detail"] == "The published schedule ends Saturday 00:00 CET (23:00 your time)."


# The clock passes the closing minute: state, next change and the announcement follow,
# while the minute ticks in between only update the countdown, silently.
def test_live_update_at_closing(open_page):
    page = open_page("/", "2026-11-27T16:58:30Z", "Europe/Berlin")
    assert region(page, "emea")["detail"] == "Closes at 18:00 CET, in 2 min."
    page.clock.run_for(60_000)
    assert region(page, "emea")["detail"] == "Closes at 18:00 CET, in 1 min."
    assert region(page, "emea")["state"] == "open"
    assert announcement(page) == ""
    page.clock.run_for(60_000)
    emea = region(page, "emea")
    assert (emea["state"], emea["next"]) == ("closed", "2026-11-30T09:00:00.000Z")
    assert emea["detail"] == "Opens Monday 10:00 CET, in 2 days 16 hr."
    assert announcement(page) == "EMEA support is now closed."
    assert region(page, "usa")["state"] == "open"
    page.clock.run_for("05:00:00")
    assert region(page, "usa")["state"] == "closed"
    assert announcement(page) == "USA support is now closed."


# Material's instant navigation swaps the page content without a reload; the widget follows.
# Material only navigates instantly to the sitemap's URLs, which carry the site's own address,
# so the site is served at that address here (Playwright answers its requests from site/).
def test_instant_navigation(browser, site):
    base = re.search(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text()).group(1)
    context = browser.new_context(timezone_id="UTC")
    try:
        context.route(f"{base}**", partial(serve_from, site, base))
        page = context.new_page()
        page.clock.install(time="2026-11-27T14:45:00Z")
        page.goto(base)
        page.wait_for_selector("[data-support-status] [data-support-region='emea']")
        page.evaluate("window.notReloaded = true")
        page.click("nav.md-nav--primary a[href$='hours/']")
        page.wait_for_url(f"{base}hours/")
        page.wait_for_selector("[data-support-status] [data-support-region='emea']")
        assert page.evaluate("window.notReloaded") is True
        assert region(page, "emea")["next"] == "2026-11-27T17:00:00.000Z"
        # The day's statements are restated on pages reached this way too.
        page.wait_for_selector("[data-support-next-closure][data-date='2026-12-25']")
        assert page.inner_text("[data-support-next-closure]").startswith("The next closure is Christmas Day")
        page.click("nav.md-nav--primary a[href$='holidays/']")
        page.wait_for_url(f"{base}holidays/")
        page.wait_for_selector(".support-next__label:text-is('Next closure:')")
        assert page.eval_on_selector_all("tr.support-next", "(rows) => rows.map((r) => r.dataset.date)") == ["2026-12-25"]
        page.click("nav.md-nav--primary a[href$='priorities/']")
        page.wait_for_url(f"{base}priorities/")
        page.wait_for_selector("[data-support-calculator] output:not(:empty)")
        page.click("nav.md-nav--primary a[href$='hours/']")
        page.wait_for_url(f"{base}hours/")
        page.wait_for_selector("[data-support-status] [data-support-region='emea']")
        assert page.evaluate("window.notReloaded") is True
        assert page.locator("[data-support-status]").count() == 1
        page.clock.run_for("02:15:00")
        assert region(page, "emea")["state"] == "closed"
        assert announcement(page) == "EMEA support is now closed."
    finally:
        context.close()


# Without JavaScript the static tables carry the facts; the empty widgets stay out of sight.
def test_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/hours/")
        assert page.locator("article table").count() >= 1
        assert page.locator("article table").first.is_visible()
        # Without the script the container shows each region's weekly hours, no live state.
        status = page.inner_text("[data-support-status]")
        assert "Monday to Friday 10:00–18:00 CET/CEST" in status and "Monday to Friday 09:00–17:00 EST/EDT" in status
        assert page.locator("[data-support-status] [data-state], [data-support-region]").count() == 0
        # ... and says so, beside the page's "live status" and "open right now".
        assert "Without JavaScript these are each region's weekly hours in its own time zone, not whether" in status
        page.goto(f"{site_url}/priorities/")
        assert page.locator("article table").first.is_visible()
        assert page.locator("[data-support-calculator]").is_hidden()
        # The calculator's section says where the answer is.
        said = page.locator("h2:has-text('When will I hear back?') ~ noscript p").first
        assert said.is_visible() and said.inner_text().startswith("The calculator needs JavaScript."), said.inner_text()
    finally:
        context.close()
    # With it, neither line shows.
    context = browser.new_context()
    try:
        page = context.new_page()
        for path in ("/", "/priorities/"):
            page.goto(f"{site_url}{path}")
            page.wait_for_selector("[data-support-updated]")
            assert "JavaScript" not in page.inner_text("article"), path
    finally:
        context.close()


# On paper the live status and the calculator say when the browser wrote them, in the reader's
# time and the pages' date form: a printout read the next day says "Closes at 18:00" of that
# moment, not of the day it is read. On screen the line is not shown (nor read).
# A reader in a zone the policy does not use gets "your time", not the browser's names ("GMT+9").
@pytest.mark.parametrize("lang, prefix, reader, day, time, zone", [
    ("en", "", "Europe/Berlin", 2, "12:00", "CET"), ("de", "de/", "Europe/Berlin", 2, "12:00", "MEZ"),
    ("en", "", "Asia/Tokyo", 2, "20:00", None), ("de", "de/", "America/Los_Angeles", 2, "03:00", None)])
def test_printed_live_parts_say_when_they_were_written(open_at, lang, prefix, reader, day, time, zone):
    from supportportal import catalog, textfmt
    words = catalog.get(lang)
    date = textfmt.format_long_date(dt.date(2026, 12, day), lang)
    at = words("notices.moment", date=date, time=time, zone=zone) if zone else \
        words("notices.moment", date=date, time=words("widget.yours", time=time), zone="").strip()
    expected = words("widget.as_of", at=at)
    for path, stamp in (("", "[data-support-status] .support-widget__as-of"),
                        ("priorities/", "[data-support-calculator] .support-widget__as-of")):
        page = open_at(f"/{prefix}{path}", "2026-12-02T11:00:00Z", reader)
        page.wait_for_selector(stamp, state="attached")
        page.wait_for_function(f"() => document.querySelector({stamp!r}).textContent")
        assert page.locator(stamp).is_hidden()
        page.emulate_media(media="print")
        assert page.locator(stamp).is_visible()
        assert page.inner_text(stamp) == expected


# No inline handlers or scripts in what the widget renders, and no request leaves the portal.
# The home page (the live status) loads one script and one stylesheet of the portal's own and the
# compact feed; the priorities page also the calculator's and the page widgets' scripts.
def test_no_inline_code_and_no_foreign_requests(browser, site_url):
    portal = {"/assets/javascripts/support-portal.min.js", "/assets/stylesheets/support-portal.min.css",
              "/support/all_regions.json"}
    for path, ready, loaded in (
            ("/", "[data-support-status] [data-support-region]", portal),
            ("/priorities/", "[data-support-calculator] output:not(:empty)",
             portal | {"/assets/javascripts/support-portal-calculator.min.js", "/assets/javascripts/support-portal-pages.min.js"})):
        context = browser.new_context(timezone_id="UTC")
        try:
            page = context.new_page()
            requests = []
            page.on("request", lambda request: requests.append(request.url))
            page.clock.install(time="2026-11-27T14:45:00Z")
            page.goto(f"{site_url}{path}")
            page.wait_for_selector(ready)
            page.wait_for_function("() => [...document.querySelectorAll('[data-support-ready]')].every((r) => r.hasAttribute('data-support-updated'))")
            inline = page.evaluate("""() => [...document.querySelectorAll('[data-support-status] *, [data-support-calculator] *')]
                .flatMap((el) => [...el.attributes].map((a) => a.name).filter((n) => n.startsWith('on') || n == 'style')
                .concat(el.tagName == 'SCRIPT' ? ['script'] : []))""")
            assert inline == []
            ours = [url for url in requests if "support" in urlsplit(url).path]
            # (support.json is written out for integrations; the words are in the page)
            assert {urlsplit(url).path for url in ours} == loaded, path
            # The page names the widget scripts it needs beyond the first, so they load beside it.
            preloaded = page.eval_on_selector_all("link[rel=modulepreload]", "ls => ls.map((l) => new URL(l.href).pathname)")
            assert set(preloaded) == {p for p in loaded if p.endswith(".js")} - {"/assets/javascripts/support-portal.min.js"}, path
            assert not [url for url in requests if "/locales/" in url]
            origin = urlsplit(site_url).netloc
            assert all(urlsplit(url).netloc == origin for url in ours), ours
        finally:
            context.close()


# Each edition's pages carry the browser words of their language, the same as locales/<lang>.json.
def test_pages_carry_their_words(site):
    for page, lang in (("index.html", "en"), ("de/index.html", "de"), ("de/hours/index.html", "de")):
        scripts = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser").select("script[data-support-words]")
        assert [s["data-support-words"] for s in scripts] == [lang] and scripts[0]["type"] == "application/json"
        assert json.loads(scripts[0].string) == json.loads((site / f"assets/javascripts/locales/{lang}.json").read_text(encoding="utf-8"))


# The German edition: German texts, German date and duration formats, German holiday names.
def test_german_edition(open_page):
    page = open_page("/de/", "2026-04-03T10:00:00Z", "UTC", locale="de-DE")
    emea = region(page, "emea")
    assert (emea["state"], emea["label"]) == ("closed", "Geschlossen")
    assert emea["detail"] == "Heute geschlossen: Karfreitag. Öffnet Dienstag, 10:00 MESZ (Dienstag, 08:00 Ihrer Zeit), noch 3 Tage, 22 Stunden."


# Embedded in another site's page, on another origin: the script finds its feed and stylesheet
# next to itself, and data-regions restricts the regions shown; showing one region, it reads
# that region's feed (support/usa.json), not every region's.
def test_embedded_on_another_site(browser, site, tmp_path):
    portal, portal_url = serve_with_cors(site)
    intranet, intranet_url = intranet_page(tmp_path, portal_url, '<div data-support-status data-regions="usa"><a href="#">Support hours</a></div>')
    context = browser.new_context(timezone_id="America/Chicago")
    try:
        page = context.new_page()
        feeds = []
        page.on("request", lambda request: request.url.endswith(".json") and "/locales/" not in request.url
                and feeds.append(request.url[len(portal_url):]))
        page.clock.install(time="2026-11-27T14:45:00Z")
        page.goto(intranet_url)
        page.wait_for_selector("[data-support-region]")
        assert feeds == ["/support/usa.json"]
        assert page.eval_on_selector_all("[data-support-region]", "rows => rows.map(r => r.dataset.supportRegion)") == ["usa"]
        assert region(page, "usa")["detail"] == "Closes at 17:00 EST (16:00 your time), in 7 hr 15 min."
        assert page.locator("text=Support hours").count() == 0
        stylesheets = page.eval_on_selector_all("link[rel=stylesheet]", "links => links.map(l => l.href)")
        assert stylesheets == [f"{portal_url}/assets/stylesheets/support-widget.css"]
        assert page.eval_on_selector(".support-status__list", "el => getComputedStyle(el).listStyleType") == "none"
    finally:
        context.close()
        portal.shutdown()
        intranet.shutdown()


# Ids the portal does not have (a typo, a channel of another portal, a region's name in place of
# its id): none of them found, the element keeps what the embedding page put in it (the fallback
# link) below the note a failed load shows, here naming the ids; the browser's console names them
# and the ids there are. The widget reads the feed with every region for an id it does not know.
@pytest.mark.parametrize("attributes, lang, note, warned", [
    ('data-regions="usaa"', "en", "The live support status could not be shown. Unknown region or channel: usaa.",
     ['"usaa"', "emea, usa"]),
    ('data-channels="hotline"', "en", "The live support status could not be shown. Unknown region or channel: hotline.",
     ['"hotline"', "portal, email, form"]),
    ('data-channels="hotline" data-regions="apac"', "de",
     "Der Live-Status des Supports konnte nicht angezeigt werden. Unbekannte Region oder unbekannter Kanal: apac, hotline.",
     ['"hotline"', "portal, email, form", '"apac"', "emea, usa"]),
])
def test_embedded_with_unknown_ids(browser, site, tmp_path, attributes, lang, note, warned):
    with embedded_with_a_link(browser, site, tmp_path, attributes, lang) as (page, warnings):
        page.wait_for_selector("[data-support-status] .support-widget__error")
        assert page.inner_text("[data-support-status] .support-widget__error") == note
        assert page.locator("[data-support-status] a[href='/hours']").inner_text() == "Support hours"
        assert page.locator("[data-support-status]").is_visible()
        assert page.locator("[data-support-region], [data-support-channel]").count() == 0
        assert len(warnings) == attributes.count("=")
        for part in warned:
            assert any(part in warning for warning in warnings), (part, warnings)


# The embedded status with `attributes` and a link inside, on another site in Chicago at a fixed
# clock, once the portal's feed is read: the page, and the console's warnings as they come.
@contextlib.contextmanager
def embedded_with_a_link(browser, site, tmp_path, attributes: str, lang: str = "en"):
    portal, portal_url = serve_with_cors(site)
    intranet, intranet_url = intranet_page(
        tmp_path, portal_url, f'<div data-support-status {attributes}><a href="/hours">Support hours</a></div>', lang=lang)
    context = browser.new_context(timezone_id="America/Chicago")
    try:
        page = context.new_page()
        warnings = []
        page.on("console", lambda message: message.type == "warning" and warnings.append(message.text))
        page.clock.install(time="2026-11-27T14:45:00Z")
        with page.expect_response(lambda r: r.url == f"{portal_url}/support/all_regions.json"):
            page.goto(intranet_url)
        yield page, warnings
    finally:
        context.close()
        portal.shutdown()
        intranet.shutdown()


# Ids are matched exactly, but an id in other capitals or a region's or channel's name in any
# language ("EMEA", the German "E-Mail") is taken, with a warning naming the id to write; of
# several ids, those that exist are shown (in the policy's order) and the others named in one
# warning after those. A name with a space cannot be given: the ids are separated by spaces.
@pytest.mark.parametrize("attributes, regions, channels, warned", [
    ('data-regions="EMEA"', ["emea"], [], [['"EMEA"', '"emea"']]),
    ('data-regions="Usa emea"', ["emea", "usa"], [], [['"Usa"', '"usa"']]),
    ('data-regions="usa nowhere"', ["usa"], [], [['"nowhere"', "emea, usa"]]),
    ('data-channels="E-Mail hotline"', [], ["email"], [['"E-Mail"', '"email"'], ['"hotline"', "portal, email, form"]]),
    ('data-channels="Support Portal" data-regions="emea"', ["emea"], ["portal"],
     [['"Portal"', '"portal"'], ['"Support"', "portal, email, form"]]),
])
def test_embedded_ids_in_other_capitals_or_by_name(browser, site, tmp_path, attributes, regions, channels, warned):
    with embedded_with_a_link(browser, site, tmp_path, attributes) as (page, warnings):
        page.wait_for_selector("[data-support-status][data-support-updated]", state="attached")
        assert page.eval_on_selector_all("[data-support-region]", "rows => rows.map(r => r.dataset.supportRegion)") == regions
        assert page.eval_on_selector_all("[data-support-channel]", "rows => rows.map(r => r.dataset.supportChannel)") == channels
        assert page.locator(".support-widget__error").count() == 0
        assert page.locator("[data-support-status] a[href='/hours']").count() == 0
        assert len(warnings) == len(warned), warnings
        for parts, warning in zip(warned, warnings):
            assert all(part in warning for part in parts), (parts, warning)


# Feeds a host does not serve to another site: a region's own feed (support/usa.json missing),
# or every compact one (a CORS setup made for support.json only). The widget falls back to the
# feed with every region, then to support.json, and shows the regions just the same.
@pytest.mark.parametrize("container, missing, read, shown", [
    ('<div data-support-status data-regions="usa"></div>', "/support/usa.json", "/support/all_regions.json", ["usa"]),
    ("<div data-support-status></div>", "/support/**", "/support.json", ["emea", "usa"]),
])
def test_embedded_when_a_feed_is_not_served(browser, site, tmp_path, container, missing, read, shown):
    portal, portal_url = serve_with_cors(site)
    intranet, intranet_url = intranet_page(tmp_path, portal_url, container)
    context = browser.new_context(timezone_id="America/Chicago")
    try:
        context.route(portal_url + missing, lambda route: route.fulfill(status=404, body="not found"))
        page = context.new_page()
        page.clock.install(time="2026-11-27T14:45:00Z")
        with page.expect_response(lambda r: r.url == portal_url + read):
            page.goto(intranet_url)
        page.wait_for_selector("[data-support-region][data-state]")
        assert page.eval_on_selector_all("[data-support-region]", "rows => rows.map(r => r.dataset.supportRegion)") == shown
        assert region(page, "usa")["detail"] == "Closes at 17:00 EST (16:00 your time), in 7 hr 15 min."
    finally:
        context.close()
        portal.shutdown()
        intranet.shutdown()


# The embedding guide (content/embed.md) shows the snippet and runs it as a live example.
def test_embed_page(open_page):
    page = open_page("/embed/", "2026-11-27T14:45:00Z", "Asia/Kolkata")
    snippet = page.locator("article pre").first.inner_text()
    assert '<script type="module" src="' in snippet and '/assets/javascripts/support-widget.min.js"></script>' in snippet
    assert "<div data-support-status></div>" in snippet
    assert region(page, "emea")["detail"] == "Closes at 18:00 CET (22:30 your time), in 2 hr 15 min."
    assert region(page, "usa")["detail"] == "Closes at 17:00 EST (Saturday 03:30 your time), in 7 hr 15 min."
    # The live example's fallback link is replaced by the status.
    assert not page.locator("article [data-support-status] a").count()


# If its feed cannot be read, the widget says so instead of staying empty, and the page's own
# content in it (the hours of each region, as built) stays.
def test_feed_missing(browser, site, tmp_path):
    broken = tmp_path / "site"
    shutil.copytree(site, broken)
    (broken / "support" / "all_regions.json").unlink()
    (broken / "support.json").unlink()
    server, url = serve_with_cors(broken)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{url}/")
        page.wait_for_selector("[data-support-status] .support-widget__error")
        said = page.inner_text("[data-support-status]")
        assert said.startswith("The live support status could not be loaded.\n"), said
        assert "EMEA" in said and "Monday to Friday 10:00–18:00 CET/CEST" in said, said
    finally:
        context.close()
        server.shutdown()


# Narrow screens: nothing sticks out sideways.
def test_mobile_width(open_page):
    page = open_page("/", "2026-04-03T10:00:00Z", "Asia/Kolkata", viewport={"width": 320, "height": 640})
    overflow = page.eval_on_selector("[data-support-status]", "el => el.scrollWidth - el.clientWidth")
    assert overflow <= 0
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


# axe-core finds nothing in the widget, open and closed, in the light and the dark scheme.
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("when", ["2026-11-27T14:45:00Z", "2026-04-03T10:00:00Z", "2028-01-03T12:00:00Z"])
def test_axe(open_page, scheme, when):
    assert AXE.exists(), f"axe-core not found at {AXE}: run `npm ci`"
    page = open_page("/hours/", when, "UTC", color_scheme=scheme)
    expected_scheme = "slate" if scheme == "dark" else "default"
    assert page.get_attribute("body", "data-md-color-scheme") == expected_scheme
    page.clock.resume()  # axe-core waits on timers
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => (await axe.run({include: [['[data-support-status]']]})).violations
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)""")
    assert violations == []


# Helper functions

class _CorsHandler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def log_message(self, *args):
        pass


# A Playwright route handler that answers requests under `base` with the files of `site`.
def serve_from(site: Path, base: str, route):
    file = site / unquote(urlsplit(route.request.url[len(base):]).path)
    if file.is_dir():
        file = file / "index.html"
    if not file.is_file():
        return route.fulfill(status=404, body="not found")
    route.fulfill(path=str(file), content_type=mimetypes.guess_type(file.name)[0] or "application/octet-stream")


# Another site's page (an intranet, on another origin) embedding the widget from `portal_url`
# with the container `container`; served with CORS. Returns the server and the page's address.
def intranet_page(tmp_path: Path, portal_url: str, container: str, lang: str = "en", head: str = "", body: str = ""):
    other = tmp_path / "intranet"
    other.mkdir()
    (other / "index.html").write_text(
        f'<!doctype html><html lang="{lang}"><head><title>Intranet</title>{head}</head><body{body}>'
        f'<script type="module" src="{portal_url}/assets/javascripts/support-widget.min.js"></script>'
        f'{container}</body></html>')
    server, url = serve_with_cors(other)
    return server, f"{url}/index.html"


def serve_with_cors(directory: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_CorsHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


# A page widget's module that fails to load (a tab kept open across a publication: this page's
# script and the module on the server no longer match) makes the page load once more, whole, and
# the widgets then come; when it keeps failing the page is not loaded again and keeps its text.
@pytest.mark.parametrize("keeps_failing", [False, True])
def test_a_widget_module_that_fails_to_load_reloads_the_page_once(browser, site_url, keeps_failing):
    context = browser.new_context(timezone_id="UTC")
    try:
        page = context.new_page()
        page.clock.install(time="2026-11-27T14:45:00Z")
        documents, failed = [], []
        page.on("request", lambda request: request.resource_type == "document" and documents.append(request.url))

        def chunk(route):
            if keeps_failing or len(documents) < 2:  # fails for the first load of the page
                failed.append(len(documents))
                route.fulfill(status=404, body="gone")
            else:
                route.continue_()

        page.route("**/support-portal-pages.min.js", chunk)
        page.goto(f"{site_url}/holidays/")
        for _ in range(100):  # the page is loaded again after the first failure
            if len(documents) == 2:
                break
            page.wait_for_timeout(100)
        assert len(documents) == 2
        if not keeps_failing:
            page.wait_for_selector("[data-support-calendar][data-support-updated]")
            assert set(failed) == {1}
        else:
            page.wait_for_timeout(1500)
            assert len(documents) == 2 and set(failed) == {1, 2}
            assert page.locator("[data-support-calendar][data-support-updated]").count() == 0
            assert page.locator("[data-support-calendar] table").count() >= 1  # the page's own calendar stays
    finally:
        context.close()


# Built on 1 January at 03:23 UTC (the weekly build on a Monday 1 January), when it is still 31
# December in New York: the published schedule starts the year before, so the USA's live status
# that evening is its real state (closed on Thursday night), not "not published that far ahead".
def test_a_build_on_new_years_morning_covers_new_years_eve_west_of_utc(browser, tmp_path):
    import datetime as dt

    from conftest import copy_project, run_build, serve_directory

    project = copy_project(tmp_path / "project")
    built_at = dt.datetime(2027, 1, 1, 3, 23, tzinfo=dt.timezone.utc)
    build = run_build(project, epoch=str(int(built_at.timestamp())))
    assert build.ok, build.output
    assert json.loads((build.site / "support.json").read_text())["horizon"]["first_date"] == "2026-01-01"
    server, url = serve_directory(build.site)
    context = browser.new_context(timezone_id="America/New_York")
    context.clock.set_fixed_time(built_at + dt.timedelta(minutes=7))
    try:
        page = context.new_page()
        page.goto(f"{url}/")
        page.wait_for_selector("[data-support-region='usa'][data-state]")
        usa = page.locator("[data-support-region='usa']")
        assert usa.get_attribute("data-state") == "closed", usa.inner_text()
        assert "not published" not in usa.inner_text()
    finally:
        context.close()
        server.shutdown()
