"""The leaders' dashboard for a plan, year and unit (all three in the URL, so a view can be
shared), and the CSV of each chart's numbers."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from districts.scope import Action
from plans.models import Plan
from plans.selectors import plans_for_user
from reports.imports.exports import CONTENT_TYPES, write_table
from reports.progress.basis import DEFAULT as DEFAULT_BASIS
from reports.progress.basis import basis_context
from reports.progress.cache import cached, report_parts
from reports.progress.charts import trend_table, units_table
from reports.progress.dashboard import Dashboard, dashboard_build
from reports.progress.selectors import default_year, progress_report

from .progress import requested_basis, requested_unit

CHARTS = ("units", "trend")


def _choose_plan(plans: list[Plan], code: str) -> Plan | None:
    """The plan asked for (404 when the user cannot see it), else the first one covering
    this year, else the newest."""
    if code:
        for plan in plans:
            if plan.code == code:
                return plan
        raise Http404
    if not plans:
        return None
    year = timezone.localdate().year
    covering = [p for p in plans if p.first_year <= year <= p.last_year]
    return (covering or plans)[0]


def _choose_year(plan: Plan, raw: str) -> tuple[int, bool]:
    """The year asked for when the plan covers it; else the default, and False."""
    if raw.isdigit() and int(raw) in plan.years:
        return int(raw), True
    return default_year(plan, timezone.localdate()), not raw


def _board(request: HttpRequest, *, figures: bool) -> tuple[list[Plan], Dashboard | None, bool]:
    plans = list(plans_for_user(request.user, Action.VIEW))
    plan = _choose_plan(plans, request.GET.get("plan", "").strip())
    if plan is None:
        return plans, None, True
    year, year_ok = _choose_year(plan, request.GET.get("year", "").strip())
    focus, basis = requested_unit(request), requested_basis(request)
    indicator_code = request.GET.get("indicator", "").strip() or None
    trend_code = request.GET.get("trend", "").strip() or None

    def build() -> Dashboard:
        report = progress_report(plan=plan, year=year, user=request.user, focus=focus,
                                 basis=basis)
        return dashboard_build(report, user=request.user, indicator_code=indicator_code,
                               trend_code=trend_code, figures=figures)

    parts = (*report_parts(plan, year, focus, basis), indicator_code, trend_code, figures)
    return plans, cached("dashboard", parts, user=request.user, build=build), year_ok


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    plans, board, year_ok = _board(request, figures=True)
    context: dict[str, object] = {"plans": plans, "board": board, "year_ok": year_ok}
    if board is not None:
        report = board.report
        units = {u.pk: u for u in report.units}
        if report.focus is not None:
            units.setdefault(report.focus.pk, report.focus)
        state = {"plan": report.plan.code, "year": report.year}
        if report.focus is not None:
            state["unit"] = report.focus.pk
        if report.basis != DEFAULT_BASIS:
            state["basis"] = report.basis.value
        charts = dict(state)
        if board.bar_indicator is not None:
            charts["indicator"] = board.bar_indicator.code
        if board.trend_indicator is not None:
            charts["trend"] = board.trend_indicator.code
        context.update(
            plan=report.plan,
            report=report,
            unit_choices=sorted(units.values(), key=lambda u: u.path),
            # The filters as resolved (defaults filled in), for links that keep the view.
            state_query=urlencode(state),
            **basis_context(report.basis, user=request.user),
            chart_query=urlencode(charts),
        )
    return render(request, "reports/dashboard.html", context)


@require_GET
@login_required
def dashboard_chart_csv(request: HttpRequest, chart: str) -> HttpResponse:
    if chart not in CHARTS:
        raise Http404
    _plans, board, _year_ok = _board(request, figures=False)
    if board is None:
        raise Http404
    if chart == "units":
        header, rows = units_table(board.bars)
        code = board.bar_indicator.code if board.bar_indicator else "none"
    else:
        header, rows = trend_table(board.trend)
        code = board.trend_indicator.code if board.trend_indicator else "none"
    report = board.report
    unit = report.focus.code if report.focus else "all"
    response = HttpResponse(write_table(header, rows, "csv"), content_type=CONTENT_TYPES["csv"])
    name = f"{chart}-{report.plan.code}-{report.year}-{unit}-{code}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

