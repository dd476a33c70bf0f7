"""The plausible dates of a public hearing (p.14): how long the draft may be open for comment, and
when the hearing itself may have been held. The forms show these windows at the field; the
services (approvals.services) enforce them for every caller.

The rule and its reason:
- The comment period ends tomorrow at the earliest. Neither p.14 of the Methodology nor the Law
  "On Public Councils" it refers to sets a minimum period for a strategy draft, so the only firm
  floor is that the public must get at least one whole day after publication; a period that ends
  on the day of publication (or before) gives nobody a chance to comment.
- The comment period lasts at most HEARING_MAX_DAYS (90) days from publication: a quarter is
  ample for a city's hearing, and the route waits for the period to end, so a typo in the year
  (2062, 9999-12-31) would otherwise hold the strategy in hearings for decades. The akimat may
  correct the end date of an open hearing within the same window.
- The hearing was held on a day between the publication of the draft and today: a hearing of a
  draft not yet published, or one in the future, is not a record of anything.
"""

from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _

HEARING_MAX_DAYS = 90


def comment_period_window(*, published_from: date, today: date) -> tuple[date, date]:
    """The first and last day the comment period may end on, both inclusive."""
    return today + timedelta(days=1), published_from + timedelta(days=HEARING_MAX_DAYS)


def comment_period_error(value: date, *, published_from: date, today: date) -> str | None:
    """Why `value` cannot end the comment period of a draft published on `published_from`, in
    the active language; None when it can."""
    earliest, latest = comment_period_window(published_from=published_from, today=today)
    if value < earliest:
        return _(
            "The comment period must end on %(date)s or later: the public needs at least one "
            "whole day to comment."
        ) % {"date": _day(earliest)}
    if value > latest:
        return _(
            "The comment period lasts at most %(days)s days from publication: choose %(date)s or "
            "an earlier day."
        ) % {"days": HEARING_MAX_DAYS, "date": _day(latest)}
    return None


def held_on_error(value: date, *, published_from: date, today: date) -> str | None:
    """Why a hearing of a draft published on `published_from` cannot have been held on `value`,
    in the active language; None when it can."""
    if value > today:
        return _("The hearing cannot have been held in the future: choose today or an earlier day.")
    if value < published_from:
        return _(
            "The hearing cannot have been held before the draft was published on %(date)s."
        ) % {"date": _day(published_from)}
    return None


def _day(value: date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")
