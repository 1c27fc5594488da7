"""Units of work: commit, and turn driver faults into StorageError wherever they happen."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlmodel import Session

from models.db import describe, storage_error

P = ParamSpec("P")
R = TypeVar("R")


def _where(session: Session) -> str:
    return describe(session.get_bind().url.render_as_string(hide_password=False))


def commit(session: Session) -> None:
    """Commit, rolling back on failure. IntegrityError passes through for the caller to name."""
    try:
        session.commit()
    except Exception:
        session.rollback()
        raise


def service(fn: Callable[P, R]) -> Callable[P, R]:
    """Run a service function; a database fault rolls back and becomes a StorageError.

    The function must take ``session`` as a keyword argument (every service does).
    """

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        session = kwargs["session"]
        assert isinstance(session, Session)
        try:
            return fn(*args, **kwargs)
        except IntegrityError:
            session.rollback()
            raise
        except (OperationalError, DBAPIError, sqlite3.Error) as exc:
            session.rollback()
            raise storage_error(exc, _where(session)) from None

    return wrapper
