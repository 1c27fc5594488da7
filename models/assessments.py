"""Services for assessments: create, list, answer, score, and the draft → submitted →
approved lifecycle. Every change is audited in the same transaction as the change.

Every change starts with :func:`lock_assessment`, an UPDATE of the assessment row that bumps
its revision. On SQLite that takes the write lock as the transaction's first statement (a
busy database is waited for, up to the busy timeout); on PostgreSQL it takes the row lock.
Two saves to one assessment therefore run one after the other, and every check (status,
expected version) is made on what the other has committed: nothing is overwritten.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Table, bindparam, func, not_, or_, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, col, select

from models.db import refuse_unstorable
from models.errors import Conflict, InvalidAnswer, InvalidInput, Locked, NotFound, WorkflowError
from models.modules import linked_modules, scan_modules, split_item_id
from models.org import unit_paths
from models.prepared import Prepared
from models.questionnaire_store import questionnaire_by_row, register, register_active
from models.tables import (
    ITEM_ID_MAX,
    MODULE_ITEM_SEPARATOR,
    Answer,
    AnswerUpdate,
    Assessment,
    AssessmentModule,
    AuditEntry,
    Cycle,
    OrgUnit,
    QuestionnaireVersion,
    Status,
    UTCDateTime,
    utcnow,
)
from models.txn import commit, service
from questionnaires.model import Questionnaire
from questionnaires.schema import Item
from questionnaires.scoring import AnswerInput, ScoreResult, score

#: Statuses in which answers and evidence may not change.
_CLOSED = {Status.SUBMITTED: "submitted for approval", Status.APPROVED: "approved"}
_ANSWER_FIELDS = ("level", "na_reason", "target", "comment", "review")
_EMPTY = {"level": None, "na_reason": None, "target": None, "comment": "", "review": False}
#: What a save sets on an answer row.
_ANSWER_SET = (*_ANSWER_FIELDS, "answered_by", "answered_at", "version")
#: The columns of an audit entry, as :func:`audit_row` gives them.
_AUDIT_KEYS = ("assessment_id", "at", "actor", "action", "item_id", "field", "old", "new")


@dataclass(frozen=True)
class AssessmentSummary:
    id: int
    unit_id: int
    unit: str  # full path
    cycle_id: int
    cycle: str
    status: str
    coverage: float  # of the plan's items only; supplementary modules are scored apart
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
class NewAssessment:
    id: int
    modules: tuple[str, ...]  # "id@version" of each supplementary module linked
    warnings: tuple[str, ...]  # module files that were skipped, and why


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


#: The length of the name columns (answered_by, created_by, audit_log.actor, …).
ACTOR_MAX = 200


def audit_row(
    assessment_id: int,
    actor: str,
    action: str,
    at: datetime,
    *,
    item_id: str | None = None,
    field: str | None = None,
    old: Any = None,
    new: Any = None,
) -> dict[str, Any]:
    """One audit entry as column values (old and new JSON-encoded)."""
    if not actor.strip() or len(actor) > ACTOR_MAX:  # every change names its actor here, and fits the columns
        raise InvalidInput(f"who is acting (--user or AI_READINESS_USER) must be 1 to {ACTOR_MAX} characters")
    # A text kept only here (a reopen reason) is refused like any stored text, though JSON would escape it.
    refuse_unstorable((old, new))
    return {
        "assessment_id": assessment_id,
        "at": at,
        "actor": actor,
        "action": action,
        "item_id": item_id,
        "field": field,
        "old": None if old is None else json.dumps(old, ensure_ascii=False),
        "new": None if new is None else json.dumps(new, ensure_ascii=False),
    }


def _table(model: type[SQLModel]) -> Table:
    return model.__table__  # type: ignore[attr-defined, no-any-return]


class _Statements:
    """The statements of every change (lock, answers, audit), built once. A save is a handful of
    one-row statements, and building and compiling a statement costs far more than running it;
    most run as :class:`~models.prepared.Prepared` statements (straight on SQLite's cursor)."""

    def __init__(self) -> None:
        assessments, answers, audit = _table(Assessment), _table(Answer), _table(AuditEntry)
        versions = _table(QuestionnaireVersion)
        #: The questionnaire's content hash, read with the lock: the parsed questionnaire is
        #: cached by hash, so a save needs no query of its own to check the item id.
        plan_hash = (
            select(versions.c.hash)
            .where(versions.c.id == assessments.c.questionnaire_id)
            .correlate(assessments)
            .scalar_subquery()
            .label("questionnaire_hash")
        )
        bump = (
            update(assessments)
            .where(assessments.c.id == bindparam("assessment_id"))
            .values(revision=assessments.c.revision + 1, updated_at=bindparam("now", type_=UTCDateTime()))
        )
        # What a lock returns: the whole row, or what an answer save checks (fewer values to convert).
        whole = (*assessments.c, plan_hash)
        for_answers = (assessments.c.id, assessments.c.status, assessments.c.questionnaire_id, plan_hash)
        self.lock, self.lock_for_answers = (Prepared(bump.returning(*columns)) for columns in (whole, for_answers))
        # Without UPDATE … RETURNING (SQLite before 3.35): the bump, then a select.
        self.bump = Prepared(bump)
        self.locked, self.locked_for_answers = (
            Prepared(select(*columns).where(assessments.c.id == bindparam("assessment_id")))
            for columns in (whole, for_answers)
        )
        answer_of = answers.c.assessment_id == bindparam("assessment_id")
        self.answer_of = Prepared(select(*answers.c).where(answer_of, answers.c.item_id == bindparam("item_id")))
        self.answers_of = select(*answers.c).where(
            answer_of, answers.c.item_id.in_(bindparam("item_ids", expanding=True))
        )
        self.insert_answer = answers.insert()  # Core: its caller needs the new row's id
        self.insert_answers = Prepared(answers.insert(), column_keys=("assessment_id", "item_id", *_ANSWER_SET))
        # The version in the WHERE also guards against a writer that bypassed the assessment lock.
        self.update_answer = Prepared(
            update(answers).where(
                answers.c.id == bindparam("answer_id"), answers.c.version == bindparam("old_version")
            ),
            column_keys=_ANSWER_SET,
        )
        self.insert_audit = Prepared(audit.insert(), column_keys=_AUDIT_KEYS)


_STATEMENTS = _Statements()


def write_audit(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert audit rows made by :func:`audit_row`."""
    _STATEMENTS.insert_audit.executemany(session.connection(), rows)


def _not_found(assessment_id: int) -> NotFound:
    return NotFound(f"assessment {assessment_id} not found; list them with: ai-readiness assessment list")


def _get(session: Session, assessment_id: int) -> Assessment:
    row = session.get(Assessment, assessment_id)
    if row is None:
        raise _not_found(assessment_id)
    return row


def lock_assessment(session: Session, assessment_id: int, now: datetime) -> Assessment:
    """Begin a change: bump the revision (taking the write or row lock) and return the row as
    committed by everyone else (a plain row with the table's columns and ``questionnaire_hash``;
    read-only). The caller commits, or rolls back to undo the bump."""
    return _lock(session, assessment_id, now, _STATEMENTS.lock, _STATEMENTS.locked)


def _lock(session: Session, assessment_id: int, now: datetime, lock: Prepared, locked: Prepared) -> Assessment:
    connection = session.connection()
    params = {"assessment_id": assessment_id, "now": now}
    if connection.dialect.update_returning:  # one statement instead of two
        row = lock.execute(connection, params).first()
    elif _STATEMENTS.bump.execute(connection, params).rowcount == 1:
        row = locked.execute(connection, params).first()
    else:
        row = None
    if row is None:
        session.rollback()
        raise _not_found(assessment_id)
    return row  # type: ignore[return-value]  (a row with the table's columns reads like Assessment)


def _lock_for_answers(session: Session, assessment_id: int, now: datetime) -> Assessment:
    """:func:`lock_assessment` returning only ``id``, ``status``, ``questionnaire_id`` and ``questionnaire_hash``."""
    return _lock(session, assessment_id, now, _STATEMENTS.lock_for_answers, _STATEMENTS.locked_for_answers)


def ensure_editable(row: Assessment) -> None:
    if row.status in _CLOSED:
        raise Locked(
            f"assessment {row.id} is {_CLOSED[Status(row.status)]} and cannot be edited; "
            f"reopen it first with a reason (ai-readiness assessment reopen {row.id} --reason …)"
        )


def last_change(session: Session, assessment_id: int) -> str:
    """Who did what last, for Conflict messages: "山田 at 2026-05-01 10:02 UTC (status status: draft → submitted)".

    Of the entries written by the latest change (they share its time), a status change is named first."""
    recent = session.exec(
        select(AuditEntry).where(AuditEntry.assessment_id == assessment_id).order_by(col(AuditEntry.id).desc()).limit(8)
    ).all()
    if not recent:
        return "someone"
    same_change = [e for e in recent if e.at == recent[0].at]
    entry = next((e for e in same_change if e.field == "status"), recent[0])
    what = " ".join(x for x in (entry.action, entry.item_id or "", entry.field or "") if x)
    old = "—" if entry.old is None else json.loads(entry.old)
    new = "—" if entry.new is None else json.loads(entry.new)
    return f"{entry.actor} at {entry.at:%Y-%m-%d %H:%M} UTC ({what}: {old} → {new})"


# --- create and list ----------------------------------------------------------------------


@service
def start_assessment(
    *, session: Session, unit_id: int, cycle_id: int, actor: str, questionnaire_id: int | None = None
) -> NewAssessment:
    """Start an assessment of a unit in a cycle against the active questionnaire, with every
    valid module of the modules folder linked; a bad module file is skipped and named in
    ``warnings`` rather than stopping the assessment."""
    if session.get(OrgUnit, unit_id) is None:
        raise NotFound(f"unit {unit_id} not found")
    if session.get(Cycle, cycle_id) is None:
        raise NotFound(f"cycle {cycle_id} not found")
    if questionnaire_id is None:
        questionnaire_id = register_active(session=session)
    plan = questionnaire_by_row(session=session, questionnaire_id=questionnaire_id)
    existing = session.exec(
        select(Assessment.id).where(
            Assessment.unit_id == unit_id,
            Assessment.cycle_id == cycle_id,
            Assessment.questionnaire_id == questionnaire_id,
        )
    ).first()
    if existing is not None:
        session.rollback()
        raise Conflict(f"this unit already has an assessment for this cycle (id {existing})")
    scan = scan_modules(plan=plan)
    module_ids = [register(session=session, questionnaire=module) for module in scan.modules]
    now = utcnow()
    row = Assessment(
        unit_id=unit_id,
        cycle_id=cycle_id,
        questionnaire_id=questionnaire_id,
        created_by=actor,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise Conflict("this unit already has an assessment for this cycle (created at the same moment)") from None
    assert row.id is not None
    audit = [audit_row(row.id, actor, "create", now, new={"unit_id": unit_id, "cycle_id": cycle_id})]
    labels = []
    for module, module_row_id in zip(scan.modules, module_ids, strict=True):
        session.add(AssessmentModule(assessment_id=row.id, questionnaire_id=module_row_id))
        labels.append(f"{module.id}@{module.version}")
        audit.append(audit_row(row.id, actor, "module", now, field="linked", new=labels[-1]))
    session.flush()
    write_audit(session, audit)
    commit(session)
    return NewAssessment(id=row.id, modules=tuple(labels), warnings=scan.warnings)


@service
def create_assessment(
    *, session: Session, unit_id: int, cycle_id: int, actor: str, questionnaire_id: int | None = None
) -> int:
    """:func:`start_assessment`, returning only the new id (module warnings are logged)."""
    return start_assessment(
        session=session, unit_id=unit_id, cycle_id=cycle_id, actor=actor, questionnaire_id=questionnaire_id
    ).id


def _answered_counts(session: Session, ids: list[int] | None = None) -> dict[int, int]:
    """Answered or N/A plan items per assessment (module items hold the separator)."""
    query = (
        select(Answer.assessment_id, func.count())
        .where(
            or_(col(Answer.level).is_not(None), col(Answer.na_reason).is_not(None)),
            not_(col(Answer.item_id).contains(MODULE_ITEM_SEPARATOR)),
        )
        .group_by(col(Answer.assessment_id))
    )
    if ids is not None:
        query = query.where(col(Answer.assessment_id).in_(ids))
    return {aid: int(n or 0) for aid, n in session.exec(query).all()}


def _questionnaire_labels(session: Session, ids: set[int]) -> dict[int, tuple[str, int]]:
    """ "id@version" and the number of items of each questionnaire row (parsed once per hash)."""
    result = {}
    for qid in ids:
        q = questionnaire_by_row(session=session, questionnaire_id=qid)
        result[qid] = (f"{q.id}@{q.version}", len(q.items))
    return result


@service
def list_assessments(
    *,
    session: Session,
    cycle_id: int | None = None,
    unit_ids: set[int] | None = None,
    status: str | None = None,
    ids: list[int] | set[int] | None = None,
) -> list[AssessmentSummary]:
    """Assessments with their plan coverage, sorted by unit path, cycle and id. The filters
    combine; coverage is counted in SQL (one query for all rows)."""
    answered = (
        select(col(Answer.assessment_id).label("assessment_id"), func.count().label("n"))
        .where(
            or_(col(Answer.level).is_not(None), col(Answer.na_reason).is_not(None)),
            not_(col(Answer.item_id).contains(MODULE_ITEM_SEPARATOR)),
        )
        .group_by(col(Answer.assessment_id))
        .subquery()
    )
    query = (
        select(Assessment, Cycle.name, func.coalesce(answered.c.n, 0))
        .join(Cycle, col(Cycle.id) == Assessment.cycle_id)
        .outerjoin(answered, answered.c.assessment_id == Assessment.id)
    )
    if cycle_id is not None:
        query = query.where(Assessment.cycle_id == cycle_id)
    if status is not None:
        query = query.where(Assessment.status == status)
    if unit_ids is not None:
        query = query.where(col(Assessment.unit_id).in_(unit_ids))
    if ids is not None:
        query = query.where(col(Assessment.id).in_(list(ids)))
    rows = session.exec(query).all()
    if not rows:
        return []
    paths = unit_paths(session=session)
    labels = _questionnaire_labels(session, {row.questionnaire_id for row, _, _ in rows})
    result = []
    for row, cycle_name, answered_count in rows:
        assert row.id is not None
        label, total = labels[row.questionnaire_id]
        answered_count = int(answered_count)
        result.append(
            AssessmentSummary(
                id=row.id,
                unit_id=row.unit_id,
                unit=paths.get(row.unit_id, "?"),
                cycle_id=row.cycle_id,
                cycle=cycle_name,
                status=row.status,
                coverage=answered_count / total if total else 0.0,
                answered=answered_count,
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
    found = list_assessments(session=session, ids=[assessment_id])
    if not found:
        raise _not_found(assessment_id)
    return found[0]


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
    """Every answer of an assessment by item id (module items as ``<module id>:<item id>``)."""
    _get(session, assessment_id)
    rows = session.exec(
        select(Answer).where(Answer.assessment_id == assessment_id).execution_options(populate_existing=True)
    ).all()
    return {row.item_id: _answer_read(row) for row in rows}


def _unanswered(item_id: str) -> AnswerRead:
    """What an item without an answer row reads as (version 0: "no answer yet")."""
    return AnswerRead(item_id=item_id, answered_by="", answered_at=utcnow(), version=0, **_EMPTY)


def _describe_answer(row: Answer) -> str:
    if row.na_reason is not None:
        return "N/A"
    return "unanswered" if row.level is None else f"level {row.level}"


def _normalise(item_id: str, change: AnswerUpdate) -> dict[str, Any]:
    """The fields to set, checked: level or N/A (with a reason), whole numbers 0-5."""
    values = change.model_dump(exclude_unset=True)
    for name in ("level", "target"):
        value = values.get(name)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 5):
            raise InvalidAnswer(f"item {item_id}: {name} must be a whole number from 0 to 5")
    if "na_reason" in values and values["na_reason"] is not None:
        reason = values["na_reason"].strip()
        if not reason:
            raise InvalidAnswer(f"item {item_id}: N/A needs a reason")
        if len(reason) > 2000:
            raise InvalidAnswer(f"item {item_id}: the N/A reason is longer than 2000 characters")
        values["na_reason"] = reason
        if values.get("level") is not None:
            raise InvalidAnswer(f"item {item_id}: give either a level or N/A, not both")
        values["level"] = None
    elif values.get("level") is not None:
        values["na_reason"] = None
    if "comment" in values:
        values["comment"] = values["comment"] or ""
        if len(values["comment"]) > 20000:
            raise InvalidAnswer(f"item {item_id}: the comment is longer than 20000 characters")
    if "review" in values and values["review"] is None:
        del values["review"]
    return values


def resolve_item(session: Session, assessment: Assessment, item_id: str) -> Item:
    """The item an answer key names: a plan item, or ``<module id>:<item id>`` of a linked module."""
    assert assessment.id is not None
    if len(item_id) > ITEM_ID_MAX:
        raise InvalidAnswer(f"item id {item_id[:40]!r}… is longer than {ITEM_ID_MAX} characters")
    module_id, own_id = split_item_id(item_id)
    if module_id is None:
        # The row from lock_assessment carries the questionnaire's hash (no query needed).
        known_hash = getattr(assessment, "questionnaire_hash", None)
        plan = questionnaire_by_row(
            session=session, questionnaire_id=assessment.questionnaire_id, content_hash=known_hash
        )
        item = plan.item_by_id.get(item_id)
        if item is None:
            raise InvalidAnswer(f"item {item_id!r} is not in questionnaire {plan.id}@{plan.version}")
        return item
    modules = linked_modules(session, assessment.id)
    if module_id not in modules:
        known = ", ".join(modules) or "none"
        raise InvalidAnswer(
            f"item {item_id!r}: module {module_id!r} is not part of assessment {assessment.id} (its modules: {known})"
        )
    module = modules[module_id][1]
    item = module.item_by_id.get(own_id)
    if item is None:
        raise InvalidAnswer(f"item {item_id!r}: module {module.id}@{module.version} has no item {own_id!r}")
    return item


def _stale(item_id: str, row: Answer | None) -> Conflict:
    who = f"{row.answered_by} at {row.answered_at:%Y-%m-%d %H:%M} UTC ({_describe_answer(row)})" if row else "someone"
    return Conflict(f"item {item_id} was changed by {who} since you opened it; nothing was saved, reload to see it")


def _apply_answer(
    connection: Connection,
    assessment_id: int,
    item_id: str,
    row: Answer | None,
    values: dict[str, Any],
    actor: str,
    now: datetime,
    expected_version: int | None,
    audit: list[dict[str, Any]],
    inserts: list[dict[str, Any]],
) -> AnswerRead | None:
    """Apply one answer change inside a locked transaction: an existing answer is updated at
    once, a new one is queued in ``inserts`` (written together by the caller). None when
    nothing changes."""
    current_version = row.version if row is not None else 0
    if expected_version is not None and expected_version != current_version:
        raise _stale(item_id, row)
    old = {name: getattr(row, name) for name in _ANSWER_FIELDS} if row is not None else dict(_EMPTY)
    changed = {k: v for k, v in values.items() if old[k] != v}
    if not changed:
        return None
    new = old | changed
    if row is None:
        inserts.append(
            {"assessment_id": assessment_id, "item_id": item_id, "answered_by": actor, "answered_at": now, "version": 1}
            | new
        )
        version = 1
    else:
        # Every answer field is set (the unchanged ones to what they were), so one statement
        # serves every change. The assessment lock already serialises saves; the version in
        # the WHERE also guards against a writer that bypassed it.
        version = row.version + 1
        params = new | {"answered_by": actor, "answered_at": now, "version": version}
        result = _STATEMENTS.update_answer.execute(
            connection, params | {"answer_id": row.id, "old_version": row.version}
        )
        if result.rowcount != 1:
            raise Conflict(f"item {item_id} was changed by someone else at the same moment; nothing was saved, reload")
    audit += [
        audit_row(assessment_id, actor, "answer", now, item_id=item_id, field=name, old=old[name], new=new[name])
        for name in _ANSWER_FIELDS
        if name in changed
    ]
    return AnswerRead(item_id=item_id, answered_by=actor, answered_at=now, version=version, **new)


def _existing_answers(connection: Connection, assessment_id: int, item_ids: list[str]) -> dict[str, Answer]:
    """The answer rows of ``item_ids`` as plain rows (no ORM identity map to refresh)."""
    if len(item_ids) == 1:  # a save's own statement: an expanding IN costs more to render
        params: dict[str, Any] = {"assessment_id": assessment_id, "item_id": item_ids[0]}
        rows = _STATEMENTS.answer_of.execute(connection, params).rows
    else:
        params = {"assessment_id": assessment_id, "item_ids": item_ids}
        rows = connection.execute(_STATEMENTS.answers_of, params)
    return {row.item_id: row for row in rows}  # rows read like Answer


def _write_and_commit(
    session: Session, inserts: list[dict[str, Any]], audit: list[dict[str, Any]], item_ids: list[str]
) -> None:
    """Write the new answers and the audit entries, and commit them together."""
    try:
        connection = session.connection()
        _STATEMENTS.insert_answers.executemany(connection, inserts)
        _STATEMENTS.insert_audit.executemany(connection, audit)
        commit(session)
    except IntegrityError:
        # Only possible if another writer skipped the assessment lock; nothing is kept.
        session.rollback()
        raise Conflict(
            f"item {', '.join(item_ids)} was answered by someone else at the same moment; nothing was saved, reload"
        ) from None


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
    Conflict naming who changed the answer; nothing is overwritten. ``item_id`` is a plan
    item's id or ``<module id>:<item id>`` for an item of a supplementary module.
    """
    values = _normalise(item_id, change)
    now = utcnow()
    assessment = _lock_for_answers(session, assessment_id, now)
    ensure_editable(assessment)
    resolve_item(session, assessment, item_id)
    connection = session.connection()
    row = _existing_answers(connection, assessment_id, [item_id]).get(item_id)
    audit: list[dict[str, Any]] = []
    inserts: list[dict[str, Any]] = []
    saved = _apply_answer(connection, assessment_id, item_id, row, values, actor, now, expected_version, audit, inserts)
    if saved is None:  # nothing changed: no revision bump, no audit entry
        unchanged = _answer_read(row) if row is not None else _unanswered(item_id)
        session.rollback()
        return unchanged
    _write_and_commit(session, inserts, audit, [item_id])
    return saved


@service
def save_answers(
    *,
    session: Session,
    assessment_id: int,
    changes: Mapping[str, AnswerUpdate],
    actor: str,
    expected_versions: Mapping[str, int] | None = None,
) -> dict[str, AnswerRead]:
    """Apply several answer changes in one transaction: all are saved, or none (the first
    invalid item or stale version raises). Every changed field is audited as by
    :func:`save_answer`. Returns the answers that changed."""
    values = {item_id: _normalise(item_id, change) for item_id, change in changes.items()}
    if not values:
        return {}
    now = utcnow()
    assessment = _lock_for_answers(session, assessment_id, now)
    ensure_editable(assessment)
    for item_id in values:
        resolve_item(session, assessment, item_id)
    connection = session.connection()
    existing = _existing_answers(connection, assessment_id, list(values))
    audit: list[dict[str, Any]] = []
    inserts: list[dict[str, Any]] = []
    saved: dict[str, AnswerRead] = {}
    for item_id, item_values in values.items():
        expected = None if expected_versions is None else expected_versions.get(item_id)
        result = _apply_answer(
            connection, assessment_id, item_id, existing.get(item_id), item_values, actor, now, expected, audit, inserts
        )
        if result is not None:
            saved[item_id] = result
    if not saved:
        session.rollback()
        return {}
    _write_and_commit(session, inserts, audit, list(saved))
    return saved


def ensure_answer(
    session: Session, assessment: Assessment, item_id: str, actor: str, now: datetime, audit: list[dict[str, Any]]
) -> int:
    """The id of an item's answer row, creating an empty (unanswered) one if there is none, so
    that evidence can hang on it. Inside a locked transaction; audited."""
    assert assessment.id is not None
    row = _existing_answers(session.connection(), assessment.id, [item_id]).get(item_id)
    if row is not None:
        assert row.id is not None
        return row.id
    values = {"assessment_id": assessment.id, "item_id": item_id, "answered_by": actor, "answered_at": now}
    result = session.connection().execute(_STATEMENTS.insert_answer, values | {"version": 1, **_EMPTY})
    audit.append(audit_row(assessment.id, actor, "answer", now, item_id=item_id, field="created", new="unanswered"))
    return int(result.inserted_primary_key[0])  # type: ignore[attr-defined]


# --- scores ---------------------------------------------------------------------------------------


def answer_inputs(answers: dict[str, AnswerRead]) -> dict[str, AnswerInput]:
    return {
        item_id: AnswerInput(level=a.level, na=a.na_reason is not None, target=a.target)
        for item_id, a in answers.items()
    }


@service
def score_assessment(*, session: Session, assessment_id: int) -> ScoreResult:
    """The plan's score. Supplementary modules are scored apart (``models.modules.score_modules``)."""
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


def _begin_status_change(
    session: Session, assessment_id: int, expected_version: int | None, now: datetime
) -> Assessment:
    row = lock_assessment(session, assessment_id, now)
    if expected_version is not None and row.version != expected_version:
        raise Conflict(
            f"assessment {assessment_id} was changed by {last_change(session, assessment_id)} since you opened it "
            f"(now {row.status}); nothing was changed, reload and try again"
        )
    return row


def _change_status(
    session: Session,
    row: Assessment,
    new: Status,
    actor: str,
    now: datetime,
    columns: dict[str, Any],
    **audited: Any,
) -> None:
    """Set the status (and ``columns``), bump the version, audit, commit."""
    assert row.id is not None
    session.execute(
        update(Assessment)
        .where(col(Assessment.id) == row.id)
        .values(status=str(new), version=row.version + 1, **columns)
        .execution_options(synchronize_session=False)
    )
    audit = [audit_row(row.id, actor, "status", now, field="status", old=row.status, new=str(new))]
    for key, value in audited.items():
        if value is not None:
            audit.append(audit_row(row.id, actor, "status", now, field=key, new=value))
    write_audit(session, audit)
    commit(session)


@service
def submit_assessment(
    *, session: Session, assessment_id: int, actor: str, reason: str | None = None, expected_version: int | None = None
) -> None:
    """Draft → submitted. Below full coverage of the plan's items a written reason is needed."""
    reason = (reason or "").strip() or None
    if reason is not None and len(reason) > 20000:
        raise InvalidInput("the reason is longer than 20000 characters")
    now = utcnow()
    row = _begin_status_change(session, assessment_id, expected_version, now)
    if row.status != Status.DRAFT:
        raise WorkflowError(f"assessment {assessment_id} is {row.status}; only a draft can be submitted")
    total = len(questionnaire_by_row(session=session, questionnaire_id=row.questionnaire_id).items)
    answered = _answered_counts(session, [assessment_id]).get(assessment_id, 0)
    if answered < total and reason is None:
        raise InvalidInput(
            f"assessment {assessment_id} has {total - answered} unanswered item(s) (coverage {answered / total:.0%}); "
            "answer them or submit with a written reason (--reason)"
        )
    columns = {"submit_reason": reason, "submitted_by": actor, "submitted_at": now}
    _change_status(session, row, Status.SUBMITTED, actor, now, columns, reason=reason)


@service
def approve_assessment(
    *, session: Session, assessment_id: int, approver: str, actor: str, expected_version: int | None = None
) -> None:
    """Submitted → approved, recording the approver; an approved assessment is locked."""
    approver = approver.strip()
    if not approver:
        raise InvalidInput("approving needs the approver's name (--approver)")
    if len(approver) > 200:
        raise InvalidInput("the approver's name is longer than 200 characters")
    now = utcnow()
    row = _begin_status_change(session, assessment_id, expected_version, now)
    if row.status != Status.SUBMITTED:
        raise WorkflowError(f"assessment {assessment_id} is {row.status}; only a submitted assessment can be approved")
    columns = {"approver": approver, "approved_at": now}
    _change_status(session, row, Status.APPROVED, actor, now, columns, approver=approver)


@service
def reopen_assessment(
    *, session: Session, assessment_id: int, reason: str, actor: str, expected_version: int | None = None
) -> None:
    """Submitted or approved → draft, with a written reason; the approval is cleared."""
    reason = reason.strip()
    if not reason:
        raise InvalidInput("reopening needs a written reason (--reason)")
    if len(reason) > 20000:
        raise InvalidInput("the reason is longer than 20000 characters")
    now = utcnow()
    row = _begin_status_change(session, assessment_id, expected_version, now)
    if row.status == Status.DRAFT:
        raise WorkflowError(f"assessment {assessment_id} is already a draft")
    _change_status(session, row, Status.DRAFT, actor, now, {"approver": None, "approved_at": None}, reason=reason)


@service
def audit_log(*, session: Session, assessment_id: int) -> list[AuditRead]:
    """Every change of an assessment, oldest first."""
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
