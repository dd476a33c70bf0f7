"""Template tags: readable names of changed fields, dictionary look-ups."""

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.urls import translate_url

register = template.Library()


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


@register.filter
def get_item(mapping: dict, key):
    """mapping[key] in a template (the key itself when absent)."""
    return mapping.get(key, key)


@register.filter
def in_language(url: str, lang: str) -> str:
    """The same page in another interface language (/kk/… → /ru/…)."""
    return translate_url(url, lang)
