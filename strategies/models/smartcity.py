"""The smartcity / digitalization direction under the 2025 reference standard: sphere
self-assessment and the road map."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import Versioned
from strategies.models.catalogues import SmartCityInitiative, SmartCitySphere
from strategies.models.document import Strategy


class SphereAssessment(Versioned):
    """The city's self-assessed level of digitalization in one sphere (1 = initial, 5 = leading)."""

    strategy = models.ForeignKey(
        Strategy,
        verbose_name=_("strategy"),
        on_delete=models.CASCADE,
        related_name="sphere_assessments",
    )
    sphere = models.CharField(_("sphere"), max_length=30, choices=SmartCitySphere.choices)
    level = models.PositiveSmallIntegerField(
        _("level (1-5)"), choices=[(level, str(level)) for level in range(1, 6)]
    )
    comment = models.TextField(_("comment"), blank=True, default="")

    class Meta:
        ordering = ["sphere"]
        verbose_name = _("sphere self-assessment")
        verbose_name_plural = _("sphere self-assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "sphere"], name="one_assessment_per_sphere"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=5), name="sphere_level_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_sphere_display()}: {self.level}"


class RoadmapItem(Versioned):
    """A line of the smart-city road map: initiative, sphere, responsible body, deadline, cost."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")

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
