# Regions, channels and priorities whose id changed: the same item for readers (its hours,
# holidays and texts), published under another id. Matched when exactly one id of a kind is gone
# and one is new, and the two have the same name in every language or differ in nothing but
# name and id. The old policy is then given the new ids (and everything naming them), so the
# topics compare the item as itself; the id's own consequences are one line in its topic.

from __future__ import annotations

import dataclasses

from .. import feed, ics
from ..model import Policy
from .common import Line, _md, _name


# (topic, Line) for each id changed, and the old policy with the new ids.
def id_changes(old: Policy, new: Policy) -> tuple[list, Policy]:
    lines = []
    for kind, items, topic in (("region", "regions", "Support hours and time zones"),
                               ("channel", "channels", "Contact channels"),
                               ("priority", "priorities", "Priorities and response targets")):
        pair = _renamed(getattr(old, items), getattr(new, items))
        if pair is None:
            continue
        before, after = pair
        old = _with_id(old, kind, before.id, after.id)
        lines.append((topic, _line(kind, before.id, after)))
    return lines, old


# The one item gone and the one new, when they are the same item under another id; else None.
def _renamed(old_items, new_items):
    new_ids = {item.id for item in new_items}
    old_ids = {item.id for item in old_items}
    gone = [item for item in old_items if item.id not in new_ids]
    came = [item for item in new_items if item.id not in old_ids]
    if len(gone) != 1 or len(came) != 1:
        return None
    before, after = gone[0], came[0]
    if _shown_names(before) == _shown_names(after) or \
            dataclasses.replace(before, id=after.id, name=after.name) == after:
        return before, after
    return None


def _shown_names(item) -> dict:
    return {lang: " ".join(text.split()) for lang, text in item.name.values}


# The policy with a region's, a channel's or a priority's id replaced, wherever it is named.
def _with_id(policy: Policy, kind: str, was: str, now: str) -> Policy:
    def ids(values):
        return values if values is None else tuple(now if v == was else v for v in values)

    def keyed(mapping):
        return {now if key == was else key: value for key, value in mapping.items()}

    replace = dataclasses.replace
    if kind == "region":
        return replace(
            policy, regions=tuple(replace(r, id=now) if r.id == was else r for r in policy.regions),
            overrides=keyed(policy.overrides),
            closures=tuple(replace(c, regions=ids(c.regions)) for c in policy.closures),
            notices=tuple(replace(n, regions=ids(n.regions)) for n in policy.notices),
            channels=tuple(replace(c, schedule=replace(c.schedule, region=now))
                           if c.schedule is not None and c.schedule.region == was else c for c in policy.channels))
    if kind == "channel":
        return replace(
            policy, channels=tuple(replace(c, id=now) if c.id == was else c for c in policy.channels),
            channel_overrides=keyed(policy.channel_overrides),
            closures=tuple(replace(c, channels=ids(c.channels)) for c in policy.closures),
            notices=tuple(replace(n, channels=ids(n.channels)) for n in policy.notices),
            priorities=tuple(replace(p, via=now) if p.via == was else p for p in policy.priorities))
    return replace(
        policy, priorities=tuple(replace(p, id=now) if p.id == was else p for p in policy.priorities),
        channels=tuple(replace(c, priorities=ids(c.priorities)) for c in policy.channels))


# What the new id changes for readers: where a region's calendar and feed are published, the id
# integrations read in support.json, and whether widgets embedded with the old id still show the
# item (the widget takes an item's name in any case for its id, with a warning in the console).
def _line(kind: str, was: str, item) -> Line:
    now = item.id
    attribute = {"region": "data-regions", "channel": "data-channels"}.get(kind)
    if attribute:
        found = was.lower() in {name.lower() for name in _shown_names(item).values()}
        widgets = (f"widgets embedded with `{attribute}=\"{was}\"` "
                   + ("still show it, found by its name, with a warning in the browser's console" if found else
                      "no longer show it (they name an id the portal does not have)"))
    if kind == "region":
        return Line(f"Id of the region changed: `{was}` → `{now}`. Its calendar to subscribe to is now "
                    f"`{ics.calendar_file(now)}` (`{ics.calendar_file(was)}` is no longer published: its subscribers "
                    f"get no more updates), its feed `{feed.region_file(now)}` (was `{feed.region_file(was)}`), its id "
                    f"in support.json `{now}`; {widgets}", _name(item.name))
    if kind == "channel":
        return Line(f"Id of the channel {_md(_name(item.name))} changed: `{was}` → `{now}`: its id in support.json is "
                    f"now `{now}`; {widgets}")
    return Line(f"Id of the priority {_md(_name(item.name))} changed: `{was}` → `{now}`: its id in support.json is "
                f"now `{now}` (integrations that read it there)")
