"""Reading one cell of an indicator table: a printed number, a year, a text; a bad cell becomes a
problem at its place and the reading goes on, so that the preview lists every error at once."""

import re

from django.utils.translation import gettext as _

from core.text import clean_text
from indicators.imports.table import Table, Where, looks_like_formula
from indicators.numbers import PrintedNumber, is_storable, parse_printed_number
from strategies.models.analysis import YEAR_MAX, YEAR_MIN

# "ЦУР 11.6", "SDG 11.6", "ТДМ 11.6" (Kazakh), or the bare code.
SDG_LABEL = re.compile(r"^(?:ЦУР|SDG|ТДМ)\s*", re.IGNORECASE)
SDG_CODE = re.compile(r"^\d{1,2}\.[0-9a-z]{1,2}$", re.IGNORECASE)


def number(table: Table, raw, where: Where) -> PrintedNumber:
    """A printed number ("2 401,4", "≤33,0", "60 000*", "—"); a problem for anything else."""
    try:
        value = parse_printed_number(raw)
    except (ValueError, ArithmeticError):
        table.problem(_("“%(text)s” is not a number.") % {"text": str(raw)[:50]}, where)
        return PrintedNumber(None)
    if value.value is not None and not is_storable(value.value):
        table.problem(
            _("“%(text)s”: numbers are kept below 10¹⁴ with at most 4 decimal places.")
            % {"text": str(raw)[:50]},
            where,
        )
        return PrintedNumber(None)
    return value


def year(table: Table, raw, where: Where) -> int | None:
    """A four-digit year within the years the application keeps."""
    text = str(raw).strip() if raw is not None else ""
    if isinstance(raw, float) and raw.is_integer():
        text = str(int(raw))
    if not (
        text.isascii() and text.isdigit() and len(text) == 4 and YEAR_MIN <= int(text) <= YEAR_MAX
    ):
        table.problem(
            _("“%(text)s” is not a year (four digits, %(min)s to %(max)s).")
            % {"text": text[:50], "min": YEAR_MIN, "max": YEAR_MAX},
            where,
        )
        return None
    return int(text)


def text(table: Table, raw, where: Where, *, multiline: bool = False) -> str:
    """A text cell made canonical; one that a spreadsheet would run as a formula is refused,
    unless escaped with an apostrophe as the export writes it ("'=text" is the text "=text")."""
    value = "" if raw is None else str(raw)
    if value.startswith("'") and looks_like_formula(value[1:]):
        return clean_text(value[1:], multiline=multiline)
    if looks_like_formula(value.lstrip(" ")):
        table.problem(
            _("“%(text)s” would run as a formula in a spreadsheet; remove the leading sign.")
            % {"text": value.strip()[:50]},
            where,
        )
        return ""
    return clean_text(value, multiline=multiline)


def sdg_code(table: Table, raw, where: Where) -> str:
    """An SDG target code ("11.6"), with or without a "ЦУР" / "SDG" label; "" when empty."""
    value = SDG_LABEL.sub("", clean_text(str(raw or ""), multiline=False))
    if value and not SDG_CODE.match(value):
        table.problem(_("“%(text)s” is not an SDG target code.") % {"text": value[:50]}, where)
        return ""
    return value
