"""Every data command of the CLI, with and without --json, and its error paths: a mistake is
one line on stderr with exit 2 (usage) or 1 (failure), never a traceback."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.helpers import Run, cli

TEAM = "デジタル庁/戦略・組織グループ/AI推進チーム"


def ok(run: Run) -> Run:
    assert run.code == 0, run.err
    assert run.err == ""
    return run


def fails(run: Run, code: int, *needles: str) -> None:
    assert run.code == code, run
    lines = run.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in run.err, run.err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    assert run.out == ""


@pytest.fixture
def aid(capsys: pytest.CaptureFixture[str], mini: Path) -> int:
    ok(cli(capsys, "unit", "add", TEAM))
    ok(cli(capsys, "cycle", "add", "FY2026"))
    return int(ok(cli(capsys, "assessment", "new", "--unit", TEAM, "--cycle", "FY2026", "--json")).json["id"])


def test_unit_add_and_list(capsys: pytest.CaptureFixture[str]) -> None:
    run = ok(cli(capsys, "unit", "add", TEAM, "--en", "AI Team", "--code", "DA-AI", "--json"))
    assert run.json == {
        "id": 3,
        "path": TEAM,
        "name": "AI推進チーム",
        "name_en": "AI Team",
        "code": "DA-AI",
        "parent_id": 2,
        "created": True,
    }
    assert ok(cli(capsys, "unit", "add", TEAM)).out == f"exists: {TEAM} (id 3)\n"
    assert ok(cli(capsys, "unit", "add", "デジタル庁/省庁業務グループ")).out.startswith(
        "added: デジタル庁/省庁業務グループ"
    )
    listed = ok(cli(capsys, "unit", "list", "--json")).json
    assert [u["path"] for u in listed] == [
        "デジタル庁",
        "デジタル庁/戦略・組織グループ",
        TEAM,
        "デジタル庁/省庁業務グループ",
    ]
    text = ok(cli(capsys, "unit", "list")).out.splitlines()
    assert text[2].split() == ["3", TEAM]
    fails(cli(capsys, "unit", "add", "デジタル庁//チーム"), 1, "unit path")
    fails(cli(capsys, "unit", "add", "総務省", "--code", "DA-AI"), 1, "code 'DA-AI' is already used by " + TEAM)
    fails(cli(capsys, "unit", "add"), 2, "PATH")


def test_cycle_add_and_list(capsys: pytest.CaptureFixture[str]) -> None:
    run = ok(cli(capsys, "cycle", "add", "FY2026", "--json"))
    assert run.json == {"id": 1, "name": "FY2026", "starts_on": "2026-04-01", "ends_on": "2027-03-31", "created": True}
    assert ok(cli(capsys, "cycle", "add", "FY2026")).out == "exists: FY2026 (id 1)\n"
    ok(cli(capsys, "cycle", "add", "FY2025"))
    ok(cli(capsys, "cycle", "add", "特別調査", "--starts", "2025-10-01", "--ends", "2025-12-31"))
    assert [c["name"] for c in ok(cli(capsys, "cycle", "list", "--json")).json] == ["FY2025", "特別調査", "FY2026"]
    assert ok(cli(capsys, "cycle", "list")).out.splitlines()[0].split() == [
        "2",
        "FY2025",
        "2025-04-01",
        "–",
        "2026-03-31",
    ]
    fails(cli(capsys, "cycle", "add", "x", "--starts", "1 April"), 2, "not a date like 2026-04-01")
    fails(cli(capsys, "cycle", "add", "逆", "--starts", "2026-04-01", "--ends", "2026-01-01"), 1, "before it starts")
    fails(cli(capsys, "cycle", "add", "FY2026/H1"), 1, "cycle name")


def test_assessment_new_and_list(capsys: pytest.CaptureFixture[str], aid: int) -> None:
    assert aid == 1
    assert ok(cli(capsys, "assessment", "list", "--json")).json == [
        {"id": 1, "unit": TEAM, "cycle": "FY2026", "status": "draft", "coverage": 0.0, "questionnaire": "mini@0.1.0"}
    ]
    assert ok(cli(capsys, "assessment", "list")).out.split() == ["1", "FY2026", "draft", "0%", TEAM]
    ok(cli(capsys, "cycle", "add", "FY2025"))
    run = ok(cli(capsys, "assessment", "new", "--unit", TEAM, "--cycle", "FY2025"))
    assert run.out == f"assessment 2: {TEAM} · FY2025\n"
    assert [a["id"] for a in ok(cli(capsys, "assessment", "list", "--cycle", "FY2025", "--json")).json] == [2]
    assert ok(cli(capsys, "assessment", "list", "--status", "approved", "--json")).json == []
    assert "no assessments yet" in ok(cli(capsys, "assessment", "list", "--status", "approved")).out
    fails(cli(capsys, "assessment", "new", "--unit", "無い庁", "--cycle", "FY2026"), 1, "ai-readiness unit add")
    fails(cli(capsys, "assessment", "new", "--unit", TEAM, "--cycle", "FY2099"), 1, "ai-readiness cycle add FY2099")
    fails(cli(capsys, "assessment", "new", "--unit", TEAM, "--cycle", "FY2026"), 1, "already has an assessment")
    fails(cli(capsys, "assessment", "new", "--unit", TEAM), 2, "--cycle")
    fails(cli(capsys, "assessment", "list", "--status", "lost"), 2, "invalid choice")
    fails(cli(capsys, "assessment", "list", "--cycle", "FY1999"), 1, "not found")


def test_answer_set(capsys: pytest.CaptureFixture[str], aid: int) -> None:
    run = ok(cli(capsys, "answer", "set", "1", "1-01", "--level", "3", "--target", "5", "--comment", "月次", "--json"))
    assert run.json == {
        "assessment": 1,
        "item": "1-01",
        "level": 3,
        "na": None,
        "target": 5,
        "comment": "月次",
        "review": False,
        "version": 1,
    }
    assert ok(cli(capsys, "answer", "set", "1", "2-01", "--na", "所管外", "--review")).out == "saved 2-01: N/A\n"
    assert ok(cli(capsys, "answer", "set", "1", "1-01", "--level", "4")).out == "saved 1-01: level 4\n"
    fails(cli(capsys, "answer", "set", "1", "1-01", "--level", "6"), 2, "invalid choice")
    fails(cli(capsys, "answer", "set", "1", "1-01", "--level", "2", "--na", "x"), 2, "not allowed with")
    fails(cli(capsys, "answer", "set", "1", "1-01"), 2, "required")
    fails(cli(capsys, "answer", "set", "1", "1-01", "--na", " "), 1, "N/A needs a reason")
    fails(cli(capsys, "answer", "set", "1", "9-99", "--level", "1"), 1, "item '9-99' is not in questionnaire mini")
    fails(cli(capsys, "answer", "set", "7", "1-01", "--level", "1"), 1, "assessment 7 not found")
    fails(cli(capsys, "answer", "set", "x", "1-01", "--level", "1"), 2, "invalid int value")
    assert ok(cli(capsys, "score", "1", "--json")).json["coverage"] == 0.5


def test_lifecycle_commands(capsys: pytest.CaptureFixture[str], aid: int) -> None:
    ok(cli(capsys, "answer", "set", "1", "1-01", "--level", "3"))
    fails(cli(capsys, "assessment", "submit", "1"), 1, "3 unanswered item(s)", "--reason")
    fails(cli(capsys, "assessment", "approve", "1", "--approver", "山田課長"), 1, "only a submitted assessment")
    assert ok(cli(capsys, "assessment", "submit", "1", "--reason", "残りは次期", "--json")).json == {
        "id": 1,
        "status": "submitted",
    }
    fails(cli(capsys, "assessment", "submit", "1", "--reason", "x"), 1, "only a draft can be submitted")
    fails(cli(capsys, "assessment", "approve", "1"), 2, "--approver")
    run = ok(cli(capsys, "--user", "山田", "assessment", "approve", "1", "--approver", "山田課長"))
    assert run.out == "assessment 1 approved by 山田課長\n"
    assert ok(cli(capsys, "assessment", "list", "--json")).json[0]["status"] == "approved"
    fails(cli(capsys, "answer", "set", "1", "1-02", "--level", "2"), 1, "approved and cannot be edited", "reopen")
    fails(cli(capsys, "evidence", "add", "1", "1-02", "--text", "x"), 1, "approved and cannot be edited")
    fails(cli(capsys, "assessment", "reopen", "1"), 2, "--reason")
    fails(cli(capsys, "assessment", "reopen", "1", "--reason", "  "), 1, "reason")
    assert ok(cli(capsys, "assessment", "reopen", "1", "--reason", "修正", "--json")).json == {
        "id": 1,
        "status": "draft",
    }
    fails(cli(capsys, "assessment", "reopen", "1", "--reason", "x"), 1, "already a draft")
    fails(cli(capsys, "assessment", "submit", "9", "--reason", "x"), 1, "assessment 9 not found")

    audit = ok(cli(capsys, "audit", "1", "--json")).json
    assert [(e["actor"], e["action"], e["field"], e["old"], e["new"]) for e in audit if e["action"] == "status"] == [
        ("tester", "status", "status", "draft", "submitted"),
        ("tester", "status", "reason", None, "残りは次期"),
        ("山田", "status", "status", "submitted", "approved"),
        ("山田", "status", "approver", None, "山田課長"),
        ("tester", "status", "status", "approved", "draft"),
        ("tester", "status", "reason", None, "修正"),
    ]
    assert set(audit[0]) == {"at", "actor", "action", "item", "field", "old", "new"}
    text = ok(cli(capsys, "audit", "1")).out.splitlines()
    assert len(text) == len(audit)
    assert "answer 1-01 level: None → 3" in text[1] and "tester" in text[1]
    fails(cli(capsys, "audit", "5"), 1, "assessment 5 not found")


def test_evidence_commands(capsys: pytest.CaptureFixture[str], aid: int, tmp_path: Path) -> None:
    note = ok(cli(capsys, "evidence", "add", "1", "1-01", "--text", "議事録あり", "--json")).json
    assert (note["id"], note["item"], note["kind"], note["text"], note["added_by"]) == (
        1,
        "1-01",
        "text",
        "議事録あり",
        "tester",
    )
    run = ok(cli(capsys, "evidence", "add", "1", "1-01", "--link", r"\\fs01\共有\方針.pdf", "--note", "共有フォルダ"))
    assert run.out == "added evidence 2 to 1-01: link\n"
    attachment = tmp_path / "研修記録.csv"
    attachment.write_bytes("氏名,受講日\n".encode())
    added = ok(cli(capsys, "evidence", "add", "1", "2-01", "--file", str(attachment), "--json")).json
    assert added["sha256"] == hashlib.sha256(attachment.read_bytes()).hexdigest()
    assert (added["filename"], added["size"]) == ("研修記録.csv", attachment.stat().st_size)

    listed = ok(cli(capsys, "evidence", "list", "1", "--json")).json
    assert [(e["id"], e["kind"]) for e in listed] == [(1, "text"), (2, "link"), (3, "file")]
    assert [e["id"] for e in ok(cli(capsys, "evidence", "list", "1", "2-01", "--json")).json] == [3]
    lines = ok(cli(capsys, "evidence", "list", "1")).out.splitlines()
    assert "共有フォルダ" in lines[1] and "研修記録.csv" in lines[2]
    assert "no evidence yet" in ok(cli(capsys, "evidence", "list", "1", "2-02")).out
    assert ok(cli(capsys, "evidence", "remove", "2", "--json")).json == {"id": 2, "removed": True}
    assert ok(cli(capsys, "evidence", "remove", "1")).out == "removed evidence 1\n"
    assert [e["id"] for e in ok(cli(capsys, "evidence", "list", "1", "--json")).json] == [3]

    fails(cli(capsys, "evidence", "add", "1", "1-01", "--link", "javascript:alert(1)"), 1, "use an http")
    fails(cli(capsys, "evidence", "add", "1", "1-01", "--file", str(tmp_path / "absent.pdf")), 1, "no such file")
    fails(cli(capsys, "evidence", "add", "1", "1-01"), 2, "required")
    fails(cli(capsys, "evidence", "add", "1", "1-01", "--text", "a", "--link", "https://a.example"), 2, "not allowed")
    fails(cli(capsys, "evidence", "add", "1", "1-01", "--text", "a", "--note", "b"), 2, "--note goes with")
    fails(cli(capsys, "evidence", "remove", "99"), 1, "evidence 99 not found")
    fails(cli(capsys, "evidence", "list", "42"), 1, "assessment 42 not found")
