"""Response headers every page gets: a Content-Security-Policy without inline code, HSTS over HTTPS."""

from __future__ import annotations

from flask import Flask, request
from werkzeug.middleware.proxy_fix import ProxyFix

# Scripts, styles, images and fonts only from the app itself; nothing inline, no frames, no plugins.
# Theme colours come from a stylesheet route; charts are SVG drawn by the server.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "camera",
        "microphone",
        "geolocation",
        "payment",
        "usb",
        "interest-cohort",
        "browsing-topics",
    )
)
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
}
# Two years, the preload list's minimum; only ever sent over HTTPS, where a browser honours it.
HSTS = "max-age=63072000; includeSubDomains"


def add_headers(response):
    # A response may set a stricter policy of its own (the logo: default-src 'none').
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def init_app(app: Flask) -> None:
    app.after_request(add_headers)
    proxies = int(app.config["PROXY_COUNT"])
    if proxies:
        # Trust the proxies' scheme and host (so HTTPS is seen as HTTPS); never X-Forwarded-For here, so
        # request.remote_addr stays the proxy's. Only clients.py reads the forwarded address, into a
        # daily keyed hash for counting failed tries, never stored or logged.
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=0, x_proto=proxies, x_host=proxies, x_port=0, x_prefix=0
        )
