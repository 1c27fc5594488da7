"""A believable demo: one ministry with 3 bureaus and 12 teams, FY2025 and FY2026.

Answers differ between teams and mostly improve between cycles; some items are N/A, some
carry Japanese comments, and some assessments are approved. The fictional ministry name
keeps any real ministry's readiness from being misrepresented. Seeded, so reruns agree.
"""

from __future__ import annotations

import random

from sqlmodel import Session

from models import org
from models.assessments import approve_assessment, create_assessment, save_answers, submit_assessment
from models.errors import Conflict
from models.questionnaire_store import questionnaire_by_row, register_active
from models.tables import AnswerUpdate

MINISTRY = ("デモ省", "Ministry of Demonstration")
BUREAUS = {
    ("大臣官房", "Minister's Secretariat"): [
        ("デジタル統括室", "Digital Coordination Office"),
        ("人事課", "Personnel Division"),
        ("会計課", "Accounts Division"),
        ("広報室", "Public Relations Office"),
    ],
    ("政策局", "Policy Bureau"): [
        ("政策企画課", "Policy Planning Division"),
        ("データ戦略室", "Data Strategy Office"),
        ("国際協力課", "International Cooperation Division"),
        ("法令審査室", "Legal Review Office"),
    ],
    ("地域支援局", "Regional Support Bureau"): [
        ("補助金審査課", "Grant Review Division"),
        ("防災対策課", "Disaster Preparedness Division"),
        ("窓口サービス室", "Front Desk Services Office"),
        ("統計調査課", "Statistical Survey Division"),
    ],
}
CYCLES = ("FY2025", "FY2026")
COMMENTS = (
    "源内の利用状況を月次で集計している。",
    "課内の勉強会で事例を共有した。次年度は全係に展開予定。",
    "高リスク判定シートは新規案件のみ適用。既存案件は棚卸し中。",
    "調達仕様書のひな形に生成AIの要件を追記した。",
    "研修受講率は約6割。管理職の受講を優先している。",
    "担当者の異動で一時停滞。引継ぎ資料を整備中。",
)
NA_REASON = "当課は該当する業務・システムを所管していないため。"


def seed_demo(*, session: Session, actor: str, seed: int = 2026) -> dict[str, int]:
    """Create the demo data; running it again adds nothing that is already there."""
    rng = random.Random(seed)
    questionnaire_id = register_active(session=session)
    session.commit()
    questionnaire = questionnaire_by_row(session=session, questionnaire_id=questionnaire_id)
    cycles = [org.add_cycle(session=session, name=name)[0] for name in CYCLES]
    teams = []
    org.add_unit_path(session=session, path=MINISTRY[0], name_en=MINISTRY[1])
    for (bureau, bureau_en), divisions in BUREAUS.items():
        org.add_unit_path(session=session, path=f"{MINISTRY[0]}/{bureau}", name_en=bureau_en)
        for name, name_en in divisions:
            unit, _ = org.add_unit_path(session=session, path=f"{MINISTRY[0]}/{bureau}/{name}", name_en=name_en)
            teams.append(unit)
    created = 0
    for team_index, team in enumerate(teams):
        # Each team has its own maturity and its own stronger and weaker policies.
        base = rng.uniform(0.8, 3.4)
        policy_bias = {p.id: rng.uniform(-0.9, 0.9) for p in questionnaire.policies}
        for cycle_index, cycle in enumerate(cycles):
            try:
                assessment_id = create_assessment(
                    session=session, unit_id=team.id, cycle_id=cycle.id, actor=actor, questionnaire_id=questionnaire_id
                )
            except Conflict:
                continue
            created += 1
            growth = cycle_index * rng.uniform(0.2, 1.1)
            # The current cycle is still in progress for some teams: lower coverage.
            answer_share = 1.0 if cycle_index == 0 or team_index % 4 else rng.uniform(0.55, 0.85)
            changes: dict[str, AnswerUpdate] = {}
            for item in questionnaire.items:
                if rng.random() > answer_share:
                    continue
                change: dict[str, object] = {}
                if item.policy == "2" and team_index % 3 == 2 and rng.random() < 0.5:
                    change["na_reason"] = NA_REASON
                else:
                    raw = base + policy_bias[item.policy] + growth + rng.gauss(0, 0.7)
                    level = max(0, min(5, round(raw)))
                    change["level"] = level
                    if rng.random() < 0.6:
                        change["target"] = min(5, level + rng.choice((1, 1, 2)))
                if rng.random() < 0.2:
                    change["comment"] = rng.choice(COMMENTS)
                if rng.random() < 0.05:
                    change["review"] = True
                changes[item.id] = AnswerUpdate.model_validate(change)
            # One transaction per assessment; every answer is audited as a single save would be.
            save_answers(session=session, assessment_id=assessment_id, changes=changes, actor=actor)
            if cycle_index == 0 or team_index % 3 == 0:
                complete = len(changes) == len(questionnaire.items)
                reason = None if complete else "一部項目は次期サイクルで評価する。"
                submit_assessment(session=session, assessment_id=assessment_id, actor=actor, reason=reason)
                if cycle_index == 0 or team_index % 2 == 0:
                    approve_assessment(session=session, assessment_id=assessment_id, approver="デモ課長", actor=actor)
    return {"units": len(teams) + 1 + len(BUREAUS), "assessments": created}
