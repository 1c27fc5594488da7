"""``assessment.json``, the readable heart of a package: its schema, how it is read from the
database, how it is scrubbed for disclosure, and the content digest that spots changes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    model_validator,
)
from sqlmodel import Session, col, select

from models.assessments import audit_log
from models.errors import NotFound
from models.org import get_unit
from models.tables import (
    ITEM_ID_MAX,
    Answer,
    Assessment,
    AssessmentModule,
    Cycle,
    Evidence,
    ExchangeState,
    OrgUnit,
    QuestionnaireVersion,
)
from models.txn import service

ASSESSMENT_FORMAT = "ai-readiness/assessment"
ASSESSMENT_FORMAT_VERSION = 1
#: Stands in for a name or text left out of a scrubbed package (and for names a package lacks).
WITHHELD = "(withheld)"
#: Audit fields whose old/new values are plain numbers or statuses, kept in a scrubbed package.
_SCRUB_SAFE_FIELDS = frozenset({"level", "target", "review", "status"})

Hex64 = Annotated[StrictStr, Field(pattern=r"^[0-9a-f]{64}$")]
Level = Annotated[StrictInt, Field(ge=0, le=5)]
#: The largest value of an INTEGER column on every database (PostgreSQL's is 32 bits).
MAX_INTEGER = 2**31 - 1


def _storable(moment: datetime) -> datetime:
    """A moment that can be stored (in UTC): year 1 at +14:00 cannot."""
    try:
        moment.astimezone(UTC)
    except OverflowError:
        raise ValueError("the date and time is out of range") from None
    return moment


Moment = Annotated[AwareDatetime, AfterValidator(_storable)]
Name = Annotated[StrictStr, Field(max_length=200)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EvidenceData(_Strict):
    kind: Literal["text", "link", "file"]
    text: Annotated[StrictStr, Field(max_length=20000)] | None = None
    url: Annotated[StrictStr, Field(max_length=2000)] | None = None
    filename: Annotated[StrictStr, Field(max_length=255)] | None = None
    sha256: Hex64 | None = None
    size: Annotated[StrictInt, Field(ge=0, le=MAX_INTEGER)] | None = None
    added_by: Name | None = None
    added_at: Moment

    def content(self) -> list[Any]:
        return [self.kind, self.text, self.url, self.filename, self.sha256, self.size]


class AnswerData(_Strict):
    item: Annotated[StrictStr, Field(min_length=1, max_length=ITEM_ID_MAX)]
    level: Level | None = None
    na_reason: Annotated[StrictStr, Field(min_length=1, max_length=2000)] | None = None
    target: Level | None = None
    comment: Annotated[StrictStr, Field(max_length=20000)] = ""
    review: StrictBool = False
    answered_by: Name | None = None
    answered_at: Moment
    evidence: Annotated[list[EvidenceData], Field(max_length=1000)] = []

    @model_validator(mode="after")
    def _level_or_na(self) -> AnswerData:
        if self.level is not None and self.na_reason is not None:
            raise ValueError("give either a level or N/A, not both")
        return self

    def content(self) -> list[Any]:
        evidence = sorted((e.content() for e in self.evidence), key=json.dumps)
        return [self.item, self.level, self.na_reason, self.target, self.comment, self.review, evidence]


class AuditData(_Strict):
    at: Moment
    actor: Name | None
    action: Annotated[StrictStr, Field(min_length=1, max_length=40)]
    item: Annotated[StrictStr, Field(max_length=ITEM_ID_MAX)] | None = None
    field: Annotated[StrictStr, Field(max_length=40)] | None = None
    old: Any = None
    new: Any = None


class UnitData(_Strict):
    path: Annotated[StrictStr, Field(min_length=1, max_length=2000)]
    name_en: Name | None = None
    code: Annotated[StrictStr, Field(max_length=50)] | None = None


class QuestionnaireRef(_Strict):
    id: Annotated[StrictStr, Field(min_length=1, max_length=100)]
    version: Annotated[StrictStr, Field(min_length=1, max_length=50)]
    hash: Hex64


class BaseRef(_Strict):
    revision: Annotated[StrictInt, Field(ge=1, le=MAX_INTEGER)]
    digest: Hex64


class AssessmentData(_Strict):
    format: Literal["ai-readiness/assessment@1"]
    uid: Annotated[StrictStr, Field(pattern=r"^[0-9a-f]{32}$")]
    revision: Annotated[StrictInt, Field(ge=1, le=MAX_INTEGER)]
    digest: Hex64
    #: The last exchange the sender knows of (what it last imported), for conflict detection.
    based_on: BaseRef | None = None
    scrubbed: StrictBool = False
    unit: UnitData
    cycle: Annotated[StrictStr, Field(min_length=1, max_length=40)]
    questionnaire: QuestionnaireRef
    modules: Annotated[list[QuestionnaireRef], Field(max_length=100)] = []
    status: Literal["draft", "submitted", "approved"]
    submit_reason: Annotated[StrictStr, Field(max_length=20000)] | None = None
    submitted_by: Name | None = None
    submitted_at: Moment | None = None
    approver: Name | None = None
    approved_at: Moment | None = None
    created_by: Name | None = None
    created_at: Moment
    updated_at: Moment
    answers: Annotated[list[AnswerData], Field(max_length=20000)]
    audit: Annotated[list[AuditData], Field(max_length=1_000_000)] = []

    def computed_digest(self) -> str:
        return content_digest(
            self.questionnaire.hash, [m.hash for m in self.modules], self.status, self.approver, self.answers
        )

    def to_bytes(self) -> bytes:
        data = self.model_dump(mode="json")
        return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def content_digest(
    questionnaire_hash: str,
    module_hashes: Iterable[str],
    status: str,
    approver: str | None,
    answers: Iterable[AnswerData],
) -> str:
    """SHA-256 of what an assessment says (answers, evidence, status), not who or when: two
    copies with the same digest hold the same assessment."""
    canonical = {
        "questionnaire": questionnaire_hash,
        "modules": sorted(module_hashes),
        "status": status,
        "approver": approver,
        "answers": sorted((a.content() for a in answers), key=lambda c: c[0]),
    }
    data = json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


# --- reading an assessment from the database ------------------------------------------------------


def answers_of(session: Session, assessment_id: int) -> list[AnswerData]:
    """Every answer with its evidence, by item id, as a package carries them."""
    rows = session.exec(select(Answer).where(Answer.assessment_id == assessment_id).order_by(col(Answer.item_id))).all()
    evidence: dict[int, list[EvidenceData]] = {}
    if rows:
        found = session.exec(
            select(Evidence)
            .join(Answer, col(Answer.id) == Evidence.answer_id)
            .where(Answer.assessment_id == assessment_id)
            .order_by(col(Evidence.id))
        ).all()
        for e in found:
            evidence.setdefault(e.answer_id, []).append(
                EvidenceData(
                    kind=e.kind,  # type: ignore[arg-type]
                    text=e.text,
                    url=e.url,
                    filename=e.filename,
                    sha256=e.sha256,
                    size=e.size,
                    added_by=e.added_by,
                    added_at=e.added_at,
                )
            )
    return [
        AnswerData(
            item=row.item_id,
            level=row.level,
            na_reason=row.na_reason,
            target=row.target,
            comment=row.comment,
            review=row.review,
            answered_by=row.answered_by,
            answered_at=row.answered_at,
            evidence=evidence.get(row.id or 0, []),
        )
        for row in rows
    ]


def questionnaire_refs(session: Session, row: Assessment) -> tuple[QuestionnaireRef, list[QuestionnaireRef]]:
    plan = session.exec(
        select(QuestionnaireVersion.qid, QuestionnaireVersion.version, QuestionnaireVersion.hash).where(
            QuestionnaireVersion.id == row.questionnaire_id
        )
    ).one()
    modules = session.exec(
        select(QuestionnaireVersion.qid, QuestionnaireVersion.version, QuestionnaireVersion.hash)
        .join(AssessmentModule, col(AssessmentModule.questionnaire_id) == QuestionnaireVersion.id)
        .where(AssessmentModule.assessment_id == row.id)
        .order_by(col(QuestionnaireVersion.qid))
    ).all()
    return (
        QuestionnaireRef(id=plan[0], version=plan[1], hash=plan[2]),
        [QuestionnaireRef(id=q, version=v, hash=h) for q, v, h in modules],
    )


def local_digest(session: Session, row: Assessment) -> str:
    assert row.id is not None
    plan, modules = questionnaire_refs(session, row)
    return content_digest(plan.hash, [m.hash for m in modules], row.status, row.approver, answers_of(session, row.id))


def _audit_of(session: Session, assessment_id: int) -> list[AuditData]:
    return [
        AuditData(at=e.at, actor=e.actor, action=e.action, item=e.item_id, field=e.field, old=e.old, new=e.new)
        for e in audit_log(session=session, assessment_id=assessment_id)
    ]


@service
def snapshot(*, session: Session, assessment_id: int) -> AssessmentData:
    """The whole assessment as a package carries it (nothing left out)."""
    row = session.get(Assessment, assessment_id)
    if row is None or row.id is None:
        raise NotFound(f"assessment {assessment_id} not found; list them with: ai-readiness assessment list")
    unit_row = session.get(OrgUnit, row.unit_id)
    assert unit_row is not None
    unit = get_unit(session=session, unit_id=row.unit_id)
    cycle = session.get(Cycle, row.cycle_id)
    assert cycle is not None
    plan, modules = questionnaire_refs(session, row)
    answers = answers_of(session, row.id)
    state = session.get(ExchangeState, row.id)
    based_on = BaseRef(revision=state.last_revision, digest=state.last_digest) if state else None
    return AssessmentData(
        format="ai-readiness/assessment@1",
        uid=row.uid,
        revision=row.revision,
        digest=content_digest(plan.hash, [m.hash for m in modules], row.status, row.approver, answers),
        based_on=based_on,
        scrubbed=False,
        unit=UnitData(path=unit.path, name_en=unit_row.name_en, code=unit_row.code),
        cycle=cycle.name,
        questionnaire=plan,
        modules=modules,
        status=row.status,  # type: ignore[arg-type]
        submit_reason=row.submit_reason,
        submitted_by=row.submitted_by,
        submitted_at=row.submitted_at,
        approver=row.approver,
        approved_at=row.approved_at,
        created_by=row.created_by,
        created_at=row.created_at,
        updated_at=row.updated_at,
        answers=answers,
        audit=_audit_of(session, row.id),
    )


# --- scrubbing for disclosure ----------------------------------------------------------------------


def _plain(value: Any) -> bool:
    return value is None or isinstance(value, bool | int) or value in ("draft", "submitted", "approved")


def scrub(data: AssessmentData) -> AssessmentData:
    """The same assessment without personal names, comments, reasons or evidence text.

    Left out: every name (answered_by, created_by, submitted_by, approver, evidence added_by,
    audit actors), comments, N/A reasons (they may name people; N/A itself is kept so the scores
    stay the same), the submit reason, evidence text, links and file names (kind, SHA-256 and
    size stay), and every audit value other than levels, targets, review flags and statuses.
    """
    answers = [
        a.model_copy(
            update={
                "comment": "",
                "na_reason": None if a.na_reason is None else WITHHELD,
                "answered_by": None,
                "evidence": [
                    e.model_copy(update={"text": None, "url": None, "filename": None, "added_by": None})
                    for e in a.evidence
                ],
            }
        )
        for a in data.answers
    ]
    audit = [
        entry.model_copy(
            update={
                "actor": None,
                "old": entry.old if entry.field in _SCRUB_SAFE_FIELDS and _plain(entry.old) else None,
                "new": entry.new if entry.field in _SCRUB_SAFE_FIELDS and _plain(entry.new) else None,
            }
        )
        for entry in data.audit
    ]
    scrubbed = data.model_copy(
        update={
            "scrubbed": True,
            "based_on": None,
            "submit_reason": None,
            "submitted_by": None,
            "approver": None,
            "created_by": None,
            "answers": answers,
            "audit": audit,
        }
    )
    return scrubbed.model_copy(update={"digest": scrubbed.computed_digest()})
