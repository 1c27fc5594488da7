"""The report builder every PDF of the application derives from (a template method).

A subclass says what the document is; the base class does the rest the same way for every
report: the bundled font registered and embedded (no other font at all), a page template
with the header and the footer drawn between ``saveState``/``restoreState``, "page x / y"
in the footer, a PDF outline from the headings, fixed metadata, and byte-identical output
for the same input.

Override:

* ``title(data, lang)``: the document title (PDF metadata and the header's left side);
* ``story(data, lang)``: the flowables of the document, built with ``self.styles``;
* optionally ``header_text``, ``footer_text``, ``subject``, ``pagesize``, ``margins`` and
  ``has_cover`` (the first page then has no header; end it with ``self.end_cover()``).

Then ``build(data, lang) -> bytes``. All user text must go through
:func:`reports.text.para_text` (Paragraph markup) or :func:`reports.text.visible`
(canvas strings, drawings).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageBreak, PageTemplate, Paragraph
from reportlab.platypus.flowables import CondPageBreak

from reports.styles import Palette, Styles, make_styles, style_for
from reports.text import para_text, register_font, visible

D = TypeVar("D")

#: PDF /Lang of each interface language.
PDF_LANG = {"ja": "ja-JP", "en": "en-GB"}

_TOTAL_FORM = "pageTotal"


class BuildCancelled(Exception):
    """Raised inside ``build`` when the caller's ``cancel()`` returned True."""


@dataclass(frozen=True)
class Margins:
    left: float = 22 * mm
    right: float = 22 * mm
    top: float = 24 * mm
    bottom: float = 22 * mm


class _PagedCanvas(Canvas):
    """A canvas that knows the page count at the end: the footer draws the total as a form
    XObject that is defined when the document is saved (one pass, no re-layout)."""

    total_font: ClassVar[tuple[str, float]] = ("Helvetica", 8)

    def save(self) -> None:
        font, size = self.total_font
        self.beginForm(_TOTAL_FORM)
        self.setFont(font, size)
        self.setFillColor(Palette.FAINT)
        self.drawString(0, 0, str(self._doc.pageCounter - 1))
        self.endForm()
        super().save()


class _Outlined(Paragraph):
    """A heading that becomes an entry of the PDF outline (bookmarks)."""

    outline: tuple[str, int, str]


class _Doc(BaseDocTemplate):
    def afterFlowable(self, flowable: Flowable) -> None:
        entry = getattr(flowable, "outline", None)
        if entry is not None:
            title, level, key = entry
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=level, closed=level > 0)


class ReportBuilder(Generic[D]):
    """Base class of every PDF report (see the module docstring for what to override)."""

    pagesize: tuple[float, float] = A4
    margins: Margins = Margins()
    has_cover: bool = False
    author: str = "AI Readiness"

    def __init__(self) -> None:
        self.font = register_font()
        self.styles: Styles = make_styles(self.font)
        self._headings = 0

    # --- what a report says (override) ------------------------------------------------------

    def title(self, data: D, lang: str) -> str:
        raise NotImplementedError

    def story(self, data: D, lang: str) -> list[Flowable]:
        raise NotImplementedError

    def subject(self, data: D, lang: str) -> str:
        return ""

    def header_text(self, data: D, lang: str) -> tuple[str, str]:
        """The header's left and right texts (plain text, not markup)."""
        return self.title(data, lang), ""

    def footer_text(self, data: D, lang: str) -> str:
        """The footer's left text (plain); the right side is always "page x / y"."""
        return ""

    # --- helpers for subclasses -------------------------------------------------------------

    @property
    def width(self) -> float:
        """The width of the text frame."""
        return self.pagesize[0] - self.margins.left - self.margins.right

    @property
    def height(self) -> float:
        return self.pagesize[1] - self.margins.top - self.margins.bottom

    def heading(self, text: str, level: int = 0, style: Any = None, *, outline: str | None = None) -> Paragraph:
        """A heading paragraph (``text`` is plain text) that also appears in the PDF outline."""
        styles = self.styles
        chosen = style or (styles.h1, styles.h2, styles.h3)[min(level, 2)]
        para = _Outlined(para_text(text), style_for(chosen, text))
        self._headings += 1
        para.outline = (visible(outline or text), level, f"h{self._headings}")
        return para

    def section_break(self) -> list[Flowable]:
        return [PageBreak()]

    def keep_space(self, height: float) -> Flowable:
        """Start a new page unless ``height`` points are left on this one."""
        return CondPageBreak(height)

    def end_cover(self) -> list[Flowable]:
        """Flowables that close the cover page: the next page uses the normal template."""
        return [NextPageTemplate("body"), PageBreak()]

    # --- the template method ----------------------------------------------------------------

    def build(self, data: D, lang: str = "ja", *, cancel: Callable[[], bool] | None = None) -> bytes:
        """The PDF as bytes; the same ``data`` and ``lang`` always give the same bytes.

        ``cancel`` is polled at every page; when it returns True the build stops with
        :class:`BuildCancelled`.
        """
        self._headings = 0
        story = self.story(data, lang)
        header = tuple(visible(t) for t in self.header_text(data, lang))
        footer = visible(self.footer_text(data, lang))
        buffer = io.BytesIO()
        m = self.margins
        frame = Frame(m.left, m.bottom, self.width, self.height, id="body", leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0)  # fmt: skip

        def on_page(canvas: Canvas, doc: BaseDocTemplate, *, cover: bool) -> None:
            if cancel is not None and cancel():
                raise BuildCancelled
            canvas.saveState()
            if not cover:
                self._draw_header(canvas, header)
            self._draw_footer(canvas, doc.page, footer)
            canvas.restoreState()

        templates = [
            PageTemplate("body", frames=[frame], onPage=lambda c, d: on_page(c, d, cover=False)),
        ]
        if self.has_cover:
            templates.insert(0, PageTemplate("cover", frames=[frame], onPage=lambda c, d: on_page(c, d, cover=True)))
        doc = _Doc(
            buffer,
            pagesize=self.pagesize,
            pageTemplates=templates,
            title=visible(self.title(data, lang)),
            author=self.author,
            subject=visible(self.subject(data, lang)),
            creator=self.author,
            lang=PDF_LANG.get(lang, lang),
            initialFontName=self.font,
            invariant=1,  # fixed creation date and document id: same input, same bytes
            leftMargin=m.left,
            rightMargin=m.right,
            topMargin=m.top,
            bottomMargin=m.bottom,
        )
        canvas_class = type("PagedCanvas", (_PagedCanvas,), {"total_font": (self.font, 7.5)})
        doc.build(story, canvasmaker=canvas_class)
        return buffer.getvalue()

    # --- page furniture ---------------------------------------------------------------------

    def _draw_header(self, canvas: Canvas, header: tuple[str, ...]) -> None:
        left, right = (*header, "", "")[:2]
        x0, x1 = self.margins.left, self.pagesize[0] - self.margins.right
        y = self.pagesize[1] - self.margins.top + 9 * mm
        size = 7.5
        right = self._fit(right, size, self.width * 0.6)
        room = self.width - stringWidth(right, self.font, size) - 14
        canvas.setFont(self.font, size)
        canvas.setFillColor(Palette.MUTED)
        canvas.drawString(x0, y, self._fit(left, size, room))
        canvas.drawRightString(x1, y, right)
        canvas.setStrokeColor(Palette.RULE)
        canvas.setLineWidth(0.5)
        canvas.line(x0, y - 2.6 * mm, x1, y - 2.6 * mm)

    def _draw_footer(self, canvas: Canvas, page: int, footer: str) -> None:
        x0, x1 = self.margins.left, self.pagesize[0] - self.margins.right
        y = self.margins.bottom - 11 * mm
        canvas.setStrokeColor(Palette.HAIRLINE)
        canvas.setLineWidth(0.5)
        canvas.line(x0, y + 3.8 * mm, x1, y + 3.8 * mm)
        canvas.setFont(self.font, 7.5)
        canvas.setFillColor(Palette.FAINT)
        # "x / " ends where the total (a form filled in at save time) begins; room for 3 digits.
        total_x = x1 - stringWidth("000", self.font, 7.5)
        canvas.drawRightString(total_x, y, f"{page} / ")
        canvas.saveState()
        canvas.translate(total_x, y)
        canvas.doForm(_TOTAL_FORM)
        canvas.restoreState()
        canvas.setFont(self.font, 6.8)
        canvas.drawString(x0, y, self._fit(footer, 6.8, total_x - x0 - 40))

    def _fit(self, text: str, size: float, room: float) -> str:
        """``text`` cut with an ellipsis to fit ``room`` points."""
        if stringWidth(text, self.font, size) <= room:
            return text
        low, high = 0, len(text)  # the longest prefix that fits, by bisection
        while low < high:
            middle = (low + high + 1) // 2
            if stringWidth(text[:middle] + "…", self.font, size) <= room:
                low = middle
            else:
                high = middle - 1
        return text[:low] + "…"
