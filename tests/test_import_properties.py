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
