"""Shared by the exchange tests: the generated files, a whole-database dump to prove that a
refused import changed nothing, and switching between two installations' data folders."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect, text

EXCHANGE = Path(__file__).resolve().parent / "data" / "exchange"


def make_files() -> ModuleType:
    """tests/data/exchange/make_files.py, loaded as a module (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("exchange_make_files", EXCHANGE / "make_files.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def dump(url: str) -> dict[str, list[str]]:
    """Every row of every table (alembic's included), sorted, as text."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            tables = sorted(inspect(conn).get_table_names())
            return {
                name: sorted(repr(tuple(row)) for row in conn.execute(text(f'SELECT * FROM "{name}"')).all())
                for name in tables
            }
    finally:
        engine.dispose()


def use_installation(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str) -> Path:
    """Act as another installation: its own data folder (and so its own signing key)."""
    folder = tmp_path / f"installation-{name}"
    monkeypatch.setenv("AI_READINESS_DATA_DIR", str(folder))
    return folder


def outcome(run: Any) -> dict[str, Any]:
    """The single outcome of ``import --json`` for one file."""
    data = run.json
    assert isinstance(data, list) and len(data) == 1, data
    return data[0]
