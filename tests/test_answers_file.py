"""The plain answers file (ai-readiness/answers@1): imported all or nothing, creating what is
missing; every problem named by entry and field; exported and read back unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.exchange_support import EXCHANGE, dump, outcome
from tests.helpers import cli

UNIT = "テスト省/第一局/AI推進チーム"


def _answers(url: str, capsys: pytest.CaptureFixture[str], assessment_id: int) -> dict[str, tuple[object, ...]]:
    items = cli(capsys, "--db", url, "score", str(assessment_id), "--json").json["items"]
    return {i["id"]: (i["level"], i["na"], i["target"]) for i in items}


def test_import_creates_unit_cycle_and_assessment(db_url: str, mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = outcome(cli(capsys, "--db", db_url, "import", str(EXCHANGE / "answers-good.json"), "--json"))
    assert result["status"] == "imported"
    assert "4 answer(s) saved" in result["reason"]
    listed = cli(capsys, "--db", db_url, "assessment", "list", "--json").json
    assert [(r["id"], r["unit"], r["cycle"], r["coverage"]) for r in listed] == [
        (result["assessment"], UNIT, "FY2026", 1.0)
    ]
    assert _answers(db_url, capsys, result["assessment"]) == {
        "1-01": (2, False, 4),
        "1-02": (3, False, None),
        "2-01": (None, True, None),
        "2-02": (1, False, 2),
    }
    audit = cli(capsys, "--db", db_url, "audit", str(result["assessment"]), "--json").json
    assert [e["action"] for e in audit[:2]] == ["create", "import"]
    assert audit[1]["new"] == {"file": "answers-good.json", "format": "ai-readiness/answers@1", "answers": 4}
    assert {(e["item"], e["field"], e["new"]) for e in audit if e["action"] == "answer"} >= {
        ("1-01", "level", 2),
        ("1-01", "comment", "月次で利用状況を確認"),
        ("2-01", "na_reason", "当課では該当業務なし"),
    }
    before = dump(db_url)
    again = outcome(cli(capsys, "--db", db_url, "import", str(EXCHANGE / "answers-good.json"), "--json"))
    assert again["status"] == "unchanged"
    assert dump(db_url) == before


def test_every_problem_is_named_by_entry_and_field(
    sqlite_url: str, mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, "--db", sqlite_url, "unit", "list").code == 0
    before = dump(sqlite_url)
    path = EXCHANGE / "answers-invalid.json"
    run = cli(capsys, "--db", sqlite_url, "import", str(path))
    assert run.code == 1
    lines = run.err.strip().splitlines()
    prefix = f"{path}: refused: "
    assert lines[:-1] == [
        prefix + "answers[1] (item 1-02): give either level or na, not both",
        prefix + "answers[2] (item 2-01): level must be 0-5",
        prefix + "answers[3] (item 2-02): level must be 0-5",
        prefix + "answers[4] (item 1-01): unknown field 'colour' (known: item, level, na, target, comment)",
        prefix + "answers[4] (item 1-01): the item is listed twice (also answers[0])",
        prefix + 'answers[5]: item: give the item\'s id as text, e.g. "1-01"',
        prefix + "answers[6] (item 2-02): the item is listed twice (also answers[3])",
        prefix + "answers[6] (item 2-02): na must be the reason the item does not apply (text)",
        prefix + "answers[6] (item 2-02): target must be 0-5",
    ]
    assert dump(sqlite_url) == before
    result = outcome(cli(capsys, "--db", sqlite_url, "import", str(path), "--json"))
    assert result["reason"] == "answers[1] (item 1-02): give either level or na, not both (and 8 more problem(s))"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("answers-unknown-item.json", "answers[1] (item 9-99): '9-99' is not an item of mini@0.1.0"),
        ("answers-future.json", "written by a newer AI Readiness (format ai-readiness/answers@2"),
        ("answers-wrong-format.json", "expected ai-readiness/answers@1, found 'someone-else/answers@1'"),
        ("answers-unknown-questionnaire.json", "questionnaire mini@9.9.9 is not known here (this installation uses"),
        ("answers-broken.json", "not valid JSON: line"),
        ("answers-not-utf8.json", "not UTF-8 text"),
    ],
)
def test_bad_answers_file_changes_nothing(
    db_url: str, mini: Path, capsys: pytest.CaptureFixture[str], name: str, reason: str
) -> None:
    assert cli(capsys, "--db", db_url, "unit", "list").code == 0
    before = dump(db_url)
    result = outcome(cli(capsys, "--db", db_url, "import", str(EXCHANGE / name), "--json"))
    assert result["status"] == "refused"
    assert reason in result["reason"]
    assert dump(db_url) == before  # not even the unit or cycle was created


def test_entries_replace_answers_and_leave_other_items(
    sqlite_url: str, mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = outcome(cli(capsys, "--db", sqlite_url, "import", str(EXCHANGE / "answers-good.json"), "--json"))
    update = tmp_path / "update.json"
    update.write_text(
        json.dumps(
            {
                "format": "ai-readiness/answers@1",
                "unit": UNIT,
                "cycle": "FY2026",
                "questionnaire": {"id": "mini", "version": "0.1.0"},
                "answers": [{"item": "1-01", "level": 5}, {"item": "2-01", "level": 0, "target": 3}],
            }
        ),
        encoding="utf-8",
    )
    result = outcome(cli(capsys, "--db", sqlite_url, "import", str(update), "--json"))
    assert (result["status"], result["assessment"]) == ("updated", first["assessment"])
    assert _answers(sqlite_url, capsys, result["assessment"]) == {
        "1-01": (5, False, None),  # the whole answer: the target is cleared
        "1-02": (3, False, None),
        "2-01": (0, False, 3),
        "2-02": (1, False, 2),
    }


def test_locked_assessment_is_refused(sqlite_url: str, mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    aid = outcome(cli(capsys, "--db", sqlite_url, "import", str(EXCHANGE / "answers-good.json"), "--json"))[
        "assessment"
    ]
    assert cli(capsys, "--db", sqlite_url, "assessment", "submit", str(aid)).code == 0
    assert cli(capsys, "--db", sqlite_url, "assessment", "approve", str(aid), "--approver", "課長").code == 0
    before = dump(sqlite_url)
    result = outcome(cli(capsys, "--db", sqlite_url, "import", str(EXCHANGE / "answers-good.json"), "--json"))
    assert result["status"] == "refused"
    assert f"assessment {aid} ({UNIT} · FY2026) is approved and cannot be edited" in result["reason"]
    assert dump(sqlite_url) == before


def test_export_and_import_round_trip(
    sqlite_url: str, mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    aid = outcome(cli(capsys, "--db", sqlite_url, "import", str(EXCHANGE / "answers-good.json"), "--json"))[
        "assessment"
    ]
    exported = tmp_path / "out.json"
    assert cli(capsys, "--db", sqlite_url, "export", str(aid), "--format", "answers", "-o", str(exported)).code == 0
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["format"] == "ai-readiness/answers@1"
    assert document["answers"] == json.loads((EXCHANGE / "answers-good.json").read_text(encoding="utf-8"))["answers"]
    other = f"sqlite:///{tmp_path / 'other.db'}"
    result = outcome(cli(capsys, "--db", other, "import", str(exported), "--json"))
    assert result["status"] == "imported"
    assert _answers(other, capsys, result["assessment"]) == _answers(sqlite_url, capsys, aid)

    scrubbed = tmp_path / "scrubbed.json"
    cli(capsys, "--db", sqlite_url, "export", str(aid), "--format", "answers", "--scrub", "-o", str(scrubbed))
    text = scrubbed.read_text(encoding="utf-8")
    assert "月次" not in text and "当課" not in text
    assert '"na": "(withheld)"' in text
