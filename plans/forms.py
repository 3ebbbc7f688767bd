"""Forms of the plan pages. Every choice of a unit or a plan comes from the user's scope,
so a tampered id fails validation like any unknown value."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import F
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from districts.forms import model_choice_field
from districts.models import Unit
from districts.scope import Action, units_for_user

from .models import Plan, validate_month_day
from .selectors import PlanFilters, issuers_for_user, plans_for_user

FIRST_YEAR = 2000
LAST_YEAR = 2100
# URL words next to the plan codes in plans/urls.py and targets/urls.py: no plan may take
# them as its code.
RESERVED_CODES = frozenset({"new", "parse-wording"})


_DAY_MONTH = re.compile(r"^\s*(\d{1,2})\s*[/.]\s*(\d{1,2})\s*$")


class DayMonthField(forms.CharField):
    """A yearly deadline typed day first, as Vietnamese writes dates (`15/12`, `5.1`),
    stored as `MM-DD` (`12-15`) and shown again day first."""

    default_error_messages = {
        "invalid": _("Write the deadline as day/month, e.g. 15/12 for 15 December."),
    }

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", 8)
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": "15/12", "size": 6}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, str) and len(value) == 5 and value[2] == "-":
            month, day = value.split("-")
            return f"{day}/{month}"
        return value

    def to_python(self, value) -> str:
        text = super().to_python(value)
        if not text:
            return ""
        match = _DAY_MONTH.match(text)
        if match is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        stored = f"{int(match[2]):02d}-{int(match[1]):02d}"
        try:
            validate_month_day(stored)
        except forms.ValidationError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        return stored



def year_field(label, *, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
        widget=forms.NumberInput(attrs={"min": FIRST_YEAR, "max": LAST_YEAR, "step": 1}),
    )


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit: Unit) -> str:
        label = f"{unit.name} ({unit.code})"
        if unit.valid_until:
            day = date_format(unit.valid_until, "SHORT_DATE_FORMAT")
            return str(_("%(label)s, until %(day)s") % {"label": label, "day": day})
        return label


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, plan: Plan) -> str:
        return f"{plan.code} · {plan.number or plan.title}"


class PlanMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, plan: Plan) -> str:
        return f"{plan.code} · {plan.number or plan.title}"


class PlanHeaderForm(forms.ModelForm):
    """What every form of a plan's header shares (the plan pages' and the admin's): the
    2025 quota units may be left out, meaning as they were (a new plan: the communes)."""

    class Meta:
        model = Plan
        fields = [
            "code",
            "number",
            "title",
            "title_en",
            "issuer",
            "issued_on",
            "signer",
            "kind",
            "first_year",
            "last_year",
            "implements",
            "legal_basis",
            "units_deadline",
            "consolidation_deadline",
            "transition_units",
        ]
        field_classes = {
            "units_deadline": DayMonthField, "consolidation_deadline": DayMonthField,
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["transition_units"].required = False

    def clean_transition_units(self) -> str:
        return self.cleaned_data.get("transition_units") or self.instance.transition_units


class PlanForm(PlanHeaderForm):
    """A plan's header. The issuer is one of the units the user manages."""

    issuer = UnitChoiceField(
        label=_("Issuing unit"), queryset=Unit.objects.none(),
        empty_label=_("— Choose the issuing unit —"),
    )
    implements = PlanMultipleChoiceField(
        label=_("Implements (plans in the system)"),
        queryset=Plan.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    first_year = year_field(_("First year"))
    last_year = year_field(_("Last year"))

    class Meta(PlanHeaderForm.Meta):
        widgets = {
            "issued_on": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "title": forms.Textarea(attrs={"rows": 2}),
            "title_en": forms.Textarea(attrs={"rows": 2}),
            "legal_basis": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        # Current units first (no end date), then those closed on 30 June 2025.
        model_choice_field(self, "issuer").queryset = units_for_user(user, Action.MANAGE).order_by(
            F("valid_until").asc(nulls_first=True), "path"
        )
        others = plans_for_user(user, Action.VIEW)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
            # The code names the plan in its URLs and in other plans: fixed once created.
            self.fields["code"].disabled = True
            if self.instance.targets.exists():
                self.fields["issuer"].disabled = True
                self.fields["issuer"].help_text = _(
                    "The plan has targets: its issuing unit can no longer change."
                )
        model_choice_field(self, "implements").queryset = others

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if not self.instance.pk and code in RESERVED_CODES:
            raise forms.ValidationError(_("This code is reserved; choose another."))
        return code

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        first, last = data.get("first_year"), data.get("last_year")
        if first and last and last < first:
            self.add_error("last_year", _("The last year cannot be before the first."))
        return data

    def service_kwargs(self) -> dict:
        """The cleaned values as the plan services take them."""
        data = dict(self.cleaned_data)
        if self.instance.pk:
            data.pop("code", None)
        return data


class PlanFilterForm(forms.Form):
    issuer = UnitChoiceField(
        label=_("Issuing unit"), queryset=Unit.objects.none(), required=False,
        empty_label=_("all"),
    )
    year = year_field(_("Year"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("all"))] + list(Plan.Kind.choices), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("all"))] + list(Plan.Status.choices), required=False
    )
    q = forms.CharField(label=_("Number or title"), required=False, max_length=100)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "issuer").queryset = issuers_for_user(user)

    def filters(self) -> PlanFilters:
        if not self.is_valid():
            return PlanFilters()
        data = self.cleaned_data
        return PlanFilters(
            issuer=data["issuer"].pk if data.get("issuer") else None,
            year=data.get("year"),
            kind=data.get("kind") or "",
            status=data.get("status") or "",
            q=data.get("q") or "",
        )


class SupersedeForm(forms.Form):
    superseded_by = PlanChoiceField(
        label=_("Replaced by"), queryset=Plan.objects.none(), to_field_name="code",
        empty_label=_("— Choose the plan that replaces it —"),
    )

    def __init__(self, *args, user, plan: Plan, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "superseded_by").queryset = (
            plans_for_user(user, Action.VIEW)
            .exclude(pk=plan.pk)
            .exclude(status=Plan.Status.SUPERSEDED)
        )
