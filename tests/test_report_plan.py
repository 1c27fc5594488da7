"""The improvement plan as XLSX and CSV, reopened with openpyxl and csv."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.helpers import cli
from tests.test_report_setup import ReportDB, scorecard_data_of

FORMULA = '=HYPERLINK("http://x.example","click")'


def _data_with_formula_comment(db: ReportDB) -> object:
    """The current assessment's data, with the first planned item's comment set to a formula."""
    data = scorecard_data_of(db.url, db.current)
    first = data.result.recommendations[0].item.id  # type: ignore[attr-defined]
    answers = dict(data.answers)  # type: ignore[attr-defined]
    answers[first] = dataclasses.replace(answers[first], comment=FORMULA + "\x07")
    return dataclasses.replace(data, answers=answers)  # type: ignore[type-var]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_xlsx_holds_the_plan_by_priority_with_columns_to_fill(report_db: ReportDB, lang: str) -> None:
    from reports.plan_export import STATUSES, build_plan_xlsx, headers

    data = _data_with_formula_comment(report_db)
    book = load_workbook(io.BytesIO(build_plan_xlsx(data, lang)))  # type: ignore[arg-type]
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == headers(lang)
    recs = data.result.recommendations  # type: ignore[attr-defined]
    assert len(rows) - 1 == len(recs) > 0
    col = {name: i for i, name in enumerate(headers(lang))}
    names = dict(zip(("rank", "item", "next", "owner", "due", "status", "comment", "priority"), [
        col["順位" if lang == "ja" else "No."], col["項目ID" if lang == "ja" else "Item"],
        col["次の一歩（一つ上の水準）" if lang == "ja" else "Next step (the next level up)"],
        col["担当者" if lang == "ja" else "Owner"], col["期限" if lang == "ja" else "Due date"],
        col["状況" if lang == "ja" else "Status"], col["評価時のコメント" if lang == "ja" else "Assessor's comment"],
        col["優先度" if lang == "ja" else "Priority"],
    ], strict=True))  # fmt: skip
    for rank, (row, rec) in enumerate(zip(rows[1:], recs, strict=True), start=1):
        assert row[names["rank"]] == rank
        assert row[names["item"]] == rec.item.id
        assert row[names["priority"]] == rec.priority
        assert row[names["next"]] == rec.next_step.get(lang)
        assert row[names["owner"]] is None and row[names["due"]] is None and row[names["status"]] is None
    priorities = [row[names["priority"]] for row in rows[1:]]
    assert priorities == sorted(priorities, reverse=True)

    # Values, never formulas: the formula-looking comment is a string cell; XML-illegal characters replaced.
    cell = sheet.cell(row=2, column=names["comment"] + 1)
    assert cell.data_type == "s" and cell.value == FORMULA + "\ufffd"
    assert sheet.freeze_panes == "A2"
    validations = sheet.data_validations.dataValidation
    lists = [v for v in validations if v.type == "list"]
    assert len(lists) == 1 and lists[0].formula1 == '"' + ",".join(STATUSES[lang]) + '"'
    status_letter = chr(ord("A") + names["status"])
    assert str(lists[0].sqref).startswith(f"{status_letter}2:")
    assert any(v.type == "date" for v in validations)
    assert sheet.column_dimensions["D"].width >= 40  # the question column is wide enough to read
    about = dict(book.worksheets[1].iter_rows(values_only=True))
    assert data.fingerprint in about.values()  # type: ignore[attr-defined]


def test_csv_is_utf8_with_bom_and_defuses_formulas(report_db: ReportDB) -> None:
    from reports.plan_export import build_plan_csv, headers

    data = _data_with_formula_comment(report_db)
    raw = build_plan_csv(data, "ja")  # type: ignore[arg-type]
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == headers("ja")
    recs = data.result.recommendations  # type: ignore[attr-defined]
    assert [r[1] for r in rows[1:]] == [rec.item.id for rec in recs]
    assert [int(r[8]) for r in rows[1:]] == [rec.priority for rec in recs]
    comment = rows[1][headers("ja").index("評価時のコメント")]
    assert comment == "'" + FORMULA + "\x07"
    assert rows[1][headers("ja").index("質問")] == recs[0].item.question.ja


def test_plan_command_writes_xlsx_and_csv_and_refuses_other_names(
    capsys: pytest.CaptureFixture[str], report_db: ReportDB, tmp_path: Path
) -> None:
    xlsx = tmp_path / "plan.xlsx"
    run = cli(capsys, "--db", report_db.url, "plan", str(report_db.current), "-o", str(xlsx), "--json")
    assert run.code == 0, run.err
    assert run.json["format"] == "xlsx" and run.json["output"] == str(xlsx) and run.json["items"] > 0
    assert load_workbook(xlsx).worksheets[0].max_row == run.json["items"] + 1
    out = tmp_path / "plan.csv"
    run = cli(capsys, "--db", report_db.url, "plan", str(report_db.current), "-o", str(out), "--lang", "en")
    assert run.code == 0 and out.read_bytes().startswith(b"\xef\xbb\xbfNo.,Item,")
    run = cli(capsys, "--db", report_db.url, "plan", str(report_db.current), "-o", str(tmp_path / "plan.txt"))
    assert run.code == 2 and len(run.err.strip().splitlines()) == 1 and ".xlsx or .csv" in run.err
    assert not (tmp_path / "plan.txt").exists()
