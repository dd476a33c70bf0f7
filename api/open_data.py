"""Open data: an approved edition's indicators as a CSV table and as JSON, and one ZIP archive
of every published edition (a Frictionless Data Package: datapackage.json lists each file with
its size and SHA-256), rebuilt by a Celery task whenever an edition is approved.

The CSV is "long" (tidy): one row per value of an indicator (its baseline, each milestone, each
year's plan and actual), so it loads as it is into a spreadsheet or a statistics package. UTF-8
with a byte-order mark, for spreadsheets to read Kazakh and Russian letters.
"""

import csv
import hashlib
import io
import logging
import zipfile

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from api.editions import edition_bytes
from api.indicators import edition_indicators
from api.languages import localize
from api.models import OpenDataArchive
from api.representations import dumps
from api.selectors import EditionHead, edition_head, edition_list
from core.i18n import CONTENT_LANGUAGES
from indicators.selectors import monitoring_version

logger = logging.getLogger(__name__)

TEXT_COLUMNS = ("name", "unit", "source", "collection_tool")
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    """A CSV cell: numbers as they are (negative ones stay numbers), any other text that a
    spreadsheet would take for a formula escaped with a leading apostrophe."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_START):
        try:
            float(text)
        except ValueError:
            return "'" + text
    return text


def indicator_table(head: EditionHead, rows: list[dict], lang: str | None) -> tuple[list, list]:
    """Header and rows of the long table of an edition's indicators (`rows`: api.indicators)."""
    languages = [lang] if lang else list(CONTENT_LANGUAGES)
    texts = [
        column if lang else f"{column}_{code}" for column in TEXT_COLUMNS for code in languages
    ]
    header = [
        "strategy",
        "city",
        "snapshot",
        "direction",
        "indicator",
        "indicator_uid",
        *texts,
        "good_direction",
        "sdg_target",
        "series",
        "year",
        "value",
        "bound",
        "deviation",
        "status",
    ]
    table = []
    for row in rows:
        names = [row[column][code] for column in TEXT_COLUMNS for code in languages]
        first = [
            head.strategy.pk,
            head.strategy.city.code,
            head.snapshot.number,
            row["direction"]["slug"],
            row["id"],
            row["uid"],
            *names,
            row["good_direction"],
            row["sdg_target"],
        ]
        values = [("baseline", row["baseline"]["year"], row["baseline"]["value"], "", "", "")]
        values += [("milestone", m["year"], m["value"], "", "", "") for m in row["milestones"]]
        for y in row["yearly"]:
            values.append(("plan", y["year"], y["plan"], y["plan_bound"], "", ""))
            values.append(
                ("actual", y["year"], y["actual"], y["actual_bound"], y["deviation"], y["status"])
            )
        table += [first + list(value) for value in values]
    return header, table


def indicators_csv(head: EditionHead, rows: list[dict], lang: str | None) -> bytes:
    header, table = indicator_table(head, rows, lang)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(value) for value in line] for line in table)
    return out.getvalue().encode("utf-8-sig")


def indicators_json(head: EditionHead, rows: list[dict], lang: str | None) -> dict:
    return {
        "strategy": head.strategy.pk,
        "city": head.strategy.city.code,
        "snapshot": {"number": head.snapshot.number, "sha256": head.snapshot.content_hash},
        "indicators": localize(rows, lang),
    }


# --- the archive of every published edition ------------------------------------------------

PACKAGE_NAME = "qala-strategy-editions"


def archive_request() -> OpenDataArchive:
    """Ask for a new archive of every published edition: a Celery task builds it once the
    current transaction has committed (so it sees the edition just approved)."""
    from api.tasks import build_open_data_archive

    archive = OpenDataArchive.objects.create()
    transaction.on_commit(lambda: build_open_data_archive.delay(archive.pk))
    return archive


def _archive_files() -> list[tuple[str, str, bytes]]:
    """(path, media type, bytes) of every file of the archive, in every language."""
    files = []
    for pk in edition_list().order_by("city__code", "pk").values_list("pk", flat=True):
        head = edition_head(pk)
        rows = edition_indicators(head, monitoring_version(head.strategy.city_id))
        folder = f"editions/{head.strategy.city.code}-{head.strategy.pk}"
        files += [
            (f"{folder}/edition.json", "application/json", edition_bytes(head, None)),
            (f"{folder}/indicators.csv", "text/csv", indicators_csv(head, rows, None)),
            (
                f"{folder}/indicators.json",
                "application/json",
                dumps(indicators_json(head, rows, None)),
            ),
        ]
    return files


def archive_bytes(created) -> tuple[bytes, int]:
    """The ZIP archive of every published edition, and how many editions it holds."""
    files = _archive_files()
    resources = [
        {
            "name": path.removeprefix("editions/").replace("/", "-").lower(),
            "path": path,
            "format": path.rsplit(".", 1)[1],
            "mediatype": mediatype,
            "encoding": "utf-8",
            "bytes": len(body),
            "hash": f"sha256:{hashlib.sha256(body).hexdigest()}",
        }
        for path, mediatype, body in files
    ]
    package = {
        "profile": "data-package",
        "name": PACKAGE_NAME,
        "title": "Approved development strategies of Kazakh cities "
        "(Methodology, Order No. 3 of 11 January 2019): editions and target indicators",
        "created": created.isoformat(),
        "resources": resources,
    }
    out = io.BytesIO()
    stamp = timezone.localtime(created).timetuple()[:6]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, _mediatype, body in [("datapackage.json", "", dumps(package)), *files]:
            archive.writestr(zipfile.ZipInfo(path, date_time=stamp), body, zipfile.ZIP_DEFLATED)
    return out.getvalue(), len(files) // 3


def archive_build(*, archive_id: int) -> OpenDataArchive:
    """Build a requested archive (pending → running → ready, or failed with the error); once
    ready, older archives are removed. Safe to run twice: a ready archive is left as it is."""
    archive = OpenDataArchive.objects.get(pk=archive_id)
    if archive.status == OpenDataArchive.Status.READY:
        return archive
    OpenDataArchive.objects.filter(pk=archive.pk).update(status=OpenDataArchive.Status.RUNNING)
    try:
        created = timezone.now()
        body, editions = archive_bytes(created)
        with transaction.atomic():
            archive.file.save(
                f"{PACKAGE_NAME}-{created:%Y%m%d-%H%M%S}.zip", ContentFile(body), save=False
            )
            archive.sha256 = hashlib.sha256(body).hexdigest()
            archive.size, archive.editions = len(body), editions
            archive.status, archive.finished_at = OpenDataArchive.Status.READY, timezone.now()
            archive.save()
            older = list(OpenDataArchive.objects.filter(finished_at__lt=archive.finished_at))
            OpenDataArchive.objects.filter(pk__in=[o.pk for o in older]).delete()
            # Their files go once the rows are gone for good (never on a rollback).
            transaction.on_commit(lambda: [o.file.delete(save=False) for o in older if o.file])
    except Exception as error:
        logger.exception("The open-data archive %s could not be built", archive_id)
        OpenDataArchive.objects.filter(pk=archive.pk).update(
            status=OpenDataArchive.Status.FAILED,
            error=str(error)[:2000],
            finished_at=timezone.now(),
        )
        archive.refresh_from_db()
    return archive


def archive_latest() -> OpenDataArchive | None:
    """The newest ready archive."""
    return (
        OpenDataArchive.objects.filter(status=OpenDataArchive.Status.READY)
        .order_by("-finished_at", "-pk")
        .first()
    )
