"""The long layout (CSV, UTF-8, a header row): one row per indicator and year, columns
indicator, unit, sdg_target, year, plan, fact (data/README.md), and optionally indicator_kk,
direction, good_direction, explanation (Russian) and explanation_kk."""

import csv
import io

from django.utils.translation import gettext as _

from core.text import clean_text
from indicators.imports import cells
from indicators.imports.table import Table, TableRow, Where

REQUIRED = ("indicator", "unit", "year", "plan", "fact")
OPTIONAL = (
    "indicator_kk",
    "sdg_target",
    "direction",
    "good_direction",
    "explanation",
    "explanation_kk",
)
COLUMNS = (*REQUIRED, *OPTIONAL)
EXPLANATION_COLUMNS = {"ru": "explanation", "kk": "explanation_kk"}


def _dialect(header_line: str) -> str:
    """Excel in a Kazakh or Russian locale saves CSV with semicolons; take the likelier one."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


def read_long_csv(data: bytes) -> Table:
    """Read a long-layout CSV (already checked by files.detect_layout). Never raises for bad
    content: every problem is in the table with its row."""
    table = Table(layout="csv")
    text = data.decode("utf-8-sig")
    delimiter = _dialect(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        table.problem(_("The file has no header row."))
        return table
    names = [clean_text(column, multiline=False).lower() for column in header]
    missing = [column for column in REQUIRED if column not in names]
    if missing:
        table.problem(
            _("Columns missing from the header row: %(columns)s. Expected: %(expected)s.")
            % {"columns": ", ".join(missing), "expected": ", ".join(REQUIRED)},
            Where(1),
        )
        return table
    index = {column: names.index(column) for column in COLUMNS if column in names}
    try:
        for values in reader:
            _read_row(table, reader.line_num, values, index)
    except csv.Error as error:
        table.problem(
            _("The CSV cannot be read: %(error)s") % {"error": error}, Where(reader.line_num)
        )
    if not table.rows and not table.problems:
        table.problem(_("The file has no rows of values."))
    return table


def _read_row(table: Table, line: int, values: list[str], index: dict[str, int]) -> None:
    if not any(value.strip() for value in values):
        return

    def cell(column: str) -> str:
        position = index.get(column)
        return values[position] if position is not None and position < len(values) else ""

    def where(column: str) -> Where:
        return Where(line, column)

    name = cells.text(table, cell("indicator"), where("indicator"))
    if not name:
        table.problem(_("The indicator name is empty."), where("indicator"))
    year = cells.year(table, cell("year"), where("year"))
    row = TableRow(
        where=Where(line),
        names=((name, cells.text(table, cell("unit"), where("unit"))),),
        year=year or 0,
        plan=cells.number(table, cell("plan"), where("plan")),
        actual=cells.number(table, cell("fact"), where("fact")),
        name_kk=cells.text(table, cell("indicator_kk"), where("indicator_kk")),
        sdg_target=cells.sdg_code(table, cell("sdg_target"), where("sdg_target")),
        direction=cells.text(table, cell("direction"), where("direction")),
        good_direction=cells.text(table, cell("good_direction"), where("good_direction")),
        explanation={
            lang: cells.text(table, cell(column), where(column), multiline=True)
            for lang, column in EXPLANATION_COLUMNS.items()
            if column in index
        }
        or None,
    )
    if name and year:
        table.rows.append(row)
