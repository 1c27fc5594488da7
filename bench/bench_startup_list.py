"""Start-up: assessment list filled (``ai-readiness --smoke``) against a bare PySide6 window.

.venv/bin/python bench/bench_startup_list.py
"""

from startup import report

if __name__ == "__main__":
    report("list_filled", 5)
