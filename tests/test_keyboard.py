# The keyboard on phones and tablets, in Chromium, both editions: Tab goes from the skip link
# through what the reader sees, never into the navigation drawer that Material keeps off screen
# while it is closed (a reader tabbing through the header met its links, invisible, before the
# page) nor into the search's results while the search is closed (the search field opens the
# search when it takes the focus, and Tab closes it; Tab then went to the results, an empty box);
# opened, the drawer and the search take the focus as before.

import html.parser

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.browser

CLOCK = "2026-12-02T11:00:00Z"

# Where the focus is: its box, whether it is shown, and whether it is inside the drawer or search.
FOCUS_JS = """() => {
  const e = document.activeElement;
  // A radio button of the colour scheme toggle is drawn by the label after it, where its focus shows.
  const drawn = e.matches('input.md-option') ? e.nextElementSibling : e, box = drawn.getBoundingClientRect();
  return {tag: e.tagName, text: (e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 40),
          left: box.left, right: box.right, top: box.top, bottom: box.bottom,
          shown: drawn.checkVisibility({visibilityProperty: true}), empty: box.width < 1 || box.height < 1,
          drawer: !!e.closest('.md-sidebar--primary'), search: !!e.closest('.md-search__inner')};
}"""


# Each stop once what the focus opens or moves (the search, the page's scroll) has settled.
def tab_stops(page, count: int) -> list:
    stops = []
    for _ in range(count):
        page.keyboard.press("Tab")
        page.wait_for_timeout(300)
        stops.append(page.evaluate(FOCUS_JS))
    return stops


# The stops not shown, empty (a box of no height, such as closed search results) or not on screen
# (a link fading in as it takes the focus, such as the skip link, counts as shown).
def off_screen(stops, width):
    return [s for s in stops if not s["shown"] or s["empty"] or s["right"] <= 0 or s["left"] >= width or s["bottom"] <= 0]


@pytest.mark.parametrize("width", [360, 900, 1024], ids=["phone", "tablet", "laptop"])
@pytest.mark.parametrize("lang", ["", "de/"], ids=["en", "de"])
def test_tab_never_reaches_what_is_off_screen(open_at, width, lang):
    page = open_at(f"/{lang}", CLOCK, "Europe/Berlin", viewport={"width": width, "height": 740})
    page.wait_for_selector("[data-support-status][data-support-ready]")
    stops = tab_stops(page, 14)
    assert not off_screen(stops, width), off_screen(stops, width)
    assert not any(s["drawer"] for s in stops), stops
    # The page's own links come within these stops: the first answer's link ("Answers", the live status ...)
    assert any(s["top"] > 56 and not s["drawer"] and s["tag"] == "A" for s in stops[1:]), stops


# Opened, the drawer takes the focus: its links are on screen and reached by Tab.
@pytest.mark.parametrize("width", [360, 900], ids=["phone", "tablet"])
def test_the_open_drawer_takes_the_focus(open_at, width):
    page = open_at("/", CLOCK, "Europe/Berlin", viewport={"width": width, "height": 740})
    page.click("label.md-header__button[for='__drawer']")
    page.wait_for_function("() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
    stops = tab_stops(page, 12)
    inside = [s for s in stops if s["drawer"]]
    assert inside and all(0 <= s["left"] < width for s in inside), stops


# On a phone the search opens over the page and its field takes the focus.
def test_search_opens_with_the_focus_in_its_field(open_at):
    page = open_at("/", CLOCK, "Europe/Berlin", viewport={"width": 360, "height": 740})
    page.click("label.md-header__button[for='__search']")
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('.md-search__input')")
    page.keyboard.type("hours")
    page.wait_for_selector(".md-search-result__item")
    focus = page.evaluate(FOCUS_JS)
    assert focus["search"] and focus["shown"] and 0 <= focus["left"] < 360, focus
    assert page.locator(".md-search__output").is_visible()


# Without JavaScript (Material's search hidden), the language menu's button is the header's last:
# its list, centred under it and hidden until opened, stuck out past the window's right edge and
# the whole page scrolled sideways by 19 px. Now nothing scrolls sideways, and the list still
# opens from the keyboard with its links in view.
@pytest.mark.parametrize("width", [1024, 360])
@pytest.mark.parametrize("lang", ["", "de/"], ids=["en", "de"])
def test_without_javascript_no_page_scrolls_sideways(browser, site_url, width, lang):
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 740})
    try:
        page = context.new_page()
        for path in ("", "priorities/"):
            page.goto(f"{site_url}/{lang}{path}")
            scroll = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert scroll[0] <= scroll[1], (path, scroll)
        page.focus(".md-select .md-header__button")
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_JS)
        assert focus["tag"] == "A" and focus["shown"] and 0 <= focus["left"] and focus["right"] <= width, focus
    finally:
        context.close()


# With JavaScript, from the first frame: when Material's script lifts `no-js`, the language menu's
# list goes back under its button at once (it slid there from the right edge, and for half a
# second the page scrolled sideways). The widest the page is in its first 1.5 s, frame by frame.
@pytest.mark.parametrize("width", [320, 360])
def test_no_page_scrolls_sideways_while_loading(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 640})
    try:
        page = context.new_page()
        page.add_init_script("""window.widest = 0; const frame = () => { const d = document.documentElement;
            if (d) window.widest = Math.max(window.widest, d.scrollWidth - d.clientWidth);
            if (performance.now() < 1500) requestAnimationFrame(frame); }; requestAnimationFrame(frame);""")
        for path in ("", "de/priorities/"):
            page.goto(f"{site_url}/{path}")
            page.wait_for_timeout(1600)
            assert page.evaluate("window.widest") <= 0, path
    finally:
        context.close()


# Chromium paints what it has parsed: on a slow machine a frame may show the header of a page
# cut after any of its parts, before the language menu and the search are there (and with `no-js`
# still set). The title then reaches the header's right edge, and Material's second title (the
# page's, shown in place of the site's once the reader scrolls) waits 1.25rem to the right of it:
# the page scrolled sideways by that much. Each page cut after each part of its header, served as
# the whole page, must fit the screen: the page with the longest title of each edition.
class _HeaderParts(html.parser.HTMLParser):
    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.lines = [0]
        for line in text.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))
        self.depth, self.cuts = None, []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if self.depth is not None and tag not in VOID_TAGS:
            self.depth += 1
        elif "md-header__inner" in (dict(attrs).get("class") or "").split():
            self.depth = 0

    def handle_endtag(self, tag):
        if self.depth is None:
            return
        if self.depth == 0:
            self.depth = None
            return
        self.depth -= 1
        if self.depth == 0:
            line, column = self.getpos()
            self.cuts.append(self.text_end(self.lines[line - 1] + column))

    def text_end(self, start):
        return self.rawdata.index(">", start) + 1


VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


def longest_titled_page(site, edition):
    pages = [p for p in site.glob(f"{edition}**/index.html") if edition or not p.relative_to(site).parts[0] == "de"]
    def title(path):
        topic = BeautifulSoup(path.read_text(), "html.parser").select(".md-header__topic .md-ellipsis")
        return len(topic[-1].get_text(strip=True)) if topic else 0
    return max(pages, key=title)


@pytest.mark.parametrize("width", [320, 360])
@pytest.mark.parametrize("lang", ["", "de/"], ids=["en", "de"])
def test_no_page_scrolls_sideways_while_its_header_arrives(browser, site, site_url, width, lang):
    path = longest_titled_page(site, lang)
    text = path.read_text()
    cuts = _HeaderParts(text).cuts
    assert len(cuts) >= 4, cuts
    folder = path.parent.relative_to(site).as_posix()
    url = f"{site_url}/" if folder == "." else f"{site_url}/{folder}/"
    context = browser.new_context(viewport={"width": width, "height": 640})
    try:
        page = context.new_page()
        wide, served = {}, {}
        page.route(url, lambda route: route.fulfill(status=200, content_type="text/html", body=served["body"]))
        for cut in cuts:
            served["body"] = text[:cut]
            page.goto(url)
            assert page.evaluate("document.documentElement.className") == "no-js"
            scroll = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if scroll > 0:
                wide[text[cut - 40:cut]] = scroll
        assert not wide, (path, wide)
    finally:
        context.close()
