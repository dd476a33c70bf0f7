"""Reading what views need from a request: ids, the document language."""

from django.http import Http404
from django.utils import translation

from core.i18n import DRAFTING_LANGUAGES


def id_or_404(value) -> int:
    """A primary key from user input; anything else is a 404, never a 500."""
    if not str(value or "").isdigit():
        raise Http404
    return int(value)


def document_language(request) -> str:
    """The drafting language a document is read in (?lang=kk|ru), else the interface's if it is
    one, else Kazakh."""
    lang = request.GET.get("lang") or translation.get_language()
    return lang if lang in DRAFTING_LANGUAGES else DRAFTING_LANGUAGES[0]
