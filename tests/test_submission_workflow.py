"""The workflow of a report: draft → submitted → approved, returned with a reason, reopened."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from reports.models import Actual, Submission
from reports.services import (
    SOURCE_ENTRY,
    SOURCE_REVIEW,
    LockedError,
    TransitionError,
    actuals_save,
    submission_approve,
    submission_reopen,
    submission_return,
    submission_submit,
)
from tests.factories import BA_DINH_QUOTAS, hanoi_2024_header, quotas_make, row

pytestmark = pytest.mark.django_db

State = Submission.State
FILLED = {code: row(value) for code, value in BA_DINH_QUOTAS.items()}


class People(dict):
    """The users of a test, made when first asked for (password hashing is slow)."""

    ROLES = {
        "reporter": ("reporter", "001"),
        "officer": ("officer", "01"),
        "viewer": ("viewer", "01"),
        "hai_phong": ("officer", "31"),
    }

    def __init__(self, make_user):
        super().__init__()
        self.make_user = make_user

    def __missing__(self, name):
        self[name] = self.make_user(*self.ROLES[name])
        return self[name]


@pytest.fixture(autouse=True)
def english():
    """The services' messages in their source language, whatever the catalogue holds."""
    with translation.override("en"):
        yield


@pytest.fixture
def people(make_user, ba_dinh):
    plan = hanoi_2024_header()
    quotas_make(plan=plan, unit=ba_dinh)
    return People(make_user)


def draft(people, ba_dinh) -> Submission:
    result = actuals_save(unit=ba_dinh, period="2024", rows=FILLED, actor=people["reporter"],
        source=SOURCE_ENTRY,
    )
    assert result.ok
    return result.submission


def submitted(people, ba_dinh) -> Submission:
    return submission_submit(submission=draft(people, ba_dinh), actor=people["reporter"],
        source=SOURCE_ENTRY,
    )


def test_draft_to_submitted(people, ba_dinh):
    submission = draft(people, ba_dinh)
    assert submission.state == State.DRAFT
    submission = submission_submit(submission=submission, actor=people["reporter"],
        source=SOURCE_ENTRY,
    )
    assert submission.state == State.SUBMITTED
    assert submission.submitted_by == people["reporter"] and submission.submitted_at


def test_submit_refuses_a_report_with_an_empty_target_row(people, ba_dinh):
    rows = dict(FILLED)
    del rows["enrol_elementary"]
    result = actuals_save(unit=ba_dinh, period="2024", rows=rows, actor=people["reporter"],
        source=SOURCE_ENTRY,
    )
    with pytest.raises(TransitionError, match="Fill in every indicator with a target"):
        submission_submit(submission=result.submission, actor=people["reporter"],
            source=SOURCE_ENTRY,
        )
    result.submission.refresh_from_db()
    assert result.submission.state == State.DRAFT


def test_submitted_to_approved(people, ba_dinh):
    submission = submission_approve(submission=submitted(people, ba_dinh), actor=people["officer"],
        source=SOURCE_REVIEW,
    )
    assert submission.state == State.APPROVED
    assert submission.reviewed_by == people["officer"]


def test_submitted_to_returned_with_a_reason(people, ba_dinh):
    submission = submission_return(
        submission=submitted(people, ba_dinh),
        actor=people["officer"],
        reason="Số trung cấp chưa khớp với báo cáo của trường.", source=SOURCE_REVIEW)
    assert submission.state == State.RETURNED
    assert submission.reason == "Số trung cấp chưa khớp với báo cáo của trường."


def test_returned_to_submitted_after_a_correction(people, ba_dinh):
    submission = submission_return(
        submission=submitted(people, ba_dinh), actor=people["officer"], reason="Kiểm tra lại.",
            source=SOURCE_REVIEW,
        )
    rows = {"enrol_intermediate": row("1.650", version=1), "enrol_total": row("6.050", version=1)}
    result = actuals_save(unit=ba_dinh, period="2024", rows=rows, actor=people["reporter"],
        source=SOURCE_ENTRY,
    )
    assert result.ok and result.updated == 2
    submission = submission_submit(submission=submission, actor=people["reporter"],
        source=SOURCE_ENTRY,
    )
    assert submission.state == State.SUBMITTED


def test_an_officer_reopens_an_approved_report_with_a_reason(people, ba_dinh):
    submission = submission_approve(submission=submitted(people, ba_dinh), actor=people["officer"],
        source=SOURCE_REVIEW,
    )
    submission = submission_reopen(
        submission=submission, actor=people["officer"], reason="Sở yêu cầu bổ sung số liệu.",
            source=SOURCE_REVIEW,
        )
    assert submission.state == State.RETURNED
    assert submission.reason == "Sở yêu cầu bổ sung số liệu."


def test_a_reporter_cannot_approve_return_or_reopen(people, ba_dinh):
    submission = submitted(people, ba_dinh)
    with pytest.raises(PermissionDenied):
        submission_approve(submission=submission, actor=people["reporter"], source=SOURCE_REVIEW)
    with pytest.raises(PermissionDenied):
        submission_return(submission=submission, actor=people["reporter"], reason="x",
            source=SOURCE_REVIEW,
        )
    submission = submission_approve(submission=submission, actor=people["officer"],
        source=SOURCE_REVIEW,
    )
    with pytest.raises(PermissionDenied):
        submission_reopen(submission=submission, actor=people["reporter"], reason="x",
            source=SOURCE_REVIEW,
        )
    submission.refresh_from_db()
    assert submission.state == State.APPROVED


def test_an_officer_of_another_province_cannot_approve(people, ba_dinh):
    submission = submitted(people, ba_dinh)
    with pytest.raises(PermissionDenied):
        submission_approve(submission=submission, actor=people["hai_phong"], source=SOURCE_REVIEW)


def test_a_viewer_can_neither_write_nor_submit(people, ba_dinh):
    with pytest.raises(PermissionDenied):
        actuals_save(unit=ba_dinh, period="2024", rows=FILLED, actor=people["viewer"],
            source=SOURCE_ENTRY,
        )
    with pytest.raises(PermissionDenied):
        submission_submit(submission=draft(people, ba_dinh), actor=people["viewer"],
            source=SOURCE_ENTRY,
        )


def test_approve_without_submit_is_refused(people, ba_dinh):
    submission = draft(people, ba_dinh)
    with pytest.raises(TransitionError, match="only a submitted report can be approved"):
        submission_approve(submission=submission, actor=people["officer"], source=SOURCE_REVIEW)
    submission.refresh_from_db()
    assert submission.state == State.DRAFT


def test_return_without_a_reason_is_refused(people, ba_dinh):
    submission = submitted(people, ba_dinh)
    for reason in ("", "   "):
        with pytest.raises(TransitionError, match="Give the reason"):
            submission_return(submission=submission, actor=people["officer"], reason=reason,
                source=SOURCE_REVIEW,
            )
    submission.refresh_from_db()
    assert submission.state == State.SUBMITTED


def test_reopen_needs_an_approved_report_and_a_reason(people, ba_dinh):
    submission = submitted(people, ba_dinh)
    with pytest.raises(TransitionError, match="only an approved report can be reopened"):
        submission_reopen(submission=submission, actor=people["officer"], reason="x",
            source=SOURCE_REVIEW,
        )
    submission = submission_approve(submission=submission, actor=people["officer"],
        source=SOURCE_REVIEW,
    )
    with pytest.raises(TransitionError, match="Give the reason"):
        submission_reopen(submission=submission, actor=people["officer"], reason="",
            source=SOURCE_REVIEW,
        )


def test_a_report_cannot_be_submitted_twice(people, ba_dinh):
    submission = submitted(people, ba_dinh)
    with pytest.raises(TransitionError):
        submission_submit(submission=submission, actor=people["reporter"], source=SOURCE_ENTRY)


def test_writes_to_approved_values_are_refused_for_everyone(people, ba_dinh):
    submission_approve(submission=submitted(people, ba_dinh), actor=people["officer"],
        source=SOURCE_REVIEW,
    )
    rows = {"enrol_total": row("7.000", version=1)}
    for actor in (people["reporter"], people["officer"]):
        with pytest.raises(LockedError, match="approved"):
            actuals_save(unit=ba_dinh, period="2024", rows=rows, actor=actor, source=SOURCE_ENTRY)
    total = Actual.objects.get(unit=ba_dinh, period="2024", indicator__code="enrol_total")
    assert total.value == Decimal(6000) and total.version == 1


def test_a_submitted_report_is_closed_to_the_reporter_but_not_to_the_officer(people, ba_dinh):
    submitted(people, ba_dinh)
    rows = {"enrol_total": row("6.100", version=1, note="Thêm 100 học viên liên kết.")}
    with pytest.raises(LockedError, match="waits for review"):
        actuals_save(unit=ba_dinh, period="2024", rows=rows, actor=people["reporter"],
            source=SOURCE_ENTRY,
        )
    result = actuals_save(unit=ba_dinh, period="2024", rows=rows, actor=people["officer"],
        source=SOURCE_ENTRY,
    )
    assert result.ok and result.updated == 1


def test_reopened_values_can_be_corrected_again(people, ba_dinh):
    submission = submission_approve(submission=submitted(people, ba_dinh), actor=people["officer"],
        source=SOURCE_REVIEW,
    )
    submission_reopen(submission=submission, actor=people["officer"], reason="Bổ sung.",
        source=SOURCE_REVIEW,
    )
    rows = {"enrol_total": row("6.000", version=1, note="Đã đối chiếu.")}
    result = actuals_save(
        unit=ba_dinh, period="2024", rows=rows, actor=people["reporter"], submit=True,
            source=SOURCE_ENTRY,
        )
    assert result.ok and result.submitted
    assert result.submission.state == State.SUBMITTED
