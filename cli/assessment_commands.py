"""``assessment``, ``answer``, ``audit``, ``score`` and ``demo`` commands."""

from __future__ import annotations

import argparse
import sys

from cli.common import actor, pct, score_text, session
from cli.main import Failure, Registrar, emit


def register(cli: Registrar) -> None:
    group = cli.group("assessment", "assessments and their lifecycle")
    p = group.command("new", "start an assessment of a unit in a cycle", assessment_new)
    p.add_argument("--unit", required=True, metavar="PATH")
    p.add_argument("--cycle", required=True, metavar="NAME")
    p = group.command("list", "list assessments", assessment_list)
    p.add_argument("--cycle", metavar="NAME")
    p.add_argument("--status", choices=("draft", "submitted", "approved"))
    p = group.command("submit", "submit for approval", assessment_submit)
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--reason", help="why it is submitted with unanswered items")
    p = group.command("approve", "approve a submitted assessment (locks it)", assessment_approve)
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--approver", required=True, metavar="NAME")
    p = group.command("reopen", "reopen a submitted or approved assessment", assessment_reopen)
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--reason", required=True, metavar="TEXT")

    answers = cli.group("answer", "answers")
    p = answers.command("set", "set one answer", answer_set)
    p.add_argument("assessment_id", type=int, metavar="ASSESSMENT_ID")
    p.add_argument("item_id", metavar="ITEM_ID")
    choice = p.add_mutually_exclusive_group(required=True)
    choice.add_argument("--level", type=int, choices=range(6), metavar="N", help="level 0-5")
    choice.add_argument("--na", metavar="REASON", help="not applicable, with the reason")
    p.add_argument("--target", type=int, choices=range(6), metavar="N", help="target level 0-5")
    p.add_argument("--comment", metavar="TEXT")
    p.add_argument("--review", action="store_true", default=None, help="mark the item for review")

    p = cli.command("audit", "the audit trail of an assessment", audit)
    p.add_argument("id", type=int, metavar="ASSESSMENT_ID")
    p = cli.command("score", "the scores of an assessment", score)
    p.add_argument("id", type=int, metavar="ASSESSMENT_ID")
    cli.command("demo", "seed a believable demo ministry with two cycles of assessments", demo)


def assessment_new(args: argparse.Namespace) -> None:
    from models import assessments, org

    with session(args) as s:
        unit = org.find_unit(session=s, path=args.unit)
        cycle = org.find_cycle(session=s, name=args.cycle)
        new = assessments.start_assessment(session=s, unit_id=unit.id, cycle_id=cycle.id, actor=actor(args))
    for warning in new.warnings:  # a bad module file is skipped, not fatal
        print(f"ai-readiness: warning: {warning}", file=sys.stderr)
    modules = f" (modules: {', '.join(new.modules)})" if new.modules else ""
    emit(args, {"id": new.id}, f"assessment {new.id}: {unit.path} · {cycle.name}{modules}")


def assessment_list(args: argparse.Namespace) -> None:
    from models import assessments, org

    with session(args) as s:
        cycle_id = org.find_cycle(session=s, name=args.cycle).id if args.cycle else None
        rows = assessments.list_assessments(session=s, cycle_id=cycle_id, status=args.status)

    def text() -> str:
        if not rows:
            return "no assessments yet; start one with: ai-readiness assessment new --unit PATH --cycle NAME"
        return "\n".join(f"{r.id:>5}  {r.cycle:<10} {r.status:<10} {pct(r.coverage):>5}  {r.unit}" for r in rows)

    emit(args, [r.to_json() for r in rows], text)


def assessment_submit(args: argparse.Namespace) -> None:
    from models import assessments

    with session(args) as s:
        assessments.submit_assessment(session=s, assessment_id=args.id, actor=actor(args), reason=args.reason)
    emit(args, {"id": args.id, "status": "submitted"}, f"assessment {args.id} submitted")


def assessment_approve(args: argparse.Namespace) -> None:
    from models import assessments

    with session(args) as s:
        assessments.approve_assessment(session=s, assessment_id=args.id, approver=args.approver, actor=actor(args))
    emit(args, {"id": args.id, "status": "approved"}, f"assessment {args.id} approved by {args.approver}")


def assessment_reopen(args: argparse.Namespace) -> None:
    from models import assessments

    with session(args) as s:
        assessments.reopen_assessment(session=s, assessment_id=args.id, reason=args.reason, actor=actor(args))
    emit(args, {"id": args.id, "status": "draft"}, f"assessment {args.id} reopened")


def answer_set(args: argparse.Namespace) -> None:
    from pydantic import ValidationError

    from models import assessments
    from models.tables import AnswerUpdate

    change: dict[str, object] = {}
    if args.level is not None:
        change["level"] = args.level
    if args.na is not None:
        change["na_reason"] = args.na
    if args.target is not None:
        change["target"] = args.target
    if args.comment is not None:
        change["comment"] = args.comment
    if args.review:
        change["review"] = True
    try:
        update = AnswerUpdate.model_validate(change)
    except ValidationError as exc:  # e.g. a comment too long, or bytes that are not UTF-8 text
        problem = exc.errors()[0]
        field = ".".join(str(part) for part in problem["loc"])
        raise Failure(f"item {args.item_id}: {field}: {problem['msg']}") from None
    with session(args) as s:
        saved = assessments.save_answer(
            session=s, assessment_id=args.assessment_id, item_id=args.item_id, change=update, actor=actor(args)
        )
    shown = "N/A" if saved.na_reason is not None else f"level {saved.level}"
    emit(
        args,
        {
            "assessment": args.assessment_id,
            "item": saved.item_id,
            "level": saved.level,
            "na": saved.na_reason,
            "target": saved.target,
            "comment": saved.comment,
            "review": saved.review,
            "version": saved.version,
        },
        f"saved {saved.item_id}: {shown}",
    )


def audit(args: argparse.Namespace) -> None:
    from models import assessments

    with session(args) as s:
        entries = assessments.audit_log(session=s, assessment_id=args.id)

    def text() -> str:
        lines = []
        for e in entries:
            what = " ".join(x for x in (e.action, e.item_id or "", e.field or "") if x)
            lines.append(f"{e.at:%Y-%m-%d %H:%M:%S}Z  {e.actor:<12} {what}: {e.old!r} → {e.new!r}")
        return "\n".join(lines)

    emit(args, [e.to_json() for e in entries], text)


def score(args: argparse.Namespace) -> None:
    from models import assessments

    with session(args) as s:
        result = assessments.score_assessment(session=s, assessment_id=args.id)

    def text() -> str:
        mark = " (暫定 provisional)" if result.provisional else ""
        level = result.level or "—"
        lines = [f"overall {score_text(result.overall)} · level {level}{mark} · coverage {pct(result.coverage)}"]
        lines += [f"  policy {k}: {score_text(v)}" for k, v in result.policies.items()]
        lines += [f"  principle {k}: {score_text(v)}" for k, v in result.principles.items()]
        return "\n".join(lines)

    emit(args, result.to_json(), text)


def demo(args: argparse.Namespace) -> None:
    from models.demo import seed_demo

    with session(args) as s:
        summary = seed_demo(session=s, actor=actor(args))
    emit(args, summary, f"demo seeded: {summary['units']} units, {summary['assessments']} assessments")
