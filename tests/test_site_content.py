# The built default site: every part of the seed page is there, and every fact equals the YAML.

import re
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from conftest import ROOT

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
