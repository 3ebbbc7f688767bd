"""Answers that explain themselves: NUL characters refused with a message, the product's own
404 page even in development, and the headers that CSP does not cover.

- A NUL character (`\\0`) has no business in a form, a search or a query string, and
  PostgreSQL cannot store one: a request carrying one in its path, its query string or
  its posted fields is refused with the product's 400 page, which says why, and one log
  line. A view whose form shows the error next to the field itself (the entry grid) is
  marked with `@nul_shown_by_form`; its request is logged and goes on to the form.
- Under `/api/` the refusal is JSON (`{"detail": …}`), as every answer of the API.
- A view's `Http404` (a unit outside the user's scope) is answered with the product's own
  404 page even under DEBUG, where Django would show its technical page and the URLconf.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found

from .language import API_PREFIX

NUL = "\x00"
View = TypeVar("View", bound=Callable[..., HttpResponse])
logger = logging.getLogger("gdnn.refused")


def nul_shown_by_form(view: View) -> View:
    """Marks a view whose form refuses a NUL character next to its field."""
    setattr(view, "nul_shown_by_form", True)  # noqa: B010 (a mark read by process_view)
    return view


def _field_with_nul(data: QueryDict) -> str | None:
    for key, values in data.lists():
        if NUL in key or any(NUL in value for value in values):
            return key.replace(NUL, "\\0")
    return None


def refusal(request: HttpRequest, reason: str) -> HttpResponse:
    if request.path.startswith(API_PREFIX):  # another system reads JSON, not a page
        return JsonResponse({"detail": reason}, status=400)
    return TemplateResponse(request, "400.html", {"reason": reason}, status=400).render()


def _log_refusal(request: HttpRequest, where: str) -> None:
    """One line per refused request: Django's own "Bad Request" line is left out for it."""
    logger.warning(
        "Refused %s %s: a NUL character in %s", request.method, request.path.replace(NUL, "\\0"),
        where,
    )
    setattr(request, "_nul_refusal_logged", True)  # noqa: B010 (read by the middleware)


def _refuse_nul(request: HttpRequest, where: str) -> HttpResponse:
    _log_refusal(request, where)
    return refusal(request, _(
        "The request contains a NUL character (\\0), which no field of the product "
        "accepts. Remove it (it often comes from text copied out of another program) and "
        "try again."
    ))


class RefuseNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if NUL in request.path:
            return _refuse_nul(request, "the path")
        field = _field_with_nul(request.GET)
        if field is not None:
            response = _refuse_nul(request, f"the query string ({field})")
        else:
            response = self.get_response(request)
        if getattr(request, "_nul_refusal_logged", False) and response.status_code >= 400:
            # Django's own mark, read by log_response: django.request would log it again.
            setattr(response, "_has_been_logged", True)  # noqa: B010 (not in the stubs)
        return response

    def process_view(self, request: HttpRequest, view, args, kwargs) -> HttpResponse | None:
        if request.method != "POST":
            return None
        field = _field_with_nul(request.POST)
        if field is None:
            return None
        if getattr(view, "nul_shown_by_form", False):
            _log_refusal(request, f"the field {field}, shown next to it")
            return None
        return _refuse_nul(request, f"the field {field}")


class ProductErrorPagesMiddleware:
    """The product's 404 page for a view's Http404, under DEBUG too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None


class PermissionsPolicyMiddleware:
    """`Permissions-Policy`: the pages use no camera, microphone, location, payment…"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DENIED
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
