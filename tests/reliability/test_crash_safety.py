"""Crash safety: the app is killed with SIGKILL at random moments while saving answers.

After each kill the database passes ``PRAGMA integrity_check`` and holds every answer whose
save had returned (with its audit entry: the two are written in one transaction). CI runs
20 kills; the long variant (``pytest -m slow tests/reliability``) runs 200.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _prepare(db: Path) -> int:
    from models import assessments, org
    from models.db import open_database, session_for

    engine = open_database(f"sqlite:///{db}")
    with session_for(engine) as s:
        unit, _ = org.add_unit_path(session=s, path="耐障害省/局/課")
        cycle, _ = org.add_cycle(session=s, name="FY2026")
        new_id = assessments.create_assessment(session=s, unit_id=unit.id, cycle_id=cycle.id, actor="setup")
    engine.dispose()
    return new_id


def _kill_once(db: Path, assessment_id: int, seed: int, rng: random.Random) -> dict[str, int]:
    """Run the worker, kill it after a random number of returned saves; return what returned."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.crash_worker", f"sqlite:///{db}", str(assessment_id), str(seed)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    returned: dict[str, int] = {}
    kill_after = rng.randrange(0, 40)
    try:
        for line in proc.stdout:
            parts = line.split()
            if parts[:1] == ["SAVED"]:
                returned[parts[1]] = int(parts[2])
                if len(returned) >= kill_after:
                    break
            elif parts[:1] == ["READY"] and kill_after == 0:
                break
        # The next save is usually in flight now: the kill lands inside a transaction.
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=60)
        proc.stdout.close()
    return returned


def _check(db: Path, assessment_id: int, returned: dict[str, int]) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = dict(conn.execute("SELECT item_id, level FROM answer WHERE assessment_id = ?", (assessment_id,)))
        audited = {
            row[0]
            for row in conn.execute(
                "SELECT item_id FROM audit_log WHERE assessment_id = ? AND action = 'answer' AND field = 'level'",
                (assessment_id,),
            )
        }
    finally:
        conn.close()
    for item, level in returned.items():
        assert stored.get(item) == level, f"answer {item}={level} was acknowledged but is {stored.get(item)!r}"
    # Atomicity: an answer exists exactly when its audit entry does.
    assert set(stored) == audited


def _run(kills: int, tmp_path: Path) -> None:
    rng = random.Random(20261126)
    for round_ in range(kills):
        db = tmp_path / f"crash-{round_}.db"
        assessment_id = _prepare(db)
        returned = _kill_once(db, assessment_id, seed=round_, rng=rng)
        _check(db, assessment_id, returned)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)


def test_sigkill_during_saves_loses_nothing_acknowledged(tmp_path: Path) -> None:
    _run(int(os.environ.get("AI_READINESS_CRASH_KILLS", "20")), tmp_path)


@pytest.mark.slow
def test_sigkill_long_variant(tmp_path: Path) -> None:
    _run(200, tmp_path)
