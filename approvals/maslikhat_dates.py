"""The plausible dates of the maslikhat stage (p.16): the akimat's recommendation, the
consultation with the Presidential Administration, and the session that approves the strategy.
The forms show these windows at the field; the services (approvals.services) enforce them for
every caller.

The rule and its reason: each date records something that has taken place, so none is after
today; and none is before what it follows.
- The akimat recommends the draft to the maslikhat once the route has brought it there (after
  the central planning body and, for the capital and the cities of republican significance, every
  adjacent akimat agreed): not before the maslikhat stage began.
- The consultation with the Presidential Administration is on the submitted draft: not before
  its snapshot was submitted.
- The maslikhat's session comes after the recommendation and the consultation, which p.16 puts
  before it: not before the stage began, the recommendation or the consultation.
"""

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _


def recommended_on_error(value: date, *, stage_began: date, today: date) -> str | None:
    """Why the akimat cannot have recommended the draft on `value`, in the active language;
    None when it can have."""
    return _in_past(value, today) or _after(
        value,
        stage_began,
        _("The recommendation cannot be dated before the maslikhat stage began (%(date)s)."),
    )


def consulted_on_error(value: date, *, submitted_on: date, today: date) -> str | None:
    """Why the consultation with the Presidential Administration cannot have been held on
    `value`; None when it can have."""
    return _in_past(value, today) or _after(
        value,
        submitted_on,
        _("The consultation cannot be dated before the draft was submitted (%(date)s)."),
    )


def session_on_error(
    value: date, *, stage_began: date, recommended_on: date, consulted_on: date, today: date
) -> str | None:
    """Why the maslikhat cannot have approved the strategy at a session on `value`; None when
    it can have."""
    return (
        _in_past(value, today)
        or _after(
            value,
            stage_began,
            _("The session cannot be dated before the maslikhat stage began (%(date)s)."),
        )
        or _after(
            value,
            recommended_on,
            _("The session cannot be dated before the akimat's recommendation (%(date)s)."),
        )
        or _after(
            value,
            consulted_on,
            _(
                "The session cannot be dated before the consultation with the Presidential "
                "Administration (%(date)s)."
            ),
        )
    )


def _in_past(value: date, today: date) -> str | None:
    if value > today:
        return _("This date is in the future: record what has already taken place.")
    return None


def _after(value: date, earliest: date, message: str) -> str | None:
    if value < earliest:
        return message % {"date": date_format(earliest, "SHORT_DATE_FORMAT")}
    return None
