# policy/priorities.yml: the length of a business day, targets support can promise (no business
# time around the clock), ids used once, exactly one default priority.

from __future__ import annotations

from .. import parsing
from ..model import MINUTES_PER_DAY, Priority, Target, TargetChange
from .context import Context
from .dated import target_changes

NAME = "priorities"
# The longest response target a policy may promise; beyond it, a typo (1000000000 days) is likelier.
MAX_TARGET_DAYS = 90


# Minutes of a business day and the priorities (None in place of a broken one, or for the list).
def check(ctx: Context) -> tuple[int, list | None]:
    business_day = (480, True, "hours")
    if ctx.intact(NAME, ("business_day",)):
        text = ctx.get(NAME, ("business_day",))
        parsed = parsing.parse_duration(text, 0)
        if parsed is None or parsed[2] != "hours" or not 60 <= parsed[0] <= MINUTES_PER_DAY:
            ctx.report(NAME, ("business_day",), f"'{text}' is not a length of day: a business day has 1 to 24 hours",
                       "write the hours of one business day, from 1 hour to 24 hours, e.g. 8 hours")
        else:
            business_day = parsed
    minutes_per_day = business_day[0]
    if not ctx.present(NAME, ("priorities",)):
        return minutes_per_day, None
    result, seen, names, defaults = [], {}, {}, []
    for i, p in enumerate(ctx.get(NAME, ("priorities",))):
        path = ("priorities", i)
        if not ctx.present(NAME, path):
            result.append(None)
            defaults = None  # which ones are default is not known
            continue
        if defaults is not None and not ctx.intact(NAME, path + ("default",)) and "default" in p:
            defaults = None
        elif defaults is not None and p.get("default"):
            defaults.append(i)
        result.append(_priority(ctx, path, p, seen, names, minutes_per_day))
    if defaults == []:
        ctx.report(NAME, ("priorities",), "no priority has default: true",
                   "mark the priority most tickets have with default: true")
    for i in defaults if defaults and len(defaults) > 1 else ():
        ctx.report(NAME, ("priorities", i, "default"),
                   f"exactly one priority needs default: true (found {len(defaults)})",
                   "keep default: true on the priority most tickets have and remove the others")
    return minutes_per_day, result


def _priority(ctx: Context, path, p: dict, seen: dict, names: dict, minutes_per_day: int) -> Priority | None:
    ctx.unique_id(NAME, "priority", path, seen)
    name = ctx.text_at(NAME, path + ("name",))
    if name is not None:  # the priorities' names, each once per language
        ctx.unique_name(NAME, "priority", path + ("name",), p["id"] if ctx.intact(NAME, path + ("id",)) else None, name, names)
    targets = {}
    if ctx.intact(NAME, path + ("coverage",)):
        around = p["coverage"] == "around the clock"
        targets = {key: _target(ctx, path + (key,), p[key], around, minutes_per_day)
                   for key in ("first_response", "update_interval") if ctx.intact(NAME, path + (key,))}
    changes = None
    if ctx.intact(NAME, path + ("coverage",)):
        read = lambda where, text: _target(ctx, where, text, around, minutes_per_day)  # noqa: E731
        changes = target_changes(ctx, NAME, path + ("changes",), targets, read)
    texts = (name, ctx.text_at(NAME, path + ("definition",)),
             ctx.texts_at(NAME, path + ("examples",)))
    if not ctx.intact(NAME, path) or None in texts or changes is None:
        return None
    return Priority(p["id"], *texts, targets["first_response"], targets.get("update_interval"),
                    p["coverage"] == "around the clock", bool(p.get("default", False)), p.get("via"),
                    tuple(TargetChange(start, t["first_response"], t.get("update_interval")) for start, _, t in changes))


def _target(ctx: Context, path, text, around: bool, minutes_per_day: int) -> Target:
    parsed = parsing.parse_duration(text, MINUTES_PER_DAY if around else minutes_per_day)
    if parsed is None:
        ctx.report(NAME, path, f"'{text}' is not a length of time support can promise",
                   "write more than zero, in whole minutes, e.g. 30 minutes, 1.5 hours or 2 business days")
        return Target(1, not around, text)
    minutes, business, kind = parsed
    if minutes > MAX_TARGET_DAYS * (MINUTES_PER_DAY if around else minutes_per_day):
        ctx.report(NAME, path, f"'{text}' is longer than a response target can be "
                   f"(at most {MAX_TARGET_DAYS} {'' if around else 'business '}days)",
                   f"write a target of {MAX_TARGET_DAYS} days or less, e.g. 2 business days")
        return Target(1, not around, text)
    if around and business:
        ctx.report(NAME, path, f"'{text}' counts business time, but this priority is covered around the clock",
                   f"write '{parsing.suggest_duration(text.replace('business ', '')) or text.replace('business ', '')}' "
                   "or change coverage to business hours")
    return Target(minutes, not around, text)


# The ids of the priorities (None while some id is broken), and each id by the folded names of its
# priority in every language ("critical" -> ("p1", "Critical")), for suggestions.
def ids(ctx: Context) -> tuple[set | None, dict]:
    if not ctx.present(NAME, ("priorities",)):
        return None, {}
    found, names = set(), {}
    for i, p in enumerate(ctx.get(NAME, ("priorities",))):
        if found is None or not ctx.intact(NAME, ("priorities", i, "id")):
            found = None
            continue
        found.add(p["id"])
        name = p.get("name")
        for text in (name.values() if isinstance(name, dict) else [name]):
            if isinstance(text, str):
                names.setdefault(parsing.fold(text), (p["id"], text))
    return found, names


# `via: hotline`: a channel of channels.yml, meant for this priority, whose hours the target can count on.
def via(ctx: Context, priorities: list | None, channels: list | None, channel_ids: set | None) -> None:
    if priorities is None or channel_ids is None:
        return
    by_id = {c.id: c for c in channels or () if c is not None}
    for i, p in enumerate(priorities):
        path = ("priorities", i, "via")
        if p is None or p.via is None or not ctx.intact(NAME, path):
            continue
        if p.via not in channel_ids:
            close = parsing.suggest_id(p.via, channel_ids)
            ctx.report(NAME, path, f"there is no channel '{p.via}' in channels.yml",
                       f"did you mean '{close}'?" if close in channel_ids else f"channels are: {', '.join(sorted(channel_ids))}")
            continue
        channel = by_id.get(p.via)
        if channel is None:
            continue
        if channel.priorities is not None and p.id not in channel.priorities:
            ctx.report(NAME, path, f"the channel '{p.via}' is only for {', '.join(channel.priorities)}, not for {p.id}",
                       f"add {p.id} to the priorities of '{p.via}' in channels.yml, or name another channel")
        elif p.around_the_clock and not channel.around_the_clock:
            ctx.report(NAME, path, f"this priority is covered around the clock, but '{p.via}' is staffed only in its hours",
                       f"change coverage to business hours to count the hours of '{p.via}', "
                       "or remove the channel's hours so it is staffed around the clock")
        elif not p.around_the_clock and channel.around_the_clock:
            ctx.report(NAME, path, f"this priority counts business hours, but '{p.via}' has no hours: it is staffed around the clock",
                       f"change coverage to around the clock, or give '{p.via}' hours in channels.yml")
