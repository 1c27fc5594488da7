"""The assessment lifecycle (draft → submitted → approved → reopened) and its audit trail,
checked in the database rows themselves, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from models import assessments as svc
from models import org
from models.errors import Conflict, InvalidInput, Locked, WorkflowError
from models.evidence import add_evidence, remove_evidence
from models.tables import AnswerUpdate, Assessment, AuditEntry

TEAM = "デジタル庁/戦略・組織グループ/AI推進チーム"
ITEMS = ("1-01", "1-02", "2-01", "2-02")


@pytest.fixture
def aid(session: Session, mini: Path) -> int:
    unit, _ = org.add_unit_path(session=session, path=TEAM)
    cycle, _ = org.add_cycle(session=session, name="FY2026")
    return svc.create_assessment(session=session, unit_id=unit.id, cycle_id=cycle.id, actor="佐藤")


def _row(session: Session, aid: int) -> Assessment:
    session.expire_all()
    row = session.get(Assessment, aid)
    assert row is not None
    return row


def _audit(session: Session, aid: int) -> list[tuple[str, str, str | None, str | None, object, object]]:
    rows = session.exec(select(AuditEntry).where(AuditEntry.assessment_id == aid).order_by(col(AuditEntry.id))).all()
    return [
        (
            r.actor,
            r.action,
            r.item_id,
            r.field,
            None if r.old is None else json.loads(r.old),
            None if r.new is None else json.loads(r.new),
        )
        for r in rows
    ]


def _recent(at: datetime) -> bool:
    return at.tzinfo is not None and abs(datetime.now(UTC) - at) < timedelta(minutes=5)


def _answer(session: Session, aid: int, item: str, actor: str = "佐藤", **change: object) -> svc.AnswerRead:
    return svc.save_answer(
        session=session, assessment_id=aid, item_id=item, change=AnswerUpdate.model_validate(change), actor=actor
    )


def test_answers_are_audited_with_who_when_and_old_to_new(session: Session, aid: int) -> None:
    _answer(session, aid, "1-01", level=2, target=4, comment="研修を計画中")
    _answer(session, aid, "1-01", actor="鈴木", level=3)
    _answer(session, aid, "2-01", na_reason="所管外")
    _answer(session, aid, "2-01", level=1)  # a level replaces N/A
    assert _audit(session, aid) == [
        ("佐藤", "create", None, None, None, {"unit_id": 3, "cycle_id": 1}),
        ("佐藤", "answer", "1-01", "level", None, 2),
        ("佐藤", "answer", "1-01", "target", None, 4),
        ("佐藤", "answer", "1-01", "comment", "", "研修を計画中"),
        ("鈴木", "answer", "1-01", "level", 2, 3),
        ("佐藤", "answer", "2-01", "na_reason", None, "所管外"),
        ("佐藤", "answer", "2-01", "level", None, 1),
        ("佐藤", "answer", "2-01", "na_reason", "所管外", None),
    ]
    entries = session.exec(select(AuditEntry).where(AuditEntry.assessment_id == aid)).all()
    assert all(_recent(e.at) for e in entries)
    answers = svc.list_answers(session=session, assessment_id=aid)
    assert (answers["1-01"].level, answers["1-01"].answered_by, answers["1-01"].version) == (3, "鈴木", 2)
    assert (answers["2-01"].level, answers["2-01"].na_reason) == (1, None)
    assert _recent(answers["1-01"].answered_at)
    assert _row(session, aid).revision == 5  # created at 1, then four saves


def test_a_save_that_changes_nothing_writes_nothing(session: Session, aid: int) -> None:
    first = _answer(session, aid, "1-01", level=2)
    revision, entries = _row(session, aid).revision, len(_audit(session, aid))
    again = _answer(session, aid, "1-01", actor="鈴木", level=2)
    assert again == first
    assert (_row(session, aid).revision, len(_audit(session, aid))) == (revision, entries)


def test_submit_needs_full_coverage_or_a_reason(session: Session, aid: int) -> None:
    _answer(session, aid, "1-01", level=2)
    before = len(_audit(session, aid))
    with pytest.raises(InvalidInput, match=r"3 unanswered item\(s\) \(coverage 25%\).*--reason"):
        svc.submit_assessment(session=session, assessment_id=aid, actor="佐藤")
    with pytest.raises(InvalidInput):
        svc.submit_assessment(session=session, assessment_id=aid, actor="佐藤", reason="   ")
    row = _row(session, aid)
    assert (row.status, row.version, len(_audit(session, aid))) == ("draft", 1, before)

    svc.submit_assessment(session=session, assessment_id=aid, actor="佐藤", reason="残りは次期に評価")
    row = _row(session, aid)
    assert (row.status, row.submitted_by, row.submit_reason, row.version) == (
        "submitted",
        "佐藤",
        "残りは次期に評価",
        2,
    )
    assert row.submitted_at is not None and _recent(row.submitted_at)
    assert _audit(session, aid)[before:] == [
        ("佐藤", "status", None, "status", "draft", "submitted"),
        ("佐藤", "status", None, "reason", None, "残りは次期に評価"),
    ]


def test_full_coverage_submits_without_a_reason(session: Session, aid: int) -> None:
    for item in ITEMS[:3]:
        _answer(session, aid, item, level=4)
    _answer(session, aid, ITEMS[3], na_reason="該当業務なし")  # N/A counts as covered
    svc.submit_assessment(session=session, assessment_id=aid, actor="佐藤")
    row = _row(session, aid)
    assert (row.status, row.submit_reason) == ("submitted", None)


def test_approve_locks_and_reopen_unlocks(session: Session, aid: int, tmp_path: Path) -> None:
    for item in ITEMS:
        _answer(session, aid, item, level=3)
    with pytest.raises(WorkflowError, match="only a submitted assessment can be approved"):
        svc.approve_assessment(session=session, assessment_id=aid, approver="山田課長", actor="山田")
    svc.submit_assessment(session=session, assessment_id=aid, actor="佐藤")
    with pytest.raises(Locked, match="submitted for approval"):
        _answer(session, aid, "1-01", level=5)
    with pytest.raises(InvalidInput, match="approver"):
        svc.approve_assessment(session=session, assessment_id=aid, approver="  ", actor="山田")
    svc.approve_assessment(session=session, assessment_id=aid, approver="山田課長", actor="山田")
    row = _row(session, aid)
    assert (row.status, row.approver, row.version) == ("approved", "山田課長", 3)
    assert row.approved_at is not None and _recent(row.approved_at)
    locked_revision, locked_entries = row.revision, len(_audit(session, aid))

    # Every edit is refused with a message that says what to do; nothing is written.
    with pytest.raises(Locked, match=rf"assessment {aid} is approved and cannot be edited.*reopen"):
        _answer(session, aid, "1-01", level=5)
    with pytest.raises(Locked):
        svc.save_answers(session=session, assessment_id=aid, changes={"1-02": AnswerUpdate(level=1)}, actor="佐藤")
    with pytest.raises(Locked):
        add_evidence(session=session, assessment_id=aid, item_id="1-01", kind="text", text="議事録", actor="佐藤")
    note = tmp_path / "memo.txt"
    note.write_text("メモ", encoding="utf-8")
    with pytest.raises(Locked):
        add_evidence(session=session, assessment_id=aid, item_id="1-01", kind="file", file_path=note, actor="佐藤")
    with pytest.raises(WorkflowError, match="only a draft can be submitted"):
        svc.submit_assessment(session=session, assessment_id=aid, actor="佐藤")
    with pytest.raises(InvalidInput, match="reason"):
        svc.reopen_assessment(session=session, assessment_id=aid, reason=" ", actor="山田")
    assert svc.list_answers(session=session, assessment_id=aid)["1-01"].level == 3
    assert (_row(session, aid).revision, len(_audit(session, aid))) == (locked_revision, locked_entries)
    assert not list((tmp_path / "data" / "evidence").rglob("*"))  # the refused file was not kept

    svc.reopen_assessment(session=session, assessment_id=aid, reason="評価基準の誤りを修正", actor="山田")
    row = _row(session, aid)
    assert (row.status, row.approver, row.approved_at, row.version) == ("draft", None, None, 4)
    assert _audit(session, aid)[locked_entries:] == [
        ("山田", "status", None, "status", "approved", "draft"),
        ("山田", "status", None, "reason", None, "評価基準の誤りを修正"),
    ]
    with pytest.raises(WorkflowError, match="already a draft"):
        svc.reopen_assessment(session=session, assessment_id=aid, reason="再度", actor="山田")
    assert _answer(session, aid, "1-01", level=5).level == 5

    statuses = [(e[5]) for e in _audit(session, aid) if e[3] == "status"]
    assert statuses == ["submitted", "approved", "draft"]
    approvals = [e for e in _audit(session, aid) if e[3] == "approver"]
    assert approvals == [("山田", "status", None, "approver", None, "山田課長")]


def test_evidence_changes_are_audited_and_bump_the_revision(session: Session, aid: int) -> None:
    start = _row(session, aid).revision
    added = add_evidence(session=session, assessment_id=aid, item_id="2-02", kind="text", text="会議資料", actor="佐藤")
    remove_evidence(session=session, evidence_id=added.id, actor="鈴木")
    assert _audit(session, aid)[1:] == [
        ("佐藤", "answer", "2-02", "created", None, "unanswered"),
        ("佐藤", "evidence", "2-02", "text", None, {"id": added.id, "kind": "text", "text": "会議資料"}),
        ("鈴木", "evidence", "2-02", "text", {"id": added.id, "kind": "text", "text": "会議資料"}, None),
    ]
    assert _row(session, aid).revision == start + 2


def test_a_status_change_from_a_stale_view_names_who_changed_it(session: Session, aid: int) -> None:
    for item in ITEMS:
        _answer(session, aid, item, level=3)
    seen = svc.get_assessment(session=session, assessment_id=aid).version
    svc.submit_assessment(session=session, assessment_id=aid, actor="佐藤", reason="念のため")
    with pytest.raises(Conflict, match=r"changed by 佐藤 at .* UTC \(status status: draft → submitted\)"):
        svc.approve_assessment(
            session=session, assessment_id=aid, approver="山田課長", actor="山田", expected_version=seen
        )
    assert _row(session, aid).status == "submitted"
    current = svc.get_assessment(session=session, assessment_id=aid).version
    svc.approve_assessment(
        session=session, assessment_id=aid, approver="山田課長", actor="山田", expected_version=current
    )
    assert _row(session, aid).status == "approved"
