# `make bench`: build cost, scale, preview loop and widget weight, measured side by side in one
# run. Prints a table (Markdown) and writes it with every single measurement as JSON to
# bench/results/latest.json (and the table to bench/results/latest.md).
#
#   .venv/bin/python bench/run.py [--runs 5] [--scale-runs 5] [--edits 5] [--profiles 3] [--quick]
#
# The options for a smaller run (tests/test_bench_smoke.py runs everything once on a tiny
# configuration): --regions 10 --years 1 --calls 200 --batches 4 --out DIR.

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import builds  # noqa: E402
import preview  # noqa: E402
import widget  # noqa: E402
import widget_bench  # noqa: E402
from builds import ROOT, Site  # noqa: E402

RESULTS = ROOT / "bench" / "results"
REGIONS = (10, 50, 200)
YEARS = (1, 5, 20)
GOALS = {"hook_overhead": 1.10, "scale_50x5": 1.5, "preview_s": 0.5, "status_js_gzip": 5120, "portal_share": 0.10,
         "region_feed_gzip": 10_000, "all_regions_feed_gzip": 40_000, "first_visit_gzip": 8_000, "first_visit_requests": 3}
# The scale point of the schedule-data goals: one region's feed, and every region's (the home page).
FEED_POINT = (200, 5)
# The scale point compared with the default portal, and the largest one given a hook cost column.
MID, LARGE = (50, 5), (200, 5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="builds of the default portal, the baseline and 50x5")
    parser.add_argument("--scale-runs", type=int, default=5, help="builds of each other scale point")
    parser.add_argument("--edits", type=int, default=5, help="policy edits in the preview loop")
    parser.add_argument("--profiles", type=int, default=3, help="builds under cProfile (the portal's share)")
    parser.add_argument("--quick", action="store_true", help="2 runs, 1 per scale point, 2 edits, 1 profile, no 200x20")
    parser.add_argument("--regions", type=_numbers, default=REGIONS, help="scale points: regions, e.g. 10,50,200")
    parser.add_argument("--years", type=_numbers, default=YEARS, help="scale points: years, e.g. 1,5,20")
    parser.add_argument("--calls", type=int, default=10_000, help="widget calls timed in Chromium")
    parser.add_argument("--batches", type=int, default=50, help="batches the widget calls are timed in")
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for latest.json and latest.md")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.scale_runs, args.edits, args.profiles = 2, 1, 2, 1
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    result = {"date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
              "command": "make bench" + (" (--quick)" if args.quick else "") if len(sys.argv) < 2 or args.quick
              else "bench/run.py " + " ".join(sys.argv[1:]),
              "machine": machine(), "load_before": os.getloadavg()}
    try:
        result.update(measure(work, args))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    result["load_after"] = os.getloadavg()
    result["bench_seconds"] = round(time.perf_counter() - started, 1)
    table = render_table(result)
    print("\n" + table)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latest.json").write_text(json.dumps({**result, "table": table}, indent=1, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
    (args.out / "latest.md").write_text(table + "\n", encoding="utf-8")
    print(f"\nWritten: {args.out / 'latest.json'} and latest.md ({result['bench_seconds']:.0f} s)")
    return 0


def measure(work: Path, args) -> dict:
    out: dict = {"load": {}}

    # Progress, with the load average at the start of each section (other work on a shared machine).
    def log(text: str) -> None:
        if text[:2] in ("1.", "2.", "3.", "4."):
            out["load"][text[0]] = round(os.getloadavg()[0], 1)
            text += f"  [load average {os.getloadavg()[0]:.1f}]"
        print(text, flush=True)

    # 1. Hook overhead, interleaved with the 50 regions x 5 years point of 2.
    log("Preparing the portal, the plain baseline and the generated policies ...")
    portal = builds.portal_copy(work / "portal")
    baseline = builds.baseline_copy(portal, work / "baseline")
    plain = builds.baseline_copy(portal, work / "plain", plain=True)
    scale = {(r, y): builds.portal_copy(work / f"scale-{r}x{y}", r, y) for r in args.regions for y in args.years
             if not (args.quick and (r, y) == (200, 20))}
    mid = MID if MID in scale else next(iter(scale))
    large = LARGE if LARGE in scale else max(scale)
    mid_name = "%dx%d" % mid
    two = ("mkdocs.yml", "mkdocs.de.yml")
    a, b, c = Site("portal", portal), Site("baseline", baseline, two), Site(mid_name, scale[mid])
    log(f"1. Default portal vs. plain baseline (and {mid_name}), {args.runs} interleaved rounds after a warm-up:")
    builds.interleave([a, b, c], args.runs, log)
    out["hook_overhead"] = {"portal": a.summary(), "baseline": b.summary(), "mid": {"name": mid_name, **c.summary()},
                            "pages_differing_from_baseline": builds.differing_pages(portal / "site", baseline / "site")}

    # 2. Scale: every point, interleaved (50 x 5 again, so that the growth compares runs made
    # side by side; the load of a shared machine changes between sections).
    sites = [Site(f"{r}x{y}", scale[(r, y)]) for r, y in scale]
    log(f"2. Scale: {len(sites)} points, {args.scale_runs} interleaved rounds after a warm-up:")
    builds.interleave(sites, args.scale_runs, log)
    points = dict(zip(scale, sites))
    out["scale"] = [{"regions": r, "years": y, **points[(r, y)].summary(), "support_json": builds.feed_size(scale[(r, y)] / "site")}
                    for r in args.regions for y in args.years if (r, y) in points]

    # Where the hooks spend a build: one instrumented build each; the portal's share of a build
    # under cProfile (the median of --profiles builds).
    log("   Hook cost breakdown (one instrumented build each) ...")
    projects = {"default": portal, mid_name: scale[mid], "%dx%d" % large: scale[large]}
    out["hook_cost"] = {name: hook_cost(path) for name, path in projects.items()}
    log(f"   The portal's own code under cProfile ({args.profiles} builds each) ...")
    out["hook_profile"] = {name: hook_profile(path, args.profiles) for name, path in list(projects.items())[:2]}
    # The same for a first build, with nothing kept before (a fresh checkout, as in CI): a new copy each.
    out["hook_profile_first"] = hook_profile_first(work, args.profiles)

    # 3. Preview loop.
    log(f"3. Preview loop, {args.edits} edits of policy/regions.yml:")
    out["preview"] = preview.measure(builds.portal_copy(work / "preview"), args.edits, log)

    # 4. Widget.
    # 4. Widget: sizes and call times by bench/widget_bench.py (each call launches its own
    # Chromium), then the first visits.
    log("4. Widget: sizes, call times in Chromium, first visit ...")
    out["widget"] = {
        "assets": widget_bench.sizes(),
        "calls": {name: widget_bench.call_times(json.loads((path / "site" / "support.json").read_text(encoding="utf-8")),
                                                args.calls, args.batches)
                  for name, path in (("default", portal), (mid_name, scale[mid]))},
    }
    Site("plain", plain, two).build()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = widget.launch(p)
        out["widget"]["first_visit"] = {name: widget.first_visit(browser, path / "site")
                                        for name, path in (("portal", portal), ("baseline", baseline), ("plain", plain))}
        browser.close()
    return out


def hook_cost(project: Path, *options: str) -> dict:
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "hookcost.py"), str(project), *options], cwd=project,
                          env=builds.ENV, capture_output=True, text=True, timeout=900)
    if proc.returncode != 0:
        raise RuntimeError(f"hookcost.py failed:\n{proc.stdout}{proc.stderr}")
    return json.loads(proc.stdout)


# The portal's share of a build under cProfile: every run, and the run with the median share.
def hook_profile(project: Path, runs: int) -> dict:
    results = sorted((hook_cost(project, "--profile") for _ in range(max(runs, 1))), key=lambda r: r["share"])
    return {**results[(len(results) - 1) // 2], "runs": len(results), "shares": [r["share"] for r in results]}


# The share in the first build of fresh copies of the default portal (its .cache/ empty).
def hook_profile_first(work: Path, runs: int) -> dict:
    results = sorted((hook_cost(builds.portal_copy(work / f"first-{i}"), "--profile") for i in range(max(runs, 1))),
                     key=lambda r: r["share"])
    return {**results[(len(results) - 1) // 2], "runs": len(results), "shares": [r["share"] for r in results]}


def _numbers(text: str) -> tuple:
    return tuple(int(x) for x in text.split(","))


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())

    def version(*command) -> str:
        try:
            text = subprocess.run(command, capture_output=True, text=True, timeout=30).stdout.strip()
            return text.splitlines()[-1] if text else "not found"
        except OSError:
            return "not found"

    from importlib.metadata import version as package
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "node": version("node", "--version"), "chromium": version(widget.CHROMIUM, "--version"),
            "mkdocs": package("mkdocs"), "mkdocs-material": package("mkdocs-material"),
            "playwright": package("playwright"), "os": platform.platform()}


# The table

def render_table(r: dict) -> str:
    m = r["machine"]
    lines = [f"Machine: {m['cpu']}, {m['cores']} cores; Python {m['python']}, Node {m['node']}, {m['chromium']}; "
             f"load average {r['load_before'][0]:.1f} before, {r['load_after'][0]:.1f} after "
             f"(at sections 1–4: {', '.join(str(x) for x in r['load'].values())}); "
             f"`{r['command']}` took {r['bench_seconds']:.0f} s. Times are medians: wall clock (CPU seconds of the build process).",
             "", "| # | Measure | Result | Goal | Met |", "|---|---|---|---|---|"]
    row = lambda *cells: lines.append("| " + " | ".join(str(c) for c in cells) + " |")  # noqa: E731

    h = r["hook_overhead"]
    p, b = h["portal"], h["baseline"]
    row(1, f"`mkdocs build`, default portal, both editions ({p['runs']} runs)", _t(p), "", "")
    row(1, f"plain baseline: same pages, no hooks, both editions ({b['runs']} runs)", _t(b), "", "")
    ratio_wall, ratio_cpu = p["wall_s"] / b["wall_s"], p["cpu_s"] / b["cpu_s"]
    row(1, "hook overhead (portal / baseline)", f"{ratio_wall:.2f}× ({ratio_cpu:.2f}×)", f"≤ {GOALS['hook_overhead']:.2f}×",
        _met(ratio_wall, ratio_cpu, GOALS["hook_overhead"]))
    for name, prof in r["hook_profile"].items():
        row(1, f"the portal's own code under cProfile, {name} (median of {prof['runs']} builds)",
            f"{prof['share']:.1%} of {prof['total_s']:.2f} s: importing the hook {prof['hook_import_s']:.2f} s, "
            f"hook calls {prof['hook_calls_s']:.2f} s (into supportportal {prof['calls_into_package_s']:.2f} s)",
            f"≤ {GOALS['portal_share']:.0%}" if name == "default" else "",
            ("yes" if prof["share"] <= GOALS["portal_share"] else "no") if name == "default" else "")
    if "hook_profile_first" in r:
        prof = r["hook_profile_first"]
        row(1, f"the same, default, a first build with nothing kept (median of {prof['runs']} fresh copies)",
            f"{prof['share']:.1%} of {prof['total_s']:.2f} s: importing the hook {prof['hook_import_s']:.2f} s, "
            f"hook calls {prof['hook_calls_s']:.2f} s", "", "")
    if h["pages_differing_from_baseline"]:
        row(1, "pages that differ from the baseline", ", ".join(h["pages_differing_from_baseline"]), "none", "no")

    points = {(s["regions"], s["years"]): s for s in r["scale"]}
    for s in r["scale"]:
        row(2, f"{s['regions']} regions × {s['years']} year{'s' if s['years'] != 1 else ''} "
               f"({s['runs']} run{'s' if s['runs'] != 1 else ''})",
            f"{_t(s)}; support.json {s['support_json']['bytes'] / 1000:,.1f} kB, gzip {s['support_json']['gzip_bytes'] / 1000:,.1f} kB",
            "", "")
    if FEED_POINT in points:
        size = points[FEED_POINT]["support_json"]
        one = size["region"]
        label = "%d regions × %d years" % FEED_POINT
        if one:
            row(2, f"{label}: schedule data of a widget showing one region (largest of {size['region_files']} support/<id>.json)",
                f"{one['gzip_bytes'] / 1000:,.1f} kB gzipped ({one['bytes'] / 1000:,.1f} kB raw)",
                f"≤ {GOALS['region_feed_gzip'] / 1000:.0f} KB", "yes" if one["gzip_bytes"] <= GOALS["region_feed_gzip"] else "no")
        # The home page reads the compact feed with every region; support.json (integrations) beside it.
        home = size["all_regions"]
        row(2, f"{label}: schedule data of the home page, every region (support/all_regions.json)",
            f"{home['gzip_bytes'] / 1000:,.1f} kB gzipped ({home['bytes'] / 1000:,.1f} kB raw); "
            f"support.json {size['gzip_bytes'] / 1000:,.1f} kB gzipped ({size['bytes'] / 1000:,.1f} kB raw)",
            f"≤ {GOALS['all_regions_feed_gzip'] / 1000:.0f} KB", "yes" if home["gzip_bytes"] <= GOALS["all_regions_feed_gzip"] else "no")
    mid = h["mid"]
    rw, rc = mid["wall_s"] / p["wall_s"], mid["cpu_s"] / p["cpu_s"]
    regions, years = (int(x) for x in mid["name"].split("x"))
    row(2, f"{regions} regions × {years} year{'s' if years != 1 else ''} / default portal "
           f"(in the rounds of 1: {_t(mid)})", f"{rw:.2f}× ({rc:.2f}×)",
        f"≤ {GOALS['scale_50x5']:.1f}×" if mid["name"] == "50x5" else "",
        _met(rw, rc, GOALS["scale_50x5"]) if mid["name"] == "50x5" else "")
    for text, met in growth(points):
        row(2, *text, met)

    pv = r["preview"]
    en, de, cpu_en, cpu = (statistics.median(pv[k]) for k in ("en_all_s", "de_all_s", "server_cpu_en_all_s", "server_cpu_all_s"))
    rebuild, editions = (f"{statistics.median(pv[k]):.2f} s" if pv[k] else "–" for k in ("rebuild_all_s", "editions_rebuild_all_s"))
    row(3, f"save policy/regions.yml → new time served, English page ({pv['edits']} edits)",
        f"{en:.2f} s (German page {de:.2f} s; rebuild alone {rebuild}, then the German edition {editions}; "
        f"server CPU {cpu_en:.2f} s to the English page, {cpu:.2f} s to the German page)",
        f"≤ {GOALS['preview_s']:.1f} s", "yes" if en <= GOALS["preview_s"] else "no")

    w = r["widget"]
    status, script = w["assets"]["support-status.js"], w["assets"]["support-widget.js"]
    row(4, "support-status.js with the two modules it imports, gzip (each file apart)", f"{status['gzip']:,} B ({status['bytes']:,} B raw)", "≤ 4 KB",
        "yes" if status["gzip"] <= GOALS["status_js_gzip"] else "no")
    row(4, "support-widget.js, gzip", f"{script['gzip']:,} B ({script['bytes']:,} B raw)", "", "")
    for name, label in (("support-portal.min.js", "the pages' script bundle"), ("support-portal.min.css", "the pages' stylesheet"),
                        ("support-widget.min.js", "the embedding script bundle")):
        if name in w["assets"]:
            a = w["assets"][name]
            row(4, f"{name} ({label}), gzip", f"{a['gzip']:,} B ({a['bytes']:,} B raw)", "", "")
    for feed, c in w["calls"].items():
        batches = f"median of {c['batches']} batches of {c['calls'] // c['batches']}"
        row(4, f"`supportStatus` in Chromium, {feed} feed (all {c['regions']} regions)",
            f"{c['support_status_ms'] * 1000:.1f} µs per call ({batches}); first call {c['first_call_ms']:.1f} ms", "", "")
        row(4, f"`responseDue` in Chromium, {feed} feed (one of {c['regions']}×{c['priorities']} region×priority)",
            f"{c['response_due_ms'] * 1000:.1f} µs per call ({batches})", "", "")
    fv = w["first_visit"]
    for name, label in (("portal", "portal home page"), ("baseline", "baseline home page (same assets, no hooks)"),
                        ("plain", "plain Material home page")):
        v = fv[name]
        row(4, f"first visit, {label}", f"{v['bytes'] / 1000:,.1f} kB in {v['requests']} responses "
            f"({v['gzip_bytes'] / 1000:,.1f} kB gzipped)", "", "")
    own = sorted(set(fv["portal"].get("files", [])) - set(fv["plain"].get("files", [])))
    if own:
        row(4, "first visit, the portal's own responses", ", ".join(f"`{f}`" for f in own), "", "")
    extra, extra_gz = fv["portal"]["bytes"] - fv["plain"]["bytes"], fv["portal"]["gzip_bytes"] - fv["plain"]["gzip_bytes"]
    more = fv["portal"]["requests"] - fv["plain"]["requests"]
    row(4, "portal home over plain Material", f"+{extra / 1000:,.1f} kB (+{extra_gz / 1000:,.1f} kB gzipped), "
        f"+{more} requests", f"≤ +{GOALS['first_visit_gzip'] / 1000:.0f} KB gzipped, ≤ +{GOALS['first_visit_requests']} requests",
        "yes" if extra_gz <= GOALS["first_visit_gzip"] and more <= GOALS["first_visit_requests"] else "no")

    lines += ["", "Hook cost per build (CPU seconds, inclusive; calls per build), from one instrumented build:", "",
              "| function | " + " | ".join(r["hook_cost"]) + " |", "|---|" + "---|" * len(r["hook_cost"])]
    costs = r["hook_cost"]
    lines.append("| build (in-process) | " + " | ".join(f"{c['build_cpu_s']:.3f}" for c in costs.values()) + " |")
    lines.append("| importing the hook's packages | " + " | ".join(f"{c['hook_import_cpu_s']:.3f}" for c in costs.values()) + " |")
    names = list(dict.fromkeys(name for c in costs.values() for name in c["functions"]))
    for name in names:
        cells = []
        for c in costs.values():
            f = c["functions"].get(name)
            cells.append(f"{f['seconds']:.3f} ({f['calls']}×)" if f else "–")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


# Growth of build CPU time and feed size: the cost of each added region (10→50, 50→200) and each
# added year (1→5, 5→20). Linear means the later step costs the same per unit as the earlier one.
def growth(points: dict):
    def step(key, lo, mid, hi, unit, value):
        a, b = value(mid) - value(lo), value(hi) - value(mid)
        da, db = key(mid) - key(lo), key(hi) - key(mid)
        return a / da, b / db

    rows = []
    for years in YEARS:
        keys = [(n, years) for n in REGIONS]
        if not all(k in points for k in keys):
            continue
        lo, mid, hi = (points[k] for k in keys)
        per = lambda s: s["regions"]  # noqa: E731
        t1, t2 = step(per, lo, mid, hi, "region", lambda s: s["cpu_s"])
        b1, b2 = step(per, lo, mid, hi, "region", lambda s: s["support_json"]["bytes"])
        rows.append(((f"growth per region at {years} year{'s' if years != 1 else ''}: CPU 10→50, 50→200",
                      f"{t1 * 1000:.1f} ms, {t2 * 1000:.1f} ms ({t2 / t1:.2f}×); support.json {b1 / 1000:.1f} kB, {b2 / 1000:.1f} kB",
                      "linear or better"), _linear(t2 / t1)))
    for regions in REGIONS:
        keys = [(regions, y) for y in YEARS]
        if not all(k in points for k in keys):
            continue
        lo, mid, hi = (points[k] for k in keys)
        per = lambda s: s["years"]  # noqa: E731
        t1, t2 = step(per, lo, mid, hi, "year", lambda s: s["cpu_s"])
        b1, b2 = step(per, lo, mid, hi, "year", lambda s: s["support_json"]["bytes"])
        rows.append(((f"growth per year at {regions} regions: CPU 1→5, 5→20",
                      f"{t1 * 1000:.1f} ms, {t2 * 1000:.1f} ms ({t2 / t1:.2f}×); support.json {b1 / 1000:.1f} kB, {b2 / 1000:.1f} kB",
                      "linear or better"), _linear(t2 / t1)))
    return rows


def _t(s: dict) -> str:
    return f"{s['wall_s']:.2f} s ({s['cpu_s']:.2f} s)"


# A goal is met when both the wall-clock and the CPU medians meet it.
def _met(wall: float, cpu: float, goal: float) -> str:
    if wall <= goal and cpu <= goal:
        return "yes"
    if cpu <= goal:
        return "CPU only"
    if wall <= goal:
        return "wall only"
    return "no"


# Within 25 % of linear (the noise of one step on this machine) counts as linear.
def _linear(ratio: float) -> str:
    return "yes" if ratio <= 1.25 else "no"


if __name__ == "__main__":
    sys.exit(main())
