"""``ai-readiness report``: one scorecard, or a whole cycle's into a folder, with a progress bar
on a terminal; user mistakes give one line and exit 2 or 1."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.helpers import cli
from tests.test_report_setup import OTHER, TEAM, ReportDB


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_one_scorecard_with_json(capsys: pytest.CaptureFixture[str], report_db: ReportDB, tmp_path: Path) -> None:
    out = tmp_path / "card.pdf"
    run = cli(capsys, "--db", report_db.url, "report", str(report_db.current), "-o", str(out), "--json", "--lang", "en")
    assert run.code == 0, run.err
    assert run.json == {"id": report_db.current, "output": str(out), "lang": "en"}
    assert out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["card.pdf"]  # no temporary file left behind


def test_all_of_a_cycle_into_a_folder(capsys: pytest.CaptureFixture[str], report_db: ReportDB, tmp_path: Path) -> None:
    folder = tmp_path / "cards"
    run = cli(capsys, "--db", report_db.url, "report", "--all", "--cycle", "FY2026", "-o", str(folder), "--json")
    assert run.code == 0, run.err
    assert run.err == ""  # stderr is not a terminal here: no progress bar
    files = run.json["files"]
    assert run.json["cycle"] == "FY2026" and run.json["lang"] == "ja"
    assert {f["id"] for f in files} == {report_db.current, report_db.provisional}
    names = {Path(f["output"]).name for f in files}
    assert names == {
        f"{report_db.current}-{TEAM.replace('/', '_')}-FY2026-ja.pdf",
        f"{report_db.provisional}-{OTHER.replace('/', '_')}-FY2026-ja.pdf",
    }
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)
    for f in files:
        text = "".join(page.extract_text() for page in PdfReader(f["output"]).pages[:1])
        assert f["unit"].split("/")[-1] in text

    run = cli(capsys, "--db", report_db.url, "report", "--all", "--cycle", "FY2026", "-o", str(folder), "--lang", "en")
    assert run.code == 0
    assert run.out.strip() == f"wrote 2 scorecard(s) of FY2026 to {folder}"
    assert len(list(folder.iterdir())) == 4


def test_progress_bar_only_on_a_terminal(
    capsys: pytest.CaptureFixture[str], report_db: ReportDB, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    run = cli(capsys, "--db", report_db.url, "report", "--all", "--cycle", "FY2026", "-o", str(tmp_path), "--json")
    assert run.code == 0
    drawn = terminal.getvalue()
    assert "\r" in drawn and "0/2" in drawn and "2/2" in drawn and drawn.endswith("\n")
    assert len(run.json["files"]) == 2  # stdout stays clean JSON


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["report", "-o", "x.pdf"], 2, "give ASSESSMENT_ID"),
        (["report", "--all", "-o", "cards"], 2, "--all needs --cycle"),
        (["report", "1", "--all", "--cycle", "FY2026", "-o", "cards"], 2, "not both"),
        (["report", "1", "--cycle", "FY2026", "-o", "x.pdf"], 2, "--cycle goes with --all"),
        (["report", "--all", "--cycle", "FY1999", "-o", "cards"], 1, "FY1999"),
        (["report", "999", "-o", "x.pdf"], 1, "assessment 999 not found"),
        (["report", "1", "-o", "missing/x.pdf"], 1, "folder does not exist"),
        (["report", "--all", "--cycle", "FY2026", "-o", "file.txt"], 1, "is a file"),
    ],
)
def test_mistakes_give_one_line(
    capsys: pytest.CaptureFixture[str],
    report_db: ReportDB,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    code: int,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "file.txt").write_text("not a folder")
    run = cli(capsys, "--db", report_db.url, *argv)
    assert run.code == code
    assert len(run.err.strip().splitlines()) == 1 and message in run.err and "Traceback" not in run.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]
