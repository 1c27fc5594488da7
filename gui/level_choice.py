"""A level descriptor as a choice: a full-width row that is clicked anywhere, focused with the
keyboard and read aloud with its level, instead of a small radio button with a dead zone."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget


class LevelChoice(QAbstractButton):
    """One of the six levels of an item. Checkable; a QButtonGroup makes the six exclusive.

    Up/Down move the focus to the neighbouring level; Space or Enter chooses it.
    """

    def __init__(self, level: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.level = level
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

        self.number = QLabel(str(level), self)
        number_font = self.number.font()
        number_font.setPointSizeF(number_font.pointSizeF() * 1.5)
        number_font.setBold(True)
        self.number.setFont(number_font)
        self.number.setFixedWidth(28)
        self.number.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.name = QLabel(self)
        name_font = self.name.font()
        name_font.setBold(True)
        self.name.setFont(name_font)
        self.descriptor = QLabel(self)
        self.descriptor.setWordWrap(True)
        for label in (self.number, self.name, self.descriptor):
            label.setTextFormat(Qt.TextFormat.PlainText)
            # Clicks go to the button underneath: the whole row is the target.
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.name)
        texts.addWidget(self.descriptor)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 7, 10, 7)
        row.setSpacing(8)
        row.addWidget(self.number)
        row.addLayout(texts, 1)

    def set_texts(self, name: str, descriptor: str, shortcut_hint: str) -> None:
        self.name.setText(name)
        self.descriptor.setText(descriptor)
        self.setText(f"{self.level} {name}")
        self.setAccessibleName(f"{self.level} {name}")
        self.setAccessibleDescription(descriptor)
        self.setToolTip(shortcut_hint)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        if self.isChecked():
            fill = QColor(highlight)
            fill.setAlpha(48)
            border = QPen(highlight, 2)
        else:
            fill = palette.color(QPalette.ColorRole.Base)
            if self.underMouse() and self.isEnabled():
                fill = palette.color(QPalette.ColorRole.AlternateBase)
            border = QPen(palette.color(QPalette.ColorRole.Mid), 1)
        if self.hasFocus():
            border = QPen(highlight, 2, Qt.PenStyle.DashLine if not self.isChecked() else Qt.PenStyle.SolidLine)
        painter.setPen(border)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 6, 6)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.isEnabled():
                self.click()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right):
            # Arrows only move the focus (QAbstractButton would also choose, saving each step).
            group = self.group()
            if group is not None:
                step = -1 if key in (Qt.Key.Key_Up, Qt.Key.Key_Left) else 1
                neighbour = group.button(self.level + step)
                if neighbour is not None:
                    neighbour.setFocus(Qt.FocusReason.TabFocusReason)
                return
        super().keyPressEvent(event)
