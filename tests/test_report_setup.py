"""A database for the report tests, filled through the services: one unit with a previous and a
current assessment (N/A, unanswered, targets, comments, review marks, evidence, a
supplementary module), and a second unit whose assessment is provisional. The ``report_db``
fixture (tests/conftest.py) builds it once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

TEAM = "テスト省/AI推進局/企画課"
TEAM_EN = "Planning Division"
OTHER = "テスト省/AI推進局/調査室"
MODULE_ID = "test-extra"
NA_REASON = "当課は該当するシステムを所管していない。"
COMMENT = "源内の利用率を月次で集計している。"


@dataclass(frozen=True)
class ReportDB:
    url: str
    previous: int  # FY2025, approved
    current: int  # FY2026, draft, coverage ≥ 80 %
    provisional: int  # FY2026, another unit, coverage < 80 %
    na_item: str
    unanswered_item: str
    review_item: str
    evidence_item: str


@contextmanager
def environment(root: Path) -> Iterator[None]:
    """Point the data folder (evidence, modules) at ``root`` while the database is built."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AI_READINESS_DATA_DIR", str(root / "data"))
        mp.setenv("AI_READINESS_USER", "tester")
        mp.delenv("AI_READINESS_QUESTIONNAIRE", raising=False)
        mp.delenv("AI_READINESS_MODULES_DIR", raising=False)
        mp.setenv("HOME", str(root / "home"))
        yield


def _module_yaml(plan: object) -> str:
    levels = {lv: {"ja": f"追加水準{lv}", "en": f"Extra level {lv}"} for lv in range(6)}
    principle = plan.principles[0]  # type: ignore[attr-defined]
    return yaml.safe_dump(
        {
            "format": "ai-readiness/questionnaire@1",
            "id": MODULE_ID,
            "kind": "module",
            "version": "1",
            "title": {"ja": "府省独自の確認事項", "en": "Ministry's own checks"},
            "edition": {"id": "test", "name": {"ja": "テスト版", "en": "Test edition"}, "confidence": "M"},
            "principles": [{"id": principle.id, "name": principle.name.model_dump(), "confidence": "M"}],
            "policies": [{"id": "X1", "name": {"ja": "独自区分", "en": "Own section"}, "confidence": "M"}],
            "items": [
                {
                    "id": f"{MODULE_ID}-{n:02d}",
                    "policy": "X1",
                    "principles": [principle.id],
                    "weight": 2,
                    "question": {"ja": f"独自の質問{n}", "en": f"Own question {n}"},
                    "guidance": {"ja": "手引き", "en": "Guidance"},
                    "levels": levels,
                    "source": {"ref": {"ja": "府省の規程", "en": "Ministry rule"}, "confidence": "M"},
                }
                for n in (1, 2)
            ],
        },
        allow_unicode=True,
        sort_keys=False,
    )


def build_report_db(root: Path) -> ReportDB:
    from models import org
    from models.assessments import approve_assessment, create_assessment, save_answers, submit_assessment
    from models.db import open_database, session_for
    from models.evidence import add_evidence
    from models.questionnaire_store import questionnaire_by_row, register_active
    from models.tables import AnswerUpdate
    from questionnaires.catalog import active_questionnaire

    root.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{root / 'report.db'}"
    with environment(root):
        plan = active_questionnaire()
        modules = root / "data" / "modules"
        modules.mkdir(parents=True)
        engine = open_database(url)
        try:
            with session_for(engine) as s:
                unit, _ = org.add_unit_path(session=s, path=TEAM, name_en=TEAM_EN)
                other, _ = org.add_unit_path(session=s, path=OTHER)
                fy25, _ = org.add_cycle(session=s, name="FY2025")
                fy26, _ = org.add_cycle(session=s, name="FY2026")
                items = questionnaire_by_row(session=s, questionnaire_id=register_active(session=s)).items

                previous = create_assessment(session=s, unit_id=unit.id, cycle_id=fy25.id, actor="tester")
                save_answers(
                    session=s,
                    assessment_id=previous,
                    changes={it.id: AnswerUpdate(level=i % 4) for i, it in enumerate(items)},
                    actor="tester",
                )
                submit_assessment(session=s, assessment_id=previous, actor="tester")
                approve_assessment(session=s, assessment_id=previous, approver="山田課長", actor="tester")

                (modules / f"{MODULE_ID}.yaml").write_text(_module_yaml(plan), encoding="utf-8")
                current = create_assessment(session=s, unit_id=unit.id, cycle_id=fy26.id, actor="tester")
                na_item, unanswered, review, evidence_item = items[3].id, items[8].id, items[5].id, items[1].id
                changes: dict[str, AnswerUpdate] = {}
                for i, it in enumerate(items):
                    if i % 9 == 8:
                        continue  # unanswered
                    if it.id == na_item:
                        changes[it.id] = AnswerUpdate(na_reason=NA_REASON)
                        continue
                    level = (i * 7 + 2) % 6
                    target = min(5, level + 1 + i % 2) if i % 3 == 0 else None
                    changes[it.id] = AnswerUpdate(
                        level=level, target=target, comment=COMMENT if i % 5 == 0 else "", review=it.id == review
                    )
                changes[f"{MODULE_ID}:{MODULE_ID}-01"] = AnswerUpdate(level=3, target=4)
                save_answers(session=s, assessment_id=current, changes=changes, actor="tester")
                attachment = root / "規程.txt"
                attachment.write_text("内部規程の写し\n", encoding="utf-8")
                add_evidence(
                    session=s, assessment_id=current, item_id=evidence_item, kind="text",
                    text="幹部会資料（令和8年4月）", actor="tester",
                )  # fmt: skip
                add_evidence(
                    session=s, assessment_id=current, item_id=evidence_item, kind="link",
                    url="https://intra.example.go.jp/ai/usage", actor="tester",
                )  # fmt: skip
                add_evidence(
                    session=s, assessment_id=current, item_id=evidence_item, kind="file", file_path=attachment,
                    actor="tester",
                )  # fmt: skip
                (modules / f"{MODULE_ID}.yaml").unlink()

                provisional = create_assessment(session=s, unit_id=other.id, cycle_id=fy26.id, actor="tester")
                save_answers(
                    session=s,
                    assessment_id=provisional,
                    changes={it.id: AnswerUpdate(level=2, target=3) for it in items[:10]},
                    actor="tester",
                )
        finally:
            engine.dispose()
    return ReportDB(url, previous, current, provisional, na_item, unanswered, review, evidence_item)


def scorecard_data_of(url: str, assessment_id: int) -> object:
    from models.db import open_database, session_for
    from models.reporting import scorecard_data

    engine = open_database(url)
    try:
        with session_for(engine) as s:
            return scorecard_data(session=s, assessment_id=assessment_id)
    finally:
        engine.dispose()


def test_the_report_database_holds_what_the_report_tests_expect(report_db: ReportDB) -> None:
    from models.reporting import ScorecardData

    data = scorecard_data_of(report_db.url, report_db.current)
    assert isinstance(data, ScorecardData)
    assert data.unit_path == TEAM and data.unit_path_en == f"テスト省/AI推進局/{TEAM_EN}"
    assert data.previous is not None and data.previous.cycle == "FY2025"
    assert not data.result.provisional and data.result.not_applicable == 1
    assert data.answers[report_db.na_item].na_reason == NA_REASON
    assert report_db.unanswered_item not in data.answers
    assert [ref.kind for ref in data.evidence[report_db.evidence_item]] == ["text", "link", "file"]
    assert [m.questionnaire.id for m in data.modules] == [MODULE_ID]
    assert data.modules[0].answers[f"{MODULE_ID}-01"].level == 3
    provisional = scorecard_data_of(report_db.url, report_db.provisional)
    assert isinstance(provisional, ScorecardData) and provisional.result.provisional
