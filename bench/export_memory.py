"""The CSV export of a whole collection, streamed, with the process's peak memory.

Run in a fresh process (`python -m bench.export_memory URL SLUG USER_ID`) so the peak belongs to
the export alone; prints one JSON line.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

from .servers import ROOT, app_config


def status_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of this process, from /proc: unlike ru_maxrss, not inherited from the parent."""
    with open("/proc/self/status") as f:
        kilobytes = next(line.split()[1] for line in f if line.startswith(field + ":"))
    return int(kilobytes) / 1024


def reset_peak() -> None:
    """Start the peak (VmHWM) from the current size, so it measures the export alone (Linux 4.0+)."""
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")


def export(url: str, slug: str, user_id: str) -> dict:
    from .app import create_app, log_in

    app = create_app(app_config(url))
    client = app.test_client()
    log_in(app, client, user_id)
    assert (
        client.get(f"/coordinate/c/{slug}/koodikirja.csv").status_code == 200
    )  # everything imported and warm
    before = status_mb("VmRSS")
    reset_peak()
    started = time.perf_counter()
    response = client.get(f"/coordinate/c/{slug}/vastaukset.csv", buffered=False)
    assert response.status_code == 200
    size = lines = 0
    for chunk in response.response:
        size += len(chunk)
        lines += chunk.count(b"\r\n")
    response.close()
    seconds = time.perf_counter() - started
    app.extensions["surveyapp.db"].kw["bind"].dispose()
    return {
        "bytes": size,
        "rows": lines - 1,
        "seconds": seconds,
        "baseline_mb": before,
        "peak_mb": status_mb("VmHWM"),
    }


def measure(url: str, slug: str, user_id: str) -> dict:
    """Run export() in a child process and return what it printed."""
    result = subprocess.run(
        [sys.executable, "-m", "bench.export_memory", url, slug, user_id],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    print(json.dumps(export(*sys.argv[1:4])))
