"""Content languages and helpers for django-modeltranslation columns and the JSON data files
that carry translated reference data."""

import json
import re
from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language_from_path, gettext, ngettext

CONTENT_LANGUAGES: tuple[str, ...] = tuple(settings.MODELTRANSLATION_LANGUAGES)
DRAFTING_LANGUAGES: tuple[str, ...] = ("kk", "ru")  # every text exists in both (PRODUCT.md)


def translated(
    field: str, texts: dict[str, str] | None, *, original: bool = False
) -> dict[str, str]:
    """Column values for a translated field from {"kk": ..., "ru": ..., "en": ...}.

    At run time modeltranslation fills the untranslated column from the default language; in a
    migration the historical models know nothing of it, so loaders ask for it with `original`.
    """
    texts = texts or {}
    values = {f"{field}_{lang}": (texts.get(lang) or "").strip() for lang in CONTENT_LANGUAGES}
    if original:
        values[field] = values[f"{field}_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}"]
    return values


def read_data(app_file: str, name: str) -> list[dict]:
    """A JSON file from the data/ folder beside an app module (reference data, catalogues)."""
    return json.loads((Path(app_file).resolve().parent / "data" / name).read_text(encoding="utf-8"))


def language_neutral_path(path: str) -> str:
    """A page's path without its language prefix ("/kk/strategies/1/" → "/strategies/1/"), to be
    stored and given each reader in their language."""
    lang = get_language_from_path(path)
    return path[len(lang) + 1 :] if lang else path


def path_in_language(path: str, lang: str) -> str:
    """A page's path under the prefix of `lang`, whether it was stored with a prefix or without."""
    return f"/{lang}{language_neutral_path(path)}"


_PARAGRAPHS = re.compile(r"p\.\s*(?P<numbers>\d+(?:\s*[-–,]\s*\d+)*)")


def paragraph_reference(reference: str) -> str:
    """A rule's source as its reader writes it: the Methodology's "p.9, 26" is "9, 26-тармақтар"
    in Kazakh, "пп. 9, 26" in Russian, "pp. 9, 26" in English; any other source (a law, a
    standard, stored as its English msgid with gettext_noop) in the reader's language."""
    match = _PARAGRAPHS.fullmatch(str(reference or "").strip())
    if match is None:
        return gettext(reference) if reference else ""
    numbers = match["numbers"]
    several = 2 if re.search(r"[-–,]", numbers) else 1
    return ngettext("p. %(numbers)s", "pp. %(numbers)s", several) % {"numbers": numbers}
