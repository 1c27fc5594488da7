"""``export``, ``import``, ``keys`` and ``sheet``: exchange between offline installations."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.common import actor, session
from cli.main import Failure, Registrar, UsageError, emit, output_path


def register(cli: Registrar) -> None:
    p = cli.command("export", "write an assessment as a signed package (or a plain answers file)", export)
    p.add_argument("id", type=int, metavar="ASSESSMENT_ID")
    p.add_argument("-o", "--output", required=True, metavar="FILE.airpkg|FILE.json")
    p.add_argument(
        "--scrub", action="store_true", help="leave out names, comments, N/A reasons and evidence text (disclosure)"
    )
    p.add_argument(
        "--format",
        choices=("package", "answers"),
        default="package",
        help="package: signed .airpkg (default); answers: plain ai-readiness/answers@1 JSON",
    )

    p = cli.command(
        "import", "import packages, answers files (.json) and answer sheets (.xlsx); or settle a conflict", import_
    )
    p.add_argument("files", nargs="*", metavar="FILE")
    p.add_argument(
        "--trust", action="store_true", help="trust the signers of these packages (check fingerprints first)"
    )
    p.add_argument("--resolve", type=int, metavar="ASSESSMENT_ID", help="settle the import conflict of an assessment")
    p.add_argument("--keep", choices=("mine", "theirs"), help="with --resolve: the version to keep")
    p.add_argument("--conflicts", action="store_true", help="list the conflicts waiting for a choice")

    keys = cli.group("keys", "this installation's signing key and the keys it trusts")
    keys.command("list", "list the own key and the trusted keys with their fingerprints", keys_list)
    p = keys.command("export", "write this installation's PUBLIC key to a file, to give to a coordinator", keys_export)
    p.add_argument("-o", "--output", required=True, metavar="FILE.pem")
    p = keys.command("import", "trust the public key in FILE (written by keys export elsewhere)", keys_import)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--label", metavar="TEXT", help="who the key belongs to (default: the file name)")
    p = keys.command("remove", "stop trusting a key", keys_remove)
    p.add_argument("fingerprint", metavar="FINGERPRINT")

    p = cli.command("sheet", "write an Excel answer sheet for a unit and cycle (pre-filled when answered)", sheet)
    p.add_argument("--unit", required=True, metavar="PATH")
    p.add_argument("--cycle", required=True, metavar="NAME")
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    p.add_argument("--blank", action="store_true", help="leave the answers empty even if the unit has answered")


def export(args: argparse.Namespace) -> None:
    from models.exchange.files import write_atomically
    from models.keys import format_fingerprint, own_key

    target = output_path(args.output)
    with session(args) as s:
        if args.format == "answers":
            from models.answers_file import answers_file_bytes

            data = answers_file_bytes(session=s, assessment_id=args.id, scrub=args.scrub)
        else:
            from models.exchange.service import export_package

            data = export_package(session=s, assessment_id=args.id, scrub=args.scrub)
    write_atomically(target, data)
    key = own_key() if args.format == "package" else None
    signer = format_fingerprint(key.fingerprint) if key else None
    kind = "scrubbed package" if args.scrub else args.format
    if args.format == "answers":
        kind = "answers file" + (" (scrubbed)" if args.scrub else "")
    text = f"wrote {target} ({kind} of assessment {args.id})" + (f"; signed by key {signer}" if signer else "")
    emit(
        args,
        {"id": args.id, "output": str(target), "format": args.format, "scrubbed": args.scrub, "signer": signer},
        text,
    )


def import_(args: argparse.Namespace) -> None:
    if args.conflicts:
        if args.files or args.resolve is not None:
            raise UsageError("import: --conflicts takes no files and no --resolve")
        _list_conflicts(args)
        return
    if args.resolve is not None:
        if args.files or args.trust:
            raise UsageError("import: --resolve takes no files and no --trust")
        if args.keep is None:
            raise UsageError("import: --resolve needs --keep mine|theirs")
        _resolve(args)
        return
    if args.keep:
        raise UsageError("import: --keep goes with --resolve ASSESSMENT_ID")
    if not args.files:
        raise UsageError("import: give one or more files (packages, answers files or answer sheets)")
    from models.exchange.service import import_file

    outcomes = []
    with session(args) as s:
        for name in args.files:
            outcomes.append(import_file(session=s, path=Path(name).expanduser(), actor=actor(args), trust=args.trust))
    refused = [o for o in outcomes if o.status == "refused"]
    if getattr(args, "json", False):
        emit(args, [o.to_json() for o in outcomes], "")
    else:
        for outcome in outcomes:
            if outcome.status == "refused":
                for problem in outcome.problems or (outcome.reason,):
                    print(f"{outcome.file}: refused: {problem}", file=sys.stderr)
            elif outcome.status in ("imported", "updated"):
                print(f"{outcome.file}: {outcome.status} assessment {outcome.assessment}: {outcome.reason}")
            else:
                print(f"{outcome.file}: {outcome.status}: {outcome.reason}")
    if refused:
        raise Failure(f"{len(refused)} of {len(outcomes)} file(s) refused; nothing of them was imported")


def _resolve(args: argparse.Namespace) -> None:
    from models.exchange.apply import resolve_conflict

    with session(args) as s:
        outcome = resolve_conflict(session=s, assessment_id=args.resolve, keep=args.keep, actor=actor(args))
    emit(
        args,
        {"assessment": args.resolve, "kept": args.keep, "reason": outcome.reason},
        f"assessment {args.resolve}: {outcome.reason}",
    )


def _list_conflicts(args: argparse.Namespace) -> None:
    from models.exchange.apply import conflict_detail, list_conflicts
    from models.keys import format_fingerprint

    with session(args) as s:
        details = [conflict_detail(session=s, assessment_id=c.assessment_id) for c in list_conflicts(session=s)]

    def text() -> str:
        if not details:
            return "no import conflicts"
        lines = []
        for d in details:
            c = d.conflict
            lines.append(
                f"assessment {c.assessment_id} ({c.where}): {c.file_name}, revision {c.revision}, "
                f"{len(d.differences)} item(s) differ; settle with: "
                f"ai-readiness import --resolve {c.assessment_id} --keep mine|theirs"
            )
            for diff in d.differences:
                lines.append(f"    {diff.item}: mine {_answer_text(diff.mine)} · theirs {_answer_text(diff.theirs)}")
        return "\n".join(lines)

    data = [
        {
            "assessment": d.conflict.assessment_id,
            "where": d.conflict.where,
            "file": d.conflict.file_name,
            "signer": format_fingerprint(d.conflict.signer),
            "revision": d.conflict.revision,
            "reason": d.conflict.reason,
            "differences": [diff.item for diff in d.differences],
        }
        for d in details
    ]
    emit(args, data, text)


def _answer_text(answer: object) -> str:
    if answer is None:
        return "—"
    level = getattr(answer, "level", None)
    if getattr(answer, "na_reason", None) is not None:
        return "N/A"
    return "unanswered" if level is None else f"level {level}"


def keys_list(args: argparse.Namespace) -> None:
    from models.keys import list_keys

    with session(args) as s:
        keys = list_keys(session=s)

    def text() -> str:
        lines = []
        for key in keys:
            who = "this installation (own key)" if key.own else key.label
            since = f", trusted {key.added_at:%Y-%m-%d} by {key.added_by}" if key.added_at else ""
            lines.append(f"{key.display}  {who}{since}")
        return "\n".join(lines)

    emit(args, [key.to_json() for key in keys], text)


def keys_export(args: argparse.Namespace) -> None:
    from models.exchange.files import write_atomically
    from models.keys import format_fingerprint, own_key

    target = output_path(args.output)
    key = own_key()
    assert key is not None
    write_atomically(target, key.public_pem())
    shown = format_fingerprint(key.fingerprint)
    emit(args, {"output": str(target), "fingerprint": shown}, f"wrote the public key {shown} to {target}")


def keys_import(args: argparse.Namespace) -> None:
    from models.keys import import_key_file

    with session(args) as s:
        key, added = import_key_file(session=s, path=Path(args.file).expanduser(), actor=actor(args), label=args.label)
    state = "now trusted" if added else "already trusted"
    emit(
        args,
        {"fingerprint": key.display, "label": key.label, "added": added},
        f"{key.display}  {key.label}: {state}",
    )


def keys_remove(args: argparse.Namespace) -> None:
    from models.keys import format_fingerprint, parse_fingerprint, remove_key

    with session(args) as s:
        remove_key(session=s, fingerprint=args.fingerprint)
    shown = format_fingerprint(parse_fingerprint(args.fingerprint))
    emit(args, {"fingerprint": shown, "removed": True}, f"{shown}: no longer trusted")


def sheet(args: argparse.Namespace) -> None:
    from models.answer_sheet import answer_sheet_bytes
    from models.exchange.files import write_atomically

    target = output_path(args.output)
    with session(args) as s:
        data, assessment_id = answer_sheet_bytes(session=s, unit=args.unit, cycle=args.cycle, blank=args.blank)
    write_atomically(target, data)
    prefilled = assessment_id is not None and not args.blank
    note = f"pre-filled from assessment {assessment_id}" if prefilled else "blank"
    emit(
        args,
        {"output": str(target), "assessment": assessment_id, "prefilled": prefilled},
        f"wrote {target} ({note}); import it with: ai-readiness import {target}",
    )
