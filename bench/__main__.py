"""`make bench`: throughput, respondent flows, results at scale, export memory and the fault run.

Prints the tables and writes them, with the machine's description, to docs/benchmarks.md.
`python -m bench --quick` runs everything at a small size for development (and writes nothing).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import (
    export_memory,
    faults,
    machine,
    proxy,
    proxy_faults,
    report,
    results_scale,
    servers,
    submission_tables,
)
from .report import latency, per_second, s, table, verdict

FULL = dict(seconds=10.0, sizes=[10_000, 100_000, 1_000_000], fault_seconds=30.0)
QUICK = dict(seconds=2.0, sizes=[1_000, 10_000], fault_seconds=8.0)
PROXY_CLIENTS = (10, 50)
SECTIONS = ("submissions", "scale", "faults", "proxy")
OUTPUT = servers.ROOT / "docs" / "benchmarks.md"


def databases():
    """(name, context manager yielding (url, cluster or None)) for SQLite and PostgreSQL."""
    import contextlib

    @contextlib.contextmanager
    def sqlite():
        with servers.sqlite() as url:
            yield url, None

    @contextlib.contextmanager
    def postgresql():
        with servers.postgres() as (cluster, url):
            yield url, cluster

    return [("SQLite", sqlite), ("PostgreSQL", postgresql)]


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def scale_sections(sizes: list[int], targets: list) -> list[str]:
    rows, export_rows = [], []
    for name, database in databases():
        with database() as (url, _cluster):
            progress(f"results at scale on {name}")
            points = []
            for point in results_scale.measure(
                name, url, sizes
            ):  # the export runs before the next size loads
                points.append(point)
                exported = export_memory.measure(url, "mittaus", results_scale_user(url))
                rows.append(
                    [
                        name,
                        f"{point.responses:,}".replace(",", " "),
                        s(point.load_seconds),
                        s(point.dashboard_seconds),
                        s(point.json_seconds),
                    ]
                )
                export_rows.append(
                    [
                        name,
                        f"{exported['rows']:,}".replace(",", " "),
                        f"{exported['bytes'] / 2**20:.0f} MiB",
                        s(exported["seconds"]),
                        f"{exported['baseline_mb']:.0f} MiB",
                        f"{exported['peak_mb']:.0f} MiB",
                    ]
                )
            largest = points[-1]
            sizes_, dash, js = (
                [p.responses for p in points],
                [p.dashboard_seconds for p in points],
                [p.json_seconds for p in points],
            )
            label = f"{largest.responses:,}".replace(",", " ")
            targets.append(
                [
                    f"dashboard < 1 s at {label} ({name})",
                    s(largest.dashboard_seconds),
                    verdict(largest.dashboard_seconds < 1),
                ]
            )
            targets.append(
                [
                    f"results JSON < 1 s at {label} ({name})",
                    s(largest.json_seconds),
                    verdict(largest.json_seconds < 1),
                ]
            )
            targets.append(
                [
                    f"growth no worse than linear ({name})",
                    f"dashboard {report.growth(dash, sizes_)}; JSON {report.growth(js, sizes_)}",
                    verdict(
                        report.linear_or_better(dash, sizes_)
                        and report.linear_or_better(js, sizes_)
                    ),
                ]
            )
    return [
        "## Results at scale",
        "",
        "One session-feedback collection grown by bulk loading (executemany on SQLite, COPY on PostgreSQL): "
        "a grade in every response, a written comment in one of a hundred, four municipalities, three years "
        "of weeks, three channels. Times are medians of three after one warm-up, in the app's own process "
        "(the dashboard through the test client with its template and charts; the JSON as `flask results`).",
        "",
        *table(
            ["database", "responses", "bulk load (added rows)", "dashboard", "results JSON"], rows
        ),
        "",
        "CSV export of the whole collection, streamed, in a fresh process (resident memory of that process "
        "after start-up and one small request, and its peak during the export):",
        "",
        *table(["database", "rows", "size", "time", "memory before", "peak memory"], export_rows),
        "",
    ]


def results_scale_user(url: str) -> str:
    from sqlalchemy import create_engine, select

    from surveyapp.core.models import User

    engine = create_engine(url)
    with engine.connect() as conn:
        user_id = conn.scalar(select(User.id).where(User.email == "mittaus@example.fi"))
    engine.dispose()
    return user_id


def fault_sections(seconds: float, targets: list) -> list[str]:
    progress("fault run")
    result = faults.run(clients=50, seconds=seconds)
    targets.append(
        [
            "fault run: every success stored once, every failure told and recovered by retry",
            f"{result.keys} answers, {result.doubled} doubled, {result.missing} missing",
            verdict(result.ok),
        ]
    )
    return [
        "## Faults",
        "",
        "50 simulated tablets send kiosk answers (each with its client key) to PostgreSQL "
        "through gunicorn while one worker is SIGKILLed and PostgreSQL is stopped and started; then every "
        "answer that got no success reply is sent again with the same key, as the tablets do.",
        "",
        *[f"- {line}" for line in faults.describe(result)],
        "",
    ]


def proxy_sections(seconds: float, targets: list) -> list[str]:
    """The respondent flow through the shipped nginx with TLS beside the direct run; a host lost behind it."""
    from tests import stack as stack_module

    why = stack_module.missing()
    if why:
        raise SystemExit(f"the proxy benchmark needs {why}: run `make system-deps` as root")
    progress("respondent flow through nginx")
    with stack_module.running() as stack:
        measured, stored, succeeded = proxy.measure(stack, clients=PROXY_CLIENTS, seconds=seconds)
        progress("fault run through nginx")
        fault = proxy_faults.run(stack, clients=30, seconds=max(seconds, 10.0))
    rows = []
    for m in measured:
        rows.append(
            [
                m.route,
                m.clients,
                per_second(m.run),
                *latency(m.run.latencies),
                m.run.failures,
                f"{m.cpu_share('proxy'):.0%}",
                f"{m.cpu_share('app hosts'):.0%}",
                f"{m.cpu_share('database'):.0%}",
                f"{m.cpu_share('load generator'):.0%}",
            ]
        )
    targets.append(
        [
            "stored responses = successful flows (through nginx)",
            f"{stored} = {succeeded}",
            verdict(stored == succeeded),
        ]
    )
    targets.append(
        [
            "an app host lost behind nginx: every success stored once, every failure told",
            f"{fault.keys} answers, {fault.doubled} doubled, {fault.missing} missing",
            verdict(fault.ok),
        ]
    )
    return [
        "## Through the proxy",
        "",
        "The deployment of docs/deploy.md as tests/deploy/ runs it (tests/stack.py): the shipped "
        "`deploy/nginx/surveyapp.conf` with TLS in front of two gunicorn app hosts (2 sync workers each) on "
        "PostgreSQL. Whole respondent flow, a new respondent each time (GET the form, POST an answer, GET "
        "the thank-you page it redirects to; a new connection, and through nginx a new TLS handshake, per "
        f"request); closed loop, {seconds:g} s per row. *direct* sends each flow to the two app hosts in turn; "
        "*nginx + TLS* goes through the proxy. CPU columns: each part's share of all CPU time used during "
        "the row (proxy = nginx's master and workers; the load generator does the client side of TLS).",
        "",
        *table(
            [
                "route",
                "clients",
                "flows",
                "flow p50",
                "flow p99",
                "failed",
                "proxy CPU",
                "app CPU",
                "database CPU",
                "load generator CPU",
            ],
            rows,
        ),
        "",
        "Fault run through the proxy: 30 tablets send kiosk answers over HTTPS while app host 1 is SIGKILLed "
        "(master and workers at once); unanswered or failed answers are sent again with the same key.",
        "",
        *[f"- {line}" for line in faults.describe(fault)],
        "",
    ]


NOTES = """## How to read these numbers

- The bare endpoint is the same app (same request hooks, JSON parsing, JSON reply) minus the database. A
  kiosk answer adds its group session (from the process's cache, core/catalog.py) and, on PostgreSQL,
  one statement that is its own durable transaction (no BEGIN, no COMMIT): it claims the submission
  key (INSERT … ON CONFLICT DO NOTHING) while the config version is the one the cache was loaded at,
  inserts the response and its answers (one JSON array) and returns the version, sent straight to a
  pooled connection of the driver (core/database.one_row_alone). SQLite has no data-modifying WITH,
  so there it is BEGIN, key, response, answers, COMMIT, through SQLAlchemy. The respondent path's
  table counts them for every request type. What is left of a kiosk answer's CPU is the framework's
  request handling, the answer's validation, the driver's round trip and the durable commit; the
  bare endpoint has none of the last three.
- SQLite commits through its rollback journal with synchronous=FULL (several fsyncs per answer), not a
  write-ahead log, which would be faster (fewer fsyncs) but would keep the latest answers in arrival
  order beside the database (see the README's privacy guarantees). It has one writer at a time:
  concurrent submissions wait in SQLite's busy handler, so its latency grows with concurrency.
  PostgreSQL (fsync on) is the production database (see Deploying).
- Results at scale: each answer carries its response's collection, instrument, municipality, period and
  channel (kept true by triggers), so the counts come from one covering index on `answer` in index
  order, with no join and no table rows read; written answers come from a partial index. Nothing is
  looped over in Python.
- Bulk loading is slower than a plain COPY because every answer row passes that trigger; it is set-up,
  not measured.
- The fault run uses a PostgreSQL cluster without fsync, so that it restarts in about a second.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="small sizes, a few seconds each; writes no file"
    )
    parser.add_argument(
        "--output", type=Path, help=f"where to write the tables (default with a full run: {OUTPUT})"
    )
    parser.add_argument(
        "--only",
        choices=SECTIONS,
        action="append",
        help="run only this part (repeatable); writes no file unless --output is given",
    )
    args = parser.parse_args(argv)
    size = QUICK if args.quick else FULL
    output = args.output or (None if args.quick or args.only else OUTPUT)
    wanted = set(args.only or SECTIONS)
    started = time.monotonic()
    about = machine.describe()
    targets: list[list] = []
    body = [
        *(
            submission_tables.sections(databases(), size["seconds"], targets, progress)
            if "submissions" in wanted
            else []
        ),
        *(scale_sections(size["sizes"], targets) if "scale" in wanted else []),
        *(fault_sections(size["fault_seconds"], targets) if "faults" in wanted else []),
        *(proxy_sections(size["seconds"], targets) if "proxy" in wanted else []),
    ]
    lines = [
        "# Benchmarks",
        "",
        "Measured by `make bench` (bench/); every figure below comes from that run. Loopback only: the load "
        "generator runs on the same machine as gunicorn and the database.",
        "",
        *[f"- {line}" for line in about],
        f"- Load average when the run ended: {machine.load_average()}",
        f"- Run took {(time.monotonic() - started) / 60:.0f} min{' (quick sizes)' if args.quick else ''}",
        "",
        "## Targets",
        "",
        *table(["target", "measured", ""], targets),
        "",
        *body,
        NOTES,
    ]
    text = "\n".join(lines)
    print(text)
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text + "\n")
        print(f"\nwritten to {output}", file=sys.stderr)
    return 0  # a missed target is a finding for the table, not a failed run


if __name__ == "__main__":
    sys.exit(main())
