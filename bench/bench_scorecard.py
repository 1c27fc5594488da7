"""Scorecard PDFs: the batch of every demo assessment, per PDF, against a floor built in the
same run: a plain ReportLab document with the same number of pages of Japanese text in the
same font (IPAexGothic, embedded), one per scorecard.

The demo is seeded into a temporary data folder; the scorecard data is read once (timed
apart: it is the database's share, not the PDF's). Figures are the best of ``--repeat``
rounds, scorecards and floors interleaved so both see the same machine state.

    .venv/bin/python bench/bench_scorecard.py [--repeat 3] [--lang ja|en]

Last line: ``RATIO scorecard=<scorecard per PDF / floor per PDF> target<=3``.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import os
import platform
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

#: Characters of text per floor page: a full A4 page of body text in the scorecard's body size.
CHARS_PER_PAGE = 1900
_PAGE = re.compile(rb"/Type /Page[^s]")


def page_count(pdf: bytes) -> int:
    return len(_PAGE.findall(pdf))


def floor_pdf(pages: int, text: str, font: str) -> bytes:
    """A plain document: ``pages`` pages, each one paragraph of Japanese text, same font."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    from reports.styles import style_for

    # The scorecard's line-breaking rule: Japanese breaking for text that holds Japanese.
    style = ParagraphStyle("floor", fontName=font, fontSize=9.5, leading=15.5, wordWrap="CJK")
    story = []
    for page in range(pages):
        start = (page * 337) % max(len(text) - CHARS_PER_PAGE, 1)
        chunk = text[start : start + CHARS_PER_PAGE]
        story += [Paragraph(chunk, style_for(style, chunk)), PageBreak()]
    story.pop()
    buffer = io.BytesIO()
    margin = 22 * mm
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=24 * mm, bottomMargin=margin,
        initialFontName=font, invariant=1,
    )  # fmt: skip
    doc.build(story)
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--lang", choices=("ja", "en"), default="ja")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bench-scorecard-"))
    os.environ["AI_READINESS_DATA_DIR"] = str(folder)
    os.environ.pop("AI_READINESS_DB", None)
    os.environ.setdefault("AI_READINESS_USER", "bench")

    from models.assessments import list_assessments
    from models.db import open_database, session_for
    from models.demo import seed_demo
    from models.reporting import scorecard_data
    from reports.scorecard import build_scorecard
    from reports.text import register_font, visible

    engine = open_database(None)
    t0 = time.perf_counter()
    with session_for(engine) as s:
        seed_demo(session=s, actor="bench")
    seeded = time.perf_counter() - t0
    t0 = time.perf_counter()
    with session_for(engine) as s:
        cards = [scorecard_data(session=s, assessment_id=a.id) for a in list_assessments(session=s)]
    loaded = time.perf_counter() - t0
    engine.dispose()

    font = register_font()
    questionnaire = cards[0].questionnaire
    # Floor text: the questionnaire's own Japanese (or English) prose, with its glyph variety.
    text = visible(" ".join(f"{i.question.get(args.lang)} {i.guidance.get(args.lang)}" for i in questionnaire.items))
    build_scorecard(cards[0], args.lang)  # warm-up: imports, font tables, caches
    pages = [page_count(build_scorecard(card, args.lang)) for card in cards]
    floor_pages = [page_count(floor_pdf(n, text, font)) for n in pages]

    # CPU time of this (single-threaded) process is the figure: it does not count the time the
    # machine gives to other work. Wall-clock time is printed beside it.
    card_cpu = card_wall = floor_cpu = floor_wall = float("inf")
    n = len(cards)
    for _ in range(args.repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        for card in cards:
            build_scorecard(card, args.lang)
        card_cpu, card_wall = (
            min(card_cpu, (time.process_time() - c0) / n),
            min(card_wall, (time.perf_counter() - w0) / n),
        )
        w0, c0 = time.perf_counter(), time.process_time()
        for count in pages:
            floor_pdf(count, text, font)
        floor_cpu = min(floor_cpu, (time.process_time() - c0) / n)
        floor_wall = min(floor_wall, (time.perf_counter() - w0) / n)

    import reportlab

    accel = "with" if importlib.util.find_spec("_rl_accel") else "without"
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPU(s), Python {platform.python_version()}")
    print(f"ReportLab {reportlab.Version} ({accel} the rl-accel C extension)")
    print(f"demo seeded in {seeded:.1f} s; {n} assessments; scorecard data read in {loaded * 1000:.0f} ms")
    print(f"pages per scorecard: min {min(pages)}, max {max(pages)}; total {sum(pages)} (floor: {sum(floor_pages)})")
    per_page = card_cpu / (sum(pages) / n) * 1000
    print(f"scorecard ({args.lang}): {card_cpu * 1000:.1f} ms CPU per PDF ({per_page:.1f} per page), ", end="")
    print(f"wall {card_wall * 1000:.1f}")
    print(f"floor     ({args.lang}): {floor_cpu * 1000:.1f} ms CPU per PDF, wall {floor_wall * 1000:.1f}")
    print(f"best of {args.repeat} rounds; wall-clock ratio {card_wall / floor_wall:.2f}")
    print(f"RATIO scorecard={card_cpu / floor_cpu:.2f} target<=3")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
