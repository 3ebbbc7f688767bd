"""The client's address, as the login lockout and the logs see it.

Behind a reverse proxy every request comes from the proxy's address, so a lockout keyed on
that address would lock a username out for everyone. Each proxy appends the address it
received the request from to `X-Forwarded-For`; with `TRUSTED_PROXY_COUNT` proxies of our
own in front of the app, the client is the entry the outermost of them appended, the
`TRUSTED_PROXY_COUNT`-th from the right. Everything to the left of it was written by the
client and can be anything, so it is never read. Without a trusted proxy (the default, 0)
the header is ignored altogether and the connection's own address counts.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """`REMOTE_ADDR`, or the address the outermost trusted proxy saw the client at."""
    remote = request.META.get("REMOTE_ADDR")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < count:
        # The request did not come through every proxy (or they do not set the header):
        # the nearest address is the only one that was not written by the client.
        return remote
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
