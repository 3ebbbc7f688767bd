"""Progress reports and dashboards kept between requests (reports/progress/cache.py): the
next request for the same view is served from what was kept, and every write that changes
the figures — a value typed, a report submitted, approved or returned, an import, a quota,
an indicator's name, a deadline — shows on the very next request.

The plan is Hà Nội's 2024 plan with the graduates quotas of its 30 districts; Huyện Ba Vì
(271) was given 3.500 and has reported nothing yet."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from districts.models import Membership
from districts.scope import SYSTEM
from notices.services import calendar_set
from plans.models import Plan
from reports.imports.importer import report_file_import
from reports.models import Submission
from reports.progress.cache import kept
from reports.services import (
    SOURCE_ENTRY,
    actuals_save,
    submission_approve,
    submission_reopen,
    submission_return,
    submission_submit,
)
from targets.indicators import IndicatorInput, indicator_update
from targets.services import AmendmentInput, TargetCell, targets_save
from tests.factories import (
    csv_bytes,
    hanoi_2024_with_results,
    indicator,
    plan_make,
    target_make,
    unit_by_code,
)
from tests.factories_indicators import department_indicator

pytestmark = pytest.mark.django_db
BA_VI = "271"


@pytest.fixture
def plan() -> Plan:
    return hanoi_2024_with_results()


def progress(client, plan: Plan, query: str = "", year: int = 2024):
    response = client.get(reverse("reports:progress", args=[plan.code, year]) + query)
    assert response.status_code == 200
    return response


def ba_vi_row(response, code: str = "graduates_attracted"):
    (row,) = [r for r in response.context["report"].rows
              if r.unit.code == BA_VI and r.indicator.code == code]
    return row


def ba_vi_reports(value: str, *, submit: bool = True) -> None:
    saved = actuals_save(unit=unit_by_code(BA_VI), period="2024", actor=SYSTEM,
                         source=SOURCE_ENTRY, rows={"graduates_attracted": {"value": value}},
                         submit=submit)
    assert saved.ok, saved


def queries_of(client, plan: Plan, query: str = "") -> int:
    with CaptureQueriesContext(connection) as captured:
        progress(client, plan, query)
    return len(captured)


# --- kept ---------------------------------------------------------------------------------------


def test_the_same_view_asked_again_is_served_from_what_was_kept(client, viewer_01, plan):
    client.force_login(viewer_01)
    first = queries_of(client, plan)
    again = queries_of(client, plan)
    # The report's own queries (targets, values, reports, ancestors…) are not run again;
    # the versions of the data are read instead, in one.
    assert again <= first - 4, (first, again)
    assert ba_vi_row(progress(client, plan)).status == "overdue"  # 2024 is over


def test_the_dashboard_is_kept_too_and_follows_the_same_writes(client, viewer_01, plan):
    client.force_login(viewer_01)
    url = reverse("reports:dashboard") + f"?plan={plan.code}&year=2024"
    client.get(url)
    with CaptureQueriesContext(connection) as kept:
        board = client.get(url).context["board"]
    with CaptureQueriesContext(connection) as built:
        client.get(url + "&indicator=graduates_attracted&trend=enrol_total")
    assert len(kept) < len(built)
    assert BA_VI not in {bar.unit_code for bar in board.bars if bar.actual is not None}

    ba_vi_reports("3600")

    bars = {bar.unit_code: bar for bar in client.get(url).context["board"].bars}
    assert bars[BA_VI].actual == Decimal("3600")


# --- every write shows at once -------------------------------------------------------------------


def test_a_value_submitted_on_the_entry_page_shows_at_once(client, viewer_01, plan):
    client.force_login(viewer_01)
    assert ba_vi_row(progress(client, plan)).assessment.actual is None

    ba_vi_reports("3600")

    row = ba_vi_row(progress(client, plan))
    assert (row.assessment.actual, row.status) == (Decimal("3600"), "met")


def test_a_draft_is_left_out_then_counted_once_submitted(client, officer_01, plan):
    client.force_login(officer_01)
    ba_vi_reports("3600", submit=False)
    assert ba_vi_row(progress(client, plan)).assessment.actual is None  # a draft
    drafts = ba_vi_row(progress(client, plan, "?basis=all"))
    assert drafts.assessment.is_draft

    submission = Submission.objects.get(unit=unit_by_code(BA_VI), period="2024")
    submission_submit(submission=submission, actor=SYSTEM, source=SOURCE_ENTRY)

    assert ba_vi_row(progress(client, plan)).assessment.actual == Decimal("3600")


def test_approving_and_returning_a_report_show_at_once(client, officer_01, plan):
    client.force_login(officer_01)
    ba_vi_reports("3600")
    approved_only = "?basis=approved"
    assert ba_vi_row(progress(client, plan, approved_only)).assessment.actual is None

    submission = Submission.objects.get(unit=unit_by_code(BA_VI), period="2024")
    submission_approve(submission=submission, actor=SYSTEM, source=SOURCE_ENTRY)
    assert ba_vi_row(progress(client, plan, approved_only)).assessment.actual == 3600

    ba_vi_reports_returned = Submission.objects.get(pk=submission.pk)
    submission_reopen(submission=ba_vi_reports_returned, actor=SYSTEM, source=SOURCE_ENTRY,
                      reason="Số liệu cần đối chiếu lại với danh sách học viên")
    assert ba_vi_row(progress(client, plan, approved_only)).assessment.actual is None


def test_a_returned_report_no_longer_counts_at_once(client, viewer_01, plan):
    client.force_login(viewer_01)
    ba_vi_reports("3600")
    assert ba_vi_row(progress(client, plan)).assessment.actual == 3600

    submission = Submission.objects.get(unit=unit_by_code(BA_VI), period="2024")
    submission_return(submission=submission, actor=SYSTEM, source=SOURCE_ENTRY,
                      reason="Thiếu số liệu học sinh tốt nghiệp THPT")

    assert ba_vi_row(progress(client, plan)).assessment.actual is None


def test_an_imported_file_shows_at_once(client, viewer_01, plan):
    client.force_login(viewer_01)
    progress(client, plan)
    data = csv_bytes([["ma_don_vi", "ma_chi_tieu", "ky_bao_cao", "gia_tri"],
                      [BA_VI, "graduates_attracted", "2024", "3.620"]])

    result = report_file_import(stream=io.BytesIO(data), file_name="ba-vi-2024.csv",
                                actor=SYSTEM, plan=plan, submit=True)
    assert result.written, result.problems

    assert ba_vi_row(progress(client, plan)).assessment.actual == Decimal("3620")


def test_a_quota_changed_by_amendment_shows_at_once(client, viewer_01, plan):
    client.force_login(viewer_01)
    assert ba_vi_row(progress(client, plan)).target.value == 3500

    targets_save(plan=plan, year=2024, actor=SYSTEM,
                 cells=[TargetCell(indicator("graduates_attracted"), unit_by_code(BA_VI), "3.800")],
                 amendment=AmendmentInput(number="02/QĐ-SLĐTBXH",
                                          reason="Giao bổ sung chỉ tiêu cho huyện Ba Vì"))

    assert ba_vi_row(progress(client, plan)).target.value == 3800


def test_a_renamed_department_indicator_shows_its_new_name_at_once(client, viewer_01):
    own = department_indicator("hn_digital_skills", owner="01",
                               name_vi="Lao động được bồi dưỡng kỹ năng số",
                               name_en="Workers trained in digital skills", unit="người")
    plan = plan_make("hn-digital-2024", issuer="01", status=Plan.Status.ISSUED)
    target_make(plan, own.code, 5000, unit=unit_by_code("01"), year=2024)
    client.force_login(viewer_01)
    assert "Lao động được bồi dưỡng kỹ năng số" in progress(client, plan).content.decode()

    indicator_update(actor=SYSTEM, indicator=own, data=IndicatorInput(
        name_vi="Lao động được đào tạo kỹ năng số", name_en="Workers trained in digital skills",
        unit="người", kind="count"))

    html = progress(client, plan).content.decode()
    assert "Lao động được đào tạo kỹ năng số" in html
    assert "bồi dưỡng kỹ năng số" not in html


def test_a_deadline_moved_in_the_calendar_shows_at_once(client, officer_01):
    """A year in progress, nothing reported: `no_data` before the units' deadline,
    `overdue` once the calendar moves it to yesterday."""
    today = timezone.localdate()
    plan = plan_make("hn-this-year", issuer="01", status=Plan.Status.ISSUED,
                     first_year=today.year, last_year=today.year)
    hanoi = unit_by_code("01", year=today.year)
    target_make(plan, "graduates_attracted", 30000, unit=hanoi, year=today.year)

    def status() -> str:
        response = progress(client, plan, year=today.year)
        (row,) = [r for r in response.context["report"].rows if r.unit == hanoi]
        return row.status

    def deadline(day: datetime.date) -> None:
        calendar_set(plan=plan, period=str(today.year), units_deadline=day,
                     consolidation_deadline=None, data_cutoff=None, reminder_days="7, 3, 1",
                     overdue_every=7, actor=SYSTEM)

    client.force_login(officer_01)
    deadline(today + datetime.timedelta(days=1))
    assert status() == "no_data"
    deadline(today - datetime.timedelta(days=1))
    assert status() == "overdue"


# --- kept for whom -----------------------------------------------------------------------------


def test_a_report_kept_for_the_city_is_not_served_to_a_district(
    client, viewer_01, reporter_001, plan
):
    client.force_login(viewer_01)
    assert len({r.unit.code for r in progress(client, plan).context["report"].rows}) == 31

    client.force_login(reporter_001)
    units = {r.unit.code for r in progress(client, plan).context["report"].rows}
    assert units == {"001"}  # Ba Đình's own quota, not the city's 31 units


def test_a_report_kept_in_vietnamese_is_not_served_in_english(client, viewer_01, plan):
    client.force_login(viewer_01)
    assert "quá hạn" in progress(client, plan).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = progress(client, plan).content.decode()
    assert "overdue" in html and "quá hạn" not in html


def test_a_user_given_a_wider_role_sees_it_at_once(client, make_user, plan):
    """Memberships are part of whom a report is kept for: Ba Đình's reporter made a
    viewer of the city sees the city's report on the next request."""
    user = make_user("reporter", "001")
    client.force_login(user)
    assert {r.unit.code for r in progress(client, plan).context["report"].rows} == {"001"}

    Membership.objects.create(user=user, unit=unit_by_code("01"), role="viewer")

    assert len({r.unit.code for r in progress(client, plan).context["report"].rows}) == 31


# --- how much is kept -------------------------------------------------------------------------


def test_the_least_recently_used_report_goes_first(client, viewer_01, plan, settings):
    settings.PROGRESS_CACHE_ENTRIES = 1
    client.force_login(viewer_01)
    built = queries_of(client, plan)
    assert queries_of(client, plan) < built
    queries_of(client, plan, "?basis=approved")  # another view takes the only place
    assert queries_of(client, plan) == built


def test_with_the_cache_off_every_report_is_built(client, viewer_01, plan, settings):
    settings.PROGRESS_CACHE = False
    client.force_login(viewer_01)
    assert queries_of(client, plan) == queries_of(client, plan)
    assert len(kept) == 0
