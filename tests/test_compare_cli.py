"""``ai-readiness compare`` on the demo ministry: the JSON contract, equality with
``ai-readiness score --json``, the CSV, XLSX and PDF outputs, and anonymisation that leaves
no unit name in any output's bytes."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.helpers import cli
from tests.test_cli_slice import pdf_fonts

ASSESSMENT_KEYS = {"id", "unit", "overall", "level", "coverage", "provisional", "policies", "principles"}
STATS_KEYS = {"mean", "median", "min", "max", "n"}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The demo ministry, seeded once for this module into its own data folder."""
    from models.db import open_database, session_for
    from models.demo import seed_demo

    folder = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AI_READINESS_DATA_DIR", str(folder / "data"))
        mp.delenv("AI_READINESS_QUESTIONNAIRE", raising=False)
        engine = open_database(f"sqlite:///{folder / 'demo.db'}")
        with session_for(engine) as s:
            seed_demo(session=s, actor="tester")
        engine.dispose()
    yield folder / "demo.db"


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> str:
    """A copy per test, so no test sees another's changes."""
    copy = tmp_path / "demo.db"
    shutil.copy(demo_db, copy)
    return str(copy)


def unit_names(capsys: pytest.CaptureFixture[str], db: str) -> list[str]:
    units = cli(capsys, "unit", "list", "--db", db, "--json").json
    return [u["name"] for u in units]


def run_compare(capsys: pytest.CaptureFixture[str], db: str, out: Path, *extra: str) -> None:
    run = cli(capsys, "compare", "--db", db, "-o", str(out), *extra)
    assert run.code == 0, run.err


def test_json_contract_and_equality_with_score(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    out = tmp_path / "c.json"
    run_compare(capsys, db, out, "--format", "json")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == {
        "cycle",
        "assessments",
        "ranking",
        "policy_stats",
        "principle_stats",
        "weak_items",
        "units",
        "trend",
    }
    assert data["cycle"] == "FY2026"
    assert len(data["assessments"]) == 12
    for a in data["assessments"]:
        assert set(a) == ASSESSMENT_KEYS
        score = cli(capsys, "score", str(a["id"]), "--db", db, "--json").json
        for key in ("overall", "level", "coverage", "provisional", "policies", "principles"):
            assert a[key] == score[key], (a["id"], key)
        assert a["unit"].startswith("デモ省/")
    assert sorted(data["ranking"]) == sorted(a["id"] for a in data["assessments"])
    overall = {a["id"]: a["overall"] for a in data["assessments"]}
    ranked = [overall[i] for i in data["ranking"]]
    assert ranked == sorted(ranked, reverse=True)
    assert set(data["policy_stats"]) == {"1", "2", "3", "4"}
    assert set(data["principle_stats"]) == {"P1", "P2", "P3"}
    for stats in [*data["policy_stats"].values(), *data["principle_stats"].values()]:
        assert set(stats) == STATS_KEYS
    assert len(data["weak_items"]) == 10
    assert all(set(w) == {"item", "mean_level", "n"} for w in data["weak_items"])
    means = [w["mean_level"] for w in data["weak_items"]]
    assert means == sorted(means)
    assert all(set(u) == {"path", "score", "teams"} for u in data["units"])
    assert data["units"][0] == {
        "path": "デモ省",
        "score": pytest.approx(sum(overall.values()) / 12),
        "teams": 12,
    }
    assert len(data["trend"]) == 12  # every demo team has FY2025 and FY2026
    for entry in data["trend"]:
        assert set(entry) == {"unit", "cycle", "previous_cycle", "policies"}
        assert (entry["cycle"], entry["previous_cycle"]) == ("FY2026", "FY2025")


def test_anonymised_outputs_hold_no_unit_name(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    names = unit_names(capsys, db)
    assert len(names) == 16
    texts: dict[str, str] = {}
    for fmt in ("json", "csv", "xlsx", "pdf"):
        plain, anonymous = tmp_path / f"plain.{fmt}", tmp_path / f"anon.{fmt}"
        run_compare(capsys, db, plain)
        run_compare(capsys, db, anonymous, "--anonymise")
        texts[f"plain.{fmt}"] = readable_text(plain)
        texts[f"anon.{fmt}"] = readable_text(anonymous)
    for fmt in ("json", "csv", "xlsx", "pdf"):
        # The check can fail: the plain output does hold the names.
        assert any(name in texts[f"plain.{fmt}"] for name in names), fmt
        leaked = [name for name in names if name in texts[f"anon.{fmt}"]]
        assert not leaked, (fmt, leaked)
    # Stable across runs: the same aliases a second time.
    again = tmp_path / "again.json"
    run_compare(capsys, db, again, "--anonymise")
    assert again.read_bytes() == (tmp_path / "anon.json").read_bytes()
    data = json.loads(again.read_text(encoding="utf-8"))
    assert all(a["unit"].startswith("Unit-") for a in data["assessments"])
    # Teams are alone in their group, so only the three bureaus and the ministry are shown.
    assert sorted(u["teams"] for u in data["units"]) == [4, 4, 4, 12]


def readable_text(path: Path) -> str:
    """Everything a reader of the file could see: decoded text, every XML part of an XLSX,
    the text of every PDF page (its raw bytes hold glyph ids, not characters)."""
    raw = path.read_bytes()
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            return "\n".join(z.read(name).decode("utf-8") for name in z.namelist())
    if path.suffix == ".pdf":
        reader = PdfReader(path)
        meta = " ".join(str(v) for v in (reader.metadata or {}).values())
        return meta + "\n".join(page.extract_text() for page in reader.pages)
    return raw.decode("utf-8-sig")


def test_min_group_changes_the_suppression(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    out = tmp_path / "c.json"
    run_compare(capsys, db, out, "--anonymise", "--min-group", "5")
    assert [u["teams"] for u in json.loads(out.read_text(encoding="utf-8"))["units"]] == [12]
    run_compare(capsys, db, out, "--anonymise", "--min-group", "1")
    assert len(json.loads(out.read_text(encoding="utf-8"))["units"]) == 16


def test_xlsx_has_one_sheet_per_view_with_values(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    out, js = tmp_path / "c.xlsx", tmp_path / "c.json"
    run_compare(capsys, db, out, "--lang", "en")
    run_compare(capsys, db, js)
    data = json.loads(js.read_text(encoding="utf-8"))
    wb = load_workbook(out)
    assert wb.sheetnames == [
        "Assessments",
        "Ranking",
        "Policy statistics",
        "Principle statistics",
        "Weak items",
        "Roll-up by unit",
        "Trend",
        "About",
    ]
    for ws in wb.worksheets[:-1]:
        assert ws.freeze_panes == "A2", ws.title
        assert all(cell.data_type != "f" for row in ws.iter_rows() for cell in row), ws.title
        assert all(ws.column_dimensions[c.column_letter].width >= 6 for c in ws[1]), ws.title
    sheet = wb["Assessments"]
    header = [c.value for c in sheet[1]]
    assert header[:8] == ["Rank", "Assessment", "Unit", "Status", "Overall", "Level", "Coverage", "Provisional"]
    by_id = {a["id"]: a for a in data["assessments"]}
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in rows] == data["ranking"]
    for row in rows:
        a = by_id[row[1]]
        # XLSX numbers carry 15 significant digits (as Excel does): equal to within that.
        assert (row[2], row[5]) == (a["unit"], a["level"])
        assert (row[4], row[6]) == pytest.approx((a["overall"], a["coverage"]), rel=1e-14)
        assert list(row[8:12]) == pytest.approx([a["policies"][p] for p in ("1", "2", "3", "4")], rel=1e-14)
        assert list(row[12:15]) == pytest.approx([a["principles"][p] for p in ("P1", "P2", "P3")], rel=1e-14)
    weak = list(wb["Weak items"].iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[5]) for r in weak] == [(w["item"], w["n"]) for w in data["weak_items"]]
    assert [r[4] for r in weak] == pytest.approx([w["mean_level"] for w in data["weak_items"]], rel=1e-14)
    stats = {r[0].split(" ")[0]: r[1:] for r in wb["Policy statistics"].iter_rows(min_row=2, values_only=True)}
    for key, s in data["policy_stats"].items():
        assert stats[key] == pytest.approx((s["mean"], s["median"], s["min"], s["max"], s["n"]), rel=1e-14)


def test_csv_is_the_assessments_table(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    import csv

    out, js = tmp_path / "c.csv", tmp_path / "c.json"
    run_compare(capsys, db, out)
    run_compare(capsys, db, js)
    data = json.loads(js.read_text(encoding="utf-8"))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["順位", "評価ID", "組織"]
    assert [int(r[1]) for r in rows[1:]] == data["ranking"]
    by_id = {a["id"]: a for a in data["assessments"]}
    for row in rows[1:]:
        assert float(row[4]) == by_id[int(row[1])]["overall"]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_pdf_text_and_fonts(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path, lang: str) -> None:
    out, js = tmp_path / "c.pdf", tmp_path / "c.json"
    run_compare(capsys, db, out, "--lang", lang)
    run_compare(capsys, db, js)
    data = json.loads(js.read_text(encoding="utf-8"))
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert ("組織間比較" if lang == "ja" else "comparison across teams") in text
    assert "FY2026" in text
    for a in data["assessments"]:
        assert f"{a['overall']:.1f}" in text
    for w in data["weak_items"]:
        assert w["item"] in text
    fonts = pdf_fonts(out)
    assert fonts and all(embedded and "IPAexGothic" in name for name, embedded in fonts), fonts
    again = tmp_path / "again.pdf"
    run_compare(capsys, db, again, "--lang", lang)
    assert again.read_bytes() == out.read_bytes()  # the same comparison, the same bytes


def test_user_text_in_the_pdf_is_plain_text(capsys: pytest.CaptureFixture[str], tmp_path: Path, mini: Path) -> None:
    hostile = "<b>課</b> & <img src='/etc/passwd'/> <a href='x'>班</a>"
    assert cli(capsys, "unit", "add", f"省/{hostile}").code == 0
    assert cli(capsys, "cycle", "add", "FY2026").code == 0
    aid = cli(capsys, "assessment", "new", "--unit", f"省/{hostile}", "--cycle", "FY2026", "--json").json["id"]
    assert cli(capsys, "answer", "set", str(aid), "1-01", "--level", "3").code == 0
    out = tmp_path / "c.pdf"
    assert cli(capsys, "compare", "-o", str(out)).code == 0
    text = "".join(page.extract_text() for page in PdfReader(out).pages).replace("\n", "")
    assert hostile in text


def test_mistakes_get_one_line_and_an_exit_code(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    out = tmp_path / "c.json"
    run = cli(capsys, "compare", "--db", db, "-o", str(tmp_path / "c.txt"))
    assert run.code == 2 and "--format" in run.err and len(run.err.strip().splitlines()) == 1
    run = cli(capsys, "compare", "--db", db, "-o", str(out), "--status", "done")
    assert run.code == 2 and "invalid choice" in run.err
    run = cli(capsys, "compare", "--db", db, "-o", str(out), "--anonymise", "--min-group", "0")
    assert run.code == 2 and "--min-group" in run.err
    run = cli(capsys, "compare", "--db", db, "-o", str(out), "--cycle", "FY1999")
    assert run.code == 1 and "cycle 'FY1999' not found" in run.err and len(run.err.strip().splitlines()) == 1
    run = cli(capsys, "compare", "--db", db, "-o", str(out), "--unit", "存在しない省")
    assert run.code == 1 and "not found" in run.err
    run = cli(capsys, "compare", "--db", db, "-o", str(tmp_path / "missing" / "c.json"))
    assert run.code == 1 and "does not exist" in run.err
    assert not out.exists()
    run = cli(capsys, "compare", "--db", db, "-o", str(out), "--json")
    assert run.code == 0 and run.json == {
        "output": str(out),
        "format": "json",
        "cycle": "FY2026",
        "assessments": 12,
        "anonymised": False,
    }


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_libreoffice_opens_the_spreadsheets(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"c.{fmt}"
    run_compare(capsys, db, out)
    # For CSV, the import options a user confirms in LibreOffice's dialog: comma, quote, UTF-8 (76).
    infilter = ["--infilter=CSV:44,34,76,1"] if fmt == "csv" else []
    command = ["libreoffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", *infilter]
    command += ["--convert-to", "pdf", "--outdir", str(tmp_path / "lo-out"), str(out)]
    converted = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert converted.returncode == 0, converted.stderr
    pdf = tmp_path / "lo-out" / "c.pdf"
    assert pdf.exists() and pdf.stat().st_size > 1000
    assert "デモ省" in "".join(page.extract_text() for page in PdfReader(pdf).pages)
