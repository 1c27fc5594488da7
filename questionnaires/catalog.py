"""Which questionnaire is active: the plan shipped with the program (or another file), and
supplementary modules a ministry drops into its modules folder."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from questionnaires.loader import Problem, QuestionnaireError, load
from questionnaires.model import Questionnaire

DATA_DIR = Path(__file__).resolve().parent / "data"
PLAN_FILE = DATA_DIR / "ai-basic-plan.yaml"
#: Another plan file instead of the shipped one (a ministry's reviewed copy, or tests).
PLAN_ENV = "AI_READINESS_QUESTIONNAIRE"


@lru_cache(maxsize=8)
def _load_cached(path: Path, mtime_ns: int, size: int) -> Questionnaire:
    return load(path)


def load_cached(path: Path) -> Questionnaire:
    """Load a file once per content change (the key includes its mtime and size)."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise QuestionnaireError([Problem(str(path), 1, "", f"cannot read the file: {exc.strerror or exc}")]) from None
    return _load_cached(path.resolve(), stat.st_mtime_ns, stat.st_size)


def active_questionnaire(path: Path | None = None) -> Questionnaire:
    return load_cached(path or Path(os.environ.get(PLAN_ENV) or PLAN_FILE))


def load_modules(folder: Path) -> tuple[list[Questionnaire], list[QuestionnaireError]]:
    """Every ``*.yaml`` module in ``folder``; files with problems are reported, not loaded."""
    modules: list[Questionnaire] = []
    errors: list[QuestionnaireError] = []
    if not folder.is_dir():
        return modules, errors
    for path in sorted(folder.glob("*.y*ml")):
        try:
            module = load_cached(path)
        except QuestionnaireError as exc:
            errors.append(exc)
            continue
        modules.append(module)
    return modules, errors
