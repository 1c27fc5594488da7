"""Engine, connection settings and schema upgrades.

SQLite (the embedded default) runs with WAL, foreign keys, a busy timeout and
``synchronous=FULL``, so an acknowledged answer survives a power cut. PostgreSQL is used
as it is. The schema comes from Alembic migrations; an older database is upgraded after
the SQLite file is copied to a timestamped backup beside it, and a newer one is refused.
A file that is not ours is never written to (WAL is switched on only once the file is known to
be ours). Text no database can store alike (NUL, lone surrogates) is refused with InvalidInput
before the driver sees it, so SQLite and PostgreSQL accept exactly the same text.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import chain
from pathlib import Path
from typing import Any

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlmodel import Session, create_engine

from models.config import busy_timeout_ms, resolve_db_url
from models.errors import InvalidInput, StorageError
from models.migrations import HEAD_REVISION, REVISIONS

SQLITE_HEADER = b"SQLite format 3\x00"
#: PostgreSQL: how long to wait for the server to answer, and for another desktop's row lock.
PG_CONNECT_TIMEOUT_S = 10


def _set_sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Python's sqlite3 (3.11) starts a transaction at the first INSERT/UPDATE/DELETE, so reads
    # take no lock; write services begin with an UPDATE of the assessment row, which makes the
    # write lock (and its busy wait) the first thing a change does.
    # WAL is set by open_database once the file is known to be ours (it is a lasting change to
    # the file, which another program's database must never get).
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _use_wal(engine: Engine) -> None:
    """Put an SQLite database of ours in WAL mode (lasting: later connections find it set)."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA journal_mode = WAL")


#: Text that no database can store: NUL (PostgreSQL refuses it) and lone surrogates (not UTF-8).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def unstorable_text(value: str) -> InvalidInput | None:
    """The refusal of a text holding NUL or a lone surrogate, or None when it can be stored."""
    found = _UNSTORABLE.search(value)
    if found is None:
        return None
    char = found.group()
    what = "a NUL character (U+0000)" if char == "\x00" else f"a lone surrogate (U+{ord(char):04X}, not valid Unicode)"
    shown = ascii(value[max(0, found.start() - 20) : found.start() + 20])
    return InvalidInput(f"the text {shown} holds {what}, which cannot be stored; remove it and try again")


def refuse_unstorable(values: Iterable[Any]) -> None:
    """Raise InvalidInput for the first text among ``values`` that cannot be stored."""
    texts = [value for value in values if isinstance(value, str)]
    if texts and _UNSTORABLE.search("".join(texts)):  # one search for the common case: all is well
        for value in texts:
            if (refusal := unstorable_text(value)) is not None:
                raise refusal


def _refuse_unstorable_text(
    _conn: Any, _cursor: Any, _statement: str, parameters: Any, _context: Any, executemany: bool
) -> None:
    """The same refusal on SQLite and PostgreSQL, before the driver sees the text (SQLite would keep a
    NUL that PostgreSQL rejects; a lone surrogate breaks the driver's UTF-8 encoding). Statements
    run by models.prepared on the cursor itself call :func:`refuse_unstorable` there."""
    rows = parameters if executemany else (parameters,)
    refuse_unstorable(chain.from_iterable(row.values() if isinstance(row, dict) else row or () for row in rows))


def _is_uri(parsed: Any) -> bool:
    return str(parsed.query.get("uri", "")).lower() in ("true", "1") and parsed.database.startswith("file:")


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL (also ``sqlite:///file:PATH?mode=ro&uri=true``), else None."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    if _is_uri(parsed):
        return Path(parsed.database.removeprefix("file:").split("?", 1)[0])
    return Path(parsed.database)


def is_read_only_url(url: str) -> bool:
    parsed = make_url(url)
    return parsed.get_backend_name() == "sqlite" and _is_uri(parsed) and parsed.query.get("mode") == "ro"


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
            engine = create_engine(url, connect_args={"timeout": busy_timeout_ms() / 1000})
            event.listen(engine, "connect", _set_sqlite_pragmas)
        elif parsed.get_backend_name() == "postgresql":
            # A save waits at most the busy timeout for another desktop's lock, as on SQLite.
            options = f"-c lock_timeout={busy_timeout_ms()}"
            connect_args = {"connect_timeout": PG_CONNECT_TIMEOUT_S, "options": options}
            engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args)
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except (NoSuchModuleError, ModuleNotFoundError, ArgumentError) as exc:
        raise StorageError(f"{describe(url)}: unsupported database URL ({exc})") from None
    event.listen(engine, "before_cursor_execute", _refuse_unstorable_text)
    return engine


def _detail(exc: BaseException) -> str:
    """The driver's own message on one line (psycopg's span several)."""
    return " ".join(str(getattr(exc, "orig", exc)).split())


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
            f"{where}: the database is read-only; nothing was saved; check the permissions of the file and of "
            "its folder (SQLite writes its journal beside the file), or choose another with --db"
        )
    if "locked" in message or "busy" in message or "lock timeout" in message:
        return StorageError(
            f"{where}: the database is locked by another program; nothing was saved; close it and try again"
        )
    if "deadlock" in message or "could not serialize" in message:
        return StorageError(f"{where}: another user saved at the same moment; nothing was saved; try again")
    if "full" in message or "no space" in message:
        return StorageError(f"{where}: the disk or database is full; nothing was saved; free some space and try again")
    if "unable to open" in message:
        return StorageError(
            f"{where}: cannot open the database file; check that the file and its folder exist and are writable, "
            "or choose another file with --db"
        )
    if "permission denied" in message or "must be owner" in message:
        return StorageError(
            f"{where}: the database user may not do this ({_detail(exc)}); "
            "ask the database administrator (an upgrade needs the owner of the tables)"
        )
    if "connection" in message or "could not" in message or "password" in message:
        return StorageError(f"{where}: cannot connect to the database server: {_detail(exc)}")
    return StorageError(f"{where}: database error: {_detail(exc)}")


def _check_sqlite_file(path: Path, *, read_only: bool = False) -> None:
    try:
        is_dir, exists = path.is_dir(), path.exists()
    except OSError as exc:  # e.g. a folder on the way that this user may not enter
        raise StorageError(
            f"{path}: cannot reach the database file ({exc.strerror}); check the permissions of its folders"
        ) from None
    if is_dir:
        raise StorageError(f"{path}: is a folder, not a database file")
    if not exists and path.is_symlink():
        raise StorageError(f"{path}: a symbolic link that leads nowhere (or to itself); choose another file with --db")
    if exists and not path.is_file():  # a FIFO or a device: reading it could wait forever
        raise StorageError(f"{path}: not a regular file; choose a database file with --db")
    if not exists:
        if read_only:
            raise StorageError(f"{path}: no such database file (opened read-only, so it is not created)")
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


#: ``current_revision`` of a database whose alembic_version names more than one revision.
SEVERAL_REVISIONS = "several"


def current_revision(engine: Engine) -> str | None:
    """The schema revision; None for an empty database, "unknown" for another program's."""
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        if "alembic_version" not in tables:
            return "unknown" if tables else None
        revisions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(revisions) > 1:
        return SEVERAL_REVISIONS
    if not revisions:  # alembic's table without a revision: empty, unless other tables exist
        return "unknown" if tables - {"alembic_version"} else None
    revision = str(revisions[0])
    if revision not in REVISIONS and "assessment" not in tables:
        return "unknown"  # another program that also uses Alembic
    return revision


def backup_sqlite(path: Path, revision: str) -> Path:
    """Copy the database (through SQLite's backup API, so WAL content is included)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = path.with_name(f"{path.stem}.{revision}.{stamp}.bak{path.suffix}")
    partial = target.with_name(target.name + ".partial")
    source = sqlite3.connect(path)
    try:
        dest = sqlite3.connect(partial)
        try:
            source.backup(dest)
        finally:
            dest.close()
        os.replace(partial, target)  # a backup file that exists is complete
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    return target


#: Serialises upgrades of one PostgreSQL database started by several desktops at once.
_PG_UPGRADE_LOCK = 0x41495244


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply migrations up to ``revision`` in one transaction (SQLite and PostgreSQL both
    have transactional DDL), so a failed upgrade leaves the database as it was."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.connect() as conn:
        is_sqlite = conn.dialect.name == "sqlite"
        try:
            if is_sqlite:
                # Batch migrations rebuild tables; foreign keys are checked once at the end
                # instead (the pragma only takes effect outside a transaction). BEGIN IMMEDIATE
                # takes the write lock first, so a second app upgrading at the same moment waits
                # and then finds nothing to do.
                conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_UPGRADE_LOCK})
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
            if is_sqlite:
                problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise StorageError(
                        f"{len(problems)} rows point at rows that do not exist, so the upgrade was not "
                        "applied; nothing was changed; restore a backup of the database"
                    )
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
        finally:
            if is_sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys = ON")


def open_database(url: str | None = None, *, migrate: bool = True) -> Engine:
    """Open (and create or upgrade) the database; raise StorageError with a clear message."""
    url = resolve_db_url(url)
    path = sqlite_path(url)
    if path is not None:
        _check_sqlite_file(path, read_only=is_read_only_url(url))
    engine = create_db_engine(url)
    where = describe(url)
    try:
        revision = current_revision(engine)
        if revision == HEAD_REVISION:
            _use_wal(engine)
            return engine
        if revision == "unknown":
            raise StorageError(f"{where}: this database was not made by AI Readiness; choose another file with --db")
        if revision == SEVERAL_REVISIONS:
            raise StorageError(
                f"{where}: the database names several schema versions (table alembic_version), so it is damaged; "
                "restore it from a backup"
            )
        if revision is not None and revision not in REVISIONS:
            raise StorageError(
                f"{where}: the database was written by a newer AI Readiness (schema {revision}); "
                "update the app before opening it"
            )
        if not migrate:
            raise StorageError(f"{where}: the database needs an upgrade (schema {revision or 'empty'})")
        if revision is not None and path is not None:
            try:
                backup_sqlite(path, revision)
            except (OSError, sqlite3.Error) as exc:
                raise StorageError(
                    f"{where}: cannot write a backup beside the database before upgrading it ({exc}); "
                    "nothing was changed; make its folder writable and try again"
                ) from None
        try:
            upgrade(engine)
        except StorageError as exc:
            raise StorageError(f"{where}: {exc}") from None
        _use_wal(engine)
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
