# MkDocs adapter of the support portal: loads the policy, renders pages, writes the feeds,
# builds the other languages' editions, and publishes a build only when all of it succeeded.
# All logic lives in the supportportal package, which knows nothing of MkDocs.

from __future__ import annotations

import copy
import datetime as dt
import importlib
import logging
import os
import re
import shutil
import sys
import threading
from pathlib import Path

import jinja2
import yaml
from markupsafe import Markup, escape
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, get_files
from mkdocs.structure.pages import Page
from mkdocs.utils import meta as mkdocs_meta
from mkdocs.utils import yaml_load
from mkdocs.utils.yaml import get_yaml_loader
from mkdocs.utils.meta import get_data as get_markdown_and_meta
from pathspec.gitignore import GitIgnoreSpec

import supportportal.atom
import supportportal.buildmessages
import supportportal.cache
import supportportal.catalog
import supportportal.closures
import supportportal.feed
import supportportal.ics
import supportportal.jsonld
import supportportal.loading
import supportportal.model
import supportportal.parsing
import supportportal.render
import supportportal.site
import supportportal.textfmt
import supportportal.version
import supportportal.yamlload

log = logging.getLogger("mkdocs.plugins.supportportal")

# Reloaded in this order by `mkdocs serve`, so edits to the package apply without a restart.
# Every module a build imports (tests/test_serve.py checks the list against the package).
_MODULES = ("cache", "model", "dated", "parsing", "yamlload", "closures", "checks.values", "checks.context",
            "checks.structure", "checks.dated", "checks.company", "checks.regions", "checks.holidays",
            "checks.channels", "checks.priorities", "checks.process", "checks.maintenance", "checks.notices",
            "loading", "catalog", "textfmt", "version", "feed", "ics", "render", "atom", "jsonld", "buildmessages",
            "pages", "site")
_SERVE_POLL_SECONDS = 0.1
_SERVE_BUILD_DELAY = 0.02


# One build in progress; the main edition's build runs the other editions' builds inside it
# (in `mkdocs serve`, after it: see _Editions).
class _Build:
    def __init__(self):
        self.portal = None
        self.staged_from = None  # the real site_dir while this build writes elsewhere
        self.warnings = _WarningCounter()
        self.sources: dict[str, str] = {}  # each page's file as read, for the lines of its mistakes
        self.built_at = None  # the build's instant: one for every edition of a build
        self.config_file = None  # the edition's MkDocs configuration (its nav)


_command: dict = {}
_builds: list[_Build] = []
# What `mkdocs serve` keeps between rebuilds: the package files' state when its modules were last
# (re)loaded, and the last policy loaded with the state of the files it was read from.
_served: dict = {}


# `mkdocs serve` shows the main edition's pages as soon as they are built, and builds the other
# editions after it in a thread of their own; the next rebuild waits for the thread, so one build
# runs at a time. A request for a page of another edition waits until that edition is built for
# the latest rebuild (a rebuild started meanwhile empties the site folder, so it waits again),
# and after a mistake in it gets the build's message (503) instead of the old or a missing page.
# Their mistakes are printed like the main edition's.
class _Editions:
    def __init__(self):
        self.serving = False  # set once the server watches for changes (after the first build)
        self.ready = threading.Condition()
        self.started = 0  # rebuilds started
        self.built = 0  # the rebuild whose other editions are built
        self.failed = None  # (rebuild, message) of the last rebuild whose other editions failed
        self.folders: tuple = ()  # their folders in the site: ("de/",)
        self.pending = None  # the main edition's build and config, whose editions are to build
        self.thread = None

    # Before a rebuild: hold the other editions' pages (from now on only this rebuild's will do),
    # then wait for the editions of the last one.
    def hold(self) -> None:
        with self.ready:
            self.started += 1
        self.join()
        self.pending = None

    # The main edition's build leaves its editions to the thread started after it.
    def build_later(self, build: _Build, config: MkDocsConfig) -> None:
        self.folders = tuple(build.portal.prefix(lang) for lang in build.portal.policy.languages[1:])
        self.pending = (build, config, self.started)

    def start(self) -> None:
        if self.pending is None:
            return
        self.thread = threading.Thread(target=self._run, args=self.pending, name="editions", daemon=True)
        self.pending = None
        self.thread.start()

    def join(self) -> None:
        if self.thread is not None:
            self.thread.join()
            self.thread = None

    # For a file of another edition: None once it is built for the latest rebuild, else the
    # message of that rebuild's mistake in it.
    def wait_for(self, path: str, mount_path: str) -> str | None:
        if not any((path + "/").startswith(mount_path + folder) for folder in self.folders):
            return None
        with self.ready:
            self.ready.wait_for(lambda: self.built == self.started or (self.failed and self.failed[0] == self.started))
            return None if self.built == self.started else self.failed[1]

    def _run(self, build: _Build, config: MkDocsConfig, rebuild: int) -> None:
        _builds.append(build)  # the editions' builds read the main build's policy
        _editions_error.clear()
        try:
            for lang in build.portal.policy.languages[1:]:
                _build_edition(build.portal, lang, config)
        except (Exception, SystemExit) as error:
            log.error(f"{error}\nThe pages of the other editions wait until the mistake is fixed and saved.",
                      exc_info=not isinstance(error, (PluginError, SystemExit)))
            with self.ready:
                # The mistake as the build said it (a page's line and fix), not only MkDocs' "Aborted".
                self.failed = (rebuild, "\n".join([*_editions_error, str(error)]))
                self.ready.notify_all()
        else:
            with self.ready:
                self.built = rebuild
                self.ready.notify_all()
        finally:
            _builds.clear()  # no other build runs meanwhile: whatever a failed build left


_editions = _Editions()
_editions_error: list[str] = []  # the errors of the other editions' builds in the preview, for its 503 page


# Hooks

def on_startup(*, command: str, dirty: bool) -> None:
    _command["name"] = command
    _unset_empty_epoch()


# SOURCE_DATE_EPOCH set but empty counts as unset (README): MkDocs itself reads it too (the
# sitemap's dates, its build time) and would fail on an empty value, so it is removed.
def _unset_empty_epoch() -> None:
    if "SOURCE_DATE_EPOCH" in os.environ and not os.environ["SOURCE_DATE_EPOCH"].strip():
        del os.environ["SOURCE_DATE_EPOCH"]


# First of all plugins' on_config: the build is recorded (so on_build_error finds its own) and its
# warnings are counted from here on.
@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    outermost = not _builds
    build = _Build()
    _builds.append(build)
    logging.getLogger("mkdocs").addHandler(build.warnings)
    if outermost:
        for name in _EXPLAINED_LOGGERS:
            logging.getLogger(name).addFilter(_explain)
    build.config_file = Path(config.config_file_path)
    serving = outermost and _command.get("name") == "serve"
    if serving:
        _reload_changed_package()
    root = Path(config.config_file_path).resolve().parent
    _unset_empty_epoch()
    # Every edition of one build has the instant of the outermost build (the notices' states as
    # of it, the feed's entries), and so shares its policy and what is made once per policy.
    build.built_at = _build_instant() if outermost or _builds[0].built_at is None else _builds[0].built_at
    built_at = build.built_at
    today = built_at.date()
    if outermost:  # results kept between builds: the policy's model, pages, zone definitions ...
        supportportal.cache.use(None if _served.get("reloaded") else root / ".cache" / "supportportal")
    # Another edition built inside the main build reads the policy the main build has loaded; a
    # rebuild of `mkdocs serve` the policy of the last build while its files are unchanged.
    policy_key = (root, today, supportportal.yamlload.files_state(_policy_files(root))) if serving else None
    policy = _served.get("policy") if serving and _served.get("policy_key") == policy_key else None
    if not outermost and _builds[0].portal.root == root:
        policy = _builds[0].portal.policy
    try:
        # The main build checks every edition's pages and nav titles too; the preview serves the
        # main edition first and reports the other editions' mistakes after it.
        portal = supportportal.site.Portal(root, today, config.theme.get("language"), policy, built_at,
                                           main=_main_settings(config) if outermost and not serving else None)
    except supportportal.loading.PolicyError as error:
        raise PluginError(report_without_policy(error, config, set(config.theme.get_env().list_templates()))) from None
    if serving:
        _served.update(policy=portal.policy, policy_key=policy_key)
    config_name = Path(config.config_file_path).name
    if portal.lang not in portal.policy.languages:
        raise PluginError(f"{config_name} builds the '{portal.lang}' edition, but "
                          f"policy/company.yml lists only: {', '.join(portal.policy.languages)}")
    if outermost and portal.lang != portal.main_language:
        raise PluginError(f"policy/company.yml lists '{portal.main_language}' first, so the main edition is "
                          f"'{portal.main_language}', but {config_name} sets theme.language: {portal.lang}. "
                          f"Fix: list '{portal.lang}' first in languages, or build with mkdocs.yml")
    if not outermost and portal.lang == portal.main_language:
        raise PluginError(f"{config_name} sets theme.language: {portal.lang}, the main edition's language: "
                          "set it to the language of this edition")
    # A link under content/ or overrides/ to a file outside the project would publish that file.
    links = portal.links_outside([config.docs_dir, *([config.theme.custom_dir] if config.theme.custom_dir else [])])
    if links:
        raise PluginError(f"{len(links)} link(s) under content/ or overrides/ cannot be published; nothing was published:\n"
                          + "\n".join(f"  - {link}" for link in links))
    portal.configure(config)
    config.nav = supportportal.site.escaped_nav(config.nav)  # menu titles shown as text
    _share_theme_work(config.theme)
    # The main edition leaves the other languages' folders (content/de/) to their own builds.
    if portal.lang == portal.main_language:
        editions = GitIgnoreSpec.from_lines([f"/{lang}/" for lang in portal.edition_folders()])
        config.exclude_docs = config.exclude_docs + editions if config.exclude_docs else editions
    # `mkdocs build` writes into a fresh folder and replaces site/ only when everything succeeded.
    build.portal = portal
    # Notes: valid, but likely not meant (a notice ending in 2062); they fail nothing, even --strict,
    # and read as `make check` prints them.
    if outermost:
        for note in portal.policy.notes:
            log.info(note.as_note())
    if outermost and _command.get("name") == "build":
        build.staged_from = config.site_dir
        try:
            config.site_dir = _staging_dir(config.site_dir, free=True)
        except OSError as error:
            raise PluginError(f"The build writes into {_staging_dir(config.site_dir)} first, and what lies there "
                              f"could not be removed: {error}. Fix: remove it, then build again.")
    return config


# The preview looks for saved files every tenth of a second instead of MkDocs' half second (a
# quarter of a second sooner on average; each look takes about 2 ms). The watches made so far
# move to the faster watcher, and those made after this event go to it. A rebuild starts once
# the changes one look found are all reported (MkDocs waits a tenth of a second for more).
def on_serve(server, *, config: MkDocsConfig, builder):
    from watchdog.observers.polling import PollingObserver  # `mkdocs build` does not need it

    watched = [(emitter.watch.raw_path, emitter.watch.is_recursive) for emitter in server.observer.emitters]
    for path, _ in watched:
        server.unwatch(path)
    server.observer = PollingObserver(timeout=_SERVE_POLL_SECONDS)
    for path, recursive in watched:
        server.watch(path, recursive=recursive)
    server.build_delay = _SERVE_BUILD_DELAY
    # Each rebuild waits for the last one's other editions, holds their pages, builds the main
    # edition and then starts the other editions' builds.
    build_main = server.builder

    def rebuild() -> None:
        _editions.hold()
        build_main()
        _editions.start()

    server.builder = rebuild
    serve_files = server.get_app()

    def serve_built_files(environ, start_response):
        mistake = _editions.wait_for(environ.get("PATH_INFO", ""), server.mount_path)
        if mistake is None:
            return serve_files(environ, start_response)
        body = (f"This edition was not rebuilt after the last change:\n\n{mistake}\n\n"
                "Fix the mistake and save; this page shows the edition once it is built.\n").encode("utf-8")
        start_response("503 Service Unavailable", [("Content-Type", "text/plain; charset=utf-8"),
                                                   ("Content-Length", str(len(body))), ("Retry-After", "1")])
        return [body]

    server.set_app(serve_built_files)
    policy = _served.get("policy")
    if policy is not None:  # the first rebuild holds the other editions' pages too
        _editions.folders = tuple(f"{lang}/" for lang in policy.languages[1:])
    _editions.serving = True
    return server


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    portal = _builds[-1].portal
    # Before the first page: every broken page of every edition at once (`make check` runs the same).
    # The preview serves the main edition first and reports the other editions' mistakes after it.
    if len(_builds) == 1 and _command.get("name") != "serve":
        failures = report_pages(portal, config, set(config.theme.get_env().list_templates()))
        if failures:
            raise PluginError(failures)
    for path, content in portal.generated_files().items():
        files.append(File.generated(config, path, content=content))
    return files


# Pages are read here rather than by MkDocs, so a page that is not UTF-8 is named with its line.
def on_page_read_source(*, page: Page, config: MkDocsConfig) -> str | None:
    build = _builds[-1]
    if page.file.generated_by:  # a page made by the build, not a file of content/
        return None
    try:
        source = build.portal.read_page(Path(page.file.abs_src_path), page.file.src_uri)
    except supportportal.render.PageError as error:
        raise PluginError(str(error)) from None
    build.sources[page.file.src_uri] = source
    return source


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = _builds[-1]
    # The same page in the other languages, for the language switch and the sitemap's hreflang
    # (set here: the sitemap is rendered before the pages).
    page.meta["alternates"] = build.portal.alternates(page.file.src_uri, page.url)
    # Lines are counted in the file, front matter included.
    source = build.sources.get(page.file.src_uri, "")
    first_line = source[:-len(markdown)].count("\n") + 1 if markdown and source.endswith(markdown) else 1
    try:
        return build.portal.render_markdown(markdown, page.file.src_uri, first_line)
    except supportportal.render.PageError as error:
        raise PluginError(str(error)) from None


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = _builds[-1]
    for warning in build.portal.page_warnings(html, build.sources.get(page.file.src_uri, ""), page.file.src_uri):
        log.warning(warning)
    # Headings with policy texts reach the table of contents and the search index as well.
    _strip_markers(page.toc)
    # Titles are shown as text, escaped once, as Markup the theme's `| e` leaves alone: a title of
    # the nav is (supportportal.site.escaped_nav), one of the page's front matter is escaped here
    # (the theme writes page.title and page.meta.title unescaped: menu, header, <title>, search
    # index); one of its first heading is HTML already.
    if page.title:
        title = supportportal.render.plain_text(page.title)
        if isinstance(page.title, Markup):
            page.title = Markup(title)
        elif isinstance(page.meta.get("title"), str) and page.title == page.meta["title"]:
            page.title = page.meta["title"] = escape(title)
        else:
            page.title = title
    return build.portal.finish_html(html)


@event_priority(-100)
def on_post_build(*, config: MkDocsConfig) -> None:
    build = _builds[-1]
    portal = build.portal
    if portal.lang == portal.main_language:
        if _editions.serving and len(_builds) == 1:  # a rebuild of `mkdocs serve`
            _editions.build_later(build, config)
        else:
            for lang in portal.policy.languages[1:]:
                _build_edition(portal, lang, config)
    _builds.pop()
    logging.getLogger("mkdocs").removeHandler(build.warnings)
    if not _builds:
        for name in _EXPLAINED_LOGGERS:
            logging.getLogger(name).removeFilter(_explain)
    if build.staged_from is None:
        return
    if config.strict and build.warnings.count:
        _remove(Path(config.site_dir), ignore_errors=True)
        log.error(f"{build.warnings.count} warning(s) in strict mode: {build.staged_from} was left as it was")
        return
    try:
        _replace_dir(Path(config.site_dir), Path(build.staged_from))
    except OSError as error:
        raise PluginError(f"The new site in {config.site_dir} could not replace {build.staged_from}: {error}. "
                          f"Fix: make {build.staged_from} and the folder holding it writable, then build again.")
    config.site_dir = build.staged_from


# The preview stops only after the other editions' build (it writes into the folder MkDocs removes).
def on_shutdown() -> None:
    _editions.join()


def on_build_error(*, error: Exception) -> None:
    if threading.current_thread().name == "editions":
        _editions_error.append(str(error))
    if not _builds:
        return
    build = _builds.pop()
    logging.getLogger("mkdocs").removeHandler(build.warnings)
    if not _builds:
        for name in _EXPLAINED_LOGGERS:
            logging.getLogger(name).removeFilter(_explain)
    if build.staged_from is not None:
        _remove(Path(_staging_dir(build.staged_from)), ignore_errors=True)


# Helper functions

# The report where the policy has problems: its problems, then those of the pages and of their
# links, which need no policy, so every problem is named in one run (`make check` prints the same).
# `config`: the main edition's configuration (None: MkDocs cannot read it, and says so once the
# policy loads); `templates`: the names of the theme's templates (None: not checked).
def report_without_policy(error, config: MkDocsConfig | None, templates: set | None) -> str:
    if error.pages is None:
        return error.report()
    return "\n".join([error.report(), *_page_report(error.pages, config, templates, failing=True)])


# The report where the pages have problems (a placeholder not called, a template not there) and the
# policy has none: those problems, then the links between pages MkDocs can judge without rendering
# them (as above), so a broken link is named in the same run. None: no problem. (`make check` too.)
def report_pages(pages, config: MkDocsConfig | None, templates: set | None) -> str | None:
    lines = _page_report(pages, config, templates)
    return "\n".join(lines) if lines else None


def _page_report(pages, config: MkDocsConfig | None, templates: set | None, failing: bool = False) -> list[str]:
    problems = pages.page_problems(get_markdown_and_meta, templates, failing=failing)
    if not problems and not failing:
        return []
    return [*problems, *(page_links_without_policy(pages, config) if config is not None else [])]


# The links between pages where the policy has problems (the build stops before MkDocs renders a
# page): each edition's pages rendered by MkDocs' own Markdown as they are written (placeholders
# unfilled), with the edition's configuration and files as its build finds them, and MkDocs' messages
# on the links it can judge without the files the policy makes (a page that is not there, an
# absolute link, a link it does not recognise), with the file, the line and the fix as the build
# gives them. Links to the files the build makes (support.ics) and to headings are checked once the
# policy has no problems. `pages`: the pages' checks of the PolicyError (supportportal.pages.Pages);
# `config`: the main edition's configuration (its Markdown extensions and link settings).
def page_links_without_policy(pages, config: MkDocsConfig) -> list[str]:
    logger = logging.getLogger("mkdocs.structure.pages")
    found, propagate, level, filters = _Records(), logger.propagate, logger.level, list(logger.filters)
    logger.addHandler(found)
    logger.propagate = False  # said once, in the report, not also as the build's warnings
    logger.setLevel(logging.INFO)  # and made under `mkdocs build -q` too, which shows only errors
    logger.filters = []  # the file and the fix are added below, not also by the build's own explaining
    problems = []
    try:
        for lang in pages.languages:
            try:
                problems += _edition_links(pages.edition(lang), lang, config, found)
            except Exception:  # a folder or configuration MkDocs cannot read: it says so once the policy loads
                continue
    finally:
        logger.removeHandler(found)
        logger.propagate = propagate
        logger.setLevel(level)
        logger.filters = filters
    return problems


# One edition's pages as its build renders them: its configuration (mkdocs.<lang>.yml, else the
# main one with the edition's folder), its files as MkDocs finds them (exclude_docs, draft_docs,
# folders reached through a link), the pages it publishes; editors' notes ({# ... #}) left out.
def _edition_links(edition, lang: str, config: MkDocsConfig, found) -> list[str]:
    if lang != edition.main_language:
        own = edition.root / f"mkdocs.{lang}.yml"
        if not edition.edition_folder(lang).is_dir():
            return []  # a language without its folder yet: the pages' checks say so, with the fix
        config = load_config(str(own), hooks=[]) if own.is_file() else \
            load_config(config.config_file_path, docs_dir=str(edition.edition_folder(lang)), hooks=[])
    files = get_files(config)
    names, sources, problems = edition.pages(lang), {}, []
    for src_uri in names:
        file = files.get_file_from_path(src_uri)
        if file is None or file.inclusion.is_excluded():
            continue
        try:
            sources[src_uri] = edition.read_page(Path(file.abs_src_path), src_uri)
            page = Page(None, file, config)
            markdown, page.meta = get_markdown_and_meta(sources[src_uri])
            page.markdown = _NOTE.sub(lambda note: "\n" * note[0].count("\n"), markdown)
            found.records.clear()
            page.render(config, files)
        except Exception:  # a page that cannot be read or rendered: the pages' own checks name it
            continue
        for record in found.records:
            message = record.getMessage()
            if record.levelno >= logging.WARNING and supportportal.buildmessages.needs_no_policy(message):
                extra = supportportal.buildmessages.explain(
                    message, page_name=edition.page_name, source=lambda uri: sources.get(uri, ""),
                    config_name="mkdocs.yml", config_text="", pages=names)
                problems.append(f"WARNING -  {message}{extra or ''}")
    return problems


_NOTE = re.compile(r"\{#.*?#\}", re.S)


class _Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


class _WarningCounter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


# MkDocs' messages on a page's links and on the nav, with the file, the line and the fix
# (supportportal.buildmessages): a filter of the loggers that write them, for the build's time.
_EXPLAINED_LOGGERS = ("mkdocs.structure.pages", "mkdocs.structure.nav")


def _explain(record: logging.LogRecord) -> bool:
    if record.levelno < logging.WARNING or not _builds or _builds[-1].portal is None \
            or getattr(record, "supportportal_explained", False):
        return True
    build = _builds[-1]
    portal = build.portal
    try:
        config_text = build.config_file.read_text(encoding="utf-8") if build.config_file else ""
    except (OSError, UnicodeDecodeError):
        config_text = ""
    message = record.getMessage()
    extra = supportportal.buildmessages.explain(
        message, page_name=portal.page_name, source=lambda src_uri: build.sources.get(src_uri, ""),
        config_name=build.config_file.name if build.config_file else "mkdocs.yml", config_text=config_text,
        pages=portal.pages(portal.lang))
    if extra:
        record.msg, record.args = message + extra, ()
    record.supportportal_explained = True
    return True


def _strip_markers(items) -> None:
    for item in items:
        item.title = supportportal.render.plain_text(item.title)
        _strip_markers(item.children)


# Compiled templates by name, file and the environment settings the compiled code depends on.
class _CompiledTemplates(jinja2.BytecodeCache):
    def __init__(self):
        self.code: dict = {}

    def load_bytecode(self, bucket) -> None:
        checksum, code = self.code.get(_template_key(bucket), (None, None))
        if checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket) -> None:
        self.code[_template_key(bucket)] = (bucket.checksum, bucket.code)


# The theme's templates are compiled once per process: the other editions' builds, every rebuild
# of `mkdocs serve` and the search plugin (which reads its settings from a template of the theme,
# in an environment of its own) reuse them while their source is unchanged (Jinja compares it).
# The installed theme's files are listed once per process too (_ThemeLoader).
def _share_theme_work(theme) -> None:
    get_env = theme.get_env
    custom = Path(theme.custom_dir).resolve() if theme.custom_dir else None

    def get_env_shared() -> jinja2.Environment:
        env = get_env()
        env.bytecode_cache = _compiled_templates
        env.loader = _ThemeLoader(env.loader, custom)
        return env

    theme.get_env = get_env_shared


# The theme's files, which MkDocs lists at every build to copy those it publishes: the installed
# theme's folders (unchanged while MkDocs runs, also when .venv is inside the project) are walked
# once per process, without hidden files and folders, which MkDocs never publishes (Material's
# .icons/ holds 14,000 icons; a page's icon is read from there by name); the project's own
# theme folder (custom_dir: overrides/) at every build.
class _ThemeLoader(jinja2.FileSystemLoader):
    def __init__(self, loader: jinja2.FileSystemLoader, custom: Path | None):
        super().__init__(loader.searchpath, loader.encoding, loader.followlinks)
        self.custom = custom

    def list_templates(self) -> list[str]:
        found = set()
        for folder in self.searchpath:
            if self.custom is not None and Path(folder).resolve().is_relative_to(self.custom):
                found.update(jinja2.FileSystemLoader(folder, self.encoding, self.followlinks).list_templates())
                continue
            key = (folder, self.followlinks)
            if key not in _installed_theme_files:
                _installed_theme_files[key] = _visible_files(folder, self.followlinks)
            found.update(_installed_theme_files[key])
        return sorted(found)


_installed_theme_files: dict = {}


# The files under `folder` as Jinja names them ("partials/footer.html"), hidden ones left out.
def _visible_files(folder: str, followlinks: bool) -> tuple:
    names = []
    for path, folders, files in os.walk(folder, followlinks=followlinks):
        folders[:] = [name for name in folders if not name.startswith(".")]
        names += [os.path.join(path, name)[len(folder):].strip(os.path.sep).replace(os.path.sep, "/")
                  for name in files if not name.startswith(".")]
    return tuple(names)


def _template_key(bucket) -> tuple:
    env = bucket.environment
    return (bucket.key, type(env), env.is_async, env.autoescape, env.finalize, env.optimized,
            tuple(sorted(env.extensions)), getattr(env, "newstyle_gettext", None),
            env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
            env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
            env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline,
            env.newline_sequence)


_compiled_templates = _CompiledTemplates()


# `mkdocs serve` reloads the core package's modules when one of its files (code, catalogs, schemas:
# what the portal's version is taken from) changed since they were loaded, so edits apply without
# a restart; the last policy was made by the old modules.
# Results made from then on are kept in memory only: the modules of the process are no longer
# exactly the package's files on disk (a module left out of the reload, an edit while reloading),
# and an entry on disk is found by those files.
def _reload_changed_package() -> None:
    package = Path(supportportal.site.__file__).parent
    state = supportportal.yamlload.files_state(sorted(path for path in package.rglob("*")
                                                       if path.is_file() and "__pycache__" not in path.parts))
    if _served.setdefault("package", state) == state:
        return
    for name in _MODULES:
        importlib.reload(sys.modules[f"supportportal.{name}"])
    _served.clear()
    _served.update(package=state, reloaded=True)


# The files a policy is made from: the policy files and the schemas they are checked against.
def _policy_files(root: Path) -> list[Path]:
    return supportportal.loading.yaml_files(root / "policy") + sorted(supportportal.loading.SCHEMA_DIR.glob("*.json"))


# Build another language's edition into a folder of this build's output: from its own
# mkdocs.<lang>.yml where the project has one, else from mkdocs.yml with the edition's pages
# (content/<lang>/), theme language and nav titles (the language's catalog, or the pages' headings).
def _build_edition(portal, lang: str, config: MkDocsConfig) -> None:
    config_file = portal.root / f"mkdocs.{lang}.yml"
    site_dir = str(Path(config.site_dir) / lang)
    problem = supportportal.site.theme_language_problem(
        portal.root, lang, lambda name: any((Path(folder) / name).is_file() for folder in config.theme.dirs))
    if problem is not None:
        raise PluginError(supportportal.loading.PolicyError([problem]).report())
    if config_file.is_file():
        edition = load_config(config_file=str(config_file), site_dir=site_dir, strict=config.strict)
    else:
        main = _main_settings(config)
        try:
            settings = portal.edition_settings(lang, main.get("theme"), main.get("nav"))
        except supportportal.loading.PolicyError as error:
            raise PluginError(error.report()) from None
        config_file = Path(config.config_file_path)
        edition = load_config(config_file=str(config_file), site_dir=site_dir, strict=config.strict, **settings)
    try:
        mkdocs_build(edition)
    except PluginError:
        raise
    except Exception as error:  # mkdocs' Abort after a failed or strict-warning build
        raise PluginError(f"the '{lang}' edition ({config_file.name}) failed: {error}") from None


# The main edition's mkdocs.yml as written (theme and nav), the base of the other editions' settings.
def _main_settings(config: MkDocsConfig) -> dict:
    with open(config.config_file_path, encoding="utf-8") as file:
        main = yaml_load(file, get_yaml_loader(config=config))  # with MkDocs' own tags: !ENV, !relative
    return main if isinstance(main, dict) else {}


# The build's instant and so its "today": SOURCE_DATE_EPOCH where set (reproducible builds), else
# the clock. Set but empty counts as unset (as in other reproducible-build tools); anything but
# whole seconds from 1970 to the end of 9999 stops the build.
def _build_instant() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.datetime.now(dt.timezone.utc)
    if not epoch.isascii() or not epoch.isdigit() or len(epoch) > 12 or int(epoch) > _LAST_SECOND:
        raise PluginError(f"SOURCE_DATE_EPOCH must be whole seconds since 1 January 1970 (UTC), at most "
                          f"{_LAST_SECOND} (the end of 9999), found '{epoch[:40]}'. Fix: set it to e.g. "
                          "$(git log -1 --format=%ct), or unset it to build for today")
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)


def _build_date() -> dt.date:
    return _build_instant().date()


_LAST_SECOND = 253402300799  # 9999-12-31 23:59:59 UTC


# `free`: whatever lies there already (a stopped build's folder, a stray file or link) is removed
# first, so that MkDocs, which empties the folder before writing, never follows a link out of it.
def _staging_dir(site_dir: str, free: bool = False) -> str:
    path = Path(site_dir)
    staging = path.with_name(f".{path.name}.building")
    if free:
        _remove(staging)
    return str(staging)


# Swap the finished build into place: the old site stays whole until the new one is complete.
# A file or link found at `.<site>.old` is removed as itself; so is a published site that is a link.
def _replace_dir(new: Path, final: Path) -> None:
    old = final.with_name(f".{final.name}.old")
    _remove(old)
    if final.exists() or final.is_symlink():
        final.rename(old)
    new.rename(final)
    _remove(old, ignore_errors=True)


# Removes a folder with what it holds, or a file or link as itself (never what a link points to).
def _remove(path: Path, ignore_errors: bool = False) -> None:
    try:
        if path.is_symlink() or (path.exists() and not path.is_dir()):
            path.unlink()
        elif path.exists():
            shutil.rmtree(path)
    except OSError:
        if not ignore_errors:
            raise


# The pre-rendered portal (`make prerender`): the pages as the hooks hand them to MkDocs, written
# out as a plain Material project in `dest` that MkDocs, ProperDocs or Zensical build without
# hooks/ (README, "Building without the hooks"). Each page's Markdown is Portal.render_markdown's
# with its marks finished (Portal.finish_html) and its language links as front matter
# (`alternates`, read by overrides/partials/alternate.html); the files the hooks add (feeds,
# calendars, schemas, the browser's words) are static files beside the pages; each edition is a
# project of its own: mkdocs.yml (docs/ into site/) and mkdocs.<lang>.yml (docs-<lang>/ into
# site/<lang>/), with the settings the hooks set from the policy written in, and no `hooks:`,
# `watch:` or `INHERIT:`. Returns the config files, the main edition's first (build it first:
# its build empties site/). Raises PolicyError, PageError and PluginError as the build does.
def prerender(root: Path, dest: Path, when: dt.date | dt.datetime) -> list[str]:
    # `when`: the build's instant (as the hooks' build takes it), or a day (its 00:00 UTC).
    built_at = when if isinstance(when, dt.datetime) else None
    today = when.date() if isinstance(when, dt.datetime) else when
    root = Path(root)
    main_config = _config_dict(root / "mkdocs.yml")
    portal = supportportal.site.Portal(root, today, built_at=built_at)
    links = portal.links_outside([root / "content", root / "overrides"])
    if links:
        raise PluginError(f"{len(links)} link(s) point outside the project; nothing was written:\n"
                          + "\n".join(f"  - {link}" for link in links))
    dest.mkdir(parents=True, exist_ok=True)
    if (root / "overrides").is_dir():
        shutil.copytree(root / "overrides", dest / "overrides", ignore=shutil.ignore_patterns("__pycache__"))
    configs = []
    for lang in portal.policy.languages:
        edition = supportportal.site.Portal(root, today, lang, portal.policy, built_at)
        main = lang == edition.main_language
        config_file = root / f"mkdocs.{lang}.yml"
        if main:
            config = dict(main_config)
        elif config_file.is_file():
            config = _config_dict(config_file)
        else:
            config = {**main_config, **edition.edition_settings(lang, main_config.get("theme"), main_config.get("nav"))}
        config = {k: v for k, v in config.items() if k not in ("hooks", "watch", "INHERIT")}
        docs = dest / ("docs" if main else f"docs-{lang}")
        _prerender_pages(edition, edition.docs_dir(lang), docs, config.get("use_directory_urls", True),
                         [edition.docs_dir(x) for x in edition.edition_folders()] if main else [])
        for path, content in edition.generated_files().items():
            _write_file(docs / path, content)
        extensions = copy.deepcopy(config.get("markdown_extensions") or [])
        settings = _Settings(copy.deepcopy(config.get("theme") or {}), dict(config.get("extra") or {}), extensions)
        edition.configure(settings)
        if extensions:
            config["markdown_extensions"] = extensions
        _check_unescaped(lang, {"title": settings.site_name, "description": settings.site_description})
        _check_menu_titles(root, config_file.name if not main and config_file.is_file() else "mkdocs.yml", config.get("nav"))
        config.update(docs_dir=docs.name, site_dir="site" + ("" if main else f"/{lang}"),
                      site_name=_plain(settings.site_name), site_description=_plain(settings.site_description),
                      site_url=settings.site_url, theme=settings.theme, extra=settings.extra)
        name = "mkdocs.yml" if main else f"mkdocs.{lang}.yml"
        text = yaml.dump(config, Dumper=_PrerenderDumper, allow_unicode=True, sort_keys=False)
        (dest / name).write_text(text, encoding="utf-8")
        configs.append(name)
    return configs


# An edition's pages: Markdown as the hooks render it (the same errors with the same lines), and
# every other file of its folder as it is; other editions' folders are left out.
def _prerender_pages(edition, src_dir: Path, docs: Path, directory_urls: bool, other: list) -> None:
    for source in sorted(p for p in src_dir.rglob("*") if p.is_file()):
        if any(o in source.parents for o in other) or any(part.startswith(".") for part in source.parts[len(src_dir.parts):]):
            continue
        src_uri = source.relative_to(src_dir).as_posix()
        if not src_uri.endswith(".md"):
            _write_file(docs / src_uri, source.read_bytes())
            continue
        text = edition.read_page(source, src_uri)
        body, page_meta = mkdocs_meta.get_data(text)
        if isinstance(page_meta.get("title"), str):
            line = next((n for n, row in enumerate(text.split("\n"), 1) if row.startswith("title:")), 0)
            _check_title(edition.page_name(src_uri) + (f", line {line}" if line else ""),
                         "the page's title (front matter)", page_meta["title"])
        url = File(src_uri, str(src_dir), str(docs), use_directory_urls=directory_urls).url
        url = "" if url in (".", "./") else url  # as MkDocs' Page.url
        first_line = text[:-len(body)].count("\n") + 1 if body and text.endswith(body) else 1
        markdown = edition.finish_html(edition.render_markdown(body, src_uri, first_line))
        # (the languages' names escaped once, as text: the template writes them as they are)
        page_meta = {**page_meta, "alternates": [{**alt, "name": str(alt["name"])} for alt in edition.alternates(src_uri, url)]}
        front = yaml.safe_dump(page_meta, allow_unicode=True, sort_keys=False)
        _write_file(docs / src_uri, f"---\n{front}---\n\n{markdown}")


# The theme writes the site's title and description into the pages unescaped (the hooks hand it
# escaped text): in a config without the hooks, a text that HTML would read as markup stops the
# pre-rendering instead of reaching the pages.
_MARKUP = re.compile(r'<|"|&[A-Za-z0-9#]')


def _check_unescaped(lang: str, texts: dict) -> None:
    for key, value in texts.items():
        _check_title("policy/company.yml", f"site.{key} ({lang})", value)


# Menu titles and pages' own titles likewise: the theme writes them unescaped (the hooks escape them).
def _check_menu_titles(root: Path, name: str, nav) -> None:
    try:
        lines = dict(supportportal.site.nav_title_lines((root / name).read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError):
        lines = {}
    for title in supportportal.site.nav_titles(nav):
        line = lines.get(_plain(title))
        _check_title(name + (f", line {line}" if line else ""), "the menu title", title)


def _check_title(name: str, what: str, title) -> None:
    text = _plain(title) or ""
    found = _MARKUP.search(text)
    if found:
        raise PluginError(
            f"{name}: {what} has '{found.group()}' in \"{text[:80]}\", which a build without the hooks would write "
            "into the pages as HTML. Fix: write the text without '<', '\"' and '&' before a letter (write 'and'), "
            "or build with `make site`, which escapes it")


# What Portal.configure sets on MkDocs' config, for a config written as YAML.
class _Settings:
    def __init__(self, theme: dict, extra: dict, extensions: list):
        self.theme, self.extra = theme, extra
        self.site_name = self.site_description = self.site_url = None
        # The extensions' settings by name, as MkDocs gives them (the edition's toc permalink title).
        self.mdx_configs = {name: options for item in extensions if isinstance(item, dict)
                            for name, options in item.items() if isinstance(options, dict)}


# YAML of a config whose `extra` holds Markup (text the hooks escaped once): written as the
# escaped text, which the theme writes into the page as it is, as it does with the Markup.
class _PrerenderDumper(yaml.SafeDumper):
    pass


_PrerenderDumper.add_representer(Markup, lambda dumper, value: dumper.represent_str(str(value)))


# The text of a setting the hooks give as Markup (escaped once for the theme), as YAML can hold it.
def _plain(value) -> str | None:
    return None if value is None else str(value.unescape() if isinstance(value, Markup) else value)


# A config file as MkDocs reads it: INHERIT merged in.
def _config_dict(path: Path) -> dict:
    with open(path, encoding="utf-8") as file:
        return yaml_load(file)


def _write_file(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
