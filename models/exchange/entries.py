"""Answers typed elsewhere (a plain answers file, an Excel answer sheet) applied to an
assessment: all of them in one transaction through the answer service, or none.

Each entry is the whole answer to its item: a level or N/A with a reason, the target and the
comment (missing ones are cleared). Items without an entry are left as they are. The unit,
cycle and assessment are created when missing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import insert
from sqlmodel import Session, col, select

from models.assessments import audit_row, save_answers, write_audit
from models.errors import InvalidInput
from models.exchange.common import ImportOutcome, ensure_cycle, ensure_unit, find_unit_id, lock_database
from models.exchange.files import ImportRefused
from models.modules import linked_modules, scan_modules, split_item_id
from models.org import split_path
from models.questionnaire_store import questionnaire_by_row, register
from models.tables import (
    Answer,
    AnswerUpdate,
    Assessment,
    AssessmentModule,
    Cycle,
    QuestionnaireVersion,
    Status,
    new_uid,
    utcnow,
)
from models.txn import service
from questionnaires.catalog import active_questionnaire
from questionnaires.model import Questionnaire

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Entry:
    """One answer as read from a file; ``where`` names each field's place for messages."""

    item: str
    level: int | None
    na_reason: str | None
    target: int | None
    comment: str
    where: dict[str, str]

    def at(self, name: str) -> str:
        return self.where.get(name) or self.where["item"]

    def change(self) -> AnswerUpdate:
        return AnswerUpdate(level=self.level, na_reason=self.na_reason, target=self.target, comment=self.comment)


@dataclass(frozen=True)
class Target:
    """Which assessment a file's answers belong to."""

    unit: str
    cycle: str
    questionnaire_id: str | None = None
    questionnaire_version: str | None = None
    questionnaire_hash: str | None = None
    assessment_uid: str | None = None
    where: dict[str, str] = field(default_factory=dict)  # "unit", "cycle", "questionnaire" → place


def refuse(problems: list[str]) -> ImportRefused:
    more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
    return ImportRefused(problems[0] + more, problems=problems)


def _questionnaire(session: Session, target: Target) -> tuple[int, Questionnaire]:
    """The questionnaire named by hash (sheets) or id and version (answers files)."""
    active = active_questionnaire()
    if target.questionnaire_hash is not None:
        if active.hash == target.questionnaire_hash:
            return register(session=session, questionnaire=active), active
        found = session.exec(
            select(QuestionnaireVersion.id).where(QuestionnaireVersion.hash == target.questionnaire_hash)
        ).first()
        label = f"{target.questionnaire_id}@{target.questionnaire_version}"
        if found is None:
            raise ImportRefused(
                f"{target.where.get('questionnaire', 'questionnaire')}: made for questionnaire {label} "
                f"({target.questionnaire_hash[:12]}…), which this database does not have"
            )
        return found, questionnaire_by_row(session=session, questionnaire_id=found)
    if (active.id, active.version) == (target.questionnaire_id, target.questionnaire_version):
        return register(session=session, questionnaire=active), active
    found = session.exec(
        select(QuestionnaireVersion.id)
        .where(
            QuestionnaireVersion.qid == target.questionnaire_id,
            QuestionnaireVersion.version == target.questionnaire_version,
            QuestionnaireVersion.kind == "plan",
        )
        .order_by(col(QuestionnaireVersion.id).desc())
    ).first()
    if found is None:
        raise ImportRefused(
            f"{target.where.get('questionnaire', 'questionnaire')}: questionnaire "
            f"{target.questionnaire_id}@{target.questionnaire_version} is not known here "
            f"(this installation uses {active.id}@{active.version})"
        )
    return found, questionnaire_by_row(session=session, questionnaire_id=found)


def _find(session: Session, target: Target, plan_id: int) -> Assessment | None:
    if target.assessment_uid:
        row = session.exec(select(Assessment).where(Assessment.uid == target.assessment_uid)).first()
        if row is not None and row.questionnaire_id == plan_id:
            return row
    unit_id = find_unit_id(session, target.unit)
    cycle_id = session.exec(select(Cycle.id).where(Cycle.name == target.cycle.strip())).first()
    if unit_id is None or cycle_id is None:
        return None
    return session.exec(
        select(Assessment).where(
            Assessment.unit_id == unit_id, Assessment.cycle_id == cycle_id, Assessment.questionnaire_id == plan_id
        )
    ).first()


def _check_items(entries: list[Entry], plan: Questionnaire, modules: dict[str, Questionnaire]) -> list[str]:
    problems = []
    for entry in entries:
        module_id, own_id = split_item_id(entry.item)
        if module_id is None:
            if entry.item not in plan.item_by_id:
                problems.append(f"{entry.at('item')}: {entry.item!r} is not an item of {plan.id}@{plan.version}")
        elif module_id not in modules or own_id not in modules[module_id].item_by_id:
            problems.append(f"{entry.at('item')}: {entry.item!r} is not an item of this assessment's modules")
    return problems


def _create(
    session: Session, target: Target, plan_id: int, plan: Questionnaire, actor: str
) -> tuple[int, dict[str, Questionnaire]]:
    now = utcnow()
    unit_id = ensure_unit(session, target.unit)
    cycle_id = ensure_cycle(session, target.cycle)
    scan = scan_modules(plan=plan)
    uid = target.assessment_uid
    if not uid or session.exec(select(Assessment.id).where(Assessment.uid == uid)).first() is not None:
        uid = new_uid()
    result = session.execute(
        insert(Assessment).values(
            unit_id=unit_id,
            cycle_id=cycle_id,
            questionnaire_id=plan_id,
            uid=uid,
            created_by=actor,
            created_at=now,
            updated_at=now,
            status=Status.DRAFT,
            revision=1,
            version=1,
        )
    )
    assessment_id = int(result.inserted_primary_key[0])  # type: ignore[attr-defined]
    audit = [audit_row(assessment_id, actor, "create", now, new={"unit_id": unit_id, "cycle_id": cycle_id})]
    for module in scan.modules:
        module_row = register(session=session, questionnaire=module)
        session.execute(insert(AssessmentModule).values(assessment_id=assessment_id, questionnaire_id=module_row))
        audit.append(
            audit_row(assessment_id, actor, "module", now, field="linked", new=f"{module.id}@{module.version}")
        )
    write_audit(session, audit)
    return assessment_id, {module.id: module for module in scan.modules}


@service
def apply_entries(
    *, session: Session, target: Target, entries: list[Entry], file_name: str, format_id: str, actor: str
) -> ImportOutcome:
    """Apply a file's answers in one transaction; ImportRefused lists every problem found."""
    if not entries:
        raise ImportRefused("nothing to import: no answer is filled in")
    try:
        split_path(target.unit)
    except InvalidInput as exc:
        raise ImportRefused(f"{target.where.get('unit', 'unit')}: {exc}") from None
    lock_database(session)
    plan_id, plan = _questionnaire(session, target)
    row = _find(session, target, plan_id)
    if row is not None:
        assert row.id is not None
        modules = {module_id: module for module_id, (_, module) in linked_modules(session, row.id).items()}
    else:
        modules = {module.id: module for module in scan_modules(plan=plan).modules}
    problems = _check_items(entries, plan, modules)
    if problems:
        raise refuse(problems)
    if row is not None and row.status != Status.DRAFT:
        raise ImportRefused(
            f"assessment {row.id} ({target.unit} · {target.cycle}) is {row.status} and cannot be edited; "
            f"reopen it first (ai-readiness assessment reopen {row.id} --reason …)"
        )
    created = row is None
    if row is None:
        assessment_id, _ = _create(session, target, plan_id, plan, actor)
    else:
        assert row.id is not None
        assessment_id = row.id
    existing = {
        item: (level, na, tgt, comment)
        for item, level, na, tgt, comment in session.exec(
            select(Answer.item_id, Answer.level, Answer.na_reason, Answer.target, Answer.comment).where(
                Answer.assessment_id == assessment_id
            )
        ).all()
    }
    changes = {
        e.item: e.change() for e in entries if existing.get(e.item) != (e.level, e.na_reason, e.target, e.comment)
    }
    if not changes:
        session.rollback()
        return ImportOutcome(
            file_name,
            "unchanged",
            f"{target.unit} · {target.cycle}: every answer is already as in the file",
            assessment_id,
        )
    write_audit(
        session,
        [
            audit_row(
                assessment_id,
                actor,
                "import",
                utcnow(),
                new={"file": file_name, "format": format_id, "answers": len(changes)},
            )
        ],
    )
    save_answers(session=session, assessment_id=assessment_id, changes=changes, actor=actor)
    status = "imported" if created else "updated"
    return ImportOutcome(
        file_name, status, f"{target.unit} · {target.cycle}: {len(changes)} answer(s) saved", assessment_id
    )
