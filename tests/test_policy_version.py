# The policy version customers can cite: in the footer of every page of both editions and in
# support.json; staff's `version:` in company.yml wins over git's date and short hash; outside
# git and without a version, nothing is shown; builds stay reproducible.

import filecmp
import json
import shutil

import jsonschema
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, run_build
from supportportal import feed, version
from supportportal.site import Portal
from test_policy_validation import TODAY, edit, only_problem
from test_review import git_project
from timelimit import time_limit

SCHEMA = json.loads((ROOT / "hooks" / "supportportal" / "schemas" / "support.schema.json").read_text(encoding="utf-8"))


def portal_at(tmp_path, set_version: str | None = None, lang: str = "en") -> Portal:
    if not (tmp_path / "policy").exists():
        shutil.copytree(ROOT / "policy", tmp_path / "policy")
        if set_version is not None:
            with (tmp_path / "policy" / "company.yml").open("a", encoding="utf-8") as f:
                f.write(f"\nversion: {set_version}\n")
    with time_limit(60, "loading the policy"):
        return Portal(tmp_path, TODAY, lang)


def check_feed(data: dict) -> None:
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER).validate(data)


def test_outside_git_and_without_a_version_nothing_is_claimed(tmp_path):
    portal = portal_at(tmp_path)
    assert portal.version is None and portal.footer_version() is None
    data = feed.support_feed(portal.policy, portal.version)
    assert "policy_version" not in data
    check_feed(data)


def test_the_version_staff_set_is_published(tmp_path):
    for lang, words in (("en", "Support policy version 2026-2 (spring)"),
                        ("de", "Version der Supportrichtlinie: 2026-2 (spring)")):
        portal = portal_at(tmp_path, '"2026-2 (spring)"', lang)
        assert str(portal.footer_version()) == words
    data = json.loads(portal.generated_files()["support.json"])
    assert data["policy_version"] == {"label": "2026-2 (spring)"}
    check_feed(data)


@pytest.mark.parametrize("written, message, fix", [
    ("2026.10", "expected text, found the number 2026.1", "in quotes if it looks like a number"),
    ('"-draft"', "'-draft' is not a version customers can cite", "e.g. 2026-2"),
    ('"2026-2 <b>"', "'2026-2 <b>' is not a version customers can cite", "at most 40 characters"),
])
def test_a_version_that_cannot_be_cited_is_an_error(tmp_path, written, message, fix):
    directory = tmp_path / "policy"
    shutil.copytree(ROOT / "policy", directory)
    edit(directory / "company.yml", "  url: https://support.smartwork.example/\n",
         f"  url: https://support.smartwork.example/\nversion: {written}\n")
    problem = only_problem(directory)
    assert (problem.file, problem.path) == ("policy/company.yml", "version")
    assert message in problem.message and fix in problem.fix, str(problem)


# The last commit that changed policy/, not the last commit: a change to a page does not change
# the policy's version. Every page of both editions names it, and support.json too.
def test_a_built_site_names_the_last_policy_commit(tmp_path):
    project, git = git_project(tmp_path)
    edit(project / "policy" / "priorities.yml", "first_response: 1 hour", "first_response: 2 hours")
    git("commit", "-q", "-am", "Critical: 2 hours", date="2026-11-24T09:00:00+00:00")
    commit = git("rev-parse", "--short", "HEAD")
    edit(project / "content" / "index.md", "# ", "# Welcome: ")
    git("commit", "-q", "-am", "A page only", date="2026-11-26T09:00:00+00:00")
    assert version.last_policy_commit(project) == (commit, "2026-11-24")

    build = run_build(project)
    assert build.ok, build.output
    label = f"2026-11-24 ({commit})"
    pages = sorted(build.site.rglob("*.html"))
    assert len(pages) > 10 and any(p.relative_to(build.site).parts[0] == "de" for p in pages)
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        [footer] = soup.select("footer [data-policy-version]")
        german = page.relative_to(build.site).parts[0] == "de"
        expected = f"Version der Supportrichtlinie: {label}" if german else f"Support policy version {label}"
        assert footer.get_text(strip=True) == expected, page
    for data in (json.loads((build.site / name).read_text(encoding="utf-8")) for name in ("support.json", "de/support.json")):
        assert data["policy_version"] == {"label": label, "commit": commit, "commit_date": "2026-11-24"}
        check_feed(data)

    # No build time anywhere: the same commit built again gives the same bytes.
    first = tmp_path / "first-site"
    build.site.rename(first)
    again = run_build(project)
    assert again.ok, again.output
    comparison = filecmp.dircmp(first, again.site)
    assert _identical(comparison), "the second build differs"


def _identical(comparison) -> bool:
    mismatch = filecmp.cmpfiles(comparison.left, comparison.right, comparison.common_files, shallow=False)[1:]
    if comparison.left_only or comparison.right_only or any(mismatch):
        return False
    return all(_identical(sub) for sub in comparison.subdirs.values())
