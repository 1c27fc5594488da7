"""Faults: each gives one clear message that names the database and what to do, through the
services and through the CLI (one line, exit 1, no traceback), and leaves no partial write.

* a file that is not an SQLite database, and a damaged one (valid header, garbage pages);
* a read-only database: opened read-only (``mode=ro``), a 0444 file and a read-only folder
  (the last two in a child process that drops root's privileges, since root ignores modes);
* a database locked by another process (a second process holding BEGIN EXCLUSIVE);
* a full disk, simulated with SQLite's ``max_page_count``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

import models.db
from models import assessments as svc
from models import org
from models.db import open_database
from models.errors import StorageError
from models.tables import Answer, AnswerUpdate, Assessment
from tests.helpers import Run, cli

ITEMS = ("1-01", "1-02", "2-01", "2-02")


def _prepare(path: Path) -> int:
    """A database with one assessment and one answer; returns the assessment id."""
    engine = open_database(f"sqlite:///{path}")
    with Session(engine) as s:
        unit, _ = org.add_unit_path(session=s, path="障害省/局/課")
        cycle, _ = org.add_cycle(session=s, name="FY2026")
        aid = svc.create_assessment(session=s, unit_id=unit.id, cycle_id=cycle.id, actor="setup")
        svc.save_answer(session=s, assessment_id=aid, item_id="1-01", change=AnswerUpdate(level=2), actor="setup")
    engine.dispose()  # the last connection checkpoints the WAL into the file
    return aid


@pytest.fixture
def db(tmp_path: Path, mini: Path) -> tuple[Path, int]:
    path = tmp_path / "faults.db"
    return path, _prepare(path)


@pytest.fixture
def shared_db(mini: Path) -> Iterator[tuple[Path, int]]:
    """A database in a folder that every user may enter (pytest's tmp folders are root-only)."""
    folder = Path(tempfile.mkdtemp(prefix="ai-readiness-faults-"))
    folder.chmod(0o755)
    path = folder / "faults.db"
    try:
        yield path, _prepare(path)
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def _state(path: Path) -> tuple[int, int, int]:
    """(answers, audit entries, revision of assessment 1), read without the app. (A plain
    connection: on closing it removes the -wal and -shm files, as the app does.)"""
    conn = sqlite3.connect(path)
    try:
        answers = conn.execute("SELECT count(*) FROM answer").fetchone()[0]
        audit = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        revision = conn.execute("SELECT revision FROM assessment WHERE id = 1").fetchone()[0]
        return answers, audit, revision
    finally:
        conn.close()


def _one_line(run: Run, *needles: str) -> None:
    assert run.code == 1, run
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run.err
    assert "Traceback" not in run.err and lines[0].startswith("ai-readiness: error: ")
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


def _save_level(url: str, aid: int, item: str = "1-02", level: int = 4) -> None:
    engine = open_database(url)
    try:
        with Session(engine) as s:
            svc.save_answer(session=s, assessment_id=aid, item_id=item, change=AnswerUpdate(level=level), actor="x")
    finally:
        engine.dispose()


# --- not a database, damaged -----------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [b"these are not the tables you are looking for\n" * 100, b"PK\x03\x04" + bytes(2000), b"SQLite format 2\x00"],
    ids=["text", "zip", "almost-header"],
)
def test_a_file_that_is_not_a_database(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(StorageError) as caught:
        open_database(str(path))
    assert str(path) in str(caught.value) and "choose another file with --db" in str(caught.value)
    _one_line(cli(capsys, "--db", str(path), "unit", "list"), str(path), "not an AI Readiness database")
    _one_line(cli(capsys, "--db", str(path), "unit", "add", "庁"), str(path))
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("notes")) == ["notes.db"]


def _damage_table(path: Path, table: str) -> None:
    """Overwrite the table's root page with garbage; the header and the schema stay valid."""
    conn = sqlite3.connect(path)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    finally:
        conn.close()
    with path.open("r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(bytes((n * 37 + 11) % 251 for n in range(page_size)))


def test_a_damaged_database(db: tuple[Path, int], capsys: pytest.CaptureFixture[str]) -> None:
    path, aid = db
    _damage_table(path, "answer")
    before = path.read_bytes()
    engine = open_database(f"sqlite:///{path}")  # the header and schema are fine
    try:
        with Session(engine) as s:
            with pytest.raises(StorageError) as caught:
                svc.list_answers(session=s, assessment_id=aid)
            assert str(path) in str(caught.value) and "damaged" in str(caught.value)
            assert "restore it from a backup" in str(caught.value)
            with pytest.raises(StorageError, match="damaged"):
                svc.save_answer(session=s, assessment_id=aid, item_id="1-02", change=AnswerUpdate(level=1), actor="x")
    finally:
        engine.dispose()
    _one_line(cli(capsys, "--db", str(path), "score", str(aid)), str(path), "damaged")
    _one_line(cli(capsys, "--db", str(path), "answer", "set", str(aid), "1-02", "--level", "1"), "damaged")
    assert path.read_bytes() == before


def test_a_truncated_database(db: tuple[Path, int], capsys: pytest.CaptureFixture[str]) -> None:
    path, _ = db
    data = path.read_bytes()
    path.write_bytes(data[:100] + bytes(len(data) - 100))  # header kept, everything else zeroed
    before = path.read_bytes()
    with pytest.raises(StorageError) as caught:
        open_database(str(path))
    assert str(path) in str(caught.value)
    _one_line(cli(capsys, "--db", str(path), "assessment", "list"), str(path))
    assert path.read_bytes() == before


# --- read-only -----------------------------------------------------------------------------------


def test_a_database_opened_read_only(db: tuple[Path, int], capsys: pytest.CaptureFixture[str]) -> None:
    path, aid = db
    url = f"sqlite:///file:{path}?mode=ro&uri=true"
    before = _state(path)
    engine = open_database(url)
    try:
        with Session(engine) as s:
            assert svc.list_answers(session=s, assessment_id=aid)["1-01"].level == 2  # reading works
            with pytest.raises(StorageError) as caught:
                svc.save_answer(session=s, assessment_id=aid, item_id="1-02", change=AnswerUpdate(level=4), actor="x")
            assert str(path) in str(caught.value) and "read-only" in str(caught.value)
    finally:
        engine.dispose()
    _one_line(cli(capsys, "--db", url, "answer", "set", str(aid), "1-02", "--level", "4"), str(path), "read-only")
    _one_line(cli(capsys, "--db", url, "assessment", "submit", str(aid), "--reason", "x"), "read-only")
    assert cli(capsys, "--db", url, "assessment", "list", "--json").json[0]["coverage"] == 0.25
    assert _state(path) == before
    with pytest.raises(StorageError, match="no such database file"):
        open_database(f"sqlite:///file:{path.with_name('absent.db')}?mode=ro&uri=true")


def _as_nobody(work: Callable[[], Any]) -> tuple[bool, str]:
    """Run ``work`` in a forked child that has dropped root's privileges; return (ok, message).

    Everything the child needs is imported already (it cannot read root's Python install)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns to pytest
        code = 0
        try:
            os.close(read_fd)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            work()
            message = "ok"
        except StorageError as exc:
            message, code = f"StorageError: {exc}", 1
        except BaseException:
            message, code = traceback.format_exc(), 2
        os.write(write_fd, message.encode())
        os.close(write_fd)
        os._exit(code)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as fh:
        message = fh.read().decode()
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) in (0, 1), message
    return os.WEXITSTATUS(status) == 0, message


needs_root = pytest.mark.skipif(
    not hasattr(os, "fork") or os.geteuid() != 0, reason="drops root's privileges in a child process"
)


def _cli_in_child(*argv: str) -> Callable[[], None]:
    import io

    from cli.main import main

    def work() -> None:
        err = io.StringIO()
        real = sys.stderr
        sys.stderr = err
        try:
            code = main(list(argv))
        finally:
            sys.stderr = real
        lines = err.getvalue().strip().splitlines()
        if code != 1 or len(lines) != 1 or "Traceback" in err.getvalue():
            raise AssertionError(f"exit {code}: {err.getvalue()}")
        raise StorageError(lines[0])

    return work


def _preload() -> None:
    # What the CLI and the services import lazily, imported here while we may still read it.
    import alembic.command  # noqa: F401

    import cli.assessment_commands
    import cli.evidence_commands
    import cli.main

    cli.main.build_parser()


@needs_root
def test_a_read_only_file(shared_db: tuple[Path, int]) -> None:
    path, aid = shared_db
    path.parent.chmod(0o777)  # the folder stays writable (SQLite puts its -shm and -wal there)
    path.chmod(0o444)
    before = _state(path)
    _preload()
    url = f"sqlite:///{path}"
    ok, message = _as_nobody(lambda: _save_level(url, aid))
    assert not ok and str(path) in message and "read-only" in message, message
    ok, message = _as_nobody(_cli_in_child("--db", url, "answer", "set", str(aid), "1-02", "--level", "4"))
    assert not ok and "read-only" in message and str(path) in message, message
    assert _state(path) == before


@needs_root
def test_a_read_only_folder(shared_db: tuple[Path, int]) -> None:
    path, aid = shared_db
    os.chown(path, 65534, 65534)  # the file itself is writable; its folder is not
    before = _state(path)
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no journal files yet
    path.parent.chmod(0o555)
    _preload()
    try:
        url = f"sqlite:///{path}"
        ok, message = _as_nobody(lambda: _save_level(url, aid))
        assert not ok and str(path) in message and "read-only" in message and "folder" in message, message
        ok, message = _as_nobody(_cli_in_child("--db", url, "answer", "set", str(aid), "1-02", "--level", "4"))
        assert not ok and str(path) in message and "read-only" in message and "folder" in message, message
    finally:
        path.parent.chmod(0o755)
    assert _state(path) == before


# --- locked by another process --------------------------------------------------------------------


@pytest.fixture
def locked_by_another_process(db: tuple[Path, int], monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, int]]:
    """Another process holds the write lock (BEGIN EXCLUSIVE) until the test ends."""
    path, aid = db
    monkeypatch.setenv("AI_READINESS_BUSY_TIMEOUT_MS", "150")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('BEGIN EXCLUSIVE')\n"
            'c.execute(\'INSERT INTO cycle (name, created_at) VALUES ("held", "2026-01-01")\')\n'
            "print('locked', flush=True)\n"
            "sys.stdin.read()\n"
            "c.execute('ROLLBACK')\n",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    try:
        yield path, aid
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
        holder.stdout.close()


def test_a_database_locked_by_another_process(
    locked_by_another_process: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    path, aid = locked_by_another_process
    before = _state(path)
    engine = open_database(str(path))  # reading still works (WAL)
    try:
        with Session(engine) as s:
            assert svc.get_assessment(session=s, assessment_id=aid).coverage == 0.25
            with pytest.raises(StorageError) as caught:
                svc.save_answer(session=s, assessment_id=aid, item_id="1-02", change=AnswerUpdate(level=4), actor="x")
            message = str(caught.value)
            assert str(path) in message and "locked by another program" in message and "nothing was saved" in message
            with pytest.raises(StorageError, match="locked"):
                svc.submit_assessment(session=s, assessment_id=aid, actor="x", reason="r")
    finally:
        engine.dispose()
    _one_line(cli(capsys, "--db", str(path), "answer", "set", str(aid), "1-02", "--level", "4"), str(path), "locked")
    _one_line(cli(capsys, "--db", str(path), "cycle", "add", "FY2030"), "locked")
    assert _state(path) == before


def test_after_the_lock_is_released_the_save_goes_through(
    db: tuple[Path, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, aid = db
    monkeypatch.setenv("AI_READINESS_BUSY_TIMEOUT_MS", "150")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    with pytest.raises(StorageError, match="locked"):
        _save_level(f"sqlite:///{path}", aid)
    other.execute("ROLLBACK")
    other.close()
    _save_level(f"sqlite:///{path}", aid)
    assert _state(path)[0] == 2


@pytest.mark.postgres
def test_a_postgresql_row_locked_by_another_desktop(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch, mini: Path
) -> None:
    from sqlalchemy import create_engine, text

    monkeypatch.setenv("AI_READINESS_BUSY_TIMEOUT_MS", "200")
    engine = open_database(postgres_url)
    with Session(engine) as s:
        unit, _ = org.add_unit_path(session=s, path="障害省/局/課")
        cycle, _ = org.add_cycle(session=s, name="FY2026")
        aid = svc.create_assessment(session=s, unit_id=unit.id, cycle_id=cycle.id, actor="setup")
    other = create_engine(postgres_url)
    with other.connect() as holder:
        holder.execute(text("SELECT id FROM assessment WHERE id = :id FOR UPDATE"), {"id": aid})
        with Session(engine) as s, pytest.raises(StorageError) as caught:
            svc.save_answer(session=s, assessment_id=aid, item_id="1-01", change=AnswerUpdate(level=4), actor="x")
        assert "locked by another program" in str(caught.value) and "nothing was saved" in str(caught.value)
        holder.rollback()
    other.dispose()
    with Session(engine) as s:
        assert s.exec(select(func.count()).select_from(Answer)).one() == 0
        assert s.exec(select(Assessment.revision)).one() == 1
    engine.dispose()


# --- full disk ---------------------------------------------------------------------------------------


def _fill_until_full(save: Callable[[int], None]) -> int:
    """Save bigger and bigger comments until the database is full; return how many worked."""
    for n in range(200):
        try:
            save(n)
        except StorageError as exc:
            message = str(exc)
            assert "full" in message and "nothing was saved" in message and "free some space" in message
            return n
    raise AssertionError("the database never filled up")


def _limit_pages(extra: int, path: Path) -> Callable[[Any, Any], None]:
    conn = sqlite3.connect(path)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()

    def limit(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + extra}")

    return limit


def _comment(n: int) -> str:
    return f"{n}:" + "記録" * 1500


def _check_nothing_partial(path: Path, saved: int) -> None:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        comments = dict(conn.execute("SELECT item_id, comment FROM answer").fetchall())
        for n in range(max(0, saved - 4), saved):  # the latest comment of each item is intact
            assert comments[ITEMS[n % 4]] == _comment(n)
        entries = conn.execute("SELECT count(*) FROM audit_log WHERE field = 'comment'").fetchone()[0]
        assert entries == saved  # one audit entry per save that returned, none for the failed one
        revision = conn.execute("SELECT revision FROM assessment WHERE id = 1").fetchone()[0]
        assert revision == 2 + saved  # created 1, one answer in setup, then each save
    finally:
        conn.close()


def test_a_full_disk_through_the_services(db: tuple[Path, int]) -> None:
    path, aid = db
    engine: Engine = open_database(str(path))
    event.listen(engine, "connect", _limit_pages(24, path))
    engine.dispose()  # new connections get the limit

    def save(n: int) -> None:
        with Session(engine) as s:
            svc.save_answer(
                session=s, assessment_id=aid, item_id=ITEMS[n % 4], change=AnswerUpdate(comment=_comment(n)), actor="x"
            )

    try:
        saved = _fill_until_full(save)
    finally:
        engine.dispose()
    assert saved >= 1
    _check_nothing_partial(path, saved)


def test_a_full_disk_through_the_cli(
    db: tuple[Path, int], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path, aid = db
    limit = _limit_pages(24, path)
    pragmas = models.db._set_sqlite_pragmas

    def pragmas_on_a_small_disk(dbapi_connection: sqlite3.Connection, record: Any) -> None:
        pragmas(dbapi_connection, record)
        limit(dbapi_connection, record)

    monkeypatch.setattr(models.db, "_set_sqlite_pragmas", pragmas_on_a_small_disk)

    def save(n: int) -> None:
        item = ITEMS[n % 4]
        run = cli(capsys, "--db", str(path), "answer", "set", str(aid), item, "--level", "1", "--comment", _comment(n))
        if run.code != 0:
            _one_line(run, str(path), "full")
            raise StorageError(run.err)

    saved = _fill_until_full(save)
    assert saved >= 1
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        entries = conn.execute("SELECT count(*) FROM audit_log WHERE field = 'comment'").fetchone()[0]
        assert entries == saved
        comments = dict(conn.execute("SELECT item_id, comment FROM answer").fetchall())
        assert comments[ITEMS[(saved - 1) % 4]] == _comment(saved - 1)
    finally:
        conn.close()
    # Reading still works on a full disk.
    assert cli(capsys, "--db", str(path), "assessment", "list", "--json").code == 0


def test_audit_entries_and_answers_are_never_split(db: tuple[Path, int]) -> None:
    """Every answer change in the database has its audit entry: counted after a full disk."""
    path, aid = db
    engine = open_database(str(path))
    event.listen(engine, "connect", _limit_pages(10, path))
    engine.dispose()
    try:

        def save(n: int) -> None:
            with Session(engine) as s:
                svc.save_answers(
                    session=s,
                    assessment_id=aid,
                    changes={item: AnswerUpdate(level=n % 6, comment=_comment(n)) for item in ITEMS},
                    actor="x",
                )

        saved = _fill_until_full(save)
    finally:
        engine.dispose()
    conn = sqlite3.connect(path)
    try:
        versions = sum(v for (v,) in conn.execute("SELECT version FROM answer"))
        changes = conn.execute("SELECT count(DISTINCT item_id || '@' || at) FROM audit_log WHERE action='answer'")
        assert versions == changes.fetchone()[0]
        assert conn.execute("SELECT count(*) FROM audit_log WHERE field='comment'").fetchone()[0] == 4 * saved
    finally:
        conn.close()


# --- a server that cannot be reached, a URL that cannot be used ---------------------------------


def test_an_unreachable_server(capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql+psycopg://ai_readiness:secret@127.0.0.1:1/ai_readiness"
    with pytest.raises(StorageError) as caught:
        open_database(url)
    message = str(caught.value)
    assert "cannot connect to the database server" in message and "127.0.0.1" in message
    assert "secret" not in message and "\n" not in message
    _one_line(cli(capsys, "--db", url, "unit", "list"), "cannot connect", "127.0.0.1")


@pytest.mark.parametrize("url", ["mysql://u@h/db", "oracle+nosuchdriver://u@h/db", "postgresql+nosuch://h/db"])
def test_an_unsupported_url(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _one_line(cli(capsys, "--db", url, "unit", "list"), "unsupported database URL")
