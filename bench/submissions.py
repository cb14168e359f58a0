"""Submission throughput against the framework ceiling, and the whole respondent flow at 1, 10 and 50 clients."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import create_engine, func, select

from surveyapp.core.models import Response

from . import load, machine
from .servers import Fixture, Gunicorn


@dataclass
class Throughput:
    database: str
    clients: int
    bare: load.Run
    submit: load.Run
    bare_cpu: dict[
        str, float
    ]  # CPU seconds by kind (load generator, app, database) during the bare runs
    submit_cpu: dict[str, float]

    @property
    def ratio(self) -> float:
        return self.submit.rate / self.bare.rate

    def cpu_per_request(self, which: str) -> dict[str, float]:
        """CPU milliseconds each kind spent per successful request."""
        run, cpu = (self.bare, self.bare_cpu) if which == "bare" else (self.submit, self.submit_cpu)
        return {kind: seconds * 1000 / max(run.ok, 1) for kind, seconds in cpu.items()}


def measured(
    operation, clients: int, seconds: float, roots: dict[str, int], cpu: dict[str, float]
) -> load.Run:
    """A closed loop, adding the CPU time it cost each kind of process (see machine.cpu_seconds) to ``cpu``."""
    before = machine.cpu_seconds(roots)
    run = load.closed_loop(operation, clients, seconds)
    for kind, total in machine.cpu_seconds(roots).items():
        cpu[kind] = cpu.get(kind, 0.0) + total - before.get(kind, 0.0)
    return run


def count_responses(url: str, **where) -> int:
    engine = create_engine(url)
    with engine.connect() as conn:
        n = conn.scalar(select(func.count()).select_from(Response).filter_by(**where))
    engine.dispose()
    return n


def throughput(
    database: str,
    url: str,
    fixture: Fixture,
    *,
    clients: int,
    seconds: float,
    database_pid: int | None = None,
) -> Throughput:
    """Kiosk answers per second beside the bare endpoint of the same app, same server, same client.

    ``database_pid``: the database server's process, whose CPU time is counted too (SQLite runs inside the app).
    """
    answers = {"arvosana": "8", "vapaa_palaute": "Hyvä ryhmä"}
    with Gunicorn(url) as server:

        def bare():
            return load.timed(
                lambda: (
                    load.request(
                        server.base,
                        "POST",
                        "/bench/bare",
                        b'{"key": "x", "answers": {}}',
                        {"Content-Type": "application/json"},
                    ).status
                    == 201
                )
            )

        def submit():
            return load.timed(
                lambda: (
                    load.kiosk_post(
                        server.base, fixture.kiosk_token, load.new_key(), answers
                    ).status
                    == 201
                )
            )

        load.closed_loop(bare, clients, min(2.0, seconds))  # warm up both workers
        # Alternating rounds of two seconds: on a shared machine both see the same neighbours.
        rounds = max(1, round(seconds / 2))
        roots = {"app": server.process.pid, **({"database": database_pid} if database_pid else {})}
        bare_runs, submit_runs, bare_cpu, submit_cpu = [], [], {}, {}
        for _ in range(rounds):
            bare_runs.append(measured(bare, clients, seconds / rounds, roots, bare_cpu))
            submit_runs.append(measured(submit, clients, seconds / rounds, roots, submit_cpu))
    return Throughput(
        database, clients, load.combine(bare_runs), load.combine(submit_runs), bare_cpu, submit_cpu
    )


@dataclass
class Flows:
    database: str
    runs: dict[int, load.Run]  # clients → closed-loop run
    open_rate: float
    open_run: load.Run
    stored: int

    @property
    def succeeded(self) -> int:
        return sum(r.ok for r in self.runs.values()) + self.open_run.ok


def flows(
    database: str, url: str, fixture: Fixture, *, clients=(1, 10, 50), seconds: float
) -> Flows:
    """Closed loops of new respondents, then an open loop at half the best measured rate."""
    before = count_responses(url, collection_id=fixture.collection_id, channel="web")
    with Gunicorn(url) as server:

        def flow():
            return load.respondent_flow(server.base, fixture.slug)

        load.closed_loop(flow, 2, min(2.0, seconds))  # warm up, not counted
        before = count_responses(url, collection_id=fixture.collection_id, channel="web")
        runs = {n: load.closed_loop(flow, n, seconds) for n in clients}
        rate = max(r.rate for r in runs.values()) / 2
        open_run = load.open_loop(flow, rate, seconds)
    stored = count_responses(url, collection_id=fixture.collection_id, channel="web") - before
    return Flows(database, runs, rate, open_run, stored)
