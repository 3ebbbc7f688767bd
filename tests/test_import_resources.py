"""The admin's export of actual values (django-import-export); files are imported on the
import page only, through the same locks and rules as every other write."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse

from reports.imports.resources import ActualExportMixin, ActualResource
from tests.factories import actual_make

pytestmark = pytest.mark.django_db


def test_the_resource_exports_codes_and_the_import_columns(make_user):
    actual_make("graduates_attracted", "001", "2024", "650")
    actual_make("graduates_attracted", "006", "2024", "1050")
    exported = ActualResource(actor=make_user("viewer", "001")).export()
    assert exported.headers == ["ma_don_vi", "ten_don_vi", "ma_chi_tieu", "ky_bao_cao",
                                "gia_tri", "tu_so", "mau_so", "ghi_chu"]
    # A viewer of Ba Đình exports Ba Đình's value, not Đống Đa's.
    assert [row[0] for row in exported] == ["001"]
    assert exported[0][4] == "650"


def test_the_admin_mixin_uses_the_resource():
    assert ActualExportMixin.resource_classes == [ActualResource]


def test_the_admin_of_actual_values_exports_and_does_not_import(client, make_user):
    actual_make("graduates_attracted", "001", "2024", "650")
    client.force_login(make_user(is_superuser=True, is_staff=True))
    response = client.get(reverse("admin:reports_actual_changelist"))
    assert response.status_code == 200
    assert reverse("admin:reports_actual_export") in response.content.decode()
    with pytest.raises(NoReverseMatch):
        reverse("admin:reports_actual_import")
