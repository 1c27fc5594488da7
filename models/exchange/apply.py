"""Write a verified package into the database: a new assessment, a newer revision of one we
have, nothing (already here, or older), or a conflict kept for the user to choose.

Deciding uses content digests, not clocks. The common point of two copies is what this
database last took from that signer (``exchange_state``) or what the sender last took from
us (the package's ``based_on``):

- same content as here → unchanged;
- the package builds on exactly our current content → update (fast-forward);
- we have not changed since the last package from the same signer, and this one is newer → update;
- we already hold this package's content as the last exchange, or it is older → unchanged;
- anything else changed on both sides → conflict: the incoming package is stored and the
  local copy stays as it is until the user keeps one (``resolve_conflict``).

An approved local copy is only replaced by an approved revision; a newer draft or submitted
revision (reopened at the sender) is a conflict, so an approval never disappears unseen.
Each update writes the field changes to the audit trail (as answer saves do), adds the sender's
audit entries that are new here, and an ``import`` entry naming the signer and revision.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import delete, insert, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from models.assessments import audit_row
from models.errors import NotFound
from models.exchange.common import (
    STATEMENTS,
    ImportOutcome,
    ensure_cycle,
    ensure_questionnaire,
    ensure_unit,
    lock_database,
    table,
    write_audit,
)
from models.exchange.files import ImportRefused
from models.exchange.package import VerifiedPackage
from models.exchange.payload import WITHHELD, AnswerData, AssessmentData, answers_of, local_digest, questionnaire_refs
from models.keys import add_trusted, format_fingerprint, own_fingerprint
from models.org import unit_paths
from models.tables import (
    Answer,
    Assessment,
    AssessmentModule,
    AuditEntry,
    Cycle,
    Evidence,
    ExchangeConflict,
    ExchangeState,
    QuestionnaireVersion,
    Status,
    utcnow,
)
from models.txn import commit, service

_FIELDS = ("level", "na_reason", "target", "comment", "review")
_EMPTY: dict[str, Any] = {"level": None, "na_reason": None, "target": None, "comment": "", "review": False}


@dataclass(frozen=True)
class Decision:
    action: Literal["update", "unchanged", "conflict"]
    reason: str


def decide(
    *,
    local: str,
    local_revision: int,
    local_status: str,
    state: ExchangeState | None,
    data: AssessmentData,
    signer: str,
    own: str | None,
) -> Decision:
    """What to do with a package for an assessment this database already has (see the module doc)."""
    same_signer = state is not None and state.signer == signer
    if data.digest == local:
        return Decision("unchanged", f"already up to date (revision {data.revision})")
    fast_forward = data.based_on is not None and data.based_on.digest == local
    if not fast_forward and state is not None and data.digest == state.last_digest:
        return Decision("unchanged", "this revision was imported before; the changes made here since are kept")
    if not fast_forward and same_signer and state is not None and data.revision <= state.last_revision:
        return Decision(
            "unchanged", f"revision {data.revision} is older than revision {state.last_revision} imported before"
        )
    older_own = state is None and data.based_on is None and signer == own and data.revision <= local_revision
    if not fast_forward and older_own:
        return Decision("unchanged", f"an older copy of this assessment (revision {data.revision})")
    unchanged_here = fast_forward or (same_signer and state is not None and local == state.last_digest)
    if not unchanged_here:
        return Decision("conflict", "changed here and in the package since the last exchange; choose which to keep")
    if local_status == Status.APPROVED and data.status != Status.APPROVED:
        return Decision(
            "conflict",
            f"approved here, but the package holds a newer {data.status} revision (reopened by the sender); "
            "choose which to keep",
        )
    return Decision("update", "")


# --- writing ------------------------------------------------------------------------------------


def _answer_values(assessment_id: int, answer: AnswerData) -> dict[str, Any]:
    return {
        "assessment_id": assessment_id,
        "item_id": answer.item,
        "level": answer.level,
        "na_reason": answer.na_reason,
        "target": answer.target,
        "comment": answer.comment,
        "review": answer.review,
        "answered_by": answer.answered_by or WITHHELD,
        "answered_at": answer.answered_at,
        "version": 1,
    }


def _insert_evidence(session: Session, answer_id: int, answer: AnswerData) -> None:
    if answer.evidence:
        session.execute(
            table(Evidence).insert(),
            [
                {
                    "answer_id": answer_id,
                    "kind": e.kind,
                    "text": e.text,
                    "url": e.url,
                    "filename": e.filename,
                    "sha256": e.sha256,
                    "size": e.size,
                    "added_by": e.added_by or WITHHELD,
                    "added_at": e.added_at,
                }
                for e in answer.evidence
            ],
        )


def _audit_key(at: datetime, actor: str, action: str, item: str | None, field: str | None, old: Any, new: Any) -> tuple:
    return (
        at.timestamp(),
        actor,
        action,
        item,
        field,
        json.dumps(old, sort_keys=True),
        json.dumps(new, sort_keys=True),
    )


def _sender_audit(assessment_id: int, data: AssessmentData, skip: set[tuple] | None = None) -> list[dict[str, Any]]:
    rows = []
    for entry in data.audit:
        actor = entry.actor or WITHHELD
        if skip is not None:
            key = _audit_key(entry.at, actor, entry.action, entry.item, entry.field, entry.old, entry.new)
            if key in skip:
                continue
            skip.add(key)
        rows.append(
            audit_row(
                assessment_id,
                actor,
                entry.action,
                entry.at,
                item_id=entry.item,
                field=entry.field,
                old=entry.old,
                new=entry.new,
            )
        )
    return rows


def _local_audit_keys(session: Session, assessment_id: int) -> set[tuple]:
    rows = session.exec(
        select(
            AuditEntry.at,
            AuditEntry.actor,
            AuditEntry.action,
            AuditEntry.item_id,
            AuditEntry.field,
            AuditEntry.old,
            AuditEntry.new,
        ).where(AuditEntry.assessment_id == assessment_id)
    ).all()
    return {
        _audit_key(
            at,
            actor,
            action,
            item,
            field,
            None if old is None else json.loads(old),
            None if new is None else json.loads(new),
        )
        for at, actor, action, item, field, old, new in rows
    }


def _import_entry(
    assessment_id: int, actor: str, now: datetime, file_name: str, data: AssessmentData, signer: str, **extra: Any
) -> dict[str, Any]:
    return audit_row(
        assessment_id,
        actor,
        "import",
        now,
        new={
            "file": file_name,
            "signer": format_fingerprint(signer),
            "revision": data.revision,
            "status": data.status,
            **extra,
        },
    )


def _set_state(session: Session, assessment_id: int, data: AssessmentData, signer: str, now: datetime) -> None:
    values = {"last_revision": data.revision, "last_digest": data.digest, "signer": signer, "imported_at": now}
    if session.get(ExchangeState, assessment_id) is None:
        session.execute(insert(ExchangeState).values(assessment_id=assessment_id, **values))
    else:
        session.execute(update(ExchangeState).where(col(ExchangeState.assessment_id) == assessment_id).values(**values))


def _module_ids(session: Session, package: VerifiedPackage) -> list[int]:
    return [ensure_questionnaire(session, module) for module in package.modules]


def _status_values(data: AssessmentData) -> dict[str, Any]:
    return {
        "status": data.status,
        "submit_reason": data.submit_reason,
        "submitted_by": data.submitted_by,
        "submitted_at": data.submitted_at,
        "approver": data.approver,
        "approved_at": data.approved_at,
    }


def _create(session: Session, package: VerifiedPackage, file_name: str, actor: str, now: datetime) -> int:
    data = package.data
    unit_id = ensure_unit(session, data.unit.path, name_en=data.unit.name_en, code=data.unit.code)
    cycle_id = ensure_cycle(session, data.cycle)
    plan_id = ensure_questionnaire(session, package.questionnaire)
    conn = session.connection()  # Core statements: an import writes hundreds of rows per package
    clash = conn.execute(
        STATEMENTS.assessment_of, {"unit_id": unit_id, "cycle_id": cycle_id, "questionnaire_id": plan_id}
    ).scalar()
    if clash is not None:
        raise ImportRefused(
            f"{data.unit.path} already has another assessment for {data.cycle} (id {clash}) that was not made from "
            "this package's assessment; remove or rename one of them first"
        )
    result = conn.execute(
        STATEMENTS.insert_assessment,
        {
            "uid": data.uid,
            "unit_id": unit_id,
            "cycle_id": cycle_id,
            "questionnaire_id": plan_id,
            "revision": data.revision,
            "version": 1,
            "created_by": data.created_by or WITHHELD,
            "created_at": data.created_at,
            "updated_at": data.updated_at,
            **_status_values(data),
        },
    )
    assessment_id = int(result.inserted_primary_key[0])
    module_ids = [ensure_questionnaire(session, module) for module in package.modules]
    if module_ids:
        conn.execute(
            table(AssessmentModule).insert(),
            [{"assessment_id": assessment_id, "questionnaire_id": m} for m in module_ids],
        )
    if data.answers:
        conn.execute(STATEMENTS.insert_answers, [_answer_values(assessment_id, a) for a in data.answers])
        if any(a.evidence for a in data.answers):
            answers = table(Answer)
            ids = dict(
                conn.execute(
                    select(answers.c.item_id, answers.c.id).where(answers.c.assessment_id == assessment_id)
                ).all()
            )
            for answer in data.answers:
                _insert_evidence(session, ids[answer.item], answer)
    audit = _sender_audit(assessment_id, data)
    audit.append(_import_entry(assessment_id, actor, now, file_name, data, package.signer))
    write_audit(session, audit)
    conn.execute(
        STATEMENTS.insert_state,
        {
            "assessment_id": assessment_id,
            "last_revision": data.revision,
            "last_digest": data.digest,
            "signer": package.signer,
            "imported_at": now,
        },
    )
    return assessment_id


def _replace(
    session: Session, row: Assessment, package: VerifiedPackage | None, data: AssessmentData, actor: str, now: datetime
) -> list[dict[str, Any]]:
    """Make the local copy say what ``data`` says; return the audit rows of what changed."""
    assert row.id is not None
    assessment_id = row.id
    current = {a.item: a for a in answers_of(session, assessment_id)}
    ids = dict(session.exec(select(Answer.item_id, Answer.id).where(Answer.assessment_id == assessment_id)).all())
    incoming = {a.item: a for a in data.answers}
    audit: list[dict[str, Any]] = []
    for item in sorted(set(current) | set(incoming)):
        old, new = current.get(item), incoming.get(item)
        old_values = {f: getattr(old, f) for f in _FIELDS} if old else dict(_EMPTY)
        new_values = {f: getattr(new, f) for f in _FIELDS} if new else dict(_EMPTY)
        for name in _FIELDS:
            if old_values[name] != new_values[name]:
                audit.append(
                    audit_row(
                        assessment_id,
                        actor,
                        "answer",
                        now,
                        item_id=item,
                        field=name,
                        old=old_values[name],
                        new=new_values[name],
                    )
                )
        if new is None:
            session.execute(delete(Answer).where(col(Answer.id) == ids[item]))
            continue
        if old is None:
            result = session.execute(insert(Answer).values(**_answer_values(assessment_id, new)))
            _insert_evidence(session, int(result.inserted_primary_key[0]), new)  # type: ignore[attr-defined]
            continue
        if old_values != new_values:
            session.execute(
                update(Answer)
                .where(col(Answer.id) == ids[item])
                .values(
                    **new_values,
                    answered_by=new.answered_by or WITHHELD,
                    answered_at=new.answered_at,
                    version=col(Answer.version) + 1,
                )
            )
        if old.content()[-1] != new.content()[-1]:
            session.execute(delete(Evidence).where(col(Evidence.answer_id) == ids[item]))
            _insert_evidence(session, ids[item], new)
            audit.append(
                audit_row(
                    assessment_id,
                    actor,
                    "evidence",
                    now,
                    item_id=item,
                    field="replaced",
                    old=len(old.evidence),
                    new=len(new.evidence),
                )
            )
    if package is not None:
        local_modules = {m.hash for m in questionnaire_refs(session, row)[1]}
        if local_modules != {m.hash for m in data.modules}:
            session.execute(delete(AssessmentModule).where(col(AssessmentModule.assessment_id) == assessment_id))
            module_ids = _module_ids(session, package)
            if module_ids:
                session.execute(
                    insert(AssessmentModule),
                    [{"assessment_id": assessment_id, "questionnaire_id": m} for m in module_ids],
                )
    if row.status != data.status:
        audit.append(audit_row(assessment_id, actor, "status", now, field="status", old=row.status, new=data.status))
    if row.approver != data.approver and data.approver is not None:
        audit.append(
            audit_row(assessment_id, actor, "status", now, field="approver", old=row.approver, new=data.approver)
        )
    session.execute(
        update(Assessment)
        .where(col(Assessment.id) == assessment_id)
        .values(
            **_status_values(data),
            revision=max(row.revision, data.revision),
            version=col(Assessment.version) + 1,
            updated_at=now,
        )
    )
    return audit


def _update(
    session: Session, row: Assessment, package: VerifiedPackage, file_name: str, actor: str, now: datetime
) -> None:
    assert row.id is not None
    data = package.data
    changes = _replace(session, row, package, data, actor, now)
    history = _sender_audit(row.id, data, skip=_local_audit_keys(session, row.id))
    write_audit(session, [*history, *changes, _import_entry(row.id, actor, now, file_name, data, package.signer)])
    _set_state(session, row.id, data, package.signer, now)
    session.execute(
        delete(ExchangeConflict).where(
            col(ExchangeConflict.assessment_id) == row.id, col(ExchangeConflict.signer) == package.signer
        )
    )


def _keep_conflict(
    session: Session, row: Assessment, package: VerifiedPackage, file_name: str, reason: str, actor: str, now: datetime
) -> bool:
    """Store the incoming package beside the local copy; False when it is already waiting."""
    assert row.id is not None
    data = package.data
    pending = session.get(ExchangeConflict, row.id)
    if pending is not None and pending.digest == data.digest:
        return False
    _module_ids(session, package)  # registered now, so "keep theirs" can link them later
    values = {
        "revision": data.revision,
        "digest": data.digest,
        "signer": package.signer,
        "file_name": file_name[:255],
        "reason": reason[:400],
        "payload": package.payload.decode("utf-8"),
        "received_at": now,
    }
    if pending is None:
        session.execute(insert(ExchangeConflict).values(assessment_id=row.id, **values))
    else:
        session.execute(update(ExchangeConflict).where(col(ExchangeConflict.assessment_id) == row.id).values(**values))
    write_audit(session, [_import_entry(row.id, actor, now, file_name, data, package.signer, conflict=reason)])
    return True


def _where(session: Session, row: Assessment) -> str:
    cycle = session.get(Cycle, row.cycle_id)
    return f"{unit_paths(session=session).get(row.unit_id, '?')} · {cycle.name if cycle else '?'}"


@service
def apply_package(
    *, session: Session, package: VerifiedPackage, file_name: str, actor: str, trust: bool = False
) -> ImportOutcome:
    """Import a verified package in one transaction (the caller has checked trust, or asks with
    ``trust=True`` to trust its signer now)."""
    data = package.data
    now = utcnow()
    lock_database(session)
    if trust and package.signer != own_fingerprint():
        add_trusted(session=session, public_raw=package.signer_key, label=data.unit.path, source="import", actor=actor)
    existing = session.connection().execute(STATEMENTS.assessment_with_uid, {"uid": data.uid}).scalar()
    row = None if existing is None else session.get(Assessment, existing)
    try:
        if row is None:
            assessment_id = _create(session, package, file_name, actor, now)
            commit(session)
            return ImportOutcome(
                file_name,
                "imported",
                f"{data.unit.path} · {data.cycle}, revision {data.revision}",
                assessment_id,
                package.signer,
            )
        assert row.id is not None
        if data.scrubbed:
            raise ImportRefused(
                f"a scrubbed package (no names or comments) cannot update assessment {row.id}, which exists here"
            )
        plan, _ = questionnaire_refs(session, row)
        if plan.hash != data.questionnaire.hash:
            raise ImportRefused(
                f"assessment {row.id} here was answered against {plan.id}@{plan.version}, the package against "
                f"{data.questionnaire.id}@{data.questionnaire.version}; they cannot be merged"
            )
        decision = decide(
            local=local_digest(session, row),
            local_revision=row.revision,
            local_status=row.status,
            state=session.get(ExchangeState, row.id),
            data=data,
            signer=package.signer,
            own=own_fingerprint(),
        )
        where = _where(session, row)
        if decision.action == "unchanged":
            if trust:
                commit(session)  # the signer is trusted now, as asked
            else:
                session.rollback()
            return ImportOutcome(file_name, "unchanged", f"{where}: {decision.reason}", row.id, package.signer)
        if decision.action == "conflict":
            stored = _keep_conflict(session, row, package, file_name, decision.reason, actor, now)
            commit(session)
            note = "" if stored else " (already waiting for a choice)"
            return ImportOutcome(
                file_name,
                "conflict",
                f"{where}: {decision.reason}{note}: ai-readiness import --resolve {row.id} --keep mine|theirs",
                row.id,
                package.signer,
            )
        _update(session, row, package, file_name, actor, now)
        commit(session)
        return ImportOutcome(file_name, "updated", f"{where}: now revision {data.revision}", row.id, package.signer)
    except IntegrityError:
        raise ImportRefused(
            "the assessment was imported or changed by someone else at the same moment; nothing was imported, try again"
        ) from None


# --- conflicts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConflictRead:
    assessment_id: int
    where: str
    file_name: str
    signer: str
    revision: int
    reason: str
    received_at: datetime


@dataclass(frozen=True)
class AnswerDiff:
    item: str
    mine: AnswerData | None
    theirs: AnswerData | None


@dataclass(frozen=True)
class ConflictDetail:
    conflict: ConflictRead
    mine_status: str
    theirs_status: str
    differences: list[AnswerDiff]


def _conflict_read(session: Session, row: ExchangeConflict) -> ConflictRead:
    assessment = session.get(Assessment, row.assessment_id)
    assert assessment is not None
    return ConflictRead(
        row.assessment_id,
        _where(session, assessment),
        row.file_name,
        row.signer,
        row.revision,
        row.reason,
        row.received_at,
    )


@service
def list_conflicts(*, session: Session) -> list[ConflictRead]:
    rows = session.exec(select(ExchangeConflict).order_by(col(ExchangeConflict.assessment_id))).all()
    return [_conflict_read(session, row) for row in rows]


def _pending(session: Session, assessment_id: int) -> ExchangeConflict:
    row = session.get(ExchangeConflict, assessment_id)
    if row is None:
        raise NotFound(f"assessment {assessment_id} has no import conflict waiting for a choice")
    return row


@service
def conflict_detail(*, session: Session, assessment_id: int) -> ConflictDetail:
    """Both versions of a conflicting assessment, item by item where they differ."""
    pending = _pending(session, assessment_id)
    row = session.get(Assessment, assessment_id)
    assert row is not None
    theirs = AssessmentData.model_validate_json(pending.payload)
    mine = {a.item: a for a in answers_of(session, assessment_id)}
    incoming = {a.item: a for a in theirs.answers}
    differences = [
        AnswerDiff(item, mine.get(item), incoming.get(item))
        for item in sorted(set(mine) | set(incoming))
        if (mine[item].content() if item in mine else None) != (incoming[item].content() if item in incoming else None)
    ]
    return ConflictDetail(_conflict_read(session, pending), row.status, theirs.status, differences)


@service
def resolve_conflict(
    *, session: Session, assessment_id: int, keep: Literal["mine", "theirs"], actor: str
) -> ImportOutcome:
    """Settle a conflict: keep the local copy, or take the incoming one (audited either way)."""
    now = utcnow()
    lock_database(session)
    pending = _pending(session, assessment_id)
    row = session.get(Assessment, assessment_id)
    assert row is not None and row.id is not None
    data = AssessmentData.model_validate_json(pending.payload)
    audit: list[dict[str, Any]] = []
    if keep == "theirs":
        audit.extend(_sender_audit(row.id, data, skip=_local_audit_keys(session, row.id)))
        audit.extend(_replace(session, row, None, data, actor, now))
        if {m.hash for m in questionnaire_refs(session, row)[1]} != {m.hash for m in data.modules}:
            session.execute(delete(AssessmentModule).where(col(AssessmentModule.assessment_id) == row.id))
            for ref in data.modules:
                module_id = session.exec(
                    select(QuestionnaireVersion.id).where(QuestionnaireVersion.hash == ref.hash)
                ).one()
                session.execute(insert(AssessmentModule).values(assessment_id=row.id, questionnaire_id=module_id))
    else:
        session.execute(
            update(Assessment)
            .where(col(Assessment.id) == row.id)
            .values(revision=max(row.revision, data.revision) + 1, updated_at=now)
        )
    audit.append(
        audit_row(
            row.id,
            actor,
            "import",
            now,
            field="resolved",
            new={
                "kept": keep,
                "file": pending.file_name,
                "signer": format_fingerprint(pending.signer),
                "revision": data.revision,
            },
        )
    )
    write_audit(session, audit)
    _set_state(session, row.id, data, pending.signer, now)
    session.execute(delete(ExchangeConflict).where(col(ExchangeConflict.assessment_id) == row.id))
    where = _where(session, row)
    commit(session)
    kept = "the local copy was kept" if keep == "mine" else f"revision {data.revision} from the package was taken"
    return ImportOutcome(
        pending.file_name, "updated" if keep == "theirs" else "unchanged", f"{where}: {kept}", row.id, pending.signer
    )
