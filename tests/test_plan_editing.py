"""Creating and editing a plan's header, issuing it, and superseding it."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from plans.models import Plan
from tests.factories import hanoi_2024_as_printed, plan_make, speaking, target_make, unit_by_code

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


def _form(**changes) -> dict:
    data = {
        "code": "hn-2025",
        "number": "",
        "title": "Triển khai thực hiện công tác giáo dục nghề nghiệp năm 2025",
        "title_en": "Implementing vocational education in Hà Nội in 2025",
        "issuer": unit_by_code("01").pk,
        "issued_on": "2025-01-20",
        "signer": "Vũ Thu Hà, Phó Chủ tịch",
        "kind": "annual",
        "first_year": 2025,
        "last_year": 2025,
        "legal_basis": "Kế hoạch số 10/KH-UBND ngày 14/01/2021",
        "units_deadline": "15/12",
        "consolidation_deadline": "31/12",
    }
    data.update(changes)
    return data


def test_an_officer_creates_a_draft_plan(client, officer_01):
    officer = officer_01
    client.force_login(officer)
    assert client.get(reverse("plans:create")).status_code == 200
    response = client.post(reverse("plans:create"), _form())
    assert response.status_code == 302
    plan = Plan.objects.get(code="hn-2025")
    assert response.url == reverse("targets:plan_detail", args=["hn-2025"])
    assert (plan.status, plan.issuer.code, plan.created_by) == ("draft", "01", officer)
    assert plan.issued_on == datetime.date(2025, 1, 20)
    assert plan.history.get().history_user == officer


def test_the_form_takes_a_vietnamese_date_too(client, officer_01):
    client.force_login(officer_01)
    speaking(client, "vi").post(reverse("plans:create"), _form(issued_on="26/01/2024"))
    assert Plan.objects.get(code="hn-2025").issued_on == datetime.date(2024, 1, 26)


def test_bad_input_is_explained_and_nothing_is_written(client, officer_01):
    client.force_login(officer_01)
    response = client.post(
        reverse("plans:create"),
        _form(first_year=2030, last_year=2021, units_deadline="12-15"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The last year cannot be before the first." in html
    assert "Write the deadline as day/month, e.g. 15/12 for 15 December." in html
    assert not Plan.objects.exists()


def test_a_code_must_be_unique_and_not_reserved(client, officer_01):
    hanoi_2024_as_printed()
    client.force_login(officer_01)
    response = client.post(reverse("plans:create"), _form(code="hn-2024"))
    assert "already exists" in response.content.decode()
    response = client.post(reverse("plans:create"), _form(code="new"))
    assert "reserved" in response.content.decode()
    assert Plan.objects.count() == 1


def test_the_issuer_must_be_a_unit_the_officer_manages(client, make_user):
    client.force_login(make_user("officer", "001"))  # Ba Đình
    response = client.post(reverse("plans:create"), _form(issuer=unit_by_code("01").pk))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    response = client.post(reverse("plans:create"), _form(issuer=unit_by_code("001").pk))
    assert response.status_code == 302
    assert Plan.objects.get().issuer.code == "001"


def test_reporters_viewers_and_anonymous_cannot_create(client, make_user):
    for role in ("reporter", "viewer"):
        client.force_login(make_user(role, "01"))
        assert client.get(reverse("plans:create")).status_code == 403
        assert client.post(reverse("plans:create"), _form()).status_code == 403
    client.logout()
    assert client.get(reverse("plans:create")).status_code == 302
    assert not Plan.objects.exists()


def test_an_officer_edits_the_header(client, officer_01):
    plan = hanoi_2024_as_printed()
    client.force_login(officer_01)
    assert client.get(reverse("plans:edit", args=[plan.code])).status_code == 200
    response = client.post(
        reverse("plans:edit", args=[plan.code]),
        _form(code="changed", number="23/KH-UBND", first_year=2024, last_year=2024),
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.code, plan.number) == ("hn-2024", "23/KH-UBND")  # the code stays


def test_the_years_must_keep_covering_the_targets(client, officer_01):
    plan = hanoi_2024_as_printed()
    client.force_login(officer_01)
    response = client.post(reverse("plans:edit", args=[plan.code]), _form())  # 2025 only
    assert "has targets in 2024" in response.content.decode()
    plan.refresh_from_db()
    assert plan.first_year == 2024


def test_other_units_cannot_edit(client, make_user, officer_31):
    plan = hanoi_2024_as_printed()
    url = reverse("plans:edit", args=[plan.code])
    client.force_login(officer_31)
    assert client.get(url).status_code == 404
    client.force_login(make_user("viewer", "01"))
    assert client.post(url, _form(first_year=2024, last_year=2024)).status_code == 403


def test_issuing_a_plan(client, officer_01):
    plan = hanoi_2024_as_printed()
    url = reverse("plans:issue", args=[plan.code])
    client.force_login(officer_01)
    # First the page says what issuing freezes, and nothing is issued yet.
    page = client.get(url).content.decode()
    assert 'id="issue-confirm"' in page and "only through an amendment" in page
    client.post(url)  # without the confirmation: the same page again
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT
    response = client.post(url, {"confirm": "yes"}, follow=True)
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ISSUED
    assert "only through an amendment" in response.content.decode()
    response = client.post(url, {"confirm": "yes"}, follow=True)  # twice: refused
    assert "Only a draft plan can be issued." in response.content.decode()


def test_reporters_cannot_issue(client, make_user):
    plan = hanoi_2024_as_printed()
    client.force_login(make_user("reporter", "01"))
    url = reverse("plans:issue", args=[plan.code])
    assert client.post(url, {"confirm": "yes"}).status_code == 403
    assert client.get(url).status_code == 403
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT


def test_superseding_a_plan(client, officer_01):
    old = plan_make("hn-2022", first_year=2022, status=Plan.Status.ISSUED)
    new = hanoi_2024_as_printed()
    url = reverse("plans:supersede", args=[old.code])
    client.force_login(officer_01)
    assert client.get(url).status_code == 405
    response = client.post(url, {"superseded_by": new.code}, follow=True)
    old.refresh_from_db()
    assert (old.status, old.superseded_by) == (Plan.Status.SUPERSEDED, new)
    assert "superseded by hn-2024" in response.content.decode()
    detail = client.get(reverse("targets:plan_detail", args=[new.code])).content.decode()
    assert reverse("targets:plan_detail", args=[old.code]) in detail  # "replaces"


def test_superseding_by_a_plan_out_of_sight_is_refused(client, officer_01):
    old = plan_make("hn-2022", first_year=2022, status=Plan.Status.ISSUED)
    hp = plan_make("hp-2021-2030", issuer="31", first_year=2021, last_year=2030)
    client.force_login(officer_01)
    response = client.post(
        reverse("plans:supersede", args=[old.code]), {"superseded_by": hp.code}, follow=True
    )
    assert "Choose the plan that replaces this one." in response.content.decode()
    old.refresh_from_db()
    assert old.status == Plan.Status.ISSUED and old.superseded_by is None


def test_a_plan_page_offers_the_plans_it_implements(client, officer_01):
    older = plan_make("hn-2022", first_year=2022, number="72/KH-UBND")
    client.force_login(officer_01)
    response = client.post(reverse("plans:create"), _form(implements=[older.pk]))
    assert response.status_code == 302
    assert list(Plan.objects.get(code="hn-2025").implements.all()) == [older]


def test_a_target_change_records_the_issuer_can_no_longer_change(client, officer_01):
    plan = plan_make("hn-2024")
    target_make(plan, "enrol_total", 235000)
    client.force_login(officer_01)
    form = client.get(reverse("plans:edit", args=[plan.code])).context["form"]
    assert form.fields["issuer"].disabled


def test_a_deadline_is_typed_day_first_and_shown_so_again(client, officer_01):
    client.force_login(officer_01)
    speaking(client, "vi").post(reverse("plans:create"), _form(units_deadline="5/12",
                                                              consolidation_deadline="31.12"))
    plan = Plan.objects.get(code="hn-2025")
    assert (plan.units_deadline, plan.consolidation_deadline) == ("12-05", "12-31")
    assert plan.units_deadline_for(2025) == datetime.date(2025, 12, 5)
    html = client.get(reverse("plans:edit", args=[plan.code])).content.decode()
    assert 'value="05/12"' in html and 'value="31/12"' in html


@pytest.mark.parametrize("typed", ["31/4", "30/2", "12-15", "15/13", "ngày 15"])
def test_a_deadline_that_is_no_day_is_refused_in_vietnamese(client, officer_01, typed):
    client.force_login(officer_01)
    response = speaking(client, "vi").post(reverse("plans:create"), _form(units_deadline=typed))
    assert response.status_code == 200
    assert "Ghi hạn nộp theo ngày/tháng, ví dụ 15/12 cho ngày 15 tháng 12." in (
        response.content.decode()
    )
    assert not Plan.objects.exists()


def test_a_29_february_deadline_falls_on_the_28th_in_other_years():
    plan = Plan(units_deadline="02-29")
    assert plan.units_deadline_for(2024) == datetime.date(2024, 2, 29)
    assert plan.units_deadline_for(2025) == datetime.date(2025, 2, 28)


def test_a_2025_plan_may_hand_its_quotas_to_the_districts(client, officer_01):
    client.force_login(officer_01)
    client.post(reverse("plans:create"), _form(transition_units="districts"))
    assert Plan.objects.get(code="hn-2025").transition_units == Plan.TransitionUnits.DISTRICTS
