# Reading policy YAML the way a support agent means it, remembering where every value came from.
#
# PyYAML follows YAML 1.1, where `10:00` is the number 600, `no` is false and `2026-12-24` is a
# date object. Editors (yaml-language-server) follow YAML 1.2. This loader keeps only the YAML 1.2
# core types (true/false, null, decimal numbers) and reads everything else as text, so `10:00`
# stays "10:00" in the build and in the editor alike. Duplicate keys are reported, not dropped.
#
# Careless or hostile files are refused with a problem, never a crash or a hang: only regular files
# of at most MAX_BYTES are read (not folders, devices or pipes), nesting stops at MAX_DEPTH, aliases
# may not expand the file beyond MAX_VALUES values, and explicit tags (!!binary, !foo) are refused.
# A block scalar's final line break (`name: >`) is dropped, as a one-line text has none.

from __future__ import annotations

import hashlib
import math
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

@dataclass
class Document:
    file: str
    data: object
    lines: dict = field(default_factory=dict)   # key path -> 1-based line
    columns: dict = field(default_factory=dict)  # key path -> 0-based column of its key
    problems: list = field(default_factory=list)  # (line, message, fix, key path) found while reading
    # key path -> (line, the text as written up to the end of its line): a plain value followed by a
    # comment on its line ("en: Use form #2 ..."), which may be a text cut at its ' #'
    comments: dict = field(default_factory=dict)

    # The line of a key path, or of its closest ancestor that has one.
    def line(self, path) -> int:
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


# Limits far above any real policy file, low enough that a hostile one fails in milliseconds.
MAX_BYTES = 1024 * 1024
MAX_DEPTH = 40
MAX_VALUES = 20_000

_CORE = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_CORE + "str", _CORE + "map", _CORE + "seq"}


class _TooDeep(yaml.YAMLError):
    def __init__(self, mark):
        self.problem_mark = mark


class _TooBig(Exception):
    pass


class _Loader(yaml.SafeLoader):
    depth = 0

    # The composer recurses once per level of nesting: stop long before Python's recursion limit.
    def compose_node(self, parent, index):
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


# YAML 1.2 core schema: only these plain scalars are not text.
_Loader.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    _Loader.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))


# The portal's own YAML (its built-in catalogs) is code, not input: libyaml parses it, about 15
# times faster, into the same nodes with the same YAML 1.2 types. Never for policy files or a
# project's own files: libyaml's composer has no nesting limit and crashes on deep nesting.
class _TrustedLoader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):
    pass


_TrustedLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers

_KINDS = {_CORE + "bool": "true or false", _CORE + "int": "a whole number", _CORE + "float": "a number",
          _CORE + "null": "empty"}

# The values each core tag accepts, also when the tag is written out (`!!int 5`).
_TYPES = {tag: re.compile(regexp) for tag, regexp in [
    ("tag:yaml.org,2002:str", ""),
    ("tag:yaml.org,2002:bool", r"true|True|TRUE|false|False|FALSE"),
    ("tag:yaml.org,2002:int", r"[-+]?[0-9]+"),
    ("tag:yaml.org,2002:float", r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"),
    ("tag:yaml.org,2002:null", r"~|null|Null|NULL|"),
]}


# Characters a YAML file may not hold at all (YAML 1.1, 5.1: printable characters only).
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


# Parse one YAML file into plain data plus a line for every key path. `trusted` only for the
# portal's own files.
def load(path: Path, label: str | None = None, trusted: bool = False) -> Document:
    label = label or path.name
    doc = Document(label, None)
    raw = _read(path, doc)
    if raw is None:
        return doc
    try:
        # (without the byte order mark some editors write first: YAML skips it, but the hints
        # below count columns in the lines as written)
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        doc.problems.append((line, f"the file is not UTF-8 text ({error.reason})", "save the file as UTF-8", ()))
        return doc
    refused = _UNREADABLE.search(text)
    if refused:  # YAML itself refuses these, naming neither the line nor the character
        line = text.count("\n", 0, refused.start()) + 1
        doc.problems.append((line, f"line {line} contains the invisible control character U+{ord(refused.group()):04X}",
                             "delete it: retype the text around it", ()))
        return doc
    try:
        node = yaml.compose(text, Loader=_TrustedLoader if trusted else _Loader)
    except _TooDeep as error:
        doc.problems.append((error.problem_mark.line + 1, f"the values are nested more than {MAX_DEPTH} levels deep",
                             "policy files need only a few levels: check the brackets and the indentation", ()))
        return doc
    except yaml.YAMLError as error:
        line, said, fix = explain(text, error)
        doc.problems.append((line, f"this is not valid YAML: {said}", fix, ()))
        return doc
    if node is None:
        doc.data = {}
        return doc
    converter = _Converter(doc, text)
    try:
        data = converter.convert(node, (), frozenset())
    except _TooBig:
        return doc
    # A value that could not be read (a tag, an endless alias) would only cause more, misleading problems.
    doc.data = None if converter.unusable else data
    return doc


# The state of files whose contents a process reuses while they are unchanged (the policy, the
# catalogs, the schemas, the core package in `mkdocs serve`): path, kind, modification time, size
# and a hash of the contents, so an edit that keeps size and time counts too; a missing file too.
# Only regular files of a size this module reads are hashed: a pipe is never opened.
def files_state(paths) -> tuple:
    state = []
    for path in paths:
        try:
            info = path.stat()
            readable = stat.S_ISREG(info.st_mode) and info.st_size <= MAX_BYTES
            state.append((str(path), info.st_mode, info.st_mtime_ns, info.st_size,
                          hashlib.sha256(path.read_bytes()).hexdigest() if readable else None))
        except OSError:
            state.append((str(path), None))
    return tuple(state)


# The bytes of a regular file of a sane size; anything else (a folder, a device, a pipe, a huge
# file) is a problem recorded without reading it.
def _read(path: Path, doc: Document) -> bytes | None:
    try:
        info = os.stat(path)
    except OSError as error:
        doc.problems.append((1, f"the file cannot be read ({error.strerror})", "restore the file from the repository", ()))
        return None
    if stat.S_ISDIR(info.st_mode):
        doc.problems.append((1, "this is a folder, not a file", "replace it with the policy file from the repository", ()))
        return None
    if not stat.S_ISREG(info.st_mode):
        doc.problems.append((1, "this is not a regular file (a device, a pipe or a socket)",
                             "replace it with the policy file from the repository", ()))
        return None
    if info.st_size > MAX_BYTES:
        doc.problems.append((1, f"the file is {info.st_size / 1024 / 1024:.1f} MiB; a policy file is at most "
                                f"{MAX_BYTES // 1024 // 1024} MiB", "keep only the policy in it", ()))
        return None
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        doc.problems.append((1, f"the file cannot be read ({error.strerror})", "restore the file from the repository", ()))
        return None
    if len(raw) > MAX_BYTES:  # grew while being read
        doc.problems.append((1, f"the file is larger than {MAX_BYTES // 1024 // 1024} MiB", "keep only the policy in it", ()))
        return None
    return raw


# Turns a composed node into dicts, lists and scalars, recording lines and duplicate keys; counts
# every value it makes, so that aliases (*name) cannot multiply a few lines into millions.
class _Converter:
    def __init__(self, doc: Document, text: str = ""):
        self.doc = doc
        self.text = text
        self.count = 0
        self.unusable = False
        self.seen: set = set()  # the nodes converted so far: one seen again is an alias (*name)
        self.aliased = False

    def problem(self, node, message, fix, path, unusable=True):
        self.doc.problems.append((node.start_mark.line + 1, message, fix, path))
        self.unusable = self.unusable or unusable

    def convert(self, node, path, inside: frozenset):
        doc = self.doc
        doc.lines.setdefault(path, node.start_mark.line + 1)
        self.count += 1
        # Both limits are reached through aliases: named at the top-level key they expand under.
        if id(node) in self.seen:
            self.aliased = True
        self.seen.add(id(node))
        if self.count > MAX_VALUES:
            if self.aliased:
                doc.problems.append((doc.line(path[:1]), f"the file has more than {MAX_VALUES:,} values (each use of "
                                     "an alias *name counts all the values it stands for)",
                                     "write the values out instead of repeating aliases", path[:1]))
            else:
                doc.problems.append((doc.line(path[:1]), f"the file has more than {MAX_VALUES:,} values, the most a "
                                     "policy file may hold", "remove what no longer applies (notices that have "
                                     "ended, changes already in force) to keep it below that", path[:1]))
            raise _TooBig
        if len(path) > MAX_DEPTH:
            doc.problems.append((doc.line(path[:1]), f"the values are nested more than {MAX_DEPTH} levels deep "
                                 "(through aliases *name)", "write the values out instead of nesting aliases", path[:1]))
            raise _TooBig
        if id(node) in inside:  # an alias (*name) to a value that contains it: endless
            self.problem(node, "an alias (*name) refers to the value that contains it", "write the value out instead", path)
            return None
        if not self._tag_allowed(node, path):
            return None
        inside = inside | {id(node)}
        if isinstance(node, yaml.MappingNode):
            result = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and not self._tag_allowed(key_node, path):
                    continue
                key = _scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
                if key is None:
                    self.problem(key_node, "a key must be plain text", "write the key as a word followed by a colon "
                                 "('name:'), not a list or a group of keys", path, unusable=False)
                    continue
                key = str(key) if not isinstance(key, str) else key
                if key == "<<" and key_node.style is None:
                    self.problem(key_node, "a merge key (<<: *name) copies keys from elsewhere, which policy files "
                                 "do not use", "write the keys themselves here instead of '<<:'", path + (key,))
                    continue
                if key in result:
                    first = doc.lines[path + (key,)]
                    self.problem(key_node, f"the key '{key}' appears twice here (first on line {first}); "
                                 "the second one would silently win",
                                 f"keep one of them: delete this '{key}:' or the one on line {first}, or move what "
                                 "this one holds into the first", path + (key,), unusable=False)
                    continue
                doc.lines[path + (key,)] = key_node.start_mark.line + 1
                doc.columns[path + (key,)] = key_node.start_mark.column
                result[key] = self.convert(value_node, path + (key,), inside)
                doc.lines[path + (key,)] = key_node.start_mark.line + 1
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, path + (i,), inside) for i, item in enumerate(node.value)]
        value = _scalar(node)
        if node.style is None and isinstance(value, str):
            self._comment_after(node, path)
        if isinstance(value, float) and not math.isfinite(value):
            self.problem(node, f"{node.value} is too large a number", "write a number people can read", path)
            return None
        return value

    # A plain value with a comment after it on its last line: the value and the comment as written.
    # Or with a comment line right after it indented deeper than the line the value starts on (a
    # text over several lines whose next line starts with '#'): the value, a line break and that
    # line's words.
    def _comment_after(self, node, path) -> None:
        end = node.end_mark
        stop = self.text.find("\n", end.index)
        rest = self.text[end.index:stop if stop >= 0 else len(self.text)].rstrip("\r")
        if rest[:1] in (" ", "\t") and rest.lstrip(" \t").startswith("#"):
            self.doc.comments[path] = (end.line + 1, node.value + rest.rstrip())
            return
        if stop < 0 or rest.strip():
            return
        following = self.text[stop + 1:self.text.find("\n", stop + 1) % (len(self.text) + 1)].rstrip("\r")
        first = self.text[self.text.rfind("\n", 0, node.start_mark.index) + 1:node.start_mark.index]
        indent = len(first) - len(first.lstrip(" "))
        if following.lstrip(" ").startswith("#") and len(following) - len(following.lstrip(" ")) > indent:
            self.doc.comments[path] = (end.line + 2, node.value + "\n" + following.strip())

    # Only the YAML 1.2 core types, and only where the value is one: `!!int "abc"`, `!!binary`,
    # `!!python/object` or a custom `!foo` is refused, not constructed.
    def _tag_allowed(self, node, path) -> bool:
        tag = node.tag
        written = "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag
        if isinstance(node, yaml.ScalarNode) and tag in _TYPES:
            if tag == _CORE + "str" or _TYPES[tag].fullmatch(node.value):
                if tag != _CORE + "int" or len(node.value.lstrip("+-")) <= 100:
                    return True
                self.problem(node, "this number has more than 100 digits", "write a number people can read", path)
                return False
            self.problem(node, f"'{_shorten(node.value)}' is marked {written} but is not {_KINDS[tag]}",
                         f"remove '{written}' and write the value as plain text", path)
            return False
        if tag in _PLAIN_TAGS and not isinstance(node, yaml.ScalarNode):
            return True
        self.problem(node, f"the tag '{_shorten(written)}' is not used in policy files",
                     f"remove '{_shorten(written)}' and write the value as plain text", path)
        return False


# Scalars by their resolved tag (checked by _Converter._tag_allowed first).
def _scalar(node):
    value = node.value
    if node.tag == "tag:yaml.org,2002:bool":
        return value.lower() == "true"
    if node.tag == "tag:yaml.org,2002:int":
        return int(value)
    if node.tag == "tag:yaml.org,2002:float":
        return float(value)
    if node.tag == "tag:yaml.org,2002:null":
        return None
    # A block scalar (`>` or `|`) ends with a line break unless written `>-`: a text has none.
    if node.style in (">", "|"):
        return value.rstrip("\n")
    return value


def _shorten(text: str, limit: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[:limit - 1] + "…"


# The commonest YAML slips in plain words: (line, what is wrong, the fix). A tab, a missing space
# after a colon, a key or list entry indented differently from its neighbours; else PyYAML's words.
def _yaml_hint(text: str, line: int, problem: str = "") -> tuple:
    lines = text.splitlines()
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in current[:len(current) - len(current.lstrip())] or "'\\t'" in problem:
        tabbed = next((n for n in (line, line - 1) if 0 < n <= len(lines) and "\t" in lines[n - 1]), line)
        written = lines[tabbed - 1] if 0 < tabbed <= len(lines) else ""
        indent = written[:len(written) - len(written.lstrip())]  # every kind of space: a no-break one too
        rest = written[len(indent):]
        if "\t" in rest and "\t" not in indent:  # "monday to friday:<tab>10:00-18:00": not in the indentation
            return tabbed, f"line {tabbed} has a tab inside it, after '{rest[:rest.index(chr(9))].strip()}'", \
                "type a space instead of the tab"
        return tabbed, f"line {tabbed} is indented with a tab", "indent with spaces, not tabs"
    for number in (line - 1, line):
        found = _NO_SPACE.match(lines[number - 1]) if 0 < number <= len(lines) else None
        if found:
            key, rest = found.group(2), found.group(3)
            return number, f"line {number} has no space after the colon of '{key}:'", \
                f"write '{key}: {rest.strip()}' (a space after the colon)"
    indent = _indent_hint(text, lines, line)
    if indent:
        return indent
    return line, problem, "check the indentation and put text that contains ': ' or starts with a symbol in quotes"


# What is wrong with YAML `text` that `error` was raised for, in plain words: (line, what, fix).
# Also for the settings at the top of a page (site.py).
def explain(text: str, error) -> tuple:
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 if mark else 1
    problem = getattr(error, "problem", None) or str(error)
    return _stray_comment_hint(text, line) or _quote_hint(text, error) or _bracket_hint(text, error) \
        or _missing_colon_hint(text, line) or _cut_text_hint(text, line) or _yaml_hint(text, line, problem)


# A text of several lines whose first line holds ' #' ("en: Open a ticket #2, attach log files"):
# YAML ends the text at the ' #', so the next line, indented to continue it, is where it fails. The
# line to fix is the one with the '#'; the fix quotes the whole text. (line, what, fix) or None.
def _cut_text_hint(text: str, line: int) -> tuple | None:
    lines = text.splitlines()
    if not 1 < line <= len(lines) or not lines[line - 1].strip():
        return None
    above = next((n for n in range(line - 1, 0, -1) if lines[n - 1].strip()
                  and not lines[n - 1].lstrip().startswith("#")), None)
    found = _cut_text(lines[above - 1]) if above else None
    indent = len(lines[line - 1]) - len(lines[line - 1].lstrip(" "))
    if not found or indent <= len(found[0]) or _KEY_AT.match(lines[line - 1]) \
            or lines[line - 1].lstrip().startswith("- "):
        return None  # a key or list entry indented too far is _indent_hint's
    prefix, key, before, after = found
    words = [before + " #" + after]
    for raw in lines[line - 1:]:
        if not raw.strip() or len(raw) - len(raw.lstrip(" ")) <= len(prefix) or raw.lstrip().startswith("#"):
            break
        words.append(raw.strip())
    whole = " ".join(words)
    quoted = "" if len(whole) > 300 else yaml_quoted(whole)
    fix = f"put the whole text in quotes: {key}: {quoted}" if quoted \
        else f"put the whole text of lines {above} to {line} and after in quotes (a ' inside single quotes is written twice)"
    return above, f"the text on line {above} stops at ' #': YAML reads ' #' and what follows as a comment, " \
        f"so line {line}, indented to go on with the text, cannot", fix


# A text as YAML reads it back unchanged: in double quotes where it has neither '"' nor '\\' (which
# starts an escape there: "C:\\logs" is an error), else in single quotes, each ' written twice.
def yaml_quoted(text: str) -> str:
    return f'"{text}"' if '"' not in text and "\\" not in text else "'" + text.replace("'", "''") + "'"


# `key: plain words #more words`: (indent, key, the text before ' #', after it), or None. Searched,
# not matched by one pattern: a pattern that backtracks over a long line of spaces takes minutes.
def _cut_text(raw: str) -> tuple | None:
    found = _KEY_VALUE.match(raw)
    hash_ = _SPACE_HASH.search(raw, found.end()) if found else None
    if not hash_ or not raw[found.end():hash_.start()].strip():
        return None
    return found.group(1), found.group(2), raw[found.end():hash_.start()].rstrip(), raw[hash_.end():]


_KEY_VALUE = re.compile(r"(\s*(?:- +)?)([A-Za-z_][\w ]*):[ \t]+(?=[^\s'\"#&*!|>{\[])")
_SPACE_HASH = re.compile(r"[ \t]#")


# A quote left open: YAML reads on to the end of the file, or to the next quote, which opened the
# next text (whose rest then follows a text that has ended). Named at the line where the quoted
# text starts, with the quote to add. Also text after a closing quote. (line, what, fix) or None.
def _quote_hint(text: str, error) -> tuple | None:
    context, problem = getattr(error, "context", None) or "", getattr(error, "problem", None) or ""
    start, at = getattr(error, "context_mark", None), getattr(error, "problem_mark", None)
    lines = text.splitlines()
    if context == "while scanning a quoted scalar" and start and "end of stream" in problem:
        quote, line = lines[start.line][start.column], start.line + 1
        return line, f"the quote ({quote}) that starts the text on line {line} is never closed", \
            f"close the quote: add {quote} at the end of the text on line {line}"
    if not at or "but found '<scalar>'" not in problem and "but got '<scalar>'" not in problem:
        return None
    quoted = None  # the last quoted text before the problem
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= at.index:
                break
            if isinstance(token, yaml.ScalarToken):
                quoted = token if token.style in ("'", '"') else None
    except yaml.YAMLError:
        pass
    if quoted is None or quoted.end_mark.line != at.line:
        return None
    quote, line = lines[quoted.start_mark.line][quoted.start_mark.column], quoted.start_mark.line + 1
    rest = lines[at.line][at.column:]
    closing = quoted.end_mark
    if quoted.start_mark.line == closing.line == at.line and closing.column == at.column and rest[:1].isalnum() \
            and quote in rest and ": " not in quoted.value:
        # A word right after the closing quote of a one-line text, and the same quote further on:
        # the quote was meant inside the text ('Don't panic', 'l'équipe', "The "Best" team"); a
        # text that ran on over the next key ("Munich, de: ") lacks its own closing quote instead.
        inside = "write it twice ('') inside single quotes" if quote == "'" else 'write \\" for it inside double quotes'
        other = '"' if quote == "'" else "'"
        return line, f"the text on line {line} has a {quote} inside its quotes ({quote}), which ends it early", \
            f"{inside}, or put the whole text in {other} instead"
    if quote in rest:  # the quote that ended the text opened the next one
        until = "" if at.line + 1 == line else f", on line {at.line + 1}"
        return line, f"the quote ({quote}) that starts the text on line {line} is not closed: the text runs on to " \
            f"the next quote{until}", f"close the quote: add {quote} at the end of the text on line {line}"
    if quoted.start_mark.line == at.line and "but found" in problem:  # in { } a ',' is missing (_bracket_hint)
        return at.line + 1, f"line {at.line + 1} has text after the closing quote ({quote})", \
            "put the whole text inside the quotes"
    return None


# A '{' or '[' left open, or a '}' or ']' that closes nothing: where it opens or stands, with the
# character to add or delete. (line, what, fix) or None.
def _bracket_hint(text: str, error) -> tuple | None:
    context, problem = getattr(error, "context", None) or "", getattr(error, "problem", None) or ""
    start, at = getattr(error, "context_mark", None), getattr(error, "problem_mark", None)
    if not at:
        return None
    lines = text.splitlines()
    stray = re.fullmatch(r"expected (?:<block end>|the node content|<document start>), but found '([}\]])'", problem)
    if stray:
        closer, line = stray.group(1), at.line + 1
        return line, f"line {line} has a '{closer}' that closes nothing", \
            f"delete the {closer} on line {line} or add the {'{' if closer == '}' else '['} it closes"
    unclosed = re.fullmatch(r"expected ',' or '([}\]])', but got '(.*)'", problem)
    if start and unclosed and context in ("while parsing a flow mapping", "while parsing a flow sequence"):
        closer, got = unclosed.groups()
        opener = "{" if closer == "}" else "["
    elif context == "while parsing a flow node" and "<stream end>" in problem and (still_open := _open_brackets(text)):
        start, got = still_open[-1], "<stream end>"  # "[" or "{" and nothing after it
        opener = lines[start.line][start.column]
        closer = "}" if opener == "{" else "]"
    else:
        return None
    line = start.line + 1
    if at.line == start.line:  # on the line itself: a ':' or a text where a ',' belongs, or the wrong bracket
        if got in ("}", "]"):
            return line, f"the '{opener}' on line {line} is not closed before the '{got}'", \
                f"add {closer} before the {got} on line {line}, or write the bracket that was meant"
        return line, f"line {line} has two entries inside {opener} {closer} without a comma between them", \
            f"separate the entries with commas ({'{en: ..., de: ...}' if opener == '{' else '[..., ...]'}), " \
            "and put text that contains ': ' in quotes"
    # Where the collection ends: a line that ends with ',' or the bracket itself goes on to the next one.
    end = start.line
    while True:
        written = re.sub(r"\s#.*", "", lines[end]).rstrip()  # (one space before the '#': linear on long lines)
        following = next((n for n in range(end + 1, min(at.line, len(lines)))
                          if lines[n].strip() and not lines[n].lstrip().startswith("#")), None)
        if following is None or not written.endswith((",", opener)):
            break
        end = following
    hidden = re.search(r"\s#(.*)", lines[end])
    if hidden and closer in hidden.group(1):
        # The comment hides the closing bracket: a '#' meant in a text ({en: EMEA #2, de: EMEA}),
        # which a bracket added before it would cut. The text, from the entry's start, goes in quotes.
        written, at_hash = lines[end], hidden.start()
        before = written[:at_hash]
        begins = max(max(before.rfind(c) for c in "[{,") + 1, before.rfind(": ") + 2)
        words = (before[begins:] + re.match(r"[^\]},]*", written[at_hash:]).group(0)).strip()
        quoted = yaml_quoted(words) if words.strip("# ") else ""
        return line, f"the '{opener}' on line {line} is never closed: ' #' starts a comment, which hides the rest of " \
            f"the line, its {closer} too", "put the text that holds the # in quotes" + (f": {quoted}" if quoted else "")
    comment = " (before the # comment)" if hidden else ""
    return line, f"the '{opener}' on line {line} is never closed", f"add {closer} at the end of line {end + 1}{comment}"


# The marks of the '{' and '[' still open at the end of the text (or where YAML stops reading it).
def _open_brackets(text: str) -> list:
    open_ = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, (yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)):
                open_.append(token.start_mark)
            elif isinstance(token, (yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)) and open_:
                open_.pop()
    except yaml.YAMLError:
        pass
    return open_


# A line of the comment at the top of a file that lost its '#': YAML reads it as the start of the
# file's content and fails only at the first key below the comments, whose line is not the one to
# fix. It is the only line up to the error that is not a comment or blank, it borders a comment
# line (has one below it when the error is on it), and it is no top-level key (it is indented, or is no `key:` at all). (line, what, fix) or None.
def _stray_comment_hint(text: str, line: int) -> tuple | None:
    lines = text.splitlines()
    content = [n for n in range(1, min(line, len(lines)) + 1) if lines[n - 1].strip()
               and not lines[n - 1].lstrip().startswith("#")]
    if not content or content[1:] not in ([], [line]):
        return None
    stray = content[0]
    raw = lines[stray - 1]
    before, after = (next((lines[n - 1] for n in numbers if lines[n - 1].strip()), "").lstrip().startswith("#")
                     for numbers in (range(stray - 1, 0, -1), range(stray + 1, len(lines) + 1)))
    # The line the error is on is a stray one only inside the comment (the first key borders it too).
    if not (after if stray == line else before or after):
        return None
    # At the left edge, YAML rather than a comment's words: a setting, a document marker, a list or a
    # flow collection, or a setting without its colon ("keep_ended_days 30"; "see below" between
    # comment lines is their words).
    setting = _SETTING_WITHOUT_COLON.match(raw)
    if not raw[:1].isspace() and (_KEY_AT.match(raw) or _YAML_START.match(raw)
                                  or (setting and ("_" in setting.group(1) or not after))):
        return None
    return stray, f"line {stray} sits among the comments at the top of the file but does not start with '#'", \
        f"put '#' back at the start of line {stray} to make it a comment again, or delete the line " \
        "(a setting starts at the left edge, below the comments)"


# A setting that lost its colon ("keep_ended_days 30"): YAML fails only at the next key, whose
# line is not the one to fix. The line before the error's (blanks and comments aside), at the same
# indentation as that key, a name and a value without ':'. (line, what, fix) or None.
def _missing_colon_hint(text: str, line: int) -> tuple | None:
    lines = text.splitlines()
    if not 1 <= line <= len(lines) or not (key := _KEY_AT.match(lines[line - 1])):
        return None
    before = next((n for n in range(line - 1, 0, -1) if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#")),
                  None)
    found = _NO_COLON.match(lines[before - 1]) if before else None
    if not found or found.group(1) != key.group(1):
        return None
    _, name, value = found.groups()
    return before, f"line {before} has no ':' after the setting's name '{name}'", f"write it as {name}: {value.strip()}"


_KEY_AT = re.compile(r"(\s*)[A-Za-z_][\w ]*:(\s|$)")
_NO_COLON = re.compile(r"(\s*)([a-z][a-z0-9_]*)[ \t]+([^\s:#][^:#]*)$")


_YAML_START = re.compile(r"(---|\.\.\.)\s*$|[-{\[]")
_SETTING_WITHOUT_COLON = re.compile(r"([a-z][a-z0-9_]*)[ \t]+[^\s:]+\s*$")


# `zone:Europe/Berlin`: a key and its value run together (a link's :// or a time's 10:00 is fine).
_NO_SPACE = re.compile(r"^(\s*(?:- +)?)([a-z_][a-z_ ]*[a-z_]):(?!//)(?![0-9]{2}\b)(\S.*)$")


# A line whose indentation none of the keys and list entries above it allow: which one, and how
# far to indent it. The columns allowed are those of the keys and entries still open above it.
def _indent_hint(text: str, lines: list, line: int) -> tuple | None:
    if not 0 < line <= len(lines) or not lines[line - 1].strip():
        return None
    starts: dict = {}  # line -> [(column, is a list entry)] of its keys and dashes
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, (yaml.KeyToken, yaml.BlockEntryToken)):
                starts.setdefault(token.start_mark.line + 1, []).append(
                    (token.start_mark.column, isinstance(token, yaml.BlockEntryToken)))
    except yaml.YAMLError:
        pass
    raw = lines[line - 1]
    column, is_entry = len(raw) - len(raw.lstrip(" ")), raw.lstrip(" ").startswith("- ")
    allowed = []  # (column, line, is a list entry), nearest line first
    limit = None
    above = [n for n in range(line - 1, 0, -1) if n in starts]
    for n in above:
        first = min(c for c, _ in starts[n])
        if limit is not None and first >= limit:
            continue
        allowed += [(c, n, entry) for c, entry in starts[n]]
        limit = first
        if first == 0:
            break
    # A key at the column of a list's dashes (and of no key) belongs to no block there either.
    here = [entry for c, _, entry in allowed if c == column]
    if not above or (here and (is_entry or not all(here))):
        return None
    nearest = above[0]
    previous = lines[nearest - 1].split(" #")[0].rstrip()
    if previous.endswith(":") and column > max(c for c, _ in starts[nearest]):
        return None  # the first key of a new block may be indented as far as one likes
    # Equally near two columns: the outer one (a key one space too far in is the commoner slip).
    same_kind = [a for a in allowed if a[2] == is_entry] or allowed
    if here:  # under a list entry's dash: a key of that entry, further in
        same_kind = [a for a in same_kind if a[0] > column] or same_kind
    target, model, _ = min(same_kind, key=lambda a: (abs(a[0] - column), a[0], a[1] != nearest))
    what = "the list entry on line" if is_entry else "line"
    than = "the list above it expects" if is_entry else "the key above it expects"
    fix = f"indent it by {target} space{'s' if target != 1 else ''} like line {model}"
    # Two or more spaces too far in, a key may as well belong beside the key of the block around
    # that line (public_holidays: beside hours:, not among the weekdays): that one too.
    outer = [a for a in same_kind if a[0] < target and not is_entry]
    if column - target >= 2 and outer:
        at, above_line, _ = max(outer, key=lambda a: (a[0], a[1]))
        key = lines[above_line - 1].strip().lstrip("- ").split(":")[0]
        fix += f", or by {at} space{'s' if at != 1 else ''} like line {above_line} ({key}:) if it belongs beside that"
    return line, f"{what} {line} is indented {'more' if column > target else 'less'} than {than}", fix
