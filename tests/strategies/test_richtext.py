"""Text written anywhere (editor, service, Django admin) is stored canonical and rich text cleaned;
when cleaning removes text the user is told at the field instead of "Saved"."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib import admin
from django.test import RequestFactory

from core.richtext import removed_text, sanitize_html
from indicators.models import Indicator, RecommendedIndicator
from strategies.models import Analysis, Direction, DirectionKind, SwotItem
from strategies.services import content_update
from tests.strategies.pages import bound_form, post_form, section_url, shown_form, submitted

pytestmark = pytest.mark.django_db

SWALLOWING = (
    "<p>Бірінші абзац.</p><style>p{}</style><p>Екінші абзац.</p><style><p>Жоғалған мәтін.</p>"
)


@pytest.fixture
def editor_client(client, almaty_editor):
    client.force_login(almaty_editor)
    return client


@pytest.mark.parametrize(
    ("html", "lost"),
    [
        ("<p>a</p><style>b c<p>d e</p>", "b c d e"),
        ("<p>x<script>alert(1)</script> y</p>", "alert(1)"),
        ("<p>Мәтін</p><p>Екінші</p>", ""),
        ('<p><img src=x onerror="alert(1)">Мәтін</p><ul><li>бір</li></ul>', ""),
        ("<p>a &amp; b &lt; c</p><table><tr><td>1</td><td>2</td></tr></table>", ""),
    ],
)
def test_the_text_cleaning_removed_is_named(html, lost):
    assert removed_text(html, sanitize_html(html)) == lost


def test_an_unclosed_style_is_not_saved_silently_in_the_editor(editor_client, almaty):
    analysis = almaty.analysis
    form = shown_form(editor_client, almaty, "analysis", "analysis", lang="en")
    refused = post_form(editor_client, almaty, "analysis", form, "analysis", analysis,
                        {"narrative_kk": SWALLOWING}, lang="en")  # fmt: skip
    assert refused.status_code == 400
    shown = bound_form(refused)
    [error] = shown.errors["narrative_kk"]
    assert "Cleaning the formatting removed text" in error and "Жоғалған мәтін." in error
    assert "Saved." not in refused.content.decode()
    assert Analysis.objects.get(pk=analysis.pk).narrative_kk == analysis.narrative_kk
    # The field now holds what would be stored; saving it again is a knowing choice.
    cleaned = shown["narrative_kk"].value()
    assert cleaned == "<p>Бірінші абзац.</p><p>Екінші абзац.</p>"
    saved = editor_client.post(section_url(almaty, "analysis", "en"),
                               submitted(shown, part="analysis", row=analysis.pk, action="save"))  # fmt: skip
    assert saved.status_code == 302
    assert Analysis.objects.get(pk=analysis.pk).narrative_kk == cleaned


def test_invisible_text_does_not_pass_the_required_check(editor_client, almaty):
    count = almaty.swot_items.count()
    response = editor_client.post(
        section_url(almaty, "swot", "en"),
        {"part": "swot", "row": "new", "action": "save", "swot-new-quadrant": "threat",
         "swot-new-text_kk": "\u200b\u200b\u200b", "swot-new-text_ru": "\u3164",
         "swot-new-text_en": "\u2060\u200c"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "required in at least one language" in str(bound_form(response).errors)
    assert almaty.swot_items.count() == count


def test_text_is_stored_in_its_canonical_form(editor_client, almaty):
    response = editor_client.post(
        section_url(almaty, "swot"),
        {"part": "swot", "row": "new", "action": "save", "swot-new-quadrant": "threat",
         "swot-new-text_kk": "Су\u200b тапшылығы", "swot-new-text_ru": "Дефици\u0301т\u00a0воды"},
    )  # fmt: skip
    assert response.status_code == 302
    item = almaty.swot_items.filter(quadrant="threat").latest("id")
    assert item.text_kk == "Су тапшылығы"


def test_the_service_cleans_text_written_without_a_form(almaty, almaty_editor):
    item = almaty.swot_items.first()
    saved = content_update(actor=almaty_editor, row=item, expected_version=item.version,
                           changes={"text_ru": "Текст\u200b с\u2060 невидимыми\x00"})  # fmt: skip
    assert SwotItem.objects.get(pk=saved.pk).text_ru == "Текст с невидимыми"


def _admin_form(model, obj, user, **changes):
    request = RequestFactory().post("/")
    request.user = user
    model_admin = admin.site._registry[model]
    form_class = model_admin.get_form(request, obj, change=True)
    initial = form_class(instance=obj)
    data = submitted(initial)
    data.update(changes)
    return form_class(data, instance=obj)


def test_rich_text_written_in_the_admin_is_cleaned(almaty, django_user_model):
    superuser = django_user_model.objects.create_superuser("root", password="x" * 12)
    direction = almaty.directions.get(kind=DirectionKind.ENVIRONMENT)
    form = _admin_form(Direction, direction, superuser,
                       current_situation_kk='<p><img src=x onerror="alert(1)">Ауа сапасы</p>')  # fmt: skip
    assert form.is_valid(), form.errors
    assert form.cleaned_data["current_situation_kk"] == "<p>Ауа сапасы</p>"
    form.save()
    direction.refresh_from_db()
    assert "onerror" not in direction.current_situation_kk


def test_the_admin_says_so_when_cleaning_removes_text(almaty, django_user_model):
    superuser = django_user_model.objects.create_superuser("root", password="x" * 12)
    direction = almaty.directions.get(kind=DirectionKind.ENVIRONMENT)
    form = _admin_form(Direction, direction, superuser, current_situation_ru=SWALLOWING)
    assert not form.is_valid()
    assert "Жоғалған мәтін." in str(form.errors["current_situation_ru"])
    assert form["current_situation_ru"].value() == sanitize_html(SWALLOWING)


def test_rich_text_stored_before_is_cleaned_by_the_migration(almaty):
    Direction.objects.filter(pk=almaty.directions.first().pk).update(
        current_situation_kk='<p onclick="x()">Мәтін</p><script>alert(1)</script>'
    )
    migration = importlib.import_module(
        "strategies.migrations.0003_assessment_levels_and_clean_rich_text"
    )
    migration.clean_stored_rich_text(django_apps, None)
    assert almaty.directions.first().current_situation_kk == "<p>Мәтін</p>"


def test_a_catalogue_indicator_of_another_direction_is_refused(editor_client, almaty):
    creative = RecommendedIndicator.objects.filter(
        direction_kind=DirectionKind.CREATIVE_ECONOMY
    ).first()
    count = Indicator.objects.filter(direction__strategy=almaty).count()
    response = editor_client.post(
        section_url(almaty, "indicators-environment", "en"),
        {"part": "indicators", "action": "from_catalogue", "recommended": creative.pk},
    )
    assert response.status_code == 400
    [error] = response.context["pick"].errors["recommended"]
    assert "recommended for another direction (p.26)" in error
    assert Indicator.objects.filter(direction__strategy=almaty).count() == count
    environment = RecommendedIndicator.objects.filter(direction_kind=DirectionKind.ENVIRONMENT)[0]
    added = editor_client.post(
        section_url(almaty, "indicators-environment", "en"),
        {"part": "indicators", "action": "from_catalogue", "recommended": environment.pk},
    )
    assert added.status_code == 302
    assert Indicator.objects.filter(direction__strategy=almaty).count() == count + 1
