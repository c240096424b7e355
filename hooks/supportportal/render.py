# Pages are Markdown with Jinja2 expressions; this module gives them the policy's facts and the
# HTML blocks built from them (tables, lists, widget containers). Every value is escaped.

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import jinja2
from markupsafe import Markup, escape

from . import catalog, closures, parsing, textfmt
from .model import Policy

class PageError(Exception):
    pass


# Markdown syntax characters as character references, so a policy text placed in a page's
# Markdown ("Company *offsite*", "[internal]") reads literally instead of turning into markup.
_MARKDOWN = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+!|~"})


def _literal(value):
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return Markup(str(escape(value)).translate(_MARKDOWN))


# Private-use characters around an untranslated text: they pass Jinja, Markdown and escaping
# untouched, and are replaced by markup once the page is HTML.
FALLBACK_OPEN, FALLBACK_CLOSE = "\ue000", "\ue001"
_FALLBACK = re.compile(f"{FALLBACK_OPEN}(.*?){FALLBACK_CLOSE}", re.S)
# The same kind of markers around every policy text: the page check skips them (policy texts are
# checked when the policy is loaded, and "Error 500 on login" is a fine example), then they go.
POLICY_OPEN, POLICY_CLOSE = "\ue002", "\ue003"
_POLICY = re.compile(f"{POLICY_OPEN}.*?{POLICY_CLOSE}", re.S)


def strip_policy_markers(html: str) -> str:
    return html.replace(POLICY_OPEN, "").replace(POLICY_CLOSE, "")


# The untranslated text is marked as the first language's; the note stays in the page's
# language, outside that mark, so screen readers read it as the page's words.
def mark_fallbacks(html: str, fallback_lang: str, note: str) -> str:
    return _FALLBACK.sub(
        lambda m: f'<span class="support-untranslated" title="{escape(note)}"><span lang="{fallback_lang}">'
                  f'{m.group(1)}</span><span class="support-untranslated__note"> ({escape(note)})</span></span>', html)


# One Jinja environment per build; pages that use a name the policy does not define fail loudly.
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        undefined=jinja2.StrictUndefined, autoescape=True, keep_trailing_newline=True, finalize=_literal,
        extensions=[],  # no trim_blocks: Markdown is sensitive to line breaks
    )


# Render one page's Markdown with the policy facts for its language.
def render_page(env: jinja2.Environment, source: str, context: dict, page: str) -> str:
    try:
        return env.from_string(source).render(context)
    except jinja2.UndefinedError as error:
        missing = re.search(r"'([^']+)' is undefined", str(error))
        name = missing.group(1) if missing else str(error)
        known = ", ".join(sorted(k for k in context if not k.startswith("_")))
        raise PageError(f"{page} uses '{name}', which the policy does not define. Names a page can use: {known}") from None
    except jinja2.TemplateSyntaxError as error:
        raise PageError(f"{page}, line {error.lineno}: broken placeholder: {error.message}") from None
    except jinja2.TemplateError as error:
        raise PageError(f"{page}: {error}") from None


class Facts:
    """The facts and blocks a page can use, in one language."""

    def __init__(self, policy: Policy, lang: str, today: dt.date):
        self.policy, self.lang, self.today = policy, lang, today
        self.words = catalog.get(lang)  # the portal's own words: locales/<lang>.yml
        self.prefix = "" if lang == policy.languages[0] else f"{lang}/"  # this edition's folder

    # A policy text in this page's language; with missing_translations: fallback, the first
    # language's text between markers that mark_fallbacks() turns into a marked <span>.
    def t(self, text) -> str:
        if text.has(self.lang):
            return POLICY_OPEN + text.get(self.lang) + POLICY_CLOSE
        return POLICY_OPEN + FALLBACK_OPEN + text.get(self.policy.languages[0]) + FALLBACK_CLOSE + POLICY_CLOSE

    # A text of the portal's catalog; under missing_translations: fallback a text the catalog
    # lacks is the first language's, marked like an untranslated policy text.
    def say(self, key: str, n=None, **values) -> str:
        text = self.words(key, n, **values)
        return FALLBACK_OPEN + text + FALLBACK_CLOSE if self.words.is_fallback(key) else text

    # The names pages may use, e.g. {{ company }} or {{ hours_table() }}.
    def context(self) -> dict:
        p = self.policy
        return {
            "company": p.company, "city": self.t(p.city), "country": self.t(p.country),
            "regions": [self.t(r.name) for r in p.regions],
            "channel_count": len(p.channels), "channel_count_words": textfmt.count_word(len(p.channels), self.lang),
            "hours_table": self.hours_table, "holiday_rule": self.holiday_rule,
            "channels_intro": self.channels_intro, "channels_list": self.channels_list,
            "communication": self.communication, "priority_table": self.priority_table,
            "business_hours_rule": self.business_hours_rule, "resolution_steps": self.resolution_steps,
            "customer_duties": self.customer_duties, "maintenance_list": self.maintenance_list,
            "enhancements_answer": self.enhancements_answer, "warranty_list": self.warranty_list,
            "status_widget": self.status_widget, "calculator": self.calculator,
            "language_hint": self.language_hint,
            "holiday_calendar": self.holiday_calendar, "next_closure": self.next_closure,
            "calendar_subscribe_url": "webcal://" + p.site_url.split("://", 1)[1] + self.prefix + "support.ics",
        }

    def hours_table(self) -> Markup:
        say = self.say
        rows = []
        for region in self.policy.regions:
            weekly = textfmt.weekly_rows(region, self.lang) or [("", textfmt.phrase(self.lang, "hours.closed"))]
            for i, (days, hours) in enumerate(weekly):
                head = (f'<th scope="row" rowspan="{len(weekly)}">{escape(self.t(region.name))}</th>' if i == 0 else "")
                zone = (f'<td rowspan="{len(weekly)}" data-zone="{escape(region.zone)}">'
                        f"{escape(textfmt.zone_label(region.zone, self.lang, self.today.year))}</td>" if i == 0 else "")
                rows.append(f'<tr data-region="{escape(region.id)}">{head}<td>{escape(days)}</td>'
                            f"<td>{escape(hours)}</td>{zone}</tr>")
        return Markup(
            f'<div class="support-hours">\n<table>\n<caption>{escape(say("hours.caption"))}</caption>\n'
            f'<thead><tr><th scope="col">{escape(say("hours.region"))}</th><th scope="col">{escape(say("hours.days"))}</th>'
            f'<th scope="col">{escape(say("hours.hours"))}</th><th scope="col">{escape(say("hours.zone"))}</th></tr></thead>\n'
            f"<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</div>\n"
        )

    # "All support times exclude public holidays in Munich, Germany."
    def holiday_rule(self) -> str:
        used = [c for c in self.policy.calendars if any(r.calendar == c.id for r in self.policy.regions)]
        if not used:
            return self.say("holidays.none")
        return self.say("holidays.rule", calendars=textfmt.join_words([self.t(c.name) for c in used], self.lang))

    def communication(self) -> str:
        written = all(c.written for c in self.policy.channels)
        return self.say("channels.written" if written else "channels.mixed")

    # "There are three ways to contact us:" with the number taken from the list that follows.
    def channels_intro(self) -> str:
        n = len(self.policy.channels)
        return self.say("channels.intro", n, count=textfmt.count_word(n, self.lang))

    def channels_list(self) -> Markup:
        items = []
        for ch in self.policy.channels:
            desc = f" – {escape(self.t(ch.description))}" if ch.description else ""
            items.append(f'<li data-channel="{escape(ch.id)}"><strong>{escape(self.t(ch.name))}</strong>: '
                         f'<a href="{escape(ch.href)}">{escape(ch.address)}</a>{desc}</li>')
        return Markup('<ul class="support-channels">\n' + "\n".join(items) + "\n</ul>\n")

    def _target(self, target) -> str:
        return textfmt.duration_words(target.minutes, target.business, self.policy.business_day_minutes, self.lang)

    def priority_table(self) -> Markup:
        say = self.say
        rows = []
        for p in self.policy.priorities:
            examples = "".join(f"<li>{escape(self.t(e))}</li>" for e in p.examples)
            updates = (textfmt.every_words(p.update_interval.minutes, p.update_interval.business,
                                           self.policy.business_day_minutes, self.lang)
                       if p.update_interval else say("priorities.updates_none"))
            coverage = say("priorities.around_the_clock" if p.around_the_clock else "priorities.business_hours")
            rows.append(
                f'<tr data-priority="{escape(p.id)}"><th scope="row">{escape(self.t(p.name))}</th>'
                f"<td>{escape(self.t(p.definition))}</td><td><ul>{examples}</ul></td>"
                f'<td data-minutes="{p.first_response.minutes}">{escape(self._target(p.first_response))}</td>'
                f"<td>{escape(coverage)}</td><td>{escape(updates)}</td></tr>"
            )
        head = "".join(f'<th scope="col">{escape(say("priorities." + k))}</th>' for k in
                       ("priority", "definition", "examples", "first_response", "coverage", "updates"))
        return Markup(
            f'<div class="support-priorities">\n<table>\n<caption>{escape(say("priorities.caption"))}</caption>\n'
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</div>\n"
        )

    def business_hours_rule(self) -> str:
        days = "; ".join(
            f"{self.t(r.name)}: " + ", ".join(f"{d} {h}" for d, h in textfmt.weekly_rows(r, self.lang))
            + f" {textfmt.zone_abbreviations(r.zone, self.lang, self.today.year)}"
            for r in self.policy.regions
        )
        hours = self.policy.business_day_minutes / 60
        return self.say("priorities.business_rule", days=days, day=f"{hours:g}")

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
            hours = "; ".join(f"{days} {times}" for days, times in textfmt.weekly_rows(region, self.lang))
            zone = textfmt.zone_abbreviations(region.zone, self.lang, self.today.year)
            rows.append(f'<li class="support-status__region" data-support-placeholder="{escape(region.id)}">'
                        f'<span class="support-status__name">{escape(self.t(region.name))}</span>'
                        f'<span class="support-status__detail">{escape(hours)} {escape(zone)}</span></li>')
        return Markup('<div class="support-status" data-support-status>\n<ul class="support-status__list">\n'
                      + "\n".join(rows) + "\n</ul>\n</div>\n")

    # Filled by portal.js when the reader's browser prefers another edition's language.
    def language_hint(self) -> Markup:
        if len(self.policy.languages) < 2:
            return Markup("")
        return Markup('<div class="support-language-hint" data-support-language-hint hidden></div>\n')

    def calculator(self) -> Markup:
        return Markup('<div class="support-calculator" data-support-calculator hidden></div>\n')

    # Every closure within the horizon, one table per year. The next one from the build date on is
    # marked by a "Next closure:" label in its row, not by colour alone (<mark> adds the theme's).
    def holiday_calendar(self) -> Markup:
        say, lang = self.say, self.lang
        first, last = self.policy.horizon
        days = closures.closure_days(self.policy)
        local = closures.local_language(self.policy)
        upcoming = next((d.date for d in days if d.date >= self.today), None)

        # "Closed", "Open 10:00–14:00 CET", or for regions in several zones
        # "Open 10:00–14:00 local time (EMEA: CET, USA: EST)".
        def support(day) -> str:
            if not day.hours:
                return say("calendar.closed")
            hours = textfmt.format_intervals(day.hours, lang)
            zones = {r.zone: textfmt.zone_abbreviation(r.zone, day.date, lang) for r in day.regions}
            if len(zones) == 1:
                return say("calendar.special", hours=hours, zone=next(iter(zones.values())))
            return say("calendar.special_zones", hours=hours, zones=", ".join(f"{self.t(r.name)}: {zones[r.zone]}"
                                                                             for r in day.regions))

        def regions(day) -> str:
            if len(day.regions) == len(self.policy.regions):
                return say("calendar.all_regions")
            return textfmt.join_words([self.t(r.name) for r in day.regions], lang)

        horizon = say("calendar.horizon", first=textfmt.format_long_date(first, lang, weekday=False),
                      last=textfmt.format_long_date(last, lang, weekday=False))
        out = [f'<p class="support-calendar-horizon">{escape(horizon)}</p>\n']
        for year in range(first.year, last.year + 1):
            rows = []
            for day in (d for d in days if d.date.year == year):
                is_next = day.date == upcoming
                lead = f'<strong class="support-next__label">{escape(say("calendar.next_closure"))}</strong> ' if is_next else ""
                mark = ' class="support-next"' if is_next else ""
                name = escape(closures.display_name(day.name, lang, local, self.policy.languages[0]))
                name = Markup(f"<mark>{name}</mark>") if is_next else name
                rows.append(
                    f'<tr{mark} data-date="{day.date.isoformat()}" '
                    f'data-kind="{day.kind}"><td><time datetime="{day.date.isoformat()}">'
                    f"{escape(textfmt.format_long_date(day.date, lang))}</time></td>"
                    f"<td>{lead}{name}</td>"
                    f"<td>{escape(support(day))}</td><td>{escape(regions(day))}</td></tr>"
                )
            if not rows:
                out.append(f'<div class="support-calendar" data-year="{year}">\n'
                           f'<p>{escape(say("calendar.no_closures", year=year))}</p>\n</div>\n')
                continue
            head = "".join(f'<th scope="col">{escape(say("calendar." + k))}</th>'
                           for k in ("date", "closure", "support", "regions"))
            out.append(
                f'<div class="support-calendar" data-year="{year}">\n<table>\n'
                f'<caption>{escape(say("calendar.caption", year=year))}</caption>\n'
                f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</div>\n"
            )
        return Markup("\n".join(out))

    # "Christmas Eve (Heiligabend), Thursday, 24 December 2026" for "The next one is ...", with the
    # regions when it does not apply to all.
    def next_closure(self) -> str:
        day = next((d for d in closures.closure_days(self.policy) if d.date >= self.today), None)
        if day is None:
            return self.say("calendar.next_none", last=textfmt.format_long_date(self.policy.horizon[1], self.lang, weekday=False))
        local = closures.local_language(self.policy)
        text = (f"{closures.display_name(day.name, self.lang, local, self.policy.languages[0])}, "
                f"{textfmt.format_long_date(day.date, self.lang)}")
        if len(day.regions) < len(self.policy.regions):
            text = self.say("calendar.next_where", text=text,
                            regions=textfmt.join_words([self.t(r.name) for r in day.regions], self.lang))
        return text


# What must never reach a reader: unrendered placeholders, CMS shortcodes, error strings.
FORBIDDEN = (
    *parsing.ARTIFACTS,
    (re.compile(r"^\s*(?:Error\b|Fatal error|Parse error|Warning:|Notice:|Exception\b)[^.]*$", re.M), "an error message"),
    (re.compile(r"Traceback \(most recent call last\)|\bUndefined\b|\bundefined\b|\bNaN\b|\[object Object\]"), "an error message"),
)


class _TextCollector(HTMLParser):
    SKIP = {"code", "pre", "script", "style", "kbd", "samp"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.blocks: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth and data.strip():
            self.blocks.append(data.strip())


# The problems of one rendered page, as (what, excerpt).
def unrendered(html: str) -> list[tuple[str, str]]:
    collector = _TextCollector()
    collector.feed(_POLICY.sub(" ", html))
    found = []
    for block in collector.blocks:
        for pattern, what in FORBIDDEN:
            match = pattern.search(block)
            if match:
                found.append((what, match.group(0).strip()[:60]))
    return found
