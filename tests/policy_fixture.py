# A fixture policy under tests/fixtures/policies/<name>, completed by the default policy's other
# files, loaded on its own "today" and written to a support.json by the real loader and feed writer.

import datetime as dt
import functools
import json
import shutil
import tempfile
from pathlib import Path

from conftest import ROOT
from supportportal import feed
from supportportal.loading import load_policy
from timelimit import time_limit


class PolicyFixture:
    def __init__(self, name: str, today: dt.date):
        self.name, self.today = name, today
        self.folder = ROOT / "tests" / "fixtures" / "policies" / name

    # A copy of the fixture policy in `directory`, ready for load_policy (or for edits first).
    def policy_dir(self, directory: Path) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        for path in (*(ROOT / "policy").glob("*.yml"), *self.folder.glob("*.yml")):
            shutil.copy2(path, directory / path.name)
        return directory

    @functools.cache
    def policy(self):
        directory = self.policy_dir(Path(tempfile.mkdtemp(prefix=f"{self.name}-policy-")) / "policy")
        try:
            with time_limit(60, f"loading the {self.name} fixture"):
                return load_policy(directory, self.today)
        finally:
            shutil.rmtree(directory.parent)

    # support.json of the fixture policy, as plain data (a fresh copy each call).
    def support_feed(self) -> dict:
        return json.loads(self._feed())

    @functools.cache
    def _feed(self) -> str:
        return feed.dumps(feed.support_feed(self.policy()))
