"""Who may record monitoring values: built on strategies.permissions, the one place where the
rights over a strategy are decided."""

from core.exceptions import NotFound, PermissionDenied
from strategies.models import Strategy
from strategies.permissions import can_view, is_city_editor

# A draft records the values it starts from, the approved edition in force its yearly monitoring
# (p.17 item 6); a strategy in approval is frozen, a superseded edition is history.
RECORDING_STATES = (Strategy.State.DRAFT, Strategy.State.APPROVED)


def can_record_monitoring(user, strategy: Strategy) -> bool:
    """The city's editors record plan/actual values of a draft or of the approved edition."""
    return strategy.state in RECORDING_STATES and is_city_editor(user, strategy.city)


def ensure_can_record_monitoring(user, strategy: Strategy) -> None:
    """404 for whoever may not see the strategy, 403 for whoever sees but may not record.
    `user` None is the operator at the console (manage.py import_indicators): always allowed
    while the strategy is in a recording state."""
    if user is None:
        if strategy.state not in RECORDING_STATES:
            raise PermissionDenied()
        return
    if can_record_monitoring(user, strategy):
        return
    if not can_view(user, strategy):
        raise NotFound()
    raise PermissionDenied()
