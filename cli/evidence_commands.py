"""``evidence`` commands: notes, links and files that support an answer."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.common import actor, session
from cli.main import Registrar, emit


def register(cli: Registrar) -> None:
    group = cli.group("evidence", "evidence for answers (notes, links, files)")
    p = group.command("add", "add a note, a link or a file to an item's answer", evidence_add)
    p.add_argument("assessment_id", type=int, metavar="ASSESSMENT_ID")
    p.add_argument("item_id", metavar="ITEM_ID")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--text", metavar="TEXT", help="a note")
    what.add_argument("--link", metavar="URL", help="http(s)://…, file://… or \\\\server\\share\\… (never fetched)")
    what.add_argument("--file", metavar="PATH", help="a file, copied into the data folder (at most 50 MB)")
    p.add_argument("--note", metavar="TEXT", help="a description of the link or file")
    p = group.command("list", "list the evidence of an assessment or of one item", evidence_list)
    p.add_argument("assessment_id", type=int, metavar="ASSESSMENT_ID")
    p.add_argument("item_id", nargs="?", metavar="ITEM_ID")
    p = group.command("remove", "remove one piece of evidence", evidence_remove)
    p.add_argument("evidence_id", type=int, metavar="EVIDENCE_ID")


def _describe(e: object) -> str:
    from models.evidence import EvidenceRead

    assert isinstance(e, EvidenceRead)
    if e.kind == "file":
        what = f"{e.filename} ({e.size} bytes, sha256 {e.sha256})"
    elif e.kind == "link":
        what = e.url or ""
    else:
        what = e.text or ""
    note = f" — {e.text}" if e.kind != "text" and e.text else ""
    return f"{e.id:>5}  {e.item_id:<10} {e.kind:<5} {what}{note}"


def evidence_add(args: argparse.Namespace) -> None:
    from cli.main import UsageError
    from models.evidence import add_evidence

    if args.note is not None and args.text is not None:
        raise UsageError("ai-readiness evidence add: --note goes with --link or --file, not with --text")
    if args.text is not None:
        kind, extra = "text", {"text": args.text}
    elif args.link is not None:
        kind, extra = "link", {"url": args.link, "text": args.note}
    else:
        kind, extra = "file", {"file_path": Path(args.file), "text": args.note}
    with session(args) as s:
        added = add_evidence(
            session=s, assessment_id=args.assessment_id, item_id=args.item_id, kind=kind, actor=actor(args), **extra
        )
    emit(args, added.to_json(), f"added evidence {added.id} to {added.item_id}: {kind}")


def evidence_list(args: argparse.Namespace) -> None:
    from models.evidence import list_evidence

    with session(args) as s:
        rows = list_evidence(session=s, assessment_id=args.assessment_id, item_id=args.item_id)

    def text() -> str:
        if not rows:
            return "no evidence yet; add some with: ai-readiness evidence add ASSESSMENT_ID ITEM_ID --text …"
        return "\n".join(_describe(e) for e in rows)

    emit(args, [e.to_json() for e in rows], text)


def evidence_remove(args: argparse.Namespace) -> None:
    from models.evidence import remove_evidence

    with session(args) as s:
        remove_evidence(session=s, evidence_id=args.evidence_id, actor=actor(args))
    emit(args, {"id": args.evidence_id, "removed": True}, f"removed evidence {args.evidence_id}")
