# Gate (c): every internal link, resource and #anchor of every built page resolves.

import pytest
import yaml

from quality import broken_links, build_broken_site


def _published_url(project) -> str:
    company = yaml.safe_load((project / "policy" / "company.yml").read_text(encoding="utf-8"))
    return company["site"]["url"]


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    return build_broken_site(tmp_path_factory.mktemp("broken-links") / "project")


def test_every_internal_link_and_anchor_resolves(built):
    problems = broken_links(built.site, _published_url(built.project))
    assert not problems, "\n".join(problems)


def test_the_checker_reports_a_missing_page_and_a_missing_anchor(broken):
    problems = broken_links(broken.site, _published_url(broken.project))
    page = [p for p in problems if p.startswith("broken-links/index.html:")]
    assert any('href="../no-such-page/"> points to a missing file' in p for p in page), problems
    assert any("points to #no-such-section, which hours/index.html lacks" in p for p in page), problems
