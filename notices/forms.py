from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NoticePreference, validate_reminder_days
from .schedule import MAX_REMINDER_DAYS

# Day first, as officials write dates, whatever the interface's language.
DAY_FIRST = ["%d/%m/%Y", "%d/%m/%y"]


def _day_field(label, *, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DAY_FIRST,
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
        ),
        error_messages={"invalid": _("Write the date day first: 15/12/2024.")},
    )


class CalendarForm(forms.Form):
    period = forms.CharField(
        label=_("Period"), max_length=8,
        help_text=_("2024 for the year, 2024S1 for the first half, 2024Q3, 2024M07."),
    )
    units_deadline = _day_field(_("Units' reporting deadline"), required=True)
    consolidation_deadline = _day_field(_("Consolidation deadline"))
    data_cutoff = _day_field(_("Data cut-off date"))
    reminder_days = forms.CharField(
        label=_("Reminders, days before the deadline"), max_length=40, initial="7, 3, 1",
        validators=[validate_reminder_days],
    )
    overdue_every = forms.IntegerField(
        label=_("Overdue notice every (days)"), min_value=1, max_value=MAX_REMINDER_DAYS,
        initial=7,
    )

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = NoticePreference
        fields = ["email_off", "language"]
