from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from targets.models import Target

from .models import Amendment, Plan


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fields = ["year", "indicator", "unit", "operator", "value", "value_high", "wording", "note"]
    autocomplete_fields = ["indicator", "unit"]
    ordering = ["year", "indicator__sort_order", "unit__path"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("indicator", "unit")


class AmendmentInline(admin.TabularInline):
    model = Amendment
    extra = 0
    fields = ["number", "issued_on", "reason", "created_by", "created_at"]
    readonly_fields = ["created_by", "created_at"]


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = [
        "code", "number", "title", "issuer", "kind", "first_year", "last_year", "status",
    ]
    list_filter = ["status", "kind", "first_year", "issuer__level"]
    search_fields = ["code", "number", "title", "title_en", "issuer__name", "issuer__code"]
    autocomplete_fields = ["issuer", "superseded_by"]
    filter_horizontal = ["implements"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    list_select_related = ["issuer"]
    inlines = [TargetInline, AmendmentInline]

    def save_model(self, request, obj, form, change) -> None:
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change) -> None:
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, Amendment) and instance.created_by_id is None:
                instance.created_by = request.user
            instance.save()
        for instance in formset.deleted_objects:
            instance.delete()
        formset.save_m2m()


@admin.register(Amendment)
class AmendmentAdmin(admin.ModelAdmin):
    list_display = ["plan", "number", "issued_on", "created_by", "created_at"]
    list_filter = ["issued_on"]
    search_fields = ["plan__code", "number", "reason"]
    autocomplete_fields = ["plan"]
    readonly_fields = ["created_by", "created_at"]
    list_select_related = ["plan", "created_by"]

    def save_model(self, request, obj, form, change) -> None:
        if obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
