# The catalogs of the portal's own words: every key the code asks for exists in every language,
# every key of the catalogs is used, and a translator's mistake stops the build naming the
# catalog file, the key and the fix.

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project
from supportportal import catalog, render, site
from supportportal.loading import PolicyError
from timelimit import time_limit

TODAY = dt.date(2026, 11, 27)
PYTHON = sorted((ROOT / "hooks").rglob("*.py"))
# The widget's sources: support-widget.js and the modules it loads (support-pages.js, support-calculator.js).
WIDGETS = [ROOT / "overrides" / "assets" / "javascripts" / f"support-{name}.js" for name in ("widget", "pages", "calculator")]
# The feed's functions (support-status.js gathers them): the states they name are widget words.
FEED_JS = [ROOT / "overrides" / "assets" / "javascripts" / f"support-{name}.js" for name in ("schedule", "ahead")]
PORTAL_JS = ROOT / "overrides" / "assets" / "javascripts" / "portal.js"


def portal(root: Path, lang: str | None = None) -> site.Portal:
    with time_limit(30, "loading the policy and the catalogs"):
        return site.Portal(root, TODAY, lang)


def problems(error: PolicyError) -> list[str]:
    return [str(p) for p in error.problems]


# Keys the Python code asks for: say("..."), phrase(lang, "..."), words("..."), catalog.get(lang)("...").
def keys_in_python() -> set:
    call = re.compile(r'(?:say|words|\)|phrase\(\w+,)\(?\s*"([a-z_]+\.[a-z_.]+)"')
    return {key for path in PYTHON for key in call.findall(path.read_text(encoding="utf-8"))}


def test_every_key_the_code_asks_for_exists():
    reference = catalog.reference_keys()
    asked = keys_in_python()
    assert len(asked) > 40
    assert not asked - reference


# A key is used when the code names it, or composes it from its prefix ("priorities." + k,
# f"duration.{unit}") and names the rest; the widget's keys are used by the browser scripts.
def test_every_key_of_the_catalogs_is_used():
    code = "\n".join(path.read_text(encoding="utf-8") for path in PYTHON)
    scripts = "\n".join(p.read_text(encoding="utf-8") for p in (*WIDGETS, *FEED_JS, PORTAL_JS))
    unused = []
    for key in sorted(catalog.reference_keys()):
        prefix, _, rest = key.partition(".")
        if re.search(rf'["\']{re.escape(key)}["\']', code):
            continue
        if key.startswith("widget."):
            base = rest.removesuffix("_today")
            if re.search(rf'\bs\.{rest}\b|"{base}"', scripts) and (base == rest or '"_today"' in scripts):
                continue
        composed = re.search(rf'"{prefix}\." \+|f"{prefix}\.\{{', code)
        if composed and re.search(rf'"{re.escape(rest)}"', code):
            continue
        unused.append(key)
    assert unused == []


# What the browser scripts read (s.open, t.hint) is in the words the build writes for them.
def test_browser_scripts_find_their_words(tmp_path):
    words = portal(copy_project(tmp_path / "project")).generated_files()["assets/javascripts/locales/de.json"]
    import json
    words = json.loads(words)
    read = {key for p in WIDGETS for key in re.findall(r"\bs\.(\w+)", p.read_text())} | set(re.findall(r"\bt\.(\w+)", PORTAL_JS.read_text()))
    assert len(read) > 15
    assert not read - set(words)
    assert words["open"] == "Geöffnet" and words["hint"] == "Diese Seite gibt es auch auf Deutsch."


# Each edition's pages carry its browser words as data (overrides/main.html writes this text into a
# <script type="application/json">; tests/test_widget.py reads it back from a built page), escaped so
# that no word can end the element: a project's catalog saying "</script>" stays text.
def test_page_words_cannot_end_their_script_element(tmp_path):
    import json

    root = copy_project(tmp_path / "project")
    (root / "locales").mkdir()
    (root / "locales" / "de.yml").write_text('widget.open: "</script><!-- & Geöffnet"\n', encoding="utf-8")
    edition = portal(root, "de")

    class Config:
        site_name = site_description = site_url = None

    config = Config()
    config.extra, config.theme = {}, {}
    edition.configure(config)
    text = config.extra["support_portal"]["words"]
    assert "<" not in text and ">" not in text
    words = json.loads(text)
    assert words == json.loads(edition.generated_files()["assets/javascripts/locales/de.json"])
    assert words["open"] == "</script><!-- & Geöffnet"


def test_built_in_catalogs_are_complete():
    catalogs = catalog.load_catalogs(None, ("en", "de"))
    for words in catalogs.values():
        assert set(words.texts) == catalog.reference_keys() and not words.fallback
    assert (catalogs["en"].locale, catalogs["de"].locale) == ("en_GB", "de_DE")


def test_plural_forms_follow_the_language():
    de = catalog.load_catalogs(None, ("de",))["de"]
    assert [de("duration.hours", n, count=n) for n in (1, 2)] == ["1 Stunde", "2 Stunden"]
    assert [de("every.business_days", n, count=n) for n in (1, 3)] == ["jeden Arbeitstag", "alle 3 Arbeitstage"]
    assert de.join(["EMEA", "USA", "APAC"]) == "EMEA, USA und APAC"
    assert catalog.load_catalogs(None, ("en",))["en"].join(["EMEA", "USA", "APAC"]) == "EMEA, USA and APAC"


# A project's own catalog: French from locales/fr.yml, German words overridden by locales/de.yml.
def write_catalog(project: Path, lang: str, text: str) -> None:
    (project / "locales").mkdir(exist_ok=True)
    (project / "locales" / f"{lang}.yml").write_text(text, encoding="utf-8")


def add_language(project: Path, lang: str, fallback: bool = False) -> None:
    company = project / "policy" / "company.yml"
    extra = "\nmissing_translations: fallback" if fallback else ""
    company.write_text(company.read_text().replace("languages: [en, de]", f"languages: [en, de, {lang}]{extra}"))


def test_a_project_catalog_overrides_built_in_words(tmp_path):
    project = copy_project(tmp_path / "project")
    write_catalog(project, "de", 'hours.caption: "Unsere Supportzeiten"\n')
    html = portal(project, "de").context["hours_table"]()
    assert "<caption>Unsere Supportzeiten</caption>" in html
    assert "<th scope=\"col\">Zeitzone</th>" in html


# A priority's name inside a sentence in the catalog's form (quoted), and a channel's name and
# address joined by the catalog's punctuation.
def test_names_in_sentences_take_the_catalogs_form(tmp_path):
    project = copy_project(tmp_path / "project")
    channels = project / "policy" / "channels.yml"
    channels.write_text(channels.read_text(encoding="utf-8").replace(
        "    type: email\n", "    type: email\n    priorities: [p1, p2]\n", 1), encoding="utf-8")
    write_catalog(project, "de", 'priorities.name_in_text: "„{name}“"\nchannels.address: "{name} – {address}"\n')
    html = render.strip_policy_markers(str(portal(project, "de").context["channels_list"]()))
    assert "Nur für Störungen der Priorität „Kritisch“ und „Hoch“." in re.sub(r"<[^>]+>", "", html)
    assert '<strong>E-Mail</strong> – <a href="mailto:support@smartwork.example">' in html


def test_a_language_without_a_catalog_is_explained(tmp_path):
    project = copy_project(tmp_path / "project")
    add_language(project, "uk", fallback=True)  # the holidays package names Germany's holidays in Ukrainian
    with pytest.raises(PolicyError) as error:
        portal(project)
    assert problems(error.value) == [
        "policy/company.yml, line 18, languages: 'uk' has no catalog of the portal's own words\n"
        "    Fix: copy hooks/supportportal/locales/en.yml to locales/uk.yml and translate its texts "
        "(keep the keys and the {placeholders}); a text that depends on a number needs the plural forms "
        "one:, few:, many:, other:"]


def test_a_missing_key_stops_the_build_or_falls_back_marked(tmp_path):
    project = copy_project(tmp_path / "project")
    english = (ROOT / "hooks" / "supportportal" / "locales" / "en.yml").read_text(encoding="utf-8")
    # Ukrainian has the plural forms one, few, many and other.
    english = re.sub(r"\{one: (.*), other: (.*)\}", r"{one: \1, few: \2, many: \2, other: \2}", english)
    write_catalog(project, "uk", english.replace("locale: en_GB", "locale: uk_UA")
                  .replace("hours.caption: Support hours by region\n", ""))
    with pytest.raises(PolicyError) as error:
        catalog.load_catalogs(project, ("en", "de", "uk"))
    [problem] = problems(error.value)
    assert problem.startswith("locales/uk.yml, line 1, hours.caption: the uk text of 'hours.caption' is missing")
    assert "Fix: add hours.caption: ... (the en text: 'Support hours by region')" in problem
    assert "missing_translations: fallback" in problem

    add_language(project, "uk", fallback=True)
    uk = portal(project, "uk")
    html = uk.finish_html(str(uk.context["hours_table"]()))
    caption = re.search(r"<caption>(.*?)</caption>", html).group(1)
    assert caption == ('<span class="support-untranslated" title="not yet translated"><span lang="en">'
                       'Support hours by region</span><span class="support-untranslated__note"> '
                       '(not yet translated)</span></span>')


@pytest.mark.parametrize("line, message, fix", [
    ('hours.captoin: "Horaires"', "'hours.captoin' is not a key of the portal's catalogs", "did you mean 'hours.caption'?"),
    ('holidays.rule: "Fermé pendant {calendar}."', "'{calendar}' is not a placeholder of this text", "use {calendars}"),
    ('channels.intro: {one: "Un moyen"}', "a text that depends on a number needs the plural forms one:, other: "
     "(and few:, many: where the language has them) (other: is missing)", "give each form as text, at least other:"),
    # Keys nested as YAML groups: the whole key is the fix, and no plural form is asked for.
    ("widget: {closed: Zu, open: Offen}", "'widget' is not a key of the portal's catalogs: its keys are written whole, "
     "with the dot", "write 'widget.closed: ...' and 'widget.open: ...' at the start of a line"),
    ("count.words: [un, deux]", "expected a list of 11 texts", "write it like the en catalog"),
    ("locale: xx_YY", "'xx_YY' is not a locale Babel knows", "write it like de_DE or fr_CA"),
    ('hours.caption: "Horaires {"', "broken placeholder", "write placeholders as {name}"),
    # {day} and {time} stand for the live status's {at} apart, nowhere else.
    ('hours.caption: "Horaires {day}"', "'{day}' is not a placeholder of this text", "use no placeholder"),
    ('widget.opens: "Öffnet {day} um {time}, in {left}.{region}"', "'{region}' is not a placeholder of this text",
     "use {at}, {day}, {left}, {time}"),
])
def test_catalog_mistakes_name_the_file_line_and_key(tmp_path, line, message, fix):
    project = copy_project(tmp_path / "project")
    write_catalog(project, "de", f"# Eigene Wörter\n{line}\n")
    with pytest.raises(PolicyError) as error:
        portal(project)
    [problem] = problems(error.value)
    key = line.split(":")[0]
    assert problem.startswith(f"locales/de.yml, line 2, {key}: {message}"), problem
    assert f"Fix: {fix}" in problem


# A text that depends on a number gives every plural form of its language (CLDR), named with the
# language's list of forms; {day} and {time} are allowed apart where the reference has {at}.
def test_plural_forms_of_the_language_are_required_and_listed(tmp_path):
    project = copy_project(tmp_path / "project")
    french = (ROOT / "tests" / "fixtures" / "french" / "locales" / "fr.yml").read_text(encoding="utf-8")
    assert 'widget.opens: "Ouvre {day} à {time}' in french
    write_catalog(project, "fr", french.replace(
        'duration.hours: {one: "{count} heure", many: "{count} d’heures", other: "{count} heures"}',
        'duration.hours: {one: "{count} heure", other: "{count} heures"}'))
    with pytest.raises(PolicyError) as error:
        catalog.load_catalogs(project, ("en", "de", "fr"))
    [problem] = problems(error.value)
    assert problem.startswith("locales/fr.yml, line ") and ", duration.hours: the fr text has no plural form many:" in problem
    assert "Fix: add many: ...: fr (fr_FR) has the plural forms one:, many:, other: (CLDR)" in problem
    write_catalog(project, "fr", french)
    assert catalog.load_catalogs(project, ("en", "de", "fr"))["fr"]("duration.hours", 1_000_000) == "1000000 d’heures"


# en.yml's nav: block, the one a translator copies, has every title of mkdocs.yml's nav, in its order.
def test_the_reference_nav_block_has_every_title_of_the_menu():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = yaml.safe_load(text[text.index("\nnav:\n") + 1:text.index("\nhooks:")])["nav"]

    def titles(items):
        for item in items:
            for title, target in item.items():
                yield title
                if isinstance(target, list):
                    yield from titles(target)

    english = yaml.safe_load((ROOT / "hooks" / "supportportal" / "locales" / "en.yml").read_text(encoding="utf-8"))
    assert list(english["nav"]) == list(titles(nav))
    assert all(key == value for key, value in english["nav"].items())


# Holiday names: from the holidays package, else from names: in holidays.yml, else an error.
def test_holiday_names_missing_in_a_language_are_named(tmp_path):
    project = copy_project(tmp_path / "project")
    write_catalog(project, "fr", "locale: fr_FR\n")
    add_language(project, "fr", fallback=True)
    with pytest.raises(PolicyError) as error:
        portal(project)
    found = problems(error.value)
    # One problem for the calendar and the language, with every name missing as lines to paste.
    [found] = found
    assert found.startswith("policy/holidays.yml, line 51, calendars[1]: the holidays package has no fr names for DE, "
                            "and the calendar 'munich' gives none for 13 holidays: All Saints' Day, Ascension Day, ")
    assert ("    Fix: add to the calendar (by the English names; where a holiday has a line already, add fr: ... to it):\n"
            "    names:\n      All Saints' Day: {fr: ...}\n") in found and "      Good Friday: {fr: ...}\n" in found
    block = yaml.safe_load(found.split("to it):\n", 1)[1])
    assert len(block["names"]) == 13 and block["names"]["New Year's Day"] == {"fr": "..."}
    holidays = project / "policy" / "holidays.yml"
    names = "".join(f"      {n}: {{fr: Nom {i}}}\n" for i, n in enumerate(
        ["New Year's Day", "Epiphany", "Good Friday", "Easter Monday", "Labor Day", "Ascension Day", "Pentecost Monday",
         "Corpus Christi", "Assumption Day", "German Unity Day", "All Saints' Day", "Christmas Day", "Second Day of Christmas"]))
    holidays.write_text(holidays.read_text().replace("    categories: [public, catholic]\n",
                                                     "    categories: [public, catholic]\n    names:\n" + names.replace(
                                                         "New Year's Day", '"New Year\'s Day"').replace(
                                                         "All Saints' Day", '"All Saints\' Day"')))
    fr = portal(project, "fr")
    assert 'Nom 2 (<span lang="de">Karfreitag</span>)' in str(fr.context["holiday_calendar"]())
    holidays.write_text(holidays.read_text().replace("Good Friday:", "Good Fryday:"))
    with pytest.raises(PolicyError) as error:
        portal(project)
    assert any("'Good Fryday' is not a holiday of the calendar 'munich' in the published years or the 2 before "
               "and after them\n"
               "    Fix: did you mean 'Good Friday'?" in p for p in problems(error.value))


# A German edition of a region on Norway's holidays, with a German name for each holiday: the day
# of two (17 May 2027, Constitution Day and Pentecost Monday) needs no name of its own.
def test_a_day_of_two_holidays_is_named_by_theirs_in_an_edition(tmp_path):
    from test_policy_messages import NORWAY, NORWEGIAN_HOLIDAYS

    project = copy_project(tmp_path / "project")
    names = "    names:\n" + "".join(f'      "{en}": {{de: {de}}}\n' for en, de in NORWEGIAN_HOLIDAYS.items())
    holidays = project / "policy" / "holidays.yml"
    holidays.write_text(holidays.read_text().replace("closures: []", NORWAY.replace("{names}", names)))
    regions = project / "policy" / "regions.yml"
    regions.write_text(regions.read_text().replace("public_holidays: munich\n\n  - id: usa", "public_holidays: norway\n\n  - id: usa"))
    calendar = str(portal(project, "de").context["holiday_calendar"]())
    assert "Pfingstmontag; Verfassungstag" in calendar and "Constitution Day" not in calendar


# An edition without mkdocs.<lang>.yml takes its nav titles from the catalog: a section needs one.
def test_derived_edition_settings(tmp_path):
    project = copy_project(tmp_path / "project")
    write_catalog(project, "de", "nav: {Support: Hilfe, For developers: Entwickler}\n")
    de = portal(project, "de")
    nav = [{"Support": "index.md"}, {"Holiday calendar": "holidays.md"}, {"For developers": [{"Feed": "developers/index.md"}]}]
    settings = de.edition_settings("de", {"name": "material", "language": "en"}, nav)
    assert settings == {"docs_dir": str(project / "content" / "de"), "theme": {"name": "material", "language": "de"},
                        "nav": [{"Hilfe": "index.md"}, "holidays.md", {"Entwickler": ["developers/index.md"]}]}
    write_catalog(project, "de", "nav: {Support: Hilfe}\n")
    with pytest.raises(PolicyError) as error:
        portal(project, "de").edition_settings("de", "material", nav)
    assert problems(error.value) == [
        "locales/de.yml, line 1, nav: the nav section 'For developers' of mkdocs.yml has no de title\n"
        "    Fix: add to locales/de.yml:  nav: {For developers: ...}  (or write mkdocs.de.yml)"]


def test_untranslated_note_is_in_the_page_language():
    html = render.mark_fallbacks(f"{render.FALLBACK_OPEN}Support portal{render.FALLBACK_CLOSE}", "en", "noch nicht übersetzt")
    assert html == ('<span class="support-untranslated" title="noch nicht übersetzt"><span lang="en">Support portal</span>'
                    '<span class="support-untranslated__note"> (noch nicht übersetzt)</span></span>')


# One source for zone names per language: the hours page, the calendar and support.ics agree.
def test_zone_names_and_cities_in_the_language(tmp_path):
    from supportportal import ics, textfmt
    assert textfmt.zone_label("Asia/Singapore", "de") == "UTC+08:00 (Singapur)"
    assert textfmt.zone_label("Europe/Berlin", "de") == "MEZ/MESZ (Berlin)"
    assert textfmt.zone_label("Europe/Berlin", "en") == "CET/CEST (Berlin time)"
    project = copy_project(tmp_path / "project")
    holidays = project / "policy" / "holidays.yml"
    holidays.write_text(holidays.read_text().replace("closures: []", (
        "closures:\n  - name: {en: New Year's Eve, de: Silvester}\n    every_year: 12-31\n"
        "    hours: 10:00-14:00\n    regions: [emea]\n")))
    de = portal(project, "de")
    assert "Geöffnet 10:00–14:00 Uhr MEZ" in str(de.context["holiday_calendar"]())
    import icalendar
    events = icalendar.Calendar.from_ical(ics.support_calendar(de.policy, "de")).walk("VEVENT")
    assert "Regionen: EMEA\nDer Support ist nur 10:00–14:00 Uhr (MEZ, Europe/Berlin) geöffnet." in [
        str(e["DESCRIPTION"]) for e in events]
    en = portal(project, "en")
    assert "Open 10:00–14:00 CET" in str(en.context["holiday_calendar"]())


# Zone names are cached by zone and wall time: noon in Casablanca (+01) is the same instant as
# noon in Berlin in winter, and must not lend Berlin its name.
def test_zone_names_of_zones_at_the_same_instant_stay_apart():
    from supportportal import textfmt
    day = dt.date(2026, 1, 15)
    assert textfmt.zone_abbreviation("Africa/Casablanca", day, "en") == "UTC+01:00"
    assert textfmt.zone_abbreviation("Europe/Berlin", day, "en") == "CET"
    assert textfmt.zone_abbreviation("Africa/Lagos", day, "de") != textfmt.zone_abbreviation("Europe/Berlin", day, "de")


# The built-in catalogs are read by libyaml (they are code), into exactly what the policy's loader
# reads, lines included; a project's catalog is input and goes through the guarded loader, so a
# deeply nested one is a problem with its line, not a crash.
def test_built_in_catalogs_read_fast_and_the_same(tmp_path):
    from supportportal import yamlload

    for path in sorted(catalog.BUILT_IN.glob("*.yml")):
        fast, safe = yamlload.load(path, trusted=True), yamlload.load(path)
        assert (fast.data, fast.lines, fast.problems) == (safe.data, safe.lines, safe.problems) and fast.data
    root = copy_project(tmp_path / "project")
    (root / "locales").mkdir()
    (root / "locales" / "de.yml").write_text("widget.open: " + "[" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(PolicyError) as error:
        portal(root)
    assert problems(error.value)[0].startswith("locales/de.yml, line 1")
    assert "nested more than 40 levels" in problems(error.value)[0]


# The browser's words under missing_translations: fallback: each word the catalog lacks is the
# first language's, marked like the server's; a form without words of its own stays as it is.
def test_browser_words_missing_from_a_catalog_are_marked(tmp_path):
    project = copy_project(tmp_path / "project")
    french = (ROOT / "tests" / "fixtures" / "french" / "locales" / "fr.yml").read_text(encoding="utf-8")
    dropped = ("widget.notice_now", "widget.offered_from", "widget.open", "list.separator", "widget.units",
               "language.hint_close")
    kept = "".join(line for line in french.splitlines(keepends=True) if line.split(":")[0] not in dropped)
    write_catalog(project, "fr", kept)
    # The words every page of the edition and locales/fr.json carry (Portal.browser_words).
    edition = portal(project)
    edition.catalogs = catalog.load_catalogs(project, ("en", "de", "fr"), fallback=True)
    words, english = edition.browser_words("fr"), edition.browser_words("en")
    # (in the marks the widgets write as the pages do: the English in an element of its language)
    def marked(text):
        return f"\ue010en\ue011{text}\ue012pas encore traduit\ue013"
    assert words["notice_now"] == marked("{kind} in effect: {title}.")
    assert words["offered_from"] == marked("Offered from {at}.")
    assert words["open"] == marked("Open")
    assert words["hint_close"] == marked("Close")
    assert words["separator"] == "; " and words["units"] == "short"  # a form and a setting: nothing to mark
    assert words["closed"] == "Fermé" and words["untranslated"] == "pas encore traduit"
    # Every other French word is French; the English edition is unmarked.
    for key, value in words.items():
        if key in ("formats", "zones", "untranslated"):
            continue
        if key not in {k.split(".", 1)[1] if k.startswith("widget.") else k for k in dropped} | {"hint_close"}:
            assert "pas encore traduit" not in str(value), key
    assert not any("\ue010" in str(v) for v in english.values())


# A copy of the project with a French edition and one notice ("move", Saturday 28 November 2026).
def french_project_with_a_notice(tmp_path: Path) -> Path:
    from test_languages import add_french

    project = copy_project(tmp_path / "project")
    notices = project / "policy" / "notices.yml"
    notices.write_text(notices.read_text(encoding="utf-8").replace("notices: []", (
        "notices:\n  - id: move\n    kind: information\n    title: {en: Move, de: Umzug, fr: Déménagement}\n"
        "    text: {en: Text, de: Text, fr: Texte}\n    start: 2026-11-28 09:00\n    end: 2026-11-28 12:00\n"
        "    zone: Europe/Berlin\n")), encoding="utf-8")
    return add_french(project)


# The notices banner is written by the theme, outside the page's content: a word the catalog lacks
# is marked there as on the page, and no marker character of the renderer reaches the HTML.
def test_banner_words_missing_from_a_catalog_are_marked(tmp_path):
    project = french_project_with_a_notice(tmp_path)
    with open(project / "policy" / "company.yml", "a", encoding="utf-8") as company:
        company.write("missing_translations: fallback\n")
    french = (ROOT / "tests" / "fixtures" / "french" / "locales" / "fr.yml").read_text(encoding="utf-8")
    write_catalog(project, "fr", "".join(line for line in french.splitlines(keepends=True)
                                         if line.split(":")[0] != "notices.banner"))
    edition = portal(project, "fr")
    banner = render.Facts(edition.policy, "fr", TODAY).notice_banner()
    texts = [banner["label"], *(v for item in banner["items"] for v in item.values() if isinstance(v, str))]
    assert not any(re.search("[\ue000-\ue003]", str(text)) for text in texts), texts
    assert 'title="pas encore traduit"><span lang="en">Support notices</span>' in str(banner["label"]), banner["label"]
    assert "Support notices" not in str(render.Facts(edition.policy, "de", TODAY).notice_banner()["label"])


# A notice's kind before its title is written with the language's punctuation, in the banner, on
# the notices page and in the live parts (which receive the same form): "Information :" in French.
def test_a_notices_kind_is_punctuated_as_the_catalog_says(tmp_path):
    project = french_project_with_a_notice(tmp_path)
    edition = portal(project, "fr")
    said = {}
    for lang in ("en", "fr"):
        facts = render.Facts(edition.policy, lang, TODAY)
        # (the renderer's private marks around policy texts are taken out by the page hook)
        listed = re.sub("[\ue000-\ue003]", "", str(facts.notices_list()))
        heading = BeautifulSoup(listed, "html.parser").select_one("[data-notice='move'] h3")
        said[lang] = (str(facts.notice_banner()["items"][0]["kind_label"]), heading.get_text(" ", strip=True),
                      edition.browser_words(lang)["notice_kind"])
    assert said["en"] == ("Information:", "i Information: Move", "{kind}:")
    assert said["fr"] == ("Information :", "i Information : Move", "{kind} :")
