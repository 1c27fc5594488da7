"""Schema migrations: an old database is upgraded with every row kept (SQLite after a
backup beside the file), a newer one is refused untouched, and the models and the
migrations describe the same schema. On SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

import models
from models.db import create_db_engine, current_revision, open_database, sqlite_path, upgrade
from models.errors import StorageError
from models.migrations import HEAD_REVISION, REVISIONS
from tests.conftest import MINI

T0 = datetime(2026, 4, 1, 9, 30, tzinfo=UTC)
T1 = datetime(2026, 4, 2, 14, 5, 7, tzinfo=UTC)


def _alembic_config():  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(models.__file__).parent / "migrations"))
    return config


def test_revisions_list_matches_alembic_graph() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    walked = [rev.revision for rev in script.walk_revisions(base="base", head="heads")]
    assert tuple(reversed(walked)) == REVISIONS
    assert script.get_heads() == [HEAD_REVISION]


# --- an old database, filled through SQL at the first revision ----------------------------------


def _questionnaire_row() -> dict[str, object]:
    from questionnaires.loader import load

    q = load(MINI)
    return {"qid": q.id, "version": q.version, "edition": q.edition, "kind": q.kind, "hash": q.hash,
            "content": q.canonical_json()}  # fmt: skip


ROWS: dict[str, list[dict[str, object]]] = {
    "org_unit": [
        {"id": 1, "name_ja": "デジタル庁", "name_en": "Digital Agency", "code": "DA", "parent_id": None},
        {"id": 2, "name_ja": "戦略・組織グループ", "name_en": None, "code": None, "parent_id": 1},
        {"id": 3, "name_ja": "AI推進チーム", "name_en": "AI team", "code": "DA-AI", "parent_id": 2},
        # Duplicates that 0002's unique constraints no longer allow: renamed, not dropped.
        {"id": 4, "name_ja": "デジタル庁", "name_en": None, "code": "DA", "parent_id": None},
    ],
    "cycle": [
        {"id": 1, "name": "FY2025", "starts_on": date(2025, 4, 1), "ends_on": date(2026, 3, 31)},
        {"id": 2, "name": "FY2026", "starts_on": date(2026, 4, 1), "ends_on": date(2027, 3, 31)},
    ],
    "assessment": [
        {
            "id": 1, "unit_id": 3, "cycle_id": 1, "questionnaire_id": 1, "status": "approved",
            "submit_reason": "一部未回答", "submitted_by": "佐藤", "submitted_at": T0, "approver": "山田課長",
            "approved_at": T1, "version": 3, "created_by": "佐藤",
        },
        {
            "id": 2, "unit_id": 3, "cycle_id": 2, "questionnaire_id": 1, "status": "draft",
            "submit_reason": None, "submitted_by": None, "submitted_at": None, "approver": None,
            "approved_at": None, "version": 1, "created_by": "鈴木",
        },
    ],
    "answer": [
        {"id": 1, "assessment_id": 1, "item_id": "1-01", "level": 3, "na_reason": None, "target": 5,
         "comment": "源内を月次で集計", "review": False, "answered_by": "佐藤", "version": 2},
        {"id": 2, "assessment_id": 1, "item_id": "2-01", "level": None, "na_reason": "所管外", "target": None,
         "comment": "", "review": True, "answered_by": "佐藤", "version": 1},
        {"id": 3, "assessment_id": 2, "item_id": "1-02", "level": 0, "na_reason": None, "target": 1,
         "comment": "", "review": False, "answered_by": "鈴木", "version": 1},
    ],
    "evidence": [
        {"id": 1, "answer_id": 1, "kind": "text", "text": "議事録あり", "url": None, "filename": None,
         "sha256": None, "size": None, "added_by": "佐藤"},
        {"id": 2, "answer_id": 1, "kind": "link", "text": None, "url": "https://intra.example.go.jp/ai",
         "filename": None, "sha256": None, "size": None, "added_by": "佐藤"},
        {"id": 3, "answer_id": 2, "kind": "file", "text": None, "url": None, "filename": "方針.pdf",
         "sha256": "ab" * 32, "size": 1234, "added_by": "佐藤"},
    ],
    "audit_log": [
        {"id": 1, "assessment_id": 1, "actor": "佐藤", "action": "answer", "item_id": "1-01", "field": "level",
         "old": None, "new": "3"},
        {"id": 2, "assessment_id": 1, "actor": "山田課長", "action": "status", "item_id": None, "field": "status",
         "old": '"submitted"', "new": '"approved"'},
    ],
}  # fmt: skip
TIMESTAMP = {
    "org_unit": ["created_at"],
    "cycle": ["created_at"],
    "assessment": ["created_at", "updated_at"],
    "answer": ["answered_at"],
    "evidence": ["added_at"],
    "audit_log": ["at"],
}


def _fill_first_revision(engine: Engine) -> dict[str, list[dict[str, object]]]:
    """Insert one of everything (through SQL, as the first schema had it); return the rows."""
    meta = _questionnaire_row()
    expected = {table: [dict(row) for row in rows] for table, rows in ROWS.items()}
    for table, rows in expected.items():
        for row in rows:
            for column in TIMESTAMP[table]:
                row[column] = T0
    expected["questionnaire"] = [{"id": 1, **meta, "loaded_at": T0}]
    order = ["org_unit", "cycle", "questionnaire", "assessment", "answer", "evidence", "audit_log"]
    with engine.begin() as conn:
        for table in order:
            for row in expected[table]:
                columns = ", ".join(row)
                values = ", ".join(f":{c}" for c in row)
                conn.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({values})"), row)
        if conn.dialect.name == "postgresql":  # explicit ids: move the sequences past them
            for table in order:
                conn.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
                )
    return expected


def _normal(value: object) -> object:
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d)?", value):
        return _normal(datetime.fromisoformat(value))  # SQLite returns timestamps as text
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return date.fromisoformat(value)
    return value


def _rows(engine: Engine, table: str) -> list[dict[str, object]]:
    with engine.connect() as conn:
        result = conn.execute(text(f"SELECT * FROM {table} ORDER BY id"))
        return [{k: _normal(v) for k, v in row._mapping.items()} for row in result]


def test_upgrade_from_the_first_revision_keeps_every_row(db_url: str) -> None:
    engine = create_db_engine(db_url)
    upgrade(engine, "0001_initial")
    assert current_revision(engine) == "0001_initial"
    expected = _fill_first_revision(engine)
    engine.dispose()

    upgraded = open_database(db_url)
    try:
        assert current_revision(upgraded) == HEAD_REVISION
        # The duplicates were renamed, not dropped.
        expected["org_unit"][3] |= {"name_ja": "デジタル庁 (2)", "code": "DA-2"}
        for table, rows in expected.items():
            stored = _rows(upgraded, table)
            assert len(stored) == len(rows), table
            for want, got in zip(rows, stored, strict=True):
                for column, value in want.items():
                    assert got[column] == _normal(value), (table, want["id"], column)
        assessments = _rows(upgraded, "assessment")
        uids = [row["uid"] for row in assessments]
        assert all(isinstance(uid, str) and re.fullmatch(r"[0-9a-f]{32}", uid) for uid in uids)
        assert len(set(uids)) == len(uids)
        assert [row["revision"] for row in assessments] == [1, 1]

        # The services work on the upgraded data: paths, coverage, scores, locks.
        from sqlmodel import Session

        from models import assessments as svc
        from models import org

        with Session(upgraded) as s:
            paths = {u.path for u in org.list_units(session=s)}
            assert "デジタル庁/戦略・組織グループ/AI推進チーム" in paths and "デジタル庁 (2)" in paths
            listed = {a.id: a for a in svc.list_assessments(session=s)}
            assert listed[1].coverage == 0.5 and listed[1].status == "approved"
            assert svc.score_assessment(session=s, assessment_id=1).policies["1"] == 60.0
            new_id = svc.create_assessment(session=s, unit_id=2, cycle_id=2, actor="tester")
            assert new_id == 3  # ids continue after the old rows
    finally:
        upgraded.dispose()

    path = sqlite_path(db_url)
    if path is not None:
        backups = sorted(path.parent.glob(f"{path.stem}.0001_initial.*.bak{path.suffix}"))
        assert len(backups) == 1, list(path.parent.iterdir())
        backup = sqlite3.connect(f"file:{backups[0]}?mode=ro", uri=True)
        try:
            assert backup.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert backup.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001_initial",)]
            assert backup.execute("SELECT count(*) FROM answer").fetchone() == (3,)
            assert backup.execute("SELECT name_ja FROM org_unit WHERE id = 4").fetchone() == ("デジタル庁",)
        finally:
            backup.close()


def test_a_failed_upgrade_changes_nothing(sqlite_url: str) -> None:
    """Broken references found after the migration roll the whole upgrade back."""
    engine = create_db_engine(sqlite_url)
    upgrade(engine, "0001_initial")
    _fill_first_revision(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
        conn.execute(text("UPDATE answer SET assessment_id = 99 WHERE id = 3"))
        conn.commit()
        conn.exec_driver_sql("PRAGMA foreign_keys = ON")
    before = {table: _rows(engine, table) for table in ROWS}
    engine.dispose()

    with pytest.raises(StorageError) as caught:
        open_database(sqlite_url)
    message = str(caught.value)
    assert str(sqlite_path(sqlite_url)) in message and "nothing was changed" in message

    engine = create_db_engine(sqlite_url)
    try:
        assert current_revision(engine) == "0001_initial"
        assert {table: _rows(engine, table) for table in ROWS} == before
        with engine.connect() as conn:
            columns = [row[1] for row in conn.exec_driver_sql("PRAGMA table_info(assessment)")]
        assert "uid" not in columns
    finally:
        engine.dispose()


def _set_revision(url: str, revision: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": revision})
    engine.dispose()


def test_a_database_newer_than_the_app_is_refused_untouched(db_url: str) -> None:
    engine = open_database(db_url)
    engine.dispose()
    _set_revision(db_url, "9999_future")
    path = sqlite_path(db_url)
    before = path.read_bytes() if path is not None else None
    siblings = set(path.parent.iterdir()) if path is not None else set()

    with pytest.raises(StorageError) as caught:
        open_database(db_url)
    message = str(caught.value)
    assert "newer AI Readiness" in message and "9999_future" in message and "update the app" in message

    if path is not None:
        assert str(path) in message
        assert path.read_bytes() == before
        assert set(path.parent.iterdir()) == siblings  # no backup, no journal left behind
    check = create_engine(db_url)
    try:
        assert current_revision(check) == "9999_future"
    finally:
        check.dispose()


def test_a_database_that_is_not_ours_is_refused(db_url: str) -> None:
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)"))
    engine.dispose()
    with pytest.raises(StorageError, match="not made by AI Readiness"):
        open_database(db_url)


def _import_every_model_module() -> None:
    """Every table must be on the metadata that is compared (other modules define some)."""
    for info in pkgutil.walk_packages(models.__path__, "models."):
        if not info.name.startswith("models.migrations"):
            importlib.import_module(info.name)


def test_models_and_migrations_describe_the_same_schema(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    _import_every_model_module()
    engine = open_database(db_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            differences = compare_metadata(context, SQLModel.metadata)
    finally:
        engine.dispose()
    assert differences == [], json.dumps([str(d) for d in differences], ensure_ascii=False, indent=1)


def test_downgrade_to_the_first_revision_and_up_again(db_url: str) -> None:
    """Every migration can be undone (a support engineer's escape hatch)."""
    from alembic import command

    engine = open_database(db_url)
    try:
        config = _alembic_config()
        with engine.connect() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0001_initial")
            conn.commit()
        assert current_revision(engine) == "0001_initial"
        upgrade(engine)
        assert current_revision(engine) == HEAD_REVISION
    finally:
        engine.dispose()
