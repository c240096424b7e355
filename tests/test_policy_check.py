# `make check` and its pre-commit hook: the build's policy checks without the build, with exactly
# the build's messages and exit 1 on problems.

import re
import subprocess
import time

import yaml

from conftest import ROOT, run_build, user_env
from test_policy_validation import edit
from test_review import git_project

HOOKS = ROOT / ".pre-commit-hooks.yaml"


def make_check(project):
    started = time.monotonic()
    proc = subprocess.run(["make", "--no-print-directory", "check"], cwd=project, capture_output=True, text=True,
                          timeout=60, env=user_env(SOURCE_DATE_EPOCH="1795737600"))
    return proc, time.monotonic() - started


def test_a_valid_policy_passes(tmp_path):
    project, _ = git_project(tmp_path)
    proc, _ = make_check(project)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "policy/: no problems" and proc.stderr == ""


# Two mistakes in two files: the check prints the very report the build prints, and fails.
def test_a_broken_policy_gets_the_builds_report(tmp_path):
    project, _ = git_project(tmp_path)
    edit(project / "policy" / "regions.yml", "zone: Europe/Berlin", "zone: CET")
    edit(project / "policy" / "priorities.yml", "first_response: 1 hour", "first_response: soon")
    proc, seconds = make_check(project)
    assert proc.returncode != 0 and proc.stdout == ""
    report = proc.stderr.split("make:", 1)[0].rstrip("\n")
    assert report.startswith("The support policy has 2 problems; nothing was published:\n"), proc.stderr
    assert "regions[1].zone: 'CET' is not an IANA time zone name" in report
    assert "priorities[1].first_response: 'soon' is not a duration" in report
    build = run_build(project)
    assert not build.ok
    assert report in build.output, build.output
    # No build: it takes a fraction of what the build does (loose, for a busy machine).
    assert seconds < 10


# The hook offered to pre-commit runs `make check` on changes to policy/ only, once per commit.
def test_the_pre_commit_hook_runs_the_check(tmp_path):
    [hook] = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["id"] == "support-policy" and hook["language"] == "system"
    assert hook["files"] == "^policy/" and hook["pass_filenames"] is False
    assert re.search(hook["files"], "policy/regions.yml") and not re.search(hook["files"], "content/hours.md")
    project, _ = git_project(tmp_path)
    edit(project / "policy" / "channels.yml", "address: support@smartwork.example", "address: support")
    proc = subprocess.run(hook["entry"].split(), cwd=project, capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0
    assert "channels[2].address: 'support' is not a link, email address or phone number" in proc.stderr
    # The README shows the configuration that uses it.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    config = re.search(r"```yaml\n(# \.pre-commit-config\.yaml\n.*?)```", readme, re.S)
    assert config, "README lacks the example .pre-commit-config.yaml"
    [repo] = yaml.safe_load(config.group(1))["repos"]
    assert [h["id"] for h in repo["hooks"]] == [hook["id"]]
