"""The results tab: overall score, level, provisional mark, coverage, radar with targets,
principles and recommendations, all from answers given in the walkthrough."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPointF

from tests.gui.util import new_assessment


def answer(qtbot, page, item_id: str, level: int, target: int | None = None) -> None:  # type: ignore[no-untyped-def]
    page.show_item(item_id)
    with qtbot.waitSignal(page.answer_saved):
        page.editor.choices[level].click()
    if target is not None:
        with qtbot.waitSignal(page.answer_saved):
            page.editor.target_combo.setCurrentIndex(target + 1)
            page.editor.target_combo.activated.emit(target + 1)


def test_results_follow_the_answers(qtbot, window, mini: Path) -> None:  # type: ignore[no-untyped-def]
    new_assessment(window)
    view = window.view
    page = view.walkthrough
    answer(qtbot, page, "1-02", 4, target=5)
    view.tabs.setCurrentIndex(view.TAB_RESULTS)
    results = view.results

    # Policy 1 = 80 (only 1-02 scored); policy 2 not assessed; overall = mean of existing = 80.
    assert results.overall_value.text() == "80.0"
    assert results.level_label.text() == "Readiness level 5 Leading"
    assert results.provisional.isVisible() and "暫定" in results.provisional.text()
    assert results.coverage.text() == "Coverage 25%: 1 answered, 0 N/A, of 4 items."
    assert results.radar is not None
    assert results.radar.scores == [80.0, None] and results.radar.targets == [100.0, None]
    area = results.radar.chart().series()[0]
    assert [(p.x(), p.y()) for p in area.upperSeries().points()] == [(0.0, 80.0), (180.0, 0.0), (360.0, 80.0)]
    assert results.radar.chart().series()[1].points()[0] == QPointF(0.0, 100.0)
    assert _grid_texts(results.principles_grid)[2:] == ["P1 Principle one", "80.0", "P2 Principle two", "80.0"]
    assert _grid_texts(results.policies_grid).count("not assessed") == 2  # score and target of policy 2
    text = results.recommendations.text()
    assert "1-02" in text and "gap 1 × weight 3 = priority 3" in text and "Level 5" in text

    # More answers: coverage reaches 100 %, the mark goes, the results refresh when looked at again.
    view.tabs.setCurrentIndex(view.TAB_WALKTHROUGH)
    answer(qtbot, page, "1-01", 0)
    answer(qtbot, page, "2-01", 2)
    answer(qtbot, page, "2-02", 3)
    view.tabs.setCurrentIndex(view.TAB_RESULTS)
    # Policy 1 = (1x0 + 3x80)/4 = 60; policy 2 = (2x40 + 1x60)/3 = 46.67; overall 53.3 → level 3.
    assert results.overall_value.text() == "53.3"
    assert results.level_label.text() == "Readiness level 3 Established"
    assert not results.provisional.isVisible()


def _grid_texts(grid) -> list[str]:  # type: ignore[no-untyped-def]
    return [grid.itemAt(i).widget().text() for i in range(grid.count()) if grid.itemAt(i).widget() is not None]


def test_charts_are_loaded_only_for_the_results(qtbot, window, mini: Path) -> None:  # type: ignore[no-untyped-def]
    """Start-up stays fast: QtCharts and ReportLab are not imported until they are needed."""
    import subprocess

    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM']='offscreen'\n"
        "from gui.app import create_application; create_application([])\n"
        "import gui.main_window\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6.QtCharts', 'reportlab'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_how_scores_are_computed_in_both_languages(qtbot, window, qapp) -> None:  # type: ignore[no-untyped-def]
    from gui.i18n import install_translator

    window.how_action.trigger()
    dialog = window.dialog
    english = dialog.browser.toPlainText()
    assert "Item score = level × 20" in english
    assert "Overall score = the plain mean of the policy scores" in english
    assert "below 80%" in english and "5 Leading: 80 or more" in english
    install_translator(qapp, "ja")
    qtbot.waitUntil(lambda: "項目スコア" in dialog.browser.toPlainText())
    japanese = dialog.browser.toPlainText()
    assert "80%未満" in japanese and "5 先導" in japanese
    dialog.close()
