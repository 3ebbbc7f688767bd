"""Allocations: the rules (sum, gap, implied total, exact proportional split) and the
tools that copy last year's quotas and split a target over the child units."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from districts.formatting import vietnamese_number
from districts.sources import describe
from plans.models import Amendment, Plan
from reports.selectors.entry import annual_actuals
from targets.allocation import allocation_summary, split_proportionally
from targets.models import Target
from targets.services import SplitBasis, actuals_reader, allocation_copy, allocation_split
from tests.factories import (
    HANOI_2024_THREE_QUOTAS,
    actual_make,
    indicator,
    plan_make,
    target_make,
    unit_by_code,
)

# --- the rules --------------------------------------------------------------------------


def test_it_sums_quotas_and_gives_the_gap_to_the_parent():
    assert allocation_summary(D(6000), [D(650), D(1050), D(3500)]) == (D(5200), D(800), False)


def test_a_negative_gap_means_the_quotas_exceed_the_parent():
    assert allocation_summary(D(5000), [D(650), D(1050), D(3500)]).gap == D(-200)


def test_without_a_parent_total_the_sum_is_the_implied_total():
    # Hà Nội 2024: 30 district quotas of graduates, no city total printed.
    quotas = [D(v) for v in (365, 620, 650, 200, 480, 400, 1050, 400, 480, 588, 500, 600, 600,
                             1032, 1350, 700, 530, 680, 1350, 755, 2800, 2420, 505, 1056, 3500,
                             600, 540, 500, 783, 900)]
    total, gap, implied = allocation_summary(None, quotas)
    assert (total, gap, implied) == (D(26934), None, True)


def test_quotas_without_a_value_are_left_out_and_none_at_all_is_not_implied():
    assert allocation_summary(D(100), [D(40), None]) == (D(40), D(60), False)
    assert allocation_summary(None, []) == (D(0), None, False)


def test_it_splits_in_proportion():
    assert split_proportionally(D(1000), {"a": D(1), "b": D(3)}) == {"a": D(250), "b": D(750)}


def test_the_largest_remainders_get_the_leftover_so_the_sum_stays_exact():
    # 100 over three equal weights: naive rounding gives 33+33+33 = 99, one short.
    parts = split_proportionally(D(100), {"001": D(1), "006": D(1), "271": D(1)})
    assert sum(parts.values()) == D(100)
    assert sorted(parts.values()) == [D(33), D(33), D(34)]


def test_naive_rounding_would_overshoot_by_one():
    # 10 by weights 1:1:1:1 → 2,5 each: rounding half up gives 12; the exact split gives 10.
    parts = split_proportionally(D(10), {"a": D(1), "b": D(1), "c": D(1), "d": D(1)})
    assert sum(parts.values()) == D(10)
    assert sorted(parts.values()) == [D(2), D(2), D(3), D(3)]


def test_remainders_follow_the_exact_shares():
    # 7 000 by Ba Đình 650, Đống Đa 1 050, Ba Vì 3 500 (of 5 200): exact shares
    # 875, 1 413,46…, 4 711,53… → the one leftover goes to Ba Vì (0,538 > 0,461).
    parts = split_proportionally(D(7000), {"001": D(650), "006": D(1050), "271": D(3500)})
    assert parts == {"001": D(875), "006": D(1413), "271": D(4712)}


def test_zero_weights_split_evenly():
    assert split_proportionally(D(9), {"a": D(0), "b": D(0), "c": D(0)}) == {
        "a": D(3), "b": D(3), "c": D(3),
    }


def test_it_splits_to_decimal_places():
    parts = split_proportionally(D("10.0"), {"a": D(1), "b": D(1), "c": D(1)}, places=1)
    assert sum(parts.values()) == D("10.0")
    assert sorted(parts.values()) == [D("3.3"), D("3.3"), D("3.4")]


def test_it_refuses_what_cannot_be_split_exactly():
    with pytest.raises(ValueError):
        split_proportionally(D("10.5"), {"a": D(1)})
    with pytest.raises(ValueError):
        split_proportionally(D(10), {"a": D(-1), "b": D(2)})
    with pytest.raises(ValueError):
        split_proportionally(D(10), {})


@given(
    total=st.integers(min_value=0, max_value=10_000_000),
    weights=st.lists(
        st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False),
        min_size=1,
        max_size=40,
    ),
)
def test_the_parts_always_add_up_exactly(total, weights):
    parts = split_proportionally(D(total), dict(enumerate(weights)))
    assert sum(parts.values()) == D(total)
    assert all(part >= 0 and part == part.to_integral_value() for part in parts.values())


# --- copying last year's quotas -----------------------------------------------------------


@pytest.fixture(autouse=True)
def english(client):
    """Messages and recorded reasons in English, the source language, whatever is compiled."""
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


def _strategy_plan() -> Plan:
    """A Hà Nội plan for 2023–2024 with 2023 graduate quotas on three districts."""
    plan = plan_make("hn-2023-2024", first_year=2023, last_year=2024)
    for code, value in HANOI_2024_THREE_QUOTAS.items():
        target_make(plan, "graduates_attracted", value, unit=code, year=2023,
                    wording=f"{vietnamese_number(D(value))} người")
    return plan


def _quotas(plan: Plan, year: int) -> dict[str, D]:
    return {
        t.unit.code: t.value
        for t in Target.objects.filter(plan=plan, year=year).exclude(unit=plan.issuer)
        .select_related("unit")
    }


@pytest.mark.django_db
def test_an_officer_copies_last_years_quotas(client, officer_01):
    plan = _strategy_plan()
    client.force_login(officer_01)
    response = client.post(
        reverse("targets:allocation_copy", args=[plan.code]),
        {"indicator": "graduates_attracted", "from_year": 2023, "to_year": 2024},
    )
    assert response.status_code == 302
    assert _quotas(plan, 2024) == {code: D(v) for code, v in HANOI_2024_THREE_QUOTAS.items()}
    copied = Target.objects.get(plan=plan, year=2024, unit=unit_by_code("006"))
    assert copied.wording == "1.050 người"
    assert copied.history.first().history_change_reason == "copy:2023"
    assert describe("copy:2023") == "Quotas copied from 2023"


@pytest.mark.django_db
def test_copying_refuses_to_overwrite_existing_quotas_unless_asked(officer_01):
    plan = _strategy_plan()
    target_make(plan, "graduates_attracted", 700, unit="001", year=2024)
    officer = officer_01
    args = {"plan": plan, "indicator": indicator("graduates_attracted"),
            "from_year": 2023, "to_year": 2024, "actor": officer}
    with pytest.raises(Exception, match="already has quotas"):
        allocation_copy(**args)
    assert _quotas(plan, 2024) == {"001": D(700)}
    allocation_copy(**args, overwrite=True)
    assert _quotas(plan, 2024)["001"] == D(650)


@pytest.mark.django_db
def test_copying_into_the_new_era_skips_the_abolished_districts(make_user):
    plan = plan_make("hn-2024-2025", first_year=2024, last_year=2025)
    target_make(plan, "graduates_attracted", 650, unit="001", year=2024)
    with pytest.raises(Exception, match="still exists"):
        allocation_copy(plan=plan, indicator=indicator("graduates_attracted"), from_year=2024,
                        to_year=2025, actor=make_user("officer", "01"))
    assert _quotas(plan, 2025) == {}


@pytest.mark.django_db
def test_copying_shows_a_clear_message_when_refused(client, make_user):
    plan = _strategy_plan()
    client.force_login(make_user("officer", "01", username="hn-officer"))
    response = client.post(
        reverse("targets:allocation_copy", args=[plan.code]),
        {"indicator": "enrol_total", "from_year": 2023, "to_year": 2024},
        follow=True,
    )
    assert "no quotas" in response.content.decode()
    assert _quotas(plan, 2024) == {}


# --- splitting a target over the child units ------------------------------------------------


@pytest.mark.django_db
def test_an_officer_splits_a_target_by_last_years_actuals(client, officer_01):
    plan = plan_make("hn-2024")
    target_make(plan, "enrol_total", 235000)
    # 2023 annual enrolments of three districts (the other 27 reported nothing).
    actual_make("enrol_total", "001", "2023", 10000)
    actual_make("enrol_total", "006", "2023", 20000)
    actual_make("enrol_total", "271", "2023", 17000)
    client.force_login(officer_01)
    response = client.post(
        reverse("targets:allocation_split", args=[plan.code]),
        {"indicator": "enrol_total", "year": 2024, "basis": SplitBasis.ACTUALS},
    )
    assert response.status_code == 302
    quotas = _quotas(plan, 2024)
    # 235 000 × 10/47, 20/47, 17/47 = 50 000,0…, 100 000,0…, 85 000,0…: exact after rounding.
    assert quotas == {"001": D(50000), "006": D(100000), "271": D(85000)}
    assert sum(quotas.values()) == D(235000)
    ba_dinh = Target.objects.get(plan=plan, year=2024, unit=unit_by_code("001"))
    assert ba_dinh.wording == "50.000"
    assert ba_dinh.history.first().history_user.username.startswith("user")


def test_the_split_page_reads_actuals_with_the_reader_the_reports_app_registered():
    assert actuals_reader() is annual_actuals


@pytest.mark.django_db
def test_a_split_by_actuals_without_their_reader_is_refused(make_user):
    plan = plan_make("hn-2024")
    target_make(plan, "enrol_total", 235000)
    with pytest.raises(TypeError, match="reader"):
        allocation_split(plan=plan, indicator=indicator("enrol_total"), year=2024,
                         basis=SplitBasis.ACTUALS, actor=make_user("officer", "01"))
    assert _quotas(plan, 2024) == {}


@pytest.mark.django_db
def test_a_split_by_last_years_quotas_keeps_the_exact_total(officer_01):
    plan = _strategy_plan()
    target_make(plan, "graduates_attracted", 7000, year=2024)
    allocation_split(plan=plan, indicator=indicator("graduates_attracted"), year=2024,
                     basis=SplitBasis.QUOTAS, actor=officer_01)
    assert _quotas(plan, 2024) == {"001": D(875), "006": D(1413), "271": D(4712)}


@pytest.mark.django_db
def test_a_split_without_basis_is_even_over_the_30_districts(officer_01):
    plan = plan_make("hn-2024")
    target_make(plan, "enrol_total", 235000)
    result = allocation_split(plan=plan, indicator=indicator("enrol_total"), year=2024,
                              basis=SplitBasis.ACTUALS, actor=officer_01,
                              actuals=annual_actuals)
    quotas = _quotas(plan, 2024)
    assert result.even and len(quotas) == 30
    assert sum(quotas.values()) == D(235000)
    assert set(quotas.values()) == {D(7833), D(7834)}


@pytest.mark.django_db
def test_a_rate_is_not_split(make_user):
    plan = plan_make("hn-2024")
    target_make(plan, "trained_rate", "74.2")
    with pytest.raises(Exception, match="rate"):
        allocation_split(plan=plan, indicator=indicator("trained_rate"), year=2024,
                         basis=SplitBasis.ACTUALS, actor=make_user("officer", "01"))


@pytest.mark.django_db
def test_splitting_on_an_issued_plan_needs_an_amendment(client, officer_01):
    plan = plan_make("hn-2024", status=Plan.Status.ISSUED)
    target_make(plan, "enrol_total", 235000)
    client.force_login(officer_01)
    url = reverse("targets:allocation_split", args=[plan.code])
    client.post(url, {"indicator": "enrol_total", "year": 2024, "basis": "actuals"})
    assert _quotas(plan, 2024) == {}
    client.post(url, {"indicator": "enrol_total", "year": 2024, "basis": "actuals",
                      "amendment_number": "15/KH-UBND", "amendment_reason": "Giao chỉ tiêu"})
    assert len(_quotas(plan, 2024)) == 30
    amendment = Amendment.objects.get(plan=plan)
    assert amendment.number == "15/KH-UBND"
    reason = Target.history.filter(plan_id=plan.pk).first().history_change_reason
    assert describe(reason).startswith("Amendment 15/KH-UBND: ")


@pytest.mark.django_db
def test_only_officers_of_the_issuer_use_the_tools(client, make_user, officer_31):
    plan = _strategy_plan()
    copy_url = reverse("targets:allocation_copy", args=[plan.code])
    data = {"indicator": "graduates_attracted", "from_year": 2023, "to_year": 2024}
    client.force_login(officer_31)
    assert client.post(copy_url, data).status_code == 404
    client.force_login(make_user("reporter", "01"))
    assert client.post(copy_url, data).status_code == 403
    client.force_login(make_user("officer", "001"))  # sees the plan through its quota
    assert client.post(copy_url, data).status_code == 403
    assert client.get(copy_url).status_code == 405
    assert client.get(reverse("targets:allocation_split", args=[plan.code])).status_code == 405
    client.logout()
    assert client.post(copy_url, data).status_code == 302
    assert _quotas(plan, 2024) == {}
