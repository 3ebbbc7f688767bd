"""Ba Đình's reporter imports a CSV file in Chromium: preview, confirm, values on the entry
page; a file with an error is refused and its error file downloaded."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from districts.models import Membership, Role, Unit
from districts.services import units_load
from reports.models import Actual, ImportBatch
from tests.factories import LONG_VI, csv_bytes, hanoi_2024_two_districts

PASSWORD = "x-test-pass-1"
IMPORT_PATH = "/reports/imports/"


@pytest.fixture
def ba_dinh_2024(transactional_db) -> Unit:
    """Hà Nội's units, its 2024 plan with Ba Đình's targets, and Ba Đình's reporter."""
    units_load(provinces={"01"})
    hanoi_2024_two_districts()
    ba_dinh = Unit.objects.get(code="001", level=Unit.Level.DISTRICT)
    user = get_user_model().objects.create(username="bd-reporter")
    user.set_password(PASSWORD)
    user.save()
    Membership.objects.create(user=user, unit=ba_dinh, role=Role.REPORTER)
    return ba_dinh


def upload(page, live_server, rows: list[list[str]], name: str) -> None:
    page.goto(live_server.url + IMPORT_PATH)
    page.set_input_files(
        'input[name="file"]',
        files=[{"name": name, "mimeType": "text/csv",
                "buffer": csv_bytes(rows, delimiter=";", bom=True)}],
    )
    page.locator("#import-form button[type=submit]").click()
    expect(page.locator("#import-summary")).to_be_visible()


def test_a_reporter_imports_a_file_and_finds_the_values_on_the_entry_page(
    page, live_server, login, ba_dinh_2024
):
    login("bd-reporter", PASSWORD)
    upload(page, live_server, [LONG_VI,
                               ["1", "graduates_attracted", "2024", "650"],
                               ["001", "enrol_total", "2024", "820"]], "ba-dinh-2024.csv")
    # `1` is Ba Đình or its ward Phúc Xá: the preview says so and offers no confirmation.
    expect(page.locator("#count-errors")).to_contain_text("1")
    expect(page.locator("#import-problems")).to_contain_text("00001 Phường Phúc Xá")
    expect(page.locator("#confirm-form")).to_have_count(0)

    upload(page, live_server, [LONG_VI,
                               ["001", "graduates_attracted", "2024", "650"],
                               ["001", "enrol_total", "2024", "820"]], "ba-dinh-2024.csv")
    expect(page.locator("#count-created")).to_have_text("2")
    expect(page.locator("#import-lines")).to_contain_text("Quận Ba Đình")
    assert Actual.objects.count() == 0  # the preview wrote nothing
    page.locator("#confirm-form button[type=submit]").click()
    expect(page.locator(".message.success")).to_contain_text("ba-dinh-2024.csv")
    assert ImportBatch.objects.get().created == 2

    page.goto(f"{live_server.url}/reports/entry/{ba_dinh_2024.pk}/2024/")
    expect(page.locator('input[name="graduates_attracted-value"]')).to_have_value("650")
    expect(page.locator('input[name="enrol_total-value"]')).to_have_value("820")
    assert page.console_errors == []


def test_a_file_with_errors_is_refused_and_its_error_file_downloaded(
    page, live_server, login, ba_dinh_2024
):
    login("bd-reporter", PASSWORD)
    upload(page, live_server, [LONG_VI,
                               ["001", "graduates_attracted", "2024", "650"],
                               ["006", "graduates_attracted", "2024", "1050"]], "bao-cao.csv")
    expect(page.locator("#rejected")).to_be_visible()
    expect(page.locator("#import-problems")).to_contain_text("Quận Đống Đa")

    with page.expect_download() as info:
        page.locator("#error-file").click()
    download = info.value
    assert download.suggested_filename == "bao-cao-loi.csv"
    lines = Path(download.path()).read_bytes().decode("utf-8-sig").splitlines()
    assert lines[0] == "ma_don_vi;ma_chi_tieu;ky_bao_cao;gia_tri;loi"
    assert lines[1] == "001;graduates_attracted;2024;650;"
    assert lines[2].startswith("006;graduates_attracted;2024;1050;ma_don_vi: ")
    assert Actual.objects.count() == 0
    assert page.console_errors == []
