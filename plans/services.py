"""Writes of plans' headers and states; every one in a transaction, recorded.

History: every save of a plan leaves a django-simple-history record with the acting user
and a change reason. The actor is the user of a page, or `SYSTEM` for the command-line
loaders; there is no default. The targets of a plan are written by `targets.services`,
with the same recording helpers (`check_manage`, `record_change`, `acting_user`, `change_reason`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from districts import sources
from districts.models import Unit
from districts.scope import Action, Actor, can, recorded_user

from .models import TRANSITION_YEAR, Plan
from .selectors import plan_is_visible

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# The change-reason column of the history tables holds 100 characters.
REASON_LENGTH = 100

PLAN_FIELDS = frozenset(
    {
        "code",
        "number",
        "title",
        "title_en",
        "issued_on",
        "signer",
        "kind",
        "first_year",
        "last_year",
        "legal_basis",
        "units_deadline",
        "consolidation_deadline",
        "transition_units",
    }
)


def check_manage(actor: Actor, unit: Unit) -> None:
    """Refuse (PermissionDenied) an actor who does not manage `unit`; `SYSTEM` always may."""
    if not can(actor, unit, Action.MANAGE):
        raise PermissionDenied


def change_reason(text: str) -> str:
    """The source on one line, cut to fit the history's change-reason column; a source is
    a `districts.sources` code, shown in the reader's language."""
    text = " ".join(text.split())
    return text if len(text) <= REASON_LENGTH else text[: REASON_LENGTH - 1] + "…"


def acting_user(actor: Actor) -> User | None:
    """The user a history record or a `created_by` names (None for the system)."""
    return recorded_user(actor)


def record_change(obj, actor: Actor, reason: str) -> None:
    """Name the acting user and the reason in the history record `obj.save()` writes."""
    obj._history_user = acting_user(actor)
    obj._change_reason = change_reason(reason)


def _plan_fields(fields: Mapping) -> dict:
    unknown = set(fields) - PLAN_FIELDS
    if unknown:
        raise TypeError(f"not plan fields: {', '.join(sorted(unknown))}")
    return dict(fields)


# --- plans ----------------------------------------------------------------------------------


@transaction.atomic
def plan_create(
    *, actor: Actor, issuer: Unit, implements: Iterable[Plan] = (), reason: str = "", **fields
) -> Plan:
    """A new draft plan of `issuer`; the actor must be one of its officers. `reason` says
    where the change was made when it is not the plan pages (the admin)."""
    check_manage(actor, issuer)
    plan = Plan(issuer=issuer, created_by=acting_user(actor), **_plan_fields(fields))
    plan.full_clean()
    record_change(plan, actor, reason or sources.PLAN_CREATED)
    plan.save()
    plan.implements.set(list(implements))
    return plan


def plan_header_check(
    plan: Plan, *, issuer_id: int, first_year: int, last_year: int, transition_units: str
) -> None:
    """The rules a saved plan's header keeps, whichever page changes it: its issuer
    changes only while it has no targets, its years keep covering every target, and the
    units of its 2025 quotas change only while it gives none."""
    if issuer_id != plan.issuer_id and plan.targets.exists():
        raise ValidationError(
            {"issuer": _("The plan has targets: its issuing unit can no longer change.")}
        )
    if (
        transition_units != plan.transition_units
        and plan.targets.filter(year=TRANSITION_YEAR).exclude(unit_id=plan.issuer_id).exists()
    ):
        raise ValidationError({"transition_units": _(
            "The plan already gives quotas for 2025: delete them before handing 2025 to "
            "other units."
        )})
    outside = plan.targets.exclude(year__gte=first_year, year__lte=last_year)
    if outside.exists():
        years = sorted(set(outside.values_list("year", flat=True)))
        raise ValidationError(
            _("The plan has targets in %(years)s: keep those years or delete the targets first.")
            % {"years": ", ".join(str(y) for y in years)}
        )


@transaction.atomic
def plan_update(
    *, plan: Plan, actor: Actor, issuer: Unit | None = None,
    implements: Iterable[Plan] | None = None, reason: str = "", **fields,
) -> Plan:
    """Change a plan's header under `plan_header_check`. Its state (draft, issued,
    superseded) changes only through `plan_issue` and `plan_supersede`."""
    plan = Plan.objects.select_for_update().select_related("issuer").get(pk=plan.pk)
    check_manage(actor, plan.issuer)
    values = _plan_fields(fields)
    if issuer is not None and issuer.pk != plan.issuer_id:
        check_manage(actor, issuer)
    saved = Plan.objects.get(pk=plan.pk)
    if issuer is not None:
        plan.issuer = issuer
    for name, value in values.items():
        setattr(plan, name, value)
    plan.full_clean()
    plan_header_check(
        saved, issuer_id=plan.issuer_id, first_year=plan.first_year, last_year=plan.last_year,
        transition_units=plan.transition_units,
    )
    record_change(plan, actor, reason or sources.PLAN_EDITED)
    plan.save()
    if implements is not None:
        plan.implements.set([p for p in implements if p.pk != plan.pk])
    return plan


@transaction.atomic
def plan_issue(*, plan: Plan, actor: Actor, issued_on: datetime.date | None = None) -> Plan:
    """Draft → issued: from now on its targets change only through an amendment."""
    plan = Plan.objects.select_for_update().select_related("issuer").get(pk=plan.pk)
    check_manage(actor, plan.issuer)
    if plan.status != Plan.Status.DRAFT:
        raise ValidationError(_("Only a draft plan can be issued."))
    plan.status = Plan.Status.ISSUED
    if issued_on is not None:
        plan.issued_on = issued_on
    record_change(plan, actor, sources.PLAN_ISSUED)
    plan.save()
    return plan


@transaction.atomic
def plan_supersede(*, plan: Plan, actor: Actor, by: Plan) -> Plan:
    """Mark `plan` superseded by `by`, a plan the actor can see."""
    plan = Plan.objects.select_for_update().select_related("issuer").get(pk=plan.pk)
    check_manage(actor, plan.issuer)
    if plan.status == Plan.Status.SUPERSEDED:
        raise ValidationError(_("This plan is already superseded."))
    if plan.status != Plan.Status.ISSUED:
        raise ValidationError(_("Only an issued plan can be superseded."))
    if by.pk == plan.pk:
        raise ValidationError(_("A plan cannot supersede itself."))
    if by.status == Plan.Status.SUPERSEDED:
        raise ValidationError(_("The replacing plan is itself superseded."))
    if not plan_is_visible(actor, by):
        raise PermissionDenied
    plan.status = Plan.Status.SUPERSEDED
    plan.superseded_by = by
    record_change(plan, actor, sources.code(sources.PLAN_SUPERSEDED, by.code))
    plan.save()
    return plan
