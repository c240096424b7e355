# Structural problems: each JSON Schema error of a policy file in words for the person who edited
# it, with the fix; and the key path it makes unusable, so the later checks skip that path only.

from __future__ import annotations

import difflib
import functools
import re
import unicodedata

import yaml
from babel import Locale, UnknownLocaleError

from .. import parsing
from ..yamlload import yaml_quoted
from .context import Context, describe
from .values import FIRST_YEAR, LAST_YEAR

_ID = re.compile(r"[a-z][a-z0-9-]*")

# Which key paths hold ids of which kind, by file: definitions and the references to them.
_ID_PLACES = {
    "region": (("regions", ("regions", "*", "id")), ("holidays", ("closures", "*", "regions", "*")),
               ("channels", ("channels", "*", "same_hours_as")), ("notices", ("notices", "*", "regions", "*"))),
    "calendar": (("holidays", ("calendars", "*", "id")), ("regions", ("regions", "*", "public_holidays")),
                 ("channels", ("channels", "*", "public_holidays"))),
    "channel": (("channels", ("channels", "*", "id")), ("holidays", ("closures", "*", "channels", "*")),
                ("priorities", ("priorities", "*", "via")), ("notices", ("notices", "*", "channels", "*"))),
    "priority": (("priorities", ("priorities", "*", "id")), ("channels", ("channels", "*", "priorities", "*"))),
}


# Translate one JSON Schema error into words, and mark what it makes unusable. Errors at or
# inside the key paths of `misplaced` (see misplaced_keys) are told already.
def schema_problem(ctx: Context, name: str, error, misplaced=frozenset()):
    path = tuple(error.absolute_path)
    kind, value, schema = error.validator, error.instance, error.schema
    if any(path[:len(key)] == key for key in misplaced) or \
            ("propertyNames" in error.relative_schema_path and path + (value,) in misplaced):
        return
    described = schema.get("description", "")
    if kind == "required":
        missing = error.message.split("'")[1]
        ctx.mark_broken(name, path + (missing,))
        if any(key[:-2] + key[-1:] == path + (missing,) for key in misplaced):  # written, but indented too far
            return
        child = error.schema.get("properties", {}).get(missing, {})
        hint = child.get("description")
        empty = not path and not ctx.get(name, ())
        return ctx.report(name, path, f"'{missing}' is missing" + (" (the file is empty)" if empty else ""),
                          f"add {missing}: " + (f"({_lower(hint)})" if hint else "(see the example at the top of the file)")
                          + (f", or restore {name}.yml from the repository" if empty else ""))
    if kind == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        for key in [k for k in value if k not in allowed and path + (k,) not in misplaced]:
            ctx.mark_broken(name, path + (key,))
            close = difflib.get_close_matches(key, allowed, n=1)
            fix = f"did you mean '{close[0]}'?" if close else f"allowed keys here: {', '.join(allowed)}"
            ctx.report(name, path + (key,), f"unknown key '{key}'", fix)
        return
    if "propertyNames" in error.relative_schema_path:
        ctx.mark_broken(name, path + (value,))
        keys = parsing.suggest_days(str(value))
        if keys and len(keys) > 1:  # days that are not one range: a line each, as in the file's example
            hours = ctx.get(name, path + (value,))
            shown = hours if isinstance(hours, str) else \
                f"[{', '.join(map(str, hours))}]" if isinstance(hours, list) and len(hours) < 5 else "..."
            fix = "give each day a line of its own, with the same hours: " + \
                " and ".join(f"'{key}: {shown}'" for key in keys)
        else:
            fix = f"write it as '{keys[0]}'" if keys else \
                "use monday ... sunday, 'monday to friday' or 'every day', in lowercase"
        odd = _odd_space(str(value))
        if odd:  # 'monday to friday' with a no-break space: the fix would look like what is written
            return ctx.report(name, path + (value,), f"'{value}' has a {odd} where a space belongs, which looks "
                              "like a space but is another character", "type the spaces again as normal spaces"
                              + (f": '{keys[0]}'" if keys and len(keys) == 1 else ""))
        return ctx.report(name, path + (value,), f"'{value}' is not a weekday or a range of weekdays", fix)
    ctx.mark_broken(name, path)
    if kind == "type":
        words = {"string": "text", "array": "a list", "object": "a group of keys", "integer": "a whole number",
                 "boolean": "true or false", "number": "a number"}
        expected = error.validator_value
        expected = " or ".join(words.get(t, t) for t in ([expected] if isinstance(expected, str) else expected))
        if value is None and id_kind(name, path) == "calendar" and path[-1:] == ("public_holidays",):
            # "public_holidays:" left empty: the ids it takes, not the description of ids in general.
            calendars = sorted(known_ids(ctx, "calendar") - {None})
            return ctx.report(name, path, "no holiday calendar is named after 'public_holidays:'",
                              "write the id of a calendar of holidays.yml"
                              + (f" ({', '.join(calendars[:5])})" if calendars else "")
                              + ", or remove the line if the region is open on public holidays")
        odd = re.fullmatch(r"([a-z][a-z_ ]*):([^\S \t\r\n])(.*)", value) if isinstance(value, str) else None
        if odd and "object" in error.validator_value:  # "monday to friday:<no-break space>10:00-18:00"
            return ctx.report(name, path, f"expected {expected}, found {describe(value)}: the space after the colon "
                              f"is a {_odd_space(odd.group(2))}, which YAML does not read as a space",
                              f"type that space again as a normal space: '{odd.group(1)}: {odd.group(3).strip()}'")
        run_together = re.fullmatch(r"([a-z][a-z_ ]*):(\S.*)", value) if isinstance(value, str) else None
        if run_together and "object" in error.validator_value:  # "monday to friday:10:00-18:00"
            return ctx.report(name, path, f"expected {expected}, found {describe(value)}",
                              f"put a space after the colon: '{run_together.group(1)}: {run_together.group(2)}'")
        if not path and isinstance(value, list):
            return ctx.report(name, path, f"expected {expected}, found a list",
                              "write the file's keys at the start of the line, without '- ' before them "
                              "(see the example at the top of the file)")
        how = {"array": "a list here, each entry on a line of its own starting with '- '",
               "object": "keys with their values here, each on a line of its own ('key: value')",
               "string": "text here", "integer": "a whole number here", "number": "a number here",
               "boolean": "true or false here"}
        first = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
        return ctx.report(name, path, f"expected {expected}, found {describe(value)}",
                          f"write {how.get(first, expected)}" + (f" ({_lower(described)})" if described else ""))
    if kind == "enum":
        options = [str(o) for o in error.validator_value]
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.5)
        return ctx.report(name, path, f"'{value}' is not one of: {', '.join(options)}",
                          f"did you mean '{close[0]}'?" if close else f"write one of: {', '.join(options)}")
    if kind in ("pattern", "oneOf"):
        return _format_problem(ctx, name, path, value, schema)
    if kind in ("minimum", "maximum"):
        bound = error.validator_value
        return ctx.report(name, path, f"{value} is not allowed here ({error.message.split(' is ')[-1]})",
                          f"use {bound} or {'more' if kind == 'minimum' else 'less'}" + (f" ({described})" if described else ""))
    if kind == "minItems":
        return ctx.report(name, path, "the list is empty", "add at least one entry" + (f" ({_lower(described)})" if described else ""))
    if kind in ("minLength", "minProperties"):
        return ctx.report(name, path, "this is empty", "write the value" + (f" ({_lower(described)})" if described else "")
                          + ", or remove the key")
    if kind == "uniqueItems":
        return ctx.report(name, path, "the list names an entry twice", "remove the repeated entry")
    if kind == "const":
        return ctx.report(name, path, f"'{value}' is not allowed here", f"write {error.validator_value!r}"
                          + (f" ({_lower(described)})" if described else ""))
    ctx.report(name, path, error.message, "correct the value" + (f" ({_lower(described)})" if described else ""))


# Keys indented further than the keys around them, which YAML then reads as part of the key above
# them (`public_holidays:` under `hours:`): their value or their name is wrong there, but where
# they belong, in the group of keys that holds that key, they would be right. Each is reported as
# that, with the fix to line it up, and marked unusable; their key paths, whose errors say no more.
def misplaced_keys(ctx: Context, name: str, validator, errors) -> set:
    doc = ctx.docs.get(name)
    candidates = set()
    for error in errors:
        path = tuple(error.absolute_path)
        if "propertyNames" in error.relative_schema_path:
            candidates.add(path + (error.instance,))
        elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = error.schema.get("properties", {})
            candidates |= {path + (key,) for key in error.instance if key not in allowed}
        elif path and isinstance(path[-1], str):
            candidates.add(path)
    found, tried = set(), 0
    for path in sorted(candidates, key=lambda p: (doc.lines.get(p, 0), str(p))):
        inside, key = path[:-1], path[-1]  # e.g. regions[1].hours and public_holidays
        if not inside or not isinstance(inside[-1], str) or not isinstance(key, str):
            continue
        outer = ctx.get(name, inside[:-1])
        if not isinstance(outer, dict) or key in outer or path not in doc.columns or inside not in doc.columns \
                or not (doc.lines[path] > doc.lines[inside] and doc.columns[path] > doc.columns[inside]):
            continue
        tried += 1
        if tried > _MAX_MOVES:  # each try validates the whole file again: a careless file gets the usual words
            break
        moved, renumbered = _moved(doc.data, inside, key)
        there = renumbered[:-1] + (key,)
        if any(tuple(e.absolute_path)[:len(there)] == there
               or (tuple(e.absolute_path) == renumbered[:-1] and e.validator == "additionalProperties"
                   and key not in e.schema.get("properties", {}))
               for e in validator.iter_errors(moved)):
            continue
        found.add(path)
        ctx.mark_broken(name, path)
        above = inside[-1]
        line, model, column = doc.lines[path], doc.lines[inside], doc.columns[inside]
        ctx.report(name, path, f"'{key}:' on line {line} is indented further than '{above}:' on line {model}, "
                   f"so it counts as part of {above}",
                   f"line up {key}: with {above}: and the other keys around it "
                   f"(indent it by {column} space{'s' if column != 1 else ''}, like line {model})")
    return found


_MAX_MOVES = 20


# The data with `key` moved from the group at `inside` to the group that holds it, and no more of the
# data than the way there (a list keeps the one entry on the way: a whole file is validated in a
# fraction of the time); and the path of `inside` in it.
def _moved(value, inside: tuple, key: str) -> tuple:
    if len(inside) == 1:
        outer, group = dict(value), dict(value[inside[0]])
        outer[key] = group.pop(key)
        outer[inside[0]] = group
        return outer, inside
    part = inside[0]
    child, rest = _moved(value[part], inside[1:], key)
    return ([child], (0,) + rest) if isinstance(value, list) else ({part: child}, (part,) + rest)


# A schema description inside a fix: "The company name." -> "the company name".
def _lower(text: str) -> str:
    text = text.strip().rstrip(".")
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


# Problems with values that have a format: times, zones, ids, dates, durations, texts.
def _format_problem(ctx: Context, name, path, value, schema):
    key = path[-1] if path else ""
    text = str(value)
    if name == "holidays" and len(path) == 2 and path[0] == "closures" and isinstance(value, dict):
        if "date" in value and "every_year" in value:
            return ctx.report(name, path + ("every_year",), "a closure has either date or every_year, not both",
                              "keep date: (with until: for several days) for one occasion, "
                              "or every_year: MM-DD for a day that recurs")
        return ctx.report(name, path, "the closure has no date",
                          "add date: YYYY-MM-DD (with until: for several days) or every_year: MM-DD")
    if schema.get("type") == "object" and not isinstance(value, dict):  # a list entry given as one value
        return ctx.report(name, path, f"expected a group of keys, found {describe(value)}",
                          "write the entry's keys with their values, each on a line of its own ('key: value'), "
                          "as in the example at the top of the file")
    if not isinstance(value, (str, list, dict)):
        return ctx.report(name, path, f"expected text, found {describe(value)}",
                          "write it as text, in quotes if it looks like a number or true/false"
                          + (f" ({_lower(schema['description'])})" if schema.get("description") else ""))
    if key == "zone":
        return ctx.report(name, path, f"'{text}' is not an IANA time zone name",
                          parsing.zone_fix(text))
    if key in ("id", "public_holidays") or id_kind(name, path) or (len(path) >= 2 and path[-2] == "regions" and isinstance(key, int)):
        suggestion = parsing.suggest_id(text, known_ids(ctx, id_kind(name, path)))
        return ctx.report(name, path, f"'{text}' is not a valid id (lowercase letters, digits and hyphens, starting with a letter)",
                          f"use '{suggestion}'" if suggestion else "write it like emea or phone-2026 (lowercase "
                          "letters, digits and hyphens, starting with a letter)")
    if key == "country" and name == "holidays":
        suggestion = suggest_country(text, ctx.languages)
        return ctx.report(name, path, f"'{text}' is not a country code",
                          f"use '{suggestion}'" if suggestion else "use an ISO 3166-1 code in capitals, such as DE")
    if key in ("date", "until", "from"):
        ymd = re.fullmatch(r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*", text)
        dmy = re.fullmatch(r"\s*(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\s*", text)
        parts = ymd.groups() if ymd else dmy.groups()[::-1] if dmy else None
        if parts and not FIRST_YEAR <= int(parts[0]) <= LAST_YEAR:
            parts = None
        return ctx.report(name, path, f"'{text}' is not a date",
                          f"write it as '{int(parts[0]):04d}-{int(parts[1]):02d}-{int(parts[2]):02d}' (YYYY-MM-DD)"
                          if parts else "write dates as YYYY-MM-DD, e.g. 2026-12-24")
    if name == "company" and len(path) == 2 and path[0] == "languages":
        return ctx.report(name, path, f"'{text}' is not a language code",
                          "use a two-letter ISO 639-1 code in lowercase, e.g. en, de or fr")
    if key == "announce_changes":
        weeks = re.fullmatch(r"\s*(\d{1,3}) ?weeks?\s*", text)
        weeks = weeks if weeks and int(weeks.group(1)) * 7 <= 366 else None  # 60 weeks: no form that is allowed
        return ctx.report(name, path, f"'{text}' is not a number of days",
                          f"write it as '{int(weeks.group(1)) * 7} days' (a number of days, 0 to 366)" if weeks else
                          "write how many days ahead the pages announce a change, e.g. 60 days (0 to 366)")
    if key == "every_year":
        return ctx.report(name, path, f"'{text}' is not a month and day", "write it as MM-DD, e.g. 12-24")
    if name == "notices" and key in ("start", "end", "updated"):
        return ctx.report(name, path, f"'{text}' is not a date and time",
                          "write it as YYYY-MM-DD HH:MM (24-hour time), e.g. 2026-12-24 12:00, or a date alone for a whole day")
    if name == "notices" and key == "announce":
        suggestion = parsing.suggest_lead_time(text)
        return ctx.report(name, path, f"'{text}' is not a lead time",
                          f"write it as '{suggestion}'" if suggestion else "write e.g. 14 days, 2 weeks or 48 hours")
    if key in ("first_response", "update_interval", "business_day"):
        suggestion = parsing.suggest_duration(text)
        return ctx.report(name, path, f"'{text}' is not a duration",
                          f"write it as '{suggestion}'" if suggestion else "write e.g. 30 minutes, 4 hours or 2 business days")
    if key == "version" and path == ("version",):
        return ctx.report(name, path, f"'{text}' is not a version customers can cite",
                          "use letters, digits, spaces and . - _ / : + ( ), at most 40 characters, "
                          "starting with a letter or digit, e.g. 2026-2")
    # "mailto:" or "tel:" before an address: the pages make the link themselves (mailto:mailto:...).
    # The fix is the address alone only where that is one: "?subject=..." goes, a number's dashes
    # become spaces; "tel:089 1234567" (no country code) gets the form instead.
    scheme = re.match(r"\s*(mailto|tel|callto|sms)\s*:\s*", text, re.IGNORECASE)
    if key == "address" and scheme and text[scheme.end():]:
        alone = text[scheme.end():].split("?")[0].strip()
        if scheme.group(1).lower() != "mailto":
            alone = " ".join(re.sub(r"[-./()]", " ", alone).split())
        # (an address the schema's own pattern takes, the one this value failed)
        fix = f"write the address alone: {alone}" if re.search(schema.get("pattern", "$^"), alone) else \
            f"write the address alone, without '{scheme.group(0).strip()}'" + (
                "" if scheme.group(1).lower() == "mailto" else
                ": + and the country code, then digits and spaces, e.g. +49 89 1234 5678")
        return ctx.report(name, path, f"'{text}' starts with '{scheme.group(0).strip()}': the pages make the link "
                          "themselves", fix)
    if key == "address" and re.match(r"\s*http://\S", text, re.I):
        return ctx.report(name, path, f"'{text}' is a link without encryption (http://): the pages link only to "
                          "https:// addresses", f"write it with https://: https://{text.strip()[7:]}")
    if key == "address":
        return ctx.report(name, path, f"'{text}' is not a link, email address or phone number",
                          "write a https:// link, an address like support@example.com, or a number starting with +")
    if key == "url":
        return ctx.report(name, path, f"'{text}' is not the site's address",
                          "write it as https://host/ with a final /")
    if key == "categories" or (len(path) >= 2 and path[-2] == "categories"):
        return ctx.report(name, path, f"'{text}' is not a holiday category", "use lowercase words like public or catholic")
    if "hours" in path:
        return _hours_problem(ctx, name, path, value)
    if isinstance(value, dict):
        bad = [k for k in value if not (isinstance(k, str) and len(k) == 2 and k.islower())]
        if bad:
            # {en: “Munich, Germany”, ...}: typographic quotes are text to YAML, so the comma ends
            # the text and "Germany”" reads as the next language's code.
            opened = next(((lang, item) for lang, item in value.items() if isinstance(item, str)
                           and item[:1] in _TYPOGRAPHIC_QUOTES and str(bad[0])[-1:] in _TYPOGRAPHIC_QUOTES), None)
            if opened:
                words = f"{opened[1]}, {bad[0]}".strip(_TYPOGRAPHIC_QUOTES)
                quoted = yaml_quoted(words)
                return ctx.report(name, path + (bad[0],), f"'{bad[0]}' is not a language code: the text's typographic "
                                  f"quotes ({opened[1][0]} {str(bad[0])[-1]}) are not quotes to YAML, so its comma ends the text",
                                  f"write the text in straight quotes: {opened[0]}: {quoted}")
            # {en:USA, de:USA}: without a space after the colon YAML reads "en:USA" as one word, a
            # key without a text. Each such text is said (each one's own line), with its fix.
            glued = [(k, m) for k in bad if (m := re.fullmatch(r"([a-z]{2}):(\S.*)", str(k), re.S))]
            if glued:
                for key, match in glued:
                    lang, text = match.groups()
                    plain = _PLAIN_IN_BRACES.fullmatch(text) and isinstance(yaml.safe_load(text), str)
                    text = text if plain else yaml_quoted(text)  # quoted: "123", "null", "a: b" stay text
                    ctx.report(name, path + (key,), f"'{key}' has no space after '{lang}:', so YAML reads it as one "
                               "word, not as a language and its text", f"put a space after the colon: {lang}: {text}")
                return None
            return ctx.report(name, path + (bad[0],), f"'{bad[0]}' is not a language code",
                              "translations are keyed by two-letter codes, e.g. en: ... and de: ...")
        for lang, item in value.items():
            if item is None:
                return ctx.report(name, path + (lang,), f"the {lang} text is missing after '{lang}:'",
                                  f"write the text after '{lang}:' on the same line")
            if not isinstance(item, str):
                return ctx.report(name, path + (lang,), f"expected text, found {describe(item)}",
                                  "put the text in quotes")
            if not item:
                return ctx.report(name, path + (lang,), "this text is empty", "write the text between the quotes")
        return ctx.report(name, path, "expected text, or one text per language", "e.g. {en: ..., de: ...}")
    ctx.report(name, path, f"expected text, found {describe(value)}",
               "write it as in the example at the top of the file"
               + (f" ({_lower(schema['description'])})" if schema.get("description") else ""))


def _hours_problem(ctx: Context, name, path, value):
    listed = _ranges_without_brackets(value)
    if listed:  # "monday to friday: 09:00-12:00, 13:00-17:00"
        ranges, read = listed
        note = f" (times are 24-hour: {', '.join(f'{w} read as {r}' for w, r in read)})" if read else ""
        return ctx.report(name, path, f"'{value}' is not a time range",
                          f"write several time ranges as a list in brackets: {path[-1]}: [{', '.join(ranges)}]{note}")
    values = value if isinstance(value, list) else [value]
    after = None  # where the range before ends: "[9-12, 1-5]" reads 1-5 as 13:00-17:00
    for index, item in enumerate(values):
        where = path + (index,) if isinstance(value, list) else path
        if isinstance(item, str) and parsing.parse_time_range(item):
            after = item.split("-")[1].strip()
            continue
        if isinstance(item, str) and item.strip().lower() == "closed" and not isinstance(value, list):
            continue
        reading = parsing.time_range_reading(str(item), after)
        after = reading[1] if reading else None
        suggestion = reading and f"{reading[0]}-{reading[1]}"
        if suggestion == str(item).strip():  # e.g. 24:00-06:00: well formed, but 24:00 only ends a day
            suggestion = None
        if not suggestion:
            fix = "write opening and closing time in 24-hour form, e.g. 09:00-17:00; 24:00 can only be a closing time"
        elif len(reading[2]) > 1:  # after the range before it: both times the afternoon's
            fix = (f"write it as '{suggestion}' (times are 24-hour: "
                   f"{', '.join(f'{w} read as {r}' for w, r in reading[2])})")
        elif reading[2]:  # an end hour of a 12-hour clock, read as the afternoon's
            (written, read), = reading[2]
            fix = (f"write it as '{suggestion}' (times are 24-hour: {written} read as {read}; "
                   f"for a shift past midnight until {int(read[:2]) - 12:02d}{read[2:]} write "
                   f"'{reading[0]}-{int(read[:2]) - 12:02d}{read[2:]}')")
        else:
            fix = f"write it as '{suggestion}' (24-hour time, opening-closing" + \
                ("; it runs past midnight into the next day)" if reading[1] < reading[0] else ")")
        ctx.report(name, where, f"'{item}' is not a time range", fix)


# Time ranges written one after another without the brackets of a list ("09:00-12:00, 13:00-17:00"):
# each in 24-hour form with the times read as the afternoon's ("9-12, 1-5": 1 read as 13:00), or
# None when the text is not two or more ranges separated by commas.
def _ranges_without_brackets(value) -> tuple | None:
    parts = [part.strip() for part in value.split(",")] if isinstance(value, str) else []
    if len(parts) < 2:
        return None
    ranges, read, after = [], [], None
    for part in parts:
        reading = (part, part, []) if parsing.parse_time_range(part) else parsing.time_range_reading(part, after)
        if not reading:
            return None
        if parsing.parse_time_range(part):
            ranges.append(part)
            after = part.split("-")[1].strip()
        else:
            ranges.append(f"{reading[0]}-{reading[1]}")
            read += reading[2]
            after = reading[1]
    return ranges, read


# The kind of id a key path holds ("region", "calendar", ...), or None.
def id_kind(name: str, path) -> str | None:
    pattern = tuple("*" if isinstance(part, int) else part for part in path)
    return next((kind for kind, places in _ID_PLACES.items() if (name, pattern) in places), None)


# The well-formed ids of one kind written anywhere in the policy, to suggest from.
def known_ids(ctx: Context, kind: str | None) -> set:
    found = set()
    for name, pattern in _ID_PLACES.get(kind, ()):
        found |= {v for v in _values(ctx.get(name, ()), pattern) if isinstance(v, str) and _ID.fullmatch(v)}
    return found


def _values(value, pattern):
    if not pattern:
        yield value
    elif pattern[0] == "*" and isinstance(value, list):
        for item in value:
            yield from _values(item, pattern[1:])
    elif isinstance(value, dict) and pattern[0] in value:
        yield from _values(value[pattern[0]], pattern[1:])


# The ISO code of a country the holidays package knows, from its code in any case ("sg"), its
# English or local name ("Singapore", "Deutschland") or an alias ("UK"), allowing a small typo.
def suggest_country(text: str, languages=()) -> str | None:
    names = _country_names(tuple(sorted({"en", "de", *languages})))
    key = _letters(text)
    if key in names:
        return names[key]
    close = difflib.get_close_matches(key, [n for n in names if len(n) > 3], n=1, cutoff=0.8)
    return names[close[0]] if close else None


@functools.cache
def _country_names(languages: tuple) -> dict:
    from holidays.registry import COUNTRIES  # on first use: a build of checked files does without

    names: dict = {}
    for module, (cls, code, *aliases) in COUNTRIES.items():
        for name in (code, *aliases, cls, module):
            names.setdefault(_letters(name), code)
    supported = set(names.values())
    for lang in languages:
        try:
            territories = Locale.parse(lang).territories
        except (ValueError, LookupError, UnknownLocaleError):  # a language CLDR lacks: company.yml names it
            continue
        for code, name in territories.items():
            if code in supported:
                names.setdefault(_letters(name), code)
    return names


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", parsing.fold(str(text)))


# The country code a calendar names, when the holidays package knows it.
def supported_countries() -> set:
    from holidays.registry import COUNTRIES

    return {names[1] for names in COUNTRIES.values()}


_TYPOGRAPHIC_QUOTES = "\u201c\u201d\u201e\u2018\u2019\u201a\u00ab\u00bb\u2039\u203a"
# A text YAML reads as written inside {...} without quotes: none of its indicators or separators.
_PLAIN_IN_BRACES = re.compile(r"[^:#{}\[\],&*!|>%@`'\"]+")


# The first space character other than the space, tab and line breaks in `text`, named:
# "no-break space (U+00A0)"; else None.
def _odd_space(text: str) -> str | None:
    found = re.search(r"[^\S \t\r\n]", text)
    return f"{unicodedata.name(found.group(0), 'space').lower()} (U+{ord(found.group(0)):04X})" if found else None
