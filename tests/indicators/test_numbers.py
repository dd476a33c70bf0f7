"""Numbers as printed in real documents (shared/data README): the importer and the demo read them."""

from decimal import Decimal

import pytest

from indicators.models import Bound
from indicators.numbers import parse_printed_number


@pytest.mark.parametrize(
    ("printed", "value", "bound"),
    [
        ("2 401,4", Decimal("2401.4"), Bound.EXACT),
        ("2\u00a0401,4", Decimal("2401.4"), Bound.EXACT),
        ("0,46", Decimal("0.46"), Bound.EXACT),
        ("1.3", Decimal("1.3"), Bound.EXACT),
        ("60 000*", Decimal("60000"), Bound.EXACT),
        ("≤33,0", Decimal("33.0"), Bound.AT_MOST),
        ("≥10", Decimal("10"), Bound.AT_LEAST),
        ("-2,5", Decimal("-2.5"), Bound.EXACT),
        (7, Decimal("7"), Bound.EXACT),
    ],
)
def test_printed_numbers_are_read_with_their_bound(printed, value, bound):
    number = parse_printed_number(printed)
    assert (number.value, number.bound) == (value, bound)


@pytest.mark.parametrize("printed", ["", "—", "-", "–", None, "  "])
def test_missing_values_read_as_none(printed):
    assert parse_printed_number(printed).value is None


@pytest.mark.parametrize("printed", ["n/a", "12,3,4", "1 2x", "≤", "1e5"])
def test_anything_else_is_an_error(printed):
    with pytest.raises(ValueError):
        parse_printed_number(printed)
