"""Rate limits of API clients: anonymous clients per address, key holders per key.

Counted in fixed windows in the shared cache, as the site's other limits (core.limits, with
django-ratelimit), on django-ratelimit's own windows and keys, at the rates of
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] ("120/m": 120 requests a minute). Past the rate: 429
with Retry-After.

On Redis (issue 11 item 8: a round trip per request cost the API detail a third of its
throughput) each worker adds its clients' requests to the shared count in batches
(BatchedWindowCounts, INCRBY and EXPIRE ... NX in one pipeline): a client's first request in a
worker, and any request a second after the worker last added to the count, is counted at once;
between those a worker keeps uncounted at most an eighth of what the client has left of its
window (at most MAX_BATCH requests), so the last requests before the limit are each counted
before they are answered. The limit is thus exact for a client served by one worker and
exceeded, with several, by at most an eighth of the rate per other worker (what each may hold
uncounted). Other cache backends (the embedded default's files) count every request through
django-ratelimit.
"""

import threading
import time
from dataclasses import dataclass

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

# A worker keeps uncounted at most 1/BATCH_SHARE of a client's remaining allowance...
BATCH_SHARE = 8
# ... and at most MAX_BATCH requests, for at most SYNC_SECONDS.
MAX_BATCH = 100
SYNC_SECONDS = 1.0


@dataclass
class _Window:
    """One client's window as this worker knows it: the shared count when this worker last added
    to it, and the requests it answered since (not yet added)."""

    ends: int
    known: int = 0
    pending: int = 0
    synced_at: float = float("-inf")


class BatchedWindowCounts:
    """Per-worker counts of requests in fixed windows, added to the shared Redis count in
    batches. count() returns this worker's estimate of the client's count in the window, this
    request included: the shared count plus what this worker holds uncounted."""

    def __init__(self):
        self.windows: dict[str, _Window] = {}
        self.lock = threading.Lock()
        self.pruned_at = 0

    def clear(self) -> None:
        with self.lock:
            self.windows.clear()

    def count(self, cache: RedisCache, key: str, *, limit: int, period: int, ends: int) -> int:
        now = time.monotonic()
        with self.lock:
            window = self.windows.get(key)
            if window is None:
                self._forget_ended()
                window = self.windows[key] = _Window(ends=ends)
            window.pending += 1
            batch = max(1, min(MAX_BATCH, (limit - window.known) // BATCH_SHARE))
            if window.pending < batch and now - window.synced_at < SYNC_SECONDS:
                return window.known + window.pending
            adding, window.pending, window.synced_at = window.pending, 0, now
        client = cache._cache.get_client(key, write=True)
        with client.pipeline(transaction=False) as pipe:
            pipe.incrby(key, adding)
            pipe.expire(key, period + EXPIRATION_FUDGE, nx=True)
            count, _expiry_set = pipe.execute()
        with self.lock:
            window.known = max(window.known, count)
            return count + window.pending

    def _forget_ended(self) -> None:
        """Drop the windows that have ended (their keys name the window: never reused), at most
        once a second."""
        now = int(time.time())
        if now > self.pruned_at:
            self.pruned_at = now
            for key in [key for key, window in self.windows.items() if window.ends < now]:
                del self.windows[key]


COUNTS = BatchedWindowCounts()


def window_usage(request, *, group: str, value: str, rate: str) -> dict | None:
    """Count one request of `value` (a client) in the current fixed window of `rate`, as
    django_ratelimit.core.get_usage(increment=True) does: {"count", "limit", "should_limit",
    "time_left"}, or None when rate limits are off (RATELIMIT_ENABLE). On Redis the count is
    this worker's estimate (BatchedWindowCounts)."""
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
    count = COUNTS.count(cache, key, limit=limit, period=period, ends=window)
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
