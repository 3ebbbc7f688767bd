"""The workflow's actions through the API — submit, approve, return, reopen — under the
pages' rules, recorded in the report's history with the source "API (<token name>)"."""

from __future__ import annotations

import pytest

from api.models import ApiToken
from api.services import token_revoke
from districts.scope import SYSTEM
from districts.sources import describe
from reports.models import Submission
from reports.services import actuals_save
from tests.factories import (
    bearer,
    hanoi_2024_two_districts,
    indicator,
    row,
    token_make,
    unit_by_code,
    vi,
)

pytestmark = pytest.mark.django_db
State = Submission.State


@pytest.fixture
def draft(reporter_001):
    """Ba Đình's 2024 report, typed on the entry page: both its targets filled."""
    hanoi_2024_two_districts()
    result = actuals_save(
        unit=unit_by_code("001"), period="2024", actor=reporter_001, source="entry page",
        rows={"graduates_attracted": row("700"), "enrol_total": row("5.100")},
    )
    assert result.ok
    return result.submission


def post(client, submission, action, key, body=None):
    return client.post(f"/api/v1/submissions/{submission.pk}/{action}", body or {},
                       content_type="application/json", headers=bearer(key))


def state_of(submission) -> str:
    return Submission.objects.get(pk=submission.pk).state


def last_source(submission) -> tuple[str, str | None]:
    record = Submission.history.filter(id=submission.pk).latest("history_date", "history_id")
    user = record.history_user.username if record.history_user else None
    return describe(record.history_change_reason), user


def test_a_reporter_submits_and_the_history_names_the_token(client, draft, reporter_001):
    response = post(client, draft, "submit", token_make(reporter_001, name="phần mềm quận"))
    assert response.status_code == 200
    assert response.json()["state"] == "submitted"
    assert response.json()["submitted_by"] == reporter_001.username
    assert state_of(draft) == State.SUBMITTED
    assert last_source(draft) == ("API (phần mềm quận)", reporter_001.username)


def test_an_incomplete_report_is_refused_with_the_pages_message(client, reporter_001):
    hanoi_2024_two_districts()
    partial = actuals_save(unit=unit_by_code("001"), period="2024", actor=reporter_001,
                           source="entry page", rows={"enrol_total": row("5.100")})
    response = post(client, partial.submission, "submit", token_make(reporter_001))
    assert response.status_code == 409
    assert response.json()["detail"] == vi(
        "Fill in every indicator with a target before submitting: %(names)s.", html=False,
        names=indicator("graduates_attracted").name_vi,
    )
    assert state_of(partial.submission) == State.DRAFT


def test_an_officer_approves_and_a_reporter_may_not(client, draft, reporter_001, officer_01):
    post(client, draft, "submit", token_make(reporter_001))
    refused = post(client, draft, "approve", token_make(reporter_001))
    assert refused.status_code == 403
    assert state_of(draft) == State.SUBMITTED
    response = post(client, draft, "approve", token_make(officer_01, name="Sở"))
    assert response.status_code == 200 and response.json()["state"] == "approved"
    assert last_source(draft) == ("API (Sở)", officer_01.username)


def test_an_officer_of_another_city_gets_404(client, draft, reporter_001, officer_31):
    post(client, draft, "submit", token_make(reporter_001))
    for action, body in (("approve", None), ("return", {"reason": "Thiếu số liệu"})):
        assert post(client, draft, action, token_make(officer_31), body).status_code == 404
    assert state_of(draft) == State.SUBMITTED


def test_a_read_only_token_cannot_act(client, draft, reporter_001, officer_01):
    assert post(client, draft, "submit", token_make(reporter_001, read_only=True)).status_code \
        == 403
    post(client, draft, "submit", token_make(reporter_001))
    response = post(client, draft, "approve", token_make(officer_01, read_only=True))
    assert response.status_code == 403
    assert "chỉ được đọc" in response.json()["detail"]
    assert state_of(draft) == State.SUBMITTED


def test_no_token_or_a_revoked_one_is_401(client, draft, reporter_001):
    key = token_make(reporter_001)
    token_revoke(token=ApiToken.objects.get(user=reporter_001), actor=SYSTEM)
    assert post(client, draft, "submit", key).status_code == 401
    anonymous = client.post(f"/api/v1/submissions/{draft.pk}/submit", {},
                            content_type="application/json")
    assert anonymous.status_code == 401
    assert state_of(draft) == State.DRAFT


def test_returning_needs_a_reason(client, draft, reporter_001, officer_01):
    post(client, draft, "submit", token_make(reporter_001))
    key = token_make(officer_01)
    refused = post(client, draft, "return", key, {"reason": "  "})
    assert refused.status_code == 409 and "lý do" in refused.json()["detail"].lower()
    response = post(client, draft, "return", key, {"reason": "Số tuyển sinh chưa khớp"})
    assert response.status_code == 200
    assert (response.json()["state"], response.json()["reason"]) == (
        "returned", "Số tuyển sinh chưa khớp"
    )


def test_reopening_an_approved_report(client, draft, reporter_001, officer_01):
    post(client, draft, "submit", token_make(reporter_001))
    key = token_make(officer_01)
    post(client, draft, "approve", key)
    assert post(client, draft, "approve", key).status_code == 409  # already approved
    response = post(client, draft, "reopen", key, {"reason": "Sửa số liệu quý 4"})
    assert response.status_code == 200 and response.json()["state"] == "returned"
    # Returned, the reporter can hand it in again.
    assert post(client, draft, "submit", token_make(reporter_001)).json()["state"] == \
        "submitted"


def test_a_reporter_cannot_reopen(client, draft, reporter_001, officer_01):
    post(client, draft, "submit", token_make(reporter_001))
    post(client, draft, "approve", token_make(officer_01))
    response = post(client, draft, "reopen", token_make(reporter_001), {"reason": "Sửa"})
    assert response.status_code == 403
    assert state_of(draft) == State.APPROVED


def test_unknown_fields_and_wrong_types_are_400(client, draft, reporter_001, officer_01):
    post(client, draft, "submit", token_make(reporter_001))
    key = token_make(officer_01)
    unknown = post(client, draft, "return", key, {"reason": "Thiếu", "urgent": True})
    assert unknown.status_code == 400
    assert unknown.json()["errors"] == [{"field": "urgent", "message": "trường không được hỗ trợ"}]
    wrong = post(client, draft, "return", key, {"reason": 12})
    assert wrong.status_code == 400 and wrong.json()["errors"][0]["field"] == "reason"
    nul = post(client, draft, "return", key, {"reason": "Thiếu\u0000"})
    assert nul.status_code == 400 and "NUL" in nul.json()["detail"]
    assert state_of(draft) == State.SUBMITTED


def test_get_on_an_action_is_405(client, draft, officer_01):
    response = client.get(f"/api/v1/submissions/{draft.pk}/approve",
                          headers=bearer(token_make(officer_01)))
    assert response.status_code == 405


ACTIONS = [("submit", None), ("approve", None), ("return", {"reason": "Thiếu số liệu"}),
           ("reopen", {"reason": "Sửa số liệu"})]


@pytest.mark.parametrize(("action", "body"), ACTIONS)
def test_every_action_refuses_read_only_revoked_no_token_and_another_city(
    client, draft, officer_01, officer_31, action, body
):
    read_only = post(client, draft, action, token_make(officer_01, read_only=True), body)
    assert read_only.status_code == 403
    assert post(client, draft, action, token_make(officer_31), body).status_code == 404
    key = token_make(officer_01, name="sẽ thu hồi")
    token_revoke(token=ApiToken.objects.get(name="sẽ thu hồi"), actor=SYSTEM)
    assert post(client, draft, action, key, body).status_code == 401
    anonymous = client.post(f"/api/v1/submissions/{draft.pk}/{action}", body or {},
                            content_type="application/json")
    assert anonymous.status_code == 401
    assert state_of(draft) == State.DRAFT
    assert not Submission.history.filter(id=draft.pk, history_change_reason__startswith="API")
