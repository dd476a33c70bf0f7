"""The form of the road map's yearly monitoring (2025 smart-city reference standard): one item of
the approved road map, one year, its status, the cost spent that year (million tenge, typed as
printed: 300,5) and the explanation in Kazakh and Russian. Bounds are the columns' own
(strategies.forms.number_formfield: the year from 2025 to this year, the cost never negative)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import CleanTextFormMixin
from strategies.forms import number_formfield
from strategies.models import RoadmapItem, RoadmapProgress

NOTE_LENGTH = 4000


def _note(label) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RoadmapProgressForm(CleanTextFormMixin, forms.Form):
    """`items`: [(uid, title)] of the approved road map, the only items offered and accepted."""

    item = forms.TypedChoiceField(label=_("Road map item"), coerce=str)
    year = number_formfield(RoadmapProgress._meta.get_field("year"))
    status = forms.ChoiceField(label=_("Status"), choices=RoadmapItem.Status.choices)
    spent = number_formfield(RoadmapProgress._meta.get_field("spent"))
    note_kk = _note(_("Explanation (Kazakh)"))
    note_ru = _note(_("Explanation (Russian)"))
    # The version of the year's record the page showed; empty when it showed none.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, items: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", "—"), *items]
        self.fields["year"].label = _("Year")
        self.fields["spent"].label = _("Spent that year, million tenge")
        self.fields["note_kk"].widget.attrs["lang"] = "kk"
        self.fields["note_ru"].widget.attrs["lang"] = "ru"


class RoadmapProgressChoiceForm(forms.Form):
    """The item and (optionally) the year the record form opens at (?item=&year=)."""

    item = forms.TypedChoiceField(coerce=str)
    year = number_formfield(RoadmapProgress._meta.get_field("year"))

    def __init__(self, *args, items: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = items
        self.fields["year"].required = False
