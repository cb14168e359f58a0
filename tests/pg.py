"""A throwaway PostgreSQL cluster for the test run: initdb + pg_ctl on a free loopback port."""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text


def find_bin_dir() -> Path | None:
    """Directory holding initdb and pg_ctl: PATH first, then Debian's versioned directories."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(os.path.realpath(found)).parent
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    return Path(candidates[-1]).parent if candidates else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """Started on construction, stopped by stop(); URLs use the trust-authenticated superuser."""

    def __init__(self, bin_dir: Path, *, durable: bool = False, primary: Cluster | None = None):
        """A new cluster (initdb), or with ``primary`` a streaming replica of it (pg_basebackup -R)."""
        self.bin_dir = bin_dir
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="surveyapp-pg-"))
        self.data = self.root / "data"
        # PostgreSQL refuses to run as root; run it as the packaged 'postgres' user then.
        self.user = None
        if os.geteuid() == 0:
            self.user = pwd.getpwnam("postgres")
            os.chown(self.root, self.user.pw_uid, self.user.pw_gid)
        if primary is None:
            # initdb's trust rules include replication connections from 127.0.0.1.
            self._run(
                "initdb",
                "-D",
                str(self.data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            )
        else:
            # A copy of the primary's files that starts as a hot standby streaming from it (-R writes
            # primary_conninfo and standby.signal).
            self._run(
                "pg_basebackup",
                "-h",
                "127.0.0.1",
                "-p",
                str(primary.port),
                "-U",
                "postgres",
                "-D",
                str(self.data),
                "-R",
                "-X",
                "stream",
                "-c",
                "fast",
                "--no-sync",
            )
        self.options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c max_connections=200"
        )
        if not durable:  # tests need no crash safety; benchmarks measure the real thing
            self.options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self.start()

    def replica(self) -> Cluster:
        """A streaming replica of this cluster, on its own port, started."""
        return Cluster(self.bin_dir, primary=self)

    def pid(self) -> int:
        """The postmaster's process id (every backend is its child)."""
        return int((self.data / "postmaster.pid").read_text().split()[0])

    def start(self) -> None:
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            self.options,
            "-l",
            str(self.root / "log"),
            "-w",
            "start",
        )

    def restart(self, down_seconds: float = 0.0) -> None:
        """Stop the server (dropping every connection), stay down a while, start it again."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        time.sleep(down_seconds)
        self.start()

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bin_dir / program), *args]
        if self.user:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"{program} failed: {result.stderr or result.stdout}")

    def tool(self, program: str, *args: str) -> None:
        """Run a client program of the cluster (pg_dump, pg_restore, …) as the cluster's user."""
        self._run(program, *args)

    def create_database(self, name: str) -> str:
        """A new, empty database on the cluster; its URL."""
        from sqlalchemy import create_engine, text

        admin = create_engine(self.url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name}"))
        admin.dispose()
        return self.url(name)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


@contextlib.contextmanager
def database(cluster, template: str | None = None):
    """A new database on the test cluster (a copy of ``template``, or without tables), dropped afterwards."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(
            text(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
        )
    try:
        yield cluster.url(name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
        admin.dispose()
