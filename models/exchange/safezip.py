"""Open ZIP archives from elsewhere without trusting them: bounded member count and sizes (zip
bombs), no path traversal, duplicate names, links, encryption or archives inside archives."""

from __future__ import annotations

import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from models.exchange.files import ImportRefused

_NESTED_SUFFIXES = (".zip", ".airpkg", ".jar", ".xlsx", ".xlsm", ".docx", ".pptx", ".7z", ".gz", ".tar", ".rar")
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


@dataclass(frozen=True)
class ZipLimits:
    max_members: int
    max_member_bytes: int
    max_total_bytes: int
    allow_folders: bool = False


#: A package holds a handful of JSON members; the questionnaire is the largest (~1 MB).
PACKAGE_LIMITS = ZipLimits(max_members=64, max_member_bytes=64 * 1024 * 1024, max_total_bytes=128 * 1024 * 1024)
#: An answer sheet saved by Excel or LibreOffice holds a few dozen XML parts of well under 1 MB;
#: the XML is parsed into memory, so the bound is tighter than a package's.
SHEET_LIMITS = ZipLimits(
    max_members=1000, max_member_bytes=32 * 1024 * 1024, max_total_bytes=64 * 1024 * 1024, allow_folders=True
)


def _unsafe_name(name: str) -> str | None:
    if not name or "\x00" in name:
        return "an empty or binary member name"
    if name.startswith(("/", "\\")) or "\\" in name or (len(name) > 1 and name[1] == ":"):
        return f"member {name!r} has an absolute or Windows path"
    parts = PurePosixPath(name.rstrip("/")).parts
    if any(part in ("..", ".") for part in parts) or "//" in name:
        return f"member {name!r} points outside the archive"
    return None


def check_archive(archive: zipfile.ZipFile, limits: ZipLimits) -> list[zipfile.ZipInfo]:
    """Every member, after checking the archive's directory against ``limits``."""
    infos = archive.infolist()
    if len(infos) > limits.max_members:
        raise ImportRefused(f"the archive holds {len(infos)} members; at most {limits.max_members} are accepted")
    seen: set[str] = set()
    total = 0
    for info in infos:
        problem = _unsafe_name(info.filename)
        if problem:
            raise ImportRefused(problem)
        key = info.filename.casefold()
        if key in seen:
            raise ImportRefused(f"member {info.filename!r} appears twice in the archive")
        seen.add(key)
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise ImportRefused(f"member {info.filename!r} is a symbolic link")
        if info.is_dir():
            if not limits.allow_folders:
                raise ImportRefused(f"member {info.filename!r} is a folder; a package holds files only")
            continue
        if info.flag_bits & 0x1:
            raise ImportRefused(f"member {info.filename!r} is encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ImportRefused(f"member {info.filename!r} uses an unsupported compression method")
        if info.filename.lower().endswith(_NESTED_SUFFIXES):
            raise ImportRefused(f"member {info.filename!r} is an archive inside the archive")
        if info.file_size > limits.max_member_bytes:
            raise ImportRefused(
                f"member {info.filename!r} unpacks to {info.file_size} bytes; at most {limits.max_member_bytes}"
            )
        total += info.file_size
        if total > limits.max_total_bytes:
            raise ImportRefused(
                f"the archive unpacks to more than {limits.max_total_bytes // (1024 * 1024)} MB (a zip bomb?)"
            )
    return infos


def damaged() -> ImportRefused:
    return ImportRefused("the file is damaged or truncated (not a complete ZIP archive)")


def read_members(path: Path, limits: ZipLimits) -> dict[str, bytes]:
    """Every member's bytes, name by name; reads are bounded by the sizes already checked."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = check_archive(archive, limits)
            members: dict[str, bytes] = {}
            for info in infos:
                if info.is_dir():
                    continue
                # ZipExtFile stops at the declared size and checks the CRC at the end.
                with archive.open(info) as fh:
                    data = fh.read(info.file_size + 1)
                if len(data) != info.file_size:
                    raise damaged()
                if data.startswith(_ZIP_MAGIC):
                    raise ImportRefused(f"member {info.filename!r} is an archive inside the archive")
                members[info.filename] = data
            return members
    except ImportRefused:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError):
        raise damaged() from None
