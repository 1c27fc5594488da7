"""Start-up: first window shown (``ai-readiness --smoke``) against a bare PySide6 window.

.venv/bin/python bench/bench_startup_window.py
"""

from startup import report

if __name__ == "__main__":
    report("first_window", 1.5)
