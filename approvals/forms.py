"""Forms of the approval route."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approvals.models import Remark
from strategies.sections import SECTIONS


class SubmitForm(forms.Form):
    hearing_until = forms.DateField(
        label=_("Public comments are open until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The draft is published for comment from today until this date (p.14)."),
    )

    def clean_hearing_until(self):
        value = self.cleaned_data["hearing_until"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("The hearing period cannot end in the past."))
        return value


class HearingRecordForm(forms.Form):
    held_on = forms.DateField(
        label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    place = forms.CharField(label=_("Place"), max_length=300)
    public_council = forms.CharField(label=_("Public council"), max_length=300)
    participants = forms.IntegerField(label=_("Participants"), min_value=0)
    protocol = forms.FileField(
        label=_("Protocol (PDF, at most 10 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )


class CommentForm(forms.Form):
    section = forms.ChoiceField(label=_("Section"), choices=[(s.slug, s.title) for s in SECTIONS])
    author_name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    text = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class RemarkForm(forms.Form):
    target = forms.ChoiceField(label=_("Points at"), required=False)
    text = forms.CharField(
        label=_("Remark"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = targets


RemarkFormSet = forms.formset_factory(RemarkForm, extra=4, max_num=50)


class RemarkAnswerForm(forms.ModelForm):
    class Meta:
        model = Remark
        fields = ["response", "answer"]
        widgets = {"response": forms.RadioSelect, "answer": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["response"].required = True
        self.fields["response"].choices = Remark.Response.choices
        self.fields["answer"].required = True


class RecommendationForm(forms.Form):
    recommended_on = forms.DateField(
        label=_("Recommended by the akimat on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    recommendation = forms.CharField(
        label=_("Recommendation of the akimat"), widget=forms.Textarea(attrs={"rows": 3})
    )
    consulted_on = forms.DateField(
        label=_("Consulted with the Presidential Administration on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    consultation_reference = forms.CharField(label=_("Consultation reference"), max_length=200)


class SessionForm(forms.Form):
    session_on = forms.DateField(
        label=_("Session date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    decision_number = forms.CharField(label=_("Decision number"), max_length=100)
