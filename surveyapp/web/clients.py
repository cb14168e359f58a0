"""Who is trying: a client's address, only ever as a keyed hash that changes every day.

The address is read from the request (behind SURVEYAPP_PROXY_COUNT trusted proxies, the one the
nearest trusted proxy put in X-Forwarded-For), hashed at once and never kept, logged or passed on.
The hash key is derived from the app's secret and the day (UTC), so a stored hash cannot be linked to
the same client on another day, nor turned back into an address without the secret.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress

from flask import current_app, request

DAY = 24 * 60 * 60


def day_key(secret: str | bytes, now: int) -> bytes:
    """The hash key of the day that contains Unix second ``now``."""
    secret = secret if isinstance(secret, bytes) else str(secret).encode()
    return hmac.new(
        secret, f"surveyapp throttle key, day {now // DAY}".encode(), hashlib.sha256
    ).digest()


def keyed(secret: str | bytes, now: int, *parts: str) -> str:
    """A keyed hash of the parts (the client, what was tried for), valid for one day's counting."""
    message = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return hmac.new(day_key(secret, now), message, hashlib.sha256).hexdigest()


def network(address: str) -> str:
    """The unit a client is counted by: an IPv4 address, an IPv6 /64 (one home or device gets a whole /64)."""
    try:
        parsed = ipaddress.ip_address(address.strip())
    except ValueError:
        return address.strip()
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.IPv6Network((parsed, 64), strict=False))
    return str(parsed)


def forwarded_address(forwarded_for: str, peer: str | None, proxies: int) -> str:
    """The client as the nearest of ``proxies`` trusted proxies saw it (what werkzeug's ProxyFix would take)."""
    if proxies <= 0:
        return peer or ""
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    return hops[-proxies] if len(hops) >= proxies else (peer or "")


def client_hash(now: int, *purpose: str) -> str:
    """The current request's client, keyed with ``purpose`` (e.g. "code", or "login" and an e-mail address)."""
    address = forwarded_address(
        ",".join(request.headers.getlist("X-Forwarded-For")),
        request.remote_addr,
        int(current_app.config["PROXY_COUNT"]),
    )
    return keyed(current_app.config["SECRET_KEY"], now, *purpose, network(address))
