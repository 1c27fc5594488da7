"""No network: the main flows run with Internet socket creation blocked, and prove that no
connection is attempted, neither from Python (a sitecustomize guard) nor from native code
such as Qt (every socket() and connect() system call traced with strace, when present)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

GUARD = """
import os, socket
_LOG = os.environ["NO_NET_LOG"]
_real = socket.socket
class _GuardedSocket(_real):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if family in (socket.AF_INET, socket.AF_INET6) or (family == -1 and fileno is None):
            with open(_LOG, "a") as fh:
                fh.write(f"socket family={family}\\n")
            raise OSError("network access is blocked in this test")
        super().__init__(family, type, proto, fileno)
socket.socket = _GuardedSocket
def _blocked(*args, **kwargs):
    with open(_LOG, "a") as fh:
        fh.write(f"connection attempt {args!r}\\n")
    raise OSError("network access is blocked in this test")
socket.create_connection = _blocked
socket.getaddrinfo = _blocked
"""

INET = re.compile(r"\b(AF_INET6?|PF_INET6?)\b")


def _flows(out: Path) -> list[list[str]]:
    team = "無通信省/局/課"
    return [
        ["--smoke"],
        ["unit", "add", team],
        ["cycle", "add", "FY2026"],
        ["assessment", "new", "--unit", team, "--cycle", "FY2026"],
        ["answer", "set", "1", "1-01", "--level", "3", "--target", "4", "--comment", "通信なし"],
        ["score", "1", "--json"],
        ["report", "1", "-o", str(out / "card.pdf")],
        ["compare", "--format", "pdf", "-o", str(out / "compare.pdf")],
        ["export", "1", "-o", str(out / "package.airpkg")],
        ["import", str(out / "package.airpkg")],
        ["sheet", "--unit", team, "--cycle", "FY2026", "-o", str(out / "sheet.xlsx")],
        ["import", str(out / "sheet.xlsx")],
        ["--smoke"],
    ]


@pytest.fixture
def guarded_env(tmp_path: Path) -> dict[str, str]:
    guard_dir = tmp_path / "guard"
    guard_dir.mkdir()
    (guard_dir / "sitecustomize.py").write_text(GUARD)
    return dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([str(guard_dir), str(ROOT)]),
        NO_NET_LOG=str(tmp_path / "network.log"),
        QT_QPA_PLATFORM="offscreen",
    )


def test_main_flows_open_no_network_connection(tmp_path: Path, guarded_env: dict[str, str]) -> None:
    strace = shutil.which("strace")
    for index, args in enumerate(_flows(tmp_path)):
        trace = tmp_path / f"trace-{index}.log"
        cmd = [sys.executable, "-m", "cli", *args]
        if strace:
            cmd = [strace, "-f", "-qq", "-e", "trace=socket,connect", "-o", str(trace), *cmd]
        proc = subprocess.run(cmd, cwd=ROOT, env=guarded_env, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, f"{args}: {proc.stderr}"
        if strace:
            inet_calls = [line for line in trace.read_text().splitlines() if INET.search(line)]
            assert inet_calls == [], f"{args} made Internet socket calls: {inet_calls[:5]}"
    log = Path(guarded_env["NO_NET_LOG"])
    assert not log.exists(), log.read_text()


def test_the_guard_really_blocks(tmp_path: Path, guarded_env: dict[str, str]) -> None:
    """The guard is live: a program that tries to connect is stopped and logged."""
    proc = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('192.0.2.1', 80), timeout=1)"],
        env=guarded_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode != 0
    assert "connection attempt" in Path(guarded_env["NO_NET_LOG"]).read_text()


def test_the_system_call_trace_sees_native_sockets(tmp_path: Path, guarded_env: dict[str, str]) -> None:
    """strace catches what bypasses Python's socket module (as Qt's native code would)."""
    strace = shutil.which("strace")
    if not strace:
        pytest.skip("strace is not installed")
    trace = tmp_path / "native.log"
    subprocess.run(
        [
            strace,
            "-f",
            "-qq",
            "-e",
            "trace=socket,connect",
            "-o",
            str(trace),
            sys.executable,
            "-c",
            "import _socket; _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM).close()",
        ],
        env=guarded_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert any(INET.search(line) for line in trace.read_text().splitlines())
