"""Form fields changed by hand: another unit, an unknown indicator, another report's id."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reports.models import Actual, Submission
from tests.factories import entry_post, row, submission_make, unit_by_code, vi

pytestmark = pytest.mark.django_db

ROWS = {"enrol_total": row("6.000"), "enrol_college": row("1.400")}


@pytest.fixture
def reporter(client, reporter_001):
    user = reporter_001
    client.force_login(user)
    return user


def url(unit, period="2024"):
    return reverse("reports:entry", args=[unit.pk, period])


def test_it_refuses_a_unit_field_naming_another_district(client, reporter, ba_dinh, dong_da):
    data = entry_post(ba_dinh, ROWS) | {"unit": dong_da.pk}
    response = client.post(url(ba_dinh), data)
    assert response.status_code == 400
    assert vi("The form names a unit you may not report for.") in response.content.decode()
    assert not Actual.objects.exists()


def test_it_refuses_a_unit_field_naming_one_of_its_own_wards(client, reporter, ba_dinh):
    truc_bach = unit_by_code("00004")
    data = entry_post(ba_dinh, ROWS) | {"unit": truc_bach.pk}
    response = client.post(url(ba_dinh), data)
    assert response.status_code == 400
    expected = vi("The form belongs to another unit's page: open the page again.")
    assert expected in response.content.decode()
    assert not Actual.objects.exists()


def test_it_refuses_its_own_form_posted_to_another_districts_page(
    client, reporter, ba_dinh, dong_da
):
    response = client.post(url(dong_da), entry_post(ba_dinh, ROWS))
    assert response.status_code == 404
    assert not Actual.objects.exists()


def test_it_refuses_an_indicator_outside_the_catalogue(client, reporter, ba_dinh):
    data = entry_post(ba_dinh, ROWS | {"enrol_everything": row("5")})
    response = client.post(url(ba_dinh), data)
    assert response.status_code == 400
    expected = vi("Unknown indicator: %(codes)s.", codes="enrol_everything")
    assert expected in response.content.decode()
    assert not Actual.objects.exists()


def test_it_refuses_another_districts_submission_id(client, reporter, ba_dinh, dong_da):
    theirs = submission_make(unit=dong_da, period="2024")
    response = client.post(url(ba_dinh), entry_post(ba_dinh, ROWS, submission=theirs))
    assert response.status_code == 400
    expected = vi("The form belongs to another report: open the page again.")
    assert expected in response.content.decode()
    assert not Actual.objects.exists()
    assert list(Submission.objects.all()) == [theirs]


def test_it_refuses_its_own_submission_id_of_another_period(client, reporter, ba_dinh):
    last_year = submission_make(unit=ba_dinh, period="2023")
    response = client.post(url(ba_dinh), entry_post(ba_dinh, ROWS, submission=last_year))
    assert response.status_code == 400
    assert not Actual.objects.exists()


def test_it_refuses_a_form_without_a_unit(client, reporter, ba_dinh):
    data = entry_post(ba_dinh, ROWS)
    del data["unit"]
    assert client.post(url(ba_dinh), data).status_code == 400
    assert not Actual.objects.exists()


def test_a_reporter_cannot_review_by_url(client, reporter, ba_dinh, dong_da):
    own = submission_make(unit=ba_dinh, period="2024", state=Submission.State.SUBMITTED)
    theirs = submission_make(unit=dong_da, period="2024", state=Submission.State.SUBMITTED)
    assert client.post(reverse("reports:submission_approve", args=[own.pk])).status_code == 403
    assert client.post(reverse("reports:submission_approve", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("reports:submission", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("reports:submission", args=[own.pk])).status_code == 200
    own.refresh_from_db()
    theirs.refresh_from_db()
    assert own.state == theirs.state == Submission.State.SUBMITTED
