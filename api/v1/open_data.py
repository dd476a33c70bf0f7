"""Open data: an approved edition's indicators as CSV and JSON files, and the archive of every
published edition (api.open_data)."""

from django.http import FileResponse, HttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.renderers import BaseRenderer, JSONRenderer

from api.indicators import edition_indicators
from api.open_data import archive_latest, indicators_csv, indicators_json
from api.representations import dumps, etag, finish, language_key, not_modified
from api.schema import IF_NONE_MATCH, NOT_MODIFIED, errors
from api.selectors import EditionHead, edition_head
from api.v1.base import LanguageMixin
from api.v1.schemas import INDICATORS_FILE
from core.exceptions import NotFound
from indicators.selectors import monitoring_version

ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The strategy's id.")


class FileRenderer(BaseRenderer):
    """Lets a client ask for the file's media type (Accept); errors stay JSON."""

    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes) else JSONRenderer().render(data)


class CSVRenderer(FileRenderer):
    media_type = "text/csv"
    format = "csv"


class ZipRenderer(FileRenderer):
    media_type = "application/zip"
    format = "zip"


class EditionFile(LanguageMixin, GenericAPIView):
    """A file made from an edition's indicators: cached per snapshot, monitoring version and
    language, with an ETag."""

    kind = ""

    def build(self, head: EditionHead, rows: list[dict]) -> bytes:
        raise NotImplementedError

    def get(self, request, pk: int):
        head = edition_head(pk)
        version = monitoring_version(head.strategy.city_id)
        tag = etag(head.snapshot.content_hash, version, language_key(self.lang), self.kind)
        response = not_modified(request, tag)
        if response is None:
            body = self.build(head, edition_indicators(head, version))
            response = HttpResponse(body, content_type=self.content_type)
            name = f"{head.strategy.city.code}-{head.strategy.pk}-indicators.{self.kind}"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
        return finish(response, tag=tag, lang=self.lang, public=True)


@extend_schema(
    summary="An edition's indicators as CSV (open data)",
    description="One row per value: baseline, each milestone, each year's plan and actual.",
    parameters=[ID, IF_NONE_MATCH],
    responses={
        (200, "text/csv"): OpenApiResponse(str, description="UTF-8 CSV with a byte-order mark."),
        **NOT_MODIFIED,
        **errors(),
    },
)
class EditionIndicatorsCSV(EditionFile):
    kind = "csv"
    content_type = "text/csv; charset=utf-8"
    renderer_classes = [JSONRenderer, CSVRenderer]

    def build(self, head, rows):
        return indicators_csv(head, rows, self.lang)


@extend_schema(
    summary="An edition's indicators as JSON (open data)",
    parameters=[ID, IF_NONE_MATCH],
    responses={200: INDICATORS_FILE, **NOT_MODIFIED, **errors()},
)
class EditionIndicatorsJSON(EditionFile):
    kind = "json"
    content_type = "application/json"

    def build(self, head, rows):
        return dumps(indicators_json(head, rows, self.lang))


@extend_schema(
    summary="Every published edition, with its indicators, in one archive (open data)",
    description="A ZIP archive (Frictionless Data Package: datapackage.json lists every file "
    "with its size and SHA-256): for each edition, edition.json, indicators.csv and "
    "indicators.json in every language. Rebuilt whenever an edition is approved.",
    parameters=[IF_NONE_MATCH],
    responses={
        (200, "application/zip"): OpenApiResponse(bytes, description="The ZIP archive."),
        **NOT_MODIFIED,
        **errors(),
    },
)
class EditionsArchive(LanguageMixin, GenericAPIView):
    renderer_classes = [JSONRenderer, ZipRenderer]

    def get(self, request):
        archive = archive_latest()
        if archive is None:
            raise NotFound(details={"reason": "not_built_yet"})
        tag = etag(archive.sha256)
        response = not_modified(request, tag)
        if response is None:
            try:
                stream = archive.file.open("rb")
            except OSError:  # the file was removed under the row (storage cleaned by hand)
                raise NotFound(details={"reason": "not_built_yet"}) from None
            response = FileResponse(
                stream,
                as_attachment=True,
                filename=archive.file.name.rsplit("/", 1)[-1],
                content_type="application/zip",
            )
        return finish(response, tag=tag, lang=None, public=True)
