# Results kept between builds (supportportal/cache.py): a policy file is validated against its
# schema once per content, schemas and portal version; a changed file, schema or portal is
# validated again, and every mistake is still reported. The cache folder is never followed
# through a link.

import datetime as dt
import re
import shutil

import pytest

from conftest import ROOT
from supportportal import cache, loading
from supportportal.loading import PolicyError, load_policy

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    folder = tmp_path / "project" / ".cache" / "supportportal"
    monkeypatch.setattr(cache, "_memory", {})
    monkeypatch.setattr(cache, "_folder", folder)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))  # the machine's secret
    cache._secret.cache_clear()
    yield folder
    cache._secret.cache_clear()


# The catalogs a test's Portal installs (the words of its project) are not left to the next test.
@pytest.fixture(autouse=True)
def own_catalogs(monkeypatch):
    from supportportal import catalog

    monkeypatch.setattr(catalog, "_installed", {})
    monkeypatch.setattr(catalog, "_loaded", {})


# Counts the files checked against a schema (a validator asked for).
@pytest.fixture
def validated(monkeypatch):
    names = []
    original = loading._validator

    def counting(ctx, name, state):
        names.append(name)
        return original(ctx, name, state)

    monkeypatch.setattr(loading, "_validator", counting)
    return names


def policy_copy(tmp_path):
    directory = tmp_path / "project" / "policy"
    shutil.copytree(ROOT / "policy", directory)
    return directory


def test_unchanged_files_are_validated_once_and_the_result_kept_on_disk(tmp_path, fresh_cache, validated, monkeypatch):
    directory = policy_copy(tmp_path)
    first = load_policy(directory, TODAY)
    assert sorted(validated) == sorted(loading.FILES)
    assert len(list(fresh_cache.iterdir())) >= len(loading.FILES)
    validated.clear()
    monkeypatch.setattr(cache, "_memory", {})  # a new build process: only the folder remains
    again = load_policy(directory, TODAY)
    assert validated == []
    assert again == first


def test_a_changed_file_is_validated_again_and_its_mistake_reported(tmp_path, fresh_cache, validated):
    directory = policy_copy(tmp_path)
    load_policy(directory, TODAY)
    regions = directory / "regions.yml"
    regions.write_text(regions.read_text(encoding="utf-8").replace("zone: Europe/Berlin", "zone: 12"),
                       encoding="utf-8")
    validated.clear()
    with pytest.raises(PolicyError) as error:
        load_policy(directory, TODAY)
    assert validated == ["regions"]
    assert "regions.yml" in error.value.report()
    # A file with a mistake is never kept as validated: the next build reports it again.
    validated.clear()
    with pytest.raises(PolicyError):
        load_policy(directory, TODAY)
    assert validated == ["regions"]


def test_a_changed_schema_or_portal_version_validates_again(tmp_path, fresh_cache, validated, monkeypatch):
    directory = policy_copy(tmp_path)
    schemas = directory / "schema"
    load_policy(directory, TODAY)
    company = schemas / "company.schema.json"
    company.write_text(company.read_text(encoding="utf-8").replace('"description"', '"description"', 1) + "\n",
                       encoding="utf-8")
    validated.clear()
    load_policy(directory, TODAY)
    assert sorted(validated) == sorted(loading.FILES)  # every file is checked against the folder's schemas
    validated.clear()
    monkeypatch.setattr(cache, "_memory", {})
    monkeypatch.setattr(cache, "portal_version", lambda: "another version of the portal")
    load_policy(directory, TODAY)
    assert sorted(validated) == sorted(loading.FILES)


# Entries made elsewhere (committed with the project, or forged for a file with mistakes) are
# named under another secret, or under none: they are never read.
def test_entries_made_without_this_machines_secret_are_not_read(tmp_path, fresh_cache, validated, monkeypatch):
    directory = policy_copy(tmp_path)
    regions = directory / "regions.yml"
    regions.write_text(regions.read_text(encoding="utf-8").replace("zone: Europe/Berlin", "zone: 12"),
                       encoding="utf-8")
    data = loading.yamlload.load(regions).data
    key = loading._validated_key(loading.Context(directory, "policy"), "regions", data, {})
    fresh_cache.mkdir(parents=True)
    (fresh_cache / cache._name(key)).write_bytes(b"valid")  # what a forger can compute
    real = cache._secret
    monkeypatch.setattr(cache, "_secret", lambda: b"s" * 32)
    cache.put(key, b"valid")  # made under another machine's secret
    monkeypatch.setattr(cache, "_secret", real)
    monkeypatch.setattr(cache, "_memory", {})
    assert len(list(fresh_cache.iterdir())) == 2
    with pytest.raises(PolicyError) as error:
        load_policy(directory, TODAY)
    assert "regions" in validated and "regions.yml" in error.value.report()


def test_a_cache_folder_that_is_a_link_is_not_used(tmp_path, monkeypatch, validated):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    project = tmp_path / "project"
    project.mkdir()
    (project / ".cache").symlink_to(elsewhere)
    monkeypatch.setattr(cache, "_memory", {})
    monkeypatch.setattr(cache, "_folder", project / ".cache" / "supportportal")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    cache._secret.cache_clear()
    assert cache._secret() is not None  # entries would be written, but for the link
    directory = policy_copy(tmp_path)
    load_policy(directory, TODAY)
    assert list(elsewhere.iterdir()) == []
    monkeypatch.setattr(cache, "_memory", {})
    validated.clear()
    load_policy(directory, TODAY)
    assert sorted(validated) == sorted(loading.FILES)


# A policy file is parsed once per content too; a changed file is parsed again, and a file with a
# YAML mistake is never kept, so its problem is reported on every build.
def test_unchanged_files_are_parsed_once(tmp_path, fresh_cache, monkeypatch):
    parsed = []
    original = loading.yamlload.load

    def counting(path, label=None, trusted=False):
        parsed.append(path.name)
        return original(path, label, trusted)

    monkeypatch.setattr(loading.yamlload, "load", counting)
    directory = policy_copy(tmp_path)
    first = load_policy(directory, TODAY)
    assert len(parsed) == len(loading.FILES)
    parsed.clear()
    monkeypatch.setattr(cache, "_memory", {})
    assert load_policy(directory, TODAY) == first
    assert parsed == []
    company = directory / "company.yml"
    company.write_text(company.read_text(encoding="utf-8") + "\nbroken: [\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(PolicyError) as error:
            load_policy(directory, TODAY)
        assert "company.yml" in error.value.report() and "not valid YAML" in error.value.report()
    assert parsed == ["company.yml", "company.yml"]


# A zone's changes and its names at noon over the horizon (textfmt: the zone names the browser is
# given, the zone labels of the pages) are found once per zone's data and kept: a new build
# process reads them from the folder, the same instants and wall times as a scan, and scans only
# for a zone or horizon it has not seen.
@pytest.mark.parametrize("zone", ["Europe/Berlin", "Australia/Lord_Howe", "Asia/Kolkata"])
def test_zone_changes_and_noon_names_are_found_once_and_kept(fresh_cache, monkeypatch, zone):
    from supportportal import textfmt

    first, last = dt.date(2026, 11, 1), dt.date(2031, 12, 31)
    scans = []
    for name in ("_scan_zone_changes", "_scan_noon_offsets"):
        original = getattr(textfmt, name)
        monkeypatch.setattr(textfmt, name, lambda *args, _f=original, _n=name: scans.append(_n) or _f(*args))
    for build in range(2):
        textfmt._zone_changes.cache_clear()
        textfmt._noon_offsets.cache_clear()
        monkeypatch.setattr(cache, "_memory", {})  # a new build process: only the folder remains
        changes = textfmt._zone_changes(zone, first, last)
        noons = textfmt._noon_offsets(zone, 2026, 2031)
        assert scans == ["_scan_zone_changes", "_scan_noon_offsets"], build
        if build == 0:
            scanned = (changes, noons)
        assert (changes, noons) == scanned
    textfmt._zone_changes.cache_clear()
    textfmt._noon_offsets.cache_clear()
    assert [int(c.timestamp()) for c in changes[1]] == [int(c.timestamp()) for c in textfmt._scan_zone_changes(zone, first, last)[1]]
    assert noons == textfmt._scan_noon_offsets(zone, 2026, 2031)
    textfmt._zone_changes(zone, first, last + dt.timedelta(days=1))  # another horizon: scanned
    assert scans[-1] == "_scan_zone_changes"


# A catalog whose texts passed the checks before is not checked again in a new build process; a
# changed catalog is, and its mistake is reported every time.
def test_catalogs_are_checked_once_per_content(tmp_path, fresh_cache, monkeypatch):
    from supportportal import catalog

    checked = []
    original = catalog._check
    monkeypatch.setattr(catalog, "_check", lambda data, doc, *rest: checked.append(doc.file) or original(data, doc, *rest))
    project = tmp_path / "project"
    (project / "locales").mkdir(parents=True)
    german = project / "locales" / "de.yml"
    german.write_text('widget.open: "Offen"\n', encoding="utf-8")
    for build in range(2):
        catalog._loaded.clear()
        monkeypatch.setattr(cache, "_memory", {})  # a new build process: only the folder remains
        catalogs = catalog.load_catalogs(project, ("en", "de"))
        assert catalogs["de"]("widget.open") == "Offen"
        assert checked == ["hooks/supportportal/locales/en.yml", "hooks/supportportal/locales/de.yml", "locales/de.yml"], build
    german.write_text('widget.open: "Offen {count}"\n', encoding="utf-8")
    for _ in range(2):
        catalog._loaded.clear()
        with pytest.raises(PolicyError) as error:
            catalog.load_catalogs(project, ("en", "de"))
        assert "locales/de.yml" in error.value.report() and "{count}" in error.value.report()
    assert checked[3:] == ["locales/de.yml", "locales/de.yml"]


# A zone is known without listing every zone (which reads every file of the zone folders): the
# same answer as zoneinfo.available_timezones() for each zone it lists and for names it does not.
def test_zone_exists_agrees_with_the_list_of_zones():
    import zoneinfo

    from supportportal import parsing

    zones = zoneinfo.available_timezones()
    assert len(zones) > 400 and all(parsing.zone_exists(zone) for zone in zones)
    others = ["posixrules", "right/Europe/Berlin", "posix/Europe/Berlin", "Europe/../Europe/Berlin", "./UTC", "",
              "localtime", "Europe/Berlin/", "/Europe/Berlin", "europe/berlin", "zone.tab", "tzdata.zi", "leapseconds",
              "Europe", "Mars/Olympus_Mons", "Europe/Berlin\x00", "Europe//Berlin", "CET ", "UTC+1"]
    for name in others:
        assert parsing.zone_exists(name) == (name in zones), name


# On a file system that ignores case, "europe/berlin" opens Europe/Berlin's file; it is still
# not a zone (the list of zones, and a build on Linux, say so).
def test_a_zone_is_spelled_as_on_disk(monkeypatch):
    from supportportal import parsing

    real_open = open
    monkeypatch.setattr(parsing, "open", lambda path, *a, **k: real_open(
        next((p for p in (path, path.replace("europe/berlin", "Europe/Berlin")) if __import__("os").path.exists(p)), path),
        *a, **k), raising=False)
    parsing.zone_exists.cache_clear()
    try:
        assert parsing.zone_exists("Europe/Berlin") and not parsing.zone_exists("europe/berlin")
    finally:
        parsing.zone_exists.cache_clear()


# A rendered page whose text needs the full check (it holds "null" in a code sample) is parsed
# once per content; its findings are the same when read back, and a changed page is parsed again.
def test_page_findings_are_kept_per_content(fresh_cache, monkeypatch):
    from supportportal import render

    parsed = []
    original = render._parsed_findings
    monkeypatch.setattr(render, "_parsed_findings", lambda html: parsed.append(html) or original(html))
    page = "<h2>Support</h2><pre><code>x = null</code></pre><p>Next closure: undefined</p>"
    for _ in range(2):
        monkeypatch.setattr(cache, "_memory", {})  # a new build process: only the folder remains
        assert render.unrendered(page) == [("a missing value", "undefined")]
    assert len(parsed) == 1
    assert render.unrendered(page.replace("undefined", "Christmas Day")) == [] and len(parsed) == 2


# The model of a policy that passed every check is kept: a new build process of the same files,
# build date and zones reads it back (no checks, no holiday calendars); a change to a file, the
# build date or a zone's data makes it again, and a file with a mistake is reported every time.
def test_a_checked_policy_model_is_kept_and_made_again_when_its_inputs_change(tmp_path, fresh_cache, monkeypatch):
    built = []
    original = loading._build
    monkeypatch.setattr(loading, "_build", lambda ctx, today, *rest: built.append(today) or original(ctx, today, *rest))
    directory = policy_copy(tmp_path)

    def load(today=TODAY):
        monkeypatch.setattr(cache, "_memory", {})  # a new build process: only the folder remains
        return load_policy(directory, today)

    first = load()
    again = load()
    assert built == [TODAY] and again == first and again.overrides == first.overrides
    assert again is not first and again.overrides is not first.overrides  # nothing shared between builds
    regions = directory / "regions.yml"
    regions.write_text(regions.read_text(encoding="utf-8").replace("10:00", "09:30", 1), encoding="utf-8")
    changed = load()
    assert len(built) == 2 and changed != first
    assert load() == changed and len(built) == 2
    later = load(TODAY + dt.timedelta(days=1))
    assert built[-1] == TODAY + dt.timedelta(days=1) and later.today == TODAY + dt.timedelta(days=1)
    real = cache.zone_data
    monkeypatch.setattr(cache, "zone_data", lambda zone: "new rules" if zone == "Europe/Berlin" else real(zone))
    assert load() == changed and len(built) == 4  # the zone's data changed (a tzdata update): made again
    regions.write_text(regions.read_text(encoding="utf-8").replace("zone: Europe/Berlin", "zone: Europe/Berlinn"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(PolicyError) as error:
            load()
        assert "Europe/Berlinn" in error.value.report()


# A build whose policy model was kept does not import the holidays package at all (a new process
# each: the first makes the model, the second reads it).
def test_a_build_of_a_kept_model_does_not_import_the_holidays_package(tmp_path):
    import subprocess
    import sys

    directory = policy_copy(tmp_path)
    script = ("import datetime, sys; from pathlib import Path; from supportportal import cache, loading;"
              f"cache.use(Path({str(tmp_path / 'project' / '.cache')!r}));"
              f"loading.load_policy(Path({str(directory)!r}), datetime.date(2026, 11, 27));"
              "print(any(name == 'holidays' or name.startswith('holidays.') for name in sys.modules))")
    env = {**__import__("os").environ, "XDG_CACHE_HOME": str(tmp_path / "user-cache"), "PYTHONPATH": str(ROOT / "hooks")}
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
            for _ in range(2)]
    assert [(run.returncode, run.stdout.strip()) for run in runs] == [(0, "True"), (0, "False")], [r.stderr for r in runs]


# Every entry carries an HMAC of its content: a file of the folder changed in place (even to
# another entry's content, or cut short as by a write that did not finish) is not read; an
# untouched one is.
def test_an_entry_changed_on_disk_is_not_read(fresh_cache, monkeypatch):
    cache.put(("one",), b"the first entry")
    cache.put(("two",), b"the other entry")
    monkeypatch.setattr(cache, "_memory", {})
    assert cache.get(("one",)) == b"the first entry"
    one, two = (cache._path(cache._name((key,))) for key in ("one", "two"))
    monkeypatch.setattr(cache, "_memory", {})
    one.write_bytes(one.read_bytes()[:32] + b"the forged entry")
    assert cache.get(("one",)) is None
    one.write_bytes(two.read_bytes())  # a valid entry, of another key
    assert cache.get(("one",)) is None
    two.write_bytes(two.read_bytes()[:-3])
    assert cache.get(("two",)) is None
    cache.put(("two",), b"the other entry")
    monkeypatch.setattr(cache, "_memory", {})
    assert cache.get(("two",)) == b"the other entry"


# A pipe put in an entry's place (or the secret's, or the prune marker's) is never waited on: the
# entry is missing, the work done again. (Opening a pipe to read waits for a writer for ever.)
def test_a_pipe_in_the_cache_is_not_waited_on(fresh_cache, monkeypatch, tmp_path):
    import os
    import time

    from timelimit import time_limit

    cache.put(("one",), b"the entry")
    entry = cache._path(cache._name(("one",)))
    entry.unlink()
    os.mkfifo(entry)
    monkeypatch.setattr(cache, "_memory", {})
    with time_limit(10, "reading an entry that is a pipe"):
        assert cache.get(("one",)) is None
    marker = fresh_cache / ".pruned"
    marker.unlink(missing_ok=True)
    os.mkfifo(marker)
    days_ago = time.time() - 3 * 86400
    os.utime(marker, (days_ago, days_ago), follow_symlinks=False)
    with time_limit(10, "pruning next to a marker that is a pipe"):
        cache.use(fresh_cache)
    secret = tmp_path / "user-cache" / "supportportal-secret"
    secret.unlink()
    os.mkfifo(secret)
    cache._secret.cache_clear()
    with time_limit(10, "reading a secret that is a pipe"):
        assert cache._secret() is None


# A preview runs for hours: entries kept in memory past the limit are dropped when a build starts.
def test_entries_in_memory_are_dropped_past_the_limit(monkeypatch):
    monkeypatch.setattr(cache, "_memory", {})
    monkeypatch.setattr(cache, "_folder", None)
    monkeypatch.setattr(cache, "MEMORY_LIMIT", 1000)
    cache.put(("small",), b"x" * 600)
    cache.use(None)
    assert cache.get(("small",)) == b"x" * 600
    cache.put(("more",), b"x" * 600)
    cache.use(None)
    assert cache.get(("small",)) is None and cache.get(("more",)) is None


# Entries not read for KEEP_DAYS are deleted when a build starts (at most once a day); entries
# read recently, files that are not entries and the folder's links are left alone.
def test_entries_not_used_for_a_month_are_pruned(fresh_cache, monkeypatch, tmp_path):
    import os
    import time

    for key in ("old", "recent", "read"):
        cache.put((key,), key.encode())
    paths = {key: cache._path(cache._name((key,))) for key in ("old", "recent", "read")}
    month = time.time() - (cache.KEEP_DAYS + 1) * 86400
    os.utime(paths["old"], (month, month))
    os.utime(paths["read"], (month, month))
    monkeypatch.setattr(cache, "_memory", {})
    assert cache.get(("read",)) == b"read"  # read now: kept
    (fresh_cache / "notes.txt").write_text("not an entry")
    os.utime(fresh_cache / "notes.txt", (month, month))
    cache.use(fresh_cache)
    assert sorted(p.name for p in fresh_cache.iterdir()) == sorted([".pruned", "notes.txt", paths["recent"].name, paths["read"].name])
    cache.put(("old",), b"old")
    os.utime(paths["old"], (month, month))
    cache.use(fresh_cache)  # pruned less than a day ago: not again
    assert paths["old"].exists()


# A page's text, rendered from the same Markdown and the same inputs (the policy's model, the
# catalogs, the zones, the build date), is rendered once and read back in a new build process
# (also for the check before the first page); a change to any of them renders it again, and a
# page that says the build's instant (the notices' states as of then) is never kept.
def test_pages_are_rendered_once_per_text_and_inputs(tmp_path, fresh_cache, monkeypatch):
    from conftest import copy_project
    from supportportal import catalog, render
    from supportportal.site import Portal

    calls = []
    for name in ("render_page", "check_page"):
        original = getattr(render, name)
        monkeypatch.setattr(render, name, lambda *args, _f=original, _n=name: calls.append(_n) or _f(*args))
    project = copy_project(tmp_path / "project")
    shutil.copy2(ROOT / "tests" / "fixtures" / "policies" / "notices" / "notices.yml", project / "policy" / "notices.yml")
    page = "# Hours\n\n{{ hours_table() }}\n\n{{ next_closure() }}\n"

    def edition(today=TODAY, built_at=None):
        monkeypatch.setattr(cache, "_memory", {})  # a new build process: only the folder remains
        catalog._loaded.clear()
        return Portal(project, today, built_at=built_at)

    def rendered(portal, markdown=page):
        calls.clear()
        portal.check_markdown(markdown, "hours.md")
        return portal.render_markdown(markdown, "hours.md"), list(calls)

    first, work = rendered(edition())
    assert work == ["check_page", "render_page", "check_page"] and "<table>" in first
    instant = dt.datetime(2026, 11, 27, 15, 5, tzinfo=dt.timezone.utc)
    assert rendered(edition(built_at=instant)) == (first, [])  # the build's instant is not among the inputs
    assert rendered(edition(), page + "More.\n")[1] == work
    (project / "locales").mkdir()
    (project / "locales" / "en.yml").write_text('hours.caption: "When support is staffed"\n', encoding="utf-8")
    text, again = rendered(edition())
    assert again == work and "When support is staffed" in text and text != first
    assert rendered(edition())[1] == []
    assert rendered(edition(TODAY + dt.timedelta(days=1)))[1] == work
    regions = project / "policy" / "regions.yml"
    regions.write_text(regions.read_text(encoding="utf-8").replace("10:00", "09:30", 1), encoding="utf-8")
    text, again = rendered(edition())
    assert again == work and "09:30" in text
    real = cache.zone_data
    monkeypatch.setattr(cache, "zone_data", lambda zone: "new rules" if zone == "America/New_York" else real(zone))
    assert rendered(edition())[1] == work
    monkeypatch.setattr(cache, "zone_data", real)
    notices = "## Notices\n\n{{ notices_list() }}\n"
    for minute in (5, 5, 6):
        text, again = rendered(edition(built_at=instant.replace(minute=minute)), notices)
        assert again == work and re.search(rf"\b\d\d:0{minute}\b", text)  # "as of" the build's minute
    for _ in range(2):
        with pytest.raises(render.PageError):
            rendered(edition(), "{{ hours_tabel() }}\n")


# The browser's words and the calendars are kept with the pages: read back, they are what a build
# that makes them writes; a changed catalog makes them again.
def test_browser_words_and_calendars_are_kept_with_the_pages(tmp_path, fresh_cache, monkeypatch):
    from conftest import copy_project
    from supportportal import catalog, ics
    from supportportal.site import Portal

    project = copy_project(tmp_path / "project")
    made = []
    original = ics.calendars
    monkeypatch.setattr(ics, "calendars", lambda *args: made.append("calendars") or original(*args))

    def files(lang=None):
        monkeypatch.setattr(cache, "_memory", {})
        catalog._loaded.clear()
        return Portal(project, TODAY, lang).generated_files()

    first = files()
    assert files() == first and made == ["calendars"]
    assert files("de") != first and made == ["calendars"] * 2
    (project / "locales").mkdir()
    (project / "locales" / "en.yml").write_text('widget.open: "Staffed now"\n', encoding="utf-8")
    changed = files()
    assert made == ["calendars"] * 3 and '"open": "Staffed now"' in changed["assets/javascripts/locales/en.json"]
    monkeypatch.setattr(cache, "_memory", {})
    catalog._loaded.clear()
    fresh = Portal(project, TODAY)
    assert fresh._browser_words("en") == fresh.browser_words("en")


# The zones a model names, which the kept pages' inputs list, are every `zone` of the model: the
# default policy's and the fixtures' with channels and notices of their own zones.
@pytest.mark.parametrize("fixture", [None, "channels", "notices", "three-regions"])
def test_the_zones_a_model_names_are_all_its_zones(tmp_path, fixture):
    import dataclasses

    from supportportal import model

    def every_zone(value) -> set:
        if dataclasses.is_dataclass(value):
            return set().union(*({getattr(value, f.name)} if f.name == "zone" else every_zone(getattr(value, f.name))
                                 for f in dataclasses.fields(value)))
        if isinstance(value, (list, tuple)):
            return set().union(*map(every_zone, value))
        return set().union(*map(every_zone, value.values())) if isinstance(value, dict) else set()

    directory = policy_copy(tmp_path)
    if fixture:
        for path in (ROOT / "tests" / "fixtures" / "policies" / fixture).glob("*.yml"):
            shutil.copy2(path, directory / path.name)
    policy = load_policy(directory, TODAY)
    assert model.zones(policy) == every_zone(policy) and len(model.zones(policy)) >= 2


# What a build renders a page from is what it loaded: a catalog saved after the catalogs were read
# (the preview rebuilds on that save) gives the next build its new words, not the page made with
# the old ones; a catalog that changes its language's locale changes every name the page takes
# from the locale (weekdays as well), in the same process as in a new one.
def test_a_catalog_saved_during_a_build_and_a_new_locale_reach_the_next_build(tmp_path, fresh_cache, monkeypatch):
    from conftest import copy_project
    from supportportal import catalog
    from supportportal.site import Portal

    project = copy_project(tmp_path / "project")
    (project / "locales").mkdir()
    german = project / "locales" / "de.yml"
    page = "{{ hours_table() }}\n"

    def edition():
        catalog._loaded.clear()
        return Portal(project, TODAY, "de")

    building = edition()
    german.write_text('hours.caption: "Servicezeiten nach Region"\ndays.range: "{first} BIS {last}"\n', encoding="utf-8")
    edition()  # another Portal loads and installs the new catalogs (as the check of every edition does)
    made = building.render_markdown(page, "hours.md")
    assert "Servicezeiten nach Region" not in made and "BIS" not in made  # the words it loaded, all of them
    made = edition().render_markdown(page, "hours.md")
    assert "Servicezeiten nach Region" in made and "BIS" in made
    german.write_text("locale: de_AT\n", encoding="utf-8")
    assert "Jänner" in edition().render_markdown("{{ next_closure() }}\n", "hours.md")  # Austrian German
    german.write_text("locale: nl_NL\n", encoding="utf-8")
    dutch = edition().render_markdown(page, "hours.md")
    assert "maandag" in dutch.lower() and "Montag" not in dutch


# A package is known by its RECORD (every file it installed, with the file's hash): another
# version, or a file of it changed by a reinstall, is another package for the keys. Without a
# RECORD beside it, or installed editable, it is known by its files' sizes and times.
def test_packages_are_known_by_what_they_installed(tmp_path, monkeypatch):
    import importlib
    import os
    import sys

    site = tmp_path / "site"
    module = site / "fake_package" / "__init__.py"
    module.parent.mkdir(parents=True)
    module.write_text("VALUE = 1\n")
    info = site / "Fake_Package-1.0.dist-info"
    info.mkdir()
    monkeypatch.setattr(sys, "path", [str(site), *sys.path])
    importlib.invalidate_caches()

    def identity():
        loading.packages.cache_clear()
        return loading.packages(("fake_package=fake-package", "holidays")).split()

    (info / "RECORD").write_text("fake_package/__init__.py,sha256=aaa,10\n")
    first = identity()
    (info / "RECORD").write_text("fake_package/__init__.py,sha256=bbb,10\n")
    second = identity()
    assert first[0] != second[0] and first[1] == second[1] and "?" not in first[0] and "files:" not in first[0]
    (info / "direct_url.json").write_text('{"url": "file:///src", "dir_info": {"editable": true}}')
    editable = identity()
    module.write_text("VALUE = 22\n")
    os.utime(module, (1, 1))
    assert editable[0].startswith("fake_package=fake-package:files:") and identity()[0] != editable[0]
    (info / "direct_url.json").unlink()
    (info / "RECORD").unlink()
    assert identity()[0].startswith("fake_package=fake-package:files:")
    loading.packages.cache_clear()
