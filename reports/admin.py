"""Administration of reported values, submissions and imported files, with their history."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .imports.resources import ActualImportExportMixin
from .models import Actual, ImportBatch, Submission


@admin.register(Actual)
class ActualAdmin(ActualImportExportMixin, SimpleHistoryAdmin):
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
    raw_id_fields = ["unit", "submission", "import_batch", "updated_by"]
    list_select_related = ["indicator", "unit", "updated_by"]
    readonly_fields = ["version", "updated_at"]
    history_list_display = ["value", "note"]


@admin.register(Submission)
class SubmissionAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "period", "state", "submitted_by", "submitted_at", "reviewed_by"]
    list_filter = ["state", "year", "unit__level"]
    search_fields = ["unit__code", "unit__name", "period", "reason"]
    raw_id_fields = ["unit", "submitted_by", "reviewed_by"]
    list_select_related = ["unit", "submitted_by", "reviewed_by"]
    readonly_fields = ["updated_at"]
    history_list_display = ["state", "reason"]


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    # A file's record is written once and never changed, so it keeps no history of its own;
    # the values it changed carry it in their history ("import <file name>").
    list_display = ["file_name", "user", "created_at", "rows", "created", "updated", "warnings"]
    list_filter = ["created_at"]
    search_fields = ["file_name", "checksum", "user__username", "note"]
    raw_id_fields = ["user"]
    list_select_related = ["user"]
    readonly_fields = ["checksum", "created_at"]
