"""Questionnaire validation: reading the shipped plan with every check (line tracking, alias
handling, schema, cross-field rules) against the floor of plain ``yaml.load`` with libyaml plus
the pydantic schema alone, in the same run; and refusing the "billion laughs" alias bomb
against the same floor.

    .venv/bin/python bench/bench_questionnaire.py [--rounds N]

Last line: ``RATIO validate=<validate / floor> target<=3``; the line before it,
``RATIO alias_bomb=<refusal / floor> target<=1`` (refusing it is quicker than reading the plan).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from questionnaires.catalog import PLAN_FILE
from questionnaires.loader import QuestionnaireError, parse_text
from questionnaires.schema import QuestionnaireFile

BOMB = Path(__file__).resolve().parent.parent / "tests" / "data" / "questionnaires" / "billion-laughs.yaml"


def _median_ms(action: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    text = PLAN_FILE.read_text(encoding="utf-8")
    bomb = BOMB.read_text(encoding="utf-8")

    def floor() -> object:
        return QuestionnaireFile.model_validate(yaml.load(text, Loader=yaml.CSafeLoader))

    def validate() -> object:
        return parse_text(text, str(PLAN_FILE))

    def refuse_bomb() -> None:
        try:
            parse_text(bomb, str(BOMB))
        except QuestionnaireError:
            return
        raise AssertionError("the alias bomb was accepted")

    floor(), validate(), refuse_bomb()  # warm up
    floor_ms = _median_ms(floor, args.rounds)
    validate_ms = _median_ms(validate, args.rounds)
    bomb_ms = _median_ms(refuse_bomb, args.rounds)
    print(f"plan: {len(text.encode()) // 1024} KB, {text.count(chr(10))} lines")
    print(f"floor (yaml.load + schema) {floor_ms:.1f} ms · full validation {validate_ms:.1f} ms")
    print(f"alias bomb (10^9 values) refused in {bomb_ms:.1f} ms")
    print(f"RATIO alias_bomb={bomb_ms / floor_ms:.2f} target<=1")
    print(f"RATIO validate={validate_ms / floor_ms:.2f} target<=3")


if __name__ == "__main__":
    main()
