"""The committed test files are what make_files.py makes (so the malformed files are real and
reproducible), and the decision rules for packages of an assessment we already have."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import load_workbook

from models.exchange.apply import decide
from models.exchange.payload import BaseRef
from models.tables import ExchangeState
from tests.exchange_support import EXCHANGE, make_files


def _cells(content: bytes) -> dict[str, list[tuple[object, ...]]]:
    book = load_workbook(io.BytesIO(content))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def test_committed_files_are_current(tmp_path: Path) -> None:
    files = make_files()
    made = files.all_files()
    committed = {p.name for p in EXCHANGE.iterdir() if p.suffix != ".py" and p.name != "__pycache__"}
    assert committed == set(made)
    for name, content in made.items():
        on_disk = (EXCHANGE / name).read_bytes()
        if name.endswith(".xlsx"):  # openpyxl stamps the time of writing; compare the cells
            assert _cells(on_disk) == _cells(content), name
        else:
            assert on_disk == content, name
    assert files.OVERSIZED not in committed


def _state(digest: str, revision: int, signer: str) -> ExchangeState:
    return ExchangeState(
        assessment_id=1, last_revision=revision, last_digest=digest, signer=signer, imported_at=datetime.now(UTC)
    )


def test_decisions() -> None:
    files = make_files()
    r3 = files.payload(3, files.LEVELS_R3)
    r5 = files.payload(5, files.LEVELS_R5)
    team, other, own = "a" * 64, "b" * 64, "c" * 64

    def decision(local: str, state: ExchangeState | None, data, signer: str = team, status: str = "draft") -> str:  # type: ignore[no-untyped-def]
        return decide(
            local=local, local_revision=4, local_status=status, state=state, data=data, signer=signer, own=own
        ).action

    assert decision(r5.digest, None, r5) == "unchanged"  # same content
    assert decision(r3.digest, _state(r3.digest, 3, team), r5) == "update"  # unchanged here, newer from the same team
    assert decision("f" * 64, _state(r3.digest, 3, team), r5) == "conflict"  # changed on both sides
    assert decision("f" * 64, _state(r5.digest, 5, team), r3) == "unchanged"  # older
    # A second sender whose package does not build on what we hold: never overwrites silently.
    assert decision(r3.digest, _state(r3.digest, 3, team), r5, signer=other) == "conflict"
    # A package built on exactly our copy (it names our content as its base): fast-forward.
    based = r5.model_copy(update={"based_on": BaseRef(revision=3, digest="f" * 64)})
    assert decision("f" * 64, None, based, signer=other) == "update"
    # Our own older export, coming back: nothing to do.
    assert decision("f" * 64, None, r3, signer=own) == "unchanged"
    # An approved copy is replaced only by an approved revision.
    assert decision(r3.digest, _state(r3.digest, 3, team), r5, status="approved") == "conflict"
