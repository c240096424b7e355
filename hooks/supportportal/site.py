# The portal for one build of one language: the loaded policy, the page renderer, the generated
# files, and where each page lives in the other languages.

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from markupsafe import escape

from . import atom, catalog, feed, ics, jsonld, render, version
from .loading import PolicyError, Problem, load_policy

SCHEMAS = Path(__file__).resolve().parent / "schemas"


class Portal:
    def __init__(self, root: Path, today: dt.date, lang: str | None = None, policy=None):
        self.root = root
        self.policy = policy or load_policy(root / "policy", today)
        self.today = today
        self.lang = lang or self.policy.languages[0]
        self.version = version.published_version(self.policy, root)
        # The portal's own words per language: built-in catalogs, the project's locales/ over them.
        self.catalogs = catalog.load_catalogs(root, self.policy.languages, self.policy.translation_fallback)
        catalog.install(self.catalogs)
        self.words = self.catalogs.get(self.lang) or catalog.get(self.lang)
        self.env = render.environment()
        self.context = render.Facts(self.policy, self.lang, today).context()

    @property
    def main_language(self) -> str:
        return self.policy.languages[0]

    # The main language at the site root, every other one in a folder of its own: /de/.
    def prefix(self, lang: str) -> str:
        return "" if lang == self.main_language else f"{lang}/"

    # Folders of other editions in content/ (de/ ...), listed in the policy or not: the main
    # edition never publishes them as its own pages.
    def edition_folders(self) -> list[str]:
        folders = {lang for lang in self.policy.languages[1:]}
        folders |= {p.name for p in (self.root / "content").iterdir()
                    if p.is_dir() and len(p.name) == 2 and p.name.isalpha() and p.name.islower()}
        return sorted(folders)

    def docs_dir(self, lang: str) -> Path:
        return self.root / "content" / self.prefix(lang)

    # Site-wide settings that come from the policy rather than mkdocs.yml.
    def configure(self, config) -> None:
        p = self.policy
        # The theme writes these into HTML, mostly unescaped (title, header, meta description):
        # as Markup they are escaped once, and its `| e` filters leave them alone.
        config.site_name = escape(p.site_title.get(self.lang))
        config.site_description = escape(p.site_description.get(self.lang))
        config.site_url = p.site_url + self.prefix(self.lang)
        facts = render.Facts(p, self.lang, self.today)
        config.extra["support_portal"] = {"company": p.company, "lang": self.lang,
                                          "jsonld": jsonld.script_text(jsonld.organization(p, self.lang)),
                                          "policy_version": self.footer_version(),
                                          "words": jsonld.script_text(self.browser_words(self.lang)),
                                          "notices": facts.notice_banner(),
                                          "atom_title": escape(self.words("atom.title", company=p.company))}
        # Truthy but not a list: Material shows its language switch, fed per page by alternates().
        if len(p.languages) > 1:
            config.extra["alternate"] = True
        # The colour scheme toggle's names, in this edition's words.
        for palette in (getattr(config, "theme", None) or {}).get("palette") or []:
            if isinstance(palette, dict) and isinstance(palette.get("toggle"), dict):
                scheme = "to_light" if palette.get("scheme") == "slate" else "to_dark"
                palette["toggle"]["name"] = self.words(f"palette.{scheme}")

    # The footer's words for the published policy version, escaped once; None without a version.
    def footer_version(self):
        if self.version is None:
            return None
        return escape(self.words("footer.policy_version")).format(version=self.version.label)

    # The settings of another language's edition that differ from the main edition's mkdocs.yml,
    # for a project without mkdocs.<lang>.yml: its pages, its theme language, and the nav with the
    # titles of the language's catalog (`nav:` in locales/<lang>.yml); a page without one there
    # is titled by its own first heading, a section needs one.
    def edition_settings(self, lang: str, theme, nav) -> dict:
        theme = dict(theme) if isinstance(theme, dict) else {"name": theme or "mkdocs"}
        titles = self.catalogs[lang].nav
        problems = []

        def translate(items):
            result = []
            for item in items or []:
                if not isinstance(item, dict):
                    result.append(item)
                    continue
                for title, target in item.items():
                    if isinstance(target, list):
                        if title not in titles:
                            problems.append(Problem(
                                f"locales/{lang}.yml", 1, "nav", f"the nav section '{title}' of mkdocs.yml has no {lang} title",
                                f"add to locales/{lang}.yml:  nav: {{{title}: ...}}  (or write mkdocs.{lang}.yml)"))
                        result.append({titles.get(title, title): translate(target)})
                    elif title in titles:
                        result.append({titles[title]: target})
                    elif target == "index.md":  # MkDocs would title it "Home", in English
                        problems.append(Problem(
                            f"locales/{lang}.yml", 1, "nav", f"the home page's nav title '{title}' has no {lang} title",
                            f"add to locales/{lang}.yml:  nav: {{{title}: ...}}  (or write mkdocs.{lang}.yml)"))
                    else:
                        result.append(target)
            return result

        settings = {"docs_dir": str(self.docs_dir(lang)), "theme": {**theme, "language": lang}}
        if nav:
            settings["nav"] = translate(nav)
        if problems:
            raise PolicyError(problems)
        return settings

    # Files written beside the pages: the feeds and their schemas (support.json for integrations,
    # the widget's compact copies under support/), and the words of the browser scripts (live
    # status, calculator, language hint), one small file per language: a page has its own
    # language's inside it and fetches another's only for the hint that suggests it.
    def generated_files(self) -> dict:
        base_url = self.policy.site_url + self.prefix(self.lang)
        files = {
            **_feed_files(self.policy, self.version),
            **ics.calendars(self.policy, self.lang, base_url),  # support.ics, support-<id>.ics
            "notices.atom": atom.notices_feed(self.policy, self.lang, base_url=base_url),
        }
        for lang in self.catalogs:
            files[f"assets/javascripts/locales/{lang}.json"] = json.dumps(
                self.browser_words(lang), ensure_ascii=False, sort_keys=True, indent=1) + "\n"
        return files

    # The browser scripts' words in one language: in every page of that edition (no request) and
    # in locales/<lang>.json for the language hint and widgets embedded elsewhere.
    def browser_words(self, lang: str) -> dict:
        words = self.catalogs.get(lang) or catalog.get(lang)
        return {**words.section("widget."), "locale": words.locale.replace("_", "-"), "table": words("table.label"),
                "hint": words("language.hint"), "hint_close": words("language.hint_close")}

    # The content/ path of a page of this edition, as errors name it: content/de/hours.md.
    def page_name(self, src_uri: str) -> str:
        return f"content/{self.prefix(self.lang)}{src_uri}"

    # A page's Markdown as text: UTF-8 (with or without a byte order mark), any line ends.
    def read_page(self, path: Path, src_uri: str) -> str:
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw[:error.start].count(b"\n") + 1
            raise render.PageError(self.page_name(src_uri), [
                (line, f"the page is not UTF-8 text (byte 0x{raw[error.start]:02x}: {error.reason})",
                 "save the file as UTF-8 (most editors offer it under 'Save with encoding')")]) from None
        return text.replace("\r\n", "\n").replace("\r", "\n")

    # `first_line`: the line of the file the Markdown starts on, after front matter.
    def render_markdown(self, markdown: str, src_uri: str, first_line: int = 1) -> str:
        return render.render_page(self.env, markdown, self.context, self.page_name(src_uri), first_line)

    # What a rendered page would wrongly show readers, each with the line of the page's source.
    def page_warnings(self, html: str, source: str, src_uri: str) -> list[str]:
        return render.page_warnings(html, source, self.page_name(src_uri))

    def finish_html(self, html: str) -> str:
        html = render.mark_fallbacks(html, self.main_language, self.words("untranslated"))
        return render.strip_policy_markers(html)

    # Links under `folders` (content/, overrides/) to anything outside the project: the build would
    # publish the file they point to (/etc/passwd, /proc/self/environ). Links inside are fine.
    def links_outside(self, folders) -> list[str]:
        root = Path(os.path.realpath(self.root))

        def outside(path: Path) -> bool:
            return not Path(os.path.realpath(path)).is_relative_to(root)

        found, seen = [], set()
        for folder in map(Path, folders):
            if folder.is_symlink() and outside(folder):  # content/de itself a link
                found.append(folder)
                continue
            for directory, subfolders, names in os.walk(folder, followlinks=True):
                real = os.path.realpath(directory)
                if real in seen:  # a link back to a folder already walked
                    subfolders.clear()
                    continue
                seen.add(real)
                found += [Path(directory) / name for name in (*subfolders, *names)
                          if (Path(directory) / name).is_symlink() and outside(Path(directory) / name)]
                subfolders[:] = [name for name in subfolders if not outside(Path(directory) / name)]
        return sorted(f"{os.path.relpath(link, self.root)} is a link to {os.readlink(link)}, outside the project\n"
                      "    Fix: replace the link by a copy of the file, or delete it" for link in found)

    # The same page in every language that has it: name, language, link from this page, full URL.
    def alternates(self, src_uri: str, page_url: str) -> list[dict]:
        up = "../" * (page_url.count("/") + (1 if self.prefix(self.lang) else 0))
        result = []
        for lang in self.policy.languages:
            if not (self.docs_dir(lang) / src_uri).is_file():
                continue
            result.append({
                "lang": lang, "name": self.catalogs[lang]("language.name"), "current": lang == self.lang,
                "href": (up + self.prefix(lang) + page_url) or "./",
                "url": self.policy.site_url + self.prefix(lang) + page_url,
            })
        return result


# The files that are the same in every language: support.json, its schemas and the widget's
# compact feeds (every region's, each region's), made once for the editions of one build.
_shared: dict = {}


def _feed_files(policy, version) -> dict:
    if _shared.get("policy") is policy and _shared.get("version") == version:
        return _shared["files"]
    data = feed.support_feed(policy, version)
    schema = (SCHEMAS / feed.SCHEMA_FILE).read_text(encoding="utf-8")
    files = {
        "support.json": feed.dumps(data),
        f"developers/{feed.SCHEMA_FILE}": schema,
        f"developers/{feed.COMPACT_SCHEMA_FILE}": json.dumps(
            feed.compact_schema(json.loads(schema)), ensure_ascii=False, indent=2) + "\n",
        feed.ALL_REGIONS_FILE: feed.dumps(feed.compact_feed(data)),
    }
    for region in policy.regions:
        files[feed.region_file(region.id)] = feed.dumps(feed.compact_feed(feed.region_feed(data, region.id)))
    _shared.clear()
    _shared.update(policy=policy, version=version, files=files)
    return files
