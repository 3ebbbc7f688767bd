"""A person's to-do list and notices (/inbox/), and their notice settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import services
from ..forms import PreferenceForm
from ..inbox import todo_for
from ..models import NoticePreference, Notification

RECENT_NOTICES = 30


@require_GET
@login_required
def inbox_page(request: HttpRequest) -> HttpResponse:
    todo = todo_for(request.user, timezone.localdate())
    notices = list(Notification.objects.filter(recipient_id=request.user.pk)[:RECENT_NOTICES])
    return render(request, "notices/inbox.html", {
        "todo": todo,
        "notices": notices,
        "unread": sum(1 for n in notices if n.read_at is None),
    })


@require_POST
@login_required
def inbox_mark_read(request: HttpRequest) -> HttpResponse:
    services.notices_mark_read(user=request.user)
    return redirect("notices:inbox")


@require_GET
@login_required
def notice_open(request: HttpRequest, notice_id: int) -> HttpResponse:
    """Open one notice: it is marked read, and its page opened (the inbox if it has none)."""
    notice = services.notice_open(user=request.user, notice_id=notice_id)
    if notice is None:
        raise Http404
    link = notice.link
    if link and url_has_allowed_host_and_scheme(link, allowed_hosts=None):
        return redirect(link)
    return redirect("notices:inbox")


@require_http_methods(["GET", "POST"])
@login_required
def preferences_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # login_required
    preference = NoticePreference.objects.filter(user=user).first()
    form = PreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        services.preference_set(user=user, **form.cleaned_data)
        messages.success(request, _("Your notice settings are saved."))
        return redirect("notices:inbox")
    return render(request, "notices/preferences.html", {"form": form})
