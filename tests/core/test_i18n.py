"""References to the Methodology's paragraphs and to other sources, in the reader's language."""

import pytest
from django.utils import translation

from core.i18n import paragraph_reference


@pytest.mark.parametrize(
    ("lang", "reference", "shown"),
    [
        ("kk", "p.18", "18-тармақ"),
        ("kk", "p.9, 26", "9, 26-тармақтар"),
        ("ru", "p.18", "п. 18"),
        ("ru", "p.8, 21-25", "пп. 8, 21-25"),
        ("en", "p.9, 26", "pp. 9, 26"),
        ("kk", "Smart-city reference standard, 2025", "«Смарт-сити» эталондық стандарты, 2025"),
        ("ru", "Law “On languages”, art. 9", "Закон «О языках в Республике Казахстан», ст. 9"),
    ],
)
def test_a_source_reads_in_the_readers_language(lang, reference, shown):
    with translation.override(lang):
        assert paragraph_reference(reference) == shown
