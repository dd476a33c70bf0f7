"""One error format for every API response: {"code", "message", "details"}.

The ApplicationError family (core.exceptions) keeps its code and status; DRF's own errors and
Django's 404 are mapped here (400 invalid, 401 not_authenticated / invalid_key, 403
permission_denied, 404 not_found, 405, 406, 409 conflict, 429 throttled). Anything unexpected
is logged and answered 500 server_error in the same format.
"""

import logging
import math

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response

from core.exceptions import ApplicationError

logger = logging.getLogger(__name__)

# DRF's exception classes and the stable code each is given.
DRF_CODES = {
    exceptions.ValidationError: "invalid",
    exceptions.ParseError: "invalid",
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.AuthenticationFailed: "authentication_failed",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.NotAcceptable: "not_acceptable",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.Throttled: "throttled",
}


def error_body(code: str, message, details=None) -> dict:
    return {"code": code, "message": str(message), "details": details or {}}


def _drf_error(exc: exceptions.APIException) -> tuple[str, str, dict]:
    code = next((c for cls, c in DRF_CODES.items() if isinstance(exc, cls)), "error")
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        return code, _("Some fields are not valid."), detail
    if isinstance(exc, exceptions.AuthenticationFailed) and isinstance(exc.get_codes(), str):
        code = exc.get_codes()  # the key's own reason: invalid_key, expired_key
    if isinstance(exc, exceptions.Throttled):
        wait = None if exc.wait is None else math.ceil(exc.wait)
        return code, _("Too many requests; try again later."), {"retry_after": wait}
    return code, str(exc.detail), {}


def exception_handler(exc, context) -> Response:
    """DRF's EXCEPTION_HANDLER: every error as {"code", "message", "details"}."""
    headers = {}
    if isinstance(exc, ApplicationError):
        status_code = exc.status
        body = error_body(exc.code, exc.message, exc.details)
    elif isinstance(exc, Http404):
        status_code = status.HTTP_404_NOT_FOUND
        body = error_body("not_found", _("Not found."))
    elif isinstance(exc, DjangoPermissionDenied):
        status_code = status.HTTP_403_FORBIDDEN
        body = error_body("permission_denied", _("You do not have the right to do this."))
    elif isinstance(exc, exceptions.APIException):
        status_code = exc.status_code
        body = error_body(*_drf_error(exc))
        if getattr(exc, "auth_header", None):  # set by DRF on a 401
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None) is not None:
            headers["Retry-After"] = str(math.ceil(exc.wait))
    else:
        logger.exception("Unexpected error in the API", exc_info=exc)
        status_code = status.HTTP_500_INTERNAL_SERVER_ERROR
        body = error_body("server_error", _("Something went wrong on our side."))
    # JSON whatever renderer the client asked for (a CSV or ZIP download's errors too).
    return Response(body, status=status_code, headers=headers, content_type="application/json")


def not_found(request, *args, **kwargs) -> JsonResponse:
    """Any address under /api/ that names no resource."""
    return JsonResponse(error_body("not_found", _("Not found.")), status=404)
