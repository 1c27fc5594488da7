"""Questionnaire versions in the database: the shipped one is registered on first use, and
each assessment scores against the exact content it was answered against."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from models.errors import NotFound
from models.tables import QuestionnaireVersion, utcnow
from questionnaires.catalog import active_questionnaire
from questionnaires.loader import from_json
from questionnaires.model import Questionnaire


def _insert_ignoring_duplicate(session: Session, values: dict[str, object]) -> None:
    """INSERT … ON CONFLICT DO NOTHING: two desktops registering one version at the same
    moment both succeed, and the transaction stays usable."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        session.execute(pg_insert(QuestionnaireVersion).values(**values).on_conflict_do_nothing())
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        session.execute(sqlite_insert(QuestionnaireVersion).values(**values).on_conflict_do_nothing())
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        session.add(QuestionnaireVersion.model_validate(values))
        session.flush()


def register(*, session: Session, questionnaire: Questionnaire) -> int:
    """Store ``questionnaire`` if its content is new; return its row id. Does not commit."""
    query = select(QuestionnaireVersion.id).where(QuestionnaireVersion.hash == questionnaire.hash)
    existing = session.exec(query).first()
    if existing is not None:
        return existing
    _insert_ignoring_duplicate(
        session,
        {
            "qid": questionnaire.id,
            "version": questionnaire.version,
            "edition": questionnaire.edition,
            "kind": questionnaire.kind,
            "hash": questionnaire.hash,
            "content": questionnaire.canonical_json(),
            "loaded_at": utcnow(),
        },
    )
    new_id = session.exec(query).one()
    _BY_HASH.setdefault(questionnaire.hash, questionnaire)
    return new_id


def register_active(*, session: Session, path: Path | None = None) -> int:
    return register(session=session, questionnaire=active_questionnaire(path))


#: Parsed questionnaires by content hash: the content never changes for a hash, so a save
#: reads the 64-character hash instead of the whole content (hundreds of KB) each time.
_BY_HASH: dict[str, Questionnaire] = {}


def questionnaire_by_row(*, session: Session, questionnaire_id: int, content_hash: str | None = None) -> Questionnaire:
    """The questionnaire of a row. ``content_hash``: the row's hash when the caller has already
    read it (with its lock, say), which spares a query once the content is cached."""
    if content_hash is not None and (cached := _BY_HASH.get(content_hash)) is not None:
        return cached
    hash_ = session.exec(select(QuestionnaireVersion.hash).where(QuestionnaireVersion.id == questionnaire_id)).first()
    if hash_ is None:
        raise NotFound(f"questionnaire {questionnaire_id} not found")
    cached = _BY_HASH.get(hash_)
    if cached is not None:
        return cached
    content = session.exec(
        select(QuestionnaireVersion.content).where(QuestionnaireVersion.id == questionnaire_id)
    ).one()
    questionnaire = from_json(content)
    if len(_BY_HASH) < 256:  # a handful of versions in practice; never grows without bound
        _BY_HASH[hash_] = questionnaire
    return questionnaire
