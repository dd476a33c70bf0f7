"""Checks an uploaded indicator table passes before any reader opens it: size, emptiness, what
kind of file it is, and the traps of a workbook (zip bombs, XML entity bombs)."""

import zipfile
from io import BytesIO

from django.utils.translation import gettext as _

from core.exceptions import InvalidInput
from indicators.imports.table import MAX_BYTES

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary Excel (.xls) and other OLE2 documents
# A workbook's XML unpacks to 5-20 times its zipped size; far more means a zip bomb.
MAX_UNPACKED_RATIO = 100
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_MEMBERS = 1000


class FileRefused(InvalidInput):
    """The file cannot be read as an indicator table; nothing was read from it."""

    code = "file_refused"

    def __init__(self, message):
        super().__init__(message, details={"file": [str(message)]})


def detect_layout(data: bytes) -> str:
    """ "xlsx" for a workbook, "csv" for UTF-8 text. Raises FileRefused for an empty file, one over
    the size limit, or one that is neither."""
    if not data:
        raise FileRefused(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise FileRefused(
            _("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    if data.startswith(ZIP_MAGIC):
        check_workbook(data)
        return "xlsx"
    if data.startswith(OLE2_MAGIC):
        raise FileRefused(
            _("This is an old Excel file (.xls): save it as an Excel workbook (.xlsx) or CSV.")
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused(
            _("This is not a spreadsheet: upload an Excel workbook (.xlsx) or a CSV file in UTF-8.")
        ) from None
    if "\x00" in text or not text.strip():
        raise FileRefused(
            _("This is not a spreadsheet: upload an Excel workbook (.xlsx) or a CSV file in UTF-8.")
            if text.strip()
            else _("The file is empty.")
        )
    return "csv"


def check_workbook(data: bytes) -> None:
    """Refuse a zip that is not a workbook, unpacks to far more than its size (zip bomb), or
    declares a DTD or entities in its XML (billion laughs, external entities). openpyxl parses
    through defusedxml as well; this check gives the clear message and costs one pass."""
    not_a_workbook = _("This is not an Excel workbook (.xlsx).")
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileRefused(not_a_workbook) from None
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise FileRefused(not_a_workbook)
    unpacked = sum(member.file_size for member in members)
    if (
        len(members) > MAX_MEMBERS
        or unpacked > MAX_UNPACKED_BYTES
        or unpacked > MAX_UNPACKED_RATIO * max(len(data), 1)
    ):
        raise FileRefused(
            _("The workbook unpacks to far more than its size (a zip bomb); it is refused.")
        )
    for member in members:
        if not member.filename.endswith((".xml", ".rels", ".vml")):
            continue
        try:
            with archive.open(member) as handle:
                # Read no more than the declared size: a forged header must not unpack more.
                content = handle.read(member.file_size + 1)
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
            raise FileRefused(not_a_workbook) from None
        if len(content) > member.file_size:
            raise FileRefused(
                _("The workbook unpacks to far more than its size (a zip bomb); it is refused.")
            )
        if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
            raise FileRefused(
                _(
                    "The workbook declares XML entities (an entity bomb or an external entity); it is refused."
                )
            )
