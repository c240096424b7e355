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
        doc.problems.append((line, f"this is not valid YAML: {problem}", _yaml_hint(text, line)))
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


# A hint for the commonest YAML slips: tabs, and a colon inside unquoted text.
def _yaml_hint(text: str, line: int) -> str | None:
    lines = text.splitlines()
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in current:
        return "indent with spaces, not tabs"
    return "check the indentation and put text that contains ': ' or starts with a symbol in quotes"
