"""Crash-safety worker: runs the app offscreen and saves answers the way the GUI does (one
short service call per change), printing ``SAVED <item> <level>`` after each save returns.
The test kills this process with SIGKILL at random moments.

    python -m tests.reliability.crash_worker DB_URL ASSESSMENT_ID SEED
"""

from __future__ import annotations

import os
import random
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    db_url, assessment_id, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    from PySide6.QtCore import QTimer

    from gui.app import create_application
    from gui.data import DataAccess
    from gui.main_window import MainWindow
    from models import assessments
    from models.db import open_database
    from models.tables import AnswerUpdate

    app = create_application([])
    data = DataAccess(open_database(db_url), actor="crash-worker")
    window = MainWindow(data)
    window.show()
    items = [
        item.id
        for item in data.call(lambda s: assessments.questionnaire_of(session=s, assessment_id=assessment_id)).items
    ]
    rng = random.Random(seed)
    plan = [(item, rng.randrange(6)) for item in items]

    def save_next() -> None:
        if not plan:
            app.quit()
            return
        item, level = plan.pop(0)
        data.call(
            lambda s: assessments.save_answer(
                session=s, assessment_id=assessment_id, item_id=item, change=AnswerUpdate(level=level), actor=data.actor
            )
        )
        print(f"SAVED {item} {level}", flush=True)
        QTimer.singleShot(0, save_next)

    print("READY", flush=True)
    QTimer.singleShot(0, save_next)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
