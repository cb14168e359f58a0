"""Load generators on loopback: closed loops of N clients, an open loop at a fixed arrival rate.

Plain http.client, a new connection per request (gunicorn's sync workers close it anyway), fresh
cookies for every respondent.
"""

from __future__ import annotations

import functools
import http.client
import json
import re
import secrets
import ssl
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

TOKENS = re.compile(r'name="(csrf_token|_key)" value="([^"]+)"')


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


@functools.cache
def tls_context() -> ssl.SSLContext:
    """TLS to a test certificate (the deployment stack's is self-signed): encrypted, not verified."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def request(
    base: str,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict | None = None,
    timeout: float = 30,
) -> Reply:
    """``base``: host:port (plain HTTP) or https://host:port."""
    if base.startswith("https://"):
        host, port = base.removeprefix("https://").split(":")
        conn = http.client.HTTPSConnection(host, int(port), timeout=timeout, context=tls_context())
    else:
        host, port = base.split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return Reply(
            response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        )
    finally:
        conn.close()


def kiosk_post(
    base: str, token: str, key: str, answers: dict[str, str], timeout: float = 30
) -> Reply:
    body = json.dumps({"key": key, "answers": answers}).encode()
    return request(
        base, "POST", f"/kiosk/{token}/api", body, {"Content-Type": "application/json"}, timeout
    )


def new_key() -> str:
    return secrets.token_urlsafe(24)


@dataclass
class Flow:
    ok: bool
    seconds: float  # the whole flow: GET the form, POST the answer
    submit_seconds: float  # the POST alone


def respondent_flow(
    base: str, slug: str, *, follow: bool = False, tokens=frozenset({"csrf_token", "_key"})
) -> Flow:
    """A new respondent: no cookies, GET the form, read its ``tokens``, POST an answer with them
    (and with ``follow``, GET the thank-you page the answer redirects to)."""
    started = time.perf_counter()
    try:
        page = request(base, "GET", f"/c/{slug}")
        cookie = SimpleCookie(page.headers.get("set-cookie", ""))
        found = dict(TOKENS.findall(page.body.decode()))
        if page.status != 200 or set(found) != tokens:
            return Flow(False, time.perf_counter() - started, 0.0)
        form = urlencode({**found, "arvosana": "9", "vapaa_palaute": "Hyvä"})
        posted = time.perf_counter()
        cookies = "; ".join(f"{k}={m.value}" for k, m in cookie.items())
        answer = request(
            base,
            "POST",
            f"/c/{slug}",
            form.encode(),
            {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookies},
        )
        answered = time.perf_counter()
        ok = answer.status == 302
        if ok and follow:
            thanks = request(
                base, "GET", urlsplit(answer.headers["location"]).path, None, {"Cookie": cookies}
            )
            ok = thanks.status == 200
    except OSError:
        return Flow(False, time.perf_counter() - started, 0.0)
    return Flow(ok, time.perf_counter() - started, answered - posted)


@dataclass
class Run:
    seconds: float
    latencies: list[float] = field(default_factory=list)  # successful operations
    submit_latencies: list[float] = field(default_factory=list)
    failures: int = 0

    @property
    def ok(self) -> int:
        return len(self.latencies)

    @property
    def rate(self) -> float:
        return self.ok / self.seconds


def combine(runs: list[Run]) -> Run:
    """Several runs of the same operation as one."""
    return Run(
        seconds=sum(r.seconds for r in runs),
        latencies=[x for r in runs for x in r.latencies],
        submit_latencies=[x for r in runs for x in r.submit_latencies],
        failures=sum(r.failures for r in runs),
    )


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def closed_loop(operation, clients: int, seconds: float) -> Run:
    """`clients` threads each repeat `operation()` (returning (ok, latency[, submit latency])) for `seconds`."""
    run, lock = Run(seconds), threading.Lock()
    deadline = time.perf_counter() + seconds

    def client():
        while time.perf_counter() < deadline:
            record(run, lock, operation())

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    run.seconds = time.perf_counter() - started
    return run


def open_loop(operation, rate: float, seconds: float) -> Run:
    """Start `operation()` at a fixed arrival rate, whatever the server's pace (no coordinated omission)."""
    run, lock = Run(seconds), threading.Lock()
    threads = []
    started = time.perf_counter()
    for n in range(int(rate * seconds)):
        delay = started + n / rate - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        thread = threading.Thread(target=lambda: record(run, lock, operation()))
        thread.start()
        threads.append(thread)
    for t in threads:
        t.join()
    run.seconds = time.perf_counter() - started
    return run


def record(run: Run, lock: threading.Lock, result) -> None:
    with lock:
        if isinstance(result, Flow):
            if result.ok:
                run.latencies.append(result.seconds)
                run.submit_latencies.append(result.submit_seconds)
            else:
                run.failures += 1
        else:
            ok, latency = result
            if ok:
                run.latencies.append(latency)
            else:
                run.failures += 1


def timed(call) -> tuple[bool, float]:
    started = time.perf_counter()
    try:
        ok = call()
    except OSError:
        ok = False
    return ok, time.perf_counter() - started
