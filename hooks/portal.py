# MkDocs adapter of the support portal: loads the policy, renders pages, writes the feeds.
# All logic lives in the supportportal package, which knows nothing of MkDocs.

from __future__ import annotations

import datetime as dt
import importlib
import logging
import os
import shutil
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

import supportportal
import supportportal.model
import supportportal.parsing
import supportportal.yamlload
import supportportal.closures
import supportportal.loading
import supportportal.textfmt
import supportportal.feed
import supportportal.render
import supportportal.ics
import supportportal.site

log = logging.getLogger("mkdocs.plugins.supportportal")

# Reloaded in this order by `mkdocs serve`, so edits to the package apply without a restart.
_MODULES = ("model", "parsing", "yamlload", "closures", "loading", "textfmt", "feed", "render", "ics", "site")
_state: dict = {}


# Hooks

def on_startup(*, command: str, dirty: bool) -> None:
    _state["command"] = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if _state.get("command") == "serve":
        for name in _MODULES:
            importlib.reload(sys.modules[f"supportportal.{name}"])
    root = Path(config.config_file_path).resolve().parent
    try:
        portal = supportportal.site.Portal(root / "policy", _build_date())
    except supportportal.loading.PolicyError as error:
        raise PluginError(error.report()) from None
    _state.update(portal=portal, warnings=_WarningCounter())
    portal.configure(config)
    logging.getLogger("mkdocs").addHandler(_state["warnings"])
    # A build writes into a fresh folder and replaces site/ only when it succeeded.
    if _state.get("command") == "build":
        _state["final_site_dir"] = config.site_dir
        config.site_dir = _staging_dir(config.site_dir)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for path, content in _state["portal"].generated_files().items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    try:
        return _state["portal"].render_markdown(markdown, page.file.src_uri)
    except supportportal.render.PageError as error:
        raise PluginError(str(error)) from None


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    for what, excerpt in supportportal.render.unrendered(html):
        log.warning(f"{page.file.src_uri} would show readers {what}: '{excerpt}'")
    return html


@event_priority(-100)
def on_post_build(*, config: MkDocsConfig) -> None:
    final = _state.pop("final_site_dir", None)
    counter = _state.pop("warnings", None)
    logging.getLogger("mkdocs").removeHandler(counter)
    if final is None:
        return
    if config.strict and counter and counter.count:
        shutil.rmtree(config.site_dir, ignore_errors=True)
        log.error(f"{counter.count} warning(s) in strict mode: {final} was left as it was")
        return
    _replace_dir(Path(config.site_dir), Path(final))
    config.site_dir = final


def on_build_error(*, error: Exception) -> None:
    logging.getLogger("mkdocs").removeHandler(_state.pop("warnings", None))
    final = _state.pop("final_site_dir", None)
    if final is not None:
        shutil.rmtree(_staging_dir(final), ignore_errors=True)


# Helper functions

class _WarningCounter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


# The build's "today": SOURCE_DATE_EPOCH where set (reproducible builds), else the clock.
def _build_date() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
        except ValueError:
            raise PluginError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, found '{epoch}'") from None
    return dt.datetime.now(dt.timezone.utc).date()


def _staging_dir(site_dir: str) -> str:
    path = Path(site_dir)
    return str(path.with_name(f".{path.name}.building"))


# Swap the finished build into place: the old site stays whole until the new one is complete.
def _replace_dir(new: Path, final: Path) -> None:
    old = final.with_name(f".{final.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    new.rename(final)
    shutil.rmtree(old, ignore_errors=True)
