# Search engines and link previews: a description and a canonical link on every page, sitemaps of
# every edition, and the schema.org JSON-LD on the home pages, read back and compared with the policy.

import dataclasses
import datetime as dt
import gzip
import json
import xml.etree.ElementTree as ET

import pytest
import yaml
from bs4 import BeautifulSoup

import channel_fixture
import dated_fixture
from conftest import copy_project, run_build, serve_directory
from quality import html_pages, page_path
from supportportal import jsonld
from supportportal.loading import load_policy
from supportportal.model import MINUTES_PER_DAY, WEEKDAYS, DayOverride, Interval, Text

# The fixed "today" of the test builds (conftest.SOURCE_DATE_EPOCH).
TODAY = dt.date(2026, 11, 27)
PAYLOAD = "</script><script>alert(1)</script>"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def policy(built):
    return load_policy(built.project / "policy", TODAY)


def _soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# The editions of a build: {folder prefix: language}, "" being the main one at the root.
def _editions(policy) -> dict:
    return {("" if lang == policy.languages[0] else f"{lang}/"): lang for lang in policy.languages}


def _edition_of(page: str, policy) -> str:
    return max((prefix for prefix in _editions(policy) if page.startswith(prefix)), key=len)


def _json_ld(path) -> list:
    return [json.loads(s.string) for s in _soup(path).find_all("script", type="application/ld+json")]


# Opening hours as the policy models them: "HH:MM" to minutes, "23:59" closing is midnight, a
# closing time before the opening time is on the next day.
def _interval(spec: dict) -> Interval:
    def minutes(hhmm):
        hours, mins = map(int, hhmm.split(":"))
        return hours * 60 + mins
    start, end = minutes(spec["opens"]), minutes(spec["closes"])
    if spec["closes"] == "23:59":
        end = MINUTES_PER_DAY
    elif end <= start:
        end += MINUTES_PER_DAY
    return Interval(start, end)


def _weekly(specs: list) -> tuple:
    days = [[] for _ in WEEKDAYS]
    for spec in specs:
        if "dayOfWeek" in spec:
            for day in spec["dayOfWeek"]:
                days[WEEKDAYS.index(day.rsplit("/", 1)[1].lower())].append(_interval(spec))
    return tuple(tuple(sorted(d)) for d in days)


def _dates(specs: list) -> dict:
    dates: dict = {}
    for spec in specs:
        if "validFrom" in spec:
            assert spec["validFrom"] == spec["validThrough"], spec
            hours = () if (spec["opens"], spec["closes"]) == ("00:00", "00:00") else (_interval(spec),)
            dates[dt.date.fromisoformat(spec["validFrom"])] = dates.get(dt.date.fromisoformat(spec["validFrom"]), ()) + hours
    return dates


# Descriptions and canonical links

def test_every_page_has_one_description(site, policy):
    for page in html_pages(site):
        metas = _soup(site / page).find_all("meta", attrs={"name": "description"})
        lang = _editions(policy)[_edition_of(page, policy)]
        assert len(metas) == 1, page
        content = " ".join(metas[0]["content"].split())
        # The policy's description of the site, or a page's own: a sentence, not a placeholder.
        if content != " ".join(policy.site_description.get(lang).split()):
            assert len(content) >= 50 and "{" not in content, f"{page}: {content}"


def test_every_page_has_its_canonical_link(site, policy):
    for page in html_pages(site):
        links = _soup(site / page).find_all("link", rel="canonical")
        if page.endswith("404.html"):
            assert not links, f"{page}: an error page has no canonical address"
            continue
        assert [link["href"] for link in links] == [policy.site_url.rstrip("/") + page_path(page)], page


def test_each_edition_has_a_sitemap_of_its_pages(site, policy):
    for prefix in _editions(policy):
        sitemap = site / prefix / "sitemap.xml"
        others = [p for p in _editions(policy) if p != prefix and p.startswith(prefix)]
        pages = [p for p in html_pages(site) if p.startswith(prefix) and not any(p.startswith(o) for o in others)
                 and not p.endswith("404.html")]
        locs = [loc.text for loc in ET.parse(sitemap).getroot().iter(f"{SITEMAP}loc")]
        assert sorted(locs) == sorted(policy.site_url.rstrip("/") + page_path(p) for p in pages), prefix
        assert gzip.decompress((site / prefix / "sitemap.xml.gz").read_bytes()) == sitemap.read_bytes()


# Structured data

def test_the_home_pages_carry_the_organization_and_no_other_page_does(site, policy):
    homes = {f"{prefix}index.html" for prefix in _editions(policy)}
    for page in html_pages(site):
        assert len(_json_ld(site / page)) == (1 if page in homes else 0), page


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_json_ld_states_the_policy(site, policy, lang):
    if lang not in policy.languages:
        pytest.skip(f"the policy has no {lang} edition")
    prefix = next(p for p, lg in _editions(policy).items() if lg == lang)
    [data] = _json_ld(site / prefix / "index.html")
    assert data["@context"] == "https://schema.org" and data["@type"] == "Organization"
    assert data["name"] == policy.company and data["url"] == policy.site_url
    assert data["description"] == policy.site_description.get(lang)
    # One point per region, then one per channel (each with its own address and hours).
    assert [c["identifier"] for c in data["contactPoint"]] == [r.id for r in policy.regions] + [c.id for c in policy.channels]
    for contact, region in zip(data["contactPoint"], policy.regions):
        assert contact["@type"] == "ContactPoint" and contact["name"] == region.name.get(lang)
        assert region.zone in contact["description"]
        specs = contact["hoursAvailable"]
        assert all(s["@type"] == "OpeningHoursSpecification" for s in specs)
        assert _weekly(specs) == region.weekly
        # Every closed or special day from the build date to the end of the horizon, and no other.
        ahead = {o.date: tuple(o.hours) for o in policy.overrides[region.id] if o.date >= TODAY}
        assert _dates(specs) == ahead
        names = {s["validFrom"]: s["name"] for s in specs if "validFrom" in s}
        assert all(names[o.date.isoformat()] == o.name.get(lang) for o in policy.overrides[region.id] if o.date >= TODAY)


def test_the_json_ld_agrees_with_support_json(site):
    feed = json.loads((site / "support.json").read_text(encoding="utf-8"))
    [data] = _json_ld(site / "index.html")
    points, channels = data["contactPoint"][:len(feed["regions"])], data["contactPoint"][len(feed["regions"]):]
    assert [c["identifier"] for c in channels] == [c["id"] for c in feed["channels"]]
    for contact, region in zip(points, feed["regions"], strict=True):
        assert contact["identifier"] == region["id"] and region["zone"] in contact["description"]
        days = {dt.date.fromisoformat(d["date"]) for d in region["days"] if d["date"] >= feed["generated"]}
        assert set(_dates(contact["hoursAvailable"])) == days


# The channels of the default policy have no hours of their own: around the clock, every day
# 00:00-23:59, with the channel's address under the property for its kind.
def test_the_default_channels_are_around_the_clock(site, policy):
    [data] = _json_ld(site / "index.html")
    channels = data["contactPoint"][len(policy.regions):]
    for contact, channel in zip(channels, policy.channels, strict=True):
        assert contact["hoursAvailable"] == [{"@type": "OpeningHoursSpecification", "dayOfWeek": [
            f"https://schema.org/{day.capitalize()}" for day in WEEKDAYS], "opens": "00:00", "closes": "23:59"}]
        assert contact[{"email": "email", "phone": "telephone"}.get(channel.type, "url")] == channel.address
        assert contact["areaServed"] == [r.name.get("en") for r in policy.regions]


# Channels with hours of their own (tests/fixtures/policies/channels), in one build, read back
# from both editions: their weekly hours, their closed and special days ahead, their zone.
@pytest.fixture(scope="module")
def channels_build(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("channels") / "project")
    channel_fixture.policy_dir(project / "policy")
    build = run_build(project)
    assert build.ok, build.output
    return build


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_json_ld_states_each_channels_hours(channels_build, lang):
    policy = channel_fixture.policy()
    [data] = _json_ld(channels_build.site / ("" if lang == "en" else "de/") / "index.html")
    channels = data["contactPoint"][len(policy.regions):]
    assert [c["identifier"] for c in channels] == ["portal", "email", "hotline", "chat"]
    for contact, channel in zip(channels, policy.channels, strict=True):
        assert contact["name"] == channel.name.get(lang) and contact["contactType"] == "customer support"
        assert contact["availableLanguage"] == ["en", "de"]
        specs = contact["hoursAvailable"]
        if channel.schedule is None:
            assert _weekly(specs) == ((Interval(0, MINUTES_PER_DAY),),) * 7 and "description" not in contact
            continue
        assert _weekly(specs) == channel.schedule.weekly
        assert channel.schedule.zone in contact["description"]
        ahead = {o.date: tuple(o.hours) for o in policy.channel_overrides[channel.id] if o.date >= TODAY}
        assert _dates(specs) == ahead
    email, hotline, chat = channels[1:]
    assert email["areaServed"] == ["EMEA"] and hotline["areaServed"] == ["EMEA", "USA"]
    assert _weekly(hotline["hoursAvailable"])[0] == (Interval(8 * 60, 20 * 60),)
    assert _dates(chat["hoursAvailable"])[dt.date(2027, 11, 25)] == ()  # Thanksgiving, the chat's own closure
    assert dt.date(2026, 11, 26) not in _dates(chat["hoursAvailable"])  # the one already past
    assert _dates(hotline["hoursAvailable"])[dt.date(2027, 6, 15)] == ()  # its own maintenance closure
    assert dt.date(2027, 6, 15) not in _dates(chat["hoursAvailable"])
    # support.json of the same build carries the same channels as the feed written in process.
    feed = json.loads((channels_build.site / "support.json").read_text(encoding="utf-8"))
    assert feed["channels"] == channel_fixture.support_feed()["channels"]


# Midnight, past midnight, special hours, and days already past, on a made-up region.
def test_opening_hours_conventions(policy):
    region = dataclasses.replace(
        policy.regions[0],
        weekly=((Interval(0, MINUTES_PER_DAY),), (), (), (), (Interval(22 * 60, 26 * 60),), (), ()),
    )
    days = (
        DayOverride(TODAY - dt.timedelta(days=1), "closure", Text((("en", "Yesterday"),)), ()),
        DayOverride(TODAY + dt.timedelta(days=3), "special_hours", Text((("en", "Short day"),)),
                    (Interval(10 * 60, 14 * 60),)),
        DayOverride(TODAY + dt.timedelta(days=4), "closure", Text((("en", "Offsite"),)), ()),
    )
    made_up = dataclasses.replace(policy, regions=(region,), overrides={region.id: days}, channels=())
    [contact] = jsonld.organization(made_up, "en")["contactPoint"]
    specs = [{k: v for k, v in s.items() if k != "@type"} for s in contact["hoursAvailable"]]
    assert specs == [
        {"dayOfWeek": ["https://schema.org/Monday"], "opens": "00:00", "closes": "23:59"},
        {"dayOfWeek": ["https://schema.org/Friday"], "opens": "22:00", "closes": "02:00"},
        {"name": "Short day", "validFrom": "2026-11-30", "validThrough": "2026-11-30", "opens": "10:00", "closes": "14:00"},
        {"name": "Offsite", "validFrom": "2026-12-01", "validThrough": "2026-12-01", "opens": "00:00", "closes": "00:00"},
    ]


# A channel's closed and special days only within the dates it is offered: the dated fixture's
# chat (until 30 June 2027) and hotline (from 15 March 2027), each with a special-hours day
# outside its dates (New Year's Eve, 1 March) and one inside (1 June, 16 March).
def test_a_channels_special_days_only_within_its_dates():
    base = dated_fixture.policy()
    special = lambda day, name: DayOverride(dt.date.fromisoformat(day), "special_hours", Text((("en", name),)),
                                            (Interval(10 * 60, 14 * 60),))
    overrides = dict(base.channel_overrides)
    overrides["chat"] += (special("2027-06-01", "Chat inside"), special("2027-12-31", "Chat outside"))
    overrides["hotline"] += (special("2027-03-01", "Hotline outside"), special("2027-03-16", "Hotline inside"))
    made_up = dataclasses.replace(base, channel_overrides=overrides)
    points = {p["identifier"]: p for p in jsonld.organization(made_up, "en")["contactPoint"]}
    days = {cid: {s["validFrom"]: s.get("name") for s in points[cid]["hoursAvailable"] if "name" in s}
            for cid in ("chat", "hotline")}
    assert days["chat"] and all(d <= "2027-06-30" for d in days["chat"])
    assert "Chat inside" in days["chat"].values() and "Chat outside" not in days["chat"].values()
    assert "2027-12-24" not in days["chat"]  # Christmas Eve closes every channel, but the chat is gone by then
    assert days["hotline"] and all(d >= "2027-03-15" for d in days["hotline"])
    assert "Hotline inside" in days["hotline"].values() and "Hotline outside" not in days["hotline"].values()


def test_the_script_text_cannot_end_its_element():
    data = {"name": PAYLOAD, "other": "<!-- a & b -->", "lines": "\u2028\u2029"}
    text = jsonld.script_text(data)
    assert not set("<>&\u2028\u2029") & set(text), text
    assert json.loads(text) == data


# Policy texts that look like markup, built into a site: they stay text, wherever they appear.

def _rewrite(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _every_language(data, text):
    return {lang: text for lang in data.get("languages", ["en"])}


def _scripts_run(site, page: str, browser) -> tuple[list, list]:
    server, url = serve_directory(site)
    context = browser.new_context()
    dialogs: list = []
    try:
        tab = context.new_page()
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        tab.route(lambda u: not u.startswith(url), lambda route: route.abort())
        tab.goto(f"{url}/{page}")
        injected = tab.eval_on_selector_all("script", "all => all.filter(s => s.text.includes('alert(')).map(s => s.outerHTML)")
        injected = [s for s in injected if "application/ld+json" not in s]
    finally:
        context.close()
        server.shutdown()
    return dialogs, injected


@pytest.mark.browser
def test_markup_in_the_policy_cannot_break_out_of_the_json_ld(project, browser):
    languages = yaml.safe_load((project / "policy" / "company.yml").read_text(encoding="utf-8"))["languages"]
    _rewrite(project / "policy" / "company.yml", lambda d: d["company"].update(name=PAYLOAD))
    _rewrite(project / "policy" / "regions.yml",
             lambda d: d["regions"][0].update(name={lang: f"EMEA {PAYLOAD}" for lang in languages}))
    build = run_build(project)
    assert build.ok, build.output
    raw = (build.site / "index.html").read_text(encoding="utf-8")
    [data] = _json_ld(build.site / "index.html")
    assert data["name"] == PAYLOAD and data["contactPoint"][0]["name"] == f"EMEA {PAYLOAD}"
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in raw
    dialogs, injected = _scripts_run(build.site, "index.html", browser)
    assert dialogs == [] and injected == [], (dialogs, injected)


# site.title and site.description reach Material's <title>, header and <meta name="description">
# through config.site_name and config.site_description, which MkDocs' templates do not escape.
@pytest.mark.browser
def test_markup_in_the_site_title_and_description_stays_text(project, browser):
    def change(data):
        data["site"]["title"] = _every_language(data, f'Support "R&D" {PAYLOAD.replace("script>", "title>", 1)}')
        data["site"]["description"] = _every_language(data, f'Hours "and" {PAYLOAD}')
    _rewrite(project / "policy" / "company.yml", change)
    build = run_build(project)
    assert build.ok, build.output
    soup = _soup(build.site / "index.html")
    assert soup.title.string == f'Support "R&D" {PAYLOAD.replace("script>", "title>", 1)}', soup.title
    assert soup.find("meta", attrs={"name": "description"})["content"] == f'Hours "and" {PAYLOAD}'
    dialogs, injected = _scripts_run(build.site, "index.html", browser)
    assert dialogs == [] and injected == [], (dialogs, injected)
