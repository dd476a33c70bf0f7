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


class SmartCityGroup(models.TextChoices):
    """The three groups of settlements of the 2025 smart-city reference standard."""

    REPUBLICAN = "republican", _("city of republican significance")
    REGIONAL = "regional", _("city of regional significance")
    DISTRICT = "district", _("city of district significance")


class BaseListQuerySet(models.QuerySet):
    def of_year(self, year: int):
        """The base list as it stood in `year`: entered in that year or before, not yet left."""
        return self.filter(
            models.Q(catalogue_year__lte=year)
            & (models.Q(year_left__isnull=True) | models.Q(year_left__gt=year))
        )

    def for_group(self, group: str):
        """The initiatives the standard means for a group of cities (SmartCityGroup)."""
        return self.filter(**{f"for_{group}": True})


class SmartCityInitiative(models.Model):
    """An initiative of the smart-city base list (2025 standard). The informatization authority
    adds initiatives after each yearly assessment and withdraws others: an initiative is in the
    list of year Y when `catalogue_year` <= Y < `year_left` (no `year_left`: still in it). Rows
    are never deleted while a road map cites them, so every earlier year's list stays whole."""

    code = models.SlugField(_("code"), unique=True)
    sphere = models.CharField(_("sphere"), max_length=30, choices=SmartCitySphere.choices)
    name = models.CharField(_("name"), max_length=300)
    catalogue_year = models.PositiveSmallIntegerField(_("year entered the base list"))
    year_left = models.PositiveSmallIntegerField(
        _("year left the base list"),
        null=True,
        blank=True,
        help_text=_("The first year whose base list no longer has the initiative."),
    )
    for_republican = models.BooleanField(_("for cities of republican significance"), default=True)
    for_regional = models.BooleanField(_("for cities of regional significance"), default=True)
    for_district = models.BooleanField(_("for cities of district significance"), default=False)
    active = models.BooleanField(_("in the current base list"), default=True)

    objects = BaseListQuerySet.as_manager()

    class Meta:
        ordering = ["sphere", "code"]
        verbose_name = _("smart-city initiative")
        verbose_name_plural = _("smart-city initiatives (base list)")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year_left__isnull=True)
                | models.Q(year_left__gt=models.F("catalogue_year")),
                name="initiative_leaves_after_it_entered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def groups(self) -> list[str]:
        return [g for g in SmartCityGroup.values if getattr(self, f"for_{g}")]
