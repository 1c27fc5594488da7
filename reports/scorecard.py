"""The readiness scorecard PDF of one assessment (a thin first version: one page)."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from models.reporting import ScorecardData
from questionnaires.scale import readiness_band
from reports.text import para_text, register_font

LABELS = {
    "ja": {
        "title": "AIレディネス・スコアカード",
        "cycle": "評価サイクル",
        "overall": "総合スコア",
        "level": "レディネス水準",
        "coverage": "回答率",
        "provisional": "暫定（回答率80%未満）",
        "policy": "基本的な方針",
        "score": "スコア",
        "not_assessed": "未評価",
        "fingerprint": "回答のSHA-256",
    },
    "en": {
        "title": "AI Readiness Scorecard",
        "cycle": "Cycle",
        "overall": "Overall score",
        "level": "Readiness level",
        "coverage": "Coverage",
        "provisional": "Provisional (coverage below 80%)",
        "policy": "Basic policy",
        "score": "Score",
        "not_assessed": "Not assessed",
        "fingerprint": "SHA-256 of the answers",
    },
}


def _fmt(value: float | None, lang: str) -> str:
    return LABELS[lang]["not_assessed"] if value is None else f"{value:.1f}"


def build_scorecard(data: ScorecardData, lang: str = "ja") -> bytes:
    font = register_font()
    labels = LABELS[lang]
    title = ParagraphStyle("title", fontName=font, fontSize=20, leading=26, wordWrap="CJK")
    body = ParagraphStyle("body", fontName=font, fontSize=11, leading=16, wordWrap="CJK")
    small = ParagraphStyle("small", fontName=font, fontSize=8, leading=11, wordWrap="CJK", textColor=colors.grey)
    result = data.result
    unit = data.unit_path if lang == "ja" or not data.unit_name_en else f"{data.unit_path} ({data.unit_name_en})"
    level = "—"
    if result.overall is not None:
        band = readiness_band(result.overall)
        level = f"{band.level} {band.name.get(lang)}"
    story = [
        Paragraph(para_text(labels["title"]), title),
        Spacer(1, 6 * mm),
        Paragraph(para_text(unit), body),
        Paragraph(para_text(f"{labels['cycle']}: {data.cycle}"), body),
        Spacer(1, 4 * mm),
        Paragraph(para_text(f"{labels['overall']}: {_fmt(result.overall, lang)}"), body),
        Paragraph(para_text(f"{labels['level']}: {level}"), body),
        Paragraph(para_text(f"{labels['coverage']}: {result.coverage:.0%}"), body),
    ]
    if result.provisional:
        story.append(Paragraph(para_text(labels["provisional"]), body))
    rows = [[Paragraph(para_text(labels["policy"]), body), Paragraph(para_text(labels["score"]), body)]]
    for policy in data.questionnaire.policies:
        rows.append(
            [
                Paragraph(para_text(f"{policy.id}. {policy.name.get(lang)}"), body),
                Paragraph(para_text(_fmt(result.policies.get(policy.id), lang)), body),
            ]
        )
    table = Table(rows, colWidths=[130 * mm, 35 * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story += [
        Spacer(1, 6 * mm),
        table,
        Spacer(1, 8 * mm),
        Paragraph(para_text(f"{labels['fingerprint']}: {data.fingerprint}"), small),
    ]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=labels["title"],
        author="AI Readiness",
        initialFontName=font,
        invariant=1,  # fixed creation date and document id: same answers, same bytes
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
    )
    doc.build(story)
    return buffer.getvalue()


def write_atomically(data: bytes, target: Path) -> None:
    """Write to a temporary file beside ``target``, then rename: never a half-written file."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_scorecard(data: ScorecardData, target: Path, lang: str = "ja") -> None:
    write_atomically(build_scorecard(data, lang), target)
