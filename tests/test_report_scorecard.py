"""The scorecard PDF, opened with pypdf: its text, numbers, fonts, outline and determinism."""

from __future__ import annotations

import io
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.helpers import cli
from tests.test_report_setup import COMMENT, NA_REASON, TEAM, TEAM_EN, ReportDB, scorecard_data_of

ROOT = Path(__file__).resolve().parent.parent


def squeeze(text: str) -> str:
    """Text without any white space: line breaks fall anywhere in Japanese text."""
    return re.sub(r"\s+", "", text)


def pdf_text(source: Path | bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(source) if isinstance(source, bytes) else source)
    return [page.extract_text() for page in reader.pages]


def write_report(capsys: pytest.CaptureFixture[str], db: ReportDB, assessment: int, out: Path, lang: str) -> Path:
    run = cli(capsys, "--db", db.url, "report", str(assessment), "-o", str(out), "--lang", lang)
    assert run.code == 0, run.err
    return out


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_text_holds_the_unit_every_policy_and_the_score_json_numbers(
    capsys: pytest.CaptureFixture[str], report_db: ReportDB, tmp_path: Path, lang: str
) -> None:
    from questionnaires.catalog import active_questionnaire

    out = write_report(capsys, report_db, report_db.current, tmp_path / "card.pdf", lang)
    text = squeeze("\n".join(pdf_text(out)))
    score = cli(capsys, "--db", report_db.url, "score", str(report_db.current), "--json").json
    plan = active_questionnaire()

    assert squeeze(TEAM) in text
    if lang == "en":
        assert squeeze(TEAM_EN) in text
    for policy in plan.policies:
        assert squeeze(policy.name.get(lang)) in text, policy.id
    for principle in plan.principles:
        assert squeeze(principle.name.get(lang)) in text, principle.id
    numbers = [score["overall"], *score["policies"].values(), *score["principles"].values()]
    assert all(n is not None for n in numbers)
    for value in numbers:
        assert f"{value:.1f}" in text, value
    assert f"{score['coverage']:.0%}" in text
    assert score["provisional"] is False
    cover, summary = (squeeze(page) for page in pdf_text(out)[:2])
    mark = "◆暫定" if lang == "ja" else "◆Provisional"
    assert mark not in cover and mark not in summary


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_provisional_mark_appears_when_coverage_is_below_80_percent(
    capsys: pytest.CaptureFixture[str], report_db: ReportDB, tmp_path: Path, lang: str
) -> None:
    out = write_report(capsys, report_db, report_db.provisional, tmp_path / "card.pdf", lang)
    pages = [squeeze(page) for page in pdf_text(out)]
    score = cli(capsys, "--db", report_db.url, "score", str(report_db.provisional), "--json").json
    assert score["provisional"] is True
    mark = "◆暫定" if lang == "ja" else "◆Provisional"
    assert mark in pages[0] and mark in pages[1]  # the cover and the summary
    assert f"{score['overall']:.1f}" in pages[0]
    banner = "回答率が80%未満" if lang == "ja" else "Coverageisbelow80%"
    assert banner in pages[0]


def test_items_show_level_target_na_unanswered_review_comment_and_evidence(
    capsys: pytest.CaptureFixture[str], report_db: ReportDB, tmp_path: Path
) -> None:
    text = squeeze("\n".join(pdf_text(write_report(capsys, report_db, report_db.current, tmp_path / "c.pdf", "ja"))))
    assert squeeze(f"対象外の理由{NA_REASON}") in text
    assert "未回答" in text
    assert "◆要確認" in text
    assert squeeze(f"コメント{COMMENT}") in text
    assert "https://intra.example.go.jp/ai/usage" in text
    assert "規程.txt" in text and "幹部会資料（令和8年4月）" in text
    # The supplementary module is shown apart, with its own item.
    assert "府省独自の確認事項" in text and "独自の質問1" in text


def test_improvement_plan_lists_items_by_priority_with_the_next_step(
    capsys: pytest.CaptureFixture[str], report_db: ReportDB, tmp_path: Path
) -> None:
    data = scorecard_data_of(report_db.url, report_db.current)
    pages = pdf_text(write_report(capsys, report_db, report_db.current, tmp_path / "c.pdf", "en"))
    start = next(i for i, page in enumerate(pages) if "Improvement plan" in page and "Next step" in page)
    plan_text = squeeze("".join(pages[start:]))
    recs = data.result.recommendations  # type: ignore[attr-defined]
    assert recs
    positions = [plan_text.index(squeeze(rec.next_step.en)) for rec in recs[:5]]
    assert positions == sorted(positions)


def test_change_since_the_previous_cycle_shows_per_policy_deltas(
    capsys: pytest.CaptureFixture[str], report_db: ReportDB, tmp_path: Path
) -> None:
    from reports.scorecard import fmt_delta

    data = scorecard_data_of(report_db.url, report_db.current)
    text = squeeze("\n".join(pdf_text(write_report(capsys, report_db, report_db.current, tmp_path / "c.pdf", "ja"))))
    previous = data.previous  # type: ignore[attr-defined]
    for pid, now in data.result.policies.items():  # type: ignore[attr-defined]
        assert squeeze(fmt_delta(now, previous.policies[pid])) in text
    assert "FY2025" in text


def test_pages_are_numbered_x_of_y_and_the_footer_holds_the_fingerprint(
    capsys: pytest.CaptureFixture[str], report_db: ReportDB, tmp_path: Path
) -> None:
    data = scorecard_data_of(report_db.url, report_db.current)
    pages = pdf_text(write_report(capsys, report_db, report_db.current, tmp_path / "c.pdf", "ja"))
    assert 8 <= len(pages) <= 40
    for number, page in enumerate(pages, start=1):
        assert f"{number}/{len(pages)}" in squeeze(page)  # the total is a form drawn at the end
        assert data.fingerprint in squeeze(page)  # type: ignore[attr-defined]


def test_outline_lists_the_parts(capsys: pytest.CaptureFixture[str], report_db: ReportDB, tmp_path: Path) -> None:
    reader = PdfReader(write_report(capsys, report_db, report_db.current, tmp_path / "c.pdf", "en"))
    titles = [entry.title for entry in reader.outline if not isinstance(entry, list)]
    assert titles[0] == "1 Summary"
    assert any(t.startswith("4 Policy 1") for t in titles)
    assert "Appendix: how scores are computed" in titles


def test_every_font_is_embedded_and_there_are_no_links_or_images(
    capsys: pytest.CaptureFixture[str], report_db: ReportDB, tmp_path: Path
) -> None:
    out = write_report(capsys, report_db, report_db.current, tmp_path / "c.pdf", "ja")
    reader = PdfReader(out)
    for page in reader.pages:
        assert "/Annots" not in page or not page["/Annots"]
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert "IPAexGothic" in str(font["/BaseFont"])
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font)["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        xobjects = page["/Resources"].get("/XObject") or {}
        for xobject in xobjects.values():
            assert xobject.get_object()["/Subtype"] != "/Image"
    pdffonts = subprocess.run(["which", "pdffonts"], capture_output=True, text=True).stdout.strip()
    if pdffonts:
        lines = subprocess.run([pdffonts, str(out)], capture_output=True, text=True, check=True).stdout.splitlines()
        assert lines[2:] and all(line.split()[-5] == "yes" for line in lines[2:]), lines


def test_same_assessment_gives_byte_identical_pdfs_even_in_another_process(
    capsys: pytest.CaptureFixture[str], report_db: ReportDB, tmp_path: Path
) -> None:
    first = write_report(capsys, report_db, report_db.current, tmp_path / "a.pdf", "ja").read_bytes()
    second = write_report(capsys, report_db, report_db.current, tmp_path / "b.pdf", "ja").read_bytes()
    assert first == second
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "cli",
            "--db",
            report_db.url,
            "report",
            str(report_db.current),
            "-o",
            str(tmp_path / "c.pdf"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "c.pdf").read_bytes() == first
    english = write_report(capsys, report_db, report_db.current, tmp_path / "e.pdf", "en").read_bytes()
    assert english != first


def test_changing_one_answer_changes_the_fingerprint_and_the_bytes(
    capsys: pytest.CaptureFixture[str], report_db: ReportDB, tmp_path: Path
) -> None:
    source = sqlite3.connect(report_db.url.removeprefix("sqlite:///"))
    copy = tmp_path / "copy.db"
    target = sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.close()
    db = ReportDB(f"sqlite:///{copy}", *list(report_db.__dict__.values())[1:])
    before_data = scorecard_data_of(db.url, db.current)
    before = write_report(capsys, db, db.current, tmp_path / "before.pdf", "ja").read_bytes()

    item = db.unanswered_item
    assert cli(capsys, "--db", db.url, "answer", "set", str(db.current), item, "--level", "2").code == 0
    after_data = scorecard_data_of(db.url, db.current)
    after = write_report(capsys, db, db.current, tmp_path / "after.pdf", "ja").read_bytes()

    assert before_data.fingerprint != after_data.fingerprint  # type: ignore[attr-defined]
    assert before != after
    assert after_data.fingerprint in squeeze(pdf_text(after)[0])  # type: ignore[attr-defined]
    assert before_data.fingerprint not in squeeze("".join(pdf_text(after)))  # type: ignore[attr-defined]


def test_building_can_be_cancelled_and_leaves_no_file(report_db: ReportDB, tmp_path: Path) -> None:
    from reports.scorecard import BuildCancelled, write_scorecard

    data = scorecard_data_of(report_db.url, report_db.current)
    pages: list[int] = []

    def cancel() -> bool:
        pages.append(1)
        return len(pages) > 2

    target = tmp_path / "cancelled.pdf"
    with pytest.raises(BuildCancelled):
        write_scorecard(data, target, "ja", cancel=cancel)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_the_reports_own_wording_needs_no_missing_glyph() -> None:
    from reports.labels import SCORECARD, method_steps, readiness_ranges, scale_rows
    from reports.text import MISSING_GLYPH, visible

    texts = [t for lang in ("ja", "en") for t in SCORECARD[lang].values()]
    for lang in ("ja", "en"):
        texts += method_steps(lang)
        texts += [cell for row in readiness_ranges(lang) for cell in row]
        texts += [cell for row in scale_rows(lang) for cell in row]
    assert SCORECARD["ja"].keys() == SCORECARD["en"].keys()
    for text in texts:
        assert MISSING_GLYPH not in visible(text), text


def test_filenames_of_a_cycle_are_safe_on_every_system() -> None:
    from reports.files import safe_name_part

    assert safe_name_part("デモ省/政策局/データ戦略室") == "デモ省_政策局_データ戦略室"
    assert safe_name_part('a<b>:c"d\\e|f?g*h\x00i') == "abcd_efghi"
    assert "/" not in safe_name_part("../../etc/passwd") and not safe_name_part("../../etc").startswith(".")
    assert safe_name_part("...") == "_"
    assert len(safe_name_part("長" * 500)) == 80
