"""A real Celery worker process against the local Redis and the test database, as production runs
it (prefork pool, late acknowledgement, reject on worker lost), for the tests that need one."""

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

from config.celery_app import app

ROOT = Path(__file__).resolve().parents[2]


def disk_storage(settings, folder: Path) -> Path:
    """Point the default storage at `folder` on disk (a worker process can share it)."""
    settings.MEDIA_ROOT = folder
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return folder


def _database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@contextmanager
def celery_worker(media_root: Path):
    """Start a worker (one prefork child) and send tasks to it for the duration; yields the
    worker process. Tasks left in the queue by an earlier run are purged first."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.publishing.worker_settings",
        "DATABASE_URL": _database_url(),
        "QALA_TEST_MEDIA_ROOT": str(media_root),
        "LOG_LEVEL": "WARNING",
    }
    app.control.purge()
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "prefork",
         "--concurrency", "1", "--loglevel", "WARNING", "--hostname", f"qala-pdf-{os.getpid()}@localhost",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        yield worker
    finally:
        app.conf.task_always_eager = eager
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)


def wait_for(condition, timeout: float = 180, interval: float = 0.05):
    """Poll `condition()` until it returns something true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"gave up waiting after {timeout} s")
