# The first-response calculator on the built default site's priorities page, in Chromium with a
# fixed clock and the reader's time zone emulated.
#
# Default policy: emea Mon-Fri 10:00-18:00 Europe/Berlin, usa Mon-Fri 09:00-17:00
# America/New_York, Munich public holidays; p1 1 hour round the clock, p3 (the default) one
# business day of 8 hours. 27 November 2026 is a Friday.

import json

import pytest

from conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
OUTPUT = "[data-support-calculator] output"
LIVE = "[data-support-calculator] [role=status]"


@pytest.fixture
def open_calculator(open_at):
    def open_calculator(when: str, zone: str = "UTC", path: str = "/priorities/", **options):
        page = open_at(path, when, zone, **options)
        page.wait_for_selector(f"{OUTPUT}:not(:empty)")
        return page

    return open_calculator


def result(page) -> tuple[str, str]:
    return page.text_content(OUTPUT), page.get_attribute(OUTPUT, "data-due")


# The reader's zone picks the region; the priority starts at the feed's default.
@pytest.mark.parametrize("zone, region", [
    ("America/Chicago", "usa"), ("Asia/Kolkata", "emea"), ("Asia/Tokyo", "emea"),
    ("Pacific/Chatham", "emea"), ("UTC", "emea"), ("Europe/Berlin", "emea"),
])
def test_defaults(open_calculator, site, zone, region):
    feed = json.loads((site / "support.json").read_text())
    default = next(p["id"] for p in feed["priorities"] if p["default"])
    page = open_calculator("2026-11-27T14:45:00Z", zone)
    assert page.get_by_label("Region", exact=True).input_value() == region
    assert page.get_by_label("Priority", exact=True).input_value() == default == "p3"
    assert page.is_visible("[data-support-calculator]")
    # The answer, which changes every minute, is not read out by itself; nothing is said yet.
    assert page.get_attribute(OUTPUT, "aria-live") == "off"
    assert page.text_content(LIVE) == ""


# Friday afternoon, reader in Tokyo: 2 h 15 min on Friday and 5 h 45 min on Monday.
def test_business_hours_over_the_weekend(open_calculator):
    page = open_calculator("2026-11-27T14:45:00Z", "Asia/Tokyo")
    assert result(page) == (
        "If you open a ticket now, expect a first response by Monday 15:45 CET, Monday 23:45 your time (in 3 days).",
        "2026-11-30T14:45:00.000Z")
    note = page.text_content(".support-calculator__note")
    assert note == "Normal tickets count business hours: the 1 business day target runs only while EMEA support is open; nights, weekends and holidays pause it."


# Changing the priority or the region recomputes at once.
def test_change_priority_and_region(open_calculator):
    page = open_calculator("2026-11-27T14:45:00Z", "America/Chicago")
    assert result(page) == (
        "If you open a ticket now, expect a first response by Monday 09:45 EST, Monday 08:45 your time (in 3 days).",
        "2026-11-30T14:45:00.000Z")
    page.get_by_label("Priority", exact=True).select_option("p1")
    assert result(page) == (
        "If you open a ticket now, expect a first response by 10:45 EST, 09:45 your time (in 1 hr).",
        "2026-11-27T15:45:00.000Z")
    assert "round the clock" in page.text_content(".support-calculator__note")
    page.get_by_label("Region", exact=True).select_option("emea")
    assert result(page)[1] == "2026-11-27T15:45:00.000Z"
    assert result(page)[0] == "If you open a ticket now, expect a first response by 16:45 CET, 09:45 your time (in 1 hr)."


# The Saturday before Easter: Easter Monday is a holiday, the count runs on Tuesday.
def test_day_before_easter(open_calculator):
    page = open_calculator("2026-04-04T12:00:00Z", "UTC")
    assert result(page) == (
        "If you open a ticket now, expect a first response by Tuesday 18:00 CEST, Tuesday 16:00 your time (in 3 days 4 hr).",
        "2026-04-07T16:00:00.000Z")


# A count that needs days after the published dates, or a ticket opened after them.
@pytest.mark.parametrize("when", ["2027-12-31T12:00:00Z", "2028-01-03T12:00:00Z"])
def test_beyond_published_schedule(open_calculator, when):
    page = open_calculator(when, "UTC")
    assert result(page) == (
        "If you open a ticket now, the first response falls beyond the published support schedule.", "")


# The answer follows the clock, minute by minute; a screen reader hears it once after each choice
# of the reader (the live line), not every minute.
def test_updates_every_minute(open_calculator):
    page = open_calculator("2026-11-27T14:45:00Z", "UTC")
    page.get_by_label("Priority", exact=True).select_option("p1")
    assert result(page)[1] == "2026-11-27T15:45:00.000Z"
    said = page.text_content(LIVE)
    assert said == result(page)[0] and "in 1 hr" in said, said
    page.clock.run_for(60_000)
    assert result(page)[1] == "2026-11-27T15:46:00.000Z"
    assert page.text_content(LIVE) == said
    page.get_by_label("Priority", exact=True).select_option("p3")
    page.clock.run_for("02:14:00")  # 17:00 UTC = 18:00 CET: closed, the count starts Monday
    assert result(page)[1] == "2026-11-30T17:00:00.000Z"


def test_german_edition(open_calculator):
    page = open_calculator("2026-11-27T14:45:00Z", "Europe/Berlin", path="/de/priorities/", locale="de-DE")
    assert page.get_by_label("Priorität", exact=True).input_value() == "p3"
    assert result(page) == (
        "Wenn Sie jetzt ein Ticket eröffnen, erhalten Sie die erste Antwort bis Montag, 15:45 MEZ (noch 3 Tage).",
        "2026-11-30T14:45:00.000Z")
    # The target stands in the nominative beside "Das Ziel" (not "das Ziel von 1 Arbeitstag"), and
    # each sentence after the colon starts with a capital.
    note = page.text_content(".support-calculator__note")
    assert note == ("Tickets der Priorität Normal zählen nur Geschäftszeit: Das Ziel (1 Arbeitstag) läuft, solange "
                    "der Support der Region EMEA geöffnet ist; Nächte, Wochenenden und Feiertage halten es an.")
    page.get_by_label("Priorität", exact=True).select_option("p1")
    page.wait_for_function("() => document.querySelector('.support-calculator__note').textContent.includes('Kritisch')")
    assert page.text_content(".support-calculator__note") == (
        "Tickets der Priorität Kritisch bearbeiten wir rund um die Uhr: Das Ziel (1 Stunde) zählt Kalenderzeit, "
        "auch nachts, am Wochenende und an Feiertagen.")


def test_mobile_width(open_calculator):
    page = open_calculator("2026-11-27T14:45:00Z", "Asia/Kolkata", viewport={"width": 320, "height": 640})
    assert page.eval_on_selector("[data-support-calculator]", "el => el.scrollWidth - el.clientWidth") <= 0
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe(open_calculator, scheme):
    assert AXE.exists(), f"axe-core not found at {AXE}: run `npm ci`"
    page = open_calculator("2026-11-27T14:45:00Z", "UTC", color_scheme=scheme)
    assert page.get_attribute("body", "data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
    page.clock.resume()  # axe-core waits on timers
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => (await axe.run({include: [['[data-support-calculator]']]})).violations
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)""")
    assert violations == []
