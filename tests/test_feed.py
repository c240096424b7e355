# support.json: valid against the schema published beside it, with the horizon following
# SOURCE_DATE_EPOCH and horizon.years, and the closures of holidays.yml in it.

import datetime as dt
import itertools
import json
import re

import jsonschema
import pytest

import channel_fixture
from conftest import ROOT, run_build
from policy_fixture import PolicyFixture
from supportportal import feed as feeds
from reference_schedule import load, status
from test_calendar import MUNICH_HOLIDAYS, TRICKY_LOCAL, TRICKY_NAME, fixture_build  # noqa: F401 (a fixture)


def feed_of(site):
    return json.loads((site / "support.json").read_text(encoding="utf-8"))


# The schema as published at site/developers/support.schema.json, with formats checked.
def validator(site):
    schema = json.loads((site / "developers" / "support.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


# The same schema from its source, for feeds written in process.
def source_validator():
    schema = json.loads((ROOT / "hooks" / "supportportal" / "schemas" / "support.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


# The compact form's schema as the build publishes it, derived from the source schema.
def compact_validator(site=None):
    if site is None:
        source = json.loads((ROOT / "hooks" / "supportportal" / "schemas" / "support.schema.json").read_text(encoding="utf-8"))
        schema = feeds.compact_schema(source)
    else:
        schema = json.loads((site / "developers" / "support-compact.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


# A compact feed read back as its developer page describes it (the browser's expandFeed is tested
# against the same feeds in test_status_module.py): each `days` index replaced by its entry of
# day_lists, and $schema naming support.json's schema beside the compact one.
def expanded(compact: dict) -> dict:
    lists = compact["day_lists"]
    result = {k: v for k, v in compact.items() if k != "day_lists"}
    result["$schema"] = compact["$schema"].replace("support-compact.schema.json", "support.schema.json")
    result["regions"] = [{**r, "days": lists[r["days"]]} for r in compact["regions"]]
    result["channels"] = [{**c, "schedule": c["schedule"] and {**c["schedule"], "days": lists[c["schedule"]["days"]]}}
                          for c in compact["channels"]]
    return result


# Each schedule's days list (regions' first, then channels'), in feed order.
def day_lists_of(data: dict) -> list:
    return [r["days"] for r in data["regions"]] + [c["schedule"]["days"] for c in data["channels"] if c["schedule"]]


def epoch(year: int, month: int, day: int) -> str:
    return str(int(dt.datetime(year, month, day, tzinfo=dt.timezone.utc).timestamp()))


def test_default_feed_validates_against_its_published_schema(site):
    feed = feed_of(site)
    validator(site).validate(feed)
    published = (site / "developers" / "support.schema.json").read_text(encoding="utf-8")
    assert published == (ROOT / "hooks" / "supportportal" / "schemas" / "support.schema.json").read_text(encoding="utf-8")
    assert feed["$schema"] == "https://support.smartwork.example/developers/support.schema.json"
    assert feed["schema_version"] == 1
    assert feed["horizon"] == {"first_date": "2026-01-01", "last_date": "2027-12-31"}
    assert feed["generated"] == "2026-11-27"


def test_default_feed_has_munichs_public_holidays_in_every_region(site):
    for region in feed_of(site)["regions"]:
        holidays = {dt.date.fromisoformat(d["date"]) for d in region["days"] if d["kind"] == "holiday"}
        company = {dt.date.fromisoformat(d["date"]) for d in region["days"] if d["kind"] != "holiday"}
        assert holidays | (company & set(MUNICH_HOLIDAYS)) == set(MUNICH_HOLIDAYS), region["id"]
        good_friday = next(d for d in region["days"] if d["date"] == "2026-04-03")
        assert good_friday == {"date": "2026-04-03", "kind": "holiday",
                               "name": {"en": "Good Friday", "de": "Karfreitag"}, "official": "Karfreitag",
                               "official_language": "de", "hours": []}


def test_fixture_feed_validates_and_carries_the_closures(fixture_build):
    feed = feed_of(fixture_build.site)
    validator(fixture_build.site).validate(feed)
    days = {r["id"]: {d["date"]: d for d in r["days"]} for r in feed["regions"]}
    assert days["emea"]["2026-12-24"] == {"date": "2026-12-24", "kind": "closure",
                                          "name": {"en": "Christmas Eve", "de": "Heiligabend"}, "hours": []}
    assert days["usa"]["2026-12-31"]["hours"] == [{"start": "10:00", "end": "14:00"}]
    assert days["emea"]["2027-07-16"]["hours"] == [{"start": "09:00", "end": "12:00"}, {"start": "13:00", "end": "15:00"}]
    assert "2027-07-16" not in days["usa"]
    assert days["usa"]["2026-12-28"]["name"] == {"en": TRICKY_NAME, "de": TRICKY_LOCAL}
    assert days["emea"]["2026-01-01"]["kind"] == "closure" and days["usa"]["2026-01-01"]["kind"] == "holiday"
    for region in feed["regions"]:
        dates = [d["date"] for d in region["days"]]
        assert dates == sorted(set(dates))
        assert all("2026-01-01" <= d <= "2027-12-31" for d in dates)


# The schedule rules documented for developers, on the fixture feed: the day entry replaces the
# weekly hours, intervals are half-open, and beyond the horizon the state is unknown.
def test_fixture_feed_reads_as_documented(fixture_build):
    feed = feed_of(fixture_build.site)
    regions = load(feed)

    def at(region, year, month, day, hour, minute=0, zone="Europe/Berlin"):
        from zoneinfo import ZoneInfo
        instant = dt.datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone))
        return status(regions[region], int(instant.timestamp() * 1000))[0]

    assert at("emea", 2026, 12, 31, 13, 59) == "open"
    assert at("emea", 2026, 12, 31, 14, 0) == "closed"  # weekly 10:00-18:00 replaced by 10:00-14:00
    assert at("emea", 2026, 12, 24, 12) == "closed"
    assert at("emea", 2026, 12, 23, 12) == "open"
    assert at("usa", 2026, 12, 28, 12, zone="America/New_York") == "closed"
    assert at("emea", 2026, 12, 28, 12) == "open"
    assert at("emea", 2028, 1, 3, 12) == "unknown"


@pytest.mark.parametrize("when, years, first, last", [
    ((2027, 6, 15), None, "2027-01-01", "2028-12-31"),
    ((2026, 11, 27), 3, "2026-01-01", "2028-12-31"),
    ((2026, 11, 27), 1, "2026-01-01", "2026-12-31"),
])
def test_horizon_follows_source_date_epoch_and_policy(project, when, years, first, last):
    if years is not None:
        path = project / "policy" / "holidays.yml"
        path.write_text(re.sub(r"(?m)^  years: \d+$", f"  years: {years}", path.read_text(encoding="utf-8")),
                        encoding="utf-8")
    build = run_build(project, epoch=epoch(*when))
    assert build.ok, build.output
    feed = feed_of(build.site)
    validator(build.site).validate(feed)
    assert feed["horizon"] == {"first_date": first, "last_date": last}
    assert feed["generated"] == dt.date(*when).isoformat()
    for region in feed["regions"]:
        dates = [d["date"] for d in region["days"]]
        assert dates and first <= min(dates) and max(dates) <= last
        assert {d[:4] for d in dates} == {str(y) for y in range(int(first[:4]), int(last[:4]) + 1)}
    # support.ics covers the same dates and says so.
    ics = (build.site / "support.ics").read_text(encoding="utf-8")
    starts = re.findall(r"DTSTART;VALUE=DATE:(\d{8})", ics)
    assert min(starts) >= first.replace("-", "") and max(starts) <= last.replace("-", "")
    unfolded = ics.replace("\r\n ", "")
    first_words = dt.date.fromisoformat(first).strftime("%-d %B %Y")
    last_words = dt.date.fromisoformat(last).strftime("%-d %B %Y")
    assert f"{first_words} to {last_words}" in unfolded


def test_schema_rejects_what_readers_could_misread(site):
    check = validator(site)
    feed = feed_of(site)
    broken = json.loads(json.dumps(feed))
    broken["regions"][0]["days"][0]["kind"] = "vacation"
    assert not check.is_valid(broken)
    broken = json.loads(json.dumps(feed))
    broken["horizon"]["last_date"] = "2027-02-30"
    assert not check.is_valid(broken)
    broken = json.loads(json.dumps(feed))
    broken["regions"][0]["weekly"]["monday"] = [{"start": "10:00", "end": "25:00"}]
    assert not check.is_valid(broken)


# The channels: the default policy's are staffed around the clock and say so plainly.
def test_default_feed_states_that_the_channels_are_around_the_clock(site):
    feed = feed_of(site)
    assert [c["id"] for c in feed["channels"]] == ["portal", "email", "form"]
    for channel in feed["channels"]:
        assert channel["around_the_clock"] is True and channel["schedule"] is None
        assert channel["outside_hours"] is None
        assert channel["priorities"] == [p["id"] for p in feed["priorities"]]
    assert all(p["via"] is None for p in feed["priorities"])


# A channel's schedule has a region's members (zone, weekly, days), so readers compute its status
# the same way; the channel taking EMEA's hours has EMEA's days exactly.
def test_channel_schedules_in_the_feed():
    feed = channel_fixture.support_feed()
    source_validator().validate(feed)
    channels = {c["id"]: c for c in feed["channels"]}
    emea = next(r for r in feed["regions"] if r["id"] == "emea")
    assert channels["email"]["schedule"] == {"region": "emea", "zone": emea["zone"], "weekly": emea["weekly"], "days": emea["days"]}
    assert channels["email"]["outside_hours"] == "accepted" and channels["email"]["around_the_clock"] is False
    hotline = channels["hotline"]
    assert (hotline["priorities"], hotline["outside_hours"]) == (["p1"], "not_staffed")
    assert hotline["schedule"]["zone"] == "Europe/Berlin" and hotline["schedule"]["region"] is None
    assert hotline["schedule"]["weekly"]["friday"] == [{"start": "08:00", "end": "20:00"}]
    assert hotline["schedule"]["weekly"]["saturday"] == []
    hotline_days = {d["date"]: d for d in hotline["schedule"]["days"]}
    assert hotline_days["2026-04-03"]["kind"] == "holiday"  # Munich's Good Friday
    assert hotline_days["2027-06-14"]["name"]["en"] == "Hotline maintenance"
    assert "2026-11-26" not in hotline_days  # the chat's Thanksgiving is not the hotline's
    chat_days = {d["date"]: d for d in channels["chat"]["schedule"]["days"]}
    assert chat_days["2026-11-26"] == {"date": "2026-11-26", "kind": "closure",
                                       "name": {"en": "Thanksgiving", "de": "Thanksgiving"}, "hours": [],
                                       "names_channel": True}
    assert chat_days["2026-03-08"]["hours"] == [{"start": "03:00", "end": "05:00"}]
    assert "2026-04-03" not in chat_days  # no public holidays: none were named
    assert chat_days["2026-12-24"]["kind"] == "closure"  # a closure without regions and channels closes all
    assert "2026-12-31" not in chat_days and "2026-12-31" in {d["date"] for d in channels["email"]["schedule"]["days"]}
    assert channels["portal"]["schedule"] is None and channels["portal"]["around_the_clock"] is True
    # The days of closures that name a channel, as the pages name them ("... (Hotline channel)"):
    # not its holidays, nor a closure of every region or of its region.
    named = {cid: sorted(d["date"] for d in c["schedule"]["days"] if d.get("names_channel"))
             for cid, c in channels.items() if c["schedule"]}
    assert named == {"email": [], "hotline": ["2027-06-14", "2027-06-15"],
                     "chat": ["2026-03-08", "2026-07-03", "2026-11-01", "2026-11-26", "2027-11-25"]}
    assert all(d.get("names_channel", True) is True for c in channels.values() if c["schedule"] for d in c["schedule"]["days"])
    assert not any("names_channel" in d for r in feed["regions"] for d in r["days"])
    assert {p["id"]: p["via"] for p in feed["priorities"]} == {"p1": "hotline", "p2": "chat", "p3": None, "p4": "email", "p5": "portal"}


# New members are optional: a feed as it was before channels still validates, so a copy kept by
# a reader of version 1 stays valid; and wrong channel data is rejected.
def test_channels_are_optional_and_checked():
    check = source_validator()
    feed = channel_fixture.support_feed()
    old = json.loads(json.dumps(feed))
    del old["channels"]
    for p in old["priorities"]:
        del p["via"]
    assert check.is_valid(old) and feed["schema_version"] == 1
    without = json.loads(json.dumps(feed))
    for c in without["channels"]:
        for d in (c["schedule"] or {}).get("days", []):
            d.pop("names_channel", None)
    assert check.is_valid(without)
    for change in (lambda f: f["channels"][2].update(outside_hours="maybe"),
                   lambda f: f["channels"][2]["schedule"].pop("zone"),
                   lambda f: f["channels"][3]["schedule"]["weekly"].update(monday=[{"start": "13:00", "end": "25:00"}]),
                   lambda f: f["channels"][0].update(around_the_clock="yes"),
                   lambda f: f["priorities"][0].update(via="Hotline"),
                   lambda f: f["channels"][2]["schedule"]["days"][0].update(names_channel="yes")):
        broken = json.loads(json.dumps(feed))
        change(broken)
        assert not check.is_valid(broken)


# support.json stays the full feed for integrations: every days list written out, no day_lists.
def test_support_json_is_not_compacted(site):
    for edition in (site, site / "de"):
        full = feed_of(edition)
        assert "day_lists" not in full
        assert all(isinstance(days, list) for days in day_lists_of(full))
        validator(site).validate(full)


# compact_feed, the widget's form: each distinct days list (regions' and channels') once in
# day_lists, each schedule's days its index. In the channels fixture the email channel on EMEA's
# hours shares EMEA's list, while the hotline (Munich's holidays, not EMEA's closures) and the chat
# keep their own; every other member is as in the feed, and the feed itself is left as it was.
@pytest.mark.parametrize("name", ["channels", "three-regions"])
def test_compact_feed_stores_each_days_list_once(name):
    support_feed = {"channels": channel_fixture.support_feed,
                    "three-regions": PolicyFixture("three-regions", dt.date(2026, 11, 27)).support_feed}[name]
    full = support_feed()
    compact = feeds.compact_feed(full)
    assert full == support_feed()
    compact_validator().validate(compact)
    lists, originals, indexes = compact["day_lists"], day_lists_of(full), day_lists_of(compact)
    assert all(isinstance(i, int) for i in indexes)
    assert [lists[i] for i in indexes] == originals
    for a, b in itertools.combinations(range(len(originals)), 2):
        assert (indexes[a] == indexes[b]) == (originals[a] == originals[b]), (a, b)
    assert sorted(set(indexes)) == list(range(len(lists)))  # no entry unused, none twice
    assert expanded(compact) == full
    assert compact["$schema"] == "https://support.smartwork.example/developers/support-compact.schema.json"
    others = ("$schema", "regions", "channels", "day_lists")
    assert {k: v for k, v in compact.items() if k not in others} == {k: v for k, v in full.items() if k not in others}
    if name == "channels":
        regions = {r["id"]: r["days"] for r in compact["regions"]}
        channels = {c["id"]: c["schedule"] and c["schedule"]["days"] for c in compact["channels"]}
        assert channels["email"] == regions["emea"]
        assert len({regions["emea"], regions["usa"], channels["hotline"], channels["chat"]}) == 4
        assert channels["portal"] is None


# The compact schema accepts only the compact form: a feed with its lists written out, a list
# left in place of an index, a negative index or a missing day_lists is refused, and
# support.json's schema refuses a compact file (neither passes for the other).
def test_compact_schema_tells_the_two_forms_apart():
    check, full = compact_validator(), channel_fixture.support_feed()
    compact = feeds.compact_feed(full)
    assert not check.is_valid(full)
    assert not source_validator().is_valid(compact)
    for change in (lambda f: f["regions"][0].update(days=full["regions"][0]["days"]),
                   lambda f: f["channels"][1]["schedule"].update(days=[]),
                   lambda f: f["regions"][1].update(days=-1),
                   lambda f: f.pop("day_lists"),
                   lambda f: f["day_lists"][0][0].update(kind="vacation")):
        broken = json.loads(json.dumps(compact))
        change(broken)
        assert not check.is_valid(broken)


# support/all_regions.json (the widget's feed with every region) and support/<id>.json (a widget
# showing one region): compact, valid against the compact schema published beside support.json's;
# expanded, all_regions.json is support.json, and a region's file the region's data as in
# support.json, the shared parts whole, no region it does not need. The default regions close on
# the same days: one list for both.
def test_widget_feeds_are_compact_copies(site):
    published = (site / "developers" / "support-compact.schema.json").read_text(encoding="utf-8")
    source = json.loads((ROOT / "hooks" / "supportportal" / "schemas" / "support.schema.json").read_text(encoding="utf-8"))
    assert json.loads(published) == feeds.compact_schema(source)
    for edition in (site, site / "de"):
        full, check = feed_of(edition), compact_validator(site)
        everything = json.loads((edition / "support" / "all_regions.json").read_text(encoding="utf-8"))
        check.validate(everything)
        assert expanded(everything) == full
        assert [r["days"] for r in everything["regions"]] == [0, 0] and len(everything["day_lists"]) == 1
        assert len(full["regions"]) >= 2
        for region in full["regions"]:
            own = json.loads((edition / "support" / f"{region['id']}.json").read_text(encoding="utf-8"))
            check.validate(own)
            assert len(own["day_lists"]) == len({json.dumps(r["days"]) for r in own["regions"]})
            own = expanded(own)
            validator(site).validate(own)
            assert region in own["regions"]
            needed = {region["id"]} | {c["schedule"]["region"] for c in full["channels"] if c["schedule"]}
            needed |= {r for n in full["notices"] if region["id"] in n["regions"] for r in n["regions"]}
            assert {r["id"] for r in own["regions"]} == needed & {r["id"] for r in full["regions"]}
            assert {k: v for k, v in own.items() if k != "regions"} == {k: v for k, v in full.items() if k != "regions"}
