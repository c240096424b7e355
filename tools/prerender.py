#!/usr/bin/env python3
# `make prerender`: the portal as a plain Material project, for building without the hooks
# (README, "Building without the hooks"). Writes the pages as the hooks render them, the feeds,
# calendars and schemas, and one config per edition, into a fresh folder that replaces the old
# one only when everything was written; prints the build's own message and exits 1 on a mistake.
#
#   python tools/prerender.py [DEST]      (default: prerendered/; SOURCE_DATE_EPOCH fixes "today")

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

import portal  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from supportportal.loading import PolicyError  # noqa: E402
from supportportal.render import PageError  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dest", nargs="?", default="prerendered", help="the folder to write (default: prerendered)")
    parser.add_argument("--project", default=str(ROOT), help="the portal's folder (default: this one)")
    args = parser.parse_args(argv)
    project, dest = Path(args.project).resolve(), Path(args.dest).resolve()
    if dest == project or dest in project.parents:
        print(f"{args.dest} holds the project itself: give a folder of its own", file=sys.stderr)
        return 1
    staging = Path(portal._staging_dir(str(dest), free=True))
    try:
        configs = portal.prerender(project, staging, portal._build_instant())
    except PolicyError as error:
        print(error.report(), file=sys.stderr)
    except (PageError, PluginError) as error:
        print(error, file=sys.stderr)
    else:
        portal._replace_dir(staging, dest)
        first, *others = configs
        print(f"{args.dest}/: a plain Material project, {len(configs)} edition(s). Build it without the hooks:\n"
              f"  cd {args.dest} && mkdocs build --strict"
              + "".join(f" && mkdocs build --strict -f {name}" for name in others))
        return 0
    portal._remove(staging, ignore_errors=True)
    return 1


if __name__ == "__main__":
    sys.exit(main())
