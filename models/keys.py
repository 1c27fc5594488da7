"""Signing keys: this installation's own Ed25519 key, and the signers whose packages it trusts.

The own key is made on first need and kept in ``<data folder>/keys/`` (folder 0700, file 0600).
The private key is stored unencrypted (PKCS#8 PEM): the app runs on a single-user PC whose
login already guards the data folder (and the unencrypted database beside it); a passphrase
asked at every export would be forgotten, and a lost passphrase is a new identity. Only the
public key ever leaves the folder (``ai-readiness keys export``).

Trusted keys live in the database (table ``trusted_key``): the list decides what may enter
that database, so it travels with its backups and is shared by every desktop on one server.
The fingerprint is the SHA-256 of the raw 32-byte public key, shown as 16 groups of 4 hex digits.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlmodel import Session, col, select

from models.config import data_dir
from models.errors import InvalidInput, NotFound, StorageError
from models.tables import TrustedKey, utcnow
from models.txn import commit, service

KEYS_FOLDER = "keys"
PRIVATE_KEY_FILE = "signing-key.pem"
#: A public key file is a few hundred bytes; anything much larger is not one.
MAX_KEY_FILE_BYTES = 64 * 1024
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def keys_dir() -> Path:
    return data_dir() / KEYS_FOLDER


# --- fingerprints ------------------------------------------------------------------------------


def fingerprint_of(public_raw: bytes) -> str:
    return hashlib.sha256(public_raw).hexdigest()


def format_fingerprint(fingerprint: str) -> str:
    """``1a2b 3c4d …``: 16 groups of 4 hex digits, easy to read out over the phone."""
    return " ".join(fingerprint[i : i + 4] for i in range(0, len(fingerprint), 4))


def parse_fingerprint(text: str) -> str:
    """Accept a fingerprint as shown (groups, colons) or plain; return the 64 hex digits."""
    plain = re.sub(r"[\s:]", "", text).lower()
    if not _HEX64.match(plain):
        raise InvalidInput(f"{text!r} is not a key fingerprint (64 hex digits, as ai-readiness keys list shows)")
    return plain


# --- the own key -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SigningKey:
    private: Ed25519PrivateKey

    @property
    def public_raw(self) -> bytes:
        return self.private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.public_raw)

    def sign(self, data: bytes) -> bytes:
        return self.private.sign(data)

    def public_pem(self) -> bytes:
        return public_key_pem(self.public_raw)


def _private_path() -> Path:
    return keys_dir() / PRIVATE_KEY_FILE


def _make_private_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if sys.platform != "win32":
            os.chmod(folder, 0o700)
    except OSError as exc:
        raise StorageError(f"{folder}: cannot create the keys folder: {exc.strerror or exc}") from None


def _load_private(path: Path) -> SigningKey:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StorageError(f"{path}: cannot read the signing key: {exc.strerror or exc}") from None
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        raise StorageError(
            f"{path}: the signing key is damaged or protected by a passphrase; move the file away and a new key "
            "is made on the next export (others must then trust the new key)"
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise StorageError(f"{path}: not an Ed25519 signing key; move the file away to make a new one")
    return SigningKey(key)


#: The loaded own key by (file, modification time): an import checks it for every package.
_LOADED: dict[tuple[str, int], SigningKey] = {}


def _load_cached(path: Path) -> SigningKey:
    try:
        status = path.stat()
        if sys.platform != "win32" and status.st_mode & 0o077:
            os.chmod(path, 0o600)  # someone loosened it; the key must stay the owner's
        key = (str(path), status.st_mtime_ns)
    except OSError as exc:
        raise StorageError(f"{path}: cannot read the signing key: {exc.strerror or exc}") from None
    if key not in _LOADED:
        _LOADED.clear()
        _LOADED[key] = _load_private(path)
    return _LOADED[key]


def own_key(*, create: bool = True) -> SigningKey | None:
    """This installation's signing key, made on first need (or None with ``create=False``)."""
    path = _private_path()
    if path.exists():
        return _load_cached(path)
    if not create:
        return None
    _make_private_folder(path.parent)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(pem)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            # link() refuses to replace: if another process made a key meanwhile, theirs wins.
            os.link(temp, path)
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(temp, path)
    except OSError as exc:
        raise StorageError(f"{path}: cannot write the signing key: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    return _load_cached(path)


def own_fingerprint() -> str | None:
    key = own_key(create=False)
    return key.fingerprint if key else None


# --- public keys -------------------------------------------------------------------------------


def public_key_pem(public_raw: bytes) -> bytes:
    public = Ed25519PublicKey.from_public_bytes(public_raw)
    return public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def public_raw_from_pem(data: bytes, where: str) -> bytes:
    """The raw key of an Ed25519 public key in PEM; InvalidInput naming ``where`` otherwise."""
    if b"PRIVATE KEY" in data:
        raise InvalidInput(
            f"{where}: this is a PRIVATE key; never share it. Export the public key with: ai-readiness keys export"
        )
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError):
        raise InvalidInput(f"{where}: not a public key file (PEM), as ai-readiness keys export writes") from None
    if not isinstance(key, Ed25519PublicKey):
        raise InvalidInput(f"{where}: not an Ed25519 public key")
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def verify(public_raw: bytes, signature: bytes, data: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def read_public_key_file(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_KEY_FILE_BYTES:
            raise InvalidInput(f"{path}: too large for a public key file ({size} bytes)")
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read the file: {exc.strerror or exc}") from None
    return public_raw_from_pem(data, str(path))


# --- trusted keys (database) ---------------------------------------------------------------------


@dataclass(frozen=True)
class KeyRead:
    fingerprint: str
    label: str
    own: bool
    source: str  # "own", "file" or "import"
    added_by: str | None
    added_at: datetime | None

    @property
    def display(self) -> str:
        return format_fingerprint(self.fingerprint)

    def to_json(self) -> dict[str, Any]:
        return {
            "fingerprint": self.display,
            "label": self.label,
            "own": self.own,
            "source": self.source,
            "added_by": self.added_by,
            "added_at": self.added_at.isoformat() if self.added_at else None,
        }


def _key_read(row: TrustedKey) -> KeyRead:
    return KeyRead(row.fingerprint, row.label, False, row.source, row.added_by, row.added_at)


@service
def list_keys(*, session: Session) -> list[KeyRead]:
    """The own key first (made if missing), then the trusted keys, oldest first."""
    own = own_key()
    assert own is not None
    result = [KeyRead(own.fingerprint, "this installation", True, "own", None, None)]
    rows = session.exec(select(TrustedKey).order_by(col(TrustedKey.added_at), col(TrustedKey.fingerprint))).all()
    result.extend(_key_read(row) for row in rows if row.fingerprint != own.fingerprint)
    return result


@service
def is_trusted(*, session: Session, fingerprint: str) -> bool:
    if fingerprint == own_fingerprint():
        return True
    return session.get(TrustedKey, fingerprint) is not None


def add_trusted(*, session: Session, public_raw: bytes, label: str, source: str, actor: str) -> tuple[KeyRead, bool]:
    """Trust a key inside the caller's transaction (no commit); return (key, newly added)."""
    fingerprint = fingerprint_of(public_raw)
    row = session.get(TrustedKey, fingerprint)
    if row is not None:
        return _key_read(row), False
    row = TrustedKey(
        fingerprint=fingerprint,
        public_key=public_raw.hex(),
        label=label.strip()[:200],
        source=source,
        added_by=actor,
        added_at=utcnow(),
    )
    session.add(row)
    session.flush()
    return _key_read(row), True


@service
def import_key_file(*, session: Session, path: Path, actor: str, label: str | None = None) -> tuple[KeyRead, bool]:
    """Trust the public key in ``path`` (as written by ``keys export``)."""
    public_raw = read_public_key_file(path)
    if fingerprint_of(public_raw) == own_fingerprint():
        raise InvalidInput(f"{path}: this is this installation's own key; it is always trusted")
    key, created = add_trusted(
        session=session, public_raw=public_raw, label=label or path.stem, source="file", actor=actor
    )
    commit(session)
    return key, created


@service
def remove_key(*, session: Session, fingerprint: str) -> None:
    plain = parse_fingerprint(fingerprint)
    row = session.get(TrustedKey, plain)
    if row is None:
        raise NotFound(f"no trusted key {format_fingerprint(plain)}; list them with: ai-readiness keys list")
    session.delete(row)
    commit(session)
