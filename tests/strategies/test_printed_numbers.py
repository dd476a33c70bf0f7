"""Costs, spending and plan / actual values as the reader writes numbers: grouped by thousands
with a no-break space and a decimal comma in kk and ru ("18 000", "2 401,4", as the forms' hints
show them), never the literal "None" for a missing one ("—"): the road map monitoring page and
the PDF's yearly plan / actual table."""

from datetime import date
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from strategies.models import RoadmapItem

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def row_of(page: str, item: RoadmapItem) -> str:
    return page.split(f'id="item-{item.uid}"')[1].split("</tr>")[0]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_road_map_monitoring_page_prints_costs_as_the_reader_writes_them(
    client, almaty_approved, lang
):
    items = list(almaty_approved.roadmap.order_by("pk")[:3])
    not_planned, costly, fractional = items
    RoadmapItem.objects.filter(pk=not_planned.pk).update(
        status=RoadmapItem.Status.NOT_PLANNED, cost=None
    )
    RoadmapItem.objects.filter(pk=costly.pk).update(cost=Decimal("18000.0"))
    RoadmapItem.objects.filter(pk=fractional.pk).update(cost=Decimal("2401.4"))
    with translation.override(lang):
        url = reverse("strategies:roadmap_monitoring", args=[almaty_approved.pk])
    page = client.get(url).content.decode()

    assert "None" not in page
    cost_cell = '<td class="number">{}</td>'
    assert cost_cell.format("—") in row_of(page, not_planned)
    assert cost_cell.format(f"18{NBSP}000") in row_of(page, costly)
    assert cost_cell.format(f"2{NBSP}401,4") in row_of(page, fractional)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_spending_recorded_by_year_is_grouped_with_a_decimal_comma(
    client, almaty_approved, almaty_editor, lang
):
    from strategies.roadmap_monitoring import roadmap_progress_record

    item = almaty_approved.roadmap.order_by("pk").first()
    year = date.today().year
    roadmap_progress_record(
        actor=almaty_editor, strategy=almaty_approved, item_uid=item.uid, year=year,
        status="in_progress", spent=Decimal("12500.5"), note={"kk": "Басталды", "ru": "Начато"},
    )  # fmt: skip
    with translation.override(lang):
        url = reverse("strategies:roadmap_monitoring", args=[almaty_approved.pk])
    row = row_of(client.get(url).content.decode(), item)
    assert f"12{NBSP}500,5" in row and "12500" not in row


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_pdf_yearly_table_prints_a_missing_value_as_a_dash(lang):
    rows = [
        {"year": 2024, "plan": None, "plan_bound": "", "actual": Decimal("2401.4"),
         "actual_bound": "≤", "explanation": ""},
        {"year": 2025, "plan": Decimal("18000.0000"), "plan_bound": "≥", "actual": None,
         "actual_bound": "≥", "explanation": ""},
    ]  # fmt: skip
    with translation.override(lang):
        html = render_to_string(
            "publishing/pdf/_section_extra.html",
            {
                "section": "indicators-economy",
                "direction": {"slug": "economy"},
                "yearly": {"economy": [{"name": "ВРП", "unit": "", "rows": rows}]},
                "ctx": {},
            },
        )
    cells = [c.split("</td>")[0] for c in html.split('<td class="number">')[1:]]
    assert cells == ["—", f"≤2{NBSP}401,4", f"≥18{NBSP}000", "—"]
    assert "None" not in html


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("kk", f"2{NBSP}401,4"), ("ru", f"2{NBSP}401,4"), ("en", "2,401.4")],
)
def test_the_number_filter_follows_the_language(lang, expected):
    template = Template("{% load roadmap %}{{ a|number }}|{{ b|number }}|{{ c|number }}")
    with translation.override(lang):
        shown = template.render(Context({"a": Decimal("2401.40"), "b": None, "c": ""}))
    assert shown == f"{expected}|—|—"
