"""The dashboard in a real browser: charts drawn by the local plotly.js without script errors,
filters that change the URL, and the XLSX download."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from districts.models import Membership
from districts.services import units_load
from plans.models import Plan
from reports.models import Submission
from tests.factories import (
    HANOI_2024_CITY_TARGETS,
    actual_make,
    hanoi_2024_graduate_quotas,
    plan_make,
    target_make,
    unit_by_code,
)

PASSWORD = "x-test-pass-1"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


SUBMITTED, APPROVED = Submission.State.SUBMITTED, Submission.State.APPROVED


def hanoi_two_years():
    """A Hà Nội plan for 2023–2024: the city's targets both years, district quotas of
    graduates in 2024, the city's results and two districts' results."""
    hanoi = unit_by_code("01")
    plan = plan_make("hn-browser", issuer=hanoi, first_year=2023, last_year=2024,
                     title="Kế hoạch GDNN Hà Nội 2023–2024", status=Plan.Status.ISSUED,
                     units_deadline="12-15")
    for code, value in HANOI_2024_CITY_TARGETS:
        target_make(plan, code, value, unit=hanoi, year=2023)
        target_make(plan, code, value, unit=hanoi, year=2024)
    for district, quota in hanoi_2024_graduate_quotas():
        target_make(plan, "graduates_attracted", quota, unit=unit_by_code(district), year=2024)
    actual_make("enrol_total", hanoi, "2022", 221000, state=APPROVED)
    actual_make("enrol_total", hanoi, "2023", 230000, state=APPROVED)
    actual_make("enrol_total", hanoi, "2024S1", 120000, state=SUBMITTED)
    actual_make("trained_rate", hanoi, "2023", "72.8", state=APPROVED)
    actual_make("graduates_attracted", unit_by_code("001"), "2024", 700, state=APPROVED)
    actual_make("graduates_attracted", unit_by_code("006"), "2024", 900, state=APPROVED)
    actual_make("graduates_attracted", unit_by_code("271"), "2024S1", 1200, state=SUBMITTED)
    return plan


def viewer_of_hanoi():
    user = get_user_model().objects.create_user(username="lanhdao", password=PASSWORD)
    Membership.objects.create(user=user, unit=unit_by_code("01"), role="viewer")
    return user


def test_it_draws_the_charts_switches_filters_and_downloads_the_table(
    page, live_server, login, transactional_db
):
    units_load(provinces={"01"})
    hanoi_two_years()
    viewer_of_hanoi()
    login("lanhdao", PASSWORD)

    page.goto(f"{live_server.url}/reports/progress/dashboard/?plan=hn-browser&year=2024")

    for chart in ("#chart-units", "#chart-trend"):
        page.locator(f"{chart}.js-plotly-plot .main-svg").first.wait_for()
    assert page.locator("#chart-units .bars .point").count() >= 3  # units with a figure
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
    assert page.console_errors == []

    with page.expect_navigation():
        page.select_option('select[name="year"]', "2023")
    assert "year=2023" in page.url
    assert page.locator('select[name="year"] option[selected]').inner_text() == "2023"
    page.locator("#chart-trend .main-svg").first.wait_for()

    ba_dinh = unit_by_code("001")
    with page.expect_navigation():
        page.select_option('select[name="year"]', "2024")
    with page.expect_navigation():
        page.select_option('select[name="unit"]', str(ba_dinh.pk))
    assert f"unit={ba_dinh.pk}" in page.url and "year=2024" in page.url
    assert "Quận Ba Đình" in page.locator("main").inner_text()

    with page.expect_download() as download:
        page.click("#download-xlsx")
    assert download.value.suggested_filename.endswith(".xlsx")
    # The saved file has no extension, which openpyxl needs: read it as a stream.
    sheet = load_workbook(BytesIO(Path(download.value.path()).read_bytes())).active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "graduates_attracted" in cells and 650 in cells and 700 in cells
    assert page.console_errors == []
