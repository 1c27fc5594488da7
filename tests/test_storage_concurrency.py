"""Two desktops on one database (two engines on one SQLite file, or on one PostgreSQL
database): a save from a stale view is refused with a Conflict that names what changed and
who changed it, and a real race between two savers has exactly one winner."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from models import assessments as svc
from models import org
from models.db import open_database
from models.errors import Conflict
from models.tables import Answer, AnswerUpdate, AuditEntry


@pytest.fixture
def two_engines(db_url: str) -> Iterator[tuple[Engine, Engine]]:
    first = open_database(db_url)
    second = open_database(db_url)
    yield first, second
    first.dispose()
    second.dispose()


@pytest.fixture
def aid(two_engines: tuple[Engine, Engine], mini: Path) -> int:
    with Session(two_engines[0]) as s:
        unit, _ = org.add_unit_path(session=s, path="共有省/局/課")
        cycle, _ = org.add_cycle(session=s, name="FY2026")
        return svc.create_assessment(session=s, unit_id=unit.id, cycle_id=cycle.id, actor="setup")


def _save(engine: Engine, aid: int, item: str, actor: str, expected: int | None, **change: object) -> svc.AnswerRead:
    with Session(engine) as s:
        return svc.save_answer(
            session=s,
            assessment_id=aid,
            item_id=item,
            change=AnswerUpdate.model_validate(change),
            actor=actor,
            expected_version=expected,
        )


def _answers(engine: Engine, aid: int) -> dict[str, tuple[int | None, str, str, int]]:
    with Session(engine) as s:
        rows = s.exec(select(Answer).where(Answer.assessment_id == aid)).all()
        return {r.item_id: (r.level, r.comment, r.answered_by, r.version) for r in rows}


def _audit_count(engine: Engine, aid: int) -> int:
    with Session(engine) as s:
        return len(s.exec(select(AuditEntry.id).where(AuditEntry.assessment_id == aid)).all())


def test_a_stale_save_is_refused_and_names_who_changed_what(two_engines: tuple[Engine, Engine], aid: int) -> None:
    desk_a, desk_b = two_engines
    first = _save(desk_a, aid, "1-01", "佐藤", 0, level=2)
    seen_by_b = first.version  # B opens the item (version 1)
    _save(desk_a, aid, "1-01", "佐藤", first.version, level=4, comment="A の追記")
    entries = _audit_count(desk_a, aid)

    with pytest.raises(Conflict) as caught:
        _save(desk_b, aid, "1-01", "鈴木", seen_by_b, level=1)
    message = str(caught.value)
    assert "item 1-01 was changed by 佐藤" in message and "(level 4)" in message and "nothing was saved" in message
    # Nothing was overwritten, nothing was audited.
    assert _answers(desk_b, aid)["1-01"] == (4, "A の追記", "佐藤", 2)
    assert _audit_count(desk_b, aid) == entries

    # After reloading, B's save goes through.
    assert _save(desk_b, aid, "1-01", "鈴木", 2, level=1).version == 3
    assert _answers(desk_a, aid)["1-01"] == (1, "A の追記", "鈴木", 3)


def test_a_first_answer_made_twice_is_refused_the_second_time(two_engines: tuple[Engine, Engine], aid: int) -> None:
    desk_a, desk_b = two_engines
    _save(desk_a, aid, "2-01", "佐藤", 0, na_reason="所管外")
    with pytest.raises(Conflict, match=r"changed by 佐藤 .*\(N/A\)"):
        _save(desk_b, aid, "2-01", "鈴木", 0, level=3)
    assert _answers(desk_b, aid)["2-01"][0] is None


def test_different_items_never_conflict(two_engines: tuple[Engine, Engine], aid: int) -> None:
    desk_a, desk_b = two_engines
    _save(desk_a, aid, "1-01", "佐藤", 0, level=2)
    _save(desk_b, aid, "1-02", "鈴木", 0, level=3)
    assert set(_answers(desk_a, aid)) == {"1-01", "1-02"}


def test_a_race_between_two_savers_has_exactly_one_winner(two_engines: tuple[Engine, Engine], aid: int) -> None:
    """Two threads, each with its own engine, save the same items from the same version at
    the same moment. Every round: one save wins, the other gets Conflict; the database holds
    the winner's answer and exactly one audit entry per round."""
    rounds = 12
    items = [("1-01", "1-02", "2-01", "2-02")[n % 4] for n in range(rounds)]
    barrier = threading.Barrier(2, timeout=60)
    outcomes: dict[str, list[object]] = {"佐藤": [], "鈴木": []}

    def desk(engine: Engine, actor: str, level: int) -> None:
        with Session(engine) as s:
            for n, item in enumerate(items):
                expected = n // 4  # the version both saw before this round (0 for a new item)
                barrier.wait()
                try:
                    saved = svc.save_answer(
                        session=s,
                        assessment_id=aid,
                        item_id=item,
                        change=AnswerUpdate(level=level, comment=f"round {n}"),
                        actor=actor,
                        expected_version=expected,
                    )
                    outcomes[actor].append(saved.version)
                except Conflict as exc:
                    outcomes[actor].append(exc)
                except Exception as exc:  # reported in the main thread
                    outcomes[actor].append(exc)

    threads = [
        threading.Thread(target=desk, args=(engine, actor, level))
        for engine, actor, level in ((two_engines[0], "佐藤", 2), (two_engines[1], "鈴木", 4))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads)

    for n in range(rounds):
        a, b = outcomes["佐藤"][n], outcomes["鈴木"][n]
        unexpected = [x for x in (a, b) if isinstance(x, Exception) and not isinstance(x, Conflict)]
        assert not unexpected, unexpected
        wins = [x for x in (a, b) if isinstance(x, int)]
        assert len(wins) == 1, (n, a, b)
        loser = a if isinstance(a, Conflict) else b
        assert isinstance(loser, Conflict) and "nothing was saved" in str(loser)

    stored = _answers(two_engines[0], aid)
    for item in ("1-01", "1-02", "2-01", "2-02"):
        level, comment, actor, version = stored[item]
        assert version == rounds // 4
        assert (level, actor) in ((2, "佐藤"), (4, "鈴木"))
        assert comment == f"round {max(n for n, i in enumerate(items) if i == item)}"
    with Session(two_engines[0]) as s:
        answer_entries = s.exec(
            select(AuditEntry).where(AuditEntry.assessment_id == aid, AuditEntry.action == "answer")
        ).all()
        # One winner per round: its changed fields only (first round: level and comment).
        by_round = [e for e in answer_entries if e.field == "comment"]
        assert len(by_round) == rounds
        assert sorted({e.field for e in answer_entries}) == ["comment", "level"]
