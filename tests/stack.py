"""The shipped deployment on loopback: nginx (deploy/nginx/surveyapp.conf) with a certificate made now,
two app hosts and a reporting host (gunicorn as deploy/systemd/surveyapp@.service starts it), and a
PostgreSQL primary with a streaming replica that the reporting host reads results from.

Used by tests/deploy/ (one stack per test session) and by `make bench` (the respondent flow through
the proxy). The shipped files are read as they are; only the addresses, ports, log folder and
certificate marked in them are replaced, and each replacement must match (a changed file fails here).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text

from bench import load
from surveyapp.migrate import upgrade
from tests import pg

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "deploy" / "nginx" / "surveyapp.conf"
UNIT = ROOT / "deploy" / "systemd" / "surveyapp@.service"
SECRET = "stack-secret-" + "k" * 40
# The main nginx.conf of Debian's package (/etc/nginx/nginx.conf), with its paths moved into the prefix;
# in production the site file is included from sites-enabled/ in exactly this way.
MAIN_CONF = """\
{user}worker_processes auto;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log;
daemon off;
events {{
    worker_connections 768;
}}
http {{
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;
    ssl_prefer_server_ciphers on;
    access_log {prefix}/logs/access.log;
    gzip on;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    include {prefix}/sites-enabled/surveyapp.conf;
}}
"""


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None
    )


def missing() -> str | None:
    """What the stack needs and this machine lacks, or None."""
    if pg.find_bin_dir() is None:
        return "PostgreSQL server binaries (apt-get install postgresql)"
    if nginx_binary() is None:
        return "nginx (apt-get install nginx)"
    if shutil.which("openssl") is None:
        return "openssl"
    return None


def replace_exactly(source: str, replacements: list[tuple[str, str, int]]) -> str:
    for old, new, count in replacements:
        found = source.count(old)
        if found != count:
            raise AssertionError(f"expected {count} × {old!r} in the shipped file, found {found}")
        source = source.replace(old, new)
    return source


def site_config(
    *, https: int, http: int, apps: list[int], reports: int, logs: Path, cert: Path, key: Path
) -> str:
    """deploy/nginx/surveyapp.conf for loopback ports and the test's certificate and log folder."""
    return replace_exactly(
        SITE.read_text(),
        [
            ("10.0.0.11:8000", f"127.0.0.1:{apps[0]}", 2),
            ("10.0.0.12:8000", f"127.0.0.1:{apps[1]}", 2),
            ("10.0.0.13:8000", f"127.0.0.1:{reports}", 1),
            ("listen 443 ssl", f"listen 127.0.0.1:{https} ssl", 1),
            ("listen 80 ", f"listen 127.0.0.1:{http} ", 1),
            ("https://$host$request_uri", f"https://$host:{https}$request_uri", 1),
            ("/etc/ssl/certs/surveyapp.pem", str(cert), 1),
            ("/etc/ssl/private/surveyapp.key", str(key), 1),
            ("/var/log/nginx/", f"{logs}/", 2),
        ],
    )


def unit_command() -> tuple[list[str], dict[str, str]]:
    """The ExecStart of deploy/systemd/surveyapp@.service (with this checkout's paths) and its Environment=."""
    command, env = None, {}
    for line in UNIT.read_text().splitlines():
        if line.startswith("ExecStart="):
            command = line.removeprefix("ExecStart=")
        elif line.startswith("Environment="):
            name, _, value = line.removeprefix("Environment=").partition("=")
            env[name] = value
    assert command, "no ExecStart in the unit"
    bin_dir = Path(sys.executable).parent
    command = replace_exactly(
        command,
        [("/srv/surveyapp/.venv/bin/", f"{bin_dir}/", 1), ("/srv/surveyapp/", f"{ROOT}/", 1)],
    )
    return shlex.split(command), env


class AppHost:
    """One gunicorn app host, started as its systemd unit would start it, with the given settings."""

    def __init__(self, name: str, folder: Path, settings: dict[str, str]):
        self.name, self.port = name, pg.free_port()
        self.command, unit_env = unit_command()
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("SURVEYAPP_")}
        self.env.update(unit_env)
        self.env.update(settings)
        self.env["SURVEYAPP_BIND"] = f"127.0.0.1:{self.port}"
        self.log_path = folder / f"{name}.log"
        self.start()

    def start(self) -> None:
        """Start gunicorn (again, after a stop: same port, same settings, same log)."""
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                self.command,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait(self) -> AppHost:
        wait_for(f"http://127.0.0.1:{self.port}/health", self.process, self.log_path)
        return self

    def signal(self, *, hard: bool = False) -> None:
        """SIGQUIT to the master (gunicorn's quick shutdown) or SIGKILL to master and workers at once."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                if hard:
                    os.killpg(self.process.pid, signal.SIGKILL)
                else:
                    self.process.send_signal(signal.SIGQUIT)

    def stop(self, *, hard: bool = False) -> None:
        self.signal(hard=hard)
        if self.process.poll() is None:
            try:
                self.process.wait(timeout=35)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def wait_for(
    url: str, process: subprocess.Popen, log: Path, timeout: float = 60, context=None
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"{process.args[0]} exited {process.returncode}:\n{log.read_text(errors='replace')}"
            )
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(url, timeout=2, context=context) as reply:
                if reply.status == 200:
                    return
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer:\n{log.read_text(errors='replace')}")


class Nginx:
    """nginx's own master on loopback, with Debian's main config around the shipped site file."""

    def __init__(self, folder: Path, *, apps: list[int], reports: int):
        self.prefix = folder / "nginx"
        self.logs = self.prefix / "logs"
        for sub in ("logs", "sites-enabled", "tls", "tmp"):
            (self.prefix / sub).mkdir(parents=True)
        self.cert, self.key = self.prefix / "tls" / "cert.pem", self.prefix / "tls" / "key.pem"
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=localhost",
                "-keyout",
                str(self.key),
                "-out",
                str(self.cert),
                "-addext",
                "subjectAltName=DNS:localhost,IP:127.0.0.1",
            ],
            check=True,
            capture_output=True,
        )
        self.https_port, self.http_port = pg.free_port(), pg.free_port()
        (self.prefix / "sites-enabled" / "surveyapp.conf").write_text(
            site_config(
                https=self.https_port,
                http=self.http_port,
                apps=apps,
                reports=reports,
                logs=self.logs,
                cert=self.cert,
                key=self.key,
            )
        )
        user = ""
        if os.geteuid() == 0:
            # As root (CI), the master drops its workers to www-data, as Debian's nginx.conf says; they
            # need to reach the prefix and own their temporary folders.
            worker = pwd.getpwnam("www-data") if _has_user("www-data") else pwd.getpwnam("nobody")
            user = f"user {worker.pw_name};\n"
            for path in (folder, self.prefix, self.prefix / "tmp"):
                path.chmod(0o755)
            for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
                (self.prefix / "tmp" / sub).mkdir()
                os.chown(self.prefix / "tmp" / sub, worker.pw_uid, worker.pw_gid)
        self.conf = self.prefix / "nginx.conf"
        self.conf.write_text(MAIN_CONF.format(user=user, prefix=self.prefix))
        self.output = self.prefix / "stderr.log"
        with open(self.output, "ab") as out:
            self.process = subprocess.Popen(
                [
                    nginx_binary(),
                    "-p",
                    str(self.prefix),
                    "-c",
                    str(self.conf),
                    "-e",
                    str(self.logs / "startup.log"),
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_for(f"{self.base}/health", self.process, self.output, context=insecure_context())

    @property
    def base(self) -> str:
        return f"https://127.0.0.1:{self.https_port}"

    def log_text(self) -> str:
        """Everything nginx wrote to any log in its prefix."""
        return "".join(
            p.read_text(errors="replace") for p in sorted(self.logs.iterdir()) if p.is_file()
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


# TLS to the stack's self-signed certificate: encrypted, not verified (one context, shared with the bench).
insecure_context = load.tls_context


@dataclass
class Stack:
    folder: Path
    primary: pg.Cluster
    replica: pg.Cluster
    apps: list[AppHost] = field(default_factory=list)
    reports: AppHost | None = None
    nginx: Nginx | None = None
    seeded: object = None  # what seed(url) returned

    @property
    def url(self) -> str:
        return self.primary.url("surveyapp")

    @property
    def replica_url(self) -> str:
        return self.replica.url("surveyapp")

    @property
    def base(self) -> str:
        return self.nginx.base

    def settings(self, **extra: str) -> dict[str, str]:
        return {
            "SURVEYAPP_DATABASE_URL": self.url,
            "SURVEYAPP_SECRET_KEY": SECRET,
            "SURVEYAPP_PROXY_COUNT": "1",
            **extra,
        }

    def wait_for_replica(self, timeout: float = 30) -> None:
        """Until the replica has replayed everything the primary has written so far."""
        primary, replica = create_engine(self.primary.url()), create_engine(self.replica.url())
        try:
            with primary.connect() as conn:
                target = conn.scalar(text("SELECT pg_current_wal_lsn()"))
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                with replica.connect() as conn:
                    if conn.scalar(
                        text("SELECT pg_last_wal_replay_lsn() >= CAST(:t AS pg_lsn)"), {"t": target}
                    ):
                        return
                time.sleep(0.1)
            raise RuntimeError("the replica did not catch up")
        finally:
            primary.dispose()
            replica.dispose()

    def stop(self) -> None:
        if self.nginx is not None:
            self.nginx.stop()
        hosts = [h for h in (*self.apps, self.reports) if h is not None]
        for host in hosts:  # all at once (nothing of theirs to keep: every answer is in PostgreSQL)
            host.signal(hard=True)
        for host in hosts:
            with contextlib.suppress(Exception):
                host.stop()
        for cluster in (self.replica, self.primary):
            with contextlib.suppress(Exception):
                cluster.stop()


@contextlib.contextmanager
def running(seed=None):
    """The whole stack, started; ``seed(url)`` fills the primary before the hosts start. Stopped afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="surveyapp-stack-"))
    primary = pg.Cluster(pg.find_bin_dir())
    stack = None
    try:
        upgrade(primary.create_database("surveyapp"))
        seeded = seed(primary.url("surveyapp")) if seed is not None else None
        stack = Stack(folder, primary, primary.replica(), seeded=seeded)
        stack.apps = [AppHost(f"app{n}", folder, stack.settings()) for n in (1, 2)]
        stack.reports = AppHost(
            "reports", folder, stack.settings(SURVEYAPP_REPORTING_DATABASE_URL=stack.replica_url)
        )
        for host in (*stack.apps, stack.reports):
            host.wait()
        stack.nginx = Nginx(folder, apps=[a.port for a in stack.apps], reports=stack.reports.port)
        yield stack
    finally:
        if stack is not None:
            stack.stop()
        else:
            primary.stop()
        shutil.rmtree(folder, ignore_errors=True)
