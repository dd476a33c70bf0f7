"""Middleware of the whole site: application errors turned into their page and status; the
headers every response carries (browser features, caching of signed-in pages)."""

from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError

# Browser features no page of the app uses are switched off for it and anything it embeds
# (W3C Permissions Policy); the rich-text editor's full-screen mode stays for our own pages.
PERMISSIONS_POLICY = ", ".join(
    [
        *(
            f"{feature}=()"
            for feature in (
                "accelerometer", "camera", "display-capture", "geolocation", "gyroscope", "hid",
                "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get",
                "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
            )
        ),
        "fullscreen=(self)",
    ]
)  # fmt: skip


class SecurityHeadersMiddleware:
    """Every response carries the Permissions-Policy; a response to a signed-in user is
    `Cache-Control: private, no-store`, so no shared cache or back button keeps a page of the
    draft, the review or the notifications after sign-out (RFC 9111, 5.2.2.3 and 5.2.2.7)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class ApplicationErrorMiddleware:
    """An ApplicationError raised by a view becomes its page with its status (403, 404, 409 ...);
    a 405 from a view that takes only some methods (require_POST opened by a link or typed
    into the address bar) gets a page that says so, instead of Django's empty body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 405
            and not response.content
            and request.method in ("GET", "POST")
            and not request.path.startswith("/api/")
        ):
            page = render(
                request,
                "error.html",
                {
                    "error": {
                        "message": _(
                            "This action is taken with a button on its page, not by opening its address."
                        )
                    }
                },
                status=405,
            )
            page["Allow"] = response.get("Allow", "")
            return page
        return response

    def process_exception(self, request, exception):
        if not isinstance(exception, ApplicationError):
            return None
        return render(
            request,
            f"{exception.status}.html" if exception.status in (403, 404) else "error.html",
            {"error": exception, "exception": exception.message},
            status=exception.status,
        )
