"""Every control of the editor is labelled, by its field and, for a bilingual field, its
language; ids are unique on a page (the SWOT board's four new-item forms had one); labels keep
abbreviations as written (ТДМ, not Тдм)."""

import re
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def editor_page(client, user, strategy, section: str, lang: str = "ru", query: str = "") -> str:
    client.force_login(user)
    with translation.override(lang):
        url = reverse("strategies:section", args=[strategy.pk, section])
    response = client.get(url + query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_swot_board_has_unique_ids_and_every_label_points_at_its_own_field(
    client, karaganda_editor, karaganda
):
    html = editor_page(client, karaganda_editor, karaganda, "swot")
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    for quadrant in ("strength", "weakness", "opportunity", "threat"):
        assert f'id="swot-new-{quadrant}"' in html
        assert f'for="id_{quadrant}_swot-new-text_kk"' in html
    targets = re.findall(r'<label[^>]*\sfor="([^"]+)"', html)
    assert targets and all(f'id="{target}"' in html for target in targets)


def test_bilingual_fields_are_named_by_field_and_language(client, karaganda_editor, karaganda):
    html = editor_page(client, karaganda_editor, karaganda, "vision")
    assert '<span class="visually-hidden">Видение, Казахский</span>' in html
    assert '<span class="visually-hidden">Видение, Русский</span>' in html


def test_a_label_keeps_the_abbreviation_sdg_in_kazakh(client, karaganda_editor, karaganda):
    indicator = next(i for d in karaganda.directions.all() for i in d.indicators.all())
    html = editor_page(
        client, karaganda_editor, karaganda, f"indicators-{indicator.direction.slug}", "kk",
        f"?open=indicators-{indicator.pk}",
    )  # fmt: skip
    assert ">ТДМ міндеті<" in html  # SDG target
    assert "Тдм" not in html
