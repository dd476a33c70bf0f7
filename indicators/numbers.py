"""Numbers as printed in Kazakh and Russian documents: "2 401,4", "0,46", "60 000*", "≤33,0", "—"."""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from indicators.models import Bound

MISSING = {"", "—", "–", "-"}
BOUNDS = {"≤": Bound.AT_MOST, "<=": Bound.AT_MOST, "≥": Bound.AT_LEAST, ">=": Bound.AT_LEAST}
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


@dataclass(frozen=True)
class PrintedNumber:
    value: Decimal | None
    bound: str = Bound.EXACT


def parse_printed_number(text: str | float | int | Decimal | None) -> PrintedNumber:
    """Read a printed number; None for a missing value. Raises ValueError for anything else."""
    if text is None:
        return PrintedNumber(None)
    if isinstance(text, int | float | Decimal) and not isinstance(text, bool):
        return PrintedNumber(Decimal(str(text)))
    cleaned = _SPACES.sub("", str(text))
    if cleaned in MISSING:
        return PrintedNumber(None)
    bound = Bound.EXACT
    for mark, kind in BOUNDS.items():
        if cleaned.startswith(mark):
            bound, cleaned = kind, cleaned[len(mark) :]
            break
    cleaned = cleaned.rstrip("*").replace(",", ".")
    if not _NUMBER.match(cleaned):
        raise ValueError(text)
    try:
        return PrintedNumber(Decimal(cleaned), bound)
    except InvalidOperation as error:  # pragma: no cover - the pattern above admits only numbers
        raise ValueError(text) from error
