# Dated changes of the policy (new hours, new targets, channels offered from or until a date):
# the policy checks, the base at the horizon start, support.json against its schema, the pages'
# announcements, the JSON-LD's validFrom/validThrough and the live status, on the dated fixture
# (tests/fixtures/policies/dated, loaded on 15 February 2027).

import datetime as dt
import re
import json
import shutil
from datetime import datetime, timezone
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

import dated_fixture
import reference_schedule as ref
from conftest import ROOT, copy_project, open_module_page, run_build, serve_directory
from supportportal import feed, render
from supportportal.loading import PolicyError, load_policy
from timelimit import time_limit

SCHEMA = json.loads((ROOT / "hooks" / "supportportal" / "schemas" / "support.schema.json").read_text())
# 2027-02-15 00:00:00 UTC: the build date of the dated fixture's site.
EPOCH = str(int(datetime(2027, 2, 15, tzinfo=timezone.utc).timestamp()))


def load(directory: Path, today: dt.date = dated_fixture.TODAY):
    with time_limit(60, "loading a dated policy"):
        return load_policy(directory, today)


# The fixture policy with `old` replaced by `new` in one file; the problems it has, as text.
def problems(tmp_path, file: str, old: str, new: str) -> str:
    directory = dated_fixture.policy_dir(tmp_path / "policy")
    path = directory / file
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(PolicyError) as error:
        load(directory)
    return str(error.value)


# The policy checks: each mistake names the file, the line, the key and the fix.

_REPEATED_HOURS = ("      - from: 2027-03-22\n        hours:\n          monday to thursday: 09:00-17:00\n"
                   "          friday: 09:00-15:00\n          saturday: 22:00-04:00\n")
_SAME_HOURS = "      - from: 2027-03-22\n        hours:\n          monday to friday: 08:00-18:00\n          saturday: 22:00-04:00\n"

# name: (file, text replaced, replacement, what the report says)
MISTAKES = {
    "two changes of hours on one date": (
        "regions.yml", "      - from: 2027-06-06\n", "      - from: 2027-03-22\n",
        ["policy/regions.yml, line 22, regions[1].changes[3].from: there is already a change on 2027-03-22 (changes[2])",
         "Fix: keep one change per date"]),
    "hours that repeat those in force": (
        "regions.yml", _REPEATED_HOURS, _SAME_HOURS,
        ["policy/regions.yml, line 17, regions[1].changes[2].hours: this change on 2027-03-22 changes nothing: "
         "the same hours are already in force before it",
         "Fix: remove this change, or write the new hours"]),
    "a target that repeats the one in force": (
        "priorities.yml", "        first_response: 2 business hours\n", "        first_response: 4 business hours\n",
        ["policy/priorities.yml, line 27, priorities[2].changes[1].first_response: this change on 2027-03-22 "
         "changes nothing: the first response target is already 4 business hours before it",
         "Fix: remove this line (or the whole change), or write the new target"]),
    "two changes of targets on one date": (
        "priorities.yml", "      - from: 2027-04-01\n", "      - from: 2026-07-01\n",
        ["policy/priorities.yml, line 15, priorities[1].changes[2].from: there is already a change on 2026-07-01 (changes[1])"]),
    "a date that does not exist": (
        "regions.yml", "      - from: 2027-03-22\n", "      - from: 2027-02-29\n",
        ["policy/regions.yml, line 16, regions[1].changes[2].from: 2027-02-29 is not a date that exists: "
         "February 2027 has 28 days",
         "Fix: check the day, e.g. 2027-02-28 for the last day"]),
    "a channel date that does not exist": (
        "channels.yml", "    until: 2027-06-30\n", "    until: 2027-06-31\n",
        ["policy/channels.yml, line 38, channels[4].until: 2027-06-31 is not a date that exists: June 2027 has 30 days"]),
    "a channel that ends before it starts": (
        "channels.yml", "    until: 2027-09-30\n", "    until: 2027-01-10\n",
        ["policy/channels.yml, line 46, channels[5].until: the channel is offered until 2027-01-10, before it starts "
         "(2027-01-11)",
         "Fix: until is the last day the channel is offered: swap from and until"]),
    "a date written otherwise": (
        "regions.yml", "      - from: 2027-03-22\n", "      - from: 22.03.2027\n",
        ["policy/regions.yml, line 16, regions[1].changes[2].from: '22.03.2027' is not a date",
         "Fix: write it as '2027-03-22' (YYYY-MM-DD)"]),
    "a change without a new target": (
        "priorities.yml", "        first_response: 6 business hours\n", "",
        ["policy/priorities.yml, line 38, priorities[3].changes[1]"]),
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_each_mistake_names_file_line_key_and_fix(tmp_path, mistake):
    file, old, new, said = MISTAKES[mistake]
    report = problems(tmp_path, file, old, new)
    for text in said:
        assert text in report


def test_announcement_window_written_otherwise(tmp_path):
    directory = dated_fixture.policy_dir(tmp_path / "policy")
    company = directory / "company.yml"
    line = len(company.read_text().splitlines()) + 1
    company.write_text(company.read_text() + "announce_changes: two months\n")
    with pytest.raises(PolicyError) as error:
        load(directory)
    assert f"policy/company.yml, line {line}, announce_changes: 'two months' is not a number of days" in str(error.value)
    assert "Fix: write how many days ahead the pages announce a change, e.g. 60 days" in str(error.value)


# History: changes before the horizon start are valid input, folded into the base.

def test_changes_before_the_horizon_start_become_the_base():
    policy = dated_fixture.policy()
    emea, p1 = policy.region("emea"), policy.priorities[0]
    assert [iv.hhmm() for iv in emea.weekly[0]] == [("08:00", "18:00")]  # the 2026-09-01 hours
    assert [c.start for c in emea.changes] == [dt.date(2027, 3, 22), dt.date(2027, 6, 6)]
    assert p1.first_response.minutes == 45 and [c.start for c in p1.changes] == [dt.date(2027, 4, 1)]
    email = policy.channel("email").schedule
    assert email.weekly == emea.weekly and email.changes == emea.changes
    data = dated_fixture.support_feed()
    assert data["regions"][0]["weekly"]["monday"] == [{"start": "08:00", "end": "18:00"}]
    assert [c["from"] for c in data["regions"][0]["hours_changes"]] == ["2027-03-22", "2027-06-06"]


# A year later every change is history: the outputs show only the base, and the policy is still valid.
def test_a_year_later_every_change_is_history(tmp_path):
    policy = load(dated_fixture.policy_dir(tmp_path / "policy"), dt.date(2028, 1, 5))
    assert all(not r.changes for r in policy.regions) and all(not p.changes for p in policy.priorities)
    assert [iv.hhmm() for iv in policy.region("emea").weekly[6]] == [("01:00", "04:00")]
    data = json.loads(feed.dumps(feed.support_feed(policy)))
    jsonschema.validate(data, SCHEMA)
    assert all("hours_changes" not in r for r in data["regions"])


# support.json: the new members validate, and an old reader sees the base.

def test_feed_validates_against_the_published_schema():
    data = dated_fixture.support_feed()
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(data)
    p2 = next(p for p in data["priorities"] if p["id"] == "p2")
    assert p2["first_response"] == {"minutes": 240, "clock": "business"}
    assert p2["target_changes"] == [{"from": "2027-03-22", "first_response": {"minutes": 120, "clock": "business"},
                                     "update_interval": {"minutes": 240, "clock": "business"}}]
    channels = {c["id"]: c for c in data["channels"]}
    assert channels["hotline"]["available"] == {"from": "2027-03-15", "until": None, "zone": "Europe/Berlin"}
    assert channels["form"]["available"]["zone"] == "Europe/Berlin"
    assert "available" not in channels["portal"]
    bad = json.loads(json.dumps(data))
    bad["regions"][0]["hours_changes"][0]["from"] = "22 March"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


# Business hours counted across a change, by hand. EMEA's hours before 22 March 2027 are Monday to
# Friday 08:00-18:00 and Saturday 22:00-04:00 (Berlin, CET = UTC+1); from then on Monday to
# Thursday 09:00-17:00, Friday 09:00-15:00, Saturday 22:00-04:00.
HAND_COUNTED = [
    # Normal (1 business day = 8 h, requested before its change on 24 March), Friday 19 March
    # 17:00: 1 h on Friday (old hours), 6 h Saturday night, 1 h on Monday from 09:00 (new
    # hours): due Monday 10:00 CET = 09:00 UTC.
    ("emea", "p3", "2027-03-19T16:00:00Z", "2027-03-22T09:00:00Z"),
    # High on Monday 22 March 08:30: the new target (2 business hours) on the new hours, which
    # open at 09:00 (the old ones opened at 08:00): due 11:00 CET = 10:00 UTC.
    ("emea", "p2", "2027-03-22T07:30:00Z", "2027-03-22T10:00:00Z"),
    # High on Sunday 21 March 23:30: the old target (4 business hours), counted on the new
    # hours from Monday 09:00: due 13:00 CET = 12:00 UTC.
    ("emea", "p2", "2027-03-21T22:30:00Z", "2027-03-22T12:00:00Z"),
    # Normal on Friday 26 March 11:00 (the 24 March change: 6 business hours) on the Team day's
    # special hours 12:00-14:00 (2 h), Saturday night 22:00-04:00 (4 h): due Sunday 02:00 CET.
    ("emea", "p3", "2027-03-26T10:00:00Z", "2027-03-28T01:00:00Z"),
    # Urgent via the hotline, on Friday 12 March 19:00 Berlin: the hotline is not offered yet,
    # so EMEA's hours count: 2 h of the Saturday night shift from 22:00, due Sunday 00:00 CET =
    # Saturday 23:00 UTC. Requested on Monday 15 March 07:30 instead: the hotline's hours
    # (08:00-20:00), due 10:00 CET = 09:00 UTC, whatever the customer's region.
    ("emea", "p4", "2027-03-12T18:00:00Z", "2027-03-13T23:00:00Z"),
    ("usa", "p4", "2027-03-15T06:30:00Z", "2027-03-15T09:00:00Z"),
    # USA, Sunday 14 March 2027 (the clock change, new hours from today: Sunday 01:00-04:00,
    # where 02:00-03:00 does not exist: 01:00 EST to 04:00 EDT is 2 h): High at 00:30 EST
    # (05:30 UTC) needs 4 h: 2 h on Sunday, 2 h from Monday 08:00 EDT: due 10:00 EDT = 14:00 UTC.
    ("usa", "p2", "2027-03-14T05:30:00Z", "2027-03-15T14:00:00Z"),
]


def ms(text: str) -> int:
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)


@pytest.mark.parametrize("region, priority, at, due", HAND_COUNTED)
def test_business_hours_across_a_change_reference(region, priority, at, due):
    data = dated_fixture.support_feed()
    assert ref.response_due(data, ref.load(data), region, priority, ms(at)) == (ms(due), None)


@pytest.mark.browser
def test_business_hours_across_a_change_status_module(browser, assets_url):
    data = dated_fixture.support_feed()
    context, page = open_module_page(browser, assets_url, "Asia/Kolkata")
    try:
        got = page.evaluate("""([feed, cases]) => cases.map(([r, p, t]) => +S.responseDue(feed, r, p, new Date(t)).due)""",
                            [data, [[r, p, ms(at)] for r, p, at, _ in HAND_COUNTED]])
    finally:
        context.close()
    assert got == [ms(due) for *_, due in HAND_COUNTED]


# Counting via a channel across its dates: on the channel's hours while it is offered, on the
# region's outside its dates, switching at the instant (README, "Open or retire a channel").
# (region, priority: (via, business minutes), requested, due)
ACROSS_DATES = [
    # 30 business hours via the hotline (first day Monday 15 March 2027, Berlin), requested on
    # Thursday 11 March 17:00 CET: EMEA's hours until then: 1 h Thursday, 10 h Friday, 6 h of the
    # Saturday night shift = 17 h; then the hotline's (08:00-20:00): 12 h Monday, 1 h Tuesday
    # from 08:00: due Tuesday 16 March 09:00 CET = 08:00 UTC (on EMEA's hours alone: 11:00 CET).
    ("emea", ("hotline", 1800), "2027-03-11T16:00:00Z", "2027-03-16T08:00:00Z"),
    # 2 business hours via the chat (last day Wednesday 30 June 2027, New York: 13:00-17:00),
    # requested 16:00 EDT that day: 1 h on the chat, then the USA's hours (08:00-16:00) from
    # Thursday: due 09:00 EDT = 13:00 UTC (on the retired chat's hours: 14:00 EDT).
    ("usa", ("chat", 120), "2027-06-30T20:00:00Z", "2027-07-01T13:00:00Z"),
    # The same request at 17:00 EDT: the chat is closed, none counted on it; due 10:00 EDT.
    ("usa", ("chat", 120), "2027-06-30T21:00:00Z", "2027-07-01T14:00:00Z"),
]


def feed_counting_via(cases) -> dict:
    data = dated_fixture.support_feed()
    for via, minutes in {priority for _, priority, _, _ in cases}:
        data["priorities"].append({"id": f"{via}-{minutes}", "name": {"en": via}, "default": False, "update_interval": None,
                                   "first_response": {"minutes": minutes, "clock": "business"}, "via": via})
    return data


@pytest.mark.parametrize("region, priority, at, due", ACROSS_DATES)
def test_counting_via_a_channel_across_its_dates_reference(region, priority, at, due):
    data = feed_counting_via(ACROSS_DATES)
    assert ref.response_due(data, ref.load(data), region, "%s-%s" % priority, ms(at)) == (ms(due), None)


@pytest.mark.browser
def test_counting_via_a_channel_across_its_dates_status_module(browser, assets_url):
    data = feed_counting_via(ACROSS_DATES)
    context, page = open_module_page(browser, assets_url, "Asia/Kolkata")
    try:
        got = page.evaluate("""([feed, cases]) => cases.map(([r, p, t]) => +S.responseDue(feed, r, p, new Date(t)).due)""",
                            [data, [[r, "%s-%s" % p, ms(at)] for r, p, at, _ in ACROSS_DATES]])
    finally:
        context.close()
    assert got == [ms(due) for *_, due in ACROSS_DATES]


# Where a count goes on on other hours before its due time, the status module says from when and
# on whose: the hotline's first instant (00:00 of 15 March in Berlin), the chat's last (24:00 of
# 30 June in New York, the USA's hours after it, also for a request made after the chat's last
# hours that day, which counts nothing on them).
@pytest.mark.browser
def test_counting_via_a_channel_says_where_it_switches(browser, assets_url):
    data = feed_counting_via(ACROSS_DATES)
    context, page = open_module_page(browser, assets_url, "Asia/Kolkata")
    try:
        got = page.evaluate("""([feed, cases]) => cases.map(([r, p, t]) =>
            S.responseDue(feed, r, p, new Date(t)).switches.map((s) => [s.at.toISOString(), s.channel]))""",
                            [data, [[r, "%s-%s" % p, ms(at)] for r, p, at, _ in ACROSS_DATES]])
    finally:
        context.close()
    assert got == [[["2027-03-14T23:00:00.000Z", "hotline"]]] + [[["2027-07-01T04:00:00.000Z", None]]] * 2


# The pages, rendered in-process on several build dates.

def facts(today: dt.date, lang: str = "en", tmp_path: Path | None = None):
    policy = dated_fixture.policy() if today == dated_fixture.TODAY else load(dated_fixture.policy_dir(tmp_path / "p"), today)
    return render.Facts(policy, lang, today)


def text_of(html) -> str:
    return " ".join(render.plain_text(BeautifulSoup(str(html), "html.parser").get_text()).split())


def cells(row) -> list[str]:
    return [text_of(cell) for cell in row.find_all(["th", "td"])]


# A target cell: the target in force, then each announced change.
def target_texts(cell) -> list[str]:
    return [text_of(cell.find(string=True, recursive=False))] + [text_of(span) for span in cell.select(".support-change")]


def test_hours_table_announces_a_change_within_the_window():
    html = facts(dated_fixture.TODAY).hours_table()
    soup = BeautifulSoup(str(html), "html.parser")
    row = soup.select_one('tr[data-region="emea"][data-change="2027-03-22"]')
    assert text_of(row) == "From Monday, 22 March 2027: Monday to Thursday 09:00–17:00; Friday 09:00–15:00; Saturday 22:00–04:00 (next day)"
    assert row.time["datetime"] == "2027-03-22"
    # Today's hours stand beside it; the change of 6 June is more than 60 days ahead.
    assert cells(soup.select('tr[data-region="emea"]')[0])[:3] == ["EMEA", "Monday to Friday", "08:00–18:00"]
    # ... saying until when, so a page built before the change does not state them after it.
    until = soup.select_one('tr[data-region="emea"].support-until')
    assert text_of(until) == "The hours above apply until Sunday, 21 March 2027." and until.time["datetime"] == "2027-03-21"
    assert until.find_next_sibling("tr") is row and until.td["colspan"] == "2"
    placeholder = BeautifulSoup(str(facts(dated_fixture.TODAY).status_widget()), "html.parser")
    assert text_of(placeholder.select_one('[data-support-placeholder="emea"]')).endswith("CET/CEST (until Sunday, 21 March 2027)")
    assert text_of(placeholder.select_one('[data-support-placeholder="usa"]')).endswith("EST/EDT (until Saturday, 13 March 2027)")
    assert not soup.select('tr[data-change="2027-06-06"]')
    usa = soup.select('tr[data-region="usa"]')
    assert text_of(soup.select_one('tr[data-change="2027-03-14"]')).startswith("From Sunday, 14 March 2027: Monday to Friday 08:00–16:00; Sunday 01:00–04:00")
    assert usa[0].th["rowspan"] == str(len(usa))


def test_hours_table_in_german():
    html = facts(dated_fixture.TODAY, "de").hours_table()
    row = BeautifulSoup(str(html), "html.parser").select_one('tr[data-change="2027-03-22"]')
    assert text_of(row).startswith("Ab Montag, 22. März 2027: Montag bis Donnerstag 09:00–17:00")
    until = BeautifulSoup(str(html), "html.parser").select_one('tr[data-region="emea"].support-until')
    assert text_of(until) == "Die Zeiten oben gelten bis Sonntag, 21. März 2027."


def test_hours_after_the_change_and_before_the_window(tmp_path):
    after = BeautifulSoup(str(facts(dt.date(2027, 3, 22), tmp_path=tmp_path).hours_table()), "html.parser")
    assert cells(after.select('tr[data-region="emea"]')[0])[:3] == ["EMEA", "Monday to Thursday", "09:00–17:00"]
    assert not after.select('tr[data-change="2027-03-22"]') and not after.select(".support-until")
    early = BeautifulSoup(str(facts(dt.date(2027, 1, 5), tmp_path=tmp_path / "early").hours_table()), "html.parser")
    assert not early.select("tr[data-change]")  # 76 days ahead: outside the 60-day window


def test_announcement_window_from_the_policy(tmp_path):
    directory = dated_fixture.policy_dir(tmp_path / "policy")
    company = directory / "company.yml"
    company.write_text(company.read_text() + "announce_changes: 10 days\n")
    policy = load(directory)
    html = BeautifulSoup(str(render.Facts(policy, "en", dated_fixture.TODAY).hours_table()), "html.parser")
    assert not html.select("tr[data-change]")  # 27 and 35 days ahead
    html = BeautifulSoup(str(render.Facts(policy, "en", dt.date(2027, 3, 12)).hours_table()), "html.parser")
    assert [r["data-change"] for r in html.select("tr[data-change]")] == ["2027-03-22", "2027-03-14"]


def test_priority_table_announces_new_targets():
    soup = BeautifulSoup(str(facts(dated_fixture.TODAY).priority_table()), "html.parser")
    p1 = soup.select_one('tr[data-priority="p1"]').find_all("td")
    assert target_texts(p1[2]) == ["45 minutes", "From Thursday, 1 April 2027: 30 minutes"]
    p2 = soup.select_one('tr[data-priority="p2"]').find_all("td")
    assert target_texts(p2[2]) == ["4 business hours", "From Monday, 22 March 2027: 2 business hours"]
    assert target_texts(p2[4]) == ["every business day", "From Monday, 22 March 2027: every 4 business hours"]
    # The target in force says until when: the day before its first announced change.
    assert [text_of(s) for s in p2[2].select(".support-until")] == ["(until Sunday, 21 March 2027)"]
    assert [text_of(s) for s in p1[2].select(".support-until")] == ["(until Wednesday, 31 March 2027)"]
    p4 = soup.select_one('tr[data-priority="p4"]').find_all("td")
    assert not p4[2].select(".support-until")
    assert text_of(soup.select_one('tr[data-priority="p4"]').find_all("td")[2]) == "2 business hours"


def test_channels_offered_announced_and_retired(tmp_path):
    now = facts(dated_fixture.TODAY)
    items = {li["data-channel"]: text_of(li) for li in BeautifulSoup(str(now.channels_list()), "html.parser").select("li")}
    assert list(items) == ["portal", "email", "hotline", "chat", "form"]
    assert "+49 89 1234 5678 (from Monday, 15 March 2027)" in items["hotline"]
    assert "until" not in items["chat"]  # 30 June is more than 60 days ahead
    june = facts(dt.date(2027, 6, 1), tmp_path=tmp_path / "june")
    items = {li["data-channel"]: text_of(li) for li in BeautifulSoup(str(june.channels_list()), "html.parser").select("li")}
    assert "(until Wednesday, 30 June 2027)" in items["chat"] and "(from" not in items["hotline"]
    july = facts(dt.date(2027, 7, 1), tmp_path=tmp_path / "july")
    items = [li["data-channel"] for li in BeautifulSoup(str(july.channels_list()), "html.parser").select("li")]
    assert items == ["portal", "email", "hotline", "form"]
    assert july.context()["channel_count"] == 4 and "There are four ways" in july.channels_intro()
    early = facts(dt.date(2027, 1, 5), tmp_path=tmp_path / "early")  # the hotline is 69 days ahead
    assert [li["data-channel"] for li in BeautifulSoup(str(early.channels_list()), "html.parser").select("li")] == \
        ["portal", "email", "chat", "form"]


# One build of the dated fixture's site on 15 February 2027: the static "From ..." line on the
# hours page (both editions), the JSON-LD read back, support.json, and the live status's notice.
@pytest.fixture(scope="module")
def dated_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("dated") / "project")
    for path in dated_fixture.FIXTURE.glob("*.yml"):
        shutil.copy2(path, project / "policy" / path.name)
    build = run_build(project, epoch=EPOCH)
    assert build.ok, build.output
    server, url = serve_directory(build.site)
    yield build.site, url
    server.shutdown()


def test_built_hours_page_announces_the_change(dated_site):
    site, _ = dated_site
    for page, expected in (("hours/index.html", "From Monday, 22 March 2027: Monday to Thursday 09:00–17:00"),
                           ("de/hours/index.html", "Ab Montag, 22. März 2027: Montag bis Donnerstag 09:00–17:00")):
        soup = BeautifulSoup((site / page).read_text(), "html.parser")
        row = soup.select_one('tr[data-region="emea"][data-change="2027-03-22"]')
        assert row is not None and text_of(row).startswith(expected), page


def test_built_json_ld_dates_read_back(dated_site):
    site, _ = dated_site
    soup = BeautifulSoup((site / "index.html").read_text(), "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    points = {p["identifier"]: p for p in data["contactPoint"]}
    weekly = lambda p: [h for h in p["hoursAvailable"] if "name" not in h]  # noqa: E731
    emea = weekly(points["emea"])
    until = {dt.date.fromisoformat(h["validThrough"]) for h in emea if "validFrom" not in h}
    assert until == {dt.date(2027, 3, 21)}
    starts = sorted({(dt.date.fromisoformat(h["validFrom"]), h.get("validThrough")) for h in emea if "validFrom" in h})
    assert starts == [(dt.date(2027, 3, 22), "2027-06-05"), (dt.date(2027, 6, 6), None)]
    friday = [h for h in emea if h.get("validFrom") == "2027-03-22" and h["dayOfWeek"] == ["https://schema.org/Friday"]]
    assert [(h["opens"], h["closes"]) for h in friday] == [("09:00", "15:00")]
    assert {h["validFrom"] for h in weekly(points["hotline"])} == {"2027-03-15"}
    assert {h["validThrough"] for h in weekly(points["chat"])} == {"2027-06-30"}
    assert {h["validThrough"] for h in weekly(points["form"])} == {"2027-09-30"}
    published = json.loads((site / "support.json").read_text())
    jsonschema.validate(published, SCHEMA)
    assert published["regions"][0]["hours_changes"][0]["from"] == "2027-03-22"


@pytest.mark.browser
def test_live_status_mentions_a_change_within_seven_days(dated_site, browser):
    _, url = dated_site
    seen = {}
    for when in ("2027-03-14T12:00:00Z", "2027-03-16T12:00:00Z", "2027-03-22T12:00:00Z"):
        context = browser.new_context(timezone_id="Europe/Berlin")
        try:
            page = context.new_page()
            at = datetime.fromisoformat(when.replace("Z", "+00:00"))
            page.clock.install(time=at - dt.timedelta(minutes=1))
            page.clock.pause_at(at)
            page.goto(url + "/hours/")
            page.wait_for_selector(".support-status__region[data-state]")
            notice = page.locator(".support-status__changes")
            seen[when] = notice.text_content() if notice.is_visible() else ""
        finally:
            context.close()
    assert seen["2027-03-14T12:00:00Z"] == ""  # eight days ahead
    # The date as the hours table writes it ("From Monday, 22 March 2027: ..."), not in Intl's order.
    assert seen["2027-03-16T12:00:00Z"] == "EMEA support hours change on Monday, 22 March 2027."
    assert seen["2027-03-22T12:00:00Z"] == ""  # in force


# Without the browser's help, the business-hours sentence and the hours of a channel on EMEA's
# hours state the hours in force with their last day and the announced ones with their first,
# each part that stops applying in a span the browser hides from the day after its last day.
def test_hours_sentences_are_dated_facts(tmp_path):
    now = facts(dt.date(2027, 3, 15), tmp_path=tmp_path / "march")
    rule = BeautifulSoup(str(now.business_hours_rule()), "html.parser")
    # Each set of hours with its dates before the next (a date after "Saturday ..." read as that
    # day's only), the zone first, for all of them.
    assert text_of(rule).startswith(
        "Business hours are the support hours of your region, EMEA (CET/CEST): Monday to Friday 08:00–18:00, "
        "Saturday 22:00–04:00 (next day) until Sunday, 21 March 2027, then from Monday, 22 March 2027: Monday "
        "to Thursday 09:00–17:00, Friday 09:00–15:00, Saturday 22:00–04:00 (next day); USA: Monday to Friday")
    assert {(s["data-support-until"], s["data-zone"]) for s in rule.select("[data-support-until]")} == {
        ("2027-03-21", "Europe/Berlin")}
    # From the day the new hours apply (the browser hides the spans): the new hours alone.
    for span in rule.select("[data-support-until]"):
        span.decompose()
    assert "EMEA (CET/CEST): Monday to Thursday 09:00–17:00, Friday 09:00–15:00, Saturday 22:00–04:00 (next day); USA:" \
        in text_of(rule)
    # German: "bis" once for the days, once in brackets for the date.
    german = text_of(facts(dt.date(2027, 3, 15), "de", tmp_path=tmp_path / "march-de").business_hours_rule())
    assert "EMEA (MEZ/MESZ): Montag bis Freitag 08:00–18:00 Uhr, Samstag 22:00–04:00 Uhr (Folgetag) (bis Sonntag, " \
           "21. März 2027), danach ab Montag, 22. März 2027: Montag bis Donnerstag 09:00–17:00 Uhr" in german, german
    email = BeautifulSoup(str(now.channels_list()), "html.parser").select_one('[data-channel="email"] .support-channel__hours')
    assert "Monday to Friday 08:00–18:00; Saturday 22:00–04:00 (next day) until Sunday, 21 March 2027, then " \
           "from Monday, 22 March 2027: Monday to Thursday 09:00–17:00" in text_of(email)
    # Once no change is announced, the hours stand alone; a channel a priority is answered via,
    # not offered yet (from 15 March), says from when (hidden from that day on).
    early = facts(dt.date(2027, 1, 5), tmp_path=tmp_path / "january")
    spans = BeautifulSoup(str(early.business_hours_rule()), "html.parser").select("[data-support-until]")
    assert [(s["data-support-until"], s["data-zone"], text_of(s)) for s in spans] == [
        ("2027-03-14", "Europe/Berlin", "(from Monday, 15 March 2027; until then in business hours)")]
    # Hidden, they leave the sentence's full stop right after the hours, no space before it.
    rule = BeautifulSoup(str(early.business_hours_rule()), "html.parser")
    for span in rule.select("[data-support-until]"):
        span.decompose()
    assert re.search(r"\S\.$", rule.get_text()) and not re.search(r"\s[.;,]", rule.get_text()), rule.get_text()


# A priority answered via a channel whose last day is ahead: the table and the business-hours rule
# say until when the channel's hours count, and that business hours count after it (true on every
# day until the next build); built after that day, the channel is retired and neither names it:
# the priority counts business hours, as the calculator does. The rule's channel says its last day
# in the channel's zone, for the browser to remove it from the next day on, as that build does.
def test_a_priority_via_a_channel_that_ends_says_until_when(tmp_path):
    def priority_via_chat(today):
        folder = dated_fixture.policy_dir(tmp_path / today.isoformat())
        path = folder / "priorities.yml"
        path.write_text(path.read_text().replace("    via: hotline\n", "    via: chat\n"))
        facts = render.Facts(load(folder, today), "en", today)
        cell = BeautifulSoup(str(facts.priority_table()), "html.parser").select_one('tr[data-priority="p4"] td:nth-of-type(4)')
        rule = BeautifulSoup(str(facts.business_hours_rule()), "html.parser")
        return cell, text_of(rule), rule

    cell, rule, markup = priority_via_chat(dt.date(2027, 6, 1))
    qualifier = "(until Wednesday, 30 June 2027; then in business hours)"
    # The cell as built, and from the day after the chat's last day (in New York) the words a build
    # of that day has, shown by the page's script.
    until, then = cell.select_one("[data-support-until]"), cell.select_one("[data-support-from][hidden]")
    assert text_of(until) == f"via Chat, in that channel's hours {qualifier}"
    assert (until["data-support-until"], until["data-zone"]) == ("2027-06-30", "America/New_York")
    assert (then["data-support-from"], then["data-zone"], text_of(then)) == ("2027-07-01", "America/New_York", "in business hours")
    assert text_of(cell) == f"{text_of(until)} {text_of(then)}"
    assert rule.endswith(f"Chat: Monday to Friday 13:00–17:00 EST/EDT {qualifier}."), rule
    assert [(s["data-until"], s["data-zone"], text_of(s)) for s in markup.select("[data-support-via] [data-via-channel]")] == [
        ("2027-06-30", "America/New_York", f"Chat: Monday to Friday 13:00–17:00 EST/EDT {qualifier}")]
    cell, rule, _ = priority_via_chat(dt.date(2027, 7, 1))
    assert str(cell) == '<td data-label="Counted">in business hours</td>', cell
    assert "Chat" not in rule and "channel" not in rule, rule


# A priority answered via a channel whose hours its target does not count on (around the clock):
# the table names the channel with its dates, as the calculator names it only while it is offered.
def test_a_priority_via_a_channel_of_no_hours_says_its_dates(tmp_path):
    folder = dated_fixture.policy_dir(tmp_path / "p")
    path = folder / "priorities.yml"
    text = path.read_text()
    assert "    coverage: around the clock\n" in text
    path.write_text(text.replace("    coverage: around the clock\n", "    coverage: around the clock\n    via: form\n", 1))
    facts = render.Facts(load(folder, dated_fixture.TODAY), "en", dated_fixture.TODAY)
    cell = BeautifulSoup(str(facts.priority_table()), "html.parser").select_one('tr[data-priority="p1"] td:nth-of-type(4)')
    shown = cell.select_one("[data-support-until]")
    assert text_of(shown) == "around the clock, via Contact form (until Thursday, 30 September 2027)"
    assert text_of(cell.select_one("[data-support-from='2027-10-01'][hidden]")) == "around the clock"
    early = render.Facts(load(folder, dt.date(2027, 1, 5)), "en", dt.date(2027, 1, 5))
    cell = BeautifulSoup(str(early.priority_table()), "html.parser").select_one('tr[data-priority="p1"] td:nth-of-type(4)')
    shown = cell.select_one("[data-support-until='2027-09-30']")
    assert text_of(shown) == "around the clock, via Contact form (from Monday, 11 January 2027) (until Thursday, 30 September 2027)"
    assert shown.select_one("[data-support-until]")["data-support-until"] == "2027-01-10"
