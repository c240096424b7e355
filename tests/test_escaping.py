# Policy texts reach every output escaped exactly once for where they go: the visible text of the
# pages, their attributes and links, support.json, support.ics and the JSON-LD read back exactly
# as written, and no page shows an escaped character ("New Year&#39;s Day") as text.
#
# Two kinds of test:
#   - random texts of dangerous characters in every text field of a policy, in a few full builds
#     (and in many more in-process renderings, where the loader's own checks do not stand between
#     the texts and the renderer);
#   - the default policy on many days of a year (every "next closure" it can name), rendered in
#     process the way MkDocs renders a page, and two full builds showing that this is the real path.

import dataclasses
import datetime as dt
import json
import os
import random
import re

import icalendar
import markdown
import pytest
import yaml
from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction
from icalendar.parser import unescape_backslash

from conftest import ROOT, copy_project, run_build
from supportportal import parsing, render
from supportportal.loading import load_policy
from supportportal.model import Text
from supportportal.site import Portal
from timelimit import time_limit

# A character reference shown as text: what a second escaping leaves behind.
ENTITY = re.compile(r"&(?:#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.I)
LANGS = ("en", "de")
# A few full builds with random texts; the seed of each is printed (rerun one with ESCAPING_SEEDS=...).
SEEDS = [int(s) for s in os.environ.get("ESCAPING_SEEDS", "").split(",") if s] or [11, 2026, 4711]
IN_PROCESS_SEEDS = range(100, 120)
# The build's "today" of the random policies: 2026-11-27, three days before their next closure.
TODAY = dt.date(2026, 11, 27)
TODAY_EPOCH = "1795737600"


# Random texts

# What breaks escaping: HTML and Markdown syntax, character references, quotes, non-ASCII letters,
# a right-to-left mark, emoji (one with a zero-width joiner).
PIECES = ('"', "'", "&", "<", ">", "[", "]", "*", "_", "#", "|", "\\", "`", "{", "}", "(", ")", "!", "~", "+",
          "-", ".", ":", ";", "=", "ü", "ß", "Ø", "é", "\u200f", "😀", "👩‍💻", "&amp;", "&#39;", "&lt;", "&#35;",
          "<b>", "</p>", "*x*", "_y_", "[z](u)", "#1", "a_b", "1.", "**", "\\*", "<!--", "]]>", "%s", "{0}")
WORDS = ("we'll", "Smith's", "Tools & Co", "USA (O'Hare)", "Ärger", "עברית", "مرحبا", "naïve", "Æsir", "x", "42")
# Jinja syntax: the loader refuses it in policy texts, so only the in-process renderings carry it,
# written as these stand-ins in the YAML and put back after loading.
JINJA = {"\u2983": "{{", "\u2984": "{%", "\u2985": "}}", "\u2986": "%}"}
# Page texts that stop a build on purpose (render.FORBIDDEN): a random text must not spell one.
_REFUSED = [pattern for pattern, _ in (*parsing.ARTIFACTS, *render.FORBIDDEN)]


class Texts:
    def __init__(self, seed: int, jinja: bool = False):
        self.random = random.Random(seed)
        self.jinja = jinja
        self.count = 0

    # One text no other field has (a serial number in it), starting with any piece.
    def one(self) -> str:
        while True:
            self.count += 1
            tokens = ["".join(self.random.choice(PIECES) for _ in range(self.random.randint(1, 3)))
                      for _ in range(self.random.randint(1, 4))]
            tokens += self.random.sample(WORDS, 2)
            if self.jinja:
                tokens += self.random.sample(sorted(JINJA), 2)
            self.random.shuffle(tokens)
            tokens.insert(self.random.randint(0, len(tokens)), f"q{self.count}q")
            text = " ".join(tokens)
            if not any(p.search(text) for p in _REFUSED):
                return text

    def both(self) -> dict:
        return {"en": self.one(), "de": self.one()}


# A complete policy with a random text in every text field, as the YAML files' data.
def random_policy(texts: Texts) -> dict:
    t = texts.both
    return {
        "company": {
            "company": {"name": texts.one(), "city": t(), "country": t()},
            "languages": list(LANGS),
            "site": {"title": t(), "description": t(),
                     "url": "https://support.example/o'hare_(a)*b!$,;=:@~/"},
        },
        "regions": {"regions": [
            {"id": "emea", "name": t(), "zone": "Europe/Berlin", "hours": {"monday to friday": "10:00-18:00"},
             "public_holidays": "munich"},
            {"id": "usa", "name": t(), "zone": "America/New_York", "hours": {"monday to friday": "09:00-17:00"}},
        ]},
        "holidays": {
            "horizon": {"years": 2},
            # A calendar's name is a place, shown alone: it starts with a capital (checks/holidays.py).
            "calendars": [{"id": "munich", "name": {lang: "M " + text for lang, text in t().items()},
                           "country": "DE", "subdivision": "BY", "categories": ["public", "catholic"]}],
            "closures": [
                # The next closure from TODAY on, in one region: "X, Monday, 30 November 2026 (USA)".
                {"name": t(), "date": "2026-11-30", "regions": ["usa"]},
                {"name": t(), "date": "2027-06-14", "until": "2027-06-15"},
                # Special hours in two zones: "Open 10:00–14:00 local time (EMEA: CET, USA: EST)".
                {"name": t(), "every_year": "12-30", "hours": "10:00-14:00"},
            ],
        },
        "channels": {"channels": [
            {"id": "portal", "name": t(), "type": "portal", "description": t(),
             "address": "https://tickets.example/a?b=1&c='d'\"<x>*_#|`(e)"},
            {"id": "email", "name": t(), "type": "email", "description": t(),
             "address": "o'hara&co<x>\"*_|@mail.example"},
            {"id": "phone", "name": t(), "type": "phone", "address": "+49 89 1234 5678"},
        ]},
        "priorities": {"business_day": "8 hours", "priorities": [
            {"id": "p1", "name": t(), "definition": t(), "examples": [t(), t()], "first_response": "1 hour",
             "update_interval": "2 hours", "coverage": "around the clock"},
            {"id": "p2", "name": t(), "definition": t(), "examples": [t()], "first_response": "1 business day",
             "coverage": "business hours", "default": True},
        ]},
        "process": {"resolution_steps": [t(), t()], "customer_duties": [t(), t()]},
        "maintenance": {"included": [t(), t()], "enhancements": {"included": True, "answer": t()},
                        "warranty": [t(), t()]},
    }


def write_policy(project, data: dict) -> None:
    for name, content in data.items():
        text = yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=1000)
        (project / "policy" / f"{name}.yml").write_text(text, encoding="utf-8")


# Where each text must appear, per language: page (folder under the edition) -> texts on it.
def expected_on_pages(data: dict, lang: str) -> dict:
    company, regions = data["company"]["company"]["name"], data["regions"]["regions"]
    holidays, channels = data["holidays"], data["channels"]["channels"]
    prio, process, maint = data["priorities"]["priorities"], data["process"], data["maintenance"]
    region_names = [r["name"][lang] for r in regions]
    closures = [_closure_name(c["name"], lang) for c in holidays["closures"]]
    calendar = holidays["calendars"][0]["name"][lang]
    return {
        "": [company, *region_names],
        "hours/": [company, *region_names, calendar, closures[0]],
        "holidays/": [calendar, *closures, *region_names],
        "contact/": [x for ch in channels for x in (ch["name"][lang], ch.get("description", {}).get(lang), ch["address"]) if x],
        "priorities/": [*region_names, *(x for p in prio for x in (p["name"][lang], p["definition"][lang],
                                                                  *(e[lang] for e in p["examples"])))],
        "process/": [s[lang] for s in (*process["resolution_steps"], *process["customer_duties"])],
        "maintenance/": [s[lang] for s in (*maint["included"], *maint["warranty"], maint["enhancements"]["answer"])],
        "embed/": [company],
        "developers/": [company],
    }


# A company closure's name as the pages show it: in the page's language only (a closure has no
# official name to show beside it).
def _closure_name(name: dict, lang: str) -> str:
    return name[lang]


def _visible_text(soup) -> str:
    return "".join(s for s in soup.find_all(string=True)
                   if not isinstance(s, (Comment, Declaration, Doctype, ProcessingInstruction))
                   and s.parent.name not in ("script", "style"))


# Every policy text of `data` on the pages of one edition, where it belongs, exactly as written.
def check_pages(pages: dict, data: dict, lang: str, seed: int) -> None:
    for page, wanted in expected_on_pages(data, lang).items():
        text = _visible_text(pages[page])
        for value in wanted:
            assert value in text, f"seed {seed}, {lang} page /{page}: {value!r} is not shown as written"


# The site title and description, in the <title>, the header and the meta description, and the
# site's address in the canonical link.
def check_head(soup, data: dict, lang: str, seed: int, page: str) -> None:
    title, description = data["company"]["site"]["title"][lang], data["company"]["site"]["description"][lang]
    where = f"seed {seed}, {lang} page /{page}"
    assert soup.title.get_text().endswith(title), f"{where}: <title> {soup.title.get_text()!r}"
    assert soup.find("meta", attrs={"name": "description"})["content"] == description, where
    logo = soup.select_one("a.md-logo")
    assert (logo["title"], logo["aria-label"]) == (title, title), where
    assert title in soup.select_one(".md-header__topic").get_text(), where
    prefix = "" if lang == LANGS[0] else f"{lang}/"
    canonical = soup.select_one('link[rel="canonical"]')["href"]
    assert canonical == data["company"]["site"]["url"] + prefix + page, f"{where}: canonical {canonical!r}"


def check_links(soup, data: dict, lang: str, seed: int) -> None:
    hrefs = {a.get("href") for a in soup.select("a[href]")}
    for ch in data["channels"]["channels"]:
        href = {"email": "mailto:", "phone": "tel:"}.get(ch["type"], "") + ch["address"]
        href = href.replace(" ", "") if ch["type"] == "phone" else href
        assert href in hrefs, f"seed {seed}, {lang} contact page: no link to {href!r} in {sorted(hrefs)}"


def check_calendar_link(soup, data: dict, lang: str, seed: int) -> None:
    url = data["company"]["site"]["url"]
    prefix = "" if lang == LANGS[0] else f"{lang}/"
    want = "webcal://" + url.split("://", 1)[1] + prefix + "support.ics"
    assert want in {a.get("href") for a in soup.select("a[href]")}, f"seed {seed}, {lang}: no link to {want!r}"


def check_jsonld(soup, data: dict, lang: str, seed: int) -> None:
    [script] = soup.select('script[type="application/ld+json"]')
    ld = json.loads(script.string)
    company = data["company"]
    assert ld["name"] == company["company"]["name"], seed
    assert ld["description"] == company["site"]["description"][lang], seed
    assert ld["address"]["addressLocality"] == company["company"]["city"][lang], seed
    assert ld["address"]["addressCountry"] == company["company"]["country"][lang], seed
    assert ld["url"] == company["site"]["url"], seed
    regions, channel_points = ld["contactPoint"][:len(data["regions"]["regions"])], ld["contactPoint"][len(data["regions"]["regions"]):]
    points = regions
    assert [p["name"] for p in points] == [r["name"][lang] for r in data["regions"]["regions"]], seed
    assert [p["name"] for p in channel_points] == [c["name"][lang] for c in data["channels"]["channels"]], seed
    channels = {c["type"]: c["address"] for c in data["channels"]["channels"]}
    assert (points[0]["email"], points[0]["telephone"], points[0]["url"]) == (
        channels["email"], channels["phone"], channels["portal"]), seed
    days = {s.get("name") for p in points for s in p["hoursAvailable"]}
    for closure in data["holidays"]["closures"]:
        assert closure["name"][lang] in days, (seed, closure["name"][lang])


def check_feed(feed: dict, data: dict, seed: int) -> None:
    assert feed["company"]["name"] == data["company"]["company"]["name"], seed
    assert [r["name"] for r in feed["regions"]] == [r["name"] for r in data["regions"]["regions"]], seed
    assert [p["name"] for p in feed["priorities"]] == [p["name"] for p in data["priorities"]["priorities"]], seed
    names = [d["name"] for r in feed["regions"] for d in r["days"]]
    for closure in data["holidays"]["closures"]:
        assert closure["name"] in names, (seed, closure["name"])


def check_ics(raw: bytes, data: dict, lang: str, seed: int) -> None:
    cal = icalendar.Calendar.from_ical(raw)
    company = data["company"]["company"]["name"]
    for key in ("name", "x-wr-calname", "description", "x-wr-caldesc", "prodid"):
        # The parser does not know the X- properties' type: TEXT by default (RFC 5545 3.8.8.2).
        value = unescape_backslash(str(cal[key])) if key.startswith("x-") else str(cal[key])
        assert company in value, (seed, lang, key, value)
    events = list(cal.walk("VEVENT"))
    summaries = [str(e["summary"]) for e in events]
    for closure in data["holidays"]["closures"]:
        name = _closure_name(closure["name"], lang)
        assert any(s.endswith(": " + name) for s in summaries), (seed, lang, name)
    descriptions = "\n".join(str(e["description"]) for e in events)
    for region in data["regions"]["regions"]:
        assert region["name"][lang] in descriptions, (seed, lang, region["name"][lang])


# Escaped characters shown as text or left in an attribute value after parsing, as (where, what).
def escaped_leaks(soup) -> list:
    found = []
    for node in soup.find_all(string=True):
        if isinstance(node, (Comment, Declaration, Doctype, ProcessingInstruction)):
            continue
        for match in ENTITY.finditer(node):
            found.append((f"text in <{node.parent.name}>", node[max(0, match.start() - 40):match.end() + 20]))
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            for item in value if isinstance(value, list) else [value]:
                match = ENTITY.search(item)
                if match:
                    found.append((f"<{tag.name} {name}>", item))
    return found


# In-process rendering, as MkDocs does it

# python-markdown with the extensions of mkdocs.yml (the German edition inherits them).
def markdown_converter() -> markdown.Markdown:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, options = [], {}
    for item in config["markdown_extensions"]:
        name, settings = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        names.append(name)
        options[name] = settings or {}
    return markdown.Markdown(extensions=names, extension_configs=options)


# Every content page of one edition: page folder ("", "hours/", "developers/") -> its HTML content,
# through the same steps as a build: Jinja with the policy's facts, Markdown, then finish_html.
def render_edition(portal: Portal, md: markdown.Markdown) -> dict:
    docs = portal.docs_dir(portal.lang)
    skip = portal.edition_folders() if portal.lang == portal.main_language else []
    pages = {}
    for path in sorted(docs.rglob("*.md")):
        src_uri = path.relative_to(docs).as_posix()
        if src_uri.split("/")[0] in skip:
            continue
        text = portal.render_markdown(path.read_text(encoding="utf-8"), src_uri)
        html = portal.finish_html(md.reset().convert(text))
        folder = src_uri.removesuffix("index.md").removesuffix(".md")
        pages[folder + "/" if folder and not folder.endswith("/") else folder] = html
    return pages


def _soups(pages: dict) -> dict:
    return {page: BeautifulSoup(html, "html.parser") for page, html in pages.items()}


def _built_pages(site, lang: str) -> dict:
    edition = site if lang == LANGS[0] else site / lang
    skip = {f"{other}/" for other in LANGS[1:]} if lang == LANGS[0] else set()
    pages = {}
    for path in sorted(edition.rglob("index.html")):
        page = path.parent.relative_to(edition).as_posix()
        page = "" if page == "." else page + "/"
        if not any(page.startswith(s) for s in skip):
            pages[page] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return pages


# Put the Jinja stand-ins of the texts back into a loaded policy, as if the loader had let them through.
def _with_jinja(value):
    if isinstance(value, str):
        for stand_in, syntax in JINJA.items():
            value = value.replace(stand_in, syntax)
        return value
    if isinstance(value, Text):
        return Text(tuple((lang, _with_jinja(text)) for lang, text in value.values))
    if dataclasses.is_dataclass(value):
        return dataclasses.replace(value, **{f.name: _with_jinja(getattr(value, f.name))
                                             for f in dataclasses.fields(value) if f.init})
    if isinstance(value, (tuple, list)):
        return type(value)(_with_jinja(v) for v in value)
    if isinstance(value, dict):
        return {k: _with_jinja(v) for k, v in value.items()}
    return value


# Tests: random texts

# Full builds: every page, attribute, feed, calendar and the structured data of both editions.
@pytest.mark.parametrize("seed", SEEDS)
def test_random_policy_texts_reach_every_output_as_written(seed, tmp_path):
    print(f"seed {seed} (rerun with ESCAPING_SEEDS={seed})")
    data = random_policy(Texts(seed))
    project = copy_project(tmp_path / "project")
    write_policy(project, data)
    build = run_build(project, epoch=TODAY_EPOCH)
    assert build.ok, f"seed {seed}: {build.output}"
    for lang in LANGS:
        edition = build.site if lang == LANGS[0] else build.site / lang
        pages = _built_pages(build.site, lang)
        check_pages(pages, data, lang, seed)
        for page, soup in pages.items():
            check_head(soup, data, lang, seed, page)
        check_links(pages["contact/"], data, lang, seed)
        check_calendar_link(pages["holidays/"], data, lang, seed)
        check_jsonld(pages[""], data, lang, seed)
        check_feed(json.loads((edition / "support.json").read_text(encoding="utf-8")), data, seed)
        check_ics((edition / "support.ics").read_bytes(), data, lang, seed)


# In process, many more random policies, with Jinja syntax in every text: shown, never evaluated.
def test_random_policy_texts_with_jinja_syntax_are_shown_not_evaluated(tmp_path):
    md = markdown_converter()
    for seed in IN_PROCESS_SEEDS:
        texts = Texts(seed, jinja=True)
        data = random_policy(texts)
        project = copy_project(tmp_path / str(seed))
        write_policy(project, data)
        with time_limit(30, f"rendering the random policy of seed {seed}"):
            policy = _with_jinja(load_policy(project / "policy", TODAY))
            data = _with_jinja(data)
            for lang in LANGS:
                pages = _soups(render_edition(Portal(project, TODAY, lang, policy), md))
                check_pages(pages, data, lang, seed)
                check_links(pages["contact/"], data, lang, seed)
                check_calendar_link(pages["holidays/"], data, lang, seed)
        assert all(syntax in json.dumps(data, ensure_ascii=False) for syntax in JINJA.values()), seed


# Tests: the default policy on many days

def _days() -> list:
    year = [dt.date(2026, 1, 3) + dt.timedelta(days=7 * i) for i in range(52)]
    december = [dt.date(2026, 12, d) for d in range(27, 32)] + [dt.date(2027, 12, d) for d in range(27, 32)]
    october = [dt.date(2026, 10, d) for d in (20, 24, 26, 28, 30, 31)]
    return sorted(set(year + december + october))


DAYS = _days()


def _epoch(day: dt.date) -> str:
    return str(int(dt.datetime.combine(day, dt.time(0), dt.timezone.utc).timestamp()))


# Every content page of both editions, on every day of DAYS, shows no escaped character as text.
def test_default_policy_pages_show_no_escaped_characters_on_any_day():
    assert len(DAYS) >= 60
    md = markdown_converter()
    problems = []
    with time_limit(300, f"rendering the default policy on {len(DAYS)} days"):  # about 20 s; a hang fails here
        for day in DAYS:
            policy = load_policy(ROOT / "policy", day)
            for lang in LANGS:
                for page, soup in _soups(render_edition(Portal(ROOT, day, lang, policy), md)).items():
                    problems += [f"{day}, {lang} /{page}, {where}: {what!r}" for where, what in escaped_leaks(soup)]
    assert not problems, "\n".join(problems[:20])


# The in-process rendering above is what a real build shows: the same text in every page's article,
# and no escaped character anywhere in the built pages, on the days the defect was seen.
@pytest.mark.parametrize("day", [dt.date(2026, 12, 28), dt.date(2026, 10, 28)], ids=str)
def test_full_build_matches_in_process_rendering(day, tmp_path):
    project = copy_project(tmp_path / "project")
    build = run_build(project, epoch=_epoch(day))
    assert build.ok, build.output
    md = markdown_converter()
    policy = load_policy(ROOT / "policy", day)
    for lang in LANGS:
        rendered = _soups(render_edition(Portal(ROOT, day, lang, policy), md))
        built = _built_pages(build.site, lang)
        assert set(rendered) <= set(built), (lang, sorted(built))
        for page, soup in rendered.items():
            article = built[page].select_one("article.md-content__inner")
            assert " ".join(_visible_text(article).split()) == " ".join(_visible_text(soup).split()), (lang, page)
        for page, soup in built.items():
            assert not escaped_leaks(soup), (lang, page, escaped_leaks(soup))
    hours = " ".join(_visible_text(_built_pages(build.site, "en")["hours/"]).split())
    assert {dt.date(2026, 12, 28): "Closures from 28 December 2026: New Year's Day",
            dt.date(2026, 10, 28): "Closures from 28 October 2026: All Saints' Day"}[day] in hours
