"""Services for assessments: create, list, answer, score, and the draft → submitted →
approved lifecycle. Every change is audited in the same transaction as the change."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from models.errors import Conflict, InvalidAnswer, InvalidInput, Locked, NotFound, WorkflowError
from models.org import unit_paths
from models.questionnaire_store import questionnaire_by_row, register_active
from models.tables import (
    Answer,
    AnswerUpdate,
    Assessment,
    AuditEntry,
    Cycle,
    OrgUnit,
    QuestionnaireVersion,
    Status,
    utcnow,
)
from models.txn import commit, service
from questionnaires.model import Questionnaire
from questionnaires.scoring import AnswerInput, ScoreResult, score

#: Statuses in which answers may not change.
_CLOSED = {Status.SUBMITTED: "submitted for approval", Status.APPROVED: "approved"}


@dataclass(frozen=True)
class AssessmentSummary:
    id: int
    unit_id: int
    unit: str  # full path
    cycle_id: int
    cycle: str
    status: str
    coverage: float
    answered: int
    total: int
    questionnaire: str  # "id@version"
    questionnaire_id: int
    version: int
    approver: str | None
    updated_at: datetime

    def to_json(self) -> dict[str, Any]:
        """The shape of ``assessment list --json`` (a contract)."""
        return {
            "id": self.id,
            "unit": self.unit,
            "cycle": self.cycle,
            "status": self.status,
            "coverage": self.coverage,
            "questionnaire": self.questionnaire,
        }


@dataclass(frozen=True)
class AnswerRead:
    item_id: str
    level: int | None
    na_reason: str | None
    target: int | None
    comment: str
    review: bool
    answered_by: str
    answered_at: datetime
    version: int

    @property
    def is_answered(self) -> bool:
        return self.level is not None or self.na_reason is not None


@dataclass(frozen=True)
class AuditRead:
    at: datetime
    actor: str
    action: str
    item_id: str | None
    field: str | None
    old: Any
    new: Any

    def to_json(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(),
            "actor": self.actor,
            "action": self.action,
            "item": self.item_id,
            "field": self.field,
            "old": self.old,
            "new": self.new,
        }


def _audit(
    session: Session,
    assessment_id: int,
    actor: str,
    action: str,
    *,
    item_id: str | None = None,
    field: str | None = None,
    old: Any = None,
    new: Any = None,
) -> None:
    session.add(
        AuditEntry(
            assessment_id=assessment_id,
            actor=actor,
            action=action,
            item_id=item_id,
            field=field,
            old=None if old is None else json.dumps(old, ensure_ascii=False),
            new=None if new is None else json.dumps(new, ensure_ascii=False),
        )
    )


def _get(session: Session, assessment_id: int) -> Assessment:
    row = session.get(Assessment, assessment_id)
    if row is None:
        raise NotFound(f"assessment {assessment_id} not found; list them with: ai-readiness assessment list")
    return row


# --- create and list ----------------------------------------------------------------------


@service
def create_assessment(
    *, session: Session, unit_id: int, cycle_id: int, actor: str, questionnaire_id: int | None = None
) -> int:
    """Start an assessment of a unit in a cycle against the active questionnaire; return its id."""
    if session.get(OrgUnit, unit_id) is None:
        raise NotFound(f"unit {unit_id} not found")
    if session.get(Cycle, cycle_id) is None:
        raise NotFound(f"cycle {cycle_id} not found")
    if questionnaire_id is None:
        questionnaire_id = register_active(session=session)
    existing = session.exec(
        select(Assessment.id).where(
            Assessment.unit_id == unit_id,
            Assessment.cycle_id == cycle_id,
            Assessment.questionnaire_id == questionnaire_id,
        )
    ).first()
    if existing is not None:
        raise Conflict(f"this unit already has an assessment for this cycle (id {existing})")
    row = Assessment(unit_id=unit_id, cycle_id=cycle_id, questionnaire_id=questionnaire_id, created_by=actor)
    session.add(row)
    session.flush()
    assert row.id is not None
    _audit(session, row.id, actor, "create", new={"unit_id": unit_id, "cycle_id": cycle_id})
    try:
        commit(session)
    except IntegrityError:
        raise Conflict("this unit already has an assessment for this cycle") from None
    return row.id


def _answered_counts(session: Session, ids: list[int] | None = None) -> dict[int, int]:
    answered = func.sum(case(((col(Answer.level).is_not(None)) | (col(Answer.na_reason).is_not(None)), 1), else_=0))
    query = select(Answer.assessment_id, answered).group_by(Answer.assessment_id)
    if ids is not None:
        query = query.where(col(Answer.assessment_id).in_(ids))
    return {aid: int(n or 0) for aid, n in session.exec(query).all()}


def _item_counts(session: Session) -> dict[int, tuple[str, int]]:
    rows = session.exec(select(QuestionnaireVersion.id, QuestionnaireVersion.hash)).all()
    result = {}
    for qid, _hash in rows:
        assert qid is not None
        q = questionnaire_by_row(session=session, questionnaire_id=qid)
        result[qid] = (f"{q.id}@{q.version}", len(q.items))
    return result


@service
def list_assessments(
    *, session: Session, cycle_id: int | None = None, unit_ids: set[int] | None = None, status: str | None = None
) -> list[AssessmentSummary]:
    query = select(Assessment, Cycle.name).join(Cycle, col(Cycle.id) == Assessment.cycle_id)
    if cycle_id is not None:
        query = query.where(Assessment.cycle_id == cycle_id)
    if status is not None:
        query = query.where(Assessment.status == status)
    rows = session.exec(query).all()
    if unit_ids is not None:
        rows = [r for r in rows if r[0].unit_id in unit_ids]
    paths = unit_paths(session=session)
    counts = _answered_counts(session)
    questionnaires = _item_counts(session)
    result = []
    for row, cycle_name in rows:
        assert row.id is not None
        label, total = questionnaires[row.questionnaire_id]
        answered = counts.get(row.id, 0)
        result.append(
            AssessmentSummary(
                id=row.id,
                unit_id=row.unit_id,
                unit=paths.get(row.unit_id, "?"),
                cycle_id=row.cycle_id,
                cycle=cycle_name,
                status=row.status,
                coverage=answered / total if total else 0.0,
                answered=answered,
                total=total,
                questionnaire=label,
                questionnaire_id=row.questionnaire_id,
                version=row.version,
                approver=row.approver,
                updated_at=row.updated_at,
            )
        )
    result.sort(key=lambda s: (s.unit, s.cycle, s.id))
    return result


@service
def get_assessment(*, session: Session, assessment_id: int) -> AssessmentSummary:
    _get(session, assessment_id)
    for summary in list_assessments(session=session):
        if summary.id == assessment_id:
            return summary
    raise NotFound(f"assessment {assessment_id} not found")


@service
def questionnaire_of(*, session: Session, assessment_id: int) -> Questionnaire:
    return questionnaire_by_row(session=session, questionnaire_id=_get(session, assessment_id).questionnaire_id)


# --- answers ------------------------------------------------------------------------------------


def _answer_read(row: Answer) -> AnswerRead:
    return AnswerRead(
        item_id=row.item_id,
        level=row.level,
        na_reason=row.na_reason,
        target=row.target,
        comment=row.comment,
        review=row.review,
        answered_by=row.answered_by,
        answered_at=row.answered_at,
        version=row.version,
    )


@service
def list_answers(*, session: Session, assessment_id: int) -> dict[str, AnswerRead]:
    _get(session, assessment_id)
    rows = session.exec(select(Answer).where(Answer.assessment_id == assessment_id)).all()
    return {row.item_id: _answer_read(row) for row in rows}


_ANSWER_FIELDS = ("level", "na_reason", "target", "comment", "review")


def _describe_answer(row: Answer) -> str:
    if row.na_reason is not None:
        return "N/A"
    return "unanswered" if row.level is None else f"level {row.level}"


@service
def save_answer(
    *,
    session: Session,
    assessment_id: int,
    item_id: str,
    change: AnswerUpdate,
    actor: str,
    expected_version: int | None = None,
) -> AnswerRead:
    """Apply the fields set in ``change`` to one answer, in one short transaction.

    Setting ``level`` clears N/A and setting ``na_reason`` clears the level. With
    ``expected_version`` (0 = "I saw no answer"), a save made from a stale read raises
    Conflict naming who changed the answer; nothing is overwritten.
    """
    assessment = session.get(Assessment, assessment_id, with_for_update=True)
    if assessment is None:
        raise NotFound(f"assessment {assessment_id} not found; list them with: ai-readiness assessment list")
    if assessment.status in _CLOSED:
        raise Locked(
            f"assessment {assessment_id} is {_CLOSED[Status(assessment.status)]} and cannot be edited; "
            f"reopen it first with a reason (ai-readiness assessment reopen {assessment_id} --reason …)"
        )
    questionnaire = questionnaire_by_row(session=session, questionnaire_id=assessment.questionnaire_id)
    if item_id not in questionnaire.item_by_id:
        raise InvalidAnswer(f"item {item_id!r} is not in questionnaire {questionnaire.id}@{questionnaire.version}")
    values = change.model_dump(exclude_unset=True)
    for name in ("level", "target"):
        value = values.get(name)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 5):
            raise InvalidAnswer(f"item {item_id}: {name} must be a whole number from 0 to 5")
    if "na_reason" in values and values["na_reason"] is not None:
        reason = values["na_reason"].strip()
        if not reason:
            raise InvalidAnswer(f"item {item_id}: N/A needs a reason")
        values["na_reason"] = reason
        if values.get("level") is not None:
            raise InvalidAnswer(f"item {item_id}: give either a level or N/A, not both")
        values["level"] = None
    elif values.get("level") is not None:
        values["na_reason"] = None
    if "comment" in values and values["comment"] is None:
        values["comment"] = ""
    if "review" in values and values["review"] is None:
        del values["review"]

    row = session.exec(select(Answer).where(Answer.assessment_id == assessment_id, Answer.item_id == item_id)).first()
    current_version = row.version if row is not None else 0
    if expected_version is not None and expected_version != current_version:
        assert row is not None or expected_version > 0
        who = (
            f"{row.answered_by} at {row.answered_at:%Y-%m-%d %H:%M} UTC ({_describe_answer(row)})" if row else "someone"
        )
        raise Conflict(f"item {item_id} was changed by {who} since you opened it; nothing was saved, reload to see it")

    now = utcnow()
    if row is None:
        old = {name: None for name in _ANSWER_FIELDS} | {"comment": "", "review": False}
        row = Answer(assessment_id=assessment_id, item_id=item_id, answered_by=actor, answered_at=now, **values)
        session.add(row)
    else:
        old = {name: getattr(row, name) for name in _ANSWER_FIELDS}
        changed = {k: v for k, v in values.items() if old[k] != v}
        if not changed:
            session.rollback()
            return _answer_read(row)
        # The WHERE on version makes the check atomic against another process's save.
        result = session.execute(
            update(Answer)
            .where(col(Answer.id) == row.id, col(Answer.version) == row.version)
            .values(**changed, answered_by=actor, answered_at=now, version=row.version + 1)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            session.rollback()
            raise Conflict(f"item {item_id} was changed by someone else at the same moment; nothing was saved, reload")
    for name in _ANSWER_FIELDS:
        new_value = values.get(name, old[name])
        if name in values and old[name] != new_value:
            _audit(session, assessment_id, actor, "answer", item_id=item_id, field=name, old=old[name], new=new_value)
    session.execute(
        update(Assessment)
        .where(col(Assessment.id) == assessment_id)
        .values(updated_at=now, revision=col(Assessment.revision) + 1)
    )
    try:
        commit(session)
    except IntegrityError:
        raise Conflict(
            f"item {item_id} was answered by someone else at the same moment; nothing was saved, reload"
        ) from None
    saved = session.exec(select(Answer).where(Answer.assessment_id == assessment_id, Answer.item_id == item_id)).one()
    session.refresh(saved)
    return _answer_read(saved)


# --- scores ---------------------------------------------------------------------------------------


def answer_inputs(answers: dict[str, AnswerRead]) -> dict[str, AnswerInput]:
    return {
        item_id: AnswerInput(level=a.level, na=a.na_reason is not None, target=a.target)
        for item_id, a in answers.items()
    }


@service
def score_assessment(*, session: Session, assessment_id: int) -> ScoreResult:
    questionnaire = questionnaire_of(session=session, assessment_id=assessment_id)
    answers = list_answers(session=session, assessment_id=assessment_id)
    return score(questionnaire, answer_inputs(answers))


def answers_fingerprint(questionnaire_hash: str, answers: dict[str, AnswerRead]) -> str:
    """SHA-256 of the answers' content (not who or when): what a scorecard was made from."""
    canonical = {
        "questionnaire": questionnaire_hash,
        "answers": {
            item_id: [a.level, a.na_reason, a.target, a.comment, a.review] for item_id, a in sorted(answers.items())
        },
    }
    data = json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


# --- lifecycle ------------------------------------------------------------------------------------


def _change_status(session: Session, row: Assessment, new: Status, actor: str, **extra: Any) -> None:
    assert row.id is not None
    old = row.status
    row.status = new
    row.version += 1
    row.revision += 1
    row.updated_at = utcnow()
    session.add(row)
    _audit(session, row.id, actor, "status", field="status", old=old, new=str(new))
    for key, value in extra.items():
        if value is not None:
            _audit(session, row.id, actor, "status", field=key, new=value)
    commit(session)


def _check_version(row: Assessment, expected_version: int | None) -> None:
    if expected_version is not None and row.version != expected_version:
        raise Conflict(f"assessment {row.id} changed since you opened it (now {row.status}); reload and try again")


@service
def submit_assessment(
    *, session: Session, assessment_id: int, actor: str, reason: str | None = None, expected_version: int | None = None
) -> None:
    row = _get(session, assessment_id)
    _check_version(row, expected_version)
    if row.status != Status.DRAFT:
        raise WorkflowError(f"assessment {assessment_id} is {row.status}; only a draft can be submitted")
    result = score_assessment(session=session, assessment_id=assessment_id)
    reason = (reason or "").strip() or None
    if result.coverage < 1 and reason is None:
        missing = result.total - result.answered - result.not_applicable
        raise InvalidInput(
            f"assessment {assessment_id} has {missing} unanswered item(s) (coverage {result.coverage:.0%}); "
            "answer them or submit with a written reason (--reason)"
        )
    row.submit_reason = reason
    row.submitted_by = actor
    row.submitted_at = utcnow()
    _change_status(session, row, Status.SUBMITTED, actor, reason=reason)


@service
def approve_assessment(
    *, session: Session, assessment_id: int, approver: str, actor: str, expected_version: int | None = None
) -> None:
    row = _get(session, assessment_id)
    _check_version(row, expected_version)
    approver = approver.strip()
    if not approver:
        raise InvalidInput("approving needs the approver's name (--approver)")
    if row.status != Status.SUBMITTED:
        raise WorkflowError(f"assessment {assessment_id} is {row.status}; only a submitted assessment can be approved")
    row.approver = approver
    row.approved_at = utcnow()
    _change_status(session, row, Status.APPROVED, actor, approver=approver)


@service
def reopen_assessment(
    *, session: Session, assessment_id: int, reason: str, actor: str, expected_version: int | None = None
) -> None:
    row = _get(session, assessment_id)
    _check_version(row, expected_version)
    reason = reason.strip()
    if not reason:
        raise InvalidInput("reopening needs a written reason (--reason)")
    if row.status == Status.DRAFT:
        raise WorkflowError(f"assessment {assessment_id} is already a draft")
    row.approver = None
    row.approved_at = None
    _change_status(session, row, Status.DRAFT, actor, reason=reason)


@service
def audit_log(*, session: Session, assessment_id: int) -> list[AuditRead]:
    _get(session, assessment_id)
    rows = session.exec(
        select(AuditEntry).where(AuditEntry.assessment_id == assessment_id).order_by(col(AuditEntry.id))
    ).all()
    return [
        AuditRead(
            at=row.at,
            actor=row.actor,
            action=row.action,
            item_id=row.item_id,
            field=row.field,
            old=None if row.old is None else json.loads(row.old),
            new=None if row.new is None else json.loads(row.new),
        )
        for row in rows
    ]
