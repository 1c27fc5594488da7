"""Package import: 1,000 signed packages (the shipped plan, every item answered, with an audit
trail) imported through the service layer, one transaction per file, against inserting the
same rows with raw sqlite3 into the same schema with the same PRAGMAs (WAL, synchronous=FULL,
foreign keys), one transaction per package, in the same run.

The import reads each file from disk, checks the archive, the Ed25519 signature, the manifest
and every member's SHA-256, validates assessment.json against the questionnaire, decides
create/update/conflict and writes; the floor only inserts rows prepared in memory. The two
alternate package by package, so both see the same disk and machine load.

    .venv/bin/python bench/bench_import.py [--packages N]

Last line: ``RATIO import=<import / floor> target<=5``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sqlite3
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _payloads(count: int) -> tuple[list[Any], Any]:
    from models.exchange.payload import AnswerData, AssessmentData, AuditData, QuestionnaireRef, UnitData
    from questionnaires.catalog import active_questionnaire

    plan = active_questionnaire()
    start = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
    result = []
    for i in range(count):
        answers, audit = [], [AuditData(at=start, actor="作成者", action="create", new={"unit": i})]
        for n, item in enumerate(plan.items):
            at = start + timedelta(minutes=n)
            level = (i + n) % 6
            na = "当課では該当する業務がない" if (i + n) % 17 == 0 else None
            answers.append(
                AnswerData(
                    item=item.id,
                    level=None if na else level,
                    na_reason=na,
                    target=min(5, level + 1),
                    comment=f"{item.id}: 現状の取組を記録（チーム{i}）",
                    answered_by=f"担当{i % 7}",
                    answered_at=at,
                )
            )
            audit.append(
                AuditData(at=at, actor=f"担当{i % 7}", action="answer", item=item.id, field="level", new=level)
            )
        data = AssessmentData(
            format="ai-readiness/assessment@1",
            uid=uuid.uuid4().hex,
            revision=len(plan.items) + 1,
            digest="0" * 64,
            unit=UnitData(path=f"ベンチ省/第{i // 100}局/課{i:04d}"),
            cycle="FY2026",
            questionnaire=QuestionnaireRef(id=plan.id, version=plan.version, hash=plan.hash),
            status="draft",
            created_by="作成者",
            created_at=start,
            updated_at=start + timedelta(hours=2),
            answers=answers,
            audit=audit,
        )
        result.append(data.model_copy(update={"digest": data.computed_digest()}))
    return result, plan


def _write_packages(folder: Path, payloads: list[Any], plan: Any) -> list[Path]:
    from models.exchange.package import build_package
    from models.keys import own_key

    key = own_key()
    content = plan.canonical_json().encode("utf-8")
    paths = []
    for i, data in enumerate(payloads):
        path = folder / f"p{i:04d}.airpkg"
        path.write_bytes(build_package(data, content, {}, key))
        paths.append(path)
    return paths


def _floor_rows(payloads: list[Any]) -> list[tuple[Any, ...]]:
    """Each package's rows as plain tuples, ready for sqlite3 (prepared before timing)."""
    rows = []
    for data in payloads:
        answers = [
            (a.item, a.level, a.na_reason, a.target, a.comment, a.answered_by, a.answered_at.isoformat())
            for a in data.answers
        ]
        audit = [
            (e.at.isoformat(), e.actor, e.action, e.item, e.field, None, json.dumps(e.new, ensure_ascii=False))
            for e in data.audit
        ]
        meta = (data.uid, data.unit.path, data.revision, data.digest, data.created_by, data.created_at.isoformat())
        rows.append((meta, answers, audit))
    return rows


class Floor:
    """Raw sqlite3 into the app's schema (made by its migrations), with the app's PRAGMAs."""

    def __init__(self, db: Path, plan: Any):
        from models.db import open_database

        open_database(f"sqlite:///{db}").dispose()
        self.conn = sqlite3.connect(db, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = FULL")
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.now = datetime.now(UTC).isoformat()
        self.units: dict[tuple[int | None, str], int] = {}
        self.conn.execute("BEGIN")
        self.conn.execute("INSERT INTO cycle (name, created_at) VALUES ('FY2026', ?)", (self.now,))
        self.conn.execute(
            "INSERT INTO questionnaire (qid, version, edition, kind, hash, content, loaded_at) VALUES (?,?,?,?,?,?,?)",
            (plan.id, plan.version, plan.edition, plan.kind, plan.hash, plan.canonical_json(), self.now),
        )
        self.conn.execute("COMMIT")

    def insert(self, meta: tuple[Any, ...], answers: list[tuple[Any, ...]], audit: list[tuple[Any, ...]]) -> None:
        """One package's rows in one transaction: units, assessment, answers, audit, exchange state."""
        uid, path, revision, digest, created_by, created_at = meta
        conn, now = self.conn, self.now
        conn.execute("BEGIN")
        parent: int | None = None
        for part in path.split("/"):
            key = (parent, part)
            if key not in self.units:
                cursor = conn.execute(
                    "INSERT INTO org_unit (name_ja, parent_id, created_at) VALUES (?, ?, ?)", (part, parent, now)
                )
                self.units[key] = int(cursor.lastrowid or 0)
            parent = self.units[key]
        cursor = conn.execute(
            "INSERT INTO assessment (uid, unit_id, cycle_id, questionnaire_id, revision, status, version, created_by,"
            " created_at, updated_at) VALUES (?, ?, 1, 1, ?, 'draft', 1, ?, ?, ?)",
            (uid, parent, revision, created_by, created_at, now),
        )
        assessment_id = cursor.lastrowid
        conn.executemany(
            "INSERT INTO answer (assessment_id, item_id, level, na_reason, target, comment, review, answered_by,"
            " answered_at, version) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, 1)",
            [(assessment_id, *a) for a in answers],
        )
        conn.executemany(
            "INSERT INTO audit_log (assessment_id, at, actor, action, item_id, field, old, new)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(assessment_id, *e) for e in audit],
        )
        conn.execute(
            "INSERT INTO exchange_state (assessment_id, last_revision, last_digest, signer, imported_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (assessment_id, revision, digest, "0" * 64, now),
        )
        conn.execute("COMMIT")


def _run(folder: Path, paths: list[Path], rows: list[Any], plan: Any) -> tuple[float, float]:
    """Import package i, then insert its rows raw, in turn: both see the same disk and load."""
    from models.db import open_database, session_for
    from models.exchange.service import import_file

    engine = open_database(f"sqlite:///{folder / 'import.db'}")
    floor = Floor(folder / "floor.db", plan)
    imported = raw = 0.0
    with session_for(engine) as s:
        for path, row in zip(paths, rows, strict=True):
            start = time.perf_counter()
            outcome = import_file(session=s, path=path, actor="coordinator")
            middle = time.perf_counter()
            floor.insert(*row)
            end = time.perf_counter()
            if outcome.status != "imported":
                raise SystemExit(f"{path}: {outcome.status}: {outcome.reason}")
            imported += middle - start
            raw += end - middle
    floor.conn.close()
    engine.dispose()
    return imported, raw


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        folder = Path(tmp)
        os.environ["AI_READINESS_DATA_DIR"] = str(folder / "data")
        payloads, plan = _payloads(args.packages)
        (folder / "packages").mkdir()
        paths = _write_packages(folder / "packages", payloads, plan)
        rows = _floor_rows(payloads)
        items = len(plan.items)
        del payloads
        size = sum(p.stat().st_size for p in paths) / len(paths)
        # The harness's own prepared data must not slow either side's garbage collection.
        gc.collect()
        gc.freeze()
        imported, floor = _run(folder, paths, rows, plan)
    n = args.packages
    print(f"packages: {n} ({items} answers and {items + 1} audit entries each; {size / 1024:.0f} KB per file)")
    print(f"import through the services: {imported:.3f} s ({imported / n * 1000:.2f} ms per package)")
    print(f"raw sqlite3 floor (same rows): {floor:.3f} s ({floor / n * 1000:.2f} ms per package)")
    print(f"RATIO import={imported / floor:.2f} target<=5")


if __name__ == "__main__":
    main()
