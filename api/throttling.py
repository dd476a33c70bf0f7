"""Rate limits of API clients: anonymous clients per address, key holders per key.

Counted in fixed windows in the shared cache by django-ratelimit, as the site's other limits
(core.limits), at the rates of REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] ("120/m": 120 requests a
minute). Past the rate: 429 with Retry-After.
"""

from django_ratelimit.core import get_usage
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle


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
        usage = get_usage(
            request._request,
            group=f"api.{self.scope}",
            key=lambda group, _request: self.key(group, request),
            rate=api_settings.DEFAULT_THROTTLE_RATES[self.scope],
            increment=True,
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
