"""The whole respondent flow beside a minimal Flask + Flask-WTF form (bench/minimal.py), measured in
the same interleaved rounds, with the CPU each spends per respondent (server and database).

A respondent: GET the form with no cookies, POST an answer with its tokens, GET the thank-you page
the answer redirects to. Both apps run under gunicorn with the same settings on the same database
server; rounds of about two seconds alternate between them, so both see the same neighbours on a
shared machine.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import load, machine, minimal
from .servers import Fixture, Gunicorn

APPS = ("surveyapp", "minimal form")


@dataclass
class Side:
    runs: list[load.Run] = field(default_factory=list)
    cpu: dict[str, float] = field(default_factory=dict)  # kind → CPU seconds over its rounds

    @property
    def run(self) -> load.Run:
        return load.combine(self.runs)

    def cpu_per_respondent(self, *kinds: str) -> float:
        """CPU milliseconds of ``kinds`` (app, database) per successful respondent."""
        return sum(self.cpu.get(k, 0.0) for k in kinds) * 1000 / max(self.run.ok, 1)


@dataclass
class Compared:
    database: str
    sides: dict[int, dict[str, Side]]  # clients → app → measurements


def compare(
    database: str,
    url: str,
    fixture: Fixture,
    *,
    clients=(1, 10, 50),
    seconds: float,
    database_pid: int | None = None,
) -> Compared:
    minimal.create_tables(url)
    with (
        Gunicorn(url) as surveyapp_server,
        Gunicorn(url, app="bench.minimal:create_app()") as minimal_server,
    ):
        flows = {
            "surveyapp": lambda: load.respondent_flow(
                surveyapp_server.base, fixture.slug, follow=True
            ),
            "minimal form": lambda: load.respondent_flow(
                minimal_server.base, fixture.slug, follow=True, tokens={"csrf_token"}
            ),
        }
        roots = {
            "surveyapp": {"app": surveyapp_server.process.pid},
            "minimal form": {"app": minimal_server.process.pid},
        }
        for name in APPS:
            if database_pid:
                roots[name]["database"] = database_pid
            load.closed_loop(flows[name], 2, min(2.0, seconds))  # warm up, not counted
        sides: dict[int, dict[str, Side]] = {}
        rounds = max(1, round(seconds / 2))
        for n in clients:
            sides[n] = {name: Side() for name in APPS}
            for _ in range(rounds):
                for name in APPS:
                    side = sides[n][name]
                    before = machine.cpu_seconds(roots[name])
                    side.runs.append(load.closed_loop(flows[name], n, seconds / rounds))
                    for kind, total in machine.cpu_seconds(roots[name]).items():
                        side.cpu[kind] = side.cpu.get(kind, 0.0) + total - before.get(kind, 0.0)
    return Compared(database, sides)
