# `make serve`: the preview rebuilds when a policy file or a hook module changes, without a restart.

import os
import socket
import subprocess
import time
import threading
import urllib.error
import urllib.request

import pytest

from conftest import BIN, SOURCE_DATE_EPOCH


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 5) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            body = fetch(url)
            if text in body:
                return body
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{text!r} did not appear at {url} within {seconds} s")


# Start `mkdocs serve` in `project` on a free port; its output goes to `log`.
@pytest.fixture
def serve(tmp_path):
    started = []

    def start(project, log):
        port = free_port()
        output = open(log, "w")
        env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
        proc = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
        started.append((proc, output))
        return f"http://127.0.0.1:{port}"

    yield start
    for proc, output in started:
        proc.terminate()
        proc.wait(timeout=20)
        output.close()


@pytest.fixture
def preview(project, tmp_path, serve):
    return project, serve(project, tmp_path / "serve.log")


def test_preview_follows_policy_and_hook_edits(preview):
    project, url = preview
    wait_for(url + "/hours/", "10:00–18:00")
    regions = project / "policy" / "regions.yml"
    regions.write_text(regions.read_text().replace("monday to friday: 10:00-18:00", "monday to friday: 08:00-16:30"))
    wait_for(url + "/hours/", "08:00–16:30")
    words = project / "hooks" / "supportportal" / "locales" / "en.yml"
    words.write_text(words.read_text().replace("hours.caption: Support hours by region",
                                               "hours.caption: Opening hours by region"))
    wait_for(url + "/hours/", "Opening hours by region")
    render = project / "hooks" / "supportportal" / "render.py"
    render.write_text(render.read_text().replace("""'<div class="support-hours" data-support-hours>""",
                                                 """'<div class="support-hours" data-support-hours data-reloaded>"""))
    wait_for(url + "/hours/", "data-reloaded")
    # From the reload on, results are kept in memory only: nothing on disk was made by modules
    # that are not exactly the package's files.
    kept = sorted((project / ".cache" / "supportportal").iterdir())
    regions.write_text(regions.read_text().replace("monday to friday: 08:00-16:30", "monday to friday: 07:45-16:30"))
    wait_for(url + "/hours/", "07:45–16:30")
    assert sorted((project / ".cache" / "supportportal").iterdir()) == kept


# The preview reloads every module of the core package a build imports (the review tools are not).
def test_serve_reloads_every_module_of_the_package():
    from conftest import ROOT

    import portal

    package = ROOT / "hooks" / "supportportal"
    modules = {path.relative_to(package).with_suffix("").as_posix().replace("/", ".")
               for path in package.rglob("*.py") if path.name != "__init__.py" and "review" not in path.parts}
    assert set(portal._MODULES) == modules and len(portal._MODULES) == len(modules)


def test_make_serve_watches_the_policy_hooks_and_overrides():
    import yaml

    from conftest import ROOT

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_Loader)
    assert {"policy", "hooks", "overrides"} <= set(config["watch"])
    assert "mkdocs serve --dev-addr 127.0.0.1:8000" in (ROOT / "Makefile").read_text()


# The policy a `mkdocs serve` rebuild reuses: the same object while the policy files, the schemas
# and the build date are unchanged; a new one after any of them changed, even with the same size
# and modification time.
def test_serve_reuses_the_policy_until_a_policy_or_schema_file_changes(project, monkeypatch):
    import portal
    import supportportal.loading
    from mkdocs.config import load_config

    from timelimit import time_limit

    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    monkeypatch.setattr(supportportal.loading, "SCHEMA_DIR", project / "policy" / "schema")
    monkeypatch.setattr(portal, "_command", {"name": "serve"})
    monkeypatch.setattr(portal, "_served", {})
    monkeypatch.setattr(portal, "_builds", [])

    def policy():
        config = load_config(str(project / "mkdocs.yml"))
        with time_limit(60, "loading the policy"):
            portal.on_config(config)
        policy = portal._builds[-1].portal.policy
        portal.on_build_error(error=None)
        return policy

    def same_size_and_time(path, old, new):
        stat = path.stat()
        text = path.read_text(encoding="utf-8")
        assert old in text and len(old) == len(new)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))

    first = policy()
    assert policy() is first
    same_size_and_time(project / "policy" / "regions.yml", "monday to friday: 10:00-18:00", "monday to friday: 11:00-18:00")
    second = policy()
    assert second is not first and second.regions[0].weekly[0][0].start == 11 * 60
    assert policy() is second
    schema = project / "policy" / "schema" / "regions.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    third = policy()
    assert third is not second and third == second
    (project / "policy" / "notes.yml").write_text("a: 1\n", encoding="utf-8")
    with pytest.raises(Exception, match="notes.yml"):
        policy()
    portal.on_build_error(error=None)


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# The preview serves the main edition's pages as soon as they are built and builds the German
# edition after them: a German page asked for meanwhile waits for it, never the old page or none.
def test_preview_serves_the_german_edition_once_it_is_rebuilt(preview):
    project, url = preview
    wait_for(url + "/de/hours/", "10:00–18:00")
    regions = project / "policy" / "regions.yml"
    for old, new in (("10:00-18:00", "08:00-16:30"), ("08:00-16:30", "09:15-17:45")):
        edit(regions, f"monday to friday: {old}", f"monday to friday: {new}")
        shown = new.replace("-", "–")
        wait_for(url + "/hours/", shown, seconds=120)
        assert shown in fetch(url + "/de/hours/", timeout=120)


# Records when each build of each edition starts and ends; the German one takes a second, so
# that a save during it would start the next build while it runs, unless the rebuild waits.
PROBE = """
import time

def on_pre_build(config):
    with open({log!r}, "a") as log:
        log.write(f"start {{config.theme['language']}} {{time.monotonic()}}\\n")
    if config.theme["language"] == "de":
        time.sleep(1.0)

def on_post_build(config):
    with open({log!r}, "a") as log:
        log.write(f"end {{config.theme['language']}} {{time.monotonic()}}\\n")
"""


# The preview of `project` with PROBE among its hooks, once it serves the German pages: its
# address and the log of its builds.
def serve_probed(project, tmp_path, serve) -> tuple:
    builds = tmp_path / "builds.log"
    (project / "hooks" / "probe.py").write_text(PROBE.format(log=str(builds)), encoding="utf-8")
    edit(project / "mkdocs.yml", "  - hooks/portal.py\n", "  - hooks/portal.py\n  - hooks/probe.py\n")
    url = serve(project, tmp_path / "serve.log")
    wait_for(url + "/de/hours/", "10:00–18:00")
    return url, builds


def test_preview_runs_one_build_at_a_time(project, tmp_path, serve):
    url, builds = serve_probed(project, tmp_path, serve)
    regions = project / "policy" / "regions.yml"
    edit(regions, "monday to friday: 10:00-18:00", "monday to friday: 08:00-16:30")
    wait_for(url + "/hours/", "08:00–16:30")
    # Saved while the German edition of the first edit is being built.
    edit(regions, "monday to friday: 08:00-16:30", "monday to friday: 09:15-17:45")
    wait_for(url + "/hours/", "09:15–17:45")
    assert "09:15–17:45" in fetch(url + "/de/hours/", timeout=60)
    events = [line.split() for line in builds.read_text(encoding="utf-8").splitlines()]
    starts = [lang for kind, lang, _ in events if kind == "start"]
    assert len(starts) >= 6 and starts == ["en", "de"] * (len(starts) // 2), events
    running = None
    for kind, lang, _ in events:
        assert (kind == "start") == (running is None), f"{kind} {lang} while {running} builds: {events}"
        running = lang if kind == "start" else None


# A German page asked for while its edition is being built, with a save meanwhile: the next
# rebuild empties the site folder before it builds the pages again, so the request waits for the
# German edition of that rebuild and gets a page of one of the two saves, never a missing page.
def test_a_german_page_asked_for_during_a_rebuild_is_never_missing(project, tmp_path, serve):
    url, _ = serve_probed(project, tmp_path, serve)
    regions = project / "policy" / "regions.yml"
    for old, new in (("10:00-18:00", "08:00-16:30"), ("08:00-16:30", "09:15-17:45")):
        edit(regions, f"monday to friday: {old}", f"monday to friday: {new}")
        wait_for(url + "/hours/", new.replace("-", "–"))
        answers = []
        # While the German edition of this save is built (it takes a second), ask for its page
        # and save again.
        asking = threading.Thread(target=lambda: answers.append(_answer(url + "/de/hours/")))
        asking.start()
        time.sleep(0.2)
        edit(regions, f"monday to friday: {new}", f"monday to friday: {old}")
        asking.join(timeout=120)
        status, body = answers[0]
        assert status == 200 and (new.replace("-", "–") in body or old.replace("-", "–") in body), (status, body[:300])
        wait_for(url + "/hours/", old.replace("-", "–"))
        edit(regions, f"monday to friday: {old}", f"monday to friday: {new}")
        wait_for(url + "/de/hours/", new.replace("-", "–"))


def _answer(url: str) -> tuple:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


# A mistake only the German edition has is printed while the main edition's pages go on being
# rebuilt; the German pages wait until it is fixed.
def test_preview_reports_a_mistake_of_the_german_edition(preview, tmp_path):
    project, url = preview
    wait_for(url + "/de/hours/", "10:00–18:00")
    page = project / "content" / "de" / "hours.md"
    edit(page, "{{ hours_table() }}", "{{ hours_table() }}\n\n{{ opening_hours() }}")
    log = tmp_path / "serve.log"
    deadline = time.monotonic() + 60
    while "opening_hours" not in log.read_text(encoding="utf-8") and time.monotonic() < deadline:
        time.sleep(0.2)
    output = log.read_text(encoding="utf-8")
    assert "hours.md, line" in output and "opening_hours" in output, output[-3000:]
    assert "The pages of the other editions wait until the mistake is fixed" in output, output[-3000:]
    edit(project / "policy" / "regions.yml", "monday to friday: 10:00-18:00", "monday to friday: 08:00-16:30")
    wait_for(url + "/hours/", "08:00–16:30")
    # Neither the page of the last build nor a missing page: the mistake, as the log has it.
    with pytest.raises(urllib.error.HTTPError) as answer:
        fetch(url + "/de/hours/", timeout=30)
    said = answer.value.read().decode("utf-8")
    assert answer.value.code == 503 and "This edition was not rebuilt" in said and "opening_hours" in said, said
    edit(page, "\n\n{{ opening_hours() }}", "")
    wait_for(url + "/de/hours/", "08:00–16:30")


# The catalogs a rebuild (or the German edition's build) reuses: the same while the catalog
# files are unchanged, new ones after a project catalog changed, even with the same size and
# modification time, or after one was added.
def test_rebuilds_reuse_the_catalogs_until_a_catalog_file_changes(project):
    from supportportal import catalog

    def same_size_and_time(path, old, new):
        stat = path.stat()
        edit(path, old, new)
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))

    locales = project / "locales"
    locales.mkdir(exist_ok=True)
    first = catalog.load_catalogs(project, ("en", "de"))
    assert catalog.load_catalogs(project, ("en", "de")) is first
    (locales / "de.yml").write_text("hours.caption: Supportzeiten je Region\n", encoding="utf-8")
    second = catalog.load_catalogs(project, ("en", "de"))
    assert second is not first and second["de"]("hours.caption") == "Supportzeiten je Region"
    assert catalog.load_catalogs(project, ("en", "de")) is second
    same_size_and_time(locales / "de.yml", "je Region", "je Gebiet")
    third = catalog.load_catalogs(project, ("en", "de"))
    assert third["de"]("hours.caption") == "Supportzeiten je Gebiet"
    assert catalog.load_catalogs(project, ("en",)) is not third


# Every environment of the theme (the build's, and the search plugin's own, made three times per
# build to read its settings) compiles a template only the first time in a process.
def test_theme_templates_are_compiled_once_per_process(project, monkeypatch):
    import jinja2
    from mkdocs.config import load_config

    from timelimit import time_limit

    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    compiled = []
    compile_template = jinja2.Environment.compile

    def compile_and_record(self, source, name=None, *args, **kwargs):
        compiled.append(name)
        return compile_template(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", compile_and_record)
    for round_ in range(2):
        compiled.clear()
        config = load_config(str(project / "mkdocs.yml"))
        with time_limit(60, "configuring a build"):
            config.plugins.on_config(config)
            for _ in range(3):
                config.theme.get_env().get_template("partials/language.html")
        config.plugins.on_build_error(error=None)
        assert round_ == 0 or compiled == [], compiled


# The installed theme's files are listed once per process: every build still copies the theme
# files MkDocs' own listing gives, and a file saved in overrides/ meanwhile is copied by the next.
def test_builds_copy_the_theme_files_mkdocs_lists(project, monkeypatch):
    import jinja2
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from timelimit import time_limit

    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    config = load_config(str(project / "mkdocs.yml"))
    with time_limit(60, "configuring a build"):
        config.plugins.on_config(config)

    def theme_files(env) -> list:
        files = Files([])
        files.add_files_from_theme(env, config)
        return sorted((f.src_uri, f.abs_src_path) for f in files)

    try:
        listed_by_jinja = theme_files(jinja2.Environment(loader=jinja2.FileSystemLoader(config.theme.dirs)))
        assert ("assets/stylesheets/portal.css", str(project / "overrides" / "assets" / "stylesheets" / "portal.css")) in listed_by_jinja
        assert theme_files(config.theme.get_env()) == listed_by_jinja
        (project / "overrides" / "assets" / "extra.txt").write_text("saved meanwhile\n", encoding="utf-8")
        assert ("assets/extra.txt", str(project / "overrides" / "assets" / "extra.txt")) in theme_files(config.theme.get_env())
    finally:
        config.plugins.on_build_error(error=None)


# The installed theme is listed once per process (without hidden files), also when it sits in the
# project (a .venv inside it, as `make` makes); the project's own theme folder at every build.
def test_the_installed_theme_is_listed_once_the_overrides_every_time(tmp_path):
    import jinja2

    import portal

    overrides, installed = tmp_path / "overrides", tmp_path / ".venv" / "theme"
    for path in (overrides / "main.html", installed / "base.html", installed / ".icons" / "x.svg"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    loader = portal._ThemeLoader(jinja2.FileSystemLoader([str(overrides), str(installed)]), overrides.resolve())
    assert loader.list_templates() == ["base.html", "main.html"]
    (overrides / "extra.html").write_text("x", encoding="utf-8")
    (installed / "later.html").write_text("x", encoding="utf-8")
    assert loader.list_templates() == ["base.html", "extra.html", "main.html"]
