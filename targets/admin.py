"""Indicators and targets in the admin, read-only but for the targets' import, which
writes through `targets_put`; a plan's page in the admin lists its targets too."""

from __future__ import annotations

from django.contrib import admin
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from plans.admin import PlanAdmin, ReadOnlyInline
from plans.models import Plan

from .models import Indicator, Target
from .resources import TargetResource


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    """The catalogue ships with the code (targets/catalogue.py) and is re-synced after
    every migrate, so edits here would be lost: the admin shows it read-only. The
    departments' own are written on their pages (/indicators/new/), through
    `targets.indicators`."""

    list_display = [
        "code", "name_vi", "name_en", "unit", "kind", "direction", "owner", "retired",
    ]
    list_filter = ["kind", "direction", "shipped", "retired", "unit"]
    search_fields = ["code", "name_vi", "name_en", "aliases"]
    list_select_related = ["component_of", "part_of", "owner"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Target)
class TargetAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    """Targets are listed, exported and imported here; one by one they change only in the
    plan's target grid, where an issued plan's change needs an amendment. The import
    writes each row through `targets_put`, under the same scope and rules."""

    resource_classes = [TargetResource]
    list_display = [
        "plan", "year", "indicator", "unit", "operator", "value", "value_high", "wording",
    ]
    list_filter = [
        "plan", "year", "indicator", "indicator__kind", "plan__kind", "plan__status", "operator",
    ]
    search_fields = [
        "plan__code", "plan__number", "plan__title", "indicator__code", "indicator__name_vi",
        "indicator__name_en", "unit__code", "unit__name", "wording",
    ]
    autocomplete_fields = ["plan", "indicator", "unit"]
    list_select_related = ["plan", "indicator", "unit"]
    ordering = ["plan__code", "year", "indicator__sort_order", "unit__path"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class TargetInline(ReadOnlyInline):
    model = Target
    fields = ["year", "indicator", "unit", "operator", "value", "value_high", "wording", "note"]
    ordering = ["year", "indicator__sort_order", "unit__path"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("indicator", "unit")


# The plan's admin page (plans/admin.py, registered when imported above) with its targets
# listed first, read-only.
admin.site.unregister(Plan)


@admin.register(Plan)
class PlanWithTargetsAdmin(PlanAdmin):
    inlines = [TargetInline, *PlanAdmin.inlines]
