"""The home page: where each user starts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from districts.scope import memberships_of


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/home.html", {"memberships": memberships_of(request.user)})
