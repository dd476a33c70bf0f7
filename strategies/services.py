"""Writes to the strategy document; every change goes through a function here."""

from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.exceptions import Conflict, PermissionDenied
from core.i18n import CONTENT_LANGUAGES, translated
from core.models import City
from strategies.models import (
    Analysis,
    Direction,
    DirectionKind,
    ImplementationMechanism,
    Strategy,
    Vision,
)
from strategies.permissions import is_city_editor


def default_title(city: City) -> dict[str, str]:
    """The title of a new strategy in every content language."""
    titles = {}
    for lang in CONTENT_LANGUAGES:
        with translation.override(lang):
            titles[lang] = _("Development strategy of %(city)s to 2050") % {
                "city": getattr(city, f"name_{lang}") or city.name
            }
    return titles


@transaction.atomic
def strategy_create(*, actor, city: City, title: dict[str, str] | None = None) -> Strategy:
    """Start a city's working copy with every section of p.17 and the five directions in place.

    Precondition: the actor edits the city's strategies and the city has no open strategy.
    Raises PermissionDenied or Conflict.
    """
    if not (actor.is_superuser or is_city_editor(actor, city)):
        raise PermissionDenied()
    if Strategy.objects.filter(city=city, state__in=Strategy.OPEN_STATES).exists():
        raise Conflict(
            _("%(city)s already has a strategy being drafted or approved.") % {"city": city}
        )
    try:
        with transaction.atomic():
            strategy = Strategy.objects.create(
                city=city, created_by=actor, **translated("title", title or default_title(city))
            )
    except IntegrityError as error:  # a concurrent creation won the race
        raise Conflict(
            _("%(city)s already has a strategy being drafted or approved.") % {"city": city}
        ) from error
    Analysis.objects.create(strategy=strategy)
    Vision.objects.create(strategy=strategy)
    ImplementationMechanism.objects.create(strategy=strategy)
    Direction.objects.bulk_create(Direction(strategy=strategy, kind=kind) for kind in DirectionKind)
    audit_record(actor=actor, event_type="strategy.created", target=strategy, strategy=strategy)
    return strategy
