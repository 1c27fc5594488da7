"""``questionnaire validate`` and ``questionnaire show``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from cli.main import Registrar, emit


def register(cli: Registrar) -> None:
    group = cli.group("questionnaire", "questionnaire files")
    p = group.command(
        "validate",
        "check a questionnaire or module file; every problem is printed as FILE:LINE: field: message",
        questionnaire_validate,
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--plan",
        metavar="PLAN_FILE",
        help="the plan a module file is checked against (default: the active questionnaire)",
    )
    group.command("show", "print the active questionnaire", questionnaire_show)


def questionnaire_validate(args: argparse.Namespace) -> None:
    from questionnaires.catalog import active_questionnaire
    from questionnaires.loader import QuestionnaireError, declared_kind, load
    from questionnaires.rules import ModuleContext

    path = Path(args.file)
    plan = None
    try:
        if declared_kind(path) == "module":
            plan = active_questionnaire(Path(args.plan) if args.plan else None)
        q = load(path, context=ModuleContext.for_plan(plan) if plan else None)
    except QuestionnaireError as exc:
        if getattr(args, "json", False):
            problems = [{"file": p.file, "line": p.line, "field": p.field, "message": p.message} for p in exc.problems]
            json.dump({"file": str(path), "ok": False, "problems": problems}, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        raise
    against = f", checked against plan {plan.id}@{plan.version}" if plan else ""
    emit(
        args,
        {
            "file": str(path),
            "ok": True,
            "kind": q.kind,
            "id": q.id,
            "version": q.version,
            "items": len(q.items),
            "hash": q.hash,
            "plan": plan.id if plan else None,
        },
        f"{path}: ok ({q.kind} {q.id}@{q.version}, {len(q.items)} items{against})",
    )


def questionnaire_show(args: argparse.Namespace) -> None:
    from questionnaires.catalog import active_questionnaire

    q = active_questionnaire()

    def text() -> str:
        lines = [f"{q.id}@{q.version} (edition {q.edition}) {q.hash[:12]}"]
        for policy in q.policies:
            lines.append(f"{policy.id} {policy.name.ja}")
            lines += [f"  {item.id} [{item.weight}] {item.question.ja}" for item in q.items_of_policy(policy.id)]
        return "\n".join(lines)

    emit(args, q.to_public_json(), text)
