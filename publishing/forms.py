"""Forms of publishing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from strategies.models.analysis import YEAR_MAX, YEAR_MIN

# Snapshots are numbered from 1 per strategy; no strategy comes near this many submissions.
MAX_SNAPSHOT_NUMBER = 100_000


class PdfRequestForm(forms.Form):
    """Which PDF: the language, and the snapshot (none: the strategy as it stands), or the yearly
    monitoring report of the approved edition for a year (then without a snapshot)."""

    lang = forms.ChoiceField(
        label=_("Language"), choices=[("kk", _("Kazakh")), ("ru", _("Russian"))]
    )
    snapshot = forms.IntegerField(
        label=_("Snapshot"), required=False, min_value=1, max_value=MAX_SNAPSHOT_NUMBER
    )
    report_year = forms.IntegerField(
        label=_("Year of the report"),
        required=False,
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
    )

    def clean(self):
        data = super().clean()
        if data.get("report_year") and data.get("snapshot"):
            raise forms.ValidationError(
                _("A monitoring report is made of the approved edition: name no snapshot.")
            )
        return data
