"""Plain data for reports, gathered by services. ``reports/`` receives these objects and
never opens a session itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from sqlmodel import Session, col, select

from models import org
from models.assessments import (
    AnswerRead,
    answer_inputs,
    answers_fingerprint,
    list_answers,
    list_assessments,
    questionnaire_of,
)
from models.errors import NotFound
from models.evidence import list_evidence
from models.modules import modules_of, split_item_id
from models.tables import Assessment, Cycle
from models.txn import service
from questionnaires.model import Questionnaire
from questionnaires.scoring import ScoreResult, score

#: Japan Standard Time (no daylight saving): the calendar day a ministry sees.
JST = timezone(timedelta(hours=9), "JST")


@dataclass(frozen=True)
class EvidenceRef:
    """One piece of evidence as a report cites it (never the file's content)."""

    kind: str  # "text" | "link" | "file"
    text: str | None = None
    url: str | None = None
    filename: str | None = None
    sha256: str | None = None
    size: int | None = None


@dataclass(frozen=True)
class PreviousCycle:
    assessment_id: int
    cycle: str
    overall: float | None
    policies: dict[str, float | None]
    principles: dict[str, float | None] = field(default_factory=dict)
    level: int | None = None
    coverage: float | None = None
    provisional: bool = False


@dataclass(frozen=True)
class ModuleScorecard:
    """A supplementary module answered in the assessment, scored apart from the plan."""

    questionnaire: Questionnaire
    result: ScoreResult
    answers: dict[str, AnswerRead]  # by the module's own item id
    evidence: dict[str, tuple[EvidenceRef, ...]] = field(default_factory=dict)


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
    as_of: date  # the JST day of the last change: fixed, so the same assessment gives the same PDF
    questionnaire: Questionnaire
    answers: dict[str, AnswerRead]
    result: ScoreResult
    fingerprint: str
    previous: PreviousCycle | None
    #: The unit path in English, each missing English name falling back to the Japanese one.
    unit_path_en: str | None = None
    submitted_by: str | None = None
    submit_reason: str | None = None
    #: Evidence by item id, in the order it was added.
    evidence: dict[str, tuple[EvidenceRef, ...]] = field(default_factory=dict)
    #: Supplementary modules, by module id (not part of any plan score).
    modules: tuple[ModuleScorecard, ...] = ()


def jst_date(moment: datetime) -> date:
    return moment.astimezone(JST).date()


@service
def scorecard_data(*, session: Session, assessment_id: int) -> ScorecardData:
    row = session.get(Assessment, assessment_id)
    if row is None:
        raise NotFound(f"assessment {assessment_id} not found; list them with: ai-readiness assessment list")
    units = {u.id: u for u in org.list_units(session=session)}
    unit = units.get(row.unit_id)
    if unit is None:
        raise NotFound(f"assessment {assessment_id}: its unit {row.unit_id} no longer exists")
    cycle = session.get(Cycle, row.cycle_id)
    assert cycle is not None
    questionnaire = questionnaire_of(session=session, assessment_id=assessment_id)
    answers = list_answers(session=session, assessment_id=assessment_id)
    result = score(questionnaire, answer_inputs(answers))
    evidence = _evidence(session, assessment_id)
    return ScorecardData(
        assessment_id=assessment_id,
        unit_path=unit.path,
        unit_name_en=unit.name_en,
        unit_path_en=_english_path(units, unit.id),
        cycle=cycle.name,
        status=row.status,
        approver=row.approver,
        approved_at=row.approved_at,
        submitted_at=row.submitted_at,
        submitted_by=row.submitted_by,
        submit_reason=row.submit_reason,
        as_of=jst_date(row.updated_at),
        questionnaire=questionnaire,
        answers=answers,
        result=result,
        fingerprint=answers_fingerprint(questionnaire.hash, answers),
        previous=_previous_cycle(session, row, cycle),
        evidence={k: v for k, v in evidence.items() if split_item_id(k)[0] is None},
        modules=_modules(session, assessment_id, answers, evidence),
    )


@service
def cycle_scorecards(*, session: Session, cycle_id: int) -> list[ScorecardData]:
    """The scorecard data of every assessment of a cycle, ordered by unit path then id."""
    return [
        scorecard_data(session=session, assessment_id=summary.id)
        for summary in list_assessments(session=session, cycle_id=cycle_id)
    ]


def _modules(
    session: Session,
    assessment_id: int,
    answers: dict[str, AnswerRead],
    evidence: dict[str, tuple[EvidenceRef, ...]],
) -> tuple[ModuleScorecard, ...]:
    cards = []
    for module_id, module in modules_of(session=session, assessment_id=assessment_id).items():
        own = {}
        own_evidence = {}
        for item_id, answer in answers.items():
            owner, own_id = split_item_id(item_id)
            if owner == module_id:
                own[own_id] = answer
                if item_id in evidence:
                    own_evidence[own_id] = evidence[item_id]
        cards.append(ModuleScorecard(module, score(module, answer_inputs(own)), own, own_evidence))
    return tuple(cards)


def _english_path(units: dict[int, org.UnitRead], unit_id: int) -> str | None:
    names: list[str] = []
    any_english = False
    current: int | None = unit_id
    while current is not None and current in units:
        unit = units[current]
        any_english = any_english or bool(unit.name_en)
        names.append(unit.name_en or unit.name_ja)
        current = unit.parent_id
    return org.PATH_SEPARATOR.join(reversed(names)) if any_english else None


def _evidence(session: Session, assessment_id: int) -> dict[str, tuple[EvidenceRef, ...]]:
    by_item: dict[str, list[EvidenceRef]] = {}
    for ev in list_evidence(session=session, assessment_id=assessment_id):
        by_item.setdefault(ev.item_id, []).append(
            EvidenceRef(kind=ev.kind, text=ev.text, url=ev.url, filename=ev.filename, sha256=ev.sha256, size=ev.size)
        )
    return {item_id: tuple(refs) for item_id, refs in by_item.items()}


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
    questionnaire = questionnaire_of(session=session, assessment_id=previous.id)
    result = score(questionnaire, answer_inputs(list_answers(session=session, assessment_id=previous.id)))
    return PreviousCycle(
        assessment_id=previous.id,
        cycle=name,
        overall=result.overall,
        policies=dict(result.policies),
        principles=dict(result.principles),
        level=result.level,
        coverage=result.coverage,
        provisional=result.provisional,
    )
