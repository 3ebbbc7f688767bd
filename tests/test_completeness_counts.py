"""One count of units on every page: completeness counts the units progress and the
dashboard count — those just below the issuer given a target of the plan that year — and
says so in the same words, even when the plan hands quotas down two levels (Hà Nội → its
districts → Ba Đình's wards)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from lxml import html

from districts.scope import SYSTEM
from reports.models import Submission
from reports.progress.selectors import progress_report
from reports.selectors.completeness import completeness
from tests.factories import actual_make, hanoi_2024_header, target_make, unit_by_code

pytestmark = pytest.mark.django_db

SAME_WORDS = "1/2 đơn vị được giao chỉ tiêu đã nộp"


@pytest.fixture
def plan():
    """hn-2024 with the city's own target, quotas for Ba Đình and Đống Đa, and quotas of
    Ba Đình's for two of its wards (Phúc Xá, Trúc Bạch). Ba Đình and Phúc Xá have
    submitted; Đống Đa and Trúc Bạch have nothing."""
    plan = hanoi_2024_header()
    target_make(plan, "enrol_total", "235000", wording="235.000 lượt người")
    for code, quota in (("001", 650), ("006", 1050), ("00001", 100), ("00004", 120)):
        target_make(plan, "graduates_attracted", quota, unit=code, wording=f"{quota} người")
    for code, value in (("001", 650), ("00001", 100)):
        actual_make("graduates_attracted", code, "2024", value, state=Submission.State.SUBMITTED)
    return plan


def test_completeness_lists_the_districts_given_a_quota_not_their_wards(plan):
    report = completeness(plan, "2024")
    assert [row.unit.code for row in report.rows] == ["001", "006"]
    assert (report.done, report.total) == (1, 2)


def test_completeness_and_progress_count_the_same_units_in_the_same_words(plan):
    progress = progress_report(plan=plan, year=2024, user=SYSTEM, focus=unit_by_code("01"))
    assert progress.quota_units == {row.unit.pk for row in completeness(plan, "2024").rows}
    assert progress.coverage == completeness(plan, "2024").coverage == SAME_WORDS


def text_of(client, url: str, element_id: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    [element] = html.fromstring(response.content.decode()).xpath(f"//*[@id='{element_id}']")
    return " ".join(element.text_content().split())


def test_the_dashboard_and_the_completeness_page_show_the_same_count(client, plan, officer_01):
    client.force_login(officer_01)
    dashboard = reverse("reports:dashboard") + "?plan=hn-2024&year=2024"
    who = reverse("reports:completeness") + "?plan=hn-2024&period=2024"
    assert text_of(client, dashboard, "coverage") == SAME_WORDS
    assert text_of(client, who, "done-count") == SAME_WORDS
