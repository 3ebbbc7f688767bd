"""Plans in the admin, under the same rules as the plan pages.

A plan's header is saved through `plans.services` (scope, the header rules, a history
record whose reason says it came from the admin); its state changes only on the plan
page (issue, supersede), and its targets and amendments only in the target grid, where
an issued plan's targets need an amendment. So the admin shows those read-only; the
plan's targets are added to its page by targets/admin.py.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from districts import sources

from . import services
from .forms import PlanHeaderForm
from .models import Amendment, Plan


def admin_reason() -> str:
    return sources.ADMIN


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        return self.fields


class AmendmentInline(ReadOnlyInline):
    model = Amendment
    fields = ["number", "issued_on", "reason", "created_by", "created_at"]


class PlanAdminForm(PlanHeaderForm):
    """The plan pages' header form, checked against `plan_header_check` on a change."""

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        plan = self.instance
        if plan.pk is None or self.errors:
            return cleaned
        try:
            services.plan_header_check(
                Plan.objects.get(pk=plan.pk),
                issuer_id=cleaned["issuer"].pk,
                first_year=cleaned["first_year"],
                last_year=cleaned["last_year"],
                transition_units=cleaned["transition_units"],
            )
        except ValidationError as exc:
            self.add_error(None, exc)
        return cleaned


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    form = PlanAdminForm
    list_display = [
        "code", "number", "title", "issuer", "kind", "first_year", "last_year", "status",
    ]
    list_filter = ["status", "kind", "first_year", "issuer__level"]
    search_fields = ["code", "number", "title", "title_en", "issuer__name", "issuer__code"]
    autocomplete_fields = ["issuer"]
    filter_horizontal = ["implements"]
    readonly_fields = ["status", "superseded_by", "created_by", "created_at", "updated_at"]
    list_select_related = ["issuer"]
    inlines: list[type[admin.options.InlineModelAdmin]] = [AmendmentInline]

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # A plan with targets is protected by the database; a draft without any may go.
        return obj is None or (obj.status == Plan.Status.DRAFT and not obj.targets.exists())

    def save_model(self, request, obj: Plan, form, change: bool) -> None:
        data = form.cleaned_data
        fields = {name: data[name] for name in services.PLAN_FIELDS if name in data}
        if change:
            saved = services.plan_update(
                plan=obj, actor=request.user, issuer=data["issuer"],
                implements=data.get("implements"), reason=admin_reason(), **fields,
            )
        else:
            saved = services.plan_create(
                actor=request.user, issuer=data["issuer"],
                implements=data.get("implements") or (), reason=admin_reason(), **fields,
            )
        obj.pk = saved.pk
        form.instance = saved

    def save_related(self, request, form, formsets, change: bool) -> None:
        # `implements` was set by the service, so the form's own m2m save is skipped;
        # the inlines are read-only and save nothing.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


@admin.register(Amendment)
class AmendmentAdmin(admin.ModelAdmin):
    """Amendments are made in the target grid, together with the changes they allow."""

    list_display = ["plan", "number", "issued_on", "created_by", "created_at"]
    list_filter = ["issued_on"]
    search_fields = ["plan__code", "number", "reason"]
    list_select_related = ["plan", "created_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
