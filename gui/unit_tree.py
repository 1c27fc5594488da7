"""The organisation tree (ministry → bureau → team) with each unit's assessments by cycle."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from gui.texts import percent, status_name, unit_display_name
from models.assessments import AssessmentSummary
from models.org import CycleRead, UnitRead

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
UNIT = "unit"
ASSESSMENT = "assessment"


class UnitTreeModel(QStandardItemModel):
    """Rows are units (children nest); an assessment is a row under its unit, one per cycle.

    Texts are rendered from the last rows given, so ``retranslate()`` re-renders them.
    """

    COL_NAME, COL_STATUS, COL_COVERAGE = range(3)

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(0, 3, parent)
        self.units: list[UnitRead] = []
        self.assessments: list[AssessmentSummary] = []
        self.cycles: list[CycleRead] = []
        self._rows: dict[tuple[str, int], QStandardItem] = {}
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("UnitTreeModel", "Unit / cycle"),
                QCoreApplication.translate("UnitTreeModel", "Status"),
                QCoreApplication.translate("UnitTreeModel", "Answered"),
            ]
        )
        if self.units:
            self.set_rows(self.units, self.assessments, self.cycles)

    def set_rows(self, units: list[UnitRead], assessments: list[AssessmentSummary], cycles: list[CycleRead]) -> None:
        self.units, self.assessments, self.cycles = units, assessments, cycles
        self.removeRows(0, self.rowCount())
        self._rows = {}
        cycle_order = {c.id: i for i, c in enumerate(cycles)}
        by_unit: dict[int, list[AssessmentSummary]] = {}
        for summary in assessments:
            by_unit.setdefault(summary.unit_id, []).append(summary)
        bold = QFont()
        bold.setBold(True)
        for unit in units:  # parents come before their children
            name = QStandardItem(unit_display_name(unit.name_ja, unit.name_en))
            name.setData(UNIT, KIND_ROLE)
            name.setData(unit.id, ID_ROLE)
            name.setToolTip(unit.path + (f"\n{unit.name_en}" if unit.name_en else ""))
            if unit.depth == 0:
                name.setFont(bold)
            row = [name, QStandardItem(), QStandardItem()]
            parent = self._rows.get((UNIT, unit.parent_id)) if unit.parent_id is not None else None
            (parent or self.invisibleRootItem()).appendRow(self._plain(row))
            self._rows[(UNIT, unit.id)] = name
            for summary in sorted(by_unit.get(unit.id, []), key=lambda s: (cycle_order.get(s.cycle_id, 0), s.id)):
                name.appendRow(self._plain(self._assessment_row(summary)))

    def _assessment_row(self, summary: AssessmentSummary) -> list[QStandardItem]:
        cycle = QStandardItem(summary.cycle)
        cycle.setData(ASSESSMENT, KIND_ROLE)
        cycle.setData(summary.id, ID_ROLE)
        cycle.setToolTip(f"{summary.unit} · {summary.cycle} · {summary.questionnaire}")
        status = QStandardItem(status_name(summary.status))
        coverage = QStandardItem(percent(summary.coverage))
        coverage.setToolTip(f"{summary.answered}/{summary.total}")
        coverage.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._rows[(ASSESSMENT, summary.id)] = cycle
        return [cycle, status, coverage]

    @staticmethod
    def _plain(row: list[QStandardItem]) -> list[QStandardItem]:
        for item in row:
            item.setEditable(False)
        return row

    def index_of(self, kind: str, ident: int) -> QModelIndex:
        item = self._rows.get((kind, ident))
        return item.index() if item is not None else QModelIndex()

    def kind_and_id(self, index: QModelIndex | QPersistentModelIndex) -> tuple[str | None, int | None]:
        if not index.isValid():
            return None, None
        first = index.siblingAtColumn(self.COL_NAME)
        return first.data(KIND_ROLE), first.data(ID_ROLE)

    def update_assessment(self, summary: AssessmentSummary) -> None:
        """Refresh one assessment's status and coverage in place (after an answer or a status change)."""
        self.assessments = [summary if a.id == summary.id else a for a in self.assessments]
        item = self._rows.get((ASSESSMENT, summary.id))
        if item is None:
            return
        parent = item.parent() or self.invisibleRootItem()
        parent.child(item.row(), self.COL_STATUS).setText(status_name(summary.status))
        coverage = parent.child(item.row(), self.COL_COVERAGE)
        coverage.setText(percent(summary.coverage))
        coverage.setToolTip(f"{summary.answered}/{summary.total}")
