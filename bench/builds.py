# Build benchmarks: the portal against a plain MkDocs site with the same final pages, and the
# portal with generated policies of growing size. Every build runs in its own process with
# SOURCE_DATE_EPOCH set; wall time and CPU time (user + system) are recorded per run.

from __future__ import annotations

import copy
import datetime as dt
import gzip
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml
from markupsafe import Markup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "hooks"))

from conftest import SOURCE_DATE_EPOCH, copy_project  # noqa: E402

from mkdocs.structure.files import File  # noqa: E402
from mkdocs.utils import meta  # noqa: E402
from mkdocs.utils import yaml as mkdocs_yaml  # noqa: E402

import genpolicy  # noqa: E402
from supportportal.feed import ALL_REGIONS_FILE  # noqa: E402
from supportportal.site import Portal  # noqa: E402

PYTHON = sys.executable
DRIVER = str(Path(__file__).resolve().parent / "mkdocs_build.py")
BUILD_DATE = dt.datetime.fromtimestamp(int(SOURCE_DATE_EPOCH), dt.timezone.utc).date()
# Builds may write bytecode caches, as Python does by default: the warm-up build compiles the
# hook's modules once, as a developer's first build does, and timed builds do not compile them.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
       "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_MKDOCS_2_WARNING": "1"}


# One site to build: a folder and the config files its build command is given.
class Site:
    def __init__(self, name: str, path: Path, configs=("mkdocs.yml",)):
        self.name, self.path, self.configs = name, path, tuple(configs)
        self.wall: list[float] = []
        self.cpu: list[float] = []

    # Build once; record wall and CPU seconds of the build process.
    def build(self) -> None:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run([PYTHON, DRIVER, *self.configs], cwd=self.path, env=ENV,
                              capture_output=True, text=True, timeout=900)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode != 0:
            raise RuntimeError(f"the {self.name} build failed:\n{proc.stdout}{proc.stderr}")
        self.wall.append(wall)
        self.cpu.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))

    def summary(self) -> dict:
        return {"runs": len(self.wall), "wall_s": _median(self.wall), "cpu_s": _median(self.cpu),
                "wall_all_s": [round(x, 3) for x in self.wall], "cpu_all_s": [round(x, 3) for x in self.cpu]}


# Build every site `runs` times, interleaved (A, B, C, A, B, C, ...), after one warm-up build each
# that fills the file cache and leaves a site/ to inspect.
def interleave(sites: list[Site], runs: int, log=print) -> None:
    for site in sites:
        site.build()
        site.wall.clear()
        site.cpu.clear()
    for round_ in range(runs):
        for site in sites:
            site.build()
        log(f"  round {round_ + 1}/{runs}: " + ", ".join(f"{s.name} {s.wall[-1]:.2f} s" for s in sites))


# A copy of the project's build inputs in `dest`, optionally with a generated policy.
def portal_copy(dest: Path, regions: int | None = None, years: int | None = None) -> Path:
    copy_project(dest)
    if regions:
        genpolicy.write_policy(dest, regions, years)
    return dest


# The baseline: the portal's final pages as plain Markdown, built by MkDocs with the same theme,
# overrides, plugins, Markdown extensions, extra CSS and JavaScript, and no hooks. Each page's
# Markdown is what the hooks hand to MkDocs (Portal.render_markdown), its language links are
# front matter, the site settings the hooks set are in the config, and the generated files
# (support.json, support.ics, the feed's schema) are static files. `plain` also drops the
# portal's CSS, JavaScript and template overrides: a plain Material page (with Material's own
# language switch, as a plain site in the same languages has it) for the page-weight comparison.
def baseline_copy(project: Path, dest: Path, plain: bool = False) -> Path:
    dest.mkdir(parents=True)
    shutil.copytree(project / "overrides", dest / "overrides")
    main = _load_yaml(project / "mkdocs.yml")
    portal = Portal(project, BUILD_DATE)
    configs = []
    for lang in portal.policy.languages:
        edition = Portal(project, BUILD_DATE, lang)
        docs = dest / f"docs-{lang}"
        src_dir = edition.docs_dir(lang)
        other = [edition.docs_dir(x) for x in portal.policy.languages if x != lang]
        for source in sorted(src_dir.rglob("*.md")):
            if any(src_dir in o.parents and o in source.parents for o in other):
                continue
            src_uri = source.relative_to(src_dir).as_posix()
            body, page_meta = meta.get_data(source.read_text(encoding="utf-8"))
            url = File(src_uri, str(src_dir), str(dest / "site"), use_directory_urls=True).url
            url = "" if url in (".", "./") else url  # as mkdocs' Page.url
            markdown = edition.render_markdown(body, src_uri)
            html_marked = edition.finish_html(markdown)
            page_meta = {**page_meta, "alternates": edition.alternates(src_uri, url)}
            front = yaml.safe_dump(page_meta, allow_unicode=True, sort_keys=False)
            _write(docs / src_uri, f"---\n{front}---\n\n{html_marked}")
        if not plain:
            for path, content in edition.generated_files().items():
                _write(docs / path, content)
        config = main if lang == edition.main_language else _load_yaml(project / f"mkdocs.{lang}.yml")
        config = {k: v for k, v in config.items() if k not in ("hooks", "watch", "INHERIT")}
        shim = _Config()
        shim.theme = copy.deepcopy(config.get("theme") or {})
        edition.configure(shim)
        config["theme"] = shim.theme  # the colour toggles' names, in this edition's words
        config.update(docs_dir=docs.name, site_dir="site" + ("" if lang == edition.main_language else f"/{lang}"),
                      site_name=_plain(shim.site_name), site_description=_plain(shim.site_description),
                      site_url=shim.site_url,
                      extra={**config.get("extra", {}), **shim.extra})
        if plain:
            for key in ("extra_css", "extra_javascript"):
                config.pop(key, None)
            # Material's own language switch stays: a plain bilingual Material site has it too.
            config["extra"] = {"alternate": [
                {"name": x, "link": "/" if x == edition.main_language else f"/{x}/", "lang": x}
                for x in portal.policy.languages]} if len(portal.policy.languages) > 1 else {}
            config["theme"] = {k: v for k, v in config["theme"].items() if k != "custom_dir"}
        name = "mkdocs.yml" if lang == edition.main_language else f"mkdocs.{lang}.yml"
        (dest / name).write_text(yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
        configs.append(name)
    if plain:
        shutil.rmtree(dest / "overrides")
    return dest


# support.json (for integrations), the widget's feed with every region (support/all_regions.json,
# what the home page downloads) and the largest one-region feed (support/<id>.json, what a widget
# showing one region downloads), in bytes and gzipped.
def feed_size(site_dir: Path) -> dict:
    def size(data: bytes) -> dict:
        return {"bytes": len(data), "gzip_bytes": len(gzip.compress(data, compresslevel=6, mtime=0))}

    everything = site_dir / ALL_REGIONS_FILE
    regions = [size(path.read_bytes()) for path in sorted((site_dir / "support").glob("*.json")) if path != everything]
    return {**size((site_dir / "support.json").read_bytes()),
            "all_regions": size(everything.read_bytes()),
            "region": max(regions, key=lambda r: r["gzip_bytes"], default=None), "region_files": len(regions)}


# Pages that differ between two built sites (HTML files only), for checking the baseline.
def differing_pages(a: Path, b: Path) -> list[str]:
    pages = sorted(p.relative_to(a).as_posix() for p in a.rglob("*.html"))
    return [p for p in pages if not (b / p).is_file() or (a / p).read_bytes() != (b / p).read_bytes()]


# Helper functions

class _Config:
    def __init__(self):
        self.extra: dict = {}
        self.site_name = self.site_description = self.site_url = None


def _untranslated(portal) -> str:
    return portal.words("untranslated")


# YAML of a config whose `extra` holds Markup (text the hooks escaped once): written as the
# escaped text, which the theme writes into the page as it is, as it does with the Markup.
class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(Markup, lambda dumper, value: dumper.represent_str(str(value)))


# The text of a setting the hooks give as Markup (escaped once for the theme), as YAML can hold it.
def _plain(value) -> str | None:
    return None if value is None else str(value.unescape() if hasattr(value, "unescape") else value)


# A config file as MkDocs reads it: INHERIT merged in.
def _load_yaml(path: Path) -> dict:
    with open(path, encoding="utf-8") as file:
        return mkdocs_yaml.yaml_load(file)


def _write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def _median(values) -> float | None:
    return round(statistics.median(values), 3) if values else None
