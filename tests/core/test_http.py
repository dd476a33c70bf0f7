"""Ids read from input: a plain ASCII integer from 1 to the largest id a column holds, else a 404
(core.http.id_or_404) or a field error (core.http.IdField), never a 500."""

import pytest
from django import forms
from django.http import Http404
from django.utils import translation

from core.http import MAX_ID, IdField, id_or_404, parse_id


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", 1), ("42", 42), ("007", 7), (17, 17), (str(MAX_ID), MAX_ID)],
)
def test_a_plain_ascii_integer_in_range_is_an_id(value, expected):
    assert parse_id(value) == expected == id_or_404(value)


@pytest.mark.parametrize(
    "value",
    [
        "²",  # superscript two: str.isdigit() says yes, int() refuses (the 500 of the issue)
        "٣",  # Arabic-Indic three: int() would read it as 3
        "１",  # fullwidth one
        "99999999999999999999",
        str(MAX_ID + 1),
        "-1",
        "+1",
        " 1",
        "1 ",
        "1.0",
        "1e3",
        "0",
        "000",
        "",
        None,
        -5,
        "1" * 5000,  # more digits than int() reads at all
    ],
)
def test_anything_else_is_no_id(value):
    assert parse_id(value) is None
    with pytest.raises(Http404):
        id_or_404(value)


class NumberForm(forms.Form):
    snapshot = IdField()


@pytest.mark.parametrize("value", ["²", "٣", "99999999999999999999", "-1", "", "1.5"])
def test_a_hidden_number_that_is_no_id_is_the_field_error_of_an_out_of_date_page(value):
    form = NumberForm({"snapshot": value})
    with translation.override("en"):
        assert not form.is_valid()
        assert form.errors["snapshot"] == ["This page is out of date: reload it."]


def test_a_hidden_number_in_range_is_read():
    form = NumberForm({"snapshot": "12"})
    assert form.is_valid() and form.cleaned_data["snapshot"] == 12


@pytest.mark.parametrize("value", ["²", "٣", "1" * 5000, "0", "-1", "99999999999999999999"])
@pytest.mark.parametrize("parameter", ["page", "page_size"])
def test_the_apis_page_numbers_are_read_the_same_way(client, db, parameter, value):
    """The same kind of input in the REST API's pagination: a 400 naming the parameter."""
    response = client.get("/api/v1/cities/", {parameter: value})
    assert response.status_code == 400
    assert parameter in response.json()["details"]


@pytest.mark.parametrize("raw", ["²⁰²³", "٢٠٢٣", "2023.5", "20231"])
def test_a_year_cell_of_an_imported_table_that_is_no_plain_year_is_a_problem(raw):
    from indicators.imports.cells import year
    from indicators.imports.table import Table, Where

    table = Table(layout="csv")
    assert year(table, raw, Where(row=2)) is None
    assert len(table.problems) == 1
