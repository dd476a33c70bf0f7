"""Reference data (regions, cities, settlements, organisations), users and their roles, audit events."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Versioned(models.Model):
    """A row edited by several people: `version` is checked on save (optimistic locking)."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        abstract = True


class User(AbstractUser):
    """A person who signs in; what they may do comes from their memberships."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Region(models.Model):
    """One of the 17 regions (oblys) of Kazakhstan."""

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class City(models.Model):
    """A city that develops a strategy (p.3): the capital, a city of republican significance or a
    regional centre."""

    class Category(models.TextChoices):
        CAPITAL = "capital", _("capital")
        REPUBLICAN = "republican", _("city of republican significance")
        REGIONAL_CENTRE = "regional_centre", _("regional centre")

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cities",
        help_text=_(
            "The region whose centre the city is; empty for the capital and cities of "
            "republican significance."
        ),
    )
    adjacent_regions = models.ManyToManyField(
        Region,
        verbose_name=_("adjacent regions"),
        blank=True,
        related_name="adjacent_cities",
        help_text=_(
            "Regions whose akimats agree the draft (p.15); only for the capital and cities "
            "of republican significance."
        ),
    )
    maslikhat = models.ForeignKey(
        "Organisation",
        verbose_name=_("approving maslikhat"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_cities",
        limit_choices_to={"kind": "maslikhat"},
        help_text=_(
            "The maslikhat that approves the strategy (p.16): the city's own for the capital "
            "and cities of republican significance, the region's for a regional centre."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        constraints = [
            models.CheckConstraint(
                condition=(Q(category="regional_centre") & Q(region__isnull=False))
                | (Q(category__in=["capital", "republican"]) & Q(region__isnull=True)),
                name="city_region_matches_category",
                violation_error_message=_(
                    "A regional centre needs its region; the capital and "
                    "cities of republican significance have none."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_of_republican_significance(self) -> bool:
        """The capital and cities of republican significance agree with adjacent regions (p.15)."""
        return self.category in (self.Category.CAPITAL, self.Category.REPUBLICAN)


class Settlement(models.Model):
    """A settlement of a city's functional urban area (p.11)."""

    class Kind(models.TextChoices):
        SINGLE_INDUSTRY_TOWN = "single_industry_town", _("single-industry town")
        TOWN = "town", _("town")
        TOWNSHIP = "township", _("township")
        VILLAGE = "village", _("village")

    code = models.SlugField(_("code"), unique=True)
    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.CASCADE, related_name="settlements"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["city", "name"]
        verbose_name = _("settlement of the functional urban area")
        verbose_name_plural = _("settlements of functional urban areas")

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    """A body that takes part in drafting or approving strategies."""

    class Kind(models.TextChoices):
        CITY_AKIMAT = "city_akimat", _("city akimat")
        REGIONAL_AKIMAT = "regional_akimat", _("regional akimat")
        CENTRAL_PLANNING_BODY = (
            "central_planning_body",
            _("central authorised body for state planning"),
        )
        MASLIKHAT = "maslikhat", _("maslikhat")

    code = models.SlugField(_("code"), unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=300)
    city = models.ForeignKey(
        City,
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="city_akimat") & Q(city__isnull=False) & Q(region__isnull=True))
                | (Q(kind="regional_akimat") & Q(region__isnull=False) & Q(city__isnull=True))
                | (Q(kind="central_planning_body") & Q(city__isnull=True) & Q(region__isnull=True))
                | (
                    Q(kind="maslikhat")
                    & (
                        (Q(city__isnull=False) & Q(region__isnull=True))
                        | (Q(city__isnull=True) & Q(region__isnull=False))
                    )
                ),
                name="organisation_territory_matches_kind",
                violation_error_message=_(
                    "A city akimat belongs to a city, a regional akimat to a "
                    "region, a maslikhat to one of them, the central body to "
                    "neither."
                ),
            ),
            models.UniqueConstraint(
                fields=["kind", "city"],
                condition=Q(city__isnull=False),
                name="one_organisation_of_a_kind_per_city",
            ),
            models.UniqueConstraint(
                fields=["kind", "region"],
                condition=Q(region__isnull=False),
                name="one_organisation_of_a_kind_per_region",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in an organisation; the only source of rights besides superuser status."""

    class Role(models.TextChoices):
        CITY_EDITOR = "city_editor", _("city editor")
        MINISTRY_REVIEWER = "ministry_reviewer", _("ministry reviewer")
        ADJACENT_REVIEWER = "adjacent_reviewer", _("adjacent-region reviewer")
        MASLIKHAT_SECRETARY = "maslikhat_secretary", _("maslikhat secretary")

    # Each role is held in one kind of organisation.
    ORGANISATION_KIND = {
        Role.CITY_EDITOR: Organisation.Kind.CITY_AKIMAT,
        Role.MINISTRY_REVIEWER: Organisation.Kind.CENTRAL_PLANNING_BODY,
        Role.ADJACENT_REVIEWER: Organisation.Kind.REGIONAL_AKIMAT,
        Role.MASLIKHAT_SECRETARY: Organisation.Kind.MASLIKHAT,
    }

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="one_membership_per_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organisation}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        expected = self.ORGANISATION_KIND[self.role]
        if self.organisation_id and self.organisation.kind != expected:
            raise ValidationError(
                {
                    "organisation": _("A %(role)s belongs to a %(kind)s.")
                    % {"role": self.get_role_display(), "kind": Organisation.Kind(expected).label}
                }
            )


class AuditEvent(models.Model):
    """One thing that happened, append-only; written only through core.audit.

    Nothing deletes an event: what it refers to (its actor, its strategy, the type of its
    target) cannot be deleted while the event exists (PROTECT), and on PostgreSQL the database
    itself refuses a DELETE (core migration 0004). The target itself may go (an item removed
    from a list): the event keeps its id, its name (`target_repr`) and its last values."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    event_type = models.CharField(_("event"), max_length=60, db_index=True)
    strategy = models.ForeignKey(
        "strategies.Strategy",
        verbose_name=_("strategy"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
    )
    target_type = models.ForeignKey(
        ContentType, verbose_name=_("target type"), on_delete=models.PROTECT, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(_("target id"))
    target_repr = models.CharField(_("target"), max_length=300)
    extra = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["strategy", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.event_type} {self.target_repr}"
