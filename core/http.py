"""Reading what views need from a request: ids, the document language."""

from django import forms
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.i18n import DRAFTING_LANGUAGES

# The largest value a primary key (BigAutoField: bigint on PostgreSQL, INTEGER on SQLite) or a
# number such as a snapshot's can hold. A larger number names nothing, and SQLite cannot even
# compare a column with it (OverflowError), so it is refused before any query.
MAX_ID = 2**63 - 1
_MAX_ID_DIGITS = len(str(MAX_ID))


def parse_id(value) -> int | None:
    """A positive integer written in plain ASCII digits (leading zeros allowed) up to MAX_ID, else
    None: "²", "٣" (which int() would read as 3), "-1", "+1", " 1", "1.0", "", None and
    "99999999999999999999" all give None."""
    text = value if isinstance(value, str) else ("" if value is None else str(value))
    if not (text.isascii() and text.isdigit()):
        return None
    text = text.lstrip("0")
    if not text or len(text) > _MAX_ID_DIGITS:
        return None
    number = int(text)
    return number if number <= MAX_ID else None


def id_or_404(value) -> int:
    """A primary key (or number) from user input; anything but a plain ASCII integer from 1 to
    MAX_ID is a 404, never a 500."""
    number = parse_id(value)
    if number is None:
        raise Http404
    return number


class IdField(forms.IntegerField):
    """A hidden id or number carried by a form (the snapshot a page showed): plain ASCII digits
    from 1 to MAX_ID, else the field's error (a 400 with the field named, never a 500)."""

    widget = forms.HiddenInput
    default_error_messages = {
        "invalid": _("This page is out of date: reload it."),
        "required": _("This page is out of date: reload it."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        number = parse_id(value)
        if number is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number


def document_language(request) -> str:
    """The drafting language a document is read in (?lang=kk|ru), else the interface's if it is
    one, else Kazakh."""
    lang = request.GET.get("lang") or translation.get_language()
    return lang if lang in DRAFTING_LANGUAGES else DRAFTING_LANGUAGES[0]
