"""The home page: the dashboard for users with a unit, a note for those without."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import hanoi_2024_with_results

pytestmark = pytest.mark.django_db


def test_it_shows_a_viewer_the_dashboard_of_their_plans(client, viewer_01):
    plan = hanoi_2024_with_results(quotas=3)
    client.force_login(viewer_01)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response.context["board"].report.plan == plan


def test_a_reporter_sees_their_own_unit_only(client, reporter_001):
    hanoi_2024_with_results()  # quotas for all 30 districts, Đống Đa's among them
    client.force_login(reporter_001)
    page = client.get(reverse("home")).content.decode()
    assert "Quận Ba Đình" in page
    assert "Quận Đống Đa" not in page


def test_an_account_without_a_unit_is_told_to_ask_for_one(client, make_user):
    client.force_login(make_user())
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "board" not in response.context
    assert response.templates[0].name == "reports/home.html"


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_navigation_offers_review_and_completeness_to_officers_only(
    client, make_user, reporter_001
):
    review, completeness = reverse("reports:review_list"), reverse("reports:completeness")
    client.force_login(reporter_001)
    page = client.get(reverse("districts:index"), follow=True).content.decode()
    assert reverse("reports:entry_home") in page
    assert review not in page and completeness not in page
    client.force_login(make_user("viewer", "01"))
    page = client.get(reverse("districts:index"), follow=True).content.decode()
    assert reverse("reports:entry_home") not in page and review not in page
    client.force_login(make_user("officer", "01"))
    page = client.get(reverse("districts:index"), follow=True).content.decode()
    assert review in page and completeness in page
