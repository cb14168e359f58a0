"""The servers a benchmark runs against: a PostgreSQL cluster or SQLite file, and gunicorn on loopback."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from surveyapp.migrate import upgrade
from tests import pg
from tests.helpers.data import helsinki_today

ROOT = Path(__file__).resolve().parent.parent


@contextlib.contextmanager
def postgres(durable: bool = True):
    """A throwaway, migrated PostgreSQL database: yields (cluster, url). Durable unless told otherwise."""
    bin_dir = pg.find_bin_dir()
    if bin_dir is None:
        raise SystemExit("PostgreSQL server binaries are missing: run `make system-deps` as root")
    cluster = pg.Cluster(bin_dir, durable=durable)
    try:
        upgrade(cluster.create_database("bench"))
        yield cluster, cluster.url("bench")
    finally:
        cluster.stop()


@contextlib.contextmanager
def sqlite():
    """A throwaway, migrated SQLite database, configured as the app configures it: yields its URL."""
    with tempfile.TemporaryDirectory(prefix="surveyapp-bench-") as directory:
        url = f"sqlite:///{Path(directory) / 'bench.sqlite3'}"
        upgrade(url)
        yield url


def app_config(url: str) -> dict:
    return {
        "SECRET_KEY": "bench-secret-of-at-least-32-characters",
        "DATABASE_URL": url,
        "SESSION_COOKIE_SECURE": False,
        "INSTRUMENTS_DIR": str(ROOT / "instruments"),
        # A mix rewrites every new answer: measured on its own, never in the middle of a load run.
        "MIX_INTERVAL_HOURS": 0,
    }


def environment(url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            f"SURVEYAPP_{k}": str(v).lower() if isinstance(v, bool) else str(v)
            for k, v in app_config(url).items()
        }
    )
    return env


@dataclass
class Fixture:
    """What a load test needs to know about the data it submits to."""

    slug: str
    kiosk_token: str
    collection_id: str
    group_session_id: str


def seed(url: str) -> Fixture:
    """One open web collection of session feedback and one open group session on it."""
    from surveyapp import create_app
    from surveyapp.core import group_sessions
    from surveyapp.core.models import Collection, Municipality, Project

    app = create_app({**app_config(url)})
    with app.app_context(), app.extensions["surveyapp.db"]() as db:
        place = Municipality(code="muhos", name="Muhos")
        collection = Collection(
            slug="bench",
            title="Benchmark",
            instrument_id="session_feedback",
            audience="participants",
            project=Project(slug="bench", name="Bench"),
            municipalities=[place],
        )
        db.add(collection)
        group = group_sessions.create(
            db,
            collection=collection,
            group_name="Ryhmä",
            municipality_code="muhos",
            held_on=helsinki_today(),
            pin="2468",
        )
        db.commit()
        fixture = Fixture("bench", group.kiosk_token, collection.id, group.id)
    app.extensions["surveyapp.db"].kw["bind"].dispose()
    return fixture


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """gunicorn with the project's gunicorn.conf.py; bench-specific options on the command line."""

    def __init__(self, url: str, *, workers: int = 2, app: str = "bench.app:create_app()"):
        self.port = free_port()
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(workers),
            "--backlog",
            "2048",
            "--log-level",
            "warning",
            app,
        ]
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=environment(url), stdout=self.log, stderr=subprocess.STDOUT
        )
        self._wait_until_up(workers)

    def _wait_until_up(self, workers: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.output()}")
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=1),
            ):
                if len(self.workers()) >= workers:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not start:\n{self.output()}")

    @property
    def base(self) -> str:
        return f"127.0.0.1:{self.port}"

    def workers(self) -> list[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(p) for p in path.read_text().split()] if path.exists() else []

    def kill_worker(self) -> int:
        """SIGKILL one worker, as the kernel's OOM killer would; the master starts a new one."""
        pid = self.workers()[0]
        os.kill(pid, signal.SIGKILL)
        return pid

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()

    def __enter__(self) -> Gunicorn:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
