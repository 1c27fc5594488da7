"""What every command module shares: a short database session, the actor, formatting."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlmodel import Session


@contextmanager
def session(args: argparse.Namespace) -> Iterator[Session]:
    """Open the database chosen by --db / AI_READINESS_DB / the default, for one command."""
    from models.db import open_database, session_for

    engine = open_database(getattr(args, "db", None))
    try:
        with session_for(engine) as s:
            yield s
    finally:
        engine.dispose()


def actor(args: argparse.Namespace) -> str:
    from models.config import current_user

    return getattr(args, "user", None) or current_user()


def pct(value: float) -> str:
    return f"{value:.0%}"


def score_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"
