"""DHIS2's `dataValueSets` (`idScheme=code`): GET the stored values of a plan (its data
set) for units and periods, POST a set of values — JSON or CSV, `dryRun`,
`importStrategy` — answered with DHIS2's import summary. See `api.dhis2.importing` for
what differs from DHIS2 on purpose (a set with any conflict is refused whole, 409)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from districts.scope import Action, can_anywhere
from plans.selectors import plan_for_user

from ..auth import reader, source, writer
from ..dhis2.exporting import as_csv, data_values
from ..dhis2.importing import STRATEGIES, data_value_set_import, refusal
from ..dhis2.reading import PostedSet, Unreadable, read_csv, read_json
from ..errors import BadRequest, too_big_message
from ..lookups import moment_of

router = Router()
CSV_TYPES = ("text/csv", "application/csv")
PATHS = ("dataValueSets", "dataValueSets.json", "dataValueSets.csv")


def _id_scheme(scheme: str) -> None:
    if scheme and scheme.strip().lower() != "code":
        raise BadRequest(_("Only idScheme=code is supported: indicator, unit and period "
                           "codes."))


class ExportFilters(Schema):
    dataSet: str = Field(..., description="a plan's code, e.g. hn-2024")  # noqa: N815
    orgUnit: list[str] = Field(..., description="unit codes")  # noqa: N815
    period: list[str] = Field([], description="periods; all of the plan's years without")
    children: bool = Field(False, description="the units below each orgUnit too")
    lastUpdated: str = Field("", description="changed since (2024-07-01 or a time)")  # noqa: N815
    idScheme: str = "code"  # noqa: N815


DATA_VALUES_EXAMPLE = {
    "dataSet": "hn-2024",
    "dataValues": [
        {"dataElement": "enrol_total", "period": "2024", "orgUnit": "001", "value": "5100",
         "comment": "Theo báo cáo quý 4"},
    ],
}


def _wants_csv(request: HttpRequest) -> bool:
    if request.path.endswith(".csv"):
        return True
    if request.path.endswith(".json"):
        return False
    accept = request.headers.get("Accept", "")
    return any(kind in accept for kind in CSV_TYPES) and "application/json" not in accept


def _export(request: HttpRequest, filters: Query[ExportFilters]):
    _id_scheme(filters.idScheme)
    user = reader(request)
    plan = plan_for_user(user, filters.dataSet[:60], Action.VIEW)
    values = data_values(
        user, plan=plan, org_units=[code[:5] for code in filters.orgUnit],
        children=filters.children, periods=filters.period,
        updated_since=moment_of(filters.lastUpdated),
    )
    if _wants_csv(request):
        return HttpResponse(as_csv(values), content_type="text/csv; charset=utf-8")
    return {"dataSet": plan.code, "dataValues": values}


def _import(request: HttpRequest, dryRun: bool = False,  # noqa: N803 (DHIS2's names)
            importStrategy: str = "CREATE_AND_UPDATE", idScheme: str = "code"):
    user = writer(request)
    if not can_anywhere(user, Action.REPORT):
        raise PermissionDenied(_("This token's user may not enter values for any unit."))
    strategy = (importStrategy or "CREATE_AND_UPDATE").strip().upper()
    try:
        posted = _posted(request, strategy=strategy, id_scheme=idScheme)
    except BadRequest as error:
        return Status(error.status, refusal(error.message, strategy=strategy, dry_run=dryRun))
    summary = data_value_set_import(posted=posted, actor=user, source=source(request),
                                    dry_run=dryRun, strategy=strategy)
    return Status(200 if summary.ok else 409, summary.as_dict())


def _posted(request: HttpRequest, *, strategy: str, id_scheme: str) -> PostedSet:
    """The set as posted, read; `BadRequest` when it cannot be."""
    _id_scheme(id_scheme)
    if strategy not in STRATEGIES:
        raise BadRequest(_("importStrategy is CREATE_AND_UPDATE, CREATE or UPDATE; deleting "
                           "values is not supported."))
    length = request.META.get("CONTENT_LENGTH") or "0"
    if length.isdigit() and int(length) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        raise BadRequest(too_big_message(), status=413)
    content_type = request.content_type or ""
    path = request.path
    as_csv_body = path.endswith(".csv") or (
        not path.endswith(".json") and content_type in CSV_TYPES
    )
    if not as_csv_body and content_type != "application/json" and not path.endswith(".json"):
        raise BadRequest(_("Send the set as application/json or text/csv."), status=415)
    try:
        body = request.body
    except RequestDataTooBig:
        raise BadRequest(too_big_message(), status=413) from None
    try:
        return read_csv(body) if as_csv_body else read_json(body)
    except Unreadable as error:
        raise BadRequest(error.message) from None


OPENAPI_BODY = {
    "requestBody": {
        "content": {
            "application/json": {"schema": {"type": "object"}, "example": DATA_VALUES_EXAMPLE},
            "text/csv": {"schema": {"type": "string"}, "example": (
                "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,"
                "storedby,lastupdated,comment,followup\n"
                "enrol_total,2024,001,default,default,5100,,,,false\n"
            )},
        },
    },
}


for path in PATHS:
    name = path.replace(".", "_")
    router.add_api_operation(
        path, ["GET"], _export, operation_id=f"{name}_get",
        summary="Stored values of a plan in DHIS2's shape",
        description="JSON, or CSV in DHIS2's column order (`.csv`, or Accept: text/csv).",
    )
    router.add_api_operation(
        path, ["POST"], _import, operation_id=f"{name}_post",
        response={200: dict, 400: dict, 409: dict, 413: dict, 415: dict},
        summary="Import a DHIS2 data value set (all or nothing)",
        description=(
            "A set with any conflict is refused whole (409, every conflict with its "
            "indexes, nothing written). dryRun=true checks without writing; "
            "importStrategy CREATE_AND_UPDATE (default), CREATE or UPDATE."
        ),
        openapi_extra=OPENAPI_BODY,
    )
