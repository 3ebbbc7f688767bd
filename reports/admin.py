"""Administration of reported values, submissions and imported files, with their history.

The admin obeys the workflow like every other write path: a value changes only through
`reports.services.actuals_save` (the report's lock, the rules of a value, the version the
form was opened at, the source "admin" in the history), an approved value is read-only,
and a submission's state changes only on the review pages. Values are not added or
deleted here, and files are imported on the import page.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from districts import formatting
from districts.scope import Actor

from .imports.resources import ActualExportMixin
from .models import Actual, ImportBatch, Submission
from .services import SOURCE_ADMIN, LockedError, SaveResult, TransitionError, actuals_save

PARTS = ("value", "numerator", "denominator", "note")


def shown(number: Decimal | None) -> str:
    return "—" if number is None else formatting.number(number)


def decimal_mark() -> str:
    """The active language's decimal mark: `1.400` is 1400 in Vietnamese."""
    return get_format("DECIMAL_SEPARATOR")


class ActualAdminForm(forms.ModelForm):
    """The value's numbers as text (read like the entry page reads them), and the version
    the form was opened at, so that a change made meanwhile is not overwritten."""

    value = forms.CharField(label=_("value"), required=False, max_length=40)
    numerator = forms.CharField(label=_("numerator"), required=False, max_length=40)
    denominator = forms.CharField(label=_("denominator"), required=False, max_length=40)
    opened_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    actor: Actor  # the admin's user, set by `ActualAdmin.get_form` before validation

    class Meta:
        model = Actual
        fields = ["note"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        actual = self.instance
        for part in ("value", "numerator", "denominator"):
            number = getattr(actual, part)
            # Shown and read back in the page's language, as on the entry page.
            self.initial[part] = "" if number is None else shown(number)
        self.initial["opened_version"] = actual.version
        self.saved: SaveResult | None = None

    def rows(self) -> dict[str, dict]:
        data = self.cleaned_data
        row = {part: data.get(part) or "" for part in PARTS}
        row["version"] = data.get("opened_version")
        return {self.instance.indicator.code: row}

    def check(self, actor: Actor) -> SaveResult:
        actual = self.instance
        try:
            return actuals_save(
                unit=actual.unit, period=actual.period, rows=self.rows(), actor=actor,
                source=SOURCE_ADMIN, decimal_mark=decimal_mark(), origin=actual.origin,
                sample=actual.is_sample, check_only=True,
            )
        except (LockedError, TransitionError) as error:
            raise ValidationError(error.message) from error

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        result = self.check(self.actor)  # set by the admin before validation
        messages_ = [m for found in result.errors.values() for m in found]
        messages_ += [_("“%(indicator)s” was changed meanwhile to %(value)s (version "
                        "%(version)s): open the page again.") % {
            "indicator": c.indicator.name, "value": shown(c.current.value),
            "version": c.current.version,
        } for c in result.conflicts]
        messages_ += [_("Answer the warning with a note: %(warning)s") % {"warning": w.message}
                      for code in sorted(result.unanswered) for w in result.warnings[code]]
        if messages_:
            raise ValidationError(messages_)
        return data


@admin.register(Actual)
class ActualAdmin(ActualExportMixin, SimpleHistoryAdmin):
    form = ActualAdminForm
    list_display = [
        "indicator",
        "unit",
        "period",
        "value",
        "origin",
        "is_sample",
        "version",
        "updated_by",
        "updated_at",
    ]
    list_filter = ["origin", "is_sample", "year", "indicator", "unit__level"]
    search_fields = ["indicator__code", "unit__code", "unit__name", "period", "note"]
    list_select_related = ["indicator", "unit", "updated_by"]
    readonly_fields = [
        "indicator", "unit", "period", "printed", "origin", "is_sample", "version",
        "submission", "import_batch", "updated_by", "updated_at",
    ]
    fields = [
        "indicator", "unit", "period", "value", "numerator", "denominator", "printed", "note",
        "origin", "is_sample", "version", "submission", "import_batch", "updated_by",
        "updated_at", "opened_version",
    ]
    history_list_display = ["value", "note"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # values are entered on the entry page or imported from files

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # the audit trail keeps every value; a blank value clears one

    def has_change_permission(self, request: HttpRequest, obj: Actual | None = None) -> bool:
        submission = obj.submission if obj is not None else None
        if submission is not None and submission.state == Submission.State.APPROVED:
            return False  # locked: an officer reopens the report first
        return super().has_change_permission(request, obj)

    def get_fields(self, request, obj=None):
        fields = list(self.fields)
        if not self.has_change_permission(request, obj):
            fields.remove("opened_version")
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.actor = request.user
        return form

    def save_model(self, request, obj: Actual, form: ActualAdminForm, change: bool) -> None:
        # The form's check ran under the report's lock, which this transaction still holds.
        result = actuals_save(
            unit=obj.unit, period=obj.period, rows=form.rows(), actor=request.user,
            source=SOURCE_ADMIN, decimal_mark=decimal_mark(), origin=obj.origin,
            sample=obj.is_sample,
        )
        if not result.ok:
            raise PermissionDenied(_("The value could not be saved: open the page again."))
        obj.refresh_from_db()
        messages.info(request, _("Saved through the reporting rules, recorded as “admin”."))

    def save_related(self, request, form, formsets, change) -> None:
        pass  # nothing related is edited here


class ReadOnlyMixin:
    """Shown, searched and filtered, never changed here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    """A report's state changes on the review pages only (submit, approve, return,
    reopen), where the workflow's rules and the history are."""

    list_display = ["unit", "period", "state", "submitted_by", "submitted_at", "reviewed_by"]
    list_filter = ["state", "year", "unit__level"]
    search_fields = ["unit__code", "unit__name", "period", "reason"]
    list_select_related = ["unit", "submitted_by", "reviewed_by"]
    history_list_display = ["state", "reason"]


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyMixin, admin.ModelAdmin):
    # A file's record is written once and never changed, so it keeps no history of its own;
    # the values it changed carry it in their history ("import <file name>").
    list_display = ["file_name", "user", "created_at", "rows", "created", "updated", "warnings"]
    list_filter = ["created_at"]
    search_fields = ["file_name", "checksum", "user__username", "note"]
    list_select_related = ["user"]
