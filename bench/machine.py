"""A short description of the machine a benchmark ran on, read from the system."""

from __future__ import annotations

import datetime as dt
import os
import platform
import sqlite3
import subprocess

from tests import pg


def _first(path: str, prefix: str) -> str:
    try:
        with open(path) as f:
            return next(
                (line.split(":", 1)[1].strip() for line in f if line.startswith(prefix)), "unknown"
            )
    except OSError:
        return "unknown"


def postgres_version() -> str:
    bin_dir = pg.find_bin_dir()
    if bin_dir is None:
        return "not installed"
    return subprocess.run(
        [str(bin_dir / "postgres"), "--version"], capture_output=True, text=True
    ).stdout.strip()


def load_average() -> str:
    """1, 5 and 15 minute load averages: other users of a shared machine show up here."""
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def describe() -> list[str]:
    memory_kb = _first("/proc/meminfo", "MemTotal").split()[0]
    load = load_average()
    return [
        f"Date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"CPU: {_first('/proc/cpuinfo', 'model name')}, {os.cpu_count()} cores visible to this process",
        f"Memory: {int(memory_kb) // 1024} MiB" if memory_kb.isdigit() else "Memory: unknown",
        f"System: {platform.platform()}; Python {platform.python_version()}; SQLite {sqlite3.sqlite_version}; "
        f"{postgres_version()}",
        f"Load average when the run started (1, 5, 15 min): {load}",
    ]


def _stat(pid: str) -> tuple[int, float] | None:
    """(parent pid, user + system CPU seconds) of one process, None when it has gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_seconds(roots: dict[str, int]) -> dict[str, float]:
    """CPU seconds used so far by this process (the load generator) and by each process tree in ``roots``.

    ``roots``: a kind ("app", "database") → the pid at the top of its tree (gunicorn's master, the postmaster).
    """
    stats = {
        int(pid): stat
        for pid in os.listdir("/proc")
        if pid.isdigit() and (stat := _stat(pid)) is not None
    }
    children: dict[int, list[int]] = {}
    for pid, (parent, _seconds) in stats.items():
        children.setdefault(parent, []).append(pid)

    def tree(pid: int) -> float:
        return stats.get(pid, (0, 0.0))[1] + sum(tree(child) for child in children.get(pid, []))

    return {
        "load generator": stats.get(os.getpid(), (0, 0.0))[1],
        **{kind: tree(pid) for kind, pid in roots.items()},
    }
