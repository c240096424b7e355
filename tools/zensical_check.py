#!/usr/bin/env python3
# Does Zensical build the pre-rendered portal? (README, "Building without the hooks".) Writes the
# pre-rendered project (portal.prerender, as `make prerender` does), builds it with MkDocs as the
# reference and with another generator's command (`zensical`, or --command), each edition in
# turn as `COMMAND build -f CONFIG`, and prints a Markdown report: which template overrides the
# generator cannot render (each is left out and the build retried, so the rest is still
# measured), which pages have the same visible article text, which of the portal's parts a page
# lacks (the browser's words, script and stylesheet, the language switch, the structured data,
# the notices banner, the policy version), and which feeds, calendars, schemas and sitemaps differ.
#
#   python tools/zensical_check.py [--command PATH] [--keep DIR] [--built PRERENDERED]
#
# Exit status: 0 every page matches and has every part, 1 some do not, 2 nothing could be built.
# `--command .venv/bin/mkdocs` runs the check against MkDocs itself (tests/test_prerender.py).

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

import portal  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from supportportal.loading import PolicyError  # noqa: E402
from supportportal.render import PageError  # noqa: E402
from supportportal.review.pages import page_text  # noqa: E402

MKDOCS = Path(sys.executable).parent / "mkdocs"
# The portal's parts of a page, each found by a mark the reference page has.
PARTS = {
    "browser words": 'data-support-words="',
    "portal script": "support-portal.min.js",
    "portal stylesheet": "support-portal.min.css",
    "language switch": 'class="md-select__link"',
    "structured data": '<script type="application/ld+json">',
    "notices banner": "data-support-notices",
    "Atom feed link": 'type="application/atom+xml"',
    "policy version": "data-policy-version",
}
_TEMPLATE_ERROR = re.compile(r"\(in ([\w./-]+):\d+\)")
MAX_RETRIES = 10


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Build the pre-rendered portal with Zensical and compare.")
    parser.add_argument("--command", default=shutil.which("zensical"),
                        help="the generator's command (default: zensical on PATH)")
    parser.add_argument("--keep", help="write the projects and sites into this folder and keep them")
    parser.add_argument("--built", help="a pre-rendered project already built by MkDocs (make prerender, then "
                                        "its builds), to compare with instead of pre-rendering here")
    args = parser.parse_args(argv)
    if not args.command or not Path(args.command).exists():
        print("Zensical not found: install it in an environment of its own (README, 'Building without the "
              "hooks') and give its command with --command", file=sys.stderr)
        return 2
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="zensical-check-"))
    try:
        return check(Path(args.command), work, Path(args.built).resolve() if args.built else None)
    except PolicyError as error:
        print(error.report(), file=sys.stderr)
        return 2
    except (PageError, PluginError) as error:
        print(error, file=sys.stderr)
        return 2
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


# `built`: a pre-rendered project already built by MkDocs (its site/ is the reference), else
# the project is pre-rendered and built here.
def check(command: Path, work: Path, built: Path | None = None) -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    reference, candidate = built or work / "mkdocs", work / "candidate"
    shutil.rmtree(candidate, ignore_errors=True)
    if built and not (built / "site" / "index.html").is_file():
        print(f"{built} has no site/ built by MkDocs: build it first (mkdocs build -f each config)", file=sys.stderr)
        return 2
    if built:
        configs = ["mkdocs.yml", *sorted(p.name for p in built.glob("mkdocs.*.yml"))]
    else:
        shutil.rmtree(reference, ignore_errors=True)
        configs = portal.prerender(ROOT, reference, portal._build_instant())
        for config in configs:
            proc = _run([str(MKDOCS), "build", "--strict", "-f", config], reference, env)
            if proc.returncode != 0:
                print(f"MkDocs failed on the pre-rendered project:\n{proc.stdout}{proc.stderr}", file=sys.stderr)
                return 2
    shutil.copytree(reference, candidate, ignore=shutil.ignore_patterns("site"))
    left_out = []  # (override, the generator's message)
    for config in configs:
        for _ in range(MAX_RETRIES):
            proc = _run([str(command), "build", "-f", config], candidate, env)
            if proc.returncode == 0:
                break
            message = (proc.stderr or proc.stdout).strip().splitlines()
            found = _TEMPLATE_ERROR.search("\n".join(message[-3:]))
            override = candidate / "overrides" / found.group(1) if found else None
            if override is None or not override.is_file():
                print(f"{command.name} failed on {config}:\n" + "\n".join(message[-20:]), file=sys.stderr)
                return 2
            left_out.append((found.group(1), message[-1]))
            override.unlink()
    print(report(command.name, reference / "site", candidate / "site", left_out))
    pages = compare_pages(reference / "site", candidate / "site")
    files, _ = compare_files(reference / "site", candidate / "site")
    return 0 if not left_out and all(p[1] == "same" and not p[2] for p in pages) and not files else 1


def _run(command: list, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


# The visible text of a page's article (the theme's own parts around it differ between generators).
def article_text(html: str) -> list[str]:
    start, end = html.find("<article"), html.rfind("</article>")
    return page_text(html[start:end + len("</article>")] if 0 <= start < end else html)


# Each page of the reference: (page, "same" / "differs: first line" / "missing", parts it lacks).
def compare_pages(reference: Path, candidate: Path) -> list:
    result = []
    for path in sorted(reference.rglob("*.html")):
        page = path.relative_to(reference).as_posix()
        other = candidate / page
        if not other.is_file():
            result.append((page, "missing", []))
            continue
        html_a, html_b = path.read_text(encoding="utf-8"), other.read_text(encoding="utf-8")
        text_a, text_b = article_text(html_a), article_text(html_b)
        if text_a == text_b:
            status = "same"
        else:
            first = next((i for i, (a, b) in enumerate(zip(text_a, text_b)) if a != b), min(len(text_a), len(text_b)))
            status = f"differs from line {first + 1}: {(text_b[first] if first < len(text_b) else '(ends)')[:60]!r}"
        lacking = [name for name, mark in PARTS.items() if mark in html_a and mark not in html_b]
        result.append((page, status, lacking))
    return result


# Feeds, calendars, schemas and words that are not the same bytes, and sitemaps that do not list
# the same pages with the same language versions (compared as XML: the same address may be
# written with character references); a sitemap without the pages' dates is a note.
def compare_files(reference: Path, candidate: Path) -> tuple[list, list]:
    kinds = ("*.json", "*.ics", "*.atom", "sitemap.xml")
    names = sorted({p.relative_to(reference).as_posix() for kind in kinds for p in reference.rglob(kind)
                    if "search" not in p.relative_to(reference).parts})
    differing, notes = [], []
    for name in names:
        a, b = reference / name, candidate / name
        if not b.is_file():
            differing.append(name)
        elif name.endswith("sitemap.xml") and a.read_bytes() != b.read_bytes():
            (urls_a, dates_a), (urls_b, dates_b) = _sitemap(a), _sitemap(b)
            if urls_a != urls_b:
                differing.append(name)
            elif dates_a != dates_b:
                notes.append(f"{name}: the same pages and language versions; dates (lastmod) of "
                             f"{dates_b} of {dates_a} pages")
        elif a.read_bytes() != b.read_bytes():
            differing.append(name)
    return differing, notes


# A sitemap's pages with their language versions (in any order), and how many pages have a date.
def _sitemap(path: Path) -> tuple[list, int]:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ElementTree.parse(path).getroot()
    urls = [(u.findtext("s:loc", "", ns).strip(), sorted((link.get("hreflang"), link.get("href"))
                                                          for link in u.findall("x:link", ns)))
            for u in root.findall("s:url", ns)]
    return sorted(urls), sum(1 for u in root.findall("s:url", ns) if u.findtext("s:lastmod", "", ns).strip())


def report(name: str, reference: Path, candidate: Path, left_out: list) -> str:
    pages = compare_pages(reference, candidate)
    same = sum(1 for _, status, _ in pages if status == "same")
    complete = sum(1 for _, status, lacking in pages if status == "same" and not lacking)
    generator = re.search(r'<meta name="generator" content="([^"]*)"',
                          (candidate / "index.html").read_text(encoding="utf-8")) if (candidate / "index.html").is_file() else None
    lines = [f"# The pre-rendered portal built with {name}", "",
             f"Generator: {generator.group(1) if generator else name}. Reference: MkDocs on the same project.", "",
             f"- pages with the same visible text: {same} of {len(pages)}",
             f"- pages with the same text and every part of the portal: {complete} of {len(pages)}"]
    if left_out:
        lines += ["", "Template overrides it could not render (left out, the build retried without them):", ""]
        lines += [f"- `overrides/{override}`: {message}" for override, message in left_out]
    lines += ["", "| Page | Visible text | Parts missing |", "| --- | --- | --- |"]
    lines += [f"| {page} | {status} | {', '.join(lacking) or '–'} |" for page, status, lacking in pages]
    files, notes = compare_files(reference, candidate)
    lines += ["", "Feeds, calendars, schemas and sitemaps that differ: " + (", ".join(files) if files else "none")]
    lines += [f"- {note}" for note in notes]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
