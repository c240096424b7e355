# Dated changes of the policy over time: which weekly hours, targets and channels are in force on
# a date, the base at the horizon start, and which changes the pages announce.
#
# Rules (support-status.js and tests/reference_schedule.py follow the same):
#   - New weekly hours apply to every interval that starts on their `from` date or later, in the
#     zone of the hours; a night shift that started the evening before runs to its end.
#   - New targets apply to requests made from 00:00 of their `from` date in the zone of the
#     customer's region (also when the target counts a channel's hours).
#   - A channel is offered from 00:00 of `from` to 24:00 of `until` in its zone (its own hours'
#     zone, its region's with same_hours_as, the first region's for a channel without hours).
#   - A change before the horizon start is history: the value in force at the horizon start is
#     the base every output starts from, and only later changes are published.

from __future__ import annotations

import dataclasses
import datetime as dt

from .model import Channel, Policy, Priority, Region, Schedule


# The policy with every region, channel schedule and priority rebased to the horizon start (or to
# `first`: `make diff` speaks of the days from the build's today on).
def rebase(policy: Policy, first: dt.date | None = None) -> Policy:
    first = first or policy.horizon[0]
    channels = tuple(dataclasses.replace(c, schedule=_rebase_hours(c.schedule, first)) if c.schedule else c
                     for c in policy.channels)
    return dataclasses.replace(
        policy, regions=tuple(_rebase_hours(r, first) for r in policy.regions), channels=channels,
        priorities=tuple(_rebase_targets(p, first) for p in policy.priorities))


def _rebase_hours(owner: Region | Schedule, first: dt.date):
    past = [c for c in owner.changes if c.start <= first]
    weekly = past[-1].weekly if past else owner.weekly
    return dataclasses.replace(owner, weekly=weekly, changes=tuple(c for c in owner.changes if c.start > first))


def _rebase_targets(priority: Priority, first: dt.date) -> Priority:
    past = [c for c in priority.changes if c.start <= first]
    if not past:
        return priority
    return dataclasses.replace(priority, first_response=past[-1].first_response, update_interval=past[-1].update_interval,
                               changes=tuple(c for c in priority.changes if c.start > first))


# The weekly hours of a region or schedule in force on `date`.
def weekly_on(owner: Region | Schedule, date: dt.date) -> tuple:
    return next((c.weekly for c in reversed(owner.changes) if c.start <= date), owner.weekly)


# A region or schedule with the weekly hours in force on `date` as its weekly hours.
def as_on(owner, date: dt.date):
    return dataclasses.replace(owner, weekly=weekly_on(owner, date), changes=tuple(c for c in owner.changes if c.start > date))


# (first response, update interval) of a priority for requests made on `date`.
def targets_on(priority: Priority, date: dt.date) -> tuple:
    change = next((c for c in reversed(priority.changes) if c.start <= date), None)
    return (change.first_response, change.update_interval) if change else (priority.first_response, priority.update_interval)


# The changes to announce on `today`: those after it, at most `days` days ahead.
def announced(changes, today: dt.date, days: int) -> list:
    return [c for c in changes if today < c.start <= today + dt.timedelta(days=days)]


# Whether a channel is shown as a way to contact support on `today`: offered now, or announced
# (it starts within the announcement window).
def shown(channel: Channel, today: dt.date, days: int) -> bool:
    if channel.available_until is not None and channel.available_until < today:
        return False
    return channel.available_from is None or channel.available_from <= today + dt.timedelta(days=days)


# The zone a channel's `from` and `until` are read in.
def channel_zone(policy: Policy, channel: Channel) -> str:
    return channel.schedule.zone if channel.schedule else policy.regions[0].zone
