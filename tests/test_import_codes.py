"""Unit codes as files and the command write them: an exact code wins over one that lost
its zeros, a province-width code read as a commune is said, and a unit outside the
subtree an import is limited to is named as such."""
from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import translation

from districts.scope import SYSTEM
from reports.imports.importer import report_file_import
from reports.models import Actual
from tests.factories import LONG_VI, csv_bytes, unit_by_code

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def run(rows, actor=SYSTEM, **options):
    data = csv_bytes([LONG_VI, *rows])
    return report_file_import(stream=io.BytesIO(data), file_name="bao-cao.csv", actor=actor,
                              **options)


def messages(result) -> str:
    return "\n".join(str(p) for p in result.sorted_problems())


def test_the_command_takes_328_as_thi_xa_my_hao_not_phuong_linh_nam(tmp_path):
    # 328 is Thị xã Mỹ Hào (Hưng Yên); 00328 Phường Lĩnh Nam (Hà Nội) only without zeros.
    path = tmp_path / "my-hao.csv"
    path.write_bytes(csv_bytes([LONG_VI, ["12127", "enrol_total", "2024", "80"]]))
    out = io.StringIO()
    call_command("import_reports", str(path), "--period", "2024", "--unit", "328", stdout=out)
    assert out.getvalue().splitlines()[-1].startswith("created=1 ")
    assert Actual.objects.get().unit == unit_by_code("12127")


def test_a_file_code_that_exists_as_written_wins_over_its_zero_padded_reading():
    result = run([["328", "enrol_total", "2024", "2.750"]])
    assert result.ok, messages(result)
    assert Actual.objects.get().unit == unit_by_code("328")


def test_31_in_a_ba_dinh_file_is_read_as_phuong_giang_vo_with_a_warning(make_user):
    reporter = make_user("reporter", "001")
    result = run([["31", "enrol_total", "2024", "120"]], reporter)
    assert result.errors == 0 and result.warnings == 1
    message = messages(result)
    assert "00031 Phường Giảng Võ" in message and "31 Thành phố Hải Phòng" in message
    assert "Write 00031" in message


def test_a_code_written_with_its_zeros_has_no_warning(make_user):
    result = run([["00031", "enrol_total", "2024", "120"]], make_user("reporter", "001"))
    assert result.ok and result.warnings == 0, messages(result)


def test_a_unit_outside_the_imports_subtree_is_named_as_outside_it():
    # The system operator limits the import to Ba Đình; Đống Đa is outside it.
    result = run([["006", "enrol_total", "2024", "900"]], root=unit_by_code("001"))
    assert result.errors == 1 and not Actual.objects.exists()
    message = messages(result)
    assert "006 Quận Đống Đa" in message
    assert "outside 001 Quận Ba Đình, the units this import is limited to" in message
    assert "you may import for" not in message


def test_a_unit_outside_the_users_scope_is_still_said_so(make_user):
    result = run([["006", "enrol_total", "2024", "900"]], make_user("reporter", "001"))
    assert "not among the units you may import for" in messages(result)
