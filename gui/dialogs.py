"""Small dialogs with inline validation: units, cycles, a new assessment, and a text prompt
(reasons, approver). They are opened with ``open()`` (window-modal, no nested event loop);
``submit`` runs on OK and returns an error message to show inline, or None to close."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.texts import fmt
from models.assessments import AssessmentSummary
from models.org import CycleRead, UnitRead

UNIT_NAME_MAX = 200
CYCLE_NAME_MAX = 40


def _message_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, Qt.GlobalColor.darkRed)
    label.setPalette(palette)
    label.setAccessibleName(QCoreApplication.translate("Dialogs", "Problem with the input"))
    label.hide()
    return label


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def _show_message(label: QLabel, ok: QPushButton, message: str | None) -> None:
    label.setText(message or "")
    label.setVisible(bool(message))
    ok.setEnabled(not message)


@dataclass(frozen=True)
class UnitValues:
    parent_id: int | None
    name_ja: str
    name_en: str


class UnitDialog(QDialog):
    """Create a unit under a parent, or rename one (Japanese and optional English name)."""

    def __init__(
        self,
        units: list[UnitRead],
        submit: Callable[[UnitValues], str | None],
        unit: UnitRead | None = None,
        parent_id: int | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.units = units
        self.unit = unit
        self.submit = submit
        self.setWindowTitle(self.tr("Rename unit") if unit else self.tr("New unit"))
        self.parent_combo = QComboBox(self)
        self.parent_combo.setAccessibleName(self.tr("Parent unit"))
        self.parent_combo.addItem(self.tr("(top level: a ministry or agency)"), None)
        for candidate in units:
            self.parent_combo.addItem(candidate.path, candidate.id)
        if parent_id is not None:
            self.parent_combo.setCurrentIndex(max(0, self.parent_combo.findData(parent_id)))
        self.name_edit = QLineEdit(unit.name_ja if unit else "", self)
        self.name_edit.setAccessibleName(self.tr("Name (Japanese)"))
        self.name_edit.setPlaceholderText(self.tr("e.g. AI推進チーム"))
        self.name_en_edit = QLineEdit((unit.name_en or "") if unit else "", self)
        self.name_en_edit.setAccessibleName(self.tr("Name (English, optional)"))
        self.name_en_edit.setPlaceholderText(self.tr("e.g. AI Promotion Team"))
        self.message = _message_label(self)
        self.buttons = _buttons(self)
        form = QFormLayout(self)
        if unit is None:
            form.addRow(self.tr("&Parent:"), self.parent_combo)
        else:
            self.parent_combo.hide()
            path = QLabel(unit.path, self)
            path.setTextFormat(Qt.TextFormat.PlainText)
            form.addRow(self.tr("Unit:"), path)
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("&English name:"), self.name_en_edit)
        form.addRow(self.message)
        form.addRow(self.buttons)
        self.setMinimumWidth(560)
        self.name_edit.textChanged.connect(self.validate)
        self.parent_combo.currentIndexChanged.connect(self.validate)
        self.validate()

    def values(self) -> UnitValues:
        parent_id = self.unit.parent_id if self.unit else self.parent_combo.currentData()
        return UnitValues(parent_id, self.name_edit.text().strip(), self.name_en_edit.text().strip())

    def problem(self) -> str | None:
        values = self.values()
        name = values.name_ja
        if not name:
            return self.tr("Enter a name.")
        if "/" in name:
            return self.tr("A name cannot contain '/': it separates the levels of a unit path.")
        if len(name) > UNIT_NAME_MAX:
            return fmt(self.tr("A name has at most %1 characters."), UNIT_NAME_MAX)
        for sibling in self.units:
            same_place = sibling.parent_id == values.parent_id and sibling.name_ja == name
            if same_place and (self.unit is None or sibling.id != self.unit.id):
                return self.tr("A unit with this name already exists here.")
        return None

    def validate(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        problem = self.problem()
        # An empty field is not an error yet: say nothing, just keep OK disabled.
        _show_message(self.message, ok, problem if self.name_edit.text() else None)
        ok.setEnabled(problem is None)

    def accept(self) -> None:
        if self.problem() is not None:
            return
        error = self.submit(self.values())
        if error:
            _show_message(self.message, self.buttons.button(QDialogButtonBox.StandardButton.Ok), error)
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
            return
        super().accept()


class CycleDialog(QDialog):
    """Create a cycle (FY2026, FY2026-H1 …), or rename one."""

    def __init__(
        self,
        cycles: list[CycleRead],
        submit: Callable[[int | None, str], str | None],
        rename: bool = False,
        cycle_id: int | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.cycles = cycles
        self.rename = rename
        self.submit = submit
        self.setWindowTitle(self.tr("Rename cycle") if rename else self.tr("New cycle"))
        self.cycle_combo = QComboBox(self)
        self.cycle_combo.setAccessibleName(self.tr("Cycle to rename"))
        for cycle in cycles:
            self.cycle_combo.addItem(cycle.name, cycle.id)
        if cycle_id is not None:
            self.cycle_combo.setCurrentIndex(max(0, self.cycle_combo.findData(cycle_id)))
        self.name_edit = QLineEdit(self)
        self.name_edit.setAccessibleName(self.tr("Cycle name"))
        self.name_edit.setPlaceholderText(self.tr("e.g. FY2026 or FY2026-H1"))
        hint = QLabel(
            self.tr("Fiscal-year names (FY2026, FY2026-H1, FY2026-H2) get their dates, April to March."), self
        )
        hint.setWordWrap(True)
        self.message = _message_label(self)
        self.buttons = _buttons(self)
        form = QFormLayout(self)
        if rename:
            form.addRow(self.tr("C&ycle:"), self.cycle_combo)
            self.name_edit.setText(self.cycle_combo.currentText())
            self.cycle_combo.currentIndexChanged.connect(lambda: self.name_edit.setText(self.cycle_combo.currentText()))
        else:
            self.cycle_combo.hide()
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(hint)
        form.addRow(self.message)
        form.addRow(self.buttons)
        self.setMinimumWidth(460)
        self.name_edit.textChanged.connect(self.validate)
        self.validate()

    def current_id(self) -> int | None:
        return self.cycle_combo.currentData() if self.rename else None

    def problem(self) -> str | None:
        name = self.name_edit.text().strip()
        if not name:
            return self.tr("Enter a name.")
        if "/" in name:
            return self.tr("A cycle name cannot contain '/'.")
        if len(name) > CYCLE_NAME_MAX:
            return fmt(self.tr("A cycle name has at most %1 characters."), CYCLE_NAME_MAX)
        if self.rename and self.cycle_combo.currentIndex() < 0:
            return self.tr("There is no cycle to rename yet.")
        for cycle in self.cycles:
            if cycle.name == name and cycle.id != self.current_id():
                return self.tr("A cycle with this name already exists.")
        return None

    def validate(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        problem = self.problem()
        _show_message(self.message, ok, problem if self.name_edit.text() else None)
        ok.setEnabled(problem is None)

    def accept(self) -> None:
        if self.problem() is not None:
            return
        error = self.submit(self.current_id(), self.name_edit.text().strip())
        if error:
            _show_message(self.message, self.buttons.button(QDialogButtonBox.StandardButton.Ok), error)
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
            return
        super().accept()


class NewAssessmentDialog(QDialog):
    """Start an assessment of a unit in a cycle."""

    def __init__(
        self,
        units: list[UnitRead],
        cycles: list[CycleRead],
        existing: list[AssessmentSummary],
        submit: Callable[[int, int], str | None],
        unit_id: int | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.submit = submit
        self.taken = {(a.unit_id, a.cycle_id) for a in existing}
        self.setWindowTitle(self.tr("New assessment"))
        self.unit_combo = QComboBox(self)
        self.unit_combo.setAccessibleName(self.tr("Unit"))
        for unit in units:
            self.unit_combo.addItem(unit.path, unit.id)
        if unit_id is not None:
            self.unit_combo.setCurrentIndex(max(0, self.unit_combo.findData(unit_id)))
        self.cycle_combo = QComboBox(self)
        self.cycle_combo.setAccessibleName(self.tr("Cycle"))
        for cycle in reversed(cycles):  # the newest cycle first: that is what people start
            self.cycle_combo.addItem(cycle.name, cycle.id)
        self.message = _message_label(self)
        self.buttons = _buttons(self)
        form = QFormLayout(self)
        form.addRow(self.tr("&Unit:"), self.unit_combo)
        form.addRow(self.tr("&Cycle:"), self.cycle_combo)
        form.addRow(self.message)
        form.addRow(self.buttons)
        self.setMinimumWidth(560)
        self.unit_combo.currentIndexChanged.connect(self.validate)
        self.cycle_combo.currentIndexChanged.connect(self.validate)
        self.validate()

    def problem(self) -> str | None:
        if self.unit_combo.count() == 0:
            return self.tr("Create a unit first (Edit → New unit…).")
        if self.cycle_combo.count() == 0:
            return self.tr("Create a cycle first (Edit → New cycle…).")
        if (self.unit_combo.currentData(), self.cycle_combo.currentData()) in self.taken:
            return fmt(
                self.tr("%1 already has an assessment for %2."),
                self.unit_combo.currentText(),
                self.cycle_combo.currentText(),
            )
        return None

    def validate(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        _show_message(self.message, ok, self.problem())

    def accept(self) -> None:
        if self.problem() is not None:
            return
        error = self.submit(int(self.unit_combo.currentData()), int(self.cycle_combo.currentData()))
        if error:
            _show_message(self.message, self.buttons.button(QDialogButtonBox.StandardButton.Ok), error)
            return
        super().accept()


class TextPromptDialog(QDialog):
    """Ask for a required text: a reason (multi-line) or a name (one line)."""

    def __init__(
        self,
        title: str,
        prompt: str,
        submit: Callable[[str], str | None],
        text: str = "",
        multiline: bool = True,
        accessible_name: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.submit = submit
        self.setWindowTitle(title)
        self.prompt = QLabel(prompt, self)
        self.prompt.setWordWrap(True)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.editor: QPlainTextEdit | QLineEdit
        if multiline:
            self.editor = QPlainTextEdit(text, self)
            self.editor.setTabChangesFocus(True)
            self.editor.setMinimumHeight(90)
            self.editor.textChanged.connect(self.validate)
        else:
            self.editor = QLineEdit(text, self)
            self.editor.textChanged.connect(self.validate)
        self.editor.setAccessibleName(accessible_name or title)
        self.prompt.setBuddy(self.editor)
        self.message = _message_label(self)
        self.buttons = _buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.editor)
        if multiline:
            hint = QLabel(self.tr("Ctrl+Enter confirms."), self)
            hint.setStyleSheet("color: palette(dark);")
            layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        # Enter adds a line in a multi-line field, so Ctrl+Enter confirms from anywhere.
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self, activated=self.accept)
        self.validate()

    def text(self) -> str:
        editor = self.editor
        return (editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()).strip()

    def validate(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.text()))

    def accept(self) -> None:
        if not self.text():
            return
        error = self.submit(self.text())
        if error:
            _show_message(self.message, self.buttons.button(QDialogButtonBox.StandardButton.Ok), error)
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
            return
        super().accept()


class ShortcutHelpDialog(QDialog):
    """The keyboard shortcuts (F1 or ?)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = [
            ("0 – 5", self.tr("Choose the level of the current item")),
            ("N", self.tr("Not applicable (asks for the reason)")),
            ("R", self.tr("Mark or unmark the item for review")),
            ("J, Ctrl+↓, Alt+↓", self.tr("Next item")),
            ("K, Ctrl+↑, Alt+↑", self.tr("Previous item")),
            ("U", self.tr("Next unanswered item")),
            ("Ctrl+PgDown", self.tr("Next section")),
            ("Ctrl+PgUp", self.tr("Previous section")),
            ("T", self.tr("Go to the target level (then 0 – 5 sets the target)")),
            ("C", self.tr("Go to the comment")),
            ("E", self.tr("Go to the evidence")),
            ("↑ ↓, Space, Enter", self.tr("Move between levels and choose one")),
            ("Ctrl+1 / 2 / 3", self.tr("Walkthrough / Results / History")),
            ("F6", self.tr("Switch between the unit tree and the assessment")),
            ("Ctrl+N", self.tr("New assessment")),
            ("Ctrl+E", self.tr("Export the scorecard")),
            ("F1, ?", self.tr("This help")),
        ]
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("Key"), self.tr("Action")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, (key, action) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(key))
            self.table.setItem(r, 1, QTableWidgetItem(action))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(620, 560)


class ConfirmDialog(QDialog):
    """A yes/no question opened with ``open()``; ``on_yes`` runs on OK."""

    def __init__(self, title: str, text: str, ok_text: str, on_yes: Callable[[], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(title)
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = _buttons(self)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(ok_text)
        ok.setAccessibleName(ok_text)
        self.accepted.connect(on_yes)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
