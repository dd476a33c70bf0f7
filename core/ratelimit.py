"""A small fixed-window rate limit on the shared cache (Redis in production)."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def client_key(request) -> str:
    """A pseudonymous key of the client (its address is not stored anywhere)."""
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:24]


def allow(scope: str, key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one hit; False once `limit` hits were counted in the current window."""
    name = f"ratelimit:{scope}:{key}"
    cache.add(name, 0, timeout=window_seconds)
    try:
        return cache.incr(name) <= limit
    except ValueError:  # the window expired between add and incr
        cache.set(name, 1, timeout=window_seconds)
        return True
