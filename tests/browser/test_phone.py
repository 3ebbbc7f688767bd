"""Leaders' pages on a 390 px phone: no number is ever cut.

A table wider than the screen scrolls sideways inside its own frame; every cell that
holds a number shows all of it (its content is no wider than the cell), and a frame
that scrolls says so."""

from __future__ import annotations

import pytest

from districts.services import units_load
from tests.browser.test_dashboard import PASSWORD, hanoi_two_years, viewer_of_hanoi

PHONE = {"width": 390, "height": 844}

# Every element that shows a figure, on every page below.
CUT_NUMBERS = """
() => [...document.querySelectorAll(
    'td.num, td.number, th.num, .tile .value, .tile .figure, .num'
)].filter(el => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
  .map(el => el.textContent.trim())
"""

# A table wider than the page must sit in a frame that scrolls, not run off the screen.
LOOSE_TABLES = """
() => [...document.querySelectorAll('table')].filter(table => {
    if (table.offsetParent === null) return false;
    if (table.getBoundingClientRect().right <= document.documentElement.clientWidth + 1)
        return false;
    for (let el = table.parentElement; el; el = el.parentElement) {
        const style = getComputedStyle(el);
        if (['auto', 'scroll'].includes(style.overflowX) && el.clientWidth < el.scrollWidth)
            return el.getBoundingClientRect().right > document.documentElement.clientWidth + 1;
    }
    return true;
}).map(table => (table.caption && table.caption.textContent) || table.className)
"""

PAGES = [
    "/reports/progress/dashboard/?plan=hn-browser&year=2024",
    "/reports/progress/hn-browser/2024/",
    "/reports/progress/hn-browser/2024/official/",
    "/reports/progress/hn-browser/2024/allocation/graduates_attracted/",
]


@pytest.mark.parametrize("path", PAGES)
def test_no_number_is_cut_on_a_phone(page, live_server, login, transactional_db, path):
    units_load(provinces={"01"})
    hanoi_two_years()
    viewer_of_hanoi()
    page.set_viewport_size(PHONE)
    login("lanhdao", PASSWORD)

    page.goto(live_server.url + path)
    page.wait_for_load_state("networkidle")
    assert page.evaluate(CUT_NUMBERS) == []
    assert page.evaluate(LOOSE_TABLES) == []
    # The page itself never scrolls sideways: only the tables' own frames do.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.console_errors == []


def test_a_table_too_wide_for_the_phone_says_to_swipe(page, live_server, login, transactional_db):
    units_load(provinces={"01"})
    hanoi_two_years()
    viewer_of_hanoi()
    login("lanhdao", PASSWORD)
    official = live_server.url + "/reports/progress/hn-browser/2024/official/"

    page.goto(official)  # 1280 px: Phụ lục I fits, nothing to say
    assert page.locator(".table-hint").count() == 0

    page.set_viewport_size(PHONE)
    page.goto(official)
    hint = page.locator(".table-hint").first
    hint.wait_for()
    assert hint.inner_text() == "Vuốt sang ngang để xem đủ các cột →"
    assert page.console_errors == []
