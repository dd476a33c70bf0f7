"""Export of a strategy's yearly plan/actual values in the two import layouts (data/README.md), so
that importing an export changes nothing: the long CSV (UTF-8, numbers as printed in kk/ru, with
the optional columns indicator_kk, direction, good_direction, explanation, explanation_kk) and
the wide XLSX (one block per indicator, in Kazakh or Russian).

A text cell that a spreadsheet would run as a formula (=, +, -, @ first) is written with a
leading apostrophe in the CSV (OWASP, CSV injection) and as a plain string cell in the workbook;
numbers, negative ones too, stay numbers."""

import csv
import io
from dataclasses import dataclass

from django.db.models import QuerySet

from indicators.imports.table import looks_like_formula
from indicators.models import Indicator, YearlyValue
from indicators.numbers import format_printed_number
from strategies.models import DirectionKind, Strategy

XLSX_LABELS = {
    "kk": {"header": "жоспар/факт", "plan": "жоспар", "actual": "нақты", "sdg": "ТДМ"},
    "ru": {"header": "план/факт", "plan": "план", "actual": "факт", "sdg": "ЦУР"},
}
# data/README.md's columns in its order, then the optional ones the importer reads.
COLUMNS = (
    "indicator",
    "unit",
    "sdg_target",
    "year",
    "plan",
    "fact",
    "indicator_kk",
    "direction",
    "good_direction",
    "explanation",
    "explanation_kk",
)
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class ExportedIndicator:
    indicator: Indicator
    values: list[YearlyValue]


def exported(strategy: Strategy) -> list[ExportedIndicator]:
    """The strategy's indicators that have yearly values, with them, in the document's order
    (two queries)."""
    indicators: QuerySet[Indicator] = (
        Indicator.objects.filter(direction__strategy=strategy)
        .select_related("direction", "sdg_target")
        .order_by("direction__kind", "position", "id")
    )
    indicators = list(indicators)
    values: dict = {}
    for value in YearlyValue.objects.filter(
        indicator_uid__in=[indicator.uid for indicator in indicators]
    ).order_by("year"):
        values.setdefault(value.indicator_uid, []).append(value)
    return [
        ExportedIndicator(indicator, values[indicator.uid])
        for indicator in indicators
        if indicator.uid in values
    ]


def _safe(text: str) -> str:
    return f"'{text}" if looks_like_formula(text) else text


def _name(indicator: Indicator, field: str, lang: str) -> str:
    other = "kk" if lang == "ru" else "ru"
    return getattr(indicator, f"{field}_{lang}") or getattr(indicator, f"{field}_{other}") or ""


def export_csv(strategy: Strategy) -> bytes:
    """The long layout, UTF-8 with a byte-order mark (so that Excel reads it as UTF-8)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for item in exported(strategy):
        indicator = item.indicator
        for value in item.values:
            row = {
                "indicator": _safe(_name(indicator, "name", "ru")),
                "indicator_kk": _safe(indicator.name_kk or "") if indicator.name_ru else "",
                "unit": _safe(_name(indicator, "unit", "ru")),
                "sdg_target": indicator.sdg_target.code if indicator.sdg_target_id else "",
                "direction": DirectionKind(indicator.direction.kind).slug,
                "good_direction": indicator.good_direction,
                "year": value.year,
                "plan": format_printed_number(value.plan, value.plan_bound),
                "fact": format_printed_number(value.actual, value.actual_bound),
                "explanation": _safe(value.explanation_ru or ""),
                "explanation_kk": _safe(value.explanation_kk or ""),
            }
            writer.writerow([row[column] for column in COLUMNS])
    return out.getvalue().encode("utf-8-sig")


def export_xlsx(strategy: Strategy, *, lang: str = "ru") -> bytes:
    """The wide layout: on one sheet, a block per indicator ("name, unit"; план/факт and the
    years; план; факт; ЦУР), separated by an empty row. `lang` is "kk" or "ru"."""
    from openpyxl import Workbook

    labels = XLSX_LABELS[lang]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Индикаторлар" if lang == "kk" else "Индикаторы"

    def text_cell(row: int, column: int, text: str) -> None:
        cell = sheet.cell(row=row, column=column, value=text)
        cell.data_type = "s"  # a string, never a formula, whatever its first character

    def number_cell(row: int, column: int, value, bound: str) -> None:
        if value is None or bound:
            text_cell(row, column, format_printed_number(value, bound))
        else:
            sheet.cell(row=row, column=column, value=value.normalize())

    row = 1
    for item in exported(strategy):
        indicator = item.indicator
        name, unit = _name(indicator, "name", lang), _name(indicator, "unit", lang)
        text_cell(row, 1, f"{name}, {unit}" if unit else name)
        text_cell(row + 1, 1, labels["header"])
        text_cell(row + 2, 1, labels["plan"])
        text_cell(row + 3, 1, labels["actual"])
        for column, value in enumerate(item.values, start=2):
            sheet.cell(row=row + 1, column=column, value=value.year)
            number_cell(row + 2, column, value.plan, value.plan_bound)
            number_cell(row + 3, column, value.actual, value.actual_bound)
        row += 4
        if indicator.sdg_target_id:
            text_cell(row, 1, f"{labels['sdg']} {indicator.sdg_target.code}")
            row += 1
        row += 1
    sheet.column_dimensions["A"].width = 60
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
