"""The entry points of exchange: export a package, import any file (package, answers file or
answer sheet, told apart by content), and the conflicts waiting for a choice."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from models.errors import ServiceError, StorageError
from models.exchange.apply import apply_package
from models.exchange.common import ImportOutcome
from models.exchange.entries import apply_entries
from models.exchange.files import ImportRefused, sniff
from models.exchange.package import build_package, read_package
from models.exchange.payload import scrub as scrub_payload
from models.exchange.payload import snapshot
from models.keys import format_fingerprint, is_trusted, own_key
from models.tables import QuestionnaireVersion
from models.txn import service


@service
def export_package(*, session: Session, assessment_id: int, scrub: bool = False) -> bytes:
    """A signed package of the assessment (``scrub``: without names, comments and evidence text)."""
    data = snapshot(session=session, assessment_id=assessment_id)
    if scrub:
        data = scrub_payload(data)
    contents = dict(
        session.exec(
            select(QuestionnaireVersion.hash, QuestionnaireVersion.content).where(
                QuestionnaireVersion.hash.in_([data.questionnaire.hash, *(m.hash for m in data.modules)])  # type: ignore[attr-defined]
            )
        ).all()
    )
    key = own_key()
    assert key is not None
    modules = {m.hash: contents[m.hash].encode("utf-8") for m in data.modules}
    return build_package(data, contents[data.questionnaire.hash].encode("utf-8"), modules, key)


def _untrusted(name: str, signer: str, unit: str) -> ImportOutcome:
    return ImportOutcome(
        name,
        "refused",
        f"signed by an unknown key {format_fingerprint(signer)} ({unit}); check the fingerprint with the sender, "
        "then import again with --trust, or trust their key file with: ai-readiness keys import FILE",
        None,
        signer,
        untrusted=True,
        unit=unit,
    )


def import_file(
    *, session: Session, path: Path, actor: str, trust: bool = False, name: str | None = None
) -> ImportOutcome:
    """Import one file; every problem with the file becomes a "refused" outcome (the database is
    then exactly as it was). Only a database that cannot be used raises (StorageError)."""
    name = name or str(path)
    try:
        kind = sniff(path)
        if kind == "package":
            package = read_package(path)
            if not trust and not is_trusted(session=session, fingerprint=package.signer):
                return _untrusted(name, package.signer, package.data.unit.path)
            return _named(
                apply_package(session=session, package=package, file_name=path.name, actor=actor, trust=trust), name
            )
        if kind == "answers":
            from models.answers_file import FORMAT_ID, read_answers_file

            target, entries = read_answers_file(path)
            format_id = FORMAT_ID
        else:
            from models.answer_sheet import SHEET_FORMAT, SHEET_FORMAT_VERSION, read_answer_sheet

            target, entries = read_answer_sheet(path)
            format_id = f"{SHEET_FORMAT}@{SHEET_FORMAT_VERSION}"
        outcome = apply_entries(
            session=session, target=target, entries=entries, file_name=path.name, format_id=format_id, actor=actor
        )
        return _named(outcome, name)
    except ImportRefused as exc:
        return ImportOutcome(
            name, "refused", str(exc), None, exc.signer, untrusted=exc.untrusted, problems=tuple(exc.problems)
        )
    except StorageError:
        raise
    except ServiceError as exc:  # Locked, NotFound, InvalidInput raised by a service on the way
        return ImportOutcome(name, "refused", str(exc), None, problems=(str(exc),))


def _named(outcome: ImportOutcome, name: str) -> ImportOutcome:
    from dataclasses import replace

    return replace(outcome, file=name)


def import_files(*, session: Session, paths: list[Path], actor: str, trust: bool = False) -> list[ImportOutcome]:
    return [import_file(session=session, path=path, actor=actor, trust=trust) for path in paths]
