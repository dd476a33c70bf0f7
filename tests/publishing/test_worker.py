"""PDFs rendered by a real Celery worker process over the local Redis, against the test database:
the demo in Kazakh and Russian read back with pdftotext and pdffonts, a second request served
from storage, and a worker killed in the middle of a render."""

import os
import signal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.models import User
from publishing.models import Render
from strategies import services as strategy_services
from strategies.models import Strategy, SwotItem
from tests.publishing.conftest import (
    ALL_KAZAKH_LETTERS,
    DRAFT_MARKS,
    assert_contents_point_at_sections,
    assert_fonts_declared_and_embedded,
    pdf_pages,
    stored_pdf,
)
from tests.publishing.worker import celery_worker, wait_for

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs the real Redis"),
]

SECTIONS = (
    "Analysis of the current situation",
    "International experience",
    "Vision",
    "Strategic directions",
    "Target indicators",
    "Implementation and monitoring mechanism",
)


def ask_for_pdf(client, strategy, lang: str) -> dict:
    response = client.post(
        reverse("publishing:request", args=[strategy.pk]),
        {"lang": lang},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code in (200, 202), response.content
    return response.json()


def wait_until_ready(client, status_url: str) -> dict:
    def ready():
        status = client.get(status_url, HTTP_ACCEPT="application/json").json()
        assert status["status"] != "failed", status
        return status if status["status"] == "ready" else None

    return wait_for(ready, interval=0.5)


def test_a_real_worker_renders_the_demo_in_kazakh_and_russian(fresh_demo, files_on_disk, client):
    editor = User.objects.get(username="almaty.editor")
    draft = Strategy.objects.get(city__code="almaty", state=Strategy.State.DRAFT)
    # Every Kazakh letter, upper and lower case: the demo's Kazakh text lacks a capital Ң and Һ.
    strategy_services.content_create(
        actor=editor,
        model=SwotItem,
        parent={"strategy": draft},
        values={
            "quadrant": SwotItem.Quadrant.STRENGTH,
            "text_kk": f"Әліпби: {ALL_KAZAKH_LETTERS}",
            "text_ru": "Алфавит",
        },
    )
    client.force_login(editor)
    with celery_worker(files_on_disk):
        statuses = {lang: ask_for_pdf(client, draft, lang) for lang in ("kk", "ru")}
        assert {s["status"] for s in statuses.values()} <= {"pending", "rendering"}
        ready = {lang: wait_until_ready(client, s["status_url"]) for lang, s in statuses.items()}

        # Asked for again: the stored file at once, not a second render.
        again = ask_for_pdf(client, draft, "kk")
        assert again["status"] == "ready" and again["id"] == ready["kk"]["id"]
    assert Render.objects.count() == 2

    for lang, other in (("kk", "ru"), ("ru", "kk")):
        render = Render.objects.get(pk=ready[lang]["id"])
        assert render.attempts == 1 and render.edition == Render.Edition.DRAFT
        data = stored_pdf(render)
        pages = pdf_pages(data)
        assert render.pages == len(pages) > 10
        text = " ".join(" ".join(pages).split())
        for section in SECTIONS:
            with translation.override(lang):
                assert _(section) in text, (lang, section)
            with translation.override(other):
                assert _(section) not in text, (lang, section)
        assert all(DRAFT_MARKS[lang] in page for page in pages), lang
        assert DRAFT_MARKS[other] not in text
        assert_contents_point_at_sections(pages)
        assert_fonts_declared_and_embedded(data)
    kk_text = " ".join(pdf_pages(stored_pdf(Render.objects.get(pk=ready["kk"]["id"]))))
    assert all(letter in kk_text for letter in ALL_KAZAKH_LETTERS.split())


def test_a_render_ends_ready_once_when_its_worker_is_killed(fresh_demo, files_on_disk, client):
    strategy = Strategy.objects.get(city__code="karaganda")
    client.force_login(User.objects.get(username="karaganda.editor"))
    with celery_worker(files_on_disk):
        status = ask_for_pdf(client, strategy, "ru")
        render = Render.objects.get(pk=status["id"])

        def rendering():
            render.refresh_from_db()
            return render.status == Render.Status.RENDERING and render.worker

        worker = wait_for(rendering)
        # The pool process running the task dies (as under the OOM killer): the task is
        # rejected back to the queue and redelivered to the next pool process.
        os.kill(int(worker.rsplit(":", 1)[1]), signal.SIGKILL)
        wait_until_ready(client, status["status_url"])
    render.refresh_from_db()
    assert render.status == Render.Status.READY
    assert render.attempts == 2
    files = list((files_on_disk / "publishing" / str(strategy.pk)).iterdir())
    assert [f.name for f in files] == [f"{render.key}.pdf"]
    assert len(pdf_pages(stored_pdf(render))) == render.pages
    assert Render.objects.count() == 1
