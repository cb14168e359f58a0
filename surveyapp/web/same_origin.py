"""Cross-site posts refused by what the browser says about the request's origin.

The CSRF token (Flask-WTF) stays on every form. Its HTTPS check would also demand a same-origin
Referer, which a browser never sends here: every page says `Referrer-Policy: no-referrer`. Instead,
on every unsafe method, the browser's own account is checked: `Sec-Fetch-Site` (sent by current
browsers, only "same-origin" or "none" — typed or bookmarked — is ours) and `Origin` (refused when it
names another origin; under no-referrer a browser may send `Origin: null`, which says nothing). A
client that sends neither (an old browser, a test client, a tablet's queue replaying) still needs the
CSRF token.
"""

from __future__ import annotations

from flask import Flask, request
from flask_wtf.csrf import CSRFError

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
OWN_SITE = frozenset({"same-origin", "none"})


def is_cross_origin(
    method: str, own_origin: str, origin: str | None, fetch_site: str | None
) -> bool:
    if method in SAFE_METHODS:
        return False
    if fetch_site is not None and fetch_site.strip().lower() not in OWN_SITE:
        return True
    return origin not in (None, "null") and origin.rstrip("/").lower() != own_origin.lower()


def check() -> None:
    # request.host_url is scheme://host[:port]/ as the app sees it (behind the proxy: its forwarded values).
    if is_cross_origin(
        request.method,
        request.host_url.rstrip("/"),
        request.headers.get("Origin"),
        request.headers.get("Sec-Fetch-Site"),
    ):
        raise CSRFError("cross-origin request")


def init_app(app: Flask) -> None:
    # Registered before CSRFProtect, so a cross-site post is refused before its token is even read.
    app.before_request(check)
