"""A result written as a bound (">92", "trên 92", "<5") typed on the entry page or read from
a report file (issue 12, item 5): stored with no number and its text as printed, once,
judged by progress, and refused in Vietnamese when it cannot be a result."""

from __future__ import annotations

import io
import json
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from districts.scope import SYSTEM
from plans.models import Plan
from reports.bounds import BoundError, looks_like_bound, read_value_bound
from reports.imports.importer import report_file_import
from reports.models import Actual
from reports.periods import Period
from reports.progress.basis import Basis
from reports.progress.charts import unit_bars, units_table
from reports.progress.engine import Value, aggregate, bounds_left_out
from reports.progress.selectors import allocation_of, progress_report
from targets.operators import IndicatorKind, Operator
from tests.factories import (
    LONG_VI,
    actual_make,
    bearer,
    csv_bytes,
    disu_plan,
    entry_post,
    hanoi_2024_two_districts,
    hanoi_2024_with_results,
    plan_make,
    row,
    target_make,
    token_make,
    unit_by_code,
    vi,
    xlsx_bytes,
)

RATE, COUNT = IndicatorKind.RATE, IndicatorKind.COUNT
EMPLOYED = "employed_after_training_rate"


# --- the rule: which texts are bounds, and which bounds can be results ------------------------


@pytest.mark.parametrize(("text", "operator", "number"), [
    (">92", Operator.GT, D(92)),
    ("> 92", Operator.GT, D(92)),
    ("≥92", Operator.GTE, D(92)),
    (">=92", Operator.GTE, D(92)),
    ("trên 92", Operator.GT, D(92)),
    ("Trên 92 %", Operator.GT, D(92)),
    ("<5", Operator.LT, D(5)),
    ("dưới 5", Operator.LT, D(5)),
    ("ít nhất 92", Operator.GTE, D(92)),
    ("ít nhất là 92", Operator.GTE, D(92)),
    ("trên mức 92,5%", Operator.GT, D("92.5")),
    ("＞92", Operator.GT, D(92)),
    ("92 trở lên", Operator.GTE, D(92)),
])
def test_a_rate_written_as_a_bound_is_read_with_its_operator_and_number(text, operator, number):
    bound = read_value_bound(text, kind=RATE)
    assert bound is not None
    assert (bound.operator, bound.number, bound.printed) == (operator, number, text)


@pytest.mark.parametrize("text", [
    "92", "1.400", "74,2", "", "  ", "khoảng 92", "trên 92 người, ước tính", "=92", "nhiều",
])
def test_a_number_or_prose_is_not_a_bound(text):
    assert not looks_like_bound(text)
    assert read_value_bound(text, kind=COUNT) is None


def test_a_count_bound_is_read_with_the_files_decimal_mark_and_stored_as_progress_reads_it():
    # Vietnamese notation: "1.400" groups thousands; kept as written.
    assert read_value_bound(">1.400", kind=COUNT, decimal_mark=None).printed == ">1.400"
    # An English file's "1,400" is 1400 too; stored so that it reads back the same.
    bound = read_value_bound(">1,400", kind=COUNT, decimal_mark=".")
    assert (bound.number, bound.printed) == (D(1400), ">1400")


@pytest.mark.parametrize(("text", "kind", "message"), [
    ("> -5", COUNT, "“> -5”: -5 là số âm; giá trị không thể nhỏ hơn 0."),
    ("<0", COUNT, "“<0” không thể là kết quả: không có giá trị nào dưới 0."),
    (">92,5", COUNT, "“>92,5”: 92,5 không phải là số nguyên."),
    (">120", RATE, "“>120”: 120 % nằm ngoài khoảng 0–100 %."),
    (">100", RATE, "“>100” không thể là kết quả: tỷ lệ tối đa là 100 %."),
])
def test_a_bound_that_cannot_be_a_result_is_refused_in_vietnamese(text, kind, message):
    with pytest.raises(BoundError) as refused:
        read_value_bound(text, kind=kind)
    assert str(refused.value) == message


# --- the entry page -------------------------------------------------------------------------

ENTRY_PLAN_ROWS = ("enrol_total", EMPLOYED, "trained_rate", "certified_rate",
                   "admin_procedures_on_time_rate")


def entry_url(unit, period="2024"):
    return reverse("reports:entry", args=[unit.pk, period])


def stored(unit, code, period="2024") -> Actual:
    return Actual.objects.get(unit=unit, indicator__code=code, period=period)


@pytest.fixture
def di_su(db):
    """Phường Dị Sử with its 2024 targets (employment "trên 92%")."""
    disu_plan()
    return unit_by_code("12121")


def test_the_entry_page_saves_a_bound_as_printed_shows_it_and_progress_judges_it(
    client, di_su, reporter_12121
):
    client.force_login(reporter_12121)
    response = client.post(entry_url(di_su), entry_post(di_su, {EMPLOYED: row(">92")}))
    assert response.status_code == 302
    actual = stored(di_su, EMPLOYED)
    assert (actual.value, actual.printed, actual.version) == (None, ">92", 1)
    assert actual.history.count() == 1
    page = client.get(entry_url(di_su)).content.decode()
    assert f'name="{EMPLOYED}-value" value="&gt;92"' in page

    report = progress_report(plan=Plan.objects.get(code="disu-2024"), year=2024,
                             user=SYSTEM, basis=Basis.ALL, only_unit=di_su)
    row_ = next(r for r in report.rows if r.indicator.code == EMPLOYED)
    assert row_.assessment.status == "met"  # ">92" against "trên 92%"


def test_the_same_bound_again_changes_nothing_and_another_is_one_version_step(
    client, di_su, reporter_12121
):
    client.force_login(reporter_12121)
    client.post(entry_url(di_su), entry_post(di_su, {EMPLOYED: row(">92")}))
    # Posted back as the page shows it, or written another way: the same result.
    for text in (">92", "trên 92"):
        response = client.post(
            entry_url(di_su), entry_post(di_su, {EMPLOYED: row(text, version=1)}), follow=True
        )
        assert vi("Nothing has changed.") in response.content.decode()
        actual = stored(di_su, EMPLOYED)
        assert (actual.printed, actual.version, actual.history.count()) == (">92", 1, 1)
    client.post(entry_url(di_su), entry_post(di_su, {EMPLOYED: row("<5", version=1)}))
    actual = stored(di_su, EMPLOYED)
    assert (actual.value, actual.printed, actual.version) == (None, "<5", 2)
    assert actual.history.count() == 2
    history = client.get(reverse("reports:actual_history", args=[actual.pk])).content.decode()
    assert '<td class="num old">&gt;92</td>' in history
    assert '<td class="num new">&lt;5</td>' in history
    # A number replaces the bound; an emptied box removes the value's figure.
    client.post(entry_url(di_su), entry_post(di_su, {EMPLOYED: row("93", version=2)}))
    actual = stored(di_su, EMPLOYED)
    assert (actual.value, actual.printed, actual.version) == (D(93), "", 3)


def test_a_bound_that_cannot_be_a_result_is_refused_next_to_its_box_and_nothing_is_written(
    client, di_su, reporter_12121
):
    client.force_login(reporter_12121)
    response = client.post(entry_url(di_su), entry_post(di_su, {
        "enrol_total": row("> -5"), EMPLOYED: row(">92"),
    }))
    assert response.status_code == 400
    html = response.content.decode()
    assert "“&gt; -5”: -5 là số âm; giá trị không thể nhỏ hơn 0." in html
    assert not Actual.objects.filter(unit=di_su, period="2024").exists()


def test_a_bound_with_a_numerator_and_denominator_is_refused(client, di_su, reporter_12121):
    client.force_login(reporter_12121)
    response = client.post(entry_url(di_su), entry_post(di_su, {
        EMPLOYED: row(">92", numerator="93", denominator="100"),
    }))
    assert response.status_code == 400
    assert not Actual.objects.filter(unit=di_su, period="2024").exists()
    # Also when the bound is the stored one: the parts are never dropped silently.
    client.post(entry_url(di_su), entry_post(di_su, {EMPLOYED: row(">92")}))
    response = client.post(entry_url(di_su), entry_post(di_su, {
        EMPLOYED: row(">92", version=1, numerator="93", denominator="100"),
    }))
    assert response.status_code == 400
    actual = stored(di_su, EMPLOYED)
    assert (actual.printed, actual.numerator, actual.version) == (">92", None, 1)


def test_a_reporter_of_another_unit_and_an_anonymous_visitor_cannot_write_a_bound(
    client, di_su, reporter_001
):
    data = entry_post(di_su, {EMPLOYED: row(">92")})
    response = client.post(entry_url(di_su), data)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    client.force_login(reporter_001)  # Quận Ba Đình, Hà Nội
    assert client.post(entry_url(di_su), data).status_code == 404
    assert not Actual.objects.filter(unit=di_su).exists()


def test_the_entry_script_gets_the_words_of_a_bound_and_their_messages(
    client, di_su, reporter_12121
):
    client.force_login(reporter_12121)
    checks = client.get(entry_url(di_su)).context["entry_checks"]
    assert checks["bounds"][">"] == "gt" and checks["bounds"]["it nhat"] == "gte"
    assert checks["messages"]["bound_below_zero"] == vi(
        "“%(text)s” cannot be a result: nothing is below 0.", html=False
    )


# --- report files ---------------------------------------------------------------------------


def run(data: bytes, user=SYSTEM, **options):
    return report_file_import(stream=io.BytesIO(data), file_name="bao-cao.csv", actor=user,
                              **options)


def test_a_long_file_with_bounds_stores_them_as_printed_once(db):
    data = csv_bytes([
        LONG_VI,
        ["001", EMPLOYED, "2024", ">92"],
        ["001", "admin_procedures_on_time_rate", "2024", "dưới 5"],
        ["001", "enrol_total", "2024", "1.400"],
    ], delimiter=";")
    preview = run(data, dry_run=True, preview_limit=10)
    assert [(o.indicator, o.value) for o in preview.outcomes][:2] == [
        (EMPLOYED, ">92"), ("admin_procedures_on_time_rate", "dưới 5"),
    ]
    assert not Actual.objects.exists()
    result = run(data)
    assert (result.created, result.errors) == (3, 0), result.sorted_problems()
    ba_dinh = unit_by_code("001")
    employed = stored(ba_dinh, EMPLOYED)
    assert (employed.value, employed.printed, employed.version) == (None, ">92", 1)
    assert stored(ba_dinh, "admin_procedures_on_time_rate").printed == "dưới 5"
    assert stored(ba_dinh, "enrol_total").value == D(1400)
    assert employed.history.count() == 1

    again = run(data)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    # The same bound written another way is the same result.
    same = run(csv_bytes([LONG_VI, ["001", EMPLOYED, "2024", "trên 92"]]))
    assert (same.updated, same.unchanged) == (0, 1)
    changed = run(csv_bytes([LONG_VI, ["001", EMPLOYED, "2024", "<5"]]))
    assert changed.updated == 1
    employed.refresh_from_db()
    assert (employed.printed, employed.version, employed.history.count()) == ("<5", 2, 2)


def test_a_wide_xlsx_file_reads_a_bound_in_its_indicator_column(db):
    data = xlsx_bytes([
        ["ma_don_vi", "ky_bao_cao", "enrol_total", EMPLOYED],
        ["001", "2024", 1400, "trên 92"],
        ["006", "2024", 2900, 93],
    ])
    result = report_file_import(stream=io.BytesIO(data), file_name="bao-cao.xlsx",
                                actor=SYSTEM)
    assert (result.created, result.errors) == (4, 0), result.sorted_problems()
    employed = stored(unit_by_code("001"), EMPLOYED)
    assert (employed.value, employed.printed) == (None, "trên 92")
    assert stored(unit_by_code("006"), EMPLOYED).value == D(93)


def test_a_file_with_a_bound_that_cannot_be_a_result_writes_nothing(db):
    with translation.override("vi"):
        result = run(csv_bytes([
            LONG_VI,
            ["001", EMPLOYED, "2024", ">92"],
            ["001", "enrol_total", "2024", "<0"],
        ]))
    assert result.errors == 1
    assert "“<0” không thể là kết quả: không có giá trị nào dưới 0." in "\n".join(
        str(p) for p in result.sorted_problems()
    )
    assert not Actual.objects.exists()


def test_a_reporter_cannot_import_a_bound_for_another_unit(db, reporter_001):
    result = run(csv_bytes([LONG_VI, ["006", EMPLOYED, "2024", ">92"]]), user=reporter_001)
    assert result.errors == 1
    assert not Actual.objects.exists()


def appendix_i_2023() -> bytes:
    """Seed 004's Appendix I, the 2023 columns: target and result, employment after
    training printed ">92" against "trên 92"."""
    rows: list[list[object]] = [
        ["ỦY BAN NHÂN DÂN THỊ XÃ MỸ HÀO"],
        ["Phụ lục I"],
        ["KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2023"],
        ["TT", "Tên chỉ tiêu", "Đơn vị\ntính", "Năm 2023", None],
        [None, None, None, "Chỉ tiêu", "Kết quả\nđạt được"],
        ["I", "Tuyển sinh giáo dục nghề nghiệp", "Người", "62.500", "62.750"],
        ["II", "Tỷ lệ lao động có việc làm sau đào tạo", "%", "trên 92", ">92"],
        ["III", "Tỷ lệ lao động qua đào tạo", "%", 69, 69],
        [],
        ["Người lập biểu", None, None, "TM. ỦY BAN NHÂN DÂN"],
    ]
    return xlsx_bytes(rows, merged=("A4:A5", "B4:B5", "C4:C5", "D4:E4"))


def test_appendix_i_with_a_printed_bound_stores_it_and_progress_finds_it_met(db, tmp_path):
    town = unit_by_code("328")
    plan = plan_make("disu-2024", issuer=unit_by_code("12121"), first_year=2023,
                     last_year=2024, status="issued")
    target_make(plan, EMPLOYED, "92", unit=town, year=2023, operator="gt",
                wording="trên 92%")
    target_make(plan, "enrol_total", "62500", unit=town, year=2023)
    path = tmp_path / "phu-luc-i-2023.xlsx"
    path.write_bytes(appendix_i_2023())
    out = io.StringIO()
    call_command("import_reports", str(path), "--unit", "328", "--plan", "disu-2024",
                 stdout=out)
    assert out.getvalue().splitlines()[-1] == (
        "created=3 updated=0 unchanged=0 errors=0 warnings=0"
    ), out.getvalue()
    employed = stored(town, EMPLOYED, "2023")
    assert (employed.value, employed.printed) == (None, ">92")

    report = progress_report(plan=plan, year=2023, user=SYSTEM, basis=Basis.ALL)
    verdicts = {r.indicator.code: r.assessment for r in report.rows}
    assert verdicts[EMPLOYED].status == "met"
    assert verdicts[EMPLOYED].printed == ">92"


# --- aggregates leave a bound out and say so ---------------------------------------------------


def test_an_aggregate_leaves_a_bound_out_and_names_it():
    values = [
        Value(Period(2024), D(5000)),
        Value(Period(2024), None, ">4.000"),
        None,
    ]
    added = aggregate(COUNT, values)
    assert (added.value, added.covered, added.total, added.bounds) == (D(5000), 1, 3, (">4.000",))
    rates = aggregate(RATE, [Value(Period(2024), D(50), "", D(10), D(20)),
                             Value(Period(2024), None, ">92")])
    assert (rates.value, rates.covered, rates.bounds) == (D(50), 1, (">92",))
    assert bounds_left_out(()) == ""
    assert bounds_left_out((">92",)) == "1 đơn vị ghi dạng ngưỡng (>92), không cộng vào tổng"
    with translation.override("en"):
        assert bounds_left_out((">92", "<5")) == (
            "2 units given as a bound (>92, <5), not added into the total"
        )


SUBMITTED = "submitted"
LEFT_OUT = "1 đơn vị ghi dạng ngưỡng (&gt;4.000), không cộng vào tổng"


@pytest.fixture
def hanoi_with_a_bound(db):
    """Hà Nội's 2024 plan; for the first half Ba Đình reports 5.000 enrolments and Đống Đa
    only "more than 4.000"; Hoàng Mai's 2024 graduates are ">400" against its quota 365."""
    plan = hanoi_2024_with_results()
    actual_make("enrol_total", "001", "2024S1", 5000, state=SUBMITTED)
    actual_make("enrol_total", "006", "2024S1", None, printed=">4.000", state=SUBMITTED)
    actual_make("graduates_attracted", "008", "2024", None, printed=">400", state=SUBMITTED)
    return plan


def test_the_progress_page_adds_up_the_numbers_only_and_says_a_bound_was_left_out(
    client, hanoi_with_a_bound, viewer_01
):
    client.force_login(viewer_01)
    html = client.get(reverse("reports:progress", args=["hn-2024", 2024])).content.decode()
    assert LEFT_OUT in html
    report = progress_report(plan=hanoi_with_a_bound, year=2024, user=viewer_01)
    city = next(r for r in report.focus_rows if r.indicator.code == "enrol_total")
    # 5.000, not 9.000: "more than 4.000" is no number to add.
    assert (city.aggregate.value, city.aggregate.covered) == (D(5000), 1)
    assert ">5.000<" in html.replace(" ", "")


def test_the_dashboard_tile_says_a_bound_was_left_out(client, hanoi_with_a_bound, viewer_01):
    client.force_login(viewer_01)
    url = reverse("reports:dashboard") + "?plan=hn-2024&year=2024"
    html = client.get(url).content.decode()
    assert LEFT_OUT in html


def test_the_allocation_shows_the_units_bound_and_verdict_and_leaves_it_out_of_the_sum(
    client, hanoi_with_a_bound, viewer_01
):
    client.force_login(viewer_01)
    url = reverse("reports:allocation", args=["hn-2024", 2024, "graduates_attracted"])
    html = client.get(url).content.decode()
    assert "1.600" in html  # Ba Đình 700 + Đống Đa 900; Hoàng Mai's ">400" is no number
    assert "1 đơn vị ghi dạng ngưỡng (&gt;400), không cộng vào tổng" in html
    assert "“&gt;400”" in html  # Hoàng Mai's own row

    report = progress_report(plan=hanoi_with_a_bound, year=2024, user=viewer_01)
    rows = report.quota_rows("graduates_attracted")
    hoang_mai = next(r for r in rows if r.unit.code == "008")
    assert hoang_mai.assessment.status == "met"  # more than 400 meets at least 365
    header, table = units_table(unit_bars(rows))
    assert next(line for line in table if line[0] == "008")[3] == ">400"
    allocation = allocation_of(report, report.indicators["graduates_attracted"])
    assert allocation.coverage == (
        "2/30 đơn vị được giao chỉ tiêu đã nộp · "
        "1 đơn vị ghi dạng ngưỡng (>400), không cộng vào tổng"
    )


def test_an_official_sheets_total_leaves_out_a_unit_given_as_a_bound(db):
    """A total row that differs from the units' numbers says how many were bounds."""
    data = xlsx_bytes([
        ["BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU GIÁO DỤC NGHỀ NGHIỆP"],
        ["STT", "Đơn vị", "Thu hút học sinh tốt nghiệp THCS, THPT (người)"],
        [None, None, "Thực hiện năm 2024"],
        [1, "Quận Ba Đình", 700],
        [2, "Q. Đống Đa", ">900"],
        ["Tổng cộng", None, "1.650"],
    ], merged=("A2:A3", "B2:B3", "A6:B6"))
    with translation.override("vi"):
        result = run(data, root=unit_by_code("01"))
    problems = "\n".join(str(p) for p in result.sorted_problems())
    assert result.errors == 0, problems
    assert (
        "dòng tổng ghi 1.650, cộng các đơn vị ở trên được 700 (chênh lệch 950). "
        "(1 đơn vị ghi dạng ngưỡng, không được cộng.)"
    ) in problems
    assert Actual.objects.get(unit__code="006", period="2024").printed == ">900"


# --- DHIS2 dataValueSets ------------------------------------------------------------------------


def post_values(client, key, values):
    body = {"dataSet": "hn-2024", "dataValues": values}
    return client.post("/api/dataValueSets", json.dumps(body),
                       content_type="application/json", headers=bearer(key))


def test_a_data_value_set_takes_a_bound_through_the_same_door(client, reporter_001):
    hanoi_2024_two_districts()
    key = token_make(reporter_001, name="phần mềm quận")
    bound = {"dataElement": "trained_rate", "period": "2024", "orgUnit": "001",
             "value": ">74.2"}
    summary = post_values(client, key, [bound]).json()
    assert (summary["status"], summary["importCount"]["imported"]) == ("SUCCESS", 1)
    actual = stored(unit_by_code("001"), "trained_rate")
    assert (actual.value, actual.printed, actual.version) == (None, ">74.2", 1)
    again = post_values(client, key, [bound]).json()
    assert again["importCount"]["ignored"] == 1

    refused = post_values(client, key, [{**bound, "dataElement": "enrol_total",
                                         "value": "<0"}])
    assert refused.status_code == 409
    assert refused.json()["conflicts"][0]["errorCode"] == "E7619"
    assert not Actual.objects.filter(indicator__code="enrol_total").exists()


def test_a_token_of_another_unit_cannot_send_a_bound(client, reporter_001):
    hanoi_2024_two_districts()
    key = token_make(reporter_001)
    response = post_values(client, key, [{"dataElement": "graduates_attracted",
                                          "period": "2024", "orgUnit": "006",
                                          "value": ">1.000"}])
    assert response.status_code == 409
    assert response.json()["conflicts"][0]["errorCode"] == "E7612"
    assert not Actual.objects.exists()
