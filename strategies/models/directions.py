"""The five strategic directions (p.17, 21-25): situation, problems and the solutions that answer them."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import Versioned
from strategies.models.document import Strategy


class DirectionKind(models.IntegerChoices):
    """Always these five, in this order (p.17; the fourth is lost in the English text)."""

    CREATIVE_ECONOMY = 1, _("creative economy")
    HUMAN_DEVELOPMENT = 2, _("human development")
    ENVIRONMENT = 3, _("environment")
    SMARTCITY = 4, _("smartcity / digitalization")
    URBAN_PLANNING = 5, _("urban planning")

    @property
    def slug(self) -> str:
        return self.name.lower()

    @classmethod
    def from_slug(cls, slug: str) -> "DirectionKind":
        return cls[slug.upper()]


class Direction(Versioned):
    """One of a strategy's five strategic directions."""

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="directions"
    )
    kind = models.PositiveSmallIntegerField(_("direction"), choices=DirectionKind.choices)
    current_situation = models.TextField(_("current situation"), blank=True, default="")

    class Meta:
        ordering = ["strategy", "kind"]
        verbose_name = _("strategic direction")
        verbose_name_plural = _("strategic directions")
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "kind"],
                name="one_direction_of_each_kind",
                violation_error_message=_("The strategy already has this direction."),
            ),
            models.CheckConstraint(
                condition=Q(kind__gte=DirectionKind.CREATIVE_ECONOMY)
                & Q(kind__lte=DirectionKind.URBAN_PLANNING),
                name="direction_kind_is_one_of_five",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def slug(self) -> str:
        return DirectionKind(self.kind).slug


class Problem(Versioned):
    """A problem of a direction, with the factor behind it (p.8, p.21)."""

    class Factor(models.TextChoices):
        EXTERNAL = "external", _("external")
        INTERNAL = "internal", _("internal")

    direction = models.ForeignKey(
        Direction, verbose_name=_("direction"), on_delete=models.CASCADE, related_name="problems"
    )
    factor = models.CharField(_("factor"), max_length=10, choices=Factor.choices)
    text = models.TextField(_("problem"))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("problem")
        verbose_name_plural = _("problems")

    def __str__(self) -> str:
        return self.text[:80]


class Solution(Versioned):
    """A solution or task of a direction and the problems it answers (p.8)."""

    direction = models.ForeignKey(
        Direction, verbose_name=_("direction"), on_delete=models.CASCADE, related_name="solutions"
    )
    text = models.TextField(_("solution"))
    problems = models.ManyToManyField(
        Problem, verbose_name=_("problems it answers"), blank=True, related_name="solutions"
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("solution")
        verbose_name_plural = _("solutions")

    def __str__(self) -> str:
        return self.text[:80]
