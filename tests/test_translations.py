"""Every interface string is translated into kk, ru and en."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_catalogue_is_complete(lang):
    po = LOCALE / lang / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_every_string_marked_in_the_code_is_in_the_catalogues(tmp_path):
    """makemessages over a copy of the project adds no entry: every string marked for translation
    in the code and the templates (under a name xgettext knows: gettext, gettext_lazy, ngettext,
    pgettext, gettext_noop, `_`; an alias such as `_lazy` is not found) is translated."""
    root = LOCALE.parent
    skipped = shutil.ignore_patterns(".*", "node_modules", "var", "media", "*.egg-info", "*.mo")
    for entry in root.iterdir():
        if entry.name.startswith(".") or entry.name in ("node_modules", "var", "media"):
            continue
        if entry.is_dir():
            shutil.copytree(entry, tmp_path / entry.name, ignore=skipped)
        else:
            shutil.copy2(entry, tmp_path / entry.name)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--all", "--no-obsolete", "-v0"],
        cwd=tmp_path, check=True, capture_output=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )  # fmt: skip
    for lang in ("kk", "ru", "en"):
        po = tmp_path / "locale" / lang / "LC_MESSAGES" / "django.po"
        result = subprocess.run(
            ["msgattrib", "--untranslated", "--no-wrap", str(po)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        missing = [
            line
            for line in result.stdout.splitlines()
            if line.startswith("msgid ") and line != 'msgid ""'
        ]
        assert not missing, f"{lang}: not in the catalogue: {missing}"
