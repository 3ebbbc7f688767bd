from __future__ import annotations

from django.contrib import admin

from .models import Membership, Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent", "valid_from", "valid_until"]
    list_filter = ["level", "valid_until"]
    search_fields = ["code", "name", "search_name"]
    raw_id_fields = ["parent"]
    filter_horizontal = ["successors"]
    readonly_fields = ["path", "search_name"]
    list_select_related = ["parent"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "unit", "created_at"]
    list_filter = ["role", "unit__level"]
    search_fields = ["user__username", "unit__name", "unit__code"]
    autocomplete_fields = ["unit"]
    raw_id_fields = ["user"]
    list_select_related = ["user", "unit"]
