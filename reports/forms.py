"""Forms of the reporting pages: the entry grid and the reasons of a review.

The entry form only reads the grid; the numbers are parsed and checked by
`reports.services.actuals_save`, the one place that decides what is written.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from districts.models import Unit
from districts.scope import Action, unit_for_user

from .models import Submission
from .periods import Period

PARTS = ("value", "numerator", "denominator", "note", "version")
ACTION_SAVE = "save"
ACTION_SUBMIT = "submit"


def field_name(code: str, part: str) -> str:
    """`enrol_total-value`: the name of one input of the grid."""
    return f"{code}-{part}"


class EntryForm(forms.Form):
    """The grid of one unit and period: one row of inputs per indicator code posted.

    A row is posted with its `<code>-version` (0 for a value that did not exist when the
    page was opened). The hidden `unit` and `submission` must be the page's own: a form
    posted to another unit's page, or carrying another report's id, is refused.
    """

    unit = forms.IntegerField(widget=forms.HiddenInput)
    submission = forms.IntegerField(required=False, widget=forms.HiddenInput)
    action = forms.ChoiceField(
        choices=[(ACTION_SAVE, _("Save draft")), (ACTION_SUBMIT, _("Submit"))],
        initial=ACTION_SAVE,
    )

    def __init__(
        self, data, *, user, unit: Unit, period: Period, known_codes: set[str]
    ) -> None:
        super().__init__(data)
        self.user, self.page_unit, self.period = user, unit, period
        self.codes = [key.removesuffix("-version") for key in data if key.endswith("-version")]
        self.unknown = [code for code in self.codes if code not in known_codes]
        for code in self.codes:
            for part in ("value", "numerator", "denominator"):
                self.fields[field_name(code, part)] = forms.CharField(
                    required=False, max_length=40
                )
            self.fields[field_name(code, "note")] = forms.CharField(
                required=False, max_length=2000
            )
            self.fields[field_name(code, "version")] = forms.IntegerField(
                required=False, min_value=0
            )

    def clean_unit(self) -> Unit:
        try:
            unit = unit_for_user(self.user, self.cleaned_data["unit"], Action.REPORT)
        except (Http404, PermissionDenied):
            raise ValidationError(
                _("The form names a unit you may not report for."), code="unit_out_of_scope"
            ) from None
        if unit.pk != self.page_unit.pk:
            raise ValidationError(
                _("The form belongs to another unit's page: open the page again."),
                code="unit_mismatch",
            )
        return unit

    def clean_submission(self) -> int | None:
        pk = self.cleaned_data.get("submission")
        if pk is None:
            return None
        mine = Submission.objects.filter(
            pk=pk, unit=self.page_unit, period=str(self.period)
        ).exists()
        if not mine:
            raise ValidationError(
                _("The form belongs to another report: open the page again."),
                code="submission_mismatch",
            )
        return pk

    def clean(self) -> dict:
        data = super().clean()
        if self.unknown:
            raise ValidationError(
                _("Unknown indicator: %(codes)s."),
                code="unknown_indicator",
                params={"codes": ", ".join(self.unknown)},
            )
        if not self.codes:
            raise ValidationError(_("The form has no rows."), code="no_rows")
        return data

    @property
    def submit(self) -> bool:
        return self.cleaned_data.get("action") == ACTION_SUBMIT

    def rows(self) -> dict[str, dict]:
        """Indicator code → the row's inputs, as `actuals_save` takes them."""
        return {
            code: {part: self.cleaned_data.get(field_name(code, part)) for part in PARTS}
            for code in self.codes
        }

    def raw(self, code: str, part: str) -> str:
        """What the user typed, to show it again."""
        return self.data.get(field_name(code, part), "")


class ReasonForm(forms.Form):
    """Why a report is returned or reopened: the reporter reads it on the entry page."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give a reason.")},
    )
