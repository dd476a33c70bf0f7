"""PDF renders of a strategy: what is rendered (a snapshot, or the live working draft as it was
when asked for), in which language and template version, and how the rendering went."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from approvals.models import Snapshot
from strategies.models import Strategy


class Render(models.Model):
    """One PDF of a strategy in one language; rendered once, then served from storage.

    What is rendered (`kind`): the strategy document, or the yearly monitoring report of an
    approved edition for one `year` (indicators.reports; its data is in `context`).
    `key` is the SHA-256 of everything the PDF shows (strategy, snapshot, kind, year, language,
    template version, the document's content hash and `context`): the same key is the same file.
    """

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("strategy document")
        REPORT = "report", _("yearly monitoring report")

    class Status(models.TextChoices):
        PENDING = "pending", _("in the queue")
        RENDERING = "rendering", _("rendering")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    class Failure(models.TextChoices):
        """Why a render failed, as its reader is told (the technical detail is in `error`)."""

        WORKER_LOST = "worker_lost", _("the worker stopped each time it tried")
        NO_WORKER = "no_worker", _("no PDF worker is running at the moment; try again later")
        TIMEOUT = "timeout", _("it took too long to make; the operators should check the worker")
        STORAGE = "storage", _("it could not be stored; try again in a moment")
        FILE_MISSING = "file_missing", _("its stored file is missing; make it again")
        LAYOUT = "layout", _("an error occurred while laying it out; the details are in the log")

    class Edition(models.TextChoices):
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved edition")

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="renders"
    )
    snapshot = models.ForeignKey(
        Snapshot,
        verbose_name=_("snapshot"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renders",
        help_text=_("Empty for the live working draft."),
    )
    kind = models.CharField(
        _("what is rendered"), max_length=10, choices=Kind.choices, default=Kind.DOCUMENT
    )
    year = models.PositiveSmallIntegerField(
        _("year of the report"),
        null=True,
        blank=True,
        help_text=_("The year of a monitoring report; empty for the document."),
    )
    language = models.CharField(_("language"), max_length=2)
    template_version = models.CharField(_("template version"), max_length=16)
    key = models.CharField(_("key"), max_length=64, unique=True, editable=False)
    edition = models.CharField(_("edition"), max_length=10, choices=Edition.choices)
    content_hash = models.CharField(_("SHA-256 of the content"), max_length=64)
    draft_content = models.JSONField(
        _("working draft as requested"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The live working draft frozen at the request (empty for a snapshot)."),
    )
    context = models.JSONField(
        _("cover and annex"),
        default=dict,
        editable=False,
        help_text=_("What the PDF shows beside the document: approval details, annex."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, editable=False
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    enqueued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    task_id = models.CharField(_("task"), max_length=64, blank=True, default="")
    worker = models.CharField(_("worker"), max_length=200, blank=True, default="")
    pages_done = models.PositiveIntegerField(_("pages laid out"), default=0)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    size = models.PositiveBigIntegerField(_("size, bytes"), null=True, blank=True)
    task_seconds = models.FloatField(_("seconds, whole task"), null=True, blank=True)
    weasyprint_seconds = models.FloatField(_("seconds, WeasyPrint"), null=True, blank=True)
    file = models.FileField(_("file"), blank=True, default="", editable=False)
    failure = models.CharField(
        _("why it failed"), max_length=20, choices=Failure.choices, blank=True, default=""
    )
    error = models.TextField(_("error (for operators)"), blank=True, default="")

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("PDF render")
        verbose_name_plural = _("PDF renders")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="ready") | (~Q(file="") & Q(pages__gt=0) & Q(size__gt=0)),
                name="ready_render_has_its_file",
            ),
            models.CheckConstraint(
                condition=Q(snapshot__isnull=True, draft_content__isnull=False)
                | Q(snapshot__isnull=False, draft_content__isnull=True),
                name="render_of_a_snapshot_or_of_the_draft",
            ),
            models.CheckConstraint(
                condition=Q(language__in=["kk", "ru"]), name="render_in_a_drafting_language"
            ),
            models.CheckConstraint(
                condition=Q(kind="document", year__isnull=True)
                | Q(kind="report", year__isnull=False, snapshot__isnull=False, edition="approved"),
                name="report_render_is_of_a_year_of_an_approved_edition",
            ),
            models.CheckConstraint(
                condition=Q(status="failed", failure__gt="")
                | (~Q(status="failed") & Q(failure="")),
                name="failed_render_says_why",
            ),
        ]
        indexes = [models.Index(fields=["status", "requested_at"])]

    def __str__(self) -> str:
        source = f"#{self.snapshot.number}" if self.snapshot_id else str(_("working draft"))
        if self.kind == self.Kind.REPORT:
            source = f"{self.get_kind_display()} {self.year}"
        return f"{self.strategy} · {source} · {self.language} · {self.get_status_display()}"

    @property
    def is_report(self) -> bool:
        return self.kind == self.Kind.REPORT

    @property
    def is_draft(self) -> bool:
        return self.edition == self.Edition.DRAFT
