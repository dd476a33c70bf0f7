"""JSON representations served as bytes: built once per snapshot, language and representation
version, kept in the shared cache, and identified by an ETag derived from the snapshot's
SHA-256 (and, where monitoring values are included, their version).

A snapshot never changes (approvals.snapshots), so neither does anything built from it alone:
the API answers from these bytes without walking the document's rows or running a serializer
per request (PITFALLS.md, "DRF and the API").
"""

import hashlib
import json
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

from api.languages import ALL
from core.i18n import CONTENT_LANGUAGES
from core.local_cache import LocalBytes, immutable_bytes

# Bump when the shape of a representation changes: cached bytes and ETags of the old one lapse.
REPRESENTATION_VERSION = 1
CACHE_SECONDS = 7 * 24 * 3600
# Published editions change only when an amendment supersedes them; clients revalidate after.
PUBLIC_MAX_AGE = 300


def dumps(data) -> bytes:
    """Compact UTF-8 JSON, as DRF's JSON renderer writes it."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def etag(*parts) -> str:
    """A strong ETag naming the representation: the snapshot hash first, then what else the
    bytes depend on (state, monitoring version, language, query), and the version."""
    readable = "-".join(str(part) for part in parts if part not in (None, ""))
    if len(readable) > 120 or not readable.replace("-", "").replace(".", "").isalnum():
        readable = f"{parts[0]}-{hashlib.sha256(readable.encode()).hexdigest()[:16]}"
    return f'"{readable}-v{REPRESENTATION_VERSION}"'


# A detail of 200 indicators is about 650 KiB.
LOCAL = LocalBytes(limit=64 * 1024 * 1024)


def cached_bytes(key: str, build: Callable[[], object]) -> bytes:
    """The bytes under `key`: from this process, else the shared cache, else built and stored
    in both (core.local_cache)."""
    key = f"api:v{REPRESENTATION_VERSION}:{key}"
    return immutable_bytes(LOCAL, key, lambda: dumps(build()), timeout=CACHE_SECONDS)


def not_modified(request: HttpRequest, tag: str) -> HttpResponse | None:
    """A 304 (no body) when the client's If-None-Match names `tag`, else None (RFC 9110, 13.1.2)."""
    return get_conditional_response(request, etag=tag)


def finish(response: HttpResponse, *, tag: str, lang: str | None, public: bool) -> HttpResponse:
    """ETag, Cache-Control, Vary and Content-Language of a representation (200 or 304)."""
    response["ETag"] = tag
    if public:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Accept-Language"])
    response["Content-Language"] = content_language(lang)
    return response


def content_language(lang: str | None) -> str:
    """The Content-Language of a representation: its language, or every language (RFC 9110,
    8.5: a list of the languages of its intended audience)."""
    return lang or ", ".join(CONTENT_LANGUAGES)


def json_response(body: bytes) -> HttpResponse:
    return HttpResponse(body, content_type="application/json")


def language_key(lang: str | None) -> str:
    return lang or ALL
