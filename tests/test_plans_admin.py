"""Plans and targets in the admin keep the plan pages' rules: the state changes only on
the plan page, targets only in the grid (with an amendment once issued), and every
header change is recorded as made in the admin."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from districts.sources import describe
from plans.models import Amendment, Plan
from targets.models import Target
from tests.factories import hanoi_2024_as_printed

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user(username="quan-tri", is_superuser=True, is_staff=True))
    return client


def change_url(plan: Plan) -> str:
    return reverse("admin:plans_plan_change", args=[plan.pk])


def header_form(client, plan: Plan, **changes) -> dict:
    """The change form as the browser would post it back, with `changes` applied."""
    response = client.get(change_url(plan))
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if name == "implements":
            data[name] = [p.pk for p in value or []]
        elif value is not None:
            data[name] = getattr(value, "pk", value)
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management.initial.get(name, 0)
    data.update(changes)
    return data


def test_a_header_change_is_recorded_as_made_in_the_admin(admin_client):
    plan = hanoi_2024_as_printed()
    response = admin_client.post(change_url(plan), header_form(
        admin_client, plan, signer="Nguyễn Mạnh Quyền, Phó Chủ tịch"))
    assert response.status_code == 302, response.content.decode()[:3000]
    plan.refresh_from_db()
    assert plan.signer == "Nguyễn Mạnh Quyền, Phó Chủ tịch"
    latest = plan.history.first()
    assert describe(latest.history_change_reason) == "Trang quản trị"
    assert latest.history_user.username == "quan-tri"


def test_the_state_of_a_plan_does_not_change_in_the_admin(admin_client):
    plan = hanoi_2024_as_printed(status=Plan.Status.ISSUED)
    data = header_form(admin_client, plan, status=Plan.Status.DRAFT)
    assert "status" not in admin_client.get(change_url(plan)).context["adminform"].form.fields
    admin_client.post(change_url(plan), data)
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ISSUED


def test_years_that_would_drop_targets_are_refused_with_a_message(admin_client):
    plan = Plan.objects.get(pk=hanoi_2024_as_printed().pk)
    response = admin_client.post(change_url(plan), header_form(
        admin_client, plan, first_year=2025, last_year=2025))
    assert response.status_code == 200
    assert "2024" in " ".join(response.context["adminform"].form.non_field_errors())
    plan.refresh_from_db()
    assert (plan.first_year, plan.last_year) == (2024, 2024)


def test_targets_of_an_issued_plan_cannot_be_changed_in_the_admin(admin_client):
    plan = hanoi_2024_as_printed(status=Plan.Status.ISSUED)
    target = Target.objects.get(plan=plan, indicator__code="enrol_total")
    url = reverse("admin:targets_target_change", args=[target.pk])
    response = admin_client.post(url, {"operator": "gte", "value": "1", "wording": "1"})
    assert response.status_code == 403
    assert admin_client.get(reverse("admin:targets_target_add")).status_code == 403
    target.refresh_from_db()
    assert target.value == Decimal(235000)


def test_the_plan_page_of_the_admin_lists_targets_read_only(admin_client):
    plan = hanoi_2024_as_printed()
    response = admin_client.get(change_url(plan))
    formsets = response.context["inline_admin_formsets"]
    assert [formset.formset.model for formset in formsets] == [Target, Amendment]
    for formset in formsets:
        assert not formset.has_add_permission and not formset.has_change_permission


def test_amendments_are_made_only_with_their_changes_in_the_grid(admin_client):
    assert admin_client.get(reverse("admin:plans_amendment_add")).status_code == 403


def test_officers_who_are_staff_get_no_plan_admin(client, make_user):
    plan = hanoi_2024_as_printed()
    client.force_login(make_user("officer", "01", is_staff=True))
    response = client.get(change_url(plan))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
