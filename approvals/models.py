"""The approval route (p.14-16). The route and its stages are data (what should happen); processes,
stage runs, decisions, remarks, hearings and maslikhat records are what did happen. Snapshots
freeze what reviewers read."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import Membership, Organisation
from strategies.models import Strategy

# The most participants a hearing record may name: above the largest hall of any city, far below
# what the integer column holds (a typo of 2147483648 is refused at the field, not a 500).
MAX_PARTICIPANTS = 100_000


class StageKind(models.TextChoices):
    HEARINGS = "hearings", _("public hearings")
    CENTRAL = "central", _("central planning body")
    ADJACENT = "adjacent", _("adjacent akimats")
    MASLIKHAT = "maslikhat", _("maslikhat")


class Route(models.Model):
    """A definition of the stages a strategy passes (Methodology p.14-16)."""

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("approval route")
        verbose_name_plural = _("approval routes")

    def __str__(self) -> str:
        return self.name


class RouteStage(models.Model):
    """One stage of a route: who decides there, and whether it applies to every city."""

    route = models.ForeignKey(
        Route, verbose_name=_("route"), on_delete=models.CASCADE, related_name="stages"
    )
    kind = models.CharField(_("stage"), max_length=20, choices=StageKind.choices)
    position = models.PositiveSmallIntegerField(_("position"))
    decided_by = models.CharField(
        _("decided by"),
        max_length=30,
        choices=Membership.Role.choices,
        help_text=_("The role whose members decide at this stage."),
    )
    only_republican = models.BooleanField(
        _("only for the capital and cities of republican significance"), default=False
    )
    parallel = models.BooleanField(
        _("one decision per organisation, all must agree"), default=False
    )

    class Meta:
        ordering = ["route", "position"]
        verbose_name = _("route stage")
        verbose_name_plural = _("route stages")
        constraints = [
            models.UniqueConstraint(fields=["route", "kind"], name="one_stage_of_a_kind_per_route"),
            models.UniqueConstraint(fields=["route", "position"], name="one_stage_per_position"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class Snapshot(models.Model):
    """The whole document frozen at a submission; never changed (the database refuses it)."""

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.PROTECT, related_name="snapshots"
    )
    number = models.PositiveIntegerField(_("number"))
    content = models.JSONField(_("content"))
    content_hash = models.CharField(_("SHA-256"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("frozen by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("frozen at"), auto_now_add=True)

    class Meta:
        ordering = ["strategy", "number"]
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "number"], name="one_snapshot_number_per_strategy"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.number} · {self.content_hash[:12]}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A snapshot is immutable.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A snapshot is immutable.")


class Process(models.Model):
    """One submission cycle of a strategy through the route."""

    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", _("in progress")
        RETURNED = "returned", _("returned with remarks")
        APPROVED = "approved", _("approved")

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.PROTECT, related_name="processes"
    )
    route = models.ForeignKey(
        Route, verbose_name=_("route"), on_delete=models.PROTECT, related_name="+"
    )
    snapshot = models.ForeignKey(
        Snapshot, verbose_name=_("snapshot"), on_delete=models.PROTECT, related_name="processes"
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.IN_PROGRESS, editable=False
    )
    current_stage = models.ForeignKey(
        RouteStage,
        verbose_name=_("current stage"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    started_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("approval process")
        verbose_name_plural = _("approval processes")
        constraints = [
            models.UniqueConstraint(
                fields=["strategy"],
                condition=Q(state="in_progress"),
                name="one_open_process_per_strategy",
            ),
            models.CheckConstraint(
                condition=Q(state="in_progress", current_stage__isnull=False)
                | ~Q(state="in_progress"),
                name="open_process_has_a_stage",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.strategy} · {self.snapshot}"


class StageRun(models.Model):
    """A stage as it was run in one process."""

    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", _("in progress")
        COMPLETED = "completed", _("completed")
        RETURNED = "returned", _("returned with remarks")

    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="stage_runs"
    )
    stage = models.ForeignKey(
        RouteStage, verbose_name=_("stage"), on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.IN_PROGRESS, editable=False
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["process", "stage__position"]
        verbose_name = _("stage run")
        verbose_name_plural = _("stage runs")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "stage"], name="one_run_per_stage_and_process"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stage} · {self.get_state_display()}"


class Decision(models.Model):
    """What an organisation decided at a stage, on a snapshot."""

    class Outcome(models.TextChoices):
        CLOSED = "closed", _("hearings closed")
        AGREED = "agreed", _("agreed")
        RETURNED = "returned", _("returned with remarks")
        APPROVED = "approved", _("approved")

    stage_run = models.ForeignKey(
        StageRun, verbose_name=_("stage"), on_delete=models.CASCADE, related_name="decisions"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    snapshot = models.ForeignKey(
        Snapshot, verbose_name=_("snapshot"), on_delete=models.PROTECT, related_name="decisions"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    comment = models.TextField(_("comment"), blank=True, default="", max_length=2000)
    created_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            # Two reviewers of one organisation deciding at once: exactly one decision lands.
            models.UniqueConstraint(
                fields=["stage_run", "organisation"], name="one_decision_per_organisation_and_stage"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_outcome_display()}"


class Answered(models.Model):
    """Who answered (a remark, a public comment) and when."""

    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        abstract = True


# A return carries at most this many remarks (one per point; more belong in a meeting).
MAX_REMARKS_PER_RETURN = 50


class Remark(Answered):
    """A reviewer's remark on a section, a direction or an indicator; the editor answers it. The
    remark was made on its decision's snapshot and stage; the answer on `answer_snapshot`, the
    latest snapshot when it was given (the one returned)."""

    class Response(models.TextChoices):
        ACCEPTED = "accepted", _("accepted")
        NOT_ACCEPTED = "not_accepted", _("not accepted")

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="remarks"
    )
    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="remarks"
    )
    section = models.CharField(_("section"), max_length=60)
    indicator_id = models.PositiveBigIntegerField(_("indicator"), null=True, blank=True)
    target_label = models.CharField(_("points at"), max_length=400)
    text = models.TextField(_("remark"), max_length=3000)
    response = models.CharField(
        _("answer"), max_length=20, choices=Response.choices, blank=True, default=""
    )
    answer = models.TextField(_("reason"), blank=True, default="", max_length=3000)
    answer_snapshot = models.ForeignKey(
        Snapshot,
        verbose_name=_("answered on snapshot"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["decision__created_at", "id"]
        verbose_name = _("remark")
        verbose_name_plural = _("remarks")
        constraints = [
            models.CheckConstraint(
                condition=(Q(response="") & Q(answered_at__isnull=True))
                | (~Q(response="") & Q(answered_at__isnull=False) & ~Q(answer="")),
                name="remark_answer_has_response_and_reason",
            ),
            models.CheckConstraint(
                condition=Q(response="") | Q(answer_snapshot__isnull=False),
                name="remark_answer_names_its_snapshot",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target_label}: {self.text[:60]}"

    @property
    def is_open(self) -> bool:
        return not self.response


class Hearing(models.Model):
    """Public hearings of one process (p.14, Law "On Public Councils")."""

    stage_run = models.OneToOneField(
        StageRun, verbose_name=_("stage"), on_delete=models.CASCADE, related_name="hearing"
    )
    published_from = models.DateField(_("published from"))
    published_until = models.DateField(_("open for comments until"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True, default="")
    public_council = models.CharField(_("public council"), max_length=300, blank=True, default="")
    participants = models.PositiveIntegerField(
        _("participants"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PARTICIPANTS)],
    )
    # Served only through approvals.views.protocol, which checks who may read the strategy.
    protocol = models.FileField(_("protocol (PDF)"), upload_to="hearings/protocols/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("public hearing")
        verbose_name_plural = _("public hearings")
        constraints = [
            models.CheckConstraint(
                condition=Q(published_until__gte=models.F("published_from")),
                name="hearing_period_is_not_reversed",
            ),
            models.CheckConstraint(
                condition=Q(participants__isnull=True)
                | Q(participants__gte=1, participants__lte=MAX_PARTICIPANTS),
                name="hearing_participants_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.published_from} – {self.published_until}"

    @property
    def is_recorded(self) -> bool:
        return bool(self.held_on and self.place and self.public_council and self.protocol)


class Comment(Answered):
    """A public comment on a section of the published draft; the akimat answers each one."""

    hearing = models.ForeignKey(
        Hearing, verbose_name=_("hearing"), on_delete=models.CASCADE, related_name="comments"
    )
    section = models.CharField(_("section"), max_length=60)
    author_name = models.CharField(_("name"), max_length=200, blank=True, default="")
    # max_length of a TextField bounds the forms and the services, not the column.
    text = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    hidden = models.BooleanField(_("hidden as abuse"), default=False)
    answer = models.TextField(_("answer of the akimat"), blank=True, default="", max_length=5000)
    # The one-time token of the form the comment was sent with: the same form sent twice (a
    # double click, a retried request) stores one comment.
    token = models.UUIDField(_("form token"), null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("public comment")
        verbose_name_plural = _("public comments")

    def __str__(self) -> str:
        # Never the text: whatever names a comment (the audit trail, the admin) must not copy
        # what the akimat may hide as abuse.
        return f"{self._meta.verbose_name} #{self.pk}"


class MaslikhatRecord(models.Model):
    """The maslikhat stage (p.16): the akimat's recommendation, the consultation with the
    Presidential Administration, and the session. Made on the snapshot and stage of its stage
    run (one record per run; a process never changes its snapshot)."""

    stage_run = models.OneToOneField(
        StageRun, verbose_name=_("stage"), on_delete=models.CASCADE, related_name="maslikhat_record"
    )
    recommended_on = models.DateField(_("recommended by the akimat on"), null=True, blank=True)
    recommendation = models.TextField(
        _("recommendation of the akimat"), blank=True, default="", max_length=5000
    )
    consulted_on = models.DateField(
        _("consulted with the Presidential Administration on"), null=True, blank=True
    )
    consultation_reference = models.CharField(
        _("consultation reference"), max_length=200, blank=True, default=""
    )
    session_on = models.DateField(_("session date"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=100, blank=True, default="")

    class Meta:
        verbose_name = _("maslikhat record")
        verbose_name_plural = _("maslikhat records")

    def __str__(self) -> str:
        return self.decision_number or str(self.stage_run)

    @property
    def recommendation_recorded(self) -> bool:
        return bool(
            self.recommended_on
            and self.recommendation
            and self.consulted_on
            and self.consultation_reference
        )


class Notification(models.Model):
    """A message to a person who must act, shown in the app and sent by e-mail."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="notifications"
    )
    message = models.CharField(_("message"), max_length=500)
    url = models.CharField(_("link"), max_length=300)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.message
