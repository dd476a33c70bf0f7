"""The fonts of the PDFs, shipped with the project (publishing/fonts/, DejaVu 2.37 under the
Bitstream Vera licence beside them): every face the print template uses is declared with
@font-face, and a character none of them has is replaced before rendering, so that no glyph
falls back to an undeclared system family and no pasted emoji can break a render."""

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"
BODY_FAMILY = "Qala Sans"
MONO_FAMILY = "Qala Mono"
# Ә Ғ Қ Ң Ө Ұ Ү Һ І and their lower case: the letters of the Kazakh Cyrillic alphabet beyond Russian.
KAZAKH_LETTERS = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
# What stands for a character no declared font has (DejaVu Sans has it).
REPLACEMENT = "\ufffd"
# Characters shown as emoji by default (Unicode emoji-data.txt, Emoji_Presentation=Yes, and the
# Emoji_Modifier_Base ☝ ⛹ ✌ ✍, in the BMP; every pictographic block from U+1F000 on is taken
# whole below). Pango lays such a
# character out with an emoji font whatever family the text asks for, so even where DejaVu has a
# glyph it would fall back to an undeclared family: they are replaced like missing ones.
EMOJI_PRESENTATION_BMP = (
    (0x231A, 0x231B), (0x23E9, 0x23EC), (0x23F0, 0x23F0), (0x23F3, 0x23F3), (0x25FD, 0x25FE),
    (0x2614, 0x2615), (0x2648, 0x2653), (0x267F, 0x267F), (0x2693, 0x2693), (0x26A1, 0x26A1),
    (0x26AA, 0x26AB), (0x26BD, 0x26BE), (0x26C4, 0x26C5), (0x26CE, 0x26CE), (0x26D4, 0x26D4),
    (0x26EA, 0x26EA), (0x26F2, 0x26F3), (0x26F5, 0x26F5), (0x26FA, 0x26FA), (0x26FD, 0x26FD),
    (0x2705, 0x2705), (0x270A, 0x270B), (0x2728, 0x2728), (0x274C, 0x274C), (0x274E, 0x274E),
    (0x2753, 0x2755), (0x2757, 0x2757), (0x2795, 0x2797), (0x27B0, 0x27B0), (0x27BF, 0x27BF),
    (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55),
    (0x261D, 0x261D), (0x26F9, 0x26F9), (0x270C, 0x270D),
)  # fmt: skip
# Line and paragraph separators: whitespace to Python, a missing glyph to WeasyPrint.
SEPARATORS = {0x2028: " ", 0x2029: " "}
PICTOGRAPHIC_PLANE_START, PICTOGRAPHIC_PLANE_END = 0x1F000, 0x1FAFF
# Variation selectors 15 and 16 ask for text or emoji presentation of the character before.
PRESENTATION_SELECTORS = {0xFE0E, 0xFE0F}


@dataclass(frozen=True)
class Face:
    family: str
    file: str
    weight: int = 400
    style: str = "normal"

    @property
    def path(self) -> Path:
        return FONT_DIR / self.file


# Every weight and style publishing/pdf templates use: body text, bold headings, <strong>,
# <em> in rich text, and the SHA-256 in monospace.
FACES = (
    Face(BODY_FAMILY, "DejaVuSans.ttf"),
    Face(BODY_FAMILY, "DejaVuSans-Bold.ttf", weight=700),
    Face(BODY_FAMILY, "DejaVuSans-Oblique.ttf", style="italic"),
    Face(BODY_FAMILY, "DejaVuSans-BoldOblique.ttf", weight=700, style="italic"),
    Face(MONO_FAMILY, "DejaVuSansMono.ttf"),
)
# The PostScript names pdffonts reports for the faces above.
POSTSCRIPT_NAMES = frozenset(
    {
        "DejaVuSans",
        "DejaVuSans-Bold",
        "DejaVuSans-Oblique",
        "DejaVuSans-BoldOblique",
        "DejaVuSansMono",
    }
)


def font_face_css() -> str:
    """@font-face rules for every face, with file URLs (fetched only from FONT_DIR)."""
    return "\n".join(
        f'@font-face {{ font-family: "{face.family}"; src: url("{face.path.as_uri()}"); '
        f"font-weight: {face.weight}; font-style: {face.style}; }}"
        for face in FACES
    )


@cache
def _cmap(path: Path) -> frozenset[int]:
    return frozenset(TTFont(path, lazy=True).getBestCmap())


def _emoji_by_default(code: int) -> bool:
    return (
        PICTOGRAPHIC_PLANE_START <= code <= PICTOGRAPHIC_PLANE_END
        or code in PRESENTATION_SELECTORS
        or any(first <= code <= last for first, last in EMOJI_PRESENTATION_BMP)
    )


@cache
def covered() -> frozenset[int]:
    """Code points the body family draws itself: every body face has a glyph (text may be bold
    or italic anywhere) and Pango does not hand them to an emoji font."""
    faces = [_cmap(face.path) for face in FACES if face.family == BODY_FAMILY]
    return frozenset(code for code in frozenset.intersection(*faces) if not _emoji_by_default(code))


def without_missing_glyphs(text: str) -> str:
    """`text` with every character the body fonts do not draw (missing, or emoji by default)
    replaced by U+FFFD, and invisible characters among them (variation selectors, emoji tags)
    removed; line and paragraph separators become spaces.

    Markup is ASCII and untouched; whitespace and control characters pass as they are.
    """
    have = covered()
    missing = {
        ch
        for ch in set(text)
        if ord(ch) not in have and not ch.isspace() and unicodedata.category(ch) != "Cc"
    }
    if not missing and not any(chr(code) in text for code in SEPARATORS):
        return text
    table = {
        ord(ch): "" if unicodedata.category(ch) in ("Cf", "Mn", "Me", "Cs") else REPLACEMENT
        for ch in missing
    }
    return text.translate({**table, **SEPARATORS})


def problems() -> list[str]:
    """What is wrong with the shipped fonts (missing file, a Kazakh letter not covered)."""
    found = [f"{face.path} is missing" for face in FACES if not face.path.is_file()]
    if found:
        return found
    lacking = [ch for ch in KAZAKH_LETTERS + REPLACEMENT if ord(ch) not in covered()]
    if lacking:
        found.append(f"the PDF fonts lack {' '.join(lacking)}")
    return found
