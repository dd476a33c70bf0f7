"""Template tags of publishing: the PDF buttons of a strategy or one of its snapshots."""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

# Each button names its language in that language, as the language switcher does.
LANGUAGES = (
    ("kk", "PDF (қазақша)", _("Download the PDF in Kazakh")),
    ("ru", "PDF (русский)", _("Download the PDF in Russian")),
)


@register.inclusion_tag("publishing/_buttons.html", takes_context=True)
def pdf_buttons(context, strategy, snapshot=None, report_year=None) -> dict:
    """The buttons "PDF (қазақша)" and "PDF (русский)" for `snapshot`, or without one for the
    strategy as it stands (publishing.selectors.pdf_source decides which document that is and
    who may have it); with `report_year`, for the yearly monitoring report of the approved
    edition (publishing.selectors.report_source). Usage: {% load publishing %}
    {% pdf_buttons strategy snapshot %} or {% pdf_buttons strategy snapshot report_year=2022 %}"""
    return {
        "strategy": strategy,
        "snapshot_number": snapshot.number if snapshot is not None and not report_year else "",
        "report_year": report_year or "",
        "languages": LANGUAGES,
        "csrf_token": context.get("csrf_token"),
    }
