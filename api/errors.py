"""Every refusal of the API as JSON with a message in the caller's language (Vietnamese
unless the request says `Accept-Language: en`): `{"detail": "…"}`, and for invalid
parameters or bodies the fields with their messages too (`errors`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, ValidationError

from reports.services import TransitionError

from .auth import RateLimited

if TYPE_CHECKING:
    from ninja import NinjaAPI


class BadRequest(Exception):
    """Input the API cannot read, with the message for the caller."""

    def __init__(self, message: str, *, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


SOURCES = ("body", "query", "path", "form", "file", "header", "cookie")


def _where(loc: Any) -> str:
    """`limit`, `reason`, `file`: the field, without where it came from (ninja's loc
    starts with the source: query, body, file…)."""
    parts = [str(part) for part in loc]
    if parts and parts[0] in SOURCES:
        parts = parts[1:]
    while parts[:1] in (["body"], ["payload"]):  # the schema of a JSON body
        parts = parts[1:]
    return ".".join(parts)


def field_message(error: dict) -> str:
    """A pydantic error in words of our own catalogue (pydantic's are English only)."""
    kind = error.get("type", "")
    if kind == "missing":
        return _("this field is required")
    if kind == "extra_forbidden":
        return _("unknown field")
    if kind.startswith("json"):
        return _("the body is not valid JSON")
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return _("a whole number is expected")
    if kind in {"bool_parsing", "bool_type"}:
        return _("true or false is expected")
    if kind in {"string_type", "string_too_long", "string_too_short"}:
        return _("a text of the right length is expected")
    if kind.startswith("date") or kind.startswith("datetime"):
        return _("a date (YYYY-MM-DD) or a time (YYYY-MM-DDTHH:MM:SS) is expected")
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        return _("the number is out of range")
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return _("an object is expected")
    return _("the value has the wrong type or form")


def install(api: NinjaAPI) -> None:
    def respond(request: HttpRequest, status: int, body: dict,
                headers: dict[str, str] | None = None) -> HttpResponse:
        response = api.create_response(request, body, status=status)
        for name, value in (headers or {}).items():
            response[name] = value
        return response

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
        return respond(request, 401, {"detail": _(
            "Give a valid API token in the header Authorization: Bearer <token>. The token "
            "is missing, unknown or revoked."
        )}, {"WWW-Authenticate": "Bearer"})

    @api.exception_handler(RateLimited)
    def rate_limited(request: HttpRequest, exc: Exception) -> HttpResponse:
        return respond(request, 429, {"detail": _(
            "Too many requests with this token in one minute. Wait a moment and try again."
        )}, {"Retry-After": "60"})

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return respond(request, 404, {"detail": _(
            "Not found, or outside the units this token may see."
        )})

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
        return respond(request, 403, {"detail": str(exc) or _(
            "This token's user may not do this here."
        )})

    @api.exception_handler(TransitionError)
    def refused(request: HttpRequest, exc: Exception) -> HttpResponse:
        assert isinstance(exc, TransitionError)
        return respond(request, 409, {"detail": exc.message})

    @api.exception_handler(BadRequest)
    def bad_request(request: HttpRequest, exc: Exception) -> HttpResponse:
        assert isinstance(exc, BadRequest)
        return respond(request, exc.status, {"detail": exc.message})

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: Exception) -> HttpResponse:
        return respond(request, 413, {"detail": too_big_message()})

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: Exception) -> HttpResponse:
        assert isinstance(exc, ValidationError)
        errors = [
            {"field": _where(error.get("loc", ())), "message": field_message(error)}
            for error in exc.errors
        ]
        listed = "; ".join(
            f"{e['field']}: {e['message']}" if e["field"] else e["message"] for e in errors
        )
        return respond(request, 400, {
            "detail": _("The request is not valid: %(errors)s.") % {"errors": listed},
            "errors": errors,
        })

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        assert isinstance(exc, HttpError)
        # django-ninja's own refusals are English; the ones a client meets, in our words.
        message = NINJA_MESSAGES.get(str(exc))
        return respond(request, exc.status_code, {"detail": message() if message else str(exc)})


def _unparsable() -> str:
    return _("The request is not valid JSON.")


NINJA_MESSAGES = {"Cannot parse request body": _unparsable}


def too_big_message() -> str:
    return _("The request body is too large. Send the values in several smaller sets.")
