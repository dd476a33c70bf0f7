"""The life of a render: once per document, language and template version; redelivered, killed,
stalled or failing attempts; retries. WeasyPrint is replaced by a stub here (its PDFs are read in
test_pdf.py and test_worker.py): these tests are about states, files and queues."""

from datetime import timedelta

import pytest
import time_machine
from django.core.files.storage import FileSystemStorage, default_storage
from django.template import TemplateSyntaxError
from django.utils import timezone

from approvals import services as approval_services
from approvals.models import Remark
from approvals.services import published_snapshot
from core.models import User
from publishing import services
from publishing.models import Render
from publishing.pdf import BuiltPdf
from publishing.tasks import render_pdf
from strategies import services as strategy_services
from tests.approvals.conftest import bring

STUB_PDF = b"%PDF-1.7\n% stub\n"


class WorkerDied(BaseException):
    """What a SIGKILL looks like from inside: nothing of the task's own code runs after it."""


@pytest.fixture(autouse=True)
def storage(files_on_disk):
    """Each test starts with an empty storage."""


@pytest.fixture
def builds(monkeypatch) -> list:
    """WeasyPrint replaced by a stub; the list grows by one per PDF built."""
    done = []

    def build(content, context, lang, *, on_page=None):
        done.append(lang)
        if on_page:
            on_page(2)
        return BuiltPdf(STUB_PDF, 2, 0.01)

    monkeypatch.setattr(services, "build_pdf", build)
    return done


@pytest.fixture
def editor(db) -> User:
    return User.objects.get(username="almaty.editor")


def ask(editor, strategy, lang="kk", snapshot=None, *, capture, execute=True) -> Render:
    with capture(execute=execute):
        render = services.render_request(
            actor=editor, strategy=strategy, snapshot=snapshot, language=lang
        )
    render.refresh_from_db()
    return render


def files_of(render: Render) -> list[str]:
    return default_storage.listdir(f"publishing/{render.strategy_id}")[1]


@pytest.mark.embedded
def test_the_same_document_and_language_is_rendered_once(
    almaty, editor, builds, django_capture_on_commit_callbacks
):
    first = ask(editor, almaty, capture=django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks() as queued:
        again = services.render_request(actor=editor, strategy=almaty, snapshot=None, language="kk")
    assert again.pk == first.pk and again.status == Render.Status.READY
    assert queued == []  # nothing sent to a worker
    assert builds == ["kk"]
    assert first.pages == 2 and first.size == len(STUB_PDF)
    assert files_of(first) == [f"{first.key}.pdf"]


def test_another_language_or_a_changed_draft_is_another_pdf(
    almaty, editor, builds, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    kk = ask(editor, almaty, "kk", capture=capture)
    ru = ask(editor, almaty, "ru", capture=capture)
    strategy_services.content_update(
        actor=editor,
        row=almaty,
        expected_version=almaty.version,
        changes={"title_kk": "Алматы 2050: жаңа редакция"},
    )
    changed = ask(editor, almaty, "kk", capture=capture)
    assert len({kk.pk, ru.pk, changed.pk}) == 3
    assert changed.content_hash != kk.content_hash
    assert changed.draft_content["title"]["kk"] == "Алматы 2050: жаңа редакция"


def test_the_approved_edition_and_an_answered_remark_change_the_pdf(
    almaty_approved, builds, django_capture_on_commit_callbacks
):
    """The annex of a draft snapshot lists the open remarks: answering one makes a new PDF; the
    approved edition has no annex."""
    capture = django_capture_on_commit_callbacks
    edition = published_snapshot(almaty_approved)
    approved = ask(None, almaty_approved, "ru", edition, capture=capture)
    assert approved.edition == Render.Edition.APPROVED and approved.context["remarks"] == []
    assert approved.context["approval"]["decision_number"] == "45/312-VIII"
    returned = almaty_approved.snapshots.get(number=1)
    draft = ask(None, almaty_approved, "ru", returned, capture=capture)
    assert draft.edition == Render.Edition.DRAFT
    assert draft.context["compliance"]["at_submission"] is True
    assert draft.context["approval"] is None


def test_an_open_remark_is_in_the_annex_until_answered(
    almaty, editor, builds, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    bring(almaty, "returned")
    returned = almaty.snapshots.order_by("-number").first()
    remark = Remark.objects.get(strategy=almaty, response="")
    with_open = ask(editor, almaty, "kk", returned, capture=capture)
    assert [r["text"] for r in with_open.context["remarks"]] == [remark.text]
    approval_services.remark_answer(
        actor=editor,
        remark=remark,
        snapshot_number=returned.number,
        response=Remark.Response.ACCEPTED,
        answer="Стратегия «Қазақстан-2050» байланысы көрсетілді.",
    )
    answered = ask(editor, almaty, "kk", returned, capture=capture)
    assert answered.pk != with_open.pk and answered.context["remarks"] == []


def test_a_template_error_fails_at_once_without_retry(
    almaty, editor, monkeypatch, django_capture_on_commit_callbacks
):
    calls = []

    def broken(*args, **kwargs):
        calls.append(1)
        raise TemplateSyntaxError("Invalid block tag on line 3")

    monkeypatch.setattr(services, "build_pdf", broken)
    render = ask(editor, almaty, capture=django_capture_on_commit_callbacks)
    assert render.status == Render.Status.FAILED
    assert render.failure == Render.Failure.LAYOUT and "Invalid block tag" in render.error
    assert calls == [1] and render.attempts == 1
    assert not default_storage.exists(services.file_name(render))


@pytest.mark.embedded
def test_a_storage_that_fails_for_a_moment_is_retried(
    almaty, editor, builds, monkeypatch, django_capture_on_commit_callbacks
):
    real_save = FileSystemStorage.save
    failures = [OSError("No space left on device")]

    def flaky_save(storage, name, content, **kwargs):
        if failures:
            raise failures.pop()
        return real_save(storage, name, content, **kwargs)

    monkeypatch.setattr(FileSystemStorage, "save", flaky_save)
    render = ask(editor, almaty, capture=django_capture_on_commit_callbacks)
    assert render.status == Render.Status.READY
    assert render.attempts == 2 and builds == ["kk", "kk"]
    assert files_of(render) == [f"{render.key}.pdf"]


def test_a_storage_that_stays_down_fails_the_render_after_the_retries(
    almaty, editor, builds, monkeypatch, django_capture_on_commit_callbacks
):
    def down(storage, name, content, **kwargs):
        raise OSError("Connection refused")

    monkeypatch.setattr(FileSystemStorage, "save", down)
    monkeypatch.setattr(services, "MAX_ATTEMPTS", 10)
    render = ask(editor, almaty, capture=django_capture_on_commit_callbacks)
    assert render.status == Render.Status.FAILED
    assert len(builds) == render_pdf.max_retries + 1


def _dying_build(*args, **kwargs):
    raise WorkerDied


@pytest.mark.embedded
def test_a_redelivered_message_takes_over_and_another_one_waits(
    almaty, editor, builds, monkeypatch, django_capture_on_commit_callbacks
):
    render = ask(editor, almaty, capture=django_capture_on_commit_callbacks, execute=False)
    monkeypatch.setattr(services, "build_pdf", _dying_build)
    with pytest.raises(WorkerDied):
        services.render_run(render_id=render.pk, attempt="message-1")
    render.refresh_from_db()
    assert render.status == Render.Status.RENDERING and render.task_id == "message-1"
    # A second message for the same render (sent again by a poll) while the first runs.
    assert services.render_run(render_id=render.pk, attempt="message-2") is None
    monkeypatch.undo()
    monkeypatch.setattr(services, "build_pdf", lambda *a, **k: BuiltPdf(STUB_PDF, 2, 0.01))
    # The first message comes back: its worker died (Celery rejects it back to the queue).
    done = services.render_run(render_id=render.pk, attempt="message-1")
    assert done.status == Render.Status.READY and done.attempts == 2
    # Delivered once more after it was done: nothing happens.
    assert services.render_run(render_id=render.pk, attempt="message-1") is None
    assert files_of(done) == [f"{done.key}.pdf"]


def test_a_render_left_rendering_past_the_hard_limit_is_picked_up_again(
    almaty, editor, monkeypatch, django_capture_on_commit_callbacks
):
    render = ask(editor, almaty, capture=django_capture_on_commit_callbacks, execute=False)
    monkeypatch.setattr(services, "build_pdf", _dying_build)
    with pytest.raises(WorkerDied):
        services.render_run(render_id=render.pk, attempt="message-1")
    render.refresh_from_db()
    assert services.render_recover(render).status == Render.Status.RENDERING  # not yet stale
    later = timezone.now() + services.STALE_AFTER + timedelta(seconds=1)
    with time_machine.travel(later), django_capture_on_commit_callbacks() as queued:
        recovered = services.render_recover(render)
    assert recovered.status == Render.Status.PENDING and len(queued) == 1


def test_a_render_whose_worker_dies_every_time_fails_with_a_message(
    almaty, editor, monkeypatch, django_capture_on_commit_callbacks
):
    render = ask(editor, almaty, capture=django_capture_on_commit_callbacks, execute=False)
    monkeypatch.setattr(services, "build_pdf", _dying_build)
    for attempt in range(services.MAX_ATTEMPTS):
        with pytest.raises(WorkerDied):
            services.render_run(render_id=render.pk, attempt=f"message-{attempt}")
        render.refresh_from_db()
        with time_machine.travel(render.started_at + services.STALE_AFTER):
            render = services.render_recover(render)
    assert render.status == Render.Status.FAILED
    assert render.failure == Render.Failure.WORKER_LOST


def test_a_render_no_worker_takes_is_sent_again_then_failed(
    almaty, editor, builds, django_capture_on_commit_callbacks
):
    render = ask(editor, almaty, capture=django_capture_on_commit_callbacks, execute=False)
    assert render.status == Render.Status.PENDING
    later = timezone.now() + services.STALE_AFTER
    with time_machine.travel(later), django_capture_on_commit_callbacks() as queued:
        render = services.render_recover(render)
    assert render.status == Render.Status.PENDING and len(queued) == 1
    with time_machine.travel(timezone.now() + services.PENDING_GIVE_UP):
        render = services.render_recover(render)
    assert render.status == Render.Status.FAILED
    assert render.failure == Render.Failure.NO_WORKER


def test_a_failed_render_is_retried_on_request_only(
    almaty, editor, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "build_pdf", lambda *a, **k: 1 / 0)
    render = ask(editor, almaty, capture=django_capture_on_commit_callbacks)
    assert render.status == Render.Status.FAILED
    # Asked for again: the failure is shown (with its retry), not rendered behind the user's back.
    assert (
        services.render_request(actor=editor, strategy=almaty, snapshot=None, language="kk").status
        == Render.Status.FAILED
    )
    monkeypatch.setattr(services, "build_pdf", lambda *a, **k: BuiltPdf(STUB_PDF, 2, 0.01))
    with django_capture_on_commit_callbacks(execute=True):
        services.render_retry(actor=editor, render=render)
    render.refresh_from_db()
    assert render.status == Render.Status.READY and render.failure == render.error == ""


def test_the_working_drafts_pdfs_older_than_a_day_are_dropped_with_their_files(
    almaty, editor, builds, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    old = ask(editor, almaty, "kk", capture=capture)
    name = old.file.name
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        new = ask(editor, almaty, "kk", capture=capture)
    assert new.pk != old.pk  # the cover's date changed
    assert not Render.objects.filter(pk=old.pk).exists()
    assert not default_storage.exists(name)
    assert default_storage.exists(new.file.name)


def test_a_visibility_timeout_below_the_hard_time_limit_is_a_configuration_error(settings):
    from publishing.apps import check_redelivery

    assert check_redelivery() == []
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": settings.CELERY_TASK_TIME_LIMIT
    }
    assert [error.id for error in check_redelivery()] == ["publishing.E002"]
