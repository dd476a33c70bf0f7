"""Helpers that walk a strategy along the route through the real transitions."""

import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfWriter

from approvals import services
from approvals.models import Hearing, Process, Remark
from core.models import City, Membership, Organisation, User
from strategies.document_json import document_dump, document_load
from strategies.selectors import strategy_document
from tests.clock import days_pass


def pdf_bytes(change=None) -> bytes:
    """A real one-page PDF made with pypdf; `change(writer)` may add to it before it is written."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if change is not None:
        change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF = pdf_bytes()


def tomorrow() -> date:
    """The earliest end of a comment period (approvals.hearing_dates)."""
    return timezone.localdate() + timedelta(days=1)


def user(username: str) -> User:
    return User.objects.get(username=username)


def member(username: str, organisation: str, role: str) -> User:
    person = User.objects.create_user(
        username, password="x-2050-long-password", email=f"{username}@example.kz"
    )
    Membership.objects.create(
        user=person, organisation=Organisation.objects.get(code=organisation), role=role
    )
    return person


def protocol() -> SimpleUploadedFile:
    return SimpleUploadedFile("protocol.pdf", PDF, content_type="application/pdf")


def through_hearings(strategy, editor) -> None:
    """Submit, take and answer a comment, record the hearing, let the comment period end (the
    test's clock moves a day on) and close the hearings. A returned draft is submitted with new
    hearings (the akimat's choice; by default it would go back to the stage that returned it)."""
    today = timezone.localdate()
    services.process_submit(
        actor=editor, strategy=strategy, hearing_until=tomorrow(), new_hearings=True
    )
    hearing = Hearing.objects.get(
        stage_run__process__strategy=strategy, stage_run__state="in_progress"
    )
    comment = services.comment_add(
        hearing=hearing, section="vision", author_name="Әлия", text="Саябақтар жеткіліксіз."
    )
    services.comment_answer(
        actor=editor, comment=comment, answer="Жасыл белдеу жобасына енгізілді."
    )
    services.hearing_record(
        actor=editor, strategy=strategy, held_on=today, place="Алматы, Абай даңғылы, 90",
        public_council="Алматы қаласының қоғамдық кеңесі", participants=140, protocol=protocol(),
    )  # fmt: skip
    days_pass(1)
    services.hearings_close(actor=editor, strategy=strategy)


def on_page(strategy) -> dict:
    """What a page of the snapshot under decision carries, as the keywords of stage_agree and
    stage_return: the snapshot's number and the current stage."""
    process = Process.objects.select_related("snapshot", "current_stage").get(
        strategy=strategy, state=Process.State.IN_PROGRESS
    )
    return {"snapshot_number": process.snapshot.number, "stage": process.current_stage.kind}


def latest_snapshot(strategy) -> int:
    """The number of the strategy's latest snapshot: the one under decision while a process is
    open, the one returned while the editor answers remarks."""
    return strategy.snapshots.order_by("-number").first().number


STAGES = ["draft", "hearings", "central", "adjacent", "maslikhat", "returned", "approved"]


def bring(strategy, stage: str) -> None:
    """Walk Almaty's strategy to `stage` with the demo users."""
    editor = user("almaty.editor")
    if stage == "draft":
        return
    if stage == "hearings":  # a returned draft too: the akimat chooses new hearings
        services.process_submit(
            actor=editor, strategy=strategy, hearing_until=tomorrow(), new_hearings=True
        )
        hearing = Hearing.objects.get(
            stage_run__process__strategy=strategy, stage_run__state="in_progress"
        )
        services.comment_add(
            hearing=hearing, section="vision", author_name="", text="Көбірек саябақ керек."
        )
        return
    through_hearings(strategy, editor)
    if stage == "central":
        return
    if stage == "returned":
        services.stage_return(
            actor=user("ministry.reviewer"), strategy=strategy, **on_page(strategy),
            remarks=[services.RemarkInput("section:vision", "Уточните связь со Стратегией «Казахстан-2050».")],
        )  # fmt: skip
        return
    services.stage_agree(actor=user("ministry.reviewer"), strategy=strategy, **on_page(strategy))
    if stage == "adjacent":
        return
    services.stage_agree(
        actor=user("almaty-region.reviewer"), strategy=strategy, **on_page(strategy)
    )
    if stage == "maslikhat":
        return
    today = timezone.localdate()
    services.maslikhat_recommend(
        actor=editor, strategy=strategy, snapshot_number=latest_snapshot(strategy),
        recommended_on=today, recommendation="Әкімдік ұсынады.",
        consulted_on=today, consultation_reference="ҚР Президенті Әкімшілігі, 01-12/345",
    )  # fmt: skip
    services.maslikhat_approve(
        actor=user("almaty.maslikhat"),
        strategy=strategy,
        snapshot_number=latest_snapshot(strategy),
        session_on=today,
        decision_number="45/312-VIII",
    )
    assert stage == "approved"


@pytest.fixture
def other_reviewers(db):
    """Reviewers of organisations that have nothing to do with Almaty's strategy (the demo may
    have one already)."""
    name = "akmola-region.reviewer"
    return {
        name: User.objects.filter(username=name).first()
        or member(name, "region-akimat-akmola", Membership.Role.ADJACENT_REVIEWER),
    }


@pytest.fixture
def complete_regional_centre(db):
    """A complete strategy of Pavlodar (a regional centre), its editor and its region's secretary."""
    editor = member("pavlodar.editor", "city-akimat-pavlodar", Membership.Role.CITY_EDITOR)
    secretary = member(
        "pavlodar.maslikhat", "region-maslikhat-pavlodar", Membership.Role.MASLIKHAT_SECRETARY
    )
    from strategies.models import Strategy

    content = document_dump(
        strategy_document(Strategy.objects.get(city__code="almaty", state="draft").pk)
    )
    content.update(city="pavlodar", settlements=[])
    strategy = document_load(content, actor=editor)
    assert City.objects.get(code="pavlodar").category == "regional_centre"
    return strategy, editor, secretary


def open_remarks(strategy):
    return Remark.objects.filter(strategy=strategy, response="")
