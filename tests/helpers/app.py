"""The app under test, made from the test settings."""

from __future__ import annotations

import gc
import os
from pathlib import Path

from surveyapp import create_app

CI = os.environ.get("CI") == "true"
ROOT = Path(__file__).resolve().parents[2]


def make_app(database_url: str, tmp_path: Path, **overrides):
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "DATABASE_URL": database_url,
        "SESSION_COOKIE_SECURE": False,
        "INSTRUMENTS_DIR": str(ROOT / "instruments"),
        # Tests mix when they mean to (tests/core/test_mixing.py), not in a thread of every app.
        "MIX_INTERVAL_HOURS": 0,
    }
    config.update(overrides)
    # werkzeug compiles each route with ast.parse. CPython 3.11.7 fails that with "AST constructor
    # recursion depth mismatch" when the cyclic GC runs a finalizer (an earlier test's pooled
    # connection) in the middle of it: no automatic collection until the routes are built. (No
    # gc.collect() here or at a test's end: a full collection of the test process's heap took
    # 0.2-0.5 s, and two per test were three quarters of the suite's time.)
    gc.disable()
    try:
        return create_app(config)
    finally:
        gc.enable()
