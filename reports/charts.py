"""Vector graphics for reports: the radar chart (reportlab.graphics), score bars and level
meters (small flowables). Colours come from :class:`reports.styles.Palette`; every series
also differs by line style and marker so the chart reads in grey or with colour blindness.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from reports.styles import Palette
from reports.text import visible

SCORE_MAX = 100.0


@dataclass(frozen=True)
class RadarSeries:
    label: str
    values: Sequence[float | None]  # one per axis, 0-100; None is drawn at the centre
    color: Color
    fill: Color | None = None
    fill_opacity: float = 0.0
    width: float = 1.4
    dash: tuple[float, ...] | None = None
    marker: str = "circle"  # "circle" | "square" | "none"


def radar_chart(
    axis_labels: Sequence[tuple[str, str]],
    series: Sequence[RadarSeries],
    *,
    font: str,
    width: float,
    height: float,
    radius: float | None = None,
    rings: Sequence[float] = (20, 40, 60, 80, 100),
) -> Drawing:
    """A radar (spider) chart: one axis per label, the first at the top, clockwise.

    ``axis_labels`` holds (name, value text) pairs; ``series`` is drawn in order, so put the
    assessment's own scores last to keep them on top. The legend sits below the chart.
    """
    legend_height = 16
    drawing = Drawing(width, height, initialFontName=font, initialFontSize=8)
    n = len(axis_labels)
    cx, cy = width / 2, (height + legend_height) / 2
    r = radius or min(width * 0.31, (height - legend_height) * 0.355)
    angles = [math.pi / 2 - 2 * math.pi * i / n for i in range(n)]

    def point(i: int, value: float) -> tuple[float, float]:
        share = max(0.0, min(value, SCORE_MAX)) / SCORE_MAX
        return cx + r * share * math.cos(angles[i]), cy + r * share * math.sin(angles[i])

    # Grid: rings and spokes.
    for ring in rings:
        pts = [c for i in range(n) for c in point(i, ring)]
        last = ring == rings[-1]
        drawing.add(
            Polygon(pts, fillColor=None, strokeColor=Palette.RULE if last else Palette.HAIRLINE, strokeWidth=0.6)
        )
    for i in range(n):
        x, y = point(i, SCORE_MAX)
        drawing.add(Line(cx, cy, x, y, strokeColor=Palette.HAIRLINE, strokeWidth=0.6))
    for ring in rings:
        x, y = point(0, ring)
        drawing.add(String(x + 2.5, y - 2.2, f"{ring:g}", fontName=font, fontSize=5.8, fillColor=Palette.FAINT))

    # Series.
    for s in series:
        values = [0.0 if v is None else v for v in s.values]
        pts = [c for i, v in enumerate(values) for c in point(i, v)]
        drawing.add(
            Polygon(
                pts,
                fillColor=s.fill,
                fillOpacity=s.fill_opacity if s.fill is not None else None,
                strokeColor=s.color,
                strokeWidth=s.width,
                strokeDashArray=list(s.dash) if s.dash else None,
                strokeLineJoin=1,
            )
        )
        for i, v in enumerate(values):
            x, y = point(i, v)
            if s.marker == "circle":
                drawing.add(Circle(x, y, 2.1, fillColor=s.color, strokeColor=Palette.WHITE, strokeWidth=0.6))
            elif s.marker == "square":
                drawing.add(Rect(x - 2, y - 2, 4, 4, fillColor=Palette.WHITE, strokeColor=s.color, strokeWidth=1))

    # Axis labels outside the outer ring: the name, and the value below it.
    for i, (name, value) in enumerate(axis_labels):
        c, s_ = math.cos(angles[i]), math.sin(angles[i])
        x, y = cx + (r + 9) * c, cy + (r + 9) * s_
        anchor = "start" if c > 0.3 else "end" if c < -0.3 else "middle"
        if s_ > 0.3:
            y += 10  # above the top vertex: the name, then the value, stay clear of the ring
        elif s_ < -0.3:
            y -= 2
        else:
            y += 4
        drawing.add(String(x, y, visible(name), fontName=font, fontSize=8, fillColor=Palette.INK, textAnchor=anchor))
        drawing.add(
            String(x, y - 10, visible(value), fontName=font, fontSize=8, fillColor=Palette.ACCENT, textAnchor=anchor)
        )

    # Legend, centred below.
    items = [(s, visible(s.label)) for s in series]
    widths = [22 + stringWidth(label, font, 7.5) for _, label in items]
    x = (width - sum(widths) - 12 * (len(items) - 1)) / 2
    y = 4
    for (s, label), w in zip(items, widths, strict=True):
        drawing.add(
            PolyLine(
                [x, y + 3, x + 16, y + 3],
                strokeColor=s.color,
                strokeWidth=s.width,
                strokeDashArray=list(s.dash) if s.dash else None,
            )
        )
        if s.marker == "circle":
            drawing.add(Circle(x + 8, y + 3, 2.1, fillColor=s.color, strokeColor=Palette.WHITE, strokeWidth=0.6))
        elif s.marker == "square":
            drawing.add(Rect(x + 6, y + 1, 4, 4, fillColor=Palette.WHITE, strokeColor=s.color, strokeWidth=1))
        drawing.add(String(x + 20, y, label, fontName=font, fontSize=7.5, fillColor=Palette.MUTED))
        x += w + 12
    return drawing


class ScoreBar(Flowable):
    """A horizontal 0-100 bar; an optional target tick (orange) and previous tick (grey)."""

    def __init__(
        self,
        value: float | None,
        width: float,
        height: float = 7,
        *,
        target: float | None = None,
        previous: float | None = None,
        color: Color = Palette.ACCENT,
        track: Color = Palette.PANEL,
    ):
        super().__init__()
        self.value, self.target, self.previous = value, target, previous
        self.width, self.height, self.color, self.track = width, height, color, track

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height + 4

    def draw(self) -> None:
        c = self.canv
        y = 2
        c.setFillColor(self.track)
        c.rect(0, y, self.width, self.height, stroke=0, fill=1)
        if self.value is not None:
            c.setFillColor(self.color)
            c.rect(0, y, self.width * max(0.0, min(self.value, SCORE_MAX)) / SCORE_MAX, self.height, stroke=0, fill=1)
        for mark, color, dash in ((self.previous, Palette.PREVIOUS, (1, 1)), (self.target, Palette.TARGET, None)):
            if mark is None:
                continue
            x = self.width * max(0.0, min(mark, SCORE_MAX)) / SCORE_MAX
            c.setStrokeColor(color)
            c.setLineWidth(1.6)
            c.setDash(*dash) if dash else c.setDash()
            c.line(x, y - 2, x, y + self.height + 2)
        c.setDash()


class LevelMeter(Flowable):
    """Five cells for levels 1-5: filled up to the level, the target's cells outlined in
    orange, a tick over the target. Unanswered: dashed empty cells. N/A: no cells. An
    optional one-line caption below (drawn directly: cheaper than a Paragraph)."""

    CELL = 7.0
    GAP = 1.6

    def __init__(
        self,
        level: int | None,
        target: int | None,
        *,
        na: bool = False,
        caption: str = "",
        font: str = "",
        caption_color: Color = Palette.MUTED,
        caption_size: float = 7.6,
    ):
        super().__init__()
        self.level, self.target, self.na = level, target, na
        self.caption, self.font, self.caption_color, self.caption_size = (
            visible(caption),
            font,
            caption_color,
            caption_size,
        )
        self.cells_height = 0.0 if na else self.CELL + 7
        self.width = 5 * self.CELL + 4 * self.GAP
        self.height = self.cells_height + (caption_size * 1.45 if caption else 0)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        if self.caption:
            c.setFont(self.font, self.caption_size)
            c.setFillColor(self.caption_color)
            c.drawString(0, self.caption_size * 0.35, self.caption)
        if self.na:
            return
        c.saveState()
        c.translate(0, self.height - self.cells_height)
        self._draw_cells()
        c.restoreState()

    def _draw_cells(self) -> None:
        c = self.canv
        c.setLineWidth(0.8)
        for i in range(1, 6):
            x = (i - 1) * (self.CELL + self.GAP)
            filled = self.level is not None and i <= self.level
            wanted = self.target is not None and not filled and i <= self.target
            if self.level is None:
                c.setDash(1.2, 1.2)
                c.setStrokeColor(Palette.FAINT)
                c.rect(x, 2, self.CELL, self.CELL, stroke=1, fill=0)
                c.setDash()
            elif filled:
                c.setFillColor(Palette.ACCENT)
                c.rect(x, 2, self.CELL, self.CELL, stroke=0, fill=1)
            elif wanted:
                c.setFillColor(Palette.TARGET_LIGHT)
                c.setStrokeColor(Palette.TARGET)
                c.rect(x + 0.4, 2.4, self.CELL - 0.8, self.CELL - 0.8, stroke=1, fill=1)
            else:
                c.setFillColor(Palette.PANEL)
                c.setStrokeColor(Palette.RULE)
                c.rect(x + 0.4, 2.4, self.CELL - 0.8, self.CELL - 0.8, stroke=1, fill=1)
        if self.target is not None and self.level is not None:
            # A tick above the target's cell, so a met target is visible too.
            x = (self.target - 1) * (self.CELL + self.GAP) + self.CELL / 2 if self.target > 0 else -self.GAP
            c.setFillColor(Palette.TARGET)
            path = c.beginPath()
            path.moveTo(x - 2.4, self.CELL + 5.2)
            path.lineTo(x + 2.4, self.CELL + 5.2)
            path.lineTo(x, self.CELL + 2.6)
            path.close()
            c.drawPath(path, stroke=0, fill=1)
