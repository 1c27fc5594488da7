"""The layers stay apart: no Qt below gui/ (import-linter checks the full layering too)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", ["models", "questionnaires", "reports"])
def test_no_qt_below_gui(package: str) -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / package).rglob("*.py"))
        if {"PySide6", "gui"} & _imports(path)
    ]
    assert offenders == []


def test_questionnaires_is_pure() -> None:
    """Scoring and questionnaire content need neither a database nor Qt."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "questionnaires").rglob("*.py"))
        if {"sqlalchemy", "sqlmodel", "PySide6", "models", "reports", "gui"} & _imports(path)
    ]
    assert offenders == []


def test_reports_open_no_session() -> None:
    """reports/ builds documents from plain data; it never opens a database session."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "reports").rglob("*.py"))
        if "Session" in path.read_text(encoding="utf-8") or {"sqlalchemy", "sqlmodel"} & _imports(path)
    ]
    assert offenders == []
