# The German edition: the same facts as the English one, in German words, never mixed.

import datetime as dt
import json
import re
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, run_build, words_of
from supportportal import render
from supportportal.loading import load_policy

SITE_URL = "https://support.smartwork.example/"


def english_pages(site: Path) -> list[Path]:
    return sorted(p.relative_to(site) for p in site.rglob("index.html")
                  if not p.relative_to(site).parts[0] in ("de", "search", "assets"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# The prose of a page: without permalinks and code examples (JSON keys are language-neutral).
def article_text(path: Path) -> str:
    body = soup(path).select_one("article")
    for hidden in body.select(".headerlink, pre, code"):
        hidden.decompose()
    return " ".join(body.get_text(" ").split())


# What a page states as fact, independent of its language.
def facts(path: Path) -> dict:
    doc = soup(path).select_one("article")
    text = " ".join(doc.get_text(" ").split())
    # (data-label: a cell's column name in the page's language, for the table's layout on phones)
    attributes = sorted(
        f"{name}={element[name]}" for element in doc.find_all(True)
        for name in element.attrs if name.startswith("data-") and name not in ("data-md-component", "data-label"))
    return {
        "times": sorted(re.findall(r"\b\d\d:\d\d\b", text)),
        "dates": sorted(t["datetime"] for t in doc.select("time[datetime]")),
        "numbers": sorted(re.findall(r"\b\d+\b", re.sub(r"\b\d\d:\d\d\b|\d{4}", " ", text))),
        # Links to the page's own edition (/de/support.ics) count as the same fact.
        "links": sorted(a["href"].replace(SITE_URL.split("://")[1] + "de/", SITE_URL.split("://")[1])
                        for a in doc.select("a[href]") if re.match(r"(https?|mailto|tel|webcal):", a["href"])),
        "attributes": attributes,
        "rows": len(doc.select("tr")), "items": len(doc.select("li")),
    }


def test_every_page_exists_in_both_languages(site):
    english = english_pages(site)
    german = sorted(p.relative_to(site / "de") for p in (site / "de").rglob("index.html")
                    if p.relative_to(site / "de").parts[0] not in ("search", "assets"))
    assert english == german
    assert len(english) >= 8


def test_facts_are_equal_page_by_page(site):
    for page in english_pages(site):
        en, de = facts(site / page), facts(site / "de" / page)
        assert en == de, f"{page}: {en} != {de}"


def test_german_pages_are_german_and_english_pages_english(site):
    # Every policy text that differs between the languages may only appear in its own edition.
    texts = {"en": set(), "de": set()}

    def collect(value):
        if isinstance(value, dict):
            if set(value) == {"en", "de"} and all(isinstance(v, str) for v in value.values()):
                if value["en"].strip() != value["de"].strip():
                    texts["en"].add(" ".join(value["en"].split()))
                    texts["de"].add(" ".join(value["de"].split()))
                return
            for v in value.values():
                collect(v)
        elif isinstance(value, list):
            for v in value:
                collect(v)

    for file in (ROOT / "policy").glob("*.yml"):
        collect(yaml.safe_load(file.read_text(encoding="utf-8")))
    assert len(texts["en"]) > 30
    for page in english_pages(site):
        english, german = article_text(site / page), article_text(site / "de" / page)
        assert not [t for t in texts["de"] if t in english], page
        assert not [t for t in texts["en"] if t in german], page
        assert soup(site / "de" / page).html["lang"] == "de"
        assert soup(site / page).html["lang"] == "en"


def test_german_words_and_formats(site):
    hours = article_text(site / "de" / "hours" / "index.html")
    assert "Montag bis Freitag 10:00–18:00 Uhr MEZ/MESZ (Berlin)" in hours
    assert "Der Support ist an gesetzlichen Feiertagen geschlossen: München, Deutschland." in hours
    assert "Erster Weihnachtstag, Freitag, 25. Dezember 2026" in hours
    contact = article_text(site / "de" / "contact" / "index.html")
    assert "Sie erreichen uns auf drei Wegen:" in contact
    assert "Wir bearbeiten Supportanfragen schriftlich." in contact
    calendar = article_text(site / "de" / "holidays" / "index.html")
    for name in ("Karfreitag", "Mariä Himmelfahrt", "Fronleichnam", "Allerheiligen", "Heilige Drei Könige"):
        assert name in calendar
    priorities = article_text(site / "de" / "priorities" / "index.html")
    assert "4 Geschäftsstunden" in priorities and "jeden Arbeitstag" in priorities


# The theme's words the portal configures or overrides come from the edition's catalog: the
# headings' anchor titles, the footer's credit, the 404 page; Material's own German for the rest.
def test_theme_words_are_the_editions(site):
    for edition, words in (("", ("Link to this section", "Made with", "404 - Not found", "Search")),
                           ("de", ("Link zu diesem Abschnitt", "Erstellt mit", "404 – Seite nicht gefunden", "Suche"))):
        hours = soup(site / edition / "hours" / "index.html")
        assert {a["title"] for a in hours.select("a.headerlink")} == {words[0]}
        assert " ".join(hours.select_one(".md-copyright").get_text(" ").split()).endswith(f"{words[1]} Material for MkDocs")
        assert soup(site / edition / "404.html").select_one("article h1").get_text(strip=True) == words[2]
        assert hours.select_one("input.md-search__input")["placeholder"] == words[3]


# A host serves one 404 page for every missing address (GitHub Pages: the main edition's, for
# /de/... too): each edition's 404 page leads to the other editions' home pages, in their words.
def test_the_404_page_leads_to_each_edition_in_its_language(site):
    for edition, other, href, text in (("", "de", "/de/", "Seite nicht gefunden: zur Startseite auf Deutsch"),
                                       ("de", "en", "/", "Page not found: go to the home page in English")):
        [item] = soup(site / edition / "404.html").select("article .support-editions li")
        assert item["lang"] == other and item.a["hreflang"] == other
        assert (item.a["href"], item.a.get_text(strip=True)) == (href, text)


def test_language_switch_stays_on_the_same_page(site):
    for page in english_pages(site):
        for edition, other in ((site / page, "de"), (site / "de" / page, "en")):
            link = soup(edition).select_one(f'.md-select__link[hreflang="{other}"]')
            target = (edition.parent / link["href"]).resolve() / "index.html"
            expected = (site / "de" / page) if other == "de" else (site / page)
            assert target == expected.resolve(), (edition, link["href"])


# hreflang lives in the sitemaps (absolute, reciprocal); the pages carry no rel=alternate links,
# which would make the theme fetch a sitemap from the published host.
def test_hreflang_in_sitemaps_is_absolute_and_reciprocal(site):
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    for sitemap, prefix in ((site / "sitemap.xml", ""), (site / "de" / "sitemap.xml", "de/")):
        entries = {u.find("s:loc", ns).text: {l.get("hreflang"): l.get("href") for l in u.findall("x:link", ns)}
                   for u in ET.parse(sitemap).getroot().findall("s:url", ns)}
        assert len(entries) == len(english_pages(site))
        for page in english_pages(site):
            url = page.parent.as_posix()
            url = "" if url == "." else url + "/"
            assert entries[SITE_URL + prefix + url] == {
                "en": SITE_URL + url, "de": SITE_URL + "de/" + url, "x-default": SITE_URL + url}
    for page in english_pages(site):
        assert not soup(site / page).select('link[rel="alternate"][hreflang]')


def test_search_and_sitemap_per_language(site):
    sitemap_en = (site / "sitemap.xml").read_text()
    sitemap_de = (site / "de" / "sitemap.xml").read_text()
    assert f"<loc>{SITE_URL}hours/</loc>" in sitemap_en and f"<loc>{SITE_URL}de/" not in sitemap_en
    assert f"<loc>{SITE_URL}de/hours/</loc>" in sitemap_de
    index_en = json.loads((site / "search" / "search_index.json").read_text())
    index_de = json.loads((site / "de" / "search" / "search_index.json").read_text())
    assert index_de["config"]["lang"] == ["de"] and index_en["config"]["lang"] == ["en"]
    assert any("Supportzeiten" in d["text"] for d in index_de["docs"])
    assert not any("Supportzeiten" in d["text"] for d in index_en["docs"])


def test_feeds_per_language(site):
    assert (site / "support.json").read_bytes() == (site / "de" / "support.json").read_bytes()
    feed = json.loads((site / "support.json").read_text())
    assert feed["languages"] == ["en", "de"]
    assert all(set(r["name"]) == {"en", "de"} for r in feed["regions"])
    assert "SUMMARY:Support closed: Good Friday" in (site / "support.ics").read_text()
    assert "SUMMARY:Support geschlossen: Karfreitag" in (site / "de" / "support.ics").read_text()


def test_missing_german_text_fails_or_falls_back_marked(project):
    channels = project / "policy" / "channels.yml"
    channels.write_text(channels.read_text().replace("      de: Supportportal\n", ""))
    build = run_build(project)
    assert build.returncode == 1 and "Traceback" not in build.output
    assert "channels[1].name: the de text is missing" in build.output
    company = project / "policy" / "company.yml"
    company.write_text(company.read_text().replace("languages: [en, de]", "languages: [en, de]\nmissing_translations: fallback"))
    build = run_build(project)
    assert build.ok, build.output
    item = soup(build.site / "de" / "contact" / "index.html").select_one('[data-channel="portal"] strong')
    marked = item.select_one(".support-untranslated")
    english, note = marked.select_one('[lang="en"]'), marked.select_one(".support-untranslated__note")
    assert english.get_text() == "Support portal"
    # The note is in the page's language: outside the part marked as English.
    assert note.get_text() == " (noch nicht übersetzt)" and not note.find_parent(attrs={"lang": "en"})


def test_missing_german_page_fails_the_strict_build(project):
    (project / "content" / "de" / "contact.md").unlink()
    build = run_build(project)
    assert build.returncode == 1 and "Traceback" not in build.output
    assert "contact.md" in build.output


# The home page suggests the browser's language, never switches by itself.
def test_home_page_suggests_the_browsers_language(browser, site_url):
    cases = [("de-DE", "/", "Diese Seite gibt es auch auf Deutsch.", "/de/"),
             ("en-US", "/de/", "This page is also available in English.", "/"),
             ("de-DE", "/de/", None, None), ("en-GB", "/", None, None), ("fr-FR", "/", None, None)]
    for locale, path, text, target in cases:
        context = browser.new_context(locale=locale)
        page = context.new_page()
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        hint = page.locator("[data-support-language-hint]")
        assert page.url == site_url + path  # no automatic switch
        if text is None:
            assert hint.is_hidden(), locale
        else:
            link = hint.locator("a")
            assert link.inner_text() == text
            assert link.get_attribute("href") == site_url + target
            # A suggestion for the screen: not on paper, where its link and button do nothing.
            page.emulate_media(media="print")
            assert hint.is_hidden(), locale
            page.emulate_media(media="screen")
            hint.locator("button").click()
            assert hint.is_hidden()
            page.reload()
            page.wait_for_load_state("networkidle")
            assert page.locator("[data-support-language-hint]").is_hidden()
        context.close()


# The editions' configuration and the policy's languages must agree; a mismatch is explained.
def test_language_configuration_mistakes_are_explained(project):
    company = project / "policy" / "company.yml"
    original = company.read_text()
    company.write_text(original.replace("languages: [en, de]", "languages: [de, en]"))
    build = run_build(project)
    assert build.returncode == 1 and "Traceback" not in build.output
    assert "policy/company.yml lists 'de' first" in build.output
    company.write_text(original)
    config = project / "mkdocs.de.yml"
    config.write_text(config.read_text().replace("  language: de", "  language: en"))
    build = run_build(project)
    assert build.returncode == 1 and "Traceback" not in build.output
    assert "mkdocs.de.yml sets theme.language: en, the main edition's language" in build.output


# The README's example of a missing translation is what the build prints.
def test_readme_translation_example_is_real(project):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("A text without its German version stops the build", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    channels = project / "policy" / "channels.yml"
    channels.write_text(channels.read_text().replace("      de: Kontaktformular\n", "", 1))
    build = run_build(project)
    assert build.returncode == 1
    assert example.strip() in build.output


# German in parentheses on the English edition: only Munich's official holiday names (beside
# their English names), never a German text of the policy or of the German catalog.
def test_english_edition_shows_german_only_as_official_holiday_names(site):
    import datetime as dt

    from supportportal import closures
    from supportportal.loading import load_policy

    policy = load_policy(ROOT / "policy", dt.date.today())
    official = {t.official for c in policy.calendars for t in closures.calendar_days(c, *policy.horizon).values()}
    german = set()
    catalog_de = yaml.safe_load((ROOT / "hooks" / "supportportal" / "locales" / "de.yml").read_text(encoding="utf-8"))
    stack = [v for k, v in catalog_de.items() if k != "count.words"]
    for file in (ROOT / "policy").glob("*.yml"):
        stack.append(yaml.safe_load(file.read_text(encoding="utf-8")))
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            german.add(value.strip())
        elif isinstance(value, dict):
            stack += [value["de"]] if isinstance(value.get("de"), str) else [v for v in value.values() if not isinstance(v, str)]
            if set(value) <= {"zero", "one", "two", "few", "many", "other"}:
                stack += value.values()
        elif isinstance(value, list):
            stack += value
    german -= official
    shown = set()
    for page in english_pages(site):
        html = soup(site / page)
        text = words_of(html)
        groups = re.findall(r"\(([^()]*(?:\([^()]*\))?[^()]*)\)", text)
        assert not [g for g in groups if g in german], page
        shown.update(g for g in groups if g in official)
        # Each official name the calendar and the closures' sentence show is marked as German, and
        # nothing else is.
        marked = [(e["lang"], e.get_text()) for e in html.select("article [lang]")]
        assert all(lang == "de" and name in official for lang, name in marked), (page, marked)
        facts = " ".join(words_of(e) for e in html.select(".support-calendar, [data-support-next-closure]"))
        assert {g for g in re.findall(r"\(([^()]*)\)", facts) if g in official} <= {name for _, name in marked}, page
    assert len(shown) >= 3, shown  # the calendar shows them


# A holiday's official name in another language than the page's is marked with its language (the
# one the holidays package gives it in: German for Munich, English for New York and Singapore), so a screen reader says it in that language; in its own language it is not marked.
# Facts as the pages show them: dated from 21 December 2026, Christmas comes first.
BEFORE_CHRISTMAS = dt.date(2026, 12, 21)


def _official_facts(policy, lang: str):
    facts = render.Facts(policy, lang, BEFORE_CHRISTMAS)
    return {name: BeautifulSoup(render.strip_policy_markers(str(html)), "html.parser")
            for name, html in (("next_closure", facts.next_closure()), ("holiday_calendar", facts.holiday_calendar()))}


def _marked(html) -> set:
    return {(span["lang"], span.get_text()) for span in html.select("[lang]")}


def test_official_names_are_marked_with_their_language_on_the_english_pages():
    policy = load_policy(ROOT / "policy", BEFORE_CHRISTMAS)
    for fact, html in _official_facts(policy, "en").items():
        assert '<span lang="de">Erster Weihnachtstag</span>' in str(html), fact
        # Every name in parentheses is a German official name, and marked as German: none is left plain.
        shown = set(re.findall(r"\(([^()]*)\)", html.get_text()))
        assert shown and _marked(html) == {("de", name) for name in shown}, fact
    epiphany = _official_facts(policy, "en")["holiday_calendar"].select_one("tr[data-date='2027-01-06']").select("td")[1]
    assert str(epiphany) == '<td>Epiphany (<span lang="de">Heilige Drei Könige</span>)</td>'


def test_german_names_are_not_marked_on_the_german_pages():
    policy = load_policy(ROOT / "policy", BEFORE_CHRISTMAS)
    for fact, html in _official_facts(policy, "de").items():
        assert "Erster Weihnachtstag" in html.get_text() and not html.select("[lang]"), fact


# New York's and Singapore's official names are English: marked on the German pages only.
def test_english_official_names_are_marked_on_the_german_pages(tmp_path):
    from test_three_regions import policy_dir

    policy = load_policy(policy_dir(tmp_path / "policy"), BEFORE_CHRISTMAS)
    german = _official_facts(policy, "de")
    assert _marked(german["next_closure"]) == {("en", "Christmas Day")}
    assert str(german["next_closure"]).endswith(
        '25. Dezember 2026: Erster Weihnachtstag für EMEA; Erster Weihnachtstag (<span lang="en">Christmas Day</span>) für USA; '
        'Weihnachten (<span lang="en">Christmas Day</span>) für APAC; Zweiter Weihnachtstag, Samstag, 26. Dezember 2026 (EMEA).</span>')
    # New York's and Singapore's New Year's Day: one name, one row, as before.
    new_year = german["holiday_calendar"].select("tr[data-date='2027-01-01']")
    assert [[td.decode_contents() for td in tr.select("td")[1::2]] for tr in new_year] == [
        ["Neujahr", "EMEA"], ['Neujahr (<span lang="en">New Year\'s Day</span>)', "USA und APAC"]]
    thanksgiving = german["holiday_calendar"].select_one("tr[data-date='2026-11-26']").select("td")[1]
    assert str(thanksgiving) == '<td>Thanksgiving (<span lang="en">Thanksgiving Day</span>)</td>'
    assert ("en", "Independence Day") in _marked(german["holiday_calendar"])
    english = _official_facts(policy, "en")
    assert {lang for fact in english.values() for lang, _ in _marked(fact)} == {"de"}
