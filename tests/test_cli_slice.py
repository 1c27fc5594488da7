"""The thin slice through the command line: units, cycles, an assessment, answers, score, PDF."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.helpers import cli

TEAM = "デジタル庁/戦略・組織グループ/AI推進チーム"


@pytest.fixture
def assessment(capsys: pytest.CaptureFixture[str], mini: Path) -> int:
    assert cli(capsys, "unit", "add", TEAM).code == 0
    assert cli(capsys, "cycle", "add", "FY2026").code == 0
    run = cli(capsys, "assessment", "new", "--unit", TEAM, "--cycle", "FY2026", "--json")
    assert run.code == 0, run.err
    return int(run.json["id"])


def pdf_fonts(path: Path) -> list[tuple[str, bool]]:
    """Every font of every page, with whether its outlines are embedded."""
    fonts = []
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            embedded = bool(
                descriptor and any(k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            )
            fonts.append((str(font["/BaseFont"]), embedded))
    return fonts


def test_default_database_is_created_in_the_data_folder(
    capsys: pytest.CaptureFixture[str], isolated_environment: Path
) -> None:
    assert cli(capsys, "unit", "list").code == 0
    assert (isolated_environment / "ai-readiness.db").exists()


def test_answer_score_and_report(capsys: pytest.CaptureFixture[str], assessment: int, tmp_path: Path) -> None:
    assert cli(capsys, "answer", "set", str(assessment), "1-01", "--level", "3", "--target", "5").code == 0
    assert cli(capsys, "answer", "set", str(assessment), "2-01", "--level", "1").code == 0
    score = cli(capsys, "score", str(assessment), "--json").json
    # Policy 1: item 1-01 at level 3 → 60; policy 2: 2-01 at level 1 → 20; overall = mean.
    assert score["policies"] == {"1": 60.0, "2": 20.0}
    assert score["overall"] == 40.0
    assert score["level"] == 3
    assert score["coverage"] == 0.5
    assert score["provisional"] is True

    out = tmp_path / "out.pdf"
    run = cli(capsys, "report", str(assessment), "-o", str(out))
    assert run.code == 0, run.err
    text = PdfReader(out).pages[0].extract_text()
    assert "AI推進チーム" in text
    assert "40.0" in text
    fonts = pdf_fonts(out)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert all("IPAexGothic" in name for name, _ in fonts)


def test_pdffonts_lists_only_embedded_fonts(
    capsys: pytest.CaptureFixture[str], assessment: int, tmp_path: Path
) -> None:
    pdffonts = subprocess.run(["which", "pdffonts"], capture_output=True, text=True).stdout.strip()
    if not pdffonts:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    out = tmp_path / "out.pdf"
    assert cli(capsys, "report", str(assessment), "-o", str(out)).code == 0
    lines = subprocess.run([pdffonts, str(out)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert lines
    for line in lines:
        columns = line.split()
        assert columns[-5] == "yes", line  # the "emb" column


def test_usage_error_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    run = cli(capsys, "assessment", "frobnicate")
    assert run.code == 2
    assert len(run.err.strip().splitlines()) == 1
    assert "Traceback" not in run.err


def test_failure_is_one_line_and_exit_1(capsys: pytest.CaptureFixture[str], mini: Path) -> None:
    run = cli(capsys, "score", "999")
    assert run.code == 1
    assert run.err.strip().splitlines() == [
        "ai-readiness: error: assessment 999 not found; list them with: ai-readiness assessment list"
    ]


def test_db_option_and_environment_variable(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mini: Path
) -> None:
    chosen = tmp_path / "chosen.db"
    assert cli(capsys, "--db", str(chosen), "cycle", "add", "FY2030").code == 0
    assert cli(capsys, "cycle", "list", "--db", str(chosen), "--json").json[0]["name"] == "FY2030"
    monkeypatch.setenv("AI_READINESS_DB", f"sqlite:///{chosen}")
    assert [c["name"] for c in cli(capsys, "cycle", "list", "--json").json] == ["FY2030"]


def test_not_a_database_is_refused_clearly(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are not the tables you are looking for\n" * 100)
    before = bogus.read_bytes()
    run = cli(capsys, "--db", str(bogus), "unit", "list")
    assert run.code == 1
    assert "not an AI Readiness database" in run.err and str(bogus) in run.err
    assert bogus.read_bytes() == before


def test_console_script_runs_without_traceback(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "cli",
            "--db",
            str(tmp_path / "x.db"),
            "assessment",
            "approve",
            "1",
            "--approver",
            "課長",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("ai-readiness: error: assessment 1 not found")
