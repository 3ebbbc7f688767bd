"""The indicator catalogue and the five source plans, checked as plain data (no database)."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

import pytest

from plans.demo_sources import (
    DISU_APPENDIX_II_UNITS,
    HANOI_DISTRICTS,
    PLANS,
    RESULTS,
)
from targets.catalogue import INDICATORS
from targets.demo_indicators import DEPARTMENT_INDICATORS

DESIGN_CODES = (
    "enrol_total",
    "enrol_college",
    "enrol_intermediate",
    "enrol_elementary",
    "enrol_support_demobilized",
    "enrol_support_released_prisoners",
    "enrol_support_poor_disabled_sme",
    "trained_rate",
    "certified_rate",
    "employed_after_training_rate",
    "graduates_attracted",
    "graduates_attracted_rate",
    "female_enrol_share",
    "retrained_share",
    "disabled_trained_rate",
    "it_skills_rate",
    "accredited_institutions_share",
    "accredited_programs_share",
    "teachers_standard_share",
    "managers_trained_share",
    "programs_output_standard_share",
    "admin_procedures_on_time_rate",
    "rural_trainees",
    "high_quality_schools",
    "key_occupations",
    "institutions",
)
UNITS_OF_MEASURE = {"người", "lượt người", "%", "cơ sở", "trường", "nghề"}
OPERATORS = {"gte", "gt", "approx", "range", "lte", "lt", "eq"}
PLAN_KINDS = {"annual", "strategy", "remedial", "thematic"}
PLAIN_DECIMAL = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
MONTH_DAY = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")

BY_CODE = {item["code"]: item for item in INDICATORS}
# What a printed target may measure: the catalogue and the departments' own.
MEASURED = BY_CODE | {item["code"]: item for item in DEPARTMENT_INDICATORS}
PLAN_BY_CODE = {plan["code"]: plan for plan in PLANS}
ALL_TARGETS = [(plan["code"], target) for plan in PLANS for target in plan["targets"]]


def targets(plan: str, indicator: str, year: int | None = None, unit: str | None = None):
    return [
        t
        for t in PLAN_BY_CODE[plan]["targets"]
        if t["indicator"] == indicator
        and (year is None or t["year"] == year)
        and (unit is None or t["unit"] == unit)
    ]


def one(plan: str, indicator: str, year: int, unit: str) -> dict:
    (found,) = targets(plan, indicator, year, unit)
    return found


# --- the catalogue ----------------------------------------------------------------------


def test_every_design_code_is_in_the_catalogue_exactly_once():
    counts = Counter(item["code"] for item in INDICATORS)
    assert {code: counts[code] for code in DESIGN_CODES} == dict.fromkeys(DESIGN_CODES, 1)
    assert set(counts) == set(DESIGN_CODES)


def test_catalogue_entries_are_complete():
    for item in INDICATORS:
        assert item["unit"] in UNITS_OF_MEASURE, item["code"]
        assert item["kind"] in {"count", "rate", "level"}, item["code"]
        assert isinstance(item["higher_is_better"], bool)
        for key in ("name_vi", "name_en", "description_vi", "description_en"):
            assert item[key].strip(), (item["code"], key)
        assert (item["unit"] == "%") == (item["kind"] == "rate"), item["code"]


def test_component_and_part_links_refer_to_existing_codes():
    for item in INDICATORS:
        for link in ("component_of", "part_of"):
            target = item[link]
            assert target is None or target in BY_CODE, (item["code"], link, target)
            assert target != item["code"]
            if target is not None:
                assert BY_CODE[target]["unit"] == item["unit"]


def test_the_design_links():
    components = {i["code"] for i in INDICATORS if i["component_of"] == "enrol_total"}
    assert components == {"enrol_college", "enrol_intermediate", "enrol_elementary"}
    parts = {i["code"] for i in INDICATORS if i["part_of"] == "enrol_elementary"}
    assert parts == {
        "enrol_support_demobilized",
        "enrol_support_released_prisoners",
        "enrol_support_poor_disabled_sme",
    }
    assert BY_CODE["certified_rate"]["part_of"] == "trained_rate"


# --- the plans ------------------------------------------------------------------------------


def test_the_five_plan_codes():
    assert [plan["code"] for plan in PLANS] == [
        "hn-2024",
        "hn-2022",
        "hn-rural-2025",
        "hp-2021-2030",
        "disu-2024",
    ]


def test_plan_fields():
    for plan in PLANS:
        assert plan["kind"] in PLAN_KINDS
        assert plan["status"] == "issued"
        assert ISO_DATE.match(plan["as_of"])
        assert plan["issued_on"] is None or plan["issued_on"] == plan["as_of"]
        assert plan["first_year"] <= plan["last_year"]
        assert len(plan["issuer"]) in (2, 3, 5) and plan["issuer"].isdigit()
        assert plan["title"] and plan["title_en"]
        for key in ("units_deadline", "consolidation_deadline"):
            assert plan[key] is None or MONTH_DAY.match(plan[key]), (plan["code"], key)
        if plan["units_deadline"] and plan["consolidation_deadline"]:
            assert plan["units_deadline"] < plan["consolidation_deadline"]
    assert PLAN_BY_CODE["hn-2022"]["number"] == "72/KH-UBND"
    assert PLAN_BY_CODE["hn-2024"]["units_deadline"] == "12-15"
    assert PLAN_BY_CODE["hn-2024"]["consolidation_deadline"] == "12-31"
    assert PLAN_BY_CODE["hn-rural-2025"]["units_deadline"] == "12-05"
    assert PLAN_BY_CODE["hn-rural-2025"]["consolidation_deadline"] == "12-20"
    assert PLAN_BY_CODE["hn-2022"]["units_deadline"] == "12-25"


def test_plan_eras():
    # Codes are reused across the 1 July 2025 reorganisation: the rural plan is in the new
    # era, all others in the old one.
    for plan in PLANS:
        new_era = plan["as_of"] >= "2025-07-01"
        assert new_era == (plan["code"] == "hn-rural-2025"), plan["code"]


def test_every_target_is_well_formed():
    for plan_code, target in ALL_TARGETS:
        plan = PLAN_BY_CODE[plan_code]
        where = (plan_code, target["indicator"], target["unit"], target["year"])
        assert target["indicator"] in MEASURED, where
        assert target["operator"] in OPERATORS, where
        assert PLAIN_DECIMAL.match(target["value"]), where
        assert target["wording"].strip(), where
        assert plan["first_year"] <= target["year"] <= plan["last_year"], where
        assert target["unit"].isdigit() and len(target["unit"]) in (2, 3, 5), where
        if target["operator"] == "range":
            assert PLAIN_DECIMAL.match(target["value_high"]), where
            assert Decimal(target["value"]) < Decimal(target["value_high"]), where
        else:
            assert target["value_high"] is None, where
        if MEASURED[target["indicator"]]["kind"] == "rate":
            assert 0 <= Decimal(target["value"]) <= 100, where
        if MEASURED[target["indicator"]]["kind"] == "count":
            assert Decimal(target["value"]) == Decimal(target["value"]).to_integral_value()


def test_the_seeds_108_printed_targets_per_plan():
    assert {plan["code"]: len(plan["targets"]) for plan in PLANS} == {
        "hn-2024": 36, "hn-2022": 6, "hn-rural-2025": 8, "hp-2021-2030": 32, "disu-2024": 26,
    }


def test_the_departments_indicators_are_their_own_and_linked_to_their_whole():
    by_code = {item["code"]: item for item in DEPARTMENT_INDICATORS}
    assert not set(by_code) & set(BY_CODE)  # never a shipped code
    assert {code: item["owner"] for code, item in by_code.items()} == {
        "hp_high_quality_colleges": "31", "hp_key_occupations_asean4": "31",
        "hp_occupations_developed_level": "31", "hy_institutions_closed": "33",
        "hy_institutions_opened": "33",
    }
    assert by_code["hp_high_quality_colleges"]["part_of"] == "high_quality_schools"
    assert by_code["hp_key_occupations_asean4"]["part_of"] == "key_occupations"
    assert by_code["hy_institutions_closed"]["direction"] == "hold"
    for year, colleges in ((2025, "1"), (2030, "2")):
        assert one("hp-2021-2030", "hp_high_quality_colleges", year, "31")["value"] == colleges
        asean = one("hp-2021-2030", "hp_key_occupations_asean4", year, "31")
        assert (asean["operator"], asean["value"], asean["value_high"]) == ("range", "2", "3")
    g20 = one("hp-2021-2030", "hp_occupations_developed_level", 2030, "31")
    assert "G20" in g20["note"]


def test_no_target_is_given_twice():
    keys = Counter(
        (plan, t["indicator"], t["unit"], t["year"]) for plan, t in ALL_TARGETS
    )
    assert [key for key, n in keys.items() if n > 1] == []


@pytest.mark.parametrize(
    ("plan", "year", "total"),
    [("hn-2024", 2024, 235000), ("hn-2022", 2022, 224500)],
)
def test_enrolment_components_add_up(plan, year, total):
    components = [
        Decimal(one(plan, code, year, "01")["value"])
        for code in ("enrol_college", "enrol_intermediate", "enrol_elementary")
    ]
    assert Decimal(one(plan, "enrol_total", year, "01")["value"]) == total
    assert sum(components) == total


def test_disu_town_enrolment_components_add_up():
    for year in (2023, 2024):
        total = Decimal(one("disu-2024", "enrol_total", year, "328")["value"])
        parts = sum(
            Decimal(one("disu-2024", code, year, "328")["value"])
            for code in ("enrol_college", "enrol_intermediate", "enrol_elementary")
        )
        assert parts == total


def test_hanoi_2024_rates():
    assert one("hn-2024", "trained_rate", 2024, "01")["value"] == "74.2"
    assert Decimal(one("hn-2024", "certified_rate", 2024, "01")["value"]) == Decimal("54")


def test_hanoi_2024_graduate_quotas():
    quotas = targets("hn-2024", "graduates_attracted")
    codes = [q["unit"] for q in quotas]
    assert len(quotas) == 30
    assert len(set(codes)) == 30
    assert all(len(code) == 3 and code.isdigit() for code in codes)
    assert min(codes) == "001" and max(codes) == "282"
    assert sum(Decimal(q["value"]) for q in quotas) == 26934
    assert all(q.get("parent") is True and q["year"] == 2024 for q in quotas)
    # The city printed no total for them.
    assert targets("hn-2024", "graduates_attracted", unit="01") == []
    assert set(codes) == {code for code, _name in HANOI_DISTRICTS}
    assert dict(HANOI_DISTRICTS)["001"] == "Quận Ba Đình"
    assert dict(HANOI_DISTRICTS)["282"] == "Huyện Mỹ Đức"
    assert one("hn-2024", "graduates_attracted", 2024, "271")["value"] == "3500"


def test_hanoi_rural_yearly_target_and_2030_rates():
    plan = PLAN_BY_CODE["hn-rural-2025"]
    yearly = targets("hn-rural-2025", "rural_trainees", unit="01")
    assert [t["year"] for t in yearly] == list(range(plan["first_year"], plan["last_year"] + 1))
    assert {(t["operator"], t["value"]) for t in yearly} == {("approx", "20000")}
    assert one("hn-rural-2025", "trained_rate", 2030, "01")["value"] == "80"
    assert one("hn-rural-2025", "certified_rate", 2030, "01")["value"] == "60"


def test_hai_phong_graduate_rate_ranges():
    for year, low, high in ((2025, "40", "45"), (2030, "50", "55")):
        target = one("hp-2021-2030", "graduates_attracted_rate", year, "31")
        assert target["operator"] == "range"
        assert Decimal(target["value"]) == Decimal(low)
        assert Decimal(target["value_high"]) == Decimal(high)


def test_hai_phong_milestones_cover_both_years():
    by_year = {
        year: {t["indicator"] for t in PLAN_BY_CODE["hp-2021-2030"]["targets"] if t["year"] == year}
        for year in (2025, 2030)
    }
    assert by_year[2025] == by_year[2030]
    assert len(by_year[2025]) == 16  # 13 on the catalogue, 3 on Hải Phòng's own indicators
    assert one("hp-2021-2030", "female_enrol_share", 2025, "31")["operator"] == "gt"
    assert one("hp-2021-2030", "high_quality_schools", 2030, "31")["value"] == "5"


def test_disu_ward_and_town_targets():
    ward = {
        t["indicator"]: t for t in PLAN_BY_CODE["disu-2024"]["targets"] if t["unit"] == "12121"
    }
    assert ward["enrol_total"]["value"] == "1400"
    assert (ward["trained_rate"]["operator"], ward["trained_rate"]["value"]) == ("gt", "86.2")
    assert ward["certified_rate"]["operator"] == "approx"
    assert ward["admin_procedures_on_time_rate"]["value"] == "100"
    town_2024 = {
        t["indicator"]: t["value"]
        for t in PLAN_BY_CODE["disu-2024"]["targets"]
        if t["unit"] == "328" and t["year"] == 2024
    }
    assert town_2024["enrol_total"] == "67500"
    assert town_2024["employed_after_training_rate"] == "92.5"
    assert town_2024["institutions"] == "26"


# --- results and unit lists --------------------------------------------------------------


def test_results_are_disu_2023_on_the_town():
    for result in RESULTS:
        assert result["plan"] == "disu-2024"
        assert result["unit"] == "328"
        assert result["period"] == "2023"
        assert result["indicator"] in BY_CODE
        assert result["value"] is None or PLAIN_DECIMAL.match(result["value"])
        assert result["printed"]
    assert len({r["indicator"] for r in RESULTS}) == len(RESULTS)


def test_employment_result_is_not_a_number():
    (employment,) = [r for r in RESULTS if r["indicator"] == "employed_after_training_rate"]
    assert employment["value"] is None
    assert employment["printed"] == ">92"


def test_enrolment_result_keeps_the_printed_total():
    values = {r["indicator"]: r["value"] for r in RESULTS}
    assert values["enrol_total"] == "62750"
    levels = sum(
        Decimal(values[code])
        for code in ("enrol_college", "enrol_intermediate", "enrol_elementary")
    )
    assert levels == 62500


def test_disu_appendix_ii_units():
    codes = [code for code, _name in DISU_APPENDIX_II_UNITS]
    assert len(codes) == 13 == len(set(codes))
    assert all(len(code) == 5 and code.startswith("121") for code in codes)
    assert ("12121", "Phường Dị Sử") in DISU_APPENDIX_II_UNITS


def test_hanoi_districts():
    assert len(HANOI_DISTRICTS) == 30
    assert len({code for code, _name in HANOI_DISTRICTS}) == 30
