"""Authentication of API clients by organisation key: `Authorization: Api-Key <key>`.

No key: an anonymous client (published editions and reference data only). A key that is
unknown, revoked or expired: 401 at once, never a silent fall-back to anonymous access.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_api_key.permissions import KeyParser

from api.models import OrganisationAPIKey
from core.models import Organisation

KEYWORD = KeyParser.keyword  # "Api-Key"


@dataclass(frozen=True)
class APIClient:
    """The system behind a valid key: it acts for the key's organisation, never for a person."""

    organisation: Organisation
    key: OrganisationAPIKey

    is_authenticated = True
    is_anonymous = False
    is_superuser = False

    @property
    def pk(self) -> str:
        return f"api-key:{self.key.prefix}"


class OrganisationKeyAuthentication(BaseAuthentication):
    """Reads the key (djangorestframework-api-key: the prefix finds the row, the hash verifies the
    rest) and the organisation it was issued to."""

    parser = KeyParser()

    def authenticate(self, request):
        key = self.parser.get(request)
        if key is None:
            return None
        try:
            api_key = OrganisationAPIKey.objects.get_from_key(key.strip())
        except OrganisationAPIKey.DoesNotExist:
            raise AuthenticationFailed(
                _("The API key is not valid or has been revoked."), code="invalid_key"
            ) from None
        if api_key.has_expired:
            raise AuthenticationFailed(_("The API key has expired."), code="expired_key")
        return APIClient(organisation=api_key.organisation, key=api_key), api_key

    def authenticate_header(self, request) -> str:
        return f'{KEYWORD} realm="api"'
