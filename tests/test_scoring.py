"""The scoring model (issue #3): hand-computed cases on the mini questionnaire, an independent
reference implementation compared on random answers, and properties with hypothesis, on the
four-item mini questionnaire and on the shipped 51-item plan."""

from __future__ import annotations

import math
import random
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from questionnaires.catalog import PLAN_FILE
from questionnaires.loader import load, parse_text
from questionnaires.model import Questionnaire
from questionnaires.scale import readiness_band
from questionnaires.scoring import AnswerInput, ScoreResult, score
from tests.conftest import MINI

MINI_Q = load(MINI)
PLAN_Q = load(PLAN_FILE)
QUESTIONNAIRES = {"mini": MINI_Q, "plan": PLAN_Q}

# Mini: 1-01 (policy 1, P1, weight 1), 1-02 (policy 1, P1+P2, weight 3),
#       2-01 (policy 2, P2, weight 2),  2-02 (policy 2, P1, weight 1).
L = AnswerInput
NA = AnswerInput(na=True)
HAND_CASES: list[tuple[str, dict[str, AnswerInput], dict[str, Any]]] = [
    (
        "nothing answered",
        {},
        dict(
            overall=None, level=None, policies={"1": None, "2": None}, principles={"P1": None, "P2": None}, coverage=0.0
        ),
    ),
    (
        "everything at 5",
        {i: L(5) for i in ("1-01", "1-02", "2-01", "2-02")},
        dict(
            overall=100.0,
            level=5,
            policies={"1": 100.0, "2": 100.0},
            principles={"P1": 100.0, "P2": 100.0},
            coverage=1.0,
        ),
    ),
    (
        # policy 1 = 1-01 alone = 60; policy 2 = 2-01 alone = 20; P1 = 1-01; P2 = 2-01
        "half answered",
        {"1-01": L(3), "2-01": L(1)},
        dict(overall=40.0, level=3, policies={"1": 60.0, "2": 20.0}, principles={"P1": 60.0, "P2": 20.0}, coverage=0.5),
    ),
    (
        # policy 1 = (1*20 + 3*80) / 4 = 65; policy 2 = (2*40 + 1*0) / 3 = 26.67
        # overall = (65 + 80/3) / 2 = 45.83; P1 = (20 + 240 + 0) / 5 = 52; P2 = (240 + 80) / 5 = 64
        "weights",
        {"1-01": L(1), "1-02": L(4), "2-01": L(2), "2-02": L(0)},
        dict(
            overall=(65 + 80 / 3) / 2,
            level=3,
            policies={"1": 65.0, "2": 80 / 3},
            principles={"P1": 52.0, "P2": 64.0},
            coverage=1.0,
        ),
    ),
    (
        # N/A items are left out: policy 1 = 1-02 = 40; policy 2 = 2-02 = 100; overall 70
        # P1 = (3*40 + 1*100) / 4 = 55; P2 = 1-02 = 40; N/A counts as covered
        "not applicable",
        {"1-01": NA, "1-02": L(2), "2-01": NA, "2-02": L(5)},
        dict(
            overall=70.0, level=4, policies={"1": 40.0, "2": 100.0}, principles={"P1": 55.0, "P2": 40.0}, coverage=1.0
        ),
    ),
    (
        # a policy with no scored item has no score and does not count in the overall
        "one policy not assessed",
        {"1-01": L(1), "2-01": NA, "2-02": NA},
        dict(
            overall=20.0, level=2, policies={"1": 20.0, "2": None}, principles={"P1": 20.0, "P2": None}, coverage=0.75
        ),
    ),
    (
        "all N/A",
        {i: NA for i in ("1-01", "1-02", "2-01", "2-02")},
        dict(
            overall=None, level=None, policies={"1": None, "2": None}, principles={"P1": None, "P2": None}, coverage=1.0
        ),
    ),
    (
        # exactly on the band boundary 60 -> level 4: policy 1 = (1*100 + 3*20) / 4 = 40;
        # policy 2 = (2*100 + 1*40) / 3 = 80; P1 = (100 + 60 + 40) / 5 = 40; P2 = (60 + 200) / 5 = 52
        "boundary 60",
        {"1-01": L(5), "1-02": L(1), "2-01": L(5), "2-02": L(2)},
        dict(overall=60.0, level=4, policies={"1": 40.0, "2": 80.0}, principles={"P1": 40.0, "P2": 52.0}, coverage=1.0),
    ),
]


@pytest.mark.parametrize(("answers", "expected"), [c[1:] for c in HAND_CASES], ids=[c[0] for c in HAND_CASES])
def test_hand_computed_scores(answers: dict[str, AnswerInput], expected: dict[str, Any]) -> None:
    result = score(MINI_Q, answers)
    assert result.overall == pytest.approx(expected["overall"])
    assert result.level == expected["level"]
    assert result.policies == pytest.approx(expected["policies"])
    assert result.principles == pytest.approx(expected["principles"])
    assert result.coverage == expected["coverage"]
    assert result.provisional is (expected["coverage"] < 0.8)


def test_hand_computed_recommendations() -> None:
    answers = {
        "1-01": L(1, target=4),  # gap 3 x weight 1 = 3
        "1-02": L(2, target=3),  # gap 1 x weight 3 = 3
        "2-01": L(0, target=2),  # gap 2 x weight 2 = 4
        "2-02": L(5, target=3),  # above target: gap 0, no recommendation
    }
    result = score(MINI_Q, answers)
    assert [(r.item.id, r.gap, r.priority) for r in result.recommendations] == [
        ("2-01", 2, 4),
        ("1-01", 3, 3),  # tie on priority 3: same policy, so by item id
        ("1-02", 1, 3),
    ]
    assert [r.next_step.en for r in result.recommendations] == ["Level 1", "Level 2", "Level 3"]
    items = {i["id"]: i for i in result.to_json()["items"]}
    assert items["2-02"] == {"id": "2-02", "level": 5, "na": False, "target": 3, "gap": 0, "priority": 0}


def test_recommendation_ties_follow_policy_order_not_ids() -> None:
    """With policy 2 listed before policy 1, a tie puts 2-01 before 1-01."""
    text = MINI.read_text(encoding="utf-8")
    head, rest = text.split("policies:\n", 1)
    policies, items = rest.split("items:\n", 1)
    one, two = policies.split('  - id: "2"\n')
    swapped = parse_text(f'{head}policies:\n  - id: "2"\n{two}{one}items:\n{items}', "swapped.yaml")
    q = Questionnaire(data=swapped, hash="x")
    result = score(q, {"1-01": L(1, target=3), "2-01": L(2, target=3), "2-02": L(3, target=5)})
    # priorities: 1-01 2x1 = 2, 2-01 1x2 = 2, 2-02 2x1 = 2 -> policy 2 first, then by id
    assert [r.item.id for r in result.recommendations] == ["2-01", "2-02", "1-01"]


@pytest.mark.parametrize(
    ("overall", "level"),
    [(0, 1), (19.999, 1), (20, 2), (39.99, 2), (40, 3), (59.9999, 3), (60, 4), (79.99999, 4), (80, 5), (100, 5)],
)
def test_readiness_bands_apply_to_the_unrounded_score(overall: float, level: int) -> None:
    assert readiness_band(overall).level == level


def test_answer_levels_outside_the_scale_are_refused() -> None:
    for kwargs in ({"level": 6}, {"level": -1}, {"target": 9}, {"level": True}):
        with pytest.raises(ValueError, match="must be a level from 0 to 5"):
            AnswerInput(**kwargs)


# --- an independent reference, straight from the formulas ---------------------------


def reference(q: Questionnaire, answers: dict[str, AnswerInput]) -> dict[str, Any]:
    """The issue's model written from scratch with exact fractions, in the shape of the
    ``score --json`` contract."""

    def scored(item_id: str) -> int | None:
        a = answers.get(item_id)
        return None if a is None or a.na or a.level is None else a.level

    def mean(items: list[Any]) -> Fraction | None:
        weights = sum(i.weight for i in items if scored(i.id) is not None)
        if weights == 0:
            return None
        return Fraction(sum(i.weight * 20 * scored(i.id) for i in items if scored(i.id) is not None), weights)

    policies = {p.id: mean([i for i in q.items if i.policy == p.id]) for p in q.policies}
    principles = {p.id: mean([i for i in q.items if p.id in i.principles]) for p in q.principles}
    present = [v for v in policies.values() if v is not None]
    overall = sum(present) / len(present) if present else None
    level = None if overall is None else 1 + sum(overall >= bound for bound in (20, 40, 60, 80))
    covered = sum(1 for i in q.items if i.id in answers and (answers[i.id].na or answers[i.id].level is not None))
    items = []
    for i in q.items:
        a = answers.get(i.id, AnswerInput())
        lv = scored(i.id)
        gap = None if lv is None or a.target is None else max(0, a.target - lv)
        items.append(
            {
                "id": i.id,
                "level": lv,
                "na": a.na,
                "target": a.target,
                "gap": gap,
                "priority": None if gap is None else gap * i.weight,
            }
        )
    return {
        "overall": overall,
        "level": level,
        "provisional": Fraction(covered, len(q.items)) < Fraction(4, 5),
        "coverage": Fraction(covered, len(q.items)),
        "policies": policies,
        "principles": principles,
        "items": items,
    }


def same_number(got: float | None, want: Fraction | None) -> bool:
    if want is None or got is None:
        return got is None and want is None
    return math.isclose(got, float(want), rel_tol=1e-12, abs_tol=1e-9)


def assert_matches_reference(got: dict[str, Any], want: dict[str, Any]) -> None:
    assert set(got) == set(want)
    assert same_number(got["overall"], want["overall"]), (got["overall"], want["overall"])
    assert got["level"] == want["level"]
    assert got["provisional"] == want["provisional"]
    assert same_number(got["coverage"], want["coverage"])
    for key in ("policies", "principles"):
        assert list(got[key]) == list(want[key])
        assert all(same_number(got[key][k], want[key][k]) for k in want[key]), (got[key], want[key])
    assert got["items"] == want["items"]


def answer_sets(q: Questionnaire) -> st.SearchStrategy[dict[str, AnswerInput]]:
    """Random answers: each item unanswered, at a level, or N/A; some with a target."""
    target = st.none() | st.integers(0, 5)
    answer = st.one_of(
        st.builds(AnswerInput, level=st.integers(0, 5), target=target),
        st.builds(AnswerInput, na=st.just(True), target=target),
        st.builds(AnswerInput, target=target),  # a target but no level yet
    )
    return st.dictionaries(st.sampled_from([i.id for i in q.items]), answer, max_size=len(q.items))


#: Built once: building strategies inside a test makes every example several times slower.
ANSWERS = {name: answer_sets(q) for name, q in QUESTIONNAIRES.items()}


def both(test: Any) -> Any:
    """Run a property on the mini questionnaire and on the shipped plan."""
    return pytest.mark.parametrize("name", ["mini", "plan"])(test)


@both
@settings(max_examples=150)
@given(data=st.data())
def test_matches_the_reference_on_random_answers(name: str, data: st.DataObject) -> None:
    q = QUESTIONNAIRES[name]
    answers = data.draw(ANSWERS[name])
    assert_matches_reference(score(q, answers).to_json(), reference(q, answers))


def all_scores(result: ScoreResult) -> list[float | None]:
    return [result.overall, *result.policies.values(), *result.principles.values()]


@both
@settings(max_examples=150)
@given(data=st.data())
def test_every_score_stays_within_0_and_100(name: str, data: st.DataObject) -> None:
    q = QUESTIONNAIRES[name]
    result = score(q, data.draw(ANSWERS[name]))
    assert all(0 <= s <= 100 for s in all_scores(result) if s is not None)
    assert all(s.score is None or 0 <= s.score <= 100 for s in result.items)
    assert 0 <= result.coverage <= 1


@both
@settings(max_examples=150)
@given(data=st.data())
def test_raising_one_level_never_lowers_any_score(name: str, data: st.DataObject) -> None:
    q = QUESTIONNAIRES[name]
    answers = data.draw(ANSWERS[name])
    raisable = sorted(i for i, a in answers.items() if not a.na and a.level is not None and a.level < 5)
    if not raisable:
        return
    item_id = data.draw(st.sampled_from(raisable))
    before = score(q, answers)
    old = answers[item_id]
    after = score(q, {**answers, item_id: AnswerInput(level=old.level + 1, target=old.target)})  # type: ignore[operator]
    for was, now in zip(all_scores(before), all_scores(after), strict=True):
        assert (was is None) == (now is None)
        assert was is None or now >= was  # type: ignore[operator]
    assert after.level >= before.level  # type: ignore[operator]
    item = q.item_by_id[item_id]
    assert after.policies[item.policy] > before.policies[item.policy]  # type: ignore[operator]


@both
@settings(max_examples=150)
@given(data=st.data())
def test_marking_an_item_na_leaves_the_other_items_contributions_unchanged(name: str, data: st.DataObject) -> None:
    q = QUESTIONNAIRES[name]
    answers = data.draw(ANSWERS[name])
    item_id = data.draw(st.sampled_from([i.id for i in q.items]))
    item = q.item_by_id[item_id]
    before = score(q, answers)
    after = score(q, {**answers, item_id: AnswerInput(na=True)})
    # every other item scores the same
    assert [s for s in after.items if s.id != item_id] == [s for s in before.items if s.id != item_id]
    # every policy and principle the item is not part of is untouched
    for policy_id in before.policies:
        if policy_id != item.policy:
            assert after.policies[policy_id] == before.policies[policy_id]
    for principle_id in before.principles:
        if principle_id not in item.principles:
            assert after.principles[principle_id] == before.principles[principle_id]
    # its own policy is the weighted mean of the remaining items, as if the item did not exist
    rest = {k: v for k, v in answers.items() if k != item_id}
    assert same_number(after.policies[item.policy], reference(q, rest)["policies"][item.policy])
    assert after.coverage >= before.coverage


@both
@settings(max_examples=100)
@given(data=st.data())
def test_the_same_answers_always_give_the_same_result(name: str, data: st.DataObject) -> None:
    q = QUESTIONNAIRES[name]
    answers = data.draw(ANSWERS[name])
    shuffled = list(answers.items())
    random.Random(data.draw(st.integers())).shuffle(shuffled)
    first = score(q, answers)
    assert score(q, dict(shuffled)) == first
    assert score(q, answers) == first


@both
@settings(max_examples=150)
@given(data=st.data())
def test_coverage_and_provisional_flag_agree(name: str, data: st.DataObject) -> None:
    q = QUESTIONNAIRES[name]
    answers = data.draw(ANSWERS[name])
    result = score(q, answers)
    answered = sum(1 for a in answers.values() if not a.na and a.level is not None)
    na = sum(1 for a in answers.values() if a.na)
    assert (result.answered, result.not_applicable, result.total) == (answered, na, len(q.items))
    assert result.coverage == (answered + na) / len(q.items)
    assert result.provisional == ((answered + na) * 5 < 4 * len(q.items))


@both
@settings(max_examples=150)
@given(data=st.data())
def test_recommendations_by_priority_then_policy_order_then_id(name: str, data: st.DataObject) -> None:
    q = QUESTIONNAIRES[name]
    answers = data.draw(ANSWERS[name])
    result = score(q, answers)
    policy_order = {p.id: n for n, p in enumerate(q.policies)}
    keys = [(-r.priority, policy_order[r.item.policy], r.item.id) for r in result.recommendations]
    assert keys == sorted(keys)
    expected = {s.id for s in result.items if s.gap}
    assert {r.item.id for r in result.recommendations} == expected
    for r in result.recommendations:
        answer = answers[r.item.id]
        assert (r.level, r.target) == (answer.level, answer.target)
        assert r.gap == answer.target - answer.level > 0  # type: ignore[operator]
        assert r.priority == r.gap * r.item.weight
        assert r.next_step == r.item.levels[r.level + 1]


def test_answers_to_unknown_items_are_ignored() -> None:
    assert score(MINI_Q, {"1-01": L(2), "9-99": L(5)}) == score(MINI_Q, {"1-01": L(2)})


def test_exactly_80_percent_coverage_is_not_provisional() -> None:
    """The mini (4 items) and the plan (51) cannot reach exactly 80 %; a fifth item can."""
    text = MINI.read_text(encoding="utf-8")
    fifth = text[text.index('  - id: "2-02"') :].replace('"2-02"', '"2-03"')
    q = Questionnaire(data=parse_text(text + fifth, "five.yaml"), hash="x")
    four = {"1-01": L(1), "1-02": NA, "2-01": L(3), "2-02": L(0)}
    assert score(q, four).coverage == 0.8
    assert score(q, four).provisional is False
    three = {k: v for k, v in four.items() if k != "2-02"}
    assert score(q, three).provisional is True
