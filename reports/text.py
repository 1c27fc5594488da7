"""Making user text safe for ReportLab: markup escaped, missing glyphs made visible.

ReportLab's Paragraph parses markup: unescaped user text can crash the build, inject
formatting or links, or even embed a local file (``<img src=…>``). Every user string that
reaches a Paragraph goes through :func:`para_text`.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from reports.fonts import FONT_NAME, FONT_PATH

#: Shown instead of a character the font lacks (a white square: visible, never dropped).
MISSING_GLYPH = "□"


def register_font() -> str:
    """Register the bundled font once; return its name."""
    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT_NAME, str(FONT_PATH)))
    return FONT_NAME


@lru_cache(maxsize=1)
def _glyph_map() -> frozenset[int]:
    register_font()
    font = pdfmetrics.getFont(FONT_NAME)
    return frozenset(font.face.charToGlyph.keys())


def visible(text: str) -> str:
    """Replace characters the font cannot draw, and control characters, by a visible mark; a line
    break or a tab becomes a space (a drawn string is one line; :func:`para_text` keeps breaks)."""
    glyphs = _glyph_map()
    out = []
    for ch in text:
        if ch in "\n\t":
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn"):
            out.append(MISSING_GLYPH)
        elif unicodedata.category(ch) == "Cf":
            continue  # zero-width format characters draw nothing either way
        elif ord(ch) in glyphs:
            out.append(ch)
        else:
            out.append(MISSING_GLYPH)
    return "".join(out)


def para_text(text: str) -> str:
    """User text as Paragraph markup: visible glyphs, escaped, newlines as line breaks."""
    return "<br/>".join(escape(visible(line), {'"': "&quot;"}) for line in text.split("\n"))
