"""Files from elsewhere: size limits, what kind of file it is, and writing our own atomically."""

from __future__ import annotations

import contextlib
import os
import zipfile
from pathlib import Path
from typing import Literal

from models.errors import InvalidInput

#: Larger files are refused before anything is read into memory.
MAX_IMPORT_BYTES = 50 * 1024 * 1024
PACKAGE_SUFFIX = ".airpkg"

Kind = Literal["package", "sheet", "answers"]


class ImportRefused(InvalidInput):
    """A file that cannot be imported; ``str()`` is the one-line reason (without the file name).

    ``signer`` is the fingerprint of a package's signer when it is known; ``untrusted`` says the
    package is intact and was refused only because its signer is not trusted yet.
    """

    def __init__(
        self, reason: str, *, signer: str | None = None, untrusted: bool = False, problems: list[str] | None = None
    ):
        super().__init__(reason)
        self.signer = signer
        self.untrusted = untrusted
        self.problems = problems or [reason]


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def check_size(path: Path) -> int:
    """The file's size, refused when it is not a regular file or larger than the limit."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise ImportRefused(f"cannot read the file: {exc.strerror or exc}") from None
    if not path.is_file():
        raise ImportRefused("not a regular file")
    if stat.st_size > MAX_IMPORT_BYTES:
        raise ImportRefused(
            f"the file is {_megabytes(stat.st_size)}; at most {_megabytes(MAX_IMPORT_BYTES)} can be imported"
        )
    if stat.st_size == 0:
        raise ImportRefused("the file is empty")
    return stat.st_size


def sniff(path: Path) -> Kind:
    """Tell a package, an answer sheet and an answers file apart by their content, not their name."""
    check_size(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(64)
    except OSError as exc:
        raise ImportRefused(f"cannot read the file: {exc.strerror or exc}") from None
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, EOFError, ValueError):
            raise ImportRefused("the file is damaged or truncated (not a complete ZIP archive)") from None
        if "manifest.json" in names:
            return "package"
        if "[Content_Types].xml" in names and any(name.startswith("xl/") for name in names):
            return "sheet"
        raise ImportRefused("a ZIP archive, but neither an AI Readiness package nor an Excel answer sheet")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportRefused("the file is saved as UTF-16 text; save it as UTF-8 (an answers file is UTF-8 JSON)")
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2: an .xls, or an .xlsx saved with a password
        raise ImportRefused(
            "an old-format (.xls) or password-protected Excel file; save the answer sheet as .xlsx without a password"
        )
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.startswith((b"{", b"[")):  # JSON (an array is refused with the reason by the reader)
        return "answers"
    raise ImportRefused(
        f"not an AI Readiness package ({PACKAGE_SUFFIX}), answers file (.json) or Excel answer sheet (.xlsx)"
    )


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename: a file that exists is complete."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        with temp.open("wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise InvalidInput(f"{path}: cannot write the file: {exc.strerror or exc}") from None
