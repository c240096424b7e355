# Property test: policies and catalogs generated from the JSON Schemas in policy/schema/ (boundary
# values and hostile texts included) are loaded and, when accepted, rendered into every page of
# content/ in every language. Whatever is generated, the run ends within a time limit with either
# pages or a report whose every problem names a file, a line and a fix; never a traceback; and the
# pages hold no element or attribute that a generated text brought in.
#
# `make test` runs a small number of examples (a few seconds); more with
#   FUZZ_EXAMPLES=500 .venv/bin/python -m pytest tests/test_hostile_property.py -n 0   (or `make fuzz`)

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from supportportal import catalog, feed, ics, jsonld, render, yamlload
from supportportal.loading import FILES, PolicyError, load_policy
from timelimit import time_limit

TODAY = dt.date(2026, 11, 27)
SCHEMAS = ROOT / "policy" / "schema"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "").strip() or 0) or None  # README: a whole number
SETTINGS = settings(max_examples=EXAMPLES or 5, deadline=None, derandomize=EXAMPLES is None, database=None,
                    suppress_health_check=list(HealthCheck))
# Markup a generated text may carry: none of it may reach a page as an element or attribute.
HOSTILE = [
    "<script>alert(1)</script>", '<img src=x onerror="alert(1)">', '"><x-hostile data-hostile="1">',
    "</title><x-hostile>", "<!-- x -->", "]]>", "&lt;x-hostile&gt;", "{{ company }}", "{% raw %}", "{count:>99}",
    "a\nb", "line\u2028end", "\u202eevil", "[link](javascript:alert(1))", "<a href='javascript:x'>y</a>",
    "# heading", "*bold* `code` | cell |", "Error 500", "undefined", "\t", "\x00", "\ufeff", "x" * 300,
]
KNOWN_IDS = ["emea", "usa", "munich", "portal", "email", "form", "p1", "p2", "p3", "p4"]
BOUNDARY_DATES = ["0001-01-01", "0000-01-31", "1969-12-31", "1970-01-01", "2026-11-27", "2027-02-29",
                  "2028-02-29", "9998-12-31", "9999-12-30", "9999-12-31", "2026-13-01", "2026-00-10"]


def _schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def _resolve(ref: str, base: dict) -> tuple[dict, dict]:
    file, _, pointer = ref.partition("#")
    document = _schema(file) if file else base
    node = document
    for part in filter(None, pointer.split("/")):
        node = node[part]
    return node, document


def free_text() -> st.SearchStrategy:
    return st.one_of(st.sampled_from(["Support", "EMEA", "Munich", "Notfall", "Öffnungszeiten"]),
                     st.sampled_from(HOSTILE), st.text(max_size=12),
                     st.tuples(st.sampled_from(HOSTILE), st.text(max_size=6)).map("".join))


def _pattern(pattern: str) -> st.SearchStrategy:
    generated = st.from_regex(re.compile(pattern), fullmatch=True)
    if "[0-9]{4}-[0-9]{2}-[0-9]{2}" in pattern:
        times = st.sampled_from(["", " 00:00", " 23:59", " 24:00", " 02:30"])
        return st.one_of(st.tuples(st.sampled_from(BOUNDARY_DATES), times if "(" in pattern else st.just(""))
                         .map("".join), generated)
    if pattern == "^[a-z][a-z0-9-]*$":
        return st.one_of(st.sampled_from(KNOWN_IDS), generated)
    if "hour|hours|day" in pattern:  # lead times and durations: boundaries of their limits
        return st.one_of(st.sampled_from(["0 days", "366 days", "367 days", "52 weeks", "53 weeks", "8784 hours",
                                          "999999999999 weeks", "90 days", "91 days", "0 minutes", "1e3 days"]),
                         generated)
    return generated


# A strategy for the values a schema describes (and, now and then, a hostile text instead).
def from_schema(schema: dict, base: dict, depth: int = 0) -> st.SearchStrategy:
    if "$ref" in schema:
        target, document = _resolve(schema["$ref"], base)
        return from_schema(target, document, depth)
    if "oneOf" in schema:
        return st.one_of(*(from_schema(option, base, depth) for option in schema["oneOf"]))
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        return _object(schema, base, depth)
    if kind == "array":
        items = from_schema(schema.get("items", {}), base, depth + 1)
        low = schema.get("minItems", 0)
        return st.lists(items, min_size=low, max_size=low + (3 if depth < 2 else 1))
    if kind == "integer":
        low, high = schema.get("minimum", -10), schema.get("maximum", 10 ** 6)
        return st.one_of(st.sampled_from([low, high, low - 1, high + 1]), st.integers(low, high))
    if kind == "boolean":
        return st.booleans()
    if kind == "string" and "pattern" in schema:
        return _pattern(schema["pattern"])
    return free_text()


def _object(schema: dict, base: dict, depth: int) -> st.SearchStrategy:
    properties = schema.get("properties", {})
    if properties:
        required = {k: from_schema(v, base, depth + 1) for k, v in properties.items() if k in schema.get("required", ())}
        optional = {k: from_schema(v, base, depth + 1) for k, v in properties.items() if k not in required}
        return st.fixed_dictionaries(required, optional=optional)
    values = from_schema(schema["additionalProperties"], base, depth + 1) \
        if isinstance(schema.get("additionalProperties"), dict) else free_text()
    names = schema.get("propertyNames", {}).get("pattern")
    if names == "^[a-z]{2}$":  # one text per language: mostly the site's languages
        return st.one_of(st.fixed_dictionaries({"en": values, "de": values}),
                         st.dictionaries(st.sampled_from(["en", "de", "fr", "EN"]), values, min_size=1, max_size=3))
    keys = _pattern(names) if names else st.one_of(st.sampled_from(["Good Friday", "Christmas Day"]), free_text())
    return st.dictionaries(keys, values, min_size=schema.get("minProperties", 0), max_size=3)


def _file_data(name: str) -> st.SearchStrategy:
    schema = _schema(f"{name}.schema.json")
    return from_schema(schema, schema)


# A policy: the default one with one or two files replaced by generated ones. Nearly all of these
# are refused (ids, zones and references rarely fit together): they test the report; the policies
# with generated texts below are mostly accepted and test the pages.
policies = st.lists(st.sampled_from(FILES), min_size=1, max_size=2, unique=True).flatmap(
    lambda names: st.fixed_dictionaries({name: _file_data(name) for name in names}))

# A policy: the default one with some of its values (texts, ids, dates, hours) replaced by generated
# texts, so that most examples are accepted and rendered with what they carry.
def _leaves(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, path + (index,))
    elif isinstance(value, str):
        yield path


def _replace(data, path, new):
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = new


def _mutated(name: str, changes: list) -> dict:
    data = yamlload.load(ROOT / "policy" / f"{name}.yml").data
    leaves = list(_leaves(data))
    for index, text in changes:
        _replace(data, leaves[index % len(leaves)], text)
    return {name: data}


mutated_policies = st.tuples(st.sampled_from([f for f in FILES if f != "notices"]), st.lists(st.tuples(st.integers(0, 10 ** 6), free_text()),
                                                               min_size=1, max_size=6)).map(lambda a: _mutated(*a))

# A project catalog for German: some keys of the reference catalog with generated texts, and menu titles.
_REFERENCE = yaml.safe_load((catalog.BUILT_IN / "en.yml").read_text(encoding="utf-8"))
_TEXT_KEYS = sorted(k for k, v in _REFERENCE.items() if isinstance(v, str) and k not in catalog.SETTINGS)
_PLURAL_KEYS = sorted(k for k, v in _REFERENCE.items() if isinstance(v, dict) and k not in catalog.SETTINGS)
_placeholder_texts = st.one_of(free_text(), st.sampled_from(["{count}", "{count:>999999999}", "{count!r}", "{0}",
                                                             "{count.real}", "{count[0]}", "{", "}}", "{{x}}",
                                                             "{regions} {company}"]))
catalogs = st.fixed_dictionaries({}, optional={
    "texts": st.dictionaries(st.sampled_from(_TEXT_KEYS), st.tuples(free_text(), _placeholder_texts).map(" ".join),
                             max_size=4),
    "plurals": st.dictionaries(st.sampled_from(_PLURAL_KEYS), st.fixed_dictionaries(
        {"other": _placeholder_texts}, optional={"one": _placeholder_texts, "many": free_text()}), max_size=2),
    "nav": st.dictionaries(st.sampled_from(["Support", "When can I contact support?", "For developers"]), free_text(),
                           max_size=3),
    "locale": st.sampled_from(["de_DE", "de_AT", "xx_YY", "en"]),
})

PAGES = sorted((ROOT / "content").rglob("*.md"))
EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", "toc", "pymdownx.superfences"]


def _write_policy(directory: Path, files: dict) -> None:
    shutil.copytree(ROOT / "policy", directory)
    for name, data in files.items():
        (directory / f"{name}.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                               encoding="utf-8")


def _write_catalog(root: Path, generated: dict) -> None:
    data = {**generated.get("texts", {}), **generated.get("plurals", {})}
    if "nav" in generated:
        data["nav"] = generated["nav"]
    if "locale" in generated:
        data["locale"] = generated["locale"]
    (root / "locales").mkdir()
    (root / "locales" / "de.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _assert_reported(error: PolicyError) -> None:
    assert error.problems
    for problem in error.problems:
        assert problem.file and problem.line >= 1 and problem.fix, str(problem)
        assert "Traceback" not in str(problem)


# Every page of content/ in the language of its folder, as HTML: the page's facts, Markdown, markers gone.
def _pages(policy, catalogs_: dict) -> dict:
    env = render.environment()
    result = {}
    for lang in policy.languages:
        facts = render.Facts(policy, lang, TODAY)
        context = facts.context()
        folder = ROOT / "content" / ("" if lang == policy.languages[0] else lang)
        for path in PAGES:
            if path.parent != folder and folder not in path.parents or (lang == policy.languages[0]
                                                                         and path.relative_to(ROOT / "content").parts[0] in policy.languages[1:]):
                continue
            source = path.read_text(encoding="utf-8")
            try:
                text = render.render_page(env, source, context, str(path.relative_to(ROOT)))
            except render.PageError as error:  # a policy the content's pages cannot show: named, not a crash
                assert error.problems and all(fix for _, _, fix in error.problems), str(error)
                continue
            html = markdown.markdown(text, extensions=EXTENSIONS)
            html = render.strip_policy_markers(render.mark_fallbacks(html, policy.languages[0],
                                                                     catalogs_[lang]("untranslated")))
            result[f"{lang}:{path.name}"] = html
        for name, data in (("support.ics", ics.support_calendar(policy, lang)),
                           ("jsonld", jsonld.script_text(jsonld.organization(policy, lang)))):
            assert data, name
    feed.dumps(feed.support_feed(policy))
    return result


def _assert_no_markup_of_their_own(pages: dict) -> None:
    for name, html in pages.items():
        soup = BeautifulSoup(html, "html.parser")
        assert not soup.find(["script", "img", "x-hostile", "iframe", "style"]), name
        for tag in soup.find_all(True):
            assert not any(attr.startswith("on") or attr == "data-hostile" for attr in tag.attrs), (name, str(tag)[:200])
            assert not str(tag.get("href", "")).lower().startswith("javascript:"), (name, str(tag)[:200])


def _run(files: dict, generated_catalog: dict | None) -> None:
    root = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        _write_policy(root / "policy", files)
        if generated_catalog is not None:
            _write_catalog(root, generated_catalog)
        with time_limit(20, "loading and rendering a generated policy"):
            try:
                policy = load_policy(root / "policy", TODAY)
                catalogs_ = catalog.load_catalogs(root, policy.languages, policy.translation_fallback)
            except PolicyError as error:
                _assert_reported(error)
                return
            catalog.install(catalogs_)
            try:
                _assert_no_markup_of_their_own(_pages(policy, catalogs_))
            finally:
                catalog.install({})
    finally:
        shutil.rmtree(root, ignore_errors=True)


@SETTINGS
@given(files=policies)
def test_generated_policies_end_in_pages_or_a_report(files):
    _run(files, None)


@SETTINGS
@given(files=mutated_policies)
def test_policies_with_generated_texts_end_in_pages_or_a_report(files):
    _run(files, None)


@SETTINGS
@given(generated=catalogs)
def test_generated_catalogs_end_in_pages_or_a_report(generated):
    _run({}, generated)
