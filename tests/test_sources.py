"""The history in the reader's words: sources stored as codes, people named one way, times
written "11:33 ngày 02/12/2026"."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import formats, translation

from districts import sources
from districts.formatting import person_name
from districts.sources import describe
from reports.models import Actual
from reports.services import SOURCE_ENTRY, actuals_save
from tests.factories import hanoi_2024_header, quotas_make, row, speaking

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("stored", "vietnamese", "english"),
    [
        ("entry", "Trang nhập liệu", "Entry page"),
        ("review", "Xét duyệt", "Review"),
        ("admin", "Trang quản trị", "Admin"),
        ("demo", "Dữ liệu mẫu", "Demo data"),
        ("import:12:bao-cao.csv", "Nhập tệp bao-cao.csv (#12)", "Import of bao-cao.csv (#12)"),
        ("grid:2024", "Bảng chỉ tiêu năm 2024", "Target grid 2024"),
        ("copy:2023", "Sao chép chỉ tiêu giao từ năm 2023", "Quotas copied from 2023"),
        ("split:2025:actuals", "Chia chỉ tiêu năm 2025 theo kết quả thực hiện năm 2024",
         "Split of the 2025 target by the actuals of 2024"),
        ("plan-superseded:hn-2025", "Được thay thế bởi hn-2025", "Superseded by hn-2025"),
        ("api:Cổng dữ liệu tỉnh", "API (Cổng dữ liệu tỉnh)", "API (Cổng dữ liệu tỉnh)"),
    ],
)
def test_a_stored_source_reads_in_the_readers_language(stored, vietnamese, english):
    with translation.override("vi"):
        assert describe(stored) == vietnamese
    with translation.override("en"):
        assert describe(stored) == english


def test_free_text_after_the_code_keeps_its_colons():
    # An amendment's reason is the officer's own sentence, colons and all.
    stored = sources.code(sources.AMENDMENT, "15/KH-UBND", "Điều chỉnh: bổ sung 2 xã")
    with translation.override("vi"):
        assert describe(stored) == "Điều chỉnh 15/KH-UBND: Điều chỉnh: bổ sung 2 xã"


def test_records_written_before_codes_still_read_in_words():
    with translation.override("vi"):
        assert describe("entry page") == "Trang nhập liệu"
        assert describe("demo loader") == "Dữ liệu mẫu"
        assert describe("import ba-dinh.csv (#7)") == "Nhập tệp ba-dinh.csv (#7)"
        assert describe("import ba-dinh.csv (#7) by the system operator") == (
            "Nhập tệp ba-dinh.csv (#7) do quản trị hệ thống chạy"
        )
        # Anything else is someone's own words: shown as written.
        assert describe("Sửa theo Công văn 123/SLĐTBXH") == "Sửa theo Công văn 123/SLĐTBXH"
        assert describe(None) == ""


def test_a_long_file_name_is_cut_to_the_history_column_keeping_the_code():
    stored = sources.code(sources.IMPORT, 4821, "bao-cao-" + "rat-dai-" * 20 + ".xlsx")
    assert len(stored) == sources.REASON_MAX
    assert stored.startswith("import:4821:bao-cao-") and stored.endswith("…")
    with translation.override("vi"):
        assert describe(stored).startswith("Nhập tệp bao-cao-rat-dai-")


def test_a_person_is_named_family_name_first_and_by_login_only_without_a_name(make_user):
    ha = make_user("officer", "01", username="hanoi.officer", first_name="Hà",
                   last_name="Nguyễn Thu")
    assert person_name(ha) == "Nguyễn Thu Hà"
    assert person_name(make_user(username="kiemtra")) == "kiemtra"
    assert person_name(None) == ""


def test_times_read_hour_then_day_in_vietnamese():
    moment = datetime.datetime(2026, 12, 2, 11, 33)
    with translation.override("vi"):
        assert formats.date_format(moment, "SHORT_DATETIME_FORMAT") == "11:33 ngày 02/12/2026"
    with translation.override("en"):
        assert formats.date_format(moment, "SHORT_DATETIME_FORMAT") == "02/12/2026 11:33"


@pytest.fixture
def saved_by_lan(make_user, ba_dinh):
    """Ba Đình's 2024 college enrolment typed on the entry page by Trần Thị Lan."""
    plan = hanoi_2024_header()
    quotas_make(plan=plan, unit=ba_dinh)
    lan = make_user("reporter", "001", username="bd.lan", first_name="Lan",
                    last_name="Trần Thị")
    actuals_save(unit=ba_dinh, period="2024", actor=lan, source=SOURCE_ENTRY,
                 rows={"enrol_college": row("1.400")})
    return Actual.objects.get(unit=ba_dinh, period="2024", indicator__code="enrol_college")


def test_a_values_history_page_names_the_page_and_the_person(client, saved_by_lan, viewer_01):
    url = reverse("reports:actual_history", args=[saved_by_lan.pk])
    client.force_login(viewer_01)
    html = client.get(url).content.decode()
    assert "Trang nhập liệu" in html and "entry page" not in html
    assert "Trần Thị Lan" in html and "bd.lan" not in html
    html = speaking(client, "en").get(url).content.decode()
    assert "Entry page" in html


def test_another_units_value_history_stays_out_of_sight(client, saved_by_lan, make_user):
    client.force_login(make_user("viewer", "31"))  # Hải Phòng
    assert client.get(reverse("reports:actual_history", args=[saved_by_lan.pk])).status_code in {
        403, 404,
    }
    client.logout()
    response = client.get(reverse("reports:actual_history", args=[saved_by_lan.pk]))
    assert response.status_code == 302 and "/login" in response["Location"]
