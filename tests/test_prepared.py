"""Prepared statements (the answer save's hot path) store and read exactly what the ORM does."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import bindparam, insert, select, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from models import assessments as svc
from models import org
from models.errors import Conflict
from models.prepared import Prepared
from models.tables import Answer, AnswerUpdate

ANSWERS = Answer.__table__  # type: ignore[attr-defined]
JST = timezone(timedelta(hours=9))
COLUMNS = ("assessment_id", "item_id", "level", "na_reason", "target", "comment", "review", "answered_by")
INSERT = Prepared(insert(ANSWERS), column_keys=(*COLUMNS, "answered_at", "version"))
READ = Prepared(select(*ANSWERS.c).where(ANSWERS.c.item_id == bindparam("item_id")))


@pytest.fixture
def assessment_id(session: Session, mini: Path) -> int:
    unit, _ = org.add_unit_path(session=session, path="デジタル庁/AI推進チーム")
    cycle, _ = org.add_cycle(session=session, name="FY2026")
    return svc.create_assessment(session=session, unit_id=unit.id, cycle_id=cycle.id, actor="佐藤")


def _values(assessment_id: int, item_id: str) -> dict[str, object]:
    return {
        "assessment_id": assessment_id,
        "item_id": item_id,
        "level": None,
        "na_reason": "所管外",
        "target": 4,
        "comment": "根拠は\n別紙",
        "review": True,
        "answered_by": "佐藤",
        "answered_at": datetime(2026, 5, 1, 19, 2, 3, 456789, tzinfo=JST),
        "version": 3,
    }


def test_rows_are_stored_as_the_orm_stores_them(session: Session, assessment_id: int) -> None:
    INSERT.execute(session.connection(), _values(assessment_id, "1-01"))
    session.add(Answer.model_validate(_values(assessment_id, "1-02")))
    session.commit()
    prepared, orm = session.execute(text("SELECT * FROM answer ORDER BY item_id")).mappings().all()
    assert prepared["item_id"] == "1-01" and orm["item_id"] == "1-02"
    for name in prepared.keys() - {"id", "item_id"}:
        assert prepared[name] == orm[name], name  # the stored values, as the driver returns them

    read = READ.execute(session.connection(), {"item_id": "1-01"}).first()
    loaded = session.get(Answer, orm["id"])
    assert loaded is not None
    for name in (*COLUMNS[2:], "answered_at", "version"):
        assert getattr(read, name) == getattr(loaded, name), name
    assert read.answered_at == datetime(2026, 5, 1, 10, 2, 3, 456789, tzinfo=UTC)
    assert read.answered_at.tzinfo == UTC and read.review is True


def test_driver_errors_come_as_sqlalchemy_errors(session: Session, assessment_id: int) -> None:
    INSERT.execute(session.connection(), _values(assessment_id, "1-01"))
    with pytest.raises(IntegrityError):
        INSERT.executemany(session.connection(), [_values(assessment_id, "1-02"), _values(assessment_id, "1-01")])
    session.rollback()


def test_a_save_that_loses_a_race_is_a_conflict(
    session: Session, assessment_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An answer inserted behind the service's back (skipping the assessment lock) between the
    service's read and its insert: the save refuses with Conflict and writes nothing."""
    read_answers = svc._existing_answers

    def racing(*args: Any, **kwargs: Any) -> dict[str, Answer]:
        found = read_answers(*args, **kwargs)
        INSERT.execute(session.connection(), _values(assessment_id, "1-01"))
        return found

    monkeypatch.setattr(svc, "_existing_answers", racing)
    with pytest.raises(Conflict, match="answered by someone else at the same moment"):
        svc.save_answer(
            session=session, assessment_id=assessment_id, item_id="1-01", change=AnswerUpdate(level=2), actor="鈴木"
        )
    assert session.execute(select(ANSWERS.c.id)).all() == []
    assert svc.get_assessment(session=session, assessment_id=assessment_id).answered == 0


def test_python_side_defaults_are_refused(sqlite_url: str) -> None:
    from models.db import open_database

    engine = open_database(sqlite_url)
    try:
        with Session(engine) as session, pytest.raises(ValueError, match="Python-side defaults"):
            # version and review have defaults that only the Core path would fill in
            Prepared(insert(ANSWERS), column_keys=("assessment_id", "item_id", "answered_by", "answered_at")).execute(
                session.connection(), {}
            )
    finally:
        engine.dispose()
