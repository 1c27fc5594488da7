"""Every kind of bad package is refused with a one-line reason and the database is left exactly
as it was (every table dumped before and after). The files are real, under tests/data/exchange/."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.exchange_support import EXCHANGE, dump, make_files, outcome
from tests.helpers import cli

REFUSALS = [
    ("tampered-member.airpkg", "assessment.json was altered after signing"),
    ("tampered-manifest.airpkg", "the signature does not match manifest.json"),
    ("truncated.airpkg", "damaged or truncated"),
    ("future-version.airpkg", "written by a newer AI Readiness (format ai-readiness/package@2"),
    ("wrong-format.airpkg", "expected ai-readiness/package@1, found 'other-app/bundle@1'"),
    ("traversal.airpkg", "points outside the archive"),
    ("absolute-path.airpkg", "has an absolute or Windows path"),
    ("duplicate-member.airpkg", "appears twice in the archive"),
    ("symlink.airpkg", "is a symbolic link"),
    ("nested-zip.airpkg", "is an archive inside the archive"),
    ("nested-zip-renamed.airpkg", "is an archive inside the archive"),
    ("many-members.airpkg", "members; at most 64 are accepted"),
    ("zip-bomb.airpkg", "unpacks to"),
    ("unlisted-member.airpkg", "notes.json is not in the signed manifest"),
    ("missing-signature.airpkg", "manifest.sig is missing"),
    ("not-a-package.zip", "neither an AI Readiness package nor an Excel answer sheet"),
    ("random.bin", "not an AI Readiness package (.airpkg), answers file (.json) or Excel answer sheet (.xlsx)"),
]


@pytest.fixture
def coordinator(db_url: str, mini: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A coordinator's database that trusts the team's key and holds its first package."""
    assert cli(capsys, "--db", db_url, "keys", "import", str(EXCHANGE / "team.pem"), "--label", "team").code == 0
    run = cli(capsys, "--db", db_url, "import", str(EXCHANGE / "good.airpkg"), "--json")
    assert outcome(run)["status"] == "imported", run.out
    return db_url


@pytest.mark.parametrize(("name", "reason"), REFUSALS)
def test_bad_package_is_refused_and_changes_nothing(
    coordinator: str, capsys: pytest.CaptureFixture[str], name: str, reason: str
) -> None:
    before = dump(coordinator)
    run = cli(capsys, "--db", coordinator, "import", str(EXCHANGE / name), "--json")
    result = outcome(run)
    assert run.code == 1
    assert result["status"] == "refused"
    assert result["assessment"] is None
    assert reason in result["reason"]
    assert "\n" not in result["reason"]
    assert dump(coordinator) == before


@pytest.mark.parametrize(("name", "reason"), REFUSALS[:3])
def test_refusal_on_the_command_line_is_one_line(
    coordinator: str, capsys: pytest.CaptureFixture[str], name: str, reason: str
) -> None:
    run = cli(capsys, "--db", coordinator, "import", str(EXCHANGE / name))
    lines = run.err.strip().splitlines()
    assert run.code == 1
    assert lines[0].startswith(f"{EXCHANGE / name}: refused: ")
    assert reason in lines[0]
    assert len(lines) == 2 and "1 of 1 file(s) refused" in lines[1]
    assert "Traceback" not in run.err


def test_resigned_by_an_untrusted_key_is_refused_with_its_fingerprint(
    coordinator: str, capsys: pytest.CaptureFixture[str]
) -> None:
    files = make_files()
    before = dump(coordinator)
    run = cli(capsys, "--db", coordinator, "import", str(EXCHANGE / "resigned-untrusted.airpkg"), "--json")
    result = outcome(run)
    shown = " ".join(files.INTRUDER.fingerprint[i : i + 4] for i in range(0, 64, 4))
    assert result["status"] == "refused"
    assert f"signed by an unknown key {shown}" in result["reason"]
    assert "--trust" in result["reason"]
    assert dump(coordinator) == before


def test_oversized_file_is_refused_before_it_is_read(
    coordinator: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    big = make_files().make_oversized(tmp_path / "oversized.airpkg")
    before = dump(coordinator)
    result = outcome(cli(capsys, "--db", coordinator, "import", str(big), "--json"))
    assert result["status"] == "refused"
    assert result["reason"] == "the file is 50.0 MB; at most 50.0 MB can be imported"
    assert dump(coordinator) == before


def test_a_bad_file_among_good_ones_is_refused_alone(coordinator: str, capsys: pytest.CaptureFixture[str]) -> None:
    files = [EXCHANGE / "tampered-member.airpkg", EXCHANGE / "good-newer.airpkg", EXCHANGE / "random.bin"]
    run = cli(capsys, "--db", coordinator, "import", *map(str, files), "--json")
    assert [r["status"] for r in run.json] == ["refused", "updated", "refused"]
    assert [r["file"] for r in run.json] == [str(f) for f in files]
    assert run.code == 1
    assert "2 of 3 file(s) refused" in run.err


def test_unknown_signer_is_refused_until_trusted(db_url: str, mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    team = make_files().TEAM
    shown = " ".join(team.fingerprint[i : i + 4] for i in range(0, 64, 4))
    assert cli(capsys, "--db", db_url, "unit", "list").code == 0  # the database exists, empty
    empty = dump(db_url)
    refused = outcome(cli(capsys, "--db", db_url, "import", str(EXCHANGE / "good.airpkg"), "--json"))
    assert refused["status"] == "refused"
    assert shown in refused["reason"]
    assert dump(db_url) == empty

    trusted = cli(capsys, "--db", db_url, "import", str(EXCHANGE / "good.airpkg"), "--trust", "--json")
    assert outcome(trusted)["status"] == "imported"
    keys = cli(capsys, "--db", db_url, "keys", "list", "--json").json
    assert [(k["fingerprint"], k["own"], k["source"]) for k in keys if not k["own"]] == [(shown, False, "import")]
    assert [k["label"] for k in keys if not k["own"]] == ["テスト省/第一局/AI推進チーム"]
    # Trusted now: the next package of that signer needs no --trust.
    assert (
        outcome(cli(capsys, "--db", db_url, "import", str(EXCHANGE / "good-newer.airpkg"), "--json"))["status"]
        == "updated"
    )


def test_trust_is_not_recorded_for_a_tampered_package(
    db_url: str, mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, "--db", db_url, "unit", "list").code == 0
    before = dump(db_url)
    run = cli(capsys, "--db", db_url, "import", str(EXCHANGE / "tampered-member.airpkg"), "--trust", "--json")
    assert outcome(run)["status"] == "refused"
    assert dump(db_url) == before
