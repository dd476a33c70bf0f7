"""Rich text: the only HTML users may store, cleaned against an allow-list (nh3, the Rust ammonia
sanitiser) so that no script, event handler or javascript: link reaches a page or a PDF."""

import difflib
import re
from html import unescape

import nh3

ALLOWED_TAGS = {
    "h2", "h3", "h4", "p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "u", "s",
    "blockquote", "a", "table", "thead", "tbody", "tr", "th", "td", "caption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(html: str) -> str:
    """Keep the allowed structure and text; drop everything else (scripts with their content)."""
    if not html:
        return ""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return cleaned.strip()


def html_to_text(html: str) -> str:
    """The visible text of stored rich text (for emptiness checks and diffs)."""
    return " ".join(unescape(nh3.clean(html or "", tags=set())).split())


_TAG = re.compile(r"<[^>]*>")


def removed_text(html: str, cleaned: str) -> str:
    """The visible text of `html` that cleaning dropped from `cleaned` ("" when none): the
    content of a <script> or <style>, or everything an unclosed <style> swallowed. What a reader
    of the raw HTML would take for text is every character outside the tags; whitespace and
    block boundaries are not compared."""
    typed = " ".join(unescape(_TAG.sub(" ", html or "")).split())
    positions = [i for i, char in enumerate(typed) if not char.isspace()]
    letters = "".join(typed[i] for i in positions)
    kept = "".join(html_to_text(cleaned).split())
    if letters == kept:
        return ""
    lost = [
        typed[positions[i1] : positions[i2 - 1] + 1]
        for op, i1, i2, _j1, _j2 in difflib.SequenceMatcher(
            None, letters, kept, autojunk=False
        ).get_opcodes()
        if op in ("delete", "replace")
    ]
    return " … ".join(lost)
