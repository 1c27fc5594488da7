"""Answer save: 2,000 saves through the service layer, each its own transaction, against raw
sqlite3 upserts with the same PRAGMAs (WAL, synchronous=FULL, foreign keys) in the same run.

    .venv/bin/python bench/bench_save.py [--saves N]

Last line: ``RATIO save=<service / floor> target<=2``.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _floor(path: Path, saves: int, items: list[str]) -> float:
    """The same number of one-row upserts, each committed, with the app's PRAGMAs."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(
        "CREATE TABLE answer (assessment_id INTEGER NOT NULL, item_id TEXT NOT NULL, level INTEGER,"
        " answered_by TEXT NOT NULL, answered_at TEXT NOT NULL, version INTEGER NOT NULL,"
        " UNIQUE (assessment_id, item_id))"
    )
    start = time.perf_counter()
    for i in range(saves):
        conn.execute("BEGIN")
        conn.execute(
            "INSERT INTO answer (assessment_id, item_id, level, answered_by, answered_at, version)"
            " VALUES (1, ?, ?, 'bench', datetime('now'), 1)"
            " ON CONFLICT (assessment_id, item_id) DO UPDATE SET level = excluded.level,"
            " answered_at = excluded.answered_at, version = answer.version + 1",
            (items[i % len(items)], i % 6),
        )
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def _service(path: Path, saves: int) -> tuple[float, list[str]]:
    from models import assessments, org
    from models.db import open_database, session_for
    from models.tables import AnswerUpdate

    engine = open_database(f"sqlite:///{path}")
    with session_for(engine) as s:
        unit, _ = org.add_unit_path(session=s, path="ベンチ省/局/課")
        cycle, _ = org.add_cycle(session=s, name="FY2026")
        assessment_id = assessments.create_assessment(session=s, unit_id=unit.id, cycle_id=cycle.id, actor="bench")
        items = [item.id for item in assessments.questionnaire_of(session=s, assessment_id=assessment_id).items]
    start = time.perf_counter()
    for i in range(saves):
        # One short session per save, as the GUI does for each click.
        with session_for(engine) as s:
            assessments.save_answer(
                session=s,
                assessment_id=assessment_id,
                item_id=items[i % len(items)],
                change=AnswerUpdate(level=i % 6),
                actor="bench",
            )
    elapsed = time.perf_counter() - start
    engine.dispose()
    return elapsed, items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-save-") as tmp:
        os.environ["AI_READINESS_DATA_DIR"] = tmp
        service, items = _service(Path(tmp) / "service.db", args.saves)
        floor = _floor(Path(tmp) / "floor.db", args.saves, items)
    ratio = service / floor
    print(f"saves: {args.saves}")
    print(f"service layer: {service:.3f} s ({service / args.saves * 1000:.2f} ms per save)")
    print(f"raw sqlite3 floor: {floor:.3f} s ({floor / args.saves * 1000:.2f} ms per save)")
    print(f"RATIO save={ratio:.2f} target<=2")


if __name__ == "__main__":
    main()
