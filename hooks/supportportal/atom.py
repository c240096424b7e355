# notices.atom: the notices as an Atom feed (RFC 4287), one per language edition, so customers can
# subscribe in any feed reader without a server. Entry ids are tag: URIs (RFC 4151) of the site's
# host and the notice id, so an edited notice stays one entry; its `updated` is the notice's
# (when staff last changed it, so every edit shows; it may be before `published` for a notice
# prepared ahead). An entry appears from the first build at or after its announcement
# (`published`), as the site's banner shows it from then; the feed's own `updated` is the latest
# entry's appearance or change. Escaping is ElementTree's, once; the same policy gives the same
# bytes.

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

from . import catalog, textfmt
from .checks.notices import NOTICE_KINDS
from .feed import instant
from .model import Policy

ATOM = "http://www.w3.org/2005/Atom"
# The date of the tag: URIs (RFC 4151): fixed, so ids never change from one build to the next.
TAG_DATE = "2026"


# The feed of one edition; `base_url` is where this edition is published (the site's URL, or its /de/).
def notices_feed(policy: Policy, lang: str = "en", base_url: str | None = None) -> bytes:
    say = catalog.get(lang).marked  # a word the catalog lacks, marked
    fallback = policy.languages[0]
    base_url = base_url or policy.site_url
    host = urlsplit(policy.site_url).hostname or "support.invalid"
    page = base_url + "notices/"
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    built = policy.build_instant
    entries = [(notice, notice.updated) for notice in policy.notices if notice.announce <= built]
    _add(feed, "id", f"tag:{host},{TAG_DATE}:notices/{lang}")
    _add(feed, "title", say("atom.title", company=policy.company))
    _add(feed, "subtitle", say("atom.subtitle", company=policy.company))
    midnight = dt.datetime.combine(policy.today, dt.time(0), dt.timezone.utc)
    _add(feed, "updated", instant(max((max(u, n.announce) for n, u in entries), default=midnight)))
    _add(feed, "link", rel="self", type="application/atom+xml", href=base_url + "notices.atom")
    _add(feed, "link", rel="alternate", type="text/html", href=page)
    author = _add(feed, "author")
    _add(author, "name", policy.company)
    _add(author, "uri", policy.site_url)
    for notice, updated in sorted(entries, key=lambda e: (e[0].start, e[0].id), reverse=True):
        entry = _add(feed, "entry")
        _add(entry, "id", f"tag:{host},{TAG_DATE}:notices/{lang}/{notice.id}")
        kind = say(NOTICE_KINDS[notice.kind])
        _add(entry, "title", say("atom.entry_title", kind=kind, title=textfmt.in_language(notice.title, lang, fallback)))
        _add(entry, "published", instant(notice.announce))
        _add(entry, "updated", instant(updated))
        _add(entry, "link", rel="alternate", type="text/html", href=f"{page}#notice-{notice.id}")
        _add(entry, "category", term=notice.kind, label=kind)
        regions = textfmt.join_words([textfmt.in_language(policy.region(r).name, lang, fallback) for r in notice.regions], lang)
        lines = [textfmt.notice_window(notice, lang), say("notices.regions", regions=regions)]
        if notice.channels:
            lines.append(say("notices.channels", channels=textfmt.join_words(
                [textfmt.in_language(policy.channel(c).name, lang, fallback) for c in notice.channels], lang)))
        _add(entry, "summary", textfmt.notice_window(notice, lang), type="text")
        _add(entry, "content", "\n\n".join([textfmt.in_language(notice.text, lang, fallback), "\n".join(lines)]), type="text")
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8", xml_declaration=False) + b"\n"


def _add(parent, tag: str, text: str | None = None, **attributes) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element
