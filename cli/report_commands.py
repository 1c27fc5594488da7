"""``report``: the PDF scorecard."""

from __future__ import annotations

import argparse

from cli.common import session
from cli.main import Registrar, emit, output_path


def register(cli: Registrar) -> None:
    p = cli.command("report", "write the PDF scorecard of an assessment", report)
    p.add_argument("id", type=int, metavar="ASSESSMENT_ID")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--lang", choices=("ja", "en"), default="ja")


def report(args: argparse.Namespace) -> None:
    from models.reporting import scorecard_data
    from reports.scorecard import write_scorecard

    target = output_path(args.output)
    with session(args) as s:
        data = scorecard_data(session=s, assessment_id=args.id)
    write_scorecard(data, target, lang=args.lang)
    emit(args, {"id": args.id, "output": str(target), "lang": args.lang}, f"wrote {target}")
