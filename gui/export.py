"""Export the scorecard PDF in a worker thread, then (optionally) open it with the desktop's
PDF viewer through a local file URL (no network)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from gui.data import DataAccess
from gui.texts import fmt
from gui.worker import Job, Progress, run_in_background

OPEN_WHEN_DONE_KEY = "export/open_when_done"
EXPORT_DIR_KEY = "export/dir"


def _t(text: str) -> str:
    return QCoreApplication.translate("Export", text)


def open_when_done() -> bool:
    return QSettings().value(OPEN_WHEN_DONE_KEY, True, type=bool)  # type: ignore[no-any-return]


def set_open_when_done(value: bool) -> None:
    QSettings().setValue(OPEN_WHEN_DONE_KEY, value)


def open_local_file(path: Path) -> bool:
    """Open a file we wrote with the desktop's viewer (a file:// URL; nothing goes on the network)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def default_file_name(unit_path: str, cycle: str, lang: str) -> str:
    team = unit_path.rsplit("/", 1)[-1]
    safe = re.sub(r'[\\/:*?"<>|\s]+', "_", f"{team}_{cycle}")
    return f"scorecard_{safe}_{lang}.pdf"


def ask_target(parent: QWidget, suggested_name: str) -> Path | None:
    folder = QSettings().value(EXPORT_DIR_KEY, "") or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation
    )
    path, _ = QFileDialog.getSaveFileName(
        parent,
        _t(QT_TRANSLATE_NOOP("Export", "Export scorecard")),
        str(Path(folder) / suggested_name),
        _t(QT_TRANSLATE_NOOP("Export", "PDF files (*.pdf)")),
    )
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    QSettings().setValue(EXPORT_DIR_KEY, str(target.parent))
    return target


def export_scorecard(
    parent: QWidget,
    data: DataAccess,
    assessment_id: int,
    target: Path,
    lang: str,
    on_done: Callable[[Path], None],
) -> Job:
    """Write the scorecard of ``assessment_id`` to ``target`` off the UI thread."""
    collecting = _t(QT_TRANSLATE_NOOP("Export", "Collecting the answers…"))
    writing = _t(QT_TRANSLATE_NOOP("Export", "Writing the PDF…"))

    def work(progress: Progress) -> Path | None:
        from models.reporting import scorecard_data
        from reports.scorecard import write_scorecard

        progress.report(collecting)
        card = data.call(lambda s: scorecard_data(session=s, assessment_id=assessment_id))
        if progress.cancelled:
            return None
        progress.report(writing)
        partial = target.with_name(f".{target.name}.partial")
        write_scorecard(card, partial, lang)
        if progress.cancelled:
            partial.unlink(missing_ok=True)
            return None
        os.replace(partial, target)
        return target

    def done(path: object) -> None:
        if isinstance(path, Path):
            on_done(path)

    def failed(exc: BaseException) -> None:
        from gui.errors import report_exception, show_error

        if isinstance(exc, OSError):  # a full disk or a read-only folder is not a bug
            show_error(
                parent,
                _t(QT_TRANSLATE_NOOP("Export", "Cannot write the scorecard")),
                fmt(_t(QT_TRANSLATE_NOOP("Export", "%1: %2")), target, exc.strerror or exc),
            )
        else:
            report_exception(parent, exc)

    return run_in_background(
        parent,
        work,
        done,
        failed,
        label=fmt(_t(QT_TRANSLATE_NOOP("Export", "Exporting the scorecard to %1…")), target.name),
    )
