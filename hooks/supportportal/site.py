# The portal for one build: the loaded policy, the page renderer and the generated files.

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from . import feed, ics, jsonld, render
from .loading import load_policy

SCHEMAS = Path(__file__).resolve().parent / "schemas"


class Portal:
    def __init__(self, policy_dir: Path, today: dt.date):
        self.policy = load_policy(policy_dir, today)
        self.today = today
        self.env = render.environment()
        self.contexts = {lang: render.Facts(self.policy, lang, today).context() for lang in self.policy.languages}

    # Site-wide settings that come from the policy rather than mkdocs.yml.
    def configure(self, config) -> None:
        lang = self.policy.languages[0]
        config.site_name = self.policy.site_title.get(lang)
        config.site_description = self.policy.site_description.get(lang)
        config.site_url = self.policy.site_url
        config.extra["support_portal"] = {"company": self.policy.company,
                                          "jsonld": jsonld.script_text(jsonld.organization(self.policy))}

    # Files written beside the pages: the feeds and their schemas.
    def generated_files(self) -> dict:
        data = feed.support_feed(self.policy)
        return {
            "support.json": feed.dumps(data),
            "developers/support.schema.json": (SCHEMAS / "support.schema.json").read_text(encoding="utf-8"),
            "support.ics": ics.support_calendar(self.policy, self.policy.languages[0]),
        }

    def language_of(self, src_uri: str) -> str:
        return self.policy.languages[0]

    def render_markdown(self, markdown: str, src_uri: str) -> str:
        context = self.contexts[self.language_of(src_uri)]
        return render.render_page(self.env, markdown, context, f"content/{src_uri}")
