"""Tablets keep sending while a gunicorn worker is killed and PostgreSQL restarts; nothing is lost or doubled.

Each tablet sends kiosk answers with its own client key (the key is also the answer's text, so the
database shows which answers arrived and how often). A success answer must mean stored once; any
other outcome must say so (a 503, or no answer at all) and, retried with the same key like a real
tablet does, must end stored exactly once.
"""

from __future__ import annotations

import collections
import http.client
import threading
import time
from dataclasses import dataclass, field

from sqlalchemy import create_engine, select

from surveyapp.core.models import Answer, Response

from . import load, servers

SUCCESS = {201: "stored", 200: "duplicate"}


@dataclass
class Outcome:
    counts: collections.Counter = field(
        default_factory=collections.Counter
    )  # outcome name → how many
    acked: set[str] = field(default_factory=set)  # keys the server said were stored
    pending: set[str] = field(default_factory=set)  # keys told failed, or never answered
    unexpected: list[str] = field(default_factory=list)
    # Through a proxy, a host that dies with the request gives the proxy's 502 (or 504): also "told failed".
    proxy_failures: frozenset[int] = frozenset()

    def send(self, base: str, token: str, key: str, lock: threading.Lock) -> None:
        try:
            reply = load.kiosk_post(
                base, token, key, {"arvosana": "9", "vapaa_palaute": key}, timeout=10
            )
            name = SUCCESS.get(reply.status) or (
                "unavailable"
                if reply.status == 503
                else "proxy error"
                if reply.status in self.proxy_failures
                else f"http {reply.status}"
            )
        except (OSError, http.client.HTTPException) as exc:
            # Also a reply cut short (IncompleteRead, BadStatusLine): the host died while answering.
            reply, name = None, f"no answer ({type(exc).__name__})"
        with lock:
            self.counts[name] += 1
            if reply is not None and reply.status in SUCCESS:
                self.acked.add(key)
                self.pending.discard(key)
            else:
                self.pending.add(key)
                if (
                    reply is not None
                    and reply.status not in self.proxy_failures
                    and (reply.status != 503 or b'"unavailable"' not in reply.body)
                ):
                    self.unexpected.append(f"{reply.status}: {reply.body[:200]!r}")


@dataclass
class Report:
    clients: int
    seconds: float
    events: list[str]
    first_pass: collections.Counter
    retries: collections.Counter
    keys: int
    stored: int  # responses of the session in the database
    doubled: int  # keys stored more than once
    missing: int  # acknowledged keys not stored
    never_acked: int  # keys still failing after the retries
    unexpected: list[str]

    @property
    def ok(self) -> bool:
        return (
            not self.doubled
            and not self.missing
            and not self.never_acked
            and not self.unexpected
            and self.stored == self.keys
        )


def start_tablets(
    outcome: Outcome, lock: threading.Lock, base: str, token: str, clients: int, seconds: float
) -> tuple[list[threading.Thread], float]:
    """``clients`` tablets sending new answers for ``seconds``; their threads and the start time."""
    deadline = time.monotonic() + seconds

    def tablet():
        while time.monotonic() < deadline:
            outcome.send(base, token, load.new_key(), lock)

    threads = [threading.Thread(target=tablet) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    return threads, started


def resend_pending(
    outcome: Outcome, lock: threading.Lock, base: str, token: str, seconds: float = 30
) -> None:
    """Send every answer not yet acknowledged again, as a tablet's queue does, until none is left."""
    retry_until = time.monotonic() + seconds
    while outcome.pending and time.monotonic() < retry_until:
        for key in sorted(outcome.pending):
            outcome.send(base, token, key, lock)
        if outcome.pending:
            time.sleep(0.5)


def run(*, clients: int = 50, seconds: float = 20, down_seconds: float = 1.0) -> Report:
    """Kill a worker at a quarter of the time, restart PostgreSQL at half; then retry and count."""
    with servers.postgres(durable=False) as (cluster, url):
        fixture = servers.seed(url)
        with servers.Gunicorn(url, app="surveyapp:create_app()") as server:
            outcome, lock = Outcome(), threading.Lock()
            threads, started = start_tablets(
                outcome, lock, server.base, fixture.kiosk_token, clients, seconds
            )
            events = []
            time.sleep(seconds / 4)
            events.append(
                f"{time.monotonic() - started:.1f} s: SIGKILL worker {server.kill_worker()}"
            )
            time.sleep(seconds / 4)
            events.append(f"{time.monotonic() - started:.1f} s: PostgreSQL stopped")
            cluster.restart(down_seconds)
            events.append(f"{time.monotonic() - started:.1f} s: PostgreSQL started again")
            for thread in threads:
                thread.join()
            first_pass = collections.Counter(outcome.counts)
            resend_pending(outcome, lock, server.base, fixture.kiosk_token)
        # Counted while the cluster still runs.
        return report_of(
            outcome, first_pass, url, fixture.group_session_id, clients, seconds, events
        )


def report_of(
    outcome,
    first_pass,
    url: str,
    group_session_id: str,
    clients: int,
    seconds: float,
    events: list[str],
) -> "Report":
    """What a fault run comes to: the sends of the first pass and of the retries, against what is stored."""
    stored = stored_texts(url, group_session_id)
    return Report(
        clients=clients,
        seconds=seconds,
        events=events,
        first_pass=first_pass,
        retries=outcome.counts - first_pass,
        keys=len(outcome.acked | outcome.pending),
        stored=sum(stored.values()),
        doubled=sum(1 for n in stored.values() if n > 1),
        missing=len(outcome.acked - set(stored)),
        never_acked=len(outcome.pending),
        unexpected=outcome.unexpected[:5],
    )


def stored_texts(url: str, group_session_id: str) -> collections.Counter:
    """How many times each answer text (= client key) of the session is stored."""
    engine = create_engine(url)
    with engine.connect() as conn:
        texts = conn.scalars(
            select(Answer.text)
            .join(Response, Answer.response_id == Response.id)
            .where(
                Response.group_session_id == group_session_id, Answer.item_code == "vapaa_palaute"
            )
        )
        counts = collections.Counter(texts)
    engine.dispose()
    return counts


def describe(report: Report) -> list[str]:
    lines = [
        f"{report.clients} tablets for {report.seconds:g} s; " + "; ".join(report.events),
        "first pass: " + ", ".join(f"{n} {name}" for name, n in report.first_pass.most_common()),
        "retries: "
        + (", ".join(f"{n} {name}" for name, n in report.retries.most_common()) or "none"),
        f"keys {report.keys}, stored {report.stored}, doubled {report.doubled}, acknowledged but missing "
        f"{report.missing}, never acknowledged {report.never_acked}",
    ]
    lines += [f"unexpected answer: {u}" for u in report.unexpected]
    return lines
