"""Signals other apps listen to, so that reports needs none of them.

`submission_state_changed` is sent by `reports.services` inside the transaction of a state
change, after the submission is saved, with `submission`, `previous` (its state before)
and `actor`. A receiver that writes does so in that transaction (rolled back with it); one
that talks to the outside world waits for `transaction.on_commit`."""

from __future__ import annotations

from django.dispatch import Signal

submission_state_changed = Signal()
