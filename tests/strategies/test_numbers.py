"""Numbers, years and dates in the editor: typed as kk and ru readers write them, stored exactly
as typed or refused at the field with a translated message, shown back in the reader's format,
never through an <input type="number"> (which drops a decimal comma in Chromium)."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from indicators.models import Indicator
from strategies.editor import PAGES
from strategies.forms import DecimalNumberField, format_number, parse_typed_number
from tests.strategies.pages import bound_form, post_form, section_url, shown_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, almaty_editor):
    client.force_login(almaty_editor)
    return client


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("76,5", "76.5"),
        ("7,2", "7.2"),
        ("2,012", "2.012"),
        ("2 401,4", "2401.4"),
        ("2\u00a0401,4", "2401.4"),
        ("2\u202f401,4", "2401.4"),
        ("-2 104", "-2104"),
        ("\u22122 104", "-2104"),
        ("0,46", "0.46"),
        ("1.5", "1.5"),
        ("0.125", "0.125"),
        ("12.3456", "12.3456"),
        (" 12 ", "12"),
        ("", None),
    ],
)
def test_numbers_typed_in_kazakh_and_russian(lang, typed, value):
    with translation.override(lang):
        assert parse_typed_number(typed) == (None if value is None else Decimal(value))


@pytest.mark.parametrize(
    ("lang", "typed", "message"),
    [
        ("ru", "1.500", "«1.500» можно прочитать двояко: напишите 1 500, если это тысячи, или 1,5"),
        (
            "kk",
            "-2.401",
            "«-2.401» екі түрлі оқылады: мың болса, -2 401 деп, ал ондық бөлшек болса",
        ),
        ("ru", "12.000.000", "Разделяйте тысячи пробелами: напишите 12 000 000, а не 12.000.000."),
    ],
)
def test_a_point_that_could_group_thousands_is_asked_about_not_guessed(lang, typed, message):
    """A ru reader typing "1.500" may mean 1 500 as well as 1,5: neither is stored silently."""
    field = DecimalNumberField(max_digits=18, decimal_places=4)
    with translation.override(lang):
        with pytest.raises(ValidationError) as refused:
            field.clean(typed)
        assert message in str(refused.value.messages[0]).replace("\u00a0", " ")
    with translation.override("en"):  # in English a point is only ever the decimal separator
        assert field.clean(typed.replace(".", "", typed.count(".") - 1)) == Decimal(
            typed.replace(".", "", typed.count(".") - 1)
        )


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("2,012", "2012"),
        ("2,401.4", "2401.4"),
        ("76,5", "76.5"),
        ("1.5", "1.5"),
        ("-2,104", "-2104"),
    ],
)
def test_numbers_typed_in_english_group_thousands_with_commas(typed, value):
    with translation.override("en"):
        assert parse_typed_number(typed) == Decimal(value)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize(
    "typed",
    ["1.234,5", "≤33,0", "≥10", "60 000*", "1e5", "abc", "1,2,3", "12,5%", "NaN", "Infinity"],
)
def test_what_is_not_a_plain_number_is_refused(lang, typed):
    with translation.override(lang), pytest.raises(ValueError):
        parse_typed_number(typed)


@pytest.mark.parametrize(
    ("lang", "value", "shown"),
    [
        ("kk", Decimal("2401.4000"), "2\u00a0401,4"),
        ("ru", Decimal("-2104.0000"), "-2\u00a0104"),
        ("en", Decimal("-2104.0000"), "-2,104"),
        ("kk", Decimal("76.5000"), "76,5"),
        ("ru", Decimal("0E-4"), "0"),
        ("kk", Decimal("100"), "100"),
    ],
)
def test_numbers_are_shown_in_the_readers_format_without_trailing_zeros(lang, value, shown):
    with translation.override(lang):
        assert format_number(value) == shown


def test_more_decimals_than_the_column_holds_are_refused_not_rounded():
    field = DecimalNumberField(max_digits=18, decimal_places=4)
    with translation.override("ru"):
        assert field.clean("3,1415") == Decimal("3.1415")
        with pytest.raises(Exception, match="4"):
            field.clean("3,14159")
        with pytest.raises(Exception, match="14"):
            field.clean("123 456 789 012 345")


def _indicator(strategy):
    return Indicator.objects.filter(direction__strategy=strategy, direction__kind=3).first()


@pytest.mark.parametrize(
    ("lang", "typed", "stored"), [("kk", "76,5", "76.5"), ("ru", "2,012", "2.012")]
)
def test_a_milestone_typed_with_a_decimal_comma_is_stored_as_typed(
    editor_client, almaty, lang, typed, stored
):
    indicator = _indicator(almaty)
    slug = "indicators-environment"
    form = shown_form(editor_client, almaty, slug, "indicators", indicator, lang)
    response = post_form(editor_client, almaty, slug, form, "indicators", indicator,
                         {"year_2030": typed}, lang=lang)  # fmt: skip
    assert response.status_code == 302
    assert indicator.milestones.get(year=2030).value == Decimal(stored)
    page = editor_client.get(f"{section_url(almaty, slug, lang)}?open=indicators-{indicator.pk}")
    assert f'name="indicators-{indicator.pk}-year_2030" value="{typed}"' in page.content.decode()


def test_a_series_cell_typed_with_a_decimal_comma_is_stored_as_typed(editor_client, almaty):
    series = almaty.series.order_by("pk").first()
    form = shown_form(editor_client, almaty, "series", "series", series)
    response = post_form(
        editor_client, almaty, "series", form, "series", series, {"year_2020": "7,2"}
    )
    assert response.status_code == 302
    assert series.values.get(year=2020).value == Decimal("7.2")


@pytest.mark.parametrize(
    ("slug", "part", "select", "field", "typed", "message"),
    [
        ("series", "series", lambda s: s.series.first(), "year_2020", "7,21234", "4 digits after"),
        ("smartcity", "roadmap", lambda s: s.roadmap.first(), "cost", "12,34", "1 digit after"),
        ("institutions", "institutions", lambda s: s.institutions.first(), "students", "12,5", "whole number"),
        ("institutions", "institutions", lambda s: s.institutions.first(), "students", "2 000 000", "1,000,000"),
        ("evidence", "evidence", lambda s: s.evidence.first(), "participants", "-3", "smallest value here is 0"),
        ("smartcity", "roadmap", lambda s: s.roadmap.first(), "cost", "-1", "smallest value here is 0"),
        ("indicators-environment", "indicators", _indicator, "baseline_value", "7,2.1", "Enter a number"),
        ("indicators-environment", "indicators", _indicator, "year_2035", "≤33", "Enter a number"),
    ],
)  # fmt: skip
def test_a_number_the_column_cannot_hold_exactly_is_refused_at_the_field(
    editor_client, almaty, slug, part, select, field, typed, message
):
    row = select(almaty)
    form = shown_form(editor_client, almaty, slug, part, row, lang="en")
    before = _stored(row)
    response = post_form(editor_client, almaty, slug, form, part, row, {field: typed}, lang="en")
    assert response.status_code == 400
    errors = bound_form(response).errors[field]
    assert any(message in error for error in errors), errors
    assert _stored(row) == before


def _stored(row):
    row.refresh_from_db()
    related = [getattr(row, name).all() for name in ("values", "milestones") if hasattr(row, name)]
    return (row.version, [list(q.values_list("year", "value")) for q in related])


def test_a_baseline_year_of_1800_is_refused_with_the_rule_named(editor_client, almaty):
    indicator = _indicator(almaty)
    form = shown_form(
        editor_client, almaty, "indicators-environment", "indicators", indicator, "en"
    )
    for typed in ("1800", str(timezone.localdate().year + 1), "2030"):
        response = post_form(editor_client, almaty, "indicators-environment", form, "indicators",
                             indicator, {"baseline_year": typed}, lang="en")  # fmt: skip
        assert response.status_code == 400
        [error] = bound_form(response).errors["baseline_year"]
        last = min(timezone.localdate().year, 2029)
        assert error == (
            "A baseline is a value already measured before the first milestone of 2030 (p.26): "
            f"its year is from 1991 (the first year of the Republic of Kazakhstan's own "
            f"statistics) to {last}."
        )
    indicator.refresh_from_db()
    assert indicator.baseline_year != 1800


@pytest.mark.parametrize(
    ("slug", "part", "select", "field", "typed", "words"),
    [
        ("evidence", "evidence", lambda s: s.evidence.first(), "held_on", "1800-01-01", "has been held"),
        ("evidence", "evidence", lambda s: s.evidence.first(), "held_on", "tomorrow", "has been held"),
        ("smartcity", "roadmap", lambda s: s.roadmap.first(), "deadline", "2099-12-31", "2050 horizon"),
        ("smartcity", "roadmap", lambda s: s.roadmap.first(), "deadline", "1990-01-01", "2050 horizon"),
    ],
)  # fmt: skip
def test_every_date_of_the_editor_has_a_plausible_window(
    editor_client, almaty, slug, part, select, field, typed, words
):
    row = select(almaty)
    if typed == "tomorrow":
        typed = (timezone.localdate() + timedelta(days=1)).isoformat()
    form = shown_form(editor_client, almaty, slug, part, row, lang="en")
    assert form[field].field.widget.attrs["min"] < form[field].field.widget.attrs["max"]
    response = post_form(editor_client, almaty, slug, form, part, row, {field: typed}, lang="en")
    assert response.status_code == 400
    [error] = bound_form(response).errors[field]
    assert words in error
    row.refresh_from_db()
    assert getattr(row, field) != date.fromisoformat(typed)


def _every_editor_page(client, strategy, lang="kk"):
    """Every editor page, then again with the first item of each of its lists open (a long list
    is listed by name, one item's form open at a time)."""
    for slug, parts in PAGES.items():
        url = section_url(strategy, slug, lang)
        yield slug, client.get(url).content.decode()
        for part in parts:
            first = part.items(strategy).first() if part.many else None
            if first is not None:
                yield slug, client.get(f"{url}?open={part.name}-{first.pk}").content.decode()


def test_no_editor_page_has_a_number_input_and_every_number_input_says_its_keyboard(
    editor_client, almaty
):
    seen = 0
    for slug, html in _every_editor_page(editor_client, almaty):
        assert 'type="number"' not in html, slug
        for tag in re.findall(r'<input[^>]*class="number[^"]*"[^>]*>', html):
            assert 'type="text"' in tag and re.search(r'inputmode="(decimal|numeric)"', tag), tag
            seen += 1
    assert seen > 100


@pytest.mark.parametrize(
    "url",
    [
        lambda s: reverse("admin:strategies_strategy_change", args=[s.pk]),
        lambda s: reverse("admin:strategies_analysisseries_change", args=[s.series.first().pk]),
        lambda s: reverse("admin:strategies_direction_change", args=[s.directions.first().pk]),
        lambda s: reverse("admin:strategies_smartcityinitiative_add"),
    ],
)
def test_the_admin_of_the_document_types_numbers_as_the_editor_does(admin_client, almaty, url):
    html = admin_client.get(url(almaty)).content.decode()
    assert 'type="number"' not in html
    assert 'inputmode="numeric"' in html or 'inputmode="decimal"' in html


def test_numbers_in_inputs_are_shown_in_the_readers_format(editor_client, almaty, almaty_editor):
    from strategies.services import content_update

    series = almaty.series.get(kind="migration_balance") if almaty.series.filter(
        kind="migration_balance"
    ).exists() else almaty.series.first()  # fmt: skip
    content_update(
        actor=almaty_editor, row=series, expected_version=series.version, changes={},
        year_values=("values", {2020: Decimal("-2104.4")}),
    )  # fmt: skip
    for lang, shown in (("kk", "-2\u00a0104,4"), ("ru", "-2\u00a0104,4"), ("en", "-2,104.4")):
        page = editor_client.get(
            section_url(almaty, "series", lang), {"open": f"series-{series.pk}"}
        ).content.decode()
        assert f'name="series-{series.pk}-year_2020" value="{shown}"' in page
        # No stored four places (76.5000) in what the reader sees; the charts' SVG coordinates
        # are not numbers for reading.
        assert ".0000" not in re.sub(r"<svg\b.*?</svg>", "", page, flags=re.S)


@pytest.mark.parametrize(("year", "created"), [("1800", False), ("2026", True)])
def test_the_base_list_year_typed_in_the_admin_has_a_window(admin_client, year, created):
    from strategies.models import SmartCityInitiative

    with translation.override("en"):
        url = reverse("admin:strategies_smartcityinitiative_add")
    response = admin_client.post(
        url,
        {"code": "digital-twin", "sphere": "governance", "name_kk": "Цифрлық егіз",
         "name_ru": "Цифровой двойник", "name_en": "Digital twin", "catalogue_year": year,
         "active": "on"},
    )  # fmt: skip
    assert SmartCityInitiative.objects.filter(code="digital-twin").exists() == created
    if not created:
        assert "kept by year since the 2025 reference standard" in response.content.decode()
