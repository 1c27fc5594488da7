"""``questionnaire validate`` and ``questionnaire show``."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.main import Registrar, emit


def register(cli: Registrar) -> None:
    group = cli.group("questionnaire", "questionnaire files")
    p = group.command("validate", "check a questionnaire or module file", questionnaire_validate)
    p.add_argument("file", metavar="FILE")
    group.command("show", "print the active questionnaire", questionnaire_show)


def questionnaire_validate(args: argparse.Namespace) -> None:
    from questionnaires.loader import load

    path = Path(args.file)
    q = load(path)
    emit(
        args,
        {"file": str(path), "ok": True, "id": q.id, "version": q.version, "items": len(q.items), "hash": q.hash},
        f"{path}: ok ({q.id}@{q.version}, {len(q.items)} items)",
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
