# Quality gates over a built site, shared by the tests of the real site and the negative tests
# that prove each gate fails on a deliberately broken page. Each gate returns its findings as
# readable lines ("hours/index.html:12: ..."); an empty list passes.

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, run_build

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WIDGET = Path("assets") / "javascripts" / "support-widget.js"

# Errors the Material theme's own templates cause, by exact message and the markup they come from.
# They are Material's (mkdocs-material 9.8.1) and appear on every page; anything else fails.
MATERIAL_ERRORS = (
    # base.html: the drawer and search toggles are `<input type="checkbox" autocomplete="off">`,
    # a Firefox workaround that keeps the checkboxes from restoring state on back navigation.
    ("Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
     "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, "
     "or “week”.", 'class="md-toggle"'),
    # partials/nav-item.html: with navigation.sections a section label gets `tabindex=""` (the
    # template writes an empty value when the section is not focusable).
    ("Bad value “” for attribute “tabindex” on element “label”: The empty string is not a valid integer.",
     'class="md-nav__link"'),
)

# Attributes that point at another document or resource.
LINK_ATTRIBUTES = {
    "a": ("href",), "area": ("href",), "link": ("href",), "script": ("src",), "img": ("src", "srcset"),
    "source": ("src", "srcset"), "iframe": ("src",), "form": ("action",), "video": ("src", "poster"),
    "audio": ("src",), "track": ("src",), "object": ("data",),
}


# A missing tool fails under CI=true and skips elsewhere.
def require(ok: bool, message: str) -> None:
    if ok:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


# Every page of a built site, as paths relative to it.
def html_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.glob("**/*.html"))


# The served URL path of a page file: hours/index.html is /hours/, 404.html stays 404.html.
def page_path(page: str) -> str:
    return "/" + page.removesuffix("index.html")


# Gate (a): the Nu Html Checker over every page in one JVM run.
def html_errors(site: Path) -> list[str]:
    require(shutil.which("java") is not None, "java not found: run `make system-deps` (default-jre-headless)")
    require(VNU.exists(), f"{VNU.relative_to(ROOT)} missing: run `npm ci`")
    pages = html_pages(site)
    proc = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                          cwd=site, capture_output=True, text=True, timeout=300)
    try:
        messages = json.loads(proc.stderr)["messages"]
    except (ValueError, KeyError):
        raise AssertionError(f"vnu.jar did not report JSON (exit {proc.returncode}):\n{proc.stderr[:2000]}") from None
    findings = []
    for m in messages:
        if m.get("type") != "error" and m.get("subType") != "fatal":
            continue
        if any(m["message"] == text and markup in m.get("extract", "") for text, markup in MATERIAL_ERRORS):
            continue
        where = unquote(m.get("url", "")).split(str(site) + "/", 1)[-1]
        findings.append(f"{where}:{m.get('lastLine', '?')}: {m['message']} [{m.get('extract', '').strip()}]")
    return findings


# Gate (c): every internal link, resource and #anchor of every page resolves to a file of the
# site and an element id in it. Absolute links to `site_url` count as internal.
def broken_links(site: Path, site_url: str) -> list[str]:
    base = urlsplit(site_url)
    ids: dict = {}
    findings = []
    for page in html_pages(site):
        soup = _soup(site / page)
        page_url = urljoin(site_url, page_path(page).lstrip("/"))
        for tag, attributes in LINK_ATTRIBUTES.items():
            for element in soup.find_all(tag):
                for attribute in attributes:
                    for ref in _references(element.get(attribute), attribute):
                        problem = _check(site, base, page_url, ref, ids)
                        if problem:
                            findings.append(f"{page}: <{tag} {attribute}=\"{ref}\"> {problem}")
    return findings


# Gate (b): axe-core's violations on the page open in `page`, at any impact.
def axe_violations(page) -> list[str]:
    require(AXE.exists(), f"{AXE.relative_to(ROOT)} missing: run `npm ci`")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(str(n['target']) for n in v['nodes'][:5])}"
            for v in result["violations"]]


# Whether a built page has a live widget container (status or calculator).
def has_widget(path: Path) -> bool:
    return bool(_soup(path).select("[data-support-status], [data-support-calculator]"))


# Open `url` in the tab of `context` (a new document in the same tab each time: a tab's first page
# costs a new renderer, twice a page load's time), with the clock fixed at `clock`, and wait until
# the status widget has rendered, where the page has one and the site has its script.
def open_page(context, url: str, site: Path | None = None, clock: str | None = None):
    page = context.pages[0] if context.pages else context.new_page()
    if clock:
        page.clock.set_fixed_time(clock)
    page.goto(url, wait_until="load")
    widget = site is None or (site / WIDGET).exists()
    if widget and page.locator("[data-support-status]").count():
        page.wait_for_selector("[data-support-region][data-state]", timeout=10_000)
    if widget and page.locator("[data-support-calculator]").count():
        page.wait_for_selector("[data-support-calculator]:not([hidden])", timeout=10_000)
    return page


# Gate (d): every request a page makes, in a browser, goes to the site's own origin. Requests
# elsewhere are recorded and then aborted, so the test never waits for the network.
def foreign_requests(context, origin: str, pages: list[str]) -> list[str]:
    findings: list = []
    failed: list = []

    def route(route):
        if _origin(route.request.url) == origin:
            route.continue_()
        else:
            route.abort()

    def opened(page_file: str):
        seen: list = []
        page = context.new_page()
        page.on("request", lambda request: seen.append(request.url))
        page.on("response", lambda response: failed.append(f"{page_file}: {response.status} {response.url}")
                if response.status >= 400 else None)
        page.goto(origin + page_path(page_file), wait_until="commit")
        return page_file, page, seen

    context.route("**/*", route)
    # A few pages load at once (each waits half a second without requests before it counts as
    # done: in turn, that wait would add up); each is read to its end before it is closed.
    for start in range(0, len(pages), 6):
        for page_file, page, seen in [opened(page_file) for page_file in pages[start:start + 6]]:
            page.wait_for_load_state("load")
            page.wait_for_load_state("networkidle")
            page.close()
            findings += [f"{page_file}: {url}" for url in seen if _origin(url) != origin and urlsplit(url).scheme not in ("data", "blob")]
    context.unroute("**/*")
    return findings + failed


# The default site plus one broken page per gate, built from a copy of the project.
BROKEN_PAGES = {
    # (a) duplicate id
    "broken-html.md": '# Duplicate id\n\n<p id="twice">One.</p>\n<p id="twice">Two.</p>\n',
    # (b) an image without a text alternative
    "broken-a11y.md": '# Image without alt\n\n<p><img src="../assets/images/favicon.png"></p>\n',
    # (c) a link to a page that does not exist and an anchor that does not exist
    "broken-links.md": ('# Broken links\n\n<p><a href="../no-such-page/">Nowhere</a> and '
                        '<a href="../hours/#no-such-section">no such section</a>.</p>\n'),
    # (d) a Google Fonts stylesheet
    "broken-requests.md": ('# Third-party font\n\n<link rel="stylesheet" '
                           'href="https://fonts.googleapis.com/css2?family=Roboto&amp;display=swap">\n\nText.\n'),
}


def build_broken_site(dest: Path):
    project = copy_project(dest)
    for name, text in BROKEN_PAGES.items():
        (project / "content" / name).write_text(text, encoding="utf-8")
    # Outside the nav on purpose: the strict build must not reject the pages before the gates see them.
    config = project / "mkdocs.yml"
    patterns = "".join(f"  /{name}\n" for name in BROKEN_PAGES)
    text = config.read_text(encoding="utf-8")
    if "\nnot_in_nav: |\n" in text:
        text = text.replace("\nnot_in_nav: |\n", "\nnot_in_nav: |\n" + patterns, 1)
    else:
        text += "\nnot_in_nav: |\n" + patterns
    config.write_text(text, encoding="utf-8")
    build = run_build(project)
    assert build.ok, build.output
    return build


# Helper functions

def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _references(value, attribute: str):
    if not value:
        return
    if attribute == "srcset":
        for candidate in value.split(","):
            if candidate.strip():
                yield candidate.split()[0]
    else:
        yield value.strip()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


# Why `ref` on the page at `page_url` does not resolve, or None when it does.
def _check(site: Path, base, page_url: str, ref: str, ids: dict) -> str | None:
    target = urlsplit(urljoin(page_url, ref))
    if target.scheme not in ("http", "https"):
        return None  # mailto:, tel:, webcal:, data:
    if target.netloc != base.netloc:
        return None  # another site: not ours to check here
    if not target.path.startswith(base.path):
        return f"points outside the site ({base.path})"
    rel = unquote(target.path[len(base.path):])
    file = site / rel
    if rel == "" or rel.endswith("/") or file.is_dir():
        file = file / "index.html"
    if not file.is_file():
        if urlsplit(ref).netloc:
            return f"is on the site's own address ({base.scheme}://{base.netloc}{base.path}), where the site has no such file"
        return "points to a missing file"
    if target.fragment:
        if file.suffix != ".html":
            return "has an anchor on a file that is not a page"
        if file not in ids:
            soup = _soup(file)
            ids[file] = ({e["id"] for e in soup.find_all(id=True)} |
                         {e["name"] for e in soup.find_all("a", attrs={"name": True})})
        if unquote(target.fragment) not in ids[file]:
            return f"points to #{unquote(target.fragment)}, which {file.relative_to(site).as_posix()} lacks"
    return None
