"""The progress table, its drill-down, the allocation and milestone views and the XLSX."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from districts.scope import SYSTEM
from plans.models import Plan
from reports.models import Submission
from reports.progress.engine import Method
from reports.progress.selectors import progress_report
from tests.factories import (
    actual_make,
    disu_plan,
    hanoi_2024_with_results,
    plan_make,
    target_make,
    unit_by_code,
)

pytestmark = pytest.mark.django_db
SUBMITTED, APPROVED = Submission.State.SUBMITTED, Submission.State.APPROVED


def progress_url(code: str = "hn-2024", year: int = 2024, unit=None) -> str:
    url = reverse("reports:progress", args=[code, year])
    return f"{url}?unit={unit.pk}" if unit is not None else url


def english(client) -> None:
    """Pages in English for the tests that read their text (Vietnamese is the default)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- the progress table ------------------------------------------------------------------------


def test_it_shows_the_citys_targets_with_actual_status_and_the_districts_below(client, officer_01):
    hanoi_2024_with_results()
    client.force_login(officer_01)

    html = page(client, progress_url())

    assert "Tuyển sinh giáo dục nghề nghiệp" in html
    assert "120.000" in html  # the city's year-to-date enrolment, in Vietnamese notation
    assert 'class="status status-on_track"' in html
    assert 'class="status status-at_risk"' in html  # trained rate 73,5 against 74,2
    assert "Quận Ba Đình" in html and "Quận Đống Đa" in html  # the drill-down list
    assert "2.024" not in html  # years print as they are


def test_it_adds_the_districts_up_beside_the_citys_own_figure(client, ba_dinh, dong_da, officer_01):
    hanoi_2024_with_results()
    actual_make("enrol_total", ba_dinh, "2024S1", 5000, state=SUBMITTED)
    actual_make("enrol_total", dong_da, "2024S1", 7000, state=SUBMITTED)
    # Rates add as Σ numerators ÷ Σ denominators: 10/20 and 30/100 are 33,3 %, not 40 %.
    actual_make("trained_rate", ba_dinh, "2024S1", 50, numerator=10, denominator=20,
                state=SUBMITTED)
    actual_make("trained_rate", dong_da, "2024S1", 30, numerator=30, denominator=100,
                state=SUBMITTED)
    client.force_login(officer_01)
    english(client)

    html = page(client, progress_url())

    assert "12,000" in html  # 5.000 + 7.000 for the first half
    assert "33.3" in html and ">40<" not in html
    assert html.count("2/30 units given a target have submitted") == 2


def test_it_drills_down_to_a_district_and_back(client, hanoi, ba_dinh, officer_01):
    hanoi_2024_with_results()
    client.force_login(officer_01)
    english(client)

    html = page(client, progress_url(unit=ba_dinh))

    assert "Targets of Quận Ba Đình" in html
    assert f'href="?unit={hanoi.pk}"' in html  # back up to the city
    assert "700" in html and "650" in html
    assert 'class="status status-met"' in html


def test_it_puts_the_warnings_beside_the_values_they_concern(client, make_user):
    disu_plan()
    town = unit_by_code("328")
    client.force_login(make_user("viewer", "33"))
    english(client)

    html = page(client, progress_url("disu-2024", 2023, town))

    assert "components add up to 62,500, the total says 62,750 (difference 250)" in html
    # ">92" meets "trên 92": judged, no warning; the printed text is shown as it is.
    assert "“&gt;92”" in html and "printed as “&gt;92”" not in html


def test_it_opens_on_the_units_of_a_reporter_and_hides_the_others(client, dong_da, reporter_001):
    hanoi_2024_with_results()
    client.force_login(reporter_001)

    html = page(client, progress_url())

    assert "Quận Ba Đình" in html
    assert "Đống Đa" not in html
    assert client.get(progress_url(unit=dong_da)).status_code == 404


def test_it_hides_hanois_plan_from_a_hai_phong_officer(client, officer_31):
    hanoi_2024_with_results()
    client.force_login(officer_31)

    assert client.get(progress_url()).status_code == 404
    assert client.get(reverse("reports:progress_xlsx", args=["hn-2024", 2024])).status_code == 404
    assert client.get(reverse("reports:official", args=["hn-2024", 2024])).status_code == 404


def test_it_sends_anonymous_visitors_to_the_login(client):
    hanoi_2024_with_results()

    response = client.get(progress_url())

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_answers_405_to_a_post(client, officer_01):
    hanoi_2024_with_results()
    client.force_login(officer_01)

    assert client.post(progress_url()).status_code == 405


def test_it_is_404_for_a_year_outside_the_plan_or_a_unit_that_is_not_a_number(client, officer_01):
    hanoi_2024_with_results()
    client.force_login(officer_01)

    assert client.get(progress_url(year=2030)).status_code == 404
    assert client.get(progress_url() + "?unit=abc").status_code == 404


# --- the allocation ----------------------------------------------------------------------------


def allocation_url(unit=None) -> str:
    url = reverse("reports:allocation", args=["hn-2024", 2024, "graduates_attracted"])
    return f"{url}?unit={unit.pk}" if unit is not None else url


def test_it_lists_the_quotas_against_actuals_with_their_sum_and_coverage(client, viewer_01):
    hanoi_2024_with_results()
    client.force_login(viewer_01)
    english(client)

    html = page(client, allocation_url())

    assert "The quotas of 30 units add up to 26,934." in html
    assert "The plan prints no total" in html
    assert "2/30 units given a target have submitted" in html
    assert "1,600" in html  # 700 + 900 reported so far
    # Best achievement first: Ba Đình (700 of 650) before Đống Đa (900 of 1.050).
    assert html.index("Quận Ba Đình") < html.index("Quận Đống Đa") < html.index("Quận Hoàng Mai")


def test_it_writes_the_sum_in_vietnamese_notation_by_default(client, viewer_01):
    hanoi_2024_with_results()
    client.force_login(viewer_01)

    html = page(client, allocation_url())

    assert "26.934" in html and "1.600" in html


def test_it_shows_a_reporter_only_their_own_quota(client, reporter_001):
    hanoi_2024_with_results()
    client.force_login(reporter_001)

    html = page(client, allocation_url(unit_by_code("001")))

    assert "Đống Đa" not in html


def test_it_is_404_for_an_unknown_indicator(client, viewer_01):
    hanoi_2024_with_results()
    client.force_login(viewer_01)

    url = reverse("reports:allocation", args=["hn-2024", 2024, "no_such_indicator"])
    assert client.get(url).status_code == 404


# --- milestones of a strategy ------------------------------------------------------------------


def test_it_shows_each_milestone_with_its_r_and_the_value_needed_per_year(client, make_user):
    hai_phong = unit_by_code("31")
    plan = plan_make("hp-2021-2030", issuer=hai_phong, first_year=2021, last_year=2030,
                     kind=Plan.Kind.STRATEGY, status=Plan.Status.ISSUED, units_deadline="")
    target_make(plan, "certified_rate", 40, unit=hai_phong, year=2025)
    target_make(plan, "certified_rate", 45, unit=hai_phong, year=2030)
    actual_make("certified_rate", hai_phong, "2021", 30, state=APPROVED)
    actual_make("certified_rate", hai_phong, "2023", 34, state=APPROVED)
    client.force_login(make_user("viewer", "31"))

    html = page(client, reverse("reports:milestones", args=["hp-2021-2030"]))

    assert html.count('class="status status-at_risk"') >= 1
    assert "0,87" in html  # R for 2025: (34/30)^(1/2) − 1 against (40/30)^(1/4) − 1
    assert '<td class="num">3</td>' in html  # (40 − 34) ÷ 2 years
    assert "1,6" in html  # (45 − 34) ÷ 7 years


def test_it_hides_milestones_of_another_city(client, viewer_01):
    plan_make("hp-2021-2030", issuer=unit_by_code("31"), first_year=2021, last_year=2030,
              kind=Plan.Kind.STRATEGY, status=Plan.Status.ISSUED, units_deadline="12-15")
    client.force_login(viewer_01)

    assert client.get(reverse("reports:milestones", args=["hp-2021-2030"])).status_code == 404


# --- the spreadsheet ---------------------------------------------------------------------------


def workbook(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(BytesIO(response.content)).active


def test_it_exports_the_progress_table_with_numbers_as_numbers(client, viewer_01):
    hanoi_2024_with_results()
    client.force_login(viewer_01)

    sheet = workbook(client, reverse("reports:progress_xlsx", args=["hn-2024", 2024]))

    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert len(rows) == 6 + 30  # the city's own targets and every district quota
    total = next(r for r in rows if r[0] == "enrol_total" and r[2] == "01")
    assert total[7] == 235000 and total[9] == 120000
    assert sheet.cell(row=4, column=8).number_format == "#,##0"
    ba_dinh = next(r for r in rows if r[0] == "graduates_attracted" and r[2] == "001")
    assert (ba_dinh[7], ba_dinh[9]) == (650, 700)
    # The operator in the plan's own words, not the stored code.
    assert total[6] == "ít nhất" and not any(r[6] in {"gte", "gt", "approx"} for r in rows)


def test_it_leaves_other_districts_out_of_a_reporters_spreadsheet(client, reporter_001):
    hanoi_2024_with_results()
    client.force_login(reporter_001)

    sheet = workbook(client, reverse("reports:progress_xlsx", args=["hn-2024", 2024]))

    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert any("Ba Đình" in c for c in cells)
    assert not any("Đống Đa" in c for c in cells)
    assert not any(c == "01" for c in cells)  # not even the city's own rows


def test_it_judges_milestones_on_growth_only_in_a_strategy(hanoi):
    annual = plan_make("hn-two-years", issuer=hanoi, first_year=2023, last_year=2024,
                       status=Plan.Status.ISSUED, units_deadline="12-15")
    strategy = plan_make("hn-strategy", issuer=hanoi, first_year=2021, last_year=2025,
                         kind=Plan.Kind.STRATEGY, status=Plan.Status.ISSUED, units_deadline="12-15")
    for plan in (annual, strategy):
        target_make(plan, "enrol_total", 235000, unit=hanoi, year=2024)
    actual_make("enrol_total", hanoi, "2022", 221000, state=APPROVED)
    actual_make("enrol_total", hanoi, "2023", 230000, state=APPROVED)
    actual_make("enrol_total", hanoi, "2024S1", 120000, state=SUBMITTED)

    (yearly,) = progress_report(plan=annual, year=2024, user=SYSTEM).rows
    (milestone,) = progress_report(plan=strategy, year=2024, user=SYSTEM).rows

    assert yearly.assessment.method is Method.LINEAR  # the first half of 2024, projected
    assert milestone.assessment.method is Method.MILESTONE
