"""Importing a data value set: every value resolved and checked, then written through
`reports.services.actuals_save_many`, the entry page's rules for each report (unit ×
period) and the writes in bulk, all in one transaction that is rolled back when anything
is wrong — or, for a dry run, only checked.

Order: each value is read (`reading`), its indicator, period (DHIS2's month form `202407`
is `2024M07`) and unit resolved — the unit by its code among the units valid on the last
day of the period, as file imports resolve them, within the token user's scope —, then,
under the write locks of every report the set touches (`reports.locks`, taken in one
sorted order), the stored values are read, the import strategy applied to each value and
each report's values handed to `actuals_save_many`, which checks them with the entry
page's rules, refuses what the workflow locks, and writes only when every report passed,
each update over the version read under the lock, with one history row per value
changed. Its errors, warnings without a comment and refusals become the set's conflicts,
each with the indexes of its values.

Differences from DHIS2, on purpose: a set with any conflict is refused whole (HTTP 409,
nothing written), as report files are; a value for an unknown object is a conflict, never
silently ignored; `importStrategy=CREATE` over a stored, different value and `UPDATE` of
a value not stored yet are conflicts too; deleting is not supported. An unchanged value
counts as `ignored`, so posting a set twice changes nothing the second time.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.db import transaction
from django.utils.translation import gettext as _

from districts.models import Unit, level_of_code
from districts.scope import Action, Actor, can
from plans.models import Plan
from plans.selectors import plans_for_user
from reports.bounds import same_bound
from reports.locks import reports_lock
from reports.models import Actual
from reports.numbers import NumberError
from reports.periods import Period, PeriodError
from reports.selectors.common import catalogue
from reports.services import ReportRows, SaveResult, actuals_save_many
from reports.values import stored_number
from targets.models import Indicator

from .reading import (
    DEFAULT_COMBOS,
    E_ATTRIBUTE_COMBO,
    E_CATEGORY_COMBO,
    E_CONCURRENT,
    E_DATA_ELEMENT,
    E_DATA_SET,
    E_DUPLICATE,
    E_FIELD,
    E_LOCKED,
    E_NOT_WRITABLE,
    E_ORG_UNIT,
    E_PERIOD,
    E_STRATEGY,
    E_VALUE,
    E_WARNING,
    Conflict,
    DataValue,
    PostedSet,
)

CREATE_AND_UPDATE, CREATE, UPDATE = "CREATE_AND_UPDATE", "CREATE", "UPDATE"
STRATEGIES = (CREATE_AND_UPDATE, CREATE, UPDATE)


def dhis2_period(text: str) -> Period:
    """Our codes, and DHIS2's month form `202407` as `2024M07`."""
    text = text.strip()
    if len(text) == 6 and text.isdigit():
        text = f"{text[:4]}M{text[4:]}"
    return Period.parse(text)


@dataclass
class ImportSummary:
    """DHIS2's import summary: status, counts, conflicts."""

    dry_run: bool
    strategy: str
    imported: int = 0
    updated: int = 0
    ignored: int = 0
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.conflicts

    def as_dict(self) -> dict:
        if self.ok:
            counts = {"imported": self.imported, "updated": self.updated,
                      "ignored": self.ignored}
            text = (_("Dry run, nothing was written: %(imported)s would be imported, "
                      "%(updated)s updated, %(ignored)s are unchanged.") if self.dry_run else
                    _("Imported: %(imported)s new values, %(updated)s updated, %(ignored)s "
                      "unchanged.")) % counts
        else:
            text = _("The set was refused whole, nothing was written: %(count)s conflicts.") \
                % {"count": len(self.conflicts)}
        written = self.ok
        return {
            "responseType": "ImportSummary",
            "status": "SUCCESS" if self.ok else "ERROR",
            "description": text,
            "importOptions": {"dryRun": self.dry_run, "importStrategy": self.strategy,
                              "idScheme": "CODE"},
            "importCount": {
                "imported": self.imported if written else 0,
                "updated": self.updated if written else 0,
                "ignored": self.ignored if written else 0,
                "deleted": 0,
            },
            "conflicts": [conflict.as_dict() for conflict in self.conflicts],
        }


def refusal(message: str, *, strategy: str = CREATE_AND_UPDATE, dry_run: bool = False) -> dict:
    """A set that could not even be read, in the import summary's shape (with `detail`,
    as every refusal of the API)."""
    return {
        "responseType": "ImportSummary", "status": "ERROR", "description": message,
        "detail": message,
        "importOptions": {"dryRun": dry_run, "importStrategy": strategy, "idScheme": "CODE"},
        "importCount": {"imported": 0, "updated": 0, "ignored": 0, "deleted": 0},
        "conflicts": [],
    }


@dataclass(slots=True)
class _Resolved:
    value: DataValue
    indicator: Indicator
    period: Period
    unit: Unit


class _Units:
    """Units by code on a day, fetched once per day for every code of the set."""

    def __init__(self, codes: Iterable[str]) -> None:
        self.codes = sorted({code for code in codes if code})
        self.by_day: dict[datetime.date, dict[str, Unit]] = {}

    def on(self, code: str, day: datetime.date) -> Unit | None:
        if day not in self.by_day:
            units = Unit.objects.valid_on(day).filter(code__in=self.codes)
            self.by_day[day] = {
                unit.code: unit for unit in units if level_of_code(unit.code) == unit.level
            }
        return self.by_day[day].get(code)


class _Periods:
    """Periods read once per text of the set (a national set gives the same few periods
    for every value), with their last days."""

    def __init__(self) -> None:
        self.read_as: dict[str, tuple[Period | None, str | None]] = {}
        self.ends: dict[Period, datetime.date] = {}

    def read(self, text: str) -> tuple[Period | None, str | None]:
        """The period, or None with the message saying why not."""
        found = self.read_as.get(text)
        if found is None:
            try:
                found = (dhis2_period(text), None)
            except PeriodError as error:
                found = (None, str(error))
            self.read_as[text] = found
        return found

    def end(self, period: Period) -> datetime.date:
        day = self.ends.get(period)
        if day is None:
            day = self.ends[period] = period.end
        return day


class _Rights:
    """The actor's rights on each unit of the set, asked once per unit and action."""

    def __init__(self, actor: Actor) -> None:
        self.actor = actor
        self.known: dict[tuple[int, Action], bool] = {}

    def may(self, unit: Unit, action: Action) -> bool:
        key = (unit.pk, action)
        allowed = self.known.get(key)
        if allowed is None:
            allowed = self.known[key] = can(self.actor, unit, action)
        return allowed


def data_value_set_import(*, posted: PostedSet, actor: Actor, source: str, dry_run: bool,
                          strategy: str = CREATE_AND_UPDATE) -> ImportSummary:
    """Check and write `posted` as `actor`, recorded with `source` ("API (<token>)")."""
    summary = ImportSummary(dry_run=dry_run, strategy=strategy,
                            conflicts=list(posted.conflicts))
    plan = None
    if posted.data_set:
        plan = plans_for_user(actor, Action.REPORT).filter(code=posted.data_set).first()
        if plan is None:
            summary.conflicts.append(Conflict(
                posted.data_set, "dataSet",
                _("There is no plan “%(code)s” that this token's user reports on.")
                % {"code": posted.data_set}, E_DATA_SET, (),
            ))
    resolved = _resolve(posted.values, actor=actor, plan=plan, summary=summary)
    with transaction.atomic():
        _write(resolved, actor=actor, source=source, summary=summary)
        if dry_run or not summary.ok:
            transaction.set_rollback(True)
    summary.conflicts.sort(key=lambda c: (min(c.indexes, default=-1), c.property))
    return summary


def _conflict(summary: ImportSummary, value: DataValue, obj: str, prop: str, message: str,
              code: str) -> None:
    summary.conflicts.append(Conflict(obj, prop, message, code, (value.index,)))


def _resolve(values: list[DataValue], *, actor: Actor, plan: Plan | None,
             summary: ImportSummary) -> list[_Resolved]:
    indicators = catalogue()
    units = _Units(value.org_unit for value in values)
    periods = _Periods()
    rights = _Rights(actor)
    seen: dict[tuple[int, str, int], DataValue] = {}
    resolved: list[_Resolved] = []
    for value in values:
        if not value.readable:
            continue
        good = (value.number is not None or bool(value.bound)) and not value.bad_fields
        indicator = indicators.get(value.data_element)
        if indicator is None and "dataElement" not in value.bad_fields:
            _conflict(summary, value, value.data_element, "dataElement",
                      _("There is no indicator with the code “%(code)s”.")
                      % {"code": value.data_element}, E_DATA_ELEMENT)
            good = False
        period, error = periods.read(value.period)
        if error is not None:
            if "period" not in value.bad_fields:
                _conflict(summary, value, value.period, "period", error, E_PERIOD)
            good = False
        if period is not None and plan is not None and period.year not in plan.years:
            _conflict(summary, value, value.period, "period",
                      _("The plan %(plan)s covers %(first)s–%(last)s, not %(period)s.")
                      % {"plan": plan.code, "first": plan.first_year, "last": plan.last_year,
                         "period": period}, E_PERIOD)
            good = False
        if value.category_combo not in DEFAULT_COMBOS and (
            "categoryOptionCombo" not in value.bad_fields
        ):
            _conflict(summary, value, value.category_combo, "categoryOptionCombo",
                      _("Only the default category option combo is kept (no disaggregation)."),
                      E_CATEGORY_COMBO)
            good = False
        if value.attribute_combo not in DEFAULT_COMBOS and (
            "attributeOptionCombo" not in value.bad_fields
        ):
            _conflict(summary, value, value.attribute_combo, "attributeOptionCombo",
                      _("Only the default attribute option combo is kept."), E_ATTRIBUTE_COMBO)
            good = False
        if value.deleted:
            _conflict(summary, value, value.data_element, "deleted",
                      _("Deleting values is not supported."), E_FIELD)
            good = False
        unit = units.on(value.org_unit, periods.end(period)) if period is not None else None
        if "orgUnit" in value.bad_fields:
            good = False
        elif period is not None and (unit is None or not rights.may(unit, Action.VIEW)):
            _conflict(summary, value, value.org_unit, "orgUnit",
                      _("There is no unit with the code “%(code)s” in %(period)s that this "
                        "token's user may see.") % {"code": value.org_unit, "period": period},
                      E_ORG_UNIT)
            good = False
        elif unit is not None and not rights.may(unit, Action.REPORT):
            _conflict(summary, value, value.org_unit, "orgUnit",
                      _("This token's user may not enter values for %(unit)s.")
                      % {"unit": unit.name}, E_NOT_WRITABLE)
            good = False
        if not good or indicator is None or period is None or unit is None:
            continue
        key = (indicator.pk, str(period), unit.pk)
        first = seen.get(key)
        if first is not None:
            summary.conflicts.append(Conflict(
                value.data_element, "dataElement",
                _("The value of %(indicator)s for %(unit)s in %(period)s is given twice.")
                % {"indicator": indicator.code, "unit": unit.code, "period": period},
                E_DUPLICATE, (first.index, value.index),
            ))
            continue
        seen[key] = value
        resolved.append(_Resolved(value, indicator, period, unit))
    return resolved


def _stored(number: Decimal) -> Decimal | None:
    try:
        return stored_number(number)
    except NumberError:
        return None


def _write(resolved: list[_Resolved], *, actor: Actor, source: str,
           summary: ImportSummary) -> None:
    groups: dict[tuple[int, str], list[_Resolved]] = defaultdict(list)
    for item in resolved:
        groups[(item.unit.pk, str(item.period))].append(item)
    if not groups:
        return
    # Every report of the set locked first, in one order; the values read under the lock.
    reports_lock(groups)
    existing = _existing(groups)
    reports: list[ReportRows] = []
    grouped: list[list[_Resolved]] = []
    for (unit_id, period), items in groups.items():
        rows: dict[str, dict] = {}
        for item in items:
            actual = existing.get((unit_id, period, item.indicator.pk))
            if not _strategy_allows(item, actual, summary):
                continue
            rows[item.indicator.code] = _row(item, actual)
        if rows:
            reports.append(ReportRows(unit=items[0].unit, period=items[0].period, rows=rows))
            grouped.append(items)
    if not reports:
        return
    # A dry run, or a set already refused, is only checked: nothing would be kept.
    saved = actuals_save_many(
        reports=reports, actor=actor, source=source, decimal_mark=".",
        origin=Actual.Origin.API, check_only=summary.dry_run or not summary.ok,
    )
    for report, items in zip(saved.reports, grouped, strict=True):
        if saved.error:
            report.result.add_error("", saved.error)
        if report.refused:
            summary.conflicts.append(Conflict(
                items[0].unit.code, "orgUnit", report.refused, E_LOCKED,
                tuple(item.value.index for item in items),
            ))
            continue
        _collect(report.result, items, summary)


class _Stored(NamedTuple):
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    printed: str
    note: str
    version: int


def _existing(groups: dict[tuple[int, str], list[_Resolved]]) -> dict:
    unit_ids = {unit_id for unit_id, _period in groups}
    periods = {period for _unit, period in groups}
    found: dict[tuple[int, str, int], _Stored] = {}
    rows = Actual.objects.filter(unit_id__in=unit_ids, period__in=periods).values_list(
        "unit_id", "period", "indicator_id", *_Stored._fields
    )
    for unit_id, period, indicator_id, *values in rows:
        if (unit_id, period) in groups:
            found[(unit_id, period, indicator_id)] = _Stored(*values)
    return found


def _strategy_allows(item: _Resolved, actual: _Stored | None, summary: ImportSummary) -> bool:
    if summary.strategy == CREATE and actual is not None:
        if item.value.bound:
            kept = actual.value is None and same_bound(actual.printed, item.value.bound)
        else:
            kept = actual.value == _stored(item.value.number or Decimal(0))
        same = kept and (
            item.value.comment is None or item.value.comment.strip() == actual.note
        )
        if not same:
            _conflict(summary, item.value, item.value.data_element, "value",
                      _("A value is already stored (%(value)s); importStrategy CREATE does not "
                        "change it. Use CREATE_AND_UPDATE or UPDATE.")
                      % {"value": actual.value if actual.value is not None else actual.printed},
                      E_STRATEGY)
            return False
    if summary.strategy == UPDATE and actual is None:
        _conflict(summary, item.value, item.value.data_element, "value",
                  _("No value is stored yet; importStrategy UPDATE does not create one. Use "
                    "CREATE_AND_UPDATE or CREATE."), E_STRATEGY)
        return False
    return True


def _row(item: _Resolved, actual: _Stored | None) -> dict:
    """What the entry page would post: the value, the note (the stored one when the set
    gives no comment), the version read under the lock; a rate's stored numerator and
    denominator stay when its value does not change."""
    number = item.value.number
    row: dict[str, object] = {
        "value": number if number is not None else item.value.bound,
        "note": item.value.comment if item.value.comment is not None else (
            actual.note if actual is not None else ""
        ),
        "version": actual.version if actual is not None else None,
    }
    if (actual is not None and item.indicator.is_rate and number is not None
            and actual.numerator is not None and actual.value == _stored(number)):
        row["numerator"], row["denominator"] = actual.numerator, actual.denominator
    return row


def _collect(result: SaveResult, items: list[_Resolved], summary: ImportSummary) -> None:
    by_code = {item.indicator.code: item for item in items}
    everything = tuple(item.value.index for item in items)
    for code, messages in result.errors.items():
        item = by_code.get(code)
        summary.conflicts.append(Conflict(
            code or (items[0].unit.code), "value" if item else "orgUnit",
            " ".join(messages), E_VALUE if item else E_CONCURRENT,
            (item.value.index,) if item else everything,
        ))
    for code in sorted(result.unanswered):
        item = by_code.get(code)
        warnings = " ".join(issue.message for issue in result.warnings.get(code, []))
        summary.conflicts.append(Conflict(
            code, "comment",
            _("%(warning)s Give a comment that explains the value.") % {"warning": warnings},
            E_WARNING, (item.value.index,) if item else everything,
        ))
    for conflict in result.conflicts:
        item = by_code.get(conflict.indicator.code)
        summary.conflicts.append(Conflict(
            conflict.indicator.code, "value",
            _("Someone else changed this value meanwhile; send the set again."),
            E_CONCURRENT, (item.value.index,) if item else everything,
        ))
    if result.ok:
        summary.imported += result.created
        summary.updated += result.updated
        summary.ignored += result.unchanged
