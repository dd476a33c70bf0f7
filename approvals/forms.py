"""Forms of the approval route."""

import uuid
from datetime import date
from functools import partial

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from approvals.hearing_dates import (
    HEARING_MAX_DAYS,
    comment_period_error,
    comment_period_window,
    held_on_error,
)
from approvals.maslikhat_dates import (
    consulted_on_error,
    recommended_on_error,
    session_on_error,
)
from approvals.models import (
    MAX_PARTICIPANTS,
    MAX_REMARKS_PER_RETURN,
    Comment,
    Decision,
    Hearing,
    MaslikhatRecord,
    Remark,
    StageKind,
)
from core.constraints import ConstraintMessagesFormMixin
from core.http import IdField
from core.text import CleanTextFormMixin, LengthLimit
from strategies.forms import WholeNumberField
from strategies.sections import SECTIONS


def _date_input(**attrs) -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date", **attrs}, format="%Y-%m-%d")


def _bounded(model, name: str, **kwargs) -> forms.CharField:
    """A text field held to the model field's max_length, said in the project's words (Django's
    message has no Kazakh; no maxlength attribute either, which cuts a pasted text silently)."""
    return forms.CharField(
        validators=[LengthLimit(model._meta.get_field(name).max_length)], **kwargs
    )


class CommentPeriodForm(CleanTextFormMixin, forms.Form):
    """The end of the comment period of a draft published on `published_from` (today for a
    submission), within the window of approvals.hearing_dates."""

    hearing_until = forms.DateField(
        label=_("Public comments are open until"),
        widget=_date_input(),
        # Interpolated when the page is read (format_lazy), so in the reader's language.
        help_text=format_lazy(
            _(
                "From tomorrow to at most {days} days after publication: the public needs at "
                "least a whole day, and the route waits for the period to end (p.14)."
            ),
            days=HEARING_MAX_DAYS,
        ),
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
    """Submission: the draft is published for comment from today until the chosen day. A
    returned draft (`resume_stage`: approvals.services.resubmission_stage) goes back to the
    stage that returned it unless the akimat chooses new hearings; only then is the end of the
    comment period asked for."""

    NEW_HEARINGS = "hearings"

    def __init__(self, *args, resume_stage=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.resume_stage = resume_stage
        if resume_stage is None:
            return
        stage = StageKind(resume_stage.kind).label
        self.fields = {
            "route": forms.ChoiceField(
                label=_("Where the draft goes"),
                widget=forms.RadioSelect,
                initial=resume_stage.kind,
                choices=[
                    (
                        resume_stage.kind,
                        format_lazy(_("Back to the stage that returned it: {stage}"), stage=stage),
                    ),
                    (self.NEW_HEARINGS, _("Hold new public hearings first")),
                ],
            ),
            **self.fields,
        }
        self.fields["hearing_until"].required = False
        self.fields["hearing_until"].help_text = format_lazy(
            _("Only for new public hearings. {rule}"),
            rule=self.fields["hearing_until"].help_text,
        )

    @property
    def new_hearings(self) -> bool:
        """Whether the akimat chose new public hearings (valid forms only)."""
        return self.resume_stage is None or self.cleaned_data["route"] == self.NEW_HEARINGS

    def clean_hearing_until(self):
        if self.cleaned_data.get("hearing_until") is None:
            return None  # asked for in clean() when new hearings are held
        return super().clean_hearing_until()

    def clean(self):
        cleaned = super().clean()
        if (
            "route" in cleaned
            and self.new_hearings
            and cleaned.get("hearing_until") is None
            and "hearing_until" not in self.errors
        ):
            self.add_error("hearing_until", _("Give the last day of the comment period."))
        return cleaned


class HearingPeriodForm(CommentPeriodForm):
    """The akimat corrects the end of an open hearing's comment period."""


class HearingRecordForm(CleanTextFormMixin, forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=_date_input())
    place = _bounded(Hearing, "place", label=_("Place"))
    public_council = _bounded(Hearing, "public_council", label=_("Public council"))
    # Typed as a reader writes it: "1 500" and "1500" (strategies.forms.parse_typed_number).
    participants = WholeNumberField(
        label=_("Participants"), min_value=1, max_value=MAX_PARTICIPANTS
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
    author_name = _bounded(Comment, "author_name", label=_("Your name (optional)"), required=False)
    text = _bounded(Comment, "text", label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))
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

    answer = _bounded(
        Comment,
        "answer",
        label=_("Answer of the akimat"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, answering: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].required = answering


_OUT_OF_DATE = _("This page is out of date: reload it.")


class OnSnapshotForm(CleanTextFormMixin, forms.Form):
    """A form acting on a snapshot carries the number of the snapshot its page showed: the
    transition refuses it (409) once that snapshot is no longer the one under decision."""

    snapshot = IdField()


class DecisionForm(OnSnapshotForm):
    """An agreement or a return: the snapshot and the stage the page showed, and a comment."""

    stage = forms.ChoiceField(
        choices=StageKind.choices,
        widget=forms.HiddenInput,
        error_messages={"required": _OUT_OF_DATE, "invalid_choice": _OUT_OF_DATE},
    )
    comment = _bounded(
        Decision,
        "comment",
        label=_("Comment (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RemarkForm(CleanTextFormMixin, forms.Form):
    """One remark of a return: what it points at (a section or an indicator of the snapshot) and
    its text; a row left empty is no remark."""

    target = forms.ChoiceField(label=_("Points at"), required=False)
    text = _bounded(
        Remark, "text", label=_("Remark"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = targets

    def clean(self):
        data = super().clean()
        if data.get("text") and not data.get("target"):
            self.add_error("target", _("Choose what the remark points at."))
        if data.get("target") and not data.get("text") and "text" not in self.errors:
            self.add_error("text", _("Write the remark, or leave the row empty."))
        return data


class BaseRemarkFormSet(forms.BaseFormSet):
    """The remarks of a return: at least one, at most MAX_REMARKS_PER_RETURN rows (a request
    with more is refused whole, before any row is read)."""

    default_error_messages = {"too_many_forms": _("A return holds at most %(num)d remarks.")}

    def clean(self):
        if any(self.errors):
            return
        if not any(form.cleaned_data.get("text") for form in self.forms):
            raise forms.ValidationError(_("A return needs at least one remark."))


RemarkFormSet = forms.formset_factory(
    RemarkForm,
    formset=BaseRemarkFormSet,
    extra=4,
    max_num=MAX_REMARKS_PER_RETURN,
    absolute_max=MAX_REMARKS_PER_RETURN,
    validate_max=True,
)


class RemarkAnswerForm(ConstraintMessagesFormMixin, CleanTextFormMixin, forms.ModelForm):
    """The editor's answer to a remark, on the latest snapshot (the one returned)."""

    snapshot = IdField()
    answer = _bounded(Remark, "answer", label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = Remark
        fields = ["response", "answer"]
        widgets = {"response": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["response"].required = True
        self.fields["response"].choices = Remark.Response.choices


class _MaslikhatForm(OnSnapshotForm):
    """A form of the maslikhat stage: its dates are checked against the stage's `record` (the
    windows of approvals.maslikhat_dates), and the date inputs offer only the plausible days.
    Without a record (a page of a snapshot not under decision) there is no window to check: the
    transition refuses the form anyway."""

    def __init__(self, *args, record: MaslikhatRecord | None, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.windows = self._windows(record, today) if record is not None else {}
        for name, (earliest, _check) in self.windows.items():
            self.fields[name].widget.attrs.update(min=earliest.isoformat(), max=today.isoformat())

    def _windows(self, record: MaslikhatRecord, today: date) -> dict:
        """{date field: (its earliest plausible day, the check giving its problem or None)}."""
        raise NotImplementedError

    def clean(self):
        data = super().clean()
        for name, (_earliest, check) in self.windows.items():
            problem = check(data[name]) if data.get(name) else None
            if problem:
                self.add_error(name, problem)
        return data


class RecommendationForm(_MaslikhatForm):
    """The akimat's recommendation to the maslikhat and the consultation with the Presidential
    Administration (p.16)."""

    recommended_on = forms.DateField(label=_("Recommended by the akimat on"), widget=_date_input())
    recommendation = _bounded(
        MaslikhatRecord,
        "recommendation",
        label=_("Recommendation of the akimat"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consulted_on = forms.DateField(
        label=_("Consulted with the Presidential Administration on"), widget=_date_input()
    )
    consultation_reference = _bounded(
        MaslikhatRecord, "consultation_reference", label=_("Consultation reference")
    )

    def _windows(self, record: MaslikhatRecord, today: date) -> dict:
        began = timezone.localdate(record.stage_run.started_at)
        submitted = timezone.localdate(record.stage_run.process.snapshot.created_at)
        return {
            "recommended_on": (
                began,
                partial(recommended_on_error, stage_began=began, today=today),
            ),
            "consulted_on": (
                submitted,
                partial(consulted_on_error, submitted_on=submitted, today=today),
            ),
        }


class SessionForm(_MaslikhatForm):
    """The session of the maslikhat that approved the strategy (p.16)."""

    session_on = forms.DateField(label=_("Session date"), widget=_date_input())
    decision_number = _bounded(MaslikhatRecord, "decision_number", label=_("Decision number"))

    def _windows(self, record: MaslikhatRecord, today: date) -> dict:
        began = timezone.localdate(record.stage_run.started_at)
        # Until the recommendation is recorded the transition refuses the session anyway.
        recommended, consulted = record.recommended_on or began, record.consulted_on or began
        check = partial(
            session_on_error,
            stage_began=began,
            recommended_on=recommended,
            consulted_on=consulted,
            today=today,
        )
        return {"session_on": (max(began, recommended, consulted), check)}
