# MkDocs' own messages about the pages' links and the nav, completed with what the portal's own
# messages give: the file, the line and the fix. The adapter (hooks/portal.py) adds the text
# returned here to MkDocs' message, in the build's output and so in `make check`'s.

from __future__ import annotations

import difflib
import posixpath
import re

_LINK = re.compile(r"Doc file '(?P<page>[^']+)' contains (?P<kind>a|an absolute|an unrecognized relative) "
                   r"link '(?P<link>[^']*)'(?:, but (?P<problem>.*))?")
_NAV_MISSING = re.compile(r"A reference to '(?P<link>[^']*)' is included in the 'nav' configuration, which is not "
                          r"found in the documentation files")
_OMITTED = 'The following pages exist in the docs directory, but are not included in the "nav" configuration:'


# The lines to add to `message`, or None for a message this module does not know.
#   page_name(src_uri) -> "content/de/hours.md"; source(src_uri) -> the page's file as read ("" unknown);
#   config_name, config_text: the MkDocs configuration of the edition (its nav); pages: its pages.
def explain(message: str, *, page_name, source, config_name: str, config_text: str, pages: list) -> str | None:
    found = _LINK.match(message)
    if found:
        page, link = found["page"], found["link"]
        where = _where(page_name(page), link_line(source(page), link))
        target = link.split("#", 1)[0]
        if found["kind"] == "an absolute":
            fix = "link to the page's file relative to this page, as (hours.md), not a path from the site's root"
        elif found["kind"] == "an unrecognized relative":
            fix = "link to the page's Markdown file, as (hours.md) or (hours.md#an-anchor)"
        elif found["problem"] and "does not contain an anchor" in found["problem"]:
            fix = (f"use the anchor of one of {target or 'this page'}'s headings (the ¶ beside a heading links "
                   f"to it), or link to the page without '#{link.split('#', 1)[1]}'")
        else:
            fix = f"link to a page of the edition by its file name{suggest_page(target, page, pages)}"
        return f"\n  {where}\n    Fix: {fix}"
    found = _NAV_MISSING.match(message)
    if found:
        where = _where(config_name, link_line(config_text, found["link"]))
        return f"\n  {where}\n    Fix: name a page of the edition{suggest_page(found['link'], '', pages)}, or take the line out of the nav"
    if message.startswith(_OMITTED):
        return (f"\n    Fix: add each to the nav of {config_name} (a line such as '- FAQ: faq.md'), or delete it; "
                "a page out of the menu cannot be reached from the others")
    return None


# Whether MkDocs' message is about a link it can judge without the files the policy makes: a link to
# a page (a .md file) that is not there, an absolute link, or a relative link it does not recognise.
# A link to another file that is not there may be to one the build makes (support.ics); a link
# written with a placeholder ({{ calendar_subscribe_url }}) is the policy's.
def needs_no_policy(message: str) -> bool:
    found = _LINK.match(message)
    if not found or "{{" in found["link"] or "{%" in found["link"]:
        return False
    return found["kind"] != "a" or bool(found["problem"]) and found["link"].split("#", 1)[0].lower().endswith(".md")


def _where(name: str, line: int | None) -> str:
    return f"{name}, line {line}" if line else name


# The first line of `text` with `link` in it as a link target: (link), <link>, "link", or anywhere.
def link_line(text: str, link: str) -> int | None:
    lines = text.split("\n")
    for pattern in (f"({link})", f"({link} ", f"<{link}>", f'"{link}"', f"'{link}'", f": {link}", link):
        for number, line in enumerate(lines, 1):
            if link and pattern in line:
                return number
    return None


# ", e.g. hours.md" for the pages closest to `target`, relative to the page that links.
def suggest_page(target: str, page: str, pages: list) -> str:
    folder = posixpath.dirname(page)
    by_name = {posixpath.relpath(p, folder or ".") if folder else p: p for p in pages}
    close = difflib.get_close_matches(target, list(by_name), n=3, cutoff=0.5)
    return f", e.g. {' or '.join(close)}" if close else f" ({', '.join(sorted(by_name)[:8])})" if by_name else ""
