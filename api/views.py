"""A person's own API tokens, on their account page: make one (its key is shown once)
and revoke one."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .forms import TokenForm
from .models import ApiToken
from .services import token_create, token_revoke


def _owner(request: HttpRequest) -> User:
    """The signed-in person (`login_required` let only them in)."""
    return cast(User, request.user)


def _page(request: HttpRequest, *, form: TokenForm, new_key: str = "",
          status: int = 200) -> HttpResponse:
    tokens = ApiToken.objects.filter(user=_owner(request)).order_by("revoked_at", "-created_at")
    return render(request, "api/tokens.html",
                  {"form": form, "tokens": tokens, "new_key": new_key}, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def tokens_page(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _page(request, form=TokenForm())
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form=form, status=400)
    try:
        new = token_create(user=request.user, name=form.cleaned_data["name"],
                           read_only=form.cleaned_data["read_only"], actor=request.user)
    except ValidationError as error:
        form.add_error("name", error)
        return _page(request, form=form, status=400)
    # Shown on this answer only: it is not stored and cannot be shown again.
    return _page(request, form=TokenForm(), new_key=new.key)


@require_POST
@login_required
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    token = ApiToken.objects.filter(pk=pk, user=_owner(request)).first()
    if token is None:
        raise Http404
    token_revoke(token=token, actor=request.user)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("api_tokens")
