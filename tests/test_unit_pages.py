"""Browsing the unit tree and finding a unit, within the user's scope."""

from __future__ import annotations

import pytest
from django.urls import reverse

from districts.models import Unit
from districts.scope import Action, can, units_for_user
from tests.factories import unit_by_code

pytestmark = pytest.mark.django_db


def test_it_sends_anonymous_visitors_to_log_in(client, ba_dinh):
    for url in (
        reverse("home"),
        reverse("districts:index"),
        reverse("districts:unit", args=[ba_dinh.pk]),
        reverse("districts:search") + "?q=ba",
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_a_city_officer_sees_the_30_districts(client, hanoi, officer_01):
    client.force_login(officer_01)
    response = client.get(reverse("districts:unit", args=[hanoi.pk]) + "?era=old")
    assert response.status_code == 200
    assert len(response.context["children"]) == 30
    assert "Quận Ba Đình" in response.content.decode()


def test_the_city_page_offers_both_eras(client, hanoi, viewer_01):
    client.force_login(viewer_01)
    response = client.get(reverse("districts:unit", args=[hanoi.pk]))
    assert response.context["eras"] == ["old", "new"]
    assert len(response.context["children"]) == 126  # the current era by default


def test_a_ba_dinh_reporter_sees_own_district_and_its_wards(client, ba_dinh, reporter_001):
    client.force_login(reporter_001)
    response = client.get(reverse("districts:unit", args=[ba_dinh.pk]))
    assert response.status_code == 200
    truc_bach = unit_by_code("00004")
    assert client.get(reverse("districts:unit", args=[truc_bach.pk])).status_code == 200


def test_a_ba_dinh_reporter_cannot_reach_another_district(client, dong_da, hanoi, reporter_001):
    client.force_login(reporter_001)
    assert client.get(reverse("districts:unit", args=[dong_da.pk])).status_code == 404
    assert client.get(reverse("districts:unit", args=[hanoi.pk])).status_code == 404


def test_the_index_takes_a_single_unit_user_straight_to_it(client, ba_dinh, reporter_001):
    client.force_login(reporter_001)
    response = client.get(reverse("districts:index"))
    assert response.status_code == 302 and response.url == reverse(
        "districts:unit", args=[ba_dinh.pk]
    )


def test_search_ignores_diacritics_and_the_unit_type(client, viewer_01):
    client.force_login(viewer_01)
    response = client.get(reverse("districts:search"), {"q": "dong da"})
    names = [u.name for u in response.context["results"]]
    assert "Quận Đống Đa" in names
    response = client.get(reverse("districts:search"), {"q": "Quận Ba Đình"})
    assert "Quận Ba Đình" in [u.name for u in response.context["results"]]


def test_search_finds_a_code_that_lost_its_leading_zeros(client, viewer_01):
    client.force_login(viewer_01)
    response = client.get(reverse("districts:search"), {"q": "4"})
    assert {u.name for u in response.context["results"]} >= {"Phường Trúc Bạch", "Phường Ba Đình"}


def test_search_stays_inside_the_users_scope(client, reporter_001):
    client.force_login(reporter_001)
    response = client.get(reverse("districts:search"), {"q": "dong da"})
    assert response.context["results"] == []
    assert "Đống Đa" not in response.content.decode().split("<main", 1)[1].split("</form>", 1)[1]


def test_search_with_nothing_typed_lists_nothing(client, viewer_01):
    client.force_login(viewer_01)
    assert client.get(reverse("districts:search"), {"q": "   "}).context["results"] == []


def test_post_on_a_read_only_page_is_405(client, ba_dinh, viewer_01):
    client.force_login(viewer_01)
    assert client.post(reverse("districts:unit", args=[ba_dinh.pk])).status_code == 405


def test_scope_covers_the_subtree_and_roles_decide_actions(
    make_user, ba_dinh, dong_da, reporter_001
):
    reporter = reporter_001
    truc_bach = unit_by_code("00004")
    assert can(reporter, truc_bach, Action.REPORT)
    assert not can(reporter, ba_dinh, Action.MANAGE)
    assert not can(reporter, dong_da, Action.VIEW)
    viewer = make_user("viewer", "01")
    assert can(viewer, dong_da, Action.VIEW) and not can(viewer, dong_da, Action.REPORT)
    assert set(units_for_user(reporter).values_list("level", flat=True)) == {
        Unit.Level.DISTRICT,
        Unit.Level.COMMUNE,
    }
    assert units_for_user(make_user()).count() == 0
