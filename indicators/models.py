"""Target indicators (p.9, 26), their 5-year milestones, benchmarks and yearly monitoring values,
plus the catalogues they draw on: p.26 recommended indicators and the UN SDGs."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import City, Versioned
from strategies.models import Direction, DirectionKind
from strategies.models.analysis import YEAR_MAX, YEAR_MIN

MILESTONE_YEARS = (2030, 2035, 2040, 2045, 2050)  # p.26: intermediate values every 5 years.


class GoodDirection(models.TextChoices):
    UP = "up", _("higher is better")
    DOWN = "down", _("lower is better")


class Bound(models.TextChoices):
    """A printed value may be a ceiling or a floor rather than a plain value (≤33,0, ≥10)."""

    EXACT = "", _("exact value")
    AT_MOST = "le", _("at most (≤)")
    AT_LEAST = "ge", _("at least (≥)")


class SdgGoal(models.Model):
    """One of the 17 UN Sustainable Development Goals."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        ordering = ["number"]
        verbose_name = _("sustainable development goal")
        verbose_name_plural = _("sustainable development goals")
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1) & Q(number__lte=17), name="sdg_goal_1_to_17"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class SdgTarget(models.Model):
    """A target of an SDG, e.g. 11.6."""

    goal = models.ForeignKey(
        SdgGoal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="targets"
    )
    code = models.CharField(_("code"), max_length=10, unique=True)
    title = models.TextField(_("title"))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["goal__number", "position"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self) -> str:
        return self.code


class RecommendedIndicator(models.Model):
    """A target indicator the Methodology recommends for a direction (p.26)."""

    code = models.SlugField(_("code"), unique=True)
    direction_kind = models.PositiveSmallIntegerField(_("direction"), choices=DirectionKind.choices)
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=100, blank=True, default="")
    good_direction = models.CharField(
        _("direction of good change"), max_length=4, choices=GoodDirection.choices
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["direction_kind", "position"]
        verbose_name = _("recommended indicator (p.26)")
        verbose_name_plural = _("recommended indicators (p.26)")

    def __str__(self) -> str:
        return self.name


class Indicator(Versioned):
    """A target indicator of a direction (p.9, 26).

    `uid` is the indicator's identity across editions: an amendment's working copy carries the
    uid of the approved edition's indicator it came from (strategies.document_json), and the
    monitoring values (YearlyValue) are keyed to it, not to the row."""

    uid = models.UUIDField(_("identity"), default=uuid.uuid4, editable=False, db_index=True)
    direction = models.ForeignKey(
        Direction, verbose_name=_("direction"), on_delete=models.CASCADE, related_name="indicators"
    )
    recommended = models.ForeignKey(
        RecommendedIndicator,
        verbose_name=_("recommended indicator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
    )
    name = models.CharField(_("name"), max_length=400)
    unit = models.CharField(_("unit"), max_length=200, blank=True, default="")
    good_direction = models.CharField(
        _("direction of good change"), max_length=4, choices=GoodDirection.choices
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    source = models.CharField(_("source of information"), max_length=400, blank=True, default="")
    collection_tool = models.CharField(
        _("data collection tool"), max_length=400, blank=True, default=""
    )
    # The p.26 criteria, affirmed by the developer.
    comparable = models.BooleanField(_("comparable over the planning period"), default=False)
    sufficient_data = models.BooleanField(
        _("enough information and resources to assess"), default=False
    )
    complete = models.BooleanField(_("complete characteristic"), default=False)
    attainable_measurable = models.BooleanField(_("attainable and measurable"), default=False)
    sdg_target = models.ForeignKey(
        SdgTarget,
        verbose_name=_("SDG target"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["direction__kind", "position", "id"]
        verbose_name = _("target indicator")
        verbose_name_plural = _("target indicators")
        constraints = [
            models.CheckConstraint(
                condition=Q(baseline_year__isnull=True)
                | (Q(baseline_year__gte=YEAR_MIN) & Q(baseline_year__lt=MILESTONE_YEARS[0])),
                name="indicator_baseline_before_2030",
                violation_error_message=_("The baseline year comes before the first milestone."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Milestone(models.Model):
    """The target value of an indicator at a 5-year step (p.26)."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="milestones"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), choices=[(year, str(year)) for year in MILESTONE_YEARS]
    )
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)

    class Meta:
        ordering = ["year"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="one_milestone_per_year"),
            models.CheckConstraint(
                condition=Q(year__in=MILESTONE_YEARS),
                name="milestone_year_is_a_5_year_step",
                violation_error_message=_(
                    "Milestones are set for 2030, 2035, 2040, 2045 and 2050."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.value}"


class BenchmarkValue(Versioned):
    """The current value of a best-practice city, for comparison (p.10): edited on the editor's
    indicator page, one form per value, its `version` checked on save like any item of a list."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="benchmarks"
    )
    city_name = models.CharField(_("city"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)

    class Meta:
        ordering = ["city_name"]
        verbose_name = _("benchmark value")
        verbose_name_plural = _("benchmark values")
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=YEAR_MIN) & Q(year__lte=YEAR_MAX),
                name="benchmark_year_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.city_name} {self.year}: {self.value}"


class YearlyValue(Versioned):
    """The plan and the actual value of an indicator in one year: monitoring data (p.17 item 6).

    Not content: a snapshot never holds it, and it is recorded after approval without an
    amendment. It is keyed to the indicator's identity (`Indicator.uid`), which every edition of
    the strategy shares, so the values follow the indicator into the next approved edition. Written
    only through indicators.services (audited)."""

    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.PROTECT, related_name="+"
    )
    indicator_uid = models.UUIDField(_("indicator identity"), db_index=True)
    year = models.PositiveSmallIntegerField(_("year"))
    plan = models.DecimalField(_("plan"), max_digits=18, decimal_places=4, null=True, blank=True)
    plan_bound = models.CharField(
        _("plan bound"), max_length=2, choices=Bound.choices, default=Bound.EXACT, blank=True
    )
    actual = models.DecimalField(
        _("actual"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    actual_bound = models.CharField(
        _("actual bound"), max_length=2, choices=Bound.choices, default=Bound.EXACT, blank=True
    )
    explanation = models.TextField(_("explanation of the deviation"), blank=True, default="")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["year"]
        verbose_name = _("yearly plan and actual value")
        verbose_name_plural = _("yearly plan and actual values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator_uid", "year"], name="one_yearly_value_per_indicator_year"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=YEAR_MIN) & Q(year__lte=YEAR_MAX),
                name="yearly_value_year_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.plan} / {self.actual}"


class IndicatorImport(models.Model):
    """An uploaded indicator table, kept between its preview and the editor's confirmation (the
    file is parsed again on confirmation, so what is applied is what the preview showed)."""

    class Layout(models.TextChoices):
        LONG_CSV = "csv", _("long table (CSV)")
        WIDE_XLSX = "xlsx", _("wide table (Excel)")

    class State(models.TextChoices):
        PREVIEWED = "previewed", _("previewed")
        APPLIED = "applied", _("applied")

    strategy = models.ForeignKey(
        "strategies.Strategy",
        verbose_name=_("strategy"),
        on_delete=models.CASCADE,
        related_name="indicator_imports",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    filename = models.CharField(_("file name"), max_length=255)
    layout = models.CharField(_("layout"), max_length=4, choices=Layout.choices)
    content = models.BinaryField(_("file"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    direction_kind = models.PositiveSmallIntegerField(
        _("direction of new indicators"), choices=DirectionKind.choices, null=True, blank=True
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PREVIEWED
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("indicator import")
        verbose_name_plural = _("indicator imports")

    def __str__(self) -> str:
        return self.filename
