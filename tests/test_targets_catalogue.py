"""The indicator catalogue page: every indicator explained, with an anchor per code."""

from __future__ import annotations

import pytest
from django.urls import reverse

from targets.models import Indicator
from tests.factories import speaking

pytestmark = pytest.mark.django_db

URL = reverse("targets:catalogue")


def test_any_logged_in_user_sees_all_26_indicators(client, reporter_12121):
    client.force_login(reporter_12121)  # a ward reporter (Dị Sử)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert len(response.context["entries"]) == Indicator.objects.count() == 26
    for indicator in Indicator.objects.all():
        assert f'id="{indicator.code}"' in html
        assert indicator.name_vi in html and indicator.name_en in html


def test_it_links_components_and_of_which_parts(client, viewer_01):
    client.force_login(viewer_01)
    response = speaking(client, "en").get(URL)
    total = next(e for e in response.context["entries"] if e.indicator.code == "enrol_total")
    assert [c.code for c in total.components] == [
        "enrol_college", "enrol_intermediate", "enrol_elementary",
    ]
    certified = next(
        e for e in response.context["entries"] if e.indicator.code == "certified_rate"
    )
    assert certified.whole.code == "trained_rate"
    html = response.content.decode()
    assert 'href="#trained_rate"' in html and "Of which part of" in html
    assert "Vocational enrolment" in html and "lower is better" not in html.split(
        'id="enrol_total"', 1)[1].split("</section>", 1)[0]


def test_the_page_costs_one_query_for_the_catalogue(client, django_assert_num_queries, viewer_01):
    client.force_login(viewer_01)
    client.get(URL)
    with django_assert_num_queries(4):  # session, user, memberships (header), indicators
        client.get(URL)


def test_anonymous_is_sent_to_log_in_and_post_is_refused(client, make_user):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    client.force_login(make_user("viewer", "01"))
    assert client.post(URL).status_code == 405
