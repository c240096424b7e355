# What readers see of contact channels with hours of their own: the contact page (its stated
# hours, and the live line the browser keeps current), the priorities page and calculator for
# priorities answered via a channel, the status widget with data-channels, and the closures that
# name channels on the holiday page and in support.ics.
#
# Site: the channels fixture (tests/fixtures/policies/channels), built once. Hotline Mon-Fri
# 08:00-20:00 Europe/Berlin, for p1 only, closed on Munich holidays, not staffed outside its
# hours; chat Mon-Fri 13:00-17:00 America/New_York with closures of its own; email on EMEA's
# hours, accepting requests at any hour; the portal around the clock. 27 November 2026 is a Friday.

import datetime as dt
import html
import shutil
from urllib.parse import urlsplit

import icalendar
import pytest
from bs4 import BeautifulSoup

from channel_fixture import FIXTURE, TODAY
from channel_fixture import policy as fixture_policy
from conftest import ROOT, copy_project, run_build, serve_directory
from conftest import words_of as text_with_marks
from quality import axe_violations
from supportportal import ics, render
from supportportal.loading import load_policy
from timelimit import time_limit

LIVE = "[data-channel='{}'] .support-channel__live"


@pytest.fixture(scope="session")
def channel_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("channels") / "project")
    for path in FIXTURE.glob("*.yml"):
        shutil.copy2(path, project / "policy" / path.name)
    build = run_build(project)
    assert build.ok, build.output
    server, url = serve_directory(build.site)
    yield build.site, url
    server.shutdown()


# A page of the channels site in a viewer zone, the clock frozen at `when` (ISO, UTC).
@pytest.fixture
def open_channels(browser, channel_site):
    contexts = []

    def open_channels(path: str, when: str, zone: str, **options):
        context = browser.new_context(timezone_id=zone, **options)
        contexts.append(context)
        page = context.new_page()
        at = dt.datetime.fromisoformat(when.replace("Z", "+00:00"))
        page.clock.install(time=at - dt.timedelta(minutes=1))
        page.clock.pause_at(at)
        page.goto(channel_site[1] + path)
        return page

    yield open_channels
    for context in contexts:
        context.close()


def live_lines(page) -> dict:
    page.wait_for_selector(".support-channel__live:not([hidden])")
    return {cid: page.inner_text(LIVE.format(cid)) for cid in ("email", "hotline", "chat")}


def soup(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# Its words as read, a name marked with its language ("(<span lang=de>Allerheiligen</span>)") inline.
def words(element) -> str:
    return text_with_marks(element)


# The contact page in the browser, at fixed clocks, in Berlin and in Los Angeles

CONTACT_CASES = {
    # Friday afternoon: the hotline and email staffed, the chat opens later today (New York).
    "friday afternoon": ("2026-11-27T14:45:00Z", {
        "Europe/Berlin": {
            "email": "Staffed now, until 18:00 CET.",
            "hotline": "Staffed now, until 20:00 CET.",
            "chat": "Not staffed now; next staffed at 13:00 EST (19:00 your time).",
        },
        "America/Los_Angeles": {
            "email": "Staffed now, until 18:00 CET (09:00 your time).",
            "hotline": "Staffed now, until 20:00 CET (11:00 your time).",
            "chat": "Not staffed now; next staffed at 13:00 EST (10:00 your time).",
        },
    }),
    # Friday evening in Berlin: the hotline next staffed on Monday, email taking requests.
    "friday evening": ("2026-11-27T19:30:00Z", {
        "Europe/Berlin": {
            "email": "Not staffed now; requests are accepted any time and answered from Monday 10:00 CET.",
            "hotline": "Not staffed now; next staffed Monday 08:00 CET.",
            "chat": "Staffed now, until 17:00 EST (23:00 your time).",
        },
        "America/Los_Angeles": {
            "email": "Not staffed now; requests are accepted any time and answered from Monday 10:00 CET (Monday 01:00 your time).",
            "hotline": "Not staffed now; next staffed Monday 08:00 CET (Sunday 23:00 your time).",
            "chat": "Staffed now, until 17:00 EST (14:00 your time).",
        },
    }),
    # The Friday before Berlin's clocks go forward (29 March), three weeks after Los Angeles':
    # Monday 08:00 is CEST, which is Sunday 23:00 in Los Angeles (PDT) but 08:00 in Berlin.
    "before the EU spring change": ("2026-03-27T19:30:00Z", {
        "Europe/Berlin": {
            "email": "Not staffed now; requests are accepted any time and answered from Monday 10:00 CEST.",
            "hotline": "Not staffed now; next staffed Monday 08:00 CEST.",
            "chat": "Staffed now, until 17:00 EDT (22:00 your time).",
        },
        "America/Los_Angeles": {
            "email": "Not staffed now; requests are accepted any time and answered from Monday 10:00 CEST (Monday 01:00 your time).",
            "hotline": "Not staffed now; next staffed Monday 08:00 CEST (Sunday 23:00 your time).",
            "chat": "Staffed now, until 17:00 EDT (14:00 your time).",
        },
    }),
    # The night New York's clocks go forward (8 March): the chat's special shift 03:00-05:00
    # starts at 07:00 UTC, the first hour after the skipped one; Los Angeles is still on PST, and
    # still on Saturday: New York's day is said by its date there.
    "US spring change, before the shift": ("2026-03-08T06:30:00Z", {
        "Europe/Berlin": {
            "email": "Not staffed now; requests are accepted any time and answered from Monday 10:00 CET.",
            "hotline": "Not staffed now; next staffed Monday 08:00 CET.",
            "chat": "Special hours today: Spring change shift. Not staffed now; next staffed at 03:00 EDT (08:00 your time).",
        },
        "America/Los_Angeles": {
            "email": "Not staffed now; requests are accepted any time and answered from Monday 10:00 CET (Monday 02:00 your time).",
            "hotline": "Not staffed now; next staffed Monday 08:00 CET (Monday 00:00 your time).",
            "chat": "Special hours on Sunday, 8 March 2026: Spring change shift. Not staffed now; next staffed at 03:00 EDT (23:00 your time).",
        },
    }),
    "US spring change, in the shift": ("2026-03-08T07:30:00Z", {
        "Europe/Berlin": {
            "email": "Not staffed now; requests are accepted any time and answered from Monday 10:00 CET.",
            "hotline": "Not staffed now; next staffed Monday 08:00 CET.",
            "chat": "Special hours today: Spring change shift. Staffed now, until 05:00 EDT (10:00 your time).",
        },
        "America/Los_Angeles": {
            "email": "Not staffed now; requests are accepted any time and answered from Monday 10:00 CET (Monday 02:00 your time).",
            "hotline": "Not staffed now; next staffed Monday 08:00 CET (Monday 00:00 your time).",
            "chat": "Special hours on Sunday, 8 March 2026: Spring change shift. Staffed now, until 05:00 EDT (Sunday 01:00 your time).",
        },
    }),
    # Thanksgiving closes the chat only.
    "thanksgiving": ("2026-11-26T18:00:00Z", {
        "Europe/Berlin": {
            "email": "Not staffed now; requests are accepted any time and answered from Friday 10:00 CET.",
            "hotline": "Staffed now, until 20:00 CET.",
            "chat": "Closed today for Thanksgiving. Not staffed now; next staffed Friday 13:00 EST (Friday 19:00 your time).",
        },
        "America/Los_Angeles": {
            "email": "Not staffed now; requests are accepted any time and answered from Friday 10:00 CET (Friday 01:00 your time).",
            "hotline": "Staffed now, until 20:00 CET (11:00 your time).",
            "chat": "Closed today for Thanksgiving. Not staffed now; next staffed Friday 13:00 EST (Friday 10:00 your time).",
        },
    }),
}


@pytest.mark.browser
@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/Los_Angeles"])
@pytest.mark.parametrize("case", CONTACT_CASES)
def test_contact_page_live_lines(open_channels, case, zone):
    when, expected = CONTACT_CASES[case]
    page = open_channels("/contact/", when, zone)
    assert live_lines(page) == expected[zone]
    # The portal is around the clock: its stated hours are all it needs, no live line.
    assert page.locator("[data-channel='portal'] .support-channel__live").count() == 0
    assert words_of(page, "portal") == "Around the clock: requests are accepted any time."


def words_of(page, channel_id: str) -> str:
    return page.inner_text(f"[data-channel='{channel_id}'] .support-channel__hours")


@pytest.mark.browser
def test_contact_page_german(open_channels):
    page = open_channels("/de/contact/", "2026-11-27T19:30:00Z", "Europe/Berlin", locale="de-DE")
    assert live_lines(page) == {
        "email": "Jetzt nicht besetzt; Anfragen nehmen wir jederzeit an und beantworten sie ab Montag, 10:00 MEZ.",
        "hotline": "Jetzt nicht besetzt; wieder besetzt Montag, 08:00 MEZ.",
        "chat": "Jetzt besetzt, bis 17:00 EST (23:00 Ihrer Zeit).",
    }
    page = open_channels("/de/contact/", "2026-11-27T14:45:00Z", "America/Los_Angeles", locale="de-DE")
    assert live_lines(page) == {
        "email": "Jetzt besetzt, bis 18:00 MEZ (09:00 Ihrer Zeit).",
        "hotline": "Jetzt besetzt, bis 20:00 MEZ (11:00 Ihrer Zeit).",
        "chat": "Jetzt nicht besetzt; wieder besetzt um 13:00 EST (10:00 Ihrer Zeit).",
    }


# The hotline closes at 20:00 Berlin time: the line follows by itself, without a reload.
@pytest.mark.browser
def test_contact_page_updates_itself(open_channels):
    page = open_channels("/contact/", "2026-11-27T18:59:30Z", "Europe/Berlin")
    assert live_lines(page)["hotline"] == "Staffed now, until 20:00 CET."
    page.clock.run_for(60_000)
    assert page.inner_text(LIVE.format("hotline")) == "Not staffed now; next staffed Monday 08:00 CET."
    assert page.get_attribute(LIVE.format("hotline"), "data-state") == "not_staffed"


# Without JavaScript the page states the hours, which cannot go stale: no "now", no "next".
STATED = {
    "en": {
        "portal": "Around the clock: requests are accepted any time.",
        "email": "Staffed during the support hours of EMEA, Monday to Friday 10:00–18:00 CET/CEST (Berlin time). "
                 "Not staffed on public holidays: Munich, Germany. "
                 # The closures and special hours of the region it keeps the hours of, as for a
                 # channel with hours of its own
                 "Not staffed on Christmas Eve (Thursday, 24 December 2026). "
                 "Other hours on New Year's Eve (Thursday, 31 December 2026): see the holiday calendar. "
                 "Requests are accepted any time and answered in these hours.",
        # The closures of a channel with its own hours, named with their dates (a year ahead)
        "hotline": "For Critical incidents only. Staffed Monday to Friday 08:00–20:00 CET/CEST (Berlin time). "
                   "Not staffed on public holidays: Munich, Germany. Not staffed on Christmas Eve (Thursday, 24 December 2026) "
                   "and Hotline maintenance (Monday, 14 June 2027 to Tuesday, 15 June 2027).",
        "chat": "Staffed Monday to Friday 13:00–17:00 EST/EDT (New York time). "
                "Not staffed on Christmas Eve (Thursday, 24 December 2026) and Thanksgiving (Thursday, 25 November 2027).",
    },
    "de": {
        "portal": "Rund um die Uhr: Anfragen nehmen wir jederzeit an.",
        "email": "Besetzt zu den Supportzeiten der Region EMEA, Montag bis Freitag 10:00–18:00 Uhr MEZ/MESZ (Berlin). "
                 "An gesetzlichen Feiertagen nicht besetzt: München, Deutschland. "
                 "Nicht besetzt: Heiligabend (Donnerstag, 24. Dezember 2026). "
                 "Andere Zeiten: Silvester (Donnerstag, 31. Dezember 2026), siehe Feiertagskalender. "
                 "Anfragen nehmen wir jederzeit an und beantworten sie zu diesen Zeiten.",
        "hotline": "Nur für Störungen der Priorität Kritisch. Besetzt Montag bis Freitag 08:00–20:00 Uhr MEZ/MESZ (Berlin). "
                   "An gesetzlichen Feiertagen nicht besetzt: München, Deutschland. Nicht besetzt: Heiligabend "
                   "(Donnerstag, 24. Dezember 2026) und Wartung der Hotline (Montag, 14. Juni 2027 bis Dienstag, 15. Juni 2027).",
        "chat": "Besetzt Montag bis Freitag 13:00–17:00 Uhr EST/EDT (New York). "
                "Nicht besetzt: Heiligabend (Donnerstag, 24. Dezember 2026) und Thanksgiving (Donnerstag, 25. November 2027).",
    },
}



# The same sentences from the facts, without a browser: a channel keeping a region's hours (email
# on EMEA's) lists that region's closures and days of special hours, and only those (not the
# chat's Thanksgiving or the hotline's maintenance), in both editions.
@pytest.mark.parametrize("lang", ["en", "de"])
def test_channel_facts_list_closures_of_the_region_kept(lang):
    policy = fixture_policy()
    facts = render.Facts(policy, lang, TODAY)
    plain = lambda text: html.unescape(str(text).replace("\ue002", "").replace("\ue003", ""))
    said = {cid: plain(" ".join(facts._channel_facts(policy.channel(cid)))) for cid in STATED[lang]}
    assert said == STATED[lang]
    assert not any(word in said["email"] for word in ("Thanksgiving", "Hotline", "Wartung"))

@pytest.mark.browser
@pytest.mark.parametrize("lang, path, stale", [("en", "/contact/", ("now", "next", "until")),
                                               ("de", "/de/contact/", ("jetzt", "wieder"))])
def test_contact_page_without_javascript(browser, channel_site, lang, path, stale):
    context = browser.new_context(java_script_enabled=False, timezone_id="America/Los_Angeles")
    try:
        page = context.new_page()
        page.goto(channel_site[1] + path)
        assert {cid: words_of(page, cid) for cid in STATED[lang]} == STATED[lang]
        for cid in ("email", "hotline", "chat"):
            assert page.locator(LIVE.format(cid)).is_hidden()
        listed = page.inner_text(".support-channels").lower().split()
        assert not set(stale) & set(listed), listed
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["/contact/", "/de/contact/"])
def test_contact_page_axe(open_channels, scheme, path):
    page = open_channels(path, "2026-11-27T19:30:00Z", "Europe/Berlin", color_scheme=scheme)
    live_lines(page)
    assert page.get_attribute("body", "data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
    page.clock.resume()  # axe-core waits on timers
    assert axe_violations(page) == []


# The status widget with data-channels: one line per channel named (in the order of the policy),
# no regions unless data-regions asks for them.
@pytest.mark.browser
def test_status_widget_with_channels(browser, channel_site, tmp_path):
    site, url = channel_site
    (site / "channels-embed.html").write_text(
        '<!doctype html><html lang="en"><head><title>Intranet</title></head><body>'
        '<script type="module" src="assets/javascripts/support-widget.min.js"></script>'
        '<div id="channels" data-support-status data-channels="hotline chat portal"></div>'
        '<div id="both" data-support-status data-channels="email" data-regions="usa"></div></body></html>')
    context = browser.new_context(timezone_id="America/Los_Angeles")
    try:
        page = context.new_page()
        page.clock.install(time="2026-11-27T19:30:00Z")
        page.goto(f"{url}/channels-embed.html")
        page.wait_for_selector("#both [data-support-channel]")
        rows = page.eval_on_selector_all("#channels li", """rows => rows.map(r => [r.dataset.supportChannel, r.dataset.state,
            r.querySelector('.support-status__label').textContent, r.querySelector('.support-status__detail').textContent])""")
        # The portal, written and without hours, takes requests any time: not "Staffed" (nobody
        # staffs it), and in the contact page's words.
        assert rows == [
            ["portal", "always", "Accepting requests", "Around the clock: requests are accepted any time."],
            ["hotline", "not_staffed", "Not staffed", "Not staffed now; next staffed Monday 08:00 CET (Sunday 23:00 your time)."],
            ["chat", "staffed", "Staffed", "Staffed now, until 17:00 EST (14:00 your time)."],
        ]
        both = page.eval_on_selector_all("#both li", "rows => rows.map(r => r.dataset.supportRegion || r.dataset.supportChannel)")
        assert both == ["usa", "email"]
        assert page.get_attribute("#channels [data-support-channel='chat']", "data-next-change") == "2026-11-27T22:00:00.000Z"
        page.clock.run_for("02:30:00")
        assert page.text_content("#channels [role=status]") == "Chat is now not staffed."
        page.goto(f"{url}/contact/")
        assert rows[0][3] in page.inner_text("[data-channel='portal'] .support-channel__hours")
    finally:
        context.close()
        (site / "channels-embed.html").unlink()


# The calculator names the channel and counts on its hours.
@pytest.mark.browser
def test_calculator_names_the_channel(open_channels):
    page = open_channels("/priorities/", "2026-11-27T14:45:00Z", "Europe/Berlin")
    page.wait_for_selector("[data-support-calculator] output:not(:empty)")
    notes = {}
    for priority in ("p1", "p3", "p5"):
        page.select_option("select[name=priority]", priority)
        page.clock.run_for(1)
        notes[priority] = page.inner_text(".support-calculator__note")
    assert notes == {
        "p1": "Critical tickets are answered via Hotline and count its hours: the 1 business hour target runs only while "
              "Hotline is staffed; nights, weekends and holidays pause it.",
        "p3": "Normal tickets count business hours: the 1 business day target runs only while EMEA support is open; "
              "nights, weekends and holidays pause it.",
        "p5": "Security tickets are answered round the clock: the 30 minutes target counts calendar time, nights, "
              "weekends and holidays included. Security tickets are answered via Support portal.",
    }


# The built pages: the priority table, the holiday page

def test_priority_table_names_the_channel(channel_site):
    body = soup(channel_site[0] / "priorities" / "index.html").select_one("article")
    coverage = {row["data-priority"]: words(row.select("td")[3]) for row in body.select(".support-priorities tbody tr")}
    assert coverage == {
        "p1": "via Hotline, in that channel's hours", "p2": "via Chat, in that channel's hours",
        "p3": "in business hours", "p4": "via Email, in that channel's hours",
        "p5": "around the clock, via Support portal",
    }
    assert ("Priorities answered via a channel with hours of its own count that channel's hours instead: "
            "Hotline: Monday to Friday 08:00–20:00 CET/CEST; Chat: Monday to Friday 13:00–17:00 EST/EDT; "
            "Email: Monday to Friday 10:00–18:00 CET/CEST.") in words(body)
    de = soup(channel_site[0] / "de" / "priorities" / "index.html").select_one(".support-priorities tbody tr")
    assert words(de.select("td")[3]) == "über Hotline, zu den Zeiten dieses Kanals"


def test_holiday_page_lists_channel_closures(channel_site):
    rows = {}
    for lang, path in (("en", "holidays"), ("de", "de/holidays")):
        for row in soup(channel_site[0] / path / "index.html").select(".support-calendar tbody tr"):
            cells = [words(td) for td in row.select("td")]
            rows.setdefault(lang, {}).setdefault(row["data-date"], []).append(cells[1:])
    en, de = rows["en"], rows["de"]
    assert en["2026-11-26"] == [["Thanksgiving", "Closed", "Chat channel"]]
    assert de["2026-11-26"] == [["Thanksgiving", "Geschlossen", "Kanal Chat"]]
    assert en["2026-03-08"] == [["Spring change shift", "Open 03:00–05:00 EDT", "Chat channel"]]
    assert en["2026-07-03"] == [["Independence Day (observed)", "Closed", "USA and Chat channel"]]
    assert en["2027-06-14"] == en["2027-06-15"] == [["Hotline maintenance", "Closed", "Hotline channel"]]
    # Two entries on one date, each with its own row: All Saints' Day and the chat's late shift.
    assert en["2026-11-01"] == [["All Saints' Day (Allerheiligen)", "Closed", "All regions"],
                                ["Late shift", "Open 00:30–01:30, 22:00–02:00 (next day) EST", "Chat channel"]]
    # A closure of every region also names the channels with hours of their own that it closes;
    # one of a region whose hours a channel keeps (email: EMEA's) stays a region row.
    assert en["2026-12-24"] == [["First closure from 27 November 2026: Christmas Eve", "Closed",
                                 "All regions, Hotline channel and Chat channel"]]
    assert de["2026-12-24"][0][2] == "Alle Regionen, Kanal Hotline und Kanal Chat"
    assert en["2026-12-31"] == [["New Year's Eve", "Open 10:00–14:00 CET", "EMEA"]]


# Channel sentences for every shape of hours: around the clock with a closure named (not "Staffed
# Every day 00:00–24:00"), the same hours every day ("every day" within the sentence), in both
# languages.
def test_channel_sentences_for_every_shape_of_hours():
    import dataclasses

    from supportportal.model import DayOverride, Interval, Schedule, Text

    policy = fixture_policy()
    chat = policy.channel("chat")
    always = dataclasses.replace(chat, id="sydney", schedule=Schedule("Australia/Sydney", ((Interval(0, 1440),),) * 7, None))
    daily = dataclasses.replace(chat, id="daily", schedule=Schedule("Europe/Berlin", ((Interval(480, 1200),),) * 7, None))
    christmas = DayOverride(dt.date(2026, 12, 25), "closure", Text((("en", "Christmas Day"), ("de", "Erster Weihnachtstag"))), ())
    made_up = dataclasses.replace(policy, channels=(always, daily),
                                  channel_overrides={"sydney": (christmas,), "daily": ()})
    # The text a reader gets: the marks of policy text gone, the Markdown-safe references read.
    plain = lambda text: html.unescape(str(text).replace("\ue002", "").replace("\ue003", ""))
    said = {lang: {ch.id: plain(" ".join(render.Facts(made_up, lang, TODAY)._channel_facts(ch))) for ch in made_up.channels}
            for lang in ("en", "de")}
    assert said["en"] == {"sydney": "Staffed around the clock, AEST/AEDT (Sydney time). Not staffed on Christmas Day (Friday, 25 December 2026).",
                          "daily": "Staffed every day 08:00–20:00 CET/CEST (Berlin time)."}
    assert said["de"]["sydney"].startswith("Rund um die Uhr besetzt, ") and "Erster Weihnachtstag (Freitag, 25. Dezember 2026)" in said["de"]["sydney"]
    assert said["de"]["daily"].startswith("Besetzt täglich 08:00–20:00")
    assert not any("Every" in text or "Täglich" in text or "24:00" in text for texts in said.values() for text in texts.values())


# support.ics: the channels' closures as events, with stable UIDs naming the channel.
def test_calendar_feed_has_channel_closures():
    policy = fixture_policy()
    with time_limit(30, "writing support.ics"):
        calendar = icalendar.Calendar.from_ical(ics.support_calendar(policy, "en"))
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    suffix = "@" + urlsplit(policy.site_url).hostname
    thanksgiving = events["20261126-+chat" + suffix]
    assert str(thanksgiving["summary"]) == "Support closed: Thanksgiving"
    assert thanksgiving.decoded("dtstart") == dt.date(2026, 11, 26)
    assert str(thanksgiving["description"]) == "Channels: Chat\nSupport is closed all day."
    shift = events["20260308T0300-+chat" + suffix]
    assert shift.decoded("dtstart") == dt.datetime(2026, 3, 8, 7, 0, tzinfo=dt.timezone.utc)
    assert shift.decoded("dtend") == dt.datetime(2026, 3, 8, 9, 0, tzinfo=dt.timezone.utc)
    assert shift["dtstart"].params["TZID"] == "America/New_York"
    assert str(events["20260703-usa+chat" + suffix]["description"]) == "Regions: USA\nChannels: Chat\nSupport is closed all day."
    assert {"20270614-+hotline" + suffix, "20270615-+hotline" + suffix} <= set(events)
    zones = [str(z["tzid"]) for z in calendar.walk("VTIMEZONE")]
    assert "America/New_York" in zones
    de = icalendar.Calendar.from_ical(ics.support_calendar(policy, "de"))
    assert "Kanäle: Chat" in [str(e["description"]).split("\n")[0] for e in de.walk("VEVENT")]


# The default policy: three written channels without hours, each "around the clock", no live line.
def test_default_contact_page_is_around_the_clock():
    with time_limit(60, "loading the default policy"):
        policy = load_policy(ROOT / "policy", TODAY)
    for lang, text in (("en", "Around the clock: requests are accepted any time."),
                       ("de", "Rund um die Uhr: Anfragen nehmen wir jederzeit an.")):
        html = render.strip_policy_markers(str(render.Facts(policy, lang, TODAY).channels_list()))
        items = BeautifulSoup(html, "html.parser").select("li")
        assert [words(li.select_one(".support-channel__hours")) for li in items] == [text] * 3
        assert "data-support-channels" not in html and "support-channel__live" not in html


# The hotline example at the top of policy/channels.yml, followed as written: its description
# says something the contact page does not say already (the page writes "For Critical incidents
# only." from priorities: and the hours from hours:), in every language.
def test_channels_yml_hotline_example_reads_once(tmp_path):
    import difflib
    import re

    header = (ROOT / "policy" / "channels.yml").read_text(encoding="utf-8").split("\nchannels:", 1)[0]
    example = header.split("# Example: a hotline", 1)[1].split("\n", 1)[1].split("\n#\n", 1)[0]
    entry = "".join(line[2:] + "\n" for line in example.splitlines())
    directory = tmp_path / "policy"
    shutil.copytree(ROOT / "policy", directory)
    channels = directory / "channels.yml"
    channels.write_text(channels.read_text(encoding="utf-8").replace("  - id: form\n", entry + "\n  - id: form\n"),
                        encoding="utf-8")
    with time_limit(60, "loading the policy"):
        policy = load_policy(directory, TODAY)
    hotline = policy.channel("hotline")
    assert hotline.description is not None and hotline.priorities == ("p1",)
    for lang in policy.languages:
        page = render.strip_policy_markers(str(render.Facts(policy, lang, TODAY).channels_list()))
        item = BeautifulSoup(page, "html.parser").select_one("li[data-channel=hotline]")
        facts = [s for s in re.split(r"(?<=\.) ", words(item.select_one(".support-channel__hours"))) if s]
        description = hotline.description.get(lang)
        assert description in words(item), words(item)
        for fact in facts:
            similar = difflib.SequenceMatcher(None, description.casefold(), fact.casefold()).ratio()
            assert similar < 0.6, f"{lang}: the description {description!r} repeats {fact!r}"
