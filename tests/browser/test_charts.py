"""The charts in real Chromium, in Kazakh and Russian: the monitoring page's status summary per
direction and an indicator's chart, and a p.18 series on the public edition, are the server's SVG
(same id, title, description and every text), laid out at their size, in DejaVu Sans (the PDF's
shipped font), with no script."""

import pytest
from defusedxml.ElementTree import fromstring
from django.utils import translation

from indicators.charts import series_chart
from indicators.selectors import monitoring_charts, monitoring_overview
from strategies.models import Strategy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SVG = "{http://www.w3.org/2000/svg}"


def server_svg(svg: str) -> dict:
    root = fromstring(svg)
    return {
        "id": root.get("id"),
        "title": root.find(f"{SVG}title").text,
        "desc": root.find(f"{SVG}desc").text,
        "texts": ["".join(t.itertext()) for t in root.iter(f"{SVG}text")],
    }


def browser_svg(page, chart_id: str) -> dict:
    chart = page.locator(f"svg#{chart_id}")
    chart.wait_for()
    return chart.evaluate(
        """svg => {
            const texts = [...svg.querySelectorAll('text')];
            const box = svg.getBoundingClientRect();
            return {
                id: svg.id,
                role: svg.getAttribute('role'),
                title: svg.querySelector(':scope > title').textContent,
                desc: svg.querySelector(':scope > desc').textContent,
                texts: texts.map(t => t.textContent),
                width: box.width, height: box.height,
                fonts: [...new Set(texts.map(t => getComputedStyle(t).fontFamily))],
                drawn: texts.filter(t => t.getComputedTextLength() > 0).length,
                scripts: svg.querySelectorAll('script').length,
            };
        }"""
    )


def assert_same_chart(page, svg: str) -> None:
    expected = server_svg(svg)
    shown = browser_svg(page, expected["id"])
    assert shown["role"] == "img" and shown["scripts"] == 0
    for key in ("id", "title", "desc", "texts"):
        assert shown[key] == expected[key], key
    assert shown["width"] > 200 and shown["height"] > 80
    assert shown["fonts"] == ['"Qala Sans", "DejaVu Sans", sans-serif']
    assert shown["drawn"] == len(expected["texts"])  # every label laid out


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_monitoring_page_shows_the_servers_charts(open_page, lang):
    edition = Strategy.objects.get(city__code="almaty", state=Strategy.State.APPROVED)
    with translation.override(lang):
        overview = monitoring_charts(monitoring_overview(edition), lang=lang)
    group = next(g for g in overview.directions if g.indicators)
    item = next(i for g in overview.directions for i in g.indicators if i.years)

    visitor = open_page(lang=lang)
    visitor.goto(f"{visitor.base_url}/{lang}/strategies/{edition.pk}/monitoring/")
    assert_same_chart(visitor, group.chart)
    assert_same_chart(visitor, item.chart)
    with translation.override(lang):
        plan = translation.gettext("plan").capitalize()
    assert plan in server_svg(item.chart)["texts"]  # the legend, in the page's language


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_public_edition_shows_the_servers_series_chart(open_page, lang):
    from approvals.services import published_snapshot

    edition = Strategy.objects.get(city__code="almaty", state=Strategy.State.APPROVED)
    content = published_snapshot(edition).content
    series = next(s for s in content["series"] if s["kind"] == "maternal_mortality")

    visitor = open_page(lang=lang)
    visitor.goto(f"{visitor.base_url}/{lang}/public/{edition.pk}/?lang={lang}")
    svg = series_chart(series, lang=lang)
    assert_same_chart(visitor, svg)
    assert "," in server_svg(svg)["desc"]  # decimal commas, as the reader writes numbers
