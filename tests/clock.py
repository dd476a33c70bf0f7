"""The clock of a test: real time until a test lets days pass (a hearing's comment period ends
tomorrow at the earliest, so closing it means waiting). The shift lasts until the test ends
(tests/conftest.py puts the clock back), for every thread of the process: the live server of
the browser tests too. Monotonic clocks are not moved, so timeouts keep working."""

from datetime import timedelta

import time_machine
from django.utils import timezone

_travel: time_machine.travel | None = None
_traveller: time_machine.Traveller | None = None


def days_pass(days: int = 1) -> None:
    """Move the clock `days` days on from now; it keeps ticking from there."""
    global _travel, _traveller
    if _traveller is None:
        _travel = time_machine.travel(timezone.now() + timedelta(days=days), tick=True)
        _traveller = _travel.start()
    else:
        _traveller.shift(timedelta(days=days))


def reset() -> None:
    """Back to real time."""
    global _travel, _traveller
    if _travel is not None:
        _travel.stop()
    _travel = _traveller = None
