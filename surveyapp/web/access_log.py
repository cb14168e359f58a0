"""gunicorn's logs without client details: no address, no time stamp, no capability in a path.

The access log format (gunicorn.conf.py) already leaves out the client address, the query string and the
time. A kiosk tablet's address is its key, though: whoever has `/kiosk/<token>` can answer into that
group session, and a share link's `/tulokset/<token>` opens a collection's results, so each token is
replaced before the line is written. gunicorn's error log would start
every line with a time stamp and writes `Invalid request from ip=<client>` for a malformed request (and
a request's full address, query string included, with a traceback): those are rewritten here too.
"""

from __future__ import annotations

import logging
import re

from gunicorn.glogging import Logger

KIOSK_TOKEN = re.compile(r"^/kiosk/[^/?\s]+")
SHARE_TOKEN = re.compile(r"^/tulokset/[^/?\s]+")
CLIENT_ADDRESS = re.compile(r"\bip=\S*?(?=:?\s|:$|$)")
# "Error handling request GET /c/x?koodi=…": the path stays, the query string and a tablet's token go.
REQUEST_LINE = re.compile(r"^(Error handling request (?:[A-Z]+ )?)(\S+)")


def without_capabilities(path: str) -> str:
    return SHARE_TOKEN.sub("/tulokset/-", KIOSK_TOKEN.sub("/kiosk/-", path))


def without_client_details(message: str) -> str:
    """An error-log message with the client's address and a request's query string and token removed."""
    message = CLIENT_ADDRESS.sub("ip=-", message)
    return REQUEST_LINE.sub(
        lambda m: m.group(1) + without_capabilities(m.group(2).split("?", 1)[0]), message
    )


class ClientDetailsFilter(logging.Filter):
    """Rewrites each error-log record before any handler formats it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = without_client_details(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True


class AccessLogger(Logger):
    """gunicorn's logger class (gunicorn.conf.py): both its logs without client details or time stamps."""

    # gunicorn's default starts with %(asctime)s; the process id tells the workers apart.
    error_fmt = r"[%(process)d] [%(levelname)s] %(message)s"

    def setup(self, cfg):
        super().setup(cfg)
        if not any(isinstance(f, ClientDetailsFilter) for f in self.error_log.filters):
            self.error_log.addFilter(ClientDetailsFilter())

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = without_capabilities(atoms["U"])
        return atoms
