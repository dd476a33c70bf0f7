"""Every write of publishing: asking for a PDF, retrying a failed one, and the render itself
(run by the Celery task publishing.tasks.render_pdf, or in process on the embedded default).

The status of a render changes only here: pending → rendering → ready / failed; a failed render
goes back to pending only through `render_retry`, a stalled one through `render_recover`.
"""

import logging
import os
import socket
import uuid
from datetime import timedelta

from botocore.exceptions import BotoCoreError, ClientError
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, IntegrityError, InterfaceError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approvals.models import Snapshot
from core.exceptions import Conflict, InvalidInput
from core.i18n import DRAFTING_LANGUAGES
from publishing.models import Render
from publishing.pdf import build_pdf, build_report_pdf, template_version
from publishing.selectors import (
    ensure_can_read_render,
    render_input,
    render_key,
    report_render_context,
)
from strategies.models import Strategy

logger = logging.getLogger(__name__)

# A worker that died, or a lost message, is given up on after this many starts.
MAX_ATTEMPTS = 3
# A render still "rendering" this long after it started has lost its worker: the hard time limit
# has killed the task by then (CELERY_TASK_TIME_LIMIT), with a margin for the worker to report.
STALE_AFTER = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 30)
# A render no worker has taken this long after it was asked for is failed: no worker is running.
PENDING_GIVE_UP = timedelta(minutes=15)
# Keep the PDFs of a working draft this long: every save of the draft makes a new one.
DRAFT_RENDERS_KEPT = timedelta(days=1)


class TransientRenderError(Exception):
    """Storage or database unreachable for a moment: the task retries with backoff."""


# What the local disk or an S3-compatible storage (django-storages, boto3) raises when it is
# unreachable or full for a moment.
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)


def _enqueue(render: Render) -> None:
    """Send the render to a worker once the transaction commits; a broker that is down leaves it
    pending, and render_recover sends it again."""
    from publishing.tasks import render_pdf

    def send():
        try:
            render_pdf.apply_async(args=[render.pk], task_id=str(uuid.uuid4()))
        except Exception:  # the broker is down: the render stays pending, recovered later
            logger.exception("PDF render %s could not be queued", render.pk)

    Render.objects.filter(pk=render.pk).update(enqueued_at=timezone.now())
    transaction.on_commit(send)


def _person(actor):
    return actor if actor is not None and actor.is_authenticated else None


def render_request(
    *,
    actor,
    strategy: Strategy,
    snapshot: Snapshot | None,
    language: str,
    report_year: int | None = None,
) -> Render:
    """The PDF of `snapshot` (None: the live working draft as it is now) in `language`, or with
    `report_year` the yearly monitoring report of that year of the approved edition `snapshot`:
    the existing render when one shows exactly this (same key), otherwise a new one, queued.

    The caller has checked the actor's right (selectors.pdf_source, selectors.report_source).
    Raises InvalidInput for a language other than kk or ru.
    """
    if language not in DRAFTING_LANGUAGES:
        raise InvalidInput(details={"lang": [_("Choose Kazakh or Russian.")]})
    if report_year is not None:
        kind = Render.Kind.REPORT
        draft_content = None
        context = report_render_context(strategy, snapshot, language, report_year)
    else:
        kind = Render.Kind.DOCUMENT
        draft_content, context = render_input(strategy, snapshot, language)
    key = render_key(strategy, snapshot, language, context)
    existing = Render.objects.filter(key=key).first()
    if existing is not None:
        return render_recover(existing)
    try:
        with transaction.atomic():
            render = Render.objects.create(
                strategy=strategy,
                snapshot=snapshot,
                kind=kind,
                year=report_year,
                language=language,
                template_version=template_version(),
                key=key,
                edition=context["edition"],
                content_hash=context["content_hash"],
                draft_content=draft_content,
                context=context,
                requested_by=_person(actor),
            )
            _enqueue(render)
    except IntegrityError:  # the same PDF asked for at the same moment: one render serves both
        return Render.objects.get(key=key)
    if snapshot is None:
        _prune_draft_renders(render)
    render.refresh_from_db(fields=["status", "pages", "size"])  # done already if run in process
    return render


def render_retry(*, actor, render: Render) -> Render:
    """Render a failed PDF again. Raises Conflict unless it failed; the caller checks the right
    to read it, done again here."""
    ensure_can_read_render(actor, render)
    with transaction.atomic():
        render = Render.objects.select_for_update().get(pk=render.pk)
        if render.status != Render.Status.FAILED:
            raise Conflict(_("Only a failed PDF is rendered again."))
        render.status, render.attempts, render.failure, render.error = (
            Render.Status.PENDING, 0, "", ""
        )  # fmt: skip
        render.requested_at, render.requested_by = timezone.now(), _person(actor)
        render.save(
            update_fields=["status", "attempts", "failure", "error", "requested_at", "requested_by"]
        )
        _enqueue(render)
    render.refresh_from_db(fields=["status", "pages", "size"])  # done already if run in process
    return render


def _stalled(render: Render, now) -> bool:
    if render.status == Render.Status.RENDERING:
        return now - render.started_at >= STALE_AFTER
    if render.status == Render.Status.PENDING:
        return render.enqueued_at is None or now - render.enqueued_at >= STALE_AFTER
    return False


def render_recover(render: Render) -> Render:
    """A render whose worker died (still "rendering" past the hard time limit) or whose message
    was lost (still "pending") is sent again; it fails after MAX_ATTEMPTS starts, or when no
    worker took it within PENDING_GIVE_UP: nobody waits for a PDF that no worker is making.
    Called whenever its status is read; no write when there is nothing to do."""
    now = timezone.now()
    if not _stalled(render, now):
        return render
    with transaction.atomic():
        render = Render.objects.select_for_update().get(pk=render.pk)
        if not _stalled(render, now):
            return render
        if render.attempts >= MAX_ATTEMPTS:
            _fail(render, Render.Failure.WORKER_LOST, f"{render.attempts} attempts")
        elif (
            render.status == Render.Status.PENDING and now - render.requested_at >= PENDING_GIVE_UP
        ):
            _fail(render, Render.Failure.NO_WORKER, f"pending since {render.requested_at}")
        else:
            logger.warning("PDF render %s stalled while %s: queued again", render.pk, render.status)
            render.status = Render.Status.PENDING
            render.save(update_fields=["status"])
            _enqueue(render)
    return render


def _fail(render: Render, failure: str, error: str) -> None:
    """The render fails: `failure` is what its reader is told, `error` the detail for operators."""
    render.status, render.failure, render.error = Render.Status.FAILED, failure, error[:2000]
    render.finished_at = timezone.now()
    render.save(update_fields=["status", "failure", "error", "finished_at"])


def _claim(render_id: int, attempt: str) -> Render | None:
    """Take the render for this attempt; None when there is nothing to do (done, failed, or
    another live attempt has it). A redelivered message (same task id) takes over from the
    attempt that died with its worker."""
    with transaction.atomic():
        render = Render.objects.select_for_update().filter(pk=render_id).first()
        if render is None or render.status in (Render.Status.READY, Render.Status.FAILED):
            return None
        if (
            render.status == Render.Status.RENDERING
            and render.task_id != attempt
            and timezone.now() - render.started_at < STALE_AFTER
        ):
            return None
        if render.attempts >= MAX_ATTEMPTS:
            _fail(render, Render.Failure.WORKER_LOST, f"{render.attempts} attempts")
            return None
        render.status = Render.Status.RENDERING
        render.attempts += 1
        render.task_id = attempt
        render.started_at = timezone.now()
        render.worker = f"{socket.gethostname()}:{os.getpid()}"
        render.pages_done = 0
        render.save(
            update_fields=["status", "attempts", "task_id", "started_at", "worker", "pages_done"]
        )
    return render


def file_name(render: Render) -> str:
    """Where the PDF is stored: one name per key, so a render done twice leaves one file."""
    return f"publishing/{render.strategy_id}/{render.key}.pdf"


def _store(name: str, data: bytes) -> None:
    """Write the PDF under exactly `name`, replacing a file an earlier attempt left there."""
    if default_storage.exists(name):
        default_storage.delete(name)
    saved = default_storage.save(name, ContentFile(data))
    if saved != name:  # another writer took the name in between: keep one file
        default_storage.delete(saved)
        raise TransientRenderError(f"{name} was written meanwhile")


def render_run(*, render_id: int, attempt: str) -> Render | None:
    """Render the PDF of a render record and store it (the Celery task's body).

    Idempotent: a render already ready or failed is left as it is; a redelivered attempt writes
    the same file name; the record becomes ready only after the whole file is stored. Raises
    TransientRenderError when the storage or the database is unreachable (the task retries);
    any other error fails the render with its message.
    """
    render = _claim(render_id, attempt)
    if render is None:
        return None

    def progress(pages: int) -> None:
        Render.objects.filter(pk=render.pk, task_id=attempt).update(pages_done=pages)

    try:
        if render.kind == Render.Kind.REPORT:  # made from its context alone
            built = build_report_pdf(render.context, render.language, on_page=progress)
        else:
            content = render.snapshot.content if render.snapshot_id else render.draft_content
            built = build_pdf(content, render.context, render.language, on_page=progress)
    except (OperationalError, InterfaceError) as error:
        raise TransientRenderError(str(error)) from error
    except SoftTimeLimitExceeded:
        _fail(
            render,
            Render.Failure.TIMEOUT,
            f"soft time limit of {settings.CELERY_TASK_SOFT_TIME_LIMIT} s",
        )
        return render
    except Exception as error:  # a template or layout error: retrying would fail the same way
        logger.exception("PDF render %s failed", render.pk)
        _fail(render, Render.Failure.LAYOUT, f"{type(error).__name__}: {error}")
        return render
    name = file_name(render)
    try:
        _store(name, built.data)
    except STORAGE_ERRORS as error:
        raise TransientRenderError(str(error)) from error
    try:
        with transaction.atomic():
            current = Render.objects.select_for_update().get(pk=render.pk)
            if current.task_id != attempt or current.status != Render.Status.RENDERING:
                return current  # another attempt took over; it stores the same file
            current.status = Render.Status.READY
            current.file.name = name
            current.pages = current.pages_done = built.pages
            current.size = len(built.data)
            current.weasyprint_seconds = built.weasyprint_seconds
            current.task_seconds = (timezone.now() - current.started_at).total_seconds()
            current.finished_at = timezone.now()
            current.failure = current.error = ""
            current.save(
                update_fields=[
                    "status", "file", "pages", "pages_done", "size", "weasyprint_seconds",
                    "task_seconds", "finished_at", "failure", "error",
                ]
            )  # fmt: skip
    except DatabaseError as error:
        raise TransientRenderError(str(error)) from error
    return current


def render_give_up(*, render_id: int, error: Exception) -> None:
    """The transient error did not pass after every retry: the render fails, with a retry offered."""
    with transaction.atomic():
        render = Render.objects.select_for_update().filter(pk=render_id).first()
        if render is not None and render.status in (Render.Status.PENDING, Render.Status.RENDERING):
            _fail(render, Render.Failure.STORAGE, str(error))
    logger.error("PDF render %s gave up: %s", render_id, error)


def render_file_lost(*, render: Render) -> Render:
    """The stored file of a ready render is gone (the storage was emptied): it fails, and a
    retry makes it again."""
    with transaction.atomic():
        render = Render.objects.select_for_update().get(pk=render.pk)
        if render.status == Render.Status.READY:
            _fail(render, Render.Failure.FILE_MISSING, f"{render.file.name} not found")
    return render


def _prune_draft_renders(keep: Render) -> None:
    """Drop the PDFs of the working draft older than DRAFT_RENDERS_KEPT, with their files."""
    old = Render.objects.filter(
        strategy_id=keep.strategy_id,
        snapshot__isnull=True,
        requested_at__lt=timezone.now() - DRAFT_RENDERS_KEPT,
    ).exclude(status__in=[Render.Status.PENDING, Render.Status.RENDERING])
    for render in old:
        if render.file:
            default_storage.delete(render.file.name)
        render.delete()
