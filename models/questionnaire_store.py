"""Questionnaire versions in the database: the shipped one is registered on first use, and
each assessment scores against the exact content it was answered against."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from sqlmodel import Session, select

from models.errors import NotFound
from models.tables import QuestionnaireVersion
from questionnaires.catalog import active_questionnaire
from questionnaires.loader import from_json
from questionnaires.model import Questionnaire


def register(*, session: Session, questionnaire: Questionnaire) -> int:
    """Store ``questionnaire`` if its content is new; return its row id. Does not commit."""
    row = session.exec(select(QuestionnaireVersion).where(QuestionnaireVersion.hash == questionnaire.hash)).first()
    if row is not None:
        assert row.id is not None
        return row.id
    row = QuestionnaireVersion(
        qid=questionnaire.id,
        version=questionnaire.version,
        edition=questionnaire.edition,
        kind=questionnaire.kind,
        hash=questionnaire.hash,
        content=questionnaire.canonical_json(),
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id


def register_active(*, session: Session, path: Path | None = None) -> int:
    return register(session=session, questionnaire=active_questionnaire(path))


@lru_cache(maxsize=32)
def _rebuild(hash_: str, content: str) -> Questionnaire:
    return from_json(content)


def questionnaire_by_row(*, session: Session, questionnaire_id: int) -> Questionnaire:
    row = session.get(QuestionnaireVersion, questionnaire_id)
    if row is None:
        raise NotFound(f"questionnaire {questionnaire_id} not found")
    return _rebuild(row.hash, row.content)
