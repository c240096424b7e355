# Where the hooks spend a build: one `mkdocs build --strict` of a project in this process, with a
# timer and a call counter around the core package's functions and the `holidays` and `icalendar`
# calls they make. Times are CPU seconds of this process (steadier than wall time on a shared
# machine) and inclusive (load_policy contains its YAML reading); they show how often each piece
# of work is done per build and what one time costs. Prints JSON.
#
#   python bench/hookcost.py PROJECT_DIR

from __future__ import annotations

import functools
import json
import os
import sys
import time
from pathlib import Path

# The functions timed: (module, attribute path). Methods are wrapped on their class.
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
    ("supportportal.closures", "local_language"),
    ("supportportal.site", "Portal.generated_files"),
    ("supportportal.feed", "support_feed"),
    ("supportportal.feed", "dumps"),
    ("supportportal.ics", "support_calendar"),
    ("supportportal.jsonld", "organization"),
    ("supportportal.site", "Portal.render_markdown"),
    ("supportportal.render", "Facts.hours_table"),
    ("supportportal.render", "Facts.business_hours_rule"),
    ("supportportal.render", "Facts.holiday_calendar"),
    ("supportportal.render", "Facts.next_closure"),
    ("supportportal.site", "Portal.finish_html"),
    ("supportportal.render", "unrendered"),
    ("supportportal.site", "Portal.alternates"),
    ("icalendar", "Timezone.from_tzid"),
    ("icalendar", "Calendar.to_ical"),
    ("holidays", "country_holidays"),
    ("holidays", "list_supported_countries"),
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
    # What importing the hook costs beyond MkDocs: the core package and what it pulls in
    # (holidays, jsonschema, icalendar, babel); the baseline build imports none of it.
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


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]).resolve()), indent=1))
