"""Static files addressed by content: `/static/app.css?v=<hash>`, cached for a year under each version.

url_for('static', …) adds the hash of the file's bytes, so a changed file gets a new address; a
request with the current hash may be kept by the browser (and a proxy) for a year, anything else is
revalidated as before.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from flask import Flask, request

IMMUTABLE = "public, max-age=31536000, immutable"


@functools.cache
def version(folder: str, filename: str) -> str | None:
    """The first 12 hex digits of the file's SHA-256; None for a file that does not exist."""
    path = Path(folder) / filename
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    except OSError:
        return None


def init_app(app: Flask) -> None:
    folder = app.static_folder

    @app.url_defaults
    def add_version(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "v" not in values:
            digest = version(folder, values.get("filename", ""))
            if digest:
                values["v"] = digest

    @app.after_request
    def cache_versioned(response):
        if (
            request.endpoint == "static"
            and response.status_code == 200
            and request.args.get("v")
            and request.args["v"] == version(folder, (request.view_args or {}).get("filename", ""))
        ):
            response.headers["Cache-Control"] = IMMUTABLE
        return response
