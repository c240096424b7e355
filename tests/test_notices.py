# Notices (policy/notices.yml) in process: every mistake named with file, line, key and fix; the
# notices in support.json (against the published schema), in notices.atom (read by feedparser),
# in support.ics and in each region's own calendar (read by icalendar).
#
# Fixture: tests/fixtures/policies/notices/notices.yml over the default policy; build date
# Friday 27 November 2026.

import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path

import feedparser
import icalendar
import jsonschema
import pytest

from conftest import ROOT
from supportportal import atom, feed, ics
from supportportal.loading import PolicyError, load_policy
from timelimit import time_limit

TODAY = dt.date(2026, 11, 27)
FIXTURE = ROOT / "tests" / "fixtures" / "policies" / "notices" / "notices.yml"
SCHEMA = json.loads((ROOT / "hooks" / "supportportal" / "schemas" / "support.schema.json").read_text())


def policy_dir(tmp_path: Path, notices: str | None = None) -> Path:
    directory = tmp_path / "policy"
    shutil.copytree(ROOT / "policy", directory)
    if notices is None:
        shutil.copy2(FIXTURE, directory / "notices.yml")
    else:
        (directory / "notices.yml").write_text(notices, encoding="utf-8")
    return directory


def load(directory: Path):
    with time_limit(60, "loading the policy"):
        return load_policy(directory, TODAY)


def problems(directory: Path) -> list:
    with pytest.raises(PolicyError) as info:
        load(directory)
    return info.value.problems


@pytest.fixture(scope="module")
def policy(tmp_path_factory):
    return load(policy_dir(tmp_path_factory.mktemp("notices")))


# One notice, with `extra` lines in place of start/end/zone.
def one_notice(extra: str, head: str = "") -> str:
    return (f"{head}notices:\n  - id: hotline\n    kind: disruption\n    title: {{en: Hotline down, de: Hotline gestört}}\n"
            f"    text: {{en: Use the portal., de: Nutzen Sie das Portal.}}\n{extra}")


MISTAKES = {
    "end before start": ("    start: 2026-12-08 13:00\n    end: 2026-12-08 09:00\n    zone: Europe/Berlin\n",
                         "end: 2026-12-08 09:00", "notices[1].end", "ends (2026-12-08 09:00) before it starts", "swap start and end"),
    "unknown zone": ("    start: 2026-12-08 13:00\n    zone: CET\n", "zone: CET", "notices[1].zone",
                     "'CET' is not an IANA time zone name", "Europe/Berlin"),
    "unknown region": ("    start: 2026-12-08 13:00\n    zone: Europe/Berlin\n    regions: [emae]\n", "regions: [emae]",
                       "notices[1].regions[1]", "there is no region 'emae' in regions.yml", "did you mean 'emea'?"),
    "unknown channel": ("    start: 2026-12-08 13:00\n    zone: Europe/Berlin\n    channels: [mail]\n", "channels: [mail]",
                        "notices[1].channels[1]", "there is no channel 'mail' in channels.yml", "did you mean 'email'?"),
    "start in the skipped hour": ("    start: 2027-03-28 02:30\n    zone: Europe/Berlin\n", "start: 2027-03-28 02:30",
                                  "notices[1].start", "go forward from 02:00 to 03:00, so 02:30 does not exist", "write 03:00"),
    "date that does not exist": ("    start: 2026-02-30\n    zone: Europe/Berlin\n", "start: 2026-02-30",
                                 "notices[1].start", "2026-02-30 is not a date that exists", "YYYY-MM-DD"),
    "time written as 12-hour": ("    start: 2026-12-08 9am\n    zone: Europe/Berlin\n", "start: 2026-12-08 9am",
                                "notices[1].start", "is not a date and time", "2026-12-24 12:00"),
    "unknown kind": ("    start: 2026-12-08 13:00\n    zone: Europe/Berlin\n", "kind: outage", "notices[1].kind",
                     "'outage' is not one of: information, reduced service, disruption", None),
    "zone of regions in several zones": ("    start: 2026-12-08 13:00\n", "start: 2026-12-08 13:00", "notices[1].start",
                                         "the regions concerned keep different zones", "add zone:"),
    "missing German text": ("    start: 2026-12-08 13:00\n    zone: Europe/Berlin\n", "title: {en: Hotline down, de: Hotline gestört}",
                            "notices[1].title", "the de text is missing", "add de: ..."),
}


@pytest.mark.parametrize("case", sorted(MISTAKES))
def test_each_mistake_names_file_line_key_and_fix(tmp_path, case):
    extra, marker, path, message, fix = MISTAKES[case]
    text = one_notice(extra)
    if case == "unknown kind":
        text = text.replace("kind: disruption", "kind: outage")
    if case == "missing German text":
        text = text.replace("title: {en: Hotline down, de: Hotline gestört}", "title: {en: Hotline down}")
        marker = "title: {en: Hotline down}"
    directory = policy_dir(tmp_path, text)
    found = problems(directory)
    assert len(found) == 1, "\n".join(map(str, found))
    problem = found[0]
    line = next(n for n, row in enumerate(text.splitlines(), 1) if marker in row)
    assert (problem.file, problem.line, problem.path) == ("policy/notices.yml", line, path), str(problem)
    assert message in problem.message, str(problem)
    if fix:
        assert problem.fix and fix in problem.fix, str(problem)


def test_duplicate_ids(tmp_path):
    text = one_notice("    start: 2026-12-08 13:00\n    zone: Europe/Berlin\n")
    text += text.split("notices:\n", 1)[1]
    found = problems(policy_dir(tmp_path, text))
    assert [(p.line, p.path) for p in found] == [(8, "notices[2].id")], "\n".join(map(str, found))
    assert "the notice id 'hotline' is used twice (also notice 1, line 2)" in found[0].message and "its own id" in found[0].fix


def test_end_equal_to_start(tmp_path):
    found = problems(policy_dir(tmp_path, one_notice("    start: 2026-12-08 13:00\n    end: 2026-12-08 13:00\n    zone: Europe/Berlin\n")))
    assert [p.path for p in found] == ["notices[1].end"] and "ends when it starts" in found[0].message


# Dates alone: the end is the notice's last whole day, so an end the day before the start ends
# before it starts (not "when it starts"), named with both dates as written.
@pytest.mark.parametrize("start, end", [("2026-12-09", "2026-12-08"), ("2026-12-09 00:00", "2026-12-08"),
                                        ("2026-12-09", "2026-12-01")])
def test_an_end_date_before_the_start_date(tmp_path, start, end):
    found = problems(policy_dir(tmp_path, one_notice(f"    start: {start}\n    end: {end}\n    zone: Europe/Berlin\n")))
    assert [(p.line, p.path) for p in found] == [(7, "notices[1].end")], "\n".join(map(str, found))
    assert found[0].message == f"the notice ends ({end}) before it starts ({start})", str(found[0])
    assert "swap start and end" in found[0].fix, str(found[0])


# A lead time in the singular is one (1 week, 1 day, 1 hour); one written in words or with an
# abbreviation gets the form that works.
@pytest.mark.parametrize("announce, hours", [("1 week", 168), ("1 day", 24), ("1 hour", 1), ("2 weeks", 336),
                                             ("1 weeks", 168)])
def test_a_lead_time_in_the_singular(tmp_path, announce, hours):
    policy = load(policy_dir(tmp_path, one_notice(f"    start: 2026-12-09\n    zone: Europe/Berlin\n"
                                                   f"    announce: {announce}\n")))
    [notice] = policy.notices
    assert notice.start - notice.announce == dt.timedelta(hours=hours)


@pytest.mark.parametrize("announce, fix", [("a week", "1 week"), ("one week", "1 week"), ("One Day", "1 day"),
                                           ("1 wk", "1 week"), ("3 Wochen", "3 weeks"), ("7d", "7 days"),
                                           ("48h", "48 hours"), ("2 weeks.", "2 weeks")])
def test_a_lead_time_written_otherwise_gets_the_working_form(tmp_path, announce, fix):
    found = problems(policy_dir(tmp_path, one_notice(f"    start: 2026-12-09\n    zone: Europe/Berlin\n"
                                                      f"    announce: {announce}\n")))
    assert [(p.line, p.path) for p in found] == [(8, "notices[1].announce")], "\n".join(map(str, found))
    assert found[0].message == f"'{announce}' is not a lead time", str(found[0])
    assert found[0].fix == f"write it as '{fix}'", str(found[0])


# An `updated` later than the build is a typo (readers would see a change that has not happened
# yet): refused at its line, with the build's instant in the notice's zone as the latest time to write.
def test_an_update_after_the_build_is_refused(tmp_path):
    text = one_notice("    start: 2026-11-20 09:00\n    zone: Europe/Berlin\n    updated: 2099-01-01\n")
    found = problems(policy_dir(tmp_path, text))
    assert [(p.file, p.line, p.path) for p in found] == [("policy/notices.yml", 8, "notices[1].updated")], \
        "\n".join(map(str, found))
    assert "2099-01-01" in found[0].message and "after the build" in found[0].message, str(found[0])
    assert "2026-11-27 01:00" in found[0].fix and "Europe/Berlin" in found[0].fix, str(found[0])


# The comparison point is the build's instant (SOURCE_DATE_EPOCH when set), to the minute, also when
# a model of the same files was kept from a later build of the same day.
def test_an_update_is_compared_with_the_builds_instant(tmp_path):
    built = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.timezone.utc)  # 11:00 in Berlin
    def written(updated, folder):
        return policy_dir(tmp_path / folder, one_notice(
            f"    start: 2026-11-20 09:00\n    zone: Europe/Berlin\n    updated: {updated}\n"))
    with time_limit(60, "loading the policy"):
        assert load_policy(written("2026-11-27 11:00", "now"), TODAY, built_at=built).notices[0].updated == built
        later = written("2026-11-27 11:01", "later")
        with pytest.raises(PolicyError) as info:
            load_policy(later, TODAY, built_at=built)
        [problem] = info.value.problems
        assert problem.path == "notices[1].updated" and "2026-11-27 11:00" in problem.fix, str(problem)
        assert load_policy(later, TODAY, built_at=built + dt.timedelta(hours=1)).notices[0].id == "hotline"
        with pytest.raises(PolicyError):
            load_policy(later, TODAY, built_at=built)


# `updated` before the announcement or the start is an edit made before the notice was published:
# valid (the feed and the calendars show it, README). Only a later one than the build is refused.
def test_an_update_before_the_announcement_is_valid(tmp_path):
    text = one_notice("    start: 2026-12-20 09:00\n    zone: Europe/Berlin\n    updated: 2026-11-01 10:00\n")
    [notice] = load(policy_dir(tmp_path, text)).notices
    assert notice.updated < notice.announce < notice.start


# A notice over for longer than keep_ended_days is no longer shown: kept for history, or written
# with a wrong year. A note says so (the build does not fail); one still listed as ended gets none.
def test_a_notice_no_longer_listed_gets_a_note(tmp_path):
    text = one_notice("    start: 2025-12-08 09:00\n    end: 2025-12-08 13:00\n    zone: Europe/Berlin\n")
    policy = load(policy_dir(tmp_path, text))
    assert policy.notices == ()
    [note] = policy.notes
    assert (note.file, note.line, note.path) == ("policy/notices.yml", 7, "notices[1].end"), str(note)
    assert "ended on 2025-12-08 13:00" in note.message and "it is not shown" in note.message, str(note)
    assert "If you meant a later year, fix the date" in note.fix and "history" in note.fix, str(note)
    days = one_notice("    start: 2025-12-28\n    end: 2025-12-30\n    zone: Europe/Berlin\n")
    [note] = load(policy_dir(tmp_path / "days", days)).notes
    assert "ended on 2025-12-30" in note.message, str(note)
    recent = one_notice("    start: 2026-11-20 09:00\n    end: 2026-11-20 13:00\n    zone: Europe/Berlin\n")
    listed = load(policy_dir(tmp_path / "recent", recent))
    assert [n.id for n in listed.notices] == ["hotline"] and listed.notes == ()
    assert load(policy_dir(tmp_path / "fixture")).notes == ()


# Without notices.yml a project builds as before, with no notices.
def test_the_file_is_optional(tmp_path):
    directory = policy_dir(tmp_path)
    (directory / "notices.yml").unlink()
    assert load(directory).notices == ()


# Whole days in the zone of the one region named; the end date is the last day.
def test_whole_days_in_the_regions_zone(tmp_path):
    directory = policy_dir(tmp_path, one_notice("    start: 2026-12-28\n    end: 2026-12-30\n    regions: [usa]\n"))
    notice = load(directory).notices[0]
    assert notice.zone == "America/New_York" and notice.all_day
    assert (notice.start, notice.end) == (dt.datetime(2026, 12, 28, 5, tzinfo=dt.timezone.utc),
                                          dt.datetime(2026, 12, 31, 5, tzinfo=dt.timezone.utc))


# A notice over for longer than keep_ended_days at the build date is no longer published.
def test_notices_long_over_are_dropped(tmp_path):
    text = one_notice("    start: 2026-10-01 09:00\n    end: 2026-10-01 10:00\n    zone: Europe/Berlin\n",
                      head="keep_ended_days: 30\n")
    assert load(policy_dir(tmp_path, text)).notices == ()
    text = text.replace("keep_ended_days: 30", "keep_ended_days: 60")
    assert [n.id for n in load(policy_dir(tmp_path / "again", text)).notices] == ["hotline"]


def test_support_json_carries_the_notices(policy):
    data = json.loads(feed.dumps(feed.support_feed(policy)))
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER).validate(data)
    notices = {n["id"]: n for n in data["notices"]}
    assert list(notices) == ["portal-night", "release-week", "phone-down", "year-end", "usa-open-end"]
    assert notices["phone-down"] == {
        "id": "phone-down", "kind": "disruption",
        "title": {"en": "Email answers delayed <for EMEA>", "de": "E-Mail-Antworten verzögert <für EMEA>"},
        "text": {"en": "Our mail server is being moved & answers by email are delayed. Please use the portal.",
                 "de": "Unser Mailserver zieht um & Antworten per E-Mail verzögern sich. Bitte nutzen Sie das Portal."},
        "zone": "Europe/Berlin", "all_day": False, "announce": "2026-11-24T08:00:00Z", "start": "2026-12-08T08:00:00Z",
        "end": "2026-12-08T12:00:00Z", "shown_until": "2027-01-07T12:00:00Z", "updated": "2026-11-24T08:00:00Z",
        "regions": ["emea"], "channels": ["email"],
    }
    assert notices["release-week"]["zone"] == "America/New_York"  # the zone of its one region
    assert notices["usa-open-end"]["end"] is None and notices["usa-open-end"]["shown_until"] is None
    # A feed without notices is still valid for the published schema, and old readers ignore the member.
    data.pop("notices")
    jsonschema.Draft202012Validator(SCHEMA).validate(data)


def parsed_atom(policy, lang="en"):
    base = "https://support.smartwork.example/" + {"en": "", "de": "de/"}[lang]
    parsed = feedparser.parse(atom.notices_feed(policy, lang, base_url=base))
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


@pytest.mark.parametrize("lang", ["en", "de"])
def test_atom_feed_parses_and_matches_the_policy(policy, lang):
    parsed = parsed_atom(policy, lang)
    assert parsed.version == "atom10"
    base = "https://support.smartwork.example/"
    assert parsed.feed.title == {"en": "smartwork solutions support notices", "de": "Hinweise zum Support von smartwork solutions"}[lang]
    assert parsed.feed.links[0].href == base + {"en": "", "de": "de/"}[lang] + "notices.atom"
    entries = {e.id.rsplit("/", 1)[1]: e for e in parsed.entries}
    # Announced by the build (27 November 00:00 UTC): the others appear at later builds
    assert set(entries) == {"portal-night", "phone-down"}
    for notice in [n for n in policy.notices if n.id in entries]:
        entry = entries[notice.id]
        assert entry.id == f"tag:support.smartwork.example,2026:notices/{lang}/{notice.id}"
        assert entry.title.endswith(notice.title.get(lang))
        assert notice.text.get(lang) in entry.content[0].value
        assert entry.link == base + {"en": "", "de": "de/"}[lang] + f"notices/#notice-{notice.id}"
        assert entry.tags[0].term == notice.kind
        assert dt.datetime(*entry.published_parsed[:6], tzinfo=dt.timezone.utc) == notice.announce
    assert entries["phone-down"].title == {"en": "Service disruption: Email answers delayed <for EMEA>",
                                           "de": "Störung: E-Mail-Antworten verzögert <für EMEA>"}[lang]
    assert "answers by email" in entries["phone-down"].content[0].value or lang == "de"


# An edited notice stays the same entry, with a later `updated`.
def test_an_edited_notice_keeps_its_id_and_changes_updated(tmp_path, policy):
    before = {e.id: e for e in parsed_atom(policy).entries}
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "      en: \"Our mail server is being moved & answers by email are delayed. Please use the portal.\"",
        "      en: \"Our mail server move is done early & answers by email are back to normal.\"\n")
    text = text.replace("    channels: [email]\n", "    channels: [email]\n    updated: 2026-11-26 10:30\n", 1)
    after = {e.id: e for e in parsed_atom(load(policy_dir(tmp_path, text))).entries}
    assert set(after) == set(before)
    key = "tag:support.smartwork.example,2026:notices/en/phone-down"
    assert "back to normal" in after[key].content[0].value
    assert before[key].updated == "2026-11-24T08:00:00Z" and after[key].updated == "2026-11-26T09:30:00Z"
    others = [k for k in before if k != key]
    assert [after[k].updated for k in others] == [before[k].updated for k in others]


# An entry appears from the first build at or after its announcement, never before: release-week
# is announced 1 December 14:00 UTC.
def test_a_notice_enters_the_feed_at_its_announcement(policy):
    at = lambda text: dataclasses.replace(policy, built_at=dt.datetime.fromisoformat(text))
    ids = lambda p: {e.id.rsplit("/", 1)[1] for e in parsed_atom(p).entries}
    assert "release-week" not in ids(at("2026-12-01T13:59:59+00:00"))
    later = parsed_atom(at("2026-12-01T14:00:00+00:00"))
    [entry] = [e for e in later.entries if e.id.endswith("/release-week")]
    assert entry.published == "2026-12-01T14:00:00Z"
    assert later.feed.updated == "2026-12-01T14:00:00Z"  # the feed changed when the entry arrived
    assert ids(at("2026-12-28T05:00:00+00:00")) == {n.id for n in policy.notices}


# `updated` is the notice's own, so every edit shows, also one made before the announcement
# (year-end: changed 20 November, announced 6 December), and agrees with the calendar's
# LAST-MODIFIED.
def test_updated_follows_every_edit_of_a_notice(tmp_path, policy):
    built = dt.datetime(2026, 12, 10, tzinfo=dt.timezone.utc)
    def year_end(p):
        p = dataclasses.replace(p, built_at=built)
        [entry] = [e for e in parsed_atom(p).entries if e.id.endswith("/year-end")]
        [event] = [e for e in events(ics.support_calendar(p, "en")) if str(e["UID"]).startswith("notice-year-end@")]
        return entry, event.decoded("LAST-MODIFIED").astimezone(dt.timezone.utc)
    entry, modified = year_end(policy)
    assert entry.published == "2026-12-06T23:00:00Z" and entry.updated == "2026-11-20T09:00:00Z"
    assert modified == dt.datetime(2026, 11, 20, 9, tzinfo=dt.timezone.utc)
    text = FIXTURE.read_text(encoding="utf-8")
    assert text.count("updated: 2026-11-20 10:00") == 1
    edited = load(policy_dir(tmp_path, text.replace("updated: 2026-11-20 10:00", "updated: 2026-11-25 16:30")))
    entry, modified = year_end(edited)
    assert entry.updated == "2026-11-25T15:30:00Z" and modified == dt.datetime(2026, 11, 25, 15, 30, tzinfo=dt.timezone.utc)


# Without JavaScript the banner states each notice as of the build's instant, with the time: built
# on 8 December at 10:00 UTC, phone-down (in effect from 09:00 Berlin time) is in effect, not
# planned as at midnight of the build day.
def test_the_banner_states_the_build_instant(policy):
    from supportportal import render

    def banner(built: str, lang: str = "en"):
        p = dataclasses.replace(policy, built_at=dt.datetime.fromisoformat(built))
        return {n["id"]: n for n in render.Facts(p, lang, p.build_instant.date()).notice_banner()["items"]}
    phone = banner("2026-12-08T10:00:00+00:00")["phone-down"]
    assert (phone["state"], phone["hidden"]) == ("active", False)
    assert phone["as_of"] == "Status on Tuesday, 8 December 2026, 11:00 CET: in effect"
    assert banner("2026-12-08T07:59:00+00:00")["phone-down"]["as_of"] == "Status on Tuesday, 8 December 2026, 08:59 CET: planned"
    assert banner("2026-12-08T10:00:00+00:00", "de")["phone-down"]["as_of"] == "Stand Dienstag, 8. Dezember 2026, 11:00 MEZ: aktuell"
    # Over by the build's instant: not in the banner at all
    assert "phone-down" not in banner("2026-12-08T12:00:00+00:00")


def events(data: bytes) -> list:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


# Notices with an end are events of support.ics; one without an end is not.
def test_notices_in_the_calendar(policy):
    found = {str(e["UID"]): e for e in events(ics.support_calendar(policy, "en"))}
    uids = {uid for uid in found if uid.startswith("notice-")}
    assert uids == {f"notice-{n}@support.smartwork.example" for n in ("portal-night", "release-week", "phone-down", "year-end")}
    phone = found["notice-phone-down@support.smartwork.example"]
    assert str(phone["SUMMARY"]) == "Service disruption: Email answers delayed <for EMEA>"
    assert phone.decoded("DTSTART") == dt.datetime(2026, 12, 8, 9, tzinfo=phone.decoded("DTSTART").tzinfo)
    assert str(phone.decoded("DTSTART").tzinfo) == "Europe/Berlin"
    assert phone.decoded("DTEND").astimezone(dt.timezone.utc) == dt.datetime(2026, 12, 8, 12, tzinfo=dt.timezone.utc)
    assert "Regions: EMEA" in str(phone["DESCRIPTION"]) and "Channels: Email" in str(phone["DESCRIPTION"])
    year_end = found["notice-year-end@support.smartwork.example"]
    assert (year_end.decoded("DTSTART"), year_end.decoded("DTEND")) == (dt.date(2026, 12, 28), dt.date(2026, 12, 31))


# Each region's own calendar holds that region's closures, special hours and notices only.
@pytest.mark.parametrize("region, other", [("emea", "usa"), ("usa", "emea")])
def test_region_calendars_hold_only_their_region(policy, region, other):
    mine = events(ics.support_calendar(policy, "en", region=region))
    everything = events(ics.support_calendar(policy, "en"))
    name = policy.region(region).name.get("en")
    closures = [e for e in mine if not str(e["UID"]).startswith("notice-")]
    assert closures and all(str(e["DESCRIPTION"]).startswith(f"Regions: {name}\n") for e in closures)
    notices = {str(e["UID"]).split("@")[0][7:] for e in mine if str(e["UID"]).startswith("notice-")}
    assert notices == {n.id for n in policy.notices if region in n.regions and n.end}
    # Every closure of the region is there: as many dates as the region has in support.ics.
    dates = {e.decoded("DTSTART") for e in everything if name in str(e["DESCRIPTION"]).split("\n")[0]
             and not str(e["UID"]).startswith("notice-")}
    assert {e.decoded("DTSTART") for e in closures} == dates
    calendar = icalendar.Calendar.from_ical(ics.support_calendar(policy, "en", region=region))
    assert str(calendar["SOURCE"]).endswith(f"/support-{region}.ics") and name in str(calendar["NAME"])
    assert policy.region(other).name.get("en") not in str(calendar["NAME"])
