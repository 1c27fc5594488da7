"""``compare``: the ministry's view across teams, as JSON, CSV, XLSX or PDF."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from cli.common import session
from cli.main import PROG, Failure, Registrar, UsageError, emit, output_path

FORMATS = ("json", "csv", "xlsx", "pdf")

DESCRIPTION = (
    "Compare the assessments of one cycle (default: the latest cycle that has an assessment) in one "
    "subtree of units (default: all). Scores are unrounded; provisional assessments (coverage below "
    "80%) are included and flagged. Ranking ties go to the unit path (the alias when anonymised), "
    "then the assessment id. With --anonymise, units are shown by stable aliases and any roll-up "
    "group resting on fewer than --min-group teams is left out."
)


def register(cli: Registrar) -> None:
    p = cli.command("compare", "compare teams: scores, statistics, ranking, weak items, roll-up, trend", compare)
    p.description = DESCRIPTION
    p.add_argument("--cycle", metavar="NAME", help="the cycle to compare (default: the latest with an assessment)")
    p.add_argument("--unit", metavar="PATH", help="only this unit and the units below it")
    p.add_argument("--status", choices=("draft", "submitted", "approved"), help="only assessments in this status")
    p.add_argument(
        "--anonymise", action="store_true", help="stable aliases instead of unit names; small groups left out"
    )
    p.add_argument(
        "--min-group",
        type=int,
        default=3,
        metavar="N",
        help="with --anonymise, leave out roll-up groups resting on fewer than N teams (default 3)",
    )
    p.add_argument("--format", choices=FORMATS, help="output format (default: from the file name's suffix)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write")
    p.add_argument("--lang", choices=("ja", "en"), default="ja", help="language of CSV, XLSX and PDF (default ja)")


def _format(args: argparse.Namespace, target: Path) -> str:
    if args.format:
        return str(args.format)
    suffix = target.suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    raise UsageError(f"{PROG} compare: give --format json|csv|xlsx|pdf (or a file name ending in one)")


def compare(args: argparse.Namespace) -> None:
    from models.compare import compare as compare_service
    from reports.files import write_atomically

    if args.min_group < 1:
        raise UsageError(f"{PROG} compare: --min-group must be 1 or more")
    target = output_path(args.output)
    fmt = _format(args, target)
    with session(args) as s:
        data = compare_service(
            session=s,
            cycle=args.cycle,
            unit_path=args.unit,
            status=args.status,
            anonymise=args.anonymise,
            min_group=args.min_group,
        )
    if fmt == "json":
        content = (json.dumps(data.to_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    elif fmt == "csv":
        from reports.compare_xlsx import build_compare_csv

        content = build_compare_csv(data, args.lang)
    elif fmt == "xlsx":
        from reports.compare_xlsx import build_compare_xlsx

        content = build_compare_xlsx(data, args.lang)
    else:
        from reports.compare_pdf import build_compare_pdf

        content = build_compare_pdf(data, args.lang)
    try:
        write_atomically(content, target)
    except OSError as exc:
        raise Failure(f"{target}: cannot write: {exc.strerror or exc}") from None
    emit(
        args,
        {
            "output": str(target),
            "format": fmt,
            "cycle": data.cycle,
            "assessments": len(data.assessments),
            "anonymised": data.anonymised,
        },
        f"wrote {target} ({len(data.assessments)} assessment(s) of {data.cycle or 'no cycle'})",
    )
