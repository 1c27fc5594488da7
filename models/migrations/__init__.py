"""Alembic migrations. ``REVISIONS`` lists every revision oldest first; start-up compares
the database's revision with ``HEAD_REVISION`` without loading Alembic (it is slow to
import), and ``tests/test_migrations.py`` checks this list against Alembic's own graph."""

REVISIONS: tuple[str, ...] = ("0001_initial", "0002_modules", "0003_exchange")
HEAD_REVISION = REVISIONS[-1]
