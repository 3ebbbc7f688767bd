"""Forms of the reporting pages: the entry grid and the reasons of a review.

The entry form only reads the grid; the numbers are parsed and checked by
`reports.services.actuals_save`, the one place that decides what is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from districts.models import Unit
from districts.scope import Action, unit_for_user

from .models import Submission
from .periods import Period

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PARTS = ("value", "numerator", "denominator", "note", "version")
# The longest input a box takes; the inputs carry the same `maxlength`.
VALUE_MAX_LENGTH = 40
NOTE_MAX_LENGTH = 2000


def _text_errors() -> dict[str, StrOrPromise]:
    return {
        "max_length": _("At most %(limit_value)d characters (this one has %(show_value)d)."),
        "null_characters_not_allowed": _(
            "The text contains a NUL character (\\0): remove it and save again."
        ),
    }


def _version_errors() -> dict[str, StrOrPromise]:
    stale = _("The form of this row was changed or is out of date: open the page again.")
    return {"invalid": stale, "min_value": stale, "max_value": stale}


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
                    required=False, max_length=VALUE_MAX_LENGTH, error_messages=_text_errors()
                )
            self.fields[field_name(code, "note")] = forms.CharField(
                required=False, max_length=NOTE_MAX_LENGTH, error_messages=_text_errors()
            )
            self.fields[field_name(code, "version")] = forms.IntegerField(
                required=False, min_value=0, max_value=2**31 - 1,
                error_messages=_version_errors(),
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

    def clean(self) -> dict[str, Any]:
        super().clean()
        if self.unknown:
            raise ValidationError(
                _("Unknown indicator: %(codes)s."),
                code="unknown_indicator",
                params={"codes": ", ".join(self.unknown)},
            )
        if not self.codes:
            raise ValidationError(_("The form has no rows."), code="no_rows")
        return self.cleaned_data

    @property
    def submit(self) -> bool:
        return self.cleaned_data.get("action") == ACTION_SUBMIT

    def rows(self) -> dict[str, dict]:
        """Indicator code → the row's inputs, as `actuals_save` takes them. The value's
        box shows a result stored as printed (">92"), so an emptied box removes it."""
        return {
            code: {
                **{part: self.cleaned_data.get(field_name(code, part)) for part in PARTS},
                "printed": "",
            }
            for code in self.codes
        }

    def raw(self, code: str, part: str) -> str:
        """What the user typed, to show it again (without the NUL it was refused for)."""
        return self.data.get(field_name(code, part), "").replace("\x00", "")

    def field_errors(self, code: str, part: str) -> list[str]:
        """The errors of one input of the grid, shown next to it."""
        if not self.is_bound or field_name(code, part) not in self.errors:
            return []
        return [str(message) for message in self.errors[field_name(code, part)]]


class ReasonForm(forms.Form):
    """Why a report is returned or reopened: the reporter reads it on the entry page."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give a reason.")},
    )
