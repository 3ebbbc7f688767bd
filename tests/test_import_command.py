"""`manage.py import_reports`: per-line messages, the summary line, exit status, scope."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from districts.sources import describe
from reports.management.commands.import_reports import Command
from reports.models import Actual, ImportBatch
from tests.factories import LONG_VI, csv_bytes, hanoi_2024_two_districts

pytestmark = pytest.mark.django_db

SUMMARY = "created={} updated={} unchanged={} errors={} warnings={}"


def import_reports(path, *args: str) -> list[str]:
    out = io.StringIO()
    call_command("import_reports", str(path), *args, stdout=out)
    return out.getvalue().splitlines()


def failing(path, *args: str) -> tuple[list[str], CommandError]:
    out = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_reports", str(path), *args, stdout=out)
    return out.getvalue().splitlines(), caught.value


@pytest.fixture
def write(tmp_path):
    def make(rows, name: str = "bao-cao.csv", **options):
        path = tmp_path / name
        path.write_bytes(csv_bytes(rows, **options) if isinstance(rows, list) else rows)
        return path

    return make


def test_it_prints_the_summary_line_last(write):
    path = write([LONG_VI, ["001", "enrol_total", "2024", "1200"],
                  ["006", "enrol_total", "2024", "900"]])
    lines = import_reports(path)
    assert lines[-1] == SUMMARY.format(2, 0, 0, 0, 0)
    assert Actual.objects.count() == 2


def test_a_second_run_leaves_everything_unchanged(write):
    path = write([LONG_VI, ["001", "enrol_total", "2024", "1200"]])
    import_reports(path)
    assert import_reports(path)[-1] == SUMMARY.format(0, 0, 1, 0, 0)


def test_an_error_prints_its_line_and_column_exits_1_and_writes_nothing(write):
    path = write([LONG_VI, ["001", "enrol_total", "2024", "1200"],
                  ["001", "enrol_college", "2024", "nhiều"]])
    lines, error = failing(path)
    assert error.returncode == 1
    assert lines[0].startswith("line 3, column gia_tri: ")
    assert lines[-1] == SUMMARY.format(0, 0, 0, 1, 0)  # rejected whole: nothing done
    assert Actual.objects.count() == 0 and ImportBatch.objects.count() == 0


def test_the_exit_status_is_1_from_the_command_line(write, monkeypatch):
    path = write([LONG_VI, ["999", "enrol_total", "2024", "1"]])
    # run_from_argv closes the connections when done; the test's transaction needs its own.
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)
    with pytest.raises(SystemExit) as caught:
        Command().run_from_argv(["manage.py", "import_reports", str(path)])
    assert caught.value.code == 1


def test_a_dry_run_prints_the_same_and_writes_nothing(write):
    path = write([LONG_VI, ["001", "enrol_total", "2024", "1200"]])
    lines = import_reports(path, "--dry-run")
    assert lines[-1] == SUMMARY.format(1, 0, 0, 0, 0)
    assert Actual.objects.count() == 0


def test_a_dry_run_of_a_file_with_errors_prints_what_the_real_run_prints(write):
    path = write([LONG_VI, ["001", "enrol_total", "2024", "1200"],
                  ["001", "enrol_total", "2024", "1300"]])
    real, _error = failing(path)
    dry, _error = failing(path, "--dry-run")
    assert real == dry
    assert real[-1] == SUMMARY.format(0, 0, 0, 1, 0)


def test_a_wide_file_takes_its_period_from_the_option(write):
    path = write([["ma_don_vi", "enrol_total", "trained_rate"], ["001", "1.200", "74,2"]],
                 delimiter=";")
    assert import_reports(path, "--period", "2024S1")[-1] == SUMMARY.format(2, 0, 0, 0, 0)
    assert set(Actual.objects.values_list("period", flat=True)) == {"2024S1"}


def test_names_are_resolved_within_the_unit_given(write):
    rows = [["ten_don_vi", "ma_chi_tieu", "ky_bao_cao", "gia_tri"],
            ["Phường Minh Đức", "enrol_total", "2024", "80"]]
    path = write(rows)
    lines, _error = failing(path)  # three Phường Minh Đức in the country
    assert "11465" in lines[0] and "11473" in lines[0] and "12127" in lines[0]
    assert import_reports(path, "--unit", "33")[-1] == SUMMARY.format(1, 0, 0, 0, 0)
    assert Actual.objects.get().unit.code == "12127"  # Mỹ Hào's, in Hưng Yên


def test_names_are_resolved_within_the_plans_issuing_unit(write):
    hanoi_2024_two_districts()
    path = write([["ten_don_vi", "ma_chi_tieu", "ky_bao_cao", "gia_tri"],
                  ["Ba Đình", "graduates_attracted", "2024", "650"]])
    assert import_reports(path, "--plan", "hn-2024")[-1] == SUMMARY.format(1, 0, 0, 0, 0)


def test_a_user_imports_with_their_own_scope_and_is_recorded(write, make_user):
    reporter = make_user("reporter", "001", username="badinh")
    path = write([LONG_VI, ["001", "enrol_total", "2024", "10"],
                  ["006", "enrol_total", "2024", "10"]])
    lines, _error = failing(path, "--user", "badinh")
    assert lines[0].startswith("line 3, column ma_don_vi: ")
    path = write([LONG_VI, ["001", "enrol_total", "2024", "10"]])
    import_reports(path, "--user", "badinh")
    assert ImportBatch.objects.get().user == reporter
    assert Actual.history.get().history_user == reporter


def test_a_viewer_or_an_unknown_user_cannot_import(write, make_user):
    make_user("viewer", "001", username="xem")
    path = write([LONG_VI, ["001", "enrol_total", "2024", "10"]])
    with pytest.raises(CommandError, match="may not import"):
        import_reports(path, "--user", "xem")
    with pytest.raises(CommandError, match="no active user"):
        import_reports(path, "--user", "nobody")


def test_without_a_user_it_is_the_system_operator(write):
    path = write([LONG_VI, ["001", "enrol_total", "2024", "10"]])
    import_reports(path)
    assert ImportBatch.objects.get().user is None
    assert describe(Actual.history.get().history_change_reason) == (
        f"Nhập tệp {path.name} (#{ImportBatch.objects.get().pk}) do quản trị hệ thống chạy"
    )


def test_warnings_are_printed_and_accepted(write, make_user):
    path = write([LONG_VI, ["12121", "enrol_total", "2023", "62750"],
                  ["12121", "enrol_college", "2023", "1700"],
                  ["12121", "enrol_intermediate", "2023", "4200"],
                  ["12121", "enrol_elementary", "2023", "56600"]])
    lines = import_reports(path)
    assert lines[0].startswith("line 2, column gia_tri: warning: ")
    assert lines[-1] == SUMMARY.format(4, 0, 0, 0, 1)
    assert Actual.objects.get(indicator__code="enrol_total").value == Decimal(62750)


def test_a_windows_1258_file_through_the_command(write):
    path = write([["ten_don_vi", "ma_chi_tieu", "ky_bao_cao", "gia_tri"],
                  ["Quận Đống Đa", "enrol_total", "2024", "1050"]], encoding="cp1258")
    assert import_reports(path)[-1] == SUMMARY.format(1, 0, 0, 0, 0)


def test_an_ambiguous_unit_option_asks_for_the_period(write):
    path = write([LONG_VI, ["00004", "enrol_total", "2024", "10"]])
    with pytest.raises(CommandError, match="several units"):
        import_reports(path, "--unit", "00004")
    assert import_reports(path, "--unit", "00004", "--period", "2024")[-1] == SUMMARY.format(
        1, 0, 0, 0, 0
    )


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        import_reports(tmp_path / "missing.csv")
