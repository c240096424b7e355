# The portal for one build of one language: the loaded policy, the page renderer, the generated
# files, and where each page lives in the other languages.

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import functools
import hashlib
import json
import marshal
import os
import pickle
import re
import stat
import sys
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from markupsafe import escape

from . import atom, cache, catalog, dated, feed, ics, jsonld, render, textfmt, version, yamlload
from .checks.values import INVISIBLE_FIX, invisible_character
from .loading import PolicyError, Problem, load_policy, packages
from .model import zones as model_zones

SCHEMAS = Path(__file__).resolve().parent / "schemas"
# Catalog texts the browser receives beside the widget.* section, by the name the script reads.
BROWSER_TEXTS = {"name_official": "holidays.official", "name_date": "calendar.name_date",
                 "priority_name": "priorities.name_in_text", "channel_name": "channels.name_in_text",
                 "notice_kind": "notices.kind", "notices_more": "notices.more", "separator": "list.separator",
                 "any_time": "channels.any_time", "all_regions": "calendar.all_regions",
                 "closure_channel": "calendar.channel"}
# Browser words that are settings, not texts a reader sees.
BROWSER_SETTINGS = ("widget.units",)


# A fallback text marked for the browser: each form that has words of its own outside its
# {placeholders}, in the marks support-widget.js writes as the pages do (its words in an element of
# their language `lang`, then " (note)"), private-use characters no catalog text holds.
def _marked(text, lang: str, note: str):
    if isinstance(text, dict):
        return {form: _marked(value, lang, note) for form, value in text.items()}
    if not catalog.has_words(text):
        return text
    return f"\ue010{lang}\ue011{text}\ue012{note}\ue013"


class Portal:
    # Every problem found before pages are rendered comes in one PolicyError: the policy's, the
    # catalogs' of its languages (read also when the policy has problems, as long as company.yml
    # names its languages) and, given the main edition's mkdocs.yml (`main`: its theme and nav),
    # every other edition's missing pages and nav titles. `make check` runs the same.
    def __init__(self, root: Path, today: dt.date, lang: str | None = None, policy=None,
                 built_at: dt.datetime | None = None, main: dict | None = None):
        self.root = root
        self.today = today
        self.main_nav = (main or {}).get("nav")  # the menu of mkdocs.yml, for parity_problems
        self.main_settings = main or {}  # for the pages the menus leave out (omitted_pages)
        self._omitted: dict = {}  # language -> its pages the menu leaves out, once worked out
        problems, settings = [], None
        try:
            self.policy = policy or load_policy(root / "policy", today, built_at=built_at)
            settings = (self.policy.languages, self.policy.translation_fallback)
        except PolicyError as error:
            problems += error.problems
            settings = error.settings
        # The portal's own words per language: built-in catalogs, the project's locales/ over them.
        self.catalogs = {}
        if settings is not None:
            try:
                self.catalogs = catalog.load_catalogs(root, *settings)
            except PolicyError as error:
                problems += error.problems
        self.languages = settings[0] if settings else ()
        # (A build of another language than the main one is refused by the adapter, with its reason.)
        if main is not None and self.languages and (lang is None or lang == self.languages[0]):
            edition = [p for other in self.languages[1:]
                       for p in self.edition_problems(other, main.get("theme"), main.get("nav"))]
            problems += edition
            if edition:  # the build stops before MkDocs names pages left out of a menu: named here
                problems += self.omitted_problems()
        if problems:
            raise PolicyError(problems)
        if built_at is not None and self.policy.built_at != built_at:
            self.policy = dataclasses.replace(self.policy, built_at=built_at)
        self.lang = lang or self.policy.languages[0]
        self.version = version.published_version(self.policy, root)
        catalog.install(self.catalogs)
        self.words = self.catalogs.get(self.lang) or catalog.get(self.lang)
        self.env = render.environment()

    # The facts pages use ({{ hours_table() }}), made when a page is checked or rendered: a build
    # whose pages were all kept before does without them.
    @functools.cached_property
    def context(self) -> dict:
        return self._facts.context()

    @functools.cached_property
    def _facts(self) -> render.Facts:
        return render.Facts(self.policy, self.lang, self.today)

    # What this edition's pages (and the browser's words, the calendars) are made from besides their
    # own text: the policy's model, the catalogs, the zones' data, the
    # language, the build date and the packages that write the text (cache.py adds the portal's
    # own version).
    @functools.cached_property
    def _page_inputs(self) -> str:
        # The build's instant is not among them: a page that says it (the notices' states as of
        # then) is never kept.
        policy = dataclasses.replace(self.policy, built_at=None)
        digest = hashlib.sha256(pickle.dumps(policy, protocol=pickle.HIGHEST_PROTOCOL))
        # The catalogs as this build loaded them (not their files again: one saved in between
        # would lend its content to pages made with the old words).
        for lang, words in sorted(self.catalogs.items()):
            digest.update(json.dumps([lang, words.locale, words.texts, words.nav, sorted(words.fallback)],
                                     sort_keys=True, default=str).encode("utf-8", "surrogatepass"))
        for zone in sorted(model_zones(self.policy)):
            digest.update(f"\0{zone}\0{cache.zone_data(zone)}".encode("utf-8"))
        digest.update(f"\0{self.lang}\0{self.today}\0{sys.version}\0".encode("utf-8"))
        digest.update(packages(("babel", "jinja2", "markupsafe")).encode("utf-8"))
        return digest.hexdigest()

    # The key of a page's text as rendered from the same Markdown and inputs, kept between builds.
    def _page_key(self, markdown: str, src_uri: str, first_line: int) -> tuple:
        return ("page", self._page_inputs, self.page_name(src_uri), str(first_line),
                hashlib.sha256(markdown.encode("utf-8", "surrogatepass")).hexdigest())

    @property
    def main_language(self) -> str:
        return self.languages[0]

    # The main language at the site root, every other one in a folder of its own: /de/.
    def prefix(self, lang: str) -> str:
        return "" if lang == self.main_language else f"{lang}/"

    # Folders of other editions in content/ (de/ ...), listed in the policy or not: the main
    # edition never publishes them as its own pages.
    def edition_folders(self) -> list[str]:
        folders = {lang for lang in self.languages[1:]}
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
        config.extra["support_portal"] = {"company": p.company, "lang": self.lang,
                                          "jsonld": self._kept("jsonld", lambda: jsonld.script_text(
                                              jsonld.organization(p, self.lang)).encode("utf-8")).decode("utf-8"),
                                          "policy_version": self.footer_version(),
                                          "words": jsonld.script_text(self.browser_words(self.lang)),
                                          "notices": self._facts.notice_banner(),
                                          "atom_title": escape(self.words("atom.title", company=p.company)),
                                          "made_with": escape(self.words("theme.made_with")),
                                          "not_found": escape(self.words("theme.not_found")),
                                          "not_found_elsewhere": self._not_found_elsewhere()}
        # Truthy but not a list: Material shows its language switch, fed per page by alternates().
        if len(p.languages) > 1:
            config.extra["alternate"] = True
        # The headings' anchor links (toc's permalink) are titled in this edition's words.
        toc = (getattr(config, "mdx_configs", None) or {}).get("toc")
        if isinstance(toc, dict) and toc.get("permalink"):
            toc["permalink_title"] = self.words("theme.permalink_title")
        # The colour scheme toggle's names, in this edition's words (the theme writes them into
        # attributes unescaped: escaped once here).
        for palette in (getattr(config, "theme", None) or {}).get("palette") or []:
            if isinstance(palette, dict) and isinstance(palette.get("toggle"), dict):
                scheme = "to_light" if palette.get("scheme") == "slate" else "to_dark"
                palette["toggle"]["name"] = escape(self.words(f"palette.{scheme}"))

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
        # The theme writes nav titles into every page unescaped: a catalog's are escaped once here.
        titles = {title: escape(text) for title, text in self.catalogs[lang].nav.items()}
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

    # What stops the build of another language's edition before its pages are rendered: a page its
    # nav names (mkdocs.<lang>.yml's, else the main nav) missing from its folder (content/<lang>/, or
    # the docs_dir of mkdocs.<lang>.yml), subfolders too, and for an edition without
    # mkdocs.<lang>.yml the nav titles its catalog lacks. MkDocs would only warn in strict mode
    # that the nav names a page it cannot find, after building every other page.
    def edition_problems(self, lang: str, theme, nav) -> list:
        own = self.edition_config(lang)
        problems = []
        if own is None and lang in self.catalogs:  # nav titles come from a catalog that loaded
            try:
                self.edition_settings(lang, theme, nav)
            except PolicyError as error:
                problems += error.problems
        folder, name = self.edition_folder(lang), self._folder_name(lang)
        needed = _nav_pages(nav if own is None or own[1] is None else own[1])
        if own is None or own[1] is None:  # and the main pages that menu leaves out (no page in one edition only)
            needed += [page for page in self.omitted_pages(self.main_language) if page not in needed]
        if not folder.is_dir():
            return problems + [Problem(name, 0, "", f"the folder of the '{lang}' edition is missing",
                                       f"copy the pages of content/ (without its language folders) to {name}, "
                                       f"subfolders too, and translate them: {', '.join(needed) or 'index.md'}")]
        for page in needed:
            if not (folder / page).is_file():
                source = f"content/{page}" if (self.root / "content" / page).is_file() else None
                problems.append(_missing_page(name, page, source, lang))
        return problems

    # The pages of the main edition's menu (mkdocs.yml's nav) another edition with a menu of its own
    # (mkdocs.<lang>.yml) lacks, and the pages of that menu the main edition lacks: the edition would
    # lack a page without a word. So do the pages a menu leaves out by mistake (MkDocs names them,
    # after this check): found in the same run as the menu's. (A page outside the menus,
    # `not_in_nav`, may be one edition's.)
    def parity_problems(self, lang: str) -> list[str]:
        own, folder, name = self.edition_config(lang), self.edition_folder(lang), self._folder_name(lang)
        if own is None or own[1] is None or not folder.is_dir():
            return []  # the main menu is the edition's: edition_problems names what it lacks
        named = _nav_pages(own[1])
        main_pages = _nav_pages(self.main_nav)
        main_pages += [page for page in self.omitted_pages(self.main_language) if page not in main_pages]
        problems = [_missing_page(name, page, f"content/{page}", lang, own_nav=page not in named)
                    for page in main_pages
                    if (self.root / "content" / page).is_file() and not (folder / page).is_file()]
        own_pages = named + [page for page in self.omitted_pages(lang) if page not in named]
        problems += [Problem(f"{name}{page}", 0, "", f"the page exists in the '{lang}' edition only "
                             f"(content/{page} is missing)",
                             f"write content/{page} in {self.main_language} too (and add it to the nav of mkdocs.yml), "
                             f"or delete {name}{page}" + (f" and its line in mkdocs.{lang}.yml" if page in named else ""))
                     for page in own_pages if (folder / page).is_file() and not (self.root / "content" / page).is_file()]
        return [str(problem) for problem in problems]

    # The pages of an edition its menu leaves out, as MkDocs finds them (it names them after the
    # portal's checks, and the strict build fails): pages of its folder the nav does not name, that
    # its configuration neither excludes (exclude_docs, draft_docs) nor keeps out of the menu
    # (not_in_nav). None without a nav: MkDocs then makes one of every page.
    def omitted_pages(self, lang: str) -> list[str]:
        kept = self._omitted.get(lang)  # (asked for by each edition's checks; the folder does not change in a build)
        if kept is None:
            kept = self._omitted[lang] = self._omitted_pages(lang)
        return list(kept)

    def _omitted_pages(self, lang: str) -> list[str]:
        import pathspec

        own = self.edition_config(lang) if lang != self.main_language else None
        nav = own[1] if own and own[1] is not None else self.main_nav
        if not isinstance(nav, list):
            return []
        settings = dict(self.main_settings)
        if own is not None:
            try:
                settings.update(_config_settings((self.root / f"mkdocs.{lang}.yml").read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError):
                pass
        lines = [".*", "/templates/"]
        for key in ("exclude_docs", "draft_docs", "not_in_nav"):
            if isinstance(settings.get(key), str):
                lines += settings[key].splitlines()
        try:
            left_out = pathspec.gitignore.GitIgnoreSpec.from_lines(lines)
        except Exception:  # patterns MkDocs refuses: it says so in the build
            return []
        named = set(_nav_pages(nav))
        return [page for page in self.pages(lang) if page not in named and not left_out.match_file(page)]

    # The pages the menus leave out, each named with the menu to add it to: given where the build
    # stops before MkDocs would name them, so one run names them with the portal's problems.
    def omitted_problems(self) -> list[Problem]:
        problems = []
        for lang in self.languages:
            own = self.edition_config(lang) if lang != self.main_language else None
            config = f"mkdocs.{lang}.yml" if own and own[1] is not None else "mkdocs.yml"
            name = self._folder_name(lang) if lang != self.main_language else "content/"
            for page in self.omitted_pages(lang):
                problems.append(Problem(f"{name}{page}", 0, "", f"the page is in no menu: the nav of {config} "
                                        "does not name it",
                                        f"add it to the nav of {config} (a line such as '- Its title: {page}'), or delete it; "
                                        "a page out of the menu cannot be reached from the others"))
        return problems

    # Menu titles (the nav of mkdocs.yml and of each mkdocs.<lang>.yml) hold no character the pages
    # refuse: they are on every page.
    def menu_title_problems(self) -> list[str]:
        names = ["mkdocs.yml"] + [f"mkdocs.{lang}.yml" for lang in self.policy.languages[1:]
                                  if (own := self.edition_config(lang)) and own[1] is not None]
        problems = []
        for name in names:
            try:
                text = (self.root / name).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue  # MkDocs reports it when it reads the file
            if not any(invisible_character(char) for char in set("".join(nav_titles(_config_settings(text).get("nav"))))):
                continue  # (the lines only for a message)
            for title, line in nav_title_lines(text):
                said = _invisible_in(title, "at its start")
                if said:
                    shown = "".join(char for char in title if not invisible_character(char))
                    problems.append(str(Problem(name, line, "nav", f"the menu title '{shown}' contains {said}", INVISIBLE_FIX)))
        return problems

    # Another language's own mkdocs.<lang>.yml: (its docs_dir, its nav or None to inherit the
    # main one), or None without one.
    def edition_config(self, lang: str) -> tuple | None:
        path = self.root / f"mkdocs.{lang}.yml"
        if not path.is_file():
            return None
        try:
            data = copy.deepcopy(_config_settings(path.read_text(encoding="utf-8")))
        except (UnicodeDecodeError, OSError):
            data = {}  # MkDocs reports it when it reads the file
        docs = data.get("docs_dir")
        return self.root / (docs if isinstance(docs, str) else f"content/{lang}"), data.get("nav")

    # The 404 page's way to the other editions' home pages, each in its own language: a host serves
    # one 404 page for every missing address (GitHub Pages: the main edition's, also for /de/...).
    # Addresses from the site's root path, as the 404 page may be served at any depth.
    def _not_found_elsewhere(self) -> list[dict]:
        root = urlsplit(self.policy.site_url).path or "/"
        return [{"lang": lang, "href": root + self.prefix(lang), "text": escape(self.catalogs[lang]("theme.not_found_home"))}
                for lang in self.policy.languages if lang != self.lang and lang in self.catalogs]

    # The folder of one edition's pages: content/, content/<lang>/, or the docs_dir of its own
    # mkdocs.<lang>.yml.
    def edition_folder(self, lang: str) -> Path:
        own = self.edition_config(lang) if lang != self.main_language else None
        return own[0] if own else self.docs_dir(lang)

    # That folder as messages name it: "content/de/".
    def _folder_name(self, lang: str) -> str:
        return os.path.relpath(self.edition_folder(lang), self.root).replace(os.sep, "/").rstrip("/") + "/"

    # The Markdown pages of one edition, as paths within its folder (developers/index.md); the main
    # edition's without the other editions' folders.
    def pages(self, lang: str) -> list[str]:
        folder = self.edition_folder(lang)
        if not folder.is_dir():
            return []
        skip = set(self.edition_folders()) if lang == self.main_language else set()
        found = []
        for path in sorted(folder.rglob("*.md")):
            relative = path.relative_to(folder)
            if relative.parts[0] in skip or any(part.startswith(".") for part in relative.parts):
                continue
            found.append(relative.as_posix())
        return found

    # Files written beside the pages: the feeds and their schemas (support.json for integrations,
    # the widget's compact copies under support/), and the words of the browser scripts (live
    # status, calculator, language hint), one small file per language: a page has its own
    # language's inside it and fetches another's only for the hint that suggests it.
    def generated_files(self) -> dict:
        base_url = self.policy.site_url + self.prefix(self.lang)
        files = {
            **self._feeds(),
            **self._calendars(base_url),  # support.ics, support-<id>.ics
            "notices.atom": atom.notices_feed(self.policy, self.lang, base_url=base_url),
        }
        for lang in self.catalogs:
            files[f"assets/javascripts/locales/{lang}.json"] = json.dumps(
                self.browser_words(lang), ensure_ascii=False, sort_keys=True, indent=1) + "\n"
        return files

    # Bytes made from this edition's inputs (`make`), kept between builds with the pages under
    # `name` and `key`. `make` runs with this edition's catalogs installed: another edition's
    # Portal may have installed newer ones since (a catalog saved during the build).
    def _kept(self, name: str, make, *key) -> bytes:
        key = (name, self._page_inputs, *key)
        kept = cache.get(key)
        if kept is None:
            catalog.install(self.catalogs)
            kept = make()
            cache.put(key, kept)
        return kept

    # The feeds and their schemas: the same for every edition, made (or read back) once per build.
    def _feeds(self) -> dict:
        if _shared.get("policy") is not self.policy or _shared.get("version") != self.version:
            files = marshal.loads(self._kept("feeds", lambda: marshal.dumps(_feed_files(self.policy, self.version)),
                                             repr(self.version)))
            _shared.clear()
            _shared.update(policy=self.policy, version=self.version, files=files)
        return _shared["files"]

    # This edition's calendars, kept between builds with the pages (the same inputs), a file each.
    def _calendars(self, base_url: str) -> dict:
        names = [ics.calendar_file(None), *(ics.calendar_file(region.id) for region in self.policy.regions)]
        keys = {name: ("calendar", self._page_inputs, base_url, name, packages(("icalendar",))) for name in names}
        kept = {name: cache.get(key) for name, key in keys.items()}
        if None not in kept.values():
            return kept
        catalog.install(self.catalogs)
        files = ics.calendars(self.policy, self.lang, base_url)
        for name, key in keys.items():
            if kept[name] is None:
                cache.put(key, files[name])
        return files

    # The browser scripts' words in one language: in every page of that edition (no request) and
    # in locales/<lang>.json for the language hint and widgets embedded elsewhere.
    # A word the catalog lacks (missing_translations: fallback) is the first language's, marked
    # like the server's: "Open (pas encore traduit)". Settings and pure forms ("{text} ({regions})",
    # "; ") have nothing to translate and stay as they are.
    # Kept between builds with the pages (the same inputs: catalogs, policy, zones, Babel).
    def browser_words(self, lang: str) -> dict:
        return json.loads(self._kept("browser-words", lambda: json.dumps(
            self._browser_words(lang), ensure_ascii=False).encode("utf-8"), lang))

    def _browser_words(self, lang: str) -> dict:
        words = self.catalogs.get(lang) or catalog.get(lang)
        keys = {**{f"widget.{k}": k for k in words.section("widget.")},
                "table.label": "table", "language.hint": "hint", "language.hint_close": "hint_close",
                # The same words as the pages': a holiday with its official name, a closure with
                # its date, a priority's and a channel's name inside a sentence.
                **{key: name for name, key in BROWSER_TEXTS.items()}}
        note = words("untranslated")
        result = {}
        for key, name in keys.items():
            text = words.texts[key]
            if words.is_fallback(key) and key not in BROWSER_SETTINGS:
                text = _marked(text, self.policy.languages[0], note)
            result[name] = text
        return {**result, "locale": words.locale.replace("_", "-"), "untranslated": note,
                "formats": {**textfmt.browser_formats(lang), "days_of_month": words.words("date.days_of_month"),
                            "moment": words("notices.moment"),
                            "time_zone": words("notices.time"), "window": words("notices.window")},
                "zones": self.browser_zones(lang), "targets": self.browser_targets(lang)}

    # Every first-response target of the policy as the priorities page writes it ("4 business
    # hours"), by minutes and clock ("240b", "30c"): the calculator states the target in these words.
    def browser_targets(self, lang: str) -> dict:
        p = self.policy
        targets = [t for pr in p.priorities for t in (pr.first_response, *(c.first_response for c in pr.changes)) if t]
        return {f"{t.minutes}{'b' if t.business else 'c'}":
                textfmt.duration_words(t.minutes, t.business, p.business_day_minutes, lang) for t in targets}

    # The short name of every zone the policy uses, per period of the published horizon, as the
    # pages write it in `lang` (textfmt.zone_periods): the live parts name zones the same way.
    def browser_zones(self, lang: str) -> dict:
        p = self.policy
        zones = [r.zone for r in p.regions] + [c.schedule.zone for c in p.channels if c.schedule]
        zones += [dated.channel_zone(p, c) for c in p.channels] + [n.zone for n in p.notices]
        first, last = p.horizon
        return {zone: textfmt.zone_periods(zone, lang, first, last) for zone in dict.fromkeys(zones)}

    # The content/ path of a page of this edition, as errors name it: content/de/hours.md.
    def page_name(self, src_uri: str) -> str:
        return f"content/{self.prefix(self.lang)}{src_uri}"

    # A page's Markdown as text: UTF-8 (with or without a byte order mark), any line ends.
    def read_page(self, path: Path, src_uri: str) -> str:
        try:
            regular = stat.S_ISREG(os.stat(path).st_mode)
        except OSError:
            regular = False
        if not regular:  # a pipe would wait for a writer for ever
            raise render.PageError(self.page_name(src_uri), [
                (1, "the page is not a file of text (a pipe, a device or a folder named .md)",
                 "replace it with the page's Markdown file, or delete it")])
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw[:error.start].count(b"\n") + 1
            raise render.PageError(self.page_name(src_uri), [
                (line, f"the page is not UTF-8 text (byte 0x{raw[error.start]:02x}: {error.reason})",
                 "save the file as UTF-8 (most editors offer it under 'Save with encoding')")]) from None
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        _check_characters(text, self.page_name(src_uri))
        _check_front_matter(text, self.page_name(src_uri))
        return text

    # `first_line`: the line of the file the Markdown starts on, after front matter.
    # A page rendered before from the same text and inputs is the same again: kept between builds,
    # unless it says the build's instant.
    def render_markdown(self, markdown: str, src_uri: str, first_line: int = 1) -> str:
        key = self._page_key(markdown, src_uri, first_line)
        kept = cache.get(key)
        if kept is not None:
            return kept.decode("utf-8", "surrogatepass")
        catalog.install(self.catalogs)  # the words of the key, not another edition's loaded since
        context, facts = self.context, self._facts
        facts.instant_read = False
        text = render.render_page(self.env, markdown, context, self.page_name(src_uri), first_line)
        if not facts.instant_read:
            cache.put(key, text.encode("utf-8", "surrogatepass"))
        return text

    # The build's checks of a page short of rendering it: PageError or None. A page rendered
    # before from the same text and inputs passed them.
    def check_markdown(self, markdown: str, src_uri: str, first_line: int = 1) -> None:
        if cache.get(self._page_key(markdown, src_uri, first_line)) is not None:
            return
        render.check_page(self.env, markdown, self.context, self.page_name(src_uri), first_line)

    # Every page of every edition checked as it is before rendering (its encoding, its placeholders
    # against the facts of its language): the messages of all broken pages, in one run. The build
    # runs it before the first page, `make check` instead of the build. `split_meta` takes the
    # front matter off as MkDocs does: source -> (Markdown, meta).
    # `templates`: the names of the templates the theme and overrides/ offer, for `template:` in a
    # page's front matter (None: not checked).
    def page_problems(self, split_meta, templates=None) -> list[str]:
        failures = [problem for lang in self.policy.languages[1:] for problem in self.parity_problems(lang)]
        # Pages a menu leaves out: MkDocs names them after this check, so where this fails, here.
        at = len(failures)
        failures += self.menu_title_problems()
        for lang in self.policy.languages:
            edition = self if lang == self.lang else Portal(self.root, self.today, lang, self.policy)
            folder = self.edition_folder(lang)
            for page in self.pages(lang):
                try:
                    source = edition.read_page(folder / page, page)
                    markdown, meta = split_meta(source)
                    first_line = source[:-len(markdown)].count("\n") + 1 if markdown and source.endswith(markdown) else 1
                    if templates is not None:
                        _check_template(edition.page_name(page), source, meta, templates)
                    edition.check_markdown(markdown, page, first_line)
                except render.PageError as error:
                    failures.append(str(error))
        if not failures:  # (MkDocs names the pages left out itself: only worked out for a failing build)
            return []
        return failures[:at] + [str(problem) for problem in self.omitted_problems()] + failures[at:]

    # What a rendered page would wrongly show readers, each with the line of the page's source.
    def page_warnings(self, html: str, source: str, src_uri: str) -> list[str]:
        return render.page_warnings(html, source, self.page_name(src_uri))

    def finish_html(self, html: str) -> str:
        html = render.mark_fallbacks(html, self.main_language, self.words("untranslated"))
        return render.strip_policy_markers(html)

    # Links under `folders` (content/, overrides/) to anything outside the project: the build would
    # publish the file they point to (/etc/passwd, /proc/self/environ); and links to a folder that
    # contains them (`ln -s . content/loop`), which MkDocs would follow until the system stops it.
    # Other links inside are fine.
    def links_outside(self, folders) -> list[str]:
        root = Path(os.path.realpath(self.root))

        def outside(path: Path) -> bool:
            return not Path(os.path.realpath(path)).is_relative_to(root)

        found, loops, seen = [], [], set()
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
                loops += [Path(directory) / name for name in subfolders if (Path(directory) / name).is_symlink()
                          and Path(real).is_relative_to(os.path.realpath(Path(directory) / name))]
                subfolders[:] = [name for name in subfolders if not outside(Path(directory) / name)
                                 and Path(directory) / name not in loops]
        return sorted([*(f"{os.path.relpath(link, self.root)} is a link to {os.readlink(link)}, outside the project\n"
                         "    Fix: replace the link by a copy of the file, or delete it" for link in found),
                       *(f"{os.path.relpath(link, self.root)} is a link to {os.readlink(link)}, a folder that "
                         "contains the link itself: the build would walk it without end\n"
                         "    Fix: delete the link (a page of another folder is linked in Markdown: [title](../page.md))"
                         for link in loops)])

    # The same page in every language that has it: name, language, link from this page, full URL.
    def alternates(self, src_uri: str, page_url: str) -> list[dict]:
        up = "../" * (page_url.count("/") + (1 if self.prefix(self.lang) else 0))
        result = []
        for lang in self.policy.languages:
            if not (self.docs_dir(lang) / src_uri).is_file():
                continue
            result.append({
                "lang": lang, "name": escape(self.catalogs[lang]("language.name")), "current": lang == self.lang,
                "href": (up + self.prefix(lang) + page_url) or "./",
                "url": self.policy.site_url + self.prefix(lang) + page_url,
            })
        return result


# An edition without its own mkdocs.<lang>.yml takes the theme's words (search, menu, buttons) for
# `lang`: a problem at company.yml's languages where the theme has none (`has_template` says
# whether the theme has a template). The build and `make check` both ask this.
def theme_language_problem(root: Path, lang: str, has_template) -> Problem | None:
    if (root / f"mkdocs.{lang}.yml").is_file() or has_template(f"partials/languages/{lang}.html"):
        return None
    return Problem("policy/company.yml", catalog.languages_line(root), "languages",
                   f"the theme has no words of its own (search, menu, buttons) in '{lang}'",
                   f"write mkdocs.{lang}.yml (INHERIT: mkdocs.yml) with theme.language set to a language "
                   "the theme has, or remove the language")


# A page holds no character the policy texts refuse (checks/values.py): no invisible control
# character (NUL, escape; a tab is text) and no bidi embedding or override (U+202A-U+202E), which
# can make a line read as another; else PageError naming each line with one, and where it stands.
def _check_characters(text: str, page: str) -> None:
    refused = {char for char in set(text) if char != "\t" and invisible_character(char)}  # (each character once)
    if not refused:
        return
    problems = [(number, f"the page contains {said}", INVISIBLE_FIX) for number, line in enumerate(text.split("\n"), 1)
                if not refused.isdisjoint(line) and (said := _invisible_in(line, "at the start of the line"))]
    if problems:
        raise render.PageError(page, problems)


# The first character of `text` no text may hold (a tab aside) and where it stands: "the invisible
# control character U+0000 (after 'Call us')", or `start` in the brackets; None without one.
def _invisible_in(text: str, start: str) -> str | None:
    found = next(((column, hidden) for column, char in enumerate(text)
                  if char != "\t" and (hidden := invisible_character(char))), None)
    if found is None:
        return None
    column, hidden = found
    before = text[:column][-20:].lstrip()
    where = f"after '{before}'" if before else start
    return f"{hidden} ({where})"


# A page's front matter (settings between two "---" lines at its top, as MkDocs reads them) is
# YAML settings, key: value; else PageError. MkDocs would publish broken settings as the page's
# first lines ("title: [unclosed" as a heading) without a word.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def _check_front_matter(text: str, page: str) -> None:
    found = _FRONT_MATTER.match(text)
    if not found:
        return
    fix = ('write each setting on its own line as key: value, and quote a value with a colon or brackets: '
           'title: "Support: hours"')
    # (after an empty line in place of the first ---: YAML's lines are the page's)
    settings = "\n" + found.group(1)
    try:
        data = yaml.safe_load(settings)
    except yaml.YAMLError as error:
        line, said, hint = yamlload.explain(settings, error)
        line = min(max(line, 2), settings.count("\n"))  # one of its own lines
        raise render.PageError(page, [(line, f"the page's settings (between the --- lines at its top) are not "
                                             f"valid: {said}", hint)]) from None
    if not isinstance(data, dict):
        raise render.PageError(page, [(2, "the page's settings (between the --- lines at its top) are not "
                                          "settings (key: value)", fix + "; or delete the --- lines")])


# "the page is missing" from an edition's folder `name`: the main edition's `source` (or None: a
# page the nav names), and whether the edition's own nav must name it too.
def _missing_page(name: str, page: str, source: str | None, lang: str, own_nav: bool = False) -> Problem:
    return Problem(f"{name}{page}", 0, "", "the page is missing" + (
        f" ({source} has no {lang} version)" if source else " (the nav names it)"),
        f"copy {source} to {name}{page} and translate it" + (
            f", and add it to the nav of mkdocs.{lang}.yml" if own_nav else "") if source else
        f"write {name}{page}, or take it out of the nav")


# A page's `template:` (front matter) names a template the theme or overrides/ has; else PageError
# (MkDocs would stop with a traceback).
def _check_template(page: str, source: str, meta: dict, templates) -> None:
    name = meta.get("template") if isinstance(meta, dict) else None
    if name is None or (isinstance(name, str) and name in templates):
        return
    line = next((number for number, text in enumerate(source.split("\n"), 1) if text.startswith("template:")), None)
    pages = sorted(t for t in templates if t.endswith(".html") and "/" not in t)
    raise render.PageError(page, [(line, f"the template '{name}' does not exist in overrides/ or the theme",
                                   f"use one of {', '.join(pages)}, or delete the line to use main.html")])


# A nav (mkdocs.yml's `nav:`) with every title escaped once, as Markup: the theme writes nav titles
# into every page unescaped (the menu, the tabs, the header, the footer), and its `| e` filters
# leave Markup alone. A title escaped before (a catalog's) stays as it is.
def escaped_nav(nav):
    if not isinstance(nav, list):
        return nav
    return [{escape(title) if isinstance(title, str) else title: escaped_nav(target) for title, target in item.items()}
            if isinstance(item, dict) else item for item in nav]


# Every title of the nav of an MkDocs configuration's text, sections' too, in its order, each with
# its line; none where the text is no YAML mapping (MkDocs reports that).
def nav_title_lines(text: str) -> list[tuple[str, int]]:
    try:
        root = yaml.compose(text, Loader=_ConfigLoader)
    except yaml.YAMLError:
        return []
    found = []

    def walk(node):
        for item in node.value if isinstance(node, yaml.SequenceNode) else ():
            for key, value in item.value if isinstance(item, yaml.MappingNode) else ():
                if isinstance(key, yaml.ScalarNode):
                    found.append((key.value, key.start_mark.line + 1))
                walk(value)

    for key, value in root.value if isinstance(root, yaml.MappingNode) else ():
        if isinstance(key, yaml.ScalarNode) and key.value == "nav":
            walk(value)
    return found


# Every title of a nav (mkdocs.yml's `nav:`), sections' too, in its order.
def nav_titles(nav) -> list[str]:
    found = []
    for item in nav if isinstance(nav, list) else ():
        if isinstance(item, dict):
            for title, target in item.items():
                if isinstance(title, str):
                    found.append(title)
                found += nav_titles(target)
    return found


# The Markdown pages a nav names, in its order: developers/index.md (not links to elsewhere).
def _nav_pages(nav) -> list[str]:
    found = []
    for item in nav if isinstance(nav, list) else []:
        targets = item.values() if isinstance(item, dict) else [item]
        for target in targets:
            if isinstance(target, list):
                found += _nav_pages(target)
            elif isinstance(target, str) and target.endswith(".md") and "://" not in target:
                found.append(target.lstrip("/"))
    return list(dict.fromkeys(found))


# Reads an MkDocs configuration for its plain settings: tags such as !!python/name or !ENV read as None.
class _ConfigLoader(yaml.SafeLoader):
    pass


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


# A configuration's settings (empty where it is not a mapping or not YAML: MkDocs reports that),
# read once per text, by the same parser as MkDocs (which refuses what libyaml's might accept).
@functools.lru_cache(maxsize=16)
def _config_settings(text: str) -> dict:
    try:
        data = yaml.load(text, Loader=_ConfigLoader)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


# The files that are the same in every language: support.json, its schemas and the widget's
# compact feeds (every region's, each region's), made once for the editions of one build.
_shared: dict = {}


def _feed_files(policy, version) -> dict:
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
    return files
