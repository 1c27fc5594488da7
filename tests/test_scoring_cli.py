"""``ai-readiness score ID --json`` equals the scoring model on random answers set through
``ai-readiness answer set`` (the whole path: CLI, services, database, model)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings

from questionnaires.catalog import PLAN_FILE
from questionnaires.loader import load
from questionnaires.model import Questionnaire
from questionnaires.scoring import AnswerInput, score
from tests.conftest import MINI
from tests.helpers import cli
from tests.test_scoring import answer_sets, assert_matches_reference, reference

TEAM = "内閣府/科学技術・イノベーション推進事務局/AI戦略チーム"


def new_assessment(capsys: pytest.CaptureFixture[str], db: str) -> int:
    assert cli(capsys, "unit", "add", TEAM, "--db", db).code == 0
    assert cli(capsys, "cycle", "add", "FY2026", "--db", db).code == 0
    run = cli(capsys, "assessment", "new", "--unit", TEAM, "--cycle", "FY2026", "--db", db, "--json")
    assert run.code == 0, run.err
    return int(run.json["id"])


def set_answers(capsys: pytest.CaptureFixture[str], db: str, assessment: int, answers: dict[str, AnswerInput]) -> None:
    for item_id, answer in answers.items():
        if answer.na:
            argv = ["--na", "対象業務がない / no such work"]
        elif answer.level is not None:
            argv = ["--level", str(answer.level)]
        elif answer.target is not None:
            continue  # the CLI sets a target only with a level or N/A
        else:
            continue
        if answer.target is not None:
            argv += ["--target", str(answer.target)]
        run = cli(capsys, "answer", "set", str(assessment), item_id, *argv, "--db", db)
        assert run.code == 0, run.err


def check_cli_matches_model(
    capsys: pytest.CaptureFixture[str], q: Questionnaire, answers: dict[str, AnswerInput]
) -> None:
    # Answers the CLI cannot express (a target without a level) are dropped from the model's input too.
    answers = {k: a for k, a in answers.items() if a.na or a.level is not None}
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{Path(tmp) / 'score.db'}"
        assessment = new_assessment(capsys, db)
        set_answers(capsys, db, assessment, answers)
        run = cli(capsys, "score", str(assessment), "--db", db, "--json")
    assert run.code == 0, run.err
    assert run.json == score(q, answers).to_json()
    assert_matches_reference(run.json, reference(q, answers))


# The fixtures used here (capsys, mini) hold no per-example state: capsys is read after each
# command and mini only points the environment at the test questionnaire.
CLI_SETTINGS = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@CLI_SETTINGS
@given(answers=answer_sets(load(MINI)))
def test_score_json_equals_the_model_on_the_mini_questionnaire(
    capsys: pytest.CaptureFixture[str], mini: Path, answers: dict[str, AnswerInput]
) -> None:
    check_cli_matches_model(capsys, load(MINI), answers)


PLAN = load(PLAN_FILE)
#: A full answer set (coverage 1, so not provisional), besides the random ones.
FULL = {
    item.id: AnswerInput(na=True) if n % 7 == 6 else AnswerInput(level=n % 6, target=min(5, n % 6 + n % 3))
    for n, item in enumerate(PLAN.items)
}


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=answer_sets(PLAN))
@example(answers=FULL)
def test_score_json_equals_the_model_on_the_shipped_plan(
    capsys: pytest.CaptureFixture[str], answers: dict[str, AnswerInput]
) -> None:
    check_cli_matches_model(capsys, PLAN, answers)
