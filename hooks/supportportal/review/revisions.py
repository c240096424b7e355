# Git and builds: the policy and the site at two revisions, and the whole review.

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from ..loading import PolicyError, load_policy
from .pages import feed_changes, page_changes, word_changes
from .summary import render, summarize


class ReviewError(Exception):
    pass


# The repository's files at `rev` (None: the working tree, uncommitted changes included) in `dest`.
def export_tree(repo: Path, rev: str | None, dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    if rev is None:
        listed = _git(repo, "ls-files", "-z", "--cached", "--others", "--exclude-standard").stdout
        for name in filter(None, listed.decode().split("\0")):
            source = repo / name
            if source.is_file():
                (dest / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, dest / name)
        return dest
    archive = _git(repo, "archive", "--format=tar", rev).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest


# The revision to compare against by default: where this branch left main (or origin/main).
def default_base(repo: Path) -> str:
    for branch in ("main", "origin/main"):
        proc = subprocess.run(["git", "merge-base", branch, "HEAD"], cwd=repo, capture_output=True, text=True,
                              timeout=60)
        if proc.returncode == 0:
            return proc.stdout.strip()
    raise ReviewError("there is no branch main or origin/main to compare with: name the base, e.g. BASE=HEAD~1")


# The commit a revision given by a person names (BASE=main~3), or ReviewError saying it is none:
# the text is handed to git as one argument after --end-of-options, never to a shell.
def revision(repo: Path, text: str, label: str) -> str:
    shown = text if len(text) <= 80 else text[:77] + "..."
    if text.strip() != text or any(not c.isprintable() for c in text) or text.startswith("-"):
        raise ReviewError(f"{label}={shown!r} is not a revision: give a commit, branch or tag, e.g. {label}=HEAD~1")
    proc = subprocess.run(["git", "rev-parse", "--verify", "--quiet", "--end-of-options", f"{text}^{{commit}}"],
                          cwd=repo, capture_output=True, text=True, timeout=60)
    if proc.returncode != 0 or not proc.stdout.strip():
        raise ReviewError(f"{label}={shown!r} is not a revision of this repository: give a commit, branch or tag, "
                          f"e.g. {label}=HEAD~1 or {label}=main")
    return proc.stdout.strip()


def short_name(repo: Path, rev: str | None) -> str:
    if rev is None:
        return "the working tree"
    commit = _git(repo, "rev-parse", "--short", f"{rev}^{{commit}}").stdout.decode().strip()
    return f"`{commit}`" if rev.startswith(commit) or commit.startswith(rev) else f"`{rev}` ({commit})"


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(["git", *args], cwd=repo, capture_output=True, timeout=120)
    if proc.returncode != 0:
        raise ReviewError(f"git {' '.join(args)}: {proc.stderr.decode().strip()}")
    return proc


# `mkdocs build --strict` of one tree into `out`, with the given SOURCE_DATE_EPOCH; the output
# of a failed build is returned, None on success. Not --quiet: MkDocs then drops the warnings
# before --strict counts them, and a build the real one refuses (a broken link) passes.
def build_site(tree: Path, out: Path, epoch: str) -> str | None:
    mkdocs = Path(sys.executable).parent / "mkdocs"
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([str(mkdocs), "build", "--strict", "-d", str(out)], cwd=tree, env=env,
                          capture_output=True, text=True, timeout=600)
    if proc.returncode == 0:
        return None
    # MkDocs' messages, then its last word ("Aborted with ..."); not its progress, nor where the
    # build would have left the site (a temporary folder).
    lines = (proc.stderr + "\n" + proc.stdout).strip().splitlines()
    shown, info = [], False
    for line in lines:
        if line.strip() and not line.startswith(" "):
            info = line.startswith("INFO ")  # a note's second line goes with its first
        if line.strip() and not info and not line.endswith(" was left as it was"):
            shown.append(line)
    return "\n".join(shown or lines)


# The whole review of `base` against `head` (None: the working tree): the summary, then the
# pages whose text changed and the live parts' words that changed (unless `pages` is false).
# Returns (Markdown, ok): not ok when either policy does not load or either site does not build
# (the Markdown says which and why).
def review(repo: Path, base: str, head: str | None, epoch: str, pages: bool = True) -> tuple[str, bool]:
    built_at = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    today = built_at.date()
    compared = f"Compared: {short_name(repo, base)} → {short_name(repo, head)}."
    with tempfile.TemporaryDirectory(prefix="policy-review-") as tmp:
        old_tree = export_tree(repo, base, Path(tmp) / "old")
        new_tree = export_tree(repo, head, Path(tmp) / "new")
        try:
            new = load_policy(new_tree / "policy", today, built_at=built_at)
        except PolicyError as error:
            return render(compared=compared, problems=error.report()), False
        try:
            old = load_policy(old_tree / "policy", today, built_at=built_at)
        except PolicyError as error:
            return render(compared=compared, base_problems=error.report()), False
        sections = summarize(old, new)
        if not pages:
            return render(sections, compared=compared), True
        problems = []
        for name, tree in (("base", old_tree), ("new", new_tree)):
            failed = build_site(tree, Path(tmp) / f"{name}-site", epoch)
            if failed:
                problems.append(f"The {name} site did not build:\n{failed}")
        if problems:
            return render(sections, compared=compared, page_problem="\n\n".join(problems)), False
        old_site, new_site = Path(tmp) / "base-site", Path(tmp) / "new-site"
        changes = page_changes(old_site, new_site, new.languages)
        words = word_changes(old_site, new_site, new.languages)
        feeds = feed_changes(old_site, new_site, new.languages)
        return render(sections, compared=compared, pages=changes, words=words, feeds=feeds,
                      languages=new.languages), True
