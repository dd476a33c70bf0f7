"""What the PDFs say, read back with pdftotext and pdffonts: the approved edition, a draft with
emoji and rare symbols pasted into its texts, the fonts. Rendered in process (the Celery task runs
eagerly after commit); tests/publishing/test_worker.py renders through a real worker."""

from html import escape

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from approvals.services import published_snapshot
from core.models import User
from publishing import services
from publishing.fonts import (
    BODY_FAMILY,
    KAZAKH_LETTERS,
    REPLACEMENT,
    covered,
    font_face_css,
    problems,
    without_missing_glyphs,
)
from publishing.models import Render
from publishing.pdf import pdf_from_html
from strategies import services as strategy_services
from strategies.models import Strategy
from tests.publishing.conftest import (
    DRAFT_MARKS,
    assert_contents_point_at_sections,
    assert_fonts_declared_and_embedded,
    pdf_pages,
    stored_pdf,
)


def flat(text: str) -> str:
    return " ".join(text.split())


def render_now(django_capture_on_commit_callbacks, **request) -> Render:
    with django_capture_on_commit_callbacks(execute=True):
        render = services.render_request(**request)
    render.refresh_from_db()
    return render


def test_the_shipped_fonts_cover_every_kazakh_letter():
    assert problems() == []


@pytest.mark.parametrize("weight, style", [(400, "normal"), (700, "normal"), (400, "italic")])
def test_every_character_the_fonts_draw_stays_in_the_declared_family(weight, style):
    """No glyph falls back to an undeclared system family (Pango falls back silently)."""
    text = "".join(chr(code) for code in sorted(covered()) if code > 32 and not 0x7F <= code < 0xA0)
    html = (
        f'<html><head><style>{font_face_css()} html {{ font-family: "{BODY_FAMILY}"; '
        f"font-weight: {weight}; font-style: {style} }}</style></head>"
        f"<body><p>{escape(text)}</p></body></html>"
    )
    assert_fonts_declared_and_embedded(pdf_from_html(html).data)


def test_characters_no_font_draws_are_replaced_and_variation_selectors_dropped():
    text = "Қала 🏙️ 👩‍💻 ✌ Алматы 𝔄 ½ ≤ ₸ №\u2028"
    cleaned = without_missing_glyphs(text)
    assert cleaned == (
        f"Қала {REPLACEMENT} {REPLACEMENT}\u200d{REPLACEMENT} {REPLACEMENT} Алматы {REPLACEMENT} ½ ≤ ₸ № "
    )
    assert without_missing_glyphs(KAZAKH_LETTERS) == KAZAKH_LETTERS


def test_the_approved_edition_has_the_decision_and_no_draft_mark(
    almaty_approved, django_capture_on_commit_callbacks
):
    snapshot = published_snapshot(almaty_approved)
    render = render_now(
        django_capture_on_commit_callbacks,
        actor=None,
        strategy=almaty_approved,
        snapshot=snapshot,
        language="ru",
    )
    assert render.edition == Render.Edition.APPROVED
    data = stored_pdf(render)
    pages = pdf_pages(data)
    assert render.pages == len(pages)
    text = flat(" ".join(pages))
    assert "ПРОЕКТ" not in text and "ЖОБА" not in text
    cover = flat(pages[0])
    assert "45/312-VIII" in cover  # the maslikhat's decision
    assert snapshot.content_hash in cover.replace(" ", "")
    with translation.override("ru"):
        assert _("Compliance check") not in text  # no annex: that is for drafts
    # Monitoring recorded after approval: the 2019 actual value of the VLR table, decimal comma.
    assert "42,6" in text
    assert_contents_point_at_sections(pages)
    assert_fonts_declared_and_embedded(data)


def test_a_title_with_emoji_and_rare_symbols_renders(karaganda, django_capture_on_commit_callbacks):
    editor = User.objects.get(username="karaganda.editor")
    title = "Қарағанды 2050 🏙️🚀 👩‍💻 — 𝔄𝔅 ᚠᚢ ⿰ 😀 жол картасы"
    strategy_services.content_update(
        actor=editor,
        row=karaganda,
        expected_version=karaganda.version,
        changes={"title_kk": title},
    )
    render = render_now(
        django_capture_on_commit_callbacks,
        actor=editor,
        strategy=Strategy.objects.get(pk=karaganda.pk),
        snapshot=None,
        language="kk",
    )
    data = stored_pdf(render)
    pages = pdf_pages(data)
    cover = flat(pages[0])
    assert "Қарағанды 2050" in cover and "жол картасы" in cover
    assert REPLACEMENT in cover
    assert all(DRAFT_MARKS["kk"] in page for page in pages)
    assert_fonts_declared_and_embedded(data)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_draft_annex_lists_the_compliance_result_and_open_remarks(
    lang, karaganda, django_capture_on_commit_callbacks, monkeypatch
):
    captured = {}

    def html_only(content, context, language, *, on_page=None):
        from publishing.pdf import BuiltPdf, print_html

        captured["html"] = print_html(content, context, language)
        return BuiltPdf(b"%PDF-1.7 test", 1, 0.0)

    monkeypatch.setattr(services, "build_pdf", html_only)
    render_now(
        django_capture_on_commit_callbacks,
        actor=User.objects.get(username="karaganda.editor"),
        strategy=karaganda,
        snapshot=None,
        language=lang,
    )
    html = captured["html"]
    assert 'id="annex"' in html
    assert {"kk": "ЖОБА", "ru": "ПРОЕКТ"}[lang] in html
    # The checks with their paragraphs, as the document's reader writes them.
    assert {"kk": "18-тармақ", "ru": "п. 18"}[lang] in html
    # The law the languages check enforces is named in the document's language.
    assert {
        "kk": "«Қазақстан Республикасындағы тіл туралы» Заң, 9-бап",
        "ru": "Закон «О языках в Республике Казахстан», ст. 9",
    }[lang] in html
    assert "Law “On languages”" not in html
