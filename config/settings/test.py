"""Test run: the real PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set (make test sets them)."""

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-not-a-secret")

from config.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests run Celery tasks in process unless a test starts a real worker.
CELERY_TASK_ALWAYS_EAGER = True
# Approvals in tests leave charts to the page that shows them (a test of the task turns it on).
DRAW_CHARTS_AHEAD = False
# Under pytest-xdist each worker (and the Celery workers its tests start, which inherit the
# variable) gets a Redis database of its own: caches, rate limits and task queues never cross.
_xdist_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _xdist_worker.startswith("gw"):  # noqa: F405
    _base, _sep, _db = REDIS_URL.rpartition("/")  # noqa: F405
    REDIS_URL = f"{_base}/{(int(_db or 0) + 1 + int(_xdist_worker[2:])) % 16}"
    CACHES["default"]["LOCATION"] = REDIS_URL  # noqa: F405
    CELERY_BROKER_URL = CELERY_RESULT_BACKEND = REDIS_URL
if not REDIS_URL:
    # The file cache of this run alone, not the developer's var/cache.
    CACHES["default"]["LOCATION"] = tempfile.mkdtemp(prefix="qala-test-cache-")  # noqa: F405
    atexit.register(shutil.rmtree, CACHES["default"]["LOCATION"], ignore_errors=True)  # noqa: F405
# Every API request reads whether its edition changed: a test sees its change at once
# (tests/api/test_performance.py measures the window itself).
API_REVALIDATE_SECONDS = 0
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
