# The staff tools against hostile input: `make diff BASE=... HEAD=...` hands the revisions to the
# script without a shell and refuses anything that is not a revision (exit status 1 from the script).

import subprocess

import pytest

from conftest import BIN, user_env
from test_review import git_project

HOSTILE = {
    "quote and command": "x'; touch {pwned}; echo '",
    "command substitution": "$(touch {pwned})",
    "make function": "$(shell touch {pwned})",
    "backticks": "`touch {pwned}`",
    "an option for git": "--output={pwned}",
}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return git_project(tmp_path_factory.mktemp("staff"))[0]


@pytest.mark.parametrize("variable, case", [*(("BASE", case) for case in sorted(HOSTILE)),
                                            ("HEAD", "quote and command"), ("HEAD", "make function")])
def test_make_diff_refuses_what_is_not_a_revision(project, tmp_path, case, variable):
    pwned = tmp_path / "pwned"
    value = HOSTILE[case].format(pwned=pwned)
    extra = [] if variable == "BASE" else ["BASE=HEAD"]
    proc = subprocess.run(["make", "--no-print-directory", "diff", f"{variable}={value}", *extra], cwd=project,
                          capture_output=True, text=True, timeout=120, env=user_env(SOURCE_DATE_EPOCH="1795737600"))
    assert not pwned.exists(), "the value ran as a command"
    assert proc.returncode != 0 and proc.stdout == ""
    assert proc.stderr.startswith(f"make diff: {variable}={value[:40]!r}"[:-1]), proc.stderr
    assert "is not a revision" in proc.stderr
    # The script exits with 1; make reports "Error 1" and exits with its own 2.
    assert "Error 1" in proc.stderr


# The script itself, as make calls it (the value in the environment): exit status 1.
def test_the_script_refuses_with_exit_status_1(project, tmp_path):
    pwned = tmp_path / "pwned"
    script = subprocess.run([str(BIN / "python"), "tools/policy_diff.py", "--no-pages"], cwd=project,
                            capture_output=True, text=True, timeout=120,
                            env=user_env(SOURCE_DATE_EPOCH="1795737600",
                                         POLICY_DIFF_BASE=HOSTILE["quote and command"].format(pwned=pwned)))
    assert script.returncode == 1 and not pwned.exists(), script.stderr
    assert "is not a revision of this repository" in script.stderr and script.stdout == ""


# A revision given by name still works, without the pages (fast), from the environment as make passes it.
def test_a_named_revision_is_taken(project):
    proc = subprocess.run([str(BIN / "python"), "tools/policy_diff.py", "--no-pages"], cwd=project,
                          capture_output=True, text=True, timeout=120,
                          env=user_env(SOURCE_DATE_EPOCH="1795737600", POLICY_DIFF_BASE="main", POLICY_DIFF_HEAD="HEAD"))
    assert proc.returncode == 0, proc.stderr
    assert "**No change for customers.**" in proc.stdout
