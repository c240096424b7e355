# The fact tables on a phone (360 x 740), in Chromium, both editions: a table wider than the
# screen scrolls sideways in its box, its caption at the box's left edge and in view however far
# the table is scrolled.

import pytest

from conftest import PageOpener

pytestmark = pytest.mark.browser

CLOCK = "2026-12-02T11:00:00Z"
PHONE = {"width": 360, "height": 740}

# Boxes in CSS px: the caption's text, the box that shows the table (Material's scroll box, or the
# table itself without scripts), and each row's first-response cell.
BOXES_JS = """(table) => {
  const box = (e) => { const b = e.getBoundingClientRect(); return [b.left, b.right]; };
  const range = document.createRange();
  range.selectNodeContents(table.querySelector('caption'));
  const scroller = table.closest('.md-typeset__scrollwrap') || table;
  return {caption: box(range), shown: box(scroller), scroll: [scroller.scrollWidth, scroller.clientWidth],
          first: [...table.querySelectorAll('tbody tr td[data-minutes]')].map(box)};
}"""


@pytest.fixture
def opener(browser, site_url):
    pages = PageOpener(browser, site_url)
    yield pages
    pages.close()


def within(box, left, right):
    return left - 0.5 <= box[0] and box[1] <= right + 0.5


# The caption's text begins at the left edge of what the reader sees of the table (its room,
# border and padding apart: 40 px at most), not centred over the whole table.
def starts_at_the_left(boxes):
    return 0 <= boxes["caption"][0] - max(boxes["shown"][0], 0) <= 40


# Wide tables scroll in their box; the caption stays at its left edge while they do.
@pytest.mark.parametrize("path", ["hours/", "holidays/", "priorities/", "de/hours/", "de/holidays/", "de/priorities/"])
@pytest.mark.parametrize("script", [True, False], ids=["script", "no-script"])
def test_captions_of_scrolling_tables_stay_in_view(opener, path, script):
    page = opener(f"/{path}", CLOCK, "Europe/Berlin", viewport=PHONE, java_script_enabled=script)
    if script:
        page.wait_for_selector(".md-typeset__scrollwrap")
    tables = page.locator(".support-hours table, .support-calendar table, .support-priorities table")
    assert tables.count() >= 1
    for i in range(tables.count()):
        table = tables.nth(i)
        for end in (False, True):
            if end:  # scrolled sideways as far as it goes
                table.evaluate("t => { const s = t.closest('.md-typeset__scrollwrap') || t; s.scrollLeft = s.scrollWidth; }")
            boxes = table.evaluate(BOXES_JS)
            assert starts_at_the_left(boxes), (path, i, end, boxes)
            assert within(boxes["caption"], 0, PHONE["width"]), (path, i, end, boxes)
