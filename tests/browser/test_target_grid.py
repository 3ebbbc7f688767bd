"""The quota grid of a province of 2025 in Chromium: Thanh Hóa's 166 communes and wards ×
every indicator on one sheet. An officer pastes a column of 166 quotas copied from Excel,
sees its sum and gap at once, saves it (only those cells are posted), and finds the sum
on the saved page; the headers stay in view while the grid scrolls; a filter by name."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from urllib.parse import parse_qsl

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from districts.models import Membership, Role, Unit
from districts.services import units_load
from plans.models import Plan
from targets.models import Indicator, Target
from tests.factories import vi

PASSWORD = "x-browser-pass-1"
THANH_HOA = "38"

# 20.000 rural trainees a year handed down: 1.020 to the first ward (Phường Hàm Rồng),
# then 116 to each of the next five and 115 to each of the other 160.
QUOTAS = ["1.020"] + ["116"] * 5 + ["115"] * 160

PASTE = """(text) => {
  const cell = document.activeElement;
  const data = new DataTransfer();
  data.setData("text/plain", text);
  const options = {clipboardData: data, bubbles: true, cancelable: true};
  cell.dispatchEvent(new ClipboardEvent("paste", options));
}"""


@pytest.fixture
def thanh_hoa(transactional_db) -> tuple[str, Plan, list[Unit]]:
    units_load(provinces={THANH_HOA})
    province = Unit.objects.get(code=THANH_HOA, level=Unit.Level.PROVINCE)
    communes = list(province.children.valid_on(datetime.date(2026, 1, 1)).order_by("code"))
    user = get_user_model().objects.create_user(username="chuyenvien.th", password=PASSWORD)
    Membership.objects.create(user=user, unit=province, role=Role.OFFICER)
    plan = Plan.objects.create(
        code="th-2026", title="Kế hoạch đào tạo nghề cho lao động nông thôn năm 2026",
        issuer=province, first_year=2026, last_year=2026,
    )
    Target.objects.create(plan=plan, indicator=Indicator.objects.get(code="rural_trainees"),
                          unit=province, year=2026, operator="approx", value=Decimal(20000),
                          wording="khoảng 20.000")
    return user.username, plan, communes


def test_a_column_of_166_quotas_is_pasted_summed_and_saved(page, live_server, login, thanh_hoa):
    username, plan, communes = thanh_hoa
    assert len(communes) == 166
    login(username, PASSWORD)
    page.goto(f"{live_server.url}/plans/{plan.code}/targets/2026/")
    expect(page.locator("table.target-grid thead th")).to_have_count(168)  # + names, own
    assert page.locator("table.target-grid tbody tr").count() == Indicator.objects.count()

    first = page.locator(f"#cell-rural_trainees-{communes[0].pk}")
    first.click()
    page.evaluate(PASTE, "\r\n".join(QUOTAS) + "\r\n")  # Excel ends the column with a newline
    expect(page.locator("#grid-paste-note")).to_have_text(
        vi("Cells pasted: %(filled)s. Check the read-back under each cell; nothing is saved "
           "until you press “Save”.", filled=166, html=False))
    last = communes[-1].pk
    expect(page.locator(f"#cell-rural_trainees-{last}")).to_have_value("115")
    expect(page.locator(f"#cell-rural_trainees-{communes[0].pk}-rb")).to_have_text(
        vi("at least %(value)s%(unit)s", value="1.020", unit="", html=False))
    total = page.locator("#sum-rural_trainees")
    expect(total).to_have_text(
        vi("Sum of quotas %(total)s", total="20.000", html=False) + " · "
        + vi("gap %(gap)s", gap="0", html=False))
    # The line per unit went across the row: the next indicator's row is untouched.
    below = page.locator("#row-rural_trainees + tr input.grid-cell").nth(1)
    expect(below).to_have_value("")

    save = page.locator("button[name=action][value=save]")
    with page.expect_request(lambda r: r.method == "POST") as posted, page.expect_navigation():
        save.click()
    fields = dict(parse_qsl(posted.value.post_data, keep_blank_values=True))
    # The changed cells only, packed into one field: not the grid's 4.342 cells.
    assert set(fields) == {"csrfmiddlewaretoken", "cells", "action"}
    cells = json.loads(fields["cells"])
    assert len(cells) == 166
    assert cells[f"cell-rural_trainees-{communes[0].pk}"] == "1.020"
    expect(page.locator(".message.success")).to_be_visible()

    quotas = Target.objects.filter(plan=plan, year=2026, unit__in=communes)
    assert quotas.count() == 166
    assert sum(q.value for q in quotas) == Decimal(20000)
    assert quotas.get(unit=communes[0]).wording == "1.020"  # as typed
    expect(page.locator("#sum-rural_trainees")).to_contain_text(
        vi("Sum of quotas %(total)s", total="20.000", html=False))
    expect(page.locator(f"#cell-rural_trainees-{last}")).to_have_value("115")
    assert page.console_errors == []


def test_the_headers_stay_in_view_and_the_units_filter_by_name(
    page, live_server, login, thanh_hoa
):
    username, plan, communes = thanh_hoa
    login(username, PASSWORD)
    page.goto(f"{live_server.url}/plans/{plan.code}/targets/2026/")
    header = page.locator(f"#u-{communes[0].pk}")
    indicator = page.locator("#i-rural_trainees")
    top = header.bounding_box()["y"]
    page.locator("#grid-scroll").evaluate("box => { box.scrollTop = 600; box.scrollLeft = 5000; }")
    assert header.bounding_box()["y"] == pytest.approx(top, abs=1)
    box = page.locator("#grid-scroll").bounding_box()
    assert indicator.locator("xpath=..").bounding_box()["x"] == pytest.approx(box["x"], abs=2)

    page.fill("#grid-unit-filter", "sam son")  # no diacritics: Phường Sầm Sơn, Nam Sầm Sơn
    shown = page.locator("table.target-grid thead th.unit:visible")
    expect(shown).to_have_count(3)  # the province's own column stays
    expect(shown.nth(1)).to_have_text("Phường Nam Sầm Sơn")
    expect(page.locator("#grid-filter-count")).to_have_text(
        vi("%(shown)s of %(total)s units shown", shown=2, total=166, html=False))
    page.fill("#grid-indicator-filter", "nông thôn")
    expect(page.locator("table.target-grid tbody tr:visible")).to_have_count(1)
    assert page.console_errors == []


def test_a_block_goes_a_line_per_unit_or_a_line_per_indicator(
    page, live_server, login, thanh_hoa
):
    username, plan, communes = thanh_hoa
    login(username, PASSWORD)
    page.goto(f"{live_server.url}/plans/{plan.code}/targets/2026/")
    next_row = page.locator("#row-rural_trainees + tr")
    code = next_row.get_attribute("data-indicator")
    ham_rong, hac_thanh = communes[0].pk, communes[1].pk

    # Two lines of a quota sheet (Hàm Rồng, Hạc Thành), two columns (two indicators).
    page.locator(f"#cell-rural_trainees-{ham_rong}").click()
    page.evaluate(PASTE, "1.020\t40\n980\t35\n")
    expect(page.locator(f"#cell-rural_trainees-{hac_thanh}")).to_have_value("980")
    expect(page.locator(f"#cell-{code}-{ham_rong}")).to_have_value("40")
    expect(page.locator(f"#cell-{code}-{hac_thanh}")).to_have_value("35")
    expect(page.locator("#sum-rural_trainees")).to_contain_text(
        vi("gap %(gap)s", gap="18.000", html=False))

    # The same block laid out as this grid: a line per indicator.
    page.select_option("#grid-paste-layout", "indicators")
    page.locator(f"#cell-rural_trainees-{ham_rong}").click()
    page.evaluate(PASTE, "1.100\t900\n45\t30")
    expect(page.locator(f"#cell-rural_trainees-{hac_thanh}")).to_have_value("900")
    expect(page.locator(f"#cell-{code}-{ham_rong}")).to_have_value("45")
    expect(page.locator(f"#cell-{code}-{hac_thanh}")).to_have_value("30")
    assert page.console_errors == []


PHONE = {"width": 390, "height": 844}


def test_on_a_phone_the_grid_scrolls_in_its_frame_not_the_page(
    page, live_server, login, thanh_hoa
):
    """On a 390 px phone the sheet of 166 communes scrolls sideways inside its own frame
    and the page itself never does; the quota import page fits as well."""
    username, plan, _communes = thanh_hoa
    page.set_viewport_size(PHONE)
    login(username, PASSWORD)
    for path in (f"/plans/{plan.code}/targets/2026/", f"/reports/imports/targets/{plan.code}/"):
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
    page.goto(f"{live_server.url}/plans/{plan.code}/targets/2026/")
    frame_scrolls = page.evaluate("""() => {
        const table = document.querySelector('table');
        for (let el = table.parentElement; el; el = el.parentElement) {
            const style = getComputedStyle(el);
            if (['auto', 'scroll'].includes(style.overflowX))
                return el.scrollWidth > el.clientWidth;
        }
        return false;
    }""")
    assert frame_scrolls
    assert page.console_errors == []
