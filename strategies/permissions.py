"""Who may do what with a strategy: the one place rights are decided (views and services ask here)."""

from core.models import City, Membership


def is_city_editor(user, city: City) -> bool:
    """A city's editors are the members of its akimat with the city-editor role."""
    if not user.is_authenticated:
        return False
    return user.memberships.filter(
        role=Membership.Role.CITY_EDITOR, organisation__city=city
    ).exists()
