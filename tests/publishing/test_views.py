"""The PDF pages and endpoints: who may have which PDF, the buttons on the strategy's pages, the
JSON the page's script polls, the download, the retry. WeasyPrint is stubbed (see test_pdf.py
for the real thing)."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from approvals.services import published_snapshot
from core.models import User
from publishing import services
from publishing.models import Render
from publishing.pdf import BuiltPdf

STUB_PDF = b"%PDF-1.7\n% stub\n"
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture(autouse=True)
def stub_pdf(monkeypatch, files_on_disk):
    monkeypatch.setattr(services, "build_pdf", lambda *a, **k: BuiltPdf(STUB_PDF, 3, 0.01))


def signed_in(client, username: str | None):
    if username:
        client.force_login(User.objects.get(username=username))
    return client


def ask(client, strategy, lang="kk", snapshot=None, **headers):
    data = {"lang": lang, **({"snapshot": snapshot} if snapshot is not None else {})}
    return client.post(reverse("publishing:request", args=[strategy.pk]), data, **headers)


@pytest.mark.embedded
def test_anyone_may_have_the_approved_edition(
    client, almaty_approved, django_capture_on_commit_callbacks
):
    edition = published_snapshot(almaty_approved)
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, almaty_approved, "ru", edition.number, **JSON)
    # The task runs when the captured on-commit callbacks run, after the answer.
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "pending" and body["language"] == "ru"
    status = client.get(body["status_url"], **JSON).json()
    assert status["status"] == "ready" and status["pages"] == 3
    download = client.get(status["download_url"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == (
        'attachment; filename="almaty-strategy-2050-approved-ru.pdf"'
    )
    assert b"".join(download.streaming_content) == STUB_PDF
    assert "public" in download["Cache-Control"]


@pytest.mark.parametrize("username", [None, "karaganda.editor", "ministry.reviewer"])
def test_the_live_draft_is_404_to_all_but_its_editors(client, almaty, username):
    signed_in(client, username)
    response = ask(client, almaty, "kk", **JSON)
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert Render.objects.filter(strategy=almaty).count() == 0


def test_a_snapshot_before_the_edition_is_not_public(client, almaty_approved):
    """The returned snapshot #1 is read where its review page is: signed in."""
    response = ask(client, almaty_approved, "kk", 1, **JSON)
    assert response.status_code == 404
    assert Render.objects.count() == 0


def test_a_reviewer_may_have_the_snapshot_they_decided_on(
    client, almaty_approved, django_capture_on_commit_callbacks
):
    signed_in(client, "ministry.reviewer")
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, almaty_approved, "kk", 1, **JSON)
    assert response.status_code == 202
    render = Render.objects.get(pk=response.json()["id"])
    assert render.snapshot.number == 1 and render.edition == Render.Edition.DRAFT
    assert client.get(reverse("publishing:download", args=[render.pk])).status_code == 200


@pytest.mark.embedded
def test_the_editor_has_the_live_draft_without_a_snapshot_number(
    client, almaty, django_capture_on_commit_callbacks
):
    signed_in(client, "almaty.editor")
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, almaty, "ru", **JSON)
    render = Render.objects.get(pk=response.json()["id"])
    assert render.snapshot is None and render.draft_content is not None
    download = client.get(reverse("publishing:download", args=[render.pk]))
    assert "draft-ru.pdf" in download["Content-Disposition"]
    # Another city's editor does not even learn the render exists.
    client.force_login(User.objects.get(username="karaganda.editor"))
    assert client.get(reverse("publishing:status", args=[render.pk]), **JSON).status_code == 404
    assert client.get(reverse("publishing:download", args=[render.pk])).status_code == 404


@pytest.mark.parametrize(
    "data, field",
    [
        ({"lang": "en"}, "lang"),
        ({"lang": ""}, "lang"),
        ({"lang": "kk", "snapshot": "²"}, "snapshot"),
        ({"lang": "kk", "snapshot": "-1"}, "snapshot"),
        ({"lang": "kk", "snapshot": "99999999999999999999"}, "snapshot"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(client, almaty_approved, data, field):
    response = client.post(reverse("publishing:request", args=[almaty_approved.pk]), data, **JSON)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and field in body["details"]


def test_a_snapshot_that_does_not_exist_is_404(client, almaty_approved):
    assert ask(client, almaty_approved, "kk", 99, **JSON).status_code == 404
    assert ask(client, almaty_approved, "kk", 99).status_code == 404


def test_without_the_script_the_form_leads_to_the_render_page(
    client, almaty_approved, django_capture_on_commit_callbacks
):
    edition = published_snapshot(almaty_approved)
    with django_capture_on_commit_callbacks(execute=False):
        response = ask(client, almaty_approved, "kk", edition.number)
    render = Render.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("publishing:render", args=[render.pk])
    page = client.get(response["Location"])
    html = page.content.decode()
    assert 'http-equiv="refresh"' in html  # refreshes itself while it waits
    assert reverse("publishing:status", args=[render.pk]) in html
    assert "js/pdf.js" in html


def test_a_failed_render_shows_its_reason_and_is_retried(
    client, almaty_approved, monkeypatch, django_capture_on_commit_callbacks
):
    edition = published_snapshot(almaty_approved)
    monkeypatch.setattr(services, "build_pdf", lambda *a, **k: 1 / 0)
    with django_capture_on_commit_callbacks(execute=True):
        body = ask(client, almaty_approved, "kk", edition.number, **JSON).json()
    status = client.get(body["status_url"], **JSON).json()
    assert status["status"] == "failed"
    with translation.override("kk"):
        assert status["message"] == _("The PDF could not be made: %(reason)s.") % {
            "reason": Render.Failure.LAYOUT.label
        }
    assert "division by zero" in Render.objects.get(pk=body["id"]).error  # for operators only
    page = client.get(status["page_url"]).content.decode()
    assert status["retry_url"] in page  # a retry form works without the script too
    monkeypatch.setattr(services, "build_pdf", lambda *a, **k: BuiltPdf(STUB_PDF, 3, 0.01))
    with django_capture_on_commit_callbacks(execute=True):
        retried = client.post(status["retry_url"], **JSON)
    assert retried.status_code == 202
    assert client.get(body["status_url"], **JSON).json()["status"] == "ready"
    again = client.post(status["retry_url"], **JSON)
    assert again.status_code == 409 and again.json()["code"] == "conflict"


def test_a_lost_file_fails_the_render_so_it_can_be_made_again(
    client, almaty_approved, django_capture_on_commit_callbacks
):
    edition = published_snapshot(almaty_approved)
    with django_capture_on_commit_callbacks(execute=True):
        body = ask(client, almaty_approved, "ru", edition.number, **JSON).json()
    render = Render.objects.get(pk=body["id"])
    default_storage.delete(render.file.name)
    response = client.get(reverse("publishing:download", args=[render.pk]))
    assert response.status_code == 302
    render.refresh_from_db()
    assert render.status == Render.Status.FAILED
    assert render.failure == Render.Failure.FILE_MISSING


def test_the_status_is_read_in_a_fixed_number_of_queries(
    client, almaty_approved, django_assert_num_queries, django_capture_on_commit_callbacks
):
    edition = published_snapshot(almaty_approved)
    with django_capture_on_commit_callbacks(execute=False):
        body = ask(client, almaty_approved, "kk", edition.number, **JSON).json()
    with django_assert_num_queries(2):  # the render, the renders queued before it
        assert client.get(body["status_url"], **JSON).json()["status"] == "pending"


def test_a_second_request_is_answered_in_a_fixed_number_of_queries(
    client, almaty_approved, django_assert_num_queries, django_capture_on_commit_callbacks
):
    edition = published_snapshot(almaty_approved)
    with django_capture_on_commit_callbacks(execute=True):
        first = ask(client, almaty_approved, "kk", edition.number, **JSON).json()
    # The strategy (with its city and maslikhat), the snapshot, its approving process, the
    # hearing, the maslikhat's record, the monitoring values, the road map's monitoring, the
    # render: no document is loaded.
    with django_assert_num_queries(8):
        again = ask(client, almaty_approved, "kk", edition.number, **JSON)
    assert again.status_code == 200 and again.json()["id"] == first["id"]


def test_the_buttons_are_on_the_overview_each_snapshot_and_the_public_edition(
    client, almaty, almaty_approved
):
    request_url = reverse("publishing:request", args=[almaty_approved.pk])
    edition = client.get(reverse("approvals:edition", args=[almaty_approved.pk])).content.decode()
    assert "PDF (қазақша)" in edition and "PDF (русский)" in edition
    assert f'action="{request_url}"' in edition and "js/pdf.js" in edition
    timeline = client.get(reverse("approvals:timeline", args=[almaty_approved.pk])).content.decode()
    for number in (1, 2):  # every submission
        assert f'name="snapshot" value="{number}"' in timeline
    signed_in(client, "ministry.reviewer")
    review = client.get(
        reverse("approvals:review", args=[almaty_approved.pk]), {"snapshot": 1}
    ).content.decode()
    assert 'name="snapshot" value="1"' in review and "PDF (русский)" in review
    signed_in(client, "almaty.editor")
    overview = client.get(reverse("strategies:overview", args=[almaty.pk])).content.decode()
    assert reverse("publishing:request", args=[almaty.pk]) in overview
    assert 'name="snapshot"' not in overview  # the strategy as it stands: the live draft
