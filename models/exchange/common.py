"""What every kind of import shares: its outcome, taking the write lock first, and finding or
creating the unit and cycle an imported assessment belongs to (inside the caller's transaction)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import Table, bindparam, select, text
from sqlmodel import Session, SQLModel

from models.errors import InvalidInput
from models.exchange.files import ImportRefused
from models.org import PATH_SEPARATOR, fiscal_dates, split_path
from models.questionnaire_store import register
from models.tables import Answer, Assessment, AuditEntry, Cycle, ExchangeState, OrgUnit, QuestionnaireVersion, utcnow
from questionnaires.model import Questionnaire

Status = Literal["imported", "updated", "unchanged", "conflict", "refused"]


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one file. ``to_json`` is the shape of ``import --json`` (a contract)."""

    file: str
    status: Status
    reason: str
    assessment: int | None = None
    signer: str | None = None  # a package's signer fingerprint (64 hex digits)
    untrusted: bool = False  # refused only because the signer is not trusted yet
    problems: tuple[str, ...] = field(default=())  # every problem found (answers files and sheets)
    unit: str | None = None  # the unit a package is for, shown when its signer is to be trusted

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "status": self.status, "reason": self.reason, "assessment": self.assessment}


def table(model: type[SQLModel]) -> Table:
    """The Core table of a model: bulk inserts through it skip the ORM's per-row bookkeeping."""
    return model.__table__  # type: ignore[attr-defined, no-any-return]


class _Statements:
    """Statements built once: an import runs them for every package, and building a statement
    costs more than running it."""

    def __init__(self) -> None:
        units, cycles, versions = table(OrgUnit), table(Cycle), table(QuestionnaireVersion)
        assessments = table(Assessment)
        self.units_named = select(units.c.id, units.c.parent_id, units.c.name_ja).where(
            units.c.name_ja.in_(bindparam("names", expanding=True))
        )
        self.unit_with_code = select(units.c.id).where(units.c.code == bindparam("code"))
        self.insert_unit = units.insert()
        self.cycle_named = select(cycles.c.id).where(cycles.c.name == bindparam("name"))
        self.insert_cycle = cycles.insert()
        self.questionnaire_with_hash = select(versions.c.id).where(versions.c.hash == bindparam("hash"))
        self.assessment_with_uid = select(assessments.c.id).where(assessments.c.uid == bindparam("uid"))
        self.assessment_of = select(assessments.c.id).where(
            assessments.c.unit_id == bindparam("unit_id"),
            assessments.c.cycle_id == bindparam("cycle_id"),
            assessments.c.questionnaire_id == bindparam("questionnaire_id"),
        )
        self.insert_assessment = assessments.insert()
        self.insert_answers = table(Answer).insert()
        self.insert_audit = table(AuditEntry).insert()
        self.insert_state = table(ExchangeState).insert()


STATEMENTS = _Statements()


def write_audit(session: Session, rows: list[dict[str, Any]]) -> None:
    if rows:
        session.connection().execute(STATEMENTS.insert_audit, rows)


def lock_database(session: Session) -> None:
    """On SQLite, take the write lock as the transaction's first statement, so every check
    that follows sees what the import will be written over (PostgreSQL relies on constraints)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("UPDATE trusted_key SET label = label WHERE 0"))


def find_unit_id(session: Session, path: str) -> int | None:
    units = table(OrgUnit)
    conn = session.connection()
    parent: int | None = None
    for part in split_path(path):
        query = select(units.c.id).where(units.c.name_ja == part)
        query = query.where(units.c.parent_id.is_(None) if parent is None else units.c.parent_id == parent)
        parent = conn.execute(query).scalar()
        if parent is None:
            return None
    return parent


def ensure_unit(session: Session, path: str, *, name_en: str | None = None, code: str | None = None) -> int:
    """The unit at ``path``, created with any missing parents (no commit)."""
    try:
        parts = split_path(path)
    except InvalidInput as exc:
        raise ImportRefused(str(exc)) from None
    if any(PATH_SEPARATOR in part for part in parts):
        raise ImportRefused(f"unit path {path!r}: a name cannot contain '/'")
    conn = session.connection()
    # One query for every unit named like a part of the path, then walk the path in memory.
    known = {
        (parent, name): unit_id
        for unit_id, parent, name in conn.execute(STATEMENTS.units_named, {"names": sorted(set(parts))}).all()
    }
    parent: int | None = None
    now = utcnow()
    for index, part in enumerate(parts):
        found = known.get((parent, part))
        if found is None:
            last = index == len(parts) - 1
            if last and code is not None and conn.execute(STATEMENTS.unit_with_code, {"code": code}).first():
                code = None  # another unit here uses that code; the path identifies the unit
            result = conn.execute(
                STATEMENTS.insert_unit,
                {
                    "name_ja": part,
                    "parent_id": parent,
                    "name_en": name_en if last else None,
                    "code": code if last else None,
                    "created_at": now,
                },
            )
            found = int(result.inserted_primary_key[0])
        parent = found
    assert parent is not None
    return parent


def ensure_cycle(session: Session, name: str) -> int:
    name = name.strip()
    if not name or len(name) > 40 or PATH_SEPARATOR in name:
        raise ImportRefused(f"cycle name {name!r}: give a short name such as FY2026 (at most 40 characters, no '/')")
    conn = session.connection()
    found = conn.execute(STATEMENTS.cycle_named, {"name": name}).scalar()
    if found is not None:
        return int(found)
    starts_on, ends_on = fiscal_dates(name)
    result = conn.execute(
        STATEMENTS.insert_cycle, {"name": name, "starts_on": starts_on, "ends_on": ends_on, "created_at": utcnow()}
    )
    return int(result.inserted_primary_key[0])


def ensure_questionnaire(session: Session, questionnaire: Questionnaire) -> int:
    """The row of a questionnaire version, stored if new (no commit)."""
    found = session.connection().execute(STATEMENTS.questionnaire_with_hash, {"hash": questionnaire.hash}).scalar()
    return int(found) if found is not None else register(session=session, questionnaire=questionnaire)
