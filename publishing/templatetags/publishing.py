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
def pdf_buttons(context, strategy, snapshot=None) -> dict:
    """The buttons "PDF (қазақша)" and "PDF (русский)" for `snapshot`, or without one for the
    strategy as it stands (publishing.selectors.pdf_source decides which document that is and
    who may have it). Usage: {% load publishing %}{% pdf_buttons strategy snapshot %}"""
    return {
        "strategy": strategy,
        "snapshot_number": snapshot.number if snapshot is not None else "",
        "languages": LANGUAGES,
        "csrf_token": context.get("csrf_token"),
    }
