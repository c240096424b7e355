# Pages are Markdown with Jinja2 expressions; this module gives them the policy's facts and the
# HTML blocks built from them (tables, lists, widget containers). Every value is escaped.

from __future__ import annotations

import datetime as dt
import difflib
import functools
import hashlib
import html as htmllib
import inspect
import json
import re
from html.parser import HTMLParser

import jinja2
from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup, escape

from . import cache, catalog, closures, dated, ics, parsing, textfmt
from .checks.notices import NOTICE_KINDS
from .model import MINUTES_PER_DAY, Interval, Policy

# A page's mistakes, each as (line, problem, fix), printed like the policy's problems.
class PageError(Exception):
    def __init__(self, page: str, problems: list[tuple[int | None, str, str]]):
        self.page, self.problems = page, problems
        entries = [f"{page}{f', line {line}' if line else ''}: {problem}\n    Fix: {fix}"
                   for line, problem, fix in problems]
        if len(entries) > 1:
            entries = [f"{page} has {len(entries)} problems; nothing was published:", *(f"  - {e}" for e in entries)]
        super().__init__("\n".join(entries))


# A policy text placed in a page's Markdown ("Company *offsite*", "[internal]", "#1", "we'll")
# reads literally and is escaped once: HTML's special characters and Markdown's syntax characters
# become character references in one pass (escaping first and then translating "#" would break
# the references: "'" -> "&#39;" -> "&&#35;39;", shown as "&#39;"). Line breaks become references
# too, and so does a first character that could start a list or underline a heading ("1. FC",
# "- x", "==="), so a text never makes Markdown structure of its own.
_LITERAL = str.maketrans({**{c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+!|~\n\r"},
                          "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"})
_LINE_START = re.compile("^((?:[\ue000-\ue003]|\ue005[A-Za-z0-9-]*\ue006)*)([0-9=-])")  # after the markers defined below


def _literal(value):
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    text = _LINE_START.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", value.translate(_LITERAL), count=1)
    return Markup(text)


# Private-use characters around an untranslated text: they pass Jinja, Markdown and escaping
# untouched, and are replaced by markup once the page is HTML.
FALLBACK_OPEN, FALLBACK_CLOSE = "\ue000", "\ue001"
_FALLBACK = re.compile(f"{FALLBACK_OPEN}(.*?){FALLBACK_CLOSE}", re.S)
# The same kind of markers around every policy text: the page check skips them (policy texts are
# checked when the policy is loaded, and "Error 500 on login" is a fine example), then they go.
POLICY_OPEN, POLICY_CLOSE = "\ue002", "\ue003"
_POLICY = re.compile(f"{POLICY_OPEN}.*?{POLICY_CLOSE}", re.S)
# Around a text in another language than the page's (a holiday's official name): the opening
# marker, the language's code (a BCP 47 tag: "de"), the text's marker, the text, the closing marker. They pass
# escaping untouched; mark_languages() makes an element of that language of them once the text
# is escaped: "Good Friday (<span lang="de">Karfreitag</span>)". (U+E004 stands in for markup.)
LANGUAGE_OPEN, LANGUAGE_TEXT, LANGUAGE_CLOSE = "\ue005", "\ue006", "\ue007"
_LANGUAGE = re.compile(f"{LANGUAGE_OPEN}([A-Za-z0-9-]+){LANGUAGE_TEXT}(.*?){LANGUAGE_CLOSE}", re.S)
_MARKERS = re.compile(f"[{FALLBACK_OPEN}{FALLBACK_CLOSE}{POLICY_OPEN}{POLICY_CLOSE}{LANGUAGE_TEXT}{LANGUAGE_CLOSE}]"
                      f"|{LANGUAGE_OPEN}[A-Za-z0-9-]*")


# A text from the policy, marked as such wherever a page shows it.
def policy_text(text: str) -> str:
    return POLICY_OPEN + text + POLICY_CLOSE


# A text of the first language standing in for the page's, in the marks that show it so.
def _fallback_marked(text: str) -> str:
    return FALLBACK_OPEN + text + FALLBACK_CLOSE


def strip_policy_markers(html: str) -> str:
    return html.replace(POLICY_OPEN, "").replace(POLICY_CLOSE, "")


# A text in the language `language`, in the marks mark_languages() turns into an element of it.
def _language_marked(text: str, language: str) -> str:
    return LANGUAGE_OPEN + language + LANGUAGE_TEXT + text + LANGUAGE_CLOSE


# Escaped HTML with each text marked by _language_marked() in an element of its language.
def mark_languages(html: str) -> Markup:
    return Markup(_LANGUAGE.sub(lambda m: f'<span lang="{escape(m[1])}">{m[2]}</span>', str(html)))


# A text with every marker removed, for where no markup may go (a title, the table of contents).
def plain_text(text: str) -> str:
    return _MARKERS.sub("", text)


# The untranslated text is marked as the first language's; the note stays in the page's
# language, outside that mark, so screen readers read it as the page's words.
def mark_fallbacks(html: str, fallback_lang: str, note: str) -> str:
    return _FALLBACK.sub(
        lambda m: f'<span class="support-untranslated" title="{escape(note)}"><span lang="{fallback_lang}">'
                  f'{m.group(1)}</span><span class="support-untranslated__note"> ({escape(note)})</span></span>', html)


# What a page may write besides its text (README, "What a page can use"): a fact
# ({{ company }}), a fact's function ({{ hours_table() }}), a list joined
# ({{ regions | join(", ") }}), these filters on a text, {% raw %}...{% endraw %} and {# comments #}.
# The page is checked for that before anything runs; it then runs in Jinja's sandbox with no
# globals, no attributes and no other filters, should the check ever let something through.
TEXT_FILTERS = ("lower", "upper")
FILTERS = ("join", *TEXT_FILTERS)

# Jinja's statements, by the tag a page writes; a page is one file and holds no logic.
_TAGS = {nodes.For: "for", nodes.If: "if", nodes.Macro: "macro", nodes.CallBlock: "call",
         nodes.FilterBlock: "filter", nodes.With: "with", nodes.Block: "block", nodes.Assign: "set",
         nodes.AssignBlock: "set", nodes.Include: "include", nodes.Import: "import",
         nodes.FromImport: "from", nodes.Extends: "extends", nodes.ExprStmt: "do"}
_OTHER_FILES = ("include", "import", "from", "extends")
# Calculations and other expressions, by what a page writes.
_OPERATORS = {nodes.Add: "+", nodes.Sub: "-", nodes.Mul: "*", nodes.Div: "/", nodes.FloorDiv: "//",
              nodes.Mod: "%", nodes.Pow: "**", nodes.Concat: "~", nodes.Neg: "-", nodes.Pos: "+",
              nodes.Not: "not", nodes.And: "and", nodes.Or: "or", nodes.Compare: "a comparison",
              nodes.CondExpr: "if … else", nodes.Test: "is", nodes.List: "a list", nodes.Tuple: "a list",
              nodes.Dict: "a list", nodes.Slice: ":"}

_FIX_SYNTAX = ("close every {{ with }} and every {% with %}; to show them as text, wrap it in "
               "{% raw %}...{% endraw %}")
_UNCLOSED_NOTE = "Missing end of comment tag"
_FIX_NOTE = ("close the note with #} ({# a note for editors #}); to show '{#' as text, wrap it in "
             "{% raw %}...{% endraw %}")
_FIX_LOGIC = ("write the text itself, with facts such as {{ hours_table() }} for what comes from the policy; "
              "to show '{%' as text, wrap it in {% raw %}...{% endraw %}")
_FIX_CALCULATION = ("write the text or number itself; numbers of the policy come from facts such as "
                    "{{ channel_count }}")
_FIX_FILTER = 'write {{ regions | join(", ") }} for a list, {{ company | upper }} or {{ company | lower }} for a text'
_FIX_PORTAL = ("if the line looks right, the fault is in the portal's code: report it to its developers "
               "with this message")


class _PageSandbox(ImmutableSandboxedEnvironment):
    # No attribute or method of any value: pages reach facts by their names only.
    def is_safe_attribute(self, obj, attr, value) -> bool:
        return False


# One Jinja environment per build; pages that use a name the policy does not define fail loudly.
def environment() -> jinja2.Environment:
    env = _PageSandbox(undefined=jinja2.StrictUndefined, autoescape=True, keep_trailing_newline=True,
                       finalize=_shown)  # no trim_blocks: Markdown is sensitive to line breaks
    env.globals.clear()  # range, lipsum, cycler, joiner, namespace, dict
    env.filters = {"join": _join, **{name: env.filters[name] for name in TEXT_FILTERS}}
    env.tests = {}
    return env


class _Unshowable(Exception):
    pass


# What a placeholder shows: text and numbers only, never a function, list or other Python value.
def _shown(value):
    if isinstance(value, jinja2.Undefined):
        return str(value)  # raises: a name the policy lacks, or the sandbox refusing access
    if isinstance(value, str):
        return _literal(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    raise _Unshowable(value)


# `| join`: each policy text literal, as everywhere else on a page.
def _join(items, separator: str = "") -> Markup:
    return Markup(escape(separator)).join(_literal(item) for item in items)


# Render one page's Markdown with the policy facts for its language; `first_line` is the line of
# the file the Markdown starts on (after front matter).
def render_page(env: jinja2.Environment, source: str, context: dict, page: str, first_line: int = 1) -> str:
    tree = check_page(env, source, context, page, first_line)
    try:
        return env.from_string(tree).render(context)
    except Exception as failure:  # a fact that failed, or the sandbox stopping what the check missed
        raise _page_error(page, first_line, [_runtime_problem(failure, context)]) from None


def _page_error(page: str, first_line: int, problems) -> PageError:
    return PageError(page, [(line and line + first_line - 1, problem, fix) for line, problem, fix in problems])


# Everything render_page checks before rendering (characters, placeholders' syntax and names):
# the parsed page, or PageError. `make check` runs it on every page.
def check_page(env: jinja2.Environment, source: str, context: dict, page: str, first_line: int = 1):
    def error(problems):
        return _page_error(page, first_line, problems)

    problems = [(number, f"contains the character U+{ord(found.group()):04X}, which the portal reserves "
                         "for its own use", "delete it")
                for number, text in enumerate(source.split("\n"), 1) if (found := _MARKERS.search(text))]
    # What {% raw %} shows is meant as written ("{{ name }}" in a how-to): marked like a policy
    # text, so the check of the rendered page does not take it for an unrendered placeholder.
    source = _RAW.sub(lambda m: m[1] + POLICY_OPEN + m[2] + POLICY_CLOSE + m[3], source)
    try:
        tree = env.parse(source)
    except jinja2.TemplateSyntaxError as syntax:
        if syntax.message == _UNCLOSED_NOTE:  # Jinja names the line the note opens on
            raise error([*problems, (syntax.lineno, "a note for editors ({#) is not closed", _FIX_NOTE)]) from None
        line = _opening_line(source, syntax.lineno)
        raise error([*problems, (line, f"broken placeholder: {syntax.message}", _FIX_SYNTAX)]) from None
    except RecursionError:
        raise error([*problems, (_deepest_line(env, source), "a placeholder is nested too deeply",
                                 "write the text itself, or a fact such as {{ company }}")]) from None
    problems += _PageCheck(context).template(tree)
    if problems:
        raise error(sorted(problems, key=lambda p: p[0] or 0))
    return tree


_RAW = re.compile(r"(\{%[-+]?\s*raw\s*[-+]?%\})(.*?)(\{%[-+]?\s*endraw\s*[-+]?%\})", re.S)


# Where the placeholder Jinja stumbled on opens: the last line up to the error's that opens one
# ("{{ company" on line 5 is the mistake, not the text on line 7 where Jinja noticed it).
def _opening_line(source: str, lineno: int) -> int:
    lines = source.split("\n")[:lineno]
    return next((number for number in range(len(lines), 0, -1)
                 if "{{" in lines[number - 1] or "{%" in lines[number - 1]), lineno)


# The first line that alone is nested too deeply for Jinja's parser.
def _deepest_line(env, source: str) -> int | None:
    for number, line in enumerate(source.split("\n"), 1):
        try:
            env.parse(line)
        except RecursionError:
            return number
        except jinja2.TemplateSyntaxError:
            continue
    return None


# Checks a parsed page against what pages may write, as (line, problem, fix).
class _PageCheck:
    def __init__(self, context: dict):
        self.context = context
        self.problems: list[tuple[int, str, str]] = []

    def template(self, tree: nodes.Template) -> list:
        for node in tree.body:
            if isinstance(node, nodes.Output):
                for child in node.nodes:
                    if not isinstance(child, nodes.TemplateData):
                        self.shown(child)
            else:
                tag = _TAGS.get(type(node), type(node).__name__.lower())
                self.add(node, f"{{% {tag} %}} is not available in pages",
                         "a page is one file: copy the text into this page" if tag in _OTHER_FILES else _FIX_LOGIC)
        if not self.problems:
            _as_written(tree)
        return self.problems

    def add(self, node, problem: str, fix: str) -> None:
        self.problems.append((node.lineno, problem, fix))

    # "function", "list", "number" or "text", or None for a name the policy does not define.
    def kind(self, node: nodes.Name) -> str | None:
        if node.name not in self.context:
            self.unknown(node, node.name)
            return None
        value = self.context[node.name]
        if callable(value):
            return "function"
        if isinstance(value, (list, tuple)):
            return "list"
        return "number" if isinstance(value, (int, float)) else "text"

    def unknown(self, node, name: str) -> None:
        usages = {key: _usage(key, value) for key, value in sorted(self.context.items()) if not key.startswith("_")}
        close = difflib.get_close_matches(name, usages, n=1)
        hint = f"did you mean {{{{ {usages[close[0]]} }}}}? " if close else ""
        self.add(node, f"uses '{name}', which the policy does not define",
                 f"{hint}Names a page can use: {', '.join(usages.values())}")

    # A placeholder's value, shown on the page.
    def shown(self, node) -> None:
        if isinstance(node, nodes.Name):
            kind = self.kind(node)
            if kind in ("function", "list"):
                usage = _usage(node.name, self.context[node.name])
                self.add(node, f"{node.name} is a {kind}", f"write {{{{ {usage} }}}}")
        elif isinstance(node, nodes.Const):
            if node.value is None or isinstance(node.value, bool):
                self.unknown(node, str(node.value).lower())
            elif isinstance(node.value, str) and _MARKERS.search(node.value):
                char = _MARKERS.search(node.value).group()
                self.add(node, f"contains the character U+{ord(char):04X}, which the portal reserves for its own use",
                         "delete it")
        elif isinstance(node, nodes.Call):
            self.call(node)
        elif isinstance(node, nodes.Filter):
            self.filter(node)
        elif isinstance(node, (nodes.Getattr, nodes.Getitem)):
            self.inside(node)
        else:
            operator = _OPERATORS.get(type(node), type(node).__name__.lower())
            self.add(node, f"pages cannot calculate ('{operator}')", _FIX_CALCULATION)

    def call(self, node: nodes.Call) -> None:
        if not isinstance(node.node, nodes.Name):
            self.shown(node.node)
            return
        name, kind = node.node.name, self.kind(node.node)
        if kind is None:
            return
        if kind != "function":
            self.add(node, f"{name} is a {kind}, not a function",
                     f"write {{{{ {_usage(name, self.context[name])} }}}}")
            return
        if node.args or node.kwargs or node.dyn_args or node.dyn_kwargs:
            parameters = list(inspect.signature(self.context[name]).parameters)
            takes = f"takes only {', '.join(parameters)}" if parameters else "takes no arguments"
            if not parameters or not all(isinstance(a, nodes.Const) for a in node.args):
                self.add(node, f"{name}() {takes}", f"write {{{{ {name}() }}}}")

    def filter(self, node: nodes.Filter) -> None:
        if node.name not in FILTERS:
            self.add(node, f"the filter '{node.name}' is not available in pages", _FIX_FILTER)
            return
        if node.name == "join":
            arguments = not node.kwargs and len(node.args) <= 1 and all(
                isinstance(a, nodes.Const) and isinstance(a.value, str) for a in node.args)
            if not arguments:
                self.add(node, "'| join' takes one text to put between the items", 'write {{ regions | join(", ") }}')
            elif isinstance(node.node, nodes.Name):
                kind = self.kind(node.node)
                if kind == "function":
                    self.shown(node.node)
                elif kind in ("text", "number"):
                    self.add(node, "'| join' needs a list", 'write {{ regions | join(", ") }}')
            else:
                before = len(self.problems)
                self.shown(node.node)
                if len(self.problems) == before:
                    self.add(node, "'| join' needs a list", 'write {{ regions | join(", ") }}')
            return
        if node.args or node.kwargs:
            self.add(node, f"'| {node.name}' takes no arguments", f"write {{{{ company | {node.name} }}}}")
        elif isinstance(node.node, nodes.Call) and isinstance(node.node.node, nodes.Name) \
                and self.kind(node.node.node) == "function":
            # <DIV CLASS="SUPPORT-HOURS">: the page's styles and live parts would no longer find it.
            name = node.node.node.name
            self.add(node, f"'| {node.name}' is for a text; {name}() writes part of the page (a table, a list, "
                           "a live part), which it would break", f"write {{{{ {name}() }}}} without '| {node.name}'")
        else:
            self.shown(node.node)

    # company.__class__, regions[0], hours_table.__self__: reaching into a value.
    def inside(self, node) -> None:
        steps = []
        while isinstance(node, (nodes.Getattr, nodes.Getitem, nodes.Call)):
            if not isinstance(node, nodes.Call):
                steps.append(node)
            node = node.node
        first = steps[-1]
        if isinstance(node, nodes.Name) and node.name not in self.context:
            self.unknown(node, node.name)
            return
        if isinstance(first, nodes.Getattr):
            step = f".{first.attr}"
        else:
            step = f"[{first.arg.value!r}]" if isinstance(first.arg, nodes.Const) else "[...]"
        if isinstance(node, nodes.Name):
            base, fix = node.name, f"write {{{{ {_usage(node.name, self.context[node.name])} }}}}"
        else:
            base = repr(node.value) if isinstance(node, nodes.Const) else "..."
            fix = "a page uses a fact as it is, such as {{ company }} or {{ hours_table() }}"
        self.add(first, f"'{base}{step}' looks inside a value; pages cannot", fix)


# A text a page writes as a Jinja string ({{ "{{" }}, Jinja's way to show its own braces) is the
# page's own text, as {% raw %} gives it: Markdown like the rest of the page (in code shown as
# written), marked like a policy text so the check of the rendered page does not take its braces
# for an unrendered placeholder. (Jinja would escape a constant before `finalize`, which left it
# as it was.)
def _as_written(tree: nodes.Template) -> None:
    for node in tree.body:
        if isinstance(node, nodes.Output):
            node.nodes = [nodes.TemplateData(POLICY_OPEN + child.value + POLICY_CLOSE, lineno=child.lineno)
                          if isinstance(child, nodes.Const) and isinstance(child.value, str) else child
                          for child in node.nodes]


# How a page writes a fact: company, hours_table(), regions | join(", ").
def _usage(name: str, value) -> str:
    if callable(value):
        return f"{name}()"
    if isinstance(value, (list, tuple)):
        return f'{name} | join(", ")'
    return name


# A failure while a checked page runs, at the page line Jinja's rewritten traceback gives.
def _runtime_problem(failure: Exception, context: dict) -> tuple:
    line, culprit, tb = None, None, failure.__traceback__
    while tb:
        code = tb.tb_frame.f_code
        if code.co_filename == "<template>":  # Jinja's frames carry the page's line numbers
            line, culprit = tb.tb_lineno, None
        elif culprit is None and line and code.co_name in context:
            culprit = code.co_name
        tb = tb.tb_next
    if isinstance(failure, _Unshowable):
        return line, f"would show a Python {type(failure.args[0]).__name__} instead of text", _FIX_PORTAL
    if isinstance(failure, SecurityError):
        return line, f"reaches for something pages cannot use ({failure})", _FIX_PORTAL
    what = f"{culprit}()" if culprit else "a placeholder"
    return line, f"{what} failed while the page was built ({type(failure).__name__}: {failure})", _FIX_PORTAL


# Lines of HTML shown as code, as the pages' fenced code blocks are (```text): with the theme's
# copy button, or without it (`copy=False`, the ``` { .text .no-copy } of an example to adapt).
def _code(lines: list[str], copy: bool = False) -> Markup:
    classes = "highlight" if copy else "no-copy highlight"
    return Markup(f'<div class="{classes}"><pre><span></span><code>'
                  + "".join(f"{escape(line)}\n" for line in lines) + "</code></pre></div>\n")


# How many closures a page lists from its build date on (next_closure()).
UPCOMING_CLOSURES = 3


class Facts:
    """The facts and blocks a page can use, in one language."""

    def __init__(self, policy: Policy, lang: str, today: dt.date):
        self.policy, self.lang, self.today = policy, lang, today
        self.words = catalog.get(lang)  # the portal's own words: locales/<lang>.yml
        self.prefix = "" if lang == policy.languages[0] else f"{lang}/"  # this edition's folder
        self.instant_read = False  # whether the build's instant was asked for (_built)

    # A policy text in this page's language; with missing_translations: fallback, the first
    # language's text between markers that mark_fallbacks() turns into a marked <span>.
    def t(self, text) -> str:
        if text.has(self.lang):
            return policy_text(text.get(self.lang))
        return policy_text(_fallback_marked(text.get(self.policy.languages[0])))

    # A text of the portal's catalog; under missing_translations: fallback a text the catalog
    # lacks is the first language's, marked like an untranslated policy text.
    def say(self, key: str, n=None, **values) -> str:
        text = self.words(key, n, **values)
        return FALLBACK_OPEN + text + FALLBACK_CLOSE if self.words.is_fallback(key) else text

    # The names pages may use, e.g. {{ company }} or {{ hours_table() }}.
    def context(self) -> dict:
        p = self.policy
        return {
            # Texts as literal Markdown already: filters (`regions | join(", ")`) keep them so.
            "company": _literal(policy_text(p.company)), "city": _literal(self.t(p.city)),
            "country": _literal(self.t(p.country)), "regions": [_literal(self.t(r.name)) for r in p.regions],
            "region_list": _literal(self._region_names(p.regions)),
            "channel_count": len(self._channels()), "channel_count_words": textfmt.count_word(len(self._channels()), self.lang),
            "calendar_subscribe_url": "webcal://" + p.site_url.split("://", 1)[1] + self.prefix + "support.ics",
            **{name: getattr(self, name) for name in self.FUNCTIONS},
        }

    # The facts pages write with (): each a method of the same name.
    FUNCTIONS = ("hours_table", "holiday_rule", "channels_intro", "channels_list", "communication", "priority_table",
                 "business_hours_rule", "resolution_steps", "customer_duties", "maintenance_list",
                 "enhancements_answer", "warranty_list", "status_widget", "calculator", "language_hint",
                 "holiday_calendar", "next_closure", "region_calendars", "notices_list", "embed_snippet",
                 "embed_regions_example", "embed_channels_example", "embed_fallback_example",
                 "embed_live_example")

    # What each name of context() is, short of a policy: a text, a list, a number, or the function
    # with its parameters. The pages are checked against it where the policy has problems (pages.py).
    @classmethod
    def shapes(cls) -> dict:
        return {"company": "", "city": "", "country": "", "regions": [], "region_list": "", "channel_count": 0,
                "channel_count_words": "", "calendar_subscribe_url": "",
                **{name: functools.partial(getattr(cls, name), None) for name in cls.FUNCTIONS}}

    # The first and last year published: zone labels name every offset in force over them.
    def _years(self) -> tuple[int, int]:
        first, last = self.policy.horizon
        return first.year, last.year

    def hours_table(self) -> Markup:
        say = self.say
        rows = []
        for region in self.policy.regions:
            weekly = textfmt.weekly_rows(dated.as_on(region, self.today), self.lang) or [("", textfmt.phrase(self.lang, "hours.closed"))]
            notes = self._hours_changes(region)
            if notes:  # the hours in force say until when, so they are not read as current after the change
                notes.insert(0, f'<tr data-region="{escape(region.id)}" class="support-until"><td colspan="2">'
                                f'{self._until(self._last_day(region.changes), "changes.until_hours")}</td></tr>')
            span = len(weekly) + len(notes)
            for i, (days, hours) in enumerate(weekly):
                head = (f'<th scope="row" rowspan="{span}">{escape(self.t(region.name))}</th>' if i == 0 else "")
                zone = (f'<td rowspan="{span}" data-zone="{escape(region.zone)}">'
                        f"{escape(textfmt.zone_label(region.zone, self.lang, *self._years()))}</td>" if i == 0 else "")
                rows.append(f'<tr data-region="{escape(region.id)}">{head}<td>{escape(days)}</td>'
                            f"<td>{escape(hours)}</td>{zone}</tr>")
            rows += notes
        return Markup(
            f'<div class="support-hours" data-support-hours>\n<table>\n<caption>{escape(say("hours.caption"))}</caption>\n'
            f'<thead><tr><th scope="col">{escape(say("hours.region"))}</th><th scope="col">{escape(say("hours.days"))}</th>'
            f'<th scope="col">{escape(say("hours.hours"))}</th><th scope="col">{escape(say("hours.zone"))}</th></tr></thead>\n'
            f"<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</div>\n"
        )

    # "EMEA, USA and APAC": region names in the order of regions.yml, by the language's list rules.
    def _region_names(self, regions) -> str:
        order = {region.id: i for i, region in enumerate(self.policy.regions)}
        return textfmt.join_words([self.t(r.name) for r in sorted(regions, key=lambda r: order[r.id])], self.lang)


    # The announced changes of a region's hours, one table row each: "From Monday, 1 March 2027:
    # Monday to Friday 09:00–17:00". Dated, so true until the next build whatever the day.
    def _hours_changes(self, region) -> list[str]:
        rows = []
        for change in dated.announced(region.changes, self.today, self.policy.announce_days):
            weekly = textfmt.weekly_rows(change, self.lang)
            hours = textfmt.days_and_hours(weekly, self.lang) or textfmt.phrase(self.lang, "hours.closed")
            # data-weekly: the rows that take the hours' place from the change's first instant on
            # (support-widget.js restates the table then; without it this row says from when).
            rows.append(f'<tr data-region="{escape(region.id)}" data-change="{change.start.isoformat()}" '
                        f'data-weekly="{escape(json.dumps(weekly or [["", hours]], ensure_ascii=False))}" '
                        f'class="support-change"><td colspan="2">{self._from(change.start, hours)}</td></tr>')
        return rows

    # The day before the first announced change: the last day of what is in force on the build date.
    def _last_day(self, changes) -> dt.date | None:
        ahead = dated.announced(changes, self.today, self.policy.announce_days)
        return ahead[0].start - dt.timedelta(days=1) if ahead else None

    # A catalog text with {date} as a <time> element: "(until Sunday, 28 February 2027)".
    def _until(self, date: dt.date, key: str) -> Markup:
        day = Markup(f'<time datetime="{date.isoformat()}">{escape(textfmt.format_long_date(date, self.lang))}</time>')
        return Markup(escape(self.say(key, date="\ue004"))).replace("\ue004", day)

    # "From Monday, 1 March 2027: <what>", the date as a <time> element; `what` is escaped here.
    def _from(self, date: dt.date, what: str) -> Markup:
        day = Markup(f'<time datetime="{date.isoformat()}">{escape(textfmt.format_long_date(date, self.lang))}</time>')
        return Markup(escape(self.say("changes.from", date="\ue004", what=what))).replace("\ue004", day)

    # Weekly hours that stay true whatever the day until the next build: those in force on the
    # build date, then each announced change of them, each bounded by its dates ("Monday to
    # Friday 08:00–18:00 (until Sunday, 21 March 2027), Monday to Thursday 09:00–17:00 (from
    # Monday, 22 March 2027)"). What no longer applies is in a span data-support-until (its last
    # day, in data-zone) that support-widget.js hides from the next day on.
    def _dated_weekly(self, owner, short: bool = False, every_day: bool = False) -> Markup:
        def words(hours) -> str:
            rows = textfmt.weekly_rows(hours, self.lang)
            if every_day and len(set(hours.weekly)) == 1 and len(rows) == 1:
                # The same hours every day: "every day 08:00–20:00" within the sentence
                rows = [(self.say("channels.every_day"), rows[0][1])]
            return textfmt.days_and_hours(rows, self.lang, short=short) or textfmt.phrase(self.lang, "hours.closed")

        changes = dated.announced(owner.changes, self.today, self.policy.announce_days)
        texts = [words(dated.as_on(owner, self.today))] + [words(c) for c in changes]
        if not changes:
            return _literal(texts[0])

        def until(last: dt.date, inner) -> Markup:
            return Markup(f'<span data-support-until="{last.isoformat()}" data-zone="{escape(owner.zone)}">{inner}</span>')

        def day(date: dt.date) -> str:
            return textfmt.format_long_date(date, self.lang)

        # "A until Sunday, 21 March 2027, then from Monday, 22 March 2027: B": each set of hours
        # with its dates before the next begins (a date after a list of days would read as the last
        # day's only).
        parts = []
        for k, text in enumerate(texts):
            piece = _literal(text)
            if k > 0:
                start = changes[k - 1].start
                piece = until(start - dt.timedelta(days=1), _literal(self.say("changes.then_from", date=day(start)) + " ")) + piece
            if k < len(changes):
                last = changes[k].start - dt.timedelta(days=1)
                piece = until(last, piece + _literal(" " + self.say("changes.then_until", date=day(last)) + " "))
            parts.append(piece)
        return Markup("").join(parts)

    # The channels the pages list: offered on the build date, or announced (starting within the
    # announcement window); a retired one is gone.
    def _channels(self) -> list:
        return [c for c in self.policy.channels if dated.shown(c, self.today, self.policy.announce_days)]

    # " (from Monday, 11 January 2027)" / " (until Wednesday, 30 June 2027)" for a channel whose
    # first or last day lies within the announcement window.
    def _channel_dates(self, channel) -> Markup:
        ahead = self.today + dt.timedelta(days=self.policy.announce_days)
        first, last = channel.available_from, channel.available_until
        notes = []
        for key, date in (("changes.channel_from", first if first and self.today < first <= ahead else None),
                          ("changes.channel_until", last if last and self.today <= last <= ahead else None)):
            if date is not None:
                day = Markup(f'<time datetime="{date.isoformat()}">{escape(textfmt.format_long_date(date, self.lang))}</time>')
                notes.append(Markup(escape(self.say(key, date="\ue004"))).replace("\ue004", day))
        return Markup("").join(Markup(f' <span class="support-change">{n}</span>') for n in notes)

    # A target in force on the build date, with the announced changes of it after it; when one
    # comes, the target in force says until when ("4 business hours (until Sunday, 21 March 2027)").
    def _target_cell(self, priority, index: int, words) -> Markup:
        current = dated.targets_on(priority, self.today)[index]
        out, changes = escape(words(current)), Markup("")
        shown, until = current, None
        for change in dated.announced(priority.changes, self.today, self.policy.announce_days):
            target = (change.first_response, change.update_interval)[index]
            if target != shown:
                until = until or change.start - dt.timedelta(days=1)
                changes += Markup(f'<br><span class="support-change" data-change="{change.start.isoformat()}" '
                                  f'data-target="{escape(words(target))}">{self._from(change.start, words(target))}</span>')
            shown = target
        if until:
            out += Markup(f' <span class="support-until">{self._until(until, "changes.until")}</span>')
        return out + changes

    # "Support is closed on public holidays: Munich, Germany." where every region keeps one
    # calendar, else each group of regions with its own: "...: EMEA and USA: Munich, Germany;
    # APAC: Singapore." A calendar's name stands alone, so it never has to fit the sentence's grammar.
    def holiday_rule(self) -> str:
        regions = self.policy.regions
        if not any(r.calendar for r in regions):
            return self.say("holidays.none")
        groups: dict = {}  # calendar id (None: open on public holidays) -> regions, in order
        for region in regions:
            groups.setdefault(region.calendar, []).append(region)
        if len(groups) == 1:
            return self.say("holidays.rule", calendars=self.t(self.policy.calendar(regions[0].calendar).name))
        parts = [self.say("holidays.calendar_for", regions=self._region_names(members),
                          calendar=self.t(self.policy.calendar(calendar).name)) if calendar else
                 self.say("holidays.calendar_none", regions=self._region_names(members))
                 for calendar, members in groups.items()]
        return self.say("holidays.rule", calendars=self.say("list.separator").join(parts))

    def communication(self) -> str:
        written = all(c.written for c in self._channels())
        return self.say("channels.written" if written else "channels.mixed")

    # "There are three ways to contact us:" with the number taken from the list that follows.
    def channels_intro(self) -> str:
        n = len(self._channels())
        return self.say("channels.intro", n, count=textfmt.count_word(n, self.lang))

    # Each channel with its address, who it is for and when it is staffed, in words that stay true
    # until the next build: hours, never "now". In the empty line under a channel with hours the
    # live status script writes "Staffed now, until 20:00 CET" and keeps it current.
    def channels_list(self) -> Markup:
        items = []
        for ch in self._channels():
            desc = f" – {escape(self.t(ch.description))}" if ch.description else ""
            facts = Markup(" ").join(escape(fact) for fact in self._channel_facts(ch))
            live = '<span class="support-channel__live" hidden></span>' if self._has_live_line(ch) else ""
            # "Email: support@...", the name in bold and the address a link, as the catalog words it.
            line = str(escape(self.say("channels.address", name="\x00name\x00", address="\x00address\x00")))
            line = line.replace("\x00name\x00", f"<strong>{escape(self.t(ch.name))}</strong>").replace(
                "\x00address\x00", f'<a href="{escape(ch.href)}">{escape(policy_text(ch.address))}</a>')
            items.append(f'<li data-channel="{escape(ch.id)}">{line}{desc}{self._channel_dates(ch)}'
                         f'<span class="support-channel__hours">{facts}</span>{live}</li>')
        live = " data-support-channels" if any(self._has_live_line(ch) for ch in self._channels()) else ""
        return Markup(f'<ul class="support-channels"{live}>\n' + "\n".join(items) + "\n</ul>\n")

    # A channel whose state changes with the day: hours of its own, a first or last day, or a
    # notice that concerns it (shown on its line while in effect).
    def _has_live_line(self, ch) -> bool:
        return bool(ch.schedule or ch.available_from or ch.available_until
                    or any(ch.id in n.channels for n in self.policy.notices))

    # "For Critical incidents only.", then "Staffed Monday to Friday 08:00–20:00 CET/CEST (Berlin
    # time).", the holidays it is not staffed on and whether requests are taken outside the hours.
    def _channel_facts(self, ch) -> list[str]:
        say, facts = self.say, []
        if ch.priorities is not None:
            names = {p.id: self.say("priorities.name_in_text", name=self.t(p.name)) for p in self.policy.priorities}
            facts.append(say("channels.only", priorities=textfmt.join_words([names[p] for p in ch.priorities], self.lang)))
        schedule = dated.as_on(ch.schedule, self.today) if ch.schedule else None
        if schedule is None:
            return [*facts, say("channels.any_time" if ch.written else "channels.around_the_clock")]
        hours = self._dated_weekly(ch.schedule, every_day=True)
        zone = textfmt.zone_label(schedule.zone, self.lang, *self._years())
        always = all(day == (Interval(0, MINUTES_PER_DAY),) for day in schedule.weekly)
        if schedule.region:
            facts.append(self._with_markup(say("channels.region_hours", region=self.t(self.policy.region(schedule.region).name),
                                               hours="\ue004", zone=zone), hours))
        elif always:
            facts.append(say("channels.hours_always", zone=zone))
        else:
            facts.append(self._with_markup(say("channels.hours", hours="\ue004", zone=zone), hours))
        if schedule.calendar:
            facts.append(say("channels.holidays", calendar=self.t(self.policy.calendar(schedule.calendar).name)))
        facts += self._channel_closures(ch)
        if ch.outside_hours == "accepted":
            facts.append(say("channels.accepted"))
        return facts

    # The closures of a channel with hours in the year from the build date on (public holidays are
    # named by their calendar): "Not staffed on Christmas Eve (24 December 2026)." and "Other hours
    # on New Year's Eve (31 December 2026): see the holiday calendar." A channel keeping a region's
    # hours has that region's closures, those of every region and those naming the channel.
    def _channel_closures(self, ch) -> list[str]:
        end = self.today + dt.timedelta(days=365)
        runs: dict = {}
        for day in self.policy.channel_overrides[ch.id]:
            if day.kind == "holiday" or not (self.today <= day.date < end) or not ch.offered(day.date):
                continue
            key = (bool(day.hours), day.name)
            dates = runs.setdefault(key, [])
            if dates and dates[-1][1] + dt.timedelta(days=1) == day.date:
                dates[-1][1] = day.date
            else:
                dates.append([day.date, day.date])
        out = []
        for special, key in ((False, "channels.closed_on"), (True, "channels.special_on")):
            names = []
            for (has_hours, name), dates in runs.items():
                if has_hours != special:
                    continue
                for first, last in dates:
                    # With the weekday, as every date of the pages: "Christmas Eve (Friday, 24 December 2027)".
                    when = textfmt.format_long_date(first, self.lang)
                    if last != first:
                        when = self.say("days.range", first=when, last=textfmt.format_long_date(last, self.lang))
                    names.append(self.say("channels.closure_day", name=self.t(name), date=when))
            if names:
                out.append(self.say(key, days=textfmt.join_words(names, self.lang)))
        return out

    # A text escaped for HTML and Markdown (as every fact a page shows), with the markup `inner`
    # where it has \ue004.
    @staticmethod
    def _with_markup(text: str, inner: Markup) -> Markup:
        return _literal(text).replace("\ue004", inner)

    def _target(self, target) -> str:
        return textfmt.duration_words(target.minutes, target.business, self.policy.business_day_minutes, self.lang)

    # On a phone each row is a block of its own (portal.css), each cell under its column's name:
    # data-label, the header's words (the stylesheet shows them; screen readers take the header).
    def priority_table(self) -> Markup:
        say = self.say
        columns = ("priority", "definition", "examples", "first_response", "coverage", "updates")
        label = {k: f' data-label="{escape(plain_text(self.words("priorities." + k)))}"' for k in columns}
        rows = []
        for p in self.policy.priorities:
            examples = "".join(f"<li>{escape(self.t(e))}</li>" for e in p.examples)
            first = dated.targets_on(p, self.today)[0]
            updates = self._target_cell(p, 1, lambda t: textfmt.every_words(
                t.minutes, t.business, self.policy.business_day_minutes, self.lang) if t else say("priorities.updates_none"))
            coverage = self._coverage(p)
            rows.append(
                f'<tr data-priority="{escape(p.id)}"><th scope="row">{escape(self.t(p.name))}</th>'
                f'<td{label["definition"]}>{escape(self.t(p.definition))}</td><td{label["examples"]}><ul>{examples}</ul></td>'
                f'<td{label["first_response"]} data-minutes="{first.minutes}">{self._target_cell(p, 0, self._target)}</td>'
                f'<td{label["coverage"]}>{coverage}</td><td{label["updates"]}>{updates}</td></tr>'
            )
        head = "".join(f'<th scope="col">{escape(say("priorities." + k))}</th>' for k in columns)
        return Markup(
            f'<div class="support-priorities" data-support-targets>\n<table>\n<caption>{escape(say("priorities.caption"))}</caption>\n'
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</div>\n"
        )

    # "in business hours", "around the clock"; for a priority answered via a channel, the channel
    # too, and where the target counts the channel's own hours, that instead of the region's, with
    # the channel's dates: from its first day, before which the region's business hours count
    # ("(from Wednesday, 17 March 2027; until then in business hours)", hidden by the page's script
    # from that day on in the channel's zone), and until its last day, after which they count
    # again ("(until Wednesday, 30 June 2027; then in business hours)", true on every day). A
    # channel whose last day is past is not named: the priority counts business hours, as the
    # calculator does. From the day after a channel's last day in its zone the page's script shows
    # the cell as a build of that day words it: the channel's words are in a span data-support-until,
    # the coverage alone in one data-support-from (hidden until then; the space inside keeps the
    # two apart where hidden words are read too, as in the search's index). Escaped here.
    def _coverage(self, p) -> Markup:
        coverage = self.say("priorities.around_the_clock" if p.around_the_clock else "priorities.business_hours")
        channel = self._via(p)
        if channel is None:
            return escape(coverage)
        name = self.say("channels.name_in_text", name=self.t(channel.name))
        if not (channel.schedule and not p.around_the_clock):
            via = escape(self.say("priorities.via", coverage=coverage, channel=name)) + \
                self._channel_span(channel, "changes.channel_from", "changes.channel_until")
        else:
            via = escape(self.say("priorities.via_hours", channel=name)) + self._channel_span(channel)
        last = channel.available_until
        if last is None:
            return via
        zone = escape(dated.channel_zone(self.policy, channel))
        return Markup(f'<span data-support-until="{last.isoformat()}" data-zone="{zone}">{via}</span>'
                      f'<span data-support-from="{(last + dt.timedelta(days=1)).isoformat()}" data-zone="{zone}" hidden>'
                      f' {escape(coverage)}</span>')

    # The channel a priority is answered via, unless there is none or its last day is past.
    def _via(self, p):
        channel = self.policy.channel(p.via) if p.via else None
        if channel is None or (channel.available_until is not None and channel.available_until < self.today):
            return None
        return channel

    # " (from Wednesday, 17 March 2027; until then in business hours)" for a channel not offered
    # yet on the build date, in a span the page's script hides from its first day on; " (until
    # Wednesday, 30 June 2027; then in business hours)" for one with a last day; else "". A channel
    # whose hours the target does not count on: " (from ...)", " (until ...)" (`first`, `last`).
    def _channel_span(self, channel, first_key="priorities.via_from", last_key="priorities.via_until") -> Markup:
        out = Markup("")
        first, last = channel.available_from, channel.available_until
        if first is not None and first > self.today:
            # The space inside: once the script hides the words, the sentence's '.' follows the hours.
            out += Markup(f'<span data-support-until="{(first - dt.timedelta(days=1)).isoformat()}" '
                          f'data-zone="{escape(dated.channel_zone(self.policy, channel))}">'
                          f' {self._until(first, first_key)}</span>')
        if last is not None:
            out += Markup(" ") + self._until(last, last_key)
        return out

    def business_hours_rule(self) -> Markup:
        separator = _literal(self.say("list.separator"))
        days = separator.join(self._weekly_words(r.name, r) for r in self.policy.regions)
        hours = self.policy.business_day_minutes / 60
        rule = self._with_markup(self.say("priorities.business_rule", days="\ue004", day=f"{hours:g}"), days)
        via = [self._via(p) for p in self.policy.priorities if not p.around_the_clock]
        via = [ch for ch in dict.fromkeys(via) if ch is not None and ch.schedule]
        if via:
            rule += self._channel_rule(via, separator)
        return rule

    # " Priorities answered via a channel ... instead: Hotline: ...; Chat: ... (until ...; then in
    # business hours)." Where a channel has a last day, each channel is in a span and each
    # separator in its own; the one with a last day says it (data-until, in data-zone): from the
    # next day on the page's script removes it with a separator and, once none is left, the
    # sentence (data-support-via, the space before it included), as a build of that day words the
    # rule (support-pages.js: viaChannels). Read without the script, the rule is true as built.
    def _channel_rule(self, via, separator: Markup) -> Markup:
        words = [self._weekly_words(ch.name, ch.schedule) + self._channel_span(ch) for ch in via]
        ending = any(ch.available_until is not None for ch in via)
        if ending:
            words = [Markup("<span data-via-channel{}>{}</span>").format(Markup(
                f' data-until="{ch.available_until.isoformat()}" data-zone="{escape(dated.channel_zone(self.policy, ch))}"'
                if ch.available_until else ""), w) for ch, w in zip(via, words)]
            separator = Markup("<span data-via-separator>{}</span>").format(separator)
        sentence = Markup(" ") + self._with_markup(self.say("priorities.channel_rule", channels="\ue004"), separator.join(words))
        return Markup("<span data-support-via>{}</span>").format(sentence) if ending else sentence

    # "EMEA: Monday to Friday 10:00–18:00 CET/CEST": a region's or a channel's weekly hours.
    # Hours in force on the build date and the announced changes, each with its dates.
    # While a change is announced the zone comes first: "EMEA (CET/CEST): ... until ..., then from ...: ...".
    def _weekly_words(self, name, schedule) -> Markup:
        changing = dated.announced(schedule.changes, self.today, self.policy.announce_days)
        return self._with_markup(self.say("hours.labelled_dated" if changing else "hours.labelled", name=self.t(name), hours="\ue004",
                                          zone=textfmt.zone_abbreviations(schedule.zone, self.lang, *self._years())),
                                 self._dated_weekly(schedule, short=True))

    def _list(self, items, tag="ul", cls="") -> Markup:
        inner = "\n".join(f"<li>{escape(self.t(i))}</li>" for i in items)
        return Markup(f'<{tag} class="{cls}">\n{inner}\n</{tag}>\n')

    def resolution_steps(self) -> Markup:
        return self._list(self.policy.resolution_steps, "ol", "support-steps")

    def customer_duties(self) -> Markup:
        return self._list(self.policy.customer_duties, "ul", "support-duties")

    def maintenance_list(self) -> Markup:
        return self._list(self.policy.maintenance_included, "ul", "support-maintenance")

    def warranty_list(self) -> Markup:
        return self._list(self.policy.warranty, "ul", "support-warranty")

    def enhancements_answer(self) -> str:
        yes_no = self.say("maintenance.enhancements_yes" if self.policy.enhancements_included
                          else "maintenance.enhancements_no")
        return f"{yes_no} {self.t(self.policy.enhancements_answer)}"

    # Empty containers the status script fills; without JavaScript the hours table stands alone.
    # The live status container, holding each region's weekly hours until the script replaces
    # them with the live state: readers without JavaScript get the hours, and the page does not
    # jump when the live rows arrive.
    def status_widget(self) -> Markup:
        rows = []
        for region in self.policy.regions:
            hours = textfmt.days_and_hours(textfmt.weekly_rows(dated.as_on(region, self.today), self.lang), self.lang)
            zone = textfmt.zone_abbreviations(region.zone, self.lang, *self._years())
            last = self._last_day(region.changes)
            if last:  # placeholder hours that change soon say until when
                zone += " " + self.say("changes.until", date=textfmt.format_long_date(last, self.lang))
            rows.append(f'<li class="support-status__region" data-support-placeholder="{escape(region.id)}">'
                        f'<span class="support-status__name">{escape(self.t(region.name))}</span>'
                        f'<span class="support-status__detail">{escape(hours)} {escape(zone)}</span></li>')
        # Without JavaScript the lines are the weekly hours, and say so (the script replaces them).
        return Markup('<div class="support-status" data-support-status>\n<ul class="support-status__list">\n'
                      + "\n".join(rows) + f"\n</ul>\n<noscript><p>{escape(self.say('status.noscript'))}</p></noscript>\n</div>\n")

    # Filled by portal.js when the reader's browser prefers another edition's language.
    def language_hint(self) -> Markup:
        if len(self.policy.languages) < 2:
            return Markup("")
        return Markup('<div class="support-language-hint" data-support-language-hint hidden></div>\n')

    # Shown by the script; without it, where the priorities table has the answer.
    def calculator(self) -> Markup:
        return Markup('<div class="support-calculator" data-support-calculator hidden></div>\n'
                      f"<noscript><p>{escape(self.say('calculator.noscript'))}</p></noscript>\n")

    # Every closure and day of special hours within the horizon, one table per year. The first
    # closure from the build date on (a day closed all day: special hours are none) is marked by a
    # label in its rows, not by colour alone (<mark> adds the theme's): "First closure from 21
    # December 2026:", true on any later day; support-widget.js moves the mark to the next closure
    # of the reader's day and labels it "Next closure:", or "Today's closure:" once its day has
    # begun in a region or channel it closes (rows name their regions, channels and kind for that).
    def holiday_calendar(self) -> Markup:
        say, lang = self.say, self.lang
        first, last = self.policy.horizon
        # The build's year on: built on 1 January, the horizon's year before is for the live parts
        # (it is still 31 December west of UTC), not a year of the page.
        first = max(first, dt.date(self.today.year, 1, 1))
        days = [d for d in closures.closure_days(self.policy, every_channel=True) if d.date >= first]
        upcoming = next((d.date for d in days if d.date >= self.today and not d.hours), None)

        # "Closed", "Open 10:00–14:00 CET", or for regions in several zones
        # "Open 10:00–14:00 local time (EMEA: CET, USA: EST)".
        def support(day) -> str:
            if not day.hours:
                return say("calendar.closed")
            hours = textfmt.format_intervals(day.hours, lang)
            places = [(r.name, r.zone) for r in day.regions] + [(c.name, c.schedule.zone) for c in day.channels]
            zones = {zone: textfmt.zone_abbreviation(zone, day.date, lang) for _, zone in places}
            if len(zones) == 1:
                return say("calendar.special", hours=hours, zone=next(iter(zones.values())))
            return say("calendar.special_zones", hours=hours, zones=say("list.short_separator").join(
                say("calendar.zone_of", region=self.t(name), zone=zones[zone]) for name, zone in places))

        horizon = say("calendar.horizon", first=textfmt.format_long_date(first, lang, weekday=False),
                      last=textfmt.format_long_date(last, lang, weekday=False))
        first_label = say("calendar.first_closure", date=textfmt.format_long_date(self.today, lang, weekday=False))
        out = [f'<p class="support-calendar-horizon">{escape(horizon)}</p>\n']
        for year in range(first.year, last.year + 1):
            rows = []
            for day in (d for d in days if d.date.year == year):
                is_next = day.date == upcoming and not day.hours
                lead = f'<strong class="support-next__label">{escape(first_label)}</strong> ' if is_next else ""
                mark = ' class="support-next"' if is_next else ""
                name = mark_languages(escape(policy_text(closures.display_name(
                    day.name, lang, self.policy.languages[0], _fallback_marked, _language_marked))))
                name = Markup(f"<mark>{name}</mark>") if is_next else name
                channels = f' data-channels="{escape(" ".join(c.id for c in day.channels))}"' if day.channels else ""
                rows.append(
                    f'<tr{mark} data-date="{day.date.isoformat()}" '
                    f'data-kind="{day.kind}" data-regions="{escape(" ".join(r.id for r in day.regions))}"{channels}>'
                    f'<td><time datetime="{day.date.isoformat()}">'
                    f"{escape(textfmt.format_long_date(day.date, lang))}</time></td>"
                    f"<td>{lead}{name}</td>"
                    f"<td>{escape(support(day))}</td><td>{escape(self._where(day))}</td></tr>"
                )
            if not rows:
                out.append(f'<div class="support-calendar" data-year="{year}">\n'
                           f'<p>{escape(say("calendar.no_closures", year=year))}</p>\n</div>\n')
                continue
            head = "".join(f'<th scope="col">{escape(say("calendar." + k))}</th>'
                           for k in ("date", "closure", "support", "regions"))
            out.append(
                f'<div class="support-calendar" data-year="{year}" data-support-calendar>\n<table>\n'
                f'<caption>{escape(say("calendar.caption", year=year))}</caption>\n'
                f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</div>\n"
            )
        return Markup("\n".join(out))

    # The sentence on the coming closures. A page is read for a week and more after the build, so
    # it states dated facts that stay true ("Closures from 21 December 2026: ..."); in the browser
    # support-widget.js replaces the text in place with the next closure of the reader's own day.
    def next_closure(self) -> Markup:
        return Markup('<span class="support-next-closure" data-support-next-closure>'
                      f"{mark_languages(_literal(self._dated_closures()))}</span>")

    # "Closures from 21 December 2026: Christmas Eve (Heiligabend), Thursday, 24 December 2026; ...":
    # the first UPCOMING_CLOSURES closures from the build date on, a closure of consecutive dates
    # counting once (_closure_starts). A closure closes all day: special hours are none for the
    # regions that keep them (the calendar lists them).
    def _dated_closures(self) -> str:
        days = [d for d in closures.closure_days(self.policy) if d.date >= self.today and not d.hours]
        starts = self._closure_starts(days, UPCOMING_CLOSURES)
        first = textfmt.format_long_date(self.today, self.lang, weekday=False)
        if not starts:
            return self.say("calendar.upcoming_none", first=first,
                            last=textfmt.format_long_date(self.policy.horizon[1], self.lang, weekday=False))
        return self.say("calendar.upcoming", first=first,
                        closures=self.say("list.separator").join(self._closure_words(date, days) for date in starts))

    # The first date of each of the first `count` closures of `days`, in date order: a date begins
    # one unless the closure named on the day before goes on (_last_date).
    def _closure_starts(self, days, count: int) -> list:
        starts, last = [], None
        for date in dict.fromkeys(d.date for d in days):
            if len(starts) == count:
                break
            if last is None or date > last:
                starts.append(date)
                last = self._last_date(date, days)
        return starts

    # The last of the consecutive dates from `date` on that close for one closure alone: the same
    # name shown, the same regions and channels ("Company offsite" from 14 to 16 June 2027). A date
    # with closures of different names is one of its own, as is a date whose closure has other
    # regions (the same name for the USA alone on the day after).
    def _last_date(self, date, days) -> dt.date:
        last, one = date, self._one_closure(date, days)
        while one is not None and self._one_closure(last + dt.timedelta(days=1), days) == one:
            last += dt.timedelta(days=1)
        return last

    # The one closure of `date` as (name shown, region ids, channel ids); None when it has several or none.
    def _one_closure(self, date, days):
        named = self._named_closures(date, days)
        if len(named) != 1:
            return None
        [(name, (regions, channels))] = named.items()
        return name, frozenset(r.id for r in regions), frozenset(c.id for c in channels)

    # The closures of `date` by the name shown: the regions and channels of every row of the date
    # with that name.
    def _named_closures(self, date, days) -> dict:
        named: dict = {}
        for day in (d for d in days if d.date == date):
            name = closures.display_name(day.name, self.lang, self.policy.languages[0], _fallback_marked, _language_marked)
            regions, channels = named.setdefault(name, ([], []))
            regions.extend(day.regions)
            channels.extend(day.channels)
        return named

    # "Christmas Eve (Heiligabend), Thursday, 24 December 2026", with the regions when it does not
    # apply to all; "Company offsite, Monday, 14 June 2027 to Wednesday, 16 June 2027" for the
    # closure that goes on after `date` (_last_date). It is about the date: every region `days`
    # closes that day (special hours left out by the caller), whichever calendar or closure it
    # comes from; closures of different names on the date are each named with their regions
    # ("Friday, 25 December 2026: Christmas Day (Erster Weihnachtstag) for EMEA and USA; Christmas
    # Day (Weihnachten) for APAC").
    def _closure_words(self, date, days) -> str:
        named = self._named_closures(date, days)
        when = textfmt.format_long_date(date, self.lang)
        if len(named) > 1:
            each = [self.say("calendar.next_for", name=policy_text(name), regions=self._whom(regions, channels))
                    for name, (regions, channels) in named.items()]
            return self.say("calendar.next_several", date=when, closures=self.say("list.separator").join(each))
        [(name, (regions, channels))] = named.items()
        last = self._last_date(date, days)
        if last == date:
            text = self.say("calendar.name_date", name=policy_text(name), date=when)
        else:
            text = self.say("calendar.name_dates", name=policy_text(name), first=when,
                            last=textfmt.format_long_date(last, self.lang))
        if len(regions) < len(self.policy.regions) or channels:
            text = self.say("calendar.next_where", text=text, regions=self._whom(regions, channels))
        return text

    # Whom a calendar row applies to: "All regions", "EMEA and USA", "USA and Chat channel".
    def _where(self, day) -> str:
        return self._whom(day.regions, day.channels)

    def _whom(self, regions, channels) -> str:
        regions = list({r.id: r for r in regions}.values())
        channels = list({c.id: c for c in channels}.values())
        if len(regions) == len(self.policy.regions):
            names = [self.say("calendar.all_regions")]
        else:
            order = {region.id: i for i, region in enumerate(self.policy.regions)}
            names = [self.t(r.name) for r in sorted(regions, key=lambda r: order[r.id])]
        names += [self.say("calendar.channel", channel=self.say("channels.name_in_text", name=self.t(c.name)))
                  for c in channels]
        return textfmt.join_words(names, self.lang)


    # One calendar per region beside the calendar of all regions: a subscription link and the file.
    def region_calendars(self) -> Markup:
        host = self.policy.site_url.split("://", 1)[1] + self.prefix
        items = []
        for region in self.policy.regions:
            file = ics.calendar_file(region.id)
            label = self.say("calendar.region_subscribe", region=self.t(region.name))
            # The file by its full address: a page's own links are relative to its folder (/holidays/).
            url = self.policy.site_url + self.prefix + file
            items.append(f'<li data-region="{escape(region.id)}"><a href="{escape("webcal://" + host + file)}">'
                         f'{escape(label)}</a> (<a href="{escape(url)}" download="{escape(file)}">{escape(file)}</a>)</li>')
        return Markup('<ul class="support-region-calendars">\n' + "\n".join(items) + "\n</ul>\n")

    # The embedding guide's code (content/embed.md), written for this portal so that what a reader
    # copies works: the widget's script at the site's address (one script for every edition: it
    # follows the embedding page's language), ids this policy has, a link into this edition.
    def embed_snippet(self) -> Markup:
        script = self.policy.site_url + "assets/javascripts/support-widget.min.js"
        return _code([f'<script type="module" src="{script}"></script>', "<div data-support-status></div>"], copy=True)

    # Showing some regions: the first two of the policy (its only one, on a portal of one region).
    def embed_regions_example(self) -> Markup:
        return _code([f'<div data-support-status data-regions="{self._example_regions()}"></div>'])

    def _example_regions(self) -> str:
        return " ".join(r.id for r in self.policy.regions[:2])

    # Showing a channel, alone and with regions: one the contact page lists, preferably one with
    # hours of its own (a hotline) that is offered on the build date; without any, a sentence
    # saying so instead of an id the portal does not have.
    def embed_channels_example(self) -> Markup:
        channels = sorted(self._channels(), key=lambda c: (c.around_the_clock, not c.offered(self.today)))
        if not channels:
            words = escape(self.say("embed.no_channels", attribute="\ue004"))
            return Markup(f"<p>{words}</p>\n").replace("\ue004", Markup("<code>data-channels</code>"))
        channel = channels[0].id
        return _code([f'<div data-support-status data-channels="{channel}"></div>',
                      f'<div data-support-status data-channels="{channel}" data-regions="{self._example_regions()}"></div>'])

    # A fallback link inside the element, to this edition's hours page.
    def embed_fallback_example(self) -> Markup:
        return _code([str(self.embed_live_example()).rstrip("\n")])

    # The guide's own live example, as the guide advises: the fallback snippet above, running (a link
    # to this edition's hours page inside the element, which readers without JavaScript see).
    def embed_live_example(self) -> Markup:
        url = self.policy.site_url + self.prefix + "hours/"
        return Markup(f'<div data-support-status><a href="{escape(url)}">{escape(self.say("embed.fallback_link"))}</a></div>\n')

    # The build's instant: notices are shown in their state at the instant the site was built, with
    # that instant said in the notice's zone ("Status on Friday, 27 November 2026, 15:05 CET:
    # planned"); the browser then shows the live state.
    def _built(self) -> dt.datetime:
        self.instant_read = True
        return self.policy.build_instant

    def _notice_words(self, notice) -> dict:
        built = self._built()
        state = notice.state(built)
        as_of = self.say("notices.as_of", date=textfmt.notice_moment(built, notice.zone, self.lang),
                         state=self.say(NOTICE_STATES.get(state, NOTICE_STATES["planned"])))
        return {"id": notice.id, "kind": notice.kind, "state": state, "icon": NOTICE_ICONS[notice.kind],
                "kind_label": self.say("notices.kind", kind=self.say(NOTICE_KINDS[notice.kind])),
                "title": self.t(notice.title),
                "window": textfmt.notice_window(notice, self.lang), "as_of": as_of,
                "hidden": state not in ("planned", "active")}

    # The banner of every page (overrides/main.html): each notice not over at the build date, shown
    # when it is planned or active then; the browser shows and hides each at its exact instant.
    def notice_banner(self) -> dict | None:
        built = self._built()
        items = [self._notice_words(n) for n in self.policy.notices if n.end is None or n.end > built]
        if not items:
            return None
        return {"label": self._banner_text(self.say("notices.banner")), "more": self._banner_text(self.say("notices.more")),
                "items": [{k: self._banner_text(v) if isinstance(v, str) else v for k, v in item.items()} for item in items]}

    # A text of the banner, which the theme writes outside the page's content: escaped once, a word
    # of the first language marked as untranslated as on the page, the policy texts' marks gone.
    def _banner_text(self, text: str) -> Markup:
        marked = mark_fallbacks(str(escape(text)), self.policy.languages[0], self.words("untranslated"))
        return Markup(strip_policy_markers(marked))

    # Every notice still listed: planned, active and ended, each in its state at the build date,
    # each a heading of `level` (one below the page's section heading "Notices": 3).
    def notices_list(self, level: int = 3) -> Markup:
        try:
            level = min(max(int(level), 2), 6)
        except (TypeError, ValueError):
            level = 3
        out = []
        for notice in self.policy.notices:
            words = self._notice_words(notice)
            hidden = " hidden" if words["state"] in ("pending", "expired") else ""
            where = [self.say("notices.regions", regions=textfmt.join_words(
                [self.t(self.policy.region(r).name) for r in notice.regions], self.lang))]
            if notice.channels:
                where.append(self.say("notices.channels", channels=textfmt.join_words(
                    [self.t(self.policy.channel(c).name) for c in notice.channels], self.lang)))
            out.append(
                f'<section class="support-notice" id="notice-{escape(notice.id)}" data-notice="{escape(notice.id)}" '
                f'data-kind="{notice.kind}" data-state="{words["state"]}"{hidden}>\n'
                f'<h{level}><span class="support-notice__icon" aria-hidden="true">{words["icon"]}</span> '
                f'<span class="support-notice__kind">{escape(words["kind_label"])}</span> {escape(self.t(notice.title))}</h{level}>\n'
                f'<p class="support-notice__state">{escape(words["as_of"])}</p>\n'
                f'<p class="support-notice__when">{escape(words["window"])}</p>\n'
                f"<p>{escape(self.t(notice.text))}</p>\n"
                f'<p class="support-notice__where">{escape(" · ".join(where))}</p>\n</section>')
        shown = any(n.state(self._built()) not in ("pending", "expired") for n in self.policy.notices)
        none = f'<p class="support-notice-list__none" data-support-notices-none{" hidden" if shown else ""}>' \
               f'{escape(self.say("notices.none"))}</p>'
        return Markup('<div class="support-notice-list" data-support-notice-list>\n' + none + "\n"
                      + "\n".join(out) + "\n</div>\n")


# States a notice is listed in, and the icon of each kind: decorative (aria-hidden), since the
# kind is always written out too.
NOTICE_STATES = {"planned": "notices.state_planned", "active": "notices.state_active", "ended": "notices.state_ended"}
NOTICE_ICONS = {"information": "i", "reduced_service": "!", "disruption": "\u2715"}


# What must never reach a reader: unrendered placeholders, CMS shortcodes, error strings, and what
# scripts print for a missing value where a value belongs: alone ("undefined" in a table cell),
# after a label ("Next closure: undefined") or in a range ("10:00–undefined"). "undefined" in a
# sentence is English ("Fields that are undefined are omitted").
FORBIDDEN = (
    *parsing.ARTIFACTS,
    # "{ hours_table() }": a fact called with single braces, which the page shows as written.
    (re.compile(r"\{\s*[A-Za-z_]\w*\([^{}()]*\)\s*\}"), "a fact written with single braces"),
    (re.compile(r"Traceback \(most recent call last\)"), "an error message"),
    (re.compile(r"\bNaN\b|\[object Object\]|(?:^|[:=(–-]\s*)(?i:undefined|null)\s*(?:$|[,;)–-])"
                r"|(?i:undefined|null)\s*[–-]\s*\d"), "a missing value"),
)
# An error message where a block of text begins ("Fatal error: ...", "Error get alias"); in a
# heading ("Error codes") it is a title.
ERROR_START = (re.compile(r"^\s*(?:Error\b|Fatal error|Parse error|Warning:|Notice:|Exception\b)[^.]*$", re.M),
               "an error message")

_FIXES = {
    "an unrendered template placeholder": ("write a fact as {{ company }} or {{ hours_table() }}; to show braces "
                                           "as text, put them in a code span: `{{ name }}`"),
    "an unrendered CMS shortcode": ("delete it: the policy's tables and lists come from facts such as "
                                    "{{ priority_table() }}"),
    "a fact written with single braces": ("write it with two braces on each side: {{ hours_table() }}; to show "
                                          "braces as text, put them in a code span"),
    "an error message": "delete the error text from the page",
    "a missing value": ("write the value itself, or a fact such as {{ channel_count }} (the word 'undefined' "
                        "within a sentence is fine)"),
}
_FIX_NOT_IN_PAGE = "the text is not in the page's source but comes from a fact: " + _FIX_PORTAL


class _TextCollector(HTMLParser):
    SKIP = {"code", "pre", "script", "style", "kbd", "samp"}
    HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = self.heading = 0
        self.blocks: list[tuple[str, bool]] = []  # (text, in a heading)

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.depth += 1
        if tag in self.HEADINGS:
            self.heading += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.depth:
            self.depth -= 1
        if tag in self.HEADINGS and self.heading:
            self.heading -= 1

    def handle_data(self, data):
        if not self.depth and data.strip():
            self.blocks.append((data.strip(), bool(self.heading)))


# What every finding contains (the start of each pattern above), looked for in the whole page
# with its character references resolved (tags, comments and code included, so never less than
# the text the parse below reads, and in one pass): a page without any of these has no finding,
# and its text need not be parsed into blocks.
_TRIGGERS = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}|\{\s*[A-Za-z_]\w*\(|\[[/a-z]|Traceback|NaN|(?i:undefined|null)"
                       r"|Error|Fatal error|Parse error|Warning:|Notice:|Exception")


# The problems of one rendered page, as (what, excerpt, the block of text it is in).
def _findings(html: str) -> list[tuple[str, str, str]]:
    html = _POLICY.sub(" ", html)
    if not _TRIGGERS.search(htmllib.unescape(html)):
        return []
    # A page the same to the byte as one checked before has the same findings (kept between
    # builds, cache.py: a page with code samples is read once per content, not every build).
    key = ("page-findings", hashlib.sha256(html.encode("utf-8")).hexdigest())
    kept = cache.get(key)
    if kept is not None:
        return [tuple(finding) for finding in json.loads(kept)]
    found = _parsed_findings(html)
    cache.put(key, json.dumps(found).encode("utf-8"))
    return found


def _parsed_findings(html: str) -> list[tuple[str, str, str]]:
    collector = _TextCollector()
    collector.feed(html)
    found = []
    for block, in_heading in collector.blocks:
        for pattern, what in (*FORBIDDEN, *(() if in_heading else (ERROR_START,))):
            match = pattern.search(block)
            if match:
                found.append((what, match.group(0).strip().lstrip(":=(–- ")[:60], block))
    return found


# The problems of one rendered page, as (what, excerpt).
def unrendered(html: str) -> list[tuple[str, str]]:
    return [(what, excerpt) for what, excerpt, _ in _findings(html)]


# The problems of one rendered page as warnings naming the page, the line of its source and the fix.
def page_warnings(html: str, source: str, page: str) -> list[str]:
    warnings = []
    for what, excerpt, block in _findings(html):
        line = _source_line(source, block[:40]) or _source_line(source, excerpt)
        where, fix = (f"{page}, line {line}", _FIXES[what]) if line else (page, _FIX_NOT_IN_PAGE)
        warnings.append(f"{where}: would show readers {what}: '{excerpt}'\n    Fix: {fix}")
    return warnings


def _source_line(source: str, text: str) -> int | None:
    return next((number for number, line in enumerate(source.split("\n"), 1) if text and text in _shown_as_is(line)),
                None)


# What of a line of a page's source can show a finding as it is written: not its placeholders,
# notes and tags ("}}" of a "{{ company }}" above is not the stray "}}" of a later line), nor its
# code spans, which the check skips.
_NOT_AS_IS = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|(`+).+?\1")


def _shown_as_is(line: str) -> str:
    return _NOT_AS_IS.sub(" ", line)
