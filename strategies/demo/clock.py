"""A clock the demo controls: the route's services date what they record by the current time
(timezone.now / localdate), and the demo's route took place over the past months, so each step
runs on its own day. Only seed_demo uses this; nothing else ever moves the clock."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from unittest import mock

from django.utils import timezone


@contextmanager
def on_day(day: date, at: time = time(11, 0)) -> Iterator[None]:
    """Run the block as if it were `day` (at 11:00 local time): timezone.now(), and so
    localdate() and auto_now fields, give that moment."""
    moment = timezone.make_aware(datetime.combine(day, at))
    with mock.patch.object(timezone, "now", return_value=moment):
        yield
