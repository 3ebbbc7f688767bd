"""Importing report files: each quirk of DESIGN §4, scope, eras, locks, idempotence, audit."""

from __future__ import annotations

import hashlib
import io
from decimal import Decimal

import pytest
from django.utils import translation

from districts.scope import SYSTEM, Actor
from districts.sources import describe
from reports.imports.importer import ImportResult, report_file_import
from reports.models import Actual, ImportBatch, Submission
from reports.periods import Period
from tests.factories import (
    LONG_EN,
    LONG_VI,
    actual_make,
    csv_bytes,
    hanoi_2024_two_districts,
    unit_by_code,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in their English source text."""
    with translation.override("en"):
        yield


def run(data: bytes | list, user: Actor = SYSTEM, *, name: str = "bao-cao.csv",
        **options) -> ImportResult:
    if isinstance(data, list):
        data = csv_bytes(data)
    return report_file_import(stream=io.BytesIO(data), file_name=name, actor=user, **options)


def stored() -> dict[tuple[str, str, str], Decimal]:
    return {
        (a.unit.code, a.indicator.code, a.period): a.value
        for a in Actual.objects.select_related("unit", "indicator")
    }


def messages(result: ImportResult) -> str:
    return "\n".join(str(p) for p in result.sorted_problems())


# --- formats ---------------------------------------------------------------------


def test_it_imports_a_semicolon_bom_file_in_vietnamese_notation_with_codes_without_zeros(
    make_user,
):
    # Excel dropped the zeros of 006 (Quận Đống Đa), 00190 (Ô Chợ Dừa), 00229 (Kim Liên).
    reporter = make_user("reporter", "006")
    data = csv_bytes(
        [LONG_VI,
         ["6", "enrol_total", "2024", "1.400"],
         ["190", "trained_rate", "2024", "74,2"],
         ["229", "enrol_total", "2024", "2.350"]],
        delimiter=";",
        bom=True,
    )
    result = run(data, reporter)
    assert result.ok, messages(result)
    assert result.summary() == "created=3 updated=0 unchanged=0 errors=0 warnings=0"
    assert stored() == {
        ("006", "enrol_total", "2024"): Decimal(1400),
        ("00190", "trained_rate", "2024"): Decimal("74.2"),
        ("00229", "enrol_total", "2024"): Decimal(2350),
    }


def test_it_imports_a_windows_1258_file_naming_its_units(officer_01):
    officer = officer_01
    data = csv_bytes(
        [["ten_don_vi", "ma_chi_tieu", "ky_bao_cao", "gia_tri", "ghi_chu"],
         ["Quận Ba Đình", "enrol_total", "2024", "1200", "Số liệu sơ bộ"],
         ["Đống Đa", "enrol_total", "2024", "900", ""],
         ["hoan kiem", "enrol_total", "2024", "300", ""]],
        encoding="cp1258",
    )
    result = run(data, officer)
    assert result.ok, messages(result)
    assert result.format.encoding == "cp1258"
    assert stored() == {
        ("001", "enrol_total", "2024"): Decimal(1200),
        ("006", "enrol_total", "2024"): Decimal(900),
        ("002", "enrol_total", "2024"): Decimal(300),
    }
    assert Actual.objects.get(unit__code="001").note == "Số liệu sơ bộ"


def test_it_imports_a_tab_file_with_english_headers_in_english_notation(make_user):
    data = csv_bytes(
        [[*LONG_EN, "numerator", "denominator"],
         ["001", "trained_rate", "2024", "", "1,200", "1,600"],
         ["001", "enrol_total", "2024", "1,400", "", ""],
         ["001", "employed_after_training_rate", "2024", "92.5", "", ""]],
        delimiter="\t",
    )
    result = run(data, make_user("officer", "001"))
    assert result.ok, messages(result)
    assert result.format.delimiter == "\t"
    rate = Actual.objects.get(indicator__code="trained_rate")
    assert (rate.value, rate.numerator, rate.denominator) == (
        Decimal(75), Decimal(1200), Decimal(1600)
    )
    assert stored()[("001", "enrol_total", "2024")] == Decimal(1400)


def test_it_imports_an_xlsx_workbook(make_user):
    data = xlsx_bytes([LONG_VI, [1, "enrol_total", 2024, 1400], ["006", "trained_rate", "2024",
                                                                   74.2]])
    result = run(data, make_user("officer", "01"), name="bao-cao.xlsx")
    # `1` is 01 (the city), 001 or 00001 for a city officer: never a guess.
    assert result.errors == 1
    assert "01 Thành phố Hà Nội" in messages(result) and "00001 Phường Phúc Xá" in messages(result)
    data = xlsx_bytes([LONG_VI, ["001", "enrol_total", 2024, 1400], ["006", "trained_rate",
                                                                      "2024", 74.2]])
    result = run(data, make_user("officer", "01"), name="bao-cao.xlsx")
    assert result.ok and result.created == 2
    assert stored()[("006", "trained_rate", "2024")] == Decimal("74.2")


def test_it_imports_a_wide_file_with_the_period_given_for_the_file(officer_01):
    data = csv_bytes([
        ["ma_don_vi", "ten_don_vi", "enrol_total", "enrol_college", "trained_rate"],
        ["001", "Quận Ba Đình", "1.200", "300", "74,2"],
        ["006", "Quận Đống Đa", "900", "", ""],
    ], delimiter=";")
    result = run(data, officer_01, period=Period.parse("2024"))
    assert result.ok, messages(result)
    assert result.layout.kind == "wide" and result.created == 4
    assert stored()[("001", "enrol_total", "2024")] == Decimal(1200)


def test_a_unit_can_be_named_with_or_without_type_and_diacritics(officer_01):
    officer = officer_01
    for name, value in (("Quận Ba Đình", "10"), ("Ba Đình", "11"), ("ba dinh", "12")):
        result = run([["ten_don_vi", "ma_chi_tieu", "ky_bao_cao", "gia_tri"],
                      [name, "enrol_total", "2024", value]], officer)
        assert result.ok, messages(result)
        assert stored()[("001", "enrol_total", "2024")] == Decimal(value)


# --- refusals ---------------------------------------------------------------------


def test_a_value_that_stays_ambiguous_is_refused_and_nothing_is_written(officer_01):
    # 2.000 persons or 2 persons: both are whole numbers, and nothing in the file says.
    result = run([LONG_VI, ["001", "enrol_total", "2024", "1200"],
                  ["006", "enrol_total", "2024", "2.000"]], officer_01)
    assert result.errors == 1
    problem = result.sorted_problems()[0]
    assert (problem.line, problem.column) == (3, "gia_tri")
    assert "ambiguous" in problem.message and "2 or 2,000" in problem.message
    assert Actual.objects.count() == 0


def test_an_ambiguous_name_is_refused_with_its_candidates():
    # The system operator (every unit) has three Phường Minh Đức in the test provinces.
    result = run([["ten_don_vi", "ma_chi_tieu", "ky_bao_cao", "gia_tri"],
                  ["Phường Minh Đức", "enrol_total", "2024", "10"]])
    assert result.errors == 1
    text = messages(result)
    assert "11465" in text and "11473" in text and "12127" in text
    assert Actual.objects.count() == 0


def test_a_stripped_code_matching_two_units_in_scope_lists_both(reporter_001):
    # For Ba Đình, `1` is the district (001) or its ward Phúc Xá (00001).
    result = run([LONG_VI, ["1", "enrol_total", "2024", "10"]], reporter_001)
    assert result.errors == 1
    assert "001 Quận Ba Đình" in messages(result) and "00001 Phường Phúc Xá" in messages(result)


def test_the_name_next_to_a_stripped_code_settles_which_unit_it_is(reporter_001):
    result = run([["ma_don_vi", "ten_don_vi", "ma_chi_tieu", "ky_bao_cao", "gia_tri"],
                  ["1", "Phường Phúc Xá", "enrol_total", "2024", "10"]],
                 reporter_001)
    assert result.ok and stored() == {("00001", "enrol_total", "2024"): Decimal(10)}


def test_a_code_is_resolved_in_the_era_of_its_period(officer_01):
    officer = officer_01
    result = run([LONG_VI, ["00004", "enrol_total", "2024", "100"],
                  ["00004", "enrol_total", "2026", "200"]], officer)
    assert result.ok, messages(result)
    truc_bach = Actual.objects.get(period="2024").unit
    ba_dinh_ward = Actual.objects.get(period="2026").unit
    assert truc_bach.name == "Phường Trúc Bạch" and truc_bach.path == "01/001/00004"
    assert ba_dinh_ward.name == "Phường Ba Đình" and ba_dinh_ward.path == "01/00004"


def test_a_reporter_cannot_import_for_a_unit_outside_their_scope(reporter_001):
    reporter = reporter_001
    result = run([LONG_VI, ["001", "enrol_total", "2024", "100"],
                  ["006", "enrol_total", "2024", "100"]], reporter)
    assert result.errors == 1
    problem = result.sorted_problems()[0]
    assert (problem.line, problem.column) == (3, "ma_don_vi")
    assert "Quận Đống Đa" in problem.message
    assert Actual.objects.count() == 0


def test_a_viewer_can_import_nothing(make_user):
    result = run([LONG_VI, ["001", "enrol_total", "2024", "100"]], make_user("viewer", "001"))
    assert result.errors == 1 and Actual.objects.count() == 0


def test_values_that_break_the_rules_are_errors_with_their_line_and_column(make_user):
    result = run([
        [*LONG_VI, "tu_so", "mau_so"],
        ["001", "enrol_total", "2024", "-5", "", ""],
        ["001", "enrol_college", "2024", "12,5", "", ""],
        ["001", "trained_rate", "2024", "120", "", ""],
        ["001", "certified_rate", "2024", "", "30", "20"],
        ["001", "enrol_totl", "2024", "1", "", ""],
        ["001", "enrol_elementary", "2024M13", "1", "", ""],
        ["001", "rural_trainees", "2024", "nhiều", "", ""],
    ], make_user("officer", "001"))
    by_line = {line: [p.column for p in ps] for line, ps in result.problems_by_line().items()}
    assert by_line == {
        2: ["gia_tri"], 3: ["gia_tri"], 4: ["gia_tri"], 5: ["tu_so"], 6: ["ma_chi_tieu"],
        7: ["ky_bao_cao"], 8: ["gia_tri"],
    }
    assert Actual.objects.count() == 0


def test_a_line_with_a_wrong_unit_and_a_wrong_value_reports_both(officer_01):
    result = run([
        LONG_VI,
        ["001", "enrol_total", "2024", "100"],
        ["99999", "enrol_total", "2024", "nhiều"],
        ["001", "trained_rate", "2024", "100"],
        ["99999", "trained_rate", "2024", "140"],
    ], officer_01)
    by_line = {line: [p.code for p in ps] for line, ps in result.problems_by_line().items()}
    assert by_line == {
        3: ["not_a_number", "unknown_unit"], 5: ["rate_out_of_range", "unknown_unit"]
    }
    assert Actual.objects.count() == 0


def test_a_value_with_the_other_decimal_mark_is_an_error_with_its_other_errors(officer_01):
    result = run([
        LONG_VI,
        ["001", "trained_rate", "2024", "74,5"],
        ["006", "enrol_total", "2024", "74.5"],
    ], officer_01)
    assert [(p.line, p.code) for p in result.sorted_problems()] == [
        (3, "mixed_marks"), (3, "not_whole"),
    ]
    assert Actual.objects.count() == 0


def test_the_same_value_twice_in_a_file_is_an_error(make_user):
    result = run([LONG_VI, ["001", "enrol_total", "2024", "100"],
                  ["001", "enrol_total", "2024", "120"]], make_user("officer", "001"))
    assert result.errors == 1 and result.sorted_problems()[0].line == 3


def test_a_period_outside_the_plan_is_an_error(officer_01):
    plan = hanoi_2024_two_districts()
    result = run([LONG_VI, ["001", "graduates_attracted", "2025S1", "10"]],
                 officer_01, plan=plan)
    assert result.errors == 1 and "hn-2024" in messages(result)


# --- workflow and locks ---------------------------------------------------------------------


def test_imported_values_go_into_a_draft_submission(reporter_001):
    run([LONG_VI, ["001", "enrol_total", "2024", "100"]], reporter_001)
    submission = Submission.objects.get(unit__code="001", period="2024")
    assert submission.state == Submission.State.DRAFT
    assert Actual.objects.get().submission == submission


def test_an_approved_value_cannot_change_but_the_same_value_is_unchanged(officer_01):
    actual_make("enrol_total", "001", "2024", "650", state=Submission.State.APPROVED)
    officer = officer_01
    same = run([LONG_VI, ["001", "enrol_total", "2024", "650"]], officer)
    assert same.summary() == "created=0 updated=0 unchanged=1 errors=0 warnings=0"
    changed = run([LONG_VI, ["001", "enrol_total", "2024", "700"]], officer)
    assert changed.errors == 1 and "approved, locked" in messages(changed)
    new_value = run([LONG_VI, ["001", "enrol_college", "2024", "50"]], officer)
    assert new_value.errors == 1 and "approved, locked" in messages(new_value)
    assert stored() == {("001", "enrol_total", "2024"): Decimal(650)}


def test_a_submitted_report_is_locked_for_a_reporter_but_not_for_an_officer(
    make_user, reporter_001
):
    actual_make("enrol_total", "001", "2024", "650", state=Submission.State.SUBMITTED)
    rows = [LONG_VI, ["001", "enrol_total", "2024", "660"]]
    refused = run(rows, reporter_001)
    assert refused.errors == 1 and "submitted, locked" in messages(refused)
    accepted = run(rows, make_user("officer", "01"))
    assert accepted.ok and accepted.updated == 1
    assert stored()[("001", "enrol_total", "2024")] == Decimal(660)


def test_an_officer_can_hand_the_reports_in_as_submitted(make_user, officer_01):
    officer = officer_01
    result = run([LONG_VI, ["001", "enrol_total", "2024", "100"]], officer, submit=True)
    submission = Submission.objects.get(unit__code="001", period="2024")
    assert result.written and submission.state == Submission.State.SUBMITTED
    assert submission.submitted_by == officer
    reporter_import = run([LONG_VI, ["006", "enrol_total", "2024", "100"]],
                          make_user("reporter", "006"), submit=True)
    assert reporter_import.written
    assert Submission.objects.get(unit__code="006").state == Submission.State.DRAFT


def test_reports_are_opened_without_insert_returning_too(make_user, monkeypatch):
    # SQLite before 3.35 (which Django 5.2 still supports) cannot return the new rows' ids.
    from django.db import connection

    monkeypatch.setattr(type(connection.features), "can_return_rows_from_bulk_insert", False)
    result = run([LONG_VI, ["001", "enrol_total", "2024", "100"],
                  ["006", "enrol_total", "2024", "90"]], make_user("officer", "01"))
    assert result.written
    for code in ("001", "006"):
        value = Actual.objects.get(unit__code=code, period="2024")
        assert value.submission == Submission.objects.get(unit__code=code, period="2024")
        assert value.submission.history.get().history_type == "+"


def test_the_reports_an_import_opens_and_submits_record_it_in_their_history(officer_01):
    officer = officer_01
    result = run([LONG_VI, ["001", "enrol_total", "2024", "100"],
                  ["006", "enrol_total", "2024", "90"]], officer, submit=True)
    reason = f"import:{result.batch.pk}:bao-cao.csv"
    assert describe(reason) == f"Import of bao-cao.csv (#{result.batch.pk})"
    for code in ("001", "006"):
        submission = Submission.objects.get(unit__code=code, period="2024")
        records = list(submission.history.order_by("history_id"))
        assert [(r.history_type, r.state) for r in records] == [
            ("+", Submission.State.DRAFT), ("~", Submission.State.SUBMITTED)
        ]
        assert all(r.history_change_reason == reason and r.history_user == officer
                   for r in records)


# --- warnings ---------------------------------------------------------------------


# Dị Sử's 2023 enrolment: 1.700 + 4.200 + 56.600 = 62.500, the reported total 62.750.
DI_SU_2023 = [
    LONG_VI,
    ["12121", "enrol_total", "2023", "62750"],
    ["12121", "enrol_college", "2023", "1700"],
    ["12121", "enrol_intermediate", "2023", "4200"],
    ["12121", "enrol_elementary", "2023", "56600"],
]


def test_components_that_do_not_add_up_are_a_warning_on_the_total(make_user):
    officer = make_user("officer", "33")
    refused = run(DI_SU_2023, officer, accept_warnings=False)
    assert refused.ok and refused.warnings == 1 and not refused.written
    problem = refused.sorted_problems()[0]
    assert (problem.line, problem.level) == (2, "warning")
    assert "250" in problem.message
    assert Actual.objects.count() == 0
    accepted = run(DI_SU_2023, officer, accept_warnings=True, note="Số liệu của phường")
    assert accepted.written and accepted.batch.note == "Số liệu của phường"
    assert accepted.batch.warnings == 1 and Actual.objects.count() == 4


def test_a_jump_over_three_times_last_year_is_a_warning(make_user):
    actual_make("rural_trainees", "001", "2023", "100")
    result = run([LONG_VI, ["001", "rural_trainees", "2024", "350"]], make_user("officer", "001"))
    assert result.warnings == 1 and "three times" in messages(result)


def test_an_of_which_part_above_its_whole_is_a_warning(make_user):
    actual_make("enrol_elementary", "001", "2024", "100")
    result = run([LONG_VI, ["001", "enrol_support_demobilized", "2024", "150"]],
                 make_user("officer", "001"))
    assert result.warnings == 1 and result.sorted_problems()[0].line == 2


# --- idempotence and audit ---------------------------------------------------------------------


def test_importing_the_same_file_again_changes_nothing(officer_01):
    officer = officer_01
    rows = [LONG_VI, ["001", "enrol_total", "2024", "1200"], ["006", "trained_rate", "2024",
                                                              "74,2"]]
    first = run(rows, officer)
    history = Actual.history.count()
    again = run(rows, officer)
    assert first.summary() == "created=2 updated=0 unchanged=0 errors=0 warnings=0"
    assert again.summary() == "created=0 updated=0 unchanged=2 errors=0 warnings=0"
    assert Actual.history.count() == history
    assert ImportBatch.objects.count() == 2


def test_every_import_is_a_batch_and_each_value_points_to_it(officer_01):
    officer = officer_01
    data = csv_bytes([LONG_VI, ["001", "enrol_total", "2024", "1200"]])
    result = run(data, officer, name="ba-dinh-2024.csv")
    batch = ImportBatch.objects.get()
    assert (batch.file_name, batch.user, batch.rows, batch.created) == (
        "ba-dinh-2024.csv", officer, 1, 1
    )
    assert batch.checksum == hashlib.sha256(data).hexdigest() == result.checksum
    value = Actual.objects.get()
    assert value.import_batch == batch and value.origin == Actual.Origin.IMPORTED
    record = value.history.get()
    assert describe(record.history_change_reason) == f"Import of ba-dinh-2024.csv (#{batch.pk})"
    assert record.history_user == officer and record.import_batch_id == batch.pk
    updated = run([LONG_VI, ["001", "enrol_total", "2024", "1300"]], officer, name="sua.csv")
    value.refresh_from_db()
    assert value.version == 2 and value.import_batch == updated.batch
    latest = value.history.first()
    assert describe(latest.history_change_reason) == f"Import of sua.csv (#{updated.batch.pk})"
    assert (latest.history_type, latest.value) == ("~", Decimal(1300))


def test_the_system_operator_is_recorded_as_such():
    result = run([LONG_VI, ["001", "enrol_total", "2024", "5"]], SYSTEM)
    assert result.batch.user is None
    record = Actual.history.get()
    assert record.history_user is None
    assert describe(record.history_change_reason).endswith("by the system operator")


def test_a_wide_reimport_keeps_the_numerator_and_denominator(make_user):
    officer = make_user("officer", "001")
    run([[*LONG_VI, "tu_so", "mau_so"], ["001", "trained_rate", "2024", "75", "1200", "1600"]],
        officer)
    again = run([["ma_don_vi", "ky_bao_cao", "trained_rate"], ["001", "2024", "75"]], officer)
    assert again.summary() == "created=0 updated=0 unchanged=1 errors=0 warnings=0"
    assert Actual.objects.get().denominator == Decimal(1600)


def test_a_dry_run_writes_nothing_and_counts_the_same(make_user):
    rows = [LONG_VI, ["001", "enrol_total", "2024", "1200"]]
    dry = run(rows, make_user("officer", "001"), dry_run=True)
    assert dry.summary() == "created=1 updated=0 unchanged=0 errors=0 warnings=0"
    assert not dry.written and Actual.objects.count() == 0 and ImportBatch.objects.count() == 0


def test_a_sample_value_is_replaced_by_the_imported_one(make_user, ba_dinh):
    actual_make("enrol_total", "001", "2024", "1000", is_sample=True)
    run([LONG_VI, ["001", "enrol_total", "2024", "1200"]], make_user("officer", "001"))
    value = Actual.objects.get(unit=ba_dinh)
    assert value.value == Decimal(1200) and not value.is_sample
    assert unit_by_code("001") == ba_dinh
