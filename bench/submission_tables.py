"""The submission tables of `make bench`: kiosk answers beside the bare endpoint, the respondent
flow at 1, 10 and 50 clients and at a fixed arrival rate, and the respondent path (respondents.py)."""

from __future__ import annotations

from . import report, respondents, servers, submissions
from .report import latency, ms, per_second, table, verdict

THROUGHPUT_CLIENTS = 10
CLIENTS = (1, 10, 50)


def sections(databases, seconds: float, targets: list, progress) -> list[str]:
    """The submission tables (and the respondent path's), adding their targets to ``targets``;
    ``databases``: (name, context manager) pairs as ``python -m bench`` makes them."""
    throughput_rows, cpu_rows, flow_rows, open_rows, measured = [], [], [], [], []
    for name, database in databases:
        with database() as (url, cluster):
            progress(f"submissions on {name}")
            fixture = servers.seed(url)
            t = submissions.throughput(
                name,
                url,
                fixture,
                clients=THROUGHPUT_CLIENTS,
                seconds=seconds,
                database_pid=cluster.pid() if cluster else None,
            )
            throughput_rows.append(
                [
                    name,
                    per_second(t.bare),
                    per_second(t.submit),
                    f"{t.ratio:.0%}",
                    t.bare.failures + t.submit.failures,
                ]
            )
            for which, label in (("bare", "bare endpoint"), ("submit", "kiosk submission")):
                cpu = t.cpu_per_request(which)
                cpu_rows.append(
                    [
                        name,
                        label,
                        *(
                            f"{cpu[kind]:.2f} ms" if kind in cpu else "(in the app)"
                            for kind in ("load generator", "app", "database")
                        ),
                        f"{sum(cpu.values()):.2f} ms",
                    ]
                )
            targets.append(
                [
                    f"submissions ≥ 50 % of the bare endpoint ({name})",
                    f"{t.ratio:.0%}",
                    verdict(t.ratio >= 0.5),
                ]
            )
            if name == "PostgreSQL":  # issue 20's target
                targets.append(
                    ["kiosk answers ≥ 40 % of the bare endpoint (PostgreSQL)", f"{t.ratio:.0%}"]
                    + [verdict(t.ratio >= 0.4)]
                )
            progress(f"respondent path on {name}")
            measured.append(
                respondents.measure(
                    name,
                    url,
                    fixture,
                    seconds=seconds,
                    database_pid=cluster.pid() if cluster else None,
                )
            )
            f = submissions.flows(name, url, fixture, clients=CLIENTS, seconds=seconds)
            for clients, run in f.runs.items():
                flow_rows.append(
                    [
                        name,
                        clients,
                        per_second(run),
                        *latency(run.latencies),
                        *latency(run.submit_latencies),
                        run.failures,
                    ]
                )
            p50, p99 = latency(f.open_run.submit_latencies)
            open_rows.append(
                [
                    name,
                    f"{f.open_rate:.0f}/s",
                    f.open_run.ok,
                    p50,
                    p99,
                    f.open_run.failures,
                    f"{f.stored} / {f.succeeded}",
                ]
            )
            p99_seconds = report.percentile(f.open_run.submit_latencies, 99)
            targets.append(
                [
                    f"open-loop submit p99 < 100 ms ({name})",
                    ms(p99_seconds),
                    verdict(p99_seconds < 0.1),
                ]
            )
            targets.append(
                [
                    f"stored responses = successful flows ({name})",
                    f"{f.stored} = {f.succeeded}",
                    verdict(f.stored == f.succeeded),
                ]
            )
    return [
        "## Submissions",
        "",
        f"Kiosk answers (JSON API, one new response each) against a bare endpoint of the same app that "
        f"writes nothing, {THROUGHPUT_CLIENTS} clients, {seconds:g} s each in alternating rounds of about two "
        f"seconds, gunicorn with 2 sync workers:",
        "",
        *table(
            ["database", "bare endpoint", "kiosk submissions", "share of ceiling", "failed"],
            throughput_rows,
        ),
        "",
        "Where the time goes: CPU time per request of the load generator, the app (gunicorn's workers; "
        "with SQLite the database work happens here too) and the PostgreSQL server, during the same runs; "
        "two cores have 2 000 ms of CPU a second to share among them:",
        "",
        *table(["database", "request", "load generator", "app", "database", "total"], cpu_rows),
        "",
        f"Whole respondent flow, a new respondent each time (GET the form with no cookies, read the CSRF "
        f"token and per-render key, POST an answer); closed loop, {seconds:g} s per row:",
        "",
        *table(
            [
                "database",
                "clients",
                "flows",
                "flow p50",
                "flow p99",
                "submit p50",
                "submit p99",
                "failed",
            ],
            flow_rows,
        ),
        "",
        "Open loop at half the best closed-loop rate (arrivals do not wait for answers):",
        "",
        *table(
            [
                "database",
                "arrival rate",
                "flows",
                "submit p50",
                "submit p99",
                "failed",
                "stored / successful flows (all rows)",
            ],
            open_rows,
        ),
        "",
        *respondents.sections(measured, seconds, targets),
    ]
