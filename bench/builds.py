# Build benchmarks: the portal against a plain MkDocs site with the same final pages, and the
# portal with generated policies of growing size. Every build runs in its own process with
# SOURCE_DATE_EPOCH set; wall time and CPU time (user + system) are recorded per run.

from __future__ import annotations

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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "hooks"))

from conftest import SOURCE_DATE_EPOCH, copy_project  # noqa: E402

import genpolicy  # noqa: E402
import portal as portal_hooks  # noqa: E402
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
# overrides, plugins, Markdown extensions, extra CSS and JavaScript, and no hooks: the pre-rendered
# portal of `make prerender` (hooks/portal.py, prerender()), from the same code the hooks run.
# `plain` also drops the portal's CSS, JavaScript, template overrides and generated files: a
# plain Material page (with Material's own language switch, as a plain site in the same
# languages has it) for the page-weight comparison.
def baseline_copy(project: Path, dest: Path, plain: bool = False) -> Path:
    configs = portal_hooks.prerender(project, dest, BUILD_DATE)
    if not plain:
        return dest
    languages = Portal(project, BUILD_DATE).policy.languages
    for lang, name in zip(languages, configs):
        config = yaml.safe_load((dest / name).read_text(encoding="utf-8"))
        edition = Portal(project, BUILD_DATE, lang)
        docs = dest / config["docs_dir"]
        for path in edition.generated_files():
            (docs / path).unlink()
        for folder in sorted((p for p in docs.rglob("*") if p.is_dir()), reverse=True):
            if not any(folder.iterdir()):
                folder.rmdir()
        for key in ("extra_css", "extra_javascript"):
            config.pop(key, None)
        # Material's own language switch stays: a plain bilingual Material site has it too.
        config["extra"] = {"alternate": [
            {"name": x, "link": "/" if x == edition.main_language else f"/{x}/", "lang": x}
            for x in languages]} if len(languages) > 1 else {}
        config["theme"] = {k: v for k, v in config["theme"].items() if k != "custom_dir"}
        (dest / name).write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
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

def _median(values) -> float | None:
    return round(statistics.median(values), 3) if values else None
