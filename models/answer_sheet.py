"""The Excel answer sheet: staff without the app fill in an .xlsx, the app reads it back.

``Answers`` lists every item with its question and level descriptors (JA/EN); staff choose a
level (0-5 or N/A, from a drop-down), a target, an N/A reason and a comment in the yellow
cells. Everything else is locked (no password: the protection prevents accidents, it is not a
secret). ``Instructions`` explains it in Japanese and English. A very hidden ``_meta`` sheet
names the questionnaire (id, version, hash), unit, cycle and assessment it belongs to.

Reading it back checks every row and reports each problem by cell (``Answers!C12: level must
be 0-5 or N/A``); a row that is filled in is that item's whole answer, empty rows are skipped.
"""

from __future__ import annotations

import io
import math
import unicodedata
import warnings
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from sqlmodel import Session, col, select

from models.errors import InvalidInput
from models.exchange.common import find_unit_id
from models.exchange.entries import Entry, Target, refuse
from models.exchange.files import ImportRefused, check_size
from models.exchange.package import check_format
from models.exchange.safezip import SHEET_LIMITS, check_archive
from models.modules import linked_modules, module_item_id, scan_modules
from models.org import split_path
from models.questionnaire_store import questionnaire_by_row
from models.tables import Answer, Assessment, Cycle, QuestionnaireVersion
from models.txn import service
from questionnaires.catalog import active_questionnaire
from questionnaires.model import Questionnaire
from questionnaires.schema import Item

SHEET_FORMAT = "ai-readiness/answer-sheet"
SHEET_FORMAT_VERSION = 1
ANSWERS = "Answers"
INSTRUCTIONS = "Instructions"
META = "_meta"
FIRST_ROW = 2
MAX_ROWS = 5000
#: Column letters of the answer sheet (a contract with the error messages users see).
COL_ITEM, COL_QUESTION, COL_LEVEL, COL_TARGET, COL_NA, COL_COMMENT = "A", "B", "C", "D", "E", "F"
_LEVEL_COLUMNS = [get_column_letter(7 + level) for level in range(6)]  # G..L
_NA_WORDS = {"N/A", "NA", "N.A.", "該当なし", "対象外"}
_HEADERS = {
    COL_ITEM: "項目\nItem",
    COL_QUESTION: "質問\nQuestion",
    COL_LEVEL: "水準\nLevel (0-5, N/A)",
    COL_TARGET: "目標\nTarget (0-5)",
    COL_NA: "該当なしの理由\nN/A reason",
    COL_COMMENT: "コメント\nComment",
}
_WIDTHS = {COL_ITEM: 10, COL_QUESTION: 52, COL_LEVEL: 13, COL_TARGET: 13, COL_NA: 30, COL_COMMENT: 44}
_LEVEL_WIDTH = 30
_INPUT_FILL = PatternFill("solid", fgColor="FFF8D6")
_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
_INSTRUCTIONS = [
    ("回答シートの使い方", True),
    ("1. 「Answers」シートの黄色のセルに記入します。それ以外のセルは変更できません。", False),
    ("2. 水準（C列）はドロップダウンから 0〜5 または N/A を選びます。N/A の場合は E列に理由を書きます。", False),
    ("3. 目標（D列）は 0〜5、コメント（F列）は自由記述です。G〜L列は各水準の説明です。", False),
    ("4. 記入した行がその項目の回答になります（空欄の目標・コメントは消去されます）。空の行は変更されません。", False),
    ("5. 保存したファイルを担当者に渡し、ai-readiness import ファイル名.xlsx で取り込みます。", False),
    ("   誤りがあるとセル番地（例: Answers!C12）付きで示され、何も保存されません。", False),
    ("", False),
    ("How to use this answer sheet", True),
    ("1. Fill in the yellow cells of the 'Answers' sheet; the other cells are locked.", False),
    ("2. Level (column C): choose 0-5 or N/A from the drop-down; for N/A write the reason in column E.", False),
    ("3. Target (column D) is 0-5; Comment (column F) is free text. Columns G-L describe each level.", False),
    ("4. A row you fill in becomes that item's answer (an empty target or comment is cleared).", False),
    ("   Empty rows are left as they are.", False),
    ("5. Hand the saved file back; it is imported with: ai-readiness import FILE.xlsx", False),
    ("   Any mistake is reported with its cell (e.g. Answers!C12) and nothing is saved.", False),
]


# --- writing ------------------------------------------------------------------------------------


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _lines(text: str, width: int) -> int:
    """Lines a wrapped cell needs (a column of width W holds about 1.1 W narrow characters)."""
    return sum(max(1, math.ceil(_display_width(line) / (width * 1.1))) for line in text.split("\n"))


def _find_assessment(session: Session, unit_path: str, cycle: str, plan_hash: str) -> Assessment | None:
    unit_id = find_unit_id(session, unit_path)
    cycle_id = session.exec(select(Cycle.id).where(Cycle.name == cycle.strip())).first()
    if unit_id is None or cycle_id is None:
        return None
    rows = session.exec(
        select(Assessment, QuestionnaireVersion.hash)
        .join(QuestionnaireVersion, col(QuestionnaireVersion.id) == Assessment.questionnaire_id)
        .where(Assessment.unit_id == unit_id, Assessment.cycle_id == cycle_id)
        .order_by(col(Assessment.id).desc())
    ).all()
    for row, hash_ in rows:  # the active questionnaire's assessment first, else the newest
        if hash_ == plan_hash:
            return row
    return rows[0][0] if rows else None


def _item_rows(plan: Questionnaire, modules: dict[str, Questionnaire]) -> list[tuple[str, Item]]:
    rows = [(item.id, item) for item in plan.items]
    for module_id, module in modules.items():
        rows.extend((module_item_id(module_id, item.id), item) for item in module.items)
    return rows


@service
def answer_sheet_bytes(*, session: Session, unit: str, cycle: str, blank: bool = False) -> tuple[bytes, int | None]:
    """The sheet for a unit and cycle, pre-filled from its assessment when there is one (unless
    ``blank``); returns (bytes, the assessment's id or None). Writes nothing to the database."""
    split_path(unit)
    cycle = cycle.strip()
    if not cycle or len(cycle) > 40:
        raise InvalidInput(f"cycle name {cycle!r}: give a short name such as FY2026")
    active = active_questionnaire()
    row = _find_assessment(session, unit, cycle, active.hash)
    answers: dict[str, tuple[Any, ...]] = {}
    if row is not None:
        assert row.id is not None
        plan = questionnaire_by_row(session=session, questionnaire_id=row.questionnaire_id)
        modules = {module_id: module for module_id, (_, module) in linked_modules(session, row.id).items()}
        if not blank:
            answers = {
                item: (level, na, target, comment)
                for item, level, na, target, comment in session.exec(
                    select(Answer.item_id, Answer.level, Answer.na_reason, Answer.target, Answer.comment).where(
                        Answer.assessment_id == row.id
                    )
                ).all()
            }
    else:
        plan = active
        modules = {module.id: module for module in scan_modules(plan=plan).modules}
    meta = {
        "format": f"{SHEET_FORMAT}@{SHEET_FORMAT_VERSION}",
        "unit": unit.strip(),
        "cycle": cycle,
        "questionnaire_id": plan.id,
        "questionnaire_version": plan.version,
        "questionnaire_hash": plan.hash,
        "assessment_uid": row.uid if row is not None else "",
    }
    return _workbook(meta, _item_rows(plan, modules), answers), (row.id if row is not None else None)


def _workbook(meta: dict[str, str], items: list[tuple[str, Item]], answers: dict[str, tuple[Any, ...]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = ANSWERS
    for column, header in _HEADERS.items():
        sheet[f"{column}1"] = header
    for level, column in enumerate(_LEVEL_COLUMNS):
        sheet[f"{column}1"] = f"水準{level}の状態\nLevel {level}"
    last_column = _LEVEL_COLUMNS[-1]
    for cell in sheet[f"A1:{last_column}1"][0]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    sheet.row_dimensions[1].height = 46
    for column, width in _WIDTHS.items():
        sheet.column_dimensions[column].width = width
    for column in _LEVEL_COLUMNS:
        sheet.column_dimensions[column].width = _LEVEL_WIDTH
    top = Alignment(wrap_text=True, vertical="top")
    for index, (item_id, item) in enumerate(items):
        r = FIRST_ROW + index
        level, na, target, comment = answers.get(item_id, (None, None, None, ""))
        question = f"{item.question.ja}\n{item.question.en}"
        values = {
            COL_ITEM: item_id,
            COL_QUESTION: question,
            COL_LEVEL: "N/A" if na is not None else level,
            COL_TARGET: target,
            COL_NA: na,
            COL_COMMENT: comment or None,
        }
        for column, value in values.items():
            cell = sheet[f"{column}{r}"]
            cell.value = value
            cell.alignment = top
            if column in (COL_LEVEL, COL_TARGET, COL_NA, COL_COMMENT):
                cell.protection = Protection(locked=False)
                cell.fill = _INPUT_FILL
        heights = [_lines(question, _WIDTHS[COL_QUESTION])]
        for lv, column in enumerate(_LEVEL_COLUMNS):
            text = f"{item.levels[lv].ja}\n{item.levels[lv].en}"
            cell = sheet[f"{column}{r}"]
            cell.value = text
            cell.alignment = top
            heights.append(_lines(text, _LEVEL_WIDTH))
        sheet.row_dimensions[r].height = min(409, 14 * max(heights) + 4)
    last = FIRST_ROW + len(items) - 1
    level_choice = DataValidation(
        type="list",
        formula1='"0,1,2,3,4,5,N/A"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="水準 / Level",
        error="0〜5 または N/A を選んでください。 Choose 0-5 or N/A.",
    )
    target_choice = DataValidation(
        type="list",
        formula1='"0,1,2,3,4,5"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="目標 / Target",
        error="0〜5 を選んでください。 Choose 0-5.",
    )
    sheet.add_data_validation(level_choice)
    sheet.add_data_validation(target_choice)
    if items:
        level_choice.add(f"{COL_LEVEL}{FIRST_ROW}:{COL_LEVEL}{last}")
        target_choice.add(f"{COL_TARGET}{FIRST_ROW}:{COL_TARGET}{last}")
    sheet.freeze_panes = f"{COL_LEVEL}{FIRST_ROW}"
    # Printed: landscape, one page wide, the header row on every page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # staff may widen columns and rows to read
    sheet.protection.formatRows = False

    guide = book.create_sheet(INSTRUCTIONS)
    guide.column_dimensions["A"].width = 120
    for r, (text, bold) in enumerate(_INSTRUCTIONS, start=1):
        guide[f"A{r}"] = text or None
        guide[f"A{r}"].font = Font(bold=bold, size=12 if bold else 11)
    base = len(_INSTRUCTIONS) + 2
    for offset, (label, key) in enumerate(
        (("組織 / Unit", "unit"), ("年度 / Cycle", "cycle"), ("質問票 / Questionnaire", "questionnaire_id"))
    ):
        value = (
            meta[key] if key != "questionnaire_id" else f"{meta['questionnaire_id']}@{meta['questionnaire_version']}"
        )
        guide[f"A{base + offset}"] = f"{label}: {value}"
    guide.protection.sheet = True

    hidden = book.create_sheet(META)
    for r, (key, value) in enumerate(meta.items(), start=1):
        hidden[f"A{r}"] = key
        hidden[f"B{r}"] = value
    hidden.sheet_state = "veryHidden"
    hidden.protection.sheet = True
    book.security = WorkbookProtection(lockStructure=True)
    book.active = 0
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- reading ------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def _number(value: Any) -> int | str | None:
    """0-5 as an int, None when blank, "bad" otherwise (N/A is handled by the caller)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return "bad"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return value if 0 <= value <= 5 else "bad"
    text = _text(value)
    return int(text) if text.isdigit() and 0 <= int(text) <= 5 else "bad"


def _open(path: Path) -> Any:
    check_size(path)
    try:
        with zipfile.ZipFile(path) as archive:
            check_archive(archive, SHEET_LIMITS)
    except ImportRefused:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise ImportRefused("the file is damaged or truncated (not a complete Excel workbook)") from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about Excel features it drops
            # From an open file, not the path: openpyxl refuses a path whose suffix is not .xlsx,
            # and a file is told apart by its content (a sheet saved as .zip is still a sheet).
            with path.open("rb") as fh:
                return load_workbook(fh, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        raise ImportRefused(f"not a readable Excel workbook (.xlsx): {type(exc).__name__}") from None


def read_answer_sheet(path: Path) -> tuple[Target, list[Entry]]:
    """Read and check a filled-in sheet; ImportRefused lists every problem by cell."""
    book = _open(path)
    if META not in book.sheetnames or ANSWERS not in book.sheetnames:
        raise ImportRefused(
            "not an AI Readiness answer sheet (its hidden _meta sheet or Answers sheet is missing); "
            "make one with: ai-readiness sheet --unit PATH --cycle NAME -o FILE.xlsx"
        )
    meta: dict[str, str] = {}
    for key, value in book[META].iter_rows(min_row=1, max_row=50, max_col=2, values_only=True):
        if isinstance(key, str):
            meta[key] = "" if value is None else str(value)
    check_format(meta.get("format"), SHEET_FORMAT, SHEET_FORMAT_VERSION, f"{META}!B1")
    missing = [
        k
        for k in ("unit", "cycle", "questionnaire_id", "questionnaire_version", "questionnaire_hash")
        if not meta.get(k)
    ]
    if missing:
        raise ImportRefused(f"{META}: the sheet's hidden details lack {', '.join(missing)}; make a new sheet")
    sheet = book[ANSWERS]
    header = _text(sheet[f"{COL_ITEM}1"].value)
    if "Item" not in header or "Level" not in _text(sheet[f"{COL_LEVEL}1"].value):
        raise ImportRefused(
            f"{ANSWERS}!A1: the sheet's columns were changed; make a new sheet and copy the answers into it"
        )
    if sheet.max_row > MAX_ROWS:
        raise ImportRefused(f"{ANSWERS}: {sheet.max_row} rows; at most {MAX_ROWS}")
    problems: list[str] = []
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for r, cells in enumerate(sheet.iter_rows(min_row=FIRST_ROW, max_col=6, values_only=True), start=FIRST_ROW):
        item_raw, _question, level_raw, target_raw, na_raw, comment_raw = (list(cells) + [None] * 6)[:6]
        item = _text(item_raw)
        level_text, na_text, comment = (
            _text(level_raw),
            _text(na_raw),
            ("" if comment_raw is None else str(comment_raw).strip()),
        )
        filled = level_text or na_text or comment or _text(target_raw)
        if not filled:
            continue
        at = {
            name: f"{ANSWERS}!{column}{r}"
            for name, column in (
                ("item", COL_ITEM),
                ("level", COL_LEVEL),
                ("target", COL_TARGET),
                ("na", COL_NA),
                ("comment", COL_COMMENT),
            )
        }
        if not item:
            problems.append(f"{at['item']}: this row has answers but no item id; do not move or delete the item ids")
            continue
        if item in seen:
            problems.append(f"{at['item']}: item {item} appears twice (also row {seen[item]})")
            continue
        seen[item] = r
        before = len(problems)
        level: int | None = None
        na: str | None = None
        if level_text.upper() in _NA_WORDS:
            if not na_text:
                problems.append(f"{at['na']}: N/A needs a reason")
            elif len(na_text) > 2000:
                problems.append(f"{at['na']}: the reason is longer than 2000 characters")
            na = na_text
        else:
            number = _number(level_raw)
            if number == "bad":
                problems.append(f"{at['level']}: level must be 0-5 or N/A")
            elif number is None:
                problems.append(f"{at['level']}: give a level (0-5) or N/A for this row, or clear the row")
            else:
                level = int(number)
            if na_text:
                problems.append(f"{at['na']}: a reason belongs only to N/A; clear it or set the level to N/A")
        target = _number(target_raw)
        if target == "bad":
            problems.append(f"{at['target']}: target must be 0-5")
        if len(comment) > 20000:
            problems.append(f"{at['comment']}: the comment is longer than 20000 characters")
        if len(problems) == before:
            entries.append(Entry(item, level, na, target if isinstance(target, int) else None, comment, at))
    if problems:
        raise refuse(problems)
    target_info = Target(
        unit=meta["unit"],
        cycle=meta["cycle"],
        questionnaire_id=meta["questionnaire_id"],
        questionnaire_version=meta["questionnaire_version"],
        questionnaire_hash=meta["questionnaire_hash"],
        assessment_uid=meta.get("assessment_uid") or None,
        where={"unit": f"{META}!B2", "cycle": f"{META}!B3", "questionnaire": f"{META}!B4"},
    )
    return target_info, entries
