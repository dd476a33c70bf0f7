"""The smartcity / digitalization direction under the 2025 reference standard (order of the
Ministry of Digital Development of 12 September 2025, in force from 1 January 2026): the city's
group, the yearly sphere self-assessment, the road map and its yearly monitoring."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import City, Versioned
from strategies.models.catalogues import SmartCityGroup, SmartCityInitiative, SmartCitySphere
from strategies.models.document import Strategy

# The first year of the standard: its base list and the first yearly self-assessment.
STANDARD_YEAR = 2025

# The standard's groups by the city categories of the Methodology (p.3): the capital and the
# cities of republican significance (Astana, Almaty, Shymkent) form the first group, regional
# centres are cities of regional significance. District centres (the third group) draft no
# strategy under the Methodology, so no city category maps to it.
GROUP_OF_CATEGORY = {
    City.Category.CAPITAL: SmartCityGroup.REPUBLICAN,
    City.Category.REPUBLICAN: SmartCityGroup.REPUBLICAN,
    City.Category.REGIONAL_CENTRE: SmartCityGroup.REGIONAL,
}


def smartcity_group(city: City) -> str:
    """The city's group under the 2025 standard (a SmartCityGroup value), from its category."""
    return GROUP_OF_CATEGORY.get(city.category, SmartCityGroup.DISTRICT)


def base_list_year(strategy: Strategy) -> int:
    """The year of the base list a strategy is drafted against: the year it was created (an
    amendment is a new working copy, so it takes the list of its own year)."""
    return max(STANDARD_YEAR, strategy.created_at.year)


def current_year() -> int:
    return timezone.localdate().year


class SphereAssessment(Versioned):
    """The city's self-assessed level of digitalization in one sphere (1 = initial, 5 = leading)."""

    strategy = models.ForeignKey(
        Strategy,
        verbose_name=_("strategy"),
        on_delete=models.CASCADE,
        related_name="sphere_assessments",
    )
    year = models.PositiveSmallIntegerField(_("year of the assessment"), default=current_year)
    sphere = models.CharField(_("sphere"), max_length=30, choices=SmartCitySphere.choices)
    level = models.PositiveSmallIntegerField(
        _("level (1-5)"), choices=[(level, str(level)) for level in range(1, 6)]
    )
    comment = models.TextField(_("comment"), blank=True, default="")

    class Meta:
        ordering = ["-year", "sphere"]
        verbose_name = _("sphere self-assessment")
        verbose_name_plural = _("sphere self-assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "year", "sphere"], name="one_assessment_per_sphere_and_year"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=5), name="sphere_level_1_to_5"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=STANDARD_YEAR) & Q(year__lte=2100),
                name="sphere_assessment_year_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}, {self.get_sphere_display()}: {self.level}/5"


class RoadmapItem(Versioned):
    """A line of the smart-city road map: initiative, sphere, responsible body, deadline, cost."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        NOT_PLANNED = "not_planned", _("not planned")

    # The item's identity across editions: an amendment keeps it, so the yearly monitoring
    # (RoadmapProgress) follows the item as indicators.YearlyValue follows an indicator.
    uid = models.UUIDField(_("identity"), default=uuid.uuid4, editable=False, db_index=True)
    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="roadmap"
    )
    initiative = models.ForeignKey(
        SmartCityInitiative,
        verbose_name=_("base-list initiative"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roadmap_items",
    )
    title = models.CharField(_("initiative"), max_length=300)
    sphere = models.CharField(_("sphere"), max_length=30, choices=SmartCitySphere.choices)
    responsible = models.CharField(_("responsible body"), max_length=300, blank=True, default="")
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    cost = models.DecimalField(
        _("cost, million tenge"), max_digits=14, decimal_places=1, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    reason = models.TextField(
        _("reason it is not planned"),
        blank=True,
        default="",
        help_text=_("Why the city does not plan a base-list initiative meant for its group."),
    )
    # The target indicators of the smartcity direction that the item moves (2025 standard: the
    # road map serves the strategy's goals); chosen among that direction's indicators.
    indicators = models.ManyToManyField(
        "indicators.Indicator",
        verbose_name=_("indicators it moves"),
        blank=True,
        related_name="roadmap_items",
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("road map item")
        verbose_name_plural = _("smart-city road map")
        constraints = [
            models.CheckConstraint(condition=Q(cost__gte=0), name="roadmap_cost_not_negative"),
        ]

    def __str__(self) -> str:
        return self.title


class RoadmapProgress(Versioned):
    """The yearly monitoring of a road map item after approval: its status and the cost spent
    that year. Not content: keyed to the item's identity (`RoadmapItem.uid`), kept by every
    amendment, so recording it never changes an approved snapshot."""

    item_uid = models.UUIDField(_("road map item identity"), db_index=True)
    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.CASCADE, related_name="roadmap_progress"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=20, choices=RoadmapItem.Status.choices)
    spent = models.DecimalField(
        _("spent, million tenge"), max_digits=14, decimal_places=1, null=True, blank=True
    )
    note = models.TextField(
        _("explanation"),
        blank=True,
        default="",
        help_text=_("What was done that year, and why the item is late or costs more, if it is."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["year"]
        verbose_name = _("road map monitoring")
        verbose_name_plural = _("road map monitoring")
        constraints = [
            models.UniqueConstraint(
                fields=["item_uid", "year"], name="one_roadmap_progress_per_item_year"
            ),
            models.CheckConstraint(condition=Q(spent__gte=0), name="roadmap_spent_not_negative"),
            models.CheckConstraint(
                condition=Q(year__gte=STANDARD_YEAR) & Q(year__lte=2100),
                name="roadmap_progress_year_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.get_status_display()}"
