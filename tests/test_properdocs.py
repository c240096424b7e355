# ProperDocs, the maintained continuation of MkDocs 1.x, builds the portal as MkDocs does: both
# editions, byte for byte, except the <meta name="generator"> tag. It is pinned beside MkDocs in
# requirements.txt (it brings no module of its own under the name `mkdocs`, see README,
# "Dependencies"); PROPERDOCS=/path/to/properdocs runs another installation instead. Missing,
# the test fails under CI=true and is skipped elsewhere.

import os
import re
import subprocess
from pathlib import Path

import pytest

from conftest import BIN, SOURCE_DATE_EPOCH, copy_project

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def find_properdocs() -> Path:
    path = Path(os.environ.get("PROPERDOCS") or BIN / "properdocs")
    if not path.is_file():
        message = f"ProperDocs not found at {path}: run `make site` (it installs requirements.txt) or set PROPERDOCS"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


# Every file of two built sites: (files only in one of them, files whose bytes differ, after the
# generator tag of each page is set aside, and the generator tags of `b` seen).
def compare_sites(a: Path, b: Path):
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    differing, generators = [], set()
    for name in sorted(files_a & files_b):
        data_a, data_b = (a / name).read_bytes(), (b / name).read_bytes()
        if data_a == data_b:
            continue
        generators.update(GENERATOR.findall(data_b))
        if GENERATOR.sub(b"", data_a) != GENERATOR.sub(b"", data_b):
            differing.append(name)
    return sorted(files_a ^ files_b), differing, generators


# As a project switching to ProperDocs has it: mkdocs.yml as it is (ProperDocs reads it and
# suggests the new name), or renamed properdocs.yml with the German edition inheriting from it.
@pytest.mark.parametrize("config", ["mkdocs.yml", "properdocs.yml"])
def test_properdocs_builds_the_same_site(built, tmp_path, config):
    properdocs = find_properdocs()
    project = copy_project(tmp_path / "project")
    if config == "properdocs.yml":
        (project / "mkdocs.yml").rename(project / "properdocs.yml")
        de = project / "mkdocs.de.yml"
        de.write_text(de.read_text(encoding="utf-8").replace("INHERIT: mkdocs.yml", "INHERIT: properdocs.yml"),
                      encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([str(properdocs), "build", "--strict"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (project / "site" / "de" / "index.html").is_file()
    only_in_one, differing, generators = compare_sites(built.site, project / "site")
    assert not only_in_one, f"files in one build only: {only_in_one}"
    assert not differing, f"pages that differ beyond the generator tag: {differing}"
    assert len(generators) == 1 and b"ProperDocs" in next(iter(generators)), generators
    pages = list((project / "site").rglob("*.html"))
    assert len(pages) > 20 and any("/de/" in p.as_posix() for p in pages)


# Installed beside MkDocs, ProperDocs leaves the `mkdocs` package and command as they are (it
# redirects `mkdocs.*` imports only inside the `properdocs` command).
def test_mkdocs_is_still_mkdocs_beside_properdocs():
    python = find_properdocs().parent / "python"  # the Python of ProperDocs' environment
    code = "import properdocs, mkdocs, mkdocs.plugins; print(mkdocs.__version__, mkdocs.__file__, mkdocs.plugins.__name__)"
    proc = subprocess.run([str(python), "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    version, path, plugins = proc.stdout.split()
    assert version == "1.6.1" and Path(path).parent.name == "mkdocs" and plugins == "mkdocs.plugins", proc.stdout
