# Careless and hostile input, round two: the edges of dates and lead times, names over two lines,
# catalogs (format specs, line breaks, template text, menu titles), phone numbers, languages,
# structural YAML mistakes, pages with {% raw %}, an empty SOURCE_DATE_EPOCH and folder links
# that loop. Each is refused naming file, line and fix, or works as the README says; none
# crashes, hangs or publishes markup of its own.

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, run_build
from supportportal import catalog, feed, ics
from supportportal.loading import PolicyError
from test_hostile_policy import line_of, load, problem_at, problems_for
from test_policy_validation import edit
from timelimit import time_limit

NOTICE = ("notices:\n  - id: edge\n    kind: information\n    title: {{en: Edge, de: Rand}}\n"
          "    text: {{en: Text, de: Text}}\n    start: {start}\n{rest}    zone: Europe/Berlin\n")


def notice(start: str, rest: str = "") -> tuple:
    return ("notices.yml", "notices: []", NOTICE.format(start=start, rest=rest))


@pytest.fixture
def policy(tmp_path) -> Path:
    directory = tmp_path / "project" / "policy"
    shutil.copytree(ROOT / "policy", directory)
    return directory


# What the schemas say of each key: a fix says what to write, not only that.
DESCRIPTIONS = set(re.findall(r'"description": "((?:[^"\\]|\\.)*)"', "".join(
    path.read_text(encoding="utf-8") for path in (ROOT / "policy" / "schema").glob("*.json"))))
YEARS = "outside the years the portal can compute (1970 to 9998)"
# (edits: [(file, old, new)], file, line marker, key path, words in the message, words in the fix)
CASES = {
    # Tracebacks before: OverflowError at the edge of Python's dates and of timedelta.
    "notice at the end of 9999": ([notice("9999-12-30", "    end: 9999-12-31\n")], "notices.yml", "9999-12-30",
                                  "notices[1].start", YEARS, "from 1970-01-01 to 9998-12-31"),
    "notice at the start of year 1": ([notice("0001-01-01 00:00")], "notices.yml", "0001-01-01",
                                      "notices[1].start", "the year 0001 is " + YEARS, "9998-12-31"),
    "announce a trillion weeks": ([notice("2026-12-08", "    announce: 999999999999 weeks\n")], "notices.yml",
                                  "999999999999", "notices[1].announce", "longer than the longest lead time, 366 days",
                                  "366 days or less"),
    "announce 53 weeks": ([notice("2026-12-08", "    announce: 53 weeks\n")], "notices.yml", "53 weeks",
                          "notices[1].announce", "366 days", "366 days or less"),
    "announce with 5000 digits": ([notice("2026-12-08", f"    announce: {'9' * 5000} hours\n")], "notices.yml",
                                  "99999", "notices[1].announce", "366 days", "366 days or less"),
    "closure in year 0": ([("holidays.yml", "closures: []", "closures:\n  - name: {en: Old, de: Alt}\n"
                            "    date: 0000-01-31")], "holidays.yml", "0000-01-31", "closures[1].date",
                          "the year 0000 is " + YEARS, "1970-01-01"),
    "hours change in 9999": ([("regions.yml", "    public_holidays: munich\n",
                               "    public_holidays: munich\n    changes:\n      - from: 9999-03-01\n"
                               "        hours:\n          monday to friday: 09:00-17:00\n")],
                             "regions.yml", "9999-03-01", "regions[2].changes[1].from", YEARS, "9998-12-31"),
    # An ICS crash before: a name is one line wherever it is shown (calendar name, summary, menu).
    "region name over two lines": ([("regions.yml", "name: {en: EMEA, de: EMEA}",
                                     "name:\n      en: |\n        Europe and\n        Middle East\n      de: EMEA")],
                                   "regions.yml", "en: |", "regions[1].name.en", "line break (U+000A)", "one line"),
    # Wrong or misleading answers before.
    "phone number of a plus and a space": ([("channels.yml", "type: email", "type: phone"),
                                            ("channels.yml", "address: support@smartwork.example", "address: '+ '")],
                                           "channels.yml", "'+ '", "channels[2].address",
                                           "has 0 digits; a phone number in international form has 5 to 15",
                                           "+49 89 1234 5678"),
    "closure name in a language the site lacks": ([("holidays.yml", "closures: []", "closures:\n  - name: {en: Offsite, "
                                                    "de: Ausflug, fr: Excursion}\n    date: 2027-06-14")],
                                                  "holidays.yml", "fr: Excursion", "closures[1].name.fr",
                                                  "'fr' is not a language of this site (en, de)", "remove this translation"),
    "a language CLDR does not know": ([("company.yml", "languages: [en, de]", "languages: [en, de, xx]")],
                                      "company.yml", "languages:", "languages[3]", "'xx' is not a language",
                                      "two-letter language code"),
    "braces in the company name": ([("company.yml", "name: smartwork solutions", "name: 'smartwork {{ x }}'")],
                                   "company.yml", "smartwork {{", "company.name", "unrendered template placeholder",
                                   "words readers should see"),
    "a business day of a hundred million hours": ([("priorities.yml", "business_day: 8 hours",
                                                    "business_day: 99999999 hours")], "priorities.yml",
                                                  "99999999 hours", "business_day", "a business day has 1 to 24 hours",
                                                  "from 1 hour to 24 hours"),
    # Structural mistakes, each with a fix that says what to write.
    "key given twice": ([("company.yml", "languages: [en, de]", "languages: [en, de]\nlanguages: [en]")],
                        "company.yml", "languages: [en]", "languages", "appears twice", "delete this 'languages:'"),
    "null value": ([("company.yml", "name: smartwork solutions", "name: null")], "company.yml", "name: null",
                   "company.name", "expected text, found nothing", "write text here"),
    "top-level list": ([("maintenance.yml", None, "- included\n- warranty\n")], "maintenance.yml", "- included",
                       "", "expected a group of keys, found a list", "without '- '"),
    "regions as a mapping": ([("regions.yml", "regions:\n", "regions:\n  emea:\n    zone: Europe/Berlin\nold:\n")],
                             "regions.yml", "regions:", "regions", "expected a list", "starting with '- '"),
    "merge key": ([("company.yml", "company:\n", "base: &base {name: x}\ncompany:\n  <<: *base\n")],
                  "company.yml", "<<: *base", "company.<<", "merge key", "write the keys themselves"),
    "NUL byte": ([("company.yml", "name: smartwork solutions", "name: smartwork\x00 solutions")], "company.yml",
                 "name: smartwork", "", "control character U+0000", "delete it"),
    "count as a word": ([("notices.yml", "keep_ended_days: 30", "keep_ended_days: thirty")], "notices.yml",
                        "keep_ended_days: thirty", "keep_ended_days", "expected a whole number, found 'thirty'",
                        "write a whole number here (how many days"),
    "an entry given as one value": ([("holidays.yml", "closures: []", "closures:\n  - Christmas Eve")],
                                    "holidays.yml", "- Christmas Eve", "closures[1]", "expected a group of keys",
                                    "each on a line of its own"),
    "an unknown kind with no near match": ([notice("2026-12-08"), ("notices.yml", "kind: information", "kind: zzz")],
                                           "notices.yml", "kind: zzz", "notices[1].kind", "'zzz' is not one of",
                                           "write one of: information, reduced service, disruption"),
    "empty file": ([("maintenance.yml", None, "")], "maintenance.yml", None, "", "'included' is missing (the file is empty)",
                   "restore maintenance.yml"),
    "comment-only file": ([("maintenance.yml", None, "# all removed\n")], "maintenance.yml", None, "",
                          "'warranty' is missing (the file is empty)", "add warranty:"),
}


@pytest.mark.parametrize("case", CASES)
def test_each_edit_is_refused_naming_file_line_and_a_fix(policy, case):
    edits, file, marker, path, message, fix = CASES[case]
    for name, old, new in edits:
        if old is None:
            (policy / name).write_text(new, encoding="utf-8")
        else:
            edit(policy / name, old, new)
    problems = problems_for(policy, seconds=10)
    problem = [p for p in problems if p.path == path and message in p.message]
    assert problem, "\n".join(map(str, problems))
    problem = problem[0]
    assert problem.file == f"policy/{file}"
    assert problem.line == (line_of(policy / file, marker) if marker else 1), str(problem)
    assert fix in problem.fix, str(problem)
    for p in problems:  # every problem of the run, not only this one, says what to write
        assert p.fix and p.fix.rstrip(".") not in p.message and p.fix not in DESCRIPTIONS, str(p)


def test_no_example_date_is_one_the_portal_cannot_compute(policy):
    edit(policy / "holidays.yml", "closures: []", "closures:\n  - name: {en: Old, de: Alt}\n    date: 31.01.0000")
    problem = problem_at(problems_for(policy), "closures[1].date")
    assert "0000" not in problem.fix and "YYYY-MM-DD" in problem.fix, str(problem)


# 5,000 notices or 10,000 changes, without a single alias: the limit is named, not aliases.
def test_a_long_file_meets_the_limit_of_values_not_a_word_about_aliases(policy):
    (policy / "maintenance.yml").write_text("included: [" + "Updates, " * 20_001 + "]\n", encoding="utf-8")
    problem = [p for p in problems_for(policy, seconds=10) if p.file == "policy/maintenance.yml"]
    assert len(problem) == 1, problem
    assert "more than 20,000 values, the most a policy file may hold" in problem[0].message, str(problem[0])
    assert "alias" not in str(problem[0]) and "remove what no longer applies" in problem[0].fix


def test_a_notice_on_the_last_computable_day_is_published(policy):
    file, old, new = notice("9998-12-30", "    end: 9998-12-31\n    announce: 366 days\n")
    edit(policy / file, old, new)
    loaded = load(policy)
    assert [n.id for n in loaded.notices] == ["edge"]
    with time_limit(10, "writing the feeds"):
        assert b"notice-edge@" in ics.support_calendar(loaded, "en")
        assert "edge" in feed.dumps(feed.support_feed(loaded))


def test_a_file_that_is_not_a_policy_file_is_not_told_to_become_one(policy):
    (policy / "notes.yml").write_text("todo: ask about the hotline\n", encoding="utf-8")
    problem = [p for p in problems_for(policy) if p.file == "policy/notes.yml"][0]
    assert "rename" not in problem.fix and "move it out of policy/" in problem.fix, str(problem)
    (policy / "notes.yml").unlink()
    (policy / "channels.yml").rename(policy / "channel.yml")  # a slip of the name: rename it
    problem = [p for p in problems_for(policy) if p.file == "policy/channel.yml"][0]
    assert problem.fix == "rename it to channels.yml", str(problem)


# Catalogs: a text is one line of words with {name} placeholders, nothing else.
CATALOG_CASES = {
    "format spec": ('duration.hours: {one: "{count} Stunde", other: "{count:>999999999} Stunden"}',
                    "duration.hours", "has a format after the name", "write {count} without ':>999999999'"),
    "conversion": ('duration.hours: {one: "{count!r} Stunde", other: "{count} Stunden"}',
                   "duration.hours", "has a format after the name", "write {count}"),
    "line break": ('hours.caption: "Support\\nhours"', "hours.caption", "line break (U+000A)", "one line"),
    "template text": ("hours.caption: \"{{ ''.__class__ }}\"", "hours.caption", "catalog texts are not templates",
                      "placeholders as {name}"),
    "menu title over two lines": ('nav:\n  Support: "Start\\nseite"', "nav.Support", "line break", "one line", 4),
    "control character": ('hours.caption: "Support\\x1bhours"', "hours.caption", "control character U+001B", "delete it"),
}


@pytest.mark.parametrize("case", CATALOG_CASES)
def test_catalog_texts_are_refused_naming_file_line_and_fix(tmp_path, case):
    line, key, message, fix, *number = CATALOG_CASES[case]
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "de.yml").write_text(f"# German words of this project\nlocale: de_DE\n{line}\n",
                                                  encoding="utf-8")
    with pytest.raises(PolicyError) as info, time_limit(5, "checking the catalog"):
        catalog.load_catalogs(tmp_path, ("en", "de"))
    found = [p for p in info.value.problems if p.path == key]
    assert found, "\n".join(map(str, info.value.problems))
    assert found[0].file == "locales/de.yml" and found[0].line == (number or [3])[0], str(found[0])
    assert message in found[0].message and fix in found[0].fix, str(found[0])


def test_a_catalog_linked_from_outside_the_project_is_not_read(tmp_path):
    secret = tmp_path / "elsewhere" / "secret.yml"
    secret.parent.mkdir()
    secret.write_text("password: hunter2-very-secret\n", encoding="utf-8")
    root = tmp_path / "project"
    (root / "locales").mkdir(parents=True)
    (root / "locales" / "de.yml").symlink_to(secret)
    with pytest.raises(PolicyError) as info, time_limit(5, "checking the catalog"):
        catalog.load_catalogs(root, ("en", "de"))
    report = "\n".join(map(str, info.value.problems))
    assert "hunter2" not in report and "password" not in report
    assert "locales/de.yml, line 1: this is a link to a file outside the project, which is not read" in report


# Real builds, where the adapter is what is tested.

HOSTILE_TITLE = "</title><script>alert(1)</script><img src=x onerror=alert(2)>"


def test_catalog_menu_titles_raw_pages_and_an_empty_epoch_build(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "mkdocs.de.yml").unlink()  # the German menu from the catalog's nav: titles
    (project / "locales").mkdir()
    (project / "locales" / "de.yml").write_text(
        "nav:\n"
        f"  Support: '{HOSTILE_TITLE}'\n"
        f"  When can I contact support?: 'Zeiten {HOSTILE_TITLE}'\n"
        f"  For developers: 'Entwickler {HOSTILE_TITLE}'\n"
        # Words the theme writes into the language switch of every page and into an attribute.
        "language.name: '<img src=x onerror=alert(12)>'\n"
        "palette.to_dark: 'a\" onmouseover=\"alert(5)'\n", encoding="utf-8")
    with (project / "content" / "de" / "hours.md").open("a", encoding="utf-8") as page:
        page.write("\nSo sieht ein Platzhalter aus: {% raw %}{{ x }}{% endraw %}.\n")
    # A heading that names markup as text (entities): the page's title shows it as text too.
    edit(project / "content" / "de" / "process.md", "# Wie läuft die Lösung ab?",
         "# Wie läuft die Lösung ab? &lt;/title&gt;&lt;x-hostile&gt;")
    build = run_build(project, epoch="")
    assert build.ok, build.output
    assert "Traceback" not in build.output
    hours = BeautifulSoup((build.site / "de" / "hours" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "So sieht ein Platzhalter aus: {{ x }}." in hours.get_text()
    for page in build.site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert not soup.find("img", src="x"), page
        assert not soup.find_all(lambda tag: any(name.startswith("on") for name in tag.attrs)), page
        assert all("alert" not in (script.string or "") for script in soup.find_all("script")), page
    process = BeautifulSoup((build.site / "de" / "process" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert process.title.get_text().startswith("Wie läuft die Lösung ab? </title><x-hostile>"), process.title
    assert not process.find("x-hostile")
    menu = [a.get_text(" ", strip=True) for a in hours.select("nav.md-nav--primary a")]
    assert any(HOSTILE_TITLE in text for text in menu), menu
    # Shown as written, as text.
    assert "<img src=x onerror=alert(12)>" in hours.get_text()
    assert hours.find("label", title='a" onmouseover="alert(5)'), "the toggle's name as its title"


def test_a_folder_link_loop_in_content_stops_the_build_and_keeps_site(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "content" / "loop").symlink_to(".")
    (project / "content" / "de" / "up").symlink_to("../..")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the published site", encoding="utf-8")
    build = run_build(project)
    assert build.returncode != 0 and "Traceback" not in build.output, build.output
    assert "content/loop is a link to ., a folder that contains the link itself" in build.output
    assert "content/de/up is a link to ../.., a folder that contains the link itself" in build.output
    assert "Fix: delete the link" in build.output
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "the published site"
    assert not (project / ".site.building").exists()


# A language CLDR knows but the theme has no words for (Akan): named in company.yml with the fix,
# not a template path of the theme.
AKAN_HOLIDAYS = ["All Saints' Day", "Ascension Day", "Assumption Day", "Christmas Day", "Corpus Christi",
                 "Easter Monday", "Epiphany", "German Unity Day", "Good Friday", "Labor Day", "New Year's Day",
                 "Pentecost Monday", "Second Day of Christmas"]


def test_a_language_the_theme_lacks_is_named_in_company_yml(tmp_path):
    project = copy_project(tmp_path / "project")
    edit(project / "policy" / "company.yml", "languages: [en, de]",
         "languages: [en, de, ak]\nmissing_translations: fallback")
    names = "".join(f'      "{name}": {{ak: "{name}"}}\n' for name in AKAN_HOLIDAYS)
    edit(project / "policy" / "holidays.yml", "    subdivision: BY\n", "    subdivision: BY\n    names:\n" + names)
    (project / "locales").mkdir()
    shutil.copy(ROOT / "hooks" / "supportportal" / "locales" / "en.yml", project / "locales" / "ak.yml")
    # The edition's pages are there (a missing folder is reported before any edition is built).
    shutil.copytree(ROOT / "content", project / "content" / "ak", ignore=shutil.ignore_patterns("de"))
    build = run_build(project)
    assert build.returncode != 0 and "Traceback" not in build.output, build.output
    line = line_of(project / "policy" / "company.yml", "languages: [en, de, ak]")
    assert (f"policy/company.yml, line {line}, languages: the theme has no words of its own (search, menu, "
            "buttons) in 'ak'") in build.output, build.output
    assert "Fix: write mkdocs.ak.yml" in build.output and "partials/languages" not in build.output
    assert not build.site.exists()
    # make check says the same, without building.
    from test_policy_check import check

    status, report = check(project)
    assert status == 1 and (f"policy/company.yml, line {line}, languages: the theme has no words of its own "
                            "(search, menu, buttons) in 'ak'") in report, report


# Menu titles written in mkdocs.yml and mkdocs.de.yml show as text, escaped exactly once ("&" is
# "&amp;" in the HTML, never "&amp;amp;"), everywhere the theme shows them: the menu, the tabs,
# the header, the page's title, the path, the footer's previous and next links (and their labels).
NAV_HOSTILE = "<img src=x onerror=alert(1)>"


def test_menu_titles_of_the_mkdocs_configurations_show_as_text(tmp_path):
    project = copy_project(tmp_path / "project")
    titles = {"en": (f"Hours & {NAV_HOSTILE}", f"Devs & <b>{NAV_HOSTILE}</b>", "Feed & \"schema\" it's"),
              "de": (f"Zeiten & {NAV_HOSTILE}", f"Entwickler & <b>{NAV_HOSTILE}</b>", "Feed & \"Schema\" l'eau")}
    for name, lang, hours, section, feed_page in (
            ("mkdocs.yml", "en", "When can I contact support?", "For developers", "The support feed"),
            ("mkdocs.de.yml", "de", "Wann erreiche ich den Support?", "Für Entwickler", "Der Support-Feed")):
        new = titles[lang]
        edit(project / name, f"  - {hours}: hours.md", f"  - {json.dumps(new[0])}: hours.md")
        edit(project / name, f"  - {section}:", f"  - {json.dumps(new[1])}:")
        edit(project / name, f"      - {feed_page}: developers/index.md", f"      - {json.dumps(new[2])}: developers/index.md")
    edit(project / "mkdocs.yml", "    - navigation.sections\n",
         "    - navigation.sections\n    - navigation.tabs\n    - navigation.footer\n    - navigation.path\n")
    build = run_build(project)
    assert build.ok, build.output
    for page in build.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        assert not soup.find("img", src="x") and not soup.find("b"), page
        assert not soup.find_all(lambda tag: any(name.startswith("on") for name in tag.attrs)), page
        assert "&amp;amp;" not in html and "&amp;lt;" not in html, page
    for lang, prefix in (("en", ""), ("de", "de/")):
        hours_title, section, feed_title = titles[lang]
        hours = BeautifulSoup((build.site / prefix / "hours" / "index.html").read_text(encoding="utf-8"), "html.parser")
        menu = [a.get_text(" ", strip=True) for a in hours.select("nav.md-nav--primary a")]
        assert hours_title in menu and feed_title in menu, menu
        labels = [label.get_text(" ", strip=True) for label in hours.select("nav.md-nav--primary label")]
        assert section in labels, labels
        assert section in [a.get_text(" ", strip=True) for a in hours.select(".md-tabs a")]
        assert hours.select_one("[data-md-component=header-topic]").get_text(" ", strip=True) == hours_title
        assert hours.title.get_text().startswith(hours_title + " - "), hours.title
        # The pages before and after it in the footer, text and label.
        contact = BeautifulSoup((build.site / prefix / "contact" / "index.html").read_text(encoding="utf-8"),
                                "html.parser")
        previous = contact.select_one("a.md-footer__link--prev")
        assert previous.select_one(".md-ellipsis").get_text(" ", strip=True) == hours_title
        assert previous["aria-label"].endswith(": " + hours_title), previous["aria-label"]
        feed = BeautifulSoup((build.site / prefix / "developers" / "index.html").read_text(encoding="utf-8"),
                             "html.parser")
        assert section in [a.get_text(" ", strip=True) for a in feed.select(".md-path a")], feed.select(".md-path")
        assert feed.title.get_text().startswith(feed_title + " - "), feed.title


# A page's own title (its front matter's `title:`, which a menu entry without a title of its own
# leaves in force) shows as text too, escaped once: in the menu, the header, the browser's title
# and the search index, in both editions.
def test_a_pages_front_matter_title_shows_as_text(tmp_path):
    project = copy_project(tmp_path / "project")
    titles = {"en": f"Notices & {NAV_HOSTILE}", "de": f"Hinweise & {NAV_HOSTILE}"}
    for name, entry, folder in (("mkdocs.yml", "  - Support notices: notices.md", "content"),
                                ("mkdocs.de.yml", "  - Hinweise zum Support: notices.md", "content/de")):
        edit(project / name, entry, "  - notices.md")
        page = project / folder / "notices.md"
        lang = "de" if folder.endswith("de") else "en"
        page.write_text(f"---\ntitle: {json.dumps(titles[lang])}\n---\n" + page.read_text(encoding="utf-8"),
                        encoding="utf-8")
    build = run_build(project)
    assert build.ok, build.output
    for page in build.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        assert not soup.find("img", src="x"), page
        assert not soup.find_all(lambda tag: any(name.startswith("on") for name in tag.attrs)), page
        assert "&amp;amp;" not in html and "&amp;lt;" not in html, page
    for lang, prefix in (("en", ""), ("de", "de/")):
        notices = BeautifulSoup((build.site / prefix / "notices" / "index.html").read_text(encoding="utf-8"),
                                "html.parser")
        assert titles[lang] in [a.get_text(" ", strip=True) for a in notices.select("nav.md-nav--primary a")]
        assert notices.select_one("[data-md-component=header-topic]").get_text(" ", strip=True) == titles[lang]
        assert notices.title.get_text().startswith(titles[lang] + " - "), notices.title
        index = json.loads((build.site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
        for doc in index["docs"]:
            # The index holds titles as HTML (the search shows them as such): no tag of the page's title.
            assert "<img" not in doc["title"] and "onerror" not in BeautifulSoup(doc["title"], "html.parser").decode(), doc
