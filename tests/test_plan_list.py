"""The plan list: scope, filters by issuer, year, kind and status, search by number or title."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plans.models import Plan
from tests.factories import hanoi_2024_as_printed, plan_make, target_make, unit_by_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans():
    """The source plans' headers: two of Hà Nội, Hải Phòng's strategy, Dị Sử's ward plan."""
    hn_2024 = hanoi_2024_as_printed(status=Plan.Status.ISSUED)
    hn_2022 = plan_make(
        "hn-2022", first_year=2022, number="72/KH-UBND", kind=Plan.Kind.REMEDIAL,
        title="Khắc phục hạn chế, khuyết điểm trong công tác giáo dục nghề nghiệp năm 2021",
        status=Plan.Status.ISSUED,
    )
    hp = plan_make(
        "hp-2021-2030", issuer="31", first_year=2021, last_year=2030,
        kind=Plan.Kind.STRATEGY, title="Phát triển giáo dục nghề nghiệp Hải Phòng 2021-2030",
    )
    disu = plan_make("disu-2024", issuer="12121", title="Kế hoạch GDNN phường Dị Sử 2024")
    return {"hn-2024": hn_2024, "hn-2022": hn_2022, "hp": hp, "disu": disu}


def _codes(response) -> set[str]:
    return {p.code for p in response.context["plans"]}


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(reverse("plans:list"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_city_officer_sees_the_city_plans_only(client, plans, officer_01):
    client.force_login(officer_01)
    response = client.get(reverse("plans:list"))
    assert response.status_code == 200
    assert _codes(response) == {"hn-2024", "hn-2022"}
    assert "72/KH-UBND" in response.content.decode()


def test_a_district_reporter_sees_the_city_plan_that_gives_it_a_quota(
    client, make_user, plans, reporter_001
):
    client.force_login(reporter_001)  # Ba Đình has a 2024 graduate quota
    assert _codes(client.get(reverse("plans:list"))) == {"hn-2024"}
    client.force_login(make_user("reporter", "002"))  # Hoàn Kiếm has none in this test
    assert _codes(client.get(reverse("plans:list"))) == set()


def test_a_superuser_sees_every_plan(client, make_user, plans):
    client.force_login(make_user(is_superuser=True))
    assert _codes(client.get(reverse("plans:list"))) == {"hn-2024", "hn-2022", "hp-2021-2030",
                                                         "disu-2024"}


def test_it_filters_by_year_kind_status_and_issuer(client, make_user, plans):
    client.force_login(make_user(is_superuser=True))
    url = reverse("plans:list")
    assert _codes(client.get(url, {"year": 2024})) == {"hn-2024", "hp-2021-2030", "disu-2024"}
    assert _codes(client.get(url, {"year": 2022})) == {"hn-2022", "hp-2021-2030"}
    assert _codes(client.get(url, {"kind": "strategy"})) == {"hp-2021-2030"}
    assert _codes(client.get(url, {"status": "issued"})) == {"hn-2024", "hn-2022"}
    hanoi = unit_by_code("01")
    assert _codes(client.get(url, {"issuer": hanoi.pk, "year": 2022})) == {"hn-2022"}


def test_it_searches_number_and_title(client, make_user, plans):
    client.force_login(make_user(is_superuser=True))
    url = reverse("plans:list")
    assert _codes(client.get(url, {"q": "72/KH"})) == {"hn-2022"}
    assert _codes(client.get(url, {"q": "Hải Phòng"})) == {"hp-2021-2030"}
    assert _codes(client.get(url, {"q": "khắc phục"})) == {"hn-2022"}


def test_the_issuer_filter_offers_only_units_in_sight(client, plans, officer_01):
    client.force_login(officer_01)
    response = client.get(reverse("plans:list"))
    issuers = list(response.context["form"].fields["issuer"].queryset)
    assert issuers == [unit_by_code("01")]
    # A tampered issuer id (Hải Phòng) is not a choice: the filter is ignored, not obeyed.
    response = client.get(reverse("plans:list"), {"issuer": unit_by_code("31").pk})
    assert "hp-2021-2030" not in _codes(response)


def test_a_plan_with_a_target_on_a_ward_shows_to_that_wards_viewer(client, make_user, plans):
    target_make(plans["hn-2022"], "enrol_total", 1400, unit="00004", year=2022)
    client.force_login(make_user("viewer", "00004"))
    assert _codes(client.get(reverse("plans:list"))) == {"hn-2022"}
