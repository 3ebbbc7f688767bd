"""The API under concurrency on PostgreSQL: data value sets posted at the same instant
as each other and as an approval, each through its own connection. The reports' locks
serialise them: no value is lost, each change is one version step and one history row,
an approved report never changes, and no request answers 500."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from districts.models import Role, Unit
from districts.scope import SYSTEM
from reports.models import Actual, Submission
from reports.services import SOURCE_ENTRY, SOURCE_REVIEW, actuals_save, submission_approve
from tests.concurrency.helpers import INDICATORS, MONTHS, together, user
from tests.factories import bearer, token_make

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def posting(key: str, values: list[dict]):
    def run():
        response = Client().post("/api/dataValueSets", json.dumps({"dataValues": values}),
                                 content_type="application/json", headers=bearer(key))
        return response.status_code, response.json()
    return run


def ward_values(wards: list[Unit], number: int) -> list[dict]:
    return [{"dataElement": code, "period": month, "orgUnit": ward.code, "value": str(number)}
            for ward in wards for month in MONTHS for code in INDICATORS]


def test_two_sets_at_once_are_written_one_after_the_other(ba_dinh, wards, stored_values):
    officer = user("officer.api", Role.OFFICER, ba_dinh)
    first, second = token_make(officer, name="một"), token_make(officer, name="hai")
    outcomes = together(posting(first, ward_values(wards, 20)),
                        posting(second, ward_values(wards, 30)))
    assert [status for status, _summary in outcomes] == [200, 200], outcomes
    counts = sorted(summary["importCount"]["updated"] for _status, summary in outcomes)
    assert counts == [stored_values, stored_values]  # each changed every value
    # One set came wholly after the other: every value is the later one's, at version 3.
    assert {(a.value, a.version) for a in Actual.objects.all()} in (
        {(20, 3)}, {(30, 3)})
    assert Actual.history.count() == 3 * stored_values


def test_a_set_against_an_approval(ba_dinh):
    reporter = user("reporter.api", Role.REPORTER, ba_dinh)
    officer = user("officer.api", Role.OFFICER, ba_dinh)
    saved = actuals_save(unit=ba_dinh, period="2024", actor=reporter, source=SOURCE_ENTRY,
                         rows={"enrol_total": {"value": "5.000"},
                               "graduates_attracted": {"value": "650"}}, submit=True)
    assert saved.ok and saved.submitted
    key = token_make(officer)
    change = posting(key, [{"dataElement": "enrol_total", "period": "2024", "orgUnit": "001",
                            "value": "5200"}])
    outcomes = together(change, lambda: submission_approve(
        submission=saved.submission, actor=SYSTEM, source=SOURCE_REVIEW))
    (status, summary), approval = outcomes
    assert isinstance(approval, Submission) and approval.state == Submission.State.APPROVED
    actual = Actual.objects.get(indicator__code="enrol_total")
    if status == 200:  # the officer's change came first, then the approval
        assert (actual.value, actual.version) == (5200, 2)
    else:  # the approval came first: the approved value stands
        assert status == 409 and summary["conflicts"][0]["errorCode"] == "E7630"
        assert (actual.value, actual.version) == (5000, 1)
    assert actual.history.count() == actual.version
