"""What the import commands share: who they act as, and how they print a problem."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from districts.scope import SYSTEM, Action, Actor, can_anywhere
from reports.imports.parsing import Problem


def problem_line(problem: Problem) -> str:
    """`line 3, column gia_tri: …` (the message itself is translated); a problem of the
    whole import (line 0: the plan, the amendment) has no line."""
    level = "" if problem.is_error else "warning: "
    if not problem.line:
        return f"{level}{problem.message}"
    where = f"line {problem.line}" + (f", column {problem.column}" if problem.column else "")
    return f"{where}: {level}{problem.message}"


def command_actor(username: str | None, action: Action, refused: str) -> Actor:
    """The active user `--user` names, who must hold a role for `action` somewhere (else
    `refused`, e.g. "may not import reports"); the system operator without `--user`."""
    if not username:
        return SYSTEM
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"no active user named {username!r}")
    if not can_anywhere(user, action):
        raise CommandError(f"{username} {refused}")
    return user
