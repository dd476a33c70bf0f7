"""Rich text: the only HTML users may store, cleaned against an allow-list (nh3, the Rust ammonia
sanitiser) so that no script, event handler or javascript: link reaches a page or a PDF."""

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
