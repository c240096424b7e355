# Gate (d): no page makes a request to anyone but the site itself (no fonts, analytics or CDNs),
# and no request of the site's own fails.

import pytest

from conftest import serve_directory
from quality import build_broken_site, foreign_requests, html_pages

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    build = build_broken_site(tmp_path_factory.mktemp("broken-requests") / "project")
    server, url = serve_directory(build.site)
    yield build, url
    server.shutdown()


def test_every_request_goes_to_the_site_itself(browser, site, site_url):
    context = browser.new_context()
    try:
        findings = foreign_requests(context, site_url, html_pages(site))
    finally:
        context.close()
    assert not findings, "\n".join(findings)


def test_a_google_fonts_stylesheet_is_reported(browser, broken):
    build, url = broken
    context = browser.new_context()
    try:
        findings = foreign_requests(context, url, ["broken-requests/index.html"])
    finally:
        context.close()
    assert findings == ["broken-requests/index.html: https://fonts.googleapis.com/css2?family=Roboto&display=swap"]
