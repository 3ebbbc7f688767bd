"""Forms of the import, template and export pages; every choice limited to the user's scope."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.core.exceptions import PermissionDenied
from django.forms import BoundField
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from districts.forms import model_choice_field
from districts.models import Unit
from districts.scope import Action, top_units, unit_for_user
from plans.models import Plan
from plans.selectors import plans_for_user
from reports.periods import Period, PeriodError
from targets.forms import AmendmentFieldsMixin
from targets.models import Indicator
from targets.services import AmendmentInput

from . import limits
from .official import IGNORE, OpenColumn, label_key
from .official_template import NoTemplateUnits, template_rows

UPLOAD_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx")
LAYOUT_CHOICES = [("long", _("long: one value per row")), ("wide", _("wide: one row per unit"))]
TEMPLATE_LAYOUT_CHOICES = [
    *LAYOUT_CHOICES,
    ("official", _("official: the report sheet with Kế hoạch and Thực hiện columns")),
]
FORMAT_CHOICES = [("xlsx", _("Excel (.xlsx)")), ("csv", _("CSV (semicolons, UTF-8)"))]


def _period(text: str, *, required: bool) -> Period | None:
    text = (text or "").strip()
    if not text:
        if required:
            raise forms.ValidationError(_("Enter the period, e.g. 2024 or 2024S1."))
        return None
    try:
        return Period.parse(text)
    except PeriodError as error:
        raise forms.ValidationError(str(error)) from error


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.code} · {obj.display_title}"


class UnitField(forms.IntegerField):
    """A unit id, accepted only through the scope helper (a tampered id is refused)."""

    def __init__(self, *, user, action: Action, **kwargs) -> None:
        super().__init__(**kwargs)
        self.user, self.action = user, action

    def clean(self, value):
        pk = super().clean(value)
        if pk is None:
            return None
        try:
            return unit_for_user(self.user, pk, self.action)
        except (Http404, PermissionDenied) as error:
            raise forms.ValidationError(_("Choose one of your units.")) from error


def unit_choices(user, action: Action, *, empty: str | None = None) -> list[tuple[str, str]]:
    """The user's highest units and the units directly below them (both eras), after the
    choice `empty` stands for when given."""
    choices: list[tuple[str, str]] = [("", str(empty))] if empty is not None else []
    tops = top_units(user, action)
    children = Unit.objects.filter(parent__in=tops).order_by("path")
    by_parent: dict[int | None, list[Unit]] = {}
    for child in children:
        by_parent.setdefault(child.parent_id, []).append(child)
    for unit in tops:
        choices.append((str(unit.pk), f"{unit.code} {unit.name}"))
        for child in by_parent.get(unit.pk, []):
            era = f" (→ {child.valid_until:%d/%m/%Y})" if child.valid_until else ""
            choices.append((str(child.pk), f"— {child.code} {child.name}{era}"))
    return choices


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Report file (CSV or Excel .xlsx)"))
    plan = PlanChoiceField(
        queryset=None,
        required=False,
        label=_("Plan"),
        empty_label=_("— Choose a plan (optional) —"),
        help_text=_("Optional: the plan the values report on (its years are checked)."),
    )
    period = forms.CharField(
        required=False,
        max_length=8,
        label=_("Period of rows without one"),
        help_text=_("For a wide file without a period column: 2024, 2024S1, 2024Q3, 2024M07."),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "plan").queryset = plans_for_user(user, Action.REPORT)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        too_large = limits.upload_message(upload.size)
        if too_large:
            raise forms.ValidationError(too_large)
        if not (upload.name or "").lower().endswith(UPLOAD_SUFFIXES):
            raise forms.ValidationError(
                _("Upload a CSV file (.csv) or an Excel workbook (.xlsx).")
            )
        return upload

    def clean_period(self) -> Period | None:
        return _period(self.cleaned_data.get("period", ""), required=False)


class ConfirmForm(forms.Form):
    checksum = forms.RegexField(regex=r"^[0-9a-f]{64}$", widget=forms.HiddenInput)
    plan = PlanChoiceField(queryset=None, required=False, widget=forms.HiddenInput)
    period = forms.CharField(required=False, max_length=8, widget=forms.HiddenInput)
    # The background job whose preview the form is on (a large file), else blank.
    job = forms.UUIDField(required=False, widget=forms.HiddenInput)
    note = forms.CharField(
        required=False,
        max_length=2000,
        label=_("Note accepting the warnings"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the file has warnings: why the values are right."),
    )
    submit_reports = forms.BooleanField(
        required=False,
        label=_("Hand the reports in as submitted (officers)"),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "plan").queryset = plans_for_user(user, Action.REPORT)

    def clean_period(self) -> Period | None:
        return _period(self.cleaned_data.get("period", ""), required=False)


class TemplateForm(forms.Form):
    plan = PlanChoiceField(queryset=None, label=_("Plan"), empty_label=_("— Choose a plan —"))
    period = forms.CharField(max_length=8, label=_("Period"), help_text=_("2024, 2024S1…"))
    unit = forms.CharField(label=_("Unit"), widget=forms.Select)
    layout = forms.ChoiceField(
        choices=TEMPLATE_LAYOUT_CHOICES, initial="long", label=_("Layout")
    )
    format = forms.ChoiceField(choices=FORMAT_CHOICES, initial="xlsx", label=_("Format"))

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        model_choice_field(self, "plan").queryset = plans_for_user(user, Action.VIEW)
        # Any unit of the user's scope is accepted (through the scope helper); the list
        # offers the usual ones, the user's own first.
        self.fields["unit"].widget.choices = choices = unit_choices(user, Action.VIEW)
        if choices:
            self.fields["unit"].initial = choices[0][0]

    def clean_period(self) -> Period | None:
        return _period(self.cleaned_data.get("period", ""), required=True)

    def clean_unit(self) -> Unit:
        return UnitField(user=self.user, action=Action.VIEW).clean(self.cleaned_data["unit"])

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        plan, period = data.get("plan"), data.get("period")
        if plan and period and not plan.first_year <= period.year <= plan.last_year:
            self.add_error("period", _("The period is outside the plan's years."))
        if data.get("layout") == "official":
            self._clean_official(data)
        return data

    def _clean_official(self, data: dict[str, Any]) -> None:
        """The official sheet reports a whole year, as an Excel workbook, on the units the
        plan gives quotas to."""
        if data.get("format") != "xlsx":
            self.add_error("format", _("The official layout is an Excel workbook: choose "
                                       "Excel (.xlsx)."))
        period = data.get("period")
        if period is not None and not period.is_annual:
            self.add_error("period", _("The official layout reports a whole year: enter the "
                                       "year, e.g. %(year)s.") % {"year": period.year})
        plan, unit = data.get("plan"), data.get("unit")
        if plan is None or unit is None or period is None or not period.is_annual:
            return
        try:
            template_rows(plan=plan, year=period.year, unit=unit)
        except NoTemplateUnits:
            self.add_error("unit", _(
                "The plan gives no quota in %(year)s to %(unit)s or to a unit below it: "
                "choose the plan's issuing unit or a unit it gives quotas to."
            ) % {"year": period.year, "unit": unit.name})


class ExportForm(forms.Form):
    WHAT_CHOICES = [("actuals", _("actual values")), ("targets", _("targets"))]

    what = forms.ChoiceField(choices=WHAT_CHOICES, initial="actuals", label=_("Export"))
    plan = PlanChoiceField(queryset=None, required=False, label=_("Plan"),
                           empty_label=_("— Every plan —"))
    period = forms.CharField(required=False, max_length=8, label=_("Period"))
    year = forms.IntegerField(required=False, min_value=2000, max_value=2100, label=_("Year"))
    unit = forms.CharField(
        required=False, label=_("Unit and the units below it"), widget=forms.Select
    )
    indicator = forms.ModelChoiceField(
        queryset=Indicator.objects.order_by("sort_order", "code"),
        required=False,
        to_field_name="code",
        label=_("Indicator"),
        empty_label=_("— Every indicator —"),
    )
    layout = forms.ChoiceField(choices=LAYOUT_CHOICES, initial="long", label=_("Layout"))
    format = forms.ChoiceField(choices=FORMAT_CHOICES, initial="xlsx", label=_("Format"))

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        model_choice_field(self, "plan").queryset = plans_for_user(user, Action.VIEW)
        # Any unit of the user's scope is accepted (through the scope helper); the list
        # offers the usual ones.
        self.fields["unit"].widget.choices = unit_choices(
            user, Action.VIEW, empty=str(_("— Every unit in my scope —"))
        )

    def clean_period(self) -> Period | None:
        return _period(self.cleaned_data.get("period", ""), required=False)

    def clean_unit(self) -> Unit | None:
        value = self.cleaned_data.get("unit")
        if not value:
            return None
        return UnitField(user=self.user, action=Action.VIEW).clean(value)


@dataclass(frozen=True)
class MapRow:
    """One choice of the preview: the columns that share a label not recognised."""

    letters: str  # "I" or "I, J"
    label: str
    mapped: str
    field: BoundField


class ColumnMapForm(forms.Form):
    """A choice for each label of an official sheet's columns the reader did not
    recognise: one of the `indicators` the user may map to (the plan's), or leave the
    column out. Columns sharing a label (a group header over "Kế hoạch" and "Thực hiện")
    share one choice. Fields `map-<index of the first column>`; any other value is
    refused."""

    def __init__(self, *args, columns: Sequence[OpenColumn], indicators: Sequence[Indicator],
                 **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            ("", _("— not chosen —")),
            (IGNORE, _("Leave this column out")),
            *((indicator.code, indicator.name) for indicator in indicators),
        ]
        self.columns: dict[str, list[OpenColumn]] = {}
        names: dict[str, str] = {}  # label key → field name
        for column in columns:
            key = label_key(column.label)
            if key in names:
                self.columns[names[key]].append(column)
                continue
            name = names[key] = f"map-{column.index}"
            self.columns[name] = [column]
            self.fields[name] = forms.ChoiceField(
                choices=choices,
                required=False,
                initial=column.mapped,
                label=column.label,
                error_messages={"invalid_choice": _(
                    "“%(value)s” is not an indicator of this plan that you may map a "
                    "column to: choose one from the list."
                )},
            )

    def column_map(self) -> dict[str, str]:
        """The choices made, as `report_file_import(column_map=…)` takes them."""
        return {
            self.columns[name][0].label: code
            for name, code in self.cleaned_data.items()
            if code and name in self.columns
        }

    def rows(self) -> list[MapRow]:
        return [
            MapRow(", ".join(c.letter for c in columns), columns[0].label, columns[0].mapped,
                   self[name])
            for name, columns in self.columns.items()
        ]


# --- quotas from a spreadsheet (the plan's import page) ---------------------------------------


def _upload_checked(upload):
    too_large = limits.upload_message(upload.size)
    if too_large:
        raise forms.ValidationError(too_large)
    if not (upload.name or "").lower().endswith(UPLOAD_SUFFIXES):
        raise forms.ValidationError(_("Upload a CSV file (.csv) or an Excel workbook (.xlsx)."))
    return upload


class QuotaImportForm(AmendmentFieldsMixin):
    """A plan's quota file and the year it sets; for an issued plan, the amendment it is
    (its number and reason, both needed)."""

    year = forms.TypedChoiceField(label=_("Year of the targets"), coerce=int)
    field_order = ["file", "year", "amendment_number", "amendment_reason"]

    def __init__(self, *args, plan: Plan, with_file: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        if with_file:
            self.fields["file"] = forms.FileField(
                label=_("Quota file (CSV or Excel .xlsx)"), validators=[_upload_checked]
            )
            self.order_fields(self.field_order)
        else:
            self.fields["checksum"] = forms.RegexField(
                regex=r"^[0-9a-f]{64}$", widget=forms.HiddenInput
            )
        year = cast(forms.TypedChoiceField, self.fields["year"])
        year.choices = [(y, str(y)) for y in plan.years]
        if plan.is_editable:
            del self.fields["amendment_number"], self.fields["amendment_reason"]
        else:
            self.fields["amendment_number"].required = True
            self.fields["amendment_reason"].required = True
            self.fields["amendment_number"].help_text = _(
                "This plan is issued: the file changes its targets only as an amendment, "
                "recorded with its number and reason."
            )

    def amendment_input(self) -> AmendmentInput | None:
        if self.plan.is_editable:
            return None
        return super().amendment_input()
