"""Who may do what with a strategy: the one module where rights are decided. Views, services and
templates ask here; nothing else compares roles."""

from core.exceptions import NotFound, PermissionDenied
from core.models import City, Membership
from strategies.models import Strategy


def is_city_editor(user, city: City) -> bool:
    """A city's editors are the members of its akimat with the city-editor role."""
    if not user.is_authenticated:
        return False
    return user.memberships.filter(
        role=Membership.Role.CITY_EDITOR, organisation__city=city
    ).exists()


def editor_cities(user) -> list[City]:
    """The cities whose strategies the user drafts."""
    if not user.is_authenticated:
        return []
    return list(
        City.objects.filter(
            organisations__memberships__user=user,
            organisations__memberships__role=Membership.Role.CITY_EDITOR,
        ).distinct()
    )


def can_view(user, strategy: Strategy) -> bool:
    from strategies.selectors import strategy_visibility

    return Strategy.objects.filter(strategy_visibility(user), pk=strategy.pk).exists()


def can_edit(user, strategy: Strategy) -> bool:
    """Only the city's editors change its working copy, and only while it is a draft."""
    return strategy.state == Strategy.State.DRAFT and is_city_editor(user, strategy.city)


def can_create(user, city: City) -> bool:
    return is_city_editor(user, city)


def ensure_can_edit(user, strategy: Strategy) -> None:
    """404 for whoever may not even see the strategy, 403 for whoever sees but may not edit."""
    if can_edit(user, strategy):
        return
    if not can_view(user, strategy):
        raise NotFound()
    raise PermissionDenied()


def ensure_can_view(user, strategy: Strategy) -> None:
    """404 for whoever may not know the strategy exists."""
    if not can_view(user, strategy):
        raise NotFound()
