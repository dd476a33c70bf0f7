"""Long titles stay inside the chart: each kind wraps its title to the figure's width measured in
DejaVu Sans, the font the SVG's "Qala Sans" is in the browser and the PDF, so no text of the SVG
runs past its viewBox (before, a title was cut at 93 characters, wider than the figure in
Cyrillic: "ВРП на душу населения ... от среднего уро" was clipped at the right edge)."""

import re

import pytest
from defusedxml.ElementTree import fromstring

from indicators.charts import (
    cities_chart,
    indicator_chart,
    series_chart,
    status_summary_chart,
    text_width,
    wrap_to_width,
)

SVG = "{http://www.w3.org/2000/svg}"
LONG = {
    "ru": "ВРП на душу населения по паритету покупательной способности в процентах от среднего "
    "уровня по Республике Казахстан",
    "kk": "Қазақстан Республикасы бойынша орташа деңгейге пайызбен сатып алу қабілетінің "
    "паритеті бойынша жан басына шаққандағы жалпы өңірлік өнім",
}
UNIT = {"ru": "%", "kk": "%"}


def outside(svg: str) -> list[str]:
    """The texts whose horizontal extent, measured in DejaVu Sans, leaves the viewBox."""
    root = fromstring(svg)
    width = float(root.get("viewBox").split()[2])
    out = []
    for text in root.iter(f"{SVG}text"):
        content = "".join(text.itertext())
        style = text.get("style", "")
        size = float(re.search(r"font-size: ([\d.]+)px", style)[1])
        anchor = re.search(r"text-anchor: (\w+)", style)
        if text.get("x") is not None:
            x = float(text.get("x"))
        else:
            x = float(re.search(r"translate\(([-\d.]+)", text.get("transform"))[1])
        advance = text_width(content, size)
        left = {"middle": x - advance / 2, "end": x - advance}.get(
            anchor[1] if anchor else "start", x
        )
        if left < 0 or left + advance > width:
            out.append(f"{content!r}: {left:.1f} to {left + advance:.1f} of {width}")
    return out


def test_a_title_is_wrapped_at_spaces_to_the_width():
    lines = wrap_to_width(LONG["ru"], 300)
    assert len(lines) > 1 and " ".join(lines) == LONG["ru"]
    assert all(text_width(line, 9) <= 300 for line in lines)
    # A word alone wider than the line is cut where it reaches the edge.
    assert all(text_width(line, 9) <= 40 for line in wrap_to_width("Қазақстанның", 40))


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_no_text_of_any_chart_leaves_its_svg(lang):
    long = {lang: LONG[lang]}
    svgs = {
        "series": series_chart(
            {"kind": "grp", "label": long, "unit": UNIT, "values": {"2020": "1", "2021": "2"}},
            lang=lang,
        ),
        "indicator": indicator_chart(
            {
                "name": long,
                "unit": UNIT,
                "good_direction": "up",
                "baseline_year": 2023,
                "baseline_value": "95.5",
                "milestones": {"2030": "120000", "2050": "150000"},
            },
            lang=lang,
            yearly=[{"year": 2024, "plan": "100", "actual": "98"}],
        ),
        "status": status_summary_chart({}, lang=lang, title=LONG[lang]),
        "cities": cities_chart(
            LONG[lang],
            "%",
            [{"city": "Алматы", "baseline": 1, "latest": 2, "milestone": 3}],
            lang=lang,
        ),
    }
    clipped = {kind: out for kind, svg in svgs.items() if (out := outside(svg))}
    assert not clipped
    for svg in svgs.values():  # the title wrapped, and whole for screen readers
        assert LONG[lang] in fromstring(svg).find(f"{SVG}title").text
