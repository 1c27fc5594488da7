"""Hostile input files, through the real command line: malformed questionnaires, answers files,
packages, answer sheets and database files (tests/data/hostile/, made by make_hostile.py; the
huge ones, a FIFO, a folder and a symbolic link loop are made at test time).

Each is refused with one line that names the file and what is wrong (exit 1, no traceback), and
nothing changes: an import leaves every row of the database as it was (``iterdump`` before and
after), and a hostile database file keeps its bytes, with no file added beside it.

Decided here: an EMPTY file given as the database is not refused. It is a new database (SQLite
treats it so, and it is what a first start interrupted before its first commit leaves behind);
see test_an_empty_file_is_a_new_database.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import MINI, ROOT
from tests.exchange_support import EXCHANGE, dump
from tests.helpers import Run, cli

HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"
SUMMARY = "ai-readiness: error: 1 of 1 file(s) refused; nothing of them was imported"


def make_hostile() -> ModuleType:
    """tests/data/hostile/make_hostile.py, loaded as a module (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("make_hostile", HOSTILE / "make_hostile.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


MAKE = make_hostile()
CASES = MAKE.cases()


def cases_of(*kinds: str) -> list[object]:
    return [pytest.param(case, id=case.name) for case in CASES if case.kind in kinds]


# --- the database imports are refused into ----------------------------------------------------------


def build_target(url: str) -> None:
    """The team's key trusted, its package imported, and a second assessment answered here."""
    from models import org
    from models.assessments import create_assessment, save_answers
    from models.db import open_database, session_for
    from models.exchange.service import import_file
    from models.keys import import_key_file
    from models.tables import AnswerUpdate

    engine = open_database(url)
    try:
        with session_for(engine) as s:
            import_key_file(session=s, path=EXCHANGE / "team.pem", actor="builder", label="team")
            assert import_file(session=s, path=EXCHANGE / "good.airpkg", actor="builder").status == "imported"
            unit, _ = org.add_unit_path(session=s, path="テスト省/第二局/企画課", name_en="Planning")
            cycle, _ = org.add_cycle(session=s, name="FY2026")
            org.add_cycle(session=s, name="FY2027")  # a cycle without assessments, for assessment new
            aid = create_assessment(session=s, unit_id=unit.id, cycle_id=cycle.id, actor="builder")
            changes = {
                "1-01": AnswerUpdate(level=3, target=4, comment="研修を実施済み"),
                "2-01": AnswerUpdate(na_reason="当課では該当業務なし"),
            }
            save_answers(session=s, assessment_id=aid, changes=changes, actor="builder")
    finally:
        engine.dispose()  # the last connection checkpoints the WAL into the file


@pytest.fixture(scope="module")
def target_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-target")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AI_READINESS_DATA_DIR", str(folder / "data"))
        mp.setenv("AI_READINESS_QUESTIONNAIRE", str(MINI))
        mp.setenv("HOME", str(folder / "home"))
        path = folder / "target.db"
        build_target(f"sqlite:///{path}")
    return path


@pytest.fixture
def target(target_template: Path, tmp_path: Path, mini: Path) -> Path:
    """A copy of the filled database for one test."""
    path = tmp_path / "target" / "target.db"
    path.parent.mkdir()
    shutil.copy(target_template, path)
    return path


def iterdump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def materialise(case: object, tmp_path: Path) -> Path:
    """The case's file: committed ones are copied first (a database must not be touched in place)."""
    source = case.materialise(tmp_path / "made")  # type: ignore[attr-defined]
    if not case.committed:  # type: ignore[attr-defined]
        return source
    copy = tmp_path / "hostile" / case.name  # type: ignore[attr-defined]
    copy.parent.mkdir(exist_ok=True)
    shutil.copyfile(source, copy)
    return copy


def assert_clean(run: Run) -> list[str]:
    assert run.code == 1, (run.code, run.out, run.err)
    assert "Traceback" not in run.err
    lines = run.err.splitlines()
    assert lines and all(line.strip() for line in lines), run.err
    return lines


# --- questionnaire files --------------------------------------------------------------------------


@pytest.mark.parametrize("case", cases_of("questionnaires"))
def test_questionnaire_file_is_refused(
    case: object, tmp_path: Path, target: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = materialise(case, tmp_path)
    run = cli(capsys, "questionnaire", "validate", str(path))
    lines = assert_clean(run)
    assert len(lines) == 1, run.err
    assert lines[0].startswith(f"{path}:"), lines[0]
    assert case.expect in lines[0], lines[0]  # type: ignore[attr-defined]
    assert run.out == ""

    # The same file as the active questionnaire: starting an assessment is refused, nothing is written.
    before = iterdump(target)
    monkeypatch.setenv("AI_READINESS_QUESTIONNAIRE", str(path))
    run = cli(capsys, "--db", str(target), "assessment", "new", "--unit", "テスト省/第二局/企画課", "--cycle", "FY2027")
    lines = assert_clean(run)
    assert all(line.startswith(str(path)) for line in lines), run.err
    assert iterdump(target) == before


# --- answers files, packages, answer sheets -----------------------------------------------------------


@pytest.mark.parametrize("case", cases_of("answers", "packages", "sheets"))
def test_import_is_refused_and_changes_nothing(
    case: object, tmp_path: Path, target: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = materialise(case, tmp_path)
    before = iterdump(target)
    run = cli(capsys, "--db", str(target), "import", str(path))
    lines = assert_clean(run)
    assert lines[1:] == [SUMMARY], run.err
    assert lines[0].startswith(f"{path}: refused: "), lines[0]
    assert case.expect in lines[0], lines[0]  # type: ignore[attr-defined]
    assert len(lines[0]) < 400, lines[0]  # a reason, not a dump of the file
    assert iterdump(target) == before


# --- database files -------------------------------------------------------------------------------


def fingerprint(folder: Path) -> dict[str, object]:
    """What is in ``folder``: each entry's type, and a regular file's content (its hash)."""
    found: dict[str, object] = {}
    for entry in sorted(folder.iterdir()):
        mode = entry.lstat().st_mode
        if stat.S_ISREG(mode):
            size = entry.stat().st_size
            with entry.open("rb") as fh:  # huge files are sparse: hash the start, the size says the rest
                found[entry.name] = (size, hashlib.sha256(fh.read(1 << 20)).hexdigest())
        elif stat.S_ISDIR(mode):
            found[entry.name] = ("folder", fingerprint(entry))
        else:
            found[entry.name] = (stat.S_IFMT(mode), os.readlink(entry) if stat.S_ISLNK(mode) else None)
    return found


@pytest.mark.parametrize("case", cases_of("databases"))
def test_database_file_is_refused_and_left_alone(
    case: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = materialise(case, tmp_path)
    before = fingerprint(path.parent)
    for command in (("assessment", "list"), ("unit", "add", "テスト省/新しい課")):
        run = cli(capsys, "--db", str(path), *command)
        lines = assert_clean(run)
        assert len(lines) == 1, run.err
        assert lines[0].startswith("ai-readiness: error: ") and path.name in lines[0], lines[0]
        assert case.expect in lines[0], lines[0]  # type: ignore[attr-defined]
        assert fingerprint(path.parent) == before


def test_an_empty_file_is_a_new_database(tmp_path: Path, capsys: pytest.CaptureFixture[str], mini: Path) -> None:
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    assert cli(capsys, "--db", str(path), "unit", "add", "テスト省/新しい課").code == 0
    assert path.read_bytes().startswith(b"SQLite format 3\x00")
    assert cli(capsys, "--db", str(path), "unit", "list", "--json").json[-1]["path"] == "テスト省/新しい課"


# --- the files themselves ---------------------------------------------------------------------------


def test_committed_files_are_what_make_hostile_makes() -> None:
    made = MAKE.committed_files()
    on_disk = {str(p.relative_to(HOSTILE)) for kind in MAKE.KINDS for p in (HOSTILE / kind).iterdir() if p.is_file()}
    assert on_disk == set(made)
    for name, content in made.items():
        assert (HOSTILE / name).read_bytes() == content, name


def test_every_kind_of_input_has_every_kind_of_defect() -> None:
    committed = [case for case in CASES if case.committed]
    assert len(committed) >= 60 and len(CASES) >= 100
    names = {kind: " ".join(case.name for case in CASES if case.kind == kind) for kind in MAKE.KINDS}
    for kind in ("questionnaires", "answers", "packages", "sheets"):
        for defect in (
            "empty",
            "truncated",
            "shift-jis",
            "utf-16",
            "deep",
            "huge",
            "wrong-type",
            "unknown",
            "duplicate",
        ):
            assert defect in names[kind], (kind, defect)
    for kind in ("packages", "sheets"):
        for trick in (
            "zip-bomb",
            "many-members",
            "traversal",
            "absolute-path",
            "symlink",
            "duplicate-member",
            "nested-zip",
            "encrypted",
        ):
            assert trick in names[kind], (kind, trick)
    for trick in ("disguised", "zip64", "truncated-central-directory", "text"):
        assert trick in names["packages"] + names["answers"], trick
    for defect in ("text", "truncated", "garbage-pages", "other-app", "future-revision", "folder", "huge"):
        assert defect in names["databases"], defect


# --- no traceback reaches a terminal ------------------------------------------------------------------

SUBPROCESS_CASES = [
    "questionnaires/control-character.yaml",
    "answers/huge-number.json",
    "answers/lone-surrogate.json",
    "packages/signed-deep-audit.airpkg",
    "sheets/xml-entity-bomb.xlsx",
    "databases/symlink-loop.db",
]


@pytest.mark.parametrize("name", SUBPROCESS_CASES)
def test_a_real_process_prints_one_line(name: str, tmp_path: Path, target: Path) -> None:
    case = next(case for case in CASES if case.path == name)
    path = materialise(case, tmp_path)
    if case.kind == "questionnaires":
        argv = ["questionnaire", "validate", str(path)]
    elif case.kind == "databases":
        argv = ["--db", str(path), "assessment", "list"]
    else:
        argv = ["--db", str(target), "import", str(path)]
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    done = subprocess.run(
        [sys.executable, "-m", "cli", *argv], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == (1 if case.kind in ("questionnaires", "databases") else 2), done.stderr
    assert case.expect in lines[0]


# --- text no database can store, on every database ------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["answers/nul-in-comment.json", "answers/lone-surrogate.json", "packages/signed-nul-in-comment.airpkg"]
)
def test_unstorable_text_is_refused_alike_on_every_database(
    name: str, db_url: str, tmp_path: Path, mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLite would keep a NUL that PostgreSQL rejects: both refuse it, with the same line."""
    build_target(db_url)
    case = next(case for case in CASES if case.path == name)
    before = dump(db_url)
    run = cli(capsys, "--db", db_url, "import", str(case.materialise(tmp_path)))
    lines = assert_clean(run)
    assert case.expect in lines[0] and lines[1:] == [SUMMARY], run.err
    assert dump(db_url) == before
