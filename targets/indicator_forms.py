"""The form of a department's indicator: what an officer types, handed to
`targets.indicators` as an `IndicatorInput`. The provinces and linked indicators offered
come from the user's scope, so a tampered value fails validation like any unknown one."""

from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from districts.models import Unit
from districts.scope import Action, top_units

from .indicators import IndicatorInput, may_define
from .models import Indicator
from .selectors import indicators_for_user


def definable_provinces(user) -> list[Unit]:
    """The provinces the user may define indicators for."""
    return [
        unit for unit in top_units(user, Action.MANAGE)
        if unit.level == Unit.Level.PROVINCE and may_define(user, unit)
    ]


def _linkable(user, indicator: Indicator | None) -> QuerySet[Indicator]:
    """Indicators a new or edited one may be linked to: the catalogue and the user's
    departments' own (the service narrows it to the owner's)."""
    found = indicators_for_user(user)
    if indicator is not None:
        found = found.filter(Q(owner__isnull=True) | Q(owner_id=indicator.owner_id)).exclude(
            pk=indicator.pk
        )
    return found.order_by("sort_order", "code")


class LinkChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.code})"


class IndicatorForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=60,
        help_text=_("Fixed once created: lower-case letters, digits and “_”, "
                    "e.g. hp_high_quality_colleges."),
    )
    owner = forms.ModelChoiceField(
        label=_("Defined by"), queryset=Unit.objects.none(), required=False,
        empty_label=_("the whole country"),
        help_text=_("It is seen only within this province's units."),
    )
    name_vi = forms.CharField(label=_("Vietnamese name"), max_length=200)
    name_en = forms.CharField(label=_("English name"), max_length=200)
    unit = forms.CharField(
        label=_("Unit of measure"), max_length=20, help_text=_("e.g. người, trường, nghề, %")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Indicator.Kind.choices)
    direction = forms.ChoiceField(label=_("Direction"), choices=Indicator.Dir.choices)
    tolerance = forms.DecimalField(
        label=_("Tolerance"), required=False, min_value=0, max_digits=16, decimal_places=4,
        localize=True,
        help_text=_("How far from the target still counts as met (“hold”, and targets "
                    "“about …”); points for a rate. Empty: 1 point for a rate, 3 % of "
                    "the target otherwise."),
    )
    component_of = LinkChoiceField(
        label=_("Component of"), queryset=Indicator.objects.none(), required=False,
        to_field_name="code", help_text=_("The total it adds up to with its siblings."),
    )
    part_of = LinkChoiceField(
        label=_("Of which part of"), queryset=Indicator.objects.none(), required=False,
        to_field_name="code", help_text=_("The whole it is an “of which” part of."),
    )
    description_vi = forms.CharField(
        label=_("Description (Vietnamese)"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    description_en = forms.CharField(
        label=_("Description (English)"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    aliases = forms.CharField(
        label=_("Printed names"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Other names report sheets print for it, one per line: the import reads "
                    "column headers and rows by them."),
    )

    def __init__(self, *args, user, indicator: Indicator | None = None, **kwargs) -> None:
        if indicator is not None:
            kwargs.setdefault("initial", _initial(indicator))
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        links = _linkable(user, indicator)
        for name in ("component_of", "part_of"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = links
        if indicator is not None:  # code and owner are fixed
            del self.fields["code"]
            del self.fields["owner"]
            return
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        provinces = definable_provinces(user)
        owner.queryset = Unit.objects.filter(pk__in=[u.pk for u in provinces])
        if not user.is_superuser:
            owner.required = True
            owner.empty_label = None

    def indicator_input(self) -> IndicatorInput:
        data = self.cleaned_data
        return IndicatorInput(
            name_vi=data["name_vi"], name_en=data["name_en"], unit=data["unit"],
            kind=data["kind"], direction=data["direction"], tolerance=data["tolerance"],
            component_of=data["component_of"], part_of=data["part_of"],
            description_vi=data["description_vi"], description_en=data["description_en"],
            aliases=data["aliases"],
        )


def _initial(indicator: Indicator) -> dict:
    return {
        "name_vi": indicator.name_vi, "name_en": indicator.name_en, "unit": indicator.unit,
        "kind": indicator.kind, "direction": indicator.direction,
        "tolerance": indicator.tolerance,
        "component_of": indicator.component_of.code if indicator.component_of else None,
        "part_of": indicator.part_of.code if indicator.part_of else None,
        "description_vi": indicator.description_vi,
        "description_en": indicator.description_en, "aliases": indicator.aliases,
    }
