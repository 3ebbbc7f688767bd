"""What a notice says, in the recipient's language (Vietnamese unless they chose English).

Each function returns (subject, body); the body is plain text, one paragraph per line.
Dates are written day first in both languages (15/12/2024).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from districts.models import Unit
from reports.models import Submission
from reports.periods import Period

from .chase import OwedReport


def day(value: datetime.date) -> str:
    return date_format(value, "d/m/Y")


def _names(owed: OwedReport) -> dict[str, str]:
    return {
        "unit": owed.unit.name,
        "period": owed.deadlines.period.phrase(),
        "plan": owed.plan.number or owed.plan.code,
        "deadline": day(owed.deadlines.units_deadline),
    }


def reminder(owed: OwedReport, today: datetime.date) -> tuple[str, str]:
    names = _names(owed)
    days = owed.days_left(today)
    subject = _("Reminder: the report of %(unit)s for %(period)s is due on %(deadline)s") % names
    lines = [
        ngettext(
            "The report of %(unit)s for %(period)s (plan %(plan)s) is due on %(deadline)s, "
            "in %(days)d day.",
            "The report of %(unit)s for %(period)s (plan %(plan)s) is due on %(deadline)s, "
            "in %(days)d days.",
            days,
        ) % {**names, "days": days},
        _("It has not been submitted yet."),
    ]
    if owed.state == Submission.State.RETURNED and owed.reason:
        lines.append(_("It was returned: %(reason)s") % {"reason": owed.reason})
    return subject, "\n".join(lines)


def overdue(owed: OwedReport, today: datetime.date) -> tuple[str, str]:
    names = _names(owed)
    days = -owed.days_left(today)
    subject = _("Overdue: the report of %(unit)s for %(period)s was due on %(deadline)s") % names
    lines = [
        ngettext(
            "The report of %(unit)s for %(period)s (plan %(plan)s) was due on %(deadline)s, "
            "%(days)d day ago, and has not been submitted.",
            "The report of %(unit)s for %(period)s (plan %(plan)s) was due on %(deadline)s, "
            "%(days)d days ago, and has not been submitted.",
            days,
        ) % {**names, "days": days},
        _("Please submit it as soon as you can."),
    ]
    if owed.state == Submission.State.RETURNED and owed.reason:
        lines.append(_("It was returned: %(reason)s") % {"reason": owed.reason})
    return subject, "\n".join(lines)


def digest(
    today: datetime.date, *, waiting: Sequence[Submission], late: Sequence[OwedReport]
) -> tuple[str, str]:
    subject = _(
        "Digest of %(day)s: %(waiting)d reports waiting for review, %(late)d overdue"
    ) % {"day": day(today), "waiting": len(waiting), "late": len(late)}
    lines = []
    if waiting:
        lines.append(_("Waiting for your review:"))
        for s in waiting:
            again = _(" (submitted again after a return)") if s.reason else ""
            lines.append(f"- {s.unit.name} · {Period.parse(s.period).label()}{again}")
    if late:
        lines.append(_("Overdue, not submitted:"))
        for o in late:
            lines.append(
                "- " + _("%(unit)s · %(period)s · plan %(plan)s, due %(deadline)s")
                % {**_names(o), "period": o.deadlines.period.label()}  # a list: "Năm 2024"
            )
    return subject, "\n".join(lines)


def state_change(submission: Submission, unit: Unit, kind: str) -> tuple[str, str]:
    names = {"unit": unit.name, "period": Period.parse(submission.period).phrase()}
    if kind == "returned":
        subject = _("The report of %(unit)s for %(period)s was returned") % names
        body = _("An officer returned the report. Reason: %(reason)s\nCorrect it and submit "
                 "it again.") % {"reason": submission.reason}
    elif kind == "reopened":
        subject = _("The report of %(unit)s for %(period)s was reopened") % names
        body = _("An officer reopened the approved report. Reason: %(reason)s\nCorrect it "
                 "and submit it again.") % {"reason": submission.reason}
    else:
        subject = _("The report of %(unit)s for %(period)s was approved") % names
        body = _("An officer approved the report; its values are locked.")
    return subject, body
