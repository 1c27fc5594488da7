"""The comparison service on SQLite and PostgreSQL: statistics on a small case computed by
hand, equality with score_assessment on random answers over two questionnaire versions,
filters, ranking ties, roll-up, trend, aliases and suppression."""

from __future__ import annotations

import random
import statistics
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from models import assessments as svc
from models import org
from models.compare import ALIAS_PREFIX, _Packing, alias_salt, compare, unit_alias
from models.errors import InvalidInput, NotFound
from models.questionnaire_store import register
from models.tables import AnswerUpdate
from questionnaires.loader import load
from tests.conftest import MINI

NA = "na"
A, B, C, D = "省/局A/課1", "省/局A/課2", "省/局B/課3", "省/局B/課4"


def assess(
    session: Session, unit: str, cycle: str, answers: dict[str, int | str], questionnaire_id: int | None = None
) -> int:
    unit_row, _ = org.add_unit_path(session=session, path=unit)
    cycle_row, _ = org.add_cycle(session=session, name=cycle)
    aid = svc.create_assessment(
        session=session, unit_id=unit_row.id, cycle_id=cycle_row.id, actor="t", questionnaire_id=questionnaire_id
    )
    changes = {
        item: AnswerUpdate(na_reason="所管外") if value == NA else AnswerUpdate(level=value)
        for item, value in answers.items()
    }
    if changes:
        svc.save_answers(session=session, assessment_id=aid, changes=changes, actor="t")
    return aid


@pytest.fixture
def case(session: Session, mini: Path) -> dict[str, int]:
    """The mini questionnaire: 1-01 (policy 1, P1, w1), 1-02 (1, P1+P2, w3), 2-01 (2, P2, w2),
    2-02 (2, P1, w1). Two cycles; the expected figures below are worked out by hand."""
    ids = {
        "A25": assess(session, A, "FY2025", {"1-01": 1, "2-01": 2}),
        "C25": assess(session, C, "FY2025", {"2-01": 3}),
        "A": assess(session, A, "FY2026", {"1-01": 3, "1-02": 2, "2-01": 4, "2-02": NA}),
        "B": assess(session, B, "FY2026", {"1-01": 5, "2-01": 1}),
        "C": assess(session, C, "FY2026", {"1-01": 0, "1-02": 1, "2-01": NA, "2-02": 0}),
        "D": assess(session, D, "FY2026", {}),
    }
    return ids


def test_a_small_case_computed_by_hand(session: Session, case: dict[str, int]) -> None:
    result = compare(session=session)
    assert result.cycle == "FY2026"  # the latest cycle by default
    by_unit = {a.unit: a for a in result.assessments}
    # A: policy 1 = (1×60 + 3×40) / 4 = 45; policy 2 = 80 (2-02 is N/A); overall 62.5.
    # P1 = (1×60 + 3×40) / 4 = 45; P2 = (3×40 + 2×80) / 5 = 56.
    a = by_unit[A]
    assert (a.id, a.overall, a.level, a.coverage, a.provisional) == (case["A"], 62.5, 4, 1.0, False)
    assert a.policies == {"1": 45.0, "2": 80.0} and a.principles == {"P1": 45.0, "P2": 56.0}
    # B: two of four answered; exactly 60 is level 4 (the band's lower bound counts).
    b = by_unit[B]
    assert (b.overall, b.level, b.coverage, b.provisional) == (60.0, 4, 0.5, True)
    assert b.policies == {"1": 100.0, "2": 20.0} and b.principles == {"P1": 100.0, "P2": 20.0}
    # C: policy 1 = (1×0 + 3×20) / 4 = 15; policy 2 = 0; P1 = 60 / 5 = 12; P2 = 60 / 3 = 20.
    c = by_unit[C]
    assert (c.overall, c.level, c.coverage) == (7.5, 1, 1.0)
    assert c.policies == {"1": 15.0, "2": 0.0} and c.principles == {"P1": 12.0, "P2": 20.0}
    d = by_unit[D]
    assert (d.overall, d.level, d.coverage, d.provisional) == (None, None, 0.0, True)
    assert d.policies == {"1": None, "2": None} and d.principles == {"P1": None, "P2": None}

    assert result.ranking == [case["A"], case["B"], case["C"], case["D"]]

    stats = {k: s.to_json() for k, s in result.policy_stats.items()}
    assert stats["1"] == {"mean": pytest.approx(160 / 3), "median": 45.0, "min": 15.0, "max": 100.0, "n": 3}
    assert stats["2"] == {"mean": pytest.approx(100 / 3), "median": 20.0, "min": 0.0, "max": 80.0, "n": 3}
    principles = {k: s.to_json() for k, s in result.principle_stats.items()}
    assert principles["P1"] == {"mean": pytest.approx(157 / 3), "median": 45.0, "min": 12.0, "max": 100.0, "n": 3}
    assert principles["P2"] == {"mean": pytest.approx(32.0), "median": 20.0, "min": 20.0, "max": 56.0, "n": 3}

    # Levels given in FY2026: 1-01 → 3, 5, 0; 1-02 → 2, 1; 2-01 → 4, 1; 2-02 → 0 (N/A left out).
    assert [(w.item, w.mean_level, w.n) for w in result.weak_items] == [
        ("2-02", 0.0, 1),
        ("1-02", 1.5, 2),
        ("2-01", 2.5, 2),
        ("1-01", pytest.approx(8 / 3), 3),
    ]

    # Roll-up: D has no overall score, so it adds nothing; tree order.
    assert [(u.path, u.score, u.teams) for u in result.units] == [
        ("省", pytest.approx(130 / 3), 3),
        ("省/局A", 61.25, 2),
        (A, 62.5, 1),
        (B, 60.0, 1),
        ("省/局B", 7.5, 1),
        (C, 7.5, 1),
    ]

    # Trend: A from FY2025 (policy 1 = 20, policy 2 = 40); C had no policy 1 score in FY2025.
    assert [t.to_json() for t in result.trend] == [
        {"unit": A, "cycle": "FY2026", "previous_cycle": "FY2025", "policies": {"1": 25.0, "2": 40.0}},
        {"unit": C, "cycle": "FY2026", "previous_cycle": "FY2025", "policies": {"1": None, "2": -60.0}},
    ]


def test_an_earlier_cycle_compares_only_up_to_it(session: Session, case: dict[str, int]) -> None:
    result = compare(session=session, cycle="FY2025")
    assert result.cycle == "FY2025"
    assert sorted(a.id for a in result.assessments) == sorted([case["A25"], case["C25"]])
    assert result.trend == []
    assert result.ranking == [case["C25"], case["A25"]]  # overall 60 (C) before 30 (A)


def test_status_filter_applies_everywhere(session: Session, case: dict[str, int]) -> None:
    svc.submit_assessment(session=session, assessment_id=case["A"], actor="t")
    svc.approve_assessment(session=session, assessment_id=case["A"], approver="課長", actor="t")
    svc.submit_assessment(session=session, assessment_id=case["B"], actor="t", reason="次期に回答")
    approved = compare(session=session, status="approved")
    assert [a.id for a in approved.assessments] == [case["A"]]
    assert approved.trend == []  # A's FY2025 assessment is a draft
    assert [(u.path, u.teams) for u in approved.units] == [("省", 1), ("省/局A", 1), (A, 1)]
    assert approved.policy_stats["1"].n == 1
    submitted = compare(session=session, status="submitted")
    assert [a.id for a in submitted.assessments] == [case["B"]]
    drafts = compare(session=session, status="draft")
    assert sorted(a.id for a in drafts.assessments) == sorted([case["C"], case["D"]])
    assert [t.unit for t in drafts.trend] == [C]
    with pytest.raises(InvalidInput, match="status 'done'"):
        compare(session=session, status="done")


def test_subtree_filter(session: Session, case: dict[str, int]) -> None:
    result = compare(session=session, unit_path="省/局A")
    assert sorted(a.id for a in result.assessments) == sorted([case["A"], case["B"]])
    assert [(u.path, u.teams) for u in result.units] == [("省/局A", 2), (A, 1), (B, 1)]
    assert [t.unit for t in result.trend] == [A]
    assert result.unit_path == "省/局A"
    leaf = compare(session=session, unit_path=C)
    assert [a.id for a in leaf.assessments] == [case["C"]]
    with pytest.raises(NotFound, match="unit '省/局Z' not found"):
        compare(session=session, unit_path="省/局Z")
    with pytest.raises(NotFound, match="cycle 'FY1999' not found"):
        compare(session=session, cycle="FY1999")


def test_the_latest_cycle_is_the_last_with_an_assessment(session: Session, case: dict[str, int]) -> None:
    org.add_cycle(session=session, name="FY2027")  # started, nobody has begun yet
    assert compare(session=session).cycle == "FY2026"
    assert compare(session=session, cycle="FY2027").assessments == []


def test_an_empty_database_compares_to_nothing(session: Session, mini: Path) -> None:
    result = compare(session=session)
    assert result.to_json() == {
        "cycle": None,
        "assessments": [],
        "ranking": [],
        "policy_stats": {},
        "principle_stats": {},
        "weak_items": [],
        "units": [],
        "trend": [],
    }


def test_ranking_ties_go_to_the_unit_path_then_the_id(session: Session, mini: Path, tmp_path: Path) -> None:
    same = {"1-01": 2, "2-01": 2}
    later = assess(session, "省/b課", "FY2026", same)
    earlier = assess(session, "省/a課", "FY2026", same)
    v2 = second_version(session, tmp_path)
    second = assess(session, "省/a課", "FY2026", same, questionnaire_id=v2)  # same unit, other version
    none = assess(session, "省/0課", "FY2026", {})
    top = assess(session, "省/z課", "FY2026", {"1-01": 5})
    result = compare(session=session)
    assert result.ranking == [top, earlier, second, later, none]


def second_version(session: Session, folder: Path) -> int:
    """Register the mini questionnaire with another weight and version: a second version."""
    text = MINI.read_text(encoding="utf-8").replace('version: "0.1.0"', 'version: "0.2.0"')
    path = folder / "mini-v2.yaml"
    path.write_text(text.replace("weight: 3", "weight: 2", 1), encoding="utf-8")
    qrow = register(session=session, questionnaire=load(path))
    session.commit()
    return qrow


def test_random_answers_over_two_versions_equal_score_assessment(session: Session, mini: Path, tmp_path: Path) -> None:
    """Every figure equals the scoring model's, whatever the mix of levels, N/A, gaps and
    questionnaire versions; weak items equal a plain count over the answers."""
    rng = random.Random(7)
    v1 = None
    v2 = second_version(session, tmp_path)
    ids = []
    for team in range(14):
        for cycle in ("FY2025", "FY2026"):
            answers: dict[str, int | str] = {}
            for item in ("1-01", "1-02", "2-01", "2-02"):
                roll = rng.random()
                if roll < 0.15:
                    answers[item] = NA
                elif roll < 0.85:
                    answers[item] = rng.randint(0, 5)
            version = v2 if team % 3 == 0 else v1
            ids.append(assess(session, f"省/局{team % 4}/課{team}", cycle, answers, questionnaire_id=version))
    for cycle in ("FY2025", "FY2026"):
        result = compare(session=session, cycle=cycle)
        assert len(result.assessments) == 14
        levels: dict[str, list[int]] = {}
        for a in result.assessments:
            expected = svc.score_assessment(session=session, assessment_id=a.id)
            assert (a.overall, a.level, a.coverage, a.provisional) == (
                expected.overall,
                expected.level,
                expected.coverage,
                expected.provisional,
            )
            assert a.policies == expected.policies and a.principles == expected.principles
            for item_id, answer in svc.list_answers(session=session, assessment_id=a.id).items():
                if answer.level is not None:
                    levels.setdefault(item_id, []).append(answer.level)
        expected_weak = sorted((statistics.fmean(v), k, len(v)) for k, v in levels.items())
        assert [(w.mean_level, w.item, w.n) for w in result.weak_items] == [
            (pytest.approx(m), k, n) for m, k, n in expected_weak
        ]
        for key, stats in result.policy_stats.items():
            values = [a.policies[key] for a in result.assessments if a.policies.get(key) is not None]
            assert stats.n == len(values) and stats.median == statistics.median(values)


def test_aliases_are_stable_and_small_groups_suppressed(session: Session, case: dict[str, int]) -> None:
    first = compare(session=session, anonymise=True)
    second = compare(session=session, anonymise=True)
    assert first.to_json() == second.to_json()
    units = {a.id: a.unit for a in first.assessments}
    assert all(u.startswith(ALIAS_PREFIX) for u in units.values())
    assert len(set(units.values())) == 4
    named = {a.id: a.unit for a in compare(session=session).assessments}
    assert not set(units.values()) & set(named.values())
    # Listed by alias, so the names' alphabetical order does not show through.
    assert [a.unit for a in first.assessments] == sorted(units.values())
    # Only the ministry rests on three teams; the two bureaus and the teams are left out.
    assert [(u.score, u.teams) for u in first.units] == [(pytest.approx(130 / 3), 3)]
    assert first.suppressed_groups == 5
    smaller = compare(session=session, anonymise=True, min_group=2)
    assert sorted(u.teams for u in smaller.units) == [2, 3] and smaller.suppressed_groups == 4
    # Trend entries and the roll-up use the same aliases as the assessments.
    assert {t.unit for t in first.trend} <= set(units.values())
    # The alias follows the unit, not its name: a renamed unit keeps it.
    unit_a = org.find_unit(session=session, path=A)
    org.rename_unit(session=session, unit_id=unit_a.id, name_ja="課1改")
    renamed = compare(session=session, anonymise=True)
    assert {a.id: a.unit for a in renamed.assessments} == units
    # Not anonymised, nothing is suppressed.
    assert compare(session=session).suppressed_groups == 0
    with pytest.raises(InvalidInput, match="at least 1"):
        compare(session=session, anonymise=True, min_group=0)


def test_alias_salt_is_kept_per_database(isolated_environment: Path) -> None:
    salt = alias_salt("one.db")
    assert alias_salt("one.db") == salt
    assert alias_salt("other.db") != salt
    assert unit_alias(salt, 1) == unit_alias(salt, 1) != unit_alias(salt, 2)
    assert unit_alias(salt, 1) != unit_alias(alias_salt("other.db"), 1)
    assert (isolated_environment / "compare-alias-salts.json").exists()


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=1, max_value=300).flatmap(
        lambda n: st.tuples(
            st.integers(min_value=1, max_value=9),
            st.lists(
                st.tuples(st.lists(st.integers(0, 3), min_size=9, max_size=9), st.none() | st.integers(0, 5)),
                min_size=n,
                max_size=n,
            ),
        )
    )
)
def test_packed_sums_decode_to_the_plain_sums(case: tuple[int, list[tuple[list[int], int | None]]]) -> None:
    """What the score pass's packed SUMs give, taken apart, equals Σ weight × level and
    Σ weight per key over the scored items, for any questionnaire size and weights."""
    n_keys, items = case
    packing = _Packing.plan(len(items), n_keys)
    totals = [0] * len(packing.groups)
    for weights, level in items:
        constants = packing.constants(weights[:n_keys])
        if level is None:
            continue  # SQL: NULL level, nothing added
        for g in range(len(packing.groups)):
            totals[g] += level * constants[2 * g] + constants[2 * g + 1]
    assert all(total < 2**62 for total in totals)
    expected = []
    for k in range(n_keys):
        weight = sum(w[k] for w, level in items if level is not None)
        weighted = sum(w[k] * level for w, level in items if level is not None)
        expected.append((weighted, weight) if weight else None)
    assert packing.decode(totals) == expected
