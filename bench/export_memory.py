"""The CSV export of a whole collection, streamed, with the process's peak memory.

Run in a fresh process (`python -m bench.export_memory URL SLUG USER_ID`) so the peak belongs to
the export alone; prints one JSON line.
"""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

from .servers import ROOT, app_config


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def export(url: str, slug: str, user_id: str) -> dict:
    from .app import create_app
    app = create_app(app_config(url))
    client = app.test_client()
    with client.session_transaction() as cookie:
        cookie["user_id"] = user_id
    assert client.get(f"/coordinate/c/{slug}/koodikirja.csv").status_code == 200  # everything imported and warm
    before = peak_mb()
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
    return {"bytes": size, "rows": lines - 1, "seconds": seconds, "baseline_mb": before, "peak_mb": peak_mb()}


def measure(url: str, slug: str, user_id: str) -> dict:
    """Run export() in a child process and return what it printed."""
    result = subprocess.run([sys.executable, "-m", "bench.export_memory", url, slug, user_id], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    print(json.dumps(export(*sys.argv[1:4])))
