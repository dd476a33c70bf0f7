"""The language of a text people typed, told by its letters, for the `lang` attribute screen
readers read it by (WCAG 3.1.2); and the pages that show such texts carry it."""

import pytest
from django.urls import reverse
from django.utils import translation

from approvals.models import Comment
from core.text import written_language
from tests.approvals.conftest import bring


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Саябақтар жеткіліксіз.", "kk"),
        ("Qalada saiabaqtar jetkılıksız.", "kk"),
        ("Уточните связь со Стратегией «Казахстан-2050».", "ru"),
        ("More parks, please.", "en"),
        ("Больше парков, please", "ru"),
        ("2050 — 45/312", ""),
        ("", ""),
    ],
)
def test_the_language_of_a_typed_text_is_told_by_its_letters(text, lang):
    assert written_language(text) == lang


@pytest.mark.django_db
def test_a_kazakh_comment_on_a_russian_page_is_marked_as_kazakh(client, almaty):
    bring(almaty, "hearings")  # a comment "Көбірек саябақ керек." on the vision
    assert Comment.objects.filter(text="Көбірек саябақ керек.").exists()
    with translation.override("ru"):
        url = reverse("approvals:public_hearing", args=[almaty.pk])
    html = client.get(url).content.decode()
    assert '<span lang="kk">Көбірек саябақ керек.</span>' in html
