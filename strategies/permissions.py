"""Who may do what with a strategy: the one module where rights are decided. Views, services and
templates ask here; nothing else compares roles."""

from django.db.models import Q

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


def strategy_visibility(user) -> Q:
    """What a user may read: approved editions are public; a city's editors see its working
    copies; reviewers see the strategies in approval that are routed to their organisation."""
    visible = Q(state=Strategy.State.APPROVED)
    if not user.is_authenticated:
        return visible
    if user.is_superuser:
        return Q()
    in_approval = Q(state=Strategy.State.IN_APPROVAL)
    # Whoever decided on a strategy follows it afterwards (its snapshots, remarks and answers).
    visible |= Q(processes__stage_runs__decisions__organisation__memberships__user=user)
    for membership in user.memberships.select_related("organisation"):
        organisation = membership.organisation
        if membership.role == Membership.Role.CITY_EDITOR:
            visible |= Q(city_id=organisation.city_id)
        elif membership.role == Membership.Role.MINISTRY_REVIEWER:
            visible |= in_approval
        elif membership.role == Membership.Role.ADJACENT_REVIEWER:
            visible |= in_approval & Q(city__adjacent_regions=organisation.region_id)
        elif membership.role == Membership.Role.MASLIKHAT_SECRETARY:
            visible |= in_approval & Q(city__maslikhat=organisation.pk)
    return visible


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


def can_view_draft(user, strategy: Strategy) -> bool:
    """The live working copy is read by its city's editors (and operators); reviewers and the
    public read snapshots only."""
    return user.is_authenticated and (user.is_superuser or is_city_editor(user, strategy.city))


def ensure_can_view_draft(user, strategy: Strategy) -> None:
    if can_view_draft(user, strategy):
        return
    if not can_view(user, strategy):
        raise NotFound()
    raise PermissionDenied()
