# The built default site: every part of the seed page is there, and every fact equals the YAML.

import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, run_build

# The questions of the original support page, each answered somewhere on the site.
SEED_QUESTIONS = [
    "When can I contact smartwork solutions for customer support?",
    "How can I reach customer support?",
    "How fast will my problem be resolved?",
    "What is the resolution process?",
    "What are my duties during this process?",
    "What is covered by the maintenance?",
    "Are enhancements of features or new functionalities included in customer support?",
    "What do we warrant during the term of the agreement?",
]


def page(site: Path, name: str) -> BeautifulSoup:
    path = site / name / "index.html" if name else site / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article(site: Path, name: str):
    return page(site, name).select_one("article")


def policy(name: str) -> dict:
    return yaml.safe_load((ROOT / "policy" / f"{name}.yml").read_text(encoding="utf-8"))


# The English text of a policy text field (plain, or one text per language).
def en(value):
    if isinstance(value, list):
        return [en(v) for v in value]
    return value["en"] if isinstance(value, dict) else value


def words(element) -> str:
    return " ".join(element.get_text(" ").split())


def test_every_seed_question_is_a_heading(site):
    headings = set()
    for path in site.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        headings |= {" ".join(h.get_text().replace("¶", "").split()) for h in soup.select("article h1, article h2")}
    missing = [q for q in SEED_QUESTIONS if q not in headings]
    assert not missing, f"missing: {missing}; headings: {sorted(headings)}"


def test_hours_table_equals_the_policy(site):
    regions = policy("regions")["regions"]
    table = article(site, "hours").select_one(".support-hours table")
    rows = table.select("tbody tr")
    assert [r["data-region"] for r in rows] == [r["id"] for r in regions]
    expected = {
        "emea": ("EMEA", "Monday to Friday", "10:00–18:00", "CET/CEST (Berlin time)", "Europe/Berlin"),
        "usa": ("USA", "Monday to Friday", "09:00–17:00", "EST/EDT (New York time)", "America/New_York"),
    }
    for row, region in zip(rows, regions):
        cells = [words(c) for c in row.select("th, td")]
        name, days, hours, label, zone = expected[region["id"]]
        assert en(region["name"]) == name and region["zone"] == zone
        assert list(region["hours"].items()) == [("monday to friday", hours.replace("–", "-"))]
        assert cells == [name, days, hours, label]
        assert row.select_one("[data-zone]")["data-zone"] == zone


def test_times_have_one_format(site):
    text = words(article(site, "hours")) + " " + words(article(site, "priorities"))
    times = re.findall(r"\d+[:.]\d+(?=[–\s,)])", text)
    assert len(times) >= 4 and all(re.fullmatch(r"\d\d:\d\d", t) for t in times), times
    assert not re.search(r"\d\s*\.?\s*(?:a\.?m\b|p\.?m\b)", text, re.I)


def test_holiday_rule_names_the_calendar_and_links_it(site):
    body = article(site, "hours")
    assert "Support is closed on public holidays: Munich, Germany." in words(body)
    assert body.select_one('a[href="../holidays/"]') is not None


def test_channels_are_counted_from_the_list(site):
    channels = policy("channels")["channels"]
    body = article(site, "contact")
    text = words(body)
    assert "We handle support queries through written communication." in text
    assert "There are three ways to contact us:" in text
    items = body.select(".support-channels li")
    assert len(items) == len(channels) == 3
    for item, channel in zip(items, channels):
        link = item.select_one("a")
        assert item["data-channel"] == channel["id"]
        assert link.get_text() == channel["address"]
        assert channel["address"].endswith(".example") or ".example/" in channel["address"]
        assert link["href"] == ("mailto:" if channel["type"] == "email" else "") + channel["address"]


def test_priority_table_equals_the_policy(site):
    priorities = policy("priorities")["priorities"]
    rows = article(site, "priorities").select(".support-priorities tbody tr")
    assert [r["data-priority"] for r in rows] == [p["id"] for p in priorities]
    assert len(rows) == 4
    for row, p in zip(rows, priorities):
        cells = row.select("th, td")
        assert words(cells[0]) == en(p["name"])
        assert words(cells[1]) == en(p["definition"])
        assert [words(li) for li in cells[2].select("li")] == en(p["examples"])
        assert words(cells[3]) == p["first_response"]
        assert words(cells[4]) == ("around the clock" if p["coverage"] == "around the clock" else "in business hours")
    assert "A business day is 8 business hours." in words(article(site, "priorities"))


def test_process_duties_maintenance_and_warranty_equal_the_policy(site):
    process, maintenance = policy("process"), policy("maintenance")
    body = article(site, "process")
    assert [words(li) for li in body.select("ol.support-steps li")] == en(process["resolution_steps"])
    assert len(process["resolution_steps"]) == 4
    assert [words(li) for li in body.select("ul.support-duties li")] == en(process["customer_duties"])
    body = article(site, "maintenance")
    assert [words(li) for li in body.select("ul.support-maintenance li")] == en(maintenance["included"])
    assert [words(li) for li in body.select("ul.support-warranty li")] == en(maintenance["warranty"])
    assert f"No. {en(maintenance['enhancements']['answer'])}" in words(body)


def test_tables_are_plain_html_without_javascript(site):
    # The facts are in the HTML the server sends, not produced by a script.
    for name, selector in [("hours", ".support-hours table"), ("contact", ".support-channels"),
                           ("priorities", ".support-priorities table"), ("holidays", ".support-calendar table")]:
        soup = page(site, name)
        assert soup.select_one(selector) is not None, name


def test_no_inline_script_of_ours(site):
    for path in site.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for script in soup.select("article script"):
            assert script.get("type") == "application/ld+json", path
        assert not soup.select("[onclick], [onload], [onerror]"), path


# The code shown on the embedding guide (content/embed.md) of an edition, as one HTML fragment.
def embed_snippets(site: Path, edition: str) -> BeautifulSoup:
    code = [pre.get_text() for pre in article(site, edition + "embed").select("pre")]
    return BeautifulSoup("\n".join(code), "html.parser")


# Whatever a reader copies from the embedding guide works on this portal: the script at the site's
# own address (company.yml site.url), the fallback link to a page the site has, and only region and
# channel ids that support.json has, in both editions.
@pytest.mark.parametrize("edition", ["", "de/"])
def test_embed_snippets_are_this_portals(site, edition):
    site_url = policy("company")["site"]["url"]
    feed = json.loads((site / "support.json").read_text(encoding="utf-8"))
    snippets = embed_snippets(site, edition)
    script = site_url + "assets/javascripts/support-widget.min.js"
    assert [s["src"] for s in snippets.select("script[src]")] == [script]
    assert (site / script[len(site_url):]).is_file()
    regions = [i for el in snippets.select("[data-regions]") for i in el["data-regions"].split()]
    channels = [i for el in snippets.select("[data-channels]") for i in el["data-channels"].split()]
    assert regions and set(regions) <= {r["id"] for r in feed["regions"]}, regions
    assert channels and set(channels) <= {c["id"] for c in feed["channels"]}, channels
    links = [a["href"] for a in snippets.select("[data-support-status] a[href]")]
    assert links == [site_url + edition + "hours/"]
    assert (site / edition / "hours" / "index.html").is_file()
    assert "support.example/" not in words(article(site, edition + "embed"))


# The guide's live example follows its own advice: it is the fallback snippet shown above it,
# running: the element holds the link to this edition's hours page in the edition's words (the
# catalog's), so a reader without JavaScript sees where the hours are instead of an empty section.
@pytest.mark.parametrize("edition, lang", [("", "en"), ("de/", "de")])
def test_embed_live_example_is_the_fallback_snippet(site, edition, lang):
    from supportportal import catalog

    live = [el for el in article(site, edition + "embed").select("[data-support-status]") if not el.find_parent("pre")]
    assert len(live) == 1, live
    links = live[0].select("a[href]")
    assert [(a["href"], words(a)) for a in links] == [
        (policy("company")["site"]["url"] + edition + "hours/", catalog.get(lang)("embed.fallback_link"))]
    [fallback] = [el for el in embed_snippets(site, edition).select("[data-support-status]") if el.select("a")]
    assert str(fallback.a) == str(links[0]) and (site / edition / "hours" / "index.html").is_file()


# Another portal: its own address, and no channel offered on the build date (each one's last day
# is past). The snippets follow: the script at that address; no channel id, and the page says
# that there is no channel to show.
def test_embed_snippets_follow_the_policy(project):
    company = project / "policy" / "company.yml"
    company.write_text(company.read_text(encoding="utf-8").replace(
        "url: https://support.smartwork.example/", "url: https://help.example.org/portal/"), encoding="utf-8")
    channels = project / "policy" / "channels.yml"
    channels.write_text(re.sub(r"(\n    type: \w+\n)", r"\1    until: 2026-06-30\n",
                               channels.read_text(encoding="utf-8")), encoding="utf-8")
    build = run_build(project)
    assert build.ok, build.output
    feed = json.loads((build.site / "support.json").read_text(encoding="utf-8"))
    assert [c["available"]["until"] for c in feed["channels"]] == ["2026-06-30"] * 3
    for edition, none in [("", "This portal offers no contact channel at present"),
                          ("de/", "Dieses Portal bietet zurzeit keinen Kontaktkanal an")]:
        snippets = embed_snippets(build.site, edition)
        assert [s["src"] for s in snippets.select("script[src]")] == [
            "https://help.example.org/portal/assets/javascripts/support-widget.min.js"]
        assert [a["href"] for a in snippets.select("a[href]")] == [f"https://help.example.org/portal/{edition}hours/"]
        assert not snippets.select("[data-channels]")
        assert none in words(article(build.site, edition + "embed"))
