"""The readiness scorecard PDF of one assessment: the document a division chief signs.

Built on :class:`reports.builder.ReportBuilder` from the plain :class:`ScorecardData` that
``models.reporting.scorecard_data`` hands over. Parts: cover, summary (key figures, radar
chart, strengths and weaknesses), principle scores, change since the previous cycle, one
part per basic policy, the improvement plan, and the "How scores are computed" appendix.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepInFrame, KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from models.assessments import AnswerRead
from models.reporting import EvidenceRef, ModuleScorecard, ScorecardData, jst_date
from questionnaires.scale import PROVISIONAL_BELOW, READINESS, SCALE
from questionnaires.schema import Item, Policy
from questionnaires.scoring import ItemScore
from reports.builder import BuildCancelled, ReportBuilder
from reports.charts import LevelMeter, RadarSeries, ScoreBar, radar_chart
from reports.files import safe_name_part, write_atomically
from reports.labels import SCORECARD, method_steps, readiness_ranges, scale_rows
from reports.styles import Palette, panel_style, style_for, table_style
from reports.text import para_text, visible
from reports.wareki import format_date, format_date_short

__all__ = [
    "BuildCancelled",
    "ScorecardBuilder",
    "build_scorecard",
    "scorecard_filename",
    "write_atomically",
    "write_scorecard",
]

#: Evidence notes are cited, not reproduced: at most this many characters of a text note.
EVIDENCE_EXCERPT = 200


def fmt_score(value: float | None, lang: str) -> str:
    """A score to one decimal, or "not assessed"."""
    return SCORECARD[lang]["not_assessed"] if value is None else f"{value:.1f}"


def fmt_delta(now: float | None, before: float | None) -> str:
    """The signed change to one decimal with ▲/▼, or — when either side has no score."""
    if now is None or before is None:
        return "—"
    delta = round(now - before, 1)
    if delta > 0:
        return f"+{delta:.1f} ▲"
    if delta < 0:
        return f"−{-delta:.1f} ▼"
    return "±0.0"


def short_policy_name(policy: Policy, lang: str) -> str:
    """The policy's short name: 「AIを使う」 → AIを使う, ("Use AI") → Use AI; else the full name."""
    name = policy.name.get(lang)
    found = re.search(r"「([^」]+)」", name) if lang == "ja" else re.search(r'\("([^"]+)"\)', name)
    return found.group(1) if found else name


def status_text(status: str, lang: str) -> str:
    return SCORECARD[lang].get(f"status_{status}", status)


class ScorecardBuilder(ReportBuilder[ScorecardData]):
    """The scorecard: a cover page, then numbered parts (see the module docstring)."""

    has_cover = True

    def __init__(self) -> None:
        super().__init__()
        st = self.styles
        self.id_width = 13 * mm
        self.meter_width = 40 * mm
        indent = self.id_width
        hang = dict(bulletColor=Palette.MUTED, bulletFontSize=7.8)
        # Item details (comment, N/A reason, evidence), their label hanging in a column.
        self.detail = {
            lang: ParagraphStyle(
                f"detail_{lang}",
                parent=st.small,
                leftIndent=indent + hang_width,
                bulletIndent=indent,
                spaceBefore=1,
                spaceAfter=1,
                **hang,
            )
            for lang, hang_width in (("ja", 17 * mm), ("en", 23 * mm))
        }
        self.note_hanging = ParagraphStyle("note_hanging", parent=st.note, leftIndent=42 * mm, **hang)
        self.small_hanging = ParagraphStyle("small_hanging", parent=st.small, leftIndent=42 * mm, **hang)
        self.bullet = ParagraphStyle("bullet", parent=st.body, leftIndent=7 * mm, bulletIndent=0, spaceAfter=5)
        self.figure_small = ParagraphStyle("figure_small", parent=st.figure, fontSize=16, leading=20)
        self.right_small = ParagraphStyle("right_small", parent=st.cell_small, alignment=TA_RIGHT)
        self.id_style = ParagraphStyle("id", parent=st.cell_muted, fontSize=7.5, leading=10)
        self.tight = ParagraphStyle("tight", parent=st.cell_small, fontSize=7.8, leading=11.2)
        self.head_right = ParagraphStyle("head_right", parent=st.cell_head, alignment=TA_RIGHT)
        self.badge = ParagraphStyle("badge", parent=st.body, fontSize=11, leading=14, textColor=Palette.ALERT)

    # --- the builder's questions ------------------------------------------------------------

    def title(self, data: ScorecardData, lang: str) -> str:
        return f"{SCORECARD[lang]['title']} — {self._unit(data, lang)} — {data.cycle}"

    def subject(self, data: ScorecardData, lang: str) -> str:
        return data.questionnaire.data.title.get(lang)

    def header_text(self, data: ScorecardData, lang: str) -> tuple[str, str]:
        unit = self._unit(data, lang).replace("/", " / ")
        return unit, f"{SCORECARD[lang]['title']} · {data.cycle} · {status_text(data.status, lang)}"

    def footer_text(self, data: ScorecardData, lang: str) -> str:
        return f"{SCORECARD[lang]['fingerprint']}  {data.fingerprint}"

    def story(self, data: ScorecardData, lang: str) -> list[Flowable]:
        story: list[Flowable] = []
        # The cover is one page whatever the names: shrink to fit rather than spill over.
        story.append(KeepInFrame(self.width, self.height, self._cover(data, lang), mode="shrink"))
        story += self.end_cover()
        story += self._summary(data, lang)
        story += self.section_break()
        story += self._principles(data, lang)
        story += self._change(data, lang)
        number = 4
        for policy in data.questionnaire.policies:
            story += self.section_break()
            story += self._policy_part(data, lang, policy, number)
            number += 1
        for module in data.modules:
            story += self.section_break()
            story += self._module_part(module, lang, number)
            number += 1
        story += self.section_break()
        story += self._plan(data, lang, number)
        story += self.section_break()
        story += self._appendix(data, lang)
        return story

    # --- small helpers ------------------------------------------------------------------------

    @staticmethod
    def _unit(data: ScorecardData, lang: str) -> str:
        return data.unit_path_en if lang == "en" and data.unit_path_en else data.unit_path

    def _para(self, markup: str, style: ParagraphStyle, **kw: Any) -> Paragraph:
        """A paragraph of our own markup, with Japanese line breaking where it holds Japanese."""
        return Paragraph(markup, style_for(style, markup), **kw)

    def _p(self, text: str, style: ParagraphStyle) -> Paragraph:
        """A paragraph of plain (user or content) text."""
        return self._para(para_text(text), style)

    def _id_cell(self, item_id: str, room: float) -> object:
        """An item id as a plain table string, or a wrapping paragraph when it is too long."""
        if stringWidth(item_id, self.font, 8) <= room:
            return visible(item_id)
        return self._p(item_id, self.id_style)

    def _labelled(self, label: str, text: str, style: ParagraphStyle) -> Paragraph:
        """Plain ``text`` with ``label`` hanging in the margin column of ``style`` (a bullet: the
        text stays one style, which keeps long Japanese comments quick to lay out)."""
        return self._para(para_text(text), style, bulletText=visible(label))

    def _level_name(self, level: int | None, lang: str) -> str:
        if level is None:
            return SCORECARD[lang]["none"]
        name = next(band.name.get(lang) for band in READINESS if band.level == level)
        return SCORECARD[lang]["level_fmt"].format(level=level, name=name)

    # --- cover --------------------------------------------------------------------------------

    def _cover(self, data: ScorecardData, lang: str) -> list[Flowable]:
        st, lab, result = self.styles, SCORECARD[lang], data.result
        path = self._unit(data, lang).split("/")
        other = data.unit_path if lang == "en" else data.unit_path_en
        flow: list[Flowable] = [Spacer(1, 16 * mm), self._p(lab["kicker"], st.kicker), Spacer(1, 9 * mm)]
        if len(path) > 1:
            flow.append(self._p(" / ".join(path[:-1]), st.cover_parent))
        flow.append(self._p(path[-1], st.cover_title))
        if other:
            flow.append(self._p(other.replace("/", " / "), st.cover_subtitle))
        flow += [
            Spacer(1, 5 * mm),
            HRFlowable(width="100%", thickness=1.2, color=Palette.ACCENT, spaceBefore=2, spaceAfter=8),
            self._p(data.questionnaire.data.title.get(lang), st.cover_subtitle),
            Spacer(1, 12 * mm),
            self._key_figures(data, lang),
        ]
        if result.provisional:
            flow += [Spacer(1, 3 * mm), self._provisional_banner(data, lang)]
        flow += [Spacer(1, 12 * mm), self._cover_facts(data, lang), Spacer(1, 12 * mm), *self._approval_box(data, lang)]
        return flow

    def _cover_facts(self, data: ScorecardData, lang: str) -> Table:
        st, lab = self.styles, SCORECARD[lang]
        q = data.questionnaire
        rows: list[tuple[str, str]] = [
            (lab["cycle"], data.cycle),
            (lab["questionnaire"], q.data.title.get(lang) + lab["paren"].format(f"{q.id} {q.version}")),
            (lab["edition"], q.data.edition.name.get(lang)),
            (lab["status"], status_text(data.status, lang)),
        ]
        if data.submitted_at is not None:
            who = f"{data.submitted_by}　" if data.submitted_by else ""
            rows.append((lab["submitted"], who + format_date_short(jst_date(data.submitted_at), lang)))
        rows += [
            (lab["as_of"], f"{format_date(data.as_of, lang)}　{lab['as_of_note']}"),
            (lab["fingerprint"], data.fingerprint),
        ]
        cells = [[self._p(k, st.cell_muted), self._p(v, st.cell)] for k, v in rows]
        table = Table(cells, colWidths=[34 * mm, self.width - 34 * mm])
        table.setStyle(table_style(self.font, header=False))
        return table

    def _approval_box(self, data: ScorecardData, lang: str) -> list[Flowable]:
        st, lab = self.styles, SCORECARD[lang]
        approved = data.status == "approved"
        name = (data.approver or "") if approved else ""
        day = format_date(jst_date(data.approved_at), lang) if approved and data.approved_at else ""
        head = [self._p(t, st.cell_head) for t in (lab["approver"], lab["approved_on"], lab["signature"])]
        body = [self._p(name, st.cell), self._p(day, st.cell), ""]
        w = self.width
        table = Table([head, body], colWidths=[w * 0.36, w * 0.36, w * 0.28], rowHeights=[None, 16 * mm])
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), self.font),
                    ("BOX", (0, 0), (-1, -1), 0.6, Palette.RULE),
                    ("INNERGRID", (0, 0), (-1, -1), 0.4, Palette.HAIRLINE),
                    ("BACKGROUND", (0, 0), (-1, 0), Palette.PANEL),
                    ("VALIGN", (0, 1), (-1, 1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 7),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ]
            )
        )
        return [self._p(lab["approval_box"], st.h3), table]

    # --- summary ------------------------------------------------------------------------------

    def _key_figures(self, data: ScorecardData, lang: str) -> Table:
        st, lab, result = self.styles, SCORECARD[lang], data.result
        level = self._level_name(result.level, lang) if result.overall is not None else lab["not_assessed"]
        coverage = f"{result.coverage:.0%}"
        detail = lab["coverage_detail"].format(total=result.total, answered=result.answered, na=result.not_applicable)
        if data.previous is not None:
            change = fmt_delta(result.overall, data.previous.overall)
            change_note = f"{data.previous.cycle}: {fmt_score(data.previous.overall, lang)}"
        else:
            change, change_note = lab["none"], lab["previous_none_short"]
        overall = fmt_score(result.overall, lang)
        mark: object = ""
        if result.provisional:
            mark = self._para(
                f'<font color="{Palette.ALERT.hexval()}">◆ {para_text(lab["provisional_mark"])}</font>', self.badge
            )
        cells = [
            [
                self._p(lab["overall"], st.figure_label),
                self._p(lab["level"], st.figure_label),
                self._p(lab["coverage"], st.figure_label),
                self._p(lab["change"], st.figure_label),
            ],
            [
                self._para(
                    para_text(overall)
                    + f'<font size="10" color="{Palette.MUTED.hexval()}"> {para_text(lab["out_of"])}</font>',
                    st.figure,
                )
                if result.overall is not None
                else self._p(overall, self.figure_small),
                self._p(level, self.figure_small),
                self._p(coverage, self.figure_small),
                self._p(change, self.figure_small),
            ],
            [
                mark,
                "",
                self._p(detail, st.figure_label),
                self._p(change_note, st.figure_label),
            ],
        ]
        w = self.width
        table = Table(cells, colWidths=[w * 0.29, w * 0.23, w * 0.26, w * 0.22])
        table.setStyle(
            panel_style(
                self.font,
                ("LINEBEFORE", (1, 0), (-1, -1), 0.5, Palette.RULE),
                ("TOPPADDING", (0, 1), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 1),
                ("VALIGN", (0, 1), (-1, 1), "BOTTOM"),
                ("LINEABOVE", (0, 0), (-1, 0), 1.2, Palette.ACCENT),
            )
        )
        return table

    def _provisional_banner(self, data: ScorecardData, lang: str) -> Table:
        lab = SCORECARD[lang]
        text = lab["provisional_note"].format(
            threshold=f"{PROVISIONAL_BELOW:.0%}", coverage=f"{data.result.coverage:.0%}"
        )
        cells = [[self._p(lab["provisional_mark"], self.styles.banner), self._p(text, self.styles.banner)]]
        table = Table(cells, colWidths=[24 * mm, self.width - 24 * mm])
        table.setStyle(
            panel_style(
                self.font,
                ("LINEBEFORE", (0, 0), (0, -1), 3, Palette.ALERT),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                background=Palette.ALERT_LIGHT,
            )
        )
        return table

    def _summary(self, data: ScorecardData, lang: str) -> list[Flowable]:
        lab, result = SCORECARD[lang], data.result
        flow: list[Flowable] = [self.heading(f"1　{lab['s1']}", 0, outline=f"1 {lab['s1']}")]
        flow.append(self._key_figures(data, lang))
        if result.provisional:
            flow += [Spacer(1, 3 * mm), self._provisional_banner(data, lang)]
        if data.submit_reason:
            flow += [Spacer(1, 3 * mm), self._labelled(lab["submit_reason"], data.submit_reason, self.note_hanging)]
        flow += [self.heading(lab["policies_heading"], 1), self._radar_with_table(data, lang)]
        flow += [Spacer(1, 2 * mm), self._strengths_weaknesses(data, lang)]
        return flow

    def _radar_with_table(self, data: ScorecardData, lang: str) -> Table:
        """The radar chart of the policies (with targets and the previous cycle) beside their table."""
        st, lab, result = self.styles, SCORECARD[lang], data.result
        policies = data.questionnaire.policies
        chart_w = 86 * mm
        series = []
        if data.previous is not None:
            series.append(
                RadarSeries(
                    lab["series_previous"].format(cycle=data.previous.cycle),
                    [data.previous.policies.get(p.id) for p in policies],
                    Palette.PREVIOUS,
                    width=1.0,
                    dash=(1.5, 1.5),
                    marker="none",
                )
            )
        if any(result.policy_targets.get(p.id) is not None for p in policies):
            series.append(
                RadarSeries(
                    lab["series_target"],
                    [result.policy_targets.get(p.id) for p in policies],
                    Palette.TARGET,
                    width=1.2,
                    dash=(4, 2),
                    marker="square",
                )
            )
        series.append(
            RadarSeries(
                lab["series_current"],
                [result.policies.get(p.id) for p in policies],
                Palette.ACCENT,
                fill=Palette.ACCENT,
                fill_opacity=0.18,
                width=1.6,
            )
        )
        labels = [
            (f"{p.id} {short_policy_name(p, lang)}", fmt_score(result.policies.get(p.id), lang)) for p in policies
        ]
        chart = radar_chart(labels, series, font=self.font, width=chart_w, height=70 * mm)
        rows: list[list[object]] = [
            [
                self._p(lab["policy"], st.cell_head),
                self._p(lab["score"], self.head_right),
                self._p(lab["target"], self.head_right),
            ]
        ]
        for p in policies:
            rows.append(
                [
                    self._p(f"{p.id}　{p.name.get(lang)}", st.cell_small),
                    self._p(fmt_score(result.policies.get(p.id), lang), st.cell_right),
                    self._p(_fmt_plain(result.policy_targets.get(p.id)), self.right_small),
                ]
            )
        if len(policies) < 3:  # a radar needs three axes at least: the table alone says it
            table = Table(rows, colWidths=[self.width - 40 * mm, 20 * mm, 20 * mm])
            table.setStyle(table_style(self.font))
            return table
        table_w = self.width - chart_w - 4 * mm
        table = Table(rows, colWidths=[table_w - 32 * mm, 17 * mm, 15 * mm])
        table.setStyle(table_style(self.font))
        outer = Table([[chart, table]], colWidths=[chart_w + 4 * mm, table_w])
        outer.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), self.font),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return outer

    def _strengths_weaknesses(self, data: ScorecardData, lang: str) -> Table:
        """The three highest and three lowest scored items, side by side (ties: heavier weight,
        then questionnaire order); one table whose rows may split across pages."""
        st, lab = self.styles, SCORECARD[lang]
        order = {item.id: i for i, item in enumerate(data.questionnaire.items)}
        scored = [s for s in data.result.items if s.level is not None]
        # With fewer than six scored items the two lists share them out rather than overlap.
        strong_count = min(3, (len(scored) + 1) // 2)
        strongest = sorted(scored, key=lambda s: (-(s.level or 0), -s.weight, order[s.id]))[:strong_count]
        taken = {s.id for s in strongest}
        rest = sorted((s for s in scored if s.id not in taken), key=lambda s: (s.level or 0, -s.weight, order[s.id]))
        weakest = rest[:3]
        meter_w = 24 * mm
        gutter = 7 * mm
        text_w = (self.width - gutter) / 2 - meter_w

        def cells(s: ItemScore | None, first: bool) -> list[object]:
            if s is None:
                return [self._p(lab["no_items"], st.cell_muted) if first else "", ""]
            item = data.questionnaire.item_by_id[s.id]
            level = s.level or 0
            return [
                [self._p(s.id, self.id_style), self._p(item.question.get(lang), self.tight)],
                LevelMeter(level, None, caption=f"{level}　{SCALE[level].get(lang)}", font=self.font),
            ]

        rows: list[list[object]] = [[self._p(lab["strengths"], st.h3), "", "", self._p(lab["weaknesses"], st.h3), ""]]
        for i in range(max(len(strongest), len(weakest), 1)):
            left = cells(strongest[i] if i < len(strongest) else None, i == 0)
            right = cells(weakest[i] if i < len(weakest) else None, i == 0)
            rows.append([*left, "", *right])
        table = Table(rows, colWidths=[text_w, meter_w, gutter, text_w, meter_w], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), self.font),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("SPAN", (0, 0), (1, 0)),
                    ("SPAN", (3, 0), (4, 0)),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                    ("LINEABOVE", (0, 0), (1, 0), 1.2, Palette.ACCENT),
                    ("LINEABOVE", (3, 0), (4, 0), 1.2, Palette.TARGET),
                    ("LINEBELOW", (0, 0), (1, -1), 0.3, Palette.HAIRLINE),
                    ("LINEBELOW", (3, 0), (4, -1), 0.3, Palette.HAIRLINE),
                ]
            )
        )
        return table

    # --- principles and change ----------------------------------------------------------------

    def _principles(self, data: ScorecardData, lang: str) -> list[Flowable]:
        st, lab, result = self.styles, SCORECARD[lang], data.result
        q = data.questionnaire
        counts = {p.id: sum(p.id in item.principles for item in q.items) for p in q.principles}
        previous = data.previous.principles if data.previous is not None else {}
        bar_w = 56 * mm
        rows: list[list[object]] = [
            [
                self._p(lab["principle"], st.cell_head),
                "",
                self._p(lab["score"], self.head_right),
                self._p(lab["items"], self.head_right),
            ]
        ]
        for p in q.principles:
            name = [self._p(f"{p.id}　{p.name.get(lang)}", st.cell)]
            if p.gist is not None:
                name.append(self._p(p.gist.get(lang), st.cell_muted))
            value = result.principles.get(p.id)
            rows.append(
                [
                    name,
                    ScoreBar(value, bar_w, previous=previous.get(p.id)),
                    self._p(fmt_score(value, lang), st.cell_right),
                    self._p(str(counts[p.id]), st.cell_right),
                ]
            )
        table = Table(rows, colWidths=[self.width - bar_w - 10 - 34 * mm, bar_w + 10, 18 * mm, 16 * mm])
        table.setStyle(table_style(self.font, ("VALIGN", (1, 1), (-1, -1), "MIDDLE")))
        flow: list[Flowable] = [
            self.heading(f"2　{lab['s2']}", 0, outline=f"2 {lab['s2']}"),
            table,
            Spacer(1, 2 * mm),
            self._p(lab["principles_note"], st.caption),
        ]
        return flow

    def _change(self, data: ScorecardData, lang: str) -> list[Flowable]:
        st, lab, result = self.styles, SCORECARD[lang], data.result
        flow: list[Flowable] = [Spacer(1, 8 * mm), self.heading(f"3　{lab['s3']}", 0, outline=f"3 {lab['s3']}")]
        prev = data.previous
        if prev is None:
            flow.append(self._p(lab["previous_none"], st.body_muted))
            return flow
        flow.append(self._p(lab["previous_note"].format(previous=prev.cycle, current=data.cycle), st.note))
        head = [
            f"{para_text(lab['previous'])}<br/>{para_text(prev.cycle)}",
            f"{para_text(lab['current'])}<br/>{para_text(data.cycle)}",
            para_text(lab["delta"]),
        ]
        rows: list[list[object]] = [["", *(self._para(h, self.head_right) for h in head)]]
        entries: list[tuple[str, float | None, float | None, bool]] = [
            (lab["overall"], prev.overall, result.overall, True)
        ]
        entries += [(f"{p.id}　{p.name.get(lang)}", prev.policies.get(p.id), result.policies.get(p.id), False)
                    for p in data.questionnaire.policies]  # fmt: skip
        entries += [(f"{p.id}　{p.name.get(lang)}", prev.principles.get(p.id), result.principles.get(p.id), False)
                    for p in data.questionnaire.principles]  # fmt: skip
        for label, before, now, strong in entries:
            rows.append(
                [
                    self._p(label, st.cell if not strong else st.h3),
                    self._p(fmt_score(before, lang), st.cell_right),
                    self._p(fmt_score(now, lang), st.cell_right),
                    self._delta_para(now, before),
                ]
            )
        policy_rows = len(data.questionnaire.policies)
        table = Table(rows, colWidths=[self.width - 78 * mm, 26 * mm, 26 * mm, 26 * mm], repeatRows=1)
        table.setStyle(
            table_style(
                self.font,
                ("LINEBELOW", (0, 1), (-1, 1), 0.6, Palette.RULE),
                ("LINEBELOW", (0, 1 + policy_rows), (-1, 1 + policy_rows), 0.6, Palette.RULE),
                ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
            )
        )
        flow.append(table)
        return flow

    def _delta_markup(self, now: float | None, before: float | None) -> str:
        text = fmt_delta(now, before)
        color = Palette.GOOD if "▲" in text else Palette.ALERT if "▼" in text else Palette.MUTED
        return f'<font color="{color.hexval()}">{para_text(text)}</font>'

    def _delta_para(self, now: float | None, before: float | None) -> Paragraph:
        return self._para(self._delta_markup(now, before), self.styles.cell_right)

    # --- one part per policy ------------------------------------------------------------------

    def _policy_part(self, data: ScorecardData, lang: str, policy: Policy, number: int) -> list[Flowable]:
        st, lab, result = self.styles, SCORECARD[lang], data.result
        part = lab["policy_part"].format(id=policy.id)
        items = data.questionnaire.items_of_policy(policy.id)
        scores = {s.id: s for s in result.items}
        answered = sum(1 for it in items if scores[it.id].level is not None)
        na = sum(1 for it in items if scores[it.id].na)
        summary = lab["policy_summary"].format(answered=answered, na=na, missing=len(items) - answered - na)
        flow: list[Flowable] = [
            self._p(f"{number}　{part}", st.kicker),
            self.heading(policy.name.get(lang), 0, outline=f"{number} {part} {short_policy_name(policy, lang)}"),
        ]
        value, target = result.policies.get(policy.id), result.policy_targets.get(policy.id)
        previous = data.previous.policies.get(policy.id) if data.previous is not None else None
        w = self.width
        prev_label = lab["previous"] + (lab["paren"].format(data.previous.cycle) if data.previous else "")
        prev_value: Paragraph = self._p(lab["none"], self.figure_small)
        if data.previous is not None:
            prev_value = self._para(
                para_text(fmt_score(previous, lang)) + f'<font size="9">　{self._delta_markup(value, previous)}</font>',
                self.figure_small,
            )
        figures = [
            [
                self._p(lab["score"], st.figure_label),
                self._p(lab["target_score"], st.figure_label),
                self._p(prev_label, st.figure_label),
                self._p(lab["items"], st.figure_label),
            ],
            [
                self._p(fmt_score(value, lang), self.figure_small),
                self._p(_fmt_plain(target), self.figure_small),
                prev_value,
                self._p(str(len(items)), self.figure_small),
            ],
            [
                ScoreBar(value, w * 0.72 - 18, height=6, target=target, previous=previous, track=Palette.WHITE),
                "",
                "",
                self._p(summary, st.figure_label),
            ],
        ]
        panel = Table(figures, colWidths=[w * 0.22, w * 0.22, w * 0.28, w * 0.28])
        panel.setStyle(
            panel_style(
                self.font,
                ("SPAN", (0, 2), (2, 2)),
                ("VALIGN", (0, 1), (-1, 1), "BOTTOM"),
                ("VALIGN", (0, 2), (-1, 2), "MIDDLE"),
                ("TOPPADDING", (0, 1), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 1),
                ("LINEBEFORE", (3, 0), (3, -1), 0.5, Palette.RULE),
                ("LINEABOVE", (0, 0), (-1, 0), 1.2, Palette.ACCENT),
            )
        )
        flow += [panel, Spacer(1, 5 * mm)]
        for item in items:
            flow.append(
                self._item_block(lang, item, scores[item.id], data.answers.get(item.id), data.evidence.get(item.id, ()))
            )
        return flow

    def _item_block(
        self, lang: str, item: Item, s: ItemScore, answer: AnswerRead | None, refs: tuple[EvidenceRef, ...]
    ) -> Flowable:
        st, lab = self.styles, SCORECARD[lang]
        meta: list[str] = []
        if s.na:
            state = lab["na"]
        elif s.level is None:
            state = lab["unanswered"]
        else:
            state = f"{s.level}　{SCALE[s.level].get(lang)}"
            if s.target is not None:
                meta.append(f"{lab['target']} {s.target}")
                meta.append(f"{lab['gap']} {s.gap}")
        meta.append(f"{lab['weight']} {item.weight}")
        if s.priority:
            meta.append(f"{lab['priority']} {s.priority}")
        meta.append(f"{lab['principles_tag']} {', '.join(item.principles)}")
        meta_markup = para_text("　·　".join(meta))
        if answer is not None and answer.review:
            meta_markup += f'　<font color="{Palette.ALERT.hexval()}">◆ {para_text(lab["review"])}</font>'
        question_w = self.width - self.id_width - self.meter_width
        meter = LevelMeter(
            s.level,
            s.target,
            na=s.na,
            caption=state,
            font=self.font,
            caption_color=Palette.MUTED if s.level is not None else Palette.FAINT,
        )
        # Single-style paragraphs: ReportLab's CJK line breaking is many times slower with mixed styles.
        question = [self._p(item.question.get(lang), st.cell), self._para(meta_markup, st.cell_muted)]
        item_id = self._id_cell(item.id, self.id_width - 8)
        table = Table([[item_id, question, meter]], colWidths=[self.id_width, question_w, self.meter_width])
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), self.font),
                    ("FONTSIZE", (0, 0), (0, 0), 8),
                    ("TEXTCOLOR", (0, 0), (0, 0), Palette.MUTED),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (1, -1), 8),
                    ("RIGHTPADDING", (2, 0), (2, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (0, 0), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                    ("TOPPADDING", (2, 0), (2, -1), 2),
                ]
            )
        )
        block: list[Flowable] = [table]
        if answer is not None and answer.na_reason:
            block.append(self._labelled(lab["na_reason"], answer.na_reason, self.detail[lang]))
        if answer is not None and answer.comment.strip():
            block.append(self._labelled(lab["comment"], answer.comment, self.detail[lang]))
        block += self._evidence(refs, lang)
        block.append(HRFlowable(width="100%", thickness=0.4, color=Palette.HAIRLINE, spaceBefore=5, spaceAfter=7))
        return KeepTogether(block)

    def _evidence(self, refs: tuple[EvidenceRef, ...], lang: str) -> list[Paragraph]:
        """One line per piece of evidence, cited (never its content beyond a short note)."""
        lab = SCORECARD[lang]
        lines = []
        for ref in refs:
            note = " ".join((ref.text or "").split())  # a citation, on one line
            if len(note) > EVIDENCE_EXCERPT:
                note = note[:EVIDENCE_EXCERPT] + "…"
            if ref.kind == "link":
                kind, text = lab["ev_link"], ref.url or ""
            elif ref.kind == "file":
                digest = lab["paren"].format(f"SHA-256 {ref.sha256[:12]}…") if ref.sha256 else ""
                kind, text = lab["ev_file"], f"{ref.filename or ''}{digest}"
            else:
                kind, text, note = lab["ev_text"], note, ""
            if note:
                text = f"{text}　{note}"
            lines.append(self._labelled(lab["evidence_kind"].format(kind=kind), text, self.detail[lang]))
        return lines

    # --- supplementary modules ----------------------------------------------------------------

    def _module_part(self, module: ModuleScorecard, lang: str, number: int) -> list[Flowable]:
        st, lab = self.styles, SCORECARD[lang]
        q, result = module.questionnaire, module.result
        title = q.data.title.get(lang)
        flow: list[Flowable] = [
            self._p(f"{number}　{lab['module_part']}", st.kicker),
            self.heading(title, 0, outline=f"{number} {title}"),
            self._p(lab["module_note"].format(id=q.id, version=q.version), st.note),
            Spacer(1, 2 * mm),
        ]
        overall: list[Flowable] = [self._p(fmt_score(result.overall, lang), self.figure_small)]
        if result.provisional:
            overall.append(self._p(f"◆ {lab['provisional_mark']}", self.badge))
        facts = [
            [self._p(lab["overall"], st.figure_label), self._p(lab["coverage"], st.figure_label)],
            [overall, self._p(f"{result.coverage:.0%}", self.figure_small)],
        ]
        panel = Table(facts, colWidths=[self.width * 0.5, self.width * 0.5])
        panel.setStyle(panel_style(self.font, ("LINEABOVE", (0, 0), (-1, 0), 1.2, Palette.ACCENT)))
        flow += [panel, Spacer(1, 4 * mm)]
        scores = {s.id: s for s in result.items}
        for section in q.policies:
            value = fmt_score(result.policies.get(section.id), lang)
            flow.append(self._p(f"{section.id}　{section.name.get(lang)}　—　{lab['score']} {value}", st.h2))
            for item in q.items_of_policy(section.id):
                flow.append(
                    self._item_block(
                        lang, item, scores[item.id], module.answers.get(item.id), module.evidence.get(item.id, ())
                    )
                )
        return flow

    # --- improvement plan ---------------------------------------------------------------------

    def _plan(self, data: ScorecardData, lang: str, number: int) -> list[Flowable]:
        st, lab, result = self.styles, SCORECARD[lang], data.result
        flow: list[Flowable] = [
            self.heading(f"{number}　{lab['plan']}", 0, outline=f"{number} {lab['plan']}"),
            self._p(lab["plan_note"], st.note),
            Spacer(1, 2 * mm),
        ]
        untargeted = sum(1 for s in result.items if s.level is not None and s.target is None)
        if not result.recommendations:
            flow.append(self._p(lab["plan_none"], st.body_muted))
        else:
            rows: list[list[object]] = [
                [lab["rank"], lab["item"], "", lab["level_to_target"], lab["priority"], lab["next_step"]]
            ]
            for rank, rec in enumerate(result.recommendations, start=1):
                rows.append(
                    [
                        str(rank),
                        self._id_cell(rec.item.id, 11 * mm - 10),
                        self._p(rec.item.question.get(lang), st.cell_small),
                        f"{rec.level} → {rec.target}",
                        str(rec.priority),
                        self._p(rec.next_step.get(lang), st.cell_small),
                    ]
                )
            widths = [9 * mm, 11 * mm, 56 * mm, 20 * mm, 13 * mm]
            widths.append(self.width - sum(widths))
            table = Table(rows, colWidths=widths, repeatRows=1)
            table.setStyle(
                table_style(
                    self.font,
                    ("SPAN", (1, 0), (2, 0)),
                    ("ALIGN", (3, 0), (4, -1), "CENTER"),
                    ("TEXTCOLOR", (0, 1), (1, -1), Palette.MUTED),
                    ("FONTSIZE", (1, 1), (1, -1), 8),
                    ("TOPPADDING", (0, 1), (-1, -1), 5),
                )
            )
            flow.append(table)
        if untargeted:
            flow += [Spacer(1, 3 * mm), self._p(lab["plan_untargeted"].format(n=untargeted), st.note)]
        return flow

    # --- appendix -----------------------------------------------------------------------------

    def _appendix(self, data: ScorecardData, lang: str) -> list[Flowable]:
        st, lab = self.styles, SCORECARD[lang]
        flow: list[Flowable] = [self.heading(lab["appendix"], 0, outline=lab["appendix_outline"])]
        for index, step in enumerate(method_steps(lang), start=1):
            flow.append(self._para(para_text(step), self.bullet, bulletText=f"{index}."))
        half = (self.width - 8 * mm) / 2
        ranges = [[self._p(lab["readiness_table"], st.cell_head), self._p(lab["range"], st.cell_head)]]
        ranges += [[self._p(name, st.cell), self._p(span, st.cell)] for name, span in readiness_ranges(lang)]
        t1 = Table(ranges, colWidths=[half * 0.5, half * 0.5])
        t1.setStyle(table_style(self.font))
        scale = [[self._p(lab["scale_table"], st.cell_head), "", self._p(lab["score"], st.cell_head)]]
        scale += [
            [self._p(lv, st.cell), self._p(name, st.cell), self._p(sc, st.cell_right)]
            for lv, name, sc in scale_rows(lang)
        ]
        t2 = Table(scale, colWidths=[10 * mm, half - 30 * mm, 20 * mm])
        t2.setStyle(table_style(self.font, ("SPAN", (0, 0), (1, 0))))
        pair = Table([[t1, t2]], colWidths=[half + 8 * mm, half])
        pair.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), self.font),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (0, -1), 8 * mm),
                    ("RIGHTPADDING", (1, 0), (1, -1), 0),
                ]
            )
        )
        about = lab["about_text"].format(id=data.assessment_id, unit=self._unit(data, lang), cycle=data.cycle)
        flow += [
            Spacer(1, 4 * mm),
            pair,
            Spacer(1, 8 * mm),
            self.heading(lab["about"], 1),
            self._p(about, st.body),
            Spacer(1, 2 * mm),
            self._labelled(lab["fingerprint"], data.fingerprint, self.small_hanging),
            self._labelled(lab["questionnaire_hash"], data.questionnaire.hash, self.small_hanging),
        ]
        return flow


def _fmt_plain(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def build_scorecard(data: ScorecardData, lang: str = "ja", *, cancel: Callable[[], bool] | None = None) -> bytes:
    """The scorecard PDF as bytes (the same data and language always give the same bytes)."""
    return ScorecardBuilder().build(data, lang, cancel=cancel)


def write_scorecard(
    data: ScorecardData, target: Path, lang: str = "ja", *, cancel: Callable[[], bool] | None = None
) -> None:
    """Build the scorecard and write it atomically (never a half-written file)."""
    write_atomically(build_scorecard(data, lang, cancel=cancel), Path(target))


def scorecard_filename(data: ScorecardData, lang: str) -> str:
    """``{id}-{unit path}-{cycle}-{lang}.pdf`` with the path made safe for any file system."""
    return f"{data.assessment_id}-{safe_name_part(data.unit_path)}-{safe_name_part(data.cycle, 40)}-{lang}.pdf"
