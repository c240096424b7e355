# A third language from data alone: a French catalog (locales/fr.yml), French pages
# (content/fr/), French policy texts and holiday names, `fr` in languages, and no change to
# the code. Every word the portal writes in the French edition is French.

import json
import re
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import icalendar
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, run_build, serve_directory, words_of

from supportportal import yamlload

FIXTURE = ROOT / "tests" / "fixtures" / "french"


# The default project with a French edition added the way a translator adds one.
def add_french(project: Path) -> Path:
    shutil.copytree(FIXTURE / "locales", project / "locales")
    (project / "content" / "fr").mkdir()
    for page in (project / "content").rglob("*.md"):
        relative = page.relative_to(project / "content")
        if relative.parts[0] not in ("de", "fr"):
            (project / "content" / "fr" / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(page, project / "content" / "fr" / relative)
    french = yaml.safe_load((FIXTURE / "policy-texts.yml").read_text(encoding="utf-8"))

    def add(value):
        if isinstance(value, dict):
            if isinstance(value.get("en"), str) and isinstance(value.get("de"), str):
                return {**value, "fr": french.get(value["en"].strip(), value["en"])}
            return {k: add(v) for k, v in value.items()}
        if isinstance(value, list):
            return [add(v) for v in value]
        return value

    for file in (project / "policy").glob("*.yml"):
        data = add(yamlload.load(file).data)
        if file.name == "company.yml":
            data["languages"] = ["en", "de", "fr"]
        if file.name == "holidays.yml":
            names = yaml.safe_load((FIXTURE / "holiday-names.yml").read_text(encoding="utf-8"))
            data["calendars"][0]["names"] = {en: {"fr": fr} for en, fr in names.items()}
        file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def french(tmp_path_factory):
    project = add_french(copy_project(tmp_path_factory.mktemp("french") / "project"))
    build = run_build(project)
    assert build.ok, build.output
    return build


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def text_of(element) -> str:
    return words_of(element)  # a name marked with its language read inline


def article(site: Path, page: str) -> str:
    body = soup(site / page / "index.html").select_one("article")
    for hidden in body.select(".headerlink, pre, code"):
        hidden.decompose()
    return text_of(body)


# The portal's English words that French says differently: none of them may appear in a
# French block, whatever the pages' own prose says.
def english_words() -> list:
    english = yaml.safe_load((ROOT / "hooks" / "supportportal" / "locales" / "en.yml").read_text(encoding="utf-8"))
    french = yaml.safe_load((FIXTURE / "locales" / "fr.yml").read_text(encoding="utf-8"))
    found = []
    for key, value in english.items():
        if key in ("locale", "nav", "widget.units") or value == french.get(key):
            continue
        for text in (value.values() if isinstance(value, dict) else value if isinstance(value, list) else [value]):
            found += [part.strip() for part in re.split(r"\{\w+\}", text) if len(part.strip()) > 3]
    return sorted(set(found))


def _texts(value, lang):
    if isinstance(value, dict):
        if isinstance(value.get(lang), str):
            yield value[lang]
        for v in value.values():
            yield from _texts(v, lang)
    elif isinstance(value, list):
        for v in value:
            yield from _texts(v, lang)


def test_every_generated_block_is_french(french):
    site = french.site / "fr"
    english = english_words()
    assert len(english) > 80
    blocks = []
    for page in ("", "hours", "contact", "priorities", "holidays", "maintenance"):
        html = soup(site / page / "index.html") if page else soup(site / "index.html")
        assert html.html["lang"] == "fr"
        blocks += [text_of(b) for b in html.select("[class^=support-]")]
    assert len(blocks) >= 10
    # The policy's own texts are given in French as their English text here: they do not count.
    policy = sorted({" ".join(t.split()) for file in (french.project / "policy").glob("*.yml")
                     for t in _texts(yaml.safe_load(file.read_text(encoding="utf-8")), "fr")}, key=len, reverse=True)
    for block in blocks:
        for text in policy:
            block = block.replace(text, " ")
        assert not [w for w in english if w in block], block

    hours = article(site, "hours")
    assert "Horaires du support par région Région Jours Horaires Fuseau horaire" in hours
    assert "EMEA du lundi au vendredi 10:00–18:00 CET/CEST (heure de Berlin)" in hours
    assert "USA du lundi au vendredi 09:00–17:00 HNE/HEE (heure de New York)" in hours
    assert "Le support est fermé les jours fériés : Munich, Allemagne." in hours
    # Punctuation and spacing from the catalog: " ; " between closures, " : " after a label.
    assert ("Fermetures à partir du 27 novembre 2026 : Noël (Erster Weihnachtstag), vendredi 25 décembre 2026 ; "
            "Saint-Étienne (Zweiter Weihnachtstag), samedi 26 décembre 2026 ;") in hours
    contact = article(site, "contact")
    assert "Nous traitons les demandes de support par écrit." in contact
    assert "Vous pouvez nous joindre de trois façons :" in contact
    priorities = article(site, "priorities")
    for words in ("1 heure 24 h sur 24 toutes les 2 heures", "4 heures ouvrées en heures ouvrées chaque jour ouvré",
                  "1 jour ouvré en heures ouvrées tous les 3 jours ouvrés", "2 jours ouvrés en heures ouvrées à chaque avancée",
                  "Un jour ouvré compte 8 heures ouvrées."):
        assert words in priorities
    # The catalog's punctuation and spacing: " : " after a region, " ; " between regions.
    assert "EMEA : du lundi au vendredi 10:00–18:00 CET/CEST ; USA : du lundi au vendredi 09:00–17:00" in priorities
    calendar = article(site, "holidays")
    assert "Ce calendrier va du 1er janvier 2026 au 31 décembre 2027." in calendar
    assert "Fermetures du support en 2026 Date Motif Support Régions" in calendar
    assert "vendredi 3 avril 2026 Vendredi saint (Karfreitag) Fermé Toutes les régions" in calendar
    assert "Première fermeture à partir du 27 novembre 2026 : Noël (Erster Weihnachtstag)" in calendar
    assert "Oui." in article(site, "maintenance") or "Non." in article(site, "maintenance")


def test_french_switch_theme_and_structured_data(french):
    home = soup(french.site / "fr" / "index.html")
    assert [a.get_text(strip=True) for a in home.select(".md-select__link")] == ["English", "Deutsch", "Français"]
    assert {label["title"] for label in home.select("label.md-header__button[title]")} == {
        "Passer au thème sombre", "Passer au thème clair"}
    # Nav titles from the catalog's nav:, the others from the pages' headings (here English copies).
    nav = {text_of(a) for a in home.select(".md-nav--primary .md-nav__link")}
    assert {"Support", "Quand puis-je joindre le support ?", "Pour les développeurs", "Holiday calendar"} <= nav
    assert "Home" not in nav
    data = json.loads(home.select_one('script[type="application/ld+json"]').string)
    assert [p["description"] for p in data["contactPoint"] if "description" in p] == [
        "EMEA : horaires en heure locale, fuseau horaire Europe/Berlin.",
        "USA : horaires en heure locale, fuseau horaire America/New_York."]
    words = json.loads((french.site / "fr" / "assets" / "javascripts" / "locales" / "fr.json").read_text())
    assert words["open"] == "Ouvert" and words["hint"] == "Cette page existe aussi en français."


def test_french_calendar_feed(french):
    calendar = icalendar.Calendar.from_ical((french.site / "fr" / "support.ics").read_bytes())
    assert str(calendar["X-WR-CALNAME"]) == "Fermetures du support smartwork solutions"
    assert "du 1er janvier 2026 au 31 décembre 2027" in str(calendar["DESCRIPTION"])
    assert str(calendar["SOURCE"]) == "https://support.smartwork.example/fr/support.ics"
    events = {event.decoded("dtstart").isoformat(): event for event in calendar.walk("VEVENT")}
    good_friday = events["2026-04-03"]
    assert str(good_friday["SUMMARY"]) == "Support fermé : Vendredi saint (Karfreitag)"
    assert str(good_friday["DESCRIPTION"]) == "Régions : EMEA et USA\nLe support est fermé toute la journée."
    assert all(str(e["SUMMARY"]).startswith("Support fermé : ") for e in events.values())


@pytest.fixture(scope="module")
def french_url(french):
    server, url = serve_directory(french.site)
    yield url
    server.shutdown()


# A French reader in Paris, the clock fixed at `when` (as conftest's open_at).
def open_french(browser, url: str, when: str):
    context = browser.new_context(timezone_id="Europe/Paris", locale="fr-FR")
    page = context.new_page()
    at = datetime.fromisoformat(when.replace("Z", "+00:00"))
    page.clock.install(time=at - timedelta(minutes=1))
    page.clock.pause_at(at)
    page.goto(url)
    return context, page


def test_french_live_status_and_calculator(browser, french_url):
    context, page = open_french(browser, french_url + "/fr/", "2026-04-03T10:00:00Z")
    try:
        page.wait_for_selector('[data-support-region="usa"][data-state]')
        rows = page.eval_on_selector_all("[data-support-region]", """rows => rows.map(r => [r.dataset.supportRegion,
            r.querySelector('.support-status__label').textContent, r.querySelector('.support-status__detail').textContent])""")
        assert rows == [
            # The zones named as the French hours table names them (CET/CEST, HNE/HEE), not as Intl does ("UTC+2").
            ["emea", "Fermé", "Fermé aujourd'hui : Vendredi saint (Karfreitag). Ouvre mardi à 10:00 CEST, dans 3\xa0jours 22\xa0heures."],
            ["usa", "Fermé", "Fermé aujourd'hui : Vendredi saint (Karfreitag). Ouvre mardi à 09:00 HEE (mardi 15:00 chez vous), "
                             "dans 4\xa0jours 3\xa0heures."]]
    finally:
        context.close()
    context, page = open_french(browser, french_url + "/fr/priorities/", "2026-11-27T14:45:00Z")
    try:
        page.wait_for_selector("[data-support-calculator] output:not(:empty)")
        labels = page.eval_on_selector_all("[data-support-calculator] label", "ls => ls.map(l => l.textContent)")
        assert labels == ["Région", "Priorité"]
        assert page.inner_text("[data-support-calculator] output") == (
            "Si vous ouvrez un ticket maintenant, la première réponse arrive au plus tard lundi 15:45 CET (dans 3\xa0jours).")
        assert page.inner_text(".support-calculator__note") == (
            "Les tickets « Normal » comptent les heures ouvrées : le délai de 1 jour ouvré ne court que lorsque le support "
            "EMEA est ouvert ; les nuits, les week-ends et les jours fériés le suspendent.")
    finally:
        context.close()


# The English home page suggests the French edition to a French browser, in French.
def test_french_language_hint(browser, french_url):
    context, page = open_french(browser, french_url + "/", "2026-11-27T14:45:00Z")
    try:
        link = page.locator("[data-support-language-hint] a")
        link.wait_for()
        assert (link.inner_text(), link.get_attribute("href")) == ("Cette page existe aussi en français.", french_url + "/fr/")
        assert page.locator("[data-support-language-hint] button").get_attribute("aria-label") == "Fermer"
    finally:
        context.close()


# Every page of the French edition, as readers and their tools meet it: the visible text and the
# attributes read aloud or shown (title, aria-label, alt, placeholder, meta description) hold no
# words of the English or German catalogs and none of Material's English. The pages' own prose
# is the English pages' copy here (content/fr/ as a translator starts it) and the policy's French
# texts are partly English: both are set aside, as are proper names.
PROPER_NAMES = ["smartwork solutions", "Material for MkDocs", "MkDocs", "EMEA", "USA", "Support", "support",
                "Europe/Berlin", "America/New_York", "English", "Deutsch", "Français", "JSON", "RSS", "Atom"]
ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")


def material_words(lang: str) -> dict:
    import material
    path = Path(material.__file__).parent / "templates" / "partials" / "languages" / f"{lang}.html"
    return dict(re.findall(r'"([\w.]+)": "([^"]*)"', path.read_text(encoding="utf-8")))


def catalog_phrases(path: Path, french: dict) -> set:
    found = set()
    for key, value in yaml.safe_load(path.read_text(encoding="utf-8")).items():
        if key in ("locale", "nav", "widget.units") or value == french.get(key):
            continue
        for text in (value.values() if isinstance(value, dict) else value if isinstance(value, list) else [value]):
            found.update(part.strip(" .,:;()") for part in re.split(r"\{\w+\}", text))
    return found


def test_the_french_edition_has_no_word_of_another_language(french):
    fixture = yaml.safe_load((FIXTURE / "locales" / "fr.yml").read_text(encoding="utf-8"))
    material_en, material_fr = material_words("en"), material_words("fr")
    built_in = ROOT / "hooks" / "supportportal" / "locales"
    foreign = {w for w in catalog_phrases(built_in / "en.yml", fixture) | catalog_phrases(built_in / "de.yml", fixture)
               if len(w) > 3}
    foreign |= {v for k, v in material_en.items() if len(v) > 3 and v != material_fr.get(k) and not k.startswith("search.config")}
    foreign -= {w for w in foreign if any(w in name for name in PROPER_NAMES)}
    # A single word that French uses too ("Table des matières", "Navigation") is no sign of English.
    french_words = {w for text in [*material_fr.values(), *catalog_phrases(FIXTURE / "locales" / "fr.yml", {})]
                    for w in re.findall(r"[\w'-]+", text)}
    foreign -= {w for w in foreign if " " not in w and w in french_words}
    assert {"Link to this section", "Made with", "404 - Not found", "Switch to dark mode", "Skip to content",
            "Geschlossen", "Search"} <= foreign
    # What the French pages may hold in English: the policy's texts given as their English text,
    # the copied pages' headings (nav titles the catalog leaves to them) and prose.
    policy = sorted({" ".join(t.split()) for file in (french.project / "policy").glob("*.yml")
                     for t in _texts(yaml.safe_load(file.read_text(encoding="utf-8")), "fr")}, key=len, reverse=True)
    copied = sorted(english_titles(french), key=len, reverse=True)
    site = french.site / "fr"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 11 and site / "404.html" in pages
    found = {}
    for path in pages:
        html = soup(path)
        assert html.html["lang"] == "fr", path
        for hidden in html.select("script, style, pre, code"):
            hidden.decompose()
        # The 404 page's ways to the other editions, each in its own language (lang): for their readers.
        for other in html.select(".support-editions > li[lang]:not([lang=fr])"):
            other.decompose()
        article = html.select_one("article")
        if article is not None and path.name != "404.html":
            # The copied prose goes; what the portal writes into the page stays.
            generated = article.select("[class^=support-], .headerlink")
            for element in article.find_all(string=True):
                if not any(element in g.descendants for g in generated):
                    element.replace_with(" ")
        texts = [text_of(html.body)]
        texts += [el[a] for el in html.find_all(True) for a in ATTRIBUTES if el.get(a)]
        texts += [m["content"] for m in html.select('meta[name="description"]')]
        for text in texts:
            for given in policy:
                text = text.replace(given, " ")
            for title in copied:
                text = text.replace(title, " ")
            hits = [w for w in foreign if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]
            if hits:
                found.setdefault(str(path.relative_to(site)), set()).update(hits)
    assert not found, found


# The English pages' headings: the French copies' titles (in the menu where the catalog's nav:
# has none, and in each page's table of contents).
def english_titles(french) -> set:
    titles = set()
    for path in french.site.rglob("index.html"):
        if path.relative_to(french.site).parts[0] not in ("de", "fr"):
            html = soup(path)
            for link in html.select(".headerlink"):
                link.decompose()
            titles.update(text_of(h) for h in html.select("article h1, article h2, article h3"))
    return titles


# Ordinals: the catalog writes the first of the month "1er" (date.days_of_month), and every date
# of the edition follows it, on the page as built and as the browser restates it for the reader's day.
def test_the_first_of_the_month_is_written_as_the_catalog_says(browser, french, french_url):
    calendar = article(french.site, "fr/holidays")
    assert "vendredi 1er janvier 2027" in calendar and not re.search(r"\b1 (janvier|mai|novembre)", calendar)
    # Read at 00:30 on 1 January in Paris: the browser's own sentence names that day.
    context, page = open_french(browser, french_url + "/fr/hours/", "2026-12-31T23:30:00Z")
    try:
        page.wait_for_selector("[data-support-next-closure][data-date='2027-01-01']")
        live = page.inner_text("[data-support-next-closure]")
        assert "vendredi 1er janvier 2027" in live, live
    finally:
        context.close()
