#!/usr/bin/env python3
# `make check`: every check the build runs, and the build's own messages: the policy (policy/),
# the catalogs of its languages (locales/), each edition's pages and nav titles (content/,
# mkdocs.yml) and the placeholders of every page, by the build's own functions
# (supportportal.site.Portal), not copies; then, when those pass, the build itself into a
# temporary folder for what MkDocs checks (its configuration, the nav, every link and anchor), so
# nothing passes here that the build refuses. Exits with 1 on problems (make reports "Error 1" and
# exits with its own 2); used by the pre-commit hook. Notes (an item dated before the build, never
# shown: kept for history, or a wrong year) are printed before the last line and fail nothing.

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from mkdocs.config import load_config  # noqa: E402
from mkdocs.theme import Theme  # noqa: E402
from mkdocs.utils.yaml import yaml_load  # noqa: E402

from portal import report_pages, report_without_policy  # noqa: E402
from supportportal.loading import PolicyError  # noqa: E402
from supportportal.review import build_site  # noqa: E402
from supportportal.site import Portal, theme_language_problem  # noqa: E402

_LAST_SECOND = 253402300799  # 9999-12-31 23:59:59 UTC, as the build


def main(root: Path = ROOT) -> int:
    # The build's instant and "today" (it decides which years are checked, and no notice may be
    # updated after it): SOURCE_DATE_EPOCH or the clock, in whole seconds as the build's.
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch and (not epoch.isascii() or not epoch.isdigit() or len(epoch) > 12 or int(epoch) > _LAST_SECOND):
        print(f"SOURCE_DATE_EPOCH must be whole seconds since 1 January 1970 (UTC), found '{epoch[:40]}'",
              file=sys.stderr)
        return 1
    built_at = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else \
        dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    today = built_at.date()
    try:
        with open(root / "mkdocs.yml", encoding="utf-8") as file:
            main_config = yaml_load(file)
    except Exception as error:  # MkDocs' own reading of mkdocs.yml: a broken file stops the build too
        print(f"mkdocs.yml: {error}", file=sys.stderr)
        return 1
    main_config = main_config if isinstance(main_config, dict) else {}
    names = templates(root, main_config)  # None: a theme MkDocs cannot load (the build says why)
    try:
        portal = Portal(root, today, built_at=built_at, main=main_config)
    except PolicyError as error:
        # With the problems of the pages and their links, which need no policy: the build's report.
        print(report_without_policy(error, mkdocs_config(root), names), file=sys.stderr)
        return 1
    if names is not None:
        languages = [theme_language_problem(root, lang, names.__contains__) for lang in portal.policy.languages[1:]]
        if any(languages):
            print(PolicyError([p for p in languages if p]).report(), file=sys.stderr)
            return 1
    failures = report_pages(portal, mkdocs_config(root), names)
    if failures:
        print(failures, file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="policy-check-") as folder:
        failed = build_site(root, Path(folder) / "site", epoch or str(int(built_at.timestamp())))
    if failed:
        print(failed, file=sys.stderr)
        return 1
    count = sum(len(portal.pages(lang)) for lang in portal.policy.languages)
    # Notes: valid, but likely not meant (an item dated before the build); they fail nothing.
    notes = portal.policy.notes
    for note in notes:
        print(note.as_note())
    noted = f", {len(notes)} note{'s' if len(notes) != 1 else ''}" if notes else ""
    print(f"policy/, locales/, content/, mkdocs*.yml: no problems{noted} ({len(portal.policy.languages)} editions, "
          f"{count} pages, every link)")
    return 0


# The main edition's configuration as MkDocs reads it, without the portal's hooks; None where
# MkDocs cannot read it (the build says why).
def mkdocs_config(root: Path):
    try:
        return load_config(str(root / "mkdocs.yml"), hooks=[])
    except Exception:
        return None


# The templates pages may name in `template:`: overrides/ and the theme's, as MkDocs finds them.
def templates(root: Path, main_config: dict) -> set | None:
    theme = main_config.get("theme")
    theme = dict(theme) if isinstance(theme, dict) else {"name": theme or "mkdocs"}
    custom = theme.pop("custom_dir", None)
    name = theme.pop("name", "mkdocs")
    try:
        theme = Theme(name=name, custom_dir=str(root / custom) if custom else None,
                      **{k: v for k, v in theme.items() if k in ("language", "locale")})
        return set(theme.get_env().list_templates())
    except Exception:  # an unknown theme or a missing custom_dir: MkDocs' own message, from the build
        return None


if __name__ == "__main__":
    sys.exit(main())
