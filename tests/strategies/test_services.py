"""Writes to the document: saved, versioned, audited, refused when stale or not allowed."""

from decimal import Decimal

import pytest

from core.exceptions import Conflict, PermissionDenied
from core.models import AuditEvent, City
from strategies.models import Analysis, SwotItem
from strategies.services import (
    EditConflict,
    content_create,
    content_delete,
    content_move,
    content_update,
    strategy_create,
)

pytestmark = pytest.mark.django_db


def test_strategy_create_puts_every_section_and_the_five_directions_in_place(new_editor):
    strategy = strategy_create(actor=new_editor, city=City.objects.get(code="shymkent"))
    assert strategy.state == "draft" and strategy.horizon == 2050
    assert strategy.title_kk == "Шымкент қаласын 2050 жылға дейін дамыту стратегиясы"
    assert strategy.title_ru == "Стратегия развития города Шымкент до 2050 года"
    assert [d.kind for d in strategy.directions.order_by("kind")] == [1, 2, 3, 4, 5]
    assert Analysis.objects.filter(strategy=strategy).exists()
    assert strategy.vision and strategy.mechanism
    assert AuditEvent.objects.filter(strategy=strategy, event_type="strategy.created").count() == 1


def test_strategy_create_is_refused_to_other_cities_and_to_a_second_working_copy(
    new_editor, almaty_editor
):
    with pytest.raises(PermissionDenied):
        strategy_create(actor=new_editor, city=City.objects.get(code="astana"))
    with pytest.raises(Conflict):
        strategy_create(actor=almaty_editor, city=City.objects.get(code="almaty"))


def test_update_saves_bumps_the_version_and_records_old_and_new(almaty, almaty_editor):
    analysis = almaty.analysis
    old = analysis.narrative_ru
    saved = content_update(
        actor=almaty_editor,
        row=analysis,
        expected_version=analysis.version,
        changes={"narrative_ru": "<p>Новый текст анализа.</p>"},
    )
    assert saved.version == analysis.version + 1
    assert Analysis.objects.get(pk=analysis.pk).narrative_ru == "<p>Новый текст анализа.</p>"
    event = AuditEvent.objects.get(strategy=almaty, event_type="content.updated")
    assert event.actor == almaty_editor
    assert event.extra["changes"]["narrative_ru"] == [old, "<p>Новый текст анализа.</p>"]
    assert event.extra["version"] == saved.version


def test_an_unchanged_save_writes_nothing(almaty, almaty_editor):
    analysis = almaty.analysis
    content_update(
        actor=almaty_editor,
        row=analysis,
        expected_version=analysis.version,
        changes={"narrative_ru": analysis.narrative_ru},
    )
    assert Analysis.objects.get(pk=analysis.pk).version == analysis.version
    assert not AuditEvent.objects.filter(strategy=almaty, event_type="content.updated").exists()


def test_a_stale_save_is_refused_with_what_changed_meanwhile(almaty, almaty_editor):
    analysis = almaty.analysis
    opened_at = analysis.version
    content_update(
        actor=almaty_editor, row=analysis, expected_version=opened_at,
        changes={"narrative_kk": "<p>Бірінші редактордың мәтіні.</p>"},
    )  # fmt: skip
    with pytest.raises(EditConflict) as conflict:
        content_update(
            actor=almaty_editor, row=analysis, expected_version=opened_at,
            changes={"narrative_kk": "<p>Екінші редактордың мәтіні.</p>"},
        )  # fmt: skip
    assert conflict.value.status == 409
    assert conflict.value.current.narrative_kk == "<p>Бірінші редактордың мәтіні.</p>"
    [event] = conflict.value.events
    assert event.extra["changes"]["narrative_kk"][1] == "<p>Бірінші редактордың мәтіні.</p>"
    assert Analysis.objects.get(pk=analysis.pk).narrative_kk == "<p>Бірінші редактордың мәтіні.</p>"


@pytest.mark.parametrize(
    ("dirty", "forbidden"),
    [
        ('<p>Мәтін<script>alert("x")</script></p>', "script"),
        ('<p onclick="steal()">Мәтін</p>', "onclick"),
        ('<p><a href="javascript:alert(1)">сілтеме</a></p>', "javascript:"),
        ('<p><img src="x" onerror="alert(1)"></p>', "onerror"),
        ('<p><a href="JaVaScRiPt:alert(1)">x</a></p>', "alert"),
        ("<svg><script>alert(1)</script></svg>", "alert"),
        ('<p style="background:url(javascript:alert(1))">x</p>', "javascript"),
    ],
)
def test_rich_text_is_neutralised_before_it_is_stored(almaty, almaty_editor, dirty, forbidden):
    analysis = content_update(
        actor=almaty_editor, row=almaty.analysis, expected_version=almaty.analysis.version,
        changes={"narrative_kk": dirty},
    )  # fmt: skip
    stored = Analysis.objects.get(pk=analysis.pk).narrative_kk
    assert forbidden.lower() not in stored.lower()


def test_allowed_rich_text_keeps_its_structure(almaty, almaty_editor):
    html = (
        "<h3>Тақырып</h3><ul><li><strong>бір</strong></li></ul>"
        '<p><a href="https://almaty.gov.kz">сайт</a></p><table><tbody><tr><td>1</td></tr></tbody></table>'
    )
    analysis = content_update(
        actor=almaty_editor, row=almaty.analysis, expected_version=almaty.analysis.version,
        changes={"narrative_kk": html},
    )  # fmt: skip
    stored = analysis.narrative_kk
    for kept in (
        "<h3>Тақырып</h3>",
        "<strong>бір</strong>",
        'href="https://almaty.gov.kz"',
        "<td>1</td>",
    ):
        assert kept in stored


def test_plain_text_fields_are_not_html(almaty, almaty_editor):
    item = almaty.swot_items.first()
    saved = content_update(
        actor=almaty_editor, row=item, expected_version=item.version,
        changes={"text_ru": "Рост <b>жирным</b>"},
    )  # fmt: skip
    assert saved.text_ru == "Рост <b>жирным</b>"  # stored as text, escaped when shown


@pytest.mark.parametrize("who", ["karaganda_editor", "ministry_reviewer"])
def test_only_the_citys_editors_may_write(almaty, who, request):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        content_update(
            actor=actor, row=almaty.analysis, expected_version=almaty.analysis.version,
            changes={"narrative_ru": "<p>x</p>"},
        )  # fmt: skip
    assert not AuditEvent.objects.filter(strategy=almaty, event_type="content.updated").exists()


def test_items_are_added_at_the_end_moved_and_removed_with_audit(almaty, almaty_editor):
    item = content_create(
        actor=almaty_editor,
        model=SwotItem,
        parent={"strategy": almaty},
        values={"quadrant": "threat", "text_kk": "Жаңа қауіп", "text_ru": "Новая угроза"},
    )
    threats = list(almaty.swot_items.filter(quadrant="threat").order_by("position", "id"))
    assert threats[-1] == item
    content_move(actor=almaty_editor, row=item, offset=-1)
    threats = list(almaty.swot_items.filter(quadrant="threat").order_by("position", "id"))
    assert threats[-2] == item
    content_delete(actor=almaty_editor, row=item, expected_version=item.version)
    assert not SwotItem.objects.filter(pk=item.pk).exists()
    events = list(
        AuditEvent.objects.filter(strategy=almaty, event_type__startswith="content.").values_list(
            "event_type", flat=True
        )
    )
    assert sorted(events) == ["content.created", "content.deleted", "content.moved"]


def test_series_values_are_replaced_year_by_year(almaty, almaty_editor):
    series = almaty.series.get(kind="neet_share")
    values = {v.year: v.value for v in series.values.all()}
    first = min(values)
    values[first] = None
    values[2024] = Decimal("4.2")
    content_update(
        actor=almaty_editor, row=series, expected_version=series.version, changes={},
        year_values=("values", values),
    )  # fmt: skip
    stored = {v.year: v.value for v in series.values.all()}
    assert first not in stored and stored[2024] == Decimal("4.2")
    event = AuditEvent.objects.get(strategy=almaty, event_type="content.updated")
    assert f"values.{first}" in event.extra["changes"]
