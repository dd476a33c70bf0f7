"""The yearly update of the smart-city base list (2025 reference standard): after each annual
assessment the informatization authority publishes the list of the next year. An update is the
whole list of a year; it is compared with the list as it stands (`base_list_changes`, the preview)
and applied (`base_list_update`) without rewriting any earlier year: a new initiative enters
with that year, one missing from the file leaves with that year, the others stay as they are."""

import csv
import io
from dataclasses import dataclass, field

import openpyxl
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.text import clean_text
from indicators.imports.files import FileRefused, detect_layout
from strategies.models import SmartCityGroup, SmartCityInitiative, SmartCitySphere

COLUMNS = ("code", "sphere", "groups", "name_kk", "name_ru", "name_en")


@dataclass
class BaseListChanges:
    year: int
    entering: list[dict] = field(default_factory=list)  # rows of the file not in the list
    leaving: list[SmartCityInitiative] = field(default_factory=list)
    staying: list[SmartCityInitiative] = field(default_factory=list)


def read_base_list_file(data: bytes) -> list[dict]:
    """Rows of a base-list file, CSV (UTF-8) or XLSX (first sheet), with the header COLUMNS;
    groups separated by spaces or commas (republican regional district). The file is checked as
    the indicator import checks it (indicators.imports.files: size, zip and entity bombs).
    Raises ValidationError naming the line at fault."""
    try:
        if detect_layout(data) == "xlsx":
            records = _xlsx_records(data)
        else:
            records = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    except FileRefused as refused:
        raise ValidationError(str(refused.message)) from None
    if not records or set(COLUMNS) - set(records[0]):
        raise ValidationError(
            _("The file's columns are %(columns)s.") % {"columns": ", ".join(COLUMNS)}
        )
    rows = []
    for line, raw in enumerate(records, start=2):
        row = {key: clean_text(str(raw.get(key) or "")).strip() for key in COLUMNS}
        groups = row["groups"].replace(",", " ").split()
        if (
            not row["code"]
            or row["sphere"] not in SmartCitySphere.values
            or not groups
            or set(groups) - set(SmartCityGroup.values)
            or not (row["name_kk"] and row["name_ru"])
        ):
            raise ValidationError(
                _("Line %(line)s: a code, a sphere, the groups and the names in kk and ru.")
                % {"line": line}
            )
        rows.append({**row, "groups": groups})
    return rows


def _xlsx_records(data: bytes) -> list[dict]:
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        lines = workbook.worksheets[0].iter_rows(values_only=True)
        header = [str(cell or "").strip() for cell in next(lines, ())]
        return [dict(zip(header, line, strict=False)) for line in lines if any(line)]
    finally:
        workbook.close()


def base_list_changes(year: int, rows: list[dict]) -> BaseListChanges:
    """What loading `rows` as the list of `year` changes (the preview)."""
    current = {i.code: i for i in SmartCityInitiative.objects.of_year(year)}
    codes = {row["code"] for row in rows}
    changes = BaseListChanges(year)
    changes.entering = [row for row in rows if row["code"] not in current]
    changes.leaving = [i for code, i in current.items() if code not in codes]
    changes.staying = [i for code, i in current.items() if code in codes]
    return changes


@transaction.atomic
def base_list_update(*, actor, year: int, rows: list[dict]) -> BaseListChanges:
    """Make `rows` the base list from `year` on; earlier years' lists are left as they were.
    An initiative that left and comes back is refused (its code names its earlier entry).
    Raises ValidationError; nothing is written then."""
    changes = base_list_changes(year, rows)
    known = set(
        SmartCityInitiative.objects.filter(
            code__in=[row["code"] for row in changes.entering]
        ).values_list("code", flat=True)
    )
    if known:
        raise ValidationError(
            _(
                "These codes were in an earlier list: %(codes)s. A returning initiative needs a new code."
            )
            % {"codes": ", ".join(sorted(known))}
        )
    for row in changes.entering:
        initiative = SmartCityInitiative.objects.create(
            code=row["code"],
            sphere=row["sphere"],
            catalogue_year=year,
            name=row["name_ru"],
            name_kk=row["name_kk"],
            name_ru=row["name_ru"],
            name_en=row["name_en"],
            **{f"for_{g}": g in row["groups"] for g in SmartCityGroup.values},
        )
        audit_record(
            actor=actor,
            event_type="smartcity.initiative_entered",
            target=initiative,
            extra={"year": year, "groups": row["groups"]},
        )
    for initiative in changes.leaving:
        initiative.year_left, initiative.active = year, False
        initiative.save(update_fields=["year_left", "active"])
        audit_record(
            actor=actor,
            event_type="smartcity.initiative_left",
            target=initiative,
            extra={"year": year},
        )
    return changes
