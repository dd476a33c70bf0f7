"""No raw English left where a reader of Kazakh or Russian looks: the law cited by the languages
check reads in the page's language."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "law"),
    [
        ("kk", "«Қазақстан Республикасындағы тіл туралы» Заң, 9-бап"),
        ("ru", "Закон «О языках в Республике Казахстан», ст. 9"),
    ],
)
def test_the_languages_check_names_the_law_in_the_readers_language(
    client, almaty_editor, almaty, lang, law
):
    client.force_login(almaty_editor)
    with translation.override(lang):
        url = reverse("strategies:overview", args=[almaty.pk])
    html = client.get(url).content.decode()
    assert law in html
    assert "On languages" not in html
