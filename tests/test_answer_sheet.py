"""The Excel answer sheet: what staff see (items, descriptors, drop-downs, protection, JA/EN
instructions, hidden details), pre-filling, and reading it back with cell-precise errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.exchange_support import EXCHANGE, dump, outcome
from tests.helpers import cli

UNIT = "テスト省/第一局/AI推進チーム"


def _sheet(url: str, capsys: pytest.CaptureFixture[str], target: Path, *extra: str) -> dict[str, object]:
    run = cli(capsys, "--db", url, "sheet", "--unit", UNIT, "--cycle", "FY2026", "-o", str(target), "--json", *extra)
    assert run.code == 0, run.err
    return run.json


def test_blank_sheet_has_items_descriptors_dropdowns_and_protection(
    sqlite_url: str, mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "sheet.xlsx"
    assert _sheet(sqlite_url, capsys, target) == {"output": str(target), "assessment": None, "prefilled": False}
    book = load_workbook(target)
    assert book.sheetnames == ["Answers", "Instructions", "_meta"]
    assert book["_meta"].sheet_state == "veryHidden"
    assert book.security is not None and book.security.lockStructure
    sheet = book["Answers"]
    assert [sheet[f"A{r}"].value for r in range(2, 6)] == ["1-01", "1-02", "2-01", "2-02"]
    assert sheet["B2"].value == "質問一\nQuestion one"
    assert sheet["G2"].value == "水準0\nLevel 0" and sheet["L5"].value == "水準5\nLevel 5"
    assert "Level" in sheet["C1"].value and "N/A" in sheet["E1"].value
    validations = {str(dv.sqref): dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert validations == {"C2:C5": '"0,1,2,3,4,5,N/A"', "D2:D5": '"0,1,2,3,4,5"'}
    assert sheet.protection.sheet
    assert not sheet["C2"].protection.locked and not sheet["F5"].protection.locked
    assert sheet["A2"].protection.locked and sheet["B2"].protection.locked and sheet["G2"].protection.locked
    instructions = "\n".join(str(c.value) for c in book["Instructions"]["A"] if c.value)
    assert "回答シートの使い方" in instructions and "How to use this answer sheet" in instructions
    meta = {row[0].value: row[1].value for row in book["_meta"].iter_rows()}
    assert meta["format"] == "ai-readiness/answer-sheet@1"
    assert (meta["unit"], meta["cycle"], meta["questionnaire_id"]) == (UNIT, "FY2026", "mini")


def test_filled_sheet_is_imported(db_url: str, mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = outcome(cli(capsys, "--db", db_url, "import", str(EXCHANGE / "sheet-good.xlsx"), "--json"))
    assert result["status"] == "imported"
    items = cli(capsys, "--db", db_url, "score", str(result["assessment"]), "--json").json["items"]
    assert {i["id"]: (i["level"], i["na"], i["target"]) for i in items} == {
        "1-01": (3, False, 4),
        "1-02": (2, False, None),
        "2-01": (None, True, None),
        "2-02": (None, False, None),
    }
    audit = cli(capsys, "--db", db_url, "audit", str(result["assessment"]), "--json").json
    assert ("1-01", "comment", "研修を実施済み") in [(e["item"], e["field"], e["new"]) for e in audit]
    before = dump(db_url)
    assert (
        outcome(cli(capsys, "--db", db_url, "import", str(EXCHANGE / "sheet-good.xlsx"), "--json"))["status"]
        == "unchanged"
    )
    assert dump(db_url) == before


def test_bad_cells_are_named_and_nothing_is_saved(
    sqlite_url: str, mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, "--db", sqlite_url, "unit", "list").code == 0
    before = dump(sqlite_url)
    path = EXCHANGE / "sheet-bad-cells.xlsx"
    run = cli(capsys, "--db", sqlite_url, "import", str(path))
    prefix = f"{path}: refused: "
    assert run.err.strip().splitlines()[:-1] == [
        prefix + "Answers!C2: level must be 0-5 or N/A",
        prefix + "Answers!E2: a reason belongs only to N/A; clear it or set the level to N/A",
        prefix + "Answers!C3: level must be 0-5 or N/A",
        prefix + "Answers!D3: target must be 0-5",
        prefix + "Answers!E4: N/A needs a reason",
        prefix + "Answers!C5: give a level (0-5) or N/A for this row, or clear the row",
    ]
    assert dump(sqlite_url) == before


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("sheet-future.xlsx", "written by a newer AI Readiness (format ai-readiness/answer-sheet@2"),
        ("sheet-not-ours.xlsx", "not an AI Readiness answer sheet"),
        ("sheet-blank.xlsx", "nothing to import: no answer is filled in"),
    ],
)
def test_unusable_sheet_changes_nothing(
    sqlite_url: str, mini: Path, capsys: pytest.CaptureFixture[str], name: str, reason: str
) -> None:
    assert cli(capsys, "--db", sqlite_url, "unit", "list").code == 0
    before = dump(sqlite_url)
    result = outcome(cli(capsys, "--db", sqlite_url, "import", str(EXCHANGE / name), "--json"))
    assert result["status"] == "refused"
    assert reason in result["reason"]
    assert dump(sqlite_url) == before


def test_prefilled_sheet_round_trip(
    sqlite_url: str, mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    aid = outcome(cli(capsys, "--db", sqlite_url, "import", str(EXCHANGE / "answers-good.json"), "--json"))[
        "assessment"
    ]
    target = tmp_path / "prefilled.xlsx"
    assert _sheet(sqlite_url, capsys, target) == {"output": str(target), "assessment": aid, "prefilled": True}
    book = load_workbook(target)
    sheet = book["Answers"]
    assert [(sheet[f"C{r}"].value, sheet[f"D{r}"].value, sheet[f"E{r}"].value) for r in range(2, 6)] == [
        (2, 4, None),
        (3, None, None),
        ("N/A", None, "当課では該当業務なし"),
        (1, 2, None),
    ]
    assert sheet["F2"].value == "月次で利用状況を確認"
    # Unchanged as written; then a member of staff raises 1-02 and clears the N/A of 2-01.
    assert outcome(cli(capsys, "--db", sqlite_url, "import", str(target), "--json"))["status"] == "unchanged"
    sheet["C3"] = 4
    sheet["C4"] = "3"
    sheet["E4"] = None
    book.save(target)
    result = outcome(cli(capsys, "--db", sqlite_url, "import", str(target), "--json"))
    assert (result["status"], result["assessment"]) == ("updated", aid)
    items = cli(capsys, "--db", sqlite_url, "score", str(aid), "--json").json["items"]
    assert {i["id"]: (i["level"], i["na"]) for i in items} == {
        "1-01": (2, False),
        "1-02": (4, False),
        "2-01": (3, False),
        "2-02": (1, False),
    }
    blank = tmp_path / "blank.xlsx"
    assert _sheet(sqlite_url, capsys, blank, "--blank")["prefilled"] is False
    assert load_workbook(blank)["Answers"]["C2"].value is None
