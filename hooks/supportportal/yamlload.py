# Reading policy YAML the way a support agent means it, remembering where every value came from.
#
# PyYAML follows YAML 1.1, where `10:00` is the number 600, `no` is false and `2026-12-24` is a
# date object. Editors (yaml-language-server) follow YAML 1.2. This loader keeps only the YAML 1.2
# core types (true/false, null, decimal numbers) and reads everything else as text, so `10:00`
# stays "10:00" in the build and in the editor alike. Duplicate keys are reported, not dropped.

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

@dataclass
class Document:
    file: str
    data: object
    lines: dict = field(default_factory=dict)   # key path -> 1-based line
    problems: list = field(default_factory=list)  # (line, message, fix) found while reading

    # The line of a key path, or of its closest ancestor that has one.
    def line(self, path) -> int:
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


class _Loader(yaml.SafeLoader):
    pass


# YAML 1.2 core schema: only these plain scalars are not text.
_Loader.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    _Loader.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))


# Parse one YAML file into plain data plus a line for every key path.
def load(path: Path, label: str | None = None) -> Document:
    label = label or path.name
    doc = Document(label, None)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        doc.problems.append((line, f"the file is not UTF-8 text ({error.reason})", "save the file as UTF-8"))
        return doc
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(error, "problem", None) or str(error)
        line, said, fix = _yaml_hint(text, line, problem)
        doc.problems.append((line, f"this is not valid YAML: {said}", fix))
        return doc
    doc.data = _convert(node, (), doc) if node is not None else {}
    if any(message.startswith("an alias") for _, message, _ in doc.problems):
        doc.data = None
    return doc


# Turn a composed node into dicts, lists and scalars, recording lines and duplicate keys.
def _convert(node, path, doc: Document, inside: frozenset = frozenset()):
    doc.lines.setdefault(path, node.start_mark.line + 1)
    if id(node) in inside:  # an alias (*name) to a value that contains it: endless
        doc.problems.append((node.start_mark.line + 1, "an alias (*name) refers to the value that contains it",
                             "write the value out instead"))
        return None
    inside = inside | {id(node)}
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                doc.problems.append((key_node.start_mark.line + 1, "a key must be plain text", None))
                continue
            key = str(key) if not isinstance(key, str) else key
            if key in result:
                doc.problems.append((
                    key_node.start_mark.line + 1,
                    f"the key '{key}' appears twice here (first on line {doc.lines[path + (key,)]}); "
                    "the second one would silently win",
                    "keep one of them",
                ))
                continue
            doc.lines[path + (key,)] = key_node.start_mark.line + 1
            result[key] = _convert(value_node, path + (key,), doc, inside)
            doc.lines[path + (key,)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), doc, inside) for i, item in enumerate(node.value)]
    return _scalar(node)


# Scalars by their resolved tag; anything else (dates, timestamps, binary) stays text.
def _scalar(node):
    if not isinstance(node, yaml.ScalarNode):
        return None
    value = node.value
    if node.tag == "tag:yaml.org,2002:bool":
        return value.lower() == "true"
    if node.tag == "tag:yaml.org,2002:int":
        return int(value)
    if node.tag == "tag:yaml.org,2002:float":
        return float(value)
    if node.tag == "tag:yaml.org,2002:null":
        return None
    return value


# The commonest YAML slips in plain words: (line, what is wrong, the fix). A tab, a missing space
# after a colon, a key or list entry indented differently from its neighbours; else PyYAML's words.
def _yaml_hint(text: str, line: int, problem: str = "") -> tuple:
    lines = text.splitlines()
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in current[:len(current) - len(current.lstrip())] or "'\\t'" in problem:
        tabbed = next((n for n in (line, line - 1) if 0 < n <= len(lines) and "\t" in lines[n - 1]), line)
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
    if not above or any(c == column for c, _, _ in allowed):
        return None
    nearest = above[0]
    previous = lines[nearest - 1].split(" #")[0].rstrip()
    if previous.endswith(":") and column > max(c for c, _ in starts[nearest]):
        return None  # the first key of a new block may be indented as far as one likes
    # Equally near two columns: the outer one (a key one space too far in is the commoner slip).
    same_kind = [a for a in allowed if a[2] == is_entry] or allowed
    target, model, _ = min(same_kind, key=lambda a: (abs(a[0] - column), a[0], a[1] != nearest))
    what = "the list entry on line" if is_entry else "line"
    than = "the list above it expects" if is_entry else "the key above it expects"
    return line, f"{what} {line} is indented {'more' if column > target else 'less'} than {than}", \
        f"indent it by {target} space{'s' if target != 1 else ''} like line {model}"
