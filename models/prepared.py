"""Statements compiled once and run straight on the driver's cursor: the answer save's hot path.

A save runs four one-row statements and commits (one fsync). For statements this small,
SQLAlchemy's per-execution work (cache lookup, execution context, result set-up) costs several
times what SQLite needs to run them (about 35 µs against 7 µs each), which made the service
layer several times slower than a bare sqlite3 upsert. So on SQLite a :class:`Prepared`
statement runs on the sqlite3 cursor of the session's own connection, in the session's
transaction. SQLAlchemy still writes the SQL (compiled once per dialect) and converts every
value with the column types' own processors, so the rows are exactly those the Core path
writes and reads, and driver errors are raised as SQLAlchemy's (IntegrityError,
OperationalError, …). Other databases (PostgreSQL) run the statement through the Connection.

Not for statements with Python-side column defaults or expanding parameters (refused when
compiled); engine events such as ``before_cursor_execute`` do not see these statements.
"""

from __future__ import annotations

import weakref
from collections import namedtuple
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.dml import UpdateBase
from sqlalchemy.sql.selectable import Select

from models.db import refuse_unstorable

Statement = UpdateBase | Select[Any]


@dataclass(frozen=True)
class Outcome:
    """What a statement returned: its rows (attribute access by column name) and rowcount."""

    rows: list[Any]
    rowcount: int

    def first(self) -> Any:
        return self.rows[0] if self.rows else None


Processors = tuple[tuple[int, Callable[[Any], Any]], ...]  # (position, the type's conversion)


@dataclass(frozen=True)
class _Compiled:
    sql: str
    #: Per placeholder, in order: the parameter's name, or None and the literal's value.
    names: tuple[str | None, ...]
    literals: tuple[Any, ...]
    binds: Processors
    row: type | None  # a named tuple of the result columns
    results: Processors
    base_error: type[Exception]


def _wrapped(exc: Exception, compiled: _Compiled, values: Any, dialect: Dialect) -> Exception:
    """The driver's error as SQLAlchemy raises it (IntegrityError, OperationalError, …)."""
    return DBAPIError.instance(compiled.sql, values, exc, compiled.base_error, dialect=dialect)


def _runs_on_cursor(dialect: Dialect) -> bool:
    return dialect.name == "sqlite" and dialect.paramstyle == "qmark"


class Prepared:
    """One statement, compiled once per dialect. ``column_keys``: for an INSERT or an UPDATE
    without ``values()``, the columns its parameters set (as for ``Connection.execute``)."""

    def __init__(self, statement: Statement, column_keys: Sequence[str] | None = None) -> None:
        self.statement = statement
        self.column_keys = None if column_keys is None else list(column_keys)
        self._compiled: weakref.WeakKeyDictionary[Dialect, _Compiled] = weakref.WeakKeyDictionary()

    def _compile(self, dialect: Dialect) -> _Compiled:
        compiled = self._compiled.get(dialect)
        if compiled is not None:
            return compiled
        sql = self.statement.compile(dialect=dialect, column_keys=self.column_keys)
        assert isinstance(sql, SQLCompiler) and sql.positiontup is not None
        if sql.insert_prefetch or sql.update_prefetch or "POSTCOMPILE" in sql.string:
            raise ValueError("a Prepared statement cannot apply Python-side defaults or expanding parameters")
        binds = [sql.binds[name] for name in sql.positiontup]
        columns = list(self.statement.exported_columns)
        bind_processors = (b.type.dialect_impl(dialect).bind_processor(dialect) for b in binds)
        result_processors = (c.type.dialect_impl(dialect).result_processor(dialect, None) for c in columns)
        compiled = _Compiled(
            sql=sql.string,
            names=tuple(b.key if b.required else None for b in binds),
            literals=tuple(None if b.required else b.effective_value for b in binds),
            binds=tuple((i, p) for i, p in enumerate(bind_processors) if p is not None),
            row=namedtuple("Row", [c.key for c in columns]) if columns else None,  # type: ignore[misc]
            results=tuple((i, p) for i, p in enumerate(result_processors) if p is not None),
            base_error=dialect.loaded_dbapi.Error,
        )
        self._compiled[dialect] = compiled
        return compiled

    @staticmethod
    def _values(compiled: _Compiled, params: Mapping[str, Any]) -> list[Any]:
        values = [
            literal if name is None else params[name]
            for name, literal in zip(compiled.names, compiled.literals, strict=True)
        ]
        for i, process in compiled.binds:
            values[i] = process(values[i])
        refuse_unstorable(values)  # as the engine's before_cursor_execute guard does for other statements
        return values

    @staticmethod
    def _rows(compiled: _Compiled, raw_rows: list[tuple[Any, ...]]) -> list[Any]:
        assert compiled.row is not None
        if not compiled.results:
            return [compiled.row._make(raw) for raw in raw_rows]
        rows = []
        for raw in raw_rows:
            values = list(raw)
            for i, process in compiled.results:
                values[i] = process(values[i])
            rows.append(compiled.row._make(values))
        return rows

    def execute(self, connection: Connection, params: Mapping[str, Any]) -> Outcome:
        """Run once with ``params`` in the connection's transaction."""
        if not _runs_on_cursor(connection.dialect):
            result = connection.execute(self.statement, dict(params))
            return Outcome(result.all() if result.returns_rows else [], result.rowcount)
        compiled = self._compile(connection.dialect)
        values = self._values(compiled, params)
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(compiled.sql, values)
            rows = [] if compiled.row is None else self._rows(compiled, cursor.fetchall())
            return Outcome(rows, cursor.rowcount)
        except compiled.base_error as exc:
            raise _wrapped(exc, compiled, values, connection.dialect) from exc
        finally:
            cursor.close()

    def executemany(self, connection: Connection, params: Sequence[Mapping[str, Any]]) -> None:
        """Run once per parameter set (no rows returned)."""
        if not params:
            return
        if not _runs_on_cursor(connection.dialect):
            connection.execute(self.statement, [dict(p) for p in params])
            return
        compiled = self._compile(connection.dialect)
        values = [self._values(compiled, p) for p in params]
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.executemany(compiled.sql, values)
        except compiled.base_error as exc:
            raise _wrapped(exc, compiled, values, connection.dialect) from exc
        finally:
            cursor.close()
