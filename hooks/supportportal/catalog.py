# The words the portal itself writes (table headings, sentences, the calendar feed, the live
# status), one catalog per language: hooks/supportportal/locales/<lang>.yml, with a project's
# own locales/<lang>.yml merged over it. Code asks for a key, never for a language.
#
# A catalog is flat YAML with dotted keys. A text is a string with named placeholders
# ("{count}"); a text that depends on a number is a mapping of CLDR plural categories
# (one/few/many/other), chosen by the language's plural rule from Babel; `count.words` is a list.
# Build errors stay English: they are read by the staff who edit the policy, not by readers.

from __future__ import annotations

import difflib
import functools
import hashlib
import json
import re
import string
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.lists import format_list

from . import cache, yamlload
from .checks.values import character_problem
from .loading import PolicyError, Problem, load_file, packages
from .parsing import ARTIFACTS

BUILT_IN = Path(__file__).resolve().parent / "locales"
REFERENCE = "en"  # the built-in catalog that has every key the code uses
# Keys that are settings, not texts: the Babel locale, and nav titles (mkdocs.yml's title ->
# this language's), used for an edition without its own mkdocs.<lang>.yml (en.yml's is the
# block a translator copies).
SETTINGS = ("locale", "nav")
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Placeholders a text may use apart instead of one that holds them together: the live status's
# {at} ("Tuesday 10:00 CET (04:00 your time)") as {day} ("Tuesday", empty on the day itself) and
# {time} ("10:00 CET (04:00 your time)"), so a language can write "martedì alle {time}".
_APART = {"at": {"day", "time"}}


@dataclass
class Catalog:
    lang: str
    locale: str
    texts: dict
    nav: dict = field(default_factory=dict)
    fallback: frozenset = frozenset()  # keys shown in the first language (missing_translations: fallback)

    # The text of `key` with its placeholders filled; the number `n` picks the plural form and
    # is {count} unless `count` is given (a number in words: "three").
    def __call__(self, key: str, n=None, **values) -> str:
        text = self.texts[key]
        if isinstance(text, dict):
            text = text.get(_plural_form(self.locale, n), text["other"])
        if n is not None:
            values.setdefault("count", n)
        return text.format(**values) if values else text

    # The same for a reader of plain text (calendars, the notices feed, structured data): a text
    # the catalog lacks (missing_translations: fallback) is the first language's, marked as the
    # pages mark it, "Support closed: Team day (noch nicht übersetzt)"; a form without words of its
    # own ("{name} ({official})") as it is.
    def marked(self, key: str, n=None, **values) -> str:
        text = self(key, n, **values)
        if key not in self.fallback or not has_words(self.texts[key]):
            return text
        return self("widget.aside", text=text, aside=self("untranslated"))

    def words(self, key: str) -> list:
        return self.texts[key]

    # "EMEA, USA and APAC" / "EMEA, USA und APAC", by the language's list rules.
    def join(self, items) -> str:
        items = tuple(items)
        return _format_list(items, self.locale) if items else ""

    def is_fallback(self, key: str) -> bool:
        return key in self.fallback

    # The texts under `prefix` ("widget."), without it: what the browser receives.
    def section(self, prefix: str) -> dict:
        return {k[len(prefix):]: v for k, v in self.texts.items() if k.startswith(prefix)}


# Whether a catalog text (or any of its plural forms) has words of its own outside its placeholders.
def has_words(text) -> bool:
    if isinstance(text, dict):
        return any(has_words(form) for form in text.values())
    return isinstance(text, str) and bool(re.search(r"[^\W\d_]", re.sub(r"\{\w+\}", "", text)))


# Babel's list rules are slow to apply (a few hundred lists per build, most of them repeated).
@functools.lru_cache(maxsize=4096)
def _format_list(items: tuple, locale: str) -> str:
    return format_list(list(items), locale=locale)


_installed: dict = {}
_loaded: dict = {}  # the catalogs last loaded, and the state of the files they were read from


# The catalogs of one site, checked: every language of the policy, the project's own files
# merged over the built-in ones. Raises PolicyError naming each catalog file and key. The other
# editions of a build and the rebuilds of the preview reuse them while their files are unchanged.
def load_catalogs(root: Path | None, languages, fallback: bool = False) -> dict:
    key = (root, tuple(languages), fallback, yamlload.files_state(catalog_files(root, languages)))
    if _loaded.get("key") != key:
        _loaded.clear()
        _loaded.update(catalogs=_load_catalogs(root, languages, fallback), key=key)
    return _loaded["catalogs"]


def _load_catalogs(root: Path | None, languages, fallback: bool) -> dict:
    problems: list = []
    reference, _ = _read(BUILT_IN / f"{REFERENCE}.yml", "hooks/supportportal/locales", problems)
    merged, unread = {}, set()
    for lang in languages:
        texts, files, read = {}, [], []
        for folder, label in ((BUILT_IN, "hooks/supportportal/locales"), (root and root / "locales", "locales")):
            if folder and (folder / f"{lang}.yml").is_file():
                if folder != BUILT_IN and not (folder / f"{lang}.yml").resolve().is_relative_to(root.resolve()):
                    # never read, so never echoed in a problem: /etc/passwd behind locales/de.yml
                    problems.append(Problem(f"{label}/{lang}.yml", 1, "", "this is a link to a file outside the "
                                            "project, which is not read", "replace the link with the catalog itself"))
                    files.append(f"{label}/{lang}.yml")
                    unread.add(lang)
                    continue
                before = len(problems)
                data, doc = _read(folder / f"{lang}.yml", label, problems)
                if len(problems) > before:  # not read whole: its keys are not counted as missing
                    unread.add(lang)
                _checked(("catalog", doc.file), data, problems, lambda: _check(data, doc, reference, problems))
                texts.update(data)
                files.append(doc.file)
                read.append((data, doc))
        if not files:
            problems.append(Problem("policy/company.yml", languages_line(root), "languages",
                                    f"'{lang}' has no catalog of the portal's own words",
                                    f"copy hooks/supportportal/locales/{REFERENCE}.yml to locales/{lang}.yml and "
                                    "translate its texts (keep the keys and the {placeholders}); a text that "
                                    f"depends on a number needs the plural forms {_plural_names(_locale(lang, None))}"))
            continue
        for data, doc in read:
            locale = _locale(lang, texts.get("locale"))
            _checked(("plurals", doc.file, lang, locale), data, problems,
                     lambda: _check_plurals(data, doc, lang, locale, problems))
        merged[lang] = (texts, files)
    # Every problem in one run: the texts missing too, besides the mistakes in the files (but not
    # for a catalog that could not be read whole).
    first = merged[languages[0]][0] if languages and languages[0] in merged else {}
    catalogs = {}
    for lang, (texts, files) in merged.items():
        missing = [k for k in reference if k not in SETTINGS and k not in texts]
        if lang in unread:
            continue
        if missing and (not fallback or lang == languages[0]):
            problems += [Problem(files[-1], 1, key, f"the {lang} text of '{key}' is missing",
                                 f"add {key}: ... (the {REFERENCE} text: {reference[key]!r})"
                                 + ("" if lang == languages[0] else ", or set missing_translations: fallback "
                                    f"in company.yml to show the {languages[0]} text, marked"))
                         for key in missing]
            continue
        used = {k: texts.get(k, first.get(k)) for k in reference if k not in SETTINGS}
        catalogs[lang] = Catalog(lang, _locale(lang, texts.get("locale")), used, texts.get("nav") or {},
                                 frozenset(missing))
    if problems:
        raise PolicyError(problems)
    return catalogs


# The line of company.yml's `languages:` (1 where it cannot be read).
def languages_line(root: Path | None) -> int:
    try:
        return yamlload.load(root / "policy" / "company.yml").line(("languages",)) if root else 1
    except Exception:  # the policy's own checks report an unreadable file
        return 1


# Make `catalogs` the ones textfmt, ics and jsonld use for their languages.
def install(catalogs: dict) -> None:
    _installed.clear()
    _installed.update(catalogs)


# The installed catalog of `lang`, else the built-in one (tests and tools without a project).
def get(lang: str) -> Catalog:
    if lang not in _installed:
        try:
            _installed[lang] = load_catalogs(None, (lang,))[lang]
        except PolicyError:
            return get(REFERENCE)
    return _installed[lang]


# Every key of the reference catalog (for the check that code and catalogs agree).
def reference_keys() -> set:
    data, _ = _read(BUILT_IN / f"{REFERENCE}.yml", "hooks/supportportal/locales", [])
    return {k for k in data if k not in SETTINGS}


# The Babel locale of a language: the catalog's `locale:`, else the language's likely territory
# (de -> de_DE, fr -> fr_FR).
def _locale(lang: str, configured: str | None) -> str:
    if configured:
        return configured
    likely = get_global("likely_subtags").get(lang)
    if likely:
        parsed = Locale.parse(likely)
        return f"{parsed.language}_{parsed.territory}" if parsed.territory else parsed.language
    return lang


# Helper functions

# Every file a site's catalogs may be read from (a missing one too).
def catalog_files(root: Path | None, languages) -> list[Path]:
    paths = [BUILT_IN / f"{REFERENCE}.yml"]
    for lang in languages:
        paths += [BUILT_IN / f"{lang}.yml", *([root / "locales" / f"{lang}.yml"] if root else [])]
    return paths


# "one, many, other": the CLDR plural categories of a locale, as a catalog writes them.
def _plural_names(locale: str) -> str:
    try:
        tags = Locale.parse(locale).plural_form.tags
    except (UnknownLocaleError, ValueError, TypeError):
        return "one:, other:"
    return ", ".join(f"{c}:" for c in PLURAL_CATEGORIES if c in tags or c == "other")


# Each text of a catalog that depends on a number gives every plural form its language has
# (CLDR: French and Italian have many:, Polish few: and many:); a missing one would silently
# take the other: text.
def _check_plurals(data: dict, doc, lang: str, locale: str, problems: list) -> None:
    try:
        tags = Locale.parse(locale).plural_form.tags
    except (UnknownLocaleError, ValueError, TypeError):
        return  # _check names the locale
    for key, value in data.items():
        # (A group of other keys, "widget: {closed: Zu}", is no plural text: _check names it.)
        if key in SETTINGS or not isinstance(value, dict) or not set(value) <= set(PLURAL_CATEGORIES):
            continue
        missing = [c for c in PLURAL_CATEGORIES if c in tags and c not in value]
        if missing:
            problems.append(Problem(doc.file, doc.line((key,)), key,
                                    f"the {lang} text has no plural form {', '.join(m + ':' for m in missing)}",
                                    f"add {', '.join(m + ': ...' for m in missing)}: {lang} ({locale}) has the plural "
                                    f"forms {_plural_names(locale)} (CLDR)"))


@functools.cache
def _plural_rule(locale: str):
    return Locale.parse(locale).plural_form


def _plural_form(locale: str, count) -> str:
    return _plural_rule(locale)(count)


def _read(path: Path, label: str, problems: list) -> tuple[dict, yamlload.Document]:
    doc = load_file(path, f"{label}/{path.name}", trusted=path.parent == BUILT_IN)
    for line, message, fix, *_ in doc.problems:
        problems.append(Problem(doc.file, line, "", message, fix))
    if doc.data is not None and not isinstance(doc.data, dict):
        problems.append(Problem(doc.file, 1, "", "a catalog is a list of key: text lines",
                                "write one 'key: text' per line, without '- ' before it, as in "
                                f"hooks/supportportal/locales/{REFERENCE}.yml"))
        return {}, doc
    return dict(doc.data or {}), doc


# Run a check of a catalog's texts unless the same texts passed it before (kept between builds,
# cache.py: the portal's version, and so the reference catalog, is part of every key; so is
# Babel's installed files, whose CLDR data says which locales and plural forms there are).
def _checked(key: tuple, data: dict, problems: list, check) -> None:
    key = (*key, packages(("babel",)), hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode("utf-8")).hexdigest())
    if cache.get(key) == b"valid":
        return
    before = len(problems)
    check()
    if len(problems) == before:
        cache.put(key, b"valid")


# One catalog file against the reference: known keys, the same kind of value, known placeholders.
def _check(data: dict, doc, reference: dict, problems: list) -> None:
    def report(key, message, fix):
        problems.append(Problem(doc.file, doc.line((key,)), key, message, fix))

    for key, value in data.items():
        if key == "locale":
            try:
                Locale.parse(str(value))
            except (UnknownLocaleError, ValueError, TypeError):
                report(key, f"'{value}' is not a locale Babel knows", "write it like de_DE or fr_CA")
            continue
        if key == "nav":
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                report(key, "nav maps each title of mkdocs.yml's nav to this language's title",
                       "write lines like  Holiday calendar: Calendrier des jours fériés")
                continue
            for title, text in value.items():
                if _text_problem(text):
                    problems.append(Problem(doc.file, doc.line((key, title)), f"nav.{title}", *_text_problem(text)))
            continue
        if key not in reference:
            # widget: {closed: Zu}: the catalogs' keys are written whole, with their dots.
            nested = [f"{key}.{part}" for part in value if isinstance(part, str) and f"{key}.{part}" in reference] \
                if isinstance(value, dict) else []
            if nested:
                report(key, f"'{key}' is not a key of the portal's catalogs: its keys are written whole, with the dot",
                       "write " + " and ".join(f"'{name}: ...'" for name in nested[:3]) + " at the start of a line")
                continue
            close = difflib.get_close_matches(key, list(reference), n=1)
            report(key, f"'{key}' is not a key of the portal's catalogs",
                   f"did you mean '{close[0]}'?" if close else f"use the keys of hooks/supportportal/locales/{REFERENCE}.yml")
            continue
        expected = reference[key]
        if isinstance(expected, list):
            if not isinstance(value, list) or len(value) != len(expected) or not all(isinstance(v, str) for v in value):
                report(key, f"expected a list of {len(expected)} texts", f"write it like the {REFERENCE} catalog: {expected!r}")
            elif any(_text_problem(v) for v in value):
                report(key, *next(_text_problem(v) for v in value if _text_problem(v)))
            continue
        if isinstance(value, dict):
            unknown = [c for c in value if c not in PLURAL_CATEGORIES]
            if unknown or "other" not in value or not all(isinstance(v, str) for v in value.values()):
                missing = "" if unknown or "other" in value else " (other: is missing)"
                report(key, "a text that depends on a number needs the plural forms one:, other: (and few:, many: "
                            f"where the language has them){missing}", "give each form as text, at least other:")
                continue
            texts = list(value.values())
        elif isinstance(value, str):
            texts = [value]
        else:
            report(key, f"expected text, found {value!r}", "put the text in quotes")
            continue
        allowed = {name for text in (expected.values() if isinstance(expected, dict) else [expected])
                   for name in _PLACEHOLDER.findall(text)} | ({"count"} if isinstance(expected, dict) else set())
        if key.startswith("widget."):
            allowed |= {part for name in allowed for part in _APART.get(name, ())}
        for text in texts:
            if _text_problem(text):
                report(key, *_text_problem(text))
                continue
            try:
                fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(text)
                          if name is not None]
            except ValueError as error:
                report(key, f"broken placeholder: {error}", "write placeholders as {name}; a brace itself as {{ or }}")
                continue
            names = {name for name, _, _ in fields}
            for name, spec, conversion in fields:
                if spec or conversion:  # {count:>999999999} would pad a text to a billion characters
                    written = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
                    report(key, f"'{_short(written)}' has a format after the name; placeholders are only "
                                "a name in braces", f"write {{{name}}} without '{_short(written[len(name) + 1:-1])}'")
            for name in sorted(names - allowed):
                report(key, f"'{{{name}}}' is not a placeholder of this text",
                       f"use {', '.join('{' + n + '}' for n in sorted(allowed - {'count'})) or 'no placeholder'}")
            # A text (not a plural form, where "one" may say its number in words) keeps every fact
            # of the reference's: a placeholder left out drops the policy version from the footer.
            # (A misspelt one is reported above, with the right name.)
            if isinstance(value, str) and isinstance(expected, str) and not names - allowed:
                for name in sorted(set(_PLACEHOLDER.findall(expected)) - names):
                    if key.startswith("widget.") and names & _APART.get(name, set()):
                        continue
                    report(key, f"the text leaves out {{{name}}}, so what it stands for is not shown",
                           f"put {{{name}}} where it belongs in the sentence (the {REFERENCE} text: {expected!r})")


# (message, fix) for a catalog text readers could not be shown as it is: a line break, a control or
# invisible character, nothing visible, or what would read as an unrendered template placeholder
# once its {{ and }} are braces ("{{{{ x }}}}"); else None.
def _text_problem(text: str):
    if text and character_problem(text):
        message, fix = character_problem(text)
        return message.replace("the value", "the text"), fix.replace("after 'key: >' or 'key: |' the text is one "
                                                                     "paragraph of one line", "a catalog text is one line")
    template = re.search(r"\{\{.*?\}\}", text)
    if template:
        return (f"'{_short(template.group(0))}' is not a placeholder: catalog texts are not templates, and readers "
                f"would see '{_short(template.group(0)[1:-1])}'", "write the words readers should see, with "
                "placeholders as {name}")
    for pattern, what in ARTIFACTS:
        found = pattern.search(text.replace("{{", "{").replace("}}", "}"))
        if found:
            return (f"'{_short(found.group(0))}' would show readers {what}",
                    "write the words readers should see; a single brace is written {{ or }}")
    return None


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
