"""One open assessment: its header and workflow (submit, approve, reopen), and the tabs
Walkthrough, Results and History."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from gui.data import DataAccess
from gui.dialogs import ConfirmDialog, TextPromptDialog
from gui.errors import report_service_error
from gui.history import HistoryPage
from gui.results import ResultsPage
from gui.texts import fmt, percent, status_name
from gui.walkthrough import WalkthroughPage
from models import assessments
from models.assessments import AssessmentSummary
from models.errors import Conflict, ServiceError

STATUS_STYLE = {
    "draft": "background: #e8eef7; color: #1d3b66;",
    "submitted": "background: #fff0c9; color: #5c4100;",
    "approved": "background: #dcefdc; color: #1f4d1f;",
}


class AssessmentView(QWidget):
    """Signals:
    summary_changed(object): the assessment's AssessmentSummary after a change.
    message(str): a short note for the status bar.
    export_requested(): the user asked for the scorecard.
    how_requested(): the user asked how scores are computed.
    """

    summary_changed = Signal(object)
    message = Signal(str)
    export_requested = Signal()
    how_requested = Signal()

    TAB_WALKTHROUGH, TAB_RESULTS, TAB_HISTORY = range(3)

    def __init__(self, data: DataAccess, parent: QWidget | None = None):
        super().__init__(parent)
        self.data = data
        self.summary: AssessmentSummary | None = None
        self._stale = {self.TAB_RESULTS, self.TAB_HISTORY}

        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.status = QLabel(self)
        self.coverage = QLabel(self)
        self.submit_button = QPushButton(self)
        self.approve_button = QPushButton(self)
        self.reopen_button = QPushButton(self)
        self.submit_button.clicked.connect(self.submit)
        self.approve_button.clicked.connect(self.approve)
        self.reopen_button.clicked.connect(self.reopen)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.status)
        header.addWidget(self.coverage)
        header.addSpacing(12)
        header.addWidget(self.submit_button)
        header.addWidget(self.approve_button)
        header.addWidget(self.reopen_button)

        self.walkthrough = WalkthroughPage(data, self)
        self.results = ResultsPage(data, self)
        self.history = HistoryPage(data, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.walkthrough, "")
        self.tabs.addTab(self.results, "")
        self.tabs.addTab(self.history, "")
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.walkthrough.answer_saved.connect(self._on_answer_saved)
        self.walkthrough.locked.connect(self.refresh_summary)
        self.results.export_requested.connect(self.export_requested)
        self.results.how_requested.connect(self.how_requested)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)
        self.retranslate()

    @property
    def assessment_id(self) -> int | None:
        return self.summary.id if self.summary else None

    def retranslate(self) -> None:
        self.tabs.setTabText(self.TAB_WALKTHROUGH, self.tr("&Walkthrough"))
        self.tabs.setTabText(self.TAB_RESULTS, self.tr("&Results"))
        self.tabs.setTabText(self.TAB_HISTORY, self.tr("&History"))
        self.tabs.setAccessibleName(self.tr("Assessment pages"))
        self.status.setAccessibleName(self.tr("Status"))
        self.coverage.setAccessibleName(self.tr("Answered"))
        self.submit_button.setText(self.tr("&Submit…"))
        self.submit_button.setAccessibleName(self.tr("Submit for approval"))
        self.approve_button.setText(self.tr("&Approve…"))
        self.approve_button.setAccessibleName(self.tr("Approve"))
        self.reopen_button.setText(self.tr("Re&open…"))
        self.reopen_button.setAccessibleName(self.tr("Reopen"))
        if self.summary is not None:
            self._show_summary(self.summary)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- loading ----------------------------------------------------------------------------------

    def load(self, assessment_id: int, item_id: str | None = None) -> None:
        summary = self.data.call(lambda s: assessments.get_assessment(session=s, assessment_id=assessment_id))
        self.summary = summary
        self._show_summary(summary)
        self.walkthrough.load(assessment_id, summary.status, item_id)
        self._stale = {self.TAB_RESULTS, self.TAB_HISTORY}
        self._on_tab_changed(self.tabs.currentIndex())

    def _show_summary(self, summary: AssessmentSummary) -> None:
        self.title.setText(f"{summary.unit} · {summary.cycle}")
        self.status.setText(f" {status_name(summary.status)} ")
        self.status.setStyleSheet(
            f"QLabel {{ {STATUS_STYLE.get(summary.status, '')} border-radius: 4px; padding: 3px 8px; }}"
        )
        tip = fmt(self.tr("Questionnaire %1"), summary.questionnaire)
        if summary.approver:
            tip += "\n" + fmt(self.tr("Approved by %1"), summary.approver)
        self.status.setToolTip(tip)
        self.coverage.setText(
            fmt(self.tr("Answered %1 (%2/%3)"), percent(summary.coverage), summary.answered, summary.total)
        )
        self.submit_button.setEnabled(summary.status == "draft")
        self.approve_button.setEnabled(summary.status == "submitted")
        self.reopen_button.setEnabled(summary.status in ("submitted", "approved"))

    def refresh_summary(self) -> None:
        """Re-read status and coverage (after a workflow step, a save, or a refused save)."""
        assessment_id = self.assessment_id
        if assessment_id is None:
            return
        try:
            summary = self.data.call(lambda s: assessments.get_assessment(session=s, assessment_id=assessment_id))
        except ServiceError as exc:
            report_service_error(self, exc)
            return
        status_changed = self.summary is None or summary.status != self.summary.status
        self.summary = summary
        self._show_summary(summary)
        if status_changed:
            self.walkthrough.set_status(summary.status)
        self._stale = {self.TAB_RESULTS, self.TAB_HISTORY}
        self._on_tab_changed(self.tabs.currentIndex())
        self.summary_changed.emit(summary)

    def _on_answer_saved(self, _assessment_id: int) -> None:
        self.refresh_summary()

    def _on_tab_changed(self, index: int) -> None:
        """Results and history are computed when they are looked at, not after every keystroke."""
        assessment_id = self.assessment_id
        if assessment_id is None or index not in self._stale:
            return
        self._stale.discard(index)
        if index == self.TAB_WALKTHROUGH:
            return
        self.walkthrough.flush()
        try:
            if index == self.TAB_RESULTS:
                self.results.load(assessment_id)
            elif index == self.TAB_HISTORY:
                self.history.load(assessment_id)
        except ServiceError as exc:
            report_service_error(self, exc)

    def flush(self) -> None:
        self.walkthrough.flush()

    # --- workflow -----------------------------------------------------------------------------------

    def _workflow_step(self, step, done_message: str) -> str | None:  # type: ignore[no-untyped-def]
        """Run one status change; a refusal is returned for the dialog to show inline."""
        try:
            self.data.call(step)
        except ServiceError as exc:
            if isinstance(exc, Conflict):
                self.refresh_summary()
            return str(exc)
        self.refresh_summary()
        self.message.emit(done_message)
        return None

    def submit(self) -> None:
        self.walkthrough.flush()
        self.refresh_summary()
        summary = self.summary
        if summary is None or summary.status != "draft":
            return
        actor, version = self.data.actor, summary.version

        def run(reason: str | None) -> str | None:
            return self._workflow_step(
                lambda s: assessments.submit_assessment(
                    session=s, assessment_id=summary.id, actor=actor, reason=reason, expected_version=version
                ),
                self.tr("Submitted for approval."),
            )

        if summary.coverage < 1:
            missing = summary.total - summary.answered
            self.dialog = TextPromptDialog(
                self.tr("Submit for approval"),
                fmt(
                    self.tr(
                        "%1 of %2 items are unanswered (answered %3). To submit now, give a reason; "
                        "it is kept in the history and shown to the approver."
                    ),
                    missing,
                    summary.total,
                    percent(summary.coverage),
                ),
                run,
                accessible_name=self.tr("Reason for submitting with unanswered items"),
                parent=self,
            )
        else:
            self.dialog = ConfirmDialog(
                self.tr("Submit for approval"),
                self.tr("All items are answered. Submit for approval? The answers become read-only until reopened."),
                self.tr("Submit"),
                lambda: self._report(run(None)),
                parent=self,
            )
        self.dialog.open()

    def _report(self, error: str | None) -> None:
        if error:
            from gui.errors import show_error

            show_error(self, self.tr("Cannot submit"), error)

    def approve(self) -> None:
        summary = self.summary
        if summary is None:
            return
        actor, version = self.data.actor, summary.version
        self.dialog = TextPromptDialog(
            self.tr("Approve"),
            self.tr("Name of the approver (e.g. the division director, 課長). It is recorded in the history:"),
            lambda approver: self._workflow_step(
                lambda s: assessments.approve_assessment(
                    session=s, assessment_id=summary.id, approver=approver, actor=actor, expected_version=version
                ),
                self.tr("Approved."),
            ),
            multiline=False,
            accessible_name=self.tr("Approver's name"),
            parent=self,
        )
        self.dialog.open()

    def reopen(self) -> None:
        summary = self.summary
        if summary is None:
            return
        actor, version = self.data.actor, summary.version
        self.dialog = TextPromptDialog(
            self.tr("Reopen"),
            self.tr("Why is the assessment reopened? The reason is kept in the history. It becomes a draft again."),
            lambda reason: self._workflow_step(
                lambda s: assessments.reopen_assessment(
                    session=s, assessment_id=summary.id, reason=reason, actor=actor, expected_version=version
                ),
                self.tr("Reopened as a draft."),
            ),
            accessible_name=self.tr("Reason for reopening"),
            parent=self,
        )
        self.dialog.open()
