# Notices, by their id: new, removed, ended early or extended, retimed, edited.

from __future__ import annotations

import datetime as dt

from .. import textfmt
from ..model import Policy
from .common import LANG, Line, _matched, _md, _name, _quote, _scope, _text_lines


def _notices(old: Policy, new: Policy):
    pairs, removed = _matched(old.notices, new.notices)
    for was, notice in pairs:
        title = _md(_name(notice.title))
        if was is None:
            texts = [(f"title ({lang})", value) for lang, value in notice.title.values] + \
                [(f"text ({lang})", value) for lang, value in notice.text.values]
            yield Line(f"New notice ({_kind(notice)}): {title}, {textfmt.notice_window(notice, LANG)}, "
                       f"{_notice_scope(new, notice)}; {_shown(notice, new.today)}",
                       details=tuple(f"{label}: {_quote(value)}" for label, value in texts))
            continue
        yield from _text_lines(f"Title of the notice {_md(_name(was.title))}", was.title, notice.title)
        if was.kind != notice.kind:
            yield Line(f"{title}: {_kind(notice)} (was {_kind(was)})")
        window, was_window = textfmt.notice_window(notice, LANG), textfmt.notice_window(was, LANG)
        if window != was_window:
            never = dt.datetime.max.replace(tzinfo=dt.timezone.utc)
            earlier = (notice.end or never) < (was.end or never)
            what = ("Notice times changed" if notice.start != was.start
                    else "Notice ended early" if earlier else "Notice extended")
            yield Line(f"{what}: {title}, now {window} (was {was_window})")
        if notice.start - notice.announce != was.start - was.announce:
            yield Line(f"{title}: shown from {textfmt.notice_moment(notice.announce, notice.zone, LANG)} "
                       f"(was from {textfmt.notice_moment(was.announce, was.zone, LANG)})")
        if _notice_scope(new, notice) != _notice_scope(old, was):
            yield Line(f"{title}: {_notice_scope(new, notice)} (was {_notice_scope(old, was)})")
        yield from _text_lines(f"Text of the notice {title}", was.text, notice.text)
        if notice.updated != was.updated and (notice.updated != notice.announce or was.updated != was.announce):
            # Subscribers see it: the feed's and the calendars' update times (LAST-MODIFIED). (Without
            # `updated:` a notice's is its announcement, which a change of times above tells.)
            yield Line(f"{title}: marked as updated {textfmt.notice_moment(notice.updated, notice.zone, LANG)} "
                       f"(was {textfmt.notice_moment(was.updated, was.zone, LANG)}): feed and calendar subscribers "
                       "see it as updated")
    for notice in removed:
        yield Line(f"Notice removed: {_md(_name(notice.title))} ({_kind(notice)}), "
                   f"{textfmt.notice_window(notice, LANG)}, {_notice_scope(old, notice)}")


# When readers first see a new notice: its announcement, or the publication where that has passed
# at the build (no moment before the build day is told).
def _shown(notice, today: dt.date) -> str:
    if notice.announce <= dt.datetime.combine(today, dt.time(), dt.timezone.utc):
        return "shown as soon as this change is published"
    return f"shown from {textfmt.notice_moment(notice.announce, notice.zone, LANG)}"


def _kind(notice) -> str:
    word = textfmt.phrase(LANG, f"widget.notice_{notice.kind}")
    return word[:1].lower() + word[1:]


# "EMEA", "all regions", "all regions; channels: Hotline".
def _notice_scope(policy: Policy, notice) -> str:
    scope = _scope(policy, notice.regions)
    names = {c.id: _md(_name(c.name)) for c in policy.channels}
    if notice.channels:
        scope += "; channels: " + textfmt.join_words([names.get(c, c) for c in notice.channels], LANG)
    return scope
