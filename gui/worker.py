"""Long work off the UI thread, behind a progress dialog with Cancel (in the manner of Anki's
``CollectionOp``).

``fn(progress)`` runs in a pool thread. It must not touch widgets: it opens its own short
sessions through ``DataAccess.call`` and may call ``progress.report(text)`` and check
``progress.cancelled``. ``on_success(result)`` or ``on_failure(exc)`` then run on the UI
thread. A cancelled job's result is dropped, and ``fn`` is expected to leave nothing
half-done behind (write to a temp file, rename only when not cancelled).
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

#: Jobs whose outcome the UI thread has not handled yet (also what the leak check looks at).
_active: set[Job] = set()

#: The progress dialog appears only if the work takes longer than this (no flicker).
SHOW_AFTER_MS = 300


class Progress:
    """What the worker sees of the job: a cancel flag and a way to report a step."""

    def __init__(self, job: Job):
        self._cancel = threading.Event()
        self._job = job

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def report(self, text: str) -> None:
        self._job.signals.step.emit(text)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object, str)
    step = Signal(str)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any], progress: Progress, signals: _Signals):
        super().__init__()
        self.fn = fn
        self.progress = progress
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.fn(self.progress)
        except BaseException as exc:
            self.signals.failed.emit(exc, "".join(traceback.format_exception(exc)))
        else:
            self.signals.done.emit(result)


class Job(QObject):
    """One piece of background work and its progress dialog.

    Signals:
        finished: the outcome (success, failure or cancellation) was handled on the UI thread.
    """

    finished = Signal()

    def __init__(
        self,
        parent: QWidget,
        fn: Callable[[Progress], Any],
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[BaseException], None] | None,
        label: str,
        cancellable: bool,
    ):
        super().__init__(parent)
        self.signals = _Signals(self)
        self.progress = Progress(self)
        self.on_success = on_success
        self.on_failure = on_failure
        self.cancelled = False
        self.dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, parent)
        self.dialog.setWindowTitle(self.tr("Please wait"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumDuration(SHOW_AFTER_MS)
        self.dialog.setMinimumWidth(420)
        self.dialog.setAccessibleName(self.tr("Progress"))
        if not cancellable:
            self.dialog.setCancelButton(None)
        self.dialog.canceled.connect(self.cancel)
        self.signals.done.connect(self._done)
        self.signals.failed.connect(self._failed)
        self.signals.step.connect(self.dialog.setLabelText)
        self._runnable = _Runnable(fn, self.progress, self.signals)
        self._runnable.setAutoDelete(False)

    def start(self) -> None:
        _active.add(self)
        QThreadPool.globalInstance().start(self._runnable)

    def cancel(self) -> None:
        """Stop waiting: the worker sees ``progress.cancelled``; its result will be dropped."""
        self.cancelled = True
        self.progress._cancel.set()
        self.dialog.setLabelText(self.tr("Cancelling…"))

    def _close(self) -> None:
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.close()
        self.dialog.deleteLater()
        _active.discard(self)
        self.finished.emit()
        self.deleteLater()

    def _done(self, result: object) -> None:
        self._close()
        if not self.cancelled and self.on_success is not None:
            self.on_success(result)

    def _failed(self, exc: BaseException, details: str) -> None:
        self._close()
        if self.cancelled:
            return
        if self.on_failure is not None:
            self.on_failure(exc)
            return
        from gui.errors import report_exception

        report_exception(self.parent(), exc, details)  # type: ignore[arg-type]


def run_in_background(
    parent: QWidget,
    fn: Callable[[Progress], Any],
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    *,
    label: str = "",
    cancellable: bool = True,
) -> Job:
    """Run ``fn(progress)`` in a pool thread; see the module docstring."""
    job = Job(parent, fn, on_success, on_failure, label, cancellable)
    job.start()
    return job


def active_jobs() -> int:
    return len(_active)
