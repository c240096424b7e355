# Where the hooks spend a build: one `mkdocs build --strict` of a project in this process, with a
# timer and a call counter around the core package's functions. Times are CPU seconds of this
# process (steadier than wall time on a shared machine) and inclusive (load_policy contains its
# YAML reading); they show how often each piece of work is done per build and what one time
# costs. Prints JSON.
#
# With --profile, the same build runs under cProfile instead, and the share of the portal's own
# code in it is computed: importing the hook module (with the core package and what it imports)
# plus every call MkDocs makes into hooks/portal.py, without the other editions' MkDocs builds
# the hooks start (their own hook calls are counted as calls from MkDocs), against everything
# from importing MkDocs to the end of the build.
#
#   python bench/hookcost.py PROJECT_DIR [--profile]

from __future__ import annotations

import cProfile
import functools
import json
import pstats
import os
import sys
import time
from pathlib import Path

# The functions timed: (module, attribute path). Methods are wrapped on their class. The holidays
# package is imported on first use (not at all when the policy's model was kept between builds):
# its work is timed inside closures.country_class and closures.calendar_days.
TIMED = (
    ("supportportal.site", "Portal.__init__"),
    ("supportportal.loading", "load_policy"),
    ("supportportal.loading", "_read"),
    ("supportportal.loading", "_build"),
    ("supportportal.loading", "schema_validator"),
    ("supportportal.yamlload", "load"),
    ("supportportal.closures", "region_overrides"),
    ("supportportal.closures", "calendar_days"),
    ("supportportal.closures", "closure_days"),
    ("supportportal.closures", "country_class"),
    ("supportportal.site", "Portal.generated_files"),
    ("supportportal.feed", "support_feed"),
    ("supportportal.feed", "dumps"),
    ("supportportal.ics", "calendars"),
    ("supportportal.ics", "zone_definition"),
    ("supportportal.jsonld", "organization"),
    ("supportportal.site", "Portal.render_markdown"),
    ("supportportal.render", "Facts.hours_table"),
    ("supportportal.render", "Facts.business_hours_rule"),
    ("supportportal.render", "Facts.holiday_calendar"),
    ("supportportal.render", "Facts.next_closure"),
    ("supportportal.site", "Portal.finish_html"),
    ("supportportal.render", "unrendered"),
    ("supportportal.site", "Portal.alternates"),
)

stats: dict = {}


def _timed(name: str, function):
    entry = stats.setdefault(name, {"calls": 0, "seconds": 0.0})
    depth = [0]  # recursion and wrapper-in-wrapper calls count once

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        if depth[0]:
            return function(*args, **kwargs)
        depth[0] += 1
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            entry["seconds"] += time.process_time() - start
            entry["calls"] += 1
            depth[0] -= 1
    return wrapper


# Replace each timed function, everywhere a module imported it by name, with its timed wrapper.
def _instrument() -> None:
    modules = [m for n, m in list(sys.modules.items()) if n.startswith("supportportal")]
    for module_name, attribute in TIMED:
        owner = sys.modules[module_name]
        *classes, name = attribute.split(".")
        for cls in classes:
            owner = getattr(owner, cls)
        original = getattr(owner, name)
        label = attribute if module_name.startswith("supportportal") else f"{module_name}.{attribute}"
        wrapper = _timed(label, original)
        setattr(owner, name, wrapper)
        if not classes:
            for module in modules:
                if getattr(module, name, None) is original:
                    setattr(module, name, wrapper)


def main(project: Path) -> dict:
    os.chdir(project)
    sys.path.insert(0, str(project / "hooks"))
    start = time.process_time()
    from mkdocs.__main__ import cli
    import material  # noqa: F401
    mkdocs_import = time.process_time() - start
    # What importing the hook costs beyond MkDocs: the core package and what it pulls in (the
    # packages it needs only for a changed policy, holidays, jsonschema and icalendar, are
    # imported when used); the baseline build imports none of it.
    start = time.process_time()
    import supportportal.site  # noqa: F401
    import supportportal.ics  # noqa: F401
    import supportportal.jsonld  # noqa: F401
    import pathspec.gitignore  # noqa: F401
    hook_import = time.process_time() - start
    _instrument()
    start = time.process_time()
    cli.main(["build", "--strict", "--quiet"], prog_name="mkdocs", standalone_mode=False)
    build = time.process_time() - start
    return {
        "mkdocs_import_cpu_s": round(mkdocs_import, 4), "hook_import_cpu_s": round(hook_import, 4),
        "build_cpu_s": round(build, 4),
        "functions": {name: {"calls": s["calls"], "seconds": round(s["seconds"], 4)}
                      for name, s in stats.items() if s["calls"]},
    }


# One build under cProfile: the portal's share of it (see the top of this file).
def profile(project: Path) -> dict:
    os.chdir(project)
    sys.path.insert(0, str(project / "hooks"))
    profiler = cProfile.Profile(time.process_time)  # CPU time: the machine is shared
    start = time.process_time()
    profiler.enable()
    from mkdocs.__main__ import cli
    cli.main(["build", "--strict", "--quiet"], prog_name="mkdocs", standalone_mode=False)
    profiler.disable()
    cpu = time.process_time() - start
    stats = pstats.Stats(profiler).stats
    total = max(entry[3] for entry in stats.values())
    hook = str(project / "hooks" / "portal.py")
    package = str(project / "hooks" / "supportportal") + os.sep
    imports = hooks = editions = into_package = 0.0
    for (file, _, function), (_, _, _, cumulative, callers) in stats.items():
        if file == hook and function == "<module>":
            imports += cumulative
            continue
        for (caller_file, _, caller_function), edge in callers.items():
            if file == hook and caller_file != hook:
                hooks += edge[3]
            if file.startswith(package) and caller_file == hook:
                into_package += edge[3]
            if caller_file == hook and caller_function != "<module>" and (file, function) in _NESTED:
                editions += edge[3]
    portal = imports + hooks - editions
    return {"total_s": round(total, 4), "cpu_s": round(cpu, 4), "portal_s": round(portal, 4),
            "share": round(portal / total, 4), "hook_import_s": round(imports, 4),
            "hook_calls_s": round(hooks - editions, 4), "calls_into_package_s": round(into_package, 4),
            "other_editions_s": round(editions, 4)}


# MkDocs functions the hooks call to build another edition, and MkDocs' and Jinja's own work
# that the hooks' wrappers pass on (the theme's environment, the listing of the project's
# overrides/): their time is MkDocs' work. The hooks' listing of the installed theme, which
# replaces MkDocs' own, stays the portal's.
_MKDOCS = Path(__import__("importlib.util").util.find_spec("mkdocs").origin).parent
_JINJA = Path(__import__("importlib.util").util.find_spec("jinja2").origin).parent
_NESTED = {(str(_MKDOCS / "commands" / "build.py"), "build"), (str(_MKDOCS / "config" / "base.py"), "load_config"),
           (str(_MKDOCS / "theme.py"), "get_env"), (str(_JINJA / "loaders.py"), "list_templates")}


if __name__ == "__main__":
    project = Path(sys.argv[1]).resolve()
    print(json.dumps(profile(project) if "--profile" in sys.argv[2:] else main(project), indent=1))
