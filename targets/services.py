"""Writes of a plan's targets and allocations; every one in a transaction, recorded.

History: every save of a target leaves a django-simple-history record with the acting user
and a change reason (the page, or the amendment that allowed the change). The actor is the
user of a page, or `SYSTEM` for the command-line loaders; there is no default. The plan's own
rules (who manages it, how a change is recorded) are those of `plans.services`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.utils.translation import gettext as _

from districts import sources
from districts.models import Unit
from districts.scope import Actor
from districts.text import fold
from plans.models import Amendment, Plan
from plans.selectors import plan_is_visible
from plans.services import acting_user, check_manage, record_change

from .allocation import split_proportionally
from .cells import canonical_wording, read_cell
from .models import Indicator, Target
from .operators import Operator, wording_unit
from .selectors import grid_units, quota_units, quota_values


@dataclass(frozen=True)
class AmendmentInput:
    """What the officer types for an amendment; the row is created only if targets change."""

    reason: str
    number: str = ""
    issued_on: datetime.date | None = None


@dataclass(frozen=True)
class TargetCell:
    """One grid cell as typed: the indicator, the unit and the wording (blank: no target)."""

    indicator: Indicator
    unit: Unit
    text: str


@dataclass(frozen=True)
class TargetSpec:
    operator: str
    value: Decimal
    value_high: Decimal | None
    wording: str
    note: str | None = None  # None: keep the existing note
    printed_unit: str | None = None  # the unit of measure the plan prints; None: keep


@dataclass
class SaveResult:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    skipped: int = 0
    even: bool = False
    amendment: Amendment | None = None

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.deleted


def amendment_reason(amendment: Amendment) -> str:
    label = amendment.number or f"#{amendment.pk}"
    return sources.code(sources.AMENDMENT, label.replace(sources.SEPARATOR, " "), amendment.reason)


def _same(target: Target, spec: TargetSpec) -> bool:
    return (
        target.operator == spec.operator
        and target.value == spec.value
        and target.value_high == spec.value_high
        and (
            target.wording == spec.wording
            or (not target.wording and spec.wording == shown_wording(target))
        )
        and (spec.note is None or spec.note == target.note)
        and (spec.printed_unit is None or spec.printed_unit == target.printed_unit)
    )


def shown_wording(target: Target) -> str:
    """What a grid cell shows for a target: its printed wording, else a canonical one."""
    return target.wording or canonical_wording(
        target.operator, target.value, target.value_high, target.indicator.kind
    )


def _locked_plan(plan: Plan, actor: Actor, year: int) -> Plan:
    plan = Plan.objects.select_for_update().select_related("issuer").get(pk=plan.pk)
    check_manage(actor, plan.issuer)
    if plan.status == Plan.Status.SUPERSEDED:
        raise ValidationError(
            _("This plan is superseded: change the targets of the plan that replaced it.")
        )
    if year not in plan.years:
        raise ValidationError(
            _("%(year)s is outside the plan's years (%(first)s–%(last)s).")
            % {"year": year, "first": plan.first_year, "last": plan.last_year}
        )
    return plan


def _check_usable(plan: Plan, indicator: Indicator) -> None:
    """A new target takes an indicator of the catalogue or of a department whose subtree
    holds the plan's issuer, and not a retired one."""
    if indicator.owner_id is not None and indicator.owner_id != plan.issuer_id and not (
        Indicator.objects.for_unit(plan.issuer).filter(pk=indicator.pk).exists()
    ):
        raise ValidationError(
            _("The indicator “%(code)s” is not one of this plan's units.")
            % {"code": indicator.code}
        )
    if indicator.retired:
        raise ValidationError(
            _("The indicator “%(code)s” is retired: it takes no new targets.")
            % {"code": indicator.code}
        )


def _apply(
    *,
    plan: Plan,
    year: int,
    desired: Mapping[tuple[Indicator, Unit], TargetSpec | None],
    actor: Actor,
    amendment: Amendment | AmendmentInput | None,
    reason: str,
) -> SaveResult:
    """Bring the targets named in `desired` to their spec (None deletes), recorded.

    An issued plan refuses any change without an amendment; the amendment row is created
    only when something actually changes, and becomes the reason of every record.
    """
    result = SaveResult()
    indicator_ids = {indicator.pk for indicator, _unit in desired}
    unit_ids = {unit.pk for _indicator, unit in desired}
    existing = {
        (t.indicator_id, t.unit_id): t
        for t in Target.objects.filter(
            plan=plan, year=year, indicator_id__in=indicator_ids, unit_id__in=unit_ids
        ).select_related("indicator")
    }
    writes: list[tuple[str, Target]] = []
    changed_fields: set[str] = set()
    for (indicator, unit), spec in desired.items():
        target = existing.get((indicator.pk, unit.pk))
        if spec is None:
            if target is not None:
                writes.append(("delete", target))
            continue
        if target is not None and _same(target, spec):
            result.unchanged += 1
            continue
        if target is None:
            _check_usable(plan, indicator)
            target = Target(plan=plan, indicator=indicator, unit=unit, year=year)
            action = "create"
        else:
            action = "update"
        target.plan = plan
        fields = {
            "operator": spec.operator,
            "value": spec.value,
            "value_high": spec.value_high,
            "wording": spec.wording,
        }
        if spec.note is not None:
            fields["note"] = spec.note
        if spec.printed_unit is not None:
            fields["printed_unit"] = spec.printed_unit
        for name, new in fields.items():
            if getattr(target, name) != new:
                changed_fields.add(name)
                setattr(target, name, new)
        writes.append((action, target))
    if not writes:
        return result
    if plan.status != Plan.Status.DRAFT:
        if amendment is None:
            raise ValidationError(
                _("This plan is issued: its targets change only through an amendment. "
                  "Give the amendment's number and reason.")
            )
        if isinstance(amendment, AmendmentInput):
            if not amendment.reason.strip():
                raise ValidationError(_("An amendment needs a reason."))
            amendment = Amendment.objects.create(
                plan=plan,
                number=amendment.number.strip(),
                reason=amendment.reason.strip(),
                issued_on=amendment.issued_on or datetime.date.today(),
                created_by=acting_user(actor),
            )
        elif amendment.plan_id != plan.pk:
            raise ValidationError(_("The amendment belongs to another plan."))
        result.amendment = amendment
        reason = amendment_reason(amendment)
    errors: dict[str, list] = {}
    created: list[Target] = []
    updated: list[Target] = []
    for action, target in writes:
        record_change(target, actor, reason)
        if action == "delete":
            continue
        try:
            target.full_clean(exclude=["plan", "indicator", "unit"], validate_unique=False)
        except ValidationError as exc:
            key = f"{target.indicator.code}:{target.unit.code}"
            errors[key] = exc.messages
            continue
        (created if action == "create" else updated).append(target)
    if errors:
        raise ValidationError(errors)
    for action, target in writes:
        if action == "delete":
            target.delete()
            result.deleted += 1
    _write(created, updated, sorted(changed_fields))
    result.created, result.updated = len(created), len(updated)
    return result


def _write(created: list[Target], updated: list[Target], fields: list[str]) -> None:
    """The checked targets written in a few statements, each with its history record (who
    and why, as `record_change` set them): a column of 166 quotas is a bulk insert or one
    batch of updates, and one insert of history rows, not one save and one history insert
    per cell."""
    if created:
        Target.objects.bulk_create(created)
        Target.history.bulk_history_create(created)
    if updated:
        _update(updated, fields)
        Target.history.bulk_history_create(updated, update=True)


def _concrete_field(name: str) -> models.Field:
    field = Target._meta.get_field(name)
    assert isinstance(field, models.Field)
    return field


def _update(targets: list[Target], fields: list[str]) -> None:
    """Write `fields` of `targets` as one `UPDATE … WHERE id = %s` run over all of them
    (`executemany`). Django's `bulk_update` would build a CASE with a branch per target
    for each field, which costs more in Python (about half a millisecond a target for two
    fields) than the statements cost the database."""
    if not fields:
        return
    columns = [_concrete_field(name) for name in fields]
    quote = connection.ops.quote_name
    sql = (
        f"UPDATE {quote(Target._meta.db_table)} SET "
        + ", ".join(f"{quote(column.column)} = %s" for column in columns)
        + f" WHERE {quote('id')} = %s"
    )
    params = [
        [column.get_db_prep_save(getattr(target, column.attname), connection)
         for column in columns] + [target.pk]
        for target in targets
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


PRINTED_UNIT_LENGTH = 20  # Target.printed_unit's max_length


def _spec_from_text(cell: TargetCell) -> TargetSpec | None:
    reading = read_cell(cell.text, cell.indicator.kind)
    if reading.is_blank:
        return None
    p = reading.parsed
    if p is None:
        raise ValidationError({f"{cell.indicator.code}:{cell.unit.code}": reading.error})
    # A wording that prints its unit ("240.000 lượt người") gives the target that unit, or
    # none when it is the indicator's own; a wording without one keeps what was there.
    # A rate's unit is "%": words after it ("trên 50% số xã") say of what, not a unit. A
    # longer text than a unit's field holds is a description, not a unit: left out too.
    unit = "" if cell.indicator.is_rate else wording_unit(reading.text)
    if len(unit) > PRINTED_UNIT_LENGTH:
        unit = ""
    printed = (None if not unit
               else "" if fold(unit) == fold(cell.indicator.unit) else unit)
    return TargetSpec(p.operator.value, p.value, p.value_high, reading.text,
                      printed_unit=printed)


CREATE, UPDATE, UNCHANGED, DELETE = "create", "update", "unchanged", "delete"


def cells_compared(*, plan: Plan, year: int, cells: Iterable[TargetCell]) -> list[str]:
    """What `targets_save` would do with each cell, in order: create, update, unchanged
    or delete (a blank cell over a target; a blank cell over none is unchanged). Every
    cell must read as a target or a blank; nothing is locked or written: for a preview."""
    cells = list(cells)
    existing = {
        (t.indicator_id, t.unit_id): t
        for t in Target.objects.filter(
            plan=plan, year=year, indicator_id__in={c.indicator.pk for c in cells},
            unit_id__in={c.unit.pk for c in cells},
        ).select_related("indicator")
    }
    actions = []
    for cell in cells:
        target = existing.get((cell.indicator.pk, cell.unit.pk))
        spec = _spec_from_text(cell)
        if spec is None:
            actions.append(UNCHANGED if target is None else DELETE)
        elif target is None:
            actions.append(CREATE)
        else:
            actions.append(UNCHANGED if _same(target, spec) else UPDATE)
    return actions


@transaction.atomic
def targets_save(
    *,
    plan: Plan,
    year: int,
    cells: Iterable[TargetCell],
    actor: Actor,
    amendment: Amendment | AmendmentInput | None = None,
    source: str = "",
) -> SaveResult:
    """Save a year's grid: each cell's wording read by `parse_wording`; blank deletes.

    Every cell's unit must be the issuer or one of its child units of that year (the
    grid's columns): anything else is refused, and then nothing at all is written.
    `source` is the history's reason (a `districts.sources` code) when it is not the
    grid's page, e.g. an imported file; an amendment's reason replaces it.
    """
    plan = _locked_plan(plan, actor, year)
    allowed = {unit.pk for unit in grid_units(plan, year)}
    desired: dict[tuple[Indicator, Unit], TargetSpec | None] = {}
    errors: dict[str, list] = {}
    for cell in cells:
        if cell.unit.pk not in allowed:
            raise ValidationError(
                _("%(unit)s is not a unit of this plan's grid for %(year)s.")
                % {"unit": cell.unit.name, "year": year}
            )
        try:
            desired[(cell.indicator, cell.unit)] = _spec_from_text(cell)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return _apply(
        plan=plan,
        year=year,
        desired=desired,
        actor=actor,
        amendment=amendment,
        reason=source or sources.code(sources.TARGET_GRID, year),
    )


@transaction.atomic
def targets_put(
    *,
    plan: Plan,
    year: int,
    specs: Mapping[tuple[Indicator, Unit], TargetSpec | None],
    actor: Actor,
    reason: str,
    amendment: Amendment | AmendmentInput | None = None,
) -> SaveResult:
    """Set targets with an explicit operator and values (None deletes), recorded.

    For loaders that copy printed plans, where the operator is known and not re-read from
    the wording, and whose targets may sit on any unit the plan names (Dị Sử's ward plan
    prints its town's figures). Pages use `targets_save`, which keeps to the grid's units.
    """
    plan = _locked_plan(plan, actor, year)
    for _indicator, unit in specs:
        check_manage(actor, unit)
    return _apply(
        plan=plan, year=year, desired=specs, actor=actor, amendment=amendment, reason=reason
    )


# --- allocations --------------------------------------------------------------------------------


def _quota_units_by_pk(plan: Plan, year: int) -> dict[int, Unit]:
    return {unit.pk: unit for unit in quota_units(plan, year)}


def _refuse_overwrite(plan: Plan, indicator: Indicator, year: int, overwrite: bool) -> None:
    if overwrite:
        return
    if Target.objects.filter(plan=plan, indicator=indicator, year=year).exclude(
        unit_id=plan.issuer_id
    ).exists():
        raise ValidationError(
            _("%(year)s already has quotas for “%(indicator)s”: tick “replace existing "
              "quotas” to overwrite them.") % {"year": year, "indicator": indicator.name}
        )


@transaction.atomic
def allocation_copy(
    *,
    plan: Plan,
    indicator: Indicator,
    from_year: int,
    to_year: int,
    actor: Actor,
    source_plan: Plan | None = None,
    overwrite: bool = False,
    amendment: Amendment | AmendmentInput | None = None,
) -> SaveResult:
    """Copy the quotas of `from_year` (of this plan or `source_plan`) into `to_year`.

    Units that no longer exist in `to_year` are skipped (and counted); existing quotas of
    `to_year` are overwritten only when asked.
    """
    plan = _locked_plan(plan, actor, to_year)
    source = source_plan or plan
    if source.pk != plan.pk and not plan_is_visible(actor, source):
        raise PermissionDenied
    if from_year not in source.years:
        raise ValidationError(
            _("%(year)s is outside the years of plan %(code)s.")
            % {"year": from_year, "code": source.code}
        )
    if source.pk == plan.pk and from_year == to_year:
        raise ValidationError(_("Copy from another year."))
    _refuse_overwrite(plan, indicator, to_year, overwrite)
    units = _quota_units_by_pk(plan, to_year)
    quotas = (
        Target.objects.filter(plan=source, indicator=indicator, year=from_year)
        .exclude(unit_id=source.issuer_id)
        .select_related("indicator")
    )
    desired: dict[tuple[Indicator, Unit], TargetSpec | None] = {}
    skipped = 0
    for quota in quotas:
        unit = units.get(quota.unit_id)
        if unit is None:
            skipped += 1
            continue
        desired[(indicator, unit)] = TargetSpec(
            quota.operator, quota.value, quota.value_high, quota.wording, quota.note
        )
    if not desired:
        if skipped:
            raise ValidationError(
                _("None of the %(count)s units with a quota in %(from)s still exists in "
                  "%(to)s.") % {"count": skipped, "from": from_year, "to": to_year}
            )
        raise ValidationError(
            _("There are no quotas for “%(indicator)s” in %(year)s to copy.")
            % {"indicator": indicator.name, "year": from_year}
        )
    result = _apply(
        plan=plan,
        year=to_year,
        desired=desired,
        actor=actor,
        amendment=amendment,
        reason=sources.code(sources.QUOTAS_COPIED, from_year),
    )
    result.skipped = skipped
    return result


class SplitBasis:
    QUOTAS = "quotas"
    ACTUALS = "actuals"


# Reads annual actuals: (indicator, year, unit ids) → {unit id: value}. Actuals belong to
# the reports app, which this app does not import, so a split by last year's actuals is
# handed its reader by the caller; reports registers its own when it starts
# (reports/apps.py) and the split page passes on `actuals_reader()`.
ActualsReader = Callable[[Indicator, int, Collection[int]], Mapping[int, Decimal]]
_actuals_reader: ActualsReader | None = None


def register_actuals_reader(reader: ActualsReader) -> None:
    global _actuals_reader
    _actuals_reader = reader


def actuals_reader() -> ActualsReader | None:
    """The reader of annual actuals the reports app registered (None without it)."""
    return _actuals_reader


@transaction.atomic
def allocation_split(
    *,
    plan: Plan,
    indicator: Indicator,
    year: int,
    basis: str,
    actor: Actor,
    source_plan: Plan | None = None,
    overwrite: bool = False,
    amendment: Amendment | AmendmentInput | None = None,
    actuals: ActualsReader | None = None,
) -> SaveResult:
    """Split the issuer's target of `year` over the child units as quotas, in proportion
    to last year's quotas (of this plan or `source_plan`) or last year's annual actuals,
    read by `actuals` (needed for that basis only).

    The quotas add up exactly to the target (largest remainder, whole numbers); without
    any basis the split is even. Rates are not split: a rate is not a share of a total.
    """
    plan = _locked_plan(plan, actor, year)
    if indicator.is_rate:
        raise ValidationError(
            _("A rate is not split over units: give each unit its own rate in the grid.")
        )
    parent = Target.objects.filter(
        plan=plan, indicator=indicator, year=year, unit_id=plan.issuer_id
    ).first()
    if parent is None:
        raise ValidationError(
            _("%(unit)s has no target for “%(indicator)s” in %(year)s to split.")
            % {"unit": plan.issuer.name, "indicator": indicator.name, "year": year}
        )
    units = _quota_units_by_pk(plan, year)
    if not units:
        raise ValidationError(_("%(unit)s has no units below it in %(year)s.") % {
            "unit": plan.issuer.name, "year": year,
        })
    _refuse_overwrite(plan, indicator, year, overwrite)
    if basis == SplitBasis.ACTUALS:
        if actuals is None:
            raise TypeError("a split by actuals needs a reader of the actuals")
        found = actuals(indicator, year - 1, list(units))
    elif basis == SplitBasis.QUOTAS:
        source = source_plan or plan
        if source.pk != plan.pk and not plan_is_visible(actor, source):
            raise PermissionDenied
        found = quota_values(source, indicator, year - 1)
    else:
        raise ValidationError(_("Choose the basis of the split."))
    weights = {pk: max(found.get(pk) or Decimal(0), Decimal(0)) for pk in units}
    try:
        parts = split_proportionally(parent.value, weights, places=0)
    except ValueError as exc:
        raise ValidationError(
            _("The target %(value)s cannot be split into whole numbers.")
            % {"value": parent.describe()}
        ) from exc
    operator = Operator.GTE if parent.operator == Operator.RANGE else Operator(parent.operator)
    desired: dict[tuple[Indicator, Unit], TargetSpec | None] = {}
    for pk, part in parts.items():
        if part == 0:
            desired[(indicator, units[pk])] = None  # no quota (removes an overwritten one)
            continue
        wording = canonical_wording(operator, part, None, indicator.kind)
        desired[(indicator, units[pk])] = TargetSpec(operator.value, part, None, wording)
    result = _apply(
        plan=plan,
        year=year,
        desired=desired,
        actor=actor,
        amendment=amendment,
        reason=sources.code(
            sources.TARGET_SPLIT, year, "quotas" if basis == SplitBasis.QUOTAS else "actuals"
        ),
    )
    result.even = not any(weights.values())
    return result
