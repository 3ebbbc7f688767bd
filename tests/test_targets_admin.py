"""Plans, targets and indicators in the admin, and targets as spreadsheet rows."""

from __future__ import annotations

from decimal import Decimal

import pytest
import tablib
from django.urls import reverse

from districts.sources import describe
from plans.models import Plan
from targets.models import Target
from targets.resources import TargetResource
from tests.factories import hanoi_2024_as_printed, unit_by_code

pytestmark = pytest.mark.django_db

HEADERS = ["plan", "indicator", "unit", "year", "operator", "value", "value_high", "wording"]


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user(is_superuser=True, is_staff=True))
    return client


def test_the_admin_lists_search_and_filter(admin_client):
    plan = hanoi_2024_as_printed()
    pages = [
        reverse("admin:plans_plan_changelist") + "?q=hn-2024&status__exact=draft",
        reverse("admin:plans_plan_change", args=[plan.pk]),
        reverse("admin:plans_plan_history", args=[plan.pk]),
        reverse("admin:targets_target_changelist") + "?q=graduates&year=2024",
        reverse("admin:targets_target_changelist") + f"?plan__id__exact={plan.pk}",
        reverse("admin:targets_target_import"),
        reverse("admin:targets_target_export"),
        reverse("admin:targets_indicator_changelist") + "?q=rate&kind__exact=rate",
    ]
    for url in pages:
        assert admin_client.get(url).status_code == 200, url
    response = admin_client.get(reverse("admin:targets_target_changelist") + "?q=Đống Đa")
    assert response.context["cl"].result_count == 1


def test_it_imports_targets_by_codes_that_lost_their_zeros(officer_01):
    plan = hanoi_2024_as_printed()
    officer = officer_01
    dataset = tablib.Dataset(
        ["hn-2024", "graduates_attracted", "2", 2024, "gte", "200", "", "200 người"],
        ["hn-2024", "enrol_total", "6", 2024, "", "", "", "khoảng 7.000"],
        headers=HEADERS,
    )
    result = TargetResource().import_data(dataset, dry_run=False, user=officer,
                                          file_name="chi-tieu.xlsx")
    assert not result.has_errors() and not result.has_validation_errors()
    hoan_kiem = Target.objects.get(plan=plan, indicator__code="graduates_attracted",
                                   unit=unit_by_code("002"))
    assert hoan_kiem.value == Decimal(200)
    dong_da = Target.objects.get(plan=plan, indicator__code="enrol_total",
                                 unit=unit_by_code("006"))
    assert (dong_da.operator, dong_da.value) == ("approx", Decimal(7000))
    reason = dong_da.history.get().history_change_reason
    assert describe(reason) == "Nhập tệp chi-tieu.xlsx (trang quản trị)"
    again = TargetResource().import_data(dataset, dry_run=False, user=officer)
    assert [row.import_type for row in again.rows] == ["skip", "skip"]


def test_an_import_goes_through_the_scope_and_the_amendment_rule(make_user):
    plan = hanoi_2024_as_printed()
    row = ["hn-2024", "graduates_attracted", "002", 2024, "gte", "200", "", "200"]
    dataset = tablib.Dataset(row, headers=HEADERS)
    result = TargetResource().import_data(dataset, dry_run=False, user=make_user("officer", "31"))
    assert result.has_validation_errors()
    plan.status = Plan.Status.ISSUED
    plan.save()
    result = TargetResource().import_data(dataset, dry_run=False, user=make_user("officer", "01"))
    assert result.has_validation_errors()
    assert not Target.objects.filter(unit=unit_by_code("002")).exists()


def test_a_unit_outside_the_plan_is_an_error(make_user):
    hanoi_2024_as_printed()
    dataset = tablib.Dataset(
        ["hn-2024", "enrol_total", "31", 2024, "gte", "100", "", ""], headers=HEADERS
    )
    result = TargetResource().import_data(dataset, dry_run=False, user=make_user("officer", "01"))
    assert result.has_errors() or result.has_validation_errors()
    assert Target.objects.filter(indicator__code="enrol_total").count() == 1


def test_it_exports_codes(make_user):
    hanoi_2024_as_printed()
    exported = TargetResource().export()
    assert exported.headers == HEADERS
    rows = {(r[1], r[2]) for r in exported}
    assert ("graduates_attracted", "006") in rows and ("enrol_total", "01") in rows
