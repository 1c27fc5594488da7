"""Helpers shared by tests: run the command line in-process and capture its output."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> Run:
    from cli.main import main

    code = main(list(argv))
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)
