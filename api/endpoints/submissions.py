"""Submissions (a unit's report for a period) with their state, and the workflow's
actions — submit, approve, return, reopen — through the same services and rules as the
entry and review pages."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from pydantic import ConfigDict

from districts.scope import Action, scope_filter
from reports.models import Submission
from reports.selectors.review import submission_for_user
from reports.services import (
    submission_approve,
    submission_reopen,
    submission_return,
    submission_submit,
)

from ..auth import reader, source, writer
from ..errors import BadRequest
from ..lookups import day_of, period_of, units_named

router = Router()
PAGE_MAX = 5_000
OFFSET_MAX = 1_000_000_000
REASON_MAX = 2_000


class SubmissionOut(Schema):
    id: int
    unit: str
    unit_name: str
    period: str
    state: str
    reason: str
    submitted_at: datetime.datetime | None
    submitted_by: str | None
    reviewed_at: datetime.datetime | None
    reviewed_by: str | None
    updated_at: datetime.datetime


def submission_out(submission: Submission) -> dict:
    return {
        "id": submission.pk, "unit": submission.unit.code, "unit_name": submission.unit.name,
        "period": submission.period, "state": submission.state, "reason": submission.reason,
        "submitted_at": submission.submitted_at,
        "submitted_by": submission.submitted_by.username if submission.submitted_by else None,
        "reviewed_at": submission.reviewed_at,
        "reviewed_by": submission.reviewed_by.username if submission.reviewed_by else None,
        "updated_at": submission.updated_at,
    }


class SubmissionFilters(Schema):
    unit: str = Field("", description="a unit's official code")
    day: str = Field("", description="the day the unit code is read on (YYYY-MM-DD)")
    subtree: bool = False
    period: str = ""
    state: str = Field("", description="draft, submitted, returned or approved")
    limit: int = Field(1000, ge=1, le=PAGE_MAX)
    offset: int = Field(0, ge=0, le=OFFSET_MAX)


@router.get("submissions", response=list[SubmissionOut],
            summary="Reports of the units the token's user sees, with their state")
def submissions_list(request: HttpRequest, filters: Query[SubmissionFilters]):
    user = reader(request)
    submissions = Submission.objects.filter(scope_filter(user, Action.VIEW, prefix="unit__"))
    if filters.unit:
        submissions = submissions.filter(units_named(
            user, filters.unit, day=day_of(filters.day) if filters.day else None,
            subtree=filters.subtree,
        ))
    if filters.period:
        submissions = submissions.filter(period=str(period_of(filters.period)))
    if filters.state:
        if filters.state not in Submission.State.values:
            raise BadRequest(_("The state is one of draft, submitted, returned or approved."))
        submissions = submissions.filter(state=filters.state)
    submissions = submissions.select_related(
        "unit", "submitted_by", "reviewed_by"
    ).order_by("unit__path", "period")
    page = submissions[filters.offset: filters.offset + filters.limit]
    return [submission_out(s) for s in page]


@router.get("submissions/{submission_id}", response=SubmissionOut, summary="One report")
def submission_detail(request: HttpRequest, submission_id: int):
    return submission_out(submission_for_user(reader(request), submission_id, Action.VIEW))


class Reason(Schema):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field("", max_length=REASON_MAX,
                        description="why (needed to return or reopen a report)")


class NoBody(Schema):
    model_config = ConfigDict(extra="forbid")


def _act(request: HttpRequest, submission_id: int, *, action: Action, service: Callable,
         reason: str | None = None) -> dict:
    """Check the token (writes, the unit in sight), then let the service decide: its
    refusals (state, rights, missing values) come back as 409/403 with its message."""
    user = writer(request)
    submission = submission_for_user(user, submission_id, action)
    arguments: dict = {"submission": submission, "actor": user, "source": source(request)}
    if reason is not None:
        if "\x00" in reason:
            raise BadRequest(_("The reason contains a NUL character (\\0); remove it."))
        arguments["reason"] = reason
    done = service(**arguments)
    return submission_out(submission_for_user(user, done.pk, Action.VIEW))


@router.post("submissions/{submission_id}/submit", response=SubmissionOut,
             summary="Hand the report in (draft or returned → submitted)")
def submission_submit_api(request: HttpRequest, submission_id: int,
                          body: NoBody | None = None):
    return _act(request, submission_id, action=Action.REPORT, service=submission_submit)


@router.post("submissions/{submission_id}/approve", response=SubmissionOut,
             summary="Approve a submitted report (officers); its values are then locked")
def submission_approve_api(request: HttpRequest, submission_id: int,
                           body: NoBody | None = None):
    return _act(request, submission_id, action=Action.MANAGE, service=submission_approve)


@router.post("submissions/{submission_id}/return", response=SubmissionOut,
             summary="Return a submitted report to its unit, with the reason (officers)")
def submission_return_api(request: HttpRequest, submission_id: int, body: Reason):
    return _act(request, submission_id, action=Action.MANAGE, service=submission_return,
                reason=body.reason)


@router.post("submissions/{submission_id}/reopen", response=SubmissionOut,
             summary="Reopen an approved report for correction, with the reason (officers)")
def submission_reopen_api(request: HttpRequest, submission_id: int, body: Reason):
    return _act(request, submission_id, action=Action.MANAGE, service=submission_reopen,
                reason=body.reason)
