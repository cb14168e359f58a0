"""The respondent flow through the shipped deployment (nginx with TLS → two app hosts) beside the same
flow straight to the app hosts, and how much of the CPU the proxy takes.

The stack is tests/stack.py's: deploy/nginx/surveyapp.conf, two gunicorn hosts as the systemd unit
starts them, PostgreSQL with a replica (the replica takes no part in this flow). The direct run
sends each flow to the two hosts in turn, so both runs have the same four workers behind them.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass

from . import load, machine, servers
from .submissions import count_responses


@dataclass
class Measured:
    route: str  # "direct" or "nginx + TLS"
    clients: int
    run: load.Run
    cpu: dict[str, float]  # kind → CPU seconds during the run

    def cpu_share(self, kind: str) -> float:
        total = sum(self.cpu.values())
        return self.cpu.get(kind, 0.0) / total if total else 0.0


def measure(stack, *, clients=(10, 50), seconds: float) -> tuple[list[Measured], int, int]:
    """(measurements, stored responses, successful flows), direct and through the proxy at each size."""
    fixture = servers.seed(stack.url)
    ports = itertools.cycle([f"127.0.0.1:{host.port}" for host in stack.apps])
    lock = threading.Lock()

    def direct():
        with lock:
            base = next(ports)
        return load.respondent_flow(base, fixture.slug, follow=True)

    def proxied():
        return load.respondent_flow(stack.base, fixture.slug, follow=True)

    roots = {
        "proxy": stack.nginx.process.pid,
        "app host 1": stack.apps[0].process.pid,
        "app host 2": stack.apps[1].process.pid,
        "database": stack.primary.pid(),
    }
    load.closed_loop(proxied, 2, 1.0)  # warm up, not counted
    load.closed_loop(direct, 2, 1.0)
    before = count_responses(stack.url, collection_id=fixture.collection_id, channel="web")
    results = []
    for n in clients:
        for route, flow in (("direct", direct), ("nginx + TLS", proxied)):
            start = machine.cpu_seconds(roots)
            run = load.closed_loop(flow, n, seconds)
            end = machine.cpu_seconds(roots)
            cpu = {kind: end[kind] - start[kind] for kind in end}
            cpu["app hosts"] = cpu.pop("app host 1") + cpu.pop("app host 2")
            results.append(Measured(route, n, run, cpu))
    stored = count_responses(stack.url, collection_id=fixture.collection_id, channel="web") - before
    return results, stored, sum(m.run.ok for m in results)
