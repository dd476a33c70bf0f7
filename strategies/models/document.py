"""The strategy itself and its one-per-strategy sections: analysis, vision, mechanism (p.17)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core.models import City, Settlement, Versioned
from core.richtext import html_to_text

HORIZON_YEAR = 2050  # p.13: the strategy is developed until 2050.


class Strategy(Versioned):
    """A city's development strategy to 2050; one working copy per approval cycle."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_APPROVAL = "in_approval", _("in approval")
        APPROVED = "approved", _("approved")
        SUPERSEDED = "superseded", _("superseded")

    OPEN_STATES = (State.DRAFT, State.IN_APPROVAL)

    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.PROTECT, related_name="strategies"
    )
    title = models.CharField(_("title"), max_length=300)
    horizon = models.PositiveSmallIntegerField(_("horizon"), default=HORIZON_YEAR, editable=False)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT, editable=False
    )
    settlements = models.ManyToManyField(
        Settlement,
        verbose_name=_("settlements of the functional urban area"),
        blank=True,
        related_name="strategies",
        help_text=_("Settlements near the city that form its functional urban area (p.11)."),
    )
    amends = models.ForeignKey(
        "self",
        verbose_name=_("amends"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
        help_text=_("The approved edition this working copy amends."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["city__name", "-created_at"]
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        constraints = [
            models.CheckConstraint(
                condition=Q(horizon=HORIZON_YEAR),
                name="strategy_horizon_2050",
                violation_error_message=_("The strategy is developed until 2050 (p.13)."),
            ),
            models.UniqueConstraint(
                fields=["city"],
                condition=Q(state__in=["draft", "in_approval"]),
                name="one_open_strategy_per_city",
                violation_error_message=_(
                    "The city already has a strategy being drafted or approved."
                ),
            ),
            models.UniqueConstraint(
                fields=["city"],
                condition=Q(state="approved"),
                name="one_approved_strategy_per_city",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def smartcity_group(self) -> str:
        """Group of the 2025 smart-city standard (strategies.models.smartcity.smartcity_group)."""
        from strategies.models.smartcity import smartcity_group

        return smartcity_group(self.city)


class Analysis(Versioned):
    """Analysis of the current situation (p.5, 6, 18): narrative and higher education overview."""

    strategy = models.OneToOneField(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="analysis"
    )
    narrative = models.TextField(_("analysis of the current situation"), blank=True, default="")
    institutions_summary = models.TextField(
        _("higher education and vocational colleges"),
        blank=True,
        default="",
        help_text=_(
            "A brief description of universities and technical and vocational colleges "
            "and their international rankings (p.18)."
        ),
    )

    class Meta:
        verbose_name = _("analysis")
        verbose_name_plural = _("analyses")

    def __str__(self) -> str:
        return str(self.strategy)


class InternationalCase(Versioned):
    """A large city of a developed country and what our city takes from it (p.19)."""

    strategy = models.ForeignKey(
        Strategy,
        verbose_name=_("strategy"),
        on_delete=models.CASCADE,
        related_name="international_cases",
    )
    city_name = models.CharField(_("city"), max_length=200)
    country = models.CharField(_("country"), max_length=200, blank=True, default="")
    practice = models.TextField(_("what the city did"), blank=True, default="")
    conclusion = models.TextField(_("conclusion for our city"), blank=True, default="")
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("international case")
        verbose_name_plural = _("international experience")

    def __str__(self) -> str:
        """The case as a list names it: “Vienna, Austria: the first words of what it did”."""
        place = ", ".join(part for part in (self.city_name, self.country) if part)
        practice = Truncator(html_to_text(self.practice or "")).words(8)
        return f"{place}: {practice}" if practice else place


class Vision(Versioned):
    """The vision (p.20): one comprehensive long-term goal, linked to higher-level documents (p.12)."""

    strategy = models.OneToOneField(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="vision"
    )
    text = models.TextField(_("vision"), blank=True, default="")
    desired_results = models.TextField(_("desired long-term results"), blank=True, default="")
    priorities = models.TextField(_("priorities"), blank=True, default="")
    documents = models.ManyToManyField(
        "strategies.HigherLevelDocument",
        verbose_name=_("higher-level documents"),
        blank=True,
        related_name="visions",
    )

    class Meta:
        verbose_name = _("vision")
        verbose_name_plural = _("visions")

    def __str__(self) -> str:
        return str(self.strategy)


class ImplementationMechanism(Versioned):
    """The implementation and monitoring (control) mechanism (p.17 item 6)."""

    class Frequency(models.TextChoices):
        ANNUAL = "annual", _("yearly")
        SEMIANNUAL = "semiannual", _("every half-year")
        QUARTERLY = "quarterly", _("quarterly")

    strategy = models.OneToOneField(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="mechanism"
    )
    responsible_bodies = models.TextField(_("responsible bodies"), blank=True, default="")
    reporting_frequency = models.CharField(
        _("reporting frequency"), max_length=20, choices=Frequency.choices, default=Frequency.ANNUAL
    )
    procedure = models.TextField(_("monitoring and reporting procedure"), blank=True, default="")

    class Meta:
        verbose_name = _("implementation and monitoring mechanism")
        verbose_name_plural = _("implementation and monitoring mechanisms")

    def __str__(self) -> str:
        return str(self.strategy)
