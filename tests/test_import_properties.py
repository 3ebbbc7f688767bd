"""Whatever the file holds, the importer answers with messages on lines, never a crash, and
never writes part of a file."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from districts.scope import SYSTEM, Actor
from reports.imports.importer import report_file_import
from reports.models import Actual
from reports.periods import Period
from tests.factories import LONG_EN, LONG_VI, xlsx_bytes

pytestmark = pytest.mark.django_db

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def check(data: bytes, user: Actor = SYSTEM, *, name: str = "random.csv", period=None) -> None:
    before = Actual.objects.count()
    result = report_file_import(
        stream=io.BytesIO(data), file_name=name, actor=user, period=period, preview_limit=50
    )
    after = Actual.objects.count()
    for problem in result.problems:
        assert problem.line >= 1 and problem.message
    if result.errors:
        assert after == before, "a file with errors wrote something"
        assert not result.written
    else:
        assert after == before + result.created


@SETTINGS
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes(data):
    check(data)


_cells = {
    "unit": st.sampled_from(["001", "1", "6", "00004", "4", "Ba Đình", "ba dinh", "Phường Minh Đức",
                             "Quận Đống Đa", "999", "", "01", "x"]),
    "indicator": st.sampled_from(["enrol_total", "enrol_college", "trained_rate", "certified_rate",
                                  "graduates_attracted", "ENROL_TOTAL", "nope", ""]),
    "period": st.sampled_from(["2024", "2024S1", "2026", "2023", "2024Q5", "", "1999", "năm"]),
    "number": st.one_of(
        st.sampled_from(["1.400", "1,400", "74,2", "74.2", "-5", "120", "0", "", "1e5",
                         "1.234.567", "99999999999999", "12,5", "nhiều", "50%"]),
        st.integers(min_value=-10, max_value=10**6).map(str),
    ),
}
_row = st.tuples(_cells["unit"], _cells["indicator"], _cells["period"], _cells["number"],
                 _cells["number"], _cells["number"], st.text(max_size=8))


@SETTINGS
@given(
    rows=st.lists(_row, max_size=12),
    headers=st.sampled_from([LONG_VI + ["tu_so", "mau_so", "ghi_chu"],
                             LONG_EN + ["numerator", "denominator", "note"],
                             ["ma_don_vi", "enrol_total", "trained_rate", "ky_bao_cao"]]),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_arbitrary_cells_of_real_looking_files(rows, headers, delimiter):
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter).writerows([headers, *map(list, rows)])
    check(text.getvalue().encode("utf-8"))


# Text a workbook can hold (no control characters).
_sheet_text = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=6)
_sheet_row = st.tuples(_cells["unit"], _cells["indicator"], _cells["period"], _cells["number"],
                       _cells["number"], _cells["number"], _sheet_text)


@SETTINGS
@given(rows=st.lists(_sheet_row, max_size=6), extra=st.lists(_sheet_text, max_size=3))
def test_arbitrary_workbooks_and_headers(rows, extra):
    data = xlsx_bytes([[*LONG_VI, "tu_so", "mau_so", "ghi_chu", *extra], *map(list, rows)])
    check(data, name="random.xlsx")


def test_a_reporter_with_arbitrary_cells_writes_only_their_own_units(reporter_001):
    reporter = reporter_001

    @SETTINGS
    @given(rows=st.lists(_row, min_size=1, max_size=8))
    def inner(rows):
        text = io.StringIO()
        csv.writer(text).writerows([LONG_VI + ["tu_so", "mau_so", "ghi_chu"], *map(list, rows)])
        check(text.getvalue().encode(), reporter)
        assert not Actual.objects.exclude(unit__path__startswith="01/001").exists()

    inner()


# --- official sheets: arbitrary header shapes ------------------------------------------------

_label = st.one_of(
    st.sampled_from([
        "TT", "STT", "Đơn vị", "Chỉ tiêu", "Tuyển sinh giáo dục nghề nghiệp\n(người)", "Tổng",
        "Trình độ cao đẳng", "Cao dang", "Sơ cấp, ngắn hạn và khác", "Kế hoạch năm 2024",
        "Thực hiện năm 2024", "Thực hiện năm 2023", "TH", "KH", "Tỷ lệ % so với KH",
        "Tỷ lệ lao động qua đào tạo (%)", "So sánh", "Ghi chú", "Mã đơn vị", "năm 2024", "",
        "Nam", "1", "A", "Người",
    ]),
    _sheet_text,
)
_group = st.sampled_from([
    "Tuyển sinh giáo dục nghề nghiệp (người)", "Tỷ lệ lao động qua đào tạo (%)",
    "Tuyển sinh GDNN", "Thu hút học sinh tốt nghiệp THCS, THPT", "Năm 2024", "Nam",
])
_sub_label = st.sampled_from([
    "Tổng", "Trình độ cao đẳng", "Trung cấp", "Kế hoạch năm 2024", "Thực hiện năm 2024",
    "Thực hiện năm 2023", "Tỷ lệ % so với KH", "KH", "TH", "Ước thực hiện", "", "Nữ",
    "Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ",
])
_official_cell = st.one_of(
    _cells["unit"], _cells["number"],
    st.sampled_from(["Tổng", "Tổng cộng", "Toàn thị xã", "Cộng", "I", "II", "Trong đó:",
                     "P. Dị Sử", "TX Mỹ Hào", "Khoái Châu", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN",
                     "Mỹ Hào, ngày 15 tháng 12 năm 2024", "A", "B", "3=2/1"]),
    st.integers(min_value=-5, max_value=10**5),
    st.none(),
)
_width = 6


@st.composite
def official_sheets(draw) -> tuple[list[list[object]], tuple[str, ...]]:
    """A title, a header of one to three rows of labels (maybe column numbers under it),
    rows of cells, and merged ranges over any of the header's cells."""
    title = draw(st.lists(st.lists(_sheet_text, max_size=2), max_size=3))
    shaped = st.tuples(
        st.sampled_from(["TT", "STT", None]), st.sampled_from(["Đơn vị", "Chỉ tiêu", "Tên xã"]),
        _group, _group, st.lists(_sub_label, min_size=4, max_size=4),
    ).map(lambda t: [[t[0], t[1], t[2], None, t[3], None], [None, None, *t[4]]])
    header = draw(st.one_of(
        shaped,
        st.lists(st.lists(_label, min_size=1, max_size=_width), min_size=1, max_size=3),
    ))
    numbers = [["A", "B", *range(1, _width - 1)]] if draw(st.booleans()) else []
    body = draw(st.lists(st.lists(_official_cell, max_size=_width), max_size=6))
    rows = [*title, *header, *numbers, *body]
    merges: list[str] = []
    top = len(title) + 1
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        line = draw(st.integers(min_value=top, max_value=top + len(header) - 1))
        first = draw(st.integers(min_value=0, max_value=_width - 2))
        right = draw(st.integers(min_value=first, max_value=_width - 1))
        down = draw(st.integers(min_value=line, max_value=top + len(header) - 1))
        if (right, down) != (first, line):
            merges.append(f"{'ABCDEF'[first]}{line}:{'ABCDEF'[right]}{down}")
    return rows, tuple(merges)


def _merges_overlap(merges: tuple[str, ...]) -> bool:
    from openpyxl.utils.cell import range_boundaries

    boxes = [range_boundaries(m) for m in merges]
    for i, (a1, b1, c1, d1) in enumerate(boxes):
        for a2, b2, c2, d2 in boxes[i + 1:]:
            if a1 <= c2 and a2 <= c1 and b1 <= d2 and b2 <= d1:
                return True
    return False


@SETTINGS
@given(sheet=official_sheets(), as_csv=st.booleans(), period=st.sampled_from([None, "2024"]))
def test_arbitrary_official_header_shapes(sheet, as_csv, period):
    rows, merges = sheet
    if as_csv:
        text = io.StringIO()
        csv.writer(text, delimiter=";").writerows(
            [["" if c is None else c for c in row] for row in rows]
        )
        data, name = text.getvalue().encode("utf-8-sig"), "official.csv"
    else:
        data = xlsx_bytes(rows, merged=() if _merges_overlap(merges) else merges)
        name = "official.xlsx"
    check(data, name=name, period=Period.parse(period) if period else None)
