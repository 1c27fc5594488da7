"""The house style of every PDF report: a calm, colour-blind-safe palette, paragraph styles
and table styles in the bundled Japanese font.

The palette follows Okabe and Ito's colour-blind-safe set (blue, orange, vermillion, bluish
green), darkened a little for print; meaning is never carried by colour alone (numbers,
markers and dash patterns say the same thing).
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle


class Palette:
    INK = colors.HexColor("#1D2433")  # body text
    MUTED = colors.HexColor("#596273")  # secondary text
    FAINT = colors.HexColor("#8B93A1")  # captions, axis labels
    RULE = colors.HexColor("#C5CBD5")  # table rules
    HAIRLINE = colors.HexColor("#E2E5EB")  # grid lines, separators
    PANEL = colors.HexColor("#F3F5F8")  # panel backgrounds
    ACCENT = colors.HexColor("#1F5F99")  # the assessment's own scores (blue)
    ACCENT_LIGHT = colors.HexColor("#D9E6F2")
    TARGET = colors.HexColor("#C47F00")  # targets (orange)
    TARGET_LIGHT = colors.HexColor("#F6E7C8")
    ALERT = colors.HexColor("#B8501B")  # provisional, declines (vermillion)
    ALERT_LIGHT = colors.HexColor("#F7E3D7")
    GOOD = colors.HexColor("#00806A")  # improvements (bluish green)
    PREVIOUS = colors.HexColor("#7F8796")  # the previous cycle (grey)
    WHITE = colors.white


@dataclass(frozen=True)
class Styles:
    """Paragraph styles of one font. ``cell*`` styles are for table cells."""

    font: str
    kicker: ParagraphStyle
    cover_title: ParagraphStyle
    cover_parent: ParagraphStyle
    cover_subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    body_muted: ParagraphStyle
    small: ParagraphStyle
    caption: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_small: ParagraphStyle
    cell_muted: ParagraphStyle
    cell_head: ParagraphStyle
    cell_right: ParagraphStyle
    cell_center: ParagraphStyle
    figure: ParagraphStyle
    figure_label: ParagraphStyle
    banner: ParagraphStyle


def _style(name: str, font: str, size: float, leading: float, **kw: Any) -> ParagraphStyle:
    kw.setdefault("textColor", Palette.INK)
    return ParagraphStyle(
        name, fontName=font, bulletFontName=font, fontSize=size, leading=leading, wordWrap="CJK", **kw
    )


@lru_cache(maxsize=4)
def make_styles(font: str) -> Styles:
    """The paragraph styles in ``font`` (every style breaks lines the Japanese way)."""
    return Styles(
        font=font,
        kicker=_style("kicker", font, 10, 14, textColor=Palette.ACCENT, spaceAfter=2),
        cover_title=_style("cover_title", font, 26, 36, spaceAfter=4),
        cover_parent=_style("cover_parent", font, 12, 18, textColor=Palette.MUTED),
        cover_subtitle=_style("cover_subtitle", font, 11, 17, textColor=Palette.MUTED),
        h1=_style("h1", font, 17, 24, spaceBefore=0, spaceAfter=10, textColor=Palette.INK),
        h2=_style("h2", font, 12.5, 18, spaceBefore=14, spaceAfter=6, textColor=Palette.ACCENT),
        h3=_style("h3", font, 10.5, 15, spaceBefore=8, spaceAfter=3),
        body=_style("body", font, 9.5, 15.5, spaceAfter=4),
        body_muted=_style("body_muted", font, 9.5, 15.5, textColor=Palette.MUTED, spaceAfter=4),
        small=_style("small", font, 8.5, 13),
        caption=_style("caption", font, 7.5, 11, textColor=Palette.FAINT),
        note=_style("note", font, 8.5, 13.5, textColor=Palette.MUTED),
        cell=_style("cell", font, 8.8, 13.2),
        cell_small=_style("cell_small", font, 8, 12),
        cell_muted=_style("cell_muted", font, 8, 12, textColor=Palette.MUTED),
        cell_head=_style("cell_head", font, 7.8, 11, textColor=Palette.MUTED),
        cell_right=_style("cell_right", font, 8.8, 13.2, alignment=TA_RIGHT),
        cell_center=_style("cell_center", font, 8.8, 13.2, alignment=TA_CENTER),
        figure=_style("figure", font, 27, 31, textColor=Palette.ACCENT, alignment=TA_LEFT),
        figure_label=_style("figure_label", font, 8, 11, textColor=Palette.MUTED),
        banner=_style("banner", font, 9, 14, textColor=Palette.ALERT),
    )


def table_style(font: str, *commands: tuple[Any, ...], header: bool = True, zebra: bool = False) -> TableStyle:
    """A quiet data-table style. FONTNAME is set on every cell: Table's default is Helvetica,
    which would put an unembedded font into the PDF."""
    base: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("FONTSIZE", (0, 0), (-1, -1), 8.8),
        ("TEXTCOLOR", (0, 0), (-1, -1), Palette.INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, Palette.RULE),
    ]
    if header:
        base += [
            ("LINEABOVE", (0, 0), (-1, 0), 0.9, Palette.INK),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, Palette.RULE),
            ("LINEBELOW", (0, 1), (-1, -2), 0.3, Palette.HAIRLINE),
            ("TEXTCOLOR", (0, 0), (-1, 0), Palette.MUTED),
            ("FONTSIZE", (0, 0), (-1, 0), 7.8),
            ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ]
    else:
        base += [("LINEBELOW", (0, 0), (-1, -2), 0.3, Palette.HAIRLINE)]
    if zebra:
        base.append(("ROWBACKGROUNDS", (0, 1 if header else 0), (-1, -1), [Palette.WHITE, Palette.PANEL]))
    return TableStyle(base + list(commands))


def panel_style(font: str, *commands: tuple[Any, ...], background: colors.Color = Palette.PANEL) -> TableStyle:
    """A borderless tinted box (key figures, notes)."""
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), font),
            ("BACKGROUND", (0, 0), (-1, -1), background),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 9),
            ("RIGHTPADDING", (0, 0), (-1, -1), 9),
            ("TOPPADDING", (0, 0), (-1, -1), 7),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            *commands,
        ]
    )


#: Characters that need Japanese line breaking (CJK ideographs, kana, full-width forms, CJK punctuation).
_CJK = re.compile("[\u2e80-\u2fff\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


def needs_cjk_wrap(text: str) -> bool:
    return _CJK.search(text) is not None


def style_for(style: ParagraphStyle, text: str) -> ParagraphStyle:
    """``style`` (CJK line breaking) for text with Japanese in it; for text without, the same
    style with Latin line breaking, which gives the same lines for Latin text and lays out
    several times faster (ReportLab's CJK breaking measures every character)."""
    if style.wordWrap != "CJK" or needs_cjk_wrap(text):
        return style
    latin = _LATIN.get(style)
    if latin is None:
        latin = _LATIN[style] = ParagraphStyle(f"{style.name}_latin", parent=style, wordWrap=None)
    return latin


#: The Latin-breaking twin of each style (not an attribute: a child style copies its parent's).
_LATIN: weakref.WeakKeyDictionary[ParagraphStyle, ParagraphStyle] = weakref.WeakKeyDictionary()
