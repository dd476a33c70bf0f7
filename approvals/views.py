"""Browser views of the approval route: thin — fetch through the permission rules, call one
transition, render or redirect. Errors come back on the same page with their status."""

from types import SimpleNamespace

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from approvals import public_edition, services
from approvals.diff import snapshot_diff
from approvals.forms import (
    CommentAnswerForm,
    CommentForm,
    DecisionForm,
    HearingPeriodForm,
    HearingRecordForm,
    RecommendationForm,
    RemarkAnswerForm,
    RemarkFormSet,
    SessionForm,
    SubmitForm,
)
from approvals.models import Comment, Hearing, Notification, Process, Remark, StageKind
from approvals.rules import Action, may_ever, open_process
from approvals.selectors import (
    approval_context,
    approval_events,
    hearing_comments,
    hearing_summary,
    latest_hearing,
    people_labels,
    processes_with_history,
    remarks_of,
    snapshot_of,
)
from core.exceptions import ApplicationError, InvalidInput, PermissionDenied
from core.http import document_language, id_or_404
from core.i18n import DRAFTING_LANGUAGES, paragraph_reference
from core.limits import COMMENT_RATE, over_limit
from indicators.selectors import monitoring_goals
from strategies.models import Strategy
from strategies.permissions import ensure_can_view, is_city_editor
from strategies.references import directions_in_order
from strategies.rendering import document_view, section_title
from strategies.sections import SECTIONS


def _strategy(request, pk: int) -> Strategy:
    strategy = get_object_or_404(Strategy.objects.select_related("city"), pk=pk)
    ensure_can_view(request.user, strategy)
    return strategy


def _error_text(error: ApplicationError) -> str:
    details = error.details if isinstance(error.details, dict) else {}
    extra = [
        str(m)
        for key, values in details.items()
        if key not in ("failing",)
        for m in (values if isinstance(values, list) else [])
    ]
    return " ".join([str(error.message), *extra])


def _field_errors(form, error: ApplicationError) -> None:
    """Put the error's messages on the fields of `form` that it names, where the user looks."""
    details = error.details if isinstance(error.details, dict) else {}
    for field, errors in details.items():
        if field in form.fields:
            for message in errors if isinstance(errors, list) else [errors]:
                form.add_error(field, message)


def _targets(snapshot) -> list[tuple[str, str]]:
    """What a remark may point at: every section, and every indicator of the snapshot."""
    choices = [("", "—")] + [(f"section:{s.slug}", section_title(s.slug)) for s in SECTIONS]
    lang = translation.get_language()
    for _slug, direction in directions_in_order(snapshot.content):
        for indicator in direction["indicators"]:
            name = (
                indicator["name"].get(lang)
                or indicator["name"].get("ru")
                or indicator["name"].get("kk")
            )
            choices.append((f"indicator:{indicator['id']}", f"{_('Indicator')}: {name}"))
    return choices


# --- the akimat's side ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Submission: the editor chooses the end of the comment period and confirms; an invalid
    date comes back at the field (400), a failing compliance check on the overview's checklist.
    A returned draft goes back to the stage that returned it unless the editor chooses new
    public hearings (the page says which, and keeps the earlier hearing on record)."""
    strategy = _strategy(request, pk)
    resume_stage = services.resubmission_stage(strategy)
    form = SubmitForm(request.POST if request.method == "POST" else None, resume_stage=resume_stage)
    status = 200
    if request.method == "POST":
        if not may_ever(request.user, strategy, Action.SUBMIT):
            raise PermissionDenied()
        try:
            if not form.is_valid():
                raise InvalidInput()
            services.process_submit(
                actor=request.user,
                strategy=strategy,
                hearing_until=form.cleaned_data["hearing_until"],
                new_hearings=form.new_hearings,
            )
        except services.SubmissionRefused as refused:
            messages.error(request, refused.message)
            for result in refused.report.failing:
                messages.error(
                    request,
                    f"✗ {result.check.title} ({paragraph_reference(result.check.paragraph)})",
                )
            return redirect("strategies:overview", pk=strategy.pk)
        except InvalidInput as error:
            _field_errors(form, error)
            status = error.status
        else:
            if form.new_hearings:
                messages.success(
                    request,
                    _("Submitted: the snapshot is frozen and published for public hearings."),
                )
                return redirect("approvals:hearing", pk=strategy.pk)
            messages.success(
                request,
                _("Submitted: the snapshot is frozen and goes back to %(stage)s.")
                % {"stage": StageKind(resume_stage.kind).label},
            )
            return redirect("approvals:timeline", pk=strategy.pk)
    return render(
        request,
        "approvals/submit.html",
        {
            **approval_context(strategy, request.user),
            "strategy": strategy,
            "form": form,
            "resume_stage": resume_stage,
            "kept_hearing": latest_hearing(strategy) if resume_stage else None,
        },
        status=status,
    )


# The buttons of the hearing page and the action each one takes.
HEARING_ACTIONS = {
    "record": Action.RECORD_HEARING,
    "period": Action.CHANGE_HEARING_PERIOD,
    "answer": Action.ANSWER_COMMENT,
    "hide": Action.ANSWER_COMMENT,
    "unhide": Action.ANSWER_COMMENT,
    "close": Action.CLOSE_HEARINGS,
}


@login_required
@require_http_methods(["GET", "POST"])
def hearing(request: HttpRequest, pk: int) -> HttpResponse:
    """The akimat's page of the public hearing: record it, correct the end of the comment period,
    answer or hide comments (its moderation view: only the city's editors see hidden comments),
    close it. Every value comes through a form; a refusal comes back at its field."""
    strategy = _strategy(request, pk)
    process = open_process(strategy)
    current = Hearing.objects.filter(stage_run__process=process).first() if process else None
    if current is None:
        raise Http404
    record_form = HearingRecordForm(
        hearing=current,
        initial={
            "held_on": current.held_on,
            "place": current.place,
            "public_council": current.public_council,
            "participants": current.participants,
        },
    )
    period_form = HearingPeriodForm(
        published_from=current.published_from, initial={"hearing_until": current.published_until}
    )
    answer_forms = {}
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in HEARING_ACTIONS:
            raise Http404
        # Whoever never takes the action is refused before any form is read (403, not 400).
        if not may_ever(request.user, strategy, HEARING_ACTIONS[action]):
            raise PermissionDenied()
        bound = None
        try:
            if action == "record":
                record_form = bound = HearingRecordForm(
                    request.POST, request.FILES, hearing=current
                )
                if not record_form.is_valid():
                    raise InvalidInput()
                services.hearing_record(
                    actor=request.user, strategy=strategy, **record_form.cleaned_data
                )
                messages.success(request, _("The hearing is recorded."))
            elif action == "period":
                period_form = bound = HearingPeriodForm(
                    request.POST, published_from=current.published_from
                )
                if not period_form.is_valid():
                    raise InvalidInput()
                services.hearing_period_change(
                    actor=request.user,
                    strategy=strategy,
                    hearing_until=period_form.cleaned_data["hearing_until"],
                )
                messages.success(request, _("The end of the comment period is changed."))
            elif action in ("answer", "hide", "unhide"):
                comment = get_object_or_404(
                    Comment, pk=id_or_404(request.POST.get("comment")), hearing=current
                )
                bound = CommentAnswerForm(
                    request.POST, answering=action == "answer", auto_id=f"answer-{comment.pk}-%s"
                )
                answer_forms[comment.pk] = bound
                if not bound.is_valid():
                    raise InvalidInput()
                services.comment_answer(
                    actor=request.user,
                    comment=comment,
                    answer=bound.cleaned_data["answer"],
                    hidden={"hide": True, "unhide": False}.get(action),
                )
                messages.success(request, _("Saved."))
            elif action == "close":
                services.hearings_close(actor=request.user, strategy=strategy)
                messages.success(
                    request,
                    _(
                        "The public hearings are closed; the draft goes to the central planning body."
                    ),
                )
                return redirect("approvals:timeline", pk=strategy.pk)
            return redirect("approvals:hearing", pk=strategy.pk)
        except ApplicationError as error:
            if bound is not None:
                _field_errors(bound, error)
            messages.error(request, _error_text(error))
            status = error.status
    context = approval_context(strategy, request.user)
    comments = [
        (
            comment,
            answer_forms.get(comment.pk)
            or CommentAnswerForm(
                initial={"answer": comment.answer}, auto_id=f"answer-{comment.pk}-%s"
            ),
        )
        for comment in hearing_comments(
            current, moderator=is_city_editor(request.user, strategy.city)
        )
    ]
    return render(
        request,
        "approvals/hearing.html",
        {
            **context,
            "strategy": strategy,
            "hearing": current,
            "record_form": record_form,
            "period_form": period_form,
            "comments": comments,
            "summary": hearing_summary(current),
            "sections": {s.slug: s.title for s in SECTIONS},
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def remarks(request: HttpRequest, pk: int) -> HttpResponse:
    """The editor answers each remark: accepted or not, with the reason. Each answer form carries
    the number of the latest snapshot (the one returned); once a newer one is frozen the answer
    is refused (409) with a link to it."""
    strategy = _strategy(request, pk)
    latest = strategy.snapshots.order_by("-number").first()
    initial = {"snapshot": latest.number} if latest else {}
    status, stale, bound = 200, None, {}
    if request.method == "POST":
        if not may_ever(request.user, strategy, Action.ANSWER_REMARK):
            raise PermissionDenied()
        remark = get_object_or_404(
            Remark, pk=id_or_404(request.POST.get("remark")), strategy=strategy
        )
        form = bound[remark.pk] = RemarkAnswerForm(
            request.POST, instance=remark, prefix=f"remark-{remark.pk}"
        )
        try:
            if not form.is_valid():
                raise InvalidInput()
            services.remark_answer(
                actor=request.user,
                remark=remark,
                snapshot_number=form.cleaned_data["snapshot"],
                response=form.cleaned_data["response"],
                answer=form.cleaned_data["answer"],
            )
            messages.success(request, _("The answer is saved."))
            return redirect(f"{request.path}#remark-{remark.pk}")
        except services.StaleSnapshot as error:
            stale, status = error, error.status
        except ApplicationError as error:
            _field_errors(form, error)
            messages.error(request, _error_text(error))
            status = error.status
    context = approval_context(strategy, request.user)
    items = [
        (
            remark,
            bound.get(remark.pk)
            or RemarkAnswerForm(instance=remark, prefix=f"remark-{remark.pk}", initial=initial),
        )
        for remark in remarks_of(strategy)
    ]
    return render(
        request,
        "approvals/remarks.html",
        {
            **context,
            "strategy": strategy,
            "items": items,
            "can_answer": Action.ANSWER_REMARK in context["actions"],
            "stale": stale,
        },
        status=status,
    )


@login_required
@require_POST
def amend(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = _strategy(request, pk)
    amendment = services.strategy_amend(actor=request.user, strategy=strategy)
    messages.success(
        request, _("The amendment is a new working copy; the approved edition stays published.")
    )
    return redirect("strategies:overview", pk=amendment.pk)


# --- reviewers ---------------------------------------------------------------------------------


# The decisions of the review page and the action each one takes.
REVIEW_ACTIONS = {
    "agree": Action.AGREE,
    "return": Action.RETURN,
    "recommend": Action.RECOMMEND,
    "approve": Action.APPROVE,
}


def _review_forms(data, snapshot, record, seen: dict) -> dict:
    """The decision forms of the review page, bound to `data` when given. Each carries `seen`,
    the snapshot number and stage the page shows; the maslikhat's forms check their dates
    against the stage's `record` (None on a page of a snapshot not under decision: the
    transition refuses that page before any date is looked at)."""
    recorded = record is not None and record.recommendation_recorded
    return {
        "agree": DecisionForm(data, initial=seen, auto_id="agree-%s"),
        "return": DecisionForm(data, initial=seen, auto_id="return-%s"),
        "remarks": RemarkFormSet(
            data, prefix="remarks", form_kwargs={"targets": _targets(snapshot)}
        ),
        "recommend": RecommendationForm(
            data,
            record=record,
            auto_id="recommend-%s",
            initial={
                **seen,
                **(
                    {
                        "recommended_on": record.recommended_on,
                        "recommendation": record.recommendation,
                        "consulted_on": record.consulted_on,
                        "consultation_reference": record.consultation_reference,
                    }
                    if recorded
                    else {}
                ),
            },
        ),
        "approve": SessionForm(data, record=record, auto_id="approve-%s", initial=seen),
    }


def _review_decide(request: HttpRequest, strategy: Strategy, action: str, forms: dict):
    """Carry out the decision posted from the review page through its transition; raises
    InvalidInput when its form is not valid, and whatever the transition raises."""
    form = forms[action]
    if not form.is_valid() or (action == "return" and not forms["remarks"].is_valid()):
        raise InvalidInput()
    data, actor = form.cleaned_data, request.user
    if action == "agree":
        services.stage_agree(
            actor=actor, strategy=strategy, snapshot_number=data["snapshot"],
            stage=data["stage"], comment=data["comment"],
        )  # fmt: skip
        messages.success(request, _("Your agreement is recorded."))
    elif action == "return":
        services.stage_return(
            actor=actor, strategy=strategy, snapshot_number=data["snapshot"],
            stage=data["stage"], comment=data["comment"],
            remarks=[
                services.RemarkInput(row.cleaned_data["target"], row.cleaned_data["text"])
                for row in forms["remarks"]
                if row.cleaned_data.get("text")
            ],
        )  # fmt: skip
        messages.success(request, _("The draft is returned with your remarks."))
    elif action == "recommend":
        services.maslikhat_recommend(
            actor=actor, strategy=strategy, snapshot_number=data.pop("snapshot"), **data
        )
        messages.success(request, _("The recommendation and the consultation are recorded."))
    else:
        services.maslikhat_approve(
            actor=actor, strategy=strategy, snapshot_number=data.pop("snapshot"), **data
        )
        messages.success(request, _("The approval is recorded; the edition is published."))
        return redirect("approvals:edition", pk=strategy.pk)
    return redirect("approvals:timeline", pk=strategy.pk)


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The snapshot under review, the remarks so far, and the decisions the user may take on it.

    Every decision form carries the snapshot number and stage the page shows; the transition
    refuses it (409, with a link to the current snapshot) once they are no longer under
    decision. An earlier snapshot (?snapshot=N) is shown read-only, with a link to the current
    one."""
    strategy = _strategy(request, pk)
    number = request.GET.get("snapshot")
    snapshot = snapshot_of(strategy, id_or_404(number) if number else None)
    if snapshot is None:
        raise Http404
    context = approval_context(strategy, request.user)
    process = context["process"]
    under_decision = process is not None and process.snapshot_id == snapshot.pk
    seen = {
        "snapshot": snapshot.number,
        "stage": process.current_stage.kind if under_decision else "",
    }
    record = context["maslikhat_record"] if under_decision else None
    forms = _review_forms(None, snapshot, record, seen)
    status, stale = 200, None
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in REVIEW_ACTIONS:
            return HttpResponseBadRequest()
        # Whoever never takes the action is refused before any form is read (403, not 400).
        if not may_ever(request.user, strategy, REVIEW_ACTIONS[action]):
            raise PermissionDenied()
        forms = _review_forms(request.POST, snapshot, record, seen)
        try:
            return _review_decide(request, strategy, action, forms)
        except services.StaleSnapshot as error:
            stale, status = error, error.status
        except ApplicationError as error:
            _field_errors(forms[action], error)
            messages.error(request, _error_text(error))
            status = error.status
    latest = strategy.snapshots.order_by("-number").first()
    returned_by_me = (
        Process.objects.filter(
            strategy=strategy,
            stage_runs__decisions__outcome="returned",
            stage_runs__decisions__organisation__memberships__user=request.user,
        )
        .select_related("snapshot")
        .order_by("-started_at")
        .first()
    )
    lang = document_language(request)
    with translation.override(lang):
        view = document_view(snapshot.content, lang)
    return render(
        request,
        "approvals/review.html",
        {
            **context,
            # No decision is offered on a snapshot that is not the one under decision.
            "actions": context["actions"] if under_decision else set(),
            "strategy": strategy,
            "snapshot": snapshot,
            "superseded_by": latest if latest.number > snapshot.number else None,
            "stale": stale,
            "view": view,
            "document_lang": lang,
            "document_languages": DRAFTING_LANGUAGES,
            "forms": forms,
            "remarks": remarks_of(strategy),
            "returned_snapshot": returned_by_me.snapshot if returned_by_me else None,
            "previous_snapshot": strategy.snapshots.filter(number__lt=snapshot.number)
            .order_by("-number")
            .first(),
            "draft": services.published_snapshot(strategy) != snapshot,
        },
        status=status,
    )


def diff(request: HttpRequest, pk: int) -> HttpResponse:
    """What changed between two snapshots, section by section, word by word."""
    strategy = _strategy(request, pk)
    old = get_object_or_404(strategy.snapshots, number=id_or_404(request.GET.get("from")))
    new = get_object_or_404(strategy.snapshots, number=id_or_404(request.GET.get("to")))
    lang = document_language(request)
    with translation.override(lang):
        sections = snapshot_diff(old.content, new.content, lang)
    return render(
        request,
        "approvals/diff.html",
        {
            "strategy": strategy,
            "old": old,
            "new": new,
            "sections": sections,
            "document_lang": lang,
            "document_languages": DRAFTING_LANGUAGES,
            "remarks": remarks_of(strategy).filter(decision__snapshot=old),
        },
    )


def timeline(request: HttpRequest, pk: int) -> HttpResponse:
    """Every submission, stage, decision, remark and answer, with actor, date and snapshot.
    Signed-in participants see who acted by name; the public sees organisations and roles."""
    strategy = _strategy(request, pk)
    processes = list(processes_with_history(strategy))
    events = approval_events(strategy)
    people = {process.started_by_id for process in processes}
    people |= {
        decision.actor_id
        for process in processes
        for run in process.stage_runs.all()
        for decision in run.decisions.all()
    }
    people |= {event.actor_id for event in events if event.actor_id}
    return render(
        request,
        "approvals/timeline.html",
        {
            **approval_context(strategy, request.user),
            "strategy": strategy,
            "processes": processes,
            "remarks": remarks_of(strategy),
            "events": events,
            "show_names": request.user.is_authenticated,
            "people": people_labels(people, names=request.user.is_authenticated),
        },
    )


def protocol(request: HttpRequest, pk: int, hearing: int) -> FileResponse:
    """The protocol of a hearing, for whoever may read the strategy (strategies.permissions: 404
    for anyone else), served by the app in every setting (no /media/ address exists), as a
    download that the browser never renders as a page."""
    strategy = _strategy(request, pk)
    record = get_object_or_404(Hearing, pk=hearing, stage_run__process__strategy=strategy)
    if not record.protocol:
        raise Http404
    try:
        file = record.protocol.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        file,
        as_attachment=True,
        filename=f"protocol-{strategy.pk}-{record.pk}.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- the public --------------------------------------------------------------------------------


@require_safe
def edition(request: HttpRequest, pk: int) -> HttpResponse:
    """The approved edition, public without sign-in. Its document is rendered once per snapshot,
    language and template version; an anonymous reader gets the same bytes as every other one,
    with a strong ETag (304 on If-None-Match): approvals.public_edition."""
    head = public_edition.edition_page_head(pk)
    if head is None:
        raise Http404
    lang = document_language(request)
    anonymous = not request.user.is_authenticated and not len(messages.get_messages(request))
    if not anonymous:
        return _edition_page(request, head, lang, public_copy=False)
    tag = head.etag(lang, translation.get_language())
    if "CSRF_COOKIE" not in request.META:
        get_token(request)  # the cookie the PDF buttons' script sends its token from
    response = get_conditional_response(request, etag=tag) or HttpResponse(
        public_edition.anonymous_page(
            head, lang, lambda: _edition_page(request, head, lang, public_copy=True).content
        )
    )
    response["ETag"] = tag
    # Stored by browsers and shared caches, and revalidated on every use (a cheap 304): the
    # notice of a newer edition and the monitoring values are never served stale.
    patch_cache_control(response, public=True, no_cache=True)
    return response


def _edition_page(request: HttpRequest, head, lang: str, *, public_copy: bool) -> HttpResponse:
    """The edition's page around its cached document; `public_copy`: the anonymous page, the
    same for every reader (no CSRF token, the other languages as links)."""
    strategy = get_object_or_404(Strategy.objects.select_related("city"), pk=head.pk)
    with translation.override(lang):
        title = strategy.title  # an approved strategy's rows are its frozen snapshot's
    context = {
        "strategy": strategy,
        "title": title,
        "snapshot": SimpleNamespace(number=head.snapshot_number, content_hash=head.content_hash),
        "document": public_edition.document_html(head, lang),
        "document_lang": lang,
        "document_languages": DRAFTING_LANGUAGES,
        "superseded_by": head.superseded_by,
        "public_copy": public_copy,
        # The edition's indicators by SDG goal (the goal's page, narrowed to this city): one query.
        "sdg_goals": monitoring_goals(strategy),
    }
    if public_copy:
        context["csrf_token"] = ""
        context["interface_languages"] = [
            (
                code,
                translation.get_language_info(code)["name_local"],
                _edition_url(head.pk, code, lang),
            )
            for code, _name in settings.LANGUAGES
        ]
    return render(request, "approvals/edition.html", context)


def _edition_url(pk: int, interface_lang: str, document_lang: str) -> str:
    with translation.override(interface_lang):
        return f"{reverse('approvals:edition', args=[pk])}?lang={document_lang}"


@require_http_methods(["GET", "POST"])
def public_hearing(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft published for public hearings: anyone reads it and comments on a section."""
    strategy = get_object_or_404(Strategy.objects.select_related("city"), pk=pk)
    process = open_process(strategy)
    current = (
        Hearing.objects.filter(stage_run__process=process).select_related("stage_run").first()
        if process
        else None
    )
    if current is None:
        raise Http404
    # One comment form beside each section, each with its own field ids; a form sent back with
    # an error is shown at its section.
    forms = {s.slug: CommentForm(auto_id=f"comment-{s.slug}-%s") for s in SECTIONS}
    form = None
    status = 200
    if request.method == "POST":
        section = request.POST.get("section", "")
        form = CommentForm(
            request.POST, auto_id=f"comment-{section if section in forms else 'form'}-%s"
        )
        if section in forms:
            forms[section] = form
        if not form.is_valid():
            status = 400
        # Only a comment that passed the form counts against its author's address.
        elif over_limit(request, group="public-comment", rate=COMMENT_RATE):
            messages.error(
                request,
                _("Too many comments from your address; please try again in a few minutes."),
            )
            status = 429
        else:
            try:
                services.comment_add(hearing=current, **form.cleaned_data)
                messages.success(
                    request, _("Thank you: your comment is published; the akimat will answer it.")
                )
                return redirect(f"{request.path}#{form.cleaned_data['section']}")
            except ApplicationError as error:
                _field_errors(form, error)
                messages.error(request, _error_text(error))
                status = error.status
    lang = document_language(request)
    with translation.override(lang):
        view = document_view(process.snapshot.content, lang)
    today = timezone.localdate()
    comments = {}
    for comment in current.comments.filter(hidden=False).order_by("created_at"):
        comments.setdefault(comment.section, []).append(comment)
    return render(
        request,
        "approvals/public_hearing.html",
        {
            "strategy": strategy,
            "hearing": current,
            "view": view,
            "snapshot": process.snapshot,
            "comments": comments,
            "form": form,
            "comment_forms": forms,
            "is_open": current.stage_run.stage.kind == StageKind.HEARINGS
            and current.published_from <= today <= current.published_until,
            "document_lang": lang,
            "document_languages": DRAFTING_LANGUAGES,
            "section_extra": "approvals/_section_comments.html",
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request: HttpRequest) -> HttpResponse:
    """The signed-in user's notifications; opening the list marks them read."""
    items = list(request.user.notifications.select_related("strategy")[:100])
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return render(request, "approvals/notifications.html", {"items": items})
