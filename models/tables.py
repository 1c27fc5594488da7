"""SQLModel tables, in the Base / Create / Update / table pattern.

Every table is created by an Alembic migration (``models/migrations``), never by
``create_all``; ``tests/test_migrations.py`` checks the two agree.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from enum import StrEnum

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlmodel import Field, SQLModel

#: Item ids: a plan item's own id, or ``<module id>:<item id>`` for a supplementary module's item.
ITEM_ID_MAX = 120
#: Separates a module's id from its item's id in an answer's ``item_id``.
MODULE_ITEM_SEPARATOR = ":"


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_uid() -> str:
    return uuid.uuid4().hex


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware timestamp on every backend (SQLite stores none, so UTC is assumed)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a timezone-aware column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _ts(nullable: bool = False) -> Column:  # type: ignore[type-arg]
    return Column(UTCDateTime(), nullable=nullable)


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"


# --- organisation units -------------------------------------------------------------


class OrgUnitBase(SQLModel):
    name_ja: str = Field(min_length=1, max_length=200)
    name_en: str | None = Field(default=None, max_length=200)
    code: str | None = Field(default=None, max_length=50)


class OrgUnitCreate(OrgUnitBase):
    parent_id: int | None = None


class OrgUnitUpdate(SQLModel):
    name_ja: str | None = Field(default=None, min_length=1, max_length=200)
    name_en: str | None = Field(default=None, max_length=200)
    code: str | None = Field(default=None, max_length=50)


class OrgUnit(OrgUnitBase, table=True):
    __tablename__ = "org_unit"
    __table_args__ = (
        UniqueConstraint("parent_id", "name_ja", name="uq_org_unit_sibling_name"),
        # NULLs are distinct in a unique constraint: top-level names need their own index.
        Index(
            "uq_org_unit_root_name",
            "name_ja",
            unique=True,
            sqlite_where=text("parent_id IS NULL"),
            postgresql_where=text("parent_id IS NULL"),
        ),
        UniqueConstraint("code", name="uq_org_unit_code"),
    )

    id: int | None = Field(default=None, primary_key=True)
    parent_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("org_unit.id", ondelete="RESTRICT"), index=True)
    )
    created_at: datetime = Field(default_factory=utcnow, sa_column=_ts())


# --- cycles --------------------------------------------------------------------------


class CycleBase(SQLModel):
    name: str = Field(min_length=1, max_length=40)
    starts_on: date | None = None
    ends_on: date | None = None


class CycleCreate(CycleBase):
    pass


class CycleUpdate(SQLModel):
    name: str | None = Field(default=None, min_length=1, max_length=40)


class Cycle(CycleBase, table=True):
    __tablename__ = "cycle"
    __table_args__ = (
        UniqueConstraint("name", name="uq_cycle_name"),
        CheckConstraint("starts_on IS NULL OR ends_on IS NULL OR ends_on >= starts_on", name="ck_cycle_dates"),
    )

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_ts())


# --- questionnaire versions ------------------------------------------------------------


class QuestionnaireVersion(SQLModel, table=True):
    """The exact content an assessment was answered against, kept so old results never change."""

    __tablename__ = "questionnaire"
    __table_args__ = (UniqueConstraint("hash", name="uq_questionnaire_hash"),)

    id: int | None = Field(default=None, primary_key=True)
    qid: str = Field(max_length=100)
    version: str = Field(max_length=50)
    edition: str = Field(max_length=50)
    kind: str = Field(max_length=20)
    hash: str = Field(max_length=64)
    content: str = Field(sa_column=Column(Text, nullable=False))
    loaded_at: datetime = Field(default_factory=utcnow, sa_column=_ts())


# --- assessments ----------------------------------------------------------------------


class AssessmentBase(SQLModel):
    unit_id: int = Field(foreign_key="org_unit.id", index=True)
    cycle_id: int = Field(foreign_key="cycle.id", index=True)
    questionnaire_id: int = Field(foreign_key="questionnaire.id")


class AssessmentCreate(AssessmentBase):
    pass


class Assessment(AssessmentBase, table=True):
    __tablename__ = "assessment"
    __table_args__ = (
        UniqueConstraint("unit_id", "cycle_id", "questionnaire_id", name="uq_assessment_unit_cycle_questionnaire"),
        UniqueConstraint("uid", name="uq_assessment_uid"),
        CheckConstraint("status IN ('draft', 'submitted', 'approved')", name="ck_assessment_status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    #: Identity across installations (packages exchanged between offline PCs).
    uid: str = Field(default_factory=new_uid, max_length=32)
    #: Counts every change (answer, evidence or status): a newer package has a higher revision.
    revision: int = Field(default=1)
    status: str = Field(default=Status.DRAFT, max_length=20)
    submit_reason: str | None = Field(default=None, sa_column=Column(Text))
    submitted_by: str | None = Field(default=None, max_length=200)
    submitted_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    approver: str | None = Field(default=None, max_length=200)
    approved_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    version: int = Field(default=1)
    created_by: str = Field(max_length=200)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_ts())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_ts())


class AssessmentModule(SQLModel, table=True):
    """A supplementary module (a ministry's own questionnaire file) answered in an assessment.

    Its items are answered in the same assessment and scored apart from the plan's score.
    """

    __tablename__ = "assessment_module"

    assessment_id: int = Field(
        sa_column=Column(Integer, ForeignKey("assessment.id", ondelete="CASCADE"), primary_key=True)
    )
    questionnaire_id: int = Field(
        sa_column=Column(Integer, ForeignKey("questionnaire.id", ondelete="RESTRICT"), primary_key=True)
    )


# --- answers --------------------------------------------------------------------------


class AnswerBase(SQLModel):
    level: int | None = Field(default=None, ge=0, le=5)
    na_reason: str | None = Field(default=None, max_length=2000)
    target: int | None = Field(default=None, ge=0, le=5)
    comment: str = Field(default="", max_length=20000)
    review: bool = False


class AnswerUpdate(SQLModel):
    """A partial change to one answer: only the fields that are set are applied."""

    level: int | None = Field(default=None, ge=0, le=5)
    na_reason: str | None = Field(default=None, max_length=2000)
    target: int | None = Field(default=None, ge=0, le=5)
    comment: str | None = Field(default=None, max_length=20000)
    review: bool | None = None


class Answer(AnswerBase, table=True):
    __tablename__ = "answer"
    __table_args__ = (
        UniqueConstraint("assessment_id", "item_id", name="uq_answer_assessment_item"),
        CheckConstraint("level IS NULL OR (level >= 0 AND level <= 5)", name="ck_answer_level"),
        CheckConstraint("target IS NULL OR (target >= 0 AND target <= 5)", name="ck_answer_target"),
        CheckConstraint("level IS NULL OR na_reason IS NULL", name="ck_answer_level_or_na"),
    )

    id: int | None = Field(default=None, primary_key=True)
    assessment_id: int = Field(
        sa_column=Column(Integer, ForeignKey("assessment.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    item_id: str = Field(max_length=ITEM_ID_MAX)
    comment: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    answered_by: str = Field(max_length=200)
    answered_at: datetime = Field(default_factory=utcnow, sa_column=_ts())
    version: int = Field(default=1)


class EvidenceKind(StrEnum):
    TEXT = "text"
    LINK = "link"
    FILE = "file"


class EvidenceBase(SQLModel):
    """What supports an answer: a note (text), a link, or a file copied into the data folder."""

    kind: str = Field(max_length=10)
    text: str | None = Field(default=None, max_length=20000)
    url: str | None = Field(default=None, max_length=2000)
    filename: str | None = Field(default=None, max_length=255)
    sha256: str | None = Field(default=None, max_length=64, index=True)
    size: int | None = Field(default=None, ge=0)


class Evidence(EvidenceBase, table=True):
    __tablename__ = "evidence"
    __table_args__ = (CheckConstraint("kind IN ('text', 'link', 'file')", name="ck_evidence_kind"),)

    id: int | None = Field(default=None, primary_key=True)
    answer_id: int = Field(
        sa_column=Column(Integer, ForeignKey("answer.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    text: str | None = Field(default=None, sa_column=Column(Text))
    added_by: str = Field(max_length=200)
    added_at: datetime = Field(default_factory=utcnow, sa_column=_ts())


class AuditEntry(SQLModel, table=True):
    """One change, written in the same transaction as the change itself."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    assessment_id: int = Field(
        sa_column=Column(Integer, ForeignKey("assessment.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    at: datetime = Field(default_factory=utcnow, sa_column=_ts())
    actor: str = Field(max_length=200)
    action: str = Field(max_length=40)
    item_id: str | None = Field(default=None, max_length=ITEM_ID_MAX)
    field: str | None = Field(default=None, max_length=40)
    old: str | None = Field(default=None, sa_column=Column(Text))
    new: str | None = Field(default=None, sa_column=Column(Text))


# --- exchange between installations (signed packages) ----------------------------------------


class TrustedKey(SQLModel, table=True):
    """A signer whose packages this database accepts (the installation's own key is trusted implicitly).

    Kept in the database, not the data folder: the list decides what may enter this database, so
    it travels with its backups and is shared by every desktop of a ministry on one PostgreSQL.
    """

    __tablename__ = "trusted_key"

    fingerprint: str = Field(primary_key=True, max_length=64)  # SHA-256 of the raw public key, hex
    public_key: str = Field(max_length=64)  # the raw 32-byte Ed25519 key, hex
    label: str = Field(default="", max_length=200)
    source: str = Field(max_length=20)  # "file" (keys import) or "import" (trusted on first import)
    added_by: str = Field(max_length=200)
    added_at: datetime = Field(default_factory=utcnow, sa_column=_ts())


class ExchangeState(SQLModel, table=True):
    """The last package applied to an assessment: the common point for spotting conflicts."""

    __tablename__ = "exchange_state"

    assessment_id: int = Field(
        sa_column=Column(Integer, ForeignKey("assessment.id", ondelete="CASCADE"), primary_key=True)
    )
    #: The sender's revision and content digest of the last package applied (or set aside by "keep mine").
    last_revision: int
    last_digest: str = Field(max_length=64)
    signer: str = Field(max_length=64)
    imported_at: datetime = Field(default_factory=utcnow, sa_column=_ts())


class ExchangeConflict(SQLModel, table=True):
    """An incoming package that clashes with local changes, kept until the user chooses."""

    __tablename__ = "exchange_conflict"

    assessment_id: int = Field(
        sa_column=Column(Integer, ForeignKey("assessment.id", ondelete="CASCADE"), primary_key=True)
    )
    revision: int
    digest: str = Field(max_length=64)
    signer: str = Field(max_length=64)
    file_name: str = Field(max_length=255)
    reason: str = Field(max_length=400)
    #: The verified assessment.json of the package, as received.
    payload: str = Field(sa_column=Column(Text, nullable=False))
    received_at: datetime = Field(default_factory=utcnow, sa_column=_ts())
