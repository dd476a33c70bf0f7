"""API keys of organisations, and the open-data archive of every published edition."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rest_framework_api_key.models import AbstractAPIKey, BaseAPIKeyManager

from core.models import Organisation


class OrganisationAPIKeyManager(BaseAPIKeyManager):
    def get_usable_keys(self) -> models.QuerySet:
        return super().get_usable_keys().select_related("organisation")


class OrganisationAPIKey(AbstractAPIKey):
    """A key an organisation's system reads the API with (djangorestframework-api-key: only a
    SHA-512 hash of the key is stored; the key is shown once, when the administrator issues it).

    A revoked or expired key is refused from the next request on. The key of a city's akimat
    also reads that city's drafts (api.selectors.draft_visibility)."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="api_keys",
    )

    # The library's fields, with translated labels.
    name = models.CharField(
        _("name"),
        max_length=50,
        help_text=_("Which system uses the key, e.g. “Open budget portal”."),
    )
    revoked = models.BooleanField(
        _("revoked"),
        blank=True,
        default=False,
        help_text=_("A revoked key is refused at once; this cannot be undone."),
    )
    expiry_date = models.DateTimeField(
        _("expires"),
        blank=True,
        null=True,
        help_text=_("From this moment on the key is refused."),
    )

    objects = OrganisationAPIKeyManager()

    class Meta(AbstractAPIKey.Meta):
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")


class OpenDataArchive(models.Model):
    """One ZIP archive of every published edition with its indicators (open data), built by a
    Celery task each time an edition is approved; the newest ready one is served."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        RUNNING = "running", _("being built")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField(_("file"), upload_to="open-data/", blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, default="")
    size = models.PositiveBigIntegerField(_("size, bytes"), null=True, blank=True)
    editions = models.PositiveIntegerField(_("editions"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True, default="")
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("open-data archive")
        verbose_name_plural = _("open-data archives")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="ready") | (~Q(file="") & ~Q(sha256="")),
                name="ready_archive_has_file_and_hash",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requested_at:%Y-%m-%d %H:%M} · {self.get_status_display()}"
