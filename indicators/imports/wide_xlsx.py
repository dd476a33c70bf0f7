"""The wide layout (an Excel workbook, data/README.md): on the first sheet, blocks separated by
an empty row; each block a title row "name, unit", a header row "план/факт" (жоспар/факт,
plan/fact) followed by years, a plan row, an actual row, and optionally an SDG row ("ЦУР 11.6").

The workbook is opened with openpyxl read-only, values only (formulas are never evaluated; a
cell holding a formula is an error: paste values instead), XML parsed through defusedxml, after
files.check_workbook has refused zip and entity bombs."""

import re
from io import BytesIO

from django.utils.translation import gettext as _

from indicators.imports import cells
from indicators.imports.table import Problem, Table, TableRow, Where

HEADER_LABELS = {"план/факт", "жоспар/факт", "plan/fact", "plan/actual"}
PLAN_LABELS = {"план", "жоспар", "plan"}
ACTUAL_LABELS = {"факт", "нақты", "actual", "fact"}
SDG_ROW = re.compile(r"^(?:ЦУР|SDG|ТДМ)\s*\S+$", re.IGNORECASE)
# A sentence break ("районах. Строительство") shows that a title's tail is not a unit of measure.
SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]")


def split_title(title: str) -> tuple[tuple[str, str], ...]:
    """Readings of a block title as (name, unit), the likeliest first: the unit is what follows
    the last comma outside brackets (data/README.md); then the other commas (a unit with a comma
    in it); then the whole title with no unit, which comes first when the tail reads as a
    sentence rather than a unit of measure."""
    depth, cuts = 0, []
    for position, char in enumerate(title):
        if char in "([{«":
            depth += 1
        elif char in ")]}»":
            depth = max(depth - 1, 0)
        elif char == "," and depth == 0:
            cuts.append(position)
    whole = (title.strip(), "")
    splits = [(title[:cut].strip(), title[cut + 1 :].strip()) for cut in reversed(cuts)]
    splits = [(name, unit) for name, unit in splits if name and unit]
    if not splits or SENTENCE_BREAK.search(splits[0][1]):
        return (whole, *splits)
    return (*splits, whole)


def _label(value) -> str:
    return re.sub(r"\s+", "", str(value or "")).casefold()


def read_wide_xlsx(data: bytes) -> Table:
    """Read a wide-layout workbook (already checked by files.detect_layout). Never raises for bad
    content: every problem is in the table with its sheet and cell."""
    import openpyxl
    from defusedxml import DefusedXmlException

    table = Table(layout="xlsx")
    try:
        workbook = openpyxl.load_workbook(BytesIO(data), read_only=True, data_only=True)
        formulas = _formula_cells(data)
        sheet = workbook.worksheets[0]
        grid = [
            [cell.value for cell in row]
            for row in sheet.iter_rows(max_col=min(sheet.max_column or 1, 200))
        ]
        title = sheet.title
        others = [ws.title for ws in workbook.worksheets[1:]]
        workbook.close()
    except Exception as error:  # openpyxl raises many kinds for a broken workbook
        if _caused_by(error, DefusedXmlException):
            table.problem(_("The workbook declares XML entities; it is refused."))
        else:
            table.problem(_("This Excel workbook cannot be read; save it again as .xlsx."))
        return table
    if others:
        table.problems.append(
            Problem(
                _("Only the first sheet is read; ignored: %(sheets)s.")
                % {"sheets": ", ".join(others)},
                warning=True,
            )
        )
    for coordinate in sorted(formulas):
        table.problem(
            _("The cell holds a formula; formulas are not evaluated: paste the values instead."),
            Where(0, coordinate, title),
        )
    blocks, block = [], []
    for number, values in enumerate(grid, start=1):
        if any(v is not None and str(v).strip() for v in values):
            block.append((number, values))
        elif block:
            blocks.append(block)
            block = []
    if block:
        blocks.append(block)
    for block in blocks:
        _read_block(table, title, block)
    if not table.rows and not [p for p in table.problems if not p.warning]:
        table.problem(_("The workbook has no blocks of values."))
    return table


def _caused_by(error: BaseException, kind: type) -> bool:
    """Whether `kind` is in the chain of exceptions that led to `error` (openpyxl wraps the
    parser's errors in a ValueError)."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, kind):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def _formula_cells(data: bytes) -> set[str]:
    """Coordinates of the first sheet's cells that hold a formula (a second, formula-aware read:
    the values read above are only what the file says)."""
    import openpyxl

    workbook = openpyxl.load_workbook(BytesIO(data), read_only=True, data_only=False)
    try:
        return {
            cell.coordinate
            for row in workbook.worksheets[0].iter_rows()
            for cell in row
            if getattr(cell, "data_type", None) == "f"
        }
    finally:
        workbook.close()


def _column(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _read_block(table: Table, sheet: str, block: list[tuple[int, list]]) -> None:
    def at(row: int, index: int) -> Where:
        return Where(row, f"{_column(index)}{row}", sheet)

    title_row, title_values = block[0]
    title = cells.text(table, title_values[0], at(title_row, 0))
    if not title:
        table.problem(
            _("A block starts with its title “name, unit” in the first column."), at(title_row, 0)
        )
        return
    if len(block) < 2 or _label(block[1][1][0]) not in HEADER_LABELS:
        row = block[1][0] if len(block) > 1 else title_row
        table.problem(
            _("After the title “%(title)s” comes the header row “план/факт” and the years.")
            % {"title": title[:80]},
            at(row, 0),
        )
        return
    header_row, header = block[1]
    years = {}
    for index, value in enumerate(header[1:], start=1):
        if value is None or not str(value).strip():
            continue
        year = cells.year(table, value, at(header_row, index))
        if year is None:
            continue
        if year in years.values():
            table.problem(
                _("The year %(year)s appears twice in the header.") % {"year": year},
                at(header_row, index),
            )
            continue
        years[index] = year
    plan = actual = None
    sdg = ""
    for row, values in block[2:]:
        label = _label(values[0])
        if label in PLAN_LABELS and plan is None:
            plan = (row, values)
        elif label in ACTUAL_LABELS and actual is None:
            actual = (row, values)
        elif SDG_ROW.match(str(values[0] or "").strip()):
            sdg = cells.sdg_code(table, values[0], at(row, 0))
        else:
            table.problem(
                _("“%(text)s”: a row of a block is “план”, “факт” or “ЦУР …”.")
                % {"text": str(values[0] or "")[:50]},
                at(row, 0),
            )
    if plan is None or actual is None:
        table.problem(
            _("The block “%(title)s” needs a “план” row and a “факт” row.") % {"title": title[:80]},
            at(title_row, 0),
        )
        return
    names = split_title(title)

    def value(line: tuple[int, list], index: int):
        row, values = line
        return cells.number(table, values[index] if index < len(values) else None, at(row, index))

    for index, year in years.items():
        table.rows.append(
            TableRow(
                where=at(header_row, index),
                names=names,
                year=year,
                plan=value(plan, index),
                actual=value(actual, index),
                sdg_target=sdg,
            )
        )
