"""`load_demo`: the five source plans as printed, Dị Sử's real results, labelled samples."""
from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Sum

from plans.models import Plan
from reports.models import Actual, Submission
from targets.models import Indicator, Target

pytestmark = pytest.mark.django_db

DEMO_CODES = {"hn-2024", "hn-2022", "hn-rural-2025", "hp-2021-2030", "disu-2024"}


def _counts() -> dict[str, int]:
    return {
        "plans": Plan.objects.count(),
        "targets": Target.objects.count(),
        "actuals": Actual.objects.count(),
        "submissions": Submission.objects.count(),
        "target_history": Target.history.count(),
        "actual_history": Actual.history.count(),
        "plan_history": Plan.history.count(),
        "indicator_history": Indicator.history.count(),
    }


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


def test_it_loads_the_five_plans(demo):
    assert set(Plan.objects.values_list("code", flat=True)) == DEMO_CODES
    assert Plan.objects.get(code="hn-2022").number == "72/KH-UBND"


def test_loading_twice_changes_nothing(demo):
    before = _counts()
    call_command("load_demo", stdout=io.StringIO())
    assert _counts() == before


def test_all_108_printed_targets_load_per_plan(demo):
    counts = {code: Target.objects.filter(plan__code=code).count() for code in DEMO_CODES}
    assert counts == {
        "hn-2024": 36, "hn-2022": 6, "hn-rural-2025": 8, "hp-2021-2030": 32, "disu-2024": 26,
    }


def test_hanoi_counts_its_enrolment_targets_in_luot_nguoi(demo):
    totals = Target.objects.filter(plan__code__in=["hn-2024", "hn-2022"], unit__code="01",
                                   indicator__code="enrol_total")
    assert {t.plan.code: t.unit_of_measure for t in totals} == {
        "hn-2024": "lượt người", "hn-2022": "lượt người",
    }
    assert Target.objects.get(plan__code="disu-2024", unit__code="12121",
                              indicator__code="enrol_total").unit_of_measure == "người"


def test_the_departments_own_indicators_carry_the_eight_targets(demo):
    own = Target.objects.filter(indicator__shipped=False).select_related("indicator", "unit")
    assert own.count() == 8
    by_key = {(t.indicator.code, t.year): t for t in own}
    colleges = by_key[("hp_high_quality_colleges", 2030)]
    assert (colleges.unit.code, colleges.value, colleges.indicator.owner.code) == (
        "31", Decimal(2), "31"
    )
    assert colleges.indicator.part_of.code == "high_quality_schools"
    asean = by_key[("hp_key_occupations_asean4", 2025)]
    assert (asean.operator, asean.value, asean.value_high) == ("range", 2, 3)
    closed = by_key[("hy_institutions_closed", 2024)]
    assert closed.unit.code == "328" and closed.indicator.holds


def test_hanoi_2024_city_targets_and_the_30_district_quotas(demo):
    plan = Plan.objects.get(code="hn-2024")
    city = {
        t.indicator.code: t.value
        for t in plan.targets.filter(unit=plan.issuer).select_related("indicator")
    }
    assert city["enrol_total"] == Decimal(235000)
    assert city["enrol_college"] + city["enrol_intermediate"] + city["enrol_elementary"] == 235000
    assert city["trained_rate"] == Decimal("74.2")
    assert city["certified_rate"] == Decimal("54.0")
    quotas = plan.targets.filter(indicator__code="graduates_attracted").exclude(unit=plan.issuer)
    assert quotas.count() == 30
    assert quotas.aggregate(total=Sum("value"))["total"] == Decimal(26934)
    assert set(quotas.values_list("unit__level", flat=True)) == {"district"}


def test_hai_phong_milestones_are_ranges(demo):
    plan = Plan.objects.get(code="hp-2021-2030")
    ranges = {
        t.year: (t.operator, t.value, t.value_high)
        for t in plan.targets.filter(indicator__code="graduates_attracted_rate")
    }
    assert ranges == {
        2025: ("range", Decimal(40), Decimal(45)),
        2030: ("range", Decimal(50), Decimal(55)),
    }


def test_di_su_targets_sit_on_the_ward_and_its_appendix_on_the_town(demo):
    plan = Plan.objects.get(code="disu-2024")
    ward = {t.indicator.code: t for t in plan.targets.filter(unit__code="12121", year=2024)}
    assert ward["enrol_total"].value == 1400
    assert (ward["trained_rate"].operator, ward["trained_rate"].value) == ("gt", Decimal("86.2"))
    assert (ward["certified_rate"].operator, ward["certified_rate"].value) == (
        "approx", Decimal(33),
    )
    town = plan.targets.filter(unit__code="328")
    assert town.get(indicator__code="enrol_total", year=2023).value == 62500
    assert town.get(indicator__code="enrol_total", year=2024).value == 67500


def test_di_su_2023_results_are_kept_as_printed(demo):
    results = {
        a.indicator.code: a
        for a in Actual.objects.filter(unit__code="328", period="2023").select_related("indicator")
    }
    assert results["enrol_total"].value == 62750
    assert results["enrol_college"].value == 1700
    employment = results["employed_after_training_rate"]
    assert employment.value is None and employment.printed == ">92"
    assert not any(a.is_sample for a in results.values())
    assert {a.origin for a in results.values()} == {Actual.Origin.DOCUMENT}


def test_samples_are_labelled_and_include_a_current_half_year(demo):
    samples = Actual.objects.filter(is_sample=True)
    assert samples.exists()
    assert set(samples.values_list("note", flat=True)) == {"dữ liệu mẫu"}
    assert samples.filter(period__endswith="S1", indicator__code="rural_trainees").exists()


def test_no_samples_removes_them_and_keeps_the_real_results(demo):
    call_command("load_demo", "--no-samples", stdout=io.StringIO())
    assert not Actual.objects.filter(is_sample=True).exists()
    assert Actual.objects.filter(unit__code="328", period="2023").count() == 9
    assert Plan.objects.count() == 5


def test_di_su_2023_results_show_the_components_warning(demo, client, make_user):
    from django.urls import reverse

    from reports.models import Submission
    from tests.factories import vi

    town = Actual.objects.get(unit__code="328", period="2023", indicator__code="enrol_total").unit
    client.force_login(make_user("officer", "33"))
    submission = Submission.objects.get(unit=town, period="2023")
    for url in (
        reverse("reports:entry", args=[town.pk, "2023"]),
        reverse("reports:submission", args=[submission.pk]),
    ):
        page = client.get(url).content.decode().lower()
        assert vi(
            "components add up to %(sum)s, the total says %(total)s (difference %(diff)s)",
            sum="62.500", total="62.750", diff="250",
        ).lower() in page, url
