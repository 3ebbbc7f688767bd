"""Files that would exhaust the server are refused whole, in Vietnamese, before the work
they would cost: a workbook that unpacks to a gigabyte, a cell at XFD1048576, a million
lines. Uploads waiting for confirmation are bounded per user and cleaned on a schedule."""

from __future__ import annotations

import io
import os
import stat
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook

from districts.scope import SYSTEM
from reports.imports.importer import ImportResult, report_file_import
from reports.imports.limits import column_letters
from reports.imports.storage import pending_dir, pending_save
from reports.models import Actual, ImportBatch
from tests.factories import LONG_VI, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

IMPORT = reverse("reports:import")


@pytest.fixture(autouse=True)
def upload_dir(tmp_path, settings):
    settings.REPORT_IMPORT_DIR = str(tmp_path / "uploads")


def run(data: bytes, name: str) -> ImportResult:
    return report_file_import(stream=io.BytesIO(data), file_name=name, actor=SYSTEM)


def messages(result: ImportResult) -> str:
    return "\n".join(str(p) for p in result.sorted_problems())


def nothing_written() -> bool:
    return not Actual.objects.exists() and not ImportBatch.objects.exists()


@pytest.fixture(scope="session")
def gigabyte_of_shared_strings() -> bytes:
    """A real report workbook whose shared strings unpack to 1 GB: a few MB on the wire."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([LONG_VI, ["001", "enrol_total", "2024",
                                                              "1200"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as bomb:
        for info in source.infolist():
            if info.filename != "xl/sharedStrings.xml":
                bomb.writestr(info, source.read(info))
        with bomb.open("xl/sharedStrings.xml", "w", force_zip64=True) as strings:
            padding = b" " * (1 << 20)
            for _i in range(1024):
                strings.write(padding)
    return out.getvalue()


def test_a_workbook_that_unpacks_to_a_gigabyte_is_refused_unopened(gigabyte_of_shared_strings):
    assert len(gigabyte_of_shared_strings) < 6 * 1024 * 1024
    result = run(gigabyte_of_shared_strings, "bao-cao.xlsx")
    text = messages(result)
    assert "giải nén ra 1.024 MB, vượt giới hạn 200 MB" in text
    assert result.errors and nothing_written()


def test_a_cell_at_xfd1048576_stops_the_file_at_its_line(settings):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(LONG_VI)
    sheet.append(["001", "enrol_total", "2024", "1200"])
    sheet["XFD1048576"] = "x"
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert len(buffer.getvalue()) < 10_000
    result = run(buffer.getvalue(), "bao-cao.xlsx")
    assert "Tệp còn dài quá dòng 300.000" in messages(result)
    assert nothing_written()


def test_a_cell_far_to_the_right_is_refused_naming_its_column():
    row = ["001", "enrol_total", "2024", "1200"] + [None] * 996 + ["ghi chú lạc"]
    result = run(xlsx_bytes([LONG_VI, row]), "bao-cao.xlsx")
    assert "cột ALM (cột thứ 1.001), vượt quá 500 cột" in messages(result)
    assert nothing_written()
    assert [column_letters(n) for n in (1, 26, 27, 16384)] == ["A", "Z", "AA", "XFD"]


def test_a_million_bad_lines_stop_at_the_limit_not_a_million_messages_later():
    data = ";".join(LONG_VI).encode() + b"\r\n" + b"001;enrol_total;2024;?\r\n" * 1_000_000
    assert len(data) < 40 * 1024 * 1024
    result = run(data, "bao-cao.csv")
    assert "Tệp còn dài quá dòng 300.000" in messages(result) and nothing_written()


def test_the_error_file_repeats_only_the_files_used_columns(client, officer_01, settings):
    # A formatted sheet: the header row runs on with empty cells up to column 400.
    rows = [LONG_VI + [None] * 396, ["001", "enrol_total", "2024", "nhiều"]]
    client.force_login(officer_01)
    response = client.post(IMPORT, {"file": SimpleUploadedFile("bao-cao.xlsx", xlsx_bytes(rows))})
    checksum = response.context["confirm"].initial["checksum"]
    data = client.get(reverse("reports:import_errors", args=[checksum])).content
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.max_column == 5  # the four columns of the file, then the messages
    assert [c.value for c in sheet[2]][:4] == ["001", "enrol_total", "2024", "nhiều"]
    assert "nhiều" in sheet.cell(row=2, column=5).value


def test_an_upload_above_the_size_limit_is_refused_with_both_sizes(client, reporter_001, settings):
    settings.IMPORT_MAX_UPLOAD_MB = 1
    client.force_login(reporter_001)
    big = csv_bytes([LONG_VI] + [["001", "enrol_total", "2024", "1200"]] * 60_000)
    response = client.post(IMPORT, {"file": SimpleUploadedFile("bao-cao.csv", big)})
    errors = " ".join(response.context["form"].errors["file"])
    assert "Tệp nặng 1,5 MB, lớn hơn 1 MB cho phép" in errors
    assert not list(pending_dir().glob("*.upload"))


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"PK\x03\x04 not really a zip", "không phải sổ Excel (.xlsx) đọc được"),
        (b"ma_don_vi;ma_chi_tieu;ky_bao_cao;gia_tri\r\n001;enrol_total;2024;\""
         + b"1" * 200_000 + b"\r\n",
         "dài hơn 131.072 ký tự"),
    ],
)
def test_library_errors_reach_the_user_in_vietnamese(data, words):
    name = "bao-cao.xlsx" if data.startswith(b"PK") else "bao-cao.csv"
    text = messages(run(data, name))
    assert words in text
    assert "zip file" not in text and "field limit" not in text


def _upload(user, number: int):
    content = csv_bytes([LONG_VI, ["001", "enrol_total", "2024", str(1000 + number)]])
    return pending_save(user=user, upload=SimpleUploadedFile(f"bao-cao-{number}.csv", content))


def test_a_user_keeps_five_pending_uploads_the_oldest_going_first(reporter_001, officer_01):
    others = _upload(officer_01, 0)
    saved = []
    for number in range(1, 8):
        saved.append(_upload(reporter_001, number))
        os.utime(saved[-1].path, (time.time() - 100 + number, time.time() - 100 + number))
    kept = sorted(p.name for p in pending_dir().glob(f"{reporter_001.pk}-*.upload"))
    assert kept == sorted(p.path.name for p in saved[2:])
    assert others.path.exists()  # another user's upload is not theirs to push out


def test_pending_files_are_private_to_the_app(reporter_001):
    pending = _upload(reporter_001, 1)
    assert stat.S_IMODE(pending_dir().stat().st_mode) == 0o700
    assert stat.S_IMODE(pending.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(pending.path.with_suffix(".name").stat().st_mode) == 0o600


def test_the_cleanup_command_removes_day_old_uploads(reporter_001):
    old, fresh = _upload(reporter_001, 1), _upload(reporter_001, 2)
    day_ago = time.time() - 25 * 3600
    for path in (old.path, old.path.with_suffix(".name")):
        os.utime(path, (day_ago, day_ago))
    out = io.StringIO()
    call_command("import_cleanup", stdout=out)
    assert out.getvalue().startswith("removed=2 ")
    assert not old.path.exists() and fresh.path.exists()


def test_the_cleanup_command_refuses_a_negative_age_and_removes_nothing(reporter_001):
    pending = _upload(reporter_001, 1)
    with pytest.raises(CommandError, match="--hours cannot be negative"):
        call_command("import_cleanup", "--hours", "-1", stdout=io.StringIO())
    assert pending.path.exists()
