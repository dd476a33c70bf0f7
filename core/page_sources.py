"""The version of what the site's cached pages are made from besides their data (issue 14):
templates, template tags, rendering code, charts and message catalogues. A cached page's key
names it, so after a deployment that changes any of these no page made with the older sources
is ever served."""

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# Everything the page is made from besides the data (glob patterns): a change to any of these is a
# new template version, so no page made with an older one is ever served.
PAGE_SOURCES = (
    "templates/**/*.html",
    "*/templatetags/*.py",
    "strategies/rendering.py",
    "strategies/references.py",
    "approvals/public_edition.py",
    "indicators/*.py",
    "static/js/pdf.js",
    "locale/*/LC_MESSAGES/django.mo",
)


def _sources_digest() -> str:
    digest = hashlib.sha256()
    for pattern in PAGE_SOURCES:
        for file in sorted(ROOT.glob(pattern)):
            if ".venv" in file.parts:
                continue
            digest.update(str(file.relative_to(ROOT)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


_process_digest = cache(_sources_digest)


def template_version() -> str:
    """12 hex digits of SHA-256 over the templates, template tags, rendering code and catalogues
    (read once per process; on every call with DEBUG, where templates change under a running
    server)."""
    return _sources_digest() if settings.DEBUG else _process_digest()
