"""Evidence: notes, links (checked, never fetched) and files (copied into the data folder,
content-addressed by SHA-256), audited, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import socket
from pathlib import Path

import pytest
from sqlmodel import Session, select

from models import assessments as svc
from models import evidence as ev
from models import org
from models.errors import InvalidAnswer, InvalidInput, NotFound, StorageError
from models.tables import Answer, AuditEntry, Evidence


@pytest.fixture
def aid(session: Session, mini: Path) -> int:
    unit, _ = org.add_unit_path(session=session, path="デジタル庁/AI推進チーム")
    cycle, _ = org.add_cycle(session=session, name="FY2026")
    return svc.create_assessment(session=session, unit_id=unit.id, cycle_id=cycle.id, actor="佐藤")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the app opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def _file(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / "in" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(content)
    return path


def test_a_file_is_copied_by_its_sha256(session: Session, aid: int, tmp_path: Path, isolated_environment: Path) -> None:
    content = "AI利用方針（案）\n".encode() * 1000
    source = _file(tmp_path, "AI利用方針.docx", content)
    added = ev.add_evidence(
        session=session, assessment_id=aid, item_id="1-01", kind="file", file_path=source, text="方針案", actor="佐藤"
    )
    digest = hashlib.sha256(content).hexdigest()
    assert (added.kind, added.filename, added.sha256, added.size, added.text) == (
        "file",
        "AI利用方針.docx",
        digest,
        len(content),
        "方針案",
    )
    stored = isolated_environment / "evidence" / digest[:2] / digest
    assert ev.stored_file(digest) == stored and stored.read_bytes() == content
    source.unlink()  # the copy does not depend on the original
    assert stored.exists()
    assert not [p for p in stored.parent.parent.rglob(".incoming-*")]  # no temporary file left
    row = session.exec(select(Evidence)).one()
    assert (row.sha256, row.size, row.filename, row.added_by) == (digest, len(content), "AI利用方針.docx", "佐藤")


def test_the_same_file_twice_is_stored_once_and_kept_while_used(session: Session, aid: int, tmp_path: Path) -> None:
    source = _file(tmp_path, "a.pdf", b"%PDF-1.7 same")
    first = ev.add_evidence(
        session=session, assessment_id=aid, item_id="1-01", kind="file", file_path=source, actor="a"
    )
    second = ev.add_evidence(
        session=session, assessment_id=aid, item_id="2-01", kind="file", file_path=source, actor="b"
    )
    assert first.sha256 == second.sha256
    stored = ev.stored_file(first.sha256 or "")
    assert len(list(stored.parent.iterdir())) == 1
    ev.remove_evidence(session=session, evidence_id=first.id, actor="a")
    assert stored.exists()  # still used by the second
    ev.remove_evidence(session=session, evidence_id=second.id, actor="b")
    assert not stored.exists()


def test_notes_and_links_and_listing(session: Session, aid: int, no_network: None) -> None:
    note = ev.add_evidence(session=session, assessment_id=aid, item_id="2-01", kind="text", text=" 議事録 ", actor="a")
    link = ev.add_evidence(
        session=session,
        assessment_id=aid,
        item_id="1-01",
        kind="link",
        url="https://intra.example.go.jp/ai/方針",
        text="イントラ掲載",
        actor="b",
    )
    share = ev.add_evidence(
        session=session, assessment_id=aid, item_id="1-01", kind="link", url=r"\\fs01\共有\AI\研修記録.xlsx", actor="c"
    )
    assert note.text == "議事録"
    listed = ev.list_evidence(session=session, assessment_id=aid)
    assert [(e.id, e.item_id, e.kind) for e in listed] == [
        (link.id, "1-01", "link"),
        (share.id, "1-01", "link"),
        (note.id, "2-01", "text"),
    ]
    assert listed[0] == link and listed[0].added_at.tzinfo is not None
    assert [e.id for e in ev.list_evidence(session=session, assessment_id=aid, item_id="2-01")] == [note.id]
    assert ev.list_evidence(session=session, assessment_id=aid, item_id="1-02") == []
    with pytest.raises(NotFound):
        ev.list_evidence(session=session, assessment_id=999)


def test_evidence_on_an_unanswered_item_creates_an_empty_answer(session: Session, aid: int) -> None:
    ev.add_evidence(session=session, assessment_id=aid, item_id="1-02", kind="text", text="資料", actor="佐藤")
    answer = session.exec(select(Answer)).one()
    assert (answer.item_id, answer.level, answer.na_reason, answer.version) == ("1-02", None, None, 1)
    # An empty answer does not count as covered.
    assert svc.get_assessment(session=session, assessment_id=aid).coverage == 0.0
    ev.add_evidence(session=session, assessment_id=aid, item_id="1-02", kind="text", text="追加資料", actor="佐藤")
    assert len(session.exec(select(Answer)).all()) == 1
    created = session.exec(select(AuditEntry).where(AuditEntry.field == "created")).all()
    assert len(created) == 1


@pytest.mark.parametrize(
    "url",
    [
        "http://intra.example.go.jp",
        "https://intra.example.go.jp:8443/a?b=c#d",
        "file:///srv/share/plan.pdf",
        "file://fs01/share/plan.pdf",
        r"\\fs01\share\plan.pdf",
        r"\\fs01.example.go.jp\共有 フォルダ\計画 書.pdf",
    ],
)
def test_good_links(url: str, no_network: None) -> None:
    assert ev.check_link(f"  {url} ") == url


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("", "cannot be empty"),
        ("javascript:alert(1)", "use an http"),
        ("mailto:ai@example.go.jp", "use an http"),
        (r"C:\Users\me\plan.pdf", "attach it as a file"),
        ("https://", "give the server"),
        ("https://intra.example.go.jp/a b", "cannot hold spaces"),
        ("https://intra.example.go.jp:99999/", "port"),
        ("file://", "give the file's path"),
        (r"\\server", "shared-folder path"),
        ("https://a.example/\nb", "control characters"),
        ("https://a.example/" + "x" * 2000, "at most 2000"),
    ],
)
def test_bad_links_are_refused(url: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        ev.check_link(url)


def test_bad_evidence_is_refused_and_nothing_is_kept(
    session: Session, aid: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_environment: Path
) -> None:
    def add(**kwargs: object) -> None:
        ev.add_evidence(session=session, assessment_id=aid, actor="a", **kwargs)  # type: ignore[arg-type]

    with pytest.raises(InvalidInput, match="cannot be empty"):
        add(item_id="1-01", kind="text", text="  ")
    with pytest.raises(InvalidInput, match="use text, link or file"):
        add(item_id="1-01", kind="video", text="x")
    with pytest.raises(InvalidInput, match="use an http"):
        add(item_id="1-01", kind="link", url="ftp://fs01/plan.pdf")
    with pytest.raises(InvalidInput, match="only with kind 'link'"):
        add(item_id="1-01", kind="text", text="x", url="https://a.example")
    with pytest.raises(InvalidInput, match="no such file"):
        add(item_id="1-01", kind="file", file_path=tmp_path / "missing.pdf")
    with pytest.raises(InvalidInput, match="not a file"):
        add(item_id="1-01", kind="file", file_path=tmp_path)
    with pytest.raises(InvalidAnswer, match="9-99"):
        add(item_id="9-99", kind="text", text="x")
    with pytest.raises(NotFound):
        ev.add_evidence(session=session, assessment_id=999, item_id="1-01", kind="text", text="x", actor="a")
    monkeypatch.setattr(ev, "MAX_FILE_BYTES", 1000)
    big = _file(tmp_path, "big.bin", b"x" * 1001)
    with pytest.raises(InvalidInput, match=r"big.bin: the file is 0.0 MB; evidence files are limited to 0 MB.*link"):
        add(item_id="1-01", kind="file", file_path=big)
    assert session.exec(select(Evidence)).all() == []
    assert session.exec(select(Answer)).all() == []
    assert [p for p in (isolated_environment / "evidence").rglob("*") if p.is_file()] == []


def test_a_file_that_cannot_be_stored_is_a_storage_error(
    session: Session, aid: int, tmp_path: Path, isolated_environment: Path
) -> None:
    (isolated_environment).mkdir(parents=True, exist_ok=True)
    (isolated_environment / "evidence").write_text("a file where the evidence folder should be")
    source = _file(tmp_path, "a.pdf", b"data")
    with pytest.raises(StorageError, match=r"evidence.*nothing was saved"):
        ev.add_evidence(session=session, assessment_id=aid, item_id="1-01", kind="file", file_path=source, actor="a")
    assert session.exec(select(Evidence)).all() == []


def test_remove_unknown_evidence(session: Session, aid: int) -> None:
    with pytest.raises(NotFound, match="evidence 42 not found"):
        ev.remove_evidence(session=session, evidence_id=42, actor="a")
    with pytest.raises(InvalidInput, match="not a SHA-256"):
        ev.stored_file("../../etc/passwd")
