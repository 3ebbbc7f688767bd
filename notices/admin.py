"""Notices in the admin, for superusers: read them and see how their mails went."""

from __future__ import annotations

from django.contrib import admin

from .models import NoticePreference, Notification, PeriodCalendar


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "plan", "unit", "period", "day",
                    "mail_state", "mail_attempts"]
    list_filter = ["kind", "mail_state", "day"]
    search_fields = ["recipient__username", "subject"]
    list_select_related = ["recipient", "plan", "unit"]
    # Notices are made by `remind` and the workflow only; the admin reads them.
    readonly_fields = [field.name for field in Notification._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(PeriodCalendar)
class PeriodCalendarAdmin(admin.ModelAdmin):
    list_display = ["plan", "period", "units_deadline", "consolidation_deadline",
                    "data_cutoff", "reminder_days", "overdue_every"]
    list_select_related = ["plan"]
    search_fields = ["plan__code"]
    # Set on the plan's calendar page, where the officer's rights are checked.
    readonly_fields = [field.name for field in PeriodCalendar._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(NoticePreference)
class NoticePreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "email_off", "language"]
    search_fields = ["user__username"]
