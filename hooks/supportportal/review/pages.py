# The pages: each page's whole visible text, before and after, block by block.

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree


# A page whose visible text differs between two builds.
@dataclass(frozen=True)
class PageChange:
    edition: str  # language code
    url: str  # "hours/", "de/hours/", "404.html"
    changed: int  # blocks added, removed or replaced
    status: str = "changed"  # "changed" | "new" | "removed"


# Every page of a built site: {url: its visible text, one line per block}; editions are folders
# named by their language (de/) beside the main edition at the root.
def page_texts(site: Path) -> dict:
    blocks = _block_classes(site)
    pages = {}
    for path in sorted(site.rglob("*.html")):
        url = path.relative_to(site).as_posix()
        url = url[: -len("index.html")] if url.endswith("index.html") else url
        pages[url] = page_text(path.read_text(encoding="utf-8"), blocks)
    return pages


def page_changes(old_site: Path, new_site: Path, languages: tuple) -> list[PageChange]:
    old, new = page_texts(old_site), page_texts(new_site)
    result = []
    for url in sorted(old.keys() | new.keys()):
        before, after = old.get(url, []), new.get(url, [])
        if before == after:
            continue
        result.append(_change(url, before, after, old, new, languages))
    return result


# A page's or a file's change: its lines added, removed or replaced, and whether it is new or gone.
def _change(name: str, before: list, after: list, old: dict, new: dict, languages: tuple) -> PageChange:
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    changed = sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal")
    status = "new" if name not in old else "removed" if name not in new else "changed"
    return PageChange(_edition(name, languages), name, changed, status)


# The calendars (support.ics, support-<region>.ics) and the notices feed (notices.atom) of every
# edition whose text differs between two builds: what subscribers read in their calendar apps and
# feed readers (an event's title, description, category and dates; a feed entry's title, text and
# category), as PageChange with the file's path for url.
def feed_changes(old_site: Path, new_site: Path, languages: tuple) -> list[PageChange]:
    old, new = _feed_texts(old_site), _feed_texts(new_site)
    result = []
    for name in sorted(old.keys() | new.keys()):
        before, after = old.get(name, []), new.get(name, [])
        if before != after:
            result.append(_change(name, before, after, old, new, languages))
    return result


# The properties of a calendar a person reads, and the elements of an Atom feed.
_READ_IN_CALENDARS = ("SUMMARY", "DESCRIPTION", "CATEGORIES", "LOCATION", "DTSTART", "DTEND", "X-WR-CALNAME",
                      "X-WR-CALDESC", "NAME")
_READ_IN_FEEDS = ("title", "subtitle", "summary", "content")


def _feed_texts(site: Path) -> dict:
    texts = {}
    for path in sorted([*site.rglob("*.ics"), *site.rglob("notices.atom")]):
        name = path.relative_to(site).as_posix()
        data = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".ics":
            lines = data.replace("\r\n ", "").replace("\r\n\t", "").splitlines()
            texts[name] = [line for line in lines if re.split(r"[;:]", line, maxsplit=1)[0] in _READ_IN_CALENDARS]
            continue
        try:
            root = ElementTree.fromstring(data)
        except ElementTree.ParseError:
            texts[name] = data.splitlines()
            continue
        found = []
        for element in root.iter():
            tag = element.tag.rsplit("}", 1)[-1]
            if tag in _READ_IN_FEEDS and element.text:
                found.append(f"{tag}: {' '.join(element.text.split())}")
            elif tag == "category" and element.get("label"):
                found.append(f"category: {element.get('label')}")
        texts[name] = found
    return texts


# A word of the browser's live parts (the live status, the calculator, the language hint) that
# differs between two builds: they are in the pages as data, not as text, so page_changes does
# not see them. From the words each build publishes per language (assets/javascripts/locales/).
@dataclass(frozen=True)
class WordChange:
    lang: str
    key: str  # "closed", "formats.date"; "targets": a response target's text
    before: str | None  # None: new
    after: str | None  # None: removed


def word_changes(old_site: Path, new_site: Path, languages: tuple) -> list[WordChange]:
    result = []
    for lang in languages:
        old, new = _words(old_site, lang), _words(new_site, lang)
        for key in sorted(old.keys() | new.keys(), key=lambda k: (k.count("."), k)):
            if old.get(key) != new.get(key):
                result.append(WordChange(lang, key, old.get(key), new.get(key)))
        result += _target_changes(lang, _targets(old_site, lang), _targets(new_site, lang))
    return result


# The response targets as readers read them: their texts ("1 business day"), not the minutes
# they are kept under ("480b"; with a 7-hour business day the same text is "420b"). A text that
# no target had before, under minutes whose text no target has any more, is reworded ("1
# Arbeitstag" → "1 Werktag"). A target's new value brings a new text and drops one: that is the
# policy's change, which the summary tells for each priority, not a word of the catalogs.
def _target_changes(lang: str, old: dict, new: dict) -> list[WordChange]:
    return [WordChange(lang, "targets", old[key], new[key]) for key in sorted(old.keys() & new.keys())
            if old[key] not in new.values() and new[key] not in old.values()]


def _locale(site: Path, lang: str) -> dict:
    try:
        words = json.loads((site / "assets" / "javascripts" / "locales" / f"{lang}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return words if isinstance(words, dict) else {}


def _targets(site: Path, lang: str) -> dict:
    targets = _locale(site, lang).get("targets")
    return {key: text for key, text in targets.items() if isinstance(text, str)} if isinstance(targets, dict) else {}


# One language's words as {key: text}: the texts, and the texts under formats ("formats.date");
# lists (month names) joined. The zones' short names follow the policy's zones, which the summary
# states; the targets are compared by their texts (_target_changes).
def _words(site: Path, lang: str) -> dict:
    flat = {}
    for key, value in _locale(site, lang).items():
        if isinstance(value, str):
            flat[key] = value
        elif isinstance(value, dict) and key not in ("zones", "targets"):
            for name, item in value.items():
                if isinstance(item, list):
                    item = ", ".join(map(str, item))
                if isinstance(item, str):
                    flat[f"{key}.{name}"] = item
    return flat


def _edition(url: str, languages: tuple) -> str:
    head = url.split("/", 1)[0]
    return head if head in languages[1:] and "/" in url else languages[0]


# The classes the portal's own stylesheets show as blocks (a channel's hours under its
# description): their text is a line of its own, as readers see it.
def _block_classes(site: Path) -> frozenset:
    found = set()
    for css in site.glob("assets/stylesheets/*.css"):
        if not css.name.startswith(("support-", "portal")):
            continue
        text = css.read_text(encoding="utf-8", errors="replace")
        for selectors in _DISPLAYED.findall(text):
            for selector in selectors.split(","):
                last = re.findall(r"\.([A-Za-z0-9_-]+)", selector.strip().split()[-1]) if selector.strip() else []
                found.update(last)
    return frozenset(found)


_DISPLAYED = re.compile(r"([^{}]+)\{[^{}]*display:\s*(?:block|flex|grid|list-item)")


# The text a reader sees on a page, one line per block: the tab's title, the banner, the header,
# the navigation, the article and the footer; without scripts, styles and the "¶" permalinks.
# Hidden elements count: the page's script shows them on their day (a notice coming into effect,
# a dated line, a table cell's words from a channel's end), so a change to them is a change
# customers will read; each is a line of its own, as it is never read beside the words around it.
def page_text(html: str, block_classes: frozenset = frozenset()) -> list[str]:
    parser = _VisibleText(block_classes)
    parser.feed(html)
    parser.close()
    lines = (" ".join(part.split()).removeprefix("| ") for part in "".join(parser.out).split("\n"))
    return [line for line in lines if line]


class _VisibleText(HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    BLOCK = {"address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "figcaption",
             "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
             "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul", "caption",
             "title", "label", "button", "option"}
    # (<noscript> counts: readers without JavaScript read it)
    SKIP = {"script", "style", "template", "svg", "head"}
    SHOWN_IN_HEAD = {"title"}

    def __init__(self, block_classes: frozenset):
        super().__init__(convert_charrefs=True)
        self.blocks = block_classes
        self.out: list = []
        self.stack: list = []  # (tag, skipped, shown as a block)

    def _skipped(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def _block(self, tag, attrs) -> bool:
        return tag in self.BLOCK or "hidden" in attrs or bool(self.blocks.intersection((attrs.get("class") or "").split()))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        # <head> shows only the tab's title.
        in_head = bool(self.stack) and all(entry[0] in ("html", "head") for entry in self.stack)
        skipped = (self._skipped() and not (in_head and tag in self.SHOWN_IN_HEAD)) or tag in self.SKIP \
            or "headerlink" in classes
        if not skipped:
            if self._block(tag, attrs):
                self.out.append("\n")
            elif tag in ("td", "th"):
                self.out.append(" | ")
        if tag not in self.VOID:
            self.stack.append((tag, skipped, self._block(tag, attrs)))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        # Close up to the matching tag (HTML may leave some elements implicitly closed).
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                _, skipped, block = self.stack[index]
                del self.stack[index:]
                if not skipped and block:
                    self.out.append("\n")
                return

    # Line breaks in the source count only inside <pre>; elsewhere blocks make the lines.
    def handle_data(self, data):
        if not self._skipped():
            self.out.append(data if any(entry[0] == "pre" for entry in self.stack) else data.replace("\n", " "))
