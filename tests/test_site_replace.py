# `mkdocs build` writes into `.<site>.building` beside the output folder and swaps it into place
# through `.<site>.old` (hooks/portal.py). A file or a link found at either path (left by hand or
# by another tool) is removed as itself: the build neither stops with a traceback nor follows a
# link to delete what it points to.

from pathlib import Path

import portal
import pytest


def folder(path: Path, text: str) -> Path:
    path.mkdir(parents=True)
    (path / "index.html").write_text(text, encoding="utf-8")
    return path


def outside(tmp_path: Path) -> Path:
    return folder(tmp_path / "elsewhere", "not the site's")


def stray_file(path: Path, tmp_path: Path) -> None:
    path.write_text("a stray file", encoding="utf-8")


def link_to_folder(path: Path, tmp_path: Path) -> None:
    path.symlink_to(outside(tmp_path), target_is_directory=True)


def link_to_file(path: Path, tmp_path: Path) -> None:
    path.symlink_to(outside(tmp_path) / "index.html")


def dangling_link(path: Path, tmp_path: Path) -> None:
    path.symlink_to(tmp_path / "missing")


def leftover_folder(path: Path, tmp_path: Path) -> None:
    folder(path, "a folder a stopped build left")


STRAYS = [stray_file, link_to_folder, link_to_file, dangling_link, leftover_folder]


def assert_outside_untouched(tmp_path: Path) -> None:
    if (tmp_path / "elsewhere").exists():
        assert (tmp_path / "elsewhere" / "index.html").read_text(encoding="utf-8") == "not the site's"


@pytest.mark.parametrize("stray", STRAYS)
@pytest.mark.parametrize("published", [True, False], ids=["over-a-site", "first-build"])
def test_the_swap_removes_whatever_lies_at_the_old_path(tmp_path, stray, published):
    root = tmp_path / "rv"
    root.mkdir()
    final = root / "o2"
    if published:
        folder(final, "previous site")
    new = folder(root / ".o2.building", "new site")
    stray(root / ".o2.old", tmp_path)
    portal._replace_dir(new, final)
    assert (final / "index.html").read_text(encoding="utf-8") == "new site"
    assert sorted(p.name for p in root.iterdir()) == ["o2"]
    assert_outside_untouched(tmp_path)


@pytest.mark.parametrize("stray", STRAYS)
def test_the_staging_folder_is_freed_before_the_build_writes_into_it(tmp_path, stray):
    root = tmp_path / "rv"
    folder(root / "o2", "previous site")
    stray(root / ".o2.building", tmp_path)
    staging = Path(portal._staging_dir(str(root / "o2"), free=True))
    assert staging == root / ".o2.building"
    assert not staging.exists() and not staging.is_symlink()
    assert (root / "o2" / "index.html").read_text(encoding="utf-8") == "previous site"
    assert_outside_untouched(tmp_path)


# A published site that is itself a link is replaced by the new folder; the folder it pointed to
# is left as it was.
def test_a_site_that_is_a_link_is_replaced_without_following_it(tmp_path):
    root = tmp_path / "rv"
    root.mkdir()
    (root / "o2").symlink_to(outside(tmp_path), target_is_directory=True)
    portal._replace_dir(folder(root / ".o2.building", "new site"), root / "o2")
    assert not (root / "o2").is_symlink()
    assert (root / "o2" / "index.html").read_text(encoding="utf-8") == "new site"
    assert sorted(p.name for p in root.iterdir()) == ["o2"]
    assert_outside_untouched(tmp_path)
