# What the live widget costs in the reader's browser: the gzipped size of its files and the time
# of supportStatus (every region) and responseDue in Chromium. Prints numbers; asserts nothing.
#
#   .venv/bin/python bench/widget_bench.py [FEED] [--json]
#
# FEED defaults to site/support.json (`make site`), else tests/fixtures/feeds/munich.json.
# Calls run at instants spread over 30 days from 2026-11-27, after a warm-up pass over the same
# instants, timed in batches (Chromium's performance.now() is too coarse for one call); the
# figure is the median batch divided by its size. The first call, which builds the per-region
# tables and time-zone formatters, is timed on its own, before any other call.

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "overrides" / "assets"
FILES = ("javascripts/support-schedule.js", "javascripts/support-ahead.js", "javascripts/support-widget.js", "stylesheets/support-widget.css",
         # what the pages load (make bundle): the status script (and, where a page has their widgets, the
         # other two), the stylesheet; and the embedding script
         "javascripts/support-portal.min.js", "javascripts/support-portal-pages.min.js", "javascripts/support-portal-calculator.min.js",
         "stylesheets/support-portal.min.css", "javascripts/support-widget.min.js")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
BUDGET = 5120  # gzipped bytes allowed for the feed's functions (4,096 before dated changes)
# The feed's functions as integrations load them: support-status.js and the two modules it imports.
STATUS_FILES = ("javascripts/support-status.js", "javascripts/support-schedule.js", "javascripts/support-ahead.js")

TIMING_JS = """async ([feed, calls, batches]) => {
  const S = await import("/javascripts/support-status.js");
  const start = Date.parse("2026-11-27T00:00:00Z");
  const times = Array.from({length: calls}, (_, i) => new Date(start + Math.floor(i * 30 * 864e5 / calls)));
  const tickets = [];
  for (const r of feed.regions) for (const p of feed.priorities) tickets.push([r.id, p.id]);
  const status = (i) => S.supportStatus(feed, times[i]);
  const due = (i) => S.responseDue(feed, tickets[i % tickets.length][0], tickets[i % tickets.length][1], times[i]);
  const t0 = performance.now();
  status(0);
  const first = performance.now() - t0;
  const median = (run) => {
    for (let i = 0; i < calls; i++) run(i);
    const size = calls / batches, per = [];
    for (let b = 0; b < batches; b++) {
      const t = performance.now();
      for (let i = b * size; i < (b + 1) * size; i++) run(i);
      per.push((performance.now() - t) / size);
    }
    per.sort((a, b) => a - b);
    return (per[(batches - 1) >> 1] + per[batches >> 1]) / 2;
  };
  return {first_call_ms: first, support_status_ms: median(status), response_due_ms: median(due)};
}"""


# Bytes and gzipped bytes (level 6, like a compressing web server) of each widget file.
def sizes() -> dict:
    def size(data: bytes) -> dict:
        return {"bytes": len(data), "gzip": len(gzip.compress(data, compresslevel=6, mtime=0))}

    out = {"support-status.js": {key: sum(size((ASSETS / name).read_bytes())[key] for name in STATUS_FILES)
                                 for key in ("bytes", "gzip")}}
    for name in FILES:
        out[Path(name).name] = size((ASSETS / name).read_bytes())
    return out


# Median milliseconds per call of supportStatus and responseDue over `calls` calls in Chromium.
def call_times(feed: dict, calls: int = 10_000, batches: int = 50) -> dict:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(ASSETS))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/javascripts/")
            result = page.evaluate(TIMING_JS, [feed, calls, batches])
            browser.close()
    finally:
        server.shutdown()
    return {**result, "calls": calls, "batches": batches, "regions": len(feed["regions"]),
            "priorities": len(feed["priorities"])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("feed", nargs="?", type=Path)
    parser.add_argument("--calls", type=int, default=10_000)
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args()
    feed_path = args.feed or next(p for p in (ROOT / "site" / "support.json", ROOT / "tests" / "fixtures" / "feeds" / "munich.json") if p.exists())
    result = {"feed": str(feed_path), "sizes": sizes(), "times": call_times(json.loads(feed_path.read_text()), args.calls)}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"feed: {feed_path}")
    for name, size in result["sizes"].items():
        budget = f" (budget {BUDGET:,})" if name == "support-status.js" else ""
        print(f"{name:22} {size['bytes']:7,} bytes, {size['gzip']:6,} gzipped{budget}")
    t = result["times"]
    print(f"supportStatus, all {t['regions']} regions: {t['support_status_ms'] * 1000:8.1f} µs per call (median of {t['batches']} batches, {t['calls']:,} calls)")
    print(f"responseDue:                  {t['response_due_ms'] * 1000:8.1f} µs per call (median of {t['batches']} batches, {t['calls']:,} calls)")
    print(f"first call (tables, formatters): {t['first_call_ms']:.1f} ms")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


if __name__ == "__main__":
    main()
