# Hostile and mistaken content pages: a page reaches only the documented facts and functions, and
# every mistake stops the build naming the page, the line and the fix; never a traceback, never
# a shell command run, a secret printed or garbage published.

import contextlib
import dataclasses
import datetime as dt
import inspect
import io
import re
import sys

import markdown
import pytest
from bs4 import BeautifulSoup
from jinja2.sandbox import SecurityError

from conftest import ROOT, copy_project, run_build
from supportportal import render
from supportportal.model import Text
from supportportal.site import Portal
from timelimit import time_limit

sys.path.insert(0, str(ROOT / "tools"))

TODAY = dt.date(2026, 11, 27)  # the date of conftest.SOURCE_DATE_EPOCH
HEAD = "# A page\n\nSome text.\n\n"  # four lines, so the mistakes below are on line 5
NAMES_FIX = "hours_table()"  # the list of names a page can use names the functions with ()


@pytest.fixture(scope="module")
def portals():
    with time_limit(60, "loading the policy"):
        english = Portal(ROOT, TODAY)
        return {"en": english, "de": Portal(ROOT, TODAY, "de", english.policy)}


def page_error(portal, source, src_uri="hostile.md") -> render.PageError:
    with time_limit(5, f"rendering {source[:40]!r}"):
        with pytest.raises(render.PageError) as caught:
            portal.render_markdown(source, src_uri)
    return caught.value


def rendered(portal, source, src_uri="fine.md") -> str:
    with time_limit(5, f"rendering {source[:40]!r}"):
        return portal.render_markdown(source, src_uri)


# One problem, on `line`, saying `problem` and `fix`, in the format of the policy errors.
def assert_problem(error, page, line, problem, fix):
    text = str(error)
    assert error.page == page, text
    assert [p[0] for p in error.problems] == [line], text
    assert text.startswith(f"{page}, line {line}: "), text
    assert problem in text.splitlines()[0], text
    fix_line = text.splitlines()[1]
    assert fix_line.startswith("    Fix: ") and fix in fix_line, text
    # Nothing of Python's insides, nothing that differs between builds, no private markers.
    assert not re.search(r"Traceback|0x[0-9a-f]{6,}|<bound method|<function|<class|\ue000|\ue001|\ue002|\ue003",
                         text), text


# (source after HEAD, problem, fix): each a specific error on line 5.
HOSTILE = {
    # Code execution and Python's insides: nothing but the facts is reachable.
    "lipsum globals run a shell": ("{{ lipsum.__globals__.os.popen('id').read() }}",
                                   "uses 'lipsum', which the policy does not define", NAMES_FIX),
    "cycler globals": ("{{ cycler.__init__.__globals__ }}", "uses 'cycler', which the policy does not define",
                       NAMES_FIX),
    "joiner": ("{{ joiner() }}", "uses 'joiner', which the policy does not define", NAMES_FIX),
    "namespace": ("{{ namespace(a=1) }}", "uses 'namespace', which the policy does not define", NAMES_FIX),
    "dict global": ("{{ dict(a=1) }}", "uses 'dict', which the policy does not define", NAMES_FIX),
    "self": ("{{ self }}", "uses 'self', which the policy does not define", NAMES_FIX),
    "self blocks": ("{{ self._TemplateReference__context }}", "uses 'self', which the policy does not define",
                    NAMES_FIX),
    "config": ("{{ config }}", "uses 'config', which the policy does not define", NAMES_FIX),
    "environ": ("{{ environ }}", "uses 'environ', which the policy does not define", NAMES_FIX),
    "os environ": ("{{ os.environ['GITHUB_TOKEN'] }}", "uses 'os', which the policy does not define", NAMES_FIX),
    "string class": ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "''.__class__", "a page uses a fact as it is"),
    "company class": ("{{ company.__class__ }}", "company.__class__", "write {{ company }}"),
    "method of a text": ("{{ company.upper() }}", "company.upper", "write {{ company }}"),
    "fact internals": ("{{ hours_table.__self__.policy }}", "hours_table.__self__", "write {{ hours_table() }}"),
    "function globals": ("{{ next_closure.__func__.__globals__['os'] }}", "next_closure.__func__",
                         "write {{ next_closure() }}"),
    "item of a list": ("{{ regions[0] }}", "regions[0]", 'write {{ regions | join(", ") }}'),
    "attr filter": ("{{ company | attr('__class__') }}", "the filter 'attr' is not available", "join"),
    "format filter": ("{{ '%s' | format(hours_table) }}", "the filter 'format' is not available", "join"),
    "map filter": ("{{ regions | map('upper') | join }}", "the filter 'map' is not available", "join"),
    # Runaway loops, numbers and strings: refused before anything runs.
    "range of a billion": ("{% for x in range(10**9) %}x{% endfor %}", "{% for %} is not available in pages",
                           "write the text itself"),
    "huge string": ("{{ 'a' * 10**9 }}", "pages cannot calculate ('*')", "write the text or number itself"),
    "huge power": ("{{ 10**10**10 }}", "pages cannot calculate ('**')", "write the text or number itself"),
    "percent format": ("{{ '%0999999999d' % 1 }}", "pages cannot calculate ('%')", "write the text or number itself"),
    "range global": ("{{ range(10) }}", "uses 'range', which the policy does not define", NAMES_FIX),
    "set": ("{% set x = company %}", "{% set %} is not available in pages", "write the text itself"),
    "macro": ("{% macro m() %}x{% endmacro %}", "{% macro %} is not available in pages", "write the text itself"),
    "if": ("{% if channel_count %}x{% endif %}", "{% if %} is not available in pages", "write the text itself"),
    # Other files: a page is one file.
    "include": ("{% include 'x' %}", "{% include %} is not available in pages", "copy the text into this page"),
    "import": ("{% import 'x' as y %}", "{% import %} is not available in pages", "copy the text into this page"),
    "from import": ("{% from 'x' import y %}", "{% from %} is not available in pages", "copy the text into this page"),
    "extends": ("{% extends 'main.html' %}", "{% extends %} is not available in pages",
                "copy the text into this page"),
    "include a secret": ("{% include '/etc/passwd' %}", "{% include %} is not available in pages",
                         "copy the text into this page"),
    # Facts used the wrong way.
    "function without ()": ("{{ hours_table }}", "hours_table is a function", "write {{ hours_table() }}"),
    "function in a sentence": ("The next one is {{ next_closure }}.", "next_closure is a function",
                               "write {{ next_closure() }}"),
    "wrong arguments": ("{{ hours_table(1, 2) }}", "hours_table() takes no arguments", "write {{ hours_table() }}"),
    "keyword argument": ("{{ next_closure(when='today') }}", "next_closure() takes no arguments",
                         "write {{ next_closure() }}"),
    "text called": ("{{ company() }}", "company is a text, not a function", "write {{ company }}"),
    "number called": ("{{ channel_count() }}", "channel_count is a number, not a function",
                      "write {{ channel_count }}"),
    "list shown": ("{{ regions }}", "regions is a list", 'write {{ regions | join(", ") }}'),
    "list upper": ("{{ regions | upper }}", "regions is a list", 'write {{ regions | join(", ") }}'),
    "join a function": ("{{ hours_table | join(', ') }}", "hours_table is a function", "write {{ hours_table() }}"),
    "join a text": ("{{ company | join(', ') }}", "'| join' needs a list", 'write {{ regions | join(", ") }}'),
    "upper on a table": ("{{ hours_table() | upper }}", "'| upper' is for a text; hours_table() writes part of the page",
                         "write {{ hours_table() }} without '| upper'"),
    "lower on a live part": ("{{ status_widget() | lower }}", "'| lower' is for a text; status_widget() writes part",
                             "write {{ status_widget() }} without '| lower'"),
    "none": ("{{ none }}", "uses 'none', which the policy does not define", NAMES_FIX),
    # Calculations and other expressions.
    "division by zero": ("{{ 1/0 }}", "pages cannot calculate ('/')", "write the text or number itself"),
    "arithmetic on a fact": ("{{ channel_count + 1 }}", "pages cannot calculate ('+')",
                             "write the text or number itself"),
    "concatenation": ("{{ company ~ regions }}", "pages cannot calculate ('~')", "write the text or number itself"),
    "inline if": ("{{ company if channel_count else 'x' }}", "pages cannot calculate ('if … else')",
                  "write the text or number itself"),
    "list literal": ("{{ [1, 2] }}", "pages cannot calculate ('a list')", "write the text or number itself"),
    # The portal's private markers in a page would hide text from the page check.
    "marker character": ("Error \ue002hidden\ue003 text", "the character U+E002", "delete it"),
    "marker in a string": ('{{ "\\ue002" }}', "the character U+E002", "delete it"),
    # Broken syntax.
    "unclosed placeholder": ("{{ company \n\nmore", "broken placeholder", "{% raw %}"),
    "unknown tag": ("{% shortcode x %}", "broken placeholder", "{% raw %}"),
    "deep nesting": ("{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}", "nested too deeply", "write the text"),
}


@pytest.mark.parametrize("source, problem, fix", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_page_stops_with_page_line_and_fix(portals, source, problem, fix):
    error = page_error(portals["en"], HEAD + source)
    assert_problem(error, "content/hostile.md", 5, problem, fix)


# Where the policy has problems the pages are checked without it, against what each fact is
# (render.Facts.shapes()): the same names, kinds and parameters as the facts, so the same
# problems as with the policy, each hostile page's, in the same run as the policy's.
def test_pages_are_checked_alike_without_the_policy(portals):
    context, shapes = portals["en"].context, render.Facts.shapes()
    assert sorted(shapes) == sorted(context)
    for name, value in context.items():
        shape = shapes[name]
        assert callable(shape) == callable(value), name
        if callable(value):
            assert inspect.signature(shape) == inspect.signature(value), name
        else:
            assert type(shape) is type(value) or isinstance(value, str) and isinstance(shape, str), name
    env = portals["en"].env
    for source, _, _ in HOSTILE.values():
        problems = []
        for facts in (context, shapes):
            with time_limit(5, f"checking {source[:40]!r}"), pytest.raises(render.PageError) as caught:
                render.check_page(env, HEAD + source, facts, "content/hostile.md")
            problems.append(str(caught.value))
        assert problems[0] == problems[1]


# The same checks in the German edition, naming the German page.
@pytest.mark.parametrize("source, problem, fix", [
    ("{{ next_closure }}", "next_closure is a function", "write {{ next_closure() }}"),
    ("{{ lipsum.__globals__ }}", "uses 'lipsum', which the policy does not define", NAMES_FIX),
    ("{% include 'hours.md' %}", "{% include %} is not available in pages", "copy the text into this page"),
])
def test_the_german_edition_names_the_german_page(portals, source, problem, fix):
    error = page_error(portals["de"], HEAD + source, "hours.md")
    assert_problem(error, "content/de/hours.md", 5, problem, fix)


# A page with several mistakes lists each, with its own line.
def test_every_mistake_of_a_page_is_listed(portals):
    error = page_error(portals["en"], "# Page\n\n{{ hours_table }}\n\n{{ 1/0 }} and {{ phone }}\n")
    assert [(line, problem.split(",")[0]) for line, problem, _ in error.problems] == [
        (3, "hours_table is a function"), (5, "pages cannot calculate ('/')"),
        (5, "uses 'phone'")]
    assert str(error).count("    Fix: ") == 3


# A name close to a fact is suggested.
def test_a_misspelt_fact_is_suggested(portals):
    error = page_error(portals["en"], "{{ hours_tabel() }}")
    assert "uses 'hours_tabel', which the policy does not define" in str(error)
    assert "did you mean {{ hours_table() }}?" in str(error)


# Line numbers count from the top of the file when MkDocs took off front matter before.
def test_lines_count_from_the_top_of_the_file(portals):
    with pytest.raises(render.PageError) as caught:
        portals["en"].render_markdown("Text\n\n{{ hours_table }}\n", "x.md", first_line=5)
    assert caught.value.problems[0][0] == 7


# What the documented facts give, literally.
def test_documented_facts_render_literally(portals):
    en = portals["en"]
    out = render.strip_policy_markers(rendered(en, (
        "# {{ company }}\n\n{{ regions | join(' and ') }}; {{ channel_count }} ({{ channel_count_words }}).\n"
        "{{ company | upper }} {{ city | lower }} {{ country | upper }}\n"
        "{# a comment for editors #}{% raw %}{{ not_a_fact }}{% endraw %}\n")))
    assert out == ("# smartwork solutions\n\nEMEA and USA; 3 (three).\nSMARTWORK SOLUTIONS munich GERMANY\n"
                   "{{ not_a_fact }}\n")
    assert '<table>' in rendered(en, "{{ hours_table() }}")
    assert rendered(en, "Plain text, no placeholders: 10 * 2 = 20.\n") == "Plain text, no placeholders: 10 * 2 = 20.\n"


# A policy text in a joined list stays literal: no emphasis or links from its characters.
def test_joined_policy_texts_are_literal(portals):
    policy = portals["en"].policy
    first = dataclasses.replace(policy.regions[0], name=Text((("en", "*EMEA* [x](y)"), ("de", "EMEA"))))
    policy = dataclasses.replace(policy, regions=(first, *policy.regions[1:]))
    out = render.strip_policy_markers(rendered(Portal(ROOT, TODAY, "en", policy), "{{ regions | join(', ') }}"))
    assert out == "&#42;EMEA&#42; &#91;x&#93;&#40;y&#41;, USA"


# The second wall: the environment itself is Jinja's sandbox without globals, filters or tests
# pages do not need, should the page check ever let something through.
def test_the_environment_is_a_bare_sandbox():
    env = render.environment()
    assert env.sandboxed
    assert env.globals == {}
    assert set(env.filters) == {"join", "lower", "upper"}
    assert env.tests == {}
    with time_limit(5, "rendering in the sandbox"):
        with pytest.raises(SecurityError):
            env.from_string("{{ ''.__class__ }}").render()
        with pytest.raises(SecurityError):
            env.from_string("{{ f.__globals__ }}").render(f=test_the_environment_is_a_bare_sandbox)
        with pytest.raises(SecurityError):
            env.from_string("{{ x.append(1) }}").render(x=[])


# A fact that fails while a page is rendered names the page and the line of the placeholder.
def test_a_failing_fact_names_the_page_and_line():
    def broken():
        return 1 / 0

    def shapeless():
        return object()

    env = render.environment()
    with pytest.raises(render.PageError) as caught:
        render.render_page(env, "one\ntwo\n\n{{ broken() }}\n", {"broken": broken}, "content/x.md")
    assert_problem(caught.value, "content/x.md", 4, "broken() failed while the page was built (ZeroDivisionError",
                   "report it")
    with pytest.raises(render.PageError) as caught:
        render.render_page(env, "one\n{{ shapeless() }}\n", {"shapeless": shapeless}, "content/x.md")
    assert_problem(caught.value, "content/x.md", 2, "would show a Python object instead of text", "report it")


def html_of(portal, source, src_uri="page.md") -> str:
    return markdown.markdown(portal.render_markdown(source, src_uri), extensions=["tables", "md_in_html"])


# The page check: ordinary English passes; error strings and missing values stop the build with
# the page, the line in the source and the fix.
@pytest.mark.parametrize("source", [
    "# Fields\n\nFields that are undefined are omitted.\n",
    "# Undefined behaviour\n\nThe result is undefined. Undefined fields stay empty.\n",
    "# Error codes\n\nError handling is explained below.\n",
    "# Nulls\n\nA null and void contract.\n",
])
def test_ordinary_sentences_pass_the_page_check(portals, source):
    portal = portals["en"]
    assert portal.page_warnings(html_of(portal, source), source, "page.md") == []


@pytest.mark.parametrize("source, line, what, excerpt", [
    ("# Support\n\nError get alias\n", 3, "an error message", "Error get alias"),
    ("# Support\n\nText.\n\nFatal error: Call to undefined function get_alias()\n", 5, "an error message",
     "Fatal error"),
    ("# Support\n\nTraceback (most recent call last):\n", 3, "an error message", "Traceback"),
    ("# Support\n\nNext closure: undefined\n", 3, "a missing value", "undefined"),
    ("# Support\n\n| Region | Hours |\n| --- | --- |\n| EMEA | NaN |\n", 5, "a missing value", "NaN"),
    ("# Support\n\nOpen 10:00–undefined\n", 3, "a missing value", "undefined"),
    ("# Support\n\n- undefined\n", 3, "a missing value", "undefined"),
    ("# Support\n\nRegion: [object Object]\n", 3, "a missing value", "[object Object]"),
    ("# Support\n\n[table id=2 /]\n", 3, "an unrendered CMS shortcode", "[table id=2 /]"),
    ("# Hours\n\nOur hours:\n\n{ hours_table() }\n", 5, "a fact written with single braces", "{ hours_table() }"),
    ("# Hours\n\nSee {holiday_table(region='emea')} below.\n", 3, "a fact written with single braces", "holiday_table"),
])
def test_error_strings_on_a_page_name_the_line_and_fix(portals, source, line, what, excerpt):
    portal = portals["en"]
    warnings = portal.page_warnings(html_of(portal, source), source, "page.md")
    assert len(warnings) == 1, warnings
    first, fix = warnings[0].splitlines()
    assert first.startswith(f"content/page.md, line {line}: would show readers {what}: "), warnings
    assert excerpt in first
    assert fix.startswith("    Fix: ") and len(fix) > 20


# Policy texts are exempt from the page check wherever a page shows them: the company name, the
# next closure and the holiday calendar, in both editions.
def test_policy_texts_that_look_like_errors_pass_the_page_check(tmp_path):
    project = copy_project(tmp_path / "project")
    company = project / "policy" / "company.yml"
    company.write_text(company.read_text().replace("name: smartwork solutions", "name: Error Corp"))
    holidays = project / "policy" / "holidays.yml"
    holidays.write_text(holidays.read_text().replace("closures: []", (
        "closures:\n  - name: {en: Undefined maintenance window, de: Undefined Wartungsfenster}\n"
        "    date: 2026-11-30\n  - name: {en: NaN, de: NaN}\n    date: 2026-12-01\n")))
    with time_limit(60, "loading the policy"):
        for lang in ("en", "de"):
            portal = Portal(project, TODAY, lang)
            for src_uri in ("index.md", "hours.md", "holidays.md", "contact.md"):
                source = (portal.docs_dir(lang) / src_uri).read_text(encoding="utf-8")
                html = html_of(portal, source, src_uri)
                assert "Error Corp" in html or src_uri not in ("index.md", "hours.md")
                assert portal.page_warnings(html, source, src_uri) == [], (lang, src_uri)


def test_a_page_that_is_not_utf8_names_the_line(portals, tmp_path):
    path = tmp_path / "hours.md"
    path.write_bytes("# Zeiten\n\nText\n".encode() + "Größe\n".encode("latin-1"))
    with pytest.raises(render.PageError) as caught:
        portals["de"].read_page(path, "hours.md")
    assert_problem(caught.value, "content/de/hours.md", 4, "the page is not UTF-8 text", "save the file as UTF-8")
    path.write_bytes(b"\xef\xbb\xbf# Title\r\nText\r\n")
    assert portals["en"].read_page(path, "hours.md") == "# Title\nText\n"


# Links under content/ and overrides/ may point inside the project, never outside it.
def test_links_out_of_the_project_are_found(portals, tmp_path):
    project = copy_project(tmp_path / "project")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "notes.txt").write_text("secret")
    (project / "content" / "passwd.txt").symlink_to("/etc/passwd")
    (project / "content" / "de" / "env.md").symlink_to("/proc/self/environ")
    (project / "content" / "notes").symlink_to(outside)
    (project / "overrides" / "partials" / "footer.html").symlink_to("/etc/hostname")
    (project / "content" / "regions.yml").symlink_to("../policy/regions.yml")  # inside: fine
    portal = Portal(project, TODAY, "en", portals["en"].policy)
    with time_limit(10, "looking for links"):
        problems = portal.links_outside([project / "content", project / "overrides"])
    assert [p.splitlines()[0] for p in problems] == [
        "content/de/env.md is a link to /proc/self/environ, outside the project",
        f"content/notes is a link to {outside}, outside the project",
        "content/passwd.txt is a link to /etc/passwd, outside the project",
        "overrides/partials/footer.html is a link to /etc/hostname, outside the project",
    ]
    assert all(p.splitlines()[1].startswith("    Fix: ") for p in problems)


# Real builds, where the adapter is what is tested: the error reaches the person without a
# traceback, and nothing is published.

def add_page(project, name, content: bytes):
    (project / "content" / name).write_bytes(content)


def assert_failed_cleanly(build, *expected):
    assert build.returncode != 0, build.output
    assert "Traceback" not in build.output, build.output
    for text in expected:
        assert text in build.output, build.output
    assert not build.site.exists()


def test_build_refuses_links_out_of_the_project(project):
    (project / "content" / "passwd.txt").symlink_to("/etc/passwd")
    (project / "overrides" / "assets" / "env.txt").symlink_to("/proc/self/environ")
    build = run_build(project)
    assert_failed_cleanly(build, "content/passwd.txt is a link to /etc/passwd, outside the project",
                          "overrides/assets/env.txt is a link to /proc/self/environ, outside the project",
                          "Fix: ")
    assert "root:" not in build.output


def test_build_refuses_a_link_out_of_the_german_pages(project):
    (project / "content" / "de" / "env.md").symlink_to("/proc/self/environ")
    assert_failed_cleanly(run_build(project), "content/de/env.md is a link to /proc/self/environ, outside the project")


# A pipe named like a page would make the build and make check wait for a writer for ever.
@pytest.mark.parametrize("page", ["hours.md", "de/extra.md"])
def test_a_page_that_is_a_pipe_is_refused_not_waited_on(project, page):
    import os

    import policy_check

    path = project / "content" / page
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    message = f"content/{page}, line 1: the page is not a file of text (a pipe, a device or a folder named .md)"
    assert_failed_cleanly(run_build(project), message)
    err = io.StringIO()
    with time_limit(60, "make check with a page that is a pipe"), contextlib.redirect_stderr(err), \
            contextlib.redirect_stdout(io.StringIO()):
        assert policy_check.main(project) == 1
    assert message in err.getvalue()


def test_build_publishes_a_link_inside_the_project(project):
    (project / "content" / "regions.yml").symlink_to("../policy/regions.yml")
    build = run_build(project)
    assert build.ok, build.output
    assert (build.site / "regions.yml").read_text() == (project / "policy" / "regions.yml").read_text()


def test_build_refuses_a_german_page_that_is_not_utf8(project):
    page = project / "content" / "de" / "hours.md"
    page.write_bytes(page.read_bytes().replace("Wann".encode(), "Wänn".encode("latin-1"), 1))
    line = page.read_bytes().split(b"\n").index(next(l for l in page.read_bytes().split(b"\n") if b"W\xe4nn" in l)) + 1
    assert_failed_cleanly(run_build(project), f"content/de/hours.md, line {line}: the page is not UTF-8 text",
                          "Fix: save the file as UTF-8")


# The promise in one build: several mistakes, after front matter, each named; no traceback, no
# address of a Python object, nothing published.
def test_build_names_every_page_mistake_without_traceback(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - Holiday calendar: holidays.md",
                                                 "  - Holiday calendar: holidays.md\n  - Broken: broken.md"))
    add_page(project, "broken.md", (
        "---\ntitle: Broken\n---\n\n# Broken\n\n{{ hours_table }}\n\n{{ lipsum.__globals__.os.popen('id').read() }}\n"
        "{{ 1/0 }}\n").encode())
    build = run_build(project)
    assert_failed_cleanly(build, "content/broken.md, line 7: hours_table is a function",
                          "Fix: write {{ hours_table() }}",
                          "content/broken.md, line 9: uses 'lipsum', which the policy does not define",
                          "content/broken.md, line 10: pages cannot calculate ('/')")
    assert not re.search(r"0x[0-9a-f]{6,}|uid=\d", build.output), build.output


# A company and closures named like error messages build, and no marker reaches any output file
# (page, table of contents, search index).
def test_build_with_policy_texts_like_errors_publishes_them(project):
    company = project / "policy" / "company.yml"
    company.write_text(company.read_text().replace("name: smartwork solutions", "name: Error Corp"))
    holidays = project / "policy" / "holidays.yml"
    holidays.write_text(holidays.read_text().replace("closures: []", (
        "closures:\n  - name: {en: Undefined maintenance window, de: Undefined Wartungsfenster}\n"
        "    date: 2026-11-30\n")))
    build = run_build(project)
    assert build.ok, build.output
    soup = BeautifulSoup((build.site / "index.html").read_text(), "html.parser")
    assert soup.select_one("article h1").get_text().startswith("Error Corp customer support")
    hours = BeautifulSoup((build.site / "de" / "hours" / "index.html").read_text(), "html.parser")
    assert "Undefined Wartungsfenster" in hours.select_one("article").get_text()
    for path in build.site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".ics", ".js"):
            assert not re.search("[\ue000-\ue003\ue005-\ue007]", path.read_text(encoding="utf-8")), path


# The page check reads the text as readers see it: a finding written with character references
# ("&#123;&#123;", "&#78;aN") is found as the same finding (the quick look for what every finding
# contains resolves them first), and a page without any finding passes.
@pytest.mark.parametrize("text", ["Error get alias", "Fatal error: Call to get_alias()", "Traceback (most recent call last):",
                                  "Next closure: undefined", "NaN", "Open 10:00–null", "Region: [object Object]",
                                  "[table id=2 /]", "{{ company }}", "{% if x %}", "Warning: file not found"])
def test_findings_written_with_character_references_are_found(text):
    encoded = "".join(f"&#{ord(c)};" if c.isalpha() or c in "{}[%#" else c for c in text)
    plain = render.unrendered(f"<h2>Support</h2><p>{text}</p>")
    assert plain and render.unrendered(f"<h2>Support</h2><p>{encoded}</p>") == plain
    assert render.unrendered("<h2>Support</h2><p>Maintenance windows are announced; finance answers in 2 days.</p>") == []
    # Beside code (whose text is not checked), comments and markup a parser reads otherwise than a
    # pattern would, it is still found.
    for before, after in (("<pre><code>x = null</code></pre>", ""), ("<!-- <code> -->", "<p><code>[y]</code></p>"),
                          ("<p><code>a</code> and <code>b</code></p>", "<script>var x = null;</script>"),
                          ("<p title='<code>'>", "<p><code>x</code></p>"), ("<code-block>", "</code-block><code>x</code>"),
                          ("<p><code/>", "<code>x</code>"), ("<code>a</pre>", "</code>"), ("<!-- note -- >", "<!-- end -->")):
        assert render.unrendered(f"{before}<h2>Support</h2><p>{encoded}</p>{after}") == plain, (before, after)
    assert render.unrendered("<pre><code>x = null; {{ y }}</code></pre><p><kbd>[Error]</kbd></p>") == []


# The quick look before the page check takes time in proportion to the page: a page of 128 kB of
# unclosed code elements and comments is checked in well under a second, like any other.
def test_the_page_check_of_a_large_odd_page_ends_quickly():
    for unit in ("<code>a ", "<!-- a ", "<pre>{ "):
        with time_limit(5, "checking a 128 kB page"):
            render.unrendered("<p>text</p>" + unit * (128 * 1024 // len(unit)))


# Invisible control characters and the bidi embeddings and overrides (U+202A-U+202E) that make a
# text read as another, written straight into a page: refused as the policy texts refuse them,
# naming the page, the line and the fix. Tabs, soft hyphens, joiners and direction marks and
# isolates are text.
@pytest.mark.parametrize("char, what", [
    ("\x00", "the invisible control character U+0000"),
    ("\x1b", "the invisible control character U+001B"),
    ("\x7f", "the invisible control character U+007F"),
    ("\u202e", "the invisible formatting character U+202E"),
    ("\u202a", "the invisible formatting character U+202A"),
    ("\u200b", "the invisible formatting character U+200B"),
])
def test_an_invisible_character_in_a_page_is_refused_with_line_and_fix(portals, tmp_path, char, what):
    path = tmp_path / "hours.md"
    path.write_text(f"---\ntitle: Hours\n---\n# Hours\n\nCall us{char} now.\n\nMore.\n", encoding="utf-8")
    for lang, page in (("en", "content/hours.md"), ("de", "content/de/hours.md")):
        with pytest.raises(render.PageError) as caught:
            portals[lang].read_page(path, "hours.md")
        assert_problem(caught.value, page, 6, f"{what} (after 'Call us')", "delete it: retype the text around it")


def test_every_line_with_an_invisible_character_is_named(portals, tmp_path):
    path = tmp_path / "hours.md"
    path.write_text("\u202eHours\n\nfine\n\na\x00b\x00c\n", encoding="utf-8")
    with pytest.raises(render.PageError) as caught:
        portals["en"].read_page(path, "hours.md")
    assert [(line, problem) for line, problem, _ in caught.value.problems] == [
        (1, "the page contains the invisible formatting character U+202E (at the start of the line)"),
        (5, "the page contains the invisible control character U+0000 (after 'a')")]


def test_tabs_and_the_format_characters_texts_need_pass(portals, tmp_path):
    path = tmp_path / "hours.md"
    text = ("# Hours\n\n\tcode\n\nsoft\u00adhyphen, emoji \U0001F469\u200d\U0001F4BB, \u200cjoiner,"
            " \u200e\u200f\u061c marks, \u2067isolate\u2069 \u2066x\u2069 \u2068y\u2069\n")
    path.write_text(text, encoding="utf-8")
    assert portals["en"].read_page(path, "hours.md") == text


# An unclosed note {# is named at its own line, not at a placeholder before it, with how to close it.
@pytest.mark.parametrize("source, line", [
    ("# {{ company }}\n\n{{ hours_table() }}\n\n{# a note for editors\n\nmore text\n", 5),
    ("# Page\n\n{# a note #} {{ company }} {# another\n\n{{ hours_table() }}\n", 3),
    ("{# a note\n", 1),
])
def test_an_unclosed_note_is_named_at_its_own_line(portals, source, line):
    error = page_error(portals["en"], source)
    assert_problem(error, "content/hostile.md", line, "a note for editors ({#) is not closed", "#}")
    with pytest.raises(render.PageError) as caught:  # after front matter, counted from the file's top
        portals["en"].render_markdown(source, "hostile.md", first_line=4)
    assert caught.value.problems[0][0] == line + 3


# A brace pair written as a Jinja string ({{ "{{" }}, Jinja's own way to show its delimiters) is
# text the page's author wrote, like {% raw %}: the page's Markdown as any other (in code too), and
# no warning; braces left over by a mistake are named at their own line, not at a placeholder above.
def test_a_brace_pair_written_as_a_jinja_string_shows_as_text(portals):
    portal = portals["en"]
    source = ("# {{ company }}\n\n{{ hours_table() }}\n\n"
              "Write {{ \"{{\" }} to open a placeholder and {{ '}}' }} to close it: {{ \"*emphasis*\" }}.\n\n"
              "In a page, write `{{ \"{{\" }} company {{ \"}}\" }}`:\n\n```\n{{ \"{{\" }} hours_table() {{ \"}}\" }}\n```\n")
    html = markdown.markdown(portal.render_markdown(source, "page.md"), extensions=["tables", "md_in_html", "fenced_code"])
    assert portal.page_warnings(html, source, "page.md") == []
    soup = BeautifulSoup(render.strip_policy_markers(html), "html.parser")
    assert "Write {{ to open a placeholder and }} to close it: emphasis." in soup.get_text(), soup.get_text()
    assert soup.em.get_text() == "emphasis"
    assert [code.get_text() for code in soup.find_all("code")] == ["{{ company }}", "{{ hours_table() }}\n"], html


def test_stray_braces_are_named_at_their_own_line(portals):
    portal = portals["en"]
    source = ("# {{ company }}\n\n{% raw %}{{ x }}{% endraw %} and `}}`\n\n{{ hours_table() }}\n\n"
              "Call {{ company }} now }} please.\n")
    warnings = portal.page_warnings(html_of(portal, source), source, "page.md")
    assert len(warnings) == 1 and warnings[0].startswith(
        "content/page.md, line 7: would show readers an unrendered template placeholder: '}}'"), warnings
