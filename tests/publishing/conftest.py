"""Reading PDFs in tests as a person would: the text of each page (pdftotext) and the fonts
(pdffonts), from poppler-utils (scripts/system-deps.sh test)."""

import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from publishing.fonts import BODY_FAMILY, KAZAKH_LETTERS, MONO_FAMILY
from publishing.models import Render
from tests.publishing.worker import disk_storage

# pdffonts names an embedded face after its @font-face family: "ABCDEF+Qala-Sans-Bold".
FAMILIES = "|".join(re.escape(family.replace(" ", "-")) for family in (BODY_FAMILY, MONO_FAMILY))
DECLARED_FONT = re.compile(rf"^[A-Z]{{6}}\+({FAMILIES})(-(Bold|Italic|Bold-Italic))?$")
DRAFT_MARKS = {"kk": "ЖОБА", "ru": "ПРОЕКТ"}
ALL_KAZAKH_LETTERS = " ".join(KAZAKH_LETTERS)


def _poppler(tool: str, data: bytes, *args: str) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(data)
        file.flush()
        return subprocess.run(
            [tool, *args, file.name, *(["-"] if tool == "pdftotext" else [])],
            check=True,
            capture_output=True,
            text=True,
        ).stdout


def pdf_pages(data: bytes) -> list[str]:
    """The text of every page, in reading order (pdftotext separates pages with a form feed)."""
    pages = _poppler("pdftotext", data).split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pdf_fonts(data: bytes) -> list[dict]:
    """Every font of the PDF as pdffonts lists it: name, whether embedded."""
    rows = _poppler("pdffonts", data).splitlines()[2:]
    fonts = []
    for row in rows:
        parts = row.split()
        # name type... encoding emb sub uni object ID: the flags are the 5th to 3rd from the end.
        fonts.append({"name": parts[0], "embedded": parts[-5] == "yes"})
    return fonts


def assert_fonts_declared_and_embedded(data: bytes) -> None:
    fonts = pdf_fonts(data)
    assert fonts
    for font in fonts:
        assert font["embedded"], font
        assert DECLARED_FONT.match(font["name"]), f"undeclared family: {font['name']}"


def stored_pdf(render: Render) -> bytes:
    render.refresh_from_db()
    assert render.status == Render.Status.READY, (render.status, render.error)
    with default_storage.open(render.file.name, "rb") as file:
        return file.read()


def page_of(pages: list[str], heading: str, after: int = 0) -> int:
    """The 1-based number of the first page after page `after` whose text holds `heading`."""
    for number, text in enumerate(pages, start=1):
        if number > after and heading in " ".join(text.split()):
            return number
    raise AssertionError(f"{heading!r} is on no page after {after}")


def toc_entries(pages: list[str]) -> list[tuple[str, int]]:
    """(title, page number) of each line of the contents page (the second page)."""
    entries = []
    for line in pages[1].splitlines():
        match = re.match(r"^\s*(\d+\.\s.+?)\s*\.{3,}\s*(\d+)\s*$", line)
        if match:
            entries.append((match[1], int(match[2])))
    return entries


def assert_contents_point_at_sections(pages: list[str]) -> None:
    """The contents' page numbers are the pages where those sections start."""
    entries = toc_entries(pages)
    assert len(entries) >= 6, pages[1]
    for title, number in entries:
        assert page_of(pages, title, after=2) == number, (title, number)


@pytest.fixture
def files_on_disk(settings, tmp_path) -> Path:
    """The default storage on disk in a folder of the test (a worker process can share it)."""
    return disk_storage(settings, tmp_path)
