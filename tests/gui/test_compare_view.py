"""The comparison view, driven like a user: filters reload the heat map, headers sort it,
double-click and Enter open the assessment in the main window; colours, charts and aliases."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QColor

from gui.compare_view import SORT_ROLE, CompareView, HeatMapModel
from gui.main_window import MainWindow
from models import assessments, org
from models.tables import AnswerUpdate
from reports.heat import heat_colors

A, B, C = "省/局A/課1", "省/局A/課2", "省/局B/課3"


def seed(window: MainWindow) -> dict[str, int]:
    """Three teams in FY2026 (A and C also in FY2025); A approved. Overall: A 62.5, B 60, C 7.5."""

    def work(s):  # type: ignore[no-untyped-def]
        ids = {}
        plan = {
            ("A25", A, "FY2025"): {"1-01": 1, "2-01": 2},
            ("C25", C, "FY2025"): {"2-01": 3},
            ("A", A, "FY2026"): {"1-01": 3, "1-02": 2, "2-01": 4, "2-02": "na"},
            ("B", B, "FY2026"): {"1-01": 5, "2-01": 1},
            ("C", C, "FY2026"): {"1-01": 0, "1-02": 1, "2-02": 0},
        }
        for (key, unit, cycle), answers in plan.items():
            u, _ = org.add_unit_path(session=s, path=unit)
            c, _ = org.add_cycle(session=s, name=cycle)
            aid = assessments.create_assessment(session=s, unit_id=u.id, cycle_id=c.id, actor="setup")
            changes = {
                item: AnswerUpdate(na_reason="所管外") if v == "na" else AnswerUpdate(level=v)
                for item, v in answers.items()
            }
            assessments.save_answers(session=s, assessment_id=aid, changes=changes, actor="setup")
            ids[key] = aid
        assessments.submit_assessment(session=s, assessment_id=ids["A"], actor="setup")
        assessments.approve_assessment(session=s, assessment_id=ids["A"], approver="課長", actor="setup")
        return ids

    ids = window.data.call(work)
    window.refresh()
    return ids


@pytest.fixture
def view(qtbot, window: MainWindow, mini: Path) -> tuple[CompareView, dict[str, int]]:  # type: ignore[no-untyped-def]
    ids = seed(window)
    window.compare_action.trigger()  # View → Compare teams and cycles
    assert window.compare_view is not None
    assert window.stack.currentWidget() is window.compare_view
    return window.compare_view, ids  # type: ignore[return-value]


def shown_ids(view: CompareView) -> list[int]:
    return [view.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 2) for r in range(view.proxy.rowCount())]


def test_the_heat_map_shows_the_latest_cycle_by_overall(view) -> None:  # type: ignore[no-untyped-def]
    compare, ids = view
    assert compare.comparison is not None and compare.comparison.cycle == "FY2026"
    assert shown_ids(compare) == [ids["A"], ids["B"], ids["C"]]
    overall = [compare.proxy.index(r, HeatMapModel.COL_OVERALL).data() for r in range(3)]
    assert overall == ["62.5", "60.0", "7.5"]
    assert compare.summary.text() == "Cycle FY2026 · 3 assessment(s), 2 provisional"  # B 50 %, C 75 %
    assert compare.proxy.index(1, 0).data().endswith("◆")  # B: coverage 50 %
    # Colour-blind-safe steps with the number shown: 62.5 is in the 60-80 band, 7.5 in the lowest.
    for row, score in ((0, 62.5), (2, 7.5)):
        index = compare.proxy.index(row, HeatMapModel.COL_OVERALL)
        background, ink = heat_colors(score)
        assert index.data(Qt.ItemDataRole.BackgroundRole).color() == QColor(background)
        assert index.data(Qt.ItemDataRole.ForegroundRole).color() == QColor(ink)
    assert compare.model.headerData(4, Qt.Orientation.Horizontal) == "1"
    assert compare.model.headerData(4, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "Policy one"


def test_filter_changes_reload(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    compare, ids = view
    with qtbot.waitSignal(compare.loaded):
        compare.status_combo.setCurrentIndex(compare.status_combo.findData("approved"))
    assert shown_ids(compare) == [ids["A"]]
    with qtbot.waitSignal(compare.loaded):
        compare.status_combo.setCurrentIndex(0)  # all statuses
    with qtbot.waitSignal(compare.loaded):
        compare.unit_combo.setCurrentIndex(compare.unit_combo.findData("省/局A"))
    assert sorted(shown_ids(compare)) == sorted([ids["A"], ids["B"]])
    assert [compare.units.item(r, 0).text().strip() for r in range(compare.units.rowCount())] == ["局A", "課1", "課2"]
    with qtbot.waitSignal(compare.loaded):
        compare.cycle_combo.setCurrentIndex(compare.cycle_combo.findData("FY2025"))
    assert shown_ids(compare) == [ids["A25"]]
    with qtbot.waitSignal(compare.loaded):
        compare.anonymise_box.click()
    units = [compare.proxy.index(r, 0).data() for r in range(compare.proxy.rowCount())]
    assert units and all(u.startswith("Unit-") for u in units)


def test_header_clicks_sort_the_heat_map(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    compare, ids = view
    header = compare.table.horizontalHeader()

    def click(column: int) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))

    click(HeatMapModel.COL_OVERALL)  # was descending: now ascending
    assert shown_ids(compare) == [ids["C"], ids["B"], ids["A"]]
    click(HeatMapModel.FIXED + 1)  # policy 2: A 80, B 20, C 0
    values = [compare.proxy.index(r, HeatMapModel.FIXED + 1).data(SORT_ROLE) for r in range(3)]
    assert values == sorted(values)
    click(HeatMapModel.COL_UNIT)
    assert [compare.proxy.index(r, 0).data(SORT_ROLE) for r in range(3)] == [A, B, C]


def test_double_click_and_enter_open_the_assessment(qtbot, view, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    compare, ids = view
    table = compare.table
    rect = table.visualRect(compare.proxy.index(1, HeatMapModel.COL_OVERALL))
    # A double-click is a press and release, then a second press that the view sees as double.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(compare.open_assessment) as signal:
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [ids["B"]]
    assert window.stack.currentWidget() is window.view and window.view.assessment_id == ids["B"]

    window.show_compare()
    table.setFocus()
    table.setCurrentIndex(compare.proxy.index(2, 0))
    with qtbot.waitSignal(compare.open_assessment) as signal:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert signal.args == [ids["C"]]
    assert window.view.assessment_id == ids["C"]


def test_ranking_weak_items_and_roll_up(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    compare, ids = view
    ranking = compare.ranking
    assert [ranking.item(r, 2).text() for r in range(ranking.rowCount())] == ["62.5", "60.0", "7.5"]
    with qtbot.waitSignal(compare.open_assessment) as signal:
        ranking.itemActivated.emit(ranking.item(2, 1))
    assert signal.args == [ids["C"]]
    weak = compare.weak
    # FY2026 levels: 2-02 → 0 (A N/A); 1-02 → 2, 1; 2-01 → 4, 1; 1-01 → 3, 5, 0.
    assert [weak.item(r, 1).text() for r in range(weak.rowCount())] == ["2-02", "1-02", "2-01", "1-01"]
    assert [weak.item(r, 4).text() for r in range(weak.rowCount())] == ["0.00", "1.50", "2.50", "2.67"]
    units = compare.units
    rows = [(units.item(r, 0).text().strip(), units.item(r, 1).text(), units.item(r, 2).text()) for r in range(6)]
    assert rows == [
        ("省", "43.3", "3"),
        ("局A", "61.2", "2"),
        ("課1", "62.5", "1"),
        ("課2", "60.0", "1"),
        ("局B", "7.5", "1"),
        ("課3", "7.5", "1"),
    ]


def test_charts_show_the_distribution_and_the_trend(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    compare, _ = view
    assert compare.box_chart is not None
    boxes = compare.box_chart.chart().series()[0]
    assert [box.label() for box in boxes.boxSets()] == ["1", "2", "P1", "P2"]
    # Policy 1 over A, B, C: 45, 100, 15 → min 15, median 45, max 100.
    first = boxes.boxSets()[0]
    assert (first.at(0), first.at(2), first.at(4)) == (15.0, 45.0, 100.0)

    compare.tabs.setCurrentIndex(5)
    compare.trend_unit.setCurrentIndex(compare.trend_unit.findText(A))
    series = compare.trend_chart.chart().series()
    assert [s.name() for s in series] == ["1 Policy one", "2 Policy two"]
    # A: policy 1 from 20 (FY2025) to 45; policy 2 from 40 to 80.
    assert [(p.x(), p.y()) for p in series[0].points()] == [(0.0, 20.0), (1.0, 45.0)]
    assert [(p.x(), p.y()) for p in series[1].points()] == [(0.0, 40.0), (1.0, 80.0)]
    assert compare.trend_table.item(1, 2).text() == "45.0 (+25.0)"
    compare.trend_unit.setCurrentIndex(compare.trend_unit.findText(C))
    series = compare.trend_chart.chart().series()
    assert [len(s.points()) for s in series] == [1, 2]  # C had no policy 1 score in FY2025


def test_model_rows_are_flat(view) -> None:  # type: ignore[no-untyped-def]
    compare, _ = view
    first = compare.model.index(0, 0)
    assert compare.model.rowCount(first) == 0 and compare.model.columnCount(first) == 0
    assert compare.model.rowCount(QModelIndex()) == 3
