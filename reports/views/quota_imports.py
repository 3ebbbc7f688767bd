"""A plan's quotas from a spreadsheet: upload → preview → confirm.

The officers who manage the plan's issuer only (`plan_for_user(…, MANAGE)`: another
province's plan is 404, a viewer's or reporter's 403). The upload is kept by the report
imports' pending storage (`storage`: the user's own, by checksum) and read again on
confirmation, so what is written is exactly what was previewed, checked against what is
stored then; nothing is written before the confirmation, and nothing at all when the file
has an error.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from districts import formatting
from districts.scope import Action
from plans.models import Plan
from plans.selectors import plan_for_user
from reports.imports.forms import QuotaImportForm
from reports.imports.quotas import QuotaImportResult, quota_file_import
from reports.imports.storage import PendingFile, pending_delete, pending_open, pending_save


def _plan(request: HttpRequest, code: str) -> Plan:
    plan = plan_for_user(request.user, code, Action.MANAGE)
    if plan.status == Plan.Status.SUPERSEDED:
        raise PermissionDenied
    return plan


def _run(request: HttpRequest, plan: Plan, pending: PendingFile, form: QuotaImportForm, *,
         dry_run: bool) -> QuotaImportResult:
    with pending.open() as stream:
        return quota_file_import(
            stream=stream, file_name=pending.file_name, plan=plan,
            year=form.cleaned_data["year"], actor=request.user,
            amendment=form.amendment_input(), dry_run=dry_run,
        )


def _preview(request: HttpRequest, plan: Plan, result: QuotaImportResult,
             form: QuotaImportForm) -> HttpResponse:
    data = {"checksum": result.checksum, **{
        name: form.cleaned_data.get(name, "")
        for name in ("year", "amendment_number", "amendment_reason")
    }}
    confirm = QuotaImportForm(initial=data, plan=plan, with_file=False)
    for field in confirm.fields.values():
        field.widget = field.hidden_widget()
    return render(request, "reports/quota_import_preview.html", {
        "plan": plan, "result": result, "problems": result.sorted_problems(),
        "outcomes": result.outcomes, "confirm": confirm,
    })


@require_http_methods(["GET", "POST"])
@login_required
def quota_import(request: HttpRequest, code: str) -> HttpResponse:
    """The upload form; a posted file is stored and previewed, nothing written yet."""
    plan = _plan(request, code)
    posted = request.method == "POST"
    form = QuotaImportForm(request.POST if posted else None, request.FILES if posted else None,
                           plan=plan, initial={"year": plan.first_year})
    if posted and form.is_valid():
        pending = pending_save(user=request.user, upload=form.cleaned_data["file"])
        result = _run(request, plan, pending, form, dry_run=True)
        return _preview(request, plan, result, form)
    return render(request, "reports/quota_import.html", {"plan": plan, "form": form})


@require_POST
@login_required
def quota_import_confirm(request: HttpRequest, code: str) -> HttpResponse:
    """Write the previewed file, read again from its stored bytes."""
    plan = _plan(request, code)
    form = QuotaImportForm(request.POST, plan=plan, with_file=False)
    if not form.is_valid():
        messages.error(request, _("The import could not be confirmed: upload the file again."))
        return redirect("reports:quota_import", plan.code)
    pending = pending_open(user=request.user, checksum=form.cleaned_data["checksum"])
    if pending is None:
        messages.error(request, _("The uploaded file is no longer there: upload it again."))
        return redirect("reports:quota_import", plan.code)
    result = _run(request, plan, pending, form, dry_run=False)
    if not result.written:
        return _preview(request, plan, result, form)
    pending_delete(pending)
    text = _("Targets of %(year)s imported from %(file)s: %(created)s created, %(updated)s "
             "updated, %(unchanged)s unchanged.") % {
        "year": result.year, "file": result.file_name,
        **{name: formatting.number(Decimal(getattr(result, name)))
           for name in ("created", "updated", "unchanged")},
    }
    if result.amendment is not None:
        text += " " + _("Recorded as amendment %(number)s.") % {
            "number": result.amendment.number}
    messages.success(request, text)
    return redirect("targets:plan_detail", plan.code)
