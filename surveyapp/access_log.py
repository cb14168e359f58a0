"""gunicorn's access log without the capabilities some paths carry.

The log format (gunicorn.conf.py) already leaves out the client address, the query string and the
time. A kiosk tablet's address is its key, though: whoever has `/kiosk/<token>` can answer into that
group session, so the token is replaced before the line is written.
"""
from __future__ import annotations

import re

from gunicorn.glogging import Logger

KIOSK_TOKEN = re.compile(r"^/kiosk/[^/]+")


def without_capabilities(path: str) -> str:
    return KIOSK_TOKEN.sub("/kiosk/-", path)


class AccessLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = without_capabilities(atoms["U"])
        return atoms
