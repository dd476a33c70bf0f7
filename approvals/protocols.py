"""The protocol of a public hearing as an upload: a real PDF (parsed with pypdf), of at most
10 MB, with no active content and nothing that makes it a web page as well.

Readers open the protocol from the app, so the file must do nothing but show pages: PDF
actions that run (JavaScript, /Launch, actions on open or on events), embedded files, rich media
and XFA forms are refused (ISO 32000-1, 12.6 and 12.7.8; 7.11.4; 13.6 of ISO 32000-2), and so
is a file that is HTML as well as PDF (a "polyglot", which a browser would run as a page).
"""

import re

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from core.exceptions import InvalidInput

PROTOCOL_MAX_BYTES = 10 * 1024 * 1024

# Dictionary keys that carry active content: a document-level JavaScript name tree, script
# actions, actions run on opening or on events, launching programs, embedded files, Flash and
# other rich media, XFA forms.
ACTIVE_KEYS = frozenset(
    {
        "/JavaScript",
        "/JS",
        "/OpenAction",
        "/AA",
        "/Launch",
        "/EmbeddedFile",
        "/EmbeddedFiles",
        "/RichMedia",
        "/RichMediaContent",
        "/XFA",
    }
)
# The same things named as a type, a subtype or an action kind (/S /JavaScript, /Subtype
# /RichMedia, /Type /EmbeddedFile).
ACTIVE_KINDS = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/EmbeddedFile",
        "/RichMedia",
        "/Movie",
        "/Sound",
        "/Rendition",
        "/ImportData",
        "/SubmitForm",
    }
)
KIND_KEYS = ("/S", "/Type", "/Subtype")

# Markup that makes a browser render the file as a page. Looked for in the file with its
# streams taken out (compressed stream data is random bytes), except the long markers, which
# random bytes practically never form, also inside streams.
_STREAM_DATA = re.compile(rb"stream\r?\n.*?endstream", re.DOTALL)
_HTML_MARKUP = re.compile(
    rb"<(?:!doctype|html|head|body|script|iframe|object|embed|svg|img|meta|form|style)[\s>/]",
    re.IGNORECASE,
)
_HTML_MARKUP_ANYWHERE = re.compile(rb"<(?:!doctype\s+html|script|iframe)[\s>/]", re.IGNORECASE)


def protocol_check(upload: UploadedFile) -> None:
    """Refuse anything but a readable PDF of at most PROTOCOL_MAX_BYTES with at least one page and
    no active content. Raises InvalidInput with the reason under "protocol"; reads the upload
    and leaves it at its start."""
    if upload.size > PROTOCOL_MAX_BYTES:
        _refuse(_("The protocol must be at most 10 MB."))
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if not data.startswith(b"%PDF-") or not (upload.name or "").lower().endswith(".pdf"):
        _refuse(_("The protocol must be a PDF file."))
    if _HTML_MARKUP.search(_STREAM_DATA.sub(b"", data)) or _HTML_MARKUP_ANYWHERE.search(data):
        _refuse(_("The protocol contains web page markup; save it again as a plain PDF."))
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            _refuse(_("The protocol is protected by a password; upload it without one."))
        if len(reader.pages) == 0:
            _refuse(_("The protocol has no pages."))
        found = _active_content(reader)
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        # pypdf's own errors, and what a malformed file makes its object parser raise.
        _refuse(_("The protocol is not a readable PDF file."))
    finally:
        upload.seek(0)
    if found:
        _refuse(
            _(
                "The protocol contains active content (%(what)s); save it again as a plain PDF "
                "without scripts, attachments or media."
            )
            % {"what": ", ".join(sorted(name.lstrip("/") for name in found))}
        )


def _active_content(reader: PdfReader) -> set[str]:
    """The names of active content found in any object of the file, reachable from its root or
    only listed in its cross-reference table."""
    found: set[str] = set()
    pending: list = [reader.trailer]
    pending += [
        IndirectObject(number, generation, reader)
        for generation, numbers in reader.xref.items()
        for number in numbers
    ]
    pending += [IndirectObject(number, 0, reader) for number in reader.xref_objStm]
    seen: set[tuple[int, int]] = set()
    while pending:
        value = pending.pop()
        if isinstance(value, IndirectObject):
            key = (value.idnum, value.generation)
            if key in seen:
                continue
            seen.add(key)
            value = value.get_object()
        if isinstance(value, DictionaryObject):  # streams too: their dictionary
            for name, item in dict.items(value):  # unresolved: references are walked once
                if name in ACTIVE_KEYS:
                    found.add(name)
                if name in KIND_KEYS and item in ACTIVE_KINDS:
                    found.add(str(item))
                pending.append(item)
        elif isinstance(value, ArrayObject):
            pending.extend(list.__iter__(value))
    return found


def _refuse(message: str) -> None:
    raise InvalidInput(details={"protocol": [message]})
