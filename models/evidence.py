"""Evidence for an answer: a note, a link, or a file copied into the data folder.

Files are content-addressed: stored once as ``<data folder>/evidence/<sha256[:2]>/<sha256>``,
written to a temporary file and renamed, so a stored file is always complete. Links are
checked for their form only; the app never opens a network connection. Every change is
audited in the same transaction, bumps the assessment's revision, and is refused while the
assessment is submitted or approved. Evidence hangs on an answer row; an unanswered item
gets an empty one (audited) when its first evidence is added.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from sqlalchemy import delete, func, insert
from sqlmodel import Session, col, select

from models.assessments import (
    audit_row,
    ensure_answer,
    ensure_editable,
    lock_assessment,
    resolve_item,
    write_audit,
)
from models.config import evidence_dir
from models.errors import InvalidInput, NotFound, StorageError
from models.tables import Answer, Assessment, Evidence, EvidenceKind, utcnow
from models.txn import commit, service

#: Attached files larger than this are refused (link to them on a file server instead).
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_TEXT = 20000
MAX_URL = 2000
MAX_FILENAME = 255
_CHUNK = 1024 * 1024
_UNC = re.compile(r"^\\\\[^\\/:*?\"<>|\s][^\\/:*?\"<>|]*\\[^\\/:*?\"<>|]+")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")

Kind = Literal["text", "link", "file"]


@dataclass(frozen=True)
class EvidenceRead:
    id: int
    item_id: str
    kind: str
    text: str | None
    url: str | None
    filename: str | None
    sha256: str | None
    size: int | None
    added_by: str
    added_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "item": self.item_id,
            "kind": self.kind,
            "text": self.text,
            "url": self.url,
            "filename": self.filename,
            "sha256": self.sha256,
            "size": self.size,
            "added_by": self.added_by,
            "added_at": self.added_at.isoformat(),
        }


def stored_file(sha256: str) -> Path:
    """Where the file with this SHA-256 is kept in the data folder."""
    if not _SHA256.match(sha256):
        raise InvalidInput(f"{sha256!r} is not a SHA-256 hex digest")
    return evidence_dir() / sha256[:2] / sha256


# --- checks ---------------------------------------------------------------------------------


def check_link(url: str) -> str:
    r"""A link as stored: ``http(s)://host/…``, ``file://…`` or a ``\\server\share\…`` path.

    Only the form is checked; nothing is fetched."""
    url = url.strip()
    if not url:
        raise InvalidInput("a link cannot be empty")
    if len(url) > MAX_URL:
        raise InvalidInput(f"a link is at most {MAX_URL} characters")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in url):
        raise InvalidInput("a link cannot hold control characters or line breaks")
    if url.startswith("\\\\"):
        if not _UNC.match(url):
            raise InvalidInput(f"link {url!r}: a shared-folder path looks like \\\\server\\share\\folder\\file")
        return url
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        try:
            parts.port  # noqa: B018  (raises ValueError for a malformed port)
        except ValueError:
            raise InvalidInput(f"link {url!r}: the port is not a number from 0 to 65535") from None
        if not parts.hostname:
            raise InvalidInput(f"link {url!r}: give the server, e.g. https://intra.example.go.jp/page")
        if any(ch.isspace() for ch in url):
            raise InvalidInput(f"link {url!r}: a web address cannot hold spaces (write them as %20)")
        return url
    if scheme == "file":
        if not parts.path or parts.path == "/":
            raise InvalidInput(f"link {url!r}: give the file's path, e.g. file:///srv/share/plan.pdf")
        return url
    raise InvalidInput(
        f"link {url!r}: use an http://, https:// or file:// link or a \\\\server\\share path "
        "(to keep a local file with the answer, attach it as a file instead)"
    )


def _check_text(text: str | None, *, required: bool) -> str | None:
    text = (text or "").strip() or None
    if text is None and required:
        raise InvalidInput("text evidence cannot be empty")
    if text is not None and len(text) > MAX_TEXT:
        raise InvalidInput(f"evidence text is at most {MAX_TEXT} characters")
    return text


def _filename(path: Path) -> str:
    name = path.name
    if len(name) <= MAX_FILENAME:
        return name
    suffix = path.suffix if len(path.suffix) < 20 else ""
    return path.stem[: MAX_FILENAME - len(suffix)] + suffix


# --- file storage ---------------------------------------------------------------------------


def _store_file(source: Path) -> tuple[str, int, bool]:
    """Copy ``source`` into the evidence folder; return (sha256, size, newly stored)."""
    try:
        if not source.exists():
            raise InvalidInput(f"{source}: no such file")
        if not source.is_file():
            raise InvalidInput(f"{source}: not a file")
        size = source.stat().st_size
    except OSError as exc:
        raise InvalidInput(f"{source}: cannot read the file: {exc.strerror or exc}") from None
    if size > MAX_FILE_BYTES:
        raise _too_large(source, size)
    folder = evidence_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=".incoming-", dir=folder)
    except OSError as exc:
        raise StorageError(
            f"{folder}: cannot store evidence files there ({exc.strerror or exc}); nothing was saved"
        ) from None
    temp = Path(temp_name)
    try:
        digest = hashlib.sha256()
        total = 0
        with os.fdopen(handle, "wb") as out:
            try:
                reader = source.open("rb")
            except OSError as exc:
                raise InvalidInput(f"{source}: cannot read the file: {exc.strerror or exc}") from None
            with reader:
                while chunk := reader.read(_CHUNK):
                    total += len(chunk)
                    if total > MAX_FILE_BYTES:  # the file grew while being copied
                        raise _too_large(source, total)
                    digest.update(chunk)
                    out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        sha256 = digest.hexdigest()
        target = stored_file(sha256)
        if target.exists():
            temp.unlink()
            return sha256, total, False
        target.parent.mkdir(exist_ok=True)
        os.replace(temp, target)
        _fsync_folder(target.parent)
        return sha256, total, True
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise StorageError(
            f"{folder}: cannot store the file ({exc.strerror or exc}); nothing was saved; free some space and try again"
        ) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _fsync_folder(folder: Path) -> None:
    # Makes the rename durable on POSIX; Windows cannot open a folder and needs no such step.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _too_large(source: Path, size: int) -> InvalidInput:
    return InvalidInput(
        f"{source}: the file is {size / 1024 / 1024:.1f} MB; evidence files are limited to "
        f"{MAX_FILE_BYTES // 1024 // 1024} MB; put it on a shared folder and add a link (\\\\server\\share\\…) instead"
    )


def _forget_unused_file(session: Session, sha256: str) -> None:
    """Delete a stored file that no evidence row refers to (best effort: it is only space)."""
    try:
        used = session.exec(select(func.count()).select_from(Evidence).where(Evidence.sha256 == sha256)).one()
        if not used:
            stored_file(sha256).unlink(missing_ok=True)
    except Exception:  # a failed clean-up must not hide the change that was (or was not) saved
        session.rollback()


# --- services -------------------------------------------------------------------------------


def _read(row: Evidence, item_id: str) -> EvidenceRead:
    assert row.id is not None
    return EvidenceRead(
        id=row.id,
        item_id=item_id,
        kind=row.kind,
        text=row.text,
        url=row.url,
        filename=row.filename,
        sha256=row.sha256,
        size=row.size,
        added_by=row.added_by,
        added_at=row.added_at,
    )


def _summary(values: dict[str, Any]) -> dict[str, Any]:
    """What the audit trail records about one piece of evidence."""
    keys = ("id", "kind", "text", "url", "filename", "sha256", "size")
    return {key: values[key] for key in keys if values.get(key) is not None}


@service
def add_evidence(
    *,
    session: Session,
    assessment_id: int,
    item_id: str,
    kind: Kind,
    text: str | None = None,
    url: str | None = None,
    file_path: Path | None = None,
    actor: str,
) -> EvidenceRead:
    """Add a note (``kind="text"``, ``text``), a link (``"link"``, ``url``) or a file
    (``"file"``, ``file_path``) to an item's answer. For links and files ``text`` is an
    optional description."""
    if kind not in {k.value for k in EvidenceKind}:
        raise InvalidInput(f"evidence kind {kind!r}: use text, link or file")
    if kind != "link" and url is not None:
        raise InvalidInput("a link is given only with kind 'link'")
    if kind != "file" and file_path is not None:
        raise InvalidInput("a file is given only with kind 'file'")
    text = _check_text(text, required=kind == "text")
    values: dict[str, Any] = {"kind": kind, "text": text, "url": None, "filename": None, "sha256": None, "size": None}
    if kind == "link":
        if url is None:
            raise InvalidInput("link evidence needs the link")
        values["url"] = check_link(url)
    # Refuse early (before copying a large file) if the assessment cannot take changes now;
    # the check is repeated under the lock below.
    early = session.get(Assessment, assessment_id)
    if early is None:
        raise NotFound(f"assessment {assessment_id} not found; list them with: ai-readiness assessment list")
    ensure_editable(early)
    resolve_item(session, early, item_id)

    stored_new = False
    if kind == "file":
        if file_path is None:
            raise InvalidInput("file evidence needs the file")
        source = Path(file_path).expanduser()
        values["sha256"], values["size"], stored_new = _store_file(source)
        values["filename"] = _filename(source)
    try:
        now = utcnow()
        assessment = lock_assessment(session, assessment_id, now)
        ensure_editable(assessment)
        resolve_item(session, assessment, item_id)
        audit: list[dict[str, Any]] = []
        answer_id = ensure_answer(session, assessment, item_id, actor, now, audit)
        result = session.execute(insert(Evidence).values(answer_id=answer_id, added_by=actor, added_at=now, **values))
        evidence_id = int(result.inserted_primary_key[0])  # type: ignore[attr-defined]
        audit.append(
            audit_row(
                assessment_id,
                actor,
                "evidence",
                now,
                item_id=item_id,
                field=kind,
                new=_summary(values | {"id": evidence_id}),
            )
        )
        write_audit(session, audit)
        commit(session)
    except BaseException:
        if stored_new:
            with contextlib.suppress(Exception):
                session.rollback()
            _forget_unused_file(session, values["sha256"])
        raise
    row = Evidence(id=evidence_id, answer_id=answer_id, added_by=actor, added_at=now, **values)
    return _read(row, item_id)


@service
def list_evidence(*, session: Session, assessment_id: int, item_id: str | None = None) -> list[EvidenceRead]:
    """The evidence of an assessment (or of one item), by item and then oldest first."""
    if session.get(Assessment, assessment_id) is None:
        raise NotFound(f"assessment {assessment_id} not found; list them with: ai-readiness assessment list")
    query = (
        select(Evidence, Answer.item_id)
        .join(Answer, col(Answer.id) == Evidence.answer_id)
        .where(Answer.assessment_id == assessment_id)
    )
    if item_id is not None:
        query = query.where(Answer.item_id == item_id)
    rows = session.exec(query.order_by(col(Answer.item_id), col(Evidence.id))).all()
    return [_read(row, item) for row, item in rows]


@service
def remove_evidence(*, session: Session, evidence_id: int, actor: str) -> None:
    """Remove one piece of evidence (audited); its stored file goes when nothing uses it."""
    found = session.exec(
        select(Answer.assessment_id)
        .join(Evidence, col(Evidence.answer_id) == Answer.id)
        .where(Evidence.id == evidence_id)
    ).first()
    if found is None:
        raise NotFound(f"evidence {evidence_id} not found; list it with: ai-readiness evidence list ASSESSMENT_ID")
    assessment_id = found
    now = utcnow()
    assessment = lock_assessment(session, assessment_id, now)
    ensure_editable(assessment)
    current = session.exec(
        select(Evidence, Answer.item_id)
        .join(Answer, col(Answer.id) == Evidence.answer_id)
        .where(Evidence.id == evidence_id)
        .execution_options(populate_existing=True)
    ).first()
    if current is None:  # removed by someone else while we waited for the lock
        raise NotFound(f"evidence {evidence_id} was removed by someone else; nothing was changed")
    row, item_id = current
    values = _summary({"id": row.id, **row.model_dump()})
    session.execute(delete(Evidence).where(col(Evidence.id) == evidence_id))
    write_audit(
        session, [audit_row(assessment_id, actor, "evidence", now, item_id=item_id, field=row.kind, old=values)]
    )
    commit(session)
    if row.sha256 is not None:
        _forget_unused_file(session, row.sha256)
