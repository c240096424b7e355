# The one script and one stylesheet the pages load are bundles of overrides/assets/ made by
# tools/bundle.mjs (esbuild, pinned in package.json) and committed: they must be exactly what the
# sources give, and a stale bundle must be caught with the command that fixes it.

import os
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT

BUNDLER = ROOT / "tools" / "bundle.mjs"
BUNDLES = ("javascripts/support-portal.min.js", "javascripts/support-widget.min.js", "stylesheets/support-portal.min.css")


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


# Each script bundle holds its sources' code (a change in a module they import shows up too), and
# neither imports anything: one request each.
def test_bundles_hold_their_sources_and_import_nothing(tmp_path):
    root = copy(tmp_path)
    status = root / "overrides" / "assets" / "javascripts" / "support-status.js"
    status.write_text(status.read_text(encoding="utf-8") + '\nexport const bundledMarker = "status-module-marker";\n'
                      'console.debug(bundledMarker);\n', encoding="utf-8")
    subprocess.run(["node", str(root / "tools" / "bundle.mjs")], cwd=root, check=True, capture_output=True, timeout=120)
    for name in BUNDLES[:2]:
        text = (root / "overrides" / "assets" / name).read_text(encoding="utf-8")
        assert "status-module-marker" in text, name
        assert "import " not in text.split("*/", 1)[1] and "import(" not in text, name
    portal = (root / "overrides" / "assets" / BUNDLES[0]).read_text(encoding="utf-8")
    widget = (root / "overrides" / "assets" / BUNDLES[1]).read_text(encoding="utf-8")
    assert DISMISSED in portal and DISMISSED not in widget  # portal.js is for the portal's own pages only


DISMISSED = "support-language-hint-dismissed"
