# The build refuses what went wrong on the original page, and rebuilds byte for byte.

import hashlib
import re

import pytest
from bs4 import BeautifulSoup

from conftest import run_build


# A page of the menu in both editions (a page of one edition's menu only stops the build by itself).
def add_page(project, text, name="broken.md"):
    (project / "content" / name).write_text(text, encoding="utf-8")
    (project / "content" / "de" / name).write_text(text, encoding="utf-8")
    for config, after in ((project / "mkdocs.yml", "  - Holiday calendar: holidays.md"),
                          (project / "mkdocs.de.yml", "  - Feiertagskalender: holidays.md")):
        assert after in config.read_text()
        config.write_text(config.read_text().replace(after, f"{after}\n  - Broken: {name}"))


def replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    head, _, tail = text.rpartition(old)
    path.write_text(head + new + tail, encoding="utf-8")


def failed(build) -> str:
    assert build.returncode != 0, build.output
    assert "Traceback" not in build.output, build.output
    return build.output


# The seed began with "Error get alias" and showed "[table id=2 /]". (Braces a page shows on purpose,
# with {% raw %}, are its text: tests/test_hostile_round2.py.)
@pytest.mark.parametrize("text, what", [
    ("Error get alias\n\n# Support\n", "an error message"),
    ("# Priorities\n\n[table id=2 /]\n", "an unrendered CMS shortcode"),
    ("# Support\n\nFatal error: Call to undefined function get_alias()\n", "an error message"),
])
def test_unrendered_content_fails_the_strict_build(project, text, what):
    add_page(project, text)
    output = failed(run_build(project))
    assert re.search(rf"content/broken\.md, line \d+: would show readers {what}: .*\n    Fix: ", output), output


def test_a_page_using_missing_policy_data_fails_naming_page_and_name(project):
    add_page(project, "# Call us\n\nOur phone number is {{ support_phone }}.\n")
    output = failed(run_build(project))
    assert "content/broken.md, line 3: uses 'support_phone', which the policy does not define" in output
    assert "channel_count" in output  # the names a page can use are listed


def test_broken_placeholder_syntax_fails_naming_the_line(project):
    add_page(project, "# Support\n\nline two\n\n{{ company \n")
    output = failed(run_build(project))
    assert re.search(r"content/broken\.md, line \d+: broken placeholder", output), output


def test_code_examples_may_show_placeholders(project):
    add_page(project, "# Snippet\n\n```html\n{% raw %}<div data-support-status>{{ x }}</div> [table id=2 /]{% endraw %}\n```\n")
    build = run_build(project)
    assert build.ok, build.output


# "There are three ways to contact us:" followed by none: the count is the list's length.
def test_channel_count_follows_the_list(project):
    channels = project / "policy" / "channels.yml"
    text = channels.read_text()
    channels.write_text(text[: text.index("  - id: form")])
    build = run_build(project)
    assert build.ok, build.output
    soup = BeautifulSoup((build.site / "contact" / "index.html").read_text(), "html.parser")
    body = " ".join(soup.select_one("article").get_text(" ").split())
    assert "There are two ways to contact us:" in body
    assert len(soup.select(".support-channels li")) == 2
    channels.write_text(text.replace("type: form", "type: phone").replace(
        "address: https://www.smartwork.example/support/contact", "address: +49 89 0000 0000"))
    build = run_build(project)
    soup = BeautifulSoup((build.site / "contact" / "index.html").read_text(), "html.parser")
    body = " ".join(soup.select_one("article").get_text(" ").split())
    assert "written communication" not in body and "in writing or live" in body


# "EST/EDT (Munich)": the label comes from the zone itself.
def test_zone_label_follows_the_zone(project):
    replace(project / "policy" / "regions.yml", "zone: America/New_York", "zone: America/Chicago")
    build = run_build(project)
    assert build.ok, build.output
    soup = BeautifulSoup((build.site / "hours" / "index.html").read_text(), "html.parser")
    row = soup.select_one('tr[data-region="usa"]')
    assert "CST/CDT (Chicago time)" in row.get_text()
    assert "Munich" not in row.get_text()


def test_hours_follow_the_policy(project):
    replace(project / "policy" / "regions.yml", "monday to friday: 10:00-18:00",
            "monday to thursday: 08:30-17:00\n      friday: [08:30-12:00, 13:00-15:00]\n      saturday: 22:00-06:00")
    build = run_build(project)
    assert build.ok, build.output
    soup = BeautifulSoup((build.site / "hours" / "index.html").read_text(), "html.parser")
    rows = [[" ".join(c.get_text().split()) for c in tr.select("td")] for tr in soup.select('tr[data-region="emea"]')]
    assert rows[0][:2] == ["Monday to Thursday", "08:30–17:00"]
    assert rows[1] == ["Friday", "08:30–12:00, 13:00–15:00"]
    assert rows[2] == ["Saturday", "22:00–06:00 (next day)"]


def digest(site):
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_rebuilds_are_byte_identical(project, tmp_path):
    first = run_build(project)
    assert first.ok, first.output
    before = digest(first.site)
    copy = tmp_path / "again"
    project.rename(copy)
    second = run_build(copy)
    assert second.ok, second.output
    assert digest(second.site) == before


def test_today_follows_source_date_epoch(project):
    build = run_build(project, epoch="1830297600")  # 2028-01-01
    assert build.ok, build.output
    soup = BeautifulSoup((build.site / "holidays" / "index.html").read_text(), "html.parser")
    assert [t["data-year"] for t in soup.select(".support-calendar")] == ["2028", "2029"]


# A policy text placed in the Markdown of a page reads literally: no emphasis, links or HTML.
def test_policy_text_is_literal_in_page_markdown(project):
    replace(project / "policy" / "holidays.yml", "closures: []",
            "closures:\n  - name: {en: 'Team *offsite* [internal](x) <b>', de: 'Team *Klausur* <b>'}\n"
            "    date: 2026-11-30")
    build = run_build(project)
    assert build.ok, build.output
    soup = BeautifulSoup((build.site / "hours" / "index.html").read_text(), "html.parser")
    text = " ".join(soup.select_one("article").get_text(" ").split())
    assert ("Closures from 27 November 2026: Team *offsite* [internal](x) <b>, "
            "Monday, 30 November 2026;") in text
    assert not soup.select("article em, article b")
