"""``report``: PDF scorecards, one or a whole cycle's; ``plan``: the improvement plan as XLSX or CSV."""

from __future__ import annotations

import argparse
import shutil
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TextIO, TypeVar

from cli.common import session
from cli.main import PROG, Failure, Registrar, UsageError, emit, output_path

T = TypeVar("T")


def register(cli: Registrar) -> None:
    p = cli.command(
        "report",
        "write the PDF scorecard of an assessment, or (--all --cycle) of every assessment of a cycle",
        report,
    )
    p.add_argument("id", type=int, nargs="?", metavar="ASSESSMENT_ID")
    p.add_argument("--all", action="store_true", help="one scorecard per assessment of --cycle, into the folder -o")
    p.add_argument("--cycle", metavar="NAME", help="the cycle for --all")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf|DIR/")
    p.add_argument("--lang", choices=("ja", "en"), default="ja")

    p = cli.command("plan", "export the improvement plan of an assessment as XLSX or CSV", plan)
    p.add_argument("id", type=int, metavar="ASSESSMENT_ID")
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx|FILE.csv")
    p.add_argument("--lang", choices=("ja", "en"), default="ja")


def report(args: argparse.Namespace) -> None:
    if args.all:
        if args.id is not None:
            raise _usage("report", "give either ASSESSMENT_ID or --all --cycle NAME, not both")
        if not args.cycle:
            raise _usage("report", "--all needs --cycle NAME")
        report_cycle(args)
        return
    if args.id is None:
        raise _usage("report", "give ASSESSMENT_ID, or --all --cycle NAME for a whole cycle")
    if args.cycle:
        raise _usage("report", "--cycle goes with --all")
    from models.reporting import scorecard_data
    from reports.scorecard import write_scorecard

    target = output_path(args.output)
    with session(args) as s:
        data = scorecard_data(session=s, assessment_id=args.id)
    _write(lambda: write_scorecard(data, target, lang=args.lang), target)
    emit(args, {"id": args.id, "output": str(target), "lang": args.lang}, f"wrote {target}")


def report_cycle(args: argparse.Namespace) -> None:
    from models import org
    from models.reporting import cycle_scorecards
    from reports.scorecard import scorecard_filename, write_scorecard

    _check_folder(args.output)
    with session(args) as s:
        cycle = org.find_cycle(session=s, name=args.cycle)
        cards = cycle_scorecards(session=s, cycle_id=cycle.id)
    if not cards:
        raise Failure(f"cycle {cycle.name} has no assessments; start one with: ai-readiness assessment new")
    folder = _output_folder(args.output)
    bar = ProgressBar(len(cards), sys.stderr) if sys.stderr.isatty() else None
    written = []
    for data in cards:
        target = folder / scorecard_filename(data, args.lang)
        if bar is not None:
            bar.show(len(written), data.unit_path)
        _write(lambda data=data, target=target: write_scorecard(data, target, lang=args.lang), target)
        written.append({"id": data.assessment_id, "unit": data.unit_path, "output": str(target)})
    if bar is not None:
        bar.done()
    emit(
        args,
        {"cycle": cycle.name, "lang": args.lang, "files": written},
        f"wrote {len(written)} scorecard(s) of {cycle.name} to {folder}",
    )


def plan(args: argparse.Namespace) -> None:
    from models.reporting import scorecard_data
    from reports.plan_export import FORMATS, write_plan

    target = output_path(args.output)
    if target.suffix.lower() not in FORMATS:
        raise _usage("plan", f"{target.name}: give a file name ending in .xlsx or .csv")
    with session(args) as s:
        data = scorecard_data(session=s, assessment_id=args.id)
    kind = _write(lambda: write_plan(data, target, lang=args.lang), target)
    rows = len(data.result.recommendations)
    emit(
        args,
        {"id": args.id, "output": str(target), "lang": args.lang, "format": kind, "items": rows},
        f"wrote {target} ({rows} item(s))",
    )


def _usage(command: str, message: str) -> UsageError:
    return UsageError(f"{PROG} {command}: {message} (see {PROG} {command} --help)")


def _write(action: Callable[[], T], target: Path) -> T:
    try:
        return action()
    except OSError as exc:
        raise Failure(f"{target}: cannot write: {exc.strerror or exc}") from None


def _check_folder(value: str) -> Path:
    """The output folder of --all, checked before any work: an existing folder, or a new one
    whose parent exists."""
    folder = Path(value).expanduser()
    if folder.exists() and not folder.is_dir():
        raise Failure(f"{folder}: is a file; --all writes one PDF per assessment into a folder")
    if not folder.exists() and not folder.parent.exists():
        raise Failure(f"{folder.parent}: folder does not exist")
    return folder


def _output_folder(value: str) -> Path:
    folder = _check_folder(value)
    if not folder.exists():
        try:
            folder.mkdir()
        except OSError as exc:
            raise Failure(f"{folder}: cannot create the folder: {exc.strerror or exc}") from None
    return folder


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class ProgressBar:
    """One line redrawn in place on a terminal: ``[#####-----]  5/12  unit``."""

    def __init__(self, total: int, stream: TextIO, width: int = 24):
        self.total, self.stream, self.width = total, stream, width

    def show(self, done: int, label: str) -> None:
        filled = self.width * done // max(self.total, 1)
        head = f"[{'#' * filled}{'-' * (self.width - filled)}] {done:>{len(str(self.total))}}/{self.total}  "
        room = max(shutil.get_terminal_size((80, 20)).columns - len(head) - 1, 0)
        while label and _display_width(label) > room:
            label = label[1:]  # keep the end of the path: the unit's own name
        self.stream.write("\r\x1b[2K" + head + label)
        self.stream.flush()

    def done(self) -> None:
        self.show(self.total, "")
        self.stream.write("\n")
        self.stream.flush()
