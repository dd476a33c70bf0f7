"""OpenAPI 3 schema pieces (drf-spectacular): how API keys authenticate, the shared components
(a translated text, the error format) and the error responses every operation documents."""

from drf_spectacular import openapi
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import serializers

TEXT = {
    "description": "A text: one string when a language is asked for (?lang=kk|ru|en or "
    "Accept-Language), else the text in each language (empty where it is not written).",
    "oneOf": [
        {"type": "string"},
        {
            "type": "object",
            "properties": {lang: {"type": "string"} for lang in ("kk", "ru", "en")},
            "required": ["kk", "ru", "en"],
            "additionalProperties": False,
        },
    ],
}

SDG_GOAL = {"type": "integer", "minimum": 1, "maximum": 17}

ERROR = inline_serializer(
    "Error",
    {
        "code": serializers.CharField(
            help_text="Stable code: invalid, not_authenticated, invalid_key, expired_key, "
            "permission_denied, not_found, conflict, throttled ..."
        ),
        "message": serializers.CharField(help_text="What went wrong, in the response language."),
        "details": serializers.DictField(
            help_text="Field errors ({field: [messages]}) or other details; may be empty."
        ),
    },
)

ERROR_RESPONSES = {
    400: "Invalid parameters (a field error for each in details).",
    401: "The API key is not valid, has been revoked or has expired.",
    404: "Not found, or not visible to this client.",
    429: "Too many requests (Retry-After says when to try again).",
}


def errors(*codes: int) -> dict:
    """The documented error responses of an operation: 400, 401, 404, 429 and any `codes`."""
    return {
        code: OpenApiResponse(ERROR, description=ERROR_RESPONSES.get(code, ""))
        for code in sorted({*ERROR_RESPONSES, *codes})
    }


NOT_MODIFIED = {
    304: OpenApiResponse(description="Not modified: the If-None-Match ETag is current (no body).")
}

LANG = OpenApiParameter(
    "lang",
    str,
    enum=["kk", "ru", "en"],
    description="The language of every text. Without it (and without Accept-Language naming "
    "kk, ru or en) each text comes in all three.",
)
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    str,
    location=OpenApiParameter.HEADER,
    description="The ETag of a representation the client holds: 304 while it is current.",
)


class AutoSchema(openapi.AutoSchema):
    """Every operation takes ?lang= (api.languages)."""

    def get_override_parameters(self):
        return [LANG, *super().get_override_parameters()]


class OrganisationKeyScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.OrganisationKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "An organisation's key, issued by the administrator: "
            "`Authorization: Api-Key <key>`. Without it the API serves published editions "
            "and reference data; the key of a city's akimat also reads that city's drafts.",
        }


def add_components(result, generator, request, public):
    """Postprocessing hook: the components written by hand (api.v1.schemas), which the JSON
    served from snapshots refers to."""
    from api.v1.schemas import COMPONENTS

    result.setdefault("components", {}).setdefault("schemas", {}).update(
        {"Text": TEXT, **COMPONENTS}
    )
    return result
