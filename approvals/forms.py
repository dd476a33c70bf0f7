"""Forms of the approval route."""

import uuid
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approvals.hearing_dates import (
    HEARING_MAX_DAYS,
    comment_period_error,
    comment_period_window,
    held_on_error,
)
from approvals.models import MAX_PARTICIPANTS, Comment, Hearing, Remark
from core.text import CleanTextFormMixin
from strategies.sections import SECTIONS


def _date_input(**attrs) -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date", **attrs}, format="%Y-%m-%d")


class CommentPeriodForm(CleanTextFormMixin, forms.Form):
    """The end of the comment period of a draft published on `published_from` (today for a
    submission), within the window of approvals.hearing_dates."""

    hearing_until = forms.DateField(
        label=_("Public comments are open until"),
        widget=_date_input(),
        help_text=_(
            "From tomorrow to at most %(days)s days after publication: the public needs at least "
            "a whole day, and the route waits for the period to end (p.14)."
        )
        % {"days": HEARING_MAX_DAYS},
    )

    def __init__(self, *args, published_from: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = timezone.localdate()
        self.published_from = published_from or self.today
        earliest, latest = comment_period_window(
            published_from=self.published_from, today=self.today
        )
        self.fields["hearing_until"].widget.attrs.update(
            min=earliest.isoformat(), max=latest.isoformat()
        )

    def clean_hearing_until(self):
        value = self.cleaned_data["hearing_until"]
        problem = comment_period_error(value, published_from=self.published_from, today=self.today)
        if problem:
            raise forms.ValidationError(problem)
        return value


class SubmitForm(CommentPeriodForm):
    """Submission: the draft is published for comment from today until the chosen day."""


class HearingPeriodForm(CommentPeriodForm):
    """The akimat corrects the end of an open hearing's comment period."""


class HearingRecordForm(CleanTextFormMixin, forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=_date_input())
    place = forms.CharField(label=_("Place"), max_length=300)
    public_council = forms.CharField(label=_("Public council"), max_length=300)
    participants = forms.IntegerField(
        label=_("Participants"),
        min_value=1,
        max_value=MAX_PARTICIPANTS,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 7}),
    )
    protocol = forms.FileField(
        label=_("Protocol (PDF, at most 10 MB)"),
        required=False,
        # No "clear" box: a recorded hearing keeps a protocol; a new file replaces it.
        widget=forms.FileInput(attrs={"accept": "application/pdf"}),
    )

    def __init__(self, *args, hearing: Hearing, **kwargs):
        super().__init__(*args, **kwargs)
        self.hearing = hearing
        self.today = timezone.localdate()
        self.fields["held_on"].widget.attrs.update(
            min=hearing.published_from.isoformat(), max=self.today.isoformat()
        )

    def clean_held_on(self):
        value = self.cleaned_data["held_on"]
        problem = held_on_error(value, published_from=self.hearing.published_from, today=self.today)
        if problem:
            raise forms.ValidationError(problem)
        return value


class CommentForm(CleanTextFormMixin, forms.Form):
    section = forms.ChoiceField(label=_("Section"), choices=[(s.slug, s.title) for s in SECTIONS])
    author_name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    text = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=Comment._meta.get_field("text").max_length,
    )
    # A one-time token per rendering of the form (`new_token`): the same form sent twice (a
    # double click, a retried request) stores one comment (approvals.services.comment_add).
    token = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("The form has expired; please send your comment again."),
            "invalid": _("The form has expired; please send your comment again."),
        },
    )

    @property
    def new_token(self) -> uuid.UUID:
        return uuid.uuid4()


class CommentAnswerForm(CleanTextFormMixin, forms.Form):
    """The akimat's answer to a public comment (required to answer, not to hide or show)."""

    answer = forms.CharField(
        label=_("Answer of the akimat"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=Comment._meta.get_field("answer").max_length,
        required=False,
    )

    def __init__(self, *args, answering: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].required = answering


class RemarkForm(CleanTextFormMixin, forms.Form):
    target = forms.ChoiceField(label=_("Points at"), required=False)
    text = forms.CharField(
        label=_("Remark"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = targets


RemarkFormSet = forms.formset_factory(RemarkForm, extra=4, max_num=50)


class RemarkAnswerForm(CleanTextFormMixin, forms.ModelForm):
    class Meta:
        model = Remark
        fields = ["response", "answer"]
        widgets = {"response": forms.RadioSelect, "answer": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["response"].required = True
        self.fields["response"].choices = Remark.Response.choices
        self.fields["answer"].required = True


class RecommendationForm(CleanTextFormMixin, forms.Form):
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


class SessionForm(CleanTextFormMixin, forms.Form):
    session_on = forms.DateField(
        label=_("Session date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    decision_number = forms.CharField(label=_("Decision number"), max_length=100)
