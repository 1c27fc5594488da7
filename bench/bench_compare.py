"""Comparison across teams: the whole comparison service against ONE hand-written SQL aggregate
(the per-policy weighted mean of every assessment, in a single GROUP BY) over the same database,
in the same run.

Each database holds N assessments with the full questionnaire answered: N/2 teams (12 per
division, 8 divisions per bureau) assessed in two cycles, FY2025 and FY2026, so the trend has
work to do. The comparison of the latest cycle scores both cycles (the trend needs the earlier
one), so it reads the same answers as the floor, then does everything else besides.

    .venv/bin/python bench/bench_compare.py [--sizes 1000 10000] [--repeat 5] [--db-url URL]

With ``--db-url`` (a PostgreSQL server URL) each database is created there instead of in an
SQLite file. Figures are the best of ``--repeat`` interleaved runs, wall-clock and this process's
CPU time; the ratio uses CPU time on SQLite (all work is in-process, and a busy machine does not
skew it) and wall-clock on PostgreSQL (the work is in the server). Last line:
``RATIO compare=<service / floor at the first size> target<=2``.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CYCLES = ("FY2025", "FY2026")
TEAMS_PER_DIVISION = 12
DIVISIONS_PER_BUREAU = 8


def build(url: str, assessments: int, seed: int = 7) -> None:
    """Create the schema, then insert units, assessments and answers in bulk (not measured)."""
    from sqlalchemy import insert

    from models import org
    from models.db import open_database, session_for
    from models.questionnaire_store import questionnaire_by_row, register_active
    from models.tables import Answer, Assessment, OrgUnit

    rng = random.Random(seed)
    engine = open_database(url)
    with session_for(engine) as s:
        qrow = register_active(session=s)
        s.commit()
        questionnaire = questionnaire_by_row(session=s, questionnaire_id=qrow)
        cycles = [org.add_cycle(session=s, name=name)[0].id for name in CYCLES]
        org.add_unit_path(session=s, path="ベンチ省")
        root = org.find_unit(session=s, path="ベンチ省").id
    now = datetime.now(UTC)
    teams = assessments // len(CYCLES)
    with engine.begin() as conn:
        team_ids: list[int] = []
        divisions = -(-teams // TEAMS_PER_DIVISION)
        bureaus = -(-divisions // DIVISIONS_PER_BUREAU)
        for b in range(bureaus):
            bureau = conn.execute(
                insert(OrgUnit).values(name_ja=f"第{b + 1}局", parent_id=root, created_at=now).returning(OrgUnit.id)
            ).scalar_one()
            for d in range(DIVISIONS_PER_BUREAU):
                if len(team_ids) >= teams:
                    break
                division = conn.execute(
                    insert(OrgUnit)
                    .values(name_ja=f"第{d + 1}課", parent_id=bureau, created_at=now)
                    .returning(OrgUnit.id)
                ).scalar_one()
                rows = [
                    {"name_ja": f"第{t + 1}係", "parent_id": division, "created_at": now}
                    for t in range(min(TEAMS_PER_DIVISION, teams - len(team_ids)))
                ]
                conn.execute(insert(OrgUnit), rows)
                team_ids += [
                    r[0]
                    for r in conn.execute(
                        OrgUnit.__table__.select().with_only_columns(OrgUnit.id).where(OrgUnit.parent_id == division)
                    )
                ]
        assessment_rows = [
            {
                "unit_id": unit_id,
                "cycle_id": cycle_id,
                "questionnaire_id": qrow,
                "uid": uuid.uuid4().hex,
                "revision": 1,
                "status": rng.choice(("draft", "submitted", "approved")),
                "version": 1,
                "created_by": "bench",
                "created_at": now,
                "updated_at": now,
            }
            for unit_id in team_ids
            for cycle_id in cycles
        ]
        conn.execute(insert(Assessment), assessment_rows)
        ids = [r[0] for r in conn.execute(Assessment.__table__.select().with_only_columns(Assessment.id))]
        items = questionnaire.items
        batch: list[dict[str, object]] = []
        for assessment_id in ids:
            base = rng.uniform(0.5, 4.0)
            for item in items:
                na = rng.random() < 0.03
                batch.append(
                    {
                        "assessment_id": assessment_id,
                        "item_id": item.id,
                        "level": None if na else max(0, min(5, round(base + rng.gauss(0, 0.8)))),
                        "na_reason": "該当業務なし" if na else None,
                        "target": None,
                        "comment": "",
                        "review": False,
                        "answered_by": "bench",
                        "answered_at": now,
                        "version": 1,
                    }
                )
            if len(batch) >= 20_000:
                conn.execute(insert(Answer), batch)
                batch = []
        if batch:
            conn.execute(insert(Answer), batch)
    engine.dispose()


#: Written the way a person would for speed: per assessment, per item, the answer through the
#: unique (assessment, item) index (CROSS JOIN keeps SQLite to that loop order).
FLOOR_SQL = """
WITH meta(qid, item_id, policy, weight) AS (VALUES {values})
SELECT an.assessment_id, m.policy,
       CAST(20 * SUM(m.weight * an.level) AS DOUBLE PRECISION) / SUM(m.weight)
FROM assessment s CROSS JOIN meta m CROSS JOIN answer an
WHERE m.qid = s.questionnaire_id AND an.assessment_id = s.id AND an.item_id = m.item_id
  AND an.level IS NOT NULL
GROUP BY an.assessment_id, m.policy
"""


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float  # this process's CPU time: what SQLite (in-process) and Python spent


def _timed(fn: Callable[[], int]) -> tuple[Timing, int]:
    wall, cpu = time.perf_counter(), time.process_time()
    count = fn()
    return Timing(time.perf_counter() - wall, time.process_time() - cpu), count


def floor_query(engine) -> Callable[[], int]:  # type: ignore[no-untyped-def]
    """The hand-written aggregate (per-policy weighted mean per assessment, every row fetched),
    ready to run: the SQL text is made before the clock starts."""
    from sqlalchemy import text

    from models.db import session_for
    from models.questionnaire_store import questionnaire_by_row
    from models.tables import QuestionnaireVersion

    with session_for(engine) as s:
        qrow = s.query(QuestionnaireVersion.id).scalar()
        items = questionnaire_by_row(session=s, questionnaire_id=qrow).items
    params = {f"i{n}": item.id for n, item in enumerate(items)}
    values = ", ".join(f"({qrow}, :i{n}, '{item.policy}', {item.weight})" for n, item in enumerate(items))
    sql = text(FLOOR_SQL.format(values=values))

    def run() -> int:
        with engine.connect() as conn:
            return len(conn.execute(sql, params).fetchall())

    return run


def service_call(engine) -> Callable[[], int]:  # type: ignore[no-untyped-def]
    from models.compare import compare
    from models.db import session_for

    def run() -> int:
        with session_for(engine) as s:
            return len(compare(session=s).assessments)

    return run


def measure(url: str, repeat: int) -> tuple[Timing, Timing, int]:
    """Best (floor, service) over ``repeat`` interleaved runs, after one unmeasured warm-up each."""
    from models.db import open_database

    engine = open_database(url)
    try:
        floor, service = floor_query(engine), service_call(engine)
        floor()
        compared = service()
        floors, services = [], []
        for _ in range(repeat):  # interleaved, so both see the same machine load
            floors.append(_timed(floor)[0])
            services.append(_timed(service)[0])
    finally:
        engine.dispose()

    def best(runs: list[Timing]) -> Timing:
        return Timing(min(t.wall for t in runs), min(t.cpu for t in runs))

    return best(floors), best(services), compared


def _postgres_database(base: str) -> tuple[str, object]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return make_url(base).set(database=name).render_as_string(hide_password=False), drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], metavar="N")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--db-url", help="a PostgreSQL server URL; default: SQLite files in a temp folder")
    args = parser.parse_args()
    ratios = []
    with tempfile.TemporaryDirectory(prefix="bench-compare-") as tmp:
        os.environ["AI_READINESS_DATA_DIR"] = tmp
        for size in args.sizes:
            drop = None
            if args.db_url:
                url, drop = _postgres_database(args.db_url)
            else:
                url = f"sqlite:///{Path(tmp) / f'compare-{size}.db'}"
            try:
                started = time.perf_counter()
                build(url, size)
                built = time.perf_counter() - started
                floor, service, compared = measure(url, args.repeat)
            finally:
                if drop is not None:
                    drop()  # type: ignore[operator]
            # On SQLite all the work is in this process, and CPU time does not count the time
            # other programs take the processor away; on PostgreSQL the work is in the server.
            ratio = service.wall / floor.wall if args.db_url else service.cpu / floor.cpu
            ratios.append(ratio)
            print(
                f"{size:>6} assessments (built in {built:.1f} s, {compared} in the latest cycle):"
                f" comparison service {service.wall * 1000:.1f} ms wall / {service.cpu * 1000:.1f} ms CPU,"
                f" hand-written aggregate {floor.wall * 1000:.1f} ms wall / {floor.cpu * 1000:.1f} ms CPU,"
                f" ratio {service.wall / floor.wall:.2f} wall / {service.cpu / floor.cpu:.2f} CPU"
            )
    kind = "wall" if args.db_url else "CPU"
    for size, ratio in zip(args.sizes[1:], ratios[1:], strict=True):
        print(f"ratio at {size}: {ratio:.2f} ({kind})")
    print(f"RATIO compare={ratios[0]:.2f} target<=2")


if __name__ == "__main__":
    main()
