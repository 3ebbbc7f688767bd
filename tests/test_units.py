"""Official units of both eras, loaded from the vietnamadminunits package."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command

from districts.models import Unit
from districts.services import units_load
from districts.text import fold

pytestmark = pytest.mark.django_db

BEFORE = datetime.date(2024, 6, 1)
AFTER = datetime.date(2026, 1, 1)

# Seed 000's Appendix I lists Hà Nội's 30 districts; these are their official codes.
HANOI_DISTRICTS = {
    "001": "Quận Ba Đình",
    "002": "Quận Hoàn Kiếm",
    "003": "Quận Tây Hồ",
    "004": "Quận Long Biên",
    "005": "Quận Cầu Giấy",
    "006": "Quận Đống Đa",
    "007": "Quận Hai Bà Trưng",
    "008": "Quận Hoàng Mai",
    "009": "Quận Thanh Xuân",
    "016": "Huyện Sóc Sơn",
    "017": "Huyện Đông Anh",
    "018": "Huyện Gia Lâm",
    "019": "Quận Nam Từ Liêm",
    "020": "Huyện Thanh Trì",
    "021": "Quận Bắc Từ Liêm",
    "250": "Huyện Mê Linh",
    "268": "Quận Hà Đông",
    "269": "Thị xã Sơn Tây",
    "271": "Huyện Ba Vì",
    "272": "Huyện Phúc Thọ",
    "273": "Huyện Đan Phượng",
    "274": "Huyện Hoài Đức",
    "275": "Huyện Quốc Oai",
    "276": "Huyện Thạch Thất",
    "277": "Huyện Chương Mỹ",
    "278": "Huyện Thanh Oai",
    "279": "Huyện Thường Tín",
    "280": "Huyện Phú Xuyên",
    "281": "Huyện Ứng Hòa",
    "282": "Huyện Mỹ Đức",
}


def test_it_has_hanois_30_districts_before_the_reorganisation(hanoi):
    districts = dict(hanoi.children.valid_on(BEFORE).values_list("code", "name"))
    assert districts == HANOI_DISTRICTS


def test_it_has_hanois_126_communes_after_1_july_2025(hanoi):
    communes = hanoi.children.valid_on(AFTER)
    assert communes.count() == 126
    assert set(communes.values_list("level", flat=True)) == {Unit.Level.COMMUNE}
    assert not hanoi.children.valid_on(AFTER).filter(level=Unit.Level.DISTRICT).exists()


def test_di_su_sits_under_my_hao_town_in_hung_yen():
    di_su = Unit.objects.valid_on(BEFORE).get(code="12121")
    assert di_su.name == "Phường Dị Sử"
    assert (di_su.parent.code, di_su.parent.name) == ("328", "Thị xã Mỹ Hào")
    assert di_su.parent.parent.name == "Tỉnh Hưng Yên"
    assert di_su.valid_until == datetime.date(2025, 6, 30)


def test_my_hao_town_has_the_13_wards_and_communes_of_appendix_ii():
    town = Unit.objects.valid_on(BEFORE).get(code="328", level=Unit.Level.DISTRICT)
    names = set(town.children.values_list("name", flat=True))
    assert len(names) == 13
    assert {"Phường Dị Sử", "Phường Bần Yên Nhân", "Phường Phùng Chí Kiên", "Xã Xuân Dục"} <= names


def test_di_su_is_succeeded_by_the_ward_the_official_mapping_names():
    # The package's old→new mapping puts Dị Sử, Phùng Chí Kiên, Xuân Dục, Ngọc Lâm and
    # Hưng Long together into Phường Đường Hào.
    di_su = Unit.objects.valid_on(BEFORE).get(code="12121")
    successors = list(di_su.successors.values_list("name", flat=True))
    assert successors == ["Phường Đường Hào"]
    assert set(
        Unit.objects.get(name="Phường Đường Hào").predecessors.values_list("code", flat=True)
    ) >= {"12121"}


def test_code_12103_means_different_wards_in_each_era():
    assert Unit.objects.valid_on(datetime.date(2024, 5, 1)).get(code="12103").name == (
        "Phường Bần Yên Nhân"
    )
    assert Unit.objects.valid_on(AFTER).get(code="12103").name == "Phường Mỹ Hào"
    ban_yen_nhan = Unit.objects.valid_on(BEFORE).get(code="12103")
    assert "Phường Mỹ Hào" in ban_yen_nhan.successors.values_list("name", flat=True)


def test_code_00004_is_truc_bach_before_and_ba_dinh_after():
    assert Unit.objects.valid_on(BEFORE).get(code="00004").name == "Phường Trúc Bạch"
    assert Unit.objects.valid_on(AFTER).get(code="00004").name == "Phường Ba Đình"


def test_a_province_that_kept_its_code_and_name_spans_both_eras(hanoi):
    assert hanoi.valid_from is None and hanoi.valid_until is None
    hai_duong = Unit.objects.filter(code="30", level=Unit.Level.PROVINCE)
    assert not hai_duong.exists()  # Hải Dương is not among the test provinces


def test_loading_twice_changes_nothing():
    before = Unit.objects.count()
    result = units_load(provinces={"01", "31", "33"})
    assert (result.created, result.updated, result.successors_added) == (0, 0, 0)
    assert result.unchanged == before
    assert Unit.objects.count() == before


def test_the_command_reports_progress_and_refuses_a_bad_province(capsys):
    call_command("load_units", "--province", "1")  # lost its leading zero: still Hà Nội
    out = capsys.readouterr().out
    assert "commune:" in out and "created=0" in out
    with pytest.raises(Exception, match="2-digit"):
        call_command("load_units", "--province", "abc")


def test_fold_drops_case_and_diacritics():
    assert fold("Quận  Đống Đa") == "quan dong da"
    assert fold("Thị xã Mỹ Hào") == "thi xa my hao"
