"""The GUI's door to the services: one engine, one short session per user action.

Widgets keep ids, never ORM objects or sessions (a session lives only inside ``call``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.engine import Engine
from sqlmodel import Session

from models.config import current_user
from models.db import session_for

R = TypeVar("R")


class DataAccess:
    def __init__(self, engine: Engine, actor: str | None = None):
        self.engine = engine
        self.actor = actor or current_user()

    def call(self, fn: Callable[[Session], R]) -> R:
        """Run ``fn(session)`` in its own short session, e.g.
        ``data.call(lambda s: list_assessments(session=s))``."""
        with session_for(self.engine) as session:
            return fn(session)

    def close(self) -> None:
        self.engine.dispose()
