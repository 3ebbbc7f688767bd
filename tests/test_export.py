"""Templates and exports: the import's own columns, codes kept as text, scope, round trip."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from districts.formatting import file_number
from reports.imports.exports import LONG_HEADERS
from reports.imports.importer import report_file_import
from reports.models import Actual
from tests.factories import actual_make, hanoi_2024_two_districts, unit_by_code

pytestmark = pytest.mark.django_db

TEMPLATE = reverse("reports:import_template")
EXPORT = reverse("reports:export")


def workbook_rows(content: bytes) -> tuple[list[tuple], object]:
    sheet = load_workbook(io.BytesIO(content)).active
    return list(sheet.iter_rows(values_only=True)), sheet


@pytest.fixture
def stored_values():
    """Ba Đình's and Đống Đa's 2024 values, a rate with its parts, a 3-decimal rate."""
    return [
        actual_make("graduates_attracted", "001", "2024", "650"),
        actual_make("trained_rate", "001", "2024", "75", numerator=Decimal(1200),
                    denominator=Decimal(1600), note="theo báo cáo quận"),
        actual_make("certified_rate", "001", "2024", "1.234"),
        actual_make("graduates_attracted", "006", "2024", "1050"),
        actual_make("enrol_total", "00004", "2024", "320"),
    ]


def test_numbers_are_written_so_that_they_cannot_be_misread():
    assert file_number(Decimal("1400.0000")) == "1400"
    assert file_number(Decimal("74.2000")) == "74,2"
    assert file_number(Decimal("1.2340")) == "1,2340"  # never `1,234`
    assert file_number(Decimal("0")) == "0"


# --- templates ---------------------------------------------------------------------


def test_a_template_lists_the_unit_and_its_wards_with_codes_as_text(client, ba_dinh, reporter_001):
    plan = hanoi_2024_two_districts()
    client.force_login(reporter_001)
    actual_make("graduates_attracted", "001", "2024", "650")
    response = client.get(TEMPLATE, {"plan": plan.pk, "period": "2024", "unit": ba_dinh.pk,
                                     "layout": "long", "format": "xlsx"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    rows, sheet = workbook_rows(response.content)
    assert list(rows[0]) == LONG_HEADERS
    units = {row[0] for row in rows[1:]}
    assert "001" in units and "00004" in units and len(units) == 14  # Ba Đình + 13 wards
    # The plan's indicators of 2024 (the city's trained-labour rate included).
    assert {row[2] for row in rows[1:]} == {"graduates_attracted", "enrol_total", "trained_rate"}
    assert sheet["A2"].data_type == "s" and sheet["A2"].number_format == "@"
    filled = [row for row in rows[1:] if row[0] == "001" and row[2] == "graduates_attracted"]
    assert filled[0][4] == 650


def test_a_csv_template_is_utf8_with_bom_and_semicolons(client, ba_dinh, reporter_001):
    plan = hanoi_2024_two_districts()
    client.force_login(reporter_001)
    response = client.get(TEMPLATE, {"plan": plan.pk, "period": "2024", "unit": ba_dinh.pk,
                                     "layout": "wide", "format": "csv"})
    text = response.content.decode("utf-8-sig")
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = text.splitlines()
    assert lines[0].startswith("ma_don_vi;ten_don_vi;ky_bao_cao;")
    assert lines[1].startswith("001;Quận Ba Đình;2024;")


def test_a_template_for_a_unit_outside_the_users_scope_is_refused(client, dong_da, reporter_001):
    plan = hanoi_2024_two_districts()
    client.force_login(reporter_001)
    response = client.get(TEMPLATE, {"plan": plan.pk, "period": "2024", "unit": dong_da.pk,
                                     "layout": "long", "format": "csv"})
    assert response.status_code == 200 and response.context["form"].errors["unit"]


def test_a_template_for_a_period_outside_the_plan_is_refused(client, ba_dinh, reporter_001):
    plan = hanoi_2024_two_districts()
    client.force_login(reporter_001)
    response = client.get(TEMPLATE, {"plan": plan.pk, "period": "2023", "unit": ba_dinh.pk,
                                     "layout": "long", "format": "csv"})
    assert response.context["form"].errors["period"]


def test_the_template_page_shows_its_form(client, make_user):
    client.force_login(make_user("viewer", "001"))
    response = client.get(TEMPLATE)
    assert response.status_code == 200 and b'id="template-form"' in response.content


# --- exports ---------------------------------------------------------------------


def test_an_export_is_limited_to_the_users_scope(client, make_user, stored_values):
    client.force_login(make_user("viewer", "001"))
    response = client.get(EXPORT, {"what": "actuals", "layout": "long", "format": "xlsx"})
    rows, _sheet = workbook_rows(response.content)
    assert {row[0] for row in rows[1:]} == {"001", "00004"}  # not Đống Đa's 006


def test_an_export_filters_by_indicator_and_period(client, stored_values, officer_01):
    client.force_login(officer_01)
    response = client.get(EXPORT, {"what": "actuals", "indicator": "graduates_attracted",
                                   "period": "2024", "layout": "long", "format": "csv"})
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[1:] == [
        "001;Quận Ba Đình;graduates_attracted;2024;650;;;",
        "006;Quận Đống Đa;graduates_attracted;2024;1050;;;",
    ]


def test_an_export_of_a_subtree(client, stored_values, ba_dinh, officer_01):
    client.force_login(officer_01)
    response = client.get(EXPORT, {"what": "actuals", "unit": ba_dinh.pk, "layout": "long",
                                   "format": "csv"})
    codes = {line.split(";")[0] for line in response.content.decode("utf-8-sig").splitlines()[1:]}
    assert codes == {"001", "00004"}


def test_targets_are_exported_too(client, officer_01):
    hanoi_2024_two_districts()
    client.force_login(officer_01)
    response = client.get(EXPORT, {"what": "targets", "year": "2024", "layout": "long",
                                   "format": "xlsx"})
    rows, _sheet = workbook_rows(response.content)
    assert rows[0][:4] == ("ma_ke_hoach", "ma_don_vi", "ten_don_vi", "ma_chi_tieu")
    quotas = {(r[1], r[3]): r[6] for r in rows[1:]}
    assert quotas[("001", "graduates_attracted")] == 650
    assert quotas[("006", "graduates_attracted")] == 1050
    wide = client.get(EXPORT, {"what": "targets", "year": "2024", "layout": "wide",
                               "format": "csv"})
    assert wide.content.decode("utf-8-sig").splitlines()[0].startswith(
        "ma_ke_hoach;ma_don_vi;ten_don_vi;nam;"
    )


def test_a_unit_outside_the_scope_cannot_be_exported(client, make_user, dong_da):
    client.force_login(make_user("viewer", "001"))
    response = client.get(EXPORT, {"what": "actuals", "unit": dong_da.pk, "layout": "long",
                                   "format": "csv"})
    assert response.status_code == 200 and response.context["form"].errors["unit"]


@pytest.mark.parametrize("layout", ["long", "wide"])
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_then_import_changes_nothing(client, stored_values, layout, file_format, officer_01):
    officer = officer_01
    client.force_login(officer)
    response = client.get(EXPORT, {"what": "actuals", "layout": layout, "format": file_format})
    before = list(Actual.objects.order_by("pk").values())
    history = Actual.history.count()
    result = report_file_import(
        stream=io.BytesIO(response.content), file_name=f"export.{file_format}", actor=officer
    )
    assert result.errors == 0 and result.warnings == 0, [str(p) for p in result.problems]
    assert (result.created, result.updated, result.unchanged) == (0, 0, len(stored_values))
    assert list(Actual.objects.order_by("pk").values()) == before
    assert Actual.history.count() == history


def test_an_export_is_read_by_a_viewer_too(client, stored_values, viewer_01):
    client.force_login(viewer_01)
    response = client.get(EXPORT, {"what": "actuals", "layout": "long", "format": "csv"})
    assert response.status_code == 200
    assert unit_by_code("001").name in response.content.decode("utf-8-sig")


def test_the_export_page_shows_its_form(client, make_user):
    client.force_login(make_user("viewer", "001"))
    response = client.get(EXPORT)
    assert response.status_code == 200 and b'id="export-form"' in response.content


def test_a_code_without_leading_zeros_comes_back_by_its_name(client, officer_01):
    # Hà Đông is 268, and 00268 (Phường Thanh Lương) lost its zeros would read the same.
    actual_make("enrol_total", "268", "2024", "4200")
    officer = officer_01
    client.force_login(officer)
    response = client.get(EXPORT, {"what": "actuals", "layout": "long", "format": "csv"})
    assert "268;Quận Hà Đông;" in response.content.decode("utf-8-sig")
    result = report_file_import(stream=io.BytesIO(response.content), file_name="x.csv",
                                actor=officer)
    assert result.summary() == "created=0 updated=0 unchanged=1 errors=0 warnings=0"
