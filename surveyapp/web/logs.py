"""Logging that never records who answered or when: no client addresses, no request lines, no time stamps."""

from __future__ import annotations

import logging

from flask.logging import default_handler

# Flask's own format starts with %(asctime)s; an error's time could be matched with an answer's.
APP_FORMAT = "%(levelname)s in %(module)s: %(message)s"


class DropRequestLines(logging.Filter):
    """Werkzeug's development server logs each request with the client's address; drop those."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name == "werkzeug" and " - - [" in str(record.msg))


def init_app(_app) -> None:
    logger = logging.getLogger("werkzeug")
    if not any(isinstance(f, DropRequestLines) for f in logger.filters):
        logger.addFilter(DropRequestLines())
    default_handler.setFormatter(logging.Formatter(APP_FORMAT))
