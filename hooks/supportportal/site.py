# The portal for one build of one language: the loaded policy, the page renderer, the generated
# files, and where each page lives in the other languages.

from __future__ import annotations

import datetime as dt
from pathlib import Path

from markupsafe import escape

from . import feed, ics, jsonld, render, version
from .loading import load_policy

SCHEMAS = Path(__file__).resolve().parent / "schemas"

# Names of the languages in the language switch, in their own language.
LANGUAGE_NAMES = {"en": "English", "de": "Deutsch"}
UNTRANSLATED = {"en": "not yet translated", "de": "noch nicht übersetzt"}
# The footer line that names the published policy ("2026-2", "2026-11-27 (57d804c)").
POLICY_VERSION = {"en": "Support policy version {version}", "de": "Version der Supportrichtlinie: {version}"}


class Portal:
    def __init__(self, root: Path, today: dt.date, lang: str | None = None, policy=None):
        self.root = root
        self.policy = policy or load_policy(root / "policy", today)
        self.today = today
        self.lang = lang or self.policy.languages[0]
        self.version = version.published_version(self.policy, root)
        self.env = render.environment()
        self.context = render.Facts(self.policy, self.lang, today).context()

    @property
    def main_language(self) -> str:
        return self.policy.languages[0]

    # The main language at the site root, every other one in a folder of its own: /de/.
    def prefix(self, lang: str) -> str:
        return "" if lang == self.main_language else f"{lang}/"

    # Folders of other editions in content/ (de/ ...), listed in the policy or not: the main
    # edition never publishes them as its own pages.
    def edition_folders(self) -> list[str]:
        folders = {lang for lang in self.policy.languages[1:]}
        folders |= {p.name for p in (self.root / "content").iterdir()
                    if p.is_dir() and len(p.name) == 2 and p.name.isalpha() and p.name.islower()}
        return sorted(folders)

    def docs_dir(self, lang: str) -> Path:
        return self.root / "content" / self.prefix(lang)

    # Site-wide settings that come from the policy rather than mkdocs.yml.
    def configure(self, config) -> None:
        p = self.policy
        # The theme writes these into HTML, mostly unescaped (title, header, meta description):
        # as Markup they are escaped once, and its `| e` filters leave them alone.
        config.site_name = escape(p.site_title.get(self.lang))
        config.site_description = escape(p.site_description.get(self.lang))
        config.site_url = p.site_url + self.prefix(self.lang)
        config.extra["support_portal"] = {"company": p.company, "lang": self.lang,
                                          "jsonld": jsonld.script_text(jsonld.organization(p, self.lang)),
                                          "policy_version": self.footer_version()}
        # Truthy but not a list: Material shows its language switch, fed per page by alternates().
        if len(p.languages) > 1:
            config.extra["alternate"] = True

    # The footer's words for the published policy version, escaped once; None without a version.
    def footer_version(self):
        if self.version is None:
            return None
        words = POLICY_VERSION.get(self.lang, POLICY_VERSION["en"])
        return escape(words).format(version=self.version.label)

    # Files written beside the pages: the feeds and their schemas.
    def generated_files(self) -> dict:
        return {
            "support.json": feed.dumps(feed.support_feed(self.policy, self.version)),
            "developers/support.schema.json": (SCHEMAS / "support.schema.json").read_text(encoding="utf-8"),
            "support.ics": ics.support_calendar(self.policy, self.lang, base_url=self.policy.site_url + self.prefix(self.lang)),
        }

    def render_markdown(self, markdown: str, src_uri: str) -> str:
        return render.render_page(self.env, markdown, self.context, f"content/{self.prefix(self.lang)}{src_uri}")

    def finish_html(self, html: str) -> str:
        html = render.mark_fallbacks(html, self.main_language, UNTRANSLATED.get(self.lang, UNTRANSLATED["en"]))
        return render.strip_policy_markers(html)

    # The same page in every language that has it: name, language, link from this page, full URL.
    def alternates(self, src_uri: str, page_url: str) -> list[dict]:
        up = "../" * (page_url.count("/") + (1 if self.prefix(self.lang) else 0))
        result = []
        for lang in self.policy.languages:
            if not (self.docs_dir(lang) / src_uri).is_file():
                continue
            result.append({
                "lang": lang, "name": LANGUAGE_NAMES.get(lang, lang), "current": lang == self.lang,
                "href": (up + self.prefix(lang) + page_url) or "./",
                "url": self.policy.site_url + self.prefix(lang) + page_url,
            })
        return result
