"""The preview says how a file was read: each column and what it was taken for, and the
rows above the table that were skipped, before anything is written."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reports.models import Actual
from tests.test_import_official import appendix_ii, plan_and_results_sheet

pytestmark = pytest.mark.django_db

IMPORT = reverse("reports:import")


@pytest.fixture(autouse=True)
def upload_dir(tmp_path, settings):
    settings.REPORT_IMPORT_DIR = str(tmp_path / "uploads")


def readings(response) -> dict[str, str]:
    return {c.letter: c.meaning for c in response.context["columns"]}


def test_appendix_ii_shows_each_column_and_the_rows_it_skipped(client, make_user):
    client.force_login(make_user("officer", "328"))  # Thị xã Mỹ Hào
    response = client.post(IMPORT, {"file": SimpleUploadedFile("phu-luc-ii.xlsx",
                                                               appendix_ii())})
    read = readings(response)
    assert read["A"] == "số thứ tự (TT), không phải số liệu"
    assert read["B"] == "đơn vị, theo tên hoặc mã"
    assert read["D"] == "Tuyển sinh trình độ cao đẳng: kết quả thực hiện năm 2024 (được lưu)"
    html = response.content.decode()
    assert "Cách đọc tệp" in html
    assert "dòng 1 (tiêu đề hoặc tên cơ quan)" in html
    assert "dòng 10 (dòng số thứ tự cột (A, B, 1, 2…))" in html
    assert "dòng 11 (dòng tiêu đề mục (I, II, “Trong đó:”))" in html
    assert "dòng 26 (dòng tổng, đã đối chiếu với các đơn vị)" in html
    assert "dòng 28 (dưới bảng (ghi chú, chữ ký))" in html
    assert not Actual.objects.exists()  # a preview writes nothing


def test_plan_figures_and_percentages_are_shown_as_read_but_not_stored(client, officer_01):
    client.force_login(officer_01)
    response = client.post(IMPORT, {"file": SimpleUploadedFile("bao-cao-quan.xlsx",
                                                               plan_and_results_sheet())})
    columns = {c.letter: c for c in response.context["columns"]}
    assert columns["C"].meaning.endswith("số kế hoạch, đối chiếu với chỉ tiêu đã lưu")
    assert columns["D"].meaning.endswith("kết quả thực hiện năm 2024 (được lưu)")
    assert columns["E"].meaning.endswith("tỷ lệ phần trăm so với kế hoạch, bỏ qua "
                                         "(tính lại từ số liệu)")
    assert [c.used for c in columns.values()] == [False, True, False, True, False,
                                                   False, True, False]


def test_the_products_own_long_file_names_its_columns(client, reporter_001):
    client.force_login(reporter_001)
    data = "ma_don_vi;ma_chi_tieu;ky_bao_cao;gia_tri\r\n001;enrol_total;2024;1.400\r\n"
    response = client.post(IMPORT, {"file": SimpleUploadedFile("bao-cao.csv", data.encode())})
    assert readings(response) == {"A": "mã đơn vị", "B": "mã chỉ tiêu", "C": "kỳ báo cáo",
                                  "D": "giá trị"}


def test_anonymous_upload_is_sent_to_log_in(client):
    response = client.post(IMPORT, {"file": SimpleUploadedFile("bao-cao.csv", b"x")})
    assert response.status_code == 302 and "/login" in response["Location"]
