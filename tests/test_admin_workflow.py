"""The admin obeys the workflow: superusers only, approved values read-only, a change goes
through the reporting rules with the source "admin" and a new version, and a form opened
before someone else's change cannot overwrite it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from districts.scope import SYSTEM
from reports.models import Actual, Submission
from reports.selectors.history import actual_changes
from reports.services import SOURCE_ENTRY, SOURCE_REVIEW, actuals_save, submission_submit
from tests.factories import row

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user(username="quan-tri", is_superuser=True, is_staff=True))
    return client


@pytest.fixture
def draft_value(ba_dinh) -> Actual:
    saved = actuals_save(unit=ba_dinh, period="2024", actor=SYSTEM, source=SOURCE_ENTRY,
                         rows={"graduates_attracted": row("650")})
    assert saved.ok
    return Actual.objects.get()


def change_url(actual: Actual) -> str:
    return reverse("admin:reports_actual_change", args=[actual.pk])


def form(value: str, *, version: int, note: str = "") -> dict:
    return {"value": value, "numerator": "", "denominator": "", "note": note,
            "opened_version": version}


def test_staff_who_are_not_superusers_get_no_admin(client, make_user):
    client.force_login(make_user("officer", "01", is_staff=True))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_anonymous_visitors_are_sent_to_the_admin_login(client, draft_value):
    response = client.get(change_url(draft_value))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_an_admin_change_goes_through_the_rules_and_is_recorded(admin_client, draft_value):
    response = admin_client.post(change_url(draft_value), form("700", version=1))
    assert response.status_code == 302, response.content.decode()[:2000]
    draft_value.refresh_from_db()
    assert draft_value.value == Decimal(700) and draft_value.version == 2
    latest = actual_changes(draft_value)[0]
    assert latest.source == "Trang quản trị" and latest.who.username == "quan-tri"


def test_an_admin_form_opened_before_another_change_cannot_overwrite_it(
    admin_client, draft_value, reporter_001
):
    # A reporter corrects the value after the admin opened the form (at version 1).
    actuals_save(unit=draft_value.unit, period="2024", actor=reporter_001,
                 source=SOURCE_ENTRY, rows={"graduates_attracted": row("660", version=1)})
    response = admin_client.post(change_url(draft_value), form("700", version=1))
    assert response.status_code == 200  # the form again, with the reason
    assert "660" in response.content.decode()
    draft_value.refresh_from_db()
    assert draft_value.value == Decimal(660) and draft_value.version == 2


def test_an_admin_change_obeys_the_value_rules(admin_client, draft_value):
    response = admin_client.post(change_url(draft_value), form("-5", version=1))
    assert response.status_code == 200
    draft_value.refresh_from_db()
    assert draft_value.value == Decimal(650) and draft_value.version == 1


def test_an_approved_value_is_read_only_in_the_admin(admin_client, draft_value, make_user):
    from reports.services import submission_approve

    saved = actuals_save(unit=draft_value.unit, period="2024", actor=SYSTEM,
                         source=SOURCE_ENTRY,
                         rows={"enrol_total": row("5000")})
    submission = submission_submit(submission=saved.submission, actor=SYSTEM,
                                   source=SOURCE_ENTRY)
    submission_approve(submission=submission, actor=SYSTEM, source=SOURCE_REVIEW)
    page = admin_client.get(change_url(draft_value))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    response = admin_client.post(change_url(draft_value), form("999", version=1))
    assert response.status_code == 403
    draft_value.refresh_from_db()
    assert draft_value.value == Decimal(650)


def test_values_are_not_added_or_deleted_in_the_admin(admin_client, draft_value):
    assert admin_client.get(reverse("admin:reports_actual_add")).status_code == 403
    delete = reverse("admin:reports_actual_delete", args=[draft_value.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert Actual.objects.filter(pk=draft_value.pk).exists()


def test_a_submission_changes_state_only_on_the_review_pages(admin_client, draft_value):
    submission = draft_value.submission
    url = reverse("admin:reports_submission_change", args=[submission.pk])
    response = admin_client.post(url, {"unit": submission.unit_id, "period": "2024",
                                       "year": 2024, "state": "approved"})
    assert response.status_code == 403
    submission.refresh_from_db()
    assert submission.state == Submission.State.DRAFT
