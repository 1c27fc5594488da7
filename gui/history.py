"""The audit history of an assessment: every change, who made it and when, as a table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from gui.data import DataAccess
from gui.texts import action_name, audit_value, field_name, local_time
from models import assessments
from models.assessments import AuditRead


class AuditTableModel(QAbstractTableModel):
    COL_AT, COL_ACTOR, COL_ACTION, COL_ITEM, COL_FIELD, COL_OLD, COL_NEW = range(7)

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.rows: list[AuditRead] = []

    def set_rows(self, rows: list[AuditRead]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, self.columnCount() - 1))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = [
            self.tr("When"),
            self.tr("Who"),
            self.tr("What"),
            self.tr("Item"),
            self.tr("Field"),
            self.tr("Before"),
            self.tr("After"),
        ]
        return headers[section] if 0 <= section < len(headers) else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = index.column()
            if column == self.COL_AT:
                return local_time(row.at)
            if column == self.COL_ACTOR:
                return row.actor
            if column == self.COL_ACTION:
                return action_name(row.action)
            if column == self.COL_ITEM:
                return row.item_id or ""
            if column == self.COL_FIELD:
                return field_name(row.field)
            if column == self.COL_OLD:
                return audit_value(row.field, row.old) if row.action != "create" else ""
            if column == self.COL_NEW:
                return audit_value(row.field, row.new) if row.action != "create" else ""
        return None


class HistoryPage(QWidget):
    def __init__(self, data: DataAccess, parent: QWidget | None = None):
        super().__init__(parent)
        self.data = data
        self.assessment_id: int | None = None
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.model = AuditTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Every change to this assessment, newest last. The history cannot be edited."))
        self.table.setAccessibleName(self.tr("Audit history"))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def load(self, assessment_id: int) -> None:
        self.assessment_id = assessment_id
        rows = self.data.call(lambda s: assessments.audit_log(session=s, assessment_id=assessment_id))
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in (AuditTableModel.COL_OLD, AuditTableModel.COL_NEW):  # long values share the rest
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.scrollToBottom()
