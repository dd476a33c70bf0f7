"""The route end to end through its transitions: submission gate, snapshots, hearings, reviews,
returns with remarks, the maslikhat, the published edition and amendments."""

import hashlib
import json

import pytest
from django.core import mail
from django.db import DatabaseError, transaction
from django.utils import timezone, translation

from approvals import services
from approvals.models import Decision, Hearing, Notification, Process, Remark, Snapshot
from approvals.snapshots import canonical_json, content_hash, snapshot_is_intact
from core.exceptions import Conflict, InvalidInput
from core.models import AuditEvent
from strategies.models import Strategy
from strategies.services import content_update
from tests.approvals.conftest import bring, on_page, protocol, through_hearings, tomorrow, user
from tests.clock import days_pass

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English."""
    with translation.override("en"):
        yield


def events(strategy, kind):
    return AuditEvent.objects.filter(strategy=strategy, event_type=kind).count()


def test_a_strategy_failing_the_compliance_check_is_refused_with_the_failing_checks(karaganda):
    with pytest.raises(services.SubmissionRefused) as refused:
        services.process_submit(
            actor=user("karaganda.editor"), strategy=karaganda, hearing_until=tomorrow()
        )
    failing = refused.value.details["failing"]
    assert {"analysis.swot", "vision.documents", "mechanism"} <= set(failing)
    karaganda.refresh_from_db()
    assert karaganda.state == Strategy.State.DRAFT
    assert not Snapshot.objects.filter(strategy=karaganda).exists()
    assert events(karaganda, "approval.submitted") == 0


def test_submission_freezes_the_whole_document_with_a_sha256_hash(almaty):
    process = services.process_submit(
        actor=user("almaty.editor"), strategy=almaty, hearing_until=tomorrow()
    )
    snapshot = process.snapshot
    assert snapshot.number == 1
    assert snapshot.content_hash == hashlib.sha256(canonical_json(snapshot.content)).hexdigest()
    assert (
        snapshot.content["title"]["kk"] == almaty.title_kk
        and snapshot.content["title"]["ru"] == almaty.title_ru
    )
    assert len(snapshot.content["directions"]) == 5
    assert snapshot_is_intact(snapshot)
    almaty.refresh_from_db()
    assert almaty.state == Strategy.State.IN_APPROVAL


def test_the_hash_is_stable_and_changes_with_any_content_change(almaty):
    assert content_hash({"b": [1, 2], "a": "Алматы"}) == content_hash({"a": "Алматы", "b": [1, 2]})
    process = services.process_submit(
        actor=user("almaty.editor"), strategy=almaty, hearing_until=tomorrow()
    )
    original = process.snapshot.content
    changed = json.loads(json.dumps(original))
    changed["swot"]["threat"][0]["ru"] += "."
    assert content_hash(changed) != process.snapshot.content_hash
    assert content_hash(json.loads(json.dumps(original))) == process.snapshot.content_hash


def test_nothing_can_alter_a_snapshot(almaty):
    snapshot = services.process_submit(
        actor=user("almaty.editor"), strategy=almaty, hearing_until=tomorrow()
    ).snapshot
    with pytest.raises(ValueError):
        snapshot.save()
    with pytest.raises(ValueError):
        snapshot.delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        Snapshot.objects.filter(pk=snapshot.pk).update(content={"forged": True})
    with pytest.raises(DatabaseError), transaction.atomic():
        Snapshot.objects.filter(pk=snapshot.pk).delete()
    snapshot.refresh_from_db()
    assert snapshot_is_intact(snapshot) and "forged" not in snapshot.content


def test_the_live_draft_cannot_be_edited_while_in_approval(almaty):
    from core.exceptions import PermissionDenied

    bring(almaty, "central")
    with pytest.raises(PermissionDenied):
        content_update(
            actor=user("almaty.editor"), row=almaty.vision, expected_version=almaty.vision.version,
            changes={"text_ru": "<p>Новое</p>"},
        )  # fmt: skip


def test_hearings_cannot_close_while_a_comment_is_unanswered_or_the_hearing_unrecorded(almaty):
    editor = user("almaty.editor")
    bring(almaty, "hearings")
    with pytest.raises(Conflict) as refused:
        services.hearings_close(actor=editor, strategy=almaty)
    # The period runs, the hearing is not recorded, one comment is unanswered.
    assert len(refused.value.details["problems"]) == 3
    comment = Hearing.objects.get(stage_run__process__strategy=almaty).comments.get()
    services.comment_answer(
        actor=editor, comment=comment, answer="Жасыл белдеу жобасына енгізілді."
    )
    services.hearing_record(
        actor=editor, strategy=almaty, held_on=TODAY(), place="Алматы", public_council="Қоғамдық кеңес",
        participants=80, protocol=protocol(),
    )  # fmt: skip
    days_pass(1)
    process = services.hearings_close(actor=editor, strategy=almaty)
    assert process.current_stage.kind == "central"
    assert events(almaty, "approval.hearings_closed") == 1


def test_hearings_cannot_close_before_the_period_ends(almaty):
    editor = user("almaty.editor")
    later = TODAY() + timezone.timedelta(days=20)
    services.process_submit(actor=editor, strategy=almaty, hearing_until=later)
    services.hearing_record(
        actor=editor, strategy=almaty, held_on=TODAY(), place="Алматы", public_council="Кеңес",
        participants=10, protocol=protocol(),
    )  # fmt: skip
    with pytest.raises(Conflict):
        services.hearings_close(actor=editor, strategy=almaty)


def test_a_hidden_abusive_comment_needs_no_answer(almaty):
    editor = user("almaty.editor")
    bring(almaty, "hearings")
    comment = Hearing.objects.get(stage_run__process__strategy=almaty).comments.get()
    services.comment_answer(actor=editor, comment=comment, hidden=True)
    services.hearing_record(
        actor=editor, strategy=almaty, held_on=TODAY(), place="Алматы", public_council="Кеңес",
        participants=10, protocol=protocol(),
    )  # fmt: skip
    days_pass(1)
    assert services.hearings_close(actor=editor, strategy=almaty).current_stage.kind == "central"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("protocol.docx", b"PK\x03\x04 not a pdf", "PDF"),
        ("protocol.pdf", b"<html>not a pdf</html>", "PDF"),
        ("protocol.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "10 MB"),
    ],
)
def test_the_protocol_must_be_a_pdf_of_at_most_10_mb(almaty, name, data, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    editor = user("almaty.editor")
    services.process_submit(actor=editor, strategy=almaty, hearing_until=tomorrow())
    with pytest.raises(InvalidInput) as refused:
        services.hearing_record(
            actor=editor, strategy=almaty, held_on=TODAY(), place="Алматы", public_council="Кеңес",
            participants=10, protocol=SimpleUploadedFile(name, data),
        )  # fmt: skip
    assert message in str(refused.value.details["protocol"][0])
    assert not Hearing.objects.get(stage_run__process__strategy=almaty).protocol


def test_the_whole_route_for_almaty_with_one_return_and_resubmission(almaty):
    editor, ministry = user("almaty.editor"), user("ministry.reviewer")
    through_hearings(almaty, editor)
    indicator = almaty.directions.get(kind=3).indicators.first()
    services.stage_return(
        actor=ministry, strategy=almaty, **on_page(almaty),
        remarks=[
            services.RemarkInput("section:vision", "Уточните видение."),
            services.RemarkInput(f"indicator:{indicator.pk}", "Обоснуйте значение на 2030 год."),
        ],
    )  # fmt: skip
    almaty.refresh_from_db()
    assert almaty.state == Strategy.State.DRAFT
    first = Process.objects.get(strategy=almaty)
    assert first.state == Process.State.RETURNED
    remarks = list(Remark.objects.filter(strategy=almaty).order_by("id"))
    assert [r.section for r in remarks] == ["vision", "indicators-environment"]
    assert remarks[1].indicator_id == indicator.pk and remarks[1].target_label == indicator.name_en

    # The editor changes the draft, answers one remark, and resubmits: the other travels on open.
    content_update(
        actor=editor, row=almaty.vision, expected_version=almaty.vision.version,
        changes={"text_ru": almaty.vision.text_ru + "<p>Алматы — город, служащий целям Стратегии «Казахстан-2050».</p>"},
    )  # fmt: skip
    services.remark_answer(
        actor=editor, remark=remarks[0], snapshot_number=1, response="accepted",
        answer="Видение дополнено.",
    )  # fmt: skip
    assert Remark.objects.get(pk=remarks[0].pk).answer_snapshot == first.snapshot
    # Back to the central body that returned it, the hearing kept (p.14-16).
    services.process_submit(actor=editor, strategy=almaty)
    second = Process.objects.get(strategy=almaty, state=Process.State.IN_PROGRESS)
    assert second.snapshot.number == 2 and first.snapshot.content != second.snapshot.content
    assert Remark.objects.filter(strategy=almaty, response="").count() == 1

    services.stage_agree(actor=ministry, strategy=almaty, snapshot_number=2, stage="central")
    services.stage_agree(
        actor=user("almaty-region.reviewer"), strategy=almaty, snapshot_number=2, stage="adjacent"
    )
    with pytest.raises(Conflict):  # no recommendation yet
        services.maslikhat_approve(
            actor=user("almaty.maslikhat"), strategy=almaty, snapshot_number=2,
            session_on=TODAY(), decision_number="1",
        )  # fmt: skip
    services.maslikhat_recommend(
        actor=editor, strategy=almaty, snapshot_number=2, recommended_on=TODAY(),
        recommendation="Ұсынылады.", consulted_on=TODAY(), consultation_reference="01-12/345",
    )  # fmt: skip
    services.maslikhat_approve(
        actor=user("almaty.maslikhat"),
        strategy=almaty,
        snapshot_number=2,
        session_on=TODAY(),
        decision_number="45/312-VIII",
    )

    almaty.refresh_from_db()
    assert almaty.state == Strategy.State.APPROVED
    assert services.published_snapshot(almaty) == second.snapshot
    decisions = Decision.objects.filter(stage_run__process=second).order_by("id")
    assert [(d.stage_run.stage.kind, d.outcome) for d in decisions] == [
        ("central", "agreed"), ("adjacent", "agreed"), ("maslikhat", "approved"),
    ]  # fmt: skip
    assert all(d.snapshot == second.snapshot for d in decisions)
    # Every transition left exactly one audit event.
    for kind, count in {
        "approval.submitted": 1, "approval.resubmitted": 1, "approval.hearings_closed": 1,
        "approval.returned": 1,
        "approval.agreed": 2, "approval.recommended": 1, "approval.approved": 1,
        "approval.remark_answered": 1, "approval.hearing_recorded": 1,
    }.items():  # fmt: skip
        assert events(almaty, kind) == count, kind


def test_a_regional_centre_goes_through_without_the_adjacent_stage(complete_regional_centre):
    strategy, editor, secretary = complete_regional_centre
    through_hearings(strategy, editor)
    services.stage_agree(actor=user("ministry.reviewer"), strategy=strategy, **on_page(strategy))
    process = Process.objects.get(strategy=strategy, state=Process.State.IN_PROGRESS)
    assert process.current_stage.kind == "maslikhat"
    services.maslikhat_recommend(
        actor=editor, strategy=strategy, snapshot_number=1, recommended_on=TODAY(),
        recommendation="Ұсынылады.", consulted_on=TODAY(), consultation_reference="01-12/777",
    )  # fmt: skip
    services.maslikhat_approve(
        actor=secretary, strategy=strategy, snapshot_number=1, session_on=TODAY(),
        decision_number="7/56",
    )  # fmt: skip
    strategy.refresh_from_db()
    assert strategy.state == Strategy.State.APPROVED
    assert not process.stage_runs.filter(stage__kind="adjacent").exists()


def test_a_return_needs_a_remark(almaty):
    bring(almaty, "central")
    with pytest.raises(InvalidInput):
        services.stage_return(
            actor=user("ministry.reviewer"),
            strategy=almaty,
            **on_page(almaty),
            remarks=[services.RemarkInput("section:vision", " ")],
        )
    with pytest.raises(InvalidInput):
        services.stage_return(
            actor=user("ministry.reviewer"),
            strategy=almaty,
            **on_page(almaty),
            remarks=[services.RemarkInput("section:nowhere", "x")],
        )
    assert not Remark.objects.filter(strategy=almaty).exists()


def test_an_amendment_is_a_new_cycle_while_the_approved_edition_stays_published(almaty):
    bring(almaty, "approved")
    editor = user("almaty.editor")
    amendment = services.strategy_amend(actor=editor, strategy=almaty)
    assert amendment.state == Strategy.State.DRAFT and amendment.amends == almaty
    almaty.refresh_from_db()
    assert almaty.state == Strategy.State.APPROVED
    edition = services.published_snapshot(almaty)
    with pytest.raises(Conflict):  # one amendment at a time
        services.strategy_amend(actor=editor, strategy=almaty)
    # The amendment passes the route; then it is the edition in force and the old one superseded.
    through_hearings(amendment, editor)
    services.stage_agree(actor=user("ministry.reviewer"), strategy=amendment, **on_page(amendment))
    services.stage_agree(
        actor=user("almaty-region.reviewer"), strategy=amendment, **on_page(amendment)
    )
    services.maslikhat_recommend(
        actor=editor, strategy=amendment, snapshot_number=1, recommended_on=TODAY(),
        recommendation="Ұсынылады.", consulted_on=TODAY(), consultation_reference="01-12/999",
    )  # fmt: skip
    services.maslikhat_approve(
        actor=user("almaty.maslikhat"),
        strategy=amendment,
        snapshot_number=1,
        session_on=TODAY(),
        decision_number="2/10",
    )
    almaty.refresh_from_db()
    amendment.refresh_from_db()
    assert (almaty.state, amendment.state) == (Strategy.State.SUPERSEDED, Strategy.State.APPROVED)
    assert services.published_snapshot(almaty) == edition  # the old edition stays readable


def test_the_people_who_must_act_next_are_notified_in_app_and_by_email(
    almaty, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        through_hearings(almaty, user("almaty.editor"))
    ministry = user("ministry.reviewer")
    notification = Notification.objects.filter(user=ministry, strategy=almaty).get()
    assert "«" in notification.message_ru or "“" in notification.message_ru
    assert notification.emailed_at is not None
    assert any(ministry.email in message.to for message in mail.outbox)
