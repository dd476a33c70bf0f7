"""Notification e-mails are sent by a real Celery worker through Redis (and once only)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection

from approvals.models import Notification
from approvals.tasks import send_notification_emails
from config.celery_app import app
from strategies.models import Strategy
from tests.approvals.conftest import user

ROOT = Path(__file__).resolve().parents[2]


def test_the_task_sends_each_notification_once(almaty):
    mail.outbox.clear()
    note = Notification.objects.create(
        user=user("ministry.reviewer"),
        strategy=almaty,
        message_kk="Хабар",
        message_ru="Сообщение",
        url="/",
    )
    assert send_notification_emails([note.pk]) == 1
    assert send_notification_emails([note.pk]) == 0  # idempotent: a redelivered task sends nothing
    assert len(mail.outbox) == 1 and "Сообщение" in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs the real Redis (make test sets it)"
)
def test_a_real_worker_sends_the_emails_over_redis(fresh_demo):
    note = Notification.objects.create(
        user=user("ministry.reviewer"),
        strategy=Strategy.objects.get(city__code="almaty", state="draft"),
        message_ru="Стратегия ожидает вашего решения",
        url="/",
    )
    settings_dict = connection.settings_dict
    database_url = f"postgres://{settings_dict['USER']}@{settings_dict['HOST']}:{settings_dict['PORT']}/{settings_dict['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url,
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "solo", "--loglevel", "WARNING",
         "--hostname", f"qala-test-{os.getpid()}@localhost", "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        result = send_notification_emails.delay([note.pk])
        assert result.get(timeout=60) == 1
    finally:
        app.conf.task_always_eager = eager
        worker.terminate()
        worker.wait(timeout=30)
    note.refresh_from_db()
    assert note.emailed_at is not None
