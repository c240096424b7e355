# support-status.js against the independent Python reference (tests/reference_schedule.py).
#
# Random instants, biased towards the instants where mistakes hide (stretch edges, clock
# changes, the horizon), on the default site's support.json and on a tricky fixture feed.
# Every answer must agree to the millisecond. The seed is printed; SUPPORT_SEED replays one.
# Answers travel as one JSON string per batch: Playwright's per-value serialisation is slow.

import json
import os
import random
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import channel_fixture
import dated_fixture
import reference_schedule as ref
from conftest import open_module_page

pytestmark = pytest.mark.browser

FEEDS = Path(__file__).parent / "fixtures" / "feeds"
STATUS_SAMPLES = 10_000
DUE_SAMPLES = 5_000
CHANNEL_SAMPLES = 10_000
BATCH = 2_500
MINUTE = 60_000
DAY = 86_400_000

STATUS_JS = """([feed, times]) => JSON.stringify(times.map((t) => Object.values(S.supportStatus(feed, new Date(t))).map((s) =>
  [s.state, s.nextChange && +s.nextChange, s.nextState, s.closure && s.closure.date])))"""

DUE_JS = """([feed, cases]) => JSON.stringify(cases.map(([region, priority, t]) => {
  const r = S.responseDue(feed, region, priority, new Date(t));
  return [r.due && +r.due, r.reason];
}))"""

CHANNEL_JS = """([feed, times]) => JSON.stringify(times.map((t) => Object.values(S.channelStatus(feed, new Date(t))).map((s) =>
  [s.state, s.nextChange && +s.nextChange, s.nextState, s.closure && s.closure.date, s.accepts])))"""


@pytest.fixture(scope="module")
def seed():
    value = int(os.environ.get("SUPPORT_SEED", random.SystemRandom().randrange(2**32)))
    print(f"differential seed: {value} (replay with SUPPORT_SEED={value})")
    return value


@pytest.fixture(scope="module")
def tricky_page(browser, assets_url):
    context, page = open_module_page(browser, assets_url, "Asia/Kolkata")
    yield page
    context.close()


# The module as the site publishes it, read by a viewer in Chatham (+13:45 in November).
@pytest.fixture(scope="module")
def site_page(browser, site_url):
    context, page = open_module_page(browser, site_url, "Pacific/Chatham")
    yield page
    context.close()


def test_status_tricky_feed(tricky_page, seed):
    compare_status(tricky_page, json.loads((FEEDS / "tricky.json").read_text()), seed)


def test_response_due_tricky_feed(tricky_page, seed):
    compare_due(tricky_page, json.loads((FEEDS / "tricky.json").read_text()), seed)


def test_status_default_site(site_page, site, seed):
    compare_status(site_page, json.loads((site / "support.json").read_text()), seed)


def test_response_due_default_site(site_page, site, seed):
    compare_due(site_page, json.loads((site / "support.json").read_text()), seed)


# Channels with hours of their own, of a region, or none: the channels fixture policy's
# support.json (hotline in Berlin, chat in New York, email on EMEA's hours) ...
def test_channel_status_channels_fixture(tricky_page, seed):
    compare_channels(tricky_page, channel_fixture.support_feed(), seed)


def test_response_due_on_channel_hours_channels_fixture(tricky_page, seed):
    compare_due(tricky_page, channel_fixture.support_feed(), seed, CHANNEL_SAMPLES)


# ... and one channel on each schedule of the tricky feed (gaps, repeated hours, Lord Howe's
# half-hour change, shifts past midnight), with priorities counted on each channel.
def test_channel_status_tricky_channels(tricky_page, seed):
    compare_channels(tricky_page, tricky_with_channels(), seed)


def test_response_due_on_channel_hours_tricky_channels(tricky_page, seed):
    compare_due(tricky_page, tricky_with_channels(), seed, CHANNEL_SAMPLES)


def test_channel_status_default_site(site_page, site, seed):
    compare_channels(site_page, json.loads((site / "support.json").read_text()), seed, 1_000)


# The sampler has to reach the interesting places, or a zero-mismatch run proves little.
def test_samples_cover_edges(seed):
    feed = json.loads((FEEDS / "tricky.json").read_text())
    regions = ref.load(feed)
    times = instants(regions, random.Random(seed), STATUS_SAMPLES)
    states = {ref.status(r, t)[0] for t in times for r in regions.values()}
    assert states == {"open", "closed", "unknown"}
    edges = {s for r in regions.values() for stretch in r.stretches for s in stretch}
    assert sum(t in edges for t in times) > STATUS_SAMPLES // 10


# Helper functions

def compare_status(page, feed, seed, count=STATUS_SAMPLES, sampler=None):
    regions = ref.load(feed)
    ids = [r["id"] for r in feed["regions"]]
    times = (sampler or instants)(regions, random.Random(seed), count)
    got = []
    for i in range(0, len(times), BATCH):
        got += json.loads(page.evaluate(STATUS_JS, [feed, times[i:i + BATCH]]))
    mismatches = []
    for t, row in zip(times, got):
        for region_id, js in zip(ids, row):
            expected = list(ref.status(regions[region_id], t))
            if js != expected:
                mismatches.append(f"{region_id} at {iso(t)}: js {readable(js)} != reference {readable(expected)}")
    assert not mismatches, f"{len(mismatches)} mismatches (seed {seed}):\n" + "\n".join(mismatches[:20])


def compare_channels(page, feed, seed, count=CHANNEL_SAMPLES, sampler=None):
    channels = ref.load_channels(feed)
    schedules = {**ref.load(feed), **{f"channel {k}": v for k, v in channels.items() if v is not None}}
    times = (sampler or instants)(schedules, random.Random(seed + 2), count)
    got = []
    for i in range(0, len(times), BATCH):
        got += json.loads(page.evaluate(CHANNEL_JS, [feed, times[i:i + BATCH]]))
    mismatches = []
    for t, row in zip(times, got):
        assert len(row) == len(feed["channels"])
        for channel, js in zip(feed["channels"], row):
            expected = list(ref.channel_status(channel, channels[channel["id"]], t))
            if js != expected:
                mismatches.append(f"{channel['id']} at {iso(t)}: js {readable(js)} != reference {readable(expected)}")
    assert not mismatches, f"{len(mismatches)} mismatches (seed {seed}):\n" + "\n".join(mismatches[:20])


def compare_due(page, feed, seed, count=DUE_SAMPLES, sampler=None):
    regions = ref.load(feed)
    channels = ref.load_channels(feed)
    rng = random.Random(seed + 1)
    schedules = {**regions, **{f"channel {k}": v for k, v in channels.items() if v is not None}}
    times = (sampler or instants)(schedules, rng, count)
    priorities = [p["id"] for p in feed["priorities"]]
    cases = [[rng.choice(list(regions)), rng.choice(priorities), t] for t in times]
    got = []
    for i in range(0, len(cases), BATCH):
        got += json.loads(page.evaluate(DUE_JS, [feed, cases[i:i + BATCH]]))
    mismatches = []
    for (region_id, priority_id, t), js in zip(cases, got):
        expected = list(ref.response_due(feed, regions, region_id, priority_id, t, channels))
        if js != expected:
            mismatches.append(f"{region_id} {priority_id} at {iso(t)}: js {readable(js)} != reference {readable(expected)}")
    assert not mismatches, f"{len(mismatches)} mismatches (seed {seed}):\n" + "\n".join(mismatches[:20])


# Instants (ms): a third anywhere from a week before to a week after the horizon (whole
# minutes mostly), a third on or next to an open/close edge, a third around clock changes.
def instants(regions: dict, rng: random.Random, count: int) -> list[int]:
    low = min(r.start for r in regions.values()) - 7 * DAY
    high = max(r.end for r in regions.values()) + 7 * DAY
    edges = sorted({e for r in regions.values() for s in r.stretches for e in s} | {r.start for r in regions.values()} | {r.end for r in regions.values()})
    changes = sorted({c for r in regions.values() for c in clock_changes(r, low, high)})
    out = []
    for i in range(count):
        kind = i % 3
        if kind == 0 or (kind == 2 and not changes):
            t = rng.randrange(low, high)
            out.append(t - t % MINUTE if rng.random() < 0.7 else t)
        elif kind == 1:
            out.append(rng.choice(edges) + rng.choice((0, 0, 0, -1, 1, -MINUTE, MINUTE, -DAY, DAY)))
        else:
            t = rng.choice(changes) + rng.randrange(-36, 37) * 30 * MINUTE
            out.append(t + rng.choice((0, 0, -1, 1)))
    return out


# Instants where the region's UTC offset changes, found by hourly steps and bisection.
def clock_changes(region: ref.Region, low: int, high: int) -> list[int]:
    offset = lambda t: ref._local(t, region.zone).utcoffset()
    changes, t, step = [], low, 3_600_000
    while t < high:
        if offset(t) != offset(t + step):
            a, b = t, t + step
            while b - a > 1:
                mid = (a + b) // 2
                a, b = (mid, b) if offset(mid) == offset(a) else (a, mid)
            changes.append(b)
        t += step
    return changes


def iso(t: int) -> str:
    return datetime.fromtimestamp(t / 1000, timezone.utc).isoformat(timespec="milliseconds")


def readable(row: list) -> list:
    return [iso(v) if isinstance(v, int) and not isinstance(v, bool) else v for v in row]


# The tricky feed with one channel per region schedule (alternately accepting requests outside
# its hours or not staffed), one channel around the clock, and each business and calendar
# priority once more, answered via each channel.
def tricky_with_channels() -> dict:
    feed = json.loads((FEEDS / "tricky.json").read_text())
    feed["channels"] = [{"id": "always", "name": {"en": "Portal"}, "type": "portal", "address": "https://x.example/",
                         "around_the_clock": True, "schedule": None, "priorities": [], "outside_hours": None}]
    for i, region in enumerate(feed["regions"]):
        feed["channels"].append({
            "id": f"{region['id']}-line", "name": {"en": region["id"]}, "type": "phone", "address": "+1 555",
            "around_the_clock": False,
            "schedule": {"region": None, "zone": region["zone"], "weekly": region["weekly"], "days": region["days"]},
            "priorities": [], "outside_hours": ("accepted", "not_staffed")[i % 2],
        })
    ids = [p["id"] for p in feed["priorities"]]
    for channel in feed["channels"]:
        channel["priorities"] = ids
        for p in [p for p in feed["priorities"] if p["id"] in ("c60", "b30", "b480", "b10080")]:
            feed["priorities"].append({**p, "id": f"{p['id']}-{channel['id']}", "default": False, "via": channel["id"]})
    return feed


# The channel samples reach every state, the channels' own edges, and the clock-change days of
# both zones (Berlin and New York).
def test_channel_samples_cover_edges_and_clock_changes(seed):
    feed = channel_fixture.support_feed()
    channels = ref.load_channels(feed)
    schedules = {**ref.load(feed), **{f"channel {k}": v for k, v in channels.items() if v is not None}}
    times = instants(schedules, random.Random(seed + 2), CHANNEL_SAMPLES)
    states = {ref.channel_status(c, channels[c["id"]], t)[0] for t in times for c in feed["channels"]}
    assert states == {"always", "staffed", "not_staffed", "unknown"}
    edges = {e for k, r in schedules.items() if k.startswith("channel") for s in r.stretches for e in s}
    assert sum(t in edges for t in times) > CHANNEL_SAMPLES // 20
    for zone in ("Europe/Berlin", "America/New_York"):
        schedule = next(r for k, r in schedules.items() if k.startswith("channel") and r.zone.key == zone)
        changes = clock_changes(schedule, schedule.start, schedule.end)
        assert len(changes) == 4, zone
        assert all(sum(abs(t - c) < DAY for t in times) > 50 for c in changes), zone


# Dated changes: the dated fixture (new EMEA hours on 22 March 2027, in the week New York is
# already on summer time and Berlin not yet; new USA hours on the US clock change day; new
# targets in business and calendar time; a hotline that starts, a chat that ends, a form offered
# for a while), with instants concentrated around each change.
DATED_SAMPLES = 10_000


def test_status_dated_fixture(tricky_page, seed):
    feed = dated_fixture.support_feed()
    compare_status(tricky_page, feed, seed, DATED_SAMPLES, dated_instants)


def test_response_due_dated_fixture(tricky_page, seed):
    feed = dated_fixture.support_feed()
    compare_due(tricky_page, feed, seed, DATED_SAMPLES, dated_instants)


def test_channel_status_dated_fixture(tricky_page, seed):
    feed = dated_fixture.support_feed()
    compare_channels(tricky_page, feed, seed, DATED_SAMPLES, dated_instants)


def test_hours_changes_dated_fixture(tricky_page, seed):
    feed = dated_fixture.support_feed()
    schedules = {**ref.load(feed), **{f"channel {k}": v for k, v in ref.load_channels(feed).items() if v}}
    times = dated_instants(schedules, random.Random(seed + 3), DATED_SAMPLES, feed)
    got = []
    for i in range(0, len(times), BATCH):
        got += json.loads(tricky_page.evaluate(CHANGES_JS, [feed, times[i:i + BATCH]]))
    expected = [[[r, d, at] for r, d, at in ref.hours_changes(feed, t)] for t in times]
    mismatches = [f"at {iso(t)}: js {js} != reference {exp}" for t, js, exp in zip(times, got, expected) if js != exp]
    assert not mismatches, f"{len(mismatches)} mismatches (seed {seed}):\n" + "\n".join(mismatches[:20])
    assert sum(bool(e) for e in expected) > DATED_SAMPLES // 10


# The dated samples reach every change: each change's first instant, the minute on either side,
# and many instants within a day of it, with every channel state and every target in force.
def test_dated_samples_cover_changes(seed):
    feed = dated_fixture.support_feed()
    channels = ref.load_channels(feed)
    schedules = {**ref.load(feed), **{f"channel {k}": v for k, v in channels.items() if v is not None}}
    times = dated_instants(schedules, random.Random(seed), DATED_SAMPLES, feed)
    changes = change_instants(feed)
    assert len(changes) == 12
    for change in changes:
        assert change in times and sum(abs(t - change) < DAY for t in times) > 100, iso(change)
    states = {ref.channel_status(c, channels[c["id"]], t)[0] for t in times for c in feed["channels"]}
    assert states == {"always", "staffed", "not_staffed", "unknown", "unavailable"}


# Counting via a channel across its dates: the dated fixture with more priorities via the
# hotline (first day 15 March 2027) and the chat (last day 30 June 2027), short and long business
# targets (long enough that requests days before the first day count into the hotline's hours,
# and counts on the chat run on past its last day), with requests concentrated in the days
# before each date.
def test_response_due_via_channels_across_their_dates(tricky_page, seed):
    feed = dated_fixture.support_feed()
    for via in ("hotline", "chat", "form"):
        for minutes in (60, 600, 1800, 4800):
            feed["priorities"].append({"id": f"{via}-{minutes}", "name": {"en": via}, "default": False, "update_interval": None,
                                       "first_response": {"minutes": minutes, "clock": "business"}, "via": via})
    rng = random.Random(seed + 4)
    switches = [t for c in feed["channels"] for t in ref.offered(c) if t is not None]
    times = [s - rng.randrange(0, 6 * 48) * 30 * MINUTE - rng.choice((0, 0, 1, MINUTE, rng.randrange(MINUTE)))
             for s in switches for _ in range(DATED_SAMPLES // 4 // len(switches))]
    regions, channels = ref.load(feed), ref.load_channels(feed)
    ids = [p["id"] for p in feed["priorities"] if p.get("via") in ("hotline", "chat")]
    cases = [[rng.choice(list(regions)), rng.choice(ids), t] for t in times]
    got = []
    for i in range(0, len(cases), BATCH):
        got += json.loads(tricky_page.evaluate(DUE_JS, [feed, cases[i:i + BATCH]]))
    expected = [list(ref.response_due(feed, regions, r, p, t, channels)) for r, p, t in cases]
    mismatches = [f"{r} {p} at {iso(t)}: js {readable(js)} != reference {readable(exp)}"
                  for (r, p, t), js, exp in zip(cases, got, expected) if js != exp]
    assert not mismatches, f"{len(mismatches)} mismatches (seed {seed}):\n" + "\n".join(mismatches[:20])
    # The samples reach the switch: counts that begin on one schedule and end on the other
    crossing = sum(1 for (r, p, t), (due, _) in zip(cases, expected)
                   if due and any(t < s <= due for s in switches))
    assert crossing > len(cases) // 5, crossing


CHANGES_JS = """([feed, times]) => JSON.stringify(times.map((t) => S.hoursChanges(feed, new Date(t)).map((c) =>
  [c.region, c.from, +c.at])))"""


# The first instant of every dated change in a feed: hours changes in their schedule's zone,
# target changes in every region's zone, channel availability in its zone.
def change_instants(feed: dict) -> list[int]:
    out = set()
    zones = {r["zone"] for r in feed["regions"]}
    schedules = [*feed["regions"], *(c["schedule"] for c in feed.get("channels", []) if c["schedule"])]
    for s in schedules:
        for change in s.get("hours_changes", []):
            out.add(ref._instant(date.fromisoformat(change["from"]), 0, ZoneInfo(s["zone"])))
    for p in feed["priorities"]:
        for change in p.get("target_changes", []):
            out |= {ref._instant(date.fromisoformat(change["from"]), 0, ZoneInfo(z)) for z in zones}
    for c in feed.get("channels", []):
        out |= {t for t in ref.offered(c) if t is not None}
    return sorted(out)


# Half the instants as instants() picks them, half around the changes: the instant itself, a
# millisecond or a minute either side, or anywhere within three days, on half-hour steps mostly.
def dated_instants(schedules: dict, rng: random.Random, count: int, feed: dict | None = None) -> list[int]:
    feed = feed or dated_fixture.support_feed()
    changes = change_instants(feed)
    out = instants(schedules, rng, count // 2)
    out += changes
    while len(out) < count:
        change = rng.choice(changes)
        if rng.random() < 0.3:
            out.append(change + rng.choice((0, -1, 1, -MINUTE, MINUTE)))
        else:
            t = change + rng.randrange(-3 * 48, 3 * 48 + 1) * 30 * MINUTE
            out.append(t + rng.choice((0, 0, 0, -1, 1, rng.randrange(MINUTE))))
    return out
