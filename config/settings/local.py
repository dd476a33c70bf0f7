"""Developer machine: DEBUG on, a fixed development secret, SQLite and in-process tasks unless set."""

import os

os.environ.setdefault("SECRET_KEY", "local-development-only-not-a-secret")
os.environ.setdefault("DEBUG", "true")

from config.settings.base import *  # noqa: F403

# The embedded SQLite database and uploads live here.
DATA_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
