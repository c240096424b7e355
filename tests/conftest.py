# Shared fixtures: building the real site, serving it, and driving it in Chromium.

import copy
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# 2026-11-27 00:00:00 UTC: the fixed "today" of every test build.
SOURCE_DATE_EPOCH = "1795737600"
PROJECT_PARTS = ("mkdocs.yml", "mkdocs.de.yml", "content", "policy", "hooks", "overrides", "locales")


# The environment of a command as a user's shell gives it: without the variables `make test`
# hands down to its children (a `make` run by a test would otherwise report itself as a sub-make).
def user_env(**extra) -> dict:
    skip = {"MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES"}
    return {**{k: v for k, v in os.environ.items() if k not in skip}, **extra}


@dataclass
class Build:
    returncode: int
    output: str
    project: Path
    site: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0


# Copy the project's build inputs to `dest` so a test can change them freely.
def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if not src.exists():
            continue
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


# An element's words as get_text(" ") gives them, with a text marked by its language (a holiday's
# official name in <span lang="de">) read as part of the words around it: "Good Friday
# (Karfreitag)", not "Good Friday ( Karfreitag )". The element itself is left as it is.
def words_of(element) -> str:
    element = copy.copy(element)
    for span in element.select("span[lang]"):
        span.unwrap()
    element.smooth()
    return " ".join(element.get_text(" ").split())


# Run `mkdocs build --strict` in `project` and capture everything it prints.
def run_build(project: Path, *extra: str, epoch: str = SOURCE_DATE_EPOCH, env: dict | None = None) -> Build:
    environ = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    proc = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", *extra],
        cwd=project, env=environ, capture_output=True, text=True, timeout=300,
    )
    return Build(proc.returncode, proc.stdout + proc.stderr, project, project / "site")


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Build:
    project = copy_project(tmp_path_factory.mktemp("default") / "project")
    build = run_build(project)
    assert build.ok, build.output
    return build


@pytest.fixture(scope="session")
def site(built) -> Path:
    return built.site


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


# A browser that leaves a page while a file is still sent (a test closing its page) is no error of
# the site: not printed into the test run's output. Any other error still is.
class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


# Serve a directory on 127.0.0.1 for the duration of a test session.
def serve_directory(directory: Path):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def site_url(site):
    server, url = serve_directory(site)
    yield url
    server.shutdown()


# One Chromium per test worker; a missing browser fails under CI=true and skips elsewhere.
@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}: run `make system-deps` (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# The browser modules (overrides/assets) and the fixture feeds (tests/fixtures/feeds) on one origin.
@pytest.fixture(scope="session")
def assets_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("assets")
    shutil.copytree(ROOT / "overrides" / "assets", root / "assets")
    shutil.copytree(ROOT / "tests" / "fixtures" / "feeds", root / "feeds")
    (root / "index.html").write_text('<!doctype html><html lang="en"><title>Status module</title></html>\n')
    server, url = serve_directory(root)
    yield url
    server.shutdown()


# A page of `base_url` with support-status.js imported as `window.S`, in a viewer time zone.
def open_module_page(browser, base_url: str, timezone_id: str = "UTC", module: str = "/assets/javascripts/support-status.js"):
    context = browser.new_context(timezone_id=timezone_id)
    page = context.new_page()
    page.goto(f"{base_url}/")
    page.evaluate("async (src) => { window.S = await import(src); }", module)
    return context, page


# Opens pages of a served site in a viewer time zone, with the clock frozen at `when` (ISO, UTC):
# the widgets' answers are then exact to the millisecond. close() ends every context it opened.
class PageOpener:
    def __init__(self, browser, base_url: str):
        self.browser, self.base_url, self.contexts = browser, base_url, []

    def __call__(self, path: str, when: str, zone: str = "UTC", **options):
        context = self.browser.new_context(timezone_id=zone, **options)
        self.contexts.append(context)
        page = context.new_page()
        at = datetime.fromisoformat(when.replace("Z", "+00:00"))
        page.clock.install(time=at - timedelta(minutes=1))
        page.clock.pause_at(at)
        page.goto(self.base_url + path)
        return page

    def close(self):
        for context in self.contexts:
            context.close()


# A browser context in a viewer zone whose clock stands at `instant` (a datetime) until moved on.
def clocked_context(browser, zone: str, instant: datetime):
    context = browser.new_context(timezone_id=zone)
    context.clock.install(time=instant - timedelta(minutes=1))
    context.clock.pause_at(instant)
    return context


# Open a page of the built default site at a frozen instant in a viewer zone.
@pytest.fixture
def open_at(browser, site_url):
    opener = PageOpener(browser, site_url)
    yield opener
    opener.close()
