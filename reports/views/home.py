"""The home page: the dashboard for everyone with a unit (reporters see their own unit,
since every figure on it is limited to their scope); a note for an account without one."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from districts.scope import memberships_of

from .dashboard import dashboard


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_superuser or memberships_of(request.user):
        return dashboard(request)
    return render(request, "reports/home.html", {"memberships": []})
