# The fact tables on a phone (360 x 740) and at 200 % zoom of a laptop screen (640 px wide), in
# Chromium, both editions. The priority table needs no sideways scrolling there: each priority is
# a block of its own, each cell under its column's name (written by the build, data-label), the
# first response in view; the screen reader still meets a table named by its caption, with its
# column headers. The hours and holiday tables scroll sideways in their box, their caption at the
# box's left edge and in view however far the table is scrolled. On paper, all stay tables.
# On a desktop or laptop screen the priority table is a table again and fits Material's content
# column in both editions, long German words and headers included.

import pytest

from conftest import PageOpener

pytestmark = pytest.mark.browser

CLOCK = "2026-12-02T11:00:00Z"
PHONE = {"width": 360, "height": 740}
ZOOMED = {"width": 640, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
LAPTOP = {"width": 1024, "height": 768}

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


@pytest.mark.parametrize("viewport", [PHONE, ZOOMED], ids=["phone", "zoomed"])
@pytest.mark.parametrize("lang", ["", "de/"], ids=["en", "de"])
@pytest.mark.parametrize("script", [True, False], ids=["script", "no-script"])
def test_priority_table_fits_the_screen(opener, viewport, lang, script):
    page = opener(f"/{lang}priorities/", CLOCK, "Europe/Berlin", viewport=viewport, java_script_enabled=script)
    table = page.locator(".support-priorities table")
    if script:
        page.wait_for_selector(".support-priorities .md-typeset__scrollwrap")
    boxes = table.evaluate(BOXES_JS)
    width = viewport["width"]
    assert boxes["scroll"][0] <= boxes["scroll"][1], boxes  # nothing to scroll sideways
    # The caption from the left edge of the box that shows the table, all of it in view.
    assert starts_at_the_left(boxes), boxes
    assert within(boxes["caption"], 0, width), boxes
    assert len(boxes["first"]) == 4 and all(within(cell, 0, width) for cell in boxes["first"]), boxes
    # Each cell under its column's name, which screen readers take from the header row instead.
    heads = table.locator("thead th").all_inner_texts()
    for row in table.locator("tbody tr").all():
        cells = row.locator("td")
        assert [cells.nth(i).get_attribute("data-label") for i in range(cells.count())] == heads[1:]
        shown = [cells.nth(i).evaluate("td => getComputedStyle(td, '::before').content") for i in range(cells.count())]
        assert all(head in label for head, label in zip(heads[1:], shown)), shown


# At a desktop's and a laptop's window size the priorities are a table again and fit the content
# column in both editions: nothing to scroll sideways in the box that shows the table (Material's
# scroll box, or the table itself without scripts), and the table no wider than that box's room.
@pytest.mark.parametrize("viewport", [DESKTOP, LAPTOP], ids=["1280x800", "1024x768"])
@pytest.mark.parametrize("lang", ["", "de/"], ids=["en", "de"])
@pytest.mark.parametrize("script", [True, False], ids=["script", "no-script"])
def test_priority_table_fits_the_content_column_on_a_desktop(opener, viewport, lang, script):
    page = opener(f"/{lang}priorities/", CLOCK, "Europe/Berlin", viewport=viewport, java_script_enabled=script)
    table = page.locator(".support-priorities table")
    if script:
        page.wait_for_selector(".support-priorities .md-typeset__scrollwrap")
    assert table.evaluate("t => getComputedStyle(t.querySelector('td')).display") == "table-cell"
    sizes = table.evaluate("""(table) => {
      const wrapper = table.closest('.md-typeset__scrollwrap') || table.closest('.support-priorities');
      const scroller = table.closest('.md-typeset__scrollwrap') || table;
      return {table: table.scrollWidth, wrapper: wrapper.clientWidth,
              scroll: [scroller.scrollWidth, scroller.clientWidth]};
    }""")
    assert sizes["table"] <= sizes["wrapper"], sizes
    assert sizes["scroll"][0] <= sizes["scroll"][1], sizes


# Chromium's accessibility tree: still a table named by its caption, with a row header and
# column headers for each cell, although the rows are laid out as blocks.
def test_priority_blocks_are_still_a_table_to_a_screen_reader(opener):
    page = opener("/priorities/", CLOCK, "Europe/Berlin", viewport=PHONE)
    assert page.evaluate("getComputedStyle(document.querySelector('.support-priorities td')).display") == "block"
    cdp = page.context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    roles = [(n.get("role", {}).get("value"), n.get("name", {}).get("value")) for n in nodes if not n.get("ignored")]
    assert ("table", "Priority levels and first-response targets") in roles, roles
    assert [name for role, name in roles if role == "columnheader"][:6] == [
        "Priority", "Definition", "Examples", "First response within", "Counted", "Updates"]
    assert [name for role, name in roles if role == "rowheader"] == ["Critical", "High", "Normal", "Low"]
    assert sum(role == "cell" for role, _ in roles) == 20
    # The cells' words are their own: the labels shown above them are not read out again.
    cells = [name for role, name in roles if role == "cell"]
    assert cells[2:4] == ["1 hour", "around the clock"], cells
    assert not any(head in str(name) for name in cells for head in ("Definition", "First response", "Counted")), cells


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


# Printed, the priorities are a table again, its header row repeated on each page.
def test_priority_table_prints_as_a_table(opener):
    page = opener("/priorities/", CLOCK, "Europe/Berlin", viewport=PHONE)
    page.emulate_media(media="print")
    displays = page.evaluate("""() => ['table', 'caption', 'thead', 'tr', 'th', 'td'].map((s) =>
        getComputedStyle(document.querySelector('.support-priorities ' + s)).display)""")
    assert displays == ["table", "table-caption", "table-header-group", "table-row", "table-cell", "table-cell"]
    assert page.evaluate("getComputedStyle(document.querySelector('.support-priorities td'), '::before').content") == "none"
