# `make diff`: a policy change summarised as customers will read it, grouped by topic and region;
# the validation errors instead when the new policy is broken; the pages whose text changed.

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import BIN, ROOT, copy_project, run_build, user_env
from supportportal import review
from supportportal.loading import PolicyError, load_policy
from test_policy_validation import TODAY, edit
from test_three_regions import FIXTURE
from timelimit import time_limit

CLOSURES = """closures:
  - name: {en: New Year's Eve, de: Silvester}
    every_year: 12-31
    hours: 10:00-14:00
    regions: [emea]
  - name: {en: Company offsite, de: Betriebsausflug}
    date: 2027-06-14
    until: 2027-06-15
"""

# EMEA's new weekly hours from 1 March 2027 (regions.yml).
HOURS_CHANGE = ("regions.yml", "    public_holidays: munich\n\n  - id: usa",
                "    public_holidays: munich\n    changes:\n      - from: 2027-03-01\n        hours:\n"
                "          monday to friday: 09:00-17:00\n\n  - id: usa")
# Faster answers to critical problems from 1 January 2027 (priorities.yml).
TARGETS_CHANGE = ("priorities.yml", "    coverage: around the clock\n",
                  "    coverage: around the clock\n    changes:\n      - from: 2027-01-01\n        first_response: 30 minutes\n")
NOTICE = """notices:
  - id: hotline-down-2026-12
    kind: disruption
    title: {en: Hotline unavailable, de: Hotline nicht erreichbar}
    text:
      en: Our phone line is down. Please open a ticket in the portal.
      de: Unsere Telefonleitung ist gestört. Bitte eröffnen Sie ein Ticket im Portal.
    start: 2026-12-08 09:00
    zone: Europe/Berlin
    regions: [emea]
"""
ADD_NOTICE = ("notices.yml", "notices: []\n", NOTICE)
# A hotline for Critical incidents with its own hours (channels.yml), as README shows it.
HOTLINE = ("channels.yml", "  - id: form\n", "  - id: hotline\n    name: {en: Hotline, de: Hotline}\n    type: phone\n"
           "    address: +49 89 1234 5678\n    priorities: [p1]\n    zone: Europe/Berlin\n    hours:\n"
           "      monday to friday: 08:00-20:00\n    public_holidays: munich\n    outside_hours: not staffed\n\n  - id: form\n")

# name: (edits to both policies, edits to the new one, topic, group, line, details or None)
# An edit is (file, text to replace (its last occurrence), replacement).
CASES = {
    "closing earlier on one day": (
        [], [("regions.yml", "monday to friday: 10:00-18:00", "monday to thursday: 10:00-18:00\n      friday: 10:00-16:00")],
        "Support hours and time zones", "EMEA", "Fridays close at 16:00 instead of 18:00", None),
    "opening later on several days": (
        [], [("regions.yml", "monday to friday: 09:00-17:00", "monday to thursday: 10:00-17:00\n      friday: 09:00-17:00")],
        "Support hours and time zones", "USA", "Mondays to Thursdays open at 10:00 instead of 09:00", None),
    "a new opening day": (
        [], [("regions.yml", "monday to friday: 10:00-18:00", "monday to friday: 10:00-18:00\n      saturday: [09:00-12:00, 13:00-15:00]")],
        "Support hours and time zones", "EMEA", "Saturdays now open 09:00–12:00, 13:00–15:00 (were closed)", None),
    "hours past midnight": (
        [], [("regions.yml", "monday to friday: 09:00-17:00", "monday to friday: 09:00-02:00")],
        "Support hours and time zones", "USA", "Mondays to Fridays close at 02:00 (next day) instead of 17:00", None),
    "another time zone": (
        [], [("regions.yml", "zone: America/New_York", "zone: America/Chicago")],
        "Support hours and time zones", "USA",
        "Time zone America/Chicago, CST/CDT (Chicago time), instead of America/New_York, EST/EDT (New York time)", None),
    "a region renamed": (
        [], [("regions.yml", "name: {en: USA, de: USA}", "name: {en: Americas, de: Amerika}")],
        "Support hours and time zones", "Americas", "Name of the region changed",
        ("before (en): “USA”", "after (en): “Americas”", "before (de): “USA”", "after (de): “Amerika”")),
    "a new region": (
        [], [("regions.yml", "    public_holidays: munich\n",
              "    public_holidays: munich\n\n  - id: apac\n    name: {en: APAC, de: APAC}\n    zone: Asia/Singapore\n"
              "    hours:\n      monday to friday: 09:00-17:00\n")],
        "Support hours and time zones", "APAC",
        "New region, UTC+08:00 (Singapore time): Monday to Friday 09:00–17:00", None),
    "a region removed": (
        [], [("regions.yml", "\n  - id: usa\n    name: {en: USA, de: USA}\n    zone: America/New_York\n"
              "    hours:\n      monday to friday: 09:00-17:00\n    public_holidays: munich\n", "\n")],
        "Support hours and time zones", "USA", "Region removed: customers no longer see its hours", None),
    "a holiday category dropped": (
        [], [("holidays.yml", "categories: [public, catholic]", "categories: [public]")],
        "Public holidays", "", "No longer a public holiday: Sunday, 15 August 2027, Assumption Day, all regions", None),
    "one region open on public holidays": (
        [], [("regions.yml", "monday to friday: 09:00-17:00\n    public_holidays: munich", "monday to friday: 09:00-17:00")],
        "Public holidays", "USA", "Public holidays: none (open on public holidays) instead of Munich, Germany",
        None),
    "a longer holiday horizon": (
        [], [("holidays.yml", "years: 2", "years: 3")],
        "Public holidays", "", "The calendar covers 2026 to 2028 instead of 2026 to 2027", None),
    "a new closure in every region": (
        [], [("holidays.yml", "closures: []", "closures:\n  - name: {en: Christmas Eve, de: Heiligabend}\n    every_year: 12-24\n")],
        "Closures and special hours", "", "New closure: Thursday, 24 December 2026, Christmas Eve, all regions", None),
    "a closure of several days": (
        [], [("holidays.yml", "closures: []", CLOSURES)],
        "Closures and special hours", "",
        "New closure: Monday, 14 June 2027 to Tuesday, 15 June 2027, Company offsite, all regions", None),
    "new special hours in one region": (
        [], [("holidays.yml", "closures: []", CLOSURES)],
        "Closures and special hours", "", "New special hours: Thursday, 31 December 2026, New Year's Eve, open 10:00–14:00, EMEA",
        None),
    "special hours on a public holiday": (
        [], [("holidays.yml", "closures: []",
              "closures:\n  - name: {en: Boxing Day service, de: Notdienst}\n    date: 2026-12-26\n    hours: 10:00-12:00\n")],
        "Closures and special hours", "",
        "New special hours: Saturday, 26 December 2026, Boxing Day service, open 10:00–12:00 "
        "(replaces the public holiday Second Day of Christmas), all regions", None),
    "a closure renamed in one language": (
        [("holidays.yml", "closures: []", CLOSURES)], [("holidays.yml", "de: Silvester}", "de: Silvesterabend}")],
        "Closures and special hours", "",
        "Renamed: Thursday, 31 December 2026, New Year's Eve (de: “Silvesterabend”, was “Silvester”), EMEA", None),
    "special hours changed": (
        [("holidays.yml", "closures: []", CLOSURES)], [("holidays.yml", "hours: 10:00-14:00", "hours: 10:00-16:00")],
        "Closures and special hours", "",
        "Changed: Thursday, 31 December 2026, New Year's Eve: open 10:00–16:00 instead of open 10:00–14:00, EMEA", None),
    "a closure removed": (
        [("holidays.yml", "closures: []", CLOSURES)], [("holidays.yml", "    date: 2027-06-14\n    until: 2027-06-15\n",
                                                         "    date: 2027-06-14\n")],
        "Closures and special hours", "", "Closure removed: Tuesday, 15 June 2027, Company offsite, all regions", None),
    "a channel removed": (
        [], [("channels.yml", "\n  - id: form\n    name:\n      en: Contact form\n      de: Kontaktformular\n    type: form\n"
              "    address: https://www.smartwork.example/support/contact\n    description:\n"
              "      en: A short form for customers without a portal account.\n"
              "      de: Ein kurzes Formular für Kunden ohne Zugang zum Portal.\n", "\n")],
        "Contact channels", "", "Channel removed: Contact form", None),
    "a new channel": (
        [], [("channels.yml", "  - id: form\n",
              "  - id: phone\n    name: {en: Phone, de: Telefon}\n    type: phone\n    address: +49 89 1234567\n\n  - id: form\n")],
        "Contact channels", "", "New channel: Phone (+49 89 1234567): staffed around the clock; for every priority", ()),
    "a new channel with its own hours": (
        [], [HOTLINE], "Contact channels", "",
        "New channel: Hotline (+49 89 1234 5678): staffed Monday to Friday 08:00–20:00 (Europe/Berlin), public "
        "holidays: Munich, Germany; outside its hours not staffed; for Critical only", ()),
    "a new channel with its description": (
        [], [("channels.yml", "  - id: form\n", "  - id: desk\n    name: {en: Help desk, de: Helpdesk}\n    type: phone\n"
              "    address: +49 89 1234567\n    description: {en: Ask us., de: Fragen Sie uns.}\n    same_hours_as: usa\n"
              "    outside_hours: accepted\n\n  - id: form\n")],
        "Contact channels", "", "New channel: Help desk (+49 89 1234567): staffed in the hours of USA; outside its hours "
        "requests are accepted; for every priority", ("en: “Ask us.”", "de: “Fragen Sie uns.”")),
    "a channel's address": (
        [], [("channels.yml", "address: support@smartwork.example", "address: help@smartwork.example")],
        "Contact channels", "", "Email: address help@smartwork.example instead of support@smartwork.example", None),
    "planned new hours": (
        [], [HOURS_CHANGE], "Support hours and time zones", "EMEA",
        "From Monday, 1 March 2027, Monday to Friday 09:00–17:00 (now Monday to Friday 10:00–18:00)", None),
    "new hours from a date already past": (
        [], [(HOURS_CHANGE[0], HOURS_CHANGE[1], HOURS_CHANGE[2].replace("2027-03-01", "2026-03-01"))],
        "Support hours and time zones", "EMEA", "Mondays to Fridays: 09:00–17:00 instead of 10:00–18:00", None),
    "planned new hours removed": (
        [HOURS_CHANGE], [(HOURS_CHANGE[0], HOURS_CHANGE[2], HOURS_CHANGE[1])], "Support hours and time zones", "EMEA",
        "Planned change removed: from Monday, 1 March 2027, Monday to Friday 09:00–17:00 "
        "(stays Monday to Friday 10:00–18:00)", None),
    "planned new hours changed": (
        [HOURS_CHANGE], [("regions.yml", "monday to friday: 09:00-17:00\n\n", "monday to friday: 08:00-17:00\n\n")],
        "Support hours and time zones", "EMEA",
        "Planned change from Monday, 1 March 2027: Monday to Friday 08:00–17:00 instead of Monday to Friday 09:00–17:00",
        None),
    "planned new hours moved": (
        [HOURS_CHANGE], [("regions.yml", "from: 2027-03-01", "from: 2027-03-08")], "Support hours and time zones", "EMEA",
        "Planned change moved: from Monday, 8 March 2027 instead of Monday, 1 March 2027, Monday to Friday 09:00–17:00",
        None),
    "a planned faster first response": (
        [], [TARGETS_CHANGE], "Priorities and response targets", "",
        "Critical: first response within 30 minutes from Friday, 1 January 2027 (was 1 hour)", None),
    "a planned target removed": (
        [TARGETS_CHANGE], [(TARGETS_CHANGE[0], TARGETS_CHANGE[2], TARGETS_CHANGE[1])], "Priorities and response targets",
        "", "Critical: planned change removed, first response within 30 minutes from Friday, 1 January 2027 "
        "(stays 1 hour)", None),
    "a planned target changed": (
        [TARGETS_CHANGE], [("priorities.yml", "first_response: 30 minutes", "first_response: 45 minutes")],
        "Priorities and response targets", "",
        "Critical: first response from Friday, 1 January 2027 within 45 minutes instead of 30 minutes", None),
    "a channel opened on a date": (
        [], [("channels.yml", "    type: form\n", "    type: form\n    from: 2027-03-15\n")],
        "Contact channels", "", "Contact form: offered from Monday, 15 March 2027", None),
    "a channel retired": (
        [], [("channels.yml", "    type: form\n", "    type: form\n    until: 2027-06-30\n")],
        "Contact channels", "", "Contact form: retired after Wednesday, 30 June 2027", None),
    "a channel's last day moved": (
        [("channels.yml", "    type: form\n", "    type: form\n    until: 2027-06-30\n")],
        [("channels.yml", "until: 2027-06-30", "until: 2027-07-31")],
        "Contact channels", "", "Contact form: retired after Saturday, 31 July 2027 (was after Wednesday, 30 June 2027)",
        None),
    "a new channel from a date": (
        [], [("channels.yml", "  - id: form\n", "  - id: phone\n    name: {en: Phone, de: Telefon}\n    type: phone\n"
              "    address: +49 89 1234567\n    from: 2027-03-15\n\n  - id: form\n")],
        "Contact channels", "", "New channel: Phone (+49 89 1234567), offered from Monday, 15 March 2027: staffed around "
        "the clock; for every priority", None),
    "a channel given its own hours": (
        [], [("channels.yml", "    type: form\n", "    type: form\n    zone: Europe/Berlin\n    hours:\n"
              "      monday to friday: 08:00-20:00\n    public_holidays: munich\n    outside_hours: accepted\n")],
        "Contact channels", "", "Contact form: staffed Monday to Friday 08:00–20:00 (Europe/Berlin) (was around the clock)",
        None),
    "a channel's own hours changed": (
        [HOTLINE], [("channels.yml", "monday to friday: 08:00-20:00", "monday to thursday: 08:00-20:00\n      friday: 08:00-16:00")],
        "Contact channels", "", "Hotline: Fridays close at 16:00 instead of 20:00", None),
    "a channel's zone": (
        [HOTLINE], [("channels.yml", "zone: Europe/Berlin", "zone: Europe/Vienna")],
        "Contact channels", "", "Hotline: hours in Europe/Vienna instead of Europe/Berlin", None),
    "a channel on a region's hours": (
        [HOTLINE], [("channels.yml", "    zone: Europe/Berlin\n    hours:\n      monday to friday: 08:00-20:00\n",
                     "    same_hours_as: emea\n")],
        "Contact channels", "", "Hotline: staffed in the hours of EMEA (was Monday to Friday 08:00–20:00 (Europe/Berlin))", None),
    "a channel back around the clock": (
        [HOTLINE], [("channels.yml", "    zone: Europe/Berlin\n    hours:\n      monday to friday: 08:00-20:00\n"
                     "    public_holidays: munich\n    outside_hours: not staffed\n", "")],
        "Contact channels", "", "Hotline: staffed around the clock (was Monday to Friday 08:00–20:00 (Europe/Berlin))", None),
    "a channel's priorities": (
        [HOTLINE], [("channels.yml", "    priorities: [p1]\n", "")],
        "Contact channels", "", "Hotline: for every priority (was for Critical only)", None),
    "a channel's holidays": (
        [HOTLINE], [("channels.yml", "    public_holidays: munich\n", "")],
        "Contact channels", "", "Hotline: public holidays: none (open on public holidays) instead of Munich, Germany",
        None),
    "a channel's requests outside its hours": (
        [HOTLINE], [("channels.yml", "outside_hours: not staffed", "outside_hours: accepted")],
        "Contact channels", "", "Hotline: outside its hours requests are accepted (was not staffed)", None),
    "a notice announced later": (
        [ADD_NOTICE], [("notices.yml", "    zone: Europe/Berlin\n", "    zone: Europe/Berlin\n    announce: 7 days\n")],
        "Notices", "", "Hotline unavailable: shown from Tuesday, 1 December 2026, 09:00 CET "
        "(was from Tuesday, 24 November 2026, 09:00 CET)", None),
    "a new notice": (
        [], [ADD_NOTICE], "Notices", "",
        "New notice (service disruption): Hotline unavailable, from Tuesday, 8 December 2026, 09:00 CET, "
        "until further notice, EMEA; shown as soon as this change is published",
        ("title (en): “Hotline unavailable”", "title (de): “Hotline nicht erreichbar”",
         "text (en): “Our phone line is down. Please open a ticket in the portal.”",
         "text (de): “Unsere Telefonleitung ist gestört. Bitte eröffnen Sie ein Ticket im Portal.”")),
    "a new notice announced ahead": (
        [], [(ADD_NOTICE[0], ADD_NOTICE[1], ADD_NOTICE[2].replace("start: 2026-12-08 09:00", "start: 2027-01-10 09:00"))],
        "Notices", "", "New notice (service disruption): Hotline unavailable, from Sunday, 10 January 2027, 09:00 CET, "
        "until further notice, EMEA; shown from Sunday, 27 December 2026, 09:00 CET", None),
    "a new notice already begun": (
        [], [(ADD_NOTICE[0], ADD_NOTICE[1], ADD_NOTICE[2].replace("start: 2026-12-08 09:00", "start: 2026-11-26 09:00"))],
        "Notices", "", "New notice (service disruption): Hotline unavailable, from Thursday, 26 November 2026, 09:00 CET, "
        "until further notice, EMEA; shown as soon as this change is published", None),
    "a notice ended early": (
        [ADD_NOTICE], [("notices.yml", "    zone: Europe/Berlin\n", "    end: 2026-12-08 11:15\n    zone: Europe/Berlin\n")],
        "Notices", "", "Notice ended early: Hotline unavailable, now Tuesday, 8 December 2026, 09:00 CET to 11:15 CET "
        "(was from Tuesday, 8 December 2026, 09:00 CET, until further notice)", None),
    "a notice removed": (
        [ADD_NOTICE], [(ADD_NOTICE[0], ADD_NOTICE[2], ADD_NOTICE[1])], "Notices", "",
        "Notice removed: Hotline unavailable (service disruption), from Tuesday, 8 December 2026, 09:00 CET, "
        "until further notice, EMEA", None),
    "a notice's text edited": (
        [ADD_NOTICE], [("notices.yml", "en: Our phone line is down.", "en: Our phone line is out of order.")],
        "Notices", "", "Text of the notice Hotline unavailable changed",
        ("before (en): “Our phone line is down. Please open a ticket in the portal.”",
         "after (en): “Our phone line is out of order. Please open a ticket in the portal.”")),
    "a notice's kind": (
        [ADD_NOTICE], [("notices.yml", "kind: disruption", "kind: reduced service")],
        "Notices", "", "Hotline unavailable: reduced service (was service disruption)", None),
    "a notice for more regions": (
        [ADD_NOTICE], [("notices.yml", "regions: [emea]", "regions: [emea, usa]\n    channels: [email]")],
        "Notices", "", "Hotline unavailable: all regions; channels: Email (was EMEA)", None),
    "a slower first response": (
        [], [("priorities.yml", "first_response: 1 hour", "first_response: 2 hours")],
        "Priorities and response targets", "", "Critical: first response within 2 hours (was 1 hour)", None),
    "updates in business time": (
        [], [("priorities.yml", "update_interval: 1 business day", "update_interval: 4 business hours")],
        "Priorities and response targets", "", "High: updates every 4 business hours (was every business day)", None),
    "no more updates": (
        [], [("priorities.yml", "    update_interval: 3 business days\n", "")],
        "Priorities and response targets", "", "Normal: updates as progress is made (was every 3 business days)", None),
    "a longer business day": (
        [], [("priorities.yml", "business_day: 8 hours", "business_day: 9 hours")],
        "Priorities and response targets", "", "A business day has 9 business hours instead of 8", None),
    "another default priority": (
        [], [("priorities.yml", "    coverage: business hours\n    default: true\n", "    coverage: business hours\n"),
             ("priorities.yml", "first_response: 2 business days\n", "first_response: 2 business days\n    default: true\n")],
        "Priorities and response targets", "", "Default priority: Low (was Normal)", None),
    "a resolution step reworded": (
        [], [("process.yml", "en: You open a support ticket.", "en: You open a support ticket in the portal.")],
        "Resolution process", "", "Resolution step 1 changed",
        ("before (en): “You open a support ticket.”", "after (en): “You open a support ticket in the portal.”")),
    "a customer duty added": (
        [], [("process.yml", "customer_duties:\n", "customer_duties:\n  - en: You keep us informed.\n    de: Sie halten uns auf dem Laufenden.\n")],
        "Resolution process", "", "Customer duty 1 added", ("en: “You keep us informed.”", "de: “Sie halten uns auf dem Laufenden.”")),
    "enhancements included": (
        [], [("maintenance.yml", "included: false", "included: true")],
        "Maintenance and warranty", "", "Enhancements: included (was not included)", None),
    "a warranty paragraph removed": (
        [], [("maintenance.yml", "\n  - en: >-\n      We do not provide a quality guarantee or any other warranty, unless we specifically have\n"
              "      provided a written warranty document.\n    de: >-\n      Wir geben keine Qualitätsgarantie und keine andere "
              "Gewährleistung, sofern wir nicht\n      ausdrücklich eine schriftliche Gewährleistungserklärung abgegeben haben.\n", "\n")],
        "Maintenance and warranty", "", "Warranty paragraph 2 removed",
        ("en: “We do not provide a quality guarantee or any other warranty, unless we specifically have provided a "
         "written warranty document.”",
         "de: “Wir geben keine Qualitätsgarantie und keine andere Gewährleistung, sofern wir nicht ausdrücklich eine "
         "schriftliche Gewährleistungserklärung abgegeben haben.”")),
    "the site title": (
        [], [("company.yml", "de: Kundensupport von smartwork solutions", "de: Kundenservice von smartwork solutions")],
        "Company and site", "", "Site title changed",
        ("before (de): “Kundensupport von smartwork solutions”", "after (de): “Kundenservice von smartwork solutions”")),
    "changes announced later": (
        [], [("company.yml", "languages: [en, de]\n", "languages: [en, de]\nannounce_changes: 30 days\n")],
        "Company and site", "", "Changes are announced on the pages 30 days ahead (was 60)", None),
    "a version set by staff": (
        [], [("company.yml", "  url: https://support.smartwork.example/\n", "  url: https://support.smartwork.example/\nversion: \"2026-2\"\n")],
        "Company and site", "", "Policy version: 2026-2 (was the date and commit of the last policy change)", None),
}
# Two copies of the default policy in tmp_path: old/ and new/, each with its edits.
def policy_pair(tmp_path: Path, both=(), new_only=()) -> tuple[Path, Path]:
    dirs = []
    for name, edits in (("old", both), ("new", [*both, *new_only])):
        directory = tmp_path / name / "policy"
        shutil.copytree(ROOT / "policy", directory)
        for file, old, new in edits:
            edit(directory / file, old, new)
        dirs.append(directory)
    return dirs[0], dirs[1]


def summary_of(old_dir: Path, new_dir: Path) -> list:
    with time_limit(60, "loading and comparing two policies"):
        return review.summarize(load_policy(old_dir, TODAY), load_policy(new_dir, TODAY))


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_kind_of_change_gives_its_line_in_its_topic_and_group(tmp_path, case):
    both, new_only, topic, group, text, details = CASES[case]
    old_dir, new_dir = policy_pair(tmp_path, both, new_only)
    sections = summary_of(old_dir, new_dir)
    found = [(s.topic, line.group, line.text) for s in sections for line in s.lines]
    assert (topic, group, text) in found, "\n".join(map(str, found))
    line = next(line for s in sections for line in s.lines if (s.topic, line.group, line.text) == (topic, group, text))
    if details is not None:
        assert line.details == details
    # The same line in the Markdown, under the topic's heading and the group's.
    with time_limit(60, "summarising two policies"):
        markdown = review.policy_summary(old_dir, new_dir, TODAY).splitlines()
    heading = markdown.index(f"## {topic}")
    at = markdown.index(f"- {text}", heading)
    if group:
        assert markdown.index(f"### {group}", heading) < at
    assert not any(m.startswith("## ") for m in markdown[heading + 1:at])


# Only what changed is reported: one edit, one line (the other topics stay silent).
@pytest.mark.parametrize("case", ["closing earlier on one day", "a slower first response", "a channel removed",
                                  "new hours from a date already past",
                                  "another time zone", "planned new hours", "planned new hours removed",
                                  "a planned faster first response", "a channel retired", "a new notice",
                                  "a notice ended early", "a notice removed", "a notice's text edited"])
def test_one_edit_gives_exactly_one_line(tmp_path, case):
    both, new_only, topic, group, text, _ = CASES[case]
    sections = summary_of(*policy_pair(tmp_path, both, new_only))
    assert [(s.topic, [(line.group, line.text) for line in s.lines]) for s in sections] == [(topic, [(group, text)])]


# A yearly closure appears once per published year; dates of different regions stay apart.
def test_dates_are_listed_per_year_and_region(tmp_path):
    sections = summary_of(*policy_pair(tmp_path, (), [("holidays.yml", "closures: []", CLOSURES)]))
    [closures] = [s for s in sections if s.topic == "Closures and special hours"]
    assert [line.text for line in closures.lines] == [
        "New special hours: Thursday, 31 December 2026, New Year's Eve, open 10:00–14:00, EMEA",
        "New closure: Monday, 14 June 2027 to Tuesday, 15 June 2027, Company offsite, all regions",
        "New special hours: Friday, 31 December 2027, New Year's Eve, open 10:00–14:00, EMEA",
    ]


# Planned hours are listed by date under their region; a later change is told against the one
# before it ("until then"), not against today's hours.
def test_planned_hours_are_grouped_by_region_and_told_in_order(tmp_path):
    usa = ("regions.yml", "      monday to friday: 09:00-17:00\n    public_holidays: munich\n",
           "      monday to friday: 09:00-17:00\n    public_holidays: munich\n    changes:\n"
           "      - from: 2027-09-01\n        hours:\n          monday to friday: 08:00-16:00\n")
    later = ("regions.yml", "          monday to friday: 09:00-17:00\n\n",
             "          monday to friday: 09:00-17:00\n      - from: 2027-06-01\n        hours:\n"
             "          monday to thursday: 09:00-17:00\n\n")
    sections = summary_of(*policy_pair(tmp_path, (), [HOURS_CHANGE, later, usa]))
    assert [(s.topic, [(line.group, line.text) for line in s.lines]) for s in sections] == [
        ("Support hours and time zones", [
            ("EMEA", "From Monday, 1 March 2027, Monday to Friday 09:00–17:00 (now Monday to Friday 10:00–18:00)"),
            ("EMEA", "From Tuesday, 1 June 2027, Monday to Thursday 09:00–17:00 "
                     "(until then Monday to Friday 09:00–17:00)"),
            ("USA", "From Wednesday, 1 September 2027, Monday to Friday 08:00–16:00 "
                    "(now Monday to Friday 09:00–17:00)")])]
    with time_limit(60, "summarising two policies"):
        markdown = review.render(sections)
    assert ("## Support hours and time zones\n\n### EMEA\n\n- From Monday, 1 March 2027, "
            "Monday to Friday 09:00–17:00 (now Monday to Friday 10:00–18:00)\n- From Tuesday, 1 June 2027") in markdown
    assert "\n### USA\n\n- From Wednesday, 1 September 2027" in markdown


# A planned change of both targets gives a line for each; a target carried over to a later change
# gives none.
def test_a_planned_change_of_both_targets(tmp_path):
    both = ("priorities.yml", "    coverage: around the clock\n",
            "    coverage: around the clock\n    changes:\n      - from: 2027-01-01\n"
            "        first_response: 30 minutes\n        update_interval: 1 hour\n"
            "      - from: 2027-02-01\n        first_response: 20 minutes\n")
    sections = summary_of(*policy_pair(tmp_path, (), [both]))
    assert [(s.topic, [line.text for line in s.lines]) for s in sections] == [
        ("Priorities and response targets", [
            "Critical: first response within 30 minutes from Friday, 1 January 2027 (was 1 hour)",
            "Critical: first response within 20 minutes from Monday, 1 February 2027 (was 30 minutes)",
            "Critical: updates every hour from Friday, 1 January 2027 (was every 2 hours)"])]


# A notice moved to another start, or given a later end, says so with both times.
def test_a_notice_retimed_or_extended(tmp_path):
    ended = ("notices.yml", "    zone: Europe/Berlin\n", "    end: 2026-12-08 13:00\n    zone: Europe/Berlin\n")
    cases = {
        "later": ([ADD_NOTICE, ended], [("notices.yml", "end: 2026-12-08 13:00", "end: 2026-12-08 17:00")],
                  "Notice extended: Hotline unavailable, now Tuesday, 8 December 2026, 09:00 CET to 17:00 CET "
                  "(was Tuesday, 8 December 2026, 09:00 CET to 13:00 CET)"),
        "moved": ([ADD_NOTICE, ended], [("notices.yml", "start: 2026-12-08 09:00", "start: 2026-12-08 10:00")],
                  "Notice times changed: Hotline unavailable, now Tuesday, 8 December 2026, 10:00 CET to 13:00 CET "
                  "(was Tuesday, 8 December 2026, 09:00 CET to 13:00 CET)"),
        # What feed and calendar subscribers see again (the README asks for it on every edit).
        "updated": ([ADD_NOTICE, ended], [("notices.yml", "    end: 2026-12-08 13:00\n",
                                           "    end: 2026-12-08 13:00\n    updated: 2026-11-25 10:00\n")],
                    "Hotline unavailable: marked as updated Wednesday, 25 November 2026, 10:00 CET (was Tuesday, "
                    "24 November 2026, 09:00 CET): feed and calendar subscribers see it as updated"),
    }
    for name, (both, new_only, text) in cases.items():
        sections = summary_of(*policy_pair(tmp_path / name, both, new_only))
        assert [(s.topic, [line.text for line in s.lines]) for s in sections] == [("Notices", [text])], name


def test_an_unchanged_policy(tmp_path):
    old_dir, new_dir = policy_pair(tmp_path)
    assert summary_of(old_dir, new_dir) == []
    with time_limit(60, "summarising two policies"):
        markdown = review.policy_summary(old_dir, new_dir, TODAY, compared="Compared: `a` → `b`.")
    assert markdown == "# Policy change: what customers will read\n\nCompared: `a` → `b`.\n\n**No change for customers.**\n"
    # With the pages compared too, and none changed, the summary says both.
    assert "**No change for customers.** No page's text changed." in review.render([], pages=[], languages=("en", "de"))


@pytest.mark.parametrize("edits", [
    [("regions.yml", "    public_holidays: munich\n", "    # Munich's calendar, as agreed in 2026.\n    public_holidays: munich\n")],
    [("regions.yml", "    name: {en: EMEA, de: EMEA}\n    zone: Europe/Berlin\n", "    zone: Europe/Berlin\n    name: {de: EMEA, en: EMEA}\n")],
    [("channels.yml", "    name:\n      en: Email\n      de: E-Mail\n", "    name: {en: Email, de: E-Mail}\n")],
    [("maintenance.yml", "We do not provide a quality guarantee", "We do  not provide a quality\n      guarantee")],
    [("channels.yml", "    type: form\n", "    type: form\n    from: 2026-01-01\n")],
], ids=["comment", "key order", "flow style", "spaces and line breaks", "a first day already past"])
def test_a_change_customers_cannot_see_says_so(tmp_path, edits):
    old_dir, new_dir = policy_pair(tmp_path, (), edits)
    assert (old_dir.parent / "policy" / edits[0][0]).read_text() != (new_dir / edits[0][0]).read_text()
    assert summary_of(old_dir, new_dir) == []
    with time_limit(60, "summarising two policies"):
        markdown = review.policy_summary(old_dir, new_dir, TODAY)
    assert "**No change for customers.**" in markdown


def test_a_broken_new_policy_gives_the_builds_report(tmp_path):
    old_dir, new_dir = policy_pair(tmp_path, (), [("regions.yml", "zone: Europe/Berlin", "zone: CET")])
    with pytest.raises(PolicyError) as info:
        load_policy(new_dir, TODAY)
    with time_limit(60, "summarising two policies"):
        markdown = review.policy_summary(old_dir, new_dir, TODAY)
    assert f"```text\n{info.value.report()}\n```" in markdown
    assert "regions[1].zone: 'CET' is not an IANA time zone name" in markdown
    assert "No change" not in markdown and "## Support hours" not in markdown


# Policy texts are shown literally: Markdown characters in them are escaped.
def test_policy_texts_cannot_format_the_summary(tmp_path):
    old_dir, new_dir = policy_pair(tmp_path, (), [("process.yml", "en: You open a support ticket.",
                                                   "en: You open a *support* ticket <b>[here](x)</b>.")])
    [section] = summary_of(old_dir, new_dir)
    assert section.lines[0].details[1] == r"after (en): “You open a \*support\* ticket \<b\>\[here\](x)\</b\>.”"


def test_visible_text_of_a_page():
    html = ('<html><head><title>T</title><script>var x = 1;</script></head><body><nav>Menu</nav>'
            '<article class="md-content__inner"><h1 id="a">Support hours<a class="headerlink" href="#a">¶</a></h1>'
            '<p>Open\n  Monday <strong>to</strong> Friday.</p><div hidden>secret</div>'
            '<table><tr><th>Region</th><th>Hours</th></tr><tr><td>EMEA</td><td>10:00–18:00</td></tr></table>'
            '<pre><code>line 1\nline 2</code></pre><p>a<br>b</p><img alt="x"><script>ignored()</script>'
            '<noscript><p>Without JavaScript</p></noscript></article><footer>Footer</footer></body></html>')
    # The whole page a reader sees (the tab's title, navigation, article, footer), one line per block;
    # a hidden element too (the script shows it on its day: a notice, a dated line), and what a
    # browser without JavaScript shows.
    assert review.page_text(html) == [
        "T", "Menu", "Support hours", "Open Monday to Friday.", "secret", "Region | Hours", "EMEA | 10:00–18:00",
        "line 1", "line 2", "a", "b", "Without JavaScript", "Footer"]
    # A class the portal's stylesheets show as a block is a line of its own.
    channel = '<ul><li><strong>Email</strong>: write to us.<span class="hours">Around the clock.</span></li></ul>'
    assert review.page_text(channel) == ["Email: write to us.Around the clock."]
    assert review.page_text(channel, frozenset({"hours"})) == ["Email: write to us.", "Around the clock."]
    # Words hidden until their day, inside a line, are a line of their own: never read beside the
    # words they replace.
    cell = ('<table><tr><td>2 hours</td><td><span data-support-until="2027-03-18">via Chat (until 18 March)</span>'
            '<span data-support-from="2027-03-19" hidden>in business hours</span></td><td>daily</td></tr></table>')
    assert review.page_text(cell) == ["2 hours | via Chat (until 18 March)", "in business hours", "daily"]


# The calendars and the notices feed of each edition: what subscribers read (titles, descriptions,
# categories, dates; a feed's entries) counts, the build's stamp does not; the summary lists them.
def test_calendar_and_feed_text_changes(tmp_path):
    event = ("BEGIN:VCALENDAR\r\nX-WR-CALNAME:Support\r\nBEGIN:VEVENT\r\nSUMMARY:Support closed: Christmas\r\n"
             "DTSTART;VALUE=DATE:20261225\r\nDTSTAMP:{stamp}\r\nCATEGORIES:{category}\r\nDESCRIPTION:Regions: EMEA,\r\n"
             "  USA\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    atom = ('<feed xmlns="http://www.w3.org/2005/Atom"><title>Notices</title><updated>{stamp}</updated><entry>'
            '<title>{title}</title><category term="disruption" label="Störung"/></entry></feed>')
    sites = {}
    for name, stamp, category, title in (("old", "20261127T000000Z", "holiday", "Hotline down"),
                                         ("new", "20261204T000000Z", "Feiertag", "Hotline down")):
        site = sites[name] = tmp_path / name
        (site / "de").mkdir(parents=True)
        for folder in (site, site / "de"):
            (folder / "support.ics").write_text(event.format(stamp=stamp, category=category), encoding="utf-8", newline="")
            (folder / "notices.atom").write_text(atom.format(stamp=stamp, title=title), encoding="utf-8")
    (sites["new"] / "de" / "notices.atom").write_text(atom.format(stamp="x", title="Hotline gestört"), encoding="utf-8")
    changes = review.feed_changes(sites["old"], sites["new"], ("en", "de"))
    assert changes == [review.PageChange("de", "de/notices.atom", 1), review.PageChange("de", "de/support.ics", 1),
                       review.PageChange("en", "support.ics", 1)], changes
    said = review.render(feeds=changes, languages=("en", "de"))
    assert "## Calendars and feeds whose text changed" in said and "- `de/support.ics`: 1 line changed" in said, said
    assert review.feed_changes(sites["old"], sites["old"], ("en", "de")) == []


# A temporary git repository holding the project with the tools and the Makefile, and a stand-in
# for .venv (this test's environment: nothing is installed). Returns (project, run git).
def git_project(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    for name in ("Makefile", "requirements.txt", "constraints.txt", ".gitignore"):
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(ROOT / "tools", project / "tools", ignore=shutil.ignore_patterns("node_modules", "__pycache__"))
    venv = project / ".venv"
    venv.mkdir()
    for part in ("bin", "lib", "lib64", "include", "pyvenv.cfg"):
        if (BIN.parent / part).exists():
            (venv / part).symlink_to(BIN.parent / part)
    (venv / ".installed").touch()
    env = {**os.environ, "GIT_AUTHOR_NAME": "Support", "GIT_AUTHOR_EMAIL": "support@example.com",
           "GIT_COMMITTER_NAME": "Support", "GIT_COMMITTER_EMAIL": "support@example.com",
           "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}

    def git(*args, date="2026-11-20T10:00:00+00:00"):
        proc = subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, timeout=60,
                              env={**env, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date})
        assert proc.returncode == 0, proc.stderr
        return proc.stdout.strip()

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "Policy as published")
    return project, git


# The command line tool, as `make diff BASE=rev HEAD=rev`, on two commits of a real repository.
def test_make_diff_between_two_commits(tmp_path):
    project, git = git_project(tmp_path)
    first = git("rev-parse", "HEAD")
    edit(project / "policy" / "regions.yml", "monday to friday: 10:00-18:00",
         "monday to thursday: 10:00-18:00\n      friday: 10:00-16:00")
    git("commit", "-q", "-am", "EMEA closes early on Fridays", date="2026-11-24T09:00:00+00:00")
    second = git("rev-parse", "HEAD")
    # The working tree differs from both: the tool must read the revisions, not the files.
    edit(project / "policy" / "priorities.yml", "first_response: 1 hour", "first_response: 3 hours")
    proc = subprocess.run(["make", "--no-print-directory", "diff", f"BASE={first}", f"HEAD={second}"], cwd=project,
                          capture_output=True, text=True, timeout=300, env=user_env(SOURCE_DATE_EPOCH="1795737600"))
    assert proc.returncode == 0, proc.stderr
    summary = proc.stdout
    assert summary.startswith("# Policy change: what customers will read\n"), summary
    assert f"Compared: `{git('rev-parse', '--short', first)}` → `{git('rev-parse', '--short', second)}`." in summary
    assert "## Support hours and time zones\n\n### EMEA\n\n- Fridays close at 16:00 instead of 18:00\n" in summary
    assert "first response" not in summary
    # The pages that show the hours changed in both editions; the others did not.
    pages = summary.split("## Pages whose text changed\n", 1)[1]
    assert "### English edition (/)" in pages and "### German edition (/de/)" in pages, pages
    changed = {line.split("`")[1] for line in pages.splitlines() if line.startswith("- `")}
    assert {"hours/", "de/hours/"} <= changed, pages
    assert not changed & {"process/", "de/process/", "contact/", "de/contact/"}, pages
    assert re.search(r"^- `hours/`: [1-9]\d* lines? changed$", pages, re.M), pages


# What only the pages' scripts write (a catalog's widget word) is listed; a change the real build
# refuses (a broken link) is not compared as if it built: the summary says why, and the status is 1.
def test_make_diff_lists_the_live_words_and_fails_with_the_build(tmp_path):
    project, git = git_project(tmp_path)
    edit(project / "hooks" / "supportportal" / "locales" / "de.yml", "widget.closed: Geschlossen", "widget.closed: Zu")

    def diff():
        return subprocess.run(["make", "--no-print-directory", "diff", "BASE=HEAD"], cwd=project, capture_output=True,
                              text=True, timeout=300, env=user_env(SOURCE_DATE_EPOCH="1795737600"))

    proc = diff()
    assert proc.returncode == 0, proc.stderr
    assert "No change for customers." not in proc.stdout
    words = proc.stdout.split("## Words of the live status, calculator and notices\n", 1)[1]
    assert "### German\n\n- `closed`: “Geschlossen” → “Zu”\n" in words, proc.stdout
    assert "### English" not in words
    edit(project / "content" / "contact.md", "(hours.md)", "(hour.md)")
    proc = diff()
    assert proc.returncode != 0 and "Error 1" in proc.stderr, proc.stderr
    assert "The new site did not build:" in proc.stdout and "'hour.md'" in proc.stdout, proc.stdout
    assert "INFO" not in proc.stdout and "No page's visible text changed" not in proc.stdout


# A notice updated earlier today, as the README asks, compares without SOURCE_DATE_EPOCH: the
# review builds for now, as `make check` and the build do, not for the day's first second.
def test_make_diff_takes_a_notice_updated_today(tmp_path):
    project, git = git_project(tmp_path)
    now = dt.datetime.now(dt.timezone.utc).replace(second=0, microsecond=0)
    updated = now - dt.timedelta(minutes=2)  # after 00:00 UTC but in the first minutes of a day
    start = now + dt.timedelta(days=3)
    edit(project / "policy" / "notices.yml", "notices: []", f"""notices:
  - id: portal-upgrade
    kind: information
    title: {{en: Portal upgrade, de: Portal-Upgrade}}
    text: {{en: The portal is upgraded., de: Das Portal wird aktualisiert.}}
    start: {start:%Y-%m-%d %H:%M}
    end: {start + dt.timedelta(hours=2):%Y-%m-%d %H:%M}
    updated: {updated:%Y-%m-%d %H:%M}
    zone: UTC""")
    env = {k: v for k, v in user_env().items() if k != "SOURCE_DATE_EPOCH"}
    proc = subprocess.run([str(BIN / "python"), "tools/policy_diff.py", "--base", "HEAD", "--no-pages"], cwd=project,
                          capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Portal upgrade" in proc.stdout, proc.stdout


# A channel on a region's hours changes with the region: the region's line says it, once.
def test_a_channel_on_a_region_s_hours_is_not_repeated(tmp_path):
    on_emea = ("channels.yml", "    zone: Europe/Berlin\n    hours:\n      monday to friday: 08:00-20:00\n", "    same_hours_as: emea\n")
    closing = ("regions.yml", "monday to friday: 10:00-18:00", "monday to thursday: 10:00-18:00\n      friday: 10:00-16:00")
    sections = summary_of(*policy_pair(tmp_path, [HOTLINE, on_emea], [closing]))
    assert [(s.topic, [(line.group, line.text) for line in s.lines]) for s in sections] == [
        ("Support hours and time zones", [("EMEA", "Fridays close at 16:00 instead of 18:00")])]



# The three-regions policy (EMEA on Munich's calendar, USA on New York's, APAC on Singapore's) in
# tmp_path/old and tmp_path/new, each with its edits (file, text, replacement).
def three_regions_pair(tmp_path: Path, old_edits=(), new_edits=()) -> tuple[Path, Path]:
    dirs = []
    for name, edits in (("old", old_edits), ("new", new_edits)):
        directory = tmp_path / name / "policy"
        shutil.copytree(ROOT / "policy", directory)
        for path in FIXTURE.glob("*.yml"):
            shutil.copy2(path, directory / path.name)
        for file, old, new in edits:
            edit(directory / file, old, new)
        dirs.append(directory)
    return dirs[0], dirs[1]


def lines_of(sections) -> list:
    return [(s.topic, line.group, line.text) for s in sections for line in s.lines]


def dates_in(text: str) -> list:
    return [dt.datetime.strptime(m, "%d %B %Y").date()
            for m in re.findall(r"\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|"
                                r"November|December) \d{4}", text)]


# A new region brings its public holidays (each day listed) and the closures and special hours it gets.
def test_a_new_region_brings_its_calendar_and_closures(tmp_path):
    apac = ("regions.yml", "\n  - id: apac\n    name: {en: APAC, de: APAC}\n    zone: Asia/Singapore\n    hours:\n"
            "      monday to friday: 09:00-18:00\n      saturday: 09:00-12:00\n    public_holidays: singapore\n", "\n")
    own = [("holidays.yml", "  - name: {en: Christmas Eve, de: Heiligabend}\n    every_year: 12-24\n    hours: 09:00-12:00\n"
            "    regions: [apac]\n", ""),
           ("holidays.yml", "  - name: {en: Team day, de: Teamtag}\n    date: 2026-12-09\n    regions: [apac]\n", "")]
    sections = summary_of(*three_regions_pair(tmp_path, [apac, *own]))
    found = lines_of(sections)
    [calendar] = [line for s in sections for line in s.lines if s.topic == "Public holidays"]
    assert calendar.group == "APAC"
    assert calendar.text.startswith("Public holidays: Singapore, ") and "days closed until Friday, 31 December 2027" \
        in calendar.text, calendar
    assert "Friday, 25 December 2026: Christmas Day" in calendar.details
    assert len(calendar.details) == int(calendar.text.split(", ")[1].split()[0])
    assert [(t, g, text) for t, g, text in found if t == "Closures and special hours"] == [
        ("Closures and special hours", "", "New closure: Wednesday, 9 December 2026, Team day, APAC"),
        ("Closures and special hours", "", "New special hours: Thursday, 24 December 2026, Christmas Eve, open 09:00–12:00, APAC"),
        ("Closures and special hours", "", "New special hours: Thursday, 31 December 2026, New Year's Eve, open 10:00–14:00, APAC"),
        ("Closures and special hours", "", "New special hours: Friday, 24 December 2027, Christmas Eve, open 09:00–12:00, APAC"),
        ("Closures and special hours", "", "New special hours: Friday, 31 December 2027, New Year's Eve, open 10:00–14:00, APAC")]


# Switching USA from Munich's calendar to New York's: the net effect on the days from the build's
# today on, by holiday: another holiday on a date that stays closed is not a rename, the holidays
# both calendars share are no change, no date before the build day is named.
def test_a_calendar_switch_is_its_net_effect_on_the_days_ahead(tmp_path):
    today = dt.date(2026, 1, 10)
    old_dir, new_dir = three_regions_pair(tmp_path, [("regions.yml", "public_holidays: new-york", "public_holidays: munich")])
    with time_limit(60, "loading and comparing two policies"):
        sections = review.summarize(load_policy(old_dir, today), load_policy(new_dir, today))
    found = lines_of(sections)
    texts = [text for _, _, text in found]
    assert ("Public holidays", "USA", "Public holidays: New York State, USA instead of Munich, Germany") in found
    assert ("Public holidays", "", "Another public holiday: Monday, 25 May 2026, Memorial Day instead of Pentecost "
            "Monday (still closed), USA") in found, texts
    assert ("Public holidays", "", "No longer a public holiday: Friday, 3 April 2026, Good Friday, USA") in found
    assert ("Public holidays", "", "New public holiday: Thursday, 26 November 2026, Thanksgiving Day, USA") in found
    # Labor Day of Munich (1 May) and of New York (September) are two holidays, not one moved.
    assert ("Public holidays", "", "No longer a public holiday: Friday, 1 May 2026, Labor Day, USA") in found
    assert ("Public holidays", "", "New public holiday: Monday, 7 September 2026, Labor Day, USA") in found
    assert not any("renamed" in text or "moved" in text or "Christmas Day" in text or "New Year's Day," in text for text in texts), texts
    assert all(date >= today for text in texts for date in dates_in(text)), texts
    assert not any("6 January 2026" in text for text in texts)


# Names given in a new language for holidays that stay: one line per calendar and language.
def test_names_only_are_one_line_per_calendar_and_language(tmp_path):
    names = "".join(f"      {n}: {{fr: Nom {i}}}\n" for i, n in enumerate(
        ['"New Year\'s Day"', "Epiphany", "Good Friday", "Easter Monday", "Labor Day", "Ascension Day",
         "Pentecost Monday", "Corpus Christi", "Assumption Day", "German Unity Day", '"All Saints\' Day"',
         "Christmas Day", "Second Day of Christmas"]))
    french = [("company.yml", "languages: [en, de]", "languages: [en, de, fr]\nmissing_translations: fallback"),
              ("holidays.yml", "    categories: [public, catholic]\n", "    categories: [public, catholic]\n    names:\n" + names)]
    sections = summary_of(*policy_pair(tmp_path, (), french))
    holidays = [(line.group, line.text) for s in sections for line in s.lines if s.topic == "Public holidays"]
    # 25 and 26 December 2026, then the 13 holidays of 2027.
    assert holidays == [("", "Munich, Germany: French names added for 15 holidays")]
    # A German name changed in the New York calendar (the package has none): one line, one holiday ahead.
    sections = summary_of(*three_regions_pair(tmp_path / "de", (), [("holidays.yml", "Memorial Day: {de: Memorial Day}",
                                                                   "Memorial Day: {de: Gedenktag}")]))
    assert lines_of(sections) == [("Public holidays", "", "New York State, USA: German names changed for 1 holiday")]


# A notice's banner is on every page: every page of both editions is listed, and the text compared
# is the whole page, not only its article.
def test_a_banner_change_lists_every_page(built, tmp_path):
    project = copy_project(tmp_path / "project")
    edit(project / "policy" / ADD_NOTICE[0], ADD_NOTICE[1], ADD_NOTICE[2])
    with time_limit(300, "building the site with a notice"):
        new = run_build(project)
    assert new.ok, new.output
    changes = review.page_changes(built.site, new.site, ("en", "de"))
    pages = review.page_texts(built.site)
    assert {c.url for c in changes} == set(pages), sorted(set(pages) - {c.url for c in changes})
    assert {c.edition for c in changes} == {"en", "de"}
    after = review.page_texts(new.site)
    assert any("Hotline unavailable" in line for line in after["process/"])
    assert any("Hotline nicht erreichbar" in line for line in after["de/process/"])


# A region whose id changed and nothing else is the same region for its customers: the same hours,
# holidays, closures and notices. What changes is told once, under its name: the addresses of its
# calendar and its feed, its id in support.json, and what widgets embedded with the old id show.
REGION_ID_CHANGED = ("Id of the region changed: `usa` → `us`. Its calendar to subscribe to is now `support-us.ics` "
                     "(`support-usa.ics` is no longer published: its subscribers get no more updates), its feed "
                     "`support/us.json` (was `support/usa.json`), its id in support.json `us`; widgets embedded with "
                     "`data-regions=\"usa\"` still show it, found by its name, with a warning in the browser's console")


def test_a_region_s_new_id_is_told_once_with_what_it_changes(tmp_path):
    sections = summary_of(*policy_pair(tmp_path, (), [("regions.yml", "  - id: usa", "  - id: us")]))
    assert [(s.topic, [(line.group, line.text) for line in s.lines]) for s in sections] == [
        ("Support hours and time zones", [("USA", REGION_ID_CHANGED)])]
    markdown = review.render(sections)
    assert "### USA\n\n- " + REGION_ID_CHANGED + "\n" in markdown, markdown
    # Named by the closures, the notices and the channels that follow it: still the one line.
    notice = NOTICE.replace("regions: [emea]", "regions: [usa]")
    desk = ("channels.yml", "  - id: form\n", "  - id: desk\n    name: {en: Help desk, de: Helpdesk}\n    type: phone\n"
            "    address: +49 89 1234567\n    same_hours_as: usa\n    outside_hours: accepted\n\n  - id: form\n")
    both = [("notices.yml", "notices: []\n", notice), desk]
    old_dir, new_dir = three_regions_pair(tmp_path / "three", both, [
        *both, ("regions.yml", "  - id: usa", "  - id: us"), ("holidays.yml", "regions: [emea, usa]", "regions: [emea, us]"),
        ("notices.yml", "regions: [usa]", "regions: [us]"), ("channels.yml", "same_hours_as: usa", "same_hours_as: us")])
    with time_limit(60, "loading and comparing two policies"):
        sections = review.summarize(load_policy(old_dir, TODAY), load_policy(new_dir, TODAY))
    assert lines_of(sections) == [("Support hours and time zones", "USA", REGION_ID_CHANGED)]


# A new id with other changes: the id's line and the changes', never a new and a removed region.
# A region of another name and other hours in place of one removed is a new region.
def test_a_region_s_new_id_with_new_hours_and_a_region_replaced(tmp_path):
    sections = summary_of(*policy_pair(tmp_path, (), [("regions.yml", "  - id: usa", "  - id: us"),
                                                      ("regions.yml", "monday to friday: 09:00-17:00",
                                                       "monday to friday: 09:00-16:00")]))
    assert lines_of(sections) == [("Support hours and time zones", "USA", REGION_ID_CHANGED),
                                  ("Support hours and time zones", "USA", "Mondays to Fridays close at 16:00 instead of 17:00")]
    # Another name, same zone, hours and holidays: still the same region, renamed.
    sections = summary_of(*policy_pair(tmp_path / "named", (), [("regions.yml", "  - id: usa", "  - id: americas"),
                                                                ("regions.yml", "{en: USA, de: USA}", "{en: Americas, de: Amerika}")]))
    assert [(t, g, text.split(".")[0]) for t, g, text in lines_of(sections)] == [
        ("Support hours and time zones", "Americas", "Id of the region changed: `usa` → `americas`"),
        ("Support hours and time zones", "Americas", "Name of the region changed")]
    assert "`data-regions=\"usa\"` no longer show it" in lines_of(sections)[0][2], lines_of(sections)
    sections = summary_of(*policy_pair(tmp_path / "other", (), [
        ("regions.yml", "  - id: usa\n    name: {en: USA, de: USA}\n    zone: America/New_York\n    hours:\n      monday to friday: 09:00-17:00",
         "  - id: apac\n    name: {en: APAC, de: APAC}\n    zone: Asia/Singapore\n    hours:\n      monday to friday: 08:00-17:00")]))
    texts = [text for _, _, text in lines_of(sections)]
    assert "Region removed: customers no longer see its hours" in texts and not any("Id of" in t for t in texts), texts


# A channel's and a priority's new id: one line each, in their topics; the channels naming the
# priority follow it.
def test_a_channel_s_and_a_priority_s_new_id(tmp_path):
    sections = summary_of(*policy_pair(tmp_path, [HOTLINE], [
        ("channels.yml", "  - id: hotline", "  - id: phone"), ("priorities.yml", "  - id: p1", "  - id: critical"),
        ("channels.yml", "priorities: [p1]", "priorities: [critical]")]))
    assert lines_of(sections) == [
        ("Contact channels", "", "Id of the channel Hotline changed: `hotline` → `phone`: its id in support.json is now "
                                 "`phone`; widgets embedded with `data-channels=\"hotline\"` still show it, found by its "
                                 "name, with a warning in the browser's console"),
        ("Priorities and response targets", "", "Id of the priority Critical changed: `p1` → `critical`: its id in "
                                                 "support.json is now `critical` (integrations that read it there)")]


# The response targets the calculator writes are keyed by minutes ("480b"); readers read their
# texts. The same texts under other keys (a shorter business day: "1 business day" is 420 business
# minutes instead of 480) are no change, nor is another target, which the priorities' lines tell;
# a text reworded is one, said without the key.
def test_live_words_of_targets_are_compared_by_their_texts(tmp_path):
    def site(name, targets):
        for lang, texts in targets.items():
            path = tmp_path / name / "assets" / "javascripts" / "locales" / f"{lang}.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps({"closed": {"en": "Closed", "de": "Geschlossen"}[lang], "targets": texts}),
                            encoding="utf-8")
        return tmp_path / name

    eight = site("eight", {"en": {"60c": "1 hour", "480b": "1 business day", "960b": "2 business days"},
                           "de": {"60c": "1 Stunde", "480b": "1 Arbeitstag", "960b": "2 Arbeitstage"}})
    seven = site("seven", {"en": {"60c": "1 hour", "420b": "1 business day", "840b": "2 business days"},
                           "de": {"60c": "1 Stunde", "420b": "1 Arbeitstag", "840b": "2 Arbeitstage"}})
    assert review.word_changes(eight, seven, ("en", "de")) == []
    # Another target (4 business hours instead of 1 business day) is the priority's change, told
    # under "Priorities and response targets", not a word reworded.
    faster = site("faster", {"en": {"60c": "1 hour", "240b": "4 business hours", "960b": "2 business days"},
                             "de": {"60c": "1 Stunde", "240b": "4 Geschäftsstunden", "960b": "2 Arbeitstage"}})
    assert review.word_changes(eight, faster, ("en", "de")) == []
    reworded = site("reworded", {"en": {"60c": "1 hour", "480b": "1 business day", "960b": "2 business days"},
                                 "de": {"60c": "1 Stunde", "480b": "1 Werktag", "960b": "2 Arbeitstage"}})
    changes = review.word_changes(eight, reworded, ("en", "de"))
    assert changes == [review.WordChange("de", "targets", "1 Arbeitstag", "1 Werktag")], changes
    said = review.render(words=changes, languages=("en", "de"))
    assert "### German\n\n- a response target: “1 Arbeitstag” → “1 Werktag”\n" in said, said
    assert "targets." not in said and "480b" not in said


# A shorter business day: the priorities' targets say so; no live word reads differently.
def test_make_diff_of_a_shorter_business_day(tmp_path):
    project, git = git_project(tmp_path)
    edit(project / "policy" / "priorities.yml", "business_day: 8 hours", "business_day: 7 hours")
    proc = subprocess.run([str(BIN / "python"), "tools/policy_diff.py", "--base", "HEAD"], cwd=project,
                          capture_output=True, text=True, timeout=300, env=user_env(SOURCE_DATE_EPOCH="1795737600"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "## Priorities and response targets\n\n- A business day has 7 business hours instead of 8\n" in proc.stdout
    assert "## Words of the live status" not in proc.stdout and "targets." not in proc.stdout, proc.stdout
