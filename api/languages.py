"""The language of an API response (?lang=kk|ru|en, else Accept-Language, else every language)
and turning multilingual data into one language.

Content is held as {"kk": ..., "ru": ..., "en": ...} (strategies.document_json, modeltranslation
columns). With a language asked for, each such text becomes the string in that language (empty
where it was not written: no other language is put in its place); with none, the three stay.
"""

from typing import Any

from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header
from rest_framework.exceptions import ValidationError

from core.i18n import CONTENT_LANGUAGES

LANGUAGE_KEYS = frozenset(CONTENT_LANGUAGES)
ALL = "all"  # the cache and ETag name of the every-language representation


def requested_language(request) -> str | None:
    """The language asked for: ?lang= first (anything but kk, ru, en is a 400), then the first
    of kk, ru, en in Accept-Language by preference; None when neither names one."""
    lang = request.GET.get("lang")
    if lang is not None:
        if lang not in LANGUAGE_KEYS:
            raise ValidationError(
                {"lang": [translation.gettext("Choose one of: kk, ru, en.")]}, code="invalid"
            )
        return lang
    for code, _quality in parse_accept_lang_header(request.META.get("HTTP_ACCEPT_LANGUAGE", "")):
        base = code.split("-")[0].lower()
        if base in LANGUAGE_KEYS:
            return base
    return None


def is_translated(value: Any) -> bool:
    return isinstance(value, dict) and value.keys() == LANGUAGE_KEYS


def localize(value: Any, lang: str | None) -> Any:
    """`value` with every {"kk", "ru", "en"} text replaced by its text in `lang` (a new structure;
    with lang None, `value` itself)."""
    if lang is None:
        return value
    if isinstance(value, dict):
        if value.keys() == LANGUAGE_KEYS:
            return value[lang] or ""
        return {key: localize(item, lang) for key, item in value.items()}
    if isinstance(value, list):
        return [localize(item, lang) for item in value]
    return value


def columns(row, field: str) -> dict[str, str]:
    """A modeltranslation field of a row in every language: {"kk": ..., "ru": ..., "en": ...}."""
    return {lang: getattr(row, f"{field}_{lang}") or "" for lang in CONTENT_LANGUAGES}


def label(text) -> dict[str, str]:
    """A translatable label (a choice's, a section's) in every language."""
    result = {}
    for lang in CONTENT_LANGUAGES:
        with translation.override(lang):
            result[lang] = str(text)
    return result


def merge_languages(versions: dict[str, Any], text_keys: frozenset[str]) -> Any:
    """One structure from the same structure built in each language ({lang: data}): the values
    under `text_keys` become {"kk": ..., "ru": ..., "en": ...}; everything else, the same in every
    version, is taken once."""
    first = next(iter(versions.values()))
    if isinstance(first, dict):
        return {
            key: {lang: version[key] for lang, version in versions.items()}
            if key in text_keys
            else merge_languages({lang: v[key] for lang, v in versions.items()}, text_keys)
            for key in first
        }
    if isinstance(first, list):
        return [
            merge_languages({lang: v[index] for lang, v in versions.items()}, text_keys)
            for index in range(len(first))
        ]
    return first
