"""Forms of the target pages: the amendment an issued plan's changes need, and the
allocation tools. Every plan to copy from comes from the user's scope, so a tampered code
fails validation like any unknown value."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from districts.forms import model_choice_field
from districts.scope import Action
from plans.forms import PlanChoiceField, year_field
from plans.models import Plan
from plans.selectors import plans_for_user

from .models import Indicator
from .services import AmendmentInput, SplitBasis


class AmendmentFieldsMixin(forms.Form):
    """The amendment an issued plan's target changes need (number as printed, reason)."""

    amendment_number = forms.CharField(
        label=_("Amendment number"), max_length=60, required=False,
        help_text=_("As printed, e.g. 15/KH-UBND."),
    )
    amendment_reason = forms.CharField(
        label=_("Reason for the amendment"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def amendment_input(self) -> AmendmentInput | None:
        reason = (self.cleaned_data.get("amendment_reason") or "").strip()
        if not reason:
            return None
        return AmendmentInput(
            reason=reason, number=(self.cleaned_data.get("amendment_number") or "").strip()
        )


class AmendmentForm(AmendmentFieldsMixin):
    def __init__(self, *args, plan: Plan, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        if not plan.is_editable:
            self.fields["amendment_reason"].required = True


def _source_plans(user, plan: Plan):
    """Plans whose quotas may serve as last year's: the same issuer's, this one included."""
    return plans_for_user(user, Action.VIEW).filter(Q(issuer_id=plan.issuer_id) | Q(pk=plan.pk))


class _QuotaToolForm(AmendmentForm):
    """A tool that writes quotas from those of a plan (`source_plan`) the user may see."""

    def __init__(self, *args, user, plan: Plan, **kwargs) -> None:
        super().__init__(*args, plan=plan, **kwargs)
        model_choice_field(self, "source_plan").queryset = _source_plans(user, plan)
        # The catalogue and the issuer's province's own indicators, never another's.
        indicators = model_choice_field(self, "indicator")
        allowed = Indicator.objects.for_unit(plan.issuer).values("pk")
        indicators.queryset = indicators.queryset.filter(pk__in=allowed)  # type: ignore[union-attr]


class AllocationCopyForm(_QuotaToolForm):
    indicator = forms.ModelChoiceField(
        label=_("Indicator"), queryset=Indicator.objects.all(), to_field_name="code",
        empty_label=_("— Choose an indicator —"),
    )
    source_plan = PlanChoiceField(
        label=_("From plan"), queryset=Plan.objects.none(), to_field_name="code",
        required=False, empty_label=_("this plan"),
    )
    from_year = year_field(_("From year"))
    to_year = year_field(_("To year"))
    overwrite = forms.BooleanField(label=_("Replace existing quotas"), required=False)


class AllocationSplitForm(_QuotaToolForm):
    indicator = forms.ModelChoiceField(
        label=_("Indicator"),
        queryset=Indicator.objects.exclude(kind=Indicator.Kind.RATE),
        to_field_name="code",
        empty_label=_("— Choose an indicator —"),
    )
    year = year_field(_("Year"))
    basis = forms.ChoiceField(
        label=_("In proportion to"),
        choices=[
            (SplitBasis.QUOTAS, _("last year's quotas")),
            (SplitBasis.ACTUALS, _("last year's actuals")),
        ],
    )
    source_plan = PlanChoiceField(
        label=_("Quotas of plan"), queryset=Plan.objects.none(), to_field_name="code",
        required=False, empty_label=_("this plan"),
    )
    overwrite = forms.BooleanField(label=_("Replace existing quotas"), required=False)
