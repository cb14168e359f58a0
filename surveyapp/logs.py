"""Logging that never records who answered: no client addresses, no request lines."""
from __future__ import annotations

import logging


class DropRequestLines(logging.Filter):
    """Werkzeug's development server logs each request with the client's address; drop those."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name == "werkzeug" and " - - [" in str(record.msg))


def init_app(_app) -> None:
    logger = logging.getLogger("werkzeug")
    if not any(isinstance(f, DropRequestLines) for f in logger.filters):
        logger.addFilter(DropRequestLines())
