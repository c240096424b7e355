# Page weight: the bytes a first visit to the home page transfers, against a plain Material
# page. The widget's own sizes and call times are bench/widget_bench.py's.

from __future__ import annotations

import gzip
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from conftest import CHROMIUM, CHROMIUM_ARGS, serve_directory  # noqa: E402


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

    with sync_playwright() as p:
        browser = launch(p)
        for path in sys.argv[1:]:
            print(path, first_visit(browser, Path(path)))
        browser.close()
