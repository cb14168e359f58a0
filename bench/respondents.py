"""The respondent path at the stack's ceiling: statements per request type, and the whole flow
beside a minimal form with the CPU per respondent (issue 20's targets)."""

from __future__ import annotations

from dataclasses import dataclass

from . import flows, statements
from .report import latency, per_second, table, verdict
from .servers import Fixture

CLIENTS = (1, 10, 50)
# Statements per request type at most: issue 20's targets (PostgreSQL now sends one per answer;
# SQLite has no statement that stores key and response together, so an answer there takes five).
CEILINGS = {
    "PostgreSQL": {"form (GET)": 2, "answer (POST)": 4, "thank-you page": 0, "kiosk answer": 4},
    "SQLite": {"form (GET)": 2, "answer (POST)": 5, "thank-you page": 0, "kiosk answer": 5},
}
CPU_RATIO = 1.3


@dataclass
class Measured:
    database: str
    counted: dict[str, statements.Counted]
    compared: flows.Compared


def measure(
    database: str, url: str, fixture: Fixture, *, seconds: float, database_pid: int | None
) -> Measured:
    counted = statements.count(url, fixture)
    compared = flows.compare(
        database, url, fixture, clients=CLIENTS, seconds=seconds, database_pid=database_pid
    )
    return Measured(database, counted, compared)


def sections(measured: list[Measured], seconds: float, targets: list) -> list[str]:
    statement_rows, flow_rows = [], []
    for m in measured:
        for kind in statements.KINDS:
            c = m.counted[kind]
            statement_rows.append(
                [m.database, kind, c.total, c.transaction_control, "; ".join(_short(c.sent))]
            )
        over = [k for k in statements.KINDS if m.counted[k].total > CEILINGS[m.database][k]]
        targets.append(
            [
                f"statements per request ≤ {_ceilings(m.database)} ({m.database})",
                ", ".join(f"{k} {m.counted[k].total}" for k in statements.KINDS),
                verdict(not over),
            ]
        )
        ratios = []
        for clients, sides in m.compared.sides.items():
            cpu = {}
            for name in flows.APPS:
                side = sides[name]
                cpu[name] = side.cpu_per_respondent("app", "database")
                flow_rows.append(
                    [
                        m.database,
                        clients,
                        name,
                        per_second(side.run),
                        *latency(side.run.latencies),
                        side.run.failures,
                        f"{side.cpu_per_respondent('app'):.2f} ms",
                        f"{side.cpu_per_respondent('database'):.2f} ms"
                        if "database" in side.cpu
                        else "(in the app)",
                        f"{cpu[name]:.2f} ms",
                    ]
                )
            ratios.append(cpu["surveyapp"] / max(cpu["minimal form"], 1e-9))
        targets.append(
            [
                f"CPU per respondent ≤ {CPU_RATIO}× the minimal form's ({m.database})",
                ", ".join(f"×{r:.2f}" for r in ratios)
                + f" at {', '.join(map(str, CLIENTS))} clients",
                verdict(all(r <= CPU_RATIO for r in ratios)),
            ]
        )
    return [
        "## The respondent path",
        "",
        "Statements (round trips) per request type, counted in the bench app's own process on the "
        "same database (bench/statements.py: at the driver's cursors on PostgreSQL, through "
        "SQLAlchemy's events on SQLite), after one respondent has filled the caches; transaction "
        "control is BEGIN, COMMIT, ROLLBACK and pool pings:",
        "",
        *table(
            ["database", "request", "statements", "of them transaction control", "sent"],
            statement_rows,
        ),
        "",
        "Whole respondent flow (GET the form with no cookies, POST an answer, GET the thank-you page) "
        "of surveyapp beside a minimal Flask + Flask-WTF form that stores one row (bench/minimal.py), "
        f"in alternating rounds of about two seconds, {seconds:g} s each per row; gunicorn with 2 sync "
        "workers each. CPU per respondent: the app's gunicorn processes and the database server "
        "during that app's rounds:",
        "",
        *table(
            [
                "database",
                "clients",
                "app",
                "respondents",
                "flow p50",
                "flow p99",
                "failed",
                "app CPU",
                "database CPU",
                "CPU per respondent",
            ],
            flow_rows,
        ),
        "",
    ]


def _ceilings(database: str) -> str:
    c = CEILINGS[database]
    return ", ".join(f"{k} {v}" for k, v in c.items())


def _short(sent: list[str]) -> list[str]:
    """Each statement by its first words, enough to tell them apart."""
    return [" ".join(s.split()[:4]).replace("|", "\\|") for s in sent]
