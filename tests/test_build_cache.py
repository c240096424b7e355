# Results kept between builds (supportportal/cache.py): a policy file is validated against its
# schema once per content, schemas and portal version; a changed file, schema or portal is
# validated again, and every mistake is still reported. The cache folder is never followed
# through a link.

import datetime as dt
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
