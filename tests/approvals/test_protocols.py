"""The protocol of a hearing: real PDFs crafted with pypdf, with and without active content;
what a refused or replaced upload leaves in storage; who may download a protocol, and how it
is served."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from approvals import services
from approvals.models import Hearing
from approvals.protocols import PROTOCOL_MAX_BYTES
from core.exceptions import InvalidInput
from tests.approvals.conftest import bring, pdf_bytes, user

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
PROTOCOLS = "hearings/protocols"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def stored() -> set[str]:
    """The protocol files in storage (the demo's among them)."""
    if not default_storage.exists(PROTOCOLS):
        return set()
    return {f"{PROTOCOLS}/{name}" for name in default_storage.listdir(PROTOCOLS)[1]}


def record(strategy, data: bytes, name: str = "protocol.pdf", **changes) -> Hearing:
    values = {
        "held_on": TODAY(), "place": "Алматы", "public_council": "Қоғамдық кеңес",
        "participants": 40, "protocol": SimpleUploadedFile(name, data),
    }  # fmt: skip
    return services.hearing_record(
        actor=user("almaty.editor"), strategy=strategy, **{**values, **changes}
    )


# --- PDFs made with active content -------------------------------------------------------------


def _action(writer, **entries) -> object:
    return writer._add_object(DictionaryObject({NameObject(k): v for k, v in entries.items()}))


def javascript_on_open(writer):
    writer._root_object[NameObject("/OpenAction")] = _action(
        writer, **{"/S": NameObject("/JavaScript"), "/JS": TextStringObject("app.alert(1)")}
    )


def javascript_name_tree(writer):
    script = _action(
        writer, **{"/S": NameObject("/JavaScript"), "/JS": TextStringObject("app.alert(2)")}
    )
    names = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("x"), script])})
    writer._root_object[NameObject("/Names")] = DictionaryObject(
        {NameObject("/JavaScript"): writer._add_object(names)}
    )


def launch_on_page_open(writer):
    launch = _action(writer, **{"/S": NameObject("/Launch"), "/F": TextStringObject("calc.exe")})
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): launch})


def embedded_file(writer):
    writer.add_attachment("payload.exe", b"MZ not really")


def rich_media_annotation(writer):
    annotation = _action(
        writer,
        **{
            "/Type": NameObject("/Annot"),
            "/Subtype": NameObject("/RichMedia"),
            "/Rect": ArrayObject([NumberObject(0)] * 4),
        },
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([annotation])


def xfa_form(writer):
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject(), NameObject("/XFA"): TextStringObject("<xdp/>")}
    )


def hidden_names(data: bytes) -> bytes:
    """The same file with its names written in #-escapes, as obfuscated malware does."""
    return (
        data.replace(b"/JavaScript", b"/J#61vaScript")
        .replace(b"/OpenAction", b"/OpenAct#69on")
        .replace(b"/JS ", b"/J#53 ")
    )


ACTIVE = {
    "javascript on open": (pdf_bytes(javascript_on_open), "OpenAction"),
    "document javascript": (pdf_bytes(javascript_name_tree), "JavaScript"),
    "launch on page open": (pdf_bytes(launch_on_page_open), "Launch"),
    "embedded file": (pdf_bytes(embedded_file), "EmbeddedFile"),
    "rich media": (pdf_bytes(rich_media_annotation), "RichMedia"),
    "XFA form": (pdf_bytes(xfa_form), "XFA"),
    "escaped names": (hidden_names(pdf_bytes(javascript_on_open)), "OpenAction"),
}


@pytest.mark.parametrize("kind", ACTIVE)
def test_a_protocol_with_active_content_is_refused_and_nothing_is_stored(almaty, kind):
    data, named = ACTIVE[kind]
    bring(almaty, "hearings")
    before = stored()
    with pytest.raises(InvalidInput) as refused:
        record(almaty, data)
    message = str(refused.value.details["protocol"][0])
    assert "active content" in message and named in message
    assert stored() == before
    assert (
        Hearing.objects.get(
            stage_run__process__strategy=almaty, stage_run__state="in_progress"
        ).recorded_at
        is None
    )


POLYGLOT = pdf_bytes().replace(
    b"\n", b"\n<html><body><script>fetch('/x?'+document.cookie)</script></body></html>\n", 1
)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("protocol.pdf", POLYGLOT, "web page markup"),
        ("protocol.pdf", b"<html><script>alert(1)</script></html>%PDF-1.4", "must be a PDF"),
        ("protocol.pdf", b"%PDF-1.4\nnot a pdf at all\n%%EOF\n", "not a readable PDF"),
        ("protocol.pdf", pdf_bytes()[: len(pdf_bytes()) // 2], "not a readable PDF"),
        ("protocol.pdf", pdf_bytes(lambda w: w.encrypt("secret")), "password"),
        ("protocol.exe", pdf_bytes(), "must be a PDF"),
        ("protocol.pdf", b"%PDF-" + b"0" * PROTOCOL_MAX_BYTES, "at most 10 MB"),
    ],
    ids=["polyglot", "html", "garbage", "truncated", "encrypted", "name", "too big"],
)
def test_a_protocol_that_is_not_a_plain_pdf_is_refused(almaty, name, data, message):
    bring(almaty, "hearings")
    before = stored()
    with pytest.raises(InvalidInput) as refused:
        record(almaty, data, name=name)
    assert message in str(refused.value.details["protocol"][0])
    assert stored() == before


def test_a_real_protocol_is_accepted_and_a_new_one_replaces_it_on_file(
    almaty, django_capture_on_commit_callbacks
):
    from weasyprint import HTML

    rendered = HTML(
        string="<h1>Хаттама № 3</h1><p>Қоғамдық тыңдаулар, 140 қатысушы.</p>"
    ).write_pdf()
    bring(almaty, "hearings")
    before = stored()
    with django_capture_on_commit_callbacks(execute=True):
        first = record(almaty, rendered).protocol.name
    assert stored() == before | {first}

    with django_capture_on_commit_callbacks(execute=True):
        second = record(almaty, pdf_bytes()).protocol.name

    assert second != first and stored() == before | {second}
    # Recording again without a new file keeps the one on file.
    with django_capture_on_commit_callbacks(execute=True):
        assert record(almaty, b"", protocol=None).protocol.name == second
    assert stored() == before | {second}


def test_a_record_refused_after_the_upload_leaves_no_file(almaty):
    bring(almaty, "hearings")
    before = stored()
    with pytest.raises(InvalidInput):
        record(almaty, pdf_bytes(), participants=0)
    with pytest.raises(InvalidInput):
        record(almaty, pdf_bytes(), place="\u200b")
    assert stored() == before


def test_a_record_that_fails_after_its_file_was_stored_deletes_the_file(almaty, monkeypatch):
    bring(almaty, "hearings")
    before = stored()

    def broken(**kwargs):
        raise RuntimeError("the audit trail is unavailable")

    monkeypatch.setattr(services, "audit_record", broken)
    with pytest.raises(RuntimeError):
        record(almaty, pdf_bytes())
    assert stored() == before


def test_the_record_page_refuses_a_bad_protocol_at_the_field_and_stores_nothing(client, almaty):
    bring(almaty, "hearings")
    before = stored()
    client.force_login(user("almaty.editor"))
    response = client.post(
        reverse("approvals:hearing", args=[almaty.pk]),
        {
            "action": "record", "held_on": TODAY().isoformat(), "place": "Алматы",
            "public_council": "Кеңес", "participants": "12",
            "protocol": SimpleUploadedFile("protocol.pdf", ACTIVE["javascript on open"][0]),
        },
    )  # fmt: skip
    assert response.status_code == 400
    assert 'id="id_protocol_error"' in response.content.decode()
    assert stored() == before


# --- downloading -------------------------------------------------------------------------------


def protocol_url(strategy, hearing) -> str:
    return reverse("approvals:protocol", args=[strategy.pk, hearing.pk])


def test_the_protocol_is_a_download_for_whoever_may_read_the_strategy(client, almaty):
    bring(almaty, "hearings")
    hearing = record(almaty, pdf_bytes())
    url = protocol_url(almaty, hearing)

    assert client.get(url).status_code == 404  # the public does not see a draft in hearings
    client.force_login(user("karaganda.editor"))
    assert client.get(url).status_code == 404
    for reader in ("almaty.editor", "ministry.reviewer"):
        client.force_login(user(reader))
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == pdf_bytes()
    assert client.get(f"/media/{hearing.protocol.name}").status_code == 404


def test_the_protocol_of_an_approved_strategy_is_public_and_the_timeline_links_it(client, almaty):
    bring(almaty, "approved")
    hearing = Hearing.objects.filter(stage_run__process__strategy=almaty).latest("id")
    url = protocol_url(almaty, hearing)
    assert url in client.get(reverse("approvals:timeline", args=[almaty.pk])).content.decode()
    assert client.get(url).status_code == 200
    # A hearing of another strategy (the demo's approved edition) is not found under this one.
    other = Hearing.objects.exclude(stage_run__process__strategy=almaty).first()
    assert client.get(protocol_url(almaty, other)).status_code == 404
