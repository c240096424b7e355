# Gate (a): every built page is valid HTML for the Nu Html Checker (errors the Material theme
# itself causes are listed, with the reason, in quality.MATERIAL_ERRORS).

import pytest

from quality import build_broken_site, html_errors, html_pages


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    return build_broken_site(tmp_path_factory.mktemp("broken-html") / "project")


def test_every_page_is_valid_html(site):
    assert len(html_pages(site)) >= 9
    errors = html_errors(site)
    assert not errors, "\n".join(errors)


def test_the_checker_reports_a_duplicate_id(broken):
    errors = html_errors(broken.site)
    assert any(e.startswith("broken-html/index.html:") and "Duplicate ID “twice”" in e for e in errors), errors
