# support.json: the machine-readable policy that other tools read, and the widget's compact
# copies of it (support/all_regions.json, support/<id>.json). Its shape is published beside it as
# developers/support.schema.json (from schemas/ here), the compact form's as
# developers/support-compact.schema.json (derived from it), both explained on
# content/developers/index.md; SCHEMA_VERSION changes only with a breaking change.

from __future__ import annotations

import copy
import json
import re

import datetime as dt

from . import closures, dated
from .model import WEEKDAYS, Channel, Interval, Notice, Policy, Priority, Target
from .version import PolicyVersion

SCHEMA_VERSION = 1
# The schemas' file names, published side by side under developers/.
SCHEMA_FILE = "support.schema.json"
COMPACT_SCHEMA_FILE = "support-compact.schema.json"
# The widget's feed with every region. Not support/all.json: "all" may be a region's id, and an
# id never has an underscore.
ALL_REGIONS_FILE = "support/all_regions.json"


def _interval(iv: Interval) -> dict:
    start, end = iv.hhmm()
    return {"start": start, "end": end}


def _target(target: Target | None) -> dict | None:
    if target is None:
        return None
    return {"minutes": target.minutes, "clock": "business" if target.business else "calendar"}


# The policy version customers cite; its members from git only where it came from git.
def _version(version: PolicyVersion) -> dict:
    result = {"label": version.label}
    if version.commit:
        result.update(commit=version.commit, commit_date=version.commit_date)
    return result


# The feed as plain data; texts carry every language they have. Without a version, the feed
# has no policy_version member.
def support_feed(policy: Policy, version: PolicyVersion | None = None) -> dict:
    first, last = policy.horizon
    return {
        "$schema": policy.site_url + "developers/" + SCHEMA_FILE,
        "schema_version": SCHEMA_VERSION,
        "company": {"name": policy.company},
        "languages": list(policy.languages),
        "generated": policy.today.isoformat(),
        **({"policy_version": _version(version)} if version else {}),
        "horizon": {"first_date": first.isoformat(), "last_date": last.isoformat()},
        "business_day_hours": policy.business_day_minutes / 60 if policy.business_day_minutes % 60 else policy.business_day_minutes // 60,
        "regions": [
            {"id": region.id, "name": region.name.as_dict(),
             **_schedule(region.zone, region.weekly, policy.overrides[region.id], region.changes)}
            for region in policy.regions
        ],
        "priorities": [
            {"id": p.id, "name": p.name.as_dict(), "default": p.default,
             "first_response": _target(p.first_response), "update_interval": _target(p.update_interval),
             "via": p.via, **_target_changes(p)}
            for p in policy.priorities
        ],
        "channels": [_channel(policy, channel) for channel in policy.channels],
        "notices": [notice_entry(notice) for notice in policy.notices],
    }


# The file of one region's feed, beside support.json: support/emea.json.
def region_file(region: str) -> str:
    return f"support/{region}.json"


# One region's feed: the full feed (as support_feed returns it) with only that region and the
# regions its channels and notices name, so that a widget showing one region does not download
# every region's dates. Everything else (priorities, channels, notices) is shared and kept.
def region_feed(data: dict, region: str) -> dict:
    named = {region} | {c["schedule"]["region"] for c in data["channels"] if c["schedule"] and c["schedule"].get("region")}
    for notice in data["notices"]:
        if region in notice["regions"]:
            named.update(notice["regions"])
    return {**data, "regions": [r for r in data["regions"] if r["id"] in named]}


# The widget's compact form of a feed (as support_feed or region_feed return it): the same data,
# except that every schedule's `days` (regions' and channels') is an index into a top-level
# `day_lists`, where equal lists are stored once (regions on one holiday calendar share theirs),
# and `$schema` names the compact schema beside the feed's. expandFeed in support-status.js
# turns it back into the feed.
def compact_feed(data: dict) -> dict:
    lists, index = [], {}

    def share(schedule: dict) -> dict:
        key = json.dumps(schedule["days"], sort_keys=True)
        if key not in index:
            index[key] = len(lists)
            lists.append(schedule["days"])
        return {**schedule, "days": index[key]}

    result = {**data, "regions": [share(region) for region in data["regions"]]}
    if "channels" in data:
        result["channels"] = [{**c, "schedule": c["schedule"] and share(c["schedule"])} for c in data["channels"]]
    if "$schema" in data:
        result["$schema"] = re.sub(r"[^/]*\Z", COMPACT_SCHEMA_FILE, data["$schema"], count=1)
    return {**result, "day_lists": lists}


# The schema of the compact form, derived from support.json's: the same members, `days` an index
# into `day_lists`, whose entries are what `days` is in support.json.
def compact_schema(schema: dict) -> dict:
    result = copy.deepcopy(schema)
    regions = result["properties"]["regions"]["items"]["properties"]
    result["$defs"]["days"] = regions["days"]
    # Channels' schedules refer to the regions' `days`, so they change with it.
    regions["days"] = {"type": "integer", "minimum": 0,
                       "description": "The index of this schedule's days in day_lists (from 0); equal lists share one entry."}
    result["properties"]["day_lists"] = {
        "type": "array", "items": {"$ref": "#/$defs/days"},
        "description": "Each distinct days list once: what `days` is in support.json (support.schema.json)."}
    result["required"] = [*result["required"], "day_lists"]
    result.update({
        "$id": COMPACT_SCHEMA_FILE,
        "title": f"{ALL_REGIONS_FILE} and support/<id>.json: the live widget's compact copies of support.json",
        "description": "The data of support.json (or of its regions that one region needs), with every schedule's days "
                       "stored once in day_lists and referred to by index. Read by the portal's own widget; "
                       "integrations should read support.json. schema_version is support.json's.",
    })
    return result


def _weekly(weekly: tuple) -> dict:
    return {day: [_interval(iv) for iv in weekly[i]] for i, day in enumerate(WEEKDAYS)}


# A zone, weekly hours and the dates that differ: the same members for a region and a channel.
# `weekly` are the hours at the horizon start; `hours_changes` (only when there are changes) the
# full weekly hours from later dates on, for intervals starting on or after the date. `named`: the
# dates (of a channel) whose closure names it, marked `names_channel`.
def _schedule(zone: str, weekly: tuple, overrides: tuple, changes: tuple = (), named=frozenset()) -> dict:
    return {
        "zone": zone,
        "weekly": _weekly(weekly),
        **({"hours_changes": [{"from": c.start.isoformat(), "weekly": _weekly(c.weekly)} for c in changes]}
           if changes else {}),
        "days": [
            {"date": o.date.isoformat(), "kind": o.kind, "name": o.name.as_dict(),
             **({"official": o.name.official} if o.name.official else {}),
             **({"official_language": o.name.official_language} if o.name.official_language else {}),
             "hours": [_interval(iv) for iv in o.hours],
             **({"names_channel": True} if o.date in named else {})}
            for o in overrides
        ],
    }


# `target_changes` (only when there are some): both targets for requests made from 00:00 of a
# date in the customer's region's zone; first_response and update_interval are those at the horizon start.
def _target_changes(priority: Priority) -> dict:
    if not priority.changes:
        return {}
    return {"target_changes": [{"from": c.start.isoformat(), "first_response": _target(c.first_response),
                                "update_interval": _target(c.update_interval)} for c in priority.changes]}


# `available` (only for a channel with from or until): its first and last day, in `zone`.
def _available(policy: Policy, channel: Channel) -> dict:
    if channel.available_from is None and channel.available_until is None:
        return {}
    day = lambda d: d and d.isoformat()  # noqa: E731
    return {"available": {"from": day(channel.available_from), "until": day(channel.available_until),
                          "zone": dated.channel_zone(policy, channel)}}


# A channel: around the clock (schedule null), or staffed in its schedule and, outside it, either
# accepting requests (answered in the hours) or not staffed. Its days of a closure that names it
# (`channels:` in holidays.yml) are those the pages state under its name, as the holiday
# calendar's rows have them: `names_channel`, so the browser names them as the pages do.
def _channel(policy: Policy, channel: Channel) -> dict:
    schedule = channel.schedule
    named = frozenset(row.date for row in closures.closure_days(policy) if any(c.id == channel.id for c in row.channels)) \
        if schedule else frozenset()
    return {
        "id": channel.id, "name": channel.name.as_dict(), "type": channel.type, "address": channel.address,
        "around_the_clock": schedule is None,
        "schedule": None if schedule is None else {
            "region": schedule.region,
            **_schedule(schedule.zone, schedule.weekly, policy.channel_overrides[channel.id], schedule.changes, named),
        },
        "priorities": list(channel.priorities) if channel.priorities is not None else [p.id for p in policy.priorities],
        "outside_hours": channel.outside_hours,
        **_available(policy, channel),
    }


# An instant as ISO 8601 UTC: 2026-12-24T11:00:00Z.
def instant(moment: dt.datetime | None) -> str | None:
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


# A notice with every instant of its life: shown as planned from `announce`, active in
# [start, end), listed as ended until `shown_until` (end and shown_until null: until further notice).
def notice_entry(notice: Notice) -> dict:
    return {
        "id": notice.id, "kind": notice.kind, "title": notice.title.as_dict(), "text": notice.text.as_dict(),
        "zone": notice.zone, "all_day": notice.all_day,
        "announce": instant(notice.announce), "start": instant(notice.start), "end": instant(notice.end),
        "shown_until": instant(notice.shown_until), "updated": instant(notice.updated),
        "regions": list(notice.regions), "channels": list(notice.channels),
    }


# Compact, key-order-stable JSON; non-ASCII kept as UTF-8, "</" escaped for safe inlining.
def dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False).replace("</", "<\\/")
