"""The editor's side panels (compliance checklist, language meters) are computed once per saved
version of the document (strategies.panels) and never stale: a save, a removal or a change of
the reference rows the checks read shows on the very next page."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from strategies.models import HigherLevelDocument
from strategies.selectors import strategy_document

pytestmark = pytest.mark.django_db


def section_url(strategy, slug, lang="kk"):
    with translation.override(lang):
        return reverse("strategies:section", args=[strategy.pk, slug])


@pytest.fixture
def editor_client(client, almaty_editor):
    client.force_login(almaty_editor)
    return client


def check_passed(html: str, code: str) -> bool:
    found = re.search(rf'data-check="{re.escape(code)}" data-passed="(true|false)"', html)
    assert found, f"no check {code} on the page"
    return found.group(1) == "true"


def meter(html: str, section: str, lang: str) -> int:
    block = re.search(
        rf'<span class="meters" data-section="{section}">(.*?)</span>\s*</li>', html, re.S
    )
    assert block, f"no meters of {section}"
    return int(re.search(rf'data-lang="{lang}" data-percent="(\d+)"', block.group(1)).group(1))


def test_removing_the_last_threat_fails_the_swot_check_on_the_next_page(editor_client, almaty):
    url = section_url(almaty, "vision")
    assert check_passed(editor_client.get(url).content.decode(), "analysis.swot")
    editor_client.get(url)  # the panels of this version are cached now
    for item in almaty.swot_items.filter(quadrant="threat"):
        response = editor_client.post(
            section_url(almaty, "swot"),
            {
                "part": "swot",
                "row": item.pk,
                "action": "delete",
                f"swot-{item.pk}-version": item.version,
            },
        )
        assert response.status_code == 302
    html = editor_client.get(url).content.decode()
    assert not check_passed(html, "analysis.swot")


def test_emptying_the_russian_texts_lowers_their_meter_at_once(editor_client, almaty):
    analysis = almaty.analysis
    url = section_url(almaty, "analysis", "en")
    before = meter(editor_client.get(url).content.decode(), "analysis", "ru")
    response = editor_client.post(
        url,
        {
            "part": "analysis", "row": analysis.pk, "action": "save",
            "analysis-version": analysis.version,
            "analysis-narrative_kk": analysis.narrative_kk, "analysis-narrative_ru": "",
            "analysis-narrative_en": analysis.narrative_en,
            "analysis-institutions_summary_kk": analysis.institutions_summary_kk,
            "analysis-institutions_summary_ru": "",
            "analysis-institutions_summary_en": analysis.institutions_summary_en,
        },
    )  # fmt: skip
    assert response.status_code == 302
    after = meter(editor_client.get(url).content.decode(), "analysis", "ru")
    assert after < before


def test_a_new_mandatory_higher_level_document_fails_the_vision_check_at_once(
    editor_client, almaty
):
    url = section_url(almaty, "general")
    assert check_passed(editor_client.get(url).content.decode(), "vision.documents")
    HigherLevelDocument.objects.create(
        code="bench-new-programme", title_kk="Жаңа бағдарлама", title_ru="Новая программа",
        mandatory=True,
    )  # fmt: skip
    assert not check_passed(editor_client.get(url).content.decode(), "vision.documents")


def test_the_cached_report_equals_a_fresh_check(editor_client, almaty):
    from strategies.compliance import compliance_check
    from strategies.panels import strategy_panels
    from strategies.sections import language_completeness

    with translation.override("ru"):
        editor_client.get(section_url(almaty, "vision", "ru"))  # computed and cached
        cached, meters = strategy_panels(almaty)
        doc = strategy_document(almaty.pk)
        fresh = compliance_check(doc)
    assert [(r.check.code, r.findings) for r in cached.results] == [
        (r.check.code, r.findings) for r in fresh.results
    ]
    assert meters == language_completeness(doc)


def test_the_editor_home_shows_each_readiness_from_the_checklist(client, almaty, almaty_editor):
    from strategies.panels import strategy_panels

    client.force_login(almaty_editor)
    with translation.override("en"):
        html = client.get(reverse("home")).content.decode()
        readiness = strategy_panels(almaty)[0].readiness
    assert f"{readiness}%" in html


def test_a_recorded_value_of_the_city_checks_the_trajectory_again(
    almaty, almaty_approved, almaty_editor, monkeypatch
):
    """The trajectory advice of the checklist reads the city's recorded actual values: a value
    recorded on the edition in force is judged on the amendment's next page."""
    from decimal import Decimal

    from indicators.models import Indicator
    from indicators.numbers import PrintedNumber
    from indicators.services import YearInput, yearly_values_save
    from strategies import panels

    computed = []
    original = panels._computed
    monkeypatch.setattr(panels, "_computed", lambda s: computed.append(s.pk) or original(s))
    almaty.refresh_from_db()
    panels.strategy_panels(almaty)
    panels.strategy_panels(almaty)
    assert computed == [almaty.pk]  # the second from the cache

    indicator = Indicator.objects.filter(direction__strategy=almaty_approved).first()
    yearly_values_save(
        actor=almaty_editor,
        strategy=almaty_approved,
        indicator=indicator,
        rows=[YearInput(year=2025, actual=PrintedNumber(Decimal("12.5")), confirmed=True)],
    )
    panels.strategy_panels(almaty)
    assert computed == [almaty.pk, almaty.pk]
