"""Numbers as printed in Kazakh and Russian documents: "2 401,4", "0,46", "60 000*", "≤33,0", "—"."""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from indicators.models import Bound

MISSING = {"", "—", "–", "-"}
BOUNDS = {"≤": Bound.AT_MOST, "<=": Bound.AT_MOST, "≥": Bound.AT_LEAST, ">=": Bound.AT_LEAST}
# Spaces a printed number may group its thousands with (plain, no-break, narrow no-break).
SPACES = re.compile(r"[\s\u00a0\u202f]+")
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
        number = Decimal(str(text))
        if not number.is_finite():
            raise ValueError(text)
        return PrintedNumber(number)
    cleaned = SPACES.sub("", str(text))
    if cleaned in MISSING:
        return PrintedNumber(None)
    bound, cleaned = split_bound(cleaned)
    cleaned = cleaned.replace(",", ".")
    if not _NUMBER.match(cleaned):
        raise ValueError(text)
    try:
        return PrintedNumber(Decimal(cleaned), bound)
    except InvalidOperation as error:  # pragma: no cover - the pattern above admits only numbers
        raise ValueError(text) from error


def split_bound(compact: str) -> tuple[str, str]:
    """A printed number without spaces split into its bound (≤, ≥, or exact) and the number, the
    footnote mark of a document ("60000*") left out: ("ge", "2000") for "≥2000"."""
    for mark, kind in BOUNDS.items():
        if compact.startswith(mark):
            return kind, compact[len(mark) :].rstrip("*")
    return Bound.EXACT, compact.rstrip("*")


# What a DecimalField(max_digits=18, decimal_places=4) holds (plan, actual, milestones).
STORED_PLACES = 4
STORED_LIMIT = Decimal(10) ** (18 - STORED_PLACES)


def is_storable(value: Decimal) -> bool:
    """Whether the value fits the stored numbers: below 10^14, at most 4 decimal places."""
    return abs(value) < STORED_LIMIT and value == value.quantize(Decimal(1).scaleb(-STORED_PLACES))


BOUND_MARKS = {Bound.AT_MOST: "≤", Bound.AT_LEAST: "≥"}


def format_printed_number(
    value: Decimal | None, bound: str = Bound.EXACT, *, decimal: str = ",", thousands: str = " "
) -> str:
    """A number as printed in kk/ru documents ("2 401,4", "≤33", "—" for a missing value): the
    inverse of `parse_printed_number`, without trailing zeros."""
    if value is None:
        return "—"
    text = format(value.normalize(), "f")
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _dot, fraction = text.partition(".")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    whole = thousands.join([whole, *groups])
    return f"{BOUND_MARKS.get(bound, '')}{sign}{whole}{decimal + fraction if fraction else ''}"
