"""Text as users type it, made canonical before anything checks or stores it: Unicode NFC, no NUL
or other control characters, no invisible characters (zero-width spaces, joiners, word joiners,
Hangul fillers, byte-order marks) that make a blank text look written."""

import re
import unicodedata

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

# Characters that render as nothing, beside Unicode's "format" category (Cf: U+200B zero-width
# space, U+200C/U+200D joiners, U+2060 word joiner, U+FEFF byte-order mark, U+00AD soft hyphen...):
# the Hangul fillers, the Khmer vowel inherent marks and the blank Braille pattern, which spammers
# use exactly because they pass a "required" check.
_INVISIBLE = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u17b4", "\u17b5", "\u2800"}
_KEEP_CONTROLS = {"\n", "\t"}
_BLANK_LINES = re.compile(r"\n{3,}")


def _visible(char: str) -> bool:
    if char in _KEEP_CONTROLS:
        return True
    if char in _INVISIBLE:
        return False
    category = unicodedata.category(char)
    return category not in ("Cc", "Cf", "Cs", "Co", "Cn")


def _has_substance(text: str) -> bool:
    """A letter, digit, punctuation mark or symbol: something a reader sees (variation selectors
    and combining marks alone are not)."""
    return any(unicodedata.category(char)[0] in "LNPS" for char in text)


def clean_text(value: str | None, *, multiline: bool = True) -> str:
    """The canonical form of typed text: NFC, invisible and control characters removed (a NUL
    too), Windows line ends made "\\n", surrounding whitespace stripped. A text that was only
    invisible characters becomes "" and so fails a required check."""
    if not value:
        return ""
    text = unicodedata.normalize("NFC", str(value).replace("\r\n", "\n").replace("\r", "\n"))
    text = "".join(char for char in text if _visible(char))
    if not multiline:
        text = " ".join(text.split())
    else:
        text = _BLANK_LINES.sub("\n\n", "\n".join(line.rstrip() for line in text.split("\n")))
    text = text.strip()
    return text if _has_substance(text) else ""


def is_blank(value: str | None) -> bool:
    """True when the text has nothing visible."""
    return not clean_text(value)


class CleanTextFormMixin:
    """Every text field of the form is passed through `clean_text` before its own validation, so
    that a required field refuses a text of invisible characters and nothing invisible is
    stored. Single-line inputs (`TextInput`) also collapse inner runs of whitespace."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and not getattr(field, "keep_raw", False):
                multiline = not isinstance(field.widget, forms.TextInput)
                field.to_python = _normalising(field.to_python, multiline=multiline)


def _normalising(to_python, *, multiline: bool):
    def wrapped(value):
        if isinstance(value, str):
            value = clean_text(value, multiline=multiline)
        return to_python(value)

    return wrapped


class LengthLimit(MaxLengthValidator):
    """At most `limit_value` characters, said the same way by every form and service (Django's
    own message has no Kazakh translation)."""

    message = _("At most %(limit_value)d characters (this text has %(show_value)d).")


# Letters only the Kazakh alphabets have: Cyrillic (ә ғ қ ң ө ұ ү һ і) and the 2021 Latin one.
KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІäğıñöūüşÄĞIÑÖŪÜŞ") - frozenset("I")


def written_language(text: str) -> str:
    """The language a text (a comment, a remark, an answer) is written in, as far as its letters
    tell, for the `lang` attribute screen readers read it by (WCAG 3.1.2): "kk" when it has a
    letter only Kazakh has, "ru" when its letters are otherwise mostly Cyrillic, "en" when they
    are mostly Latin; "" when it has no letters. Kazakh written without its own letters reads
    as Russian (nothing in the letters tells them apart)."""
    cyrillic = latin = 0
    for char in text:
        if char in KAZAKH_LETTERS:
            return "kk"
        if "\u0400" <= char <= "\u04ff":
            cyrillic += 1
        elif char.isascii() and char.isalpha():
            latin += 1
    if not cyrillic and not latin:
        return ""
    return "ru" if cyrillic >= latin else "en"
