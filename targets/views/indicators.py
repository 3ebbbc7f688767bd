"""The pages where a province's officer defines its own indicators: new, edit, retire,
delete. The list is the catalogue page (`catalogue.py`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import indicators as services
from ..indicator_forms import IndicatorForm, definable_provinces
from ..models import Indicator
from ..selectors import indicator_for_user


def _editable_indicator(user, code: str) -> Indicator:
    """The department indicator `code` the user may change: 404 if they cannot see it,
    403 if they see it but may not change it (the shipped catalogue, another's)."""
    indicator = indicator_for_user(user, code)
    if indicator.shipped or not services.may_define(user, indicator.owner):
        raise PermissionDenied
    return indicator


def _add_errors(form: IndicatorForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _listed(indicator: Indicator) -> str:
    return reverse("targets:catalogue") + f"#{indicator.code}"


@require_http_methods(["GET", "POST"])
@login_required
def indicator_create(request: HttpRequest) -> HttpResponse:
    if not request.user.is_superuser and not definable_provinces(request.user):
        raise PermissionDenied
    form = IndicatorForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.indicator_create(
                actor=request.user, owner=form.cleaned_data["owner"],
                code=form.cleaned_data["code"], data=form.indicator_input(),
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Indicator %(code)s created.") % {"code": indicator.code})
            return redirect(_listed(indicator))
    return render(request, "targets/indicator_form.html", {"form": form, "indicator": None})


@require_http_methods(["GET", "POST"])
@login_required
def indicator_edit(request: HttpRequest, code: str) -> HttpResponse:
    indicator = _editable_indicator(request.user, code)
    form = IndicatorForm(request.POST or None, user=request.user, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.indicator_update(
                actor=request.user, indicator=indicator, data=form.indicator_input()
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Indicator %(code)s saved.") % {"code": indicator.code})
            return redirect(_listed(indicator))
    history = indicator.history.select_related("history_user").order_by("-history_date")[:20]
    return render(
        request, "targets/indicator_form.html",
        {"form": form, "indicator": indicator, "history": history},
    )


@require_POST
@login_required
def indicator_retire(request: HttpRequest, code: str) -> HttpResponse:
    """Retire it (or, with `retired=0`, offer it again for new targets)."""
    indicator = _editable_indicator(request.user, code)
    retired = request.POST.get("retired", "1") != "0"
    services.indicator_retire(actor=request.user, indicator=indicator, retired=retired)
    messages.success(
        request,
        (_("Indicator %(code)s retired: it is no longer offered for new targets.") if retired
         else _("Indicator %(code)s is offered for new targets again.")) % {"code": code},
    )
    return redirect(_listed(indicator))


@require_POST
@login_required
def indicator_delete(request: HttpRequest, code: str) -> HttpResponse:
    indicator = _editable_indicator(request.user, code)
    try:
        services.indicator_delete(actor=request.user, indicator=indicator)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_listed(indicator))
    messages.success(request, _("Indicator %(code)s deleted.") % {"code": code})
    return redirect("targets:catalogue")
