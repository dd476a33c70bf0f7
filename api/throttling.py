"""Rate limits of API clients: anonymous clients per address, key holders per key.

Counted in fixed windows in the shared cache, as the site's other limits (core.limits, with
django-ratelimit), at the rates of REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] ("120/m": 120
requests a minute). Past the rate: 429 with Retry-After.

Every API request is counted, so the count costs one round trip to Redis (issue 11 item 8):
INCR and EXPIRE ... NX in one pipeline, on django-ratelimit's own window and key (its
get_usage takes three: SET NX, EXISTS, INCRBY). Exact as before: every request is counted
before it is answered; nothing is counted in the worker alone. Other cache backends (the
embedded default's files) count through django-ratelimit.
"""

import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django_ratelimit.core import (
    ALL,
    EXPIRATION_FUDGE,
    _get_window,
    _make_cache_key,
    _split_rate,
    get_usage,
)
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle


def window_usage(request, *, group: str, value: str, rate: str) -> dict:
    """Count one request of `value` (a client) in the current fixed window of `rate`, as
    django_ratelimit.core.get_usage(increment=True) does: {"count", "limit", "should_limit",
    "time_left"}, or None when rate limits are off (RATELIMIT_ENABLE)."""
    if not getattr(settings, "RATELIMIT_ENABLE", True):
        return None
    cache = caches[getattr(settings, "RATELIMIT_USE_CACHE", "default")]
    if not isinstance(cache, RedisCache):
        return get_usage(
            request, group=group, key=lambda _group, _request: value, rate=rate, increment=True
        )
    limit, period = _split_rate(rate)
    window = _get_window(value, period)
    key = cache.make_and_validate_key(_make_cache_key(group, window, rate, value, ALL))
    client = cache._cache.get_client(key, write=True)
    with client.pipeline(transaction=False) as pipe:
        pipe.incr(key)
        pipe.expire(key, period + EXPIRATION_FUDGE, nx=True)
        count, _expiry_set = pipe.execute()
    return {
        "count": count,
        "limit": limit,
        "should_limit": count > limit,
        "time_left": window - int(time.time()),
    }


class WindowThrottle(BaseThrottle):
    scope = ""

    def __init__(self):
        self.time_left = None

    def key(self, group: str, request) -> str | None:
        raise NotImplementedError

    def applies(self, request) -> bool:
        raise NotImplementedError

    def allow_request(self, request, view) -> bool:
        if not self.applies(request):
            return True
        group = f"api.{self.scope}"
        usage = window_usage(
            request._request,
            group=group,
            value=str(self.key(group, request)),
            rate=api_settings.DEFAULT_THROTTLE_RATES[self.scope],
        )
        if usage is None or not usage["should_limit"]:
            return True
        self.time_left = usage["time_left"]
        return False

    def wait(self) -> float | None:
        """Seconds until the window ends (at least one: the window may end this very second)."""
        return None if self.time_left is None else max(self.time_left, 1)


class AnonymousThrottle(WindowThrottle):
    """Clients without a key, per client address (behind the trusted proxies: core.limits)."""

    scope = "anonymous"

    def applies(self, request) -> bool:
        return not request.user.is_authenticated

    def key(self, group: str, request) -> str:
        from core.limits import client_address

        return client_address(request._request)


class APIKeyThrottle(WindowThrottle):
    """Clients with a key, per key."""

    scope = "api_key"

    def applies(self, request) -> bool:
        return request.user.is_authenticated

    def key(self, group: str, request) -> str:
        return request.user.pk
