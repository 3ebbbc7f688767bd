"""The preview of a checked report file, shared by the import page (a small file, checked
inside the request) and a background job's page (a large one, from what the worker kept
on the job): the counts, how the file was read, the choices for the columns the reader
did not know, and the confirmation."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from districts.scope import Action, can_anywhere
from reports.imports.forms import ColumnMapForm, ConfirmForm
from reports.imports.importer import ImportResult
from reports.imports.mappings import mappable_indicators
from reports.imports.official import IGNORE
from reports.imports.preview import PreviewParts, StoredPreview
from reports.models import ImportJob
from reports.selectors.common import catalogue


def note_needed_message() -> str:
    return _("Write a note to accept the warnings.")


def imported_message(result: ImportResult | StoredPreview) -> str:
    return _("%(file)s imported: %(created)s created, %(updated)s updated, %(unchanged)s "
             "unchanged.") % {
        "file": result.file_name,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
    }


def confirm_initial(*, checksum: str, plan, period, job: ImportJob | None = None) -> dict:
    return {"checksum": checksum, "plan": plan.pk if plan else "", "period": str(period or ""),
            "job": job.pk if job is not None else ""}


def _remembered_words(result: ImportResult | StoredPreview) -> str:
    """"Lao động được đào tạo nghề nông nghiệp → Lao động nông thôn tham gia học nghề; …"."""
    indicators = catalogue()
    pairs = []
    for remembered in result.remembered.values():
        if remembered.code == IGNORE:
            meaning = _("left out")
        else:
            indicator = indicators.get(remembered.code)
            meaning = indicator.name if indicator is not None else remembered.code
        pairs.append(f"{remembered.label} → {meaning}")
    return "; ".join(pairs)


def preview_page(
    request: HttpRequest,
    *,
    checksum: str,
    result: ImportResult | StoredPreview,
    parts: PreviewParts,
    confirm: ConfirmForm,
    options: dict,
    map_form: ColumnMapForm | None = None,
    job: ImportJob | None = None,
) -> HttpResponse:
    """The preview of a checked file: inline from its result, or from the stored one of
    `job`. Both offer the columns the reader did not recognise to be mapped and the file
    checked again; a job's forms name the job, whose stored header the choices are
    checked against (the large file is not read again in the request)."""
    plan = options["plan"]
    header = result.header
    columns = header.open_columns if header is not None else ()
    if map_form is None or map_form.is_valid():
        # The choices as this reading used them (the user's and the remembered ones).
        map_form = ColumnMapForm(
            columns=columns,
            indicators=mappable_indicators(plan=plan, user=request.user) if columns else [],
        )
    kept = {
        "checksum": checksum,
        "plan": plan.pk if plan is not None else "",
        "period": str(options["period"] or ""),
        "job": str(job.pk) if job is not None else "",
    }
    # The error file is read with the same choices of columns.
    choices = {f"map-{c.index}": c.mapped for c in columns if c.mapped}
    error_query = urlencode({**({"plan": kept["plan"]} if plan is not None else {}),
                             "period": kept["period"], **choices,
                             **({"job": kept["job"]} if job is not None else {})})
    return render(
        request,
        "reports/import_preview.html",
        {
            "checksum": checksum,
            "result": result,
            "problems": parts.problems,
            "problems_left": parts.problems_left,
            "outcomes": parts.outcomes,
            "outcomes_cut": parts.outcomes_cut,
            "confirm": confirm,
            "may_submit": can_anywhere(request.user, Action.MANAGE),
            "error_file": result.format is not None and result.errors,
            "columns": parts.columns,
            "skipped": parts.skipped,
            "map_form": map_form,
            "map_rows": map_form.rows(),
            "remembered": _remembered_words(result),
            "kept": kept,
            "error_query": error_query,
        },
        status=200,
    )
