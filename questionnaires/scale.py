"""The shared 0-5 maturity scale and the readiness levels derived from the overall score."""

from __future__ import annotations

from dataclasses import dataclass

from questionnaires.schema import Text


@dataclass(frozen=True)
class Band:
    level: int
    name: Text
    lower: float  # inclusive lower bound of the overall score


#: Answer levels 0-5: the names every item's descriptors elaborate.
SCALE: dict[int, Text] = {
    0: Text(ja="未着手", en="Not started"),
    1: Text(ja="認識・計画", en="Planned"),
    2: Text(ja="一部試行", en="Piloting"),
    3: Text(ja="組織標準", en="Standardised"),
    4: Text(ja="測定・改善", en="Measured and improving"),
    5: Text(ja="先導・横展開", en="Leading and shared"),
}

#: Readiness levels from the unrounded overall score (0-100).
READINESS: tuple[Band, ...] = (
    Band(1, Text(ja="初期", en="Initial"), 0.0),
    Band(2, Text(ja="試行", en="Trial"), 20.0),
    Band(3, Text(ja="定着", en="Established"), 40.0),
    Band(4, Text(ja="推進", en="Advancing"), 60.0),
    Band(5, Text(ja="先導", en="Leading"), 80.0),
)

#: Below this coverage a result is provisional (暫定).
PROVISIONAL_BELOW = 0.8


def readiness_band(overall: float) -> Band:
    band = READINESS[0]
    for candidate in READINESS:
        if overall >= candidate.lower:
            band = candidate
    return band
