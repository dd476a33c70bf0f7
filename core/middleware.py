"""Turns application errors raised anywhere in a browser request into their page and status."""

from django.shortcuts import render

from core.exceptions import ApplicationError


class ApplicationErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ApplicationError):
            return None
        return render(
            request,
            f"{exception.status}.html" if exception.status in (403, 404) else "error.html",
            {"error": exception, "exception": exception.message},
            status=exception.status,
        )
