"""``ai-readiness demo``: one ministry, 3 bureaus, 12 teams, FY2025 and FY2026, answers that
mostly improve, some N/A, Japanese comments, some approved; running it twice adds nothing."""

from __future__ import annotations

import re
from statistics import mean

import pytest
from sqlalchemy import func
from sqlmodel import Session, col, select

from models import assessments as svc
from models import org
from models.demo import seed_demo
from models.tables import Answer, Assessment, AuditEntry, Cycle, OrgUnit, QuestionnaireVersion
from tests.helpers import cli

TABLES = (OrgUnit, Cycle, QuestionnaireVersion, Assessment, Answer, AuditEntry)


def _counts(session: Session) -> dict[str, int]:
    return {table.__tablename__: session.exec(select(func.count()).select_from(table)).one() for table in TABLES}


def test_demo_shape(session: Session) -> None:
    summary = seed_demo(session=session, actor="demo")
    assert summary == {"units": 16, "assessments": 24}

    units = org.list_units(session=session)
    assert [u.depth for u in units].count(0) == 1
    assert [u.depth for u in units].count(1) == 3
    teams = [u for u in units if u.depth == 2]
    assert len(teams) == 12
    assert all(u.name_en for u in units)
    assert [c.name for c in org.list_cycles(session=session)] == ["FY2025", "FY2026"]

    listed = svc.list_assessments(session=session)
    assert len(listed) == 24
    assert {(a.unit, a.cycle) for a in listed} == {(t.path, c) for t in teams for c in ("FY2025", "FY2026")}
    statuses = [a.status for a in listed]
    assert statuses.count("approved") > 0 and statuses.count("draft") > 0
    assert all(a.coverage == 1.0 for a in listed if a.cycle == "FY2025")
    assert any(a.coverage < 1.0 for a in listed if a.cycle == "FY2026")  # still in progress

    overall: dict[tuple[str, str], float] = {}
    for a in listed:
        result = svc.score_assessment(session=session, assessment_id=a.id)
        assert result.overall is not None
        overall[(a.unit, a.cycle)] = result.overall
    before = [overall[(t.path, "FY2025")] for t in teams]
    after = [overall[(t.path, "FY2026")] for t in teams]
    assert mean(after) > mean(before)  # improving on average
    improved = sum(b > a for a, b in zip(before, after, strict=True))
    assert improved >= 8, (before, after)  # mostly, not always
    assert len({round(x) for x in before}) >= 6  # teams differ

    answers = session.exec(select(Answer)).all()
    assert sum(a.na_reason is not None for a in answers) > 0
    comments = [a.comment for a in answers if a.comment]
    assert comments and all(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", c) for c in comments)
    # Every answer came through the audited service: one entry per field set.
    answer_entries = session.exec(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "answer"))
    fields = sum(
        (a.level is not None) + (a.na_reason is not None) + (a.target is not None) + bool(a.comment) + a.review
        for a in answers
    )
    assert answer_entries.one() == fields
    approvals = session.exec(select(Assessment).where(col(Assessment.status) == "approved")).all()
    assert all(a.approver == "デモ課長" and a.approved_at is not None for a in approvals)


def test_running_the_demo_twice_adds_nothing(session: Session) -> None:
    seed_demo(session=session, actor="demo")
    first = _counts(session)
    assert seed_demo(session=session, actor="demo") == {"units": 16, "assessments": 0}
    assert _counts(session) == first


def test_demo_command(capsys: pytest.CaptureFixture[str]) -> None:
    run = cli(capsys, "demo")
    assert run.code == 0 and run.out == "demo seeded: 16 units, 24 assessments\n", run.err
    again = cli(capsys, "demo", "--json")
    assert again.code == 0 and again.json == {"units": 16, "assessments": 0}
    listed = cli(capsys, "assessment", "list", "--json").json
    assert len(listed) == 24 and all(a["unit"].startswith("デモ省/") for a in listed)
