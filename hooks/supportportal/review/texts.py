# Resolution process, maintenance and warranty, company and site: texts before and after.

from __future__ import annotations

from ..model import Policy
from .common import Line, _list_lines, _md, _text_lines


def _process(old: Policy, new: Policy):
    yield from _list_lines("Resolution step", old.resolution_steps, new.resolution_steps)
    yield from _list_lines("Customer duty", old.customer_duties, new.customer_duties)


def _maintenance(old: Policy, new: Policy):
    yield from _list_lines("Maintenance item", old.maintenance_included, new.maintenance_included)
    if old.enhancements_included != new.enhancements_included:
        words = {True: "included", False: "not included"}
        yield Line(f"Enhancements: {words[new.enhancements_included]} (was {words[old.enhancements_included]})")
    yield from _text_lines("Answer on enhancements", old.enhancements_answer, new.enhancements_answer)
    yield from _list_lines("Warranty paragraph", old.warranty, new.warranty)


def _company(old: Policy, new: Policy):
    if old.company != new.company:
        yield Line(f"Company name: {_md(new.company)} (was {_md(old.company)})")
    yield from _text_lines("City", old.city, new.city)
    yield from _text_lines("Country", old.country, new.country)
    if old.languages != new.languages:
        yield Line(f"Languages of the site: {', '.join(new.languages)} (was {', '.join(old.languages)})")
    if old.translation_fallback != new.translation_fallback:
        words = {True: "shown in the first language, marked", False: "stop the build"}
        yield Line(f"Missing translations: {words[new.translation_fallback]} (was: {words[old.translation_fallback]})")
    yield from _text_lines("Site title", old.site_title, new.site_title)
    yield from _text_lines("Site description", old.site_description, new.site_description)
    if old.site_url != new.site_url:
        yield Line(f"Site address: {_md(new.site_url)} (was {_md(old.site_url)})")
    if old.announce_days != new.announce_days:
        yield Line(f"Changes are announced on the pages {new.announce_days} days ahead (was {old.announce_days})")
    if old.version != new.version:
        words = {None: "the date and commit of the last policy change"}
        yield Line(f"Policy version: {_md(words.get(new.version, new.version))} "
                   f"(was {_md(words.get(old.version, old.version))})")
