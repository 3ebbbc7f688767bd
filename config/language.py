"""Vietnamese first: the language is Vietnamese until the user switches.

Django's `LocaleMiddleware` would follow the browser's `Accept-Language`, so an official
whose browser is set to English would get the English interface on the first visit. The
product speaks Vietnamese to everyone; English is a choice made with the switch in the
header, remembered in its cookie.

Another system calling the API (`/api/…`) has no switch: it says its language with
`Accept-Language: en`, and gets Vietnamese without the header.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

API_PREFIX = "/api/"


class VietnameseFirstMiddleware:
    """Before `LocaleMiddleware`: the browser's language list is not read."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
