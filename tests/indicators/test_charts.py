"""The charts (indicators.charts) in Kazakh and Russian: each kind is an accessible SVG whose
labels are in the reader's language, whose numbers are printed as the reader writes them, whose
text asks for the PDF's declared family; the same SVG is in the pages and in the print HTML."""

import re
import xml.etree.ElementTree as ET  # the element types; parsing goes through defusedxml
from decimal import Decimal

import pytest
from defusedxml.ElementTree import fromstring
from django.core.cache import cache
from django.utils import translation
from django.utils.text import capfirst

from indicators import charts
from indicators.charts import (
    format_number,
    indicator_chart,
    series_chart,
    smartcity_chart,
    status_summary_chart,
)
from indicators.monitoring import ProgressStatus, YearStatus

SVG = "{http://www.w3.org/2000/svg}"
NBSP = "\u00a0"

SERIES = {
    "kind": "population",
    "label": {"kk": "Жыл басындағы халық саны", "ru": "Численность населения на начало года"},
    "unit": {"kk": "мың адам", "ru": "тыс. человек"},
    "source": {"kk": "ҰСБ", "ru": "БНС"},
    "values": {"2020": "1916.8", "2021": "2001.5", "2022": "2101.4"},
}
INDICATOR = {
    "name": {"kk": "ЖТҚ үлесі", "ru": "Доля ВИЭ"},
    "unit": {"kk": "%", "ru": "%"},
    "good_direction": "up",
    "baseline_year": 2023,
    "baseline_value": "5.9",
    "milestones": {"2030": "15.5", "2035": "20", "2040": "30", "2045": "40", "2050": "50"},
}
YEARLY = [
    {"year": 2024, "plan": "6.5", "actual": "6.25"},
    {"year": 2025, "plan": "7", "actual": None},
]


def parse(svg: str) -> ET.Element:
    return fromstring(svg)


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def assert_accessible(root: ET.Element, title: str) -> str:
    """role=img, labelled by its own <title> and <desc> (the first children); returns the desc."""
    assert root.get("role") == "img"
    first, second = list(root)[:2]
    assert first.tag == f"{SVG}title" and second.tag == f"{SVG}desc"
    assert root.get("aria-labelledby") == f"{first.get('id')} {second.get('id')}"
    assert first.text == title
    assert second.text
    return second.text


def assert_declared_font_and_no_script(svg: str, root: ET.Element) -> None:
    assert "<script" not in svg and "http://" not in svg.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    ).replace('xmlns:xlink="http://www.w3.org/1999/xlink"', "")
    for text in root.iter(f"{SVG}text"):
        assert "font-family: 'Qala Sans', 'DejaVu Sans', sans-serif" in text.get("style")


def label(lang: str, message: str) -> str:
    with translation.override(lang):
        return capfirst(translation.gettext(message))


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    charts._LOCAL.clear()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_series_chart_speaks_the_readers_language(lang):
    svg = series_chart(SERIES, lang=lang)
    root = parse(svg)
    with translation.override(lang):
        kind = capfirst(translation.gettext("population"))
    title = f"{kind}: {SERIES['label'][lang]} ({SERIES['unit'][lang]})"
    desc = assert_accessible(root, title)
    assert kind != "Population"  # translated
    # Every value, printed with a decimal comma and a no-break space between thousands.
    assert f"2020: 1{NBSP}916,8" in desc and f"2022: 2{NBSP}101,4" in desc
    assert f"{SERIES['source'][lang]}" in desc
    shown = texts(root)
    assert any(NBSP in t for t in shown)  # the axis groups thousands as the reader does
    assert "2021" in shown  # years are never grouped
    assert not any("." in t and t.replace(".", "").isdigit() for t in shown)
    assert_declared_font_and_no_script(svg, root)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_indicator_chart_shows_history_baseline_milestones_plan_and_actual(lang):
    svg = indicator_chart(INDICATOR, lang=lang, history={2018: "3.1", 2020: "4.75"}, yearly=YEARLY)
    root = parse(svg)
    desc = assert_accessible(root, f"{INDICATOR['name'][lang]}, %")
    legend = texts(root)
    for message in ("history", "baseline", "milestones", "plan", "actual"):
        assert label(lang, message) in legend, message
        assert label(lang, message) != capfirst(message)  # translated
    assert f"{label(lang, 'baseline')} 2023: 5,9" in desc
    assert "2030: 15,5" in desc and "2050: 50" in desc
    assert "2024: 6,5 / 6,25" in desc and "2025: 7 / —" in desc
    assert "2020: 4,75" in desc
    assert label(lang, "higher is better") in desc
    assert_declared_font_and_no_script(svg, root)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_status_summary_chart_counts_every_status(lang):
    counts = {ProgressStatus.ON_TRACK: 1200, ProgressStatus.DETERIORATION: 2}
    svg = status_summary_chart(counts, lang=lang, title="Экология")
    root = parse(svg)
    desc = assert_accessible(root, "Экология")
    with translation.override(lang):
        on_track = capfirst(str(ProgressStatus.ON_TRACK.label))
        no_data = capfirst(str(ProgressStatus.NOT_ENOUGH_DATA.label))
    assert on_track != "On track"
    assert f"{on_track}: 1{NBSP}200" in desc  # grouped as the reader groups thousands
    assert f"{no_data}: 0" in desc  # every status, zeros too
    shown = texts(root)
    assert on_track in shown and no_data in shown
    assert f" 1{NBSP}200" in shown
    # Year statuses take their own labels.
    yearly = parse(
        status_summary_chart({"off_track": 3}, lang=lang, title="X", statuses=YearStatus)
    )
    with translation.override(lang):
        assert capfirst(str(YearStatus.OFF_TRACK.label)) in texts(yearly)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_smartcity_chart_names_the_spheres(lang):
    from strategies.models import SmartCitySphere

    levels = {(2024, "ecology"): 2, (2025, "ecology"): 3, (2025, "transport"): 4}
    svg = smartcity_chart(levels, lang=lang, years=[2024, 2025])
    root = parse(svg)
    title = label(lang, "Self-assessment of digitalization by sphere")
    desc = assert_accessible(root, title)
    with translation.override(lang):
        ecology = capfirst(str(SmartCitySphere("ecology").label))
    assert f"{ecology}: 2024: 2, 2025: 3" in desc
    assert ecology in texts(root)


def test_numbers_follow_the_language():
    assert format_number(Decimal("2401.4000"), "kk") == f"2{NBSP}401,4"
    assert format_number("2401.4", "ru") == f"2{NBSP}401,4"
    assert format_number("2401.4", "en") == "2,401.4"
    assert format_number("100", "ru") == "100"
    assert format_number(None, "kk") == "—"


def test_a_chart_is_the_same_bytes_each_time_and_ids_never_repeat_on_a_page():
    first = series_chart(SERIES, lang="kk")
    cache.clear()
    charts._LOCAL.clear()
    assert series_chart(SERIES, lang="kk") == first  # deterministic, not only cached
    other = indicator_chart(INDICATOR, lang="kk")
    page = first + other + series_chart(SERIES, lang="ru")
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert ids and len(ids) == len(set(ids))
    # Every reference points at an id of its own chart.
    for svg in (first, other):
        own = set(re.findall(r'\sid="([^"]+)"', svg))
        assert set(re.findall(r'(?:href="#|url\(#)([^")]+)', svg)) <= own


def test_text_that_looks_like_markup_or_mathematics_is_only_text():
    series = {**SERIES, "label": {"kk": "<b>US$ 5</b> & $x$"}, "values": {"2020": "1"}}
    root = parse(series_chart(series, lang="kk"))  # still well-formed XML
    assert any("<b>US$ 5</b> & $x$" in t for t in texts(root))


def without_pdf_font_style(html: str) -> str:
    """The print HTML with the style publishing.pdf puts first in every SVG taken out again."""
    return re.sub(
        r"(<svg\b[^>]*>)<style>text \{ font-family: \"Qala Sans\"; \}</style>", r"\1", html
    )


def without_screen_size(html: str) -> str:
    """A page's HTML with the screen-only sizing of its charts taken out, as publishing.pdf
    prints them (at their own size)."""
    return re.sub(
        r'(<svg\b[^>]*\bclass="chart"[^>]*?)\s+style="max-width: 100%; height: auto"', r"\1", html
    )


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_same_svg_is_in_the_public_edition_and_in_the_html_the_pdf_is_made_from(
    client, almaty_approved, lang
):
    from approvals.services import published_snapshot
    from indicators.selectors import yearly_by_identity
    from indicators.trajectory import linked_history
    from publishing.pdf import print_html
    from publishing.selectors import render_context

    snapshot = published_snapshot(almaty_approved)
    content = snapshot.content
    series = next(s for s in content["series"] if s["kind"] == "maternal_mortality")
    expected_series = series_chart(series, lang=lang)
    # An indicator with plan / actual values recorded (Almaty's SDG 11 table).
    yearly = yearly_by_identity(almaty_approved.city_id)
    indicator = next(
        i
        for d in content["directions"].values()
        for i in d.get("indicators", [])
        if str(i.get("uid")) in yearly
    )
    expected_indicator = indicator_chart(
        indicator,
        lang=lang,
        history=linked_history(indicator, content["series"]),
        yearly=yearly[str(indicator["uid"])],
    )
    with translation.override(lang):
        assert translation.gettext("plan").capitalize() in "".join(texts(parse(expected_indicator)))

    page = client.get(f"/{lang}/public/{almaty_approved.pk}/?lang={lang}").content.decode()
    assert expected_series in page
    assert expected_indicator in page

    html = print_html(content, render_context(almaty_approved, snapshot, lang), lang)
    assert '<style>text { font-family: "Qala Sans"; }</style>' in html  # as the PDF engine needs
    printed = without_pdf_font_style(html)
    assert without_screen_size(expected_series) in printed
    assert without_screen_size(expected_indicator) in printed
