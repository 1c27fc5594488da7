"""The shared 0-5 maturity scale and the readiness levels derived from the overall score."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

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

#: How an assessor picks a level, so that two assessors reading the same evidence agree.
CHOOSING_A_LEVEL = Text(
    ja="根拠資料で記述の内容を全て確認できる水準のうち、最も高いものを選ぶ。一部しか確認できない水準は選ばない。",
    en="Choose the highest level whose descriptor the evidence confirms in full; "
    "do not choose a level that is only partly confirmed.",
)

#: An answer may be N/A instead of a level, with a reason; N/A items are left out of every average.
NOT_APPLICABLE = Text(ja="該当なし（理由を記す）", en="N/A (with a reason)")

#: What each confidence tag on a source means (see questionnaires.schema.Confidence).
CONFIDENCE: dict[str, Text] = {
    "V": Text(ja="一次資料で確認済み", en="verified in a primary text"),
    "V-tr": Text(ja="公式の仮訳（英語）で確認済み", en="verified in the official provisional translation"),
    "S": Text(ja="二次資料で確認（言い換えを含みうる）", en="verified in a secondary source; may be paraphrase"),
    "M": Text(ja="推論・記憶によるもので未確認", en="inference or memory, not verified"),
    "L": Text(ja="第三者資料の手がかりで未確認", en="unverified lead from a third-party file"),
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


def readiness_band(overall: float | Fraction) -> Band:
    band = READINESS[0]
    for candidate in READINESS:
        if overall >= candidate.lower:
            band = candidate
    return band
