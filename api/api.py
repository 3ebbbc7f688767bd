"""The JSON API: `/api/v1/…` for the product's own resources, `/api/dataValueSets` in
DHIS2's shape; its description at `/api/openapi.json`, an interactive page at `/api/docs/`
(Swagger UI from django-ninja's own static files, no CDN)."""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from . import errors
from .auth import TokenAuth
from .endpoints import datavaluesets, imports, plans, progress, submissions, units


class Renderer(JSONRenderer):
    """Vietnamese as it is (UTF-8), not as \\u escapes: readable in a terminal too."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="GDNN API",
    version="1",
    description=(
        "Plans, targets, actual values, progress and submissions of the GDNN dashboard, "
        "and DHIS2-compatible dataValueSets. Every request carries a token: "
        "`Authorization: Bearer <token>` (or `ApiToken <token>`). Messages are in "
        "Vietnamese, in English with `Accept-Language: en`."
    ),
    urls_namespace="api",
    docs_url="/docs/",  # /api/docs/, and /api/docs redirected to it (APPEND_SLASH)
    auth=TokenAuth(),
    renderer=Renderer(),
)
errors.install(api)
api.add_router("/v1/", units.router, tags=["units"])
api.add_router("/v1/", plans.router, tags=["plans"])
api.add_router("/v1/", progress.router, tags=["actuals and progress"])
api.add_router("/v1/", submissions.router, tags=["submissions"])
api.add_router("/v1/", imports.router, tags=["file imports"])
api.add_router("/", datavaluesets.router, tags=["DHIS2"])
