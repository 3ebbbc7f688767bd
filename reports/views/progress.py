"""Progress pages of a plan and year: the comparison table with drill-down, the allocation
of one indicator, the milestones of a multi-year plan, the official "Phụ lục I" layout,
and their spreadsheets. Every plan and unit comes through the scope helpers.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from districts.models import Unit
from districts.scope import Action, unit_for_user
from plans.models import Plan
from plans.selectors import plan_for_user
from reports.progress.basis import Basis, basis_context, basis_for
from reports.progress.cache import cached, report_parts
from reports.progress.official import default_layout_unit, layout_units, official_layout
from reports.progress.selectors import (
    ProgressReport,
    allocation_of,
    milestones_report,
    progress_report,
)
from reports.progress.xlsx import XLSX_TYPE, official_workbook, progress_workbook
from targets.models import Indicator


def requested_unit(request: HttpRequest) -> Unit | None:
    """The `unit` of the query string, through the scope: 404 when out of sight."""
    raw = request.GET.get("unit", "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    return unit_for_user(request.user, int(raw), Action.VIEW)


def requested_basis(request: HttpRequest) -> Basis:
    """The `basis` of the query string (submitted by default; drafts for officers only)."""
    return basis_for(request.GET.get("basis"), user=request.user)


def plan_and_year(request: HttpRequest, plan_code: str, year: int) -> Plan:
    plan = plan_for_user(request.user, plan_code, Action.VIEW)
    if year not in plan.years:
        raise Http404
    return plan


def report_for(request: HttpRequest, plan: Plan, year: int) -> ProgressReport:
    """The progress report the query string asks for, kept while its data stands."""
    focus, basis = requested_unit(request), requested_basis(request)
    return cached(
        "progress", report_parts(plan, year, focus, basis), user=request.user,
        build=lambda: progress_report(
            plan=plan, year=year, user=request.user, focus=focus, basis=basis
        ),
    )


def xlsx_response(content: bytes, file_name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def _unit_code(report: ProgressReport) -> str:
    return report.focus.code if report.focus else "all"


@require_GET
@login_required
def progress(request: HttpRequest, plan_code: str, year: int) -> HttpResponse:
    plan = plan_and_year(request, plan_code, year)
    report = report_for(request, plan, year)
    return render(
        request, "reports/progress.html",
        {"plan": plan, "report": report, **basis_context(report.basis, user=request.user)},
    )


@require_GET
@login_required
def progress_xlsx(request: HttpRequest, plan_code: str, year: int) -> HttpResponse:
    plan = plan_and_year(request, plan_code, year)
    report = report_for(request, plan, year)
    title = f"{plan.display_title} · {year}"
    if report.focus is not None:
        title = f"{title} · {report.focus.name}"
    content = progress_workbook(report.subtree_rows, title)
    return xlsx_response(content, f"progress-{plan.code}-{year}-{_unit_code(report)}.xlsx")


@require_GET
@login_required
def allocation(request: HttpRequest, plan_code: str, year: int, indicator: str) -> HttpResponse:
    plan = plan_and_year(request, plan_code, year)
    found = Indicator.objects.filter(code=indicator).first()
    if found is None:
        raise Http404
    report = report_for(request, plan, year)
    return render(
        request,
        "reports/progress_allocation.html",
        {"plan": plan, "report": report, "allocation": allocation_of(report, found),
         **basis_context(report.basis, user=request.user)},
    )


@require_GET
@login_required
def milestones(request: HttpRequest, plan_code: str) -> HttpResponse:
    plan = plan_for_user(request.user, plan_code, Action.VIEW)
    unit = requested_unit(request)
    choices = layout_units(plan, plan.last_year, user=request.user, years=list(plan.years))
    if unit is None:
        unit = default_layout_unit(plan, choices)
    basis = requested_basis(request)
    rows = (
        milestones_report(plan=plan, unit=unit, user=request.user, basis=basis) if unit else []
    )
    return render(
        request,
        "reports/progress_milestones.html",
        {"plan": plan, "unit": unit, "rows": rows, "units": [u for u, _n in choices],
         **basis_context(basis, user=request.user)},
    )


def _layout(request: HttpRequest, plan_code: str, year: int):
    plan = plan_and_year(request, plan_code, year)
    choices = layout_units(plan, year, user=request.user)
    unit = requested_unit(request) or default_layout_unit(plan, choices)
    return official_layout(
        plan=plan, year=year, unit=unit, user=request.user, units=[u for u, _n in choices],
        basis=requested_basis(request),
    )


@require_GET
@login_required
def official(request: HttpRequest, plan_code: str, year: int) -> HttpResponse:
    layout = _layout(request, plan_code, year)
    return render(
        request, "reports/official.html",
        {"plan": layout.plan, "layout": layout,
         **basis_context(layout.basis, user=request.user)},
    )


@require_GET
@login_required
def official_xlsx(request: HttpRequest, plan_code: str, year: int) -> HttpResponse:
    layout = _layout(request, plan_code, year)
    unit = layout.unit.code if layout.unit else "all"
    file_name = f"phu-luc-I-{layout.plan.code}-{year}-{unit}.xlsx"
    return xlsx_response(official_workbook(layout), file_name)
