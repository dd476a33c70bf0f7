"""The sections of the strategy as the editor, the checklist and the preview present them (p.17),
and the content rows each holds, for the per-language completeness meters."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db import models
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.i18n import CONTENT_LANGUAGES
from core.richtext import html_to_text
from strategies.models import DirectionKind, Strategy
from strategies.translation import TRANSLATED

# Text fields a row may leave empty in every language.
OPTIONAL_TEXTS = {
    "rankings",
    "country",
    "adopted",
    "explanation",
    "label",
    "comment",
    "responsible",
}
# Long prose edited with the rich-text editor (model name → fields); everything else is plain text.
RICH_TEXTS = {
    "Analysis": {"narrative", "institutions_summary"},
    "EducationInstitution": {"description"},
    "InternationalCase": {"practice", "conclusion"},
    "Vision": {"text", "desired_results", "priorities"},
    "Direction": {"current_situation"},
    "ImplementationMechanism": {"responsible_bodies", "procedure"},
}


def is_rich(model: type[models.Model] | models.Model, field: str) -> bool:
    """Whether a text field holds sanitised HTML from the rich-text editor."""
    name = model.__name__ if isinstance(model, type) else type(model).__name__
    return field in RICH_TEXTS.get(name, ())


@dataclass(frozen=True)
class Section:
    slug: str
    title: Promise
    paragraph: str
    rows: Callable[[Strategy], Iterator[models.Model]]

    def url(self, strategy: Strategy) -> str:
        return reverse("strategies:section", args=[strategy.pk, self.slug])


def _direction(kind: DirectionKind) -> Callable[[Strategy], Iterator[models.Model]]:
    def rows(doc: Strategy) -> Iterator[models.Model]:
        for direction in doc.directions.all():
            if direction.kind == kind:
                yield direction
                yield from direction.problems.all()
                yield from direction.solutions.all()

    return rows


def _indicators(kind: DirectionKind) -> Callable[[Strategy], Iterator[models.Model]]:
    def rows(doc: Strategy) -> Iterator[models.Model]:
        for direction in doc.directions.all():
            if direction.kind == kind:
                for indicator in direction.indicators.all():
                    yield indicator
                    yield from indicator.benchmarks.all()

    return rows


SECTIONS: list[Section] = [
    Section("general", _("Title and functional urban area"), "p.3, 11", lambda d: iter([d])),
    Section("analysis", _("Analysis of the current situation"), "p.5, 6, 18", lambda d: iter([d.analysis])),
    Section("series", _("Ten-year series"), "p.18", lambda d: iter(d.series.all())),
    Section("institutions", _("Universities and colleges"), "p.18", lambda d: iter(d.institutions.all())),
    Section("evidence", _("Surveys, interviews, focus groups, consultations"), "p.6", lambda d: iter(d.evidence.all())),
    Section("swot", _("SWOT analysis"), "p.6", lambda d: iter(d.swot_items.all())),
    Section("cases", _("International experience"), "p.10, 19", lambda d: iter(d.international_cases.all())),
    Section("vision", _("Vision"), "p.12, 20", lambda d: iter([d.vision])),
    *(
        Section(f"direction-{kind.slug}", kind.label, "p.8, 21-25", _direction(kind))
        for kind in DirectionKind
    ),
    *(
        Section(f"indicators-{kind.slug}", kind.label, "p.9, 26", _indicators(kind))
        for kind in DirectionKind
    ),
    Section("mechanism", _("Implementation and monitoring mechanism"), "p.17", lambda d: iter([d.mechanism])),
    Section(
        "smartcity",
        _("Smart-city assessment and road map"),
        _("2025 standard"),
        lambda d: iter([*d.sphere_assessments.all(), *d.roadmap.all()]),
    ),
]  # fmt: skip
SECTIONS_BY_SLUG = {section.slug: section for section in SECTIONS}


def translated_fields(row: models.Model) -> tuple[str, ...]:
    """The translated text fields of a content row (strategy or indicator models)."""
    from indicators.translation import TRANSLATED as INDICATOR_TEXTS

    return TRANSLATED.get(type(row)) or INDICATOR_TEXTS.get(type(row), ())


def has_text(row: models.Model, field: str, lang: str) -> bool:
    """Whether a text field holds visible text in a language (empty markup does not count)."""
    value = getattr(row, f"{field}_{lang}") or ""
    return bool(html_to_text(value) if is_rich(row, field) else value.strip())


def expected_texts(row: models.Model) -> Iterator[str]:
    """The fields of a row that must exist in every drafting language: the mandatory ones, and
    the optional ones once written in any language."""
    for field in translated_fields(row):
        if field not in OPTIONAL_TEXTS or any(
            has_text(row, field, lang) for lang in CONTENT_LANGUAGES
        ):
            yield field


def language_completeness(doc: Strategy) -> dict[str, dict[str, int]]:
    """Per section, the percentage of expected texts written in each language."""
    result = {}
    for section in SECTIONS:
        expected = 0
        filled = dict.fromkeys(CONTENT_LANGUAGES, 0)
        for row in section.rows(doc):
            for field in expected_texts(row):
                expected += 1
                for lang in CONTENT_LANGUAGES:
                    filled[lang] += has_text(row, field, lang)
        result[section.slug] = {
            lang: round(100 * count / expected) if expected else 0 for lang, count in filled.items()
        }
    return result
