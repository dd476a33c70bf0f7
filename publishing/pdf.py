"""From a frozen document to PDF bytes: the print HTML (templates/publishing/pdf/, built on the
shared document partial and strategies.rendering.document_view) and WeasyPrint.

Both the Celery task and `manage.py render_pdf` call `build_pdf`; nothing here touches a Render
record or the storage.
"""

import hashlib
import logging
import re
import time
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from publishing.fonts import (
    BODY_FAMILY,
    FONT_DIR,
    MONO_FAMILY,
    font_face_css,
    without_missing_glyphs,
)
from strategies.rendering import document_view

# The draft mark of p.14-16 drafts, in the document's language (PRODUCT.md, "Outputs").
DRAFT_MARK = {"kk": "ЖОБА", "ru": "ПРОЕКТ"}
# A printed value may be a ceiling or a floor (indicators.models.Bound).
BOUND_SIGNS = {"le": "≤", "ge": "≥"}

ROOT = Path(settings.BASE_DIR)
# Everything the PDF is made from besides the data (glob patterns): a change to any of these is a
# new template version, so a stored PDF is never served for a template it was not made with.
TEMPLATE_SOURCES = (
    "templates/publishing/pdf/*",
    "templates/strategies/_*.html",  # the shared document partial and what it includes
    "templates/indicators/_report.html",  # the monitoring report, shared with its page
    "indicators/reports.py",
    "indicators/charts.py",
    "indicators/templatetags/*.py",
    "strategies/rendering.py",
    "publishing/pdf.py",
    "publishing/fonts.py",
    "publishing/fonts/*",
    "locale/kk/LC_MESSAGES/django.mo",
    "locale/ru/LC_MESSAGES/django.mo",
)


@cache
def template_version() -> str:
    """12 hex digits of SHA-256 over the print templates, fonts, code and catalogues."""
    digest = hashlib.sha256()
    for pattern in TEMPLATE_SOURCES:
        for file in sorted(ROOT.glob(pattern)):
            digest.update(str(file.relative_to(ROOT)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


@dataclass(frozen=True)
class BuiltPdf:
    data: bytes
    pages: int
    weasyprint_seconds: float


class FontsOnlyFetcher(URLFetcher):
    """WeasyPrint fetches nothing but the shipped fonts: the document is user content, and a
    worker must not be made to request internal addresses."""

    def fetch(self, url, headers=None):
        if url.startswith("file:"):
            path = Path(url.removeprefix("file://")).resolve()
            if path.is_relative_to(FONT_DIR):
                return super().fetch(path.as_uri(), headers)
        raise ValueError(f"not fetched in a PDF: {url[:100]}")


def _decimal(value) -> Decimal | None:
    try:
        return None if value in (None, "") else Decimal(str(value))
    except InvalidOperation:
        return None


def _date(value) -> date | None:
    return date.fromisoformat(value) if value else None


def _yearly(content: dict, context: dict, lang: str) -> dict[str, list[dict]]:
    """Per direction slug, the document's indicators with their yearly plan / actual values
    (context["yearly"]: rows by indicator identity), numbers parsed."""

    def text(texts) -> str:
        return ((texts or {}).get(lang) or "").strip()

    recorded = context.get("yearly") or {}
    return {
        slug: [
            {
                "name": text(indicator["name"]),
                "unit": text(indicator.get("unit")),
                "rows": [
                    {
                        **row,
                        "plan": _decimal(row.get("plan")),
                        "plan_bound": BOUND_SIGNS.get(row.get("plan_bound"), ""),
                        "actual": _decimal(row.get("actual")),
                        "actual_bound": BOUND_SIGNS.get(row.get("actual_bound"), ""),
                    }
                    for row in recorded[indicator["uid"]]
                ],
            }
            for indicator in direction.get("indicators", [])
            if indicator.get("uid") in recorded
        ]
        for slug, direction in content["directions"].items()
    }


def _css_string(text: str) -> str:
    """`text` as a quoted CSS string; "{page}" and "{pages}" become the page counters."""
    quoted = '"' + re.sub(r'["\\\n<>]', lambda m: f"\\{ord(m[0]):x} ", str(text)) + '"'
    return quoted.replace("{page}", '" counter(page) "').replace("{pages}", '" counter(pages) "')


# WeasyPrint draws the text of inline SVG (the charts of the document) with its own renderer, which
# does not inherit the page's fonts and falls back to a system family: each SVG gets a style
# naming the declared one (a style outranks font-family attributes of the chart's elements).
SVG_START = re.compile(r"(<svg\b[^>]*>)")


def _svg_in_declared_fonts(html: str) -> str:
    return SVG_START.sub(rf'\1<style>text {{ font-family: "{BODY_FAMILY}"; }}</style>', html)


def print_html(content: dict, context: dict, lang: str) -> str:
    """The whole print document: cover, contents, the document partial with the yearly plan /
    actual values after each direction's indicators, then (drafts) the annex."""
    with translation.override(lang):
        # The indicators' charts show the yearly plan / actual values beside the document.
        view = document_view(content, lang, yearly=context.get("yearly"))
        approval = context.get("approval")
        html = render_to_string(
            "publishing/pdf/document.html",
            {
                "view": view,
                "lang": lang,
                "ctx": context,
                "draft": context["edition"] == "draft",
                "draft_mark": DRAFT_MARK[lang],
                "date": _date(context["date"]),
                "approval": approval
                and {
                    **approval,
                    "hearing_on": _date(approval.get("hearing_on")),
                    "session_on": _date(approval.get("session_on")),
                },
                "yearly": _yearly(content, context, lang),
                "section_extra": "publishing/pdf/_section_extra.html",
                "font_faces": font_face_css(),
                "body_family": BODY_FAMILY,
                "mono_family": MONO_FAMILY,
                "page_of": _css_string(_("Page {page} of {pages}")),
                "footer": _css_string(f"{view['city']} · SHA-256 {context['content_hash'][:12]}"),
            },
        )
    return without_missing_glyphs(_svg_in_declared_fonts(_svg_at_own_size(html)))


# WeasyPrint lays out an SVG styled `max-width: 100%; height: auto` (as indicators.charts draws
# them, for the browser) in a box as tall as it is wide, the drawing centred in blank bands: in print
# the charts keep their own size (their width, 6.4 in, fits the text width of A4).
CHART_STYLE = re.compile(
    r'(<svg\b[^>]*\bclass="chart"[^>]*?)\s+style="max-width: 100%; height: auto"'
)


def _svg_at_own_size(html: str) -> str:
    return CHART_STYLE.sub(r"\1", html)


def report_html(context: dict, lang: str) -> str:
    """The print document of a yearly monitoring report (publishing.selectors.
    report_render_context): a title page with the approved edition it reports on, then the
    report as its page shows it (templates/indicators/_report.html, with the same charts)."""
    from indicators.reports import report_with_charts  # charts load Matplotlib: only when needed

    report = context["report"]
    approval = context.get("approval") or {}
    with translation.override(lang):
        html = render_to_string(
            "publishing/pdf/report.html",
            {
                "report": report_with_charts(report, lang),
                "lang": lang,
                "ctx": context,
                "draft": False,
                "approval": {
                    **approval,
                    "hearing_on": _date(approval.get("hearing_on")),
                    "session_on": _date(approval.get("session_on")),
                },
                "font_faces": font_face_css(),
                "body_family": BODY_FAMILY,
                "mono_family": MONO_FAMILY,
                "page_of": _css_string(_("Page {page} of {pages}")),
                "footer": _css_string(
                    f"{report['city']} · {_('Monitoring report')} {report['year']}"
                ),
            },
        )
    return without_missing_glyphs(_svg_in_declared_fonts(_svg_at_own_size(html)))


class _SvgPresentationNoise(logging.Filter):
    """Drops WeasyPrint's warning for each SVG presentation property (fill, stroke-dasharray ...)
    in the style attributes of inline SVG (the charts): its HTML cascade does not know them, then
    its SVG renderer draws them as it should. A chart has hundreds of them, so a report's render
    wrote thousands of lines to the worker's log (enough to fill and block a pipe). Any other
    warning passes."""

    IGNORED = re.compile(
        r"^Ignored `(fill|fill-opacity|fill-rule|stroke|stroke-[a-z]+|clip-path|clip-rule|"
        r"text-anchor|dominant-baseline|alignment-baseline|paint-order|marker|"
        r"marker-(start|mid|end)|stop-color|stop-opacity)\b[^`]*`.*unknown property"
    )

    def filter(self, record: logging.LogRecord) -> bool:
        return not self.IGNORED.match(record.getMessage())


logging.getLogger("weasyprint").addFilter(_SvgPresentationNoise())


class _PageProgress(logging.Handler):
    """Hears WeasyPrint's progress log ("Step 5 - Creating layout - Page 12") and reports the
    page count laid out so far, at most once a second."""

    PAGE = re.compile(r"Page (\d+)")

    def __init__(self, report):
        super().__init__(logging.INFO)
        self.report, self.last = report, 0.0

    def emit(self, record):
        match = self.PAGE.search(record.getMessage())
        now = time.monotonic()
        if match and now - self.last >= 1:
            self.last = now
            self.report(int(match[1]))


@contextmanager
def _progress(report):
    logger = logging.getLogger("weasyprint.progress")
    level, propagate = logger.level, logger.propagate
    handler = _PageProgress(report)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # a line per page is too much for the worker's log
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


def pdf_from_html(html: str, *, on_page=None) -> BuiltPdf:
    """WeasyPrint alone: the PDF of `html` and its page count; `on_page(n)` hears progress."""
    started = time.perf_counter()
    with _progress(on_page) if on_page else nullcontext():
        document = HTML(
            string=html, base_url=FONT_DIR.as_uri() + "/", url_fetcher=FontsOnlyFetcher()
        ).render()
        data = document.write_pdf()
    return BuiltPdf(data, len(document.pages), time.perf_counter() - started)


def build_pdf(content: dict, context: dict, lang: str, *, on_page=None) -> BuiltPdf:
    """The PDF of a document (snapshot content) with its cover and annex `context`."""
    return pdf_from_html(print_html(content, context, lang), on_page=on_page)


def build_report_pdf(context: dict, lang: str, *, on_page=None) -> BuiltPdf:
    """The PDF of a yearly monitoring report from its render context alone."""
    return pdf_from_html(report_html(context, lang), on_page=on_page)
