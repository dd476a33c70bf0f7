"""The site's URLs plus the minimal view bench/api.py compares the API with: the same bytes as
the API's detail of an edition, kept in the process, through the same middleware; a 304 when
If-None-Match names the same ETag."""

from django.http import HttpResponse, HttpResponseNotModified
from django.urls import path

from config.urls import urlpatterns as site

_READY: dict[int, tuple[bytes, str]] = {}


def raw_edition(request, pk: int) -> HttpResponse:
    if pk not in _READY:  # the first request of each worker reads the bytes once
        from api.editions import edition_bytes, edition_tag
        from api.selectors import edition_head

        head = edition_head(pk)
        _READY[pk] = (edition_bytes(head, None), edition_tag(head, None))
    body, tag = _READY[pk]
    if request.headers.get("If-None-Match") == tag:
        return HttpResponseNotModified()
    return HttpResponse(body, content_type="application/json")


urlpatterns = [path("bench/raw/<int:pk>/", raw_edition), *site]
