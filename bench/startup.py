"""Start-up against a bare PySide6 window, measured in the same run (shared by the two
start-up benchmarks). Both programs report milliseconds since their process started."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE = """
import os, time
def ms():
    with open("/proc/self/stat", "rb") as fh:
        fields = fh.read().rsplit(b")", 1)[1].split()
    return (time.clock_gettime(time.CLOCK_BOOTTIME) - int(fields[19]) / os.sysconf("SC_CLK_TCK")) * 1000
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
QTimer.singleShot(0, lambda: (print(f"first_window_ms={ms():.1f}", flush=True), app.quit()))
app.exec()
"""


def _moments(cmd: list[str], env: dict[str, str]) -> dict[str, float]:
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True, timeout=120).stdout
    return {k: float(v) for k, v in (line.split("=", 1) for line in out.splitlines() if "=" in line)}


def measure(runs: int = 7) -> tuple[float, dict[str, float]]:
    """Median bare-window time and median app moments, runs interleaved; demo data loaded."""
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", AI_READINESS_DATA_DIR=tmp)
        app = [str(ROOT / ".venv" / "bin" / "ai-readiness")]
        if not Path(app[0]).exists():
            app = [sys.executable, "-m", "cli"]
        subprocess.run([*app, "demo"], env=env, check=True, capture_output=True, timeout=600)
        bare_times: list[float] = []
        app_times: dict[str, list[float]] = {"first_window_ms": [], "list_filled_ms": []}
        for _ in range(runs):
            bare_times.append(_moments([sys.executable, "-c", BARE], env)["first_window_ms"])
            for key, value in _moments([*app, "--smoke"], env).items():
                app_times[key].append(value)
    return statistics.median(bare_times), {k: statistics.median(v) for k, v in app_times.items()}


def report(moment: str, target: float) -> None:
    bare, app = measure()
    print(f"bare PySide6 window: {bare:.0f} ms (median of 7)")
    print(f"ai-readiness first window: {app['first_window_ms']:.0f} ms")
    print(f"ai-readiness list filled (demo data, 24 assessments): {app['list_filled_ms']:.0f} ms")
    print(f"RATIO startup_{moment}={app[f'{moment}_ms'] / bare:.2f} target<={target:g}")
