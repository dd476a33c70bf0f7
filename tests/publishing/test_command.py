"""manage.py render_pdf: the same rendering, synchronously, into a file."""

import io

import pytest
from django.core.management import CommandError, call_command

from tests.publishing.conftest import DRAFT_MARKS, pdf_pages


def test_render_pdf_writes_the_file_and_prints_pages_and_seconds(karaganda, tmp_path):
    output = tmp_path / "karaganda-kk.pdf"
    out = io.StringIO()
    call_command("render_pdf", karaganda.pk, lang="kk", output=output, stdout=out)
    pages = pdf_pages(output.read_bytes())
    assert f"{len(pages)} pages" in out.getvalue() and " s " in out.getvalue()
    assert all(DRAFT_MARKS["kk"] in page for page in pages)


def test_render_pdf_refuses_a_snapshot_that_does_not_exist(karaganda, tmp_path):
    with pytest.raises(CommandError, match="no snapshot 4"):
        call_command("render_pdf", karaganda.pk, lang="ru", snapshot=4, output=tmp_path / "x.pdf")
