"""The comparison as a spreadsheet: XLSX (openpyxl, one sheet per view) and CSV (the
assessments table).

Every cell holds a value, never a formula (text that looks like one stays text), scores are
unrounded numbers shown with one decimal, each sheet's header row is frozen and filterable,
and column widths follow the content (Japanese characters count double).
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from models.compare import Comparison, Stats
from reports.compare_labels import COMPARE, status_name
from reports.heat import heat_colors

SCORE = "0.0"
SIGNED = "+0.0;-0.0;0.0"
PERCENT = "0%"
LEVEL = "0.00"

_HEAD_FILL = PatternFill("solid", fgColor="1F5F99")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    title: str
    number_format: str | None = None
    heat: bool = False  # colour the cell by its score
    wrap: bool = False


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: list[Column]
    rows: list[list[object]]


# --- the views as tables ------------------------------------------------------------------------


def _name(named_id: str, names: dict[str, str]) -> str:
    name = names.get(named_id)
    return f"{named_id} {name}" if name else named_id


def assessments_sheet(data: Comparison, lang: str) -> Sheet:
    """One row per assessment in ranking order: the heat map's numbers."""
    t = COMPARE[lang]
    by_id = {a.id: a for a in data.assessments}
    policy_names = {p.id: p.name.get(lang) for p in data.policies}
    principle_names = {p.id: p.name.get(lang) for p in data.principles}
    columns = [
        Column(t["rank"]),
        Column(t["id"]),
        Column(t["unit"], wrap=True),
        Column(t["status"]),
        Column(t["overall"], SCORE, heat=True),
        Column(t["level"]),
        Column(t["coverage"], PERCENT),
        Column(t["provisional"]),
        *(Column(_name(p.id, policy_names), SCORE, heat=True) for p in data.policies),
        *(Column(_name(p.id, principle_names), SCORE, heat=True) for p in data.principles),
    ]
    rows = []
    for rank, aid in enumerate(data.ranking, start=1):
        a = by_id[aid]
        rows.append(
            [
                rank,
                a.id,
                a.unit,
                status_name(a.status, lang),
                a.overall,
                a.level,
                a.coverage,
                t["provisional"] if a.provisional else "",
                *(a.policies.get(p.id) for p in data.policies),
                *(a.principles.get(p.id) for p in data.principles),
            ]
        )
    return Sheet(t["sheet_assessments"], columns, rows)


def ranking_sheet(data: Comparison, lang: str) -> Sheet:
    t = COMPARE[lang]
    by_id = {a.id: a for a in data.assessments}
    columns = [
        Column(t["rank"]),
        Column(t["id"]),
        Column(t["unit"], wrap=True),
        Column(t["overall"], SCORE, heat=True),
        Column(t["level"]),
        Column(t["provisional"]),
    ]
    rows: list[list[object]] = [
        [
            rank,
            aid,
            by_id[aid].unit,
            by_id[aid].overall,
            by_id[aid].level,
            t["provisional"] if by_id[aid].provisional else "",
        ]
        for rank, aid in enumerate(data.ranking, start=1)
    ]
    return Sheet(t["sheet_ranking"], columns, rows)


def stats_sheet(name: str, stats: dict[str, Stats], names: dict[str, str], key_title: str, lang: str) -> Sheet:
    t = COMPARE[lang]
    columns = [
        Column(key_title, wrap=True),
        Column(t["mean"], SCORE, heat=True),
        Column(t["median"], SCORE, heat=True),
        Column(t["min"], SCORE, heat=True),
        Column(t["max"], SCORE, heat=True),
        Column(t["n"]),
    ]
    rows: list[list[object]] = [[_name(key, names), s.mean, s.median, s.min, s.max, s.n] for key, s in stats.items()]
    return Sheet(name, columns, rows)


def weak_items_sheet(data: Comparison, lang: str) -> Sheet:
    t = COMPARE[lang]
    columns = [
        Column(t["rank"]),
        Column(t["item"]),
        Column(t["policy"]),
        Column(t["question"], wrap=True),
        Column(t["mean_level"], LEVEL),
        Column(t["n"]),
    ]
    rows: list[list[object]] = [
        [rank, w.item, w.policy, w.question.get(lang), w.mean_level, w.n]
        for rank, w in enumerate(data.weak_items, start=1)
    ]
    return Sheet(t["sheet_weak"], columns, rows)


def units_sheet(data: Comparison, lang: str) -> Sheet:
    t = COMPARE[lang]
    columns = [Column(t["unit"], wrap=True), Column(t["score"], SCORE, heat=True), Column(t["teams"])]
    rows: list[list[object]] = [[u.path, u.score, u.teams] for u in data.units]
    return Sheet(t["sheet_units"], columns, rows)


def trend_sheet(data: Comparison, lang: str) -> Sheet:
    t = COMPARE[lang]
    policy_names = {p.id: p.name.get(lang) for p in data.policies}
    columns = [
        Column(t["unit"], wrap=True),
        Column(t["cycle"]),
        Column(t["previous_cycle"]),
        *(Column(f"{t['change']}: {_name(p.id, policy_names)}", SIGNED) for p in data.policies),
    ]
    rows: list[list[object]] = [
        [e.unit, e.cycle, e.previous_cycle, *(e.policies.get(p.id) for p in data.policies)] for e in data.trend
    ]
    return Sheet(t["sheet_trend"], columns, rows)


def filter_rows(data: Comparison, lang: str) -> list[tuple[str, str]]:
    """What a comparison was made of, as (label, value) pairs."""
    t = COMPARE[lang]
    status = status_name(data.status, lang) if data.status else t["all_statuses"]
    anonymised = t["anonymised_yes"].format(n=data.min_group) if data.anonymised else t["anonymised_no"]
    return [
        (t["cycle"], data.cycle or "—"),
        (t["subtree"], data.unit_path or t["all_units"]),
        (t["status_filter"], status),
        (t["anonymised"], anonymised),
    ]


def about_rows(data: Comparison, lang: str) -> list[tuple[str, object]]:
    """The filters and facts of a comparison, as (label, value) pairs."""
    t = COMPARE[lang]
    rows: list[tuple[str, object]] = [
        *filter_rows(data, lang),
        (t["assessments_count"], len(data.assessments)),
        (t["provisional_count"], sum(1 for a in data.assessments if a.provisional)),
    ]
    if data.anonymised:
        rows.append((t["suppressed"], data.suppressed_groups))
    return rows


def sheets(data: Comparison, lang: str) -> list[Sheet]:
    t = COMPARE[lang]
    policy_names = {p.id: p.name.get(lang) for p in data.policies}
    principle_names = {p.id: p.name.get(lang) for p in data.principles}
    return [
        assessments_sheet(data, lang),
        ranking_sheet(data, lang),
        stats_sheet(t["sheet_policy_stats"], data.policy_stats, policy_names, t["policy"], lang),
        stats_sheet(t["sheet_principle_stats"], data.principle_stats, principle_names, t["principle"], lang),
        weak_items_sheet(data, lang),
        units_sheet(data, lang),
        trend_sheet(data, lang),
    ]


# --- XLSX ---------------------------------------------------------------------------------------


def _text(value: object) -> object:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)  # XML cannot hold these control characters
    return value


def _width(value: object) -> int:
    if value is None:
        return 2
    if isinstance(value, float):
        return 7
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(value))


def _put(ws: Worksheet, row: int, column: int, value: object) -> object:
    cell = ws.cell(row=row, column=column, value=_text(value))
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text, never a formula
    return cell


def _write_sheet(ws: Worksheet, sheet: Sheet) -> None:
    widths = [_width(c.title) for c in sheet.columns]
    for col, column in enumerate(sheet.columns, start=1):
        cell = _put(ws, 1, col, column.title)
        cell.font = Font(bold=True, color="FFFFFF")  # type: ignore[attr-defined]
        cell.fill = _HEAD_FILL  # type: ignore[attr-defined]
        cell.alignment = Alignment(vertical="center", wrap_text=True)  # type: ignore[attr-defined]
    for r, values in enumerate(sheet.rows, start=2):
        for col, (column, value) in enumerate(zip(sheet.columns, values, strict=True), start=1):
            cell = _put(ws, r, col, value)
            widths[col - 1] = max(widths[col - 1], _width(value))
            if column.number_format and isinstance(value, (int, float)):
                cell.number_format = column.number_format  # type: ignore[attr-defined]
            if column.wrap:
                cell.alignment = Alignment(vertical="top", wrap_text=True)  # type: ignore[attr-defined]
            if column.heat and isinstance(value, (int, float)):
                background, ink = heat_colors(float(value))
                cell.fill = PatternFill("solid", fgColor=background[1:])  # type: ignore[attr-defined]
                cell.font = Font(color=ink[1:])  # type: ignore[attr-defined]
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = min(max(width + 2, 6), 60)
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 30
    if sheet.rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{len(sheet.rows) + 1}"


def build_compare_xlsx(data: Comparison, lang: str = "ja") -> bytes:
    t = COMPARE[lang]
    wb = Workbook()
    first = True
    for sheet in sheets(data, lang):
        ws = wb.active if first else wb.create_sheet()
        assert ws is not None
        ws.title = sheet.name
        _write_sheet(ws, sheet)
        first = False
    about = wb.create_sheet(t["sheet_about"])
    for r, (label, value) in enumerate(about_rows(data, lang), start=1):
        _put(about, r, 1, label).font = Font(bold=True)  # type: ignore[attr-defined]
        _put(about, r, 2, value)
    notes = [t["method_1"], t["method_2"], t["method_3"], t["units_note"], t["weak_note"]]
    start = len(about_rows(data, lang)) + 2
    for r, note in enumerate(notes, start=start):
        _put(about, r, 1, note).alignment = Alignment(wrap_text=True, vertical="top")  # type: ignore[attr-defined]
        about.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        about.row_dimensions[r].height = 45
    about.column_dimensions["A"].width = 24
    about.column_dimensions["B"].width = 80
    wb.properties.creator = "AI Readiness"
    wb.properties.title = t["title"]
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- CSV ----------------------------------------------------------------------------------------


def _csv_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value  # a spreadsheet would run it as a formula (CSV injection)
    return "" if value is None else value


def build_compare_csv(data: Comparison, lang: str = "ja") -> bytes:
    """The assessments table (unrounded numbers): UTF-8 with a BOM so Excel reads the
    Japanese correctly, CRLF line ends. The other views are in the XLSX and JSON outputs."""
    sheet = assessments_sheet(data, lang)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.title for c in sheet.columns])
    for row in sheet.rows:
        writer.writerow([_csv_cell(v) for v in row])
    return out.getvalue().encode("utf-8-sig")
