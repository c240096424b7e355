# The pages of each edition and their menus, and the checks of them that need no policy: a page's
# encoding, characters, settings, template and placeholders (against what each fact is, not its
# value), the pages one edition lacks, the pages a menu leaves out or names wrongly. The build and
# `make check` run them with the policy's facts (site.Portal, a Pages) and, where the policy has
# problems, without them: every problem of the pages in the same run as the policy's.

from __future__ import annotations

import copy
import datetime as dt
import functools
import os
import re
import stat
from pathlib import Path

import yaml
from markupsafe import escape

from . import render, yamlload
from .buildmessages import link_line, suggest_page
from .checks.values import INVISIBLE_FIX, invisible_character
from .loading import Problem


class Pages:
    # `languages`: company.yml's, the main one first; `main`: the main edition's mkdocs.yml (its
    # nav and settings) or None; `lang`: the edition this one is.
    def __init__(self, root: Path, today: dt.date, languages, main: dict | None = None, lang: str | None = None):
        self.root, self.today = root, today
        self.languages = tuple(languages)
        self.lang = lang or next(iter(self.languages), None)
        self.main_nav = (main or {}).get("nav")  # the menu of mkdocs.yml, for parity_problems
        self.main_settings = main or {}  # for the pages the menus leave out (omitted_pages)
        self._omitted: dict = {}  # language -> its pages the menu leaves out, once worked out
        self.told: set = set()  # problems a report gave already (the policy's): not given again

    # The page renderer's environment (its parser, for the checks).
    @functools.cached_property
    def env(self):
        return render.environment()

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
        names = ["mkdocs.yml"] + [f"mkdocs.{lang}.yml" for lang in self.languages[1:]
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

    # The build's checks of a page short of rendering it: PageError or None. Here against what each
    # fact is (a text, a list, a function and its parameters), which needs no policy; the Portal
    # checks against its facts.
    def check_markdown(self, markdown: str, src_uri: str, first_line: int = 1) -> None:
        render.check_page(self.env, markdown, render.Facts.shapes(), self.page_name(src_uri), first_line)

    # The same checks for another edition.
    def edition(self, lang: str) -> Pages:
        return self if lang == self.lang else Pages(self.root, self.today, self.languages, self.main_settings, lang)

    # Every page of every edition checked as it is before rendering (its encoding, its placeholders
    # against the facts of its language, or against what each fact is where the policy has
    # problems): the messages of all broken pages, in one run. The build runs it before the first
    # page (or, where the policy has problems, after them), `make check` instead of the build.
    # `split_meta` takes the front matter off as MkDocs does: source -> (Markdown, meta).
    # `templates`: the names of the templates the theme and overrides/ offer, for `template:` in a
    # page's front matter (None: not checked). `failing`: whether the build fails anyway (the
    # policy has problems), so MkDocs will not check the menus after this.
    def page_problems(self, split_meta, templates=None, failing: bool = False) -> list[str]:
        failures = [problem for lang in self.languages[1:] for problem in self.parity_problems(lang)]
        # Pages a menu leaves out: MkDocs names them after this check, so where this fails, here.
        at = len(failures)
        failures += self.menu_title_problems()
        for lang in self.languages:
            edition = self.edition(lang)
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
        if not failures and not failing:  # (MkDocs names the menus' problems itself after a passing check)
            return []
        left_out = [str(problem) for problem in self.omitted_problems()]
        failures = failures[:at] + self.menu_entry_problems() + left_out + failures[at:]
        return [failure for failure in failures if failure not in self.told]

    # The entries of the main menu (mkdocs.yml's nav) that name no page of content/: MkDocs names
    # them after the portal's checks (buildmessages.py explains its message), so where those fail,
    # here, in its words. (The other editions' are the Portal's edition_problems; a page of another
    # edition's own menu only, parity_problems'.)
    def menu_entry_problems(self) -> list[str]:
        folder = self.edition_folder(self.main_language)
        elsewhere = [self.edition_folder(lang) for lang in self.languages[1:]
                     if (own := self.edition_config(lang)) and own[1] is not None]
        missing = [page for page in _nav_pages(self.main_nav) if not (folder / page).is_file()
                   and not any((other / page).is_file() for other in elsewhere)]
        if not missing:
            return []
        try:
            text = (self.root / "mkdocs.yml").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        pages = self.pages(self.main_language)
        return [str(Problem("mkdocs.yml", link_line(text, page) or 0, "nav",
                            f"the menu names {page}, which is not a page of {self._folder_name(self.main_language)}",
                            f"name a page of the edition{suggest_page(page, '', pages)}, or take the line out of the nav"))
                for page in missing]


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
