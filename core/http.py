"""Reading ids from user input in views."""

from django.http import Http404


def id_or_404(value) -> int:
    """A primary key from user input; anything else is a 404, never a 500."""
    if not str(value or "").isdigit():
        raise Http404
    return int(value)
