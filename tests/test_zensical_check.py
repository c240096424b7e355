# tools/zensical_check.py, the check that builds the pre-rendered portal with Zensical, run with
# generators this machine has: MkDocs itself (every page the same, every part there), and MkDocs
# behind a stand-in that fails on a template override as Zensical 0.1.1 did on the portal's
# former sitemap.xml (the override is left out, reported, and the rest still compared). Zensical itself
# is not installed for the tests (README, "Building without the hooks").

import os
import subprocess
import sys

from conftest import BIN, ROOT, SOURCE_DATE_EPOCH

CHECK = str(ROOT / "tools" / "zensical_check.py")
ENV = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_MKDOCS_2_WARNING": "1"}


def run_check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, CHECK, *args], env=ENV, capture_output=True, text=True, timeout=600)


def test_mkdocs_against_itself_matches_every_page():
    proc = run_check("--command", str(BIN / "mkdocs"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    pages = [line for line in proc.stdout.splitlines() if line.startswith("| ") and ".html" in line]
    assert len(pages) > 20 and any(line.startswith("| de/hours/index.html | same | – |") for line in pages)
    assert all(" | same | – |" in line for line in pages), proc.stdout
    assert f"pages with the same text and every part of the portal: {len(pages)} of {len(pages)}" in proc.stdout
    assert "could not render" not in proc.stdout and "differ: none" in proc.stdout


# The stand-in also words one heading differently and leaves the browser's words out of the
# German home page: both are reported, the other pages are the same.
def test_what_the_generator_cannot_do_is_reported(tmp_path):
    generator = tmp_path / "generator"
    generator.write_text("#!/bin/sh\nif [ -f overrides/sitemap.xml ]; then\n"
                         "  echo 'RuntimeError: undefined value (in sitemap.xml:6)' >&2; exit 1\nfi\n"
                         f'"{BIN / "mkdocs"}" "$@" || exit 1\n'
                         "sed -i 's/Support hours by region/Hours/' site/hours/index.html\n"
                         "[ -f site/de/index.html ] && sed -i 's/data-support-words=/data-x=/' site/de/index.html\n"
                         "exit 0\n")
    generator.chmod(0o755)
    proc = run_check("--command", str(generator))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "- `overrides/sitemap.xml`: RuntimeError: undefined value (in sitemap.xml:6)" in proc.stdout
    # Without the override, the sitemaps lack the language versions.
    assert "differ: de/sitemap.xml, sitemap.xml" in proc.stdout
    assert "| hours/index.html | differs from line 3: 'Hours' | – |" in proc.stdout
    assert "| de/index.html | same | browser words |" in proc.stdout
    assert "| index.html | same | – |" in proc.stdout and "| de/hours/index.html | same | – |" in proc.stdout


def test_without_zensical_it_says_what_to_do(tmp_path):
    proc = run_check("--command", str(tmp_path / "zensical"))
    assert proc.returncode == 2 and "Zensical not found" in proc.stderr and "Traceback" not in proc.stderr
