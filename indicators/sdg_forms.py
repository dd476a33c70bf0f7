"""The SDG filters (GET): a city on a goal's page, a goal on an indicator list. Values outside the
choices are a 400 at the field, never a 500."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SdgCityForm(forms.Form):
    """The city whose indicators a goal's page lists (its code; all cities when empty)."""

    city = forms.ChoiceField(label=_("City"), required=False, choices=[])

    def __init__(self, *args, cities: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].choices = [("", _("all")), *cities]


class SdgGoalForm(forms.Form):
    """The SDG goal (1-17) an indicator list is narrowed to (all when empty)."""

    goal = forms.TypedChoiceField(
        label=_("SDG goal"), required=False, coerce=int, empty_value=None, choices=[]
    )

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].choices = [("", _("all"))] + [(g.number, str(g)) for g in goals]
