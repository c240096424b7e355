# Which policy a build publishes, so customers can cite it: the version staff set in
# company.yml, else the date and short hash of the last commit that changed policy/, else
# nothing (a copy outside git: the footer and support.json then name no version).
# Only commit data is used, never the time of the build: reproducible builds stay identical.

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from .model import Policy


@dataclass(frozen=True)
class PolicyVersion:
    label: str  # what readers cite: "2026-2", or "2026-11-27 (57d804c)"
    commit_date: str | None = None  # YYYY-MM-DD, when the label comes from git
    commit: str | None = None  # short hash, when the label comes from git


# The version of the policy in `root`/policy: company.yml's version wins over git's.
def published_version(policy: Policy, root: Path) -> PolicyVersion | None:
    if policy.version:
        return PolicyVersion(policy.version)
    found = last_policy_commit(root)
    if found is None:
        return None
    commit, date = found
    return PolicyVersion(f"{date} ({commit})", date, commit)


# (short hash, commit date) of the last commit that changed `root`/policy/, or None outside git.
def last_policy_commit(root: Path) -> tuple[str, str] | None:
    try:
        proc = subprocess.run(["git", "log", "-1", "--format=%h %cs", "--", "policy/"], cwd=root,
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    fields = proc.stdout.split()
    if proc.returncode != 0 or len(fields) != 2:
        return None
    return fields[0], fields[1]
