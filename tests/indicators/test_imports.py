"""Import of indicator tables: the real SDG 11 table of Almaty in both layouts, the printed number
formats, errors with their place, hostile files, and all-or-nothing writes."""

import csv
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from core.exceptions import InvalidInput
from indicators.exports import export_csv, export_xlsx
from indicators.imports.files import FileRefused
from indicators.imports.service import import_apply, import_upload
from indicators.imports.wide_xlsx import read_wide_xlsx, split_title
from indicators.models import Indicator, YearlyValue
from strategies.models import DirectionKind
from tests.indicators.conftest import CSV, XLSX, fingerprint, printed, run_import

pytestmark = pytest.mark.django_db

HEADER = "indicator,unit,sdg_target,year,plan,fact\n"


def stored(strategy) -> dict[tuple[str, int], tuple]:
    indicators = {i.uid: i for i in Indicator.objects.filter(direction__strategy=strategy)}
    return {
        (indicators[v.indicator_uid].name_ru, v.year): (
            v.plan,
            v.plan_bound,
            v.actual,
            v.actual_bound,
        )
        for v in YearlyValue.objects.filter(indicator_uid__in=indicators)
    }


def expected_from_csv() -> dict[tuple[str, int], tuple]:
    with CSV.open(encoding="utf-8") as handle:
        return {
            (row["indicator"], int(row["year"])): (
                printed(row["plan"]),
                "",
                printed(row["fact"]),
                "",
            )
            for row in csv.DictReader(handle)
        }


@pytest.mark.parametrize("path", [CSV, XLSX], ids=["csv", "xlsx"])
def test_the_real_table_gives_11_indicators_and_67_years_as_printed(draft, path):
    strategy, editor = draft
    plan = run_import(
        strategy,
        editor,
        path.read_bytes(),
        filename=path.name,
        direction=DirectionKind.URBAN_PLANNING,
    )

    assert plan.counts()["indicators_created"] == 11
    indicators = Indicator.objects.filter(direction__strategy=strategy)
    assert indicators.count() == 11
    assert {i.direction.kind for i in indicators} == {DirectionKind.URBAN_PLANNING}
    assert stored(strategy) == expected_from_csv()  # value by value, 67 indicator-years
    assert len(stored(strategy)) == 67
    housing = indicators.get(name_ru="Общая площадь введённых в эксплуатацию жилых зданий")
    assert (housing.unit_ru, housing.sdg_target.code) == ("тыс. кв.м.", "11.1")
    # The title "name. Sentence" without a unit is one name, not a name and a "unit".
    assert indicators.filter(
        name_ru__endswith="259 объектов культуры по Республике", unit_ru=""
    ).exists()


def test_both_layouts_give_the_same_result(draft):
    strategy, editor = draft
    run_import(strategy, editor, CSV.read_bytes(), direction=DirectionKind.URBAN_PLANNING)
    before = stored(strategy)
    plan = run_import(strategy, editor, XLSX.read_bytes(), filename="t.xlsx")
    assert plan.counts() == {
        "indicators_created": 0, "created": 0, "changed": 0, "unchanged": 67,
        "values": 67, "indicators": 11,
    }  # fmt: skip
    assert stored(strategy) == before


def test_printed_formats_and_bounds_are_kept(draft):
    strategy, editor = draft
    table = HEADER + (
        'Доля переработки,%,11.6,2024,"≤33,0","≥10"\n'
        'Площадь,тыс. кв.м.,,2024,"2\u00a0401,4",60 000*\n'
        "Площадь,тыс. кв.м.,,2025,1.5,-\n"
    )
    run_import(strategy, editor, table.encode(), direction=DirectionKind.ENVIRONMENT)
    values = stored(strategy)
    assert values["Доля переработки", 2024] == (Decimal(33), "le", Decimal(10), "ge")
    assert values["Площадь", 2024] == (Decimal("2401.4"), "", Decimal(60000), "")
    assert values["Площадь", 2025] == (Decimal("1.5"), "", None, "")


def test_semicolon_csv_from_a_kazakh_or_russian_excel_is_read(draft):
    strategy, editor = draft
    table = "indicator;unit;sdg_target;year;plan;fact\nКөрсеткіш;%;;2024;1,5;2\n"
    run_import(strategy, editor, table.encode(), direction=DirectionKind.ENVIRONMENT)
    indicator = Indicator.objects.get(direction__strategy=strategy)
    assert indicator.name_kk == "Көрсеткіш"  # Kazakh letters: the Kazakh name


def test_importing_again_changes_nothing_and_a_corrected_file_updates_in_place(draft):
    strategy, editor = draft
    run_import(strategy, editor, CSV.read_bytes(), direction=DirectionKind.URBAN_PLANNING)
    first = fingerprint()
    again = run_import(strategy, editor, CSV.read_bytes())
    assert again.counts()["unchanged"] == 67 and again.counts()["created"] == 0
    indicators, values, _audit, _imports = fingerprint()
    assert (indicators, values) == first[:2]  # no row written, no version moved

    row = YearlyValue.objects.get(indicator_uid__in=Indicator.objects.filter(
        direction__strategy=strategy, name_ru__startswith="Общая площадь").values("uid"), year=2022)  # fmt: skip
    corrected = CSV.read_text(encoding="utf-8").replace(
        '2022,"1 500,0","1 720,5"', '2022,"1 500,0","1 730,0"'
    )
    plan = run_import(strategy, editor, corrected.encode())
    assert plan.counts()["changed"] == 1 and plan.counts()["created"] == 0
    row.refresh_from_db()
    assert (row.actual, row.version) == (Decimal("1730.0"), 2)  # the same row, updated


def test_the_preview_writes_nothing_until_confirmed(draft):
    strategy, editor = draft
    before = fingerprint()
    upload, plan = import_upload(
        actor=editor, strategy=strategy, data=CSV.read_bytes(), filename="t.csv",
        direction_kind=DirectionKind.URBAN_PLANNING,
    )  # fmt: skip
    assert plan.counts()["created"] == 67 and not plan.errors
    assert fingerprint() == before
    import_apply(actor=editor, upload=upload)
    assert YearlyValue.objects.count() > before[1].__len__()


@pytest.mark.parametrize("layout", ["csv", "xlsx"])
def test_an_export_imported_back_changes_nothing(almaty_approved, almaty_editor, layout):
    data = (
        export_csv(almaty_approved) if layout == "csv" else export_xlsx(almaty_approved, lang="kk")
    )
    before = fingerprint()
    plan = run_import(almaty_approved, almaty_editor, data, filename=f"export.{layout}")
    counts = plan.counts()
    assert (counts["indicators"], counts["unchanged"], counts["changed"], counts["created"]) == (
        11,
        67,
        0,
        0,
    )
    assert fingerprint()[:2] == before[:2]


def test_an_approved_edition_refuses_an_indicator_it_does_not_have(almaty_approved, almaty_editor):
    before = fingerprint()
    table = CSV.read_text(encoding="utf-8") + "Число туристов,тыс. чел.,8.9,2022,100,120\n"
    upload, plan = import_upload(
        actor=almaty_editor, strategy=almaty_approved, data=table.encode(), filename="t.csv"
    )
    assert [str(p.message) for p in plan.errors] == [
        "«Число туристов» (тыс. чел.) is not an indicator of this edition."
    ]
    assert plan.errors[0].where.row == 69
    with pytest.raises(InvalidInput) as refused:
        import_apply(actor=almaty_editor, upload=upload)
    assert "Число туристов" in refused.value.details["problems"][0]
    assert fingerprint()[:2] == before[:2]


@pytest.mark.parametrize(
    ("rows", "message", "where"),
    [
        ("Площадь,%,11.99,2024,1,2\n", "“11.99” is not a target of the UN SDGs.", "row 2"),
        (
            "Площадь,%,,2024,1,2\nПлощадь,%,,2024,3,4\n",
            "the year is given twice (also at row 2)",
            "row 3",
        ),
        ("Площадь,%,,2024,около 5,2\n", "“около 5” is not a number.", "row 2, column “plan”"),
        ("Площадь,%,,2024,1,2 или 3\n", "“2 или 3” is not a number.", "row 2, column “fact”"),
        ("Площадь,%,,24,1,2\n", "“24” is not a year", "row 2, column “year”"),
        ('Площадь,%,,2024,1,"1,23456"\n', "at most 4 decimal places", "row 2, column “fact”"),
    ],
    ids=["unknown-sdg", "duplicate", "text-plan", "text-fact", "bad-year", "too-precise"],
)
def test_a_malformed_table_names_each_error_and_writes_nothing(draft, rows, message, where):
    strategy, editor = draft
    before = fingerprint()
    upload, plan = import_upload(
        actor=editor, strategy=strategy, data=(HEADER + rows).encode(), filename="t.csv",
        direction_kind=DirectionKind.ENVIRONMENT,
    )  # fmt: skip
    assert any(message in p.message and str(p.where) == where for p in plan.errors), [
        str(p) for p in plan.errors
    ]
    with pytest.raises(InvalidInput):
        import_apply(actor=editor, upload=upload)
    assert fingerprint()[:2] == before[:2]


def test_a_missing_column_is_named(draft):
    strategy, editor = draft
    _upload, plan = import_upload(
        actor=editor, strategy=strategy, data=b"indicator,unit,year,plan\nX,%,2024,1\n",
        filename="t.csv",
    )  # fmt: skip
    assert "fact" in plan.errors[0].message


def test_a_new_indicator_needs_a_direction(draft):
    strategy, editor = draft
    _upload, plan = import_upload(
        actor=editor,
        strategy=strategy,
        data=(HEADER + "X,%,,2024,1,2\n").encode(),
        filename="t.csv",
    )
    assert "choose the direction" in plan.errors[0].message
    with_column = "indicator,unit,year,plan,fact,direction\nX,%,2024,1,2,Окружающая среда\n"
    _upload, plan = import_upload(
        actor=editor, strategy=strategy, data=with_column.encode(), filename="t.csv"
    )
    assert not plan.errors and plan.indicators[0].direction_kind == DirectionKind.ENVIRONMENT


def test_workbook_errors_name_the_sheet_and_the_cell(draft):
    strategy, editor = draft
    workbook = openpyxl.load_workbook(XLSX)
    workbook.active["D3"] = "две тысячи"
    workbook.active["A10"] = "прогноз"
    _upload, plan = import_upload(
        actor=editor, strategy=strategy, data=_save(workbook), filename="t.xlsx",
        direction_kind=DirectionKind.URBAN_PLANNING,
    )  # fmt: skip
    assert {str(p.where) for p in plan.errors} >= {
        "sheet “Индикаторы”, cell D3",
        "sheet “Индикаторы”, cell A10",
    }


def _save(workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def _xlsx_members() -> dict[str, bytes]:
    with zipfile.ZipFile(XLSX) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


def _entity_bomb() -> bytes:
    members = _xlsx_members()
    sheet = next(name for name in members if name.startswith("xl/worksheets/sheet"))
    body = members[sheet]
    body = body.split(b"?>", 1)[1] if body.startswith(b"<?xml") else body
    members[sheet] = BILLION_LAUGHS + body.replace(b"<v>2019</v>", b"<v>&lol3;</v>", 1)
    return _zip(members)


def _zip_bomb() -> bytes:
    members = _xlsx_members()
    members["xl/media/padding.xml"] = b" " * (30 * 1024 * 1024)
    return _zip(members)


def _formula() -> bytes:
    workbook = openpyxl.load_workbook(XLSX)
    workbook.active["C3"] = "=2000+401.4"
    return _save(workbook)


HOSTILE = {
    "not-a-spreadsheet": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "not a spreadsheet"),
    "old-xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "old Excel file"),
    "a-zip-not-a-workbook": (_zip({"word/document.xml": b"<w/>"}), "not an Excel workbook"),
    "empty": (b"", "The file is empty."),
    "blank": (b"\n \n", "The file is empty."),
    "too-large": (HEADER.encode() + b"x" * (5 * 1024 * 1024), "larger than 5 MB"),
    "zip-bomb": (None, "zip bomb"),
    "entity-bomb": (None, "entities"),
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_a_hostile_file_is_refused_with_a_clear_message(draft, kind):
    strategy, editor = draft
    data, message = HOSTILE[kind]
    data = (
        data if data is not None else {"zip-bomb": _zip_bomb, "entity-bomb": _entity_bomb}[kind]()
    )
    before = fingerprint()
    with pytest.raises(FileRefused) as refused:
        import_upload(actor=editor, strategy=strategy, data=data, filename="t")
    assert message in str(refused.value.message)
    assert fingerprint() == before


def test_defusedxml_refuses_entities_even_past_the_first_check():
    table = read_wide_xlsx(_entity_bomb())
    assert [str(p.message) for p in table.problems] == [
        "The workbook declares XML entities; it is refused."
    ]


def test_a_formula_is_never_evaluated_and_is_an_error_at_its_cell(draft):
    strategy, editor = draft
    _upload, plan = import_upload(
        actor=editor, strategy=strategy, data=_formula(), filename="t.xlsx",
        direction_kind=DirectionKind.URBAN_PLANNING,
    )  # fmt: skip
    assert [(str(p.where), "formula" in p.message) for p in plan.errors] == [
        ("sheet “Индикаторы”, cell C3", True)
    ]


def test_a_csv_cell_a_spreadsheet_would_run_is_refused(draft):
    strategy, editor = draft
    table = HEADER + '"=HYPERLINK(""http://evil.example"",""x"")",%,,2024,1,2\n'
    _upload, plan = import_upload(
        actor=editor, strategy=strategy, data=table.encode(), filename="t.csv",
        direction_kind=DirectionKind.ENVIRONMENT,
    )  # fmt: skip
    assert "would run as a formula" in plan.errors[0].message


def test_the_export_escapes_formula_text_but_keeps_negative_numbers(draft):
    strategy, editor = draft
    table = HEADER + '\'=SUM(A1),%,,2024,-5,"-1 200,5"\n'
    run_import(strategy, editor, table.encode(), direction=DirectionKind.ENVIRONMENT)
    indicator = Indicator.objects.get(direction__strategy=strategy)
    assert indicator.name_ru == "=SUM(A1)"
    rows = list(csv.reader(io.StringIO(export_csv(strategy).decode("utf-8-sig"))))
    assert rows[1][:6] == ["'=SUM(A1)", "%", "", "2024", "-5", "-1 200,5"]
    workbook = openpyxl.load_workbook(io.BytesIO(export_xlsx(strategy)))
    assert workbook.active["A1"].data_type == "s" and workbook.active["A1"].value.startswith("=SUM")
    assert workbook.active["B3"].value == -5
    assert run_import(strategy, editor, export_csv(strategy)).counts()["unchanged"] == 1


def test_a_title_reads_as_name_and_unit_after_the_last_comma_outside_brackets():
    assert split_title("Доступность жилья, (продажа нового жилья, квартиры), отношение доходов")[
        0
    ] == (
        "Доступность жилья, (продажа нового жилья, квартиры)",
        "отношение доходов",
    )
    assert split_title("Охват, тыс. чел.")[0] == ("Охват", "тыс. чел.")
    assert split_title("Без единицы")[0] == ("Без единицы", "")
    sentence = "Обеспеченность культуры, в т.ч. в районах. Строительство 259 объектов"
    assert split_title(sentence)[0] == (sentence, "")


def test_the_command_previews_a_dry_run_and_imports_otherwise(draft, capsys):
    strategy, _editor = draft
    before = fingerprint()
    call_command(
        "import_indicators", strategy.pk, str(CSV), "--direction", "urban_planning", "--dry-run"
    )
    out = capsys.readouterr().out
    assert "11 indicators (11 new), 67 indicator-years: 67 to add" in out
    assert "+ 2021: 2 604 / 2 631,7" in out
    assert fingerprint() == before
    call_command("import_indicators", strategy.pk, str(XLSX), "--direction", "urban_planning")
    assert len(stored(strategy)) == 67


def test_the_command_refuses_a_file_with_errors(draft, tmp_path):
    strategy, _editor = draft
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "X,%,,2024,один,2\n", encoding="utf-8")
    before = fingerprint()
    with pytest.raises(CommandError):
        call_command("import_indicators", strategy.pk, str(path), "--direction", "environment")
    assert fingerprint() == before


def test_the_export_command_writes_both_layouts(almaty_approved, tmp_path):
    for layout in ("csv", "xlsx"):
        output = tmp_path / f"out.{layout}"
        call_command(
            "export_indicators", almaty_approved.pk, "--format", layout, "--output", str(output),
            stdout=io.StringIO(),
        )  # fmt: skip
        assert output.stat().st_size > 1000
