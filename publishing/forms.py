"""Forms of publishing."""

from django import forms
from django.utils.translation import gettext_lazy as _

# Snapshots are numbered from 1 per strategy; no strategy comes near this many submissions.
MAX_SNAPSHOT_NUMBER = 100_000


class PdfRequestForm(forms.Form):
    """Which PDF: the language, and the snapshot (none: the strategy as it stands)."""

    lang = forms.ChoiceField(
        label=_("Language"), choices=[("kk", _("Kazakh")), ("ru", _("Russian"))]
    )
    snapshot = forms.IntegerField(
        label=_("Snapshot"), required=False, min_value=1, max_value=MAX_SNAPSHOT_NUMBER
    )
