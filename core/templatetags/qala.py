"""Template tags: content in one language without fallback, rich text rendered safely."""

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.richtext import sanitize_html
from strategies.sections import is_rich

register = template.Library()


@register.simple_tag(takes_context=True)
def tr(context, obj, field: str):
    """The field in the document's language (context `document_lang`, else the active one); a
    visible gap rather than another language's text when it is not written."""
    lang = context.get("document_lang") or get_language()
    value = getattr(obj, f"{field}_{lang}", None) or ""
    if not value.strip():
        return format_html('<span class="missing">{}</span>', _("[not written in this language]"))
    if is_rich(obj, field):
        return mark_safe(sanitize_html(value))  # noqa: S308 - cleaned against the allow-list
    return value


@register.filter
def number(value):
    """A stored decimal without trailing zeros (2401.4000 → 2401.4)."""
    if value is None:
        return "—"
    text = format(value.normalize(), "f") if hasattr(value, "normalize") else str(value)
    return text


@register.filter
def milestone_values(indicator) -> list:
    """The indicator's values at the five milestone years, None where not set."""
    from indicators.models import MILESTONE_YEARS

    values = {m.year: m.value for m in indicator.milestones.all()}
    return [values.get(year) for year in MILESTONE_YEARS]


@register.simple_tag
def field_label(event, field: str) -> str:
    """A readable name for a changed field of an audit event: "Vision [ru]" for text_ru."""
    model = event.target_type.model_class() if event.target_type_id else None
    name, _sep, lang = field.rpartition("_")
    if model is None:
        return field
    for candidate, suffix in ((field, ""), (name, f" [{lang}]")):
        try:
            return f"{str(model._meta.get_field(candidate).verbose_name).capitalize()}{suffix}"
        except FieldDoesNotExist:  # not a model field: a year value, say
            continue
    return field
