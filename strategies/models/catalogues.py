"""Catalogues administrators keep: higher-level documents and the smart-city initiative base list."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HigherLevelDocument(models.Model):
    """A planning document whose goals the strategy serves (p.12)."""

    code = models.SlugField(_("code"), unique=True)
    title = models.CharField(_("title"), max_length=300)
    adopted = models.CharField(_("adopted by"), max_length=300, blank=True, default="")
    mandatory = models.BooleanField(
        _("mandatory"),
        default=False,
        help_text=_("Every vision must be linked to it (p.12: Strategy Kazakhstan-2050)."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("higher-level document")
        verbose_name_plural = _("higher-level documents")

    def __str__(self) -> str:
        return self.title


class SmartCitySphere(models.TextChoices):
    """The eight spheres of the 2025 smart-city reference standard."""

    GOVERNANCE = "governance", _("city governance")
    SAFETY = "safety", _("safety")
    TRANSPORT = "transport", _("transport and logistics")
    SOCIAL = "social", _("social sphere")
    ECOLOGY = "ecology", _("ecology")
    HOUSING_UTILITIES = "housing_utilities", _("housing and utilities")
    ECONOMY = "economy", _("economy and business")
    INFRASTRUCTURE = "infrastructure", _("infrastructure")


class SmartCityInitiative(models.Model):
    """An initiative of the smart-city base list (2025 standard), updated yearly after assessment."""

    code = models.SlugField(_("code"), unique=True)
    sphere = models.CharField(_("sphere"), max_length=30, choices=SmartCitySphere.choices)
    name = models.CharField(_("name"), max_length=300)
    catalogue_year = models.PositiveSmallIntegerField(_("catalogue year"))
    active = models.BooleanField(_("in the current base list"), default=True)

    class Meta:
        ordering = ["sphere", "code"]
        verbose_name = _("smart-city initiative")
        verbose_name_plural = _("smart-city initiatives (base list)")

    def __str__(self) -> str:
        return self.name
