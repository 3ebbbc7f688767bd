"""Instant notices: when a report changes state (reports/signals.py), its unit's reporters
are told, in the same transaction; the mails go out on commit."""

from __future__ import annotations

from django.dispatch import receiver

from reports.models import Submission
from reports.signals import submission_state_changed

from .sending import state_change_notify


@receiver(submission_state_changed, sender=Submission, dispatch_uid="notices.state_change")
def _on_state_change(sender, *, submission: Submission, previous: str, **kwargs) -> None:
    state_change_notify(submission=submission, previous=previous)
