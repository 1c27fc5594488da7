"""The improvement plan as a spreadsheet the team fills in: XLSX (openpyxl) and CSV.

Rows are the scorecard's recommendations, by priority, each with the next-level descriptor
as the next step; the owner, due date and status columns are left empty for the team.
Every cell holds a value, never a formula: text that looks like a formula stays text (XLSX)
or is defused with a leading apostrophe (CSV), so opening the file runs nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from models.reporting import ScorecardData
from reports.files import write_atomically
from reports.scorecard import status_text

#: Status choices offered in the XLSX drop-down (first = the default state of a new row).
STATUSES = {
    "ja": ("未着手", "対応中", "完了", "保留"),
    "en": ("Not started", "In progress", "Done", "On hold"),
}

#: Rows below the plan that also get the drop-down, for actions the team adds by hand.
SPARE_ROWS = 50

#: (key, Japanese header, English header, column width in characters).
COLUMNS: tuple[tuple[str, str, str, float], ...] = (
    ("rank", "順位", "No.", 6),
    ("item", "項目ID", "Item", 8),
    ("policy", "方針", "Policy", 28),
    ("question", "質問", "Question", 60),
    ("level", "現在の水準", "Level", 10),
    ("target", "目標水準", "Target", 10),
    ("gap", "差", "Gap", 6),
    ("weight", "重み", "Weight", 7),
    ("priority", "優先度", "Priority", 8),
    ("next_step", "次の一歩（一つ上の水準）", "Next step (the next level up)", 60),
    ("comment", "評価時のコメント", "Assessor's comment", 40),
    ("owner", "担当者", "Owner", 16),
    ("due", "期限", "Due date", 12),
    ("status", "状況", "Status", 13),
    ("notes", "メモ", "Notes", 30),
)

_FILL_IN = ("owner", "due", "status", "notes")
_TEXT = ("policy", "question", "next_step", "comment", "notes")


@dataclass(frozen=True)
class PlanRow:
    rank: int
    item: str
    policy: str
    question: str
    level: int
    target: int
    gap: int
    weight: int
    priority: int
    next_step: str
    comment: str

    def values(self) -> list[object]:
        """The cells of this row in column order; the team's columns start empty."""
        known = {
            "rank": self.rank,
            "item": self.item,
            "policy": self.policy,
            "question": self.question,
            "level": self.level,
            "target": self.target,
            "gap": self.gap,
            "weight": self.weight,
            "priority": self.priority,
            "next_step": self.next_step,
            "comment": self.comment,
        }
        return [known.get(key) for key, *_ in COLUMNS]


def plan_rows(data: ScorecardData, lang: str = "ja") -> list[PlanRow]:
    """The improvement plan: items below their target, by priority (the scoring order)."""
    rows = []
    for rank, rec in enumerate(data.result.recommendations, start=1):
        policy = data.questionnaire.policy_by_id[rec.item.policy]
        answer = data.answers.get(rec.item.id)
        rows.append(
            PlanRow(
                rank=rank,
                item=rec.item.id,
                policy=f"{policy.id} {policy.name.get(lang)}",
                question=rec.item.question.get(lang),
                level=rec.level,
                target=rec.target,
                gap=rec.gap,
                weight=rec.item.weight,
                priority=rec.priority,
                next_step=rec.next_step.get(lang),
                comment=answer.comment if answer is not None else "",
            )
        )
    return rows


def headers(lang: str) -> list[str]:
    return [en if lang == "en" else ja for _, ja, en, _ in COLUMNS]


# --- CSV ------------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value  # a spreadsheet would run it as a formula (CSV injection)
    return "" if value is None else value


def build_plan_csv(data: ScorecardData, lang: str = "ja") -> bytes:
    """UTF-8 with a BOM (so Excel reads the Japanese correctly), CRLF line ends."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers(lang))
    for row in plan_rows(data, lang):
        writer.writerow([_csv_cell(v) for v in row.values()])
    return out.getvalue().encode("utf-8-sig")


# --- XLSX -----------------------------------------------------------------------------------

_HEAD_FILL = PatternFill("solid", fgColor="1F5F99")
_FILL_IN_FILL = PatternFill("solid", fgColor="FFF8E6")
_THIN = Side(style="thin", color="C5CBD5")


def _xlsx_text(value: object) -> object:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)  # XML cannot hold these control characters
    return value


def _set(ws: object, row: int, column: int, value: object) -> object:
    cell = ws.cell(row=row, column=column, value=_xlsx_text(value))  # type: ignore[attr-defined]
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text, not a formula
    return cell


def build_plan_xlsx(data: ScorecardData, lang: str = "ja") -> bytes:
    """The plan sheet (frozen header, filters, a status drop-down) and an "about" sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = "改善計画" if lang == "ja" else "Improvement plan"
    keys = [key for key, *_ in COLUMNS]
    for col, (title, (_, _, _, width)) in enumerate(zip(headers(lang), COLUMNS, strict=True), start=1):
        cell = _set(ws, 1, col, title)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _HEAD_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = width
    rows = plan_rows(data, lang)
    for r, plan_row in enumerate(rows, start=2):
        for col, (key, value) in enumerate(zip(keys, plan_row.values(), strict=True), start=1):
            cell = _set(ws, r, col, value)
            cell.alignment = Alignment(vertical="top", wrap_text=key in _TEXT)
            cell.border = Border(bottom=_THIN)
            if key in _FILL_IN:
                cell.fill = _FILL_IN_FILL
            if key == "due":
                cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"
    last_row = max(len(rows) + 1, 2)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last_row}"
    ws.row_dimensions[1].height = 30

    status_col = get_column_letter(keys.index("status") + 1)
    due_col = get_column_letter(keys.index("due") + 1)
    choices = ",".join(STATUSES[lang])
    status = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True, showDropDown=False)
    status.error = "一覧から選んでください。" if lang == "ja" else "Choose a status from the list."
    status.errorTitle = "状況" if lang == "ja" else "Status"
    status.showErrorMessage = True
    status.add(f"{status_col}2:{status_col}{last_row + SPARE_ROWS}")
    due = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True)  # after 2000-01-01
    due.error = "日付を入力してください（例 2027-03-31）。" if lang == "ja" else "Enter a date (e.g. 2027-03-31)."
    due.showErrorMessage = True
    due.add(f"{due_col}2:{due_col}{last_row + SPARE_ROWS}")
    ws.add_data_validation(status)
    ws.add_data_validation(due)

    _about_sheet(wb, data, lang)
    stamp = datetime.combine(data.as_of, time())
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.creator = "AI Readiness"
    wb.properties.title = ws.title
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _about_sheet(wb: Workbook, data: ScorecardData, lang: str) -> None:
    ja = lang == "ja"
    about = wb.create_sheet("情報" if ja else "About")
    unit = data.unit_path_en if not ja and data.unit_path_en else data.unit_path
    facts: Sequence[tuple[str, object]] = (
        ("組織" if ja else "Unit", unit),
        ("評価サイクル" if ja else "Cycle", data.cycle),
        ("評価ID" if ja else "Assessment", data.assessment_id),
        ("状態" if ja else "Status", status_text(data.status, lang)),
        ("基準日" if ja else "As of", data.as_of.isoformat()),
        ("質問票" if ja else "Questionnaire", f"{data.questionnaire.id} {data.questionnaire.version}"),
        ("回答のSHA-256" if ja else "SHA-256 of the answers", data.fingerprint),
        ("項目数" if ja else "Items in the plan", len(data.result.recommendations)),
    )
    for r, (label, value) in enumerate(facts, start=1):
        _set(about, r, 1, label).font = Font(bold=True)
        _set(about, r, 2, value)
    about.column_dimensions["A"].width = 24
    about.column_dimensions["B"].width = 70


# --- files ----------------------------------------------------------------------------------

FORMATS = {".xlsx": build_plan_xlsx, ".csv": build_plan_csv}


def write_plan(data: ScorecardData, target: Path, lang: str = "ja") -> str:
    """Write the plan as XLSX or CSV, chosen by the file's suffix; return the format name."""
    target = Path(target)
    builder = FORMATS.get(target.suffix.lower())
    if builder is None:
        raise ValueError(f"{target.name}: give a file name ending in .xlsx or .csv")
    write_atomically(builder(data, lang), target)
    return target.suffix.lower().lstrip(".")
