"""Engine, connection settings and schema upgrades.

SQLite (the embedded default) runs with WAL, foreign keys, a busy timeout and
``synchronous=FULL``, so an acknowledged answer survives a power cut. PostgreSQL is used
as it is. The schema comes from Alembic migrations; an older database is upgraded after
the SQLite file is copied to a timestamped backup beside it, and a newer one is refused.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlmodel import Session, create_engine

from models.config import resolve_db_url
from models.errors import StorageError
from models.migrations import HEAD_REVISION, REVISIONS

BUSY_TIMEOUT_MS = 5000
SQLITE_HEADER = b"SQLite format 3\x00"


def _set_sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Python's sqlite3 opens transactions implicitly; let SQLAlchemy's BEGIN drive them.
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def describe(url: str) -> str:
    """A database named for messages: the file path, or the URL without its password."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def create_db_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StorageError(f"{url}: not a database file path or URL") from None
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            event.listen(engine, "connect", _set_sqlite_pragmas)
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except (NoSuchModuleError, ModuleNotFoundError, ArgumentError) as exc:
        raise StorageError(f"{describe(url)}: unsupported database URL ({exc})") from None
    return engine


def storage_error(exc: BaseException, where: str) -> StorageError:
    """Translate a driver error into a message that names the database and what to do."""
    message = str(getattr(exc, "orig", exc)).lower()
    if "not a database" in message or "malformed" in message or "file is encrypted" in message:
        return StorageError(
            f"{where}: not an AI Readiness database, or the file is damaged; "
            "choose another file with --db, or restore it from a backup"
        )
    if "readonly" in message or "read-only" in message:
        return StorageError(
            f"{where}: the database is read-only; check the file's permissions or choose another with --db"
        )
    if "locked" in message or "busy" in message:
        return StorageError(f"{where}: the database is locked by another program; close it and try again")
    if "full" in message or "no space" in message:
        return StorageError(f"{where}: the disk or database is full; nothing was saved; free some space and try again")
    if "unable to open" in message:
        return StorageError(f"{where}: cannot open the database file; check that its folder exists and is writable")
    if "connection" in message or "could not" in message or "password" in message:
        return StorageError(f"{where}: cannot connect to the database server: {str(getattr(exc, 'orig', exc)).strip()}")
    return StorageError(f"{where}: database error: {str(getattr(exc, 'orig', exc)).strip()}")


def _check_sqlite_file(path: Path) -> None:
    if path.is_dir():
        raise StorageError(f"{path}: is a folder, not a database file")
    if not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"{path}: cannot create the data folder: {exc.strerror}") from None
        return
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StorageError(f"{path}: cannot read the database file: {exc.strerror}") from None
    if header and header != SQLITE_HEADER:
        raise StorageError(f"{path}: not an AI Readiness database (not an SQLite file); choose another file with --db")


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            if inspect(conn).get_table_names():
                return "unknown"
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def backup_sqlite(path: Path, revision: str) -> Path:
    """Copy the database (through SQLite's backup API, so WAL content is included)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.stem}.{revision}.{stamp}.bak{path.suffix}")
    source = sqlite3.connect(path)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.connect() as conn:
        is_sqlite = conn.dialect.name == "sqlite"
        if is_sqlite:
            # Batch migrations rebuild tables; foreign keys are checked once at the end instead.
            conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
        conn.commit()
        if is_sqlite:
            problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            conn.exec_driver_sql("PRAGMA foreign_keys = ON")
            if problems:
                raise StorageError(f"the upgrade left {len(problems)} broken references; restore the backup")


def open_database(url: str | None = None, *, migrate: bool = True) -> Engine:
    """Open (and create or upgrade) the database; raise StorageError with a clear message."""
    url = resolve_db_url(url)
    path = sqlite_path(url)
    if path is not None:
        _check_sqlite_file(path)
    engine = create_db_engine(url)
    where = describe(url)
    try:
        revision = current_revision(engine)
        if revision == HEAD_REVISION:
            return engine
        if revision == "unknown":
            raise StorageError(f"{where}: this database was not made by AI Readiness; choose another file with --db")
        if revision is not None and revision not in REVISIONS:
            raise StorageError(
                f"{where}: the database was written by a newer AI Readiness (schema {revision}); "
                "update the app before opening it"
            )
        if not migrate:
            raise StorageError(f"{where}: the database needs an upgrade (schema {revision or 'empty'})")
        if revision is not None and path is not None:
            backup_sqlite(path, revision)
        upgrade(engine)
    except StorageError:
        engine.dispose()
        raise
    except (OperationalError, DBAPIError, sqlite3.Error) as exc:
        engine.dispose()
        raise storage_error(exc, where) from None
    return engine


@contextmanager
def session_for(engine: Engine) -> Iterator[Session]:
    """One short unit of work; the session is closed on exit whatever happens."""
    with Session(engine, expire_on_commit=False) as session:
        yield session
