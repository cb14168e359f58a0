"""200 slow clients for 60 s through the shipped proxy: everyone else is still answered within a second.

Half send their headers a line at a time, half send a form post's body a byte at a time, each just
faster than nginx's timeouts, so they stay connected for the whole minute. gunicorn's sync workers
would each be held by one of them (two such clients stop an app host with the default two workers);
nginx holds them itself and passes on only complete requests.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time

from tests import stack as stack_module
from tests.deploy.conftest import SLUG, Client

CONNECTIONS = 200
SECONDS = 60
TRICKLE_EVERY = 2.0  # nginx's client_header_timeout and client_body_timeout are 10 s


class SlowClients:
    """``count`` connections that trickle a request so slowly that it never completes.

    Even ones send a form post's body a byte at a time (nginx waits up to client_body_timeout between
    reads, so they stay for the whole run); odd ones send their headers a line at a time, which nginx
    ends after client_header_timeout in all: those reconnect at once, as a slowloris attack does.
    """

    def __init__(self, port: int, count: int, *, tls: bool):
        self.port, self.tls = port, tls
        self.sockets = [self._connect(n) for n in range(count)]
        self.reconnected = {"headers": 0, "body": 0}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._trickle, daemon=True)

    def _connect(self, n: int) -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=10)
        if self.tls:
            sock = stack_module.insecure_context().wrap_socket(sock)
        if n % 2:
            sock.sendall(f"GET /c/{SLUG} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode())
        else:
            sock.sendall(
                f"POST /c/{SLUG} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                f"application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nx".encode()
            )
        return sock

    def _trickle(self) -> None:
        while not self._stop.wait(TRICKLE_EVERY):
            for n, sock in enumerate(self.sockets):
                try:
                    sock.sendall(b"X-Slow: 1\r\n" if n % 2 else b"x")
                except OSError:
                    self.reconnected["headers" if n % 2 else "body"] += 1
                    sock.close()
                    with contextlib.suppress(OSError):
                        self.sockets[n] = self._connect(n)

    def __enter__(self) -> SlowClients:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        for sock in self.sockets:
            sock.close()


def timed(call) -> float:
    started = time.monotonic()
    call()
    return time.monotonic() - started


def test_slow_clients_do_not_hold_up_anyone_else(stack):
    times: dict[str, list[float]] = {"health": [], "form": [], "post": []}
    with SlowClients(stack.nginx.https_port, CONNECTIONS, tls=True) as slow:
        deadline = time.monotonic() + SECONDS
        while time.monotonic() < deadline:
            client = Client(stack.base)
            times["health"].append(
                timed(lambda: assert_status(client.get("/health", timeout=5), 200))
            )
            tokens: dict = {}
            times["form"].append(timed(lambda: tokens.update(client.tokens(f"/c/{SLUG}"))))
            times["post"].append(
                timed(
                    lambda: assert_status(
                        client.post_form(f"/c/{SLUG}", {**tokens, "arvosana": "8"}), 302
                    )
                )
            )
            time.sleep(0.5)
        reconnected = dict(slow.reconnected)
    for name, seconds in times.items():
        assert len(seconds) >= 20, name
        assert max(seconds) < 1.0, (
            f"{name}: slowest {max(seconds):.2f} s (slow clients reconnected: {reconnected})"
        )
    # nginx held the slow bodies for the whole minute; it cut the slow headers and they came back.
    assert reconnected["body"] == 0 and reconnected["headers"] >= CONNECTIONS // 2, reconnected


def assert_status(reply, status: int) -> None:
    assert reply.status == status, (reply.status, reply.text[:200])
