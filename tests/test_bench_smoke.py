# `make bench` on a tiny configuration: every benchmark module runs (builds, the scale points of
# genpolicy, hookcost with and without cProfile, the preview loop, the widget in Chromium, the
# first visits), prints its numbers and writes the JSON. The values are not checked: benchmarks
# are not tests, and this machine is shared. `make lighthouse`'s runner is syntax-checked.

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CHROMIUM, ROOT

NUMBER = r"[0-9][0-9,]*(?:\.[0-9]+)?"


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}: run `make system-deps` (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    out = tmp_path_factory.mktemp("bench")
    command = [sys.executable, str(ROOT / "bench" / "run.py"), "--runs", "1", "--scale-runs", "1", "--edits", "1",
               "--profiles", "1", "--regions", "10", "--years", "1", "--calls", "200", "--batches", "4",
               "--out", str(out)]
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-5000:]
    return proc.stdout, out


def test_every_section_prints_numbers(bench_run):
    stdout, _ = bench_run
    rows = {
        "default portal build": r"`mkdocs build`, default portal, both editions \(1 runs?\) \| NUMBER s \(NUMBER s\)",
        "plain baseline": r"plain baseline: same pages, no hooks, both editions \(1 runs?\) \| NUMBER s",
        "hook overhead": r"hook overhead \(portal / baseline\) \| NUMBER× \(NUMBER×\)",
        "cProfile share": r"the portal's own code under cProfile, default \(median of 1 builds\) \| NUMBER% of NUMBER s",
        "cProfile share, first build": r"a first build with nothing kept \(median of 1 fresh copies\) \| NUMBER% of NUMBER s",
        "scale point (genpolicy)": r"10 regions × 1 year \(1 run\) \| NUMBER s \(NUMBER s\); support.json NUMBER kB",
        "preview loop": r"new time served, English page \(1 edits\) \| NUMBER s \(German page NUMBER s; "
                        r"rebuild alone (NUMBER s|–), then the German edition (NUMBER s|–); "
                        r"server CPU NUMBER s to the English page, NUMBER s to the German page\)",
        "widget sizes": r"support-status.js with the two modules it imports, gzip \(each file apart\) \| NUMBER B",
        "widget in Chromium": r"`supportStatus` in Chromium, default feed .* \| NUMBER µs per call .* first call NUMBER ms",
        "first visit": r"first visit, portal home page \| NUMBER kB in NUMBER responses",
        "hook cost (instrumented)": r"\| load_policy \| NUMBER \(1×\)",
    }
    missing = [name for name, pattern in rows.items() if not re.search(pattern.replace("NUMBER", NUMBER), stdout)]
    assert not missing, f"no numbers for {missing} in:\n{stdout[-6000:]}"
    assert "pages that differ from the baseline" not in stdout, stdout[-6000:]


def test_the_json_holds_every_measurement(bench_run):
    _, out = bench_run
    result = json.loads((out / "latest.json").read_text(encoding="utf-8"))
    assert set(result) >= {"machine", "hook_overhead", "scale", "hook_cost", "hook_profile", "preview", "widget", "table"}
    assert result["hook_overhead"]["portal"]["runs"] == 1 and result["hook_overhead"]["pages_differing_from_baseline"] == []
    assert [(s["regions"], s["years"]) for s in result["scale"]] == [(10, 1)]
    assert 0 < result["hook_profile"]["default"]["share"] < 1 and 0 < result["hook_profile_first"]["share"] < 1
    assert len(result["preview"]["en_all_s"]) == 1 and len(result["preview"]["server_cpu_all_s"]) == 1
    assert len(result["preview"]["server_cpu_en_all_s"]) == 1
    assert result["widget"]["calls"]["default"]["calls"] == 200
    assert (out / "latest.md").read_text(encoding="utf-8").strip() == result["table"].strip()


# Lighthouse itself is not installed for `make test` (tools/lighthouse has its own lock file).
def test_lighthouse_runner_parses():
    node = shutil.which("node")
    assert node, "Node.js is needed for the quality gates: run `make system-deps`"
    proc = subprocess.run([node, "--check", str(ROOT / "tools" / "lighthouse" / "run.mjs")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
