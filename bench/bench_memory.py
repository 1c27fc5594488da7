"""Memory: peak RSS of the app with 1,000 fully answered assessments in the database and the
comparison view open, against a bare PySide6 window, measured in the same run.

    .venv/bin/python bench/bench_memory.py [--assessments N]

Last line: ``RATIO memory_delta_mib=<app peak - bare peak, MiB> target<=100``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

BARE = """
import resource
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1360, 860)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

APP = """
import resource, sys
from PySide6.QtCore import QTimer
from gui.app import create_application
from gui.data import DataAccess
from gui.main_window import MainWindow
from models.db import open_database

app = create_application([])
window = MainWindow(DataAccess(open_database(sys.argv[1])))

def open_compare():
    window.show_compare()  # builds the view and loads the comparison on the UI thread
    rows = window.compare_view.model.rowCount()
    assert rows > 0, "the comparison view shows no assessment"
    QTimer.singleShot(0, app.quit)

window.list_filled.connect(lambda: QTimer.singleShot(0, open_compare))
window.show()
app.exec()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _peak_kib(code: str, *args: str, env: dict[str, str]) -> int:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, cwd=ROOT, capture_output=True, text=True, check=True, timeout=600
    ).stdout
    return int(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assessments", type=int, default=1000)
    args = parser.parse_args()
    from bench_compare import build

    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", AI_READINESS_DATA_DIR=tmp, PYTHONPATH=str(ROOT))
        os.environ["AI_READINESS_DATA_DIR"] = tmp
        url = f"sqlite:///{Path(tmp) / 'memory.db'}"
        build(url, args.assessments)
        bare = _peak_kib(BARE, env=env)
        app = _peak_kib(APP, url, env=env)
    delta = (app - bare) / 1024
    print(f"assessments: {args.assessments} (full questionnaire answered)")
    print(f"bare PySide6 window peak RSS: {bare / 1024:.0f} MiB")
    print(f"ai-readiness with the comparison view open: {app / 1024:.0f} MiB")
    print(f"RATIO memory_delta_mib={delta:.0f} target<=100")


if __name__ == "__main__":
    main()
