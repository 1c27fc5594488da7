"""Which questionnaire is active: the plan shipped with the program (or another plan file),
and the supplementary modules a ministry drops into a folder.

A module is a file in the same format with ``kind: module`` (rules in
:mod:`questionnaires.rules`). It is shown as extra sections and scored apart from the plan,
with the same model: ``score(module, answers)`` over the module's own items gives its own
section ("policy") scores, principle scores over the plan principles it uses, and an overall
that is the mean of its sections. A module never changes the plan's score.

Where the modules folder is belongs to the caller (models/config); this module only takes a
folder.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from questionnaires.loader import load
from questionnaires.model import Questionnaire
from questionnaires.problems import FILE, QuestionnaireError, fail
from questionnaires.rules import Kind, ModuleContext

DATA_DIR = Path(__file__).resolve().parent / "data"
PLAN_FILE = DATA_DIR / "ai-basic-plan.yaml"
#: Another plan file instead of the shipped one (a ministry's reviewed copy, or tests).
PLAN_ENV = "AI_READINESS_QUESTIONNAIRE"
#: Module files are YAML files in the folder, read in name order.
MODULE_PATTERNS = ("*.yaml", "*.yml")


@lru_cache(maxsize=32)
def _load_cached(
    path: Path, mtime_ns: int, size: int, kind: Kind | None, context: ModuleContext | None
) -> Questionnaire:
    return load(path, kind=kind, context=context)


def load_cached(path: Path, *, kind: Kind | None = None, context: ModuleContext | None = None) -> Questionnaire:
    """Load a file once per content change (the key includes its mtime and size)."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise fail(str(path), 1, FILE, f"cannot read the file: {exc.strerror or exc}") from None
    return _load_cached(path.resolve(), stat.st_mtime_ns, stat.st_size, kind, context)


def plan_path() -> Path:
    return Path(os.environ.get(PLAN_ENV) or PLAN_FILE)


def active_questionnaire(path: Path | None = None) -> Questionnaire:
    """The plan in use: ``path``, else $AI_READINESS_QUESTIONNAIRE, else the shipped plan."""
    return load_cached(path or plan_path(), kind="plan")


def load_modules(
    folder: Path, plan: Questionnaire | None = None
) -> tuple[list[Questionnaire], list[QuestionnaireError]]:
    """Every module file in ``folder``, checked against ``plan`` (default: the active plan)
    and against the modules before it. Files with problems are reported, not loaded."""
    modules: list[Questionnaire] = []
    errors: list[QuestionnaireError] = []
    if not folder.is_dir():
        return modules, errors
    context = ModuleContext.for_plan(plan or active_questionnaire())
    paths = sorted({path for pattern in MODULE_PATTERNS for path in folder.glob(pattern) if path.is_file()})
    for path in paths:
        try:
            module = load_cached(path, kind="module", context=context)
        except QuestionnaireError as exc:
            errors.append(exc)
            continue
        modules.append(module)
        context = context.with_module(module, path.name)
    return modules, errors
