"""The main window: the list of assessments on the left, the open assessment on the right."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.assessment_page import AssessmentPage
from gui.data import DataAccess
from gui.errors import report_service_error
from models import assessments, org
from models.errors import ServiceError


class NewAssessmentDialog(QDialog):
    """Ask for the team's unit path and the cycle of a new assessment."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New assessment"))
        self.unit_edit = QLineEdit(self)
        self.unit_edit.setPlaceholderText(
            self.tr("Ministry/Bureau/Team, e.g. デジタル庁/戦略・組織グループ/AI推進チーム")
        )
        self.unit_edit.setAccessibleName(self.tr("Unit path"))
        self.cycle_edit = QLineEdit("FY2026", self)
        self.cycle_edit.setAccessibleName(self.tr("Cycle"))
        form = QFormLayout(self)
        form.addRow(self.tr("&Unit path:"), self.unit_edit)
        form.addRow(self.tr("&Cycle:"), self.cycle_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.setMinimumWidth(560)


class MainWindow(QMainWindow):
    """Signals:
    first_shown: the window was shown for the first time.
    list_filled: the assessment list holds the database's assessments.
    """

    first_shown = Signal()
    list_filled = Signal()

    COL_UNIT, COL_CYCLE, COL_STATUS, COL_COVERAGE = range(4)

    def __init__(self, data: DataAccess):
        super().__init__()
        self.data = data
        self._shown_once = False
        self.resize(1200, 760)

        self.new_button = QPushButton(self)
        self.new_button.clicked.connect(self.new_assessment)
        self.table = QTableWidget(0, 4, self)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(self.COL_UNIT, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._open_selected)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 8, 8)
        left_layout.addWidget(self.table)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)

        self.page = AssessmentPage(data, self)
        self.page.answer_saved.connect(self._on_answer_saved)
        self.empty = QLabel(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.page)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([460, 740])
        self.setCentralWidget(splitter)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("AI Readiness"))
        self.new_button.setText(self.tr("&New assessment…"))
        self.new_button.setAccessibleName(self.tr("New assessment"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Unit"), self.tr("Cycle"), self.tr("Status"), self.tr("Coverage")]
        )
        self.table.setAccessibleName(self.tr("Assessments"))
        self.empty.setText(self.tr("Choose an assessment on the left, or start a new one."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.first_shown.emit()
            # Fill the list after the first paint, so the window appears at once.
            QTimer.singleShot(0, self.refresh)

    def status_text(self, status: str) -> str:
        return {
            "draft": self.tr("Draft"),
            "submitted": self.tr("Submitted"),
            "approved": self.tr("Approved"),
        }.get(status, status)

    def refresh(self, select_id: int | None = None) -> None:
        try:
            rows = self.data.call(lambda s: assessments.list_assessments(session=s))
        except ServiceError as exc:
            report_service_error(self, exc)
            rows = []
        current = select_id if select_id is not None else self.page.assessment_id
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = [row.unit, row.cycle, self.status_text(row.status), f"{row.coverage:.0%}"]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                if c == self.COL_COVERAGE:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
            if row.id == current:
                self.table.selectRow(r)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(self.COL_UNIT, QHeaderView.ResizeMode.Stretch)
        self.table.blockSignals(False)
        self.list_filled.emit()

    def row_of(self, assessment_id: int) -> int:
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == assessment_id:
                return r
        return -1

    def _open_selected(self) -> None:
        items = self.table.selectedItems()
        if not items:
            return
        self.open_assessment(int(items[0].data(Qt.ItemDataRole.UserRole)))

    def open_assessment(self, assessment_id: int) -> None:
        self.page.load(assessment_id)
        self.stack.setCurrentWidget(self.page)

    def new_assessment(self) -> None:
        dialog = NewAssessmentDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.create_assessment(dialog.unit_edit.text(), dialog.cycle_edit.text())

    def create_assessment(self, unit_path: str, cycle_name: str) -> int | None:
        """Create the unit and cycle when missing, then the assessment; open it."""

        def work(s):  # type: ignore[no-untyped-def]
            unit, _ = org.add_unit_path(session=s, path=unit_path)
            cycle, _ = org.add_cycle(session=s, name=cycle_name)
            return assessments.create_assessment(session=s, unit_id=unit.id, cycle_id=cycle.id, actor=self.data.actor)

        try:
            new_id = self.data.call(work)
        except ServiceError as exc:
            report_service_error(self, exc)
            return None
        self.refresh(select_id=new_id)
        self.open_assessment(new_id)
        return new_id

    def _on_answer_saved(self, assessment_id: int) -> None:
        row = self.row_of(assessment_id)
        if row < 0:
            return
        summary = self.data.call(lambda s: assessments.get_assessment(session=s, assessment_id=assessment_id))
        item = self.table.item(row, self.COL_COVERAGE)
        if item is not None:
            item.setText(f"{summary.coverage:.0%}")
