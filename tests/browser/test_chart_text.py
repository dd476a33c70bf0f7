"""The charts' text in real Chromium: drawn in the family the server measured it in ("Qala Sans",
the shipped DejaVu Sans served by static/css/charts.css), every label inside its chart (no title
runs past the right edge), and on a 390 px phone at least 9 CSS px high with no page wider than
the screen (a chart scrolls sideways in its own box)."""

import pytest

from strategies.models import Strategy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Per chart on the page: its id, its text count, the texts whose box leaves the SVG's box (by more
# than half a pixel), the smallest text's rendered font size in CSS px, and the family drawn.
CHART_TEXT = """() => [...document.querySelectorAll('svg.chart')].map(svg => {
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  const texts = [...svg.querySelectorAll('text')];
  const outside = texts.filter(t => {
    const r = t.getBoundingClientRect();
    return r.width > 0 && (r.left < box.left - .5 || r.right > box.right + .5
                           || r.top < box.top - .5 || r.bottom > box.bottom + .5);
  }).map(t => t.textContent);
  const sizes = texts.map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  return {id: svg.id, texts: texts.length, outside,
          smallest: Math.min(...sizes), fonts: [...new Set(texts.map(t => getComputedStyle(t).fontFamily))]};
})"""
QALA_SANS_LOADED = """document.fonts.ready.then(() => [...document.fonts].some(
  face => face.family.replaceAll('"', '') === 'Qala Sans' && face.status === 'loaded'))"""
WIDER_THAN_SCREEN = "document.documentElement.scrollWidth - window.innerWidth"


@pytest.fixture
def open_sized(chromium, live_server, fresh_demo):
    """open_sized(lang, width, height) → an anonymous page with that viewport."""
    contexts = []

    def open_as(lang: str, width: int, height: int):
        context = chromium.new_context(viewport={"width": width, "height": height}, locale=lang)
        context.set_default_timeout(15_000)
        context.set_default_navigation_timeout(90_000)
        contexts.append(context)
        page = context.new_page()
        page.base_url = live_server.url
        return page

    yield open_as
    for context in contexts:
        context.close()


def chart_pages(lang: str) -> list[str]:
    edition = Strategy.objects.get(city__code="almaty", state=Strategy.State.APPROVED)
    return [
        f"/{lang}/public/{edition.pk}/?lang={lang}",
        f"/{lang}/strategies/{edition.pk}/monitoring/",
        f"/{lang}/strategies/{edition.pk}/monitoring/report/",
    ]


def charts_on(page, path: str) -> list[dict]:
    page.goto(f"{page.base_url}{path}")
    page.wait_for_load_state("load")
    assert page.evaluate(QALA_SANS_LOADED), "the charts' family was not served to the page"
    return page.evaluate(CHART_TEXT)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_chart_text_is_inside_its_chart(open_sized, lang):
    page = open_sized(lang, 1400, 1000)
    clipped, seen = [], 0
    for path in chart_pages(lang):
        charts = charts_on(page, path)
        assert charts, f"{path}: no chart"
        seen += len(charts)
        for chart in charts:
            assert chart["fonts"] == ['"Qala Sans", "DejaVu Sans", sans-serif']
            clipped += [f"{path} {chart['id']}: {text!r}" for text in chart["outside"]]
    assert seen >= 12  # the public edition alone shows more than that
    assert not clipped, "\n".join(clipped)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_on_a_phone_chart_text_reads_at_9_px_and_no_page_is_wider_than_the_screen(open_sized, lang):
    page = open_sized(lang, 390, 844)
    small, too_wide = [], []
    for path in chart_pages(lang):
        charts = charts_on(page, path)
        assert charts, f"{path}: no chart"
        small += [
            f"{path} {c['id']}: {c['smallest']:.1f}px" for c in charts if c["smallest"] < 8.95
        ]
        if (overflow := page.evaluate(WIDER_THAN_SCREEN)) > 0:
            too_wide.append(f"{path}: {overflow}px")
    assert not small, "\n".join(small)
    assert not too_wide, "\n".join(too_wide)
