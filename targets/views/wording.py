"""Live read-back of a typed target wording, for the grid's script."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ..cells import read_cell, readback
from ..selectors import indicators_for_user

MAX_TEXT = 200


def _plain(value: Decimal | None) -> int | float | None:
    """A JSON number as plain as the value: 1400, 86.2."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


@require_GET
@login_required
def parse_wording(request: HttpRequest) -> JsonResponse:
    text = request.GET.get("text", "")[:MAX_TEXT]
    code = request.GET.get("indicator", "")
    indicator = indicators_for_user(request.user).filter(code=code).first()
    if indicator is None:
        return JsonResponse({"ok": False, "error": _("Unknown indicator.")}, status=400)
    reading = read_cell(text, indicator.kind)
    if reading.is_blank:
        return JsonResponse({"ok": False, "blank": True, "error": _("No target.")})
    parsed = reading.parsed
    if parsed is None:
        return JsonResponse({"ok": False, "error": reading.error})
    return JsonResponse(
        {
            "ok": True,
            "operator": parsed.operator.value,
            "value": _plain(parsed.value),
            "value_high": _plain(parsed.value_high),
            "readback": readback(reading, indicator.kind),
        }
    )
