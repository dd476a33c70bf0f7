"""The analysis stage (p.5, 6, 18): ten-year series, institutions, evidence base, SWOT."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import Versioned
from strategies.models.document import Strategy

SERIES_YEARS = 10  # p.18: dynamics over the past 10 years.
YEAR_MIN, YEAR_MAX = 1991, 2100


class AnalysisSeries(Versioned):
    """One yearly series of the p.18 analysis (a kind may have several: one per category)."""

    class Kind(models.TextChoices):
        POPULATION = "population", _("population")
        MIGRATION_BALANCE = "migration_balance", _("migration balance")
        POPULATION_BY_EDUCATION = "population_by_education", _("population by education level")
        NEET_SHARE = "neet_share", _("NEET share")
        STUDENT_SHARE = "student_share", _("share of university students in the population")
        INFANT_MORTALITY = "infant_mortality", _("infant mortality")
        MATERNAL_MORTALITY = "maternal_mortality", _("maternal mortality")
        EMPLOYMENT_STRUCTURE = "employment_structure", _("employment structure")

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="series"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    label = models.CharField(
        _("label"),
        max_length=200,
        blank=True,
        default="",
        help_text=_("The category within the kind, e.g. an education level or a sector."),
    )
    unit = models.CharField(_("unit"), max_length=100, blank=True, default="")
    source = models.CharField(_("source"), max_length=300, blank=True, default="")
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["kind", "position", "id"]
        verbose_name = _("ten-year series")
        verbose_name_plural = _("ten-year series")

    def __str__(self) -> str:
        return self.label or self.get_kind_display()


class SeriesValue(models.Model):
    """The value of a series in one year."""

    series = models.ForeignKey(
        AnalysisSeries, verbose_name=_("series"), on_delete=models.CASCADE, related_name="values"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)

    class Meta:
        ordering = ["year"]
        verbose_name = _("series value")
        verbose_name_plural = _("series values")
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="one_series_value_per_year"),
            models.CheckConstraint(
                condition=Q(year__gte=YEAR_MIN) & Q(year__lte=YEAR_MAX),
                name="series_value_year_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.value}"


class EducationInstitution(Versioned):
    """A university or a technical and vocational college of the city (p.18)."""

    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("university")
        COLLEGE = "college", _("technical and vocational college")

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="institutions"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True, default="")
    rankings = models.TextField(_("international rankings"), blank=True, default="")
    students = models.PositiveIntegerField(_("students"), null=True, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["kind", "position", "id"]
        verbose_name = _("educational institution")
        verbose_name_plural = _("educational institutions")

    def __str__(self) -> str:
        return self.name


class EvidenceItem(Versioned):
    """A survey, interview, focus group or stakeholder consultation held for the analysis (p.6)."""

    class Kind(models.TextChoices):
        SURVEY = "survey", _("survey")
        INTERVIEW = "interview", _("interview")
        FOCUS_GROUP = "focus_group", _("focus group")
        CONSULTATION = "consultation", _("stakeholder consultation")

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="evidence"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True, default="")
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("evidence item")
        verbose_name_plural = _("evidence base")

    def __str__(self) -> str:
        return self.title


class SwotItem(Versioned):
    """One row of the SWOT matrix (p.6)."""

    class Quadrant(models.TextChoices):
        STRENGTH = "strength", _("strength")
        WEAKNESS = "weakness", _("weakness")
        OPPORTUNITY = "opportunity", _("opportunity")
        THREAT = "threat", _("threat")

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="swot_items"
    )
    quadrant = models.CharField(_("quadrant"), max_length=20, choices=Quadrant.choices)
    text = models.TextField(_("text"))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["quadrant", "position", "id"]
        verbose_name = _("SWOT item")
        verbose_name_plural = _("SWOT matrix")

    def __str__(self) -> str:
        return f"{self.get_quadrant_display()}: {self.text[:60]}"
