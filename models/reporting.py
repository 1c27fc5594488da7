"""Plain data for reports, gathered by services. ``reports/`` receives these objects and
never opens a session itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from models import org
from models.assessments import AnswerRead, answers_fingerprint, list_answers, questionnaire_of, score_assessment
from models.tables import Assessment, Cycle
from models.txn import service
from questionnaires.model import Questionnaire
from questionnaires.scoring import ScoreResult


@dataclass(frozen=True)
class PreviousCycle:
    assessment_id: int
    cycle: str
    overall: float | None
    policies: dict[str, float | None]


@dataclass(frozen=True)
class ScorecardData:
    assessment_id: int
    unit_path: str
    unit_name_en: str | None
    cycle: str
    status: str
    approver: str | None
    approved_at: datetime | None
    submitted_at: datetime | None
    as_of: date  # the day of the last change: fixed, so the same answers give the same PDF
    questionnaire: Questionnaire
    answers: dict[str, AnswerRead]
    result: ScoreResult
    fingerprint: str
    previous: PreviousCycle | None


@service
def scorecard_data(*, session: Session, assessment_id: int) -> ScorecardData:
    row = session.get(Assessment, assessment_id)
    summary_unit = org.get_unit(session=session, unit_id=row.unit_id) if row else None
    if row is None or summary_unit is None:
        from models.errors import NotFound

        raise NotFound(f"assessment {assessment_id} not found")
    cycle = session.get(Cycle, row.cycle_id)
    assert cycle is not None
    questionnaire = questionnaire_of(session=session, assessment_id=assessment_id)
    answers = list_answers(session=session, assessment_id=assessment_id)
    result = score_assessment(session=session, assessment_id=assessment_id)
    return ScorecardData(
        assessment_id=assessment_id,
        unit_path=summary_unit.path,
        unit_name_en=summary_unit.name_en,
        cycle=cycle.name,
        status=row.status,
        approver=row.approver,
        approved_at=row.approved_at,
        submitted_at=row.submitted_at,
        as_of=row.updated_at.date(),
        questionnaire=questionnaire,
        answers=answers,
        result=result,
        fingerprint=answers_fingerprint(questionnaire.hash, answers),
        previous=_previous_cycle(session, row, cycle),
    )


def _previous_cycle(session: Session, row: Assessment, cycle: Cycle) -> PreviousCycle | None:
    """The same unit's assessment in the latest earlier cycle, if any."""
    earlier = session.exec(
        select(Assessment, Cycle)
        .join(Cycle, col(Cycle.id) == Assessment.cycle_id)
        .where(Assessment.unit_id == row.unit_id, Assessment.id != row.id)
    ).all()
    key_now = (cycle.starts_on or date.max, cycle.name)
    candidates = [
        (c.starts_on or date.max, c.name, a) for a, c in earlier if (c.starts_on or date.max, c.name) < key_now
    ]
    if not candidates:
        return None
    _, name, previous = max(candidates, key=lambda t: (t[0], t[1]))
    assert previous.id is not None
    result = score_assessment(session=session, assessment_id=previous.id)
    return PreviousCycle(previous.id, name, result.overall, dict(result.policies))
