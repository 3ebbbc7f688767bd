"""What leaders see is what was handed in: every figure counts submitted and approved
reports by default; "approved only" is stricter; officers may include drafts, and every
figure taken from one is then marked. The basis is in the URL and the command.

Hà Nội's 2024 graduate quotas (Appendix I, 30 districts). Ba Đình's 700 is approved,
Đống Đa's 900 submitted, Hoàn Kiếm's 1.275 still a draft and Tây Hồ's 300 returned.
"""
from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from districts.scope import SYSTEM
from reports.models import Submission
from reports.progress.basis import Basis
from reports.progress.selectors import allocation_of, progress_report
from targets.models import Indicator
from tests.factories import actual_make, hanoi_2024_with_results, unit_by_code

pytestmark = pytest.mark.django_db
State = Submission.State


@pytest.fixture
def plan():
    plan = hanoi_2024_with_results(actuals=False)
    for code, value, state in (
        ("001", 700, State.APPROVED),
        ("006", 900, State.SUBMITTED),
        ("002", 1275, State.DRAFT),
        ("003", 300, State.RETURNED),
    ):
        actual_make("graduates_attracted", code, "2024", value, state=state)
    return plan


def district_values(plan, basis: Basis) -> dict[str, object]:
    report = progress_report(plan=plan, year=2024, user=SYSTEM, basis=basis,
                             focus=unit_by_code("01"))
    rows = allocation_of(report, Indicator.objects.get(code="graduates_attracted")).rows
    return {row.unit.code: row.assessment.actual for row in rows
            if row.assessment.actual is not None}


def test_by_default_only_submitted_and_approved_reports_count(plan):
    assert district_values(plan, Basis.SUBMITTED) == {"001": 700, "006": 900}


def test_approved_only_leaves_the_submitted_report_out(plan):
    assert district_values(plan, Basis.APPROVED) == {"001": 700}


def test_drafts_included_adds_the_draft_and_the_returned_report_and_marks_them(plan):
    assert district_values(plan, Basis.ALL) == {
        "001": 700, "006": 900, "002": 1275, "003": 300,
    }
    report = progress_report(plan=plan, year=2024, user=SYSTEM, basis=Basis.ALL,
                             focus=unit_by_code("01"))
    drafts = {row.unit.code for row in report.rows if row.assessment.is_draft}
    assert drafts == {"002", "003"}


def test_the_coverage_says_what_it_counts_on_each_basis(plan):
    hanoi = unit_by_code("01")
    texts = {
        basis: progress_report(plan=plan, year=2024, user=SYSTEM, basis=basis,
                               focus=hanoi).coverage
        for basis in Basis
    }
    assert texts[Basis.SUBMITTED] == "2/30 đơn vị được giao chỉ tiêu đã nộp"
    assert texts[Basis.APPROVED] == "1/30 đơn vị được giao chỉ tiêu đã được duyệt"
    assert texts[Basis.ALL] == "4/30 đơn vị được giao chỉ tiêu có số liệu, kể cả bản nháp"


def allocation_url(basis: str = "") -> str:
    url = reverse("reports:allocation", args=["hn-2024", 2024, "graduates_attracted"])
    return f"{url}?basis={basis}" if basis else url


def test_the_viewers_allocation_page_shows_no_draft(plan, client, make_user):
    client.force_login(make_user("viewer", "01"))
    html = client.get(allocation_url()).content.decode()
    assert "Quận Hoàn Kiếm" in html and "1.275" not in html
    assert "2/30 đơn vị được giao chỉ tiêu đã nộp" in html
    assert 'class="draft"' not in html


@pytest.mark.parametrize(("role", "code"), [("viewer", "01"), ("reporter", "001")])
def test_only_officers_may_include_drafts(plan, client, make_user, role, code):
    client.force_login(make_user(role, code))
    html = client.get(allocation_url("all")).content.decode()
    assert "1.275" not in html and 'class="draft"' not in html
    assert 'value="all"' not in html  # not offered either


def test_an_officer_includes_drafts_marked_as_such(plan, client, make_user):
    client.force_login(make_user("officer", "01"))
    html = client.get(allocation_url("all")).content.decode()
    assert "1.275" in html and 'class="draft"' in html
    assert 'id="basis-drafts"' in html


def test_an_officer_of_another_province_sees_nothing_whatever_the_basis(plan, client,
                                                                       make_user):
    client.force_login(make_user("officer", "31"))
    assert client.get(allocation_url("all")).status_code == 404


def test_the_dashboard_counts_submitted_reports_and_keeps_the_basis_in_its_links(
    plan, client, make_user
):
    client.force_login(make_user("officer", "01"))
    html = client.get("/reports/progress/dashboard/?plan=hn-2024&year=2024").content.decode()
    assert "2/30 đơn vị được giao chỉ tiêu đã nộp" in html
    html = client.get(
        "/reports/progress/dashboard/?plan=hn-2024&year=2024&basis=all"
    ).content.decode()
    assert "4/30 đơn vị được giao chỉ tiêu có số liệu, kể cả bản nháp" in html
    assert "basis=all" in html.split('id="download-xlsx"')[1].split(">")[0]


def test_the_xlsx_download_counts_on_the_basis_of_its_url(plan, client, make_user):
    client.force_login(make_user("officer", "01"))
    url = reverse("reports:progress_xlsx", args=["hn-2024", 2024])

    def cells(query: str) -> list:
        content = client.get(f"{url}?unit={unit_by_code('002').pk}{query}").content
        sheet = load_workbook(io.BytesIO(content)).active
        return [cell for row in sheet.iter_rows(values_only=True) for cell in row]

    assert 1275 not in cells("")
    assert 1275 in cells("&basis=all")


def progress_json(*args: str) -> dict[str, object]:
    out = io.StringIO()
    call_command("progress", "--plan", "hn-2024", "--year", "2024", "--format", "json",
                 *args, stdout=out)
    return {row["unit"]: row["actual"] for row in json.loads(out.getvalue())
            if row["indicator"] == "graduates_attracted" and row["actual"] is not None}


def test_the_progress_command_counts_submitted_reports_unless_told(plan):
    assert progress_json() == {"001": 700, "006": 900}
    assert progress_json("--basis", "approved") == {"001": 700}
    assert progress_json("--basis", "all") == {"001": 700, "006": 900, "002": 1275,
                                               "003": 300}
