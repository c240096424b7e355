# The portal for one build of one language: the loaded policy, the page renderer, the generated
# files, and where each page lives in the other languages.

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import marshal
import os
import pickle
import sys
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import escape

from . import atom, cache, catalog, dated, feed, ics, jsonld, render, textfmt, version
from .loading import PolicyError, Problem, load_policy, packages
from .model import zones as model_zones
# (escaped_nav, nav_titles and nav_title_lines: the adapter's and the tests' from here)
from .pages import Pages, _missing_page, _nav_pages, escaped_nav, nav_title_lines, nav_titles  # noqa: F401

SCHEMAS = Path(__file__).resolve().parent / "schemas"
# Catalog texts the browser receives beside the widget.* section, by the name the script reads.
BROWSER_TEXTS = {"name_official": "holidays.official", "name_date": "calendar.name_date",
                 "name_dates": "calendar.name_dates",
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


class Portal(Pages):
    # Every problem found before pages are rendered comes in one PolicyError: the policy's, the
    # catalogs' of its languages (read also when the policy has problems, as long as company.yml
    # names its languages) and, given the main edition's mkdocs.yml (`main`: its theme and nav),
    # every other edition's missing pages and nav titles. `make check` runs the same. Where
    # company.yml names the languages, the error's `pages` (a Pages, or None) checks the pages
    # without the policy, for their problems in the same run.
    def __init__(self, root: Path, today: dt.date, lang: str | None = None, policy=None,
                 built_at: dt.datetime | None = None, main: dict | None = None):
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
        super().__init__(root, today, settings[0] if settings else (), main, lang)
        # (A build of another language than the main one is refused by the adapter, with its reason.)
        if main is not None and self.languages and (lang is None or lang == self.languages[0]):
            edition = [p for other in self.languages[1:]
                       for p in self.edition_problems(other, main.get("theme"), main.get("nav"))]
            problems += edition
            if edition:  # the build stops before MkDocs names pages left out of a menu: named here
                problems += self.omitted_problems()
        if problems:
            error = PolicyError(problems)
            # The pages' own checks, for the main edition's build: every edition's, or where
            # company.yml's languages cannot be read, the main edition's (its theme's language).
            theme = main.get("theme") if main is not None else None
            languages = self.languages or ((theme["language"],) if isinstance(theme, dict)
                                           and isinstance(theme.get("language"), str) else ())
            if main is not None and languages and (lang is None or lang == languages[0]):
                error.pages = Pages(root, today, languages, main, lang)
                error.pages.told = {str(problem) for problem in error.problems}
            raise error
        if built_at is not None and self.policy.built_at != built_at:
            self.policy = dataclasses.replace(self.policy, built_at=built_at)
        self.version = version.published_version(self.policy, root)
        catalog.install(self.catalogs)
        self.words = self.catalogs.get(self.lang) or catalog.get(self.lang)

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

    # The 404 page's way to the other editions' home pages, each in its own language: a host serves
    # one 404 page for every missing address (GitHub Pages: the main edition's, also for /de/...).
    # Addresses from the site's root path, as the 404 page may be served at any depth.
    def _not_found_elsewhere(self) -> list[dict]:
        root = urlsplit(self.policy.site_url).path or "/"
        return [{"lang": lang, "href": root + self.prefix(lang), "text": escape(self.catalogs[lang]("theme.not_found_home"))}
                for lang in self.policy.languages if lang != self.lang and lang in self.catalogs]

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
                # its date or its first and last, a priority's and a channel's name inside a sentence.
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

    # The build's checks of a page short of rendering it, against this edition's facts: PageError or
    # None. A page rendered before from the same text and inputs passed them.
    def check_markdown(self, markdown: str, src_uri: str, first_line: int = 1) -> None:
        if cache.get(self._page_key(markdown, src_uri, first_line)) is not None:
            return
        render.check_page(self.env, markdown, self.context, self.page_name(src_uri), first_line)

    def edition(self, lang: str) -> Portal:
        return self if lang == self.lang else Portal(self.root, self.today, lang, self.policy)

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
