"""No client address and no time stamp in any log the deployment writes: gunicorn's and nginx's."""

from __future__ import annotations

import re
import socket
import ssl
import time

from surveyapp.web.access_log import without_client_details
from tests import stack as stack_module
from tests.deploy.conftest import SLUG, Client

TIME_STAMP = re.compile(r"\d{4}-\d\d-\d\d|\d\d:\d\d:\d\d|\d\d/[A-Z][a-z]{2}/\d{4}")


def raw(port: int, data: bytes, *, tls: bool = False, wait: float = 0.0) -> bytes:
    """Send bytes on a new connection and read what comes back."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    if tls:
        sock = stack_module.insecure_context().wrap_socket(sock)
    chunks = []
    with sock:
        sock.sendall(data)
        time.sleep(wait)
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except (OSError, ssl.SSLError):
            pass
    return b"".join(chunks)


def test_error_log_messages_lose_the_client_address_and_the_query():
    assert (
        without_client_details("Invalid request from ip=127.0.0.1: Invalid HTTP method: 'G\\x00T'")
        == "Invalid request from ip=-: Invalid HTTP method: 'G\\x00T'"
    )
    assert (
        without_client_details("Invalid request from ip=2001:db8::1: bad")
        == "Invalid request from ip=-: bad"
    )
    assert (
        without_client_details("Error handling request GET /c/x?koodi=ACDE-F347")
        == "Error handling request GET /c/x"
    )
    assert (
        without_client_details("Error handling request POST /kiosk/secret-token/api")
        == "Error handling request POST /kiosk/-/api"
    )


def test_malformed_and_slow_requests_leave_no_client_address_or_time_in_any_log(stack):
    host = stack.apps[0]
    # Malformed requests straight to gunicorn: it logs each one ("Invalid request from ip=…").
    for request in (
        b"G\x00T / HTTP/1.1\r\n\r\n",
        b"GET / HTTP/9.9\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
    ):
        assert raw(host.port, request).startswith(b"HTTP/1.1 400")
    # Through nginx: a malformed request, a client that stops sending, a non-TLS client on the TLS port,
    # an oversized body, a host that is down for a moment.
    assert b"400" in raw(stack.nginx.https_port, b"G\x00T / HTTP/1.1\r\n\r\n", tls=True)[:20]
    raw(stack.nginx.https_port, b"GET / HTTP/1.1\r\n\r\n")
    raw(stack.nginx.https_port, b"\x16\x03\x01\x00\x05hello")
    Client(stack.base).post_form(f"/c/{SLUG}", {"vapaa_palaute": "x" * 300_000})
    assert Client(stack.base).get("/health").status == 200
    time.sleep(0.5)  # let the workers write

    gunicorn_lines = [
        line for h in (*stack.apps, stack.reports) for line in h.log_path.read_text().splitlines()
    ]
    assert any("Invalid request from ip=-" in line for line in gunicorn_lines)
    for line in gunicorn_lines:
        assert "Listening at" in line or "127.0.0.1" not in line, line
        assert not TIME_STAMP.search(line), line

    nginx_logs = stack.nginx.log_text()
    assert "client:" not in nginx_logs and "127.0.0.1" not in nginx_logs, nginx_logs[-2000:]
    assert (
        not (stack.nginx.logs / "access.log").exists()
        or not (stack.nginx.logs / "access.log").read_text()
    )
