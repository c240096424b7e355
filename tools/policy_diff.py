#!/usr/bin/env python3
# `make diff`: what customers will read differently after a policy change, in Markdown.
#
#   tools/policy_diff.py                       the working tree against where it left main
#   tools/policy_diff.py --base REV --head REV two revisions
#   tools/policy_diff.py --no-pages            the policy summary only, without building the pages
#
# `make diff BASE=rev HEAD=rev` hands the revisions over in the environment (POLICY_DIFF_BASE,
# POLICY_DIFF_HEAD), never through a shell. Anything that is not a revision of the repository is
# refused with a message and exit status 1, as is every other problem (a policy that does not
# load or a site that does not build: the summary says which, and the status is 1).
#
# The summary goes to standard output (`make diff > summary.md`); all logic is in
# the package hooks/supportportal/review/.

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from supportportal import review  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Summarise a policy change as customers will read it.")
    parser.add_argument("--base", help="revision to compare with (default: the merge base with main)")
    parser.add_argument("--head", help="revision with the change (default: the working tree)")
    parser.add_argument("--no-pages", action="store_true", help="skip building and comparing the pages")
    args = parser.parse_args(argv)
    base = args.base if args.base is not None else os.environ.get("POLICY_DIFF_BASE", "")
    head = args.head if args.head is not None else os.environ.get("POLICY_DIFF_HEAD", "")
    # Both policies are read, and both sites built, for the same instant: SOURCE_DATE_EPOCH or now
    # (whole seconds), as `make check` and the build (a notice updated earlier today is no error).
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or str(int(dt.datetime.now(dt.timezone.utc).timestamp()))
    try:
        base = review.revision(ROOT, base, "BASE") if base else review.default_base(ROOT)
        head = review.revision(ROOT, head, "HEAD") if head else None
        summary, ok = review.review(ROOT, base, head, epoch, pages=not args.no_pages)
    except review.ReviewError as error:
        print(f"make diff: {error}", file=sys.stderr)
        return 1
    sys.stdout.write(summary)
    if not ok:
        print("make diff: the policies could not be compared in full; the summary says why", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
