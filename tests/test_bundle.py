# The scripts and the stylesheet the pages load are bundles of overrides/assets/ made by
# tools/bundle.mjs (esbuild, pinned in package.json) and committed: they must be exactly what the
# sources give, and a stale bundle must be caught with the command that fixes it.

import os
import re
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT

BUNDLER = ROOT / "tools" / "bundle.mjs"
BUNDLES = ("javascripts/support-portal.min.js", "javascripts/support-widget.min.js", "stylesheets/support-portal.min.css",
           "javascripts/support-portal-pages.min.js", "javascripts/support-portal-calculator.min.js")


def check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["node", str(root / "tools" / "bundle.mjs"), "--check"], cwd=root,
                          capture_output=True, text=True, timeout=120)


def test_committed_bundles_are_what_the_sources_give():
    result = check(ROOT)
    assert result.returncode == 0, result.stderr


# A copy of the bundler and the assets, with node_modules reached from the copy.
def copy(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(ROOT / "overrides", root / "overrides")
    (root / "tools").mkdir()
    shutil.copy(BUNDLER, root / "tools")
    os.symlink(ROOT / "node_modules", root / "node_modules")
    return root


def test_a_stale_bundle_is_named_with_the_fix(tmp_path):
    root = copy(tmp_path)
    css = root / "overrides" / "assets" / "stylesheets" / "portal.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.support-new-rule { color: red; }\n", encoding="utf-8")
    result = check(root)
    assert result.returncode == 1
    assert result.stderr.strip() == ("overrides/assets/stylesheets/support-portal.min.css: not what the sources give. "
                                     "Run `make bundle` and commit the result.")
    subprocess.run(["node", str(root / "tools" / "bundle.mjs")], cwd=root, check=True, capture_output=True, timeout=120)
    assert ".support-new-rule{color:red}" in (root / "overrides" / "assets" / "stylesheets" / "support-portal.min.css").read_text()
    assert check(root).returncode == 0


# Each script bundle holds its sources' code (a change in a module they import shows up too). The
# embedding bundle imports nothing (one request). The pages' bundle holds the live status and the
# schedules, and imports the page widgets' and the calculator's bundles only when a page has one
# of theirs; those hold what looks ahead (support-ahead.js: due times, closures), which the live
# status does not use, and import what they share from the first bundle (the same file the page
# loaded: one copy of each function and of the schedules' tables).
def test_bundles_hold_their_sources_and_import_only_each_other(tmp_path):
    root = copy(tmp_path)
    scripts = root / "overrides" / "assets" / "javascripts"
    markers = {"support-schedule.js": "schedule-marker", "support-ahead.js": "ahead-marker",
               "support-calculator.js": "calculator-marker", "support-pages.js": "pages-marker"}
    for source, marker in markers.items():
        (scripts / source).write_text((scripts / source).read_text(encoding="utf-8") +
                                      f'\nexport const {marker.replace("-", "_")} = "{marker}";\nconsole.debug({marker.replace("-", "_")});\n',
                                      encoding="utf-8")
    subprocess.run(["node", str(root / "tools" / "bundle.mjs")], cwd=root, check=True, capture_output=True, timeout=120)
    text = {name.split("/")[1]: (root / "overrides" / "assets" / name).read_text(encoding="utf-8").split("*/", 1)[1]
            for name in BUNDLES if name.endswith(".js")}
    embed, portal = text["support-widget.min.js"], text["support-portal.min.js"]
    assert all(embed.count(marker) == 1 for marker in markers.values())
    assert "import " not in embed and "import(" not in embed
    assert "schedule-marker" in portal
    assert not any(marker in portal for marker in ("ahead-marker", "calculator-marker", "pages-marker"))
    assert sorted(re.findall(r'import\("([^"]+)"\)', portal)) == ["./support-portal-calculator.min.js",
                                                                   "./support-portal-pages.min.js"]
    assert "import " not in re.sub(r'import\("[^"]+"\)', "", portal)
    for name, marker in (("support-portal-calculator.min.js", "calculator-marker"), ("support-portal-pages.min.js", "pages-marker")):
        assert marker in text[name] and "ahead-marker" in text[name] and "schedule-marker" not in text[name], name
        assert {m for pair in re.findall(r'(?<![-\w])from\s*"([^"]+)"|import\("([^"]+)"\)', text[name]) for m in pair if m} == {
            "./support-portal.min.js"}, name
    assert DISMISSED in portal and DISMISSED not in embed  # portal.js is for the portal's own pages only


# Integrations import the feed's functions from support-status.js, published beside the two
# modules it gathers (tests/test_status_module.py and the differential tests call them there).
def test_the_published_status_module_has_every_function_of_the_feed():
    script = ("import('./overrides/assets/javascripts/support-status.js')"
              ".then((m) => console.log(Object.keys(m).sort().join(' ')))")
    result = subprocess.run(["node", "--input-type=module", "-e", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["channelStatus", "defaultPriority", "expandFeed", "firstResponse", "guessRegion",
                                     "hoursChanges", "noticeStates", "noticesConcerning", "responseDue", "supportStatus",
                                     "text", "upcomingClosures", "utcOffset"]


DISMISSED = "support-language-hint-dismissed"
