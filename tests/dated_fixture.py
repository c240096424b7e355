# The dated-changes fixture: tests/fixtures/policies/dated (regions, holidays, channels,
# priorities with changes from a date on) completed by the default policy's other files, loaded
# on 15 February 2027 and written to a support.json by the real loader and feed writer.

import datetime as dt
import functools
import shutil
import tempfile
from pathlib import Path

from conftest import ROOT
from supportportal import feed
from supportportal.loading import load_policy
from timelimit import time_limit

FIXTURE = ROOT / "tests" / "fixtures" / "policies" / "dated"
TODAY = dt.date(2027, 2, 15)


# A copy of the fixture policy in `directory`, ready for load_policy (or for edits first).
def policy_dir(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for path in (ROOT / "policy").glob("*.yml"):
        shutil.copy2(path, directory / path.name)
    for path in FIXTURE.glob("*.yml"):
        shutil.copy2(path, directory / path.name)
    return directory


@functools.cache
def policy():
    directory = policy_dir(Path(tempfile.mkdtemp(prefix="dated-policy-")) / "policy")
    try:
        with time_limit(60, "loading the dated fixture"):
            return load_policy(directory, TODAY)
    finally:
        shutil.rmtree(directory.parent)


# support.json of the fixture policy, as plain data (a fresh copy each call).
def support_feed() -> dict:
    import json
    return json.loads(feed.dumps(_feed()))


@functools.cache
def _feed() -> dict:
    return feed.support_feed(policy())
