"""Answer save: 2,000 saves through the service layer, each its own transaction, against raw
sqlite3 upserts with the same PRAGMAs (WAL, synchronous=FULL, foreign keys) in the same run.

    .venv/bin/python bench/bench_save.py [--saves N] [--rounds R]

Each save commits (an fsync of the WAL), so disk noise from other programs weighs on every
contender. The saves therefore run in rounds in which the contenders take turns (in rotating
order), after a warm-up; the ratio is that of the total times. The median of the rounds'
ratios and the CPU time (user + system) per save are printed too. A second reference, raw
sqlite3 running the service's own statements on the app's schema (lock and revision bump with
the questionnaire's hash, read of the answer, write, audit entry: four pages per commit where
the floor writes one), separates what the database work costs from what the service layer
(SQLAlchemy session, checks, conversions) adds.

Last line: ``RATIO save=<service / floor> target<=2``.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WARM_UP = 60


def _level(i: int, items: list[str]) -> int:
    """Every save changes its answer (each pass over the items sets the next level)."""
    return (i // len(items)) % 6


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _floor(path: Path, items: list[str]) -> Callable[[int, int], None]:
    """One-row upserts, each committed, with the app's PRAGMAs."""
    conn = _connect(path)
    conn.execute(
        "CREATE TABLE answer (assessment_id INTEGER NOT NULL, item_id TEXT NOT NULL, level INTEGER,"
        " answered_by TEXT NOT NULL, answered_at TEXT NOT NULL, version INTEGER NOT NULL,"
        " UNIQUE (assessment_id, item_id))"
    )

    def run(start: int, count: int) -> None:
        for i in range(start, start + count):
            conn.execute("BEGIN")
            conn.execute(
                "INSERT INTO answer (assessment_id, item_id, level, answered_by, answered_at, version)"
                " VALUES (1, ?, ?, 'bench', datetime('now'), 1)"
                " ON CONFLICT (assessment_id, item_id) DO UPDATE SET level = excluded.level,"
                " answered_at = excluded.answered_at, version = answer.version + 1",
                (items[i % len(items)], _level(i, items)),
            )
            conn.execute("COMMIT")

    return run


def _new_assessment(url: str) -> tuple[int, list[str]]:
    from models import assessments, org
    from models.db import open_database, session_for

    engine = open_database(url)
    with session_for(engine) as s:
        unit, _ = org.add_unit_path(session=s, path="ベンチ省/局/課")
        cycle, _ = org.add_cycle(session=s, name="FY2026")
        assessment_id = assessments.create_assessment(session=s, unit_id=unit.id, cycle_id=cycle.id, actor="bench")
        items = [item.id for item in assessments.questionnaire_of(session=s, assessment_id=assessment_id).items]
    engine.dispose()
    return assessment_id, items


def _service(path: Path) -> tuple[Callable[[int, int], None], list[str]]:
    from models import assessments
    from models.db import open_database, session_for
    from models.tables import AnswerUpdate

    assessment_id, items = _new_assessment(f"sqlite:///{path}")
    engine = open_database(f"sqlite:///{path}")

    def run(start: int, count: int) -> None:
        for i in range(start, start + count):
            # One short session per save, as the GUI does for each click.
            with session_for(engine) as s:
                assessments.save_answer(
                    session=s,
                    assessment_id=assessment_id,
                    item_id=items[i % len(items)],
                    change=AnswerUpdate(level=_level(i, items)),
                    actor="bench",
                )

    return run, items


def _service_statements(path: Path) -> Callable[[int, int], None]:
    """The statements a save runs, in raw sqlite3, on the app's schema (one audited field)."""
    assessment_id, items = _new_assessment(f"sqlite:///{path}")
    conn = _connect(path)
    answer_columns = "id, assessment_id, item_id, level, na_reason, target, comment, review, answered_by, answered_at"

    def run(start: int, count: int) -> None:
        for i in range(start, start + count):
            item_id, level = items[i % len(items)], _level(i, items)
            now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
            conn.execute("BEGIN")
            conn.execute(
                "UPDATE assessment SET revision = revision + 1, updated_at = ? WHERE id = ?"
                " RETURNING id, status, questionnaire_id,"
                " (SELECT hash FROM questionnaire WHERE questionnaire.id = assessment.questionnaire_id)",
                (now, assessment_id),
            ).fetchone()
            row = conn.execute(
                f"SELECT {answer_columns}, version FROM answer WHERE assessment_id = ? AND item_id = ?",
                (assessment_id, item_id),
            ).fetchone()
            if row is None:
                conn.execute(
                    "INSERT INTO answer (assessment_id, item_id, level, na_reason, target, comment, review,"
                    " answered_by, answered_at, version) VALUES (?, ?, ?, NULL, NULL, '', 0, 'bench', ?, 1)",
                    (assessment_id, item_id, level, now),
                )
            else:
                conn.execute(
                    "UPDATE answer SET level = ?, na_reason = ?, target = ?, comment = ?, review = ?,"
                    " answered_by = 'bench', answered_at = ?, version = ? WHERE id = ? AND version = ?",
                    (level, row[4], row[5], row[6], row[7], now, row[10] + 1, row[0], row[10]),
                )
            conn.execute(
                "INSERT INTO audit_log (assessment_id, at, actor, action, item_id, field, old, new)"
                " VALUES (?, ?, 'bench', 'answer', ?, 'level', ?, ?)",
                (assessment_id, now, item_id, None if row is None else str(row[3]), str(level)),
            )
            conn.execute("COMMIT")

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    per_round = max(1, args.saves // args.rounds)
    names = ("service", "floor", "statements")
    wall: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, float] = dict.fromkeys(names, 0.0)
    with tempfile.TemporaryDirectory(prefix="bench-save-") as tmp:
        os.environ["AI_READINESS_DATA_DIR"] = tmp
        service, items = _service(Path(tmp) / "service.db")
        runs = {
            "service": service,
            "floor": _floor(Path(tmp) / "floor.db", items),
            "statements": _service_statements(Path(tmp) / "statements.db"),
        }
        for run in runs.values():  # first answers inserted, caches and pages warm
            run(0, WARM_UP)
        for r in range(args.rounds):
            for name in names[r % 3 :] + names[: r % 3]:
                start, start_cpu = time.perf_counter(), time.process_time()
                runs[name](WARM_UP + r * per_round, per_round)
                wall[name].append(time.perf_counter() - start)
                cpu[name] += time.process_time() - start_cpu
    saves = per_round * args.rounds

    def line(name: str) -> str:
        total = sum(wall[name])
        median = statistics.median(wall[name]) / per_round * 1000
        return (
            f"{total:.3f} s ({total / saves * 1000:.2f} ms per save; median round {median:.2f} ms;"
            f" CPU {cpu[name] / saves * 1000:.2f} ms per save)"
        )

    def round_ratios(name: str) -> list[float]:
        return [s / f for s, f in zip(wall[name], wall["floor"], strict=True)]

    print(f"saves: {saves} per contender, in {args.rounds} interleaved rounds of {per_round} (after {WARM_UP} warm-up)")
    print(f"service layer: {line('service')}")
    print(f"raw sqlite3 floor (one upsert): {line('floor')}")
    print(f"raw sqlite3 running the service's statements: {line('statements')}")
    print(
        f"median of the rounds' ratios: service {statistics.median(round_ratios('service')):.2f},"
        f" the service's statements {statistics.median(round_ratios('statements')):.2f}"
    )
    print(f"the service's statements in raw sqlite3 / floor: {sum(wall['statements']) / sum(wall['floor']):.2f}")
    print(f"RATIO save={sum(wall['service']) / sum(wall['floor']):.2f} target<=2")


if __name__ == "__main__":
    main()
