"""Supplementary modules: a ministry's own questionnaire files in the modules folder.

When an assessment is created, every valid module in the folder is stored (like the plan,
by content hash) and linked to it. A module's items are answered in the same assessment
under the item id ``<module id>:<item id>`` and scored apart from the plan: the plan's
score, coverage and the lifecycle's coverage rule count the plan's items only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, col, select

from models.config import modules_dir
from models.errors import NotFound
from models.questionnaire_store import questionnaire_by_row
from models.tables import ITEM_ID_MAX, MODULE_ITEM_SEPARATOR, Answer, Assessment, AssessmentModule
from models.txn import service
from questionnaires.catalog import load_modules
from questionnaires.model import Questionnaire
from questionnaires.scoring import AnswerInput, ScoreResult, score

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ModuleScan:
    """The valid modules of a folder, and one line per file or module that was skipped."""

    modules: tuple[Questionnaire, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class ModuleRead:
    id: str
    version: str
    title_ja: str
    title_en: str
    items: int
    questionnaire_id: int


def module_item_id(module_id: str, item_id: str) -> str:
    """The answer key of a module's item."""
    return f"{module_id}{MODULE_ITEM_SEPARATOR}{item_id}"


def split_item_id(item_id: str) -> tuple[str | None, str]:
    """``("mod", "M-01")`` for ``"mod:M-01"``; ``(None, "1-01")`` for a plan item."""
    module_id, sep, rest = item_id.partition(MODULE_ITEM_SEPARATOR)
    return (module_id, rest) if sep else (None, item_id)


def scan_modules(folder: Path | None = None, *, plan: Questionnaire | None = None) -> ModuleScan:
    """Load every module file in ``folder`` (default: the modules folder); never raises for a
    bad file: it is skipped and named in ``warnings``."""
    folder = modules_dir() if folder is None else folder
    try:
        loaded, errors = load_modules(folder, plan)
    except OSError as exc:
        warning = f"{folder}: cannot read the modules folder ({exc.strerror or exc}); no module was added"
        log.warning(warning)
        return ModuleScan((), (warning,))
    warnings = [f"{problem} (module file skipped)" for error in errors for problem in error.problems]
    accepted: list[Questionnaire] = []
    seen: set[str] = set() if plan is None else {plan.id}
    for module in loaded:
        problem = None
        if module.kind != "module":
            problem = f"{module.id!r} is a {module.kind}, not a module (kind: module); skipped"
        elif module.id in seen:
            problem = f"id {module.id!r} is used twice in {folder}; the second was skipped"
        else:
            longest = max(len(item.id) for item in module.items)
            if len(module_item_id(module.id, "x" * longest)) > ITEM_ID_MAX:
                problem = f"module id and item ids are too long (at most {ITEM_ID_MAX} characters together); skipped"
        if problem is not None:
            warnings.append(f"{folder}: module {module.id}: {problem}")
            continue
        seen.add(module.id)
        accepted.append(module)
    for warning in warnings:
        log.warning(warning)
    return ModuleScan(tuple(accepted), tuple(warnings))


def linked_modules(session: Session, assessment_id: int) -> dict[str, tuple[int, Questionnaire]]:
    """The modules of an assessment by module id: (questionnaire row id, content)."""
    rows = session.exec(
        select(AssessmentModule.questionnaire_id).where(AssessmentModule.assessment_id == assessment_id)
    ).all()
    result = {}
    for questionnaire_id in rows:
        module = questionnaire_by_row(session=session, questionnaire_id=questionnaire_id)
        result[module.id] = (questionnaire_id, module)
    return dict(sorted(result.items()))


def _require(session: Session, assessment_id: int) -> None:
    if session.get(Assessment, assessment_id) is None:
        raise NotFound(f"assessment {assessment_id} not found; list them with: ai-readiness assessment list")


@service
def list_modules(*, session: Session, assessment_id: int) -> list[ModuleRead]:
    """The supplementary modules answered in an assessment, by module id."""
    _require(session, assessment_id)
    return [
        ModuleRead(
            id=module.id,
            version=module.version,
            title_ja=module.data.title.ja,
            title_en=module.data.title.en,
            items=len(module.items),
            questionnaire_id=questionnaire_id,
        )
        for questionnaire_id, module in linked_modules(session, assessment_id).values()
    ]


@service
def modules_of(*, session: Session, assessment_id: int) -> dict[str, Questionnaire]:
    """The content of each module of an assessment (to show it as extra sections)."""
    _require(session, assessment_id)
    return {module_id: module for module_id, (_, module) in linked_modules(session, assessment_id).items()}


@service
def score_modules(*, session: Session, assessment_id: int) -> dict[str, ScoreResult]:
    """Each module's score, apart from the plan's (same model, over the module's items)."""
    _require(session, assessment_id)
    modules = linked_modules(session, assessment_id)
    if not modules:
        return {}
    rows = session.exec(
        select(Answer.item_id, Answer.level, Answer.na_reason, Answer.target).where(
            Answer.assessment_id == assessment_id, col(Answer.item_id).contains(MODULE_ITEM_SEPARATOR)
        )
    ).all()
    per_module: dict[str, dict[str, AnswerInput]] = {module_id: {} for module_id in modules}
    for item_id, level, na_reason, target in rows:
        module_id, own_id = split_item_id(item_id)
        if module_id in per_module:
            per_module[module_id][own_id] = AnswerInput(level=level, na=na_reason is not None, target=target)
    return {module_id: score(module, per_module[module_id]) for module_id, (_, module) in modules.items()}
