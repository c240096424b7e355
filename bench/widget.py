# Widget weight: gzipped size of the browser modules, time per call of supportStatus() and
# responseDue() in Chromium, and the bytes a first visit to the home page transfers against
# a plain Material page.

from __future__ import annotations

import gzip
import statistics
import sys
from pathlib import Path

from builds import ROOT

from conftest import CHROMIUM, CHROMIUM_ARGS, serve_directory

JAVASCRIPTS = ROOT / "overrides" / "assets" / "javascripts"
STYLESHEETS = ROOT / "overrides" / "assets" / "stylesheets"


# Bytes of a file, and gzipped at level 6 (the default of gzip and of most web servers).
def gzip_size(path: Path) -> dict:
    data = path.read_bytes()
    return {"bytes": len(data), "gzip_bytes": len(gzip.compress(data, compresslevel=6, mtime=0))}


def asset_sizes() -> dict:
    return {
        "support-status.js": gzip_size(JAVASCRIPTS / "support-status.js"),
        "support-widget.js": gzip_size(JAVASCRIPTS / "support-widget.js"),
        "support-widget.css": gzip_size(STYLESHEETS / "support-widget.css"),
    }


# Runs in the page: `calls` calls of each function in batches of `batch` (performance.now()
# is coarse in Chromium, so a batch is timed and divided), at instants spread over the first
# 30 days of the horizon. supportStatus computes every region; responseDue cycles through every
# region and priority. The first call of each, which builds the module's per-region tables, is
# timed on its own.
_BENCH_JS = """
async ({calls, batch}) => {
  const S = await import("/assets/javascripts/support-status.js");
  const load = async () => (await fetch("/support.json", {cache: "no-store"})).json();
  const policy = await load();
  const first = Date.parse(policy.horizon.first_date + "T00:00:00Z");
  const when = (i) => new Date(first + 36e5 + ((i * 7919e3) % (30 * 864e5)));
  const pairs = policy.regions.flatMap((r) => policy.priorities.map((p) => [r.id, p.id]));
  const fns = {
    supportStatus: (p, i) => S.supportStatus(p, when(i)),
    responseDue: (p, i) => { const [r, q] = pairs[i % pairs.length]; return S.responseDue(p, r, q, when(i)); },
  };
  const out = {regions: policy.regions.length, priorities: policy.priorities.length};
  for (const [name, fn] of Object.entries(fns)) {
    const fresh = await load();
    let t = performance.now();
    fn(fresh, 0);
    const firstCall = performance.now() - t;
    for (let i = 0; i < calls; i++) fn(fresh, i);  // warm-up: the same instants as timed below
    const perCall = [];
    for (let b = 0; b < calls / batch; b++) {
      t = performance.now();
      for (let i = b * batch; i < (b + 1) * batch; i++) fn(fresh, i);
      perCall.push((performance.now() - t) / batch);
    }
    out[name] = {first_call_ms: firstCall, per_call_ms: perCall};
  }
  return out;
}
"""


# Time supportStatus and responseDue against the support.json of each built site in `sites`.
def call_times(browser, sites: dict, calls: int = 10_000, batch: int = 200) -> dict:
    result = {}
    for name, site_dir in sites.items():
        server, url = serve_directory(site_dir)
        try:
            context = browser.new_context(timezone_id="Europe/Berlin")
            page = context.new_page()
            page.goto(f"{url}/404.html")
            raw = page.evaluate(_BENCH_JS, {"calls": calls, "batch": batch})
            context.close()
        finally:
            server.shutdown()
        entry = {"regions": raw["regions"], "priorities": raw["priorities"], "calls": calls, "batch": batch}
        for fn in ("supportStatus", "responseDue"):
            per_call = raw[fn]["per_call_ms"]
            entry[fn] = {"median_us": round(statistics.median(per_call) * 1000, 2),
                         "first_call_ms": round(raw[fn]["first_call_ms"], 2)}
        result[name] = entry
    return result


# Everything a first visit to the home page loads, with the browser cache disabled: response
# bodies by resource type, as sent (http.server does not compress) and gzipped (what a
# compressing host sends for text).
def first_visit(browser, site_dir: Path) -> dict:
    server, url = serve_directory(site_dir)
    bodies = []
    try:
        context = browser.new_context(timezone_id="Europe/Berlin")
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(url + "/", wait_until="networkidle")
        page.wait_for_timeout(500)
        for response in responses:
            try:
                body = response.body()
            except Exception:  # redirects and aborted requests have no body
                continue
            path = response.url[len(url):]
            bodies.append((response.request.resource_type, path, body))
        context.close()
    finally:
        server.shutdown()
    by_type: dict = {}
    for kind, _, body in bodies:
        entry = by_type.setdefault(kind, {"requests": 0, "bytes": 0, "gzip_bytes": 0})
        entry["requests"] += 1
        entry["bytes"] += len(body)
        entry["gzip_bytes"] += _gzip_len(body)
    return {
        "requests": len(bodies),
        "bytes": sum(len(b) for _, _, b in bodies),
        "gzip_bytes": sum(_gzip_len(b) for _, _, b in bodies),
        "by_type": by_type,
        "files": sorted(path for _, path, _ in bodies),
    }


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def _gzip_len(data: bytes) -> int:
    # Images and fonts are sent as they are; text is compressed by the host.
    return len(gzip.compress(data, compresslevel=6, mtime=0)) if not data[:4] in (b"\x89PNG", b"wOF2") else len(data)


if __name__ == "__main__":
    from playwright.sync_api import sync_playwright

    print(asset_sizes())
    with sync_playwright() as p:
        browser = launch(p)
        sites = {a: Path(a) for a in sys.argv[1:]}
        print(call_times(browser, {"portal": Path(sys.argv[1])}, calls=2000))
        for name, path in sites.items():
            print(name, first_visit(browser, path))
        browser.close()
