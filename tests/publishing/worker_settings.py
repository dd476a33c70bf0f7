"""Settings of a real Celery worker started by a test: the test settings, with the files on the
disk folder the test gives (QALA_TEST_MEDIA_ROOT), so the test reads what the worker wrote."""

import os

from config.settings.test import *  # noqa: F403

MEDIA_ROOT = os.environ["QALA_TEST_MEDIA_ROOT"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
}
