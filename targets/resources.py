"""Targets as spreadsheet rows for the admin's import and export (django-import-export).

Columns: plan (code), indicator (code), unit (official code), year, operator, value,
value_high, wording. A unit code is resolved among the plan's issuer and its child units
of the year's era (codes are reused across the 2025 reorganisation). Importing
goes through the scope like any other write: the importing user must manage the plan's
issuer, and an issued plan's targets change only through an amendment in the grid. Each
row is written by `targets_put`, the same service as the loaders, so it is locked,
checked and recorded with the file's name like every other change of a target.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from districts import sources
from districts.models import Unit, level_of_code
from districts.scope import Action, can
from districts.spreadsheets import restore_text, safe_value
from plans.models import Plan

from .cells import read_cell
from .models import Indicator, Target
from .selectors import quota_day
from .services import TargetSpec, targets_put


def _plan_of(row) -> Plan | None:
    return Plan.objects.select_related("issuer").filter(code=str(row.get("plan") or "")).first()


def _year_of(row) -> int | None:
    try:
        return int(str(row.get("year") or "").strip())
    except ValueError:
        return None


class UnitCodeWidget(ForeignKeyWidget):
    """An official code: the plan's issuer, or one of its child units in the era of the
    target's year (codes are reused across the 2025 reorganisation)."""

    def __init__(self) -> None:
        super().__init__(Unit, "code")

    def get_queryset(self, value, row, *args, **kwargs):
        plan, year = _plan_of(row), _year_of(row)
        if plan is None or year is None:
            return Unit.objects.none()
        # The issuer's own targets and its child units' quotas, as in the grid.
        children = Unit.objects.filter(parent_id=plan.issuer_id).valid_on(quota_day(plan, year))
        return Unit.objects.filter(pk=plan.issuer_id) | children

    def get_instance_by_lookup_fields(self, value, row, **kwargs):
        units = self.get_queryset(value, row, **kwargs)
        code = str(value).strip()
        # Excel drops leading zeros: 1 → 001 for a district, 4 → 00004 for a commune.
        codes = [code]
        if code.isdigit() and len(code) < 5:
            codes = [code.zfill(n) for n in (2, 3, 5) if n >= len(code)]
        for candidate in codes:
            unit = units.filter(code=candidate, level=level_of_code(candidate)).first()
            if unit is not None:
                return unit
        raise ValueError(
            _("No unit with code %(code)s under the plan's issuer in %(year)s.")
            % {"code": code, "year": row.get("year")}
        )


class TargetResource(resources.ModelResource):
    plan = fields.Field(
        attribute="plan", column_name="plan", widget=ForeignKeyWidget(Plan, "code")
    )
    indicator = fields.Field(
        attribute="indicator", column_name="indicator", widget=ForeignKeyWidget(Indicator, "code")
    )
    unit = fields.Field(attribute="unit", column_name="unit", widget=UnitCodeWidget())

    class Meta:
        model = Target
        fields = ("plan", "indicator", "unit", "year", "operator", "value", "value_high", "wording")
        export_order = fields
        import_id_fields = ("plan", "indicator", "unit", "year")
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).select_related("plan", "indicator", "unit")

    def export_field(self, field, instance, **kwargs):
        # A wording written as data, never as a formula, as in the product's own exports.
        return safe_value(super().export_field(field, instance, **kwargs))

    def before_import_row(self, row, **kwargs) -> None:
        for key, value in list(row.items()):
            if isinstance(value, str):
                if "\x00" in value:
                    raise ValidationError({key: _("The cell contains a NUL character (\\0).")})
                row[key] = restore_text(value)
        plan = _plan_of(row)
        if plan is None:
            message = _("Unknown plan “%(code)s”.") % {"code": row.get("plan")}
            raise ValidationError({"plan": message})
        user = kwargs.get("user")
        if user is None or not can(user, plan.issuer, Action.MANAGE):
            raise ValidationError({"plan": _("You do not manage the plans of %(unit)s.") % {
                "unit": plan.issuer.name,
            }})
        if not plan.is_editable:
            raise ValidationError({"plan": _(
                "Plan %(code)s is issued: change its targets in the grid, with an amendment."
            ) % {"code": plan.code}})
        if not row.get("operator") and row.get("wording"):
            indicator = Indicator.objects.filter(code=row.get("indicator")).first()
            reading = read_cell(str(row["wording"]), indicator.kind if indicator else "count")
            parsed = reading.parsed
            if parsed is None:
                raise ValidationError({"wording": reading.error})
            row["operator"] = parsed.operator.value
            row["value"] = str(parsed.value)
            row["value_high"] = str(parsed.value_high) if parsed.value_high is not None else ""

    def save_instance(self, instance, is_create, row, **kwargs):
        if self._is_dry_run(kwargs) and not self._is_using_transactions(kwargs):
            return
        name = kwargs.get("file_name") or ""
        spec = TargetSpec(instance.operator, instance.value, instance.value_high,
                          instance.wording)
        targets_put(
            plan=instance.plan, year=instance.year, actor=kwargs["user"],
            specs={(instance.indicator, instance.unit): spec},
            reason=sources.code(sources.IMPORT_IN_ADMIN, name),
        )
        instance.pk = Target.objects.values_list("pk", flat=True).get(
            plan=instance.plan, year=instance.year, indicator=instance.indicator,
            unit=instance.unit,
        )
