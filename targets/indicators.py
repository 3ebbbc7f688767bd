"""Writes of the indicators a department defines: create, edit, retire, delete.

The shipped catalogue (`targets/catalogue.py`, `shipped`) is the base every unit shares:
its codes are fixed and no one edits or deletes it here. A department's indicator belongs
to the province that defines it (`owner`) and is seen only within that province's subtree;
a superuser may define one for the whole country (no owner). Every write is atomic, runs
`full_clean()` and leaves a history record with the acting user and the page it came from.
One that targets or actuals use is never deleted, only retired.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from districts.models import Role, Unit
from districts.scope import Actor, roles_on
from districts.text import fold
from plans.services import record_change

from .catalogue import INDICATOR_CODES
from .models import Indicator
from .printed_names import PRINTED_NAMES

CODE = re.compile(r"^[a-z][a-z0-9_]{2,59}$")
SOURCE = "indicator page"


@dataclass(frozen=True)
class IndicatorInput:
    """What an officer types for an indicator (the code only when creating)."""

    name_vi: str
    name_en: str
    unit: str
    kind: str
    direction: str = Indicator.Dir.HIGHER
    tolerance: Decimal | None = None
    component_of: Indicator | None = None
    part_of: Indicator | None = None
    description_vi: str = ""
    description_en: str = ""
    aliases: str = ""


def may_define(actor: Actor, owner: Unit | None) -> bool:
    """A superuser for any province or the whole country (no owner); an officer of a
    province for that province."""
    if actor.is_authenticated and actor.is_superuser:
        return True
    if owner is None or owner.level != Unit.Level.PROVINCE:
        return False
    return Role.OFFICER in roles_on(actor, owner)


def _check_define(actor: Actor, owner: Unit | None) -> None:
    if not may_define(actor, owner):
        raise PermissionDenied


def _check_editable(actor: Actor, indicator: Indicator) -> None:
    if indicator.shipped:
        raise ValidationError(
            _("“%(code)s” is in the shipped catalogue: its code and fields are fixed.")
            % {"code": indicator.code}
        )
    _check_define(actor, indicator.owner)


def _check_code(code: str) -> None:
    if not CODE.fullmatch(code):
        raise ValidationError(
            {"code": _("A code is 3 to 60 lower-case letters without diacritics, digits and "
                       "“_”, starting with a letter, e.g. “hp_high_quality_colleges”.")}
        )
    if code in INDICATOR_CODES:
        raise ValidationError({"code": _("“%(code)s” is a code of the shipped catalogue.")
                               % {"code": code}})
    if Indicator.objects.filter(code=code).exists():
        raise ValidationError({"code": _("The code “%(code)s” is already used.")
                               % {"code": code}})


def _visible_from(owner: Unit | None, other: Indicator) -> bool:
    """Whether an indicator owned by `owner` may link to `other`: the shared catalogue, or
    one of the same province's (a country-wide one links to country-wide ones only)."""
    if other.owner_id is None:
        return True
    return owner is not None and other.owner_id == owner.pk


def _check_links(indicator: Indicator) -> None:
    errors: dict[str, str] = {}
    for name, other in (("component_of", indicator.component_of),
                        ("part_of", indicator.part_of)):
        if other is None:
            continue
        if not _visible_from(indicator.owner, other):
            errors[name] = _("Choose an indicator of the catalogue or of your own department.")
        elif indicator.pk and _reaches(other, indicator, name):
            errors[name] = _("An indicator cannot be linked to itself, directly or through "
                             "another.")
    total = indicator.component_of
    if "component_of" not in errors and total is not None and total.kind != indicator.kind:
        errors["component_of"] = _("Components add up to their total: both must be of the "
                                   "same kind (“%(kind)s”).") % {"kind": total.get_kind_display()}
    if errors:
        raise ValidationError(errors)


def _reaches(start: Indicator, target: Indicator, link: str) -> bool:
    """Whether following `link` from `start` arrives at `target` (a cycle)."""
    seen: set[int] = set()
    current: Indicator | None = start
    while current is not None and current.pk not in seen:
        if current.pk == target.pk:
            return True
        seen.add(current.pk)
        current = getattr(current, link)
    return False


def _taken_names(indicator: Indicator) -> dict[str, str]:
    """Folded names and printed names of the other indicators an import for this
    indicator's units reads, with their codes."""
    others = Indicator.objects.exclude(pk=indicator.pk)
    if indicator.owner_id is None:
        others = others.filter(owner__isnull=True)
    else:
        others = others.for_unit(indicator.owner)
    taken: dict[str, str] = {}
    for other in others:
        for name in (other.name_vi, other.name_en, *other.printed_names,
                     *PRINTED_NAMES.get(other.code, ())):
            taken.setdefault(fold(name), other.code)
    return taken


def _check_aliases(indicator: Indicator) -> None:
    taken = _taken_names(indicator)
    for name in (indicator.name_vi, *indicator.printed_names):
        code = taken.get(fold(name))
        if code is not None:
            raise ValidationError(
                {"aliases" if name != indicator.name_vi else "name_vi":
                 _("“%(name)s” already names the indicator “%(code)s”: an import could not "
                   "tell them apart.") % {"name": name, "code": code}}
            )


def _check_tolerance(indicator: Indicator) -> None:
    if indicator.tolerance is not None and indicator.tolerance < 0:
        raise ValidationError({"tolerance": _("A tolerance cannot be negative.")})


def _in_use(indicator: Indicator) -> bool:
    return indicator.targets.exists() or indicator.actuals.exists()


def _apply(indicator: Indicator, data: IndicatorInput) -> None:
    for item in fields(data):
        value = getattr(data, item.name)
        if isinstance(value, str):
            value = value.strip() if item.name != "aliases" else "\n".join(
                line.strip() for line in value.splitlines() if line.strip()
            )
        setattr(indicator, item.name, value)
    indicator.higher_is_better = indicator.direction != Indicator.Dir.LOWER


def _save(indicator: Indicator, *, actor: Actor, reason: str) -> Indicator:
    indicator.full_clean(exclude=["code"] if indicator.pk else None)
    _check_tolerance(indicator)
    _check_links(indicator)
    _check_aliases(indicator)
    record_change(indicator, actor, reason)
    indicator.save()
    return indicator


@transaction.atomic
def indicator_create(
    *, actor: Actor, owner: Unit | None, code: str, data: IndicatorInput
) -> Indicator:
    """A new department indicator of `owner` (a province; None: the whole country)."""
    _check_define(actor, owner)
    code = code.strip()
    _check_code(code)
    indicator = Indicator(code=code, owner=owner, sort_order=1000)
    _apply(indicator, data)
    return _save(indicator, actor=actor, reason=SOURCE)


@transaction.atomic
def indicator_update(*, actor: Actor, indicator: Indicator, data: IndicatorInput) -> Indicator:
    """Change a department indicator's fields; its code and owner stay. Its kind is fixed
    once targets or actuals use it (their numbers were read by it)."""
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    _check_editable(actor, indicator)
    if data.kind != indicator.kind and _in_use(indicator):
        raise ValidationError(
            {"kind": _("Targets or actuals use this indicator: its kind cannot change.")}
        )
    _apply(indicator, data)
    return _save(indicator, actor=actor, reason=SOURCE)


@transaction.atomic
def indicator_retire(*, actor: Actor, indicator: Indicator, retired: bool = True) -> Indicator:
    """Retire (or bring back) a department indicator: a retired one is not offered for
    new targets, and stays wherever targets or actuals use it."""
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    _check_editable(actor, indicator)
    if indicator.retired != retired:
        indicator.retired = retired
        record_change(indicator, actor, SOURCE)
        indicator.save(update_fields=["retired"])
    return indicator


@transaction.atomic
def indicator_delete(*, actor: Actor, indicator: Indicator) -> None:
    """Delete a department indicator nothing uses; one in use can only be retired."""
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    _check_editable(actor, indicator)
    refusal = ValidationError(
        _("Targets, actuals or other indicators use “%(code)s”: it cannot be deleted, only "
          "retired.") % {"code": indicator.code}
    )
    if _in_use(indicator) or indicator.components.exists() or indicator.parts.exists():
        raise refusal
    record_change(indicator, actor, SOURCE)
    try:
        indicator.delete()
    except ProtectedError as exc:  # a use that appeared since (or one of another app)
        raise refusal from exc
