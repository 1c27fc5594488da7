"""Supplementary modules: every valid module file in the modules folder is linked to a new
assessment, answered as ``<module id>:<item id>`` and scored apart from the plan; a bad
file is skipped with a warning. On SQLite and PostgreSQL, and through the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlmodel import Session, select

from models import assessments as svc
from models import org
from models.errors import InvalidAnswer, NotFound
from models.modules import list_modules, modules_of, scan_modules, score_modules
from models.tables import AnswerUpdate, AssessmentModule, AuditEntry, QuestionnaireVersion
from tests.conftest import DATA
from tests.helpers import cli

MODULE = DATA / "module-local.yaml"


@pytest.fixture
def modules_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mini: Path) -> Path:
    folder = tmp_path / "modules"
    folder.mkdir()
    shutil.copy(MODULE, folder / "local.yaml")
    (folder / "broken.yaml").write_text("format: ai-readiness/questionnaire@1\nid: [oops\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not a module", encoding="utf-8")
    monkeypatch.setenv("AI_READINESS_MODULES_DIR", str(folder))
    return folder


def _new(session: Session) -> svc.NewAssessment:
    unit, _ = org.add_unit_path(session=session, path="デジタル庁/AI推進チーム")
    cycle, _ = org.add_cycle(session=session, name="FY2026")
    return svc.start_assessment(session=session, unit_id=unit.id, cycle_id=cycle.id, actor="佐藤")


def _save(session: Session, aid: int, item: str, **change: object) -> svc.AnswerRead:
    return svc.save_answer(
        session=session, assessment_id=aid, item_id=item, change=AnswerUpdate.model_validate(change), actor="佐藤"
    )


def test_the_default_modules_folder_is_in_the_data_folder(isolated_environment: Path) -> None:
    from models.config import modules_dir

    assert modules_dir() == isolated_environment / "modules"
    assert scan_modules() == scan_modules(isolated_environment / "missing")
    assert scan_modules().modules == () and scan_modules().warnings == ()


def test_valid_modules_are_linked_and_bad_files_reported(session: Session, modules_folder: Path) -> None:
    new = _new(session)
    assert new.modules == ("local-ops@1.0",)
    assert len(new.warnings) == 1 and "broken.yaml" in new.warnings[0] and "skipped" in new.warnings[0]
    row = session.exec(select(QuestionnaireVersion).where(QuestionnaireVersion.kind == "module")).one()
    assert (row.qid, row.version) == ("local-ops", "1.0")
    links = session.exec(select(AssessmentModule).where(AssessmentModule.assessment_id == new.id)).all()
    assert [link.questionnaire_id for link in links] == [row.id]
    linked = session.exec(select(AuditEntry).where(AuditEntry.action == "module")).one()
    assert (linked.field, linked.new) == ("linked", '"local-ops@1.0"')
    assert [(m.id, m.version, m.items, m.title_ja) for m in list_modules(session=session, assessment_id=new.id)] == [
        ("local-ops", "1.0", 2, "当省独自の追加項目")
    ]
    assert list(modules_of(session=session, assessment_id=new.id)) == ["local-ops"]
    with pytest.raises(NotFound):
        list_modules(session=session, assessment_id=999)


def test_module_items_are_answered_and_scored_apart(session: Session, modules_folder: Path) -> None:
    aid = _new(session).id
    _save(session, aid, "1-01", level=3)
    _save(session, aid, "local-ops:local-01", level=5, target=5)
    _save(session, aid, "local-ops:local-02", na_reason="窓口なし")

    plan = svc.score_assessment(session=session, assessment_id=aid)
    assert plan.policies == {"1": 60.0, "2": None} and plan.coverage == 0.25
    assert [i.id for i in plan.items] == ["1-01", "1-02", "2-01", "2-02"]
    summary = svc.get_assessment(session=session, assessment_id=aid)
    assert (summary.answered, summary.total, summary.coverage) == (1, 4, 0.25)  # plan items only

    modules = score_modules(session=session, assessment_id=aid)
    assert list(modules) == ["local-ops"]
    local = modules["local-ops"]
    assert (local.overall, local.coverage, local.answered, local.not_applicable) == (100.0, 1.0, 1, 1)
    assert local.policies == {"L1": 100.0}

    with pytest.raises(InvalidAnswer, match=r"module local-ops@1\.0 has no item 'local-99'"):
        _save(session, aid, "local-ops:local-99", level=1)
    with pytest.raises(InvalidAnswer, match=r"module 'elsewhere' is not part of assessment .*local-ops"):
        _save(session, aid, "elsewhere:local-01", level=1)


def test_a_module_added_later_does_not_change_an_existing_assessment(
    session: Session, modules_folder: Path, tmp_path: Path
) -> None:
    aid = _new(session).id
    changed = (modules_folder / "local.yaml").read_text(encoding="utf-8").replace('version: "1.0"', 'version: "2.0"')
    (modules_folder / "local.yaml").write_text(changed, encoding="utf-8")
    assert [m.version for m in list_modules(session=session, assessment_id=aid)] == ["1.0"]
    other, _ = org.add_unit_path(session=session, path="デジタル庁/別チーム")
    cycle = org.find_cycle(session=session, name="FY2026")
    later = svc.start_assessment(session=session, unit_id=other.id, cycle_id=cycle.id, actor="佐藤")
    assert later.modules == ("local-ops@2.0",)
    assert [m.version for m in list_modules(session=session, assessment_id=aid)] == ["1.0"]


def test_an_assessment_without_modules_scores_no_modules(session: Session, mini: Path) -> None:
    aid = _new(session).id
    assert score_modules(session=session, assessment_id=aid) == {}
    with pytest.raises(InvalidAnswer, match="its modules: none"):
        _save(session, aid, "local-ops:local-01", level=1)


def test_a_plan_file_in_the_modules_folder_is_skipped(modules_folder: Path, mini: Path) -> None:
    shutil.copy(mini, modules_folder / "plan-copy.yaml")
    scan = scan_modules()
    assert [m.id for m in scan.modules] == ["local-ops"]
    assert any("plan-copy.yaml" in w for w in scan.warnings), scan.warnings


def test_cli_reports_skipped_modules_and_keeps_the_json_contract(
    capsys: pytest.CaptureFixture[str], modules_folder: Path
) -> None:
    assert cli(capsys, "unit", "add", "デジタル庁/AI推進チーム").code == 0
    assert cli(capsys, "cycle", "add", "FY2026").code == 0
    run = cli(capsys, "assessment", "new", "--unit", "デジタル庁/AI推進チーム", "--cycle", "FY2026", "--json")
    assert run.code == 0
    assert run.json == {"id": 1}
    assert "warning" in run.err and "broken.yaml" in run.err and "Traceback" not in run.err
    text = cli(capsys, "assessment", "new", "--unit", "デジタル庁/AI推進チーム", "--cycle", "FY2026")
    assert text.code == 1 and "already has an assessment" in text.err
    assert cli(capsys, "answer", "set", "1", "local-ops:local-01", "--level", "4").code == 0
    listed = cli(capsys, "assessment", "list", "--json").json
    assert listed[0]["coverage"] == 0.0
