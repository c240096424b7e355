# What every check shares: the documents read, the problems found so far, which key paths have a
# structural problem (so later checks skip those and only those), and the site's languages; and
# the notes: what is valid but likely not meant (an item dated wholly before the build, or wholly
# after the published years), which `make check` shows without failing.

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from babel.dates import format_date
from babel.lists import format_list

from .. import parsing, yamlload
from ..model import Interval, Text
from .values import character_problem, is_text


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    path: str
    message: str
    fix: str | None = None

    # Line 0: the file as a whole (a missing page).
    @property
    def where(self) -> str:
        return self.file + (f", line {self.line}" if self.line else "") + (f", {self.path}" if self.path else "")

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" + (f"\n    Fix: {self.fix}" if self.fix else "")

    # As a note (valid, but likely not meant): the build and `make check` print it alike.
    def as_note(self) -> str:
        return f"Note: {self.where}: {self.message}\n    {self.fix}"


class Context:
    def __init__(self, directory: Path, label: str):
        self.directory = directory
        self.label = label
        self.problems: list[Problem] = []
        self.notes: list[Problem] = []  # the fix: what to do if it was not meant
        self.docs: dict[str, yamlload.Document] = {}
        self.broken: dict[str, set] = {}  # file -> key paths with a structural problem
        self.languages: tuple = ("en",)
        self.fallback = False  # company.yml missing_translations: fallback
        self.check_languages = True  # off while company.yml's languages are broken: no cascade of false problems

    # Record a problem at a key path of one file.
    def report(self, name: str, path, message: str, fix: str | None = None, line: int | None = None):
        doc = self.docs.get(name)
        line = line or (doc.line(path) if doc else 1)
        self.problems.append(Problem(f"{self.label}/{name}.yml", line, dotted(path), message, fix))

    # Record a note at a key path of one file: an item (`what`: "a notice") dated wholly before the
    # build, which the site does not show: nothing is wrong, but it may not be what was meant.
    # `kept`: what keeping it means, when not "kept for history needs no change (or delete it)".
    def note_past(self, name: str, path, message: str, what: str, kept: str = "kept for history needs no change (or delete it)"):
        self.note(name, path, message, f"If you meant a later year, fix the date; {what} {kept}")

    # Record a note at a key path of one file: valid, but likely not meant; `advice`: what to do if not.
    def note(self, name: str, path, message: str, advice: str) -> None:
        doc = self.docs.get(name)
        self.notes.append(Problem(f"{self.label}/{name}.yml", doc.line(tuple(path)) if doc else 1, dotted(path), message, advice))

    # A last day more than a year after the published years' (`last`): a wrong year (2207 for
    # 2027), not a closure or notice over New Year, which may end a few days after them.
    @staticmethod
    def far_after(day, last) -> bool:
        return (day.date() if hasattr(day, "date") else day) > last + dt.timedelta(days=366)

    # Record a note at a key path: an item (`what`: "a closure") dated wholly after the last day the
    # site publishes (`last`), which it does not show yet: planned far ahead, or a wrong year.
    # `shown` says what the site does instead, for a date that is not an item's first (a channel's
    # last day: "so the site lists it as offered to the last published day").
    def note_future(self, name: str, path, message: str, what: str, last, shown: str = "so the site does not show it yet"):
        day = format_date(last, "d MMMM y", locale="en")  # as the build's messages are written: in English
        message += f", after the last published day ({day}), {shown}"
        self.note(name, path, message, f"If you meant an earlier year, fix the date; {what} planned that far ahead needs no change")

    # An item's id, once per file: `seen` holds the ids of the items before it, by their place in
    # the list; a repeated one is named with the item that has it first ("also region 1, line 30").
    def unique_id(self, name: str, kind: str, path, seen: dict, fix: str | None = None, item: str | None = None):
        if not self.intact(name, path + ("id",)):
            return
        value = self.get(name, path + ("id",))
        if value in seen:
            line = self.docs[name].line(path[:-1] + (seen[value], "id"))
            self.report(name, path + ("id",), f"the {kind} id '{value}' is used twice (also {item or kind} "
                        f"{seen[value] + 1}, line {line})", fix or f"give each {kind} its own id")
        seen.setdefault(value, path[-1])

    # Names that tell items of one file apart (regions, channels, priorities): two items with the
    # same name in one language, compared without case and spaces, read as one on every page.
    # `seen` holds the names before it: (language, folded name) -> [(id, key path, when)]. An item
    # is named by its id (or "region 3" while its id is broken); `when` is the days it is offered
    # ((first, last), None for open ends): two items never offered on the same day may share a
    # name (a channel replaced by another). Only languages the item writes are compared: under
    # missing_translations: fallback a missing name shows the first language's, marked.
    def unique_name(self, name: str, kind: str, path, item_id, text: Text, seen: dict, when=(None, None)):
        raw = self.get(name, path)
        for lang, value in text.values:
            if isinstance(raw, dict) and lang not in raw:
                continue
            where = path + (lang,) if isinstance(raw, dict) else path
            key = (lang, " ".join(value.casefold().split()))
            earlier = next((e for e in seen.get(key, ()) if _overlap(e[2], when)), None)
            if earlier is not None:
                other, other_path, _ = earlier
                self.report(name, where, f"the {kind} name '{value}' ({lang}) is used twice "
                            f"(also {kind} {other}, line {self.docs[name].line(other_path)})",
                            f"give each {kind} its own name in {lang}")
            seen.setdefault(key, []).append((f"'{item_id}'" if isinstance(item_id, str) else f"{path[-2] + 1}",
                                             where, when))

    # Mark a key path as structurally wrong: checks of it, of what it contains and of what contains it skip it.
    def mark_broken(self, name: str, path):
        self.broken.setdefault(name, set()).add(tuple(path))

    # The value at a key path of a file that could be read, or None.
    def get(self, name: str, path):
        doc = self.docs.get(name)
        value = doc.data if doc else None
        for part in path:
            if isinstance(value, dict) and isinstance(part, str) and part in value:
                value = value[part]
            elif isinstance(value, list) and isinstance(part, int) and part < len(value):
                value = value[part]
            else:
                return None
        return value

    # The key path exists and neither it nor a key around it has a structural problem
    # (what it contains may still have some).
    def present(self, name: str, path) -> bool:
        path = tuple(path)
        if self.get(name, path) is None and not self._exists(name, path):
            return False
        return not any(path[:len(b)] == b for b in self.broken.get(name, ()))

    # The key path exists and nothing at, around or inside it has a structural problem.
    def intact(self, name: str, path) -> bool:
        path = tuple(path)
        return self.present(name, path) and not any(b[:len(path)] == path for b in self.broken.get(name, ()))

    def _exists(self, name: str, path) -> bool:
        doc = self.docs.get(name)
        if not doc or doc.data is None:
            return False
        if not path:
            return True
        parent = self.get(name, path[:-1]) if len(path) > 1 else doc.data
        last = path[-1]
        return (isinstance(parent, dict) and isinstance(last, str) and last in parent) or \
            (isinstance(parent, list) and isinstance(last, int) and last < len(parent))

    # A text field: plain text or one text per language, every language of the site present.
    def text(self, name: str, path, value) -> Text:
        if isinstance(value, str):
            value = {self.languages[0]: value}
            plain = True
        else:
            plain = False
            for lang in value:
                if self.check_languages and lang not in self.languages:
                    self.report(name, path + (lang,), f"'{lang}' is not a language of this site ({', '.join(self.languages)})",
                                "add it to languages in company.yml, or remove this translation")
        for lang, item in value.items():
            where = path if plain else path + (lang,)
            if item is None and not plain:  # "de:" with nothing after it
                self.report(name, where, f"the {lang} text is missing after '{lang}:'",
                            f"write the text after '{lang}:' on the same line")
                value = {k: str(v) for k, v in value.items()}
                break
            if not isinstance(item, str):
                self.report(name, where, f"expected text, found {describe(item)}", "put the text in quotes")
                value = {k: str(v) for k, v in value.items()}
                break
            self.comment_after(name, where)
            if not item.strip():
                # Never "remove the line": each language of the site needs its text.
                self.report(name, where, "this text is empty", "write the text"
                            + ("" if plain else f" in {lang}, between the quotes if it has any"))
            elif character_problem(item, multiline=is_text(where)):
                self.report(name, where, *character_problem(item, multiline=is_text(where)))
            self.artifacts(name, where, item)
        if not self.check_languages:
            return Text(tuple((k, str(v).strip()) for k, v in value.items()))
        missing = [lang for lang in self.languages if lang not in value]
        if self.languages[0] in missing or (missing and not self.fallback):
            example = ", ".join(f"{lang}: ..." for lang in self.languages)
            fix = (f"write the text once per language: {{{example}}}" if plain else
                   f"add {', '.join(f'{lang}: ...' for lang in missing)}")
            if self.languages[0] not in missing:
                fix += ", or set missing_translations: fallback in company.yml to show the "
                fix += f"{self.languages[0]} text, marked, until it is translated"
            self.report(name, path, f"the {format_list(missing, locale='en')} text is missing", fix)
        ordered = [(lang, value[lang].strip()) for lang in self.languages if lang in value]
        return Text(tuple(ordered) or tuple((k, v.strip()) for k, v in value.items()))

    # A text readers see, written without quotes and followed by ' #': YAML reads the rest of the
    # line as a comment, so the text would be shown cut ("Use form #2 ..." as "Use form"). The fix
    # quotes the line as written; a comment meant as one goes on a line of its own.
    def comment_after(self, name: str, where) -> None:
        doc = self.docs.get(name)
        found = doc.comments.get(tuple(where)) if doc else None
        if found and "\n" in found[1]:  # a line starting with '#' after the text's last line
            line, written = found
            shown, comment = written.split("\n", 1)
            self.report(name, where, "the text stops before this line: YAML reads a line starting with '#' as a comment, "
                        f"so readers see only '{shown}'",
                        f"put the whole text in quotes: {json.dumps(shown + ' ' + comment, ensure_ascii=False)}; "
                        "or, if it is a comment, indent it as the key above it", line=line)
        elif found:
            line, written = found
            shown = written.split(" #")[0].split("\t#")[0].rstrip()
            self.report(name, where, f"the text is cut at '#': YAML reads ' #' and what follows as a comment, "
                        f"so readers see only '{shown}'",
                        f"put the whole text in quotes: {json.dumps(written, ensure_ascii=False)}; "
                        "or, if it is a comment, put it on a line of its own", line=line)

    # A text that would read as an unrendered placeholder or shortcode ({{, [table id=2 /]): every
    # text readers see, the company name included, is shown as written.
    def artifacts(self, name: str, where, item: str) -> None:
        for pattern, what in parsing.ARTIFACTS:
            found = pattern.search(item)
            if found:
                self.report(name, where, f"'{found.group(0)}' looks like {what}; policy texts are shown as written",
                            "write the words readers should see")
        # Formatting that shows as written: a note, since a text may mean it ("<Ctrl>", "**" in a name).
        marks = [(found.group(0), what) for pattern, what, _ in parsing.MARKUP if (found := pattern.search(item))]
        if marks:
            shown, what = marks[0]
            self.note(name, where, f"'{shown}' looks like {what}: policy texts are shown as written, so readers see it as it stands",
                      f"If you meant formatting, write the words alone: {json.dumps(parsing.without_markup(item), ensure_ascii=False)}; "
                      "if readers should see it, no change is needed")

    # The text at a key path if it passed the schema, else None (its problem is reported already).
    def text_at(self, name: str, path) -> Text | None:
        return self.text(name, tuple(path), self.get(name, path)) if self.intact(name, path) else None

    # A list of texts; None when any of them is broken.
    def texts_at(self, name: str, path) -> tuple | None:
        path = tuple(path)
        if not self.present(name, path):
            return None
        texts = tuple(self.text_at(name, path + (i,)) for i in range(len(self.get(name, path))))
        return None if None in texts else texts

    # A day's time ranges, sorted, with overlaps reported.
    def intervals(self, name: str, path, value) -> tuple:
        if value == "closed":
            return ()
        items = value if isinstance(value, list) else [value]
        parsed: list[Interval] = []
        for i, item in enumerate(items):
            where = path + (i,) if isinstance(value, list) else path
            interval = parsing.parse_time_range(item)
            if interval is None:
                self.report(name, where, f"'{item}' has the same opening and closing time",
                            "for a whole day write 00:00-24:00")
                continue
            parsed.append(interval)
        parsed.sort()
        for a, b in zip(parsed, parsed[1:]):
            if b.start < a.end:
                self.report(name, path, f"the time ranges {'-'.join(a.hhmm())} and {'-'.join(b.hhmm())} overlap",
                            "merge them into one range or make them meet")
        return tuple(parsed)


# Whether two spans of days ((first, last), None for an open end) share a day.
def _overlap(a, b) -> bool:
    return (a[0] is None or b[1] is None or a[0] <= b[1]) and (b[0] is None or a[1] is None or b[0] <= a[1])


def dotted(path) -> str:
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def describe(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of keys"
    return f"'{value}'"
