"""The site's URLs plus the bare views `make bench` compares with: each returns bytes kept in the
worker process (read once), through the same middleware, with a 304 when If-None-Match names the
same ETag. /bench/raw/<id>/ has the API's detail of an edition (bench/api.py); /bench/page/ has
the bytes of the file $BENCH_PAGE_FILE (the public edition's page, bench/pages.py)."""

import os
from pathlib import Path

from django.http import HttpResponse, HttpResponseNotModified
from django.urls import path

from config.urls import urlpatterns as site

_READY: dict[object, tuple[bytes, str]] = {}


def _answer(request, body: bytes, tag: str, content_type: str) -> HttpResponse:
    if request.headers.get("If-None-Match") == tag:
        return HttpResponseNotModified()
    response = HttpResponse(body, content_type=content_type)
    response["ETag"] = tag
    return response


def raw_edition(request, pk: int) -> HttpResponse:
    if pk not in _READY:  # the first request of each worker reads the bytes once
        from api.editions import edition_bytes, edition_tag
        from api.selectors import edition_head

        head = edition_head(pk)
        _READY[pk] = (edition_bytes(head, None), edition_tag(head, None))
    body, tag = _READY[pk]
    return _answer(request, body, tag, "application/json")


def raw_page(request) -> HttpResponse:
    if "page" not in _READY:
        source = Path(os.environ["BENCH_PAGE_FILE"])
        _READY["page"] = (source.read_bytes(), source.with_suffix(".etag").read_text())
    body, tag = _READY["page"]
    return _answer(request, body, tag, "text/html; charset=utf-8")


urlpatterns = [
    path("bench/raw/<int:pk>/", raw_edition),
    path("bench/page/", raw_page),
    *site,
]
