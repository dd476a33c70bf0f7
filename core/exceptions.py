"""The one family of application errors: each has a stable code and a translated message."""

from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    """Base of every error a user or API client is told about."""

    code = "error"
    status = 400
    default_message = _("The request could not be completed.")

    def __init__(self, message=None, *, details: dict | list | None = None):
        self.message = message or self.default_message
        self.details = details or {}
        super().__init__(str(self.message))


class InvalidInput(ApplicationError):
    code = "invalid"
    status = 400
    default_message = _("Some fields are not valid.")


class PermissionDenied(ApplicationError):
    code = "permission_denied"
    status = 403
    default_message = _("You do not have the right to do this.")


class NotFound(ApplicationError):
    code = "not_found"
    status = 404
    default_message = _("Not found.")


class Conflict(ApplicationError):
    code = "conflict"
    status = 409
    default_message = _("Someone else changed this in the meantime.")
