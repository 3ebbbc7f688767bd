"""Entering a unit's values for a period, saving a draft and submitting it."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import get_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from config.middleware import nul_shown_by_form
from districts.models import Unit
from districts.scope import Action, can, unit_for_user
from districts.templatetags.gdnn import num
from targets.operators import bound_words

from ..bounds import MESSAGES as BOUND_MESSAGES
from ..checks import MESSAGES as CHECK_MESSAGES
from ..checks import Issue, Relations
from ..forms import NOTE_MAX_LENGTH, VALUE_MAX_LENGTH, EntryForm
from ..models import Submission
from ..periods import Period, PeriodError
from ..selectors.common import catalogue_for, indicators_in_words, unit_valid_in
from ..selectors.entry import EntryGrid, EntryRow, entry_grid, open_periods_for
from ..services import SOURCE_ENTRY, Conflict, SaveResult, TransitionError, actuals_save


def period_or_404(text: str) -> Period:
    try:
        return Period.parse(text)
    except PeriodError:
        raise Http404 from None


def decimal_mark() -> str:
    """The active language's decimal mark: `1.400` is 1400 in Vietnamese, 1,4 in English."""
    return get_format("DECIMAL_SEPARATOR")


def entry_checks(grid: EntryGrid) -> dict[str, object]:
    """What `entry.js` needs to repeat the cheap checks of `reports.checks` while the user
    types: their messages and the links between the indicators, both from the server."""
    messages_ = {code: str(text) for code, text in CHECK_MESSAGES.items()}
    messages_.update((code, str(text)) for code, text in BOUND_MESSAGES.items())
    messages_["not_number"] = _("“%(text)s” is not a number.")
    messages_["note_needed"] = _("Answer the warning with a note before saving.")
    return {
        "messages": messages_,
        "relations": Relations.between(grid.indicators.values()).for_script(),
        # A value may be a bound (">92", "trên 92"): the words and signs that make one.
        "bounds": bound_words(),
    }


@dataclass
class GridRow:
    """A row of the grid as shown: the stored data, what is in the inputs, and the checks."""

    row: EntryRow
    value: str = ""
    numerator: str = ""
    denominator: str = ""
    note: str = ""
    version: int = 0
    errors: list[str] = field(default_factory=list)
    note_errors: list[str] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    needs_note: bool = False
    conflict: Conflict | None = None

    @property
    def code(self) -> str:
        return self.row.code


def _stored(row: EntryRow) -> GridRow:
    actual = row.actual
    if actual is None:
        return GridRow(row=row)
    return GridRow(
        row=row,
        # A result known only as a bound (">92") is shown as it was written.
        value=num(actual.value) if actual.value is not None else actual.printed,
        numerator=num(actual.numerator),
        denominator=num(actual.denominator),
        note=actual.note,
        version=actual.version,
    )


def _grid_rows(
    grid: EntryGrid, *, form: EntryForm | None = None, result: SaveResult | None = None
) -> list[GridRow]:
    warnings = result.warnings if result is not None else grid.warnings()
    conflicts = {c.indicator.code: c for c in result.conflicts} if result is not None else {}
    rows = []
    for row in grid.rows:
        shown = _stored(row)
        if form is not None and row.code in form.codes:
            # The user's input stays in the inputs; the version becomes the stored one, since
            # every difference from it has been shown as a conflict.
            shown.value = form.raw(row.code, "value")
            shown.numerator = form.raw(row.code, "numerator")
            shown.denominator = form.raw(row.code, "denominator")
            shown.note = form.raw(row.code, "note")
        shown.errors = result.errors.get(row.code, []) if result is not None else []
        if form is not None and row.code in form.codes:
            # The form's own refusals (too long, a NUL, a forged version), next to the box.
            for part in ("value", "numerator", "denominator", "version"):
                shown.errors = [*shown.errors, *form.field_errors(row.code, part)]
            shown.note_errors = form.field_errors(row.code, "note")
        shown.warnings = warnings.get(row.code, [])
        shown.needs_note = bool(shown.warnings) and not shown.note.strip()
        shown.conflict = conflicts.get(row.code)
        rows.append(shown)
    return rows


def _grid_for(unit: Unit, period: Period, *, show_all: bool, codes=()) -> EntryGrid:
    """The grid, with every posted row in it even when it is not shown by default."""
    grid = entry_grid(unit, period, all_indicators=show_all or bool(codes))
    if codes and not show_all:
        posted = set(codes)
        grid.rows = [
            row
            for row in grid.rows
            if row.has_target or row.actual is not None or row.code in posted
        ]
    return grid


def _render(
    request: HttpRequest,
    *,
    unit: Unit,
    grid: EntryGrid,
    show_all: bool,
    form: EntryForm | None = None,
    result: SaveResult | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    submission = grid.submission
    state = submission.state if submission else Submission.State.DRAFT
    can_manage = can(user, unit, Action.MANAGE)
    editable = (
        can(user, unit, Action.REPORT)
        and state != Submission.State.APPROVED
        and (state != Submission.State.SUBMITTED or can_manage)
    )
    rows = _grid_rows(grid, form=form, result=result)
    form_errors = list(form.non_field_errors()) if form is not None else []
    if any(row.errors or row.note_errors for row in rows) and result is None:
        form_errors.append(_("Nothing was saved: correct the values marked below."))
    if form is not None:
        for name in ("unit", "submission", "action"):
            form_errors += form.errors.get(name, [])
    if result is not None:
        form_errors += result.errors.get("", [])
        if result.missing:
            form_errors.append(
                _("Fill in every indicator with a target before submitting: %(names)s.")
                % {"names": indicators_in_words(result.missing, grid.indicators)}
            )
    return render(
        request,
        "reports/entry.html",
        {
            "unit": unit,
            "period": grid.period,
            "rows": rows,
            "submission": submission,
            "state": state,
            "editable": editable,
            "can_submit": editable
            and state in (Submission.State.DRAFT, Submission.State.RETURNED),
            "can_manage": can_manage,
            "show_all": show_all,
            "form_errors": form_errors,
            "result": result,
            "has_targets": any(row.row.has_target for row in rows),
            "decimal_mark": decimal_mark(),
            "locale": "vi-VN" if (get_language() or "vi").startswith("vi") else "en-US",
            "entry_checks": entry_checks(grid),
            "value_max_length": VALUE_MAX_LENGTH,
            "note_max_length": NOTE_MAX_LENGTH,
        },
        status=status,
    )


@require_GET
@login_required
def entry_home(request: HttpRequest) -> HttpResponse:
    """The reporter's periods: each with its state, its deadline and a link to the grid."""
    return render(
        request, "reports/entry_home.html", {"open_periods": open_periods_for(request.user)}
    )


@nul_shown_by_form
@require_http_methods(["GET", "POST"])
@login_required
def entry(request: HttpRequest, unit_pk: int, period: str) -> HttpResponse:
    period_ = period_or_404(period)
    writing = request.method == "POST"
    unit = unit_for_user(request.user, unit_pk, Action.REPORT if writing else Action.VIEW)
    if not unit_valid_in(unit, period_):
        raise Http404
    show_all = request.GET.get("all") == "1"
    if not writing:
        return _render(request, unit=unit, grid=_grid_for(unit, period_, show_all=show_all),
                       show_all=show_all)

    catalogue_codes = set(catalogue_for(unit))
    form = EntryForm(
        request.POST, user=request.user, unit=unit, period=period_, known_codes=catalogue_codes
    )
    known_posted = [code for code in form.codes if code in catalogue_codes]
    if not form.is_valid():
        grid = _grid_for(unit, period_, show_all=show_all, codes=known_posted)
        return _render(request, unit=unit, grid=grid, show_all=show_all, form=form, status=400)
    try:
        result = actuals_save(
            unit=unit,
            period=period_,
            rows=form.rows(),
            actor=request.user,
            source=SOURCE_ENTRY,
            submit=form.submit,
            decimal_mark=decimal_mark(),
        )
    except TransitionError as error:
        messages.error(request, error.message)
        grid = _grid_for(unit, period_, show_all=show_all, codes=known_posted)
        return _render(request, unit=unit, grid=grid, show_all=show_all, form=form, status=409)
    if result.ok:
        messages.success(request, _success_message(result))
        url = reverse("reports:entry", args=[unit.pk, str(period_)])
        return redirect(url + ("?all=1" if show_all else ""))
    grid = _grid_for(unit, period_, show_all=show_all, codes=known_posted)
    status = 409 if result.conflicts else 400
    return _render(
        request, unit=unit, grid=grid, show_all=show_all, form=form, result=result, status=status
    )


def _success_message(result: SaveResult) -> str:
    if result.submitted:
        return _("The report has been submitted for review.")
    if not (result.created or result.updated):
        return _("Nothing has changed.")
    return _("Saved as a draft: %(created)s new and %(updated)s changed values.") % {
        "created": result.created,
        "updated": result.updated,
    }
