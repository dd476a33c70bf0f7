"""Template tags: readable names of changed fields, dictionary look-ups, the language of typed
texts, references to the Methodology's paragraphs."""

from django import template
from django.utils import translation

from core import audit_labels
from core.i18n import paragraph_reference, path_in_language
from core.text import written_language

register = template.Library()


@register.simple_tag
def field_label(event, field: str) -> str:
    """A readable name for a changed field of an audit event: "Priorities [ru]" for priorities_ru,
    "Milestone, 2030" for milestones.2030 (core.audit_labels)."""
    model = event.target_type.model_class() if event.target_type_id else None
    return audit_labels.field_label(model, field)


@register.filter
def get_item(mapping: dict, key):
    """mapping[key] in a template (the key itself when absent)."""
    return mapping.get(key, key)


@register.filter
def in_language(url: str, lang: str) -> str:
    """The same page in an interface language (/kk/… or a path stored without prefix → /ru/…)."""
    return path_in_language(url, lang)


@register.filter
def lang_of(text: str) -> str:
    """The language code of a text people typed (core.text.written_language), for its `lang`
    attribute; the page's language when its letters do not tell."""
    return written_language(str(text or "")) or translation.get_language()


@register.filter
def paragraph_ref(reference: str) -> str:
    """core.i18n.paragraph_reference in a template."""
    return paragraph_reference(reference)
