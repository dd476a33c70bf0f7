"""What changed between two snapshots: section by section, word by word."""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from strategies.rendering import document_view, section_lines

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass
class SectionDiff:
    slug: str
    title: str
    changed: bool
    html: SafeString  # the newer text with <del>/<ins> marks


def word_diff(old: str, new: str) -> SafeString:
    """The newer text, removed words in <del>, added words in <ins> (HTML-escaped)."""
    before, after = _TOKENS.findall(old), _TOKENS.findall(new)
    parts = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(after[b1:b2])))
            continue
        if a2 > a1:
            parts.append(f"<del>{escape(''.join(before[a1:a2]))}</del>")
        if b2 > b1:
            parts.append(f"<ins>{escape(''.join(after[b1:b2]))}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above


def snapshot_diff(old_content: dict, new_content: dict, lang: str) -> list[SectionDiff]:
    """Every section, marked changed or not, with its word-level differences (call inside
    translation.override(lang))."""
    old = section_lines(document_view(old_content, lang))
    new = section_lines(document_view(new_content, lang))
    result = []
    for slug, (title, lines) in new.items():
        old_text = "\n".join(old.get(slug, ("", []))[1])
        new_text = "\n".join(lines)
        result.append(SectionDiff(slug, title, old_text != new_text, word_diff(old_text, new_text)))
    return result
