"""What a reader gives: rows of indicator-years as read from a file, and the problems found, each
with where it is (row; sheet and cell for a workbook)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from indicators.numbers import PrintedNumber

MAX_BYTES = 5 * 1024 * 1024  # the upload limit of an indicator table
# A text cell starting with one of these runs as a formula in a spreadsheet (OWASP, CSV injection).
FORMULA_MARKS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Where:
    """A place in the file: a CSV line (and column), or a workbook sheet and cell."""

    row: int
    column: str = ""
    sheet: str = ""

    def __str__(self) -> str:
        if self.sheet:
            return _("sheet “%(sheet)s”, cell %(cell)s") % {
                "sheet": self.sheet,
                "cell": self.column,
            }
        if self.column:
            return _("row %(row)s, column “%(column)s”") % {"row": self.row, "column": self.column}
        return _("row %(row)s") % {"row": self.row}


@dataclass(frozen=True)
class Problem:
    """An error (the import writes nothing) or, with `warning`, something to check."""

    message: str
    where: Where | None = None
    warning: bool = False

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass(frozen=True)
class TableRow:
    """One indicator-year as read. `names` lists the (name, unit) readings of the indicator, the
    likeliest first (a workbook title "name, unit" may also be a name with a comma and no unit).
    `explanation` is {"kk": ..., "ru": ...}, or None when the layout carries none."""

    where: Where
    names: tuple[tuple[str, str], ...]
    year: int
    plan: PrintedNumber
    actual: PrintedNumber
    name_kk: str = ""
    sdg_target: str = ""
    direction: str = ""
    good_direction: str = ""
    explanation: dict[str, str] | None = None

    @property
    def name(self) -> str:
        return self.names[0][0]

    @property
    def unit(self) -> str:
        return self.names[0][1]


@dataclass
class Table:
    """A file read whole: its layout ("csv" or "xlsx"), its rows and its problems."""

    layout: str
    rows: list[TableRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, message: str, where: Where | None = None) -> None:
        self.problems.append(Problem(str(message), where))


def looks_like_formula(text: str) -> bool:
    """Whether a text cell would run as a formula once opened in a spreadsheet."""
    return bool(text) and text.startswith(FORMULA_MARKS)
