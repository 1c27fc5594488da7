"""Writing report files safely: to a temporary file beside the target, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(data: bytes, target: Path) -> None:
    """Write to a temporary file beside ``target``, then rename: never a half-written file."""
    target = Path(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


#: Characters that no file name may hold on Windows, macOS or Linux.
_FORBIDDEN = set('<>:"/\\|?*')


def safe_name_part(text: str, max_length: int = 80) -> str:
    """``text`` as part of a file name on any system: separators become ``_``, characters no
    system allows are dropped, Japanese is kept; never empty."""
    out = []
    for ch in text:
        if ch in "/\\":
            out.append("_")
        elif ch in _FORBIDDEN or ord(ch) < 32 or ord(ch) == 127:
            continue
        elif ch.isspace():
            out.append("_")
        else:
            out.append(ch)
    name = "".join(out)[:max_length].strip(" ._")
    return name or "_"
