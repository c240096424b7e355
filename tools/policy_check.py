#!/usr/bin/env python3
# `make check`: validate policy/ and the catalogs of its languages (locales/) exactly as the build
# does, without building. Prints the build's own report (PolicyError.report()) and exits 1 on
# problems; used by the pre-commit hook.

import datetime as dt
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from supportportal import catalog  # noqa: E402
from supportportal.loading import PolicyError, load_policy  # noqa: E402


def main() -> int:
    # The build's "today" (it decides which years of closures are checked): SOURCE_DATE_EPOCH or the clock.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        today = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch else \
            dt.datetime.now(dt.timezone.utc).date()
    except ValueError:
        print(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, found '{epoch}'", file=sys.stderr)
        return 1
    try:
        policy = load_policy(ROOT / "policy", today)
        # The catalogs of the policy's languages (locales/<lang>.yml too), as the build reads them.
        catalog.load_catalogs(ROOT, policy.languages, policy.translation_fallback)
    except PolicyError as error:
        print(error.report(), file=sys.stderr)
        return 1
    print("policy/: no problems")
    return 0


if __name__ == "__main__":
    sys.exit(main())
