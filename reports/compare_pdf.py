"""The comparison across teams as a PDF (landscape A4), built on the scorecard's report builder,
styles and typesetting rules: IPAexGothic only, every user string through ``para_text``.

Parts: overview (filters and key figures), the heat map in ranking order, the distribution per
policy and principle (box plots with the statistics), the weakest items, the roll-up along the
unit tree, the change since each unit's previous cycle, and how the comparison is made.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence

from reportlab.graphics.shapes import Circle, Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from models.compare import Comparison, Stats
from questionnaires.scale import READINESS
from reports.builder import Margins, ReportBuilder
from reports.compare_labels import COMPARE, status_name
from reports.compare_xlsx import filter_rows
from reports.heat import HEAT_STEPS, heat_colors
from reports.scorecard import fmt_delta, short_policy_name
from reports.styles import Palette, panel_style, table_style
from reports.text import para_text, visible

PROVISIONAL_MARK = "◆"


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


class ComparisonBuilder(ReportBuilder[Comparison]):
    pagesize = landscape(A4)
    margins = Margins(left=16 * mm, right=16 * mm, top=22 * mm, bottom=20 * mm)

    def __init__(self) -> None:
        super().__init__()
        st = self.styles
        self.cell = ParagraphStyle("cmp_cell", parent=st.cell_small, fontSize=7.6, leading=10)
        self.head = ParagraphStyle("cmp_head", parent=st.cell_head, fontSize=7, leading=9.4)
        self.head_right = ParagraphStyle("cmp_head_right", parent=self.head, alignment=TA_RIGHT)
        self.right = ParagraphStyle("cmp_right", parent=self.cell, alignment=TA_RIGHT)

    # --- the builder's questions ------------------------------------------------------------

    def title(self, data: Comparison, lang: str) -> str:
        return f"{COMPARE[lang]['title']} — {data.cycle or '—'}"

    def header_text(self, data: Comparison, lang: str) -> tuple[str, str]:
        t = COMPARE[lang]
        scope = data.unit_path or t["all_units"]
        status = status_name(data.status, lang) if data.status else ""
        right = " · ".join(x for x in (data.cycle or "—", scope, status) if x)
        return t["title"], right

    def footer_text(self, data: Comparison, lang: str) -> str:
        t = COMPARE[lang]
        text = t["footer"].format(cycle=data.cycle or "—")
        return f"{text} · {t['anonymised']}" if data.anonymised else text

    def story(self, data: Comparison, lang: str) -> list[Flowable]:
        story: list[Flowable] = []
        story += self._overview(data, lang)
        story += self.section_break()
        story += self._heatmap(data, lang)
        story += self.section_break()
        story += self._distribution(data, lang)
        story += self.section_break()
        story += self._weak_items(data, lang)
        story += self.section_break()
        story += self._units(data, lang)
        story += self.section_break()
        story += self._trend(data, lang)
        return story

    # --- helpers --------------------------------------------------------------------------------

    def _p(self, text: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(para_text(text), style)

    def _policy_label(self, data: Comparison, key: str, lang: str) -> str:
        for p in data.policies:
            if p.id == key:
                return f"{key} {short_policy_name(p, lang)}"  # type: ignore[arg-type]  # it reads .name only
        for p in data.principles:
            if p.id == key:
                return f"{key} {p.name.get(lang)}"
        return key

    def _table(
        self, rows: list[list[object]], widths: Sequence[float], *commands: tuple, h_align: str = "CENTER"
    ) -> Table:
        """A data table whose header repeats on every page; plain cells in the cell size."""
        table = Table(rows, colWidths=list(widths), repeatRows=1, hAlign=h_align)
        table.setStyle(table_style(self.font, ("FONTSIZE", (0, 1), (-1, -1), 7.6), *commands))
        return table

    def _note(self, text: str) -> list[Flowable]:
        return [Spacer(1, 2 * mm), self._p(text, self.styles.note)]

    @staticmethod
    def _heat(col: int, row: int, value: float | None) -> list[tuple]:
        background, ink = heat_colors(value)
        return [
            ("BACKGROUND", (col, row), (col, row), colors.HexColor(background)),
            ("TEXTCOLOR", (col, row), (col, row), colors.HexColor(ink)),
        ]

    # --- parts ----------------------------------------------------------------------------------

    def _overview(self, data: Comparison, lang: str) -> list[Flowable]:
        st, t = self.styles, COMPARE[lang]
        flow: list[Flowable] = [self._p(t["kicker"], st.kicker), self.heading(t["title"], 0)]
        facts = [[self._p(k, st.cell_muted), self._p(v, st.cell)] for k, v in filter_rows(data, lang)]
        table = Table(facts, colWidths=[45 * mm, self.width - 45 * mm])
        table.setStyle(table_style(self.font, header=False))
        flow += [table, Spacer(1, 4 * mm), self._key_figures(data, lang), Spacer(1, 3 * mm)]
        flow.append(self._legend(lang))
        flow += self._method(data, lang)
        return flow

    def _key_figures(self, data: Comparison, lang: str) -> Table:
        st, t = self.styles, COMPARE[lang]
        overall = [a.overall for a in data.assessments if a.overall is not None]
        figures = [
            (t["assessments_count"], str(len(data.assessments))),
            (
                f"{t['overall']}（{t['mean']}）" if lang == "ja" else f"{t['overall']} ({t['mean']})",
                _score(statistics.fmean(overall) if overall else None),
            ),
            (
                f"{t['overall']}（{t['median']}）" if lang == "ja" else f"{t['overall']} ({t['median']})",
                _score(statistics.median(overall) if overall else None),
            ),
            (t["provisional_count"], str(sum(1 for a in data.assessments if a.provisional))),
        ]
        cells = [[self._p(k, st.figure_label) for k, _ in figures], [self._p(v, st.figure) for _, v in figures]]
        w = self.width / len(figures)
        table = Table(cells, colWidths=[w] * len(figures))
        table.setStyle(
            panel_style(
                self.font,
                ("LINEBEFORE", (1, 0), (-1, -1), 0.5, Palette.RULE),
                ("LINEABOVE", (0, 0), (-1, 0), 1.2, Palette.ACCENT),
            )
        )
        return table

    def _legend(self, lang: str) -> Flowable:
        t = COMPARE[lang]
        swatch = 9 * mm
        bounds = [*(band.lower for band in READINESS[1:]), 100.0]
        labels = [
            f"{lower:.0f}–{upper:.0f} {band.name.get(lang)}"
            for (lower, _, _), upper, band in zip(HEAT_STEPS, bounds, READINESS, strict=True)
        ]
        step = swatch + max(stringWidth(visible(label), self.font, 7) for label in labels) + 4 * mm
        drawing = Drawing(len(HEAT_STEPS) * step, 14, initialFontName=self.font, initialFontSize=7)
        for i, ((_, background, ink), label) in enumerate(zip(HEAT_STEPS, labels, strict=True)):
            x = i * step
            drawing.add(Rect(x, 2, swatch, 10, fillColor=colors.HexColor(background), strokeColor=None))
            drawing.add(
                String(
                    x + swatch / 2,
                    4.5,
                    str(READINESS[i].level),
                    fontName=self.font,
                    fontSize=7,
                    fillColor=colors.HexColor(ink),
                    textAnchor="middle",
                )
            )
            drawing.add(
                String(x + swatch + 2, 4.5, visible(label), fontName=self.font, fontSize=7, fillColor=Palette.MUTED)
            )
        note = self._p(f"{t['legend']}　{t['provisional_legend']}", self.styles.caption)
        return Table(
            [[drawing], [note]],
            colWidths=[self.width],
            style=[("FONTNAME", (0, 0), (-1, -1), self.font), ("LEFTPADDING", (0, 0), (-1, -1), 0)],
        )

    def _heatmap(self, data: Comparison, lang: str) -> list[Flowable]:
        t = COMPARE[lang]
        flow: list[Flowable] = [self.heading(t["s_heatmap"], 1)]
        if not data.assessments:
            return [*flow, self._p(t["none"], self.styles.body_muted)]
        keys = [p.id for p in data.policies] + [p.id for p in data.principles]
        head = [
            self._p(t["rank"], self.head_right),
            self._p(t["unit"], self.head),
            self._p(t["overall"], self.head_right),
            self._p(t["level"], self.head_right),
            self._p(t["coverage"], self.head_right),
            *(self._p(self._policy_label(data, k, lang), self.head_right) for k in keys[: len(data.policies)]),
            *(self._p(k, self.head_right) for k in keys[len(data.policies) :]),
        ]
        by_id = {a.id: a for a in data.assessments}
        rows: list[list[object]] = [head]
        commands: list[tuple] = [
            ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
            ("ALIGN", (0, 1), (0, -1), "RIGHT"),
            ("FONTSIZE", (0, 1), (-1, -1), 7.6),
            ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ]
        n_policies = len(data.policies)
        for r, aid in enumerate(data.ranking, start=1):
            a = by_id[aid]
            unit = f"{a.unit}　{PROVISIONAL_MARK}{t['provisional']}" if a.provisional else a.unit
            scores = [a.policies.get(k) for k in keys[:n_policies]] + [a.principles.get(k) for k in keys[n_policies:]]
            rows.append(
                [
                    str(r),
                    self._p(unit, self.cell),
                    _score(a.overall),
                    "—" if a.level is None else str(a.level),
                    f"{a.coverage:.0%}",
                    *(_score(s) for s in scores),
                ]
            )
            commands += self._heat(2, r, a.overall)
            for c, value in enumerate(scores, start=5):
                commands += self._heat(c, r, value)
        fixed = [11 * mm, 0.0, 19 * mm, 11 * mm, 17 * mm]
        score_w = min(20 * mm, (self.width - sum(fixed) - 60 * mm) / max(len(keys), 1))
        fixed[1] = self.width - sum(fixed) - score_w * len(keys)
        flow.append(self._table(rows, fixed + [score_w] * len(keys), *commands))
        principles = " · ".join(f"{p.id} {p.name.get(lang)}" for p in data.principles)
        flow += self._note(f"{t['principle']}: {principles}" if lang == "en" else f"{t['principle']}：{principles}")
        return flow

    def _distribution(self, data: Comparison, lang: str) -> list[Flowable]:
        t = COMPARE[lang]
        flow: list[Flowable] = [self.heading(t["s_stats"], 0)]
        groups: list[tuple[str, dict[str, Stats], Callable[[object], dict[str, float | None]]]] = [
            (t["policy"], data.policy_stats, lambda a: a.policies),  # type: ignore[attr-defined]
            (t["principle"], data.principle_stats, lambda a: a.principles),  # type: ignore[attr-defined]
        ]
        for title, stats, values_of in groups:
            values = {
                key: sorted(v for a in data.assessments if (v := values_of(a).get(key)) is not None) for key in stats
            }
            head = [self._p(title, self.head), self._p("0 — 100", self.head)] + [
                self._p(t[k], self.head_right) for k in ("mean", "median", "min", "max", "n")
            ]
            rows: list[list[object]] = [head]
            plot_w = self.width - 70 * mm - 5 * 18 * mm
            for key, s in stats.items():
                rows.append(
                    [
                        self._p(self._policy_label(data, key, lang), self.cell),
                        self._box_plot(values[key], s, plot_w),
                        _score(s.mean),
                        _score(s.median),
                        _score(s.min),
                        _score(s.max),
                        str(s.n),
                    ]
                )
            flow.append(
                self._table(
                    rows,
                    [70 * mm, plot_w] + [18 * mm] * 5,
                    ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
                    ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
                )
            )
            flow.append(Spacer(1, 5 * mm))
        flow += self._note(t["stats_note"])
        return flow

    def _box_plot(self, values: list[float], s: Stats, width: float) -> Drawing:
        height = 16
        drawing = Drawing(width, height, initialFontName=self.font, initialFontSize=6)

        def x(value: float) -> float:
            return 2 + (width - 4) * max(0.0, min(value, 100.0)) / 100.0

        for mark in (0, 20, 40, 60, 80, 100):
            drawing.add(Line(x(mark), 1, x(mark), height - 1, strokeColor=Palette.HAIRLINE, strokeWidth=0.4))
        if not values or s.min is None or s.max is None or s.median is None:
            return drawing
        mid = height / 2
        drawing.add(Line(x(s.min), mid, x(s.max), mid, strokeColor=Palette.MUTED, strokeWidth=0.8))
        for end in (s.min, s.max):
            drawing.add(Line(x(end), mid - 3, x(end), mid + 3, strokeColor=Palette.MUTED, strokeWidth=0.8))
        if len(values) >= 2:
            q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
        else:
            q1 = q3 = values[0]
        drawing.add(
            Rect(
                x(q1),
                mid - 4.5,
                max(x(q3) - x(q1), 0.8),
                9,
                fillColor=Palette.ACCENT_LIGHT,
                strokeColor=Palette.ACCENT,
                strokeWidth=0.8,
            )
        )
        drawing.add(Line(x(s.median), mid - 5.5, x(s.median), mid + 5.5, strokeColor=Palette.ACCENT, strokeWidth=1.8))
        if s.mean is not None:
            drawing.add(Circle(x(s.mean), mid, 1.6, fillColor=Palette.INK, strokeColor=None))
        return drawing

    def _weak_items(self, data: Comparison, lang: str) -> list[Flowable]:
        t = COMPARE[lang]
        flow: list[Flowable] = [self.heading(t["s_weak"].format(n=len(data.weak_items)), 0)]
        if not data.weak_items:
            return [*flow, self._p(t["none"], self.styles.body_muted)]
        rows: list[list[object]] = [
            [
                self._p(t[k], self.head_right if k in ("rank", "mean_level", "n") else self.head)
                for k in ("rank", "item", "policy", "question", "mean_level", "n")
            ]
        ]
        for r, w in enumerate(data.weak_items, start=1):
            rows.append(
                [
                    str(r),
                    self._p(w.item, self.cell),
                    self._p(self._policy_label(data, w.policy, lang), self.cell),
                    self._p(w.question.get(lang), self.cell),
                    f"{w.mean_level:.2f}",
                    str(w.n),
                ]
            )
        fixed = 10 * mm + 16 * mm + 45 * mm + 20 * mm + 12 * mm
        flow.append(
            self._table(
                rows,
                [10 * mm, 16 * mm, 45 * mm, self.width - fixed, 20 * mm, 12 * mm],
                ("ALIGN", (0, 1), (0, -1), "RIGHT"),
                ("ALIGN", (4, 1), (-1, -1), "RIGHT"),
            )
        )
        flow += self._note(t["weak_note"])
        return flow

    def _units(self, data: Comparison, lang: str) -> list[Flowable]:
        t = COMPARE[lang]
        flow: list[Flowable] = [self.heading(t["s_units"], 0)]
        if data.units:
            rows: list[list[object]] = [
                [
                    self._p(t["unit"], self.head),
                    self._p(t["score"], self.head_right),
                    self._p(t["teams"], self.head_right),
                ]
            ]
            commands: list[tuple] = [("ALIGN", (1, 1), (-1, -1), "RIGHT")]
            for r, u in enumerate(data.units, start=1):
                # The tree shows by indentation; anonymised, there is no tree to show.
                depth = 0 if data.anonymised else u.depth
                style = ParagraphStyle(f"cmp_unit_{depth}", parent=self.cell, leftIndent=depth * 5 * mm)
                name = u.path if data.anonymised else u.path.rsplit("/", 1)[-1]
                rows.append([self._p(name, style), _score(u.score), str(u.teams)])
                commands += self._heat(1, r, u.score)
            flow.append(self._table(rows, [120 * mm, 25 * mm, 25 * mm], *commands, h_align="LEFT"))
        else:
            flow.append(self._p(t["no_units"], self.styles.body_muted))
        flow += self._note(t["units_note"])
        if data.anonymised and data.suppressed_groups:
            flow.append(
                self._p(t["units_suppressed"].format(n=data.min_group, count=data.suppressed_groups), self.styles.note)
            )
        return flow

    def _trend(self, data: Comparison, lang: str) -> list[Flowable]:
        t = COMPARE[lang]
        flow: list[Flowable] = [self.heading(t["s_trend"], 0)]
        if not data.trend:
            return [*flow, self._p(t["no_trend"], self.styles.body_muted)]
        head = [self._p(t["unit"], self.head), self._p(t["cycle"], self.head), self._p(t["previous_cycle"], self.head)]
        head += [self._p(self._policy_label(data, p.id, lang), self.head_right) for p in data.policies]
        rows: list[list[object]] = [head]
        commands: list[tuple] = [("ALIGN", (3, 1), (-1, -1), "RIGHT")]
        for r, e in enumerate(data.trend, start=1):
            cells: list[object] = [
                self._p(e.unit, self.cell),
                self._p(e.cycle, self.cell),
                self._p(e.previous_cycle, self.cell),
            ]
            for c, p in enumerate(data.policies, start=3):
                delta = e.policies.get(p.id)
                cells.append(fmt_delta(delta, 0.0) if delta is not None else "—")
                if delta is not None and round(delta, 1) != 0:
                    commands.append(("TEXTCOLOR", (c, r), (c, r), Palette.GOOD if delta > 0 else Palette.ALERT))
            rows.append(cells)
        fixed = 3 * 22 * mm
        per = min(30 * mm, (self.width - fixed - 60 * mm) / max(len(data.policies), 1))
        first = self.width - 2 * 22 * mm - per * len(data.policies)
        flow.append(self._table(rows, [first, 22 * mm, 22 * mm] + [per] * len(data.policies), *commands))
        flow += self._note(t["trend_note"])
        return flow

    def _method(self, data: Comparison, lang: str) -> list[Flowable]:
        t = COMPARE[lang]
        flow: list[Flowable] = [Spacer(1, 6 * mm), self.keep_space(40 * mm), self.heading(t["s_method"], 0)]
        for key in ("method_1", "method_2", "method_3"):
            flow.append(self._p(t[key], self.styles.body))
        return flow


def build_compare_pdf(data: Comparison, lang: str = "ja", *, cancel: Callable[[], bool] | None = None) -> bytes:
    return ComparisonBuilder().build(data, lang, cancel=cancel)
