"""The scoring model: pure functions from answers to scores. No database, no Qt.

The model, also shown to users on the "How scores are computed" page:

* item score = level x 20 (0-100); N/A and unanswered items are left out of every average;
* policy score = sum(weight x item score) / sum(weight) over the policy's scored items,
  or None ("not assessed") when it has none;
* principle score = the same over the items tagged with that principle;
* overall = the plain mean of the policy scores that exist;
* readiness level from the unrounded overall score (see :mod:`questionnaires.scale`);
* coverage = (answered + N/A) / items; below 80 % the result is provisional;
* gap = max(0, target - level); priority = gap x weight; recommendations by priority,
  ties by policy order then item id, each with the descriptor of the next level up.

A supplementary module is scored apart with the same function: ``score(module, answers)``
gives the module's own section and principle scores and an overall over its sections.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from questionnaires.model import Questionnaire
from questionnaires.scale import PROVISIONAL_BELOW, readiness_band
from questionnaires.schema import LEVELS, Item, Text

ITEM_SCORE_PER_LEVEL = 20


@dataclass(frozen=True)
class AnswerInput:
    """What scoring needs of one answer. ``level`` is None when unanswered or N/A."""

    level: int | None = None
    na: bool = False
    target: int | None = None

    def __post_init__(self) -> None:
        for name in ("level", "target"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or value not in LEVELS):
                raise ValueError(f"{name} must be a level from 0 to 5, not {value!r}")


@dataclass(frozen=True)
class ItemScore:
    id: str
    policy: str
    weight: int
    level: int | None
    na: bool
    target: int | None
    gap: int | None
    priority: int | None

    @property
    def score(self) -> float | None:
        return None if self.level is None else float(self.level * ITEM_SCORE_PER_LEVEL)


@dataclass(frozen=True)
class Recommendation:
    item: Item
    level: int
    target: int
    gap: int
    priority: int
    next_step: Text  # the descriptor of the next level up


@dataclass(frozen=True)
class ScoreResult:
    overall: float | None
    level: int | None
    provisional: bool
    coverage: float
    answered: int
    not_applicable: int
    total: int
    policies: dict[str, float | None]
    principles: dict[str, float | None]
    policy_targets: dict[str, float | None]
    items: list[ItemScore]
    recommendations: list[Recommendation]

    def to_json(self) -> dict[str, Any]:
        """The shape printed by ``ai-readiness score --json`` (a contract); scores unrounded."""
        return {
            "overall": self.overall,
            "level": self.level,
            "provisional": self.provisional,
            "coverage": self.coverage,
            "policies": dict(self.policies),
            "principles": dict(self.principles),
            "items": [
                {
                    "id": s.id,
                    "level": s.level,
                    "na": s.na,
                    "target": s.target,
                    "gap": s.gap,
                    "priority": s.priority,
                }
                for s in self.items
            ],
        }


def _weighted_mean(pairs: list[tuple[int, int]]) -> Fraction | None:
    total_weight = sum(w for w, _ in pairs)
    if total_weight == 0:
        return None
    return Fraction(sum(w * s for w, s in pairs), total_weight)


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def score(questionnaire: Questionnaire, answers: Mapping[str, AnswerInput]) -> ScoreResult:
    """Score ``answers`` (keyed by item id) against ``questionnaire``.

    Answers to item ids the questionnaire does not have are ignored: scoring is always
    against the questionnaire version the assessment was answered against.
    """
    item_scores: list[ItemScore] = []
    # Sums are exact (Fraction) so that the readiness level of a score that lies exactly on a
    # band boundary (e.g. 60) never depends on float rounding; results are floats.
    by_policy: dict[str, list[tuple[int, int]]] = {p.id: [] for p in questionnaire.policies}
    by_principle: dict[str, list[tuple[int, int]]] = {p.id: [] for p in questionnaire.principles}
    targets_by_policy: dict[str, list[tuple[int, int]]] = {p.id: [] for p in questionnaire.policies}
    answered = not_applicable = 0
    recommendations: list[tuple[int, int, str, Recommendation]] = []
    policy_order = {p.id: i for i, p in enumerate(questionnaire.policies)}

    for item in questionnaire.items:
        answer = answers.get(item.id, AnswerInput())
        na = answer.na
        level = None if na else answer.level
        target = answer.target
        gap = priority = None
        if na:
            not_applicable += 1
        elif level is not None:
            answered += 1
            value = level * ITEM_SCORE_PER_LEVEL
            by_policy[item.policy].append((item.weight, value))
            for principle in item.principles:
                by_principle[principle].append((item.weight, value))
            if target is not None:
                gap = max(0, target - level)
                priority = gap * item.weight
                if gap > 0:
                    recommendations.append(
                        (
                            -priority,
                            policy_order[item.policy],
                            item.id,
                            Recommendation(
                                item=item,
                                level=level,
                                target=target,
                                gap=gap,
                                priority=priority,
                                next_step=item.levels[level + 1],
                            ),
                        )
                    )
        if target is not None and not na:
            targets_by_policy[item.policy].append((item.weight, target * ITEM_SCORE_PER_LEVEL))
        item_scores.append(
            ItemScore(
                id=item.id,
                policy=item.policy,
                weight=item.weight,
                level=level,
                na=na,
                target=target,
                gap=gap,
                priority=priority,
            )
        )

    policies = {pid: _weighted_mean(pairs) for pid, pairs in by_policy.items()}
    principles = {pid: _weighted_mean(pairs) for pid, pairs in by_principle.items()}
    existing = [s for s in policies.values() if s is not None]
    overall = sum(existing, Fraction(0)) / len(existing) if existing else None
    total = len(questionnaire.items)
    coverage = (answered + not_applicable) / total if total else 0.0
    recommendations.sort(key=lambda r: r[:3])
    return ScoreResult(
        overall=_float(overall),
        level=readiness_band(overall).level if overall is not None else None,
        provisional=coverage < PROVISIONAL_BELOW,
        coverage=coverage,
        answered=answered,
        not_applicable=not_applicable,
        total=total,
        policies={pid: _float(value) for pid, value in policies.items()},
        principles={pid: _float(value) for pid, value in principles.items()},
        policy_targets={pid: _float(_weighted_mean(pairs)) for pid, pairs in targets_by_policy.items()},
        items=item_scores,
        recommendations=[r[3] for r in recommendations],
    )
