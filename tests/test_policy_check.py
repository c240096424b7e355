# `make check` and its pre-commit hook: every check the build runs (policy, catalogs, editions, page
# placeholders by the build's own functions; then MkDocs' own, the configuration, nav and links, by
# a build into a temporary folder), with exactly the build's messages and exit 1 on problems (from
# the script; make then exits with 2).

import contextlib
import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import time

import pytest
import yaml

from conftest import ROOT, copy_project, run_build, user_env
from test_catalogs import add_language, write_catalog
from test_policy_validation import edit
from test_review import git_project

sys.path.insert(0, str(ROOT / "tools"))
import policy_check  # noqa: E402

HOOKS = ROOT / ".pre-commit-hooks.yaml"


def make_check(project):
    started = time.monotonic()
    proc = subprocess.run(["make", "--no-print-directory", "check"], cwd=project, capture_output=True, text=True,
                          timeout=300, env=user_env(SOURCE_DATE_EPOCH="1795737600"))
    return proc, time.monotonic() - started


def test_a_valid_policy_passes(tmp_path):
    project, _ = git_project(tmp_path)
    proc, _ = make_check(project)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ("policy/, locales/, content/, mkdocs*.yml: no problems (2 editions, 20 pages, "
                                   "every link)") and proc.stderr == "", proc.stderr


# Two mistakes in two files: the check prints the very report the build prints, and fails.
def test_a_broken_policy_gets_the_builds_report(tmp_path, monkeypatch):
    project, _ = git_project(tmp_path)
    edit(project / "policy" / "regions.yml", "zone: Europe/Berlin", "zone: CET")
    edit(project / "policy" / "priorities.yml", "first_response: 1 hour", "first_response: soon")
    proc, _ = make_check(project)
    assert proc.returncode != 0 and proc.stdout == ""
    report = proc.stderr.split("make:", 1)[0].rstrip("\n")
    assert report.startswith("The support policy has 2 problems; nothing was published:\n"), proc.stderr
    assert "regions[1].zone: 'CET' is not an IANA time zone name" in report
    assert "priorities[1].first_response: 'soon' is not a duration" in report
    build = run_build(project)
    assert not build.ok
    assert report in build.output, build.output
    # The policy's problems stop the check before its build.
    monkeypatch.setattr(policy_check, "build_site", lambda *args: pytest.fail("the check built the site"))
    assert check(project)[0] == 1


# The hook offered to pre-commit runs `make check` on changes to what the build reads (policy/,
# locales/, content/, the MkDocs configurations), once per commit.
def test_the_pre_commit_hook_runs_the_check(tmp_path):
    [hook] = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["id"] == "support-policy" and hook["language"] == "system"
    assert hook["pass_filenames"] is False
    for path in ("policy/regions.yml", "locales/fr.yml", "content/hours.md", "content/fr/developers/index.md",
                 "mkdocs.yml", "mkdocs.de.yml", "hooks/supportportal/locales/de.yml"):
        assert re.search(hook["files"], path), path
    for path in ("README.md", "tests/test_review.py", "overrides/main.html", "contentious/x.md"):
        assert not re.search(hook["files"], path), path
    project, _ = git_project(tmp_path)
    edit(project / "policy" / "channels.yml", "address: support@smartwork.example", "address: support")
    proc = subprocess.run(hook["entry"].split(), cwd=project, capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0
    assert "channels[2].address: 'support' is not a link, email address or phone number" in proc.stderr
    # The README shows the configuration that uses it.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    config = re.search(r"```yaml\n(# \.pre-commit-config\.yaml\n.*?)```", readme, re.S)
    assert config, "README lacks the example .pre-commit-config.yaml"
    [repo] = yaml.safe_load(config.group(1))["repos"]
    assert [h["id"] for h in repo["hooks"]] == [hook["id"]]


# `make check` in process (tools/policy_check.py's main on a project): (exit status, standard error).
def check(project):
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        status = policy_check.main(project)
    return status, err.getvalue()


def _french(project, fallback=False, catalog="locale: fr_FR\n", skip=("developers/index.md",)):
    add_language(project, "fr", fallback)
    if catalog is not None:
        write_catalog(project, "fr", catalog)
    for page in (ROOT / "content").rglob("*.md"):
        relative = page.relative_to(ROOT / "content")
        if relative.parts[0] != "de" and relative.as_posix() not in skip:
            (project / "content" / "fr" / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(page, project / "content" / "fr" / relative)


# Every word of en.yml as a French catalog (French plural forms: many: as other:), without the menu titles.
def _complete_but_nav(locale):
    text = (ROOT / "hooks" / "supportportal" / "locales" / "en.yml").read_text(encoding="utf-8")
    text = re.sub(r'other: ("[^"]*")', r'many: \1, other: \1', text.split("\nnav:\n")[0])
    return text.replace("locale: en_GB", f"locale: {locale}")


# name: (how the project is broken, what the report must hold)
BROKEN = {
    "policy/": (lambda p: edit(p / "policy" / "regions.yml", "zone: Europe/Berlin", "zone: CET"),
                ["regions[1].zone: 'CET' is not an IANA time zone name"]),
    "a policy file named .yaml": (lambda p: (p / "policy" / "notices.yml").rename(p / "policy" / "notices.yaml"),
                                   ["policy/notices.yaml, line 1: this file is not read by the portal\n"
                                    "    Fix: rename it to notices.yml"]),
    "locales/": (lambda p: write_catalog(p, "de", "hours.caption: Zeiten\nhours.captoin: Zeiten\n"),
                 ["locales/de.yml, line 2, hours.captoin: 'hours.captoin' is not a key of the portal's catalogs"]),
    "a catalog with a text missing and a key mistyped": (
        lambda p: edit(p / "hooks" / "supportportal" / "locales" / "de.yml", "\nhours.caption:", "\nhours.captoin:"),
        ["hooks/supportportal/locales/de.yml, line 1, hours.caption: the de text of 'hours.caption' is missing",
         "hours.captoin: 'hours.captoin' is not a key of the portal's catalogs"]),
    "a catalog text without its placeholder": (
        lambda p: write_catalog(p, "de", 'footer.policy_version: "Support-Richtlinie"\nholidays.rule: "Feiertags zu."\n'),
        ["locales/de.yml, line 1, footer.policy_version: the text leaves out {version}, so what it stands for is "
         "not shown\n    Fix: put {version} where it belongs in the sentence",
         "locales/de.yml, line 2, holidays.rule: the text leaves out {calendars}"]),
    "content/ page of an edition": (lambda p: (p / "content" / "de" / "developers" / "index.md").unlink(),
                                    ["content/de/developers/index.md: the page is missing (content/developers/index.md "
                                     "has no de version)\n    Fix: copy content/developers/index.md to "
                                     "content/de/developers/index.md and translate it"]),
    "content/ placeholder": (lambda p: edit(p / "content" / "hours.md", "\n\n", "\n\n{{ compnay }}\n\n"),
                             ["content/hours.md, line "]),
    "pages of both editions": (lambda p: (edit(p / "content" / "hours.md", "\n\n", "\n\n{{ compnay }}\n\n"),
                                          edit(p / "content" / "de" / "developers" / "index.md", "\n\n",
                                               "\n\n{% include 'x' %}\n\n")),
                               ["content/hours.md, line ", "content/de/developers/index.md, line "]),
    "a page's template": (lambda p: (p / "content" / "process.md").write_text(
        "---\ntemplate: custom.html\n---\n" + (p / "content" / "process.md").read_text(encoding="utf-8"), encoding="utf-8"),
                          ["content/process.md, line 2: the template 'custom.html' does not exist in overrides/ or the "
                           "theme\n    Fix: use one of 404.html, "]),
    "company.yml languages": (lambda p: add_language(p, "fr", fallback=True),
                              ["policy/company.yml, line 18, languages: 'fr' has no catalog of the portal's own words",
                               "the holidays package has no fr names for DE, and the calendar 'munich' gives none "
                               "for 13 holidays",
                               "content/fr/: the folder of the 'fr' edition is missing"]),
    "nav titles": (lambda p: _french(p, fallback=True, skip=(), catalog=_complete_but_nav("fr_FR")),
                   ["locales/fr.yml, line 1, nav: the nav section 'For developers' of mkdocs.yml has no fr title",
                    "the holidays package has no fr names for DE"]),
    "a page of the main edition only": (
        lambda p: ((p / "content" / "faq.md").write_text("# FAQ\n\nText.\n", encoding="utf-8"),
                   edit(p / "mkdocs.yml", "  - Support notices: notices.md\n",
                        "  - Support notices: notices.md\n  - FAQ: faq.md\n")),
        ["content/de/faq.md: the page is missing (content/faq.md has no de version)\n    Fix: copy content/faq.md "
         "to content/de/faq.md and translate it, and add it to the nav of mkdocs.de.yml"]),
    "a page of another edition's menu only": (
        lambda p: ((p / "content" / "de" / "nur.md").write_text("# Nur hier\n", encoding="utf-8"),
                   edit(p / "mkdocs.de.yml", "  - Hinweise zum Support: notices.md\n",
                        "  - Hinweise zum Support: notices.md\n  - Nur hier: nur.md\n")),
        ["content/de/nur.md: the page exists in the 'de' edition only (content/nur.md is missing)\n    Fix: write "
         "content/nur.md in en too (and add it to the nav of mkdocs.yml), or delete content/de/nur.md and its line "
         "in mkdocs.de.yml"]),
    "a page of another edition outside its menu": (
        lambda p: (p / "content" / "de" / "nur.md").write_text("# Nur hier\n", encoding="utf-8"),
        ["content/de/nur.md: the page is in no menu: the nav of mkdocs.de.yml does not name it\n    Fix: add it to "
         "the nav of mkdocs.de.yml (a line such as '- Its title: nur.md'), or delete it",
         "content/de/nur.md: the page exists in the 'de' edition only (content/nur.md is missing)\n    Fix: write "
         "content/nur.md in en too (and add it to the nav of mkdocs.yml), or delete content/de/nur.md\n"]),
    # A page in one edition only is named in the run that finds it outside the menu, not after.
    "a page of the main edition outside its menu": (
        lambda p: (p / "content" / "faq.md").write_text("# FAQ\n\nText.\n", encoding="utf-8"),
        ["content/de/faq.md: the page is missing (content/faq.md has no de version)\n    Fix: copy content/faq.md "
         "to content/de/faq.md and translate it, and add it to the nav of mkdocs.de.yml",
         "content/faq.md: the page is in no menu: the nav of mkdocs.yml does not name it\n    Fix: add it to the "
         "nav of mkdocs.yml (a line such as '- Its title: faq.md'), or delete it"]),
    "broken page settings": (lambda p: (p / "content" / "process.md").write_text(
        "---\ntitle: [unclosed\n---\n" + (p / "content" / "process.md").read_text(encoding="utf-8"), encoding="utf-8"),
        ["content/process.md, line 2: the page's settings (between the --- lines at its top) are not valid: "
         "the '[' on line 2 is never closed\n    Fix: add ] at the end of line 2"]),
    "a quote left open in the page settings": (lambda p: (p / "content" / "de" / "process.md").write_text(
        '---\ntitle: "Ablauf: Tickets\nsearch:\n  exclude: true\n---\n'
        + (p / "content" / "de" / "process.md").read_text(encoding="utf-8"), encoding="utf-8"),
        ["content/de/process.md, line 2: the page's settings (between the --- lines at its top) are not valid: "
         "the quote (\") that starts the text on line 2 is never closed\n"
         "    Fix: close the quote: add \" at the end of the text on line 2"]),
    "page settings that are not settings": (lambda p: (p / "content" / "de" / "process.md").write_text(
        "---\n- a list\n---\n" + (p / "content" / "de" / "process.md").read_text(encoding="utf-8"), encoding="utf-8"),
        ["content/de/process.md, line 2: the page's settings (between the --- lines at its top) are not settings"]),
    "an invisible control character in a page": (
        lambda p: edit(p / "content" / "contact.md", "(hours.md)", "(hours.md)\x00"),
        ["content/contact.md, line 9: the page contains the invisible control character U+0000 (after ",
         "    Fix: delete it: retype the text around it"]),
    "a bidi override in a page of another edition": (
        lambda p: edit(p / "content" / "de" / "contact.md", "(hours.md)", "(hours.md) \u202egpj.exe"),
        ["content/de/contact.md, line 9: the page contains the invisible formatting character U+202E (after "]),
    "a bidi override in a menu title": (
        lambda p: edit(p / "mkdocs.yml", "  - Holiday calendar: holidays.md", '  - "Holiday \\u202Eradnelac\\u202C": holidays.md'),
        ["mkdocs.yml, line 44, nav: the menu title 'Holiday radnelac' contains the invisible formatting character "
         "U+202E (after 'Holiday ')\n    Fix: delete it: retype the text around it"]),
    "a zero-width space in a menu title of a section": (
        lambda p: edit(p / "mkdocs.yml", "      - The support feed: developers/index.md",
                       '      - "The support\\u200b feed": developers/index.md'),
        ["mkdocs.yml, line 47, nav: the menu title 'The support feed' contains the invisible formatting character "
         "U+200B (after 'The support')\n"]),
    "a bidi override at the start of a German menu title": (
        lambda p: edit(p / "mkdocs.de.yml", "  - Feiertagskalender: holidays.md", '  - "\\u202eFeiertagskalender": holidays.md'),
        ["mkdocs.de.yml, line 18, nav: the menu title 'Feiertagskalender' contains the invisible formatting "
         "character U+202E (at its start)\n"]),
    # MkDocs' own checks, by the build: its messages with the file, the line and the fix.
    "a broken link": (lambda p: edit(p / "content" / "contact.md", "(hours.md)", "(hour.md)"),
                      ["Doc file 'contact.md' contains a link 'hour.md', but the target is not found",
                       "\n  content/contact.md, line 9\n    Fix: link to a page of the edition by its file name, "
                       "e.g. hours.md"]),
    "a broken anchor": (lambda p: edit(p / "content" / "de" / "contact.md", "(hours.md)", "(hours.md#nirgends)"),
                        ["\n  content/de/contact.md, line 9\n    Fix: use the anchor of one of hours.md's headings"]),
    "a nav entry of no page": (lambda p: edit(p / "mkdocs.yml", "- Support notices: notices.md", "- Support notices: notice.md"),
                               ["\n  mkdocs.yml, line 45\n    Fix: name a page of the edition, e.g. notices.md",
                                "are not included in the \"nav\" configuration:\n  - notices.md\n    Fix: add each "
                                "to the nav of mkdocs.yml"]),
    # Every problem in one run: the pages' own checks need no policy, so a broken policy does not
    # hide them until the next run.
    "policy/ and pages": (lambda p: (edit(p / "policy" / "regions.yml", "zone: Europe/Berlin", "zone: CET"),
                                     edit(p / "content" / "hours.md", "\n\n", "\n\n{{ compnay }}\n\n"),
                                     edit(p / "content" / "de" / "developers" / "index.md", "\n\n",
                                          "\n\n{% include 'x' %}\n\n"),
                                     (p / "content" / "faq.md").write_text("# FAQ\n", encoding="utf-8")),
                          ["regions[1].zone: 'CET' is not an IANA time zone name",
                           "content/hours.md, line 13: uses 'compnay', which the policy does not define\n"
                           "    Fix: did you mean {{ company }}?",
                           "content/de/developers/index.md, line ",
                           "content/faq.md: the page is in no menu: the nav of mkdocs.yml does not name it"]),
    # So do the links between pages, MkDocs' own messages: a page that is not there, an absolute link.
    "policy/ and links": (lambda p: (edit(p / "policy" / "regions.yml", "zone: Europe/Berlin", "zone: CET"),
                                     edit(p / "content" / "hours.md", "\n\n", "\n\nSee [the FAQ](faq.md).\n\n"),
                                     edit(p / "content" / "de" / "contact.md", "(hours.md)", "(/hours/)")),
                          ["regions[1].zone: 'CET' is not an IANA time zone name",
                           "WARNING -  Doc file 'hours.md' contains a link 'faq.md', but the target is not found among "
                           "documentation files.\n  content/hours.md, line 13\n    Fix: link to a page of the edition",
                           "WARNING -  Doc file 'contact.md' contains an absolute link '/hours/', it was left as is. "
                           "Did you mean 'hours.md'?\n  content/de/contact.md, line 9\n    Fix: link to the page's file "
                           "relative to this page"]),
    # A page's problem and a link: both in one run (the link was named only once the page was fixed).
    "a page and links": (lambda p: (edit(p / "content" / "hours.md", "{{ hours_table() }}", "{{ hours_table }}"),
                                    edit(p / "content" / "hours.md", "\n\n", "\n\nSee [the FAQ](faq.md).\n\n")),
                         ["content/hours.md, line 6: hours_table is a function\n    Fix: write {{ hours_table() }}",
                          "WARNING -  Doc file 'hours.md' contains a link 'faq.md', but the target is not found among "
                          "documentation files.\n  content/hours.md, line 13\n    Fix: link to a page of the edition"]),
    "a catalog and a page": (lambda p: (write_catalog(p, "de", "hours.caption: Zeiten\nhours.captoin: Zeiten\n"),
                                        edit(p / "content" / "de" / "hours.md", "\n\n", "\n\n{{ hours_table }}\n\n")),
                             ["locales/de.yml, line 2, hours.captoin: 'hours.captoin' is not a key",
                              "content/de/hours.md, line 13: hours_table is a function\n    Fix: write {{ hours_table() }}"]),
    # A nav entry of no page is MkDocs' to name, after the portal's checks: where those fail, the portal's.
    "a nav entry of no page and a broken page": (
        lambda p: (edit(p / "mkdocs.yml", "- Support notices: notices.md", "- Support notices: notice.md"),
                   edit(p / "content" / "hours.md", "\n\n", "\n\n{{ compnay }}\n\n")),
        ["mkdocs.yml, line 45, nav: the menu names notice.md, which is not a page of content/\n"
         "    Fix: name a page of the edition, e.g. notices.md or priorities.md or process.md, or take the line out of "
         "the nav",
         "content/notices.md: the page is in no menu: the nav of mkdocs.yml does not name it",
         "content/hours.md, line 13: uses 'compnay'"]),
    # Where the policy alone has problems MkDocs does not reach the menus either: the portal names them.
    "policy/ and a menu entry of no page": (
        lambda p: (edit(p / "policy" / "regions.yml", "zone: Europe/Berlin", "zone: CET"),
                   edit(p / "mkdocs.yml", "- Support notices: notices.md", "- Support notices: notice.md")),
        ["regions[1].zone: 'CET' is not an IANA time zone name",
         "mkdocs.yml, line 45, nav: the menu names notice.md, which is not a page of content/",
         "content/notices.md: the page is in no menu: the nav of mkdocs.yml does not name it"]),
    "a German menu entry of no page and a broken page": (
        lambda p: (edit(p / "mkdocs.de.yml", "  - Hinweise zum Support: notices.md\n",
                        "  - Hinweise zum Support: notices.md\n  - Extra: extra.md\n"),
                   edit(p / "content" / "hours.md", "\n\n", "\n\n{{ compnay }}\n\n")),
        ["content/de/extra.md: the page is missing (the nav names it)", "content/hours.md, line 13: uses 'compnay'"]),
    # company.yml's languages unread: the main edition's pages (the theme's language) are checked.
    "unreadable languages and a page": (
        lambda p: (edit(p / "policy" / "company.yml", "languages: [en, de]", "languages: [en, dee]"),
                   edit(p / "content" / "hours.md", "\n\n", "\n\n{{ compnay }}\n\n")),
        ["languages[2]: 'dee' is not a language code", "content/hours.md, line 13: uses 'compnay'"]),
    "an unknown theme": (lambda p: edit(p / "mkdocs.yml", "name: material", "name: materal"),
                         ["Unrecognised theme name: 'materal'"]),
    "a French edition": (_french,
                         ["locales/fr.yml, line 1, hours.caption: the fr text of 'hours.caption' is missing",
                          "policy/regions.yml, line 30, regions[1].name: the fr text is missing",
                          "the holidays package has no fr names for DE, and the calendar 'munich' gives none "
                          "for 13 holidays",
                          "content/fr/developers/index.md: the page is missing"]),
}


# make check reports what the build reports, all of it in the first run, and fails with 1.
@pytest.mark.parametrize("case", sorted(BROKEN))
def test_check_reports_what_the_build_reports(tmp_path, case):
    breaks, expected = BROKEN[case]
    project = copy_project(tmp_path / "project")
    breaks(project)
    status, report = check(project)
    assert status == 1, report
    for text in expected:
        assert text in report, report
    # Each problem once, whichever check found it.
    heads = [line.removeprefix("  - ") for line in report.splitlines() if line.startswith("  - ") or not line.startswith(" ")]
    assert len(heads) == len(set(heads)), report
    build = run_build(project)
    assert not build.ok
    # The same report, line by line (the build's output has its progress between them).
    for line in report.strip().splitlines():
        assert line in build.output, build.output


# A language added to company.yml before its folder: the build's report names the missing folder
# with its fix, and no raw message of MkDocs' about the folder (an absolute path, no fix) comes first.
def test_a_new_language_without_its_folder_gets_no_raw_mkdocs_message(tmp_path):
    project = copy_project(tmp_path / "project")
    add_language(project, "fr", fallback=True)
    build = run_build(project)
    assert not build.ok and "content/fr/: the folder of the 'fr' edition is missing" in build.output, build.output
    assert "isn't an existing directory" not in build.output and "Config value" not in build.output, build.output
    # The same with the edition's own configuration (mkdocs.fr.yml) naming the folder.
    (project / "mkdocs.fr.yml").write_text("INHERIT: mkdocs.yml\ndocs_dir: content/fr\nsite_dir: site/fr\n"
                                          "theme:\n  language: fr\n", encoding="utf-8")
    build = run_build(project)
    assert not build.ok and "content/fr/: the folder of the 'fr' edition is missing" in build.output, build.output
    assert "isn't an existing directory" not in build.output and "Config value" not in build.output, build.output


# Where the policy has problems only the links MkDocs can judge without it are checked: the default
# pages' links written with a placeholder, to the files the build makes (support.ics) and to
# headings (checked once the policy loads) give no message, in the check or the build.
def test_where_the_policy_has_problems_no_link_is_named_wrongly(tmp_path):
    project = copy_project(tmp_path / "project")
    edit(project / "policy" / "regions.yml", "zone: Europe/Berlin", "zone: CET")
    status, report = check(project)
    assert status == 1 and report.startswith("The support policy has 1 problem") and "WARNING" not in report, report
    build = run_build(project)
    assert not build.ok and "WARNING" not in build.output and report.strip() in build.output, build.output
    # The default pages have each of those links, so the test is of them.
    links = [link for page in (project / "content").rglob("*.md")
             for link in re.findall(r"\]\(([^)\s]+)", page.read_text(encoding="utf-8"))]
    assert any(".md#" in link for link in links) and any(link.endswith(".ics") for link in links), links
    assert any("{{" in link for link in links), links


# The links are checked as each edition's build renders its pages: a link in an editor's note, to
# the other edition's folder, or in a page the configuration leaves out (exclude_docs, which a
# build with the policy keeps too) gives no message; what is named, `mkdocs build -q` names too.
def test_links_without_the_policy_are_checked_as_the_build_renders_them(tmp_path):
    project = copy_project(tmp_path / "project")
    edit(project / "mkdocs.yml", "\nvalidation:", "\nexclude_docs: |\n  drafts/\n\nvalidation:")
    (project / "content" / "drafts").mkdir()
    (project / "content" / "drafts" / "faq.md").write_text("# FAQ\n\nSee [prices](prices.md).\n", encoding="utf-8")
    edit(project / "content" / "index.md", "\n\n",
         "\n\n{# Later: [the FAQ](faq.md)\n   once it is written #}\n[Deutsch](de/index.md)\n\n")
    build = run_build(project)
    assert build.ok and not (build.site / "drafts").exists(), build.output
    edit(project / "policy" / "regions.yml", "zone: Europe/Berlin", "zone: CET")
    edit(project / "content" / "hours.md", "\n\n", "\n\nSee [the FAQ](faq.md).\n\n")
    status, report = check(project)
    assert status == 1 and report.count("WARNING") == 1, report
    assert "contains a link 'faq.md', but the target is not found" in report and "content/hours.md, line 13" in report
    quiet = run_build(project, "-q")
    assert not quiet.ok and report.strip() in quiet.output, quiet.output


# A build of another edition (`mkdocs build -f mkdocs.de.yml`, refused) checks no pages with the
# German menu taken for the main one.
def test_another_editions_build_checks_no_pages_as_the_main_one(tmp_path):
    from supportportal.loading import PolicyError
    from supportportal.pages import _config_settings
    from supportportal.site import Portal
    project = copy_project(tmp_path / "project")
    edit(project / "policy" / "regions.yml", "zone: Europe/Berlin", "zone: CET")
    german = _config_settings((project / "mkdocs.de.yml").read_text(encoding="utf-8"))
    with pytest.raises(PolicyError) as caught:
        Portal(project, dt.date(2026, 11, 27), "de", main=german)
    assert caught.value.pages is None
    with pytest.raises(PolicyError) as caught:
        Portal(project, dt.date(2026, 11, 27), main=_config_settings((project / "mkdocs.yml").read_text(encoding="utf-8")))
    assert caught.value.pages is not None and caught.value.pages.lang == "en"


# MkDocs' messages on links the cases above do not reach: an absolute link and one to a file that
# is not a page, each with the page's line and a fix.
def test_mkdocs_link_messages_get_the_line_and_a_fix():
    from supportportal import buildmessages
    source = "# Contact\n\nSee [the hours](/hours/) and [the form](form.html).\n"
    common = dict(page_name=lambda uri: f"content/{uri}", source=lambda uri: source, config_name="mkdocs.yml",
                  config_text="", pages=["index.md", "hours.md"])
    absolute = buildmessages.explain("Doc file 'contact.md' contains an absolute link '/hours/', it was left as is.",
                                     **common)
    assert absolute == ("\n  content/contact.md, line 3\n    Fix: link to the page's file relative to this page, as "
                        "(hours.md), not a path from the site's root")
    other = buildmessages.explain("Doc file 'contact.md' contains an unrecognized relative link 'form.html', it was "
                                  "left as is. Did you mean 'form.md'?", **common)
    assert other.startswith("\n  content/contact.md, line 3\n    Fix: link to the page's Markdown file")
    assert buildmessages.explain("Something else entirely", **common) is None


# A mistyped language code is named as one, and only once: no holiday names or translations asked
# for in a language that is no language.
def test_a_mistyped_language_is_one_problem(tmp_path):
    project = copy_project(tmp_path / "project")
    edit(project / "policy" / "company.yml", "languages: [en, de]", "languages: [en, dee]")
    status, report = check(project)
    assert status == 1
    assert report.startswith("The support policy has 1 problem; nothing was published:\n"
                             "  - policy/company.yml, line 18, languages[2]: 'dee' is not a language code\n"
                             "    Fix: use a two-letter ISO 639-1 code in lowercase, e.g. en, de or fr"), report


# `make check` in process with its standard output too: (exit status, standard output, standard error).
def check_output(project):
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        status = policy_check.main(project)
    return status, out.getvalue(), err.getvalue()


# The project's one one-off closure: `name` on `date`; the line of its date.
def add_closure(project, name: str, date: str) -> int:
    edit(project / "policy" / "holidays.yml", "closures: []", f"closures:\n  - name: {name}\n    date: {date}\n")
    return next(n for n, row in enumerate((project / "policy" / "holidays.yml").read_text().splitlines(), 1)
                if row == f"    date: {date}")


# A closure dated before the build (a wrong year, or kept for history) is a note in the check's
# output, with its file, line and what to do; the check still passes and says so truthfully.
def test_a_closure_in_the_past_is_a_note_not_a_problem(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795737600")
    project = copy_project(tmp_path / "project")
    line = add_closure(project, "{en: Company offsite, de: Betriebsausflug}", "2025-06-14")
    status, out, err = check_output(project)
    assert status == 0 and err == "", err
    assert out.startswith(f"Note: policy/holidays.yml, line {line}, closures[1].date: this closure was on "
                          "2025-06-14, before the build date (2026-11-27)"), out
    assert "it is not shown" in out and "\n    If you meant a later year, fix the date" in out, out
    assert out.rstrip().endswith("policy/, locales/, content/, mkdocs*.yml: no problems, 1 note (2 editions, "
                                 "20 pages, every link)"), out



# A change of hours dated before the build (a wrong year: 2025 for 2027) applies at once: a note
# in the check's output, with the file, the line and what to do; the check and its build pass.
def test_a_change_in_the_past_is_a_note_not_a_problem(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795737600")
    project = copy_project(tmp_path / "project")
    edit(project / "policy" / "regions.yml", "      monday to friday: 10:00-18:00\n",
         "      monday to friday: 10:00-18:00\n    changes:\n      - from: 2025-03-01\n"
         "        hours:\n          monday to friday: 09:00-17:00\n")
    line = next(n for n, row in enumerate((project / "policy" / "regions.yml").read_text().splitlines(), 1)
                if row == "      - from: 2025-03-01")
    status, out, err = check_output(project)
    assert status == 0 and err == "", err
    assert out.startswith(f"Note: policy/regions.yml, line {line}, regions[1].changes[1].from: this change of the "
                          "hours is from 2025-03-01, before the build date (2026-11-27): the site shows these hours "
                          "as the hours in force, and announces no change\n"
                          "    If you meant a later year, fix the date"), out
    assert out.rstrip().endswith("no problems, 1 note (2 editions, 20 pages, every link)"), out

# A closure dated after the published years (a wrong year: 2062 for 2026) is a note too, and two
# regions with one name are a problem, as in the build.
def test_a_closure_after_the_published_years_is_a_note(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795737600")
    project = copy_project(tmp_path / "project")
    line = add_closure(project, "{en: Christmas Eve, de: Heiligabend}", "2062-12-24")
    status, out, err = check_output(project)
    assert status == 0 and err == "", err
    assert out.startswith(f"Note: policy/holidays.yml, line {line}, closures[1].date: this closure is on 2062-12-24, "
                          "after the last published day (31 December 2027), so the site does not show it yet\n"
                          "    If you meant an earlier year, fix the date"), out
    assert "no problems, 1 note" in out, out
    # The build prints the same note (its run also under --strict), and passes.
    build = run_build(project, epoch="1795737600")
    note = out[:out.index("\npolicy/, locales/")]
    assert build.ok and note.count("\n") == 1 and note in build.output.replace("INFO    -  Note:", "Note:"), build.output
    edit(project / "policy" / "regions.yml", "name: {en: USA, de: USA}", "name: {en: EMEA, de: EMEA}")
    status, out, err = check_output(project)
    assert status == 1 and out == "", out
    assert "policy/regions.yml, line " in err and ", regions[2].name.en: the region name 'EMEA' (en) is used twice " \
        "(also region 'emea', line " in err and "Fix: give each region its own name in en" in err, err


# Where the build fails after the notes are printed (a broken link), the check's report has MkDocs'
# messages only: no line of a note without its first.
def test_a_failed_build_report_has_no_half_note(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795737600")
    project = copy_project(tmp_path / "project")
    add_closure(project, "{en: Christmas Eve, de: Heiligabend}", "2062-12-24")
    edit(project / "content" / "notices.md", "(holidays.md#", "(holidays.md#no-such-heading-")
    status, report = check(project)
    assert status == 1 and "no-such-heading" in report, report
    assert "If you meant" not in report and "Note:" not in report, report


# An `updated` after the build's instant (SOURCE_DATE_EPOCH) fails the check, as it fails the build.
def test_an_update_after_the_build_fails_the_check(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1795737600 + 10 * 3600))  # 27 November 2026, 11:00 in Berlin
    project = copy_project(tmp_path / "project")
    (project / "policy" / "notices.yml").write_text(
        "notices:\n  - id: hotline\n    kind: disruption\n    title: {en: Hotline down, de: Hotline gestört}\n"
        "    text: {en: Use the portal., de: Nutzen Sie das Portal.}\n    start: 2026-11-27 09:00\n"
        "    zone: Europe/Berlin\n    updated: 2026-11-27 11:30\n", encoding="utf-8")
    status, out, err = check_output(project)
    assert status == 1 and out == ""
    assert "policy/notices.yml, line 8, notices[1].updated: " in err and "2026-11-27 11:00" in err, err
