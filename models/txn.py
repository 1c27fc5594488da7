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
_DEPTH = "ai_readiness_service_depth"
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


def _rollback_quietly(session: Session) -> None:
    # The connection may be unusable (a damaged file, a dropped server); the original error is
    # the one worth reporting.
    try:
        session.rollback()
    except Exception:
        session.invalidate()


def service(fn: Callable[P, R]) -> Callable[P, R]:
    """Run a service function; a database fault rolls back and becomes a StorageError.

    Any other error leaving the outermost service also rolls back, so a refused change
    (Locked, Conflict, …) never stays pending for a later commit. The function must take
    ``session`` as a keyword argument (every service does).
    """

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        session = kwargs["session"]
        assert isinstance(session, Session)
        depth = session.info.get(_DEPTH, 0)
        session.info[_DEPTH] = depth + 1
        try:
            return fn(*args, **kwargs)
        except IntegrityError:
            _rollback_quietly(session)
            raise
        except (OperationalError, DBAPIError, sqlite3.Error) as exc:
            _rollback_quietly(session)
            raise storage_error(exc, _where(session)) from None
        except BaseException:
            if depth == 0:
                _rollback_quietly(session)
            raise
        finally:
            session.info[_DEPTH] = depth

    return wrapper
