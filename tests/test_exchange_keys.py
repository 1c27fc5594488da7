"""Signing keys: made on first need with owner-only permissions, only the public key ever
leaves the data folder, trusted keys are listed, imported and removed."""

from __future__ import annotations

import hashlib
import stat
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from models.keys import PRIVATE_KEY_FILE, format_fingerprint, parse_fingerprint
from tests.exchange_support import EXCHANGE, make_files
from tests.helpers import cli


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_own_key_is_made_on_first_need_with_owner_only_permissions(
    sqlite_url: str, isolated_environment: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = isolated_environment / "keys"
    assert not folder.exists()
    keys = cli(capsys, "--db", sqlite_url, "keys", "list", "--json").json
    private = folder / PRIVATE_KEY_FILE
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    key = serialization.load_pem_private_key(private.read_bytes(), password=None)
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert keys == [
        {
            "fingerprint": format_fingerprint(hashlib.sha256(raw).hexdigest()),
            "label": "this installation",
            "own": True,
            "source": "own",
            "added_by": None,
            "added_at": None,
        }
    ]
    # Loosened by someone: tightened again on the next use.
    private.chmod(0o644)
    assert cli(capsys, "--db", sqlite_url, "keys", "list").code == 0
    assert stat.S_IMODE(private.stat().st_mode) == 0o600


def test_keys_export_writes_only_the_public_key(
    sqlite_url: str, isolated_environment: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "mine.pem"
    run = cli(capsys, "--db", sqlite_url, "keys", "export", "-o", str(target), "--json")
    assert run.code == 0
    text = target.read_text()
    assert text.startswith("-----BEGIN PUBLIC KEY-----") and "PRIVATE" not in text
    private = (isolated_environment / "keys" / PRIVATE_KEY_FILE).read_bytes()
    body = b"".join(private.splitlines()[1:-1])
    assert body not in target.read_bytes()
    public = serialization.load_pem_public_key(target.read_bytes())
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert run.json["fingerprint"] == format_fingerprint(hashlib.sha256(raw).hexdigest())


def test_trusted_keys_are_imported_listed_and_removed(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    team = make_files().TEAM.fingerprint
    run = cli(
        capsys, "--db", sqlite_url, "keys", "import", str(EXCHANGE / "team.pem"), "--label", "AI推進チーム", "--json"
    )
    assert run.json == {"fingerprint": format_fingerprint(team), "label": "AI推進チーム", "added": True}
    again = cli(capsys, "--db", sqlite_url, "keys", "import", str(EXCHANGE / "team.pem"), "--json")
    assert again.json["added"] is False
    listed = cli(capsys, "--db", sqlite_url, "keys", "list", "--json").json
    assert [(k["own"], k["label"], k["source"], k["added_by"]) for k in listed] == [
        (True, "this installation", "own", None),
        (False, "AI推進チーム", "file", "tester"),
    ]
    text = cli(capsys, "--db", sqlite_url, "keys", "list").out
    assert f"{format_fingerprint(team)}  AI推進チーム, trusted " in text
    assert cli(capsys, "--db", sqlite_url, "keys", "remove", team.upper()).code == 0
    assert [k["own"] for k in cli(capsys, "--db", sqlite_url, "keys", "list", "--json").json] == [True]
    missing = cli(capsys, "--db", sqlite_url, "keys", "remove", team)
    assert missing.code == 1 and "no trusted key" in missing.err


def test_bad_key_files_are_refused_in_one_line(
    sqlite_url: str, isolated_environment: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, "--db", sqlite_url, "keys", "list").code == 0
    private = isolated_environment / "keys" / PRIVATE_KEY_FILE
    run = cli(capsys, "--db", sqlite_url, "keys", "import", str(private))
    assert run.code == 1 and "this is a PRIVATE key; never share it" in run.err
    assert len(run.err.strip().splitlines()) == 1
    own = tmp_path / "own.pem"
    cli(capsys, "--db", sqlite_url, "keys", "export", "-o", str(own))
    run = cli(capsys, "--db", sqlite_url, "keys", "import", str(own))
    assert run.code == 1 and "this installation's own key" in run.err
    junk = tmp_path / "junk.pem"
    junk.write_text("not a key")
    run = cli(capsys, "--db", sqlite_url, "keys", "import", str(junk))
    assert run.code == 1 and "not a public key file (PEM)" in run.err


def test_fingerprints_are_read_as_shown() -> None:
    plain = "ab" * 32
    assert parse_fingerprint(format_fingerprint(plain)) == plain
    assert parse_fingerprint(":".join(plain[i : i + 2] for i in range(0, 64, 2)).upper()) == plain
    with pytest.raises(Exception, match="not a key fingerprint"):
        parse_fingerprint("abcd")
