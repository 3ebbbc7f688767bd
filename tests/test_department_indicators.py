"""Indicators a department defines: who may add, see, change, retire and delete them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from districts.scope import SYSTEM
from targets.indicators import (
    IndicatorInput,
    indicator_create,
    indicator_delete,
    indicator_retire,
    indicator_update,
)
from targets.models import Indicator
from targets.selectors import indicators_for_unit, indicators_for_user
from tests.factories import actual_make, indicator, plan_make, target_make, unit_by_code
from tests.factories_indicators import department_indicator

pytestmark = pytest.mark.django_db

NEW = "/indicators/new/"


def _form(**overrides) -> dict:
    data = {
        "code": "hp_key_occupations_asean4",
        "name_vi": "Nghề trọng điểm có năng lực cạnh tranh vượt trội trong các nước ASEAN-4",
        "name_en": "Key occupations outstanding among the ASEAN-4",
        "unit": "nghề",
        "kind": "count",
        "direction": "higher",
        "tolerance": "",
        "component_of": "",
        "part_of": "key_occupations",
        "description_vi": "",
        "description_en": "",
        "aliases": "Nghề trọng điểm ASEAN-4",
    }
    data.update(overrides)
    return data


# --- the service -----------------------------------------------------------------------------


def test_an_officer_of_a_province_creates_one_owned_by_it(officer_31):
    haiphong = unit_by_code("31")
    made = indicator_create(
        actor=officer_31, owner=haiphong, code="hp_high_quality_colleges",
        data=IndicatorInput(name_vi="Trường cao đẳng đạt chất lượng cao",
                            name_en="High-quality colleges", unit="trường", kind="count",
                            part_of=indicator("high_quality_schools")),
    )
    assert made.owner == haiphong and not made.shipped
    assert made.part_of.code == "high_quality_schools"
    record = made.history.get()
    assert record.history_user == officer_31


def test_an_officer_of_another_province_or_a_district_may_not(officer_01, make_user):
    data = IndicatorInput(name_vi="X", name_en="X", unit="trường", kind="count")
    with pytest.raises(PermissionDenied):
        indicator_create(actor=officer_01, owner=unit_by_code("31"), code="hp_x", data=data)
    district_officer = make_user("officer", "001")
    with pytest.raises(PermissionDenied):
        indicator_create(actor=district_officer, owner=unit_by_code("001"), code="bd_x",
                         data=data)
    with pytest.raises(PermissionDenied):  # only a superuser defines for the whole country
        indicator_create(actor=officer_01, owner=None, code="vn_x", data=data)


@pytest.mark.parametrize(
    ("code", "message"),
    [("enrol_total", "danh mục có sẵn"), ("Trường", "chữ thường"), ("ab", "3 đến 60")],
)
def test_a_code_is_checked_with_a_vietnamese_message(code, message):
    data = IndicatorInput(name_vi="X", name_en="X", unit="trường", kind="count")
    with pytest.raises(ValidationError) as caught:
        indicator_create(actor=SYSTEM, owner=unit_by_code("31"), code=code, data=data)
    assert message in " ".join(caught.value.messages)
    assert not Indicator.objects.filter(shipped=False).exists()


def test_a_code_is_unique():
    department_indicator()
    with pytest.raises(ValidationError, match="đã được dùng"):
        department_indicator(name_vi="Khác", name_en="Other")


def test_a_name_or_printed_name_of_another_indicator_is_refused():
    with pytest.raises(ValidationError, match="enrol_total"):
        department_indicator(aliases="Tổng tuyển sinh")


def test_it_links_only_to_the_catalogue_or_its_own_province():
    hanoi_own = department_indicator("hn_own", owner="01", name_vi="Của Hà Nội",
                                     name_en="Hà Nội's")
    with pytest.raises(ValidationError, match="của chính đơn vị mình"):
        department_indicator(part_of=hanoi_own)


def test_a_component_has_the_kind_of_its_total():
    with pytest.raises(ValidationError, match="cùng loại"):
        department_indicator(component_of=indicator("trained_rate"))


def test_the_shipped_catalogue_is_not_editable():
    with pytest.raises(ValidationError, match="danh mục có sẵn"):
        indicator_update(actor=SYSTEM, indicator=indicator("enrol_total"),
                         data=IndicatorInput(name_vi="X", name_en="X", unit="x", kind="count"))
    with pytest.raises(ValidationError, match="danh mục có sẵn"):
        indicator_delete(actor=SYSTEM, indicator=indicator("institutions"))


def test_one_in_use_is_not_deleted_but_retired():
    colleges = department_indicator()
    plan = plan_make("hp-2021-2030", issuer="31", first_year=2021, last_year=2030)
    target_make(plan, colleges.code, 1, year=2025, wording="01")
    with pytest.raises(ValidationError, match="chỉ có thể ngừng dùng"):
        indicator_delete(actor=SYSTEM, indicator=colleges)
    assert Indicator.objects.filter(code=colleges.code).exists()
    indicator_retire(actor=SYSTEM, indicator=colleges)
    colleges.refresh_from_db()
    assert colleges.retired
    assert colleges.targets.count() == 1  # still shown where used


def test_one_with_actuals_keeps_its_kind():
    colleges = department_indicator()
    actual_make(colleges.code, "31", "2024", 1)
    with pytest.raises(ValidationError, match="không đổi được loại"):
        indicator_update(actor=SYSTEM, indicator=colleges, data=IndicatorInput(
            name_vi=colleges.name_vi, name_en=colleges.name_en, unit="trường", kind="level"))


def test_one_nothing_uses_is_deleted():
    colleges = department_indicator()
    indicator_delete(actor=SYSTEM, indicator=colleges)
    assert not Indicator.objects.filter(code="hp_high_quality_colleges").exists()


def test_it_is_seen_only_within_the_province(officer_31, officer_01, reporter_001, make_user):
    colleges = department_indicator()
    haiphong_ward_reporter = make_user("reporter", "31")
    assert colleges in indicators_for_user(officer_31)
    assert colleges in indicators_for_user(haiphong_ward_reporter)
    assert colleges not in indicators_for_user(officer_01)
    assert colleges not in indicators_for_user(reporter_001)
    assert colleges in indicators_for_unit(unit_by_code("31"))
    assert colleges not in indicators_for_unit(unit_by_code("001"))
    assert indicators_for_user(officer_01).filter(code="enrol_total").exists()


# --- the pages -------------------------------------------------------------------------------


def test_the_officer_creates_one_on_the_page(client, officer_31):
    client.force_login(officer_31)
    page = client.get(NEW)
    assert page.status_code == 200
    assert "Thành phố Hải Phòng" in page.content.decode()
    response = client.post(NEW, _form(owner=unit_by_code("31").pk))
    assert response.status_code == 302
    made = Indicator.objects.get(code="hp_key_occupations_asean4")
    assert made.owner.code == "31" and made.part_of.code == "key_occupations"
    assert made.printed_names == ["Nghề trọng điểm ASEAN-4"]
    listing = client.get(reverse("targets:catalogue")).content.decode()
    assert "hp_key_occupations_asean4" in listing
    assert "Nghề trọng điểm ASEAN-4" in listing


def test_the_page_says_what_is_wrong_in_vietnamese_and_writes_nothing(client, officer_31):
    client.force_login(officer_31)
    response = client.post(NEW, _form(code="enrol_total", owner=unit_by_code("31").pk))
    assert response.status_code == 200
    assert "là mã của danh mục có sẵn" in response.content.decode()
    assert not Indicator.objects.filter(shipped=False).exists()


def test_an_officer_cannot_choose_another_province_as_owner(client, officer_31):
    client.force_login(officer_31)
    response = client.post(NEW, _form(owner=unit_by_code("01").pk))
    assert response.status_code == 200
    assert not Indicator.objects.filter(code="hp_key_occupations_asean4").exists()


def test_the_new_page_is_for_province_officers(client, viewer_01, reporter_001):
    assert client.get(NEW).status_code == 302  # anonymous: to the login page
    for user in (viewer_01, reporter_001):
        client.force_login(user)
        assert client.get(NEW).status_code == 403


def test_the_edit_page_for_the_owner_another_province_and_anonymous(
    client, officer_31, officer_01, make_user
):
    colleges = department_indicator()
    edit = reverse("targets:indicator_edit", args=[colleges.code])
    assert client.get(edit).status_code == 302
    client.force_login(officer_01)
    assert client.get(edit).status_code == 404  # not seen at all
    assert client.post(edit, _form(name_vi="Đổi")).status_code == 404
    client.force_login(make_user("reporter", "31"))
    assert client.get(edit).status_code == 403  # seen, not theirs to change
    client.force_login(officer_31)
    page = client.get(edit)
    assert page.status_code == 200
    data = _form(name_vi="Trường cao đẳng chất lượng cao", part_of="high_quality_schools",
                 kind="count", unit="trường", aliases="")
    assert client.post(edit, data).status_code == 302
    colleges.refresh_from_db()
    assert colleges.name_vi == "Trường cao đẳng chất lượng cao"
    assert colleges.history.count() == 2


def test_the_shipped_catalogue_has_no_edit_page(client, officer_31):
    client.force_login(officer_31)
    assert client.get(reverse("targets:indicator_edit", args=["enrol_total"])).status_code == 403


def test_retire_and_delete_are_post_only_and_for_the_owner(client, officer_31, officer_01):
    colleges = department_indicator()
    retire = reverse("targets:indicator_retire", args=[colleges.code])
    delete = reverse("targets:indicator_delete", args=[colleges.code])
    client.force_login(officer_01)
    assert client.post(retire).status_code == 404
    assert client.post(delete).status_code == 404
    client.force_login(officer_31)
    assert client.get(retire).status_code == 405
    assert client.post(retire).status_code == 302
    colleges.refresh_from_db()
    assert colleges.retired
    assert client.post(retire, {"retired": "0"}).status_code == 302
    colleges.refresh_from_db()
    assert not colleges.retired
    assert client.post(delete).status_code == 302
    assert not Indicator.objects.filter(code=colleges.code).exists()


def test_the_catalogue_lists_a_province_indicator_only_within_it(client, officer_01, officer_31):
    department_indicator()
    client.force_login(officer_01)
    assert "hp_high_quality_colleges" not in client.get("/indicators/").content.decode()
    client.force_login(officer_31)
    page = client.get("/indicators/").content.decode()
    assert "hp_high_quality_colleges" in page
    assert reverse("targets:indicator_edit", args=["hp_high_quality_colleges"]) in page


def test_a_tolerance_is_typed_the_vietnamese_way(client, make_user):
    officer_33 = make_user("officer", "33")
    client.force_login(officer_33)
    response = client.post(NEW, _form(
        code="hy_institutions_held", owner=unit_by_code("33").pk, unit="cơ sở",
        kind="level", direction="hold", tolerance="0,5", part_of="", aliases="",
        name_vi="Số cơ sở GDNN duy trì", name_en="Institutions kept",
    ))
    assert response.status_code == 302
    assert Indicator.objects.get(code="hy_institutions_held").tolerance == Decimal("0.5")


def test_lower_is_better_is_the_flag_the_status_rules_read():
    dropouts = department_indicator("hp_dropout_rate", name_vi="Tỷ lệ bỏ học",
                                    name_en="Dropout rate", unit="%", kind="rate",
                                    direction=Indicator.Dir.LOWER)
    assert not dropouts.higher_is_better
    held = department_indicator("hp_schools_held", name_vi="Số trường duy trì",
                                name_en="Schools kept", direction=Indicator.Dir.HOLD)
    assert held.holds and held.higher_is_better
