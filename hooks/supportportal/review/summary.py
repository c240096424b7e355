# The summary: the topics in order, and the Markdown reviewers read.

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .. import dated
from ..loading import PolicyError, load_policy
from ..model import Policy
from .calendars import _closures, _holidays
from .channels import _channels
from .common import Section, _quote
from .ids import id_changes
from .notices import _notices
from .priorities import _priorities
from .regions import _hours
from .texts import _company, _maintenance, _process


NO_CHANGE = "No change for customers"


NOTE = ("Written in English for reviewers; the site shows the same facts in each of its languages, "
        "and changed texts are quoted in each language that changed.")


_LANGUAGE_NAMES = {"en": "English", "de": "German"}


# The summary: the topics that changed, in the order of TOPICS.
def summarize(old: Policy, new: Policy) -> list[Section]:
    # Both policies as in force on the build's today: a planned change already in force is the
    # current value, so no date before the build day is told.
    old, new = dated.rebase(old, old.today), dated.rebase(new, new.today)
    # A region, channel or priority under a new id: its own line first in its topic, and the old
    # policy with the new id, so that the topics compare it as the same item.
    renamed, old = id_changes(old, new)
    sections = []
    for topic, function in TOPICS:
        lines = tuple(line for where, line in renamed if where == topic) + tuple(function(old, new))
        if lines:
            sections.append(Section(topic, lines))
    return sections


# Load both policy folders with the portal's loader and summarize them in Markdown; a broken
# new policy gives the build's own report instead. `built_at`: the build's instant (no notice may be
# updated after it), 00:00 UTC of `today` without.
def policy_summary(old_dir: Path, new_dir: Path, today: dt.date, compared: str = "",
                   built_at: dt.datetime | None = None) -> str:
    try:
        new = load_policy(new_dir, today, built_at=built_at)
    except PolicyError as error:
        return render(compared=compared, problems=error.report())
    try:
        old = load_policy(old_dir, today, built_at=built_at)
    except PolicyError as error:
        return render(compared=compared, base_problems=error.report())
    return render(summarize(old, new), compared=compared)


# The summary as Markdown. `pages` is None when pages were not compared.
def render(sections=(), *, compared: str = "", problems: str | None = None, base_problems: str | None = None,
           pages: list | None = None, page_problem: str | None = None, languages: tuple = (),
           words: list = (), feeds: list = ()) -> str:
    out = ["# Policy change: what customers will read", ""]
    if compared:
        out += [compared, ""]
    if problems:
        out += ["## The new policy has problems: nothing would be published", "",
                "The build stops with:", "", "```text", problems, "```", ""]
        return "\n".join(out)
    if base_problems:
        out += ["## The base policy does not load with this version of the portal", "",
                "```text", base_problems, "```", ""]
        return "\n".join(out)
    if not sections and not pages and not page_problem and not words and not feeds:
        out += [f"**{NO_CHANGE}.**" + (" No page's text changed." if pages is not None else ""), ""]
        return "\n".join(out)
    out += [f"_{NOTE}_", ""]
    if not sections:
        out += [f"**{NO_CHANGE} in the policy.**", ""]
    for section in sections:
        out += [f"## {section.topic}", ""]
        for group, lines in _grouped(section.lines):
            if group:
                out += [f"### {group}", ""]
            for line in lines:
                out.append(f"- {line.text}")
                out += [f"  - {detail}" for detail in line.details]
            out.append("")
    if page_problem:
        out += ["## Pages", "", "The pages could not be compared:", "", "```text", page_problem, "```", ""]
    elif pages is not None:
        out += _render_pages(pages, languages)
    if words and not page_problem:
        out += _render_words(words)
    if feeds and not page_problem:
        out += _render_pages(feeds, languages, "Calendars and feeds whose text changed",
                             "What subscribers read in their calendar apps and feed readers: events' titles, "
                             "descriptions, categories and dates; the feed's entries.")
    return "\n".join(out)


def _render_words(words: list) -> list:
    out = ["## Words of the live status, calculator and notices", "",
           "The pages' scripts write these in the reader's browser (from the catalogs in locales/).", ""]
    for lang in dict.fromkeys(w.lang for w in words):
        out += [f"### {_LANGUAGE_NAMES.get(lang, lang)}", ""]
        for w in (w for w in words if w.lang == lang):
            # A response target is its text, not the minutes it is kept under.
            what = "a response target" if w.key == "targets" else f"`{w.key}`"
            out.append(f"- {what}: new, {_quote(w.after)}" if w.before is None else
                       f"- {what}: removed (was {_quote(w.before)})" if w.after is None else
                       f"- {what}: {_quote(w.before)} → {_quote(w.after)}")
        out.append("")
    return out


def _grouped(lines):
    groups: dict = {}
    for line in lines:
        groups.setdefault(line.group, []).append(line)
    return sorted(groups.items(), key=lambda item: item[0] != "")


def _render_pages(pages: list, languages: tuple, heading: str = "Pages whose text changed", intro: str = "") -> list:
    out = [f"## {heading}", ""] + ([intro, ""] if intro else [])
    if not pages:
        return out + ["No page's visible text changed.", ""]
    editions = [lang for lang in languages if any(p.edition == lang for p in pages)]
    editions += sorted({p.edition for p in pages} - set(editions))
    for lang in editions:
        main = lang == (languages[0] if languages else lang)
        out += [f"### {_LANGUAGE_NAMES.get(lang, lang)} edition ({'/' if main else f'/{lang}/'})", ""]
        for page in (p for p in pages if p.edition == lang):
            count = f"{page.changed} line{'s' if page.changed != 1 else ''}"
            what = {"new": f"new page, {count}", "removed": f"page removed, {count}"}.get(page.status, f"{count} changed")
            out.append(f"- `{page.url or '/'}`: {what}")
        out.append("")
    return out


# The summary's topics in order: (heading, function(old policy, new policy) -> Lines).
TOPICS = (
    ("Support hours and time zones", _hours),
    ("Public holidays", _holidays),
    ("Closures and special hours", _closures),
    ("Notices", _notices),
    ("Contact channels", _channels),
    ("Priorities and response targets", _priorities),
    ("Resolution process", _process),
    ("Maintenance and warranty", _maintenance),
    ("Company and site", _company),
)
