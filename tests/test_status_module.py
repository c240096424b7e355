# support-status.js in Chromium: status, next change and response due times at chosen instants.
#
# Expected values are worked out by hand from the fixture feeds (tests/fixtures/feeds):
# munich.json mirrors the default policy (emea Mon-Fri 10:00-18:00 Europe/Berlin, usa Mon-Fri
# 09:00-17:00 America/New_York, Munich public holidays, Christmas Eve closed, New Year's Eve
# 10:00-14:00 in emea; p1 1 h round the clock, p2 4 h, p3 8 h, p4 16 h business time);
# tricky.json has shifts across midnight, touching intervals, 24-hour days and 02:30 intervals.
# CHANNELS is the support.json of tests/fixtures/policies/channels: portal around the clock,
# email on EMEA's hours (accepted outside them), hotline Mon-Fri 08:00-20:00 Europe/Berlin with
# Munich's holidays (Critical only, not staffed outside), chat Mon-Fri 13:00-17:00
# America/New_York with closures of its own; p1 counts on the hotline, p2 on the chat, p4 on
# the email channel (EMEA's hours), p5 is 30 calendar minutes via the portal.

import copy
import json
from pathlib import Path

import pytest

import channel_fixture
from conftest import open_module_page
from supportportal.feed import compact_feed

pytestmark = pytest.mark.browser

FEEDS = Path(__file__).parent / "fixtures" / "feeds"
MUNICH = json.loads((FEEDS / "munich.json").read_text())
TRICKY = json.loads((FEEDS / "tricky.json").read_text())
CHANNELS = channel_fixture.support_feed()
# Viewer zones and their UTC offset on 27 November 2026, in minutes.
VIEWER_ZONES = {"UTC": 0, "Asia/Kolkata": 330, "Pacific/Chatham": 825, "America/Chicago": -360, "Asia/Tokyo": 540, "Europe/Berlin": 60}

STATUS_JS = """([feed, times]) => times.map((t) => {
  const all = S.supportStatus(feed, new Date(t));
  return Object.fromEntries(Object.entries(all).map(([id, s]) => [id, {
    state: s.state,
    next: s.nextChange && s.nextChange.toISOString(),
    after: s.nextState,
    closure: s.closure && s.closure.name.en,
  }]));
})"""

DUE_JS = """([feed, cases]) => cases.map(([region, priority, t]) => {
  const r = S.responseDue(feed, region, priority, new Date(t));
  return [r.due && r.due.toISOString(), r.reason];
})"""


@pytest.fixture(scope="module")
def page(browser, assets_url):
    context, page = open_module_page(browser, assets_url, "UTC")
    yield page
    context.close()


def status(page, feed, when: str) -> dict:
    return page.evaluate(STATUS_JS, [feed, [when]])[0]


def due(page, feed, region: str, priority: str, when: str) -> list:
    return page.evaluate(DUE_JS, [feed, [[region, priority, when]]])[0]


def with_priority(feed: dict, pid: str, minutes: int, clock: str = "business") -> dict:
    feed = copy.deepcopy(feed)
    feed["priorities"].append({"id": pid, "name": {"en": pid}, "default": False,
                               "first_response": {"minutes": minutes, "clock": clock}, "update_interval": None})
    return feed


# (feed, region, instant) -> (state, next change, state after it, closure name)
STATUS_CASES = {
    # Friday evening to Monday; half-open at the closing and opening minute (CET = UTC+1)
    "fri-last-ms-open": (MUNICH, "emea", "2026-11-27T16:59:59.999Z", ("open", "2026-11-27T17:00:00.000Z", "closed", None)),
    "fri-closing-minute": (MUNICH, "emea", "2026-11-27T17:00:00.000Z", ("closed", "2026-11-30T09:00:00.000Z", "open", None)),
    "sat-to-monday": (MUNICH, "emea", "2026-11-28T12:00:00.000Z", ("closed", "2026-11-30T09:00:00.000Z", "open", None)),
    "mon-before-opening": (MUNICH, "emea", "2026-11-30T08:59:59.999Z", ("closed", "2026-11-30T09:00:00.000Z", "open", None)),
    "mon-opening-minute": (MUNICH, "emea", "2026-11-30T09:00:00.000Z", ("open", "2026-11-30T17:00:00.000Z", "closed", None)),
    "usa-fri-closing": (MUNICH, "usa", "2026-11-27T22:00:00.000Z", ("closed", "2026-11-30T14:00:00.000Z", "open", None)),
    # EU spring change (Sun 29 March): closes Friday 18:00 CET, opens Monday 10:00 CEST
    "eu-spring-fri": (MUNICH, "emea", "2026-03-27T16:59:00.000Z", ("open", "2026-03-27T17:00:00.000Z", "closed", None)),
    "eu-spring-weekend": (MUNICH, "emea", "2026-03-29T01:30:00.000Z", ("closed", "2026-03-30T08:00:00.000Z", "open", None)),
    # EU autumn change (Sun 25 October): closes 18:00 CEST, opens Monday 10:00 CET
    "eu-autumn-fri": (MUNICH, "emea", "2026-10-23T15:59:00.000Z", ("open", "2026-10-23T16:00:00.000Z", "closed", None)),
    "eu-autumn-weekend": (MUNICH, "emea", "2026-10-25T01:30:00.000Z", ("closed", "2026-10-26T09:00:00.000Z", "open", None)),
    # US spring change (Sun 8 March): closes Friday 17:00 EST, opens Monday 09:00 EDT
    "us-spring-weekend": (MUNICH, "usa", "2026-03-07T12:00:00.000Z", ("closed", "2026-03-09T13:00:00.000Z", "open", None)),
    # Weeks when EU and US offsets differ: New York is 5 h behind Berlin, not 6
    "mismatch-march-usa": (MUNICH, "usa", "2026-03-27T20:59:00.000Z", ("open", "2026-03-27T21:00:00.000Z", "closed", None)),
    "mismatch-march-emea": (MUNICH, "emea", "2026-03-24T16:30:00.000Z", ("open", "2026-03-24T17:00:00.000Z", "closed", None)),
    "mismatch-march-usa-opens": (MUNICH, "usa", "2026-03-24T12:59:00.000Z", ("closed", "2026-03-24T13:00:00.000Z", "open", None)),
    "mismatch-autumn-usa": (MUNICH, "usa", "2026-10-30T20:59:00.000Z", ("open", "2026-10-30T21:00:00.000Z", "closed", None)),
    "mismatch-autumn-emea": (MUNICH, "emea", "2026-10-27T16:59:00.000Z", ("open", "2026-10-27T17:00:00.000Z", "closed", None)),
    # US autumn change (Sun 1 November): reopens Monday 09:00 EST
    "us-autumn-weekend": (MUNICH, "usa", "2026-10-31T12:00:00.000Z", ("closed", "2026-11-02T14:00:00.000Z", "open", None)),
    # Good Friday (3 April) to Easter Tuesday: closed Friday to Monday, named by the holiday
    "maundy-thursday": (MUNICH, "emea", "2026-04-02T15:59:00.000Z", ("open", "2026-04-02T16:00:00.000Z", "closed", None)),
    "good-friday": (MUNICH, "emea", "2026-04-03T10:00:00.000Z", ("closed", "2026-04-07T08:00:00.000Z", "open", "Good Friday")),
    "good-friday-usa": (MUNICH, "usa", "2026-04-03T15:00:00.000Z", ("closed", "2026-04-07T13:00:00.000Z", "open", "Good Friday")),
    "easter-saturday": (MUNICH, "emea", "2026-04-04T12:00:00.000Z", ("closed", "2026-04-07T08:00:00.000Z", "open", None)),
    "easter-monday": (MUNICH, "emea", "2026-04-06T10:00:00.000Z", ("closed", "2026-04-07T08:00:00.000Z", "open", "Easter Monday")),
    "easter-tuesday": (MUNICH, "emea", "2026-04-07T08:00:00.000Z", ("open", "2026-04-07T16:00:00.000Z", "closed", None)),
    # Holidays next to a weekend: Whit Monday; New Year's Day on a Friday after special hours
    "whit-weekend": (MUNICH, "emea", "2026-05-23T12:00:00.000Z", ("closed", "2026-05-26T08:00:00.000Z", "open", None)),
    "new-years-eve-open": (MUNICH, "emea", "2026-12-31T12:59:00.000Z", ("open", "2026-12-31T13:00:00.000Z", "closed", "New Year's Eve")),
    "new-years-eve-closed": (MUNICH, "emea", "2026-12-31T13:00:00.000Z", ("closed", "2027-01-04T09:00:00.000Z", "open", "New Year's Eve")),
    "christmas-eve": (MUNICH, "usa", "2026-12-24T15:00:00.000Z", ("closed", "2026-12-28T14:00:00.000Z", "open", "Christmas Eve")),
    # Horizon: unknown before 2026-01-01 00:00 and from 2028-01-01 00:00 local time
    "before-horizon": (MUNICH, "emea", "2025-12-31T22:59:59.999Z", ("unknown", "2025-12-31T23:00:00.000Z", None, None)),
    "horizon-start": (MUNICH, "emea", "2025-12-31T23:00:00.000Z", ("closed", "2026-01-02T09:00:00.000Z", "open", "New Year's Day")),
    "horizon-last-minute": (MUNICH, "emea", "2027-12-31T22:59:00.000Z", ("closed", "2027-12-31T23:00:00.000Z", "unknown", "New Year's Eve")),
    "horizon-end": (MUNICH, "emea", "2027-12-31T23:00:00.000Z", ("unknown", None, None, None)),
    "horizon-last-minute-usa": (MUNICH, "usa", "2028-01-01T04:59:00.000Z", ("closed", "2028-01-01T05:00:00.000Z", "unknown", None)),
    "horizon-end-usa": (MUNICH, "usa", "2028-01-01T05:00:00.000Z", ("unknown", None, None, None)),
    "open-into-horizon-end": (TRICKY, "ny247", "2027-12-31T12:00:00.000Z", ("open", "2028-01-01T05:00:00.000Z", "unknown", None)),
    # A shift across midnight (Wed 22:00-06:00) merges with Thursday 06:00-14:00: no seam
    "night-shift-starts": (TRICKY, "berlin", "2026-11-25T21:00:00.000Z", ("open", "2026-11-26T13:00:00.000Z", "closed", None)),
    "night-shift-after-midnight": (TRICKY, "berlin", "2026-11-26T04:00:00.000Z", ("open", "2026-11-26T13:00:00.000Z", "closed", None)),
    "night-shift-evening-gap": (TRICKY, "berlin", "2026-11-25T20:59:00.000Z", ("closed", "2026-11-25T21:00:00.000Z", "open", None)),
    # ...and still runs into a closed day (Christmas Eve), which then explains the closure
    "night-shift-into-closure": (TRICKY, "berlin", "2026-12-24T03:00:00.000Z", ("open", "2026-12-24T05:00:00.000Z", "closed", None)),
    "after-night-shift-closure": (TRICKY, "berlin", "2026-12-24T05:00:00.000Z", ("closed", "2026-12-25T09:00:00.000Z", "open", "Christmas Eve")),
    # Touching Sunday intervals 01:00-02:30 and 02:30-03:30 are one stretch
    "touching-intervals": (TRICKY, "berlin", "2026-03-22T01:00:00.000Z", ("open", "2026-03-22T02:30:00.000Z", "closed", None)),
    # 24-hour days merge over months, up to the holiday of 4 July (00:00 EDT)
    "24h-days": (TRICKY, "ny247", "2026-06-30T12:00:00.000Z", ("open", "2026-07-04T04:00:00.000Z", "closed", None)),
    "24h-holiday": (TRICKY, "ny247", "2026-07-04T12:00:00.000Z", ("closed", "2026-07-05T04:00:00.000Z", "open", "Independence Day")),
    "24h-until-fall-back": (TRICKY, "ny247", "2026-07-05T04:00:00.000Z", ("open", "2026-11-01T04:00:00.000Z", "closed", None)),
    # Nonexistent local times (29 March, 02:00 CET -> 03:00 CEST): 02:15-02:45 becomes
    # 03:15-03:45 CEST, 02:30-03:00 is empty (03:30 CEST is after 03:00 CEST)
    "gap-closed": (TRICKY, "berlin", "2026-03-29T01:00:00.000Z", ("closed", "2026-03-29T01:15:00.000Z", "open", "Spring change")),
    "gap-shifted-forward": (TRICKY, "berlin", "2026-03-29T01:15:00.000Z", ("open", "2026-03-29T01:45:00.000Z", "closed", "Spring change")),
    "gap-empty-interval": (TRICKY, "berlin", "2026-03-29T01:45:00.000Z", ("closed", "2026-03-29T02:00:00.000Z", "open", "Spring change")),
    # Ambiguous local times (25 October, 03:00 CEST -> 02:00 CET): 02:30 and 02:59 are the
    # earlier (CEST) occurrences, so 02:59-03:00 lasts 61 minutes
    "ambiguous-earlier": (TRICKY, "berlin", "2026-10-25T00:30:00.000Z", ("open", "2026-10-25T00:31:00.000Z", "closed", "Autumn change")),
    "ambiguous-between": (TRICKY, "berlin", "2026-10-25T00:45:00.000Z", ("closed", "2026-10-25T00:59:00.000Z", "open", "Autumn change")),
    "ambiguous-repeated-hour": (TRICKY, "berlin", "2026-10-25T01:30:00.000Z", ("open", "2026-10-25T02:00:00.000Z", "closed", "Autumn change")),
    # Lord Howe (30-minute change, 4 October 02:00 -> 02:30): the Saturday shift to 02:15
    # ends at 02:45 LHDT and merges with Sunday 01:45-02:15
    "lord-howe-gap": (TRICKY, "lordhowe", "2026-10-03T15:00:00.000Z", ("open", "2026-10-03T15:45:00.000Z", "closed", None)),
}


@pytest.mark.parametrize("feed, region, when, expected", STATUS_CASES.values(), ids=STATUS_CASES.keys())
def test_status(page, feed, region, when, expected):
    got = status(page, feed, when)[region]
    assert (got["state"], got["next"], got["after"], got["closure"]) == expected


# Every region of a feed gets an entry, and the regions do not influence each other.
def test_status_has_every_region(page):
    got = status(page, TRICKY, "2026-06-01T12:00:00Z")
    assert sorted(got) == sorted(r["id"] for r in TRICKY["regions"])


# (feed, region, priority, opened at) -> (due, reason)
DUE_CASES = {
    # Inside hours: 4 h and 8 h of business time from Tuesday 11:00 CET
    "inside-hours-p2": (MUNICH, "emea", "p2", "2026-11-24T10:00:00Z", ("2026-11-24T14:00:00.000Z", None)),
    "inside-hours-p3": (MUNICH, "emea", "p3", "2026-11-24T10:00:00Z", ("2026-11-25T10:00:00.000Z", None)),
    # 5 minutes before closing: 5 minutes today, 235 tomorrow from 10:00
    "five-before-closing": (MUNICH, "emea", "p2", "2026-11-24T16:55:00Z", ("2026-11-25T12:55:00.000Z", None)),
    # Friday evening: the count starts Monday at opening
    "friday-evening-emea": (MUNICH, "emea", "p3", "2026-11-27T18:00:00Z", ("2026-11-30T17:00:00.000Z", None)),
    "friday-evening-usa": (MUNICH, "usa", "p2", "2026-11-27T23:00:00Z", ("2026-11-30T18:00:00.000Z", None)),
    # The day before Easter (Saturday 4 April): Easter Monday is a holiday, so Tuesday
    "easter-saturday-p3": (MUNICH, "emea", "p3", "2026-04-04T12:00:00Z", ("2026-04-07T16:00:00.000Z", None)),
    "easter-saturday-p4": (MUNICH, "emea", "p4", "2026-04-04T12:00:00Z", ("2026-04-08T16:00:00.000Z", None)),
    "easter-saturday-usa": (MUNICH, "usa", "p3", "2026-04-04T12:00:00Z", ("2026-04-07T21:00:00.000Z", None)),
    # EU/US mismatch weeks: New York already on EDT, Berlin still on CET (and the reverse)
    "mismatch-march-usa": (MUNICH, "usa", "p2", "2026-03-10T13:00:00Z", ("2026-03-10T17:00:00.000Z", None)),
    "mismatch-march-emea": (MUNICH, "emea", "p2", "2026-03-10T13:00:00Z", ("2026-03-10T17:00:00.000Z", None)),
    "eu-spring-over-weekend": (MUNICH, "emea", "p2", "2026-03-27T15:00:00Z", ("2026-03-30T10:00:00.000Z", None)),
    "mismatch-autumn-usa": (MUNICH, "usa", "p2", "2026-10-30T19:00:00Z", ("2026-11-02T16:00:00.000Z", None)),
    # Round the clock across a clock change: one real hour, not one wall-clock hour
    "calendar-eu-spring": (MUNICH, "emea", "p1", "2026-03-29T00:30:00Z", ("2026-03-29T01:30:00.000Z", None)),
    "calendar-eu-autumn": (MUNICH, "emea", "p1", "2026-10-25T00:30:00Z", ("2026-10-25T01:30:00.000Z", None)),
    "calendar-us-autumn": (MUNICH, "usa", "p1", "2026-11-01T05:30:00Z", ("2026-11-01T06:30:00.000Z", None)),
    "calendar-on-holiday": (MUNICH, "emea", "p1", "2026-04-03T10:00:00Z", ("2026-04-03T11:00:00.000Z", None)),
    # Beyond the horizon: the count would need 2028; or the ticket is opened outside it
    "beyond-horizon": (MUNICH, "emea", "p3", "2027-12-31T12:00:00Z", (None, "beyond_horizon")),
    "ends-before-horizon": (MUNICH, "usa", "p2", "2027-12-31T15:00:00Z", ("2027-12-31T19:00:00.000Z", None)),
    "opened-after-horizon": (MUNICH, "emea", "p1", "2028-01-02T12:00:00Z", (None, "beyond_horizon")),
    "opened-before-horizon": (MUNICH, "usa", "p3", "2025-12-01T12:00:00Z", (None, "beyond_horizon")),
    "unknown-region": (MUNICH, "apac", "p3", "2026-11-27T12:00:00Z", (None, "unknown_region")),
    "unknown-priority": (MUNICH, "emea", "p9", "2026-11-27T12:00:00Z", (None, "unknown_priority")),
    # A count that ends exactly at a closing minute is due at that closing instant
    "ends-at-closing": (with_priority(MUNICH, "five", 5), "emea", "five", "2026-11-24T16:55:00Z", ("2026-11-24T17:00:00.000Z", None)),
    "one-minute-at-closing": (with_priority(MUNICH, "one", 1), "emea", "one", "2026-11-24T16:59:00Z", ("2026-11-24T17:00:00.000Z", None)),
    "one-minute-after-closing": (with_priority(MUNICH, "one", 1), "emea", "one", "2026-11-24T17:00:00Z", ("2026-11-25T09:01:00.000Z", None)),
    # Longer than a week: 3000 business minutes (6 days and 2 h of 8-hour days)
    "long-target": (with_priority(MUNICH, "long", 3000), "emea", "long", "2026-11-30T09:00:00Z", ("2026-12-08T11:00:00.000Z", None)),
    # ...over Christmas: closed 24-27 December, New Year's Eve has only 10:00-14:00
    "long-target-christmas": (with_priority(MUNICH, "long", 3000), "emea", "long", "2026-12-21T09:00:00Z", ("2026-12-31T11:00:00.000Z", None)),
    # Across a shift past midnight and the DST gap of the tricky feed
    "night-shift-count": (TRICKY, "berlin", "b480", "2026-11-25T20:00:00Z", ("2026-11-26T05:00:00.000Z", None)),
    "week-of-open-time": (TRICKY, "ny247", "b10080", "2026-06-27T04:00:00Z", ("2026-07-04T04:00:00.000Z", None)),
    "week-of-open-time-after-holiday": (TRICKY, "ny247", "b10080", "2026-06-28T04:00:00Z", ("2026-07-06T04:00:00.000Z", None)),
}


@pytest.mark.parametrize("feed, region, priority, when, expected", DUE_CASES.values(), ids=DUE_CASES.keys())
def test_response_due(page, feed, region, priority, when, expected):
    assert tuple(due(page, feed, region, priority, when)) == expected


# The same instants give the same answers whatever the reader's own time zone.
@pytest.mark.parametrize("zone, offset", VIEWER_ZONES.items(), ids=VIEWER_ZONES.keys())
def test_results_do_not_depend_on_viewer_zone(browser, assets_url, page, zone, offset):
    times = [case[2] for case in STATUS_CASES.values()]
    dues = [case[1:4] for case in DUE_CASES.values() if case[0] is MUNICH]
    expected = (page.evaluate(STATUS_JS, [MUNICH, times]), page.evaluate(STATUS_JS, [TRICKY, times]), page.evaluate(DUE_JS, [MUNICH, dues]))
    context, other = open_module_page(browser, assets_url, zone)
    try:
        assert other.evaluate("-new Date('2026-11-27T00:00Z').getTimezoneOffset()") == offset
        got = (other.evaluate(STATUS_JS, [MUNICH, times]), other.evaluate(STATUS_JS, [TRICKY, times]), other.evaluate(DUE_JS, [MUNICH, dues]))
    finally:
        context.close()
    assert got == expected


GUESS_CASES = {
    "Europe/Paris": "emea",
    "Europe/London": "emea",
    "America/Chicago": "usa",
    "America/Los_Angeles": "usa",
    "America/Sao_Paulo": "usa",
    "Asia/Kolkata": "emea",  # +05:30 is closer to +01:00 than to -05:00
    "Asia/Tokyo": "emea",
    "Pacific/Chatham": "emea",  # +13:45 in November
    "Pacific/Honolulu": "usa",  # -10:00
    "Africa/Lagos": "emea",
    "UTC": "emea",
    "Not/A_Zone": "emea",  # treated as UTC
}


@pytest.mark.parametrize("zone, region", GUESS_CASES.items(), ids=GUESS_CASES.keys())
def test_guess_region(page, zone, region):
    assert page.evaluate("([feed, zone]) => S.guessRegion(feed, zone, new Date('2026-11-27T12:00Z')).id", [MUNICH, zone]) == region


def test_helpers(page):
    assert page.evaluate("(feed) => S.defaultPriority(feed).id", MUNICH) == "p3"
    assert page.evaluate("(feed) => S.defaultPriority(feed).id", TRICKY) == "b480"
    names = page.evaluate("""(feed) => [S.text({en: "Good Friday", de: "Karfreitag"}, "de", feed),
        S.text({en: "Good Friday", de: "Karfreitag"}, "de-AT", feed), S.text({en: "Good Friday"}, "de", feed)]""", MUNICH)
    assert names == ["Karfreitag", "Karfreitag", "Good Friday"]
    offsets = page.evaluate("""() => [S.utcOffset("Asia/Kolkata", new Date("2026-01-01T00:00Z")),
        S.utcOffset("Pacific/Chatham", new Date("2026-11-27T00:00Z")), S.utcOffset("America/New_York", new Date("2026-07-01T00:00Z"))]""")
    assert offsets == [330, 825, -240]


CHANNEL_JS = """([feed, when]) => Object.fromEntries(Object.entries(S.channelStatus(feed, new Date(when))).map(([id, s]) =>
  [id, [s.state, s.nextChange && s.nextChange.toISOString(), s.nextState, s.closure && s.closure.name.en, s.zone, s.accepts]]))"""

# (channel, instant) -> (state, next change, state after it, closure name, zone, accepts)
CHANNEL_CASES = {
    "portal-always": ("portal", "2026-11-28T03:00:00.000Z", ("always", None, None, None, None, True)),
    # The hotline's last staffed minute on Friday (19:59 CET) and its closing minute
    "hotline-last-minute": ("hotline", "2026-11-27T18:59:00.000Z",
                            ("staffed", "2026-11-27T19:00:00.000Z", "not_staffed", None, "Europe/Berlin", True)),
    "hotline-closing": ("hotline", "2026-11-27T19:00:00.000Z",
                        ("not_staffed", "2026-11-30T07:00:00.000Z", "staffed", None, "Europe/Berlin", False)),
    # 22:00 on a Tuesday: the hotline is not staffed, the email still takes the request
    "hotline-at-night": ("hotline", "2026-11-24T21:00:00.000Z",
                         ("not_staffed", "2026-11-25T07:00:00.000Z", "staffed", None, "Europe/Berlin", False)),
    "email-at-night": ("email", "2026-11-24T21:00:00.000Z",
                       ("not_staffed", "2026-11-25T09:00:00.000Z", "staffed", None, "Europe/Berlin", True)),
    # The hotline keeps Munich's holidays and its own maintenance days (CEST = UTC+2)
    "hotline-good-friday": ("hotline", "2026-04-03T10:00:00.000Z",
                            ("not_staffed", "2026-04-07T06:00:00.000Z", "staffed", "Good Friday", "Europe/Berlin", False)),
    "hotline-maintenance": ("hotline", "2027-06-14T10:00:00.000Z",
                            ("not_staffed", "2027-06-16T06:00:00.000Z", "staffed", "Hotline maintenance", "Europe/Berlin", False)),
    # The email channel takes EMEA's closures: New Year's Eve 10:00-14:00 CET
    "email-new-years-eve": ("email", "2026-12-31T12:59:00.000Z",
                            ("staffed", "2026-12-31T13:00:00.000Z", "not_staffed", "New Year's Eve", "Europe/Berlin", True)),
    # The chat's own closures: Thanksgiving, and 02:30-05:00 on the US spring change, which
    # starts at 03:30 EDT (07:30 UTC) as 02:30 does not exist that night
    "chat-thanksgiving": ("chat", "2026-11-26T19:00:00.000Z",
                          ("not_staffed", "2026-11-27T18:00:00.000Z", "staffed", "Thanksgiving", "America/New_York", False)),
    # The shift starts at 03:00 EDT (07:00Z), the first minute that exists after the clocks go forward.
    "chat-spring-gap": ("chat", "2026-03-08T06:30:00.000Z",
                        ("not_staffed", "2026-03-08T07:00:00.000Z", "staffed", "Spring change shift", "America/New_York", False)),
    "chat-spring-shift": ("chat", "2026-03-08T07:30:00.000Z",
                          ("staffed", "2026-03-08T09:00:00.000Z", "not_staffed", "Spring change shift", "America/New_York", True)),
    # The chat's Christmas Eve is the company's closure everywhere
    "chat-christmas-eve": ("chat", "2026-12-24T19:00:00.000Z",
                           ("not_staffed", "2026-12-25T18:00:00.000Z", "staffed", "Christmas Eve", "America/New_York", False)),
    # Beyond the horizon: unknown; the email channel still accepts requests
    "hotline-beyond": ("hotline", "2028-01-03T10:00:00.000Z", ("unknown", None, None, None, "Europe/Berlin", None)),
    "email-beyond": ("email", "2028-01-03T10:00:00.000Z", ("unknown", None, None, None, "Europe/Berlin", True)),
}


@pytest.mark.parametrize("channel, when, expected", CHANNEL_CASES.values(), ids=CHANNEL_CASES.keys())
def test_channel_status(page, channel, when, expected):
    got = page.evaluate(CHANNEL_JS, [CHANNELS, when])
    assert sorted(got) == ["chat", "email", "hotline", "portal"]
    assert tuple(got[channel]) == expected


def test_channel_status_of_a_feed_without_channels(page):
    assert page.evaluate("(feed) => S.channelStatus(feed, new Date('2026-11-27T12:00Z'))", MUNICH) == {}


CHANNEL_DUE_JS = """([feed, cases]) => cases.map(([region, priority, t]) => {
  const r = S.responseDue(feed, region, priority, new Date(t));
  return [r.due && r.due.toISOString(), r.reason, r.channel];
})"""

# (region, priority, opened at) -> (due, reason, channel counted on)
CHANNEL_DUE_CASES = {
    # p1, 1 hour on the hotline's hours: 30 minutes on Friday to 20:00 CET, 30 on Monday from 08:00
    "hotline-friday-evening": ("usa", "p1", "2026-11-27T18:30:00Z", ("2026-11-30T07:30:00.000Z", None, "hotline")),
    "hotline-inside": ("emea", "p1", "2026-11-24T08:00:00Z", ("2026-11-24T09:00:00.000Z", None, "hotline")),
    # p2, 4 hours on the chat's hours: 2 on Wednesday to 17:00 EST, none on Thanksgiving, 2 on Friday
    "chat-over-thanksgiving": ("emea", "p2", "2026-11-25T20:00:00Z", ("2026-11-27T20:00:00.000Z", None, "chat")),
    # p4, 16 hours on EMEA's hours through the email channel, whatever the customer's region
    "email-emea-hours-for-usa": ("usa", "p4", "2026-11-30T09:00:00Z", ("2026-12-01T17:00:00.000Z", None, "email")),
    # p3 counts on the region's hours: no channel
    "region-hours": ("usa", "p3", "2026-11-30T14:00:00Z", ("2026-11-30T22:00:00.000Z", None, None)),
    # p5, 30 calendar minutes via the portal, around the clock
    "portal-calendar": ("emea", "p5", "2026-11-28T03:00:00Z", ("2026-11-28T03:30:00.000Z", None, None)),
    # Beyond the hotline's horizon (midnight after 31 December 2027, Berlin time)
    "hotline-beyond": ("emea", "p1", "2027-12-31T18:30:00Z", (None, "beyond_horizon", "hotline")),
}


@pytest.mark.parametrize("region, priority, when, expected", CHANNEL_DUE_CASES.values(), ids=CHANNEL_DUE_CASES.keys())
def test_response_due_on_channel_hours(page, region, priority, when, expected):
    assert tuple(page.evaluate(CHANNEL_DUE_JS, [CHANNELS, [[region, priority, when]]])[0]) == expected


def test_response_due_via_a_channel_the_feed_does_not_have(page):
    feed = copy.deepcopy(CHANNELS)
    feed["priorities"][0]["via"] = "fax"
    assert page.evaluate(CHANNEL_DUE_JS, [feed, [["emea", "p1", "2026-11-24T08:00:00Z"]]])[0] == [None, "unknown_channel", None]


# Upcoming closures: each region's days entries dated in its own zone, upcoming while that date is
# today or later there; regions with the same entry on one date share it.
CLOSURES_JS = """([feed, cases]) => cases.map(([t, count]) =>
  S.upcomingClosures(feed, new Date(t), count).map((c) => [c.date, c.kind, c.name.en, c.hours.length, c.regions]))"""

# (instant, count) -> [(date, kind, English name, intervals, regions), ...]
BOTH = ["emea", "usa"]
CLOSURE_CASES = {
    "monday-before-christmas": ("2026-12-21T12:00:00Z", 3, [
        ["2026-12-24", "closure", "Christmas Eve", 0, BOTH], ["2026-12-25", "holiday", "Christmas Day", 0, BOTH],
        ["2026-12-26", "holiday", "Second Day of Christmas", 0, BOTH]]),
    # Today's closure is still upcoming: Christmas Eve at noon in both zones
    "on-the-day": ("2026-12-24T15:00:00Z", 1, [["2026-12-24", "closure", "Christmas Eve", 0, BOTH]]),
    # Berlin's last millisecond of the 24th; then midnight there, 18:00 on the 24th in New York
    "berlin-last-ms": ("2026-12-24T22:59:59.999Z", 1, [["2026-12-24", "closure", "Christmas Eve", 0, BOTH]]),
    "berlin-midnight": ("2026-12-24T23:00:00Z", 2, [
        ["2026-12-24", "closure", "Christmas Eve", 0, ["usa"]], ["2026-12-25", "holiday", "Christmas Day", 0, BOTH]]),
    "new-york-midnight": ("2026-12-25T05:00:00Z", 1, [["2026-12-25", "holiday", "Christmas Day", 0, BOTH]]),
    # Special hours count; EMEA's only, then the next date of both
    "special-hours-one-region": ("2026-12-27T12:00:00Z", 2, [
        ["2026-12-31", "special_hours", "New Year's Eve", 1, ["emea"]], ["2027-01-01", "holiday", "New Year's Day", 0, BOTH]]),
    # Easter Saturday 2027 (Good Friday was yesterday): Easter Monday next
    "easter-saturday": ("2027-03-27T10:00:00Z", 1, [["2027-03-29", "holiday", "Easter Monday", 0, BOTH]]),
    "good-friday-evening-new-york": ("2027-03-27T03:00:00Z", 1, [["2027-03-26", "holiday", "Good Friday", 0, ["usa"]]]),
    # The horizon's last day and beyond it
    "last-day": ("2027-12-31T12:00:00Z", 5, [["2027-12-31", "special_hours", "New Year's Eve", 1, ["emea"]]]),
    "beyond-horizon": ("2028-01-02T12:00:00Z", 3, []),
    "none-asked": ("2026-12-21T12:00:00Z", 0, []),
}


@pytest.mark.parametrize("when, count, expected", CLOSURE_CASES.values(), ids=CLOSURE_CASES.keys())
def test_upcoming_closures(page, when, count, expected):
    assert page.evaluate(CLOSURES_JS, [MUNICH, [[when, count]]])[0] == expected


# The same in a viewer zone far from both regions'.
def test_upcoming_closures_do_not_depend_on_viewer_zone(browser, assets_url, page):
    cases = [[when, count] for when, count, _ in CLOSURE_CASES.values()]
    context, other = open_module_page(browser, assets_url, "Pacific/Kiritimati")
    try:
        assert other.evaluate(CLOSURES_JS, [MUNICH, cases]) == [expected for _, _, expected in CLOSURE_CASES.values()]
    finally:
        context.close()


# expandFeed: the widget's compact feeds (compact_feed, as the build writes support/all_regions.json
# and support/<id>.json) become support.json's data again, exactly; a feed without day_lists is
# returned as it is, so support.json still works; an index day_lists does not have is an error.
EXPAND_FEEDS = {"munich": MUNICH, "tricky": TRICKY, "channels": CHANNELS}


@pytest.mark.parametrize("feed", EXPAND_FEEDS.values(), ids=EXPAND_FEEDS.keys())
def test_expand_feed_round_trips(page, feed):
    compact = compact_feed(feed)
    assert "day_lists" in compact and all(isinstance(r["days"], int) for r in compact["regions"])
    assert page.evaluate("(f) => S.expandFeed(f)", compact) == feed
    assert page.evaluate("(f) => S.expandFeed(f) === f", feed)
    broken = copy.deepcopy(compact)
    broken["regions"][-1]["days"] = len(compact["day_lists"])
    assert page.evaluate("(f) => { try { S.expandFeed(f); return ''; } catch (e) { return e.message; } }", broken) \
        == f"day_lists has no entry {len(compact['day_lists'])}"


# The hand-worked cases above, asked of the compact feeds expanded in the browser: the same answers.
def test_cases_on_expanded_compact_feeds(page):
    on_compact = lambda js: f"([feed, rest]) => ({js})([S.expandFeed(feed), rest])"  # noqa: E731
    for feed, region, when, expected in STATUS_CASES.values():
        got = page.evaluate(on_compact(STATUS_JS), [compact_feed(feed), [when]])[0][region]
        assert (got["state"], got["next"], got["after"], got["closure"]) == expected, (region, when)
    for feed, region, priority, when, expected in DUE_CASES.values():
        assert tuple(page.evaluate(on_compact(DUE_JS), [compact_feed(feed), [[region, priority, when]]])[0]) == expected
    for channel, when, expected in CHANNEL_CASES.values():
        assert tuple(page.evaluate(on_compact(CHANNEL_JS), [compact_feed(CHANNELS), when])[channel]) == expected
