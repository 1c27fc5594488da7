"""The heat-map colours of the comparison, shared by the PDF, the XLSX and the GUI.

Five steps of viridis, a sequential palette that keeps its order for every kind of colour
blindness and in grey, one per readiness band (< 20, 20-40, 40-60, 60-80, >= 80), so a
colour means the same as the level printed beside it. Every cell also shows its number:
colour is never the only carrier of meaning.
"""

from __future__ import annotations

from questionnaires.scale import READINESS

#: (lower bound of the score, background, text colour) per readiness band, lowest first.
HEAT_STEPS: tuple[tuple[float, str, str], ...] = tuple(
    (band.lower, background, text)
    for band, (background, text) in zip(
        READINESS,
        (
            ("#440154", "#FFFFFF"),
            ("#3B528B", "#FFFFFF"),
            ("#21918C", "#000000"),
            ("#5EC962", "#000000"),
            ("#FDE725", "#000000"),
        ),
        strict=True,
    )
)

#: A cell without a score (not assessed).
EMPTY = ("#F3F5F8", "#596273")


def heat_colors(score: float | None) -> tuple[str, str]:
    """(background, text) as ``#RRGGBB`` for a score from 0 to 100, or the empty style."""
    if score is None:
        return EMPTY
    chosen = HEAT_STEPS[0]
    for step in HEAT_STEPS:
        if score >= step[0]:
            chosen = step
    return chosen[1], chosen[2]
