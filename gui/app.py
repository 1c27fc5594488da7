"""Start the desktop application."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox

from gui.i18n import install_translator, saved_language

ORGANISATION = "ai-readiness"
APPLICATION = "ai-readiness"


def ms_since_process_start() -> float:
    """Milliseconds since this process started (Linux: from /proc; elsewhere: since import)."""
    try:
        with open("/proc/self/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        start_ticks = int(fields[19])  # field 22 (starttime), counted after the ")" of comm
        ticks = os.sysconf("SC_CLK_TCK")
        return (time.clock_gettime(time.CLOCK_BOOTTIME) - start_ticks / ticks) * 1000.0
    except (OSError, ValueError, IndexError, AttributeError):
        return (time.perf_counter() - _IMPORTED_AT) * 1000.0


_IMPORTED_AT = time.perf_counter()


def load_font(app: QApplication) -> None:
    """Load the bundled IPAexGothic so Japanese renders on a machine with no CJK font."""
    from reports.fonts import FONT_PATH

    font_id = QFontDatabase.addApplicationFont(str(FONT_PATH))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        font = QFont(families[0])
        font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
        app.setFont(font)


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("AI Readiness")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    load_font(app)
    return app


class StartupWindow(QMainWindow):
    """The window shown the moment the program starts, where the main window will be, while
    the database opens and the main window is built (that needs SQLAlchemy and the services,
    which take most of the start-up time to import)."""

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("AI Readiness")
        self.resize(1360, 860)
        geometry = QSettings().value("window/geometry")
        if geometry:
            self.restoreGeometry(geometry)
        label = QLabel(QApplication.translate("App", "Opening the database…"), self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(label)


def run(db: str | None = None, smoke: bool = False, lang: str | None = None) -> int:
    app = create_application()
    install_translator(app, lang or saved_language())
    from gui.errors import install_excepthook

    install_excepthook()
    startup = StartupWindow()
    moments: dict[str, float] = {}
    state: dict[str, object] = {}

    def report_moments() -> None:
        moments["list_filled_ms"] = ms_since_process_start()
        print(f"first_window_ms={moments['first_window_ms']:.1f}")
        print(f"list_filled_ms={moments['list_filled_ms']:.1f}")
        sys.stdout.flush()
        QTimer.singleShot(0, app.quit)

    def finish_startup() -> None:
        moments["first_window_ms"] = ms_since_process_start()
        from models.db import open_database
        from models.errors import StorageError

        try:
            engine = open_database(db)
        except StorageError as exc:
            state["code"] = 1
            if smoke:
                print(f"ai-readiness: error: {exc}", file=sys.stderr)
            else:
                QMessageBox.critical(startup, app.translate("App", "Cannot open the database"), str(exc))
            app.quit()
            return
        from gui.data import DataAccess
        from gui.main_window import MainWindow

        window = MainWindow(DataAccess(engine))
        state["window"] = window
        if smoke:
            window.list_filled.connect(report_moments)
        window.show()
        startup.close()

    startup.show()
    # After the first paint, like the bare-window floor that `bench/` compares against.
    QTimer.singleShot(0, finish_startup)
    code = app.exec()
    window = state.get("window")
    if window is not None:
        window.data.close()  # type: ignore[attr-defined]
    return int(state.get("code", code))  # type: ignore[call-overload]
