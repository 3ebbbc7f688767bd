"""districts.formatting: numbers through Django's localisation, in one place."""

from __future__ import annotations

from decimal import Decimal as D

from django.utils import translation

from districts.formatting import file_number, number, percent, plain, plain_text, vietnamese_number


def test_it_writes_numbers_the_vietnamese_way():
    with translation.override("vi"):
        assert number(D("2750.0000")) == "2.750"
        assert number(D("71.50")) == "71,5"
        assert number(D("71.46"), 1) == "71,5"
        assert percent(D("0.567")) == "56,7 %"


def test_it_follows_the_active_language():
    with translation.override("en"):
        assert number(D("2750")) == "2,750"
        assert number(D("71.5")) == "71.5"


def test_a_plans_wording_is_vietnamese_in_either_language():
    with translation.override("en"):
        assert vietnamese_number(D("1050")) == "1.050"
        assert vietnamese_number(D("86.20")) == "86,2"


def test_files_and_json_get_plain_numbers():
    assert plain(D("62750.0000")) == 62750 and plain(D("74.2000")) == 74.2
    assert plain_text(D("74.2000")) == "74.2"
    assert file_number(D("1.2340")) == "1,2340"
