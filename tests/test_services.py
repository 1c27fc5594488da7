"""Services for units, cycles, assessments and answers, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlmodel import Session, select

from models import assessments as svc
from models import org
from models.errors import Conflict, InvalidAnswer, InvalidInput, NotFound
from models.tables import Answer, AnswerUpdate, AuditEntry, OrgUnit

TEAM = "デジタル庁/戦略・組織グループ/AI推進チーム"


# --- units -----------------------------------------------------------------------------------------


def test_unit_paths_create_missing_parents_once(session: Session) -> None:
    unit, created = org.add_unit_path(session=session, path=TEAM, name_en="AI Team", code="DA-AI")
    assert created and unit.path == TEAM and unit.depth == 2 and (unit.name_en, unit.code) == ("AI Team", "DA-AI")
    again, created = org.add_unit_path(session=session, path=f" {TEAM.replace('/', ' / ')} ")
    assert not created and again.id == unit.id
    org.add_unit_path(session=session, path="デジタル庁/省庁業務グループ")
    assert [(u.path, u.depth) for u in org.list_units(session=session)] == [
        ("デジタル庁", 0),
        ("デジタル庁/戦略・組織グループ", 1),
        ("デジタル庁/戦略・組織グループ/AI推進チーム", 2),
        ("デジタル庁/省庁業務グループ", 1),
    ]
    assert len(session.exec(select(OrgUnit)).all()) == 4
    assert org.find_unit(session=session, path=TEAM).id == unit.id
    assert org.get_unit(session=session, unit_id=unit.id) == unit
    assert org.unit_paths(session=session)[unit.id] == TEAM


def test_a_deep_tree_has_full_paths(session: Session) -> None:
    path = "/".join(f"階層{n}" for n in range(12))
    unit, _ = org.add_unit_path(session=session, path=path)
    assert unit.path == path and unit.depth == 11


@pytest.mark.parametrize("path", ["", " ", "デジタル庁//チーム", "/デジタル庁", "デジタル庁/", "あ" * 201])
def test_bad_unit_paths_are_refused(session: Session, path: str) -> None:
    with pytest.raises(InvalidInput, match=r"unit path|name"):
        org.add_unit_path(session=session, path=path)
    assert session.exec(select(OrgUnit)).all() == []


def test_unit_codes_are_unique(session: Session) -> None:
    org.add_unit_path(session=session, path="デジタル庁", code="DA")
    with pytest.raises(InvalidInput, match="code 'DA' is already used by デジタル庁"):
        org.add_unit_path(session=session, path="総務省", code="DA")
    assert [u.path for u in org.list_units(session=session)] == ["デジタル庁"]


def test_top_level_names_are_unique_in_the_database_too(session: Session) -> None:
    """The service checks first; the database's own index refuses a second top-level unit of
    the same name (NULL parents would otherwise slip past a plain unique constraint)."""
    from sqlalchemy.exc import IntegrityError

    org.add_unit_path(session=session, path="デジタル庁")
    session.add(OrgUnit(name_ja="デジタル庁"))
    with pytest.raises(IntegrityError):
        session.commit()
    session.rollback()


def test_find_unit_names_the_fix(session: Session) -> None:
    with pytest.raises(NotFound, match="ai-readiness unit add"):
        org.find_unit(session=session, path="存在しない庁")


def test_rename_unit(session: Session) -> None:
    unit, _ = org.add_unit_path(session=session, path=TEAM)
    org.add_unit_path(session=session, path="デジタル庁/戦略・組織グループ/データ班")
    renamed = org.rename_unit(session=session, unit_id=unit.id, name_ja="AI戦略チーム", name_en="AI Strategy")
    assert renamed.path == "デジタル庁/戦略・組織グループ/AI戦略チーム" and renamed.name_en == "AI Strategy"
    with pytest.raises(InvalidInput, match="already exists"):
        org.rename_unit(session=session, unit_id=unit.id, name_ja="データ班")
    with pytest.raises(InvalidInput, match="'/'"):
        org.rename_unit(session=session, unit_id=unit.id, name_ja="A/B")


# --- cycles ----------------------------------------------------------------------------------------


def test_cycles_get_fiscal_dates_and_sort_oldest_first(session: Session) -> None:
    for name in ("FY2026-H2", "FY2026", "振り返り", "FY2025", "FY2026-H1"):
        org.add_cycle(session=session, name=name)
    _, created = org.add_cycle(
        session=session, name="特別調査", starts_on=date(2025, 10, 1), ends_on=date(2025, 12, 31)
    )
    assert created
    cycles = org.list_cycles(session=session)
    assert [c.name for c in cycles] == ["FY2025", "特別調査", "FY2026", "FY2026-H1", "FY2026-H2", "振り返り"]
    by_name = {c.name: c for c in cycles}
    assert (by_name["FY2026"].starts_on, by_name["FY2026"].ends_on) == (date(2026, 4, 1), date(2027, 3, 31))
    assert (by_name["FY2026-H2"].starts_on, by_name["FY2026-H2"].ends_on) == (date(2026, 10, 1), date(2027, 3, 31))
    assert by_name["振り返り"].starts_on is None
    again, created = org.add_cycle(session=session, name="FY2026")
    assert not created and again.id == by_name["FY2026"].id


@pytest.mark.parametrize("name", ["", "FY" + "9" * 40, "FY2026/H1"])
def test_bad_cycle_names_are_refused(session: Session, name: str) -> None:
    with pytest.raises(InvalidInput, match="cycle name"):
        org.add_cycle(session=session, name=name)


def test_a_cycle_cannot_end_before_it_starts(session: Session) -> None:
    with pytest.raises(InvalidInput, match=r"ends .* before it starts"):
        org.add_cycle(session=session, name="逆", starts_on=date(2026, 4, 1), ends_on=date(2026, 3, 1))
    assert org.list_cycles(session=session) == []


def test_find_cycle_names_the_fix(session: Session) -> None:
    with pytest.raises(NotFound, match="ai-readiness cycle add FY2030"):
        org.find_cycle(session=session, name="FY2030")


# --- assessments -----------------------------------------------------------------------------------


@pytest.fixture
def two(session: Session, mini: Path) -> tuple[int, int]:
    unit, _ = org.add_unit_path(session=session, path=TEAM)
    other, _ = org.add_unit_path(session=session, path="デジタル庁/省庁業務グループ")
    fy25, _ = org.add_cycle(session=session, name="FY2025")
    fy26, _ = org.add_cycle(session=session, name="FY2026")
    first = svc.create_assessment(session=session, unit_id=unit.id, cycle_id=fy25.id, actor="佐藤")
    second = svc.create_assessment(session=session, unit_id=other.id, cycle_id=fy26.id, actor="佐藤")
    return first, second


def _save(session: Session, aid: int, item: str, **change: object) -> svc.AnswerRead:
    return svc.save_answer(
        session=session, assessment_id=aid, item_id=item, change=AnswerUpdate.model_validate(change), actor="佐藤"
    )


def test_an_assessment_is_one_unit_cycle_and_questionnaire(session: Session, two: tuple[int, int]) -> None:
    first, _ = two
    summary = svc.get_assessment(session=session, assessment_id=first)
    assert (summary.unit, summary.cycle, summary.status, summary.questionnaire) == (
        TEAM,
        "FY2025",
        "draft",
        "mini@0.1.0",
    )
    with pytest.raises(Conflict, match=f"already has an assessment for this cycle \\(id {first}\\)"):
        svc.create_assessment(session=session, unit_id=summary.unit_id, cycle_id=summary.cycle_id, actor="佐藤")
    with pytest.raises(NotFound):
        svc.create_assessment(session=session, unit_id=999, cycle_id=summary.cycle_id, actor="佐藤")
    with pytest.raises(NotFound, match="ai-readiness assessment list"):
        svc.get_assessment(session=session, assessment_id=999)


def test_list_filters_and_coverage(session: Session, two: tuple[int, int]) -> None:
    first, second = two
    _save(session, first, "1-01", level=3)
    _save(session, first, "2-01", na_reason="所管外")
    _save(session, first, "1-02", comment="まだ検討中")  # a comment alone does not cover an item
    listed = svc.list_assessments(session=session)
    assert [(s.id, s.unit, s.cycle, s.coverage, s.answered, s.total) for s in listed] == [
        (first, TEAM, "FY2025", 0.5, 2, 4),
        (second, "デジタル庁/省庁業務グループ", "FY2026", 0.0, 0, 4),
    ]
    assert listed[0].to_json() == {
        "id": first,
        "unit": TEAM,
        "cycle": "FY2025",
        "status": "draft",
        "coverage": 0.5,
        "questionnaire": "mini@0.1.0",
    }
    fy26 = org.find_cycle(session=session, name="FY2026").id
    assert [s.id for s in svc.list_assessments(session=session, cycle_id=fy26)] == [second]
    assert [s.id for s in svc.list_assessments(session=session, ids=[first])] == [first]
    assert [s.id for s in svc.list_assessments(session=session, unit_ids={listed[1].unit_id})] == [second]
    assert svc.list_assessments(session=session, status="approved") == []
    assert svc.list_assessments(session=session, ids=[]) == []


def test_listing_takes_a_fixed_number_of_queries(session: Session, two: tuple[int, int], mini: Path) -> None:
    """No query per assessment: listing 2 or 22 assessments costs the same statements."""
    first, _ = two
    _save(session, first, "1-01", level=3)

    def statements() -> int:
        count = 0

        def counter(*_args: object) -> None:
            nonlocal count
            count += 1

        engine = session.get_bind()
        event.listen(engine, "before_cursor_execute", counter)
        try:
            svc.list_assessments(session=session)
        finally:
            event.remove(engine, "before_cursor_execute", counter)
        return count

    few = statements()
    for n in range(20):
        unit, _ = org.add_unit_path(session=session, path=f"デジタル庁/班{n}")
        aid = svc.create_assessment(
            session=session, unit_id=unit.id, cycle_id=org.find_cycle(session=session, name="FY2026").id, actor="x"
        )
        _save(session, aid, "1-02", level=1)
    assert statements() == few


def test_answer_rules(session: Session, two: tuple[int, int]) -> None:
    first, _ = two
    with pytest.raises(InvalidAnswer, match=r"item '9-99' is not in questionnaire mini@0\.1\.0"):
        _save(session, first, "9-99", level=1)
    with pytest.raises(InvalidAnswer, match="N/A needs a reason"):
        _save(session, first, "1-01", na_reason="  ")
    with pytest.raises(InvalidAnswer, match="either a level or N/A"):
        _save(session, first, "1-01", level=2, na_reason="所管外")
    with pytest.raises(InvalidAnswer, match="module 'other' is not part of"):
        _save(session, first, "other:1", level=2)
    with pytest.raises(NotFound):
        _save(session, 999, "1-01", level=2)
    for bad in (AnswerUpdate.model_construct(level=6), AnswerUpdate.model_construct(target=-1)):
        with pytest.raises(InvalidAnswer, match="whole number from 0 to 5"):
            svc.save_answer(session=session, assessment_id=first, item_id="1-01", change=bad, actor="佐藤")
    assert session.exec(select(Answer)).all() == []
    entries = session.exec(select(AuditEntry).where(AuditEntry.action == "answer")).all()
    assert entries == []


def test_level_and_na_replace_each_other(session: Session, two: tuple[int, int]) -> None:
    first, _ = two
    _save(session, first, "1-01", level=3, target=5, review=True)
    na = _save(session, first, "1-01", na_reason="対象業務なし")
    assert (na.level, na.na_reason, na.target, na.review) == (None, "対象業務なし", 5, True)
    back = _save(session, first, "1-01", level=1)
    assert (back.level, back.na_reason) == (1, None)
    cleared = _save(session, first, "1-01", target=None, review=False, comment=None)
    assert (cleared.target, cleared.review, cleared.comment) == (None, False, "")


def test_save_answers_is_all_or_nothing(session: Session, two: tuple[int, int]) -> None:
    first, _ = two
    revision = svc.get_assessment(session=session, assessment_id=first)
    with pytest.raises(InvalidAnswer, match="9-99"):
        svc.save_answers(
            session=session,
            assessment_id=first,
            changes={"1-01": AnswerUpdate(level=1), "9-99": AnswerUpdate(level=2)},
            actor="佐藤",
        )
    assert svc.list_answers(session=session, assessment_id=first) == {}
    _save(session, first, "1-02", level=2)
    with pytest.raises(Conflict, match="1-02 was changed by 佐藤"):
        svc.save_answers(
            session=session,
            assessment_id=first,
            changes={"1-01": AnswerUpdate(level=1), "1-02": AnswerUpdate(level=4)},
            actor="鈴木",
            expected_versions={"1-01": 0, "1-02": 0},
        )
    assert set(svc.list_answers(session=session, assessment_id=first)) == {"1-02"}
    saved = svc.save_answers(
        session=session,
        assessment_id=first,
        changes={"1-01": AnswerUpdate(level=1), "1-02": AnswerUpdate(level=2), "2-01": AnswerUpdate(level=5)},
        actor="鈴木",
    )
    assert set(saved) == {"1-01", "2-01"}  # 1-02 already held level 2
    assert svc.get_assessment(session=session, assessment_id=first).updated_at >= revision.updated_at
    fields = session.exec(select(AuditEntry.item_id).where(AuditEntry.actor == "鈴木")).all()
    assert sorted(fields) == ["1-01", "2-01"]


def test_scores_use_the_answered_questionnaire(session: Session, two: tuple[int, int]) -> None:
    first, _ = two
    _save(session, first, "1-01", level=3)
    _save(session, first, "2-01", level=1)
    result = svc.score_assessment(session=session, assessment_id=first)
    assert result.policies == {"1": 60.0, "2": 20.0} and result.overall == 40.0 and result.coverage == 0.5


def test_saves_work_on_a_database_without_update_returning(
    session: Session, two: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite before 3.35 has no UPDATE … RETURNING: the lock then reads the row separately."""
    first, _ = two
    monkeypatch.setattr(session.get_bind().dialect, "update_returning", False)
    assert _save(session, first, "1-01", level=2).version == 1
    svc.submit_assessment(session=session, assessment_id=first, actor="佐藤", reason="途中")
    assert svc.get_assessment(session=session, assessment_id=first).status == "submitted"
    with pytest.raises(NotFound):
        _save(session, 999, "1-01", level=2)
