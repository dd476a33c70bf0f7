"""Limits on what one client may do, and who the client is behind the reverse proxies.

The counting itself is django-ratelimit's (fixed windows in the shared cache: Redis, or the
file cache of core.cache on the embedded default); this module names the client and the rates.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

# Accepted public comments per client address (p.14: anyone may comment during the hearing).
COMMENT_RATE = "5/10m"
# Password reset e-mails asked for, per client address and per e-mail address typed.
RESET_EMAIL_RATE_PER_ADDRESS = "5/h"
RESET_EMAIL_RATE_PER_ACCOUNT = "3/h"

UNKNOWN_ADDRESS = "0.0.0.0"  # noqa: S104 - a placeholder value, never bound to


def client_address(request: HttpRequest) -> str:
    """The IP address of the client that sent `request`, as a string.

    Each of the settings.TRUSTED_PROXY_COUNT reverse proxies in front of the app appends the
    address it received the request from to X-Forwarded-For, so the client is the N-th entry from
    the right (what the outermost trusted proxy saw); entries further left were written by the
    client and are ignored. With no trusted proxy, or fewer entries than proxies (a request that
    did not come through them), it is the connecting address, REMOTE_ADDR. An address that is
    not a valid IPv4/IPv6 address counts as UNKNOWN_ADDRESS (one shared client), never an error.
    The same rule as Werkzeug's ProxyFix(x_for=N); django-axes is configured to use this function.
    """
    address = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [hop for hop in hops if hop]
        if len(hops) >= count:
            address = hops[-count]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return UNKNOWN_ADDRESS


def over_limit(request: HttpRequest, *, group: str, rate: str, key="ip") -> bool:
    """Count one use of `group` by the client (key "ip": its address) or by `key` (a callable
    (group, request) -> str), and tell whether this use goes past `rate` ("5/10m": 5 uses in a
    fixed window of 10 minutes). Call it only for uses that count (an accepted request)."""
    return is_ratelimited(request, group=group, key=key, rate=rate, increment=True)
