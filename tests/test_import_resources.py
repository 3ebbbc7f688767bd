"""The django-import-export resource behind the admin's import, export and dry run."""

from __future__ import annotations

from decimal import Decimal

import pytest
import tablib

from reports.imports.resources import ActualImportExportMixin, ActualResource
from reports.models import Actual, Submission
from tests.factories_imports import actual

pytestmark = pytest.mark.django_db


def dataset(*rows, headers=("ma_don_vi", "ma_chi_tieu", "ky_bao_cao", "gia_tri")):
    return tablib.Dataset(*rows, headers=list(headers))


def test_a_dry_run_reports_new_rows_and_writes_nothing(make_user):
    user = make_user("officer", "01")
    result = ActualResource(user=user).import_data(
        dataset(("1", "enrol_total", "2024", "1.400"), ("006", "trained_rate", "2024", "74,2")),
        dry_run=True,
        user=user,
        file_name="bao-cao.csv",
    )
    # `1` in 2024 is Hà Nội (01), Ba Đình (001) or Phúc Xá (00001): no guess here either.
    assert result.has_validation_errors() or result.has_errors()
    result = ActualResource(user=user).import_data(
        dataset(("001", "enrol_total", "2024", "1.400"), ("006", "trained_rate", "2024", "74,2")),
        dry_run=True,
        user=user,
    )
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["new"] == 2
    assert Actual.objects.count() == 0


def test_an_import_writes_with_history_and_english_headers_work(make_user):
    user = make_user("officer", "01")
    data = dataset(("Ba Đình", "enrol_total", "2024", "1,400"), ("001", "trained_rate", "2024",
                                                                 "74.2"),
                   headers=("unit_code", "indicator_code", "period", "value"))
    result = ActualResource(user=user).import_data(data, user=user, file_name="admin.csv")
    assert not result.has_errors() and not result.has_validation_errors()
    value = Actual.objects.get(indicator__code="enrol_total")
    assert value.value == Decimal(1400) and value.origin == Actual.Origin.IMPORTED
    assert value.history.get().history_change_reason == "import admin.csv (admin)"
    assert value.submission.state == Submission.State.DRAFT


def test_the_resource_keeps_approved_values_locked(make_user):
    actual("enrol_total", "001", "2024", "650", state=Submission.State.APPROVED)
    user = make_user("officer", "01")
    result = ActualResource(user=user).import_data(
        dataset(("001", "enrol_total", "2024", "700")), user=user
    )
    assert result.has_validation_errors()
    assert Actual.objects.get().value == Decimal(650)


def test_the_resource_resolves_units_in_the_users_scope(make_user):
    user = make_user("reporter", "001")
    result = ActualResource(user=user).import_data(
        dataset(("006", "enrol_total", "2024", "700")), user=user
    )
    assert result.has_errors() or result.has_validation_errors()
    assert Actual.objects.count() == 0


def test_the_resource_exports_codes_and_the_import_columns(make_user):
    actual("graduates_attracted", "001", "2024", "650")
    actual("graduates_attracted", "006", "2024", "1050")
    exported = ActualResource(user=make_user("viewer", "001")).export()
    assert exported.headers == ["ma_don_vi", "ten_don_vi", "ma_chi_tieu", "ky_bao_cao",
                                "gia_tri", "tu_so", "mau_so", "ghi_chu"]
    assert [row[0] for row in exported] == ["001"]
    assert exported[0][4] == "650"


def test_the_admin_mixin_uses_the_resource():
    assert ActualImportExportMixin.resource_classes == [ActualResource]


def test_the_admin_of_actual_values_can_import_with_it(rf, make_user):
    from django.contrib.admin import AdminSite
    from simple_history.admin import SimpleHistoryAdmin

    class ActualAdmin(ActualImportExportMixin, SimpleHistoryAdmin):
        pass

    admin = ActualAdmin(Actual, AdminSite())
    request = rf.get("/admin/reports/actual/import/")
    request.user = make_user(is_superuser=True, is_staff=True)
    response = admin.import_action(request)
    assert response.status_code == 200
    assert "ma_don_vi" in response.rendered_content
