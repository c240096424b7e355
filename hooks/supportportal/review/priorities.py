# Priorities and response targets, planned changes of targets included.

from __future__ import annotations

import datetime as dt

from .. import dated, textfmt
from ..model import Policy
from .common import LANG, Line, _list_lines, _matched, _md, _name, _order_line, _steps_compared, _text_lines


def _priorities(old: Policy, new: Policy):
    if old.business_day_minutes != new.business_day_minutes:
        yield Line(f"A business day has {new.business_day_minutes / 60:g} business hours "
                   f"instead of {old.business_day_minutes / 60:g}")
    pairs, removed = _matched(old.priorities, new.priorities)
    for was, priority in pairs:
        name = _md(_name(priority.name))
        if was is None:
            yield Line(f"New priority: {name}, first response within {_within(new, priority)}, "
                       f"updates {_updates(new, priority)}")
            yield from _target_changes(old, None, new, priority, name)
            continue
        yield from _text_lines(f"Name of the priority {name}", was.name, priority.name)
        if _within(old, was) != _within(new, priority):
            yield Line(f"{name}: first response within {_within(new, priority)} (was {_within(old, was)})")
        if _updates(old, was) != _updates(new, priority):
            yield Line(f"{name}: updates {_updates(new, priority)} (was {_updates(old, was)})")
        if was.around_the_clock != priority.around_the_clock:
            yield Line(f"{name}: targets counted {_coverage(priority)} (was {_coverage(was)})")
        yield from _target_changes(old, was, new, priority, name)
        yield from _text_lines(f"Definition of {name}", was.definition, priority.definition)
        yield from _list_lines(f"Example for {name}", was.examples, priority.examples)
    for priority in removed:
        yield Line(f"Priority removed: {_md(_name(priority.name))}")
    if old.default_priority.id != new.default_priority.id:
        yield Line(f"Default priority: {_md(_name(new.default_priority.name))} "
                   f"(was {_md(_name(old.default_priority.name))})")
    yield from _order_line("Order of the priorities", old.priorities, new.priorities)


def _within(policy: Policy, priority) -> str:
    return _duration(policy, priority.first_response)


def _duration(policy: Policy, target) -> str:
    return textfmt.duration_words(target.minutes, target.business, policy.business_day_minutes, LANG)


def _updates(policy: Policy, priority) -> str:
    return _every(policy, priority.update_interval)


def _every(policy: Policy, target) -> str:
    if target is None:
        return "as progress is made"
    return textfmt.every_words(target.minutes, target.business, policy.business_day_minutes, LANG)


# Planned new targets, by their date, one line per target that changes on it: "Critical: first
# response within 30 minutes from Friday, 1 January 2027 (was 1 hour)".
def _target_changes(old: Policy, old_priority, new: Policy, priority, name: str):
    for label, index, words, joiner in (("first response", 0, _duration, "within "), ("updates", 1, _every, "")):
        def steps(policy, owner):
            if owner is None:
                return {}
            result = {}
            for change in owner.changes:
                value = words(policy, dated.targets_on(owner, change.start)[index])
                before = words(policy, dated.targets_on(owner, change.start - dt.timedelta(days=1))[index])
                if value != before:
                    result[change.start] = (value, before)
            return result

        for kind, date, was_date, (value, before), old_value in _steps_compared(steps(old, old_priority),
                                                                                  steps(new, priority)):
            when = textfmt.format_long_date(date, LANG)
            if kind == "added":
                yield Line(f"{name}: {label} {joiner}{value} from {when} (was {before})")
            elif kind == "removed":
                stays = words(new, dated.targets_on(priority, date)[index])
                yield Line(f"{name}: planned change removed, {label} {joiner}{value} from {when} (stays {stays})")
            elif kind == "moved":
                yield Line(f"{name}: {label} {joiner}{value} from {when} instead of "
                           f"{textfmt.format_long_date(was_date, LANG)}")
            else:
                yield Line(f"{name}: {label} from {when} {joiner}{value} instead of {old_value[0]}")


def _coverage(priority) -> str:
    return "around the clock" if priority.around_the_clock else "in business hours"
