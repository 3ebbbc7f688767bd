"""Thị xã Mỹ Hào's officer imports an Appendix II–style sheet with one column the reader
does not know, in Chromium: maps it in the preview, checks again, confirms, and finds the
values on the entry page."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from districts.models import Membership, Role, Unit
from districts.services import units_load
from reports.models import ColumnMapping
from tests.factories import plan_make, target_make
from tests.test_import_mapping import FARM, RURAL_VI, appendix_ii_with_farm_column

PASSWORD = "x-test-pass-1"
IMPORT_PATH = "/reports/imports/"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def my_hao_2024(transactional_db):
    """Hưng Yên's units, Mỹ Hào's 2024 plan with the town's targets and Dị Sử's quotas,
    and the town's officer."""
    units_load(provinces={"33"})
    plan = plan_make("mh-2024", issuer="328", title="Kế hoạch GDNN thị xã Mỹ Hào năm 2024")
    for code, value in (("enrol_total", 19480), ("enrol_college", 1300),
                        ("enrol_intermediate", 3500), ("enrol_elementary", 14680),
                        ("trained_rate", "80"), ("certified_rate", "30"),
                        ("rural_trainees", 2000)):
        target_make(plan, code, value)
    for code, value in (("enrol_total", 1400), ("rural_trainees", 130)):
        target_make(plan, code, value, unit="12121")
    user = get_user_model().objects.create(username="mh-officer")
    user.set_password(PASSWORD)
    user.save()
    town = Unit.objects.get(code="328", level=Unit.Level.DISTRICT)
    Membership.objects.create(user=user, unit=town, role=Role.OFFICER)
    return plan


def test_an_officer_maps_an_unknown_column_confirms_and_finds_its_values_on_the_entry_page(
    page, live_server, login, my_hao_2024
):
    login("mh-officer", PASSWORD)
    page.goto(live_server.url + IMPORT_PATH)
    page.set_input_files('input[name="file"]', files=[{
        "name": "phu-luc-ii-my-hao.xlsx", "mimeType": XLSX,
        "buffer": appendix_ii_with_farm_column(),
    }])
    page.locator('select[name="plan"]').select_option(str(my_hao_2024.pk))
    page.locator("#import-form button[type=submit]").click()

    # The column is named as unknown, and nothing can be confirmed yet.
    expect(page.locator("#import-problems")).to_contain_text(FARM)
    expect(page.locator("#confirm-form")).to_have_count(0)
    choice = page.locator("#column-map-form select")
    expect(choice).to_have_count(1)
    choice.select_option(label=RURAL_VI)
    page.locator("#recheck").click()

    expect(page.locator("#count-errors")).to_have_text("0")
    expect(page.locator("#count-created")).to_have_text("91")
    expect(page.locator("#how-read")).to_contain_text(f"{RURAL_VI}: kết quả thực hiện năm 2024")
    expect(page.locator("#column-map-form select")).to_have_value("rural_trainees")
    page.locator("#confirm-form button[type=submit]").click()
    expect(page.locator(".message.success")).to_contain_text("phu-luc-ii-my-hao.xlsx")
    assert ColumnMapping.objects.get().indicator.code == "rural_trainees"

    di_su = Unit.objects.get(code="12121", valid_until__isnull=False)
    page.goto(f"{live_server.url}/reports/entry/{di_su.pk}/2024/")
    expect(page.locator('input[name="rural_trainees-value"]')).to_have_value("130")
    expect(page.locator('input[name="enrol_total-value"]')).to_have_value("1.400")
    assert page.console_errors == []
