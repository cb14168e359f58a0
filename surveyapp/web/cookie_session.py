"""The signed cookie session, left shut where the address alone is the authority.

A tablet's queued answers (`POST /kiosk/<token>/api`, kiosk/views.py) are admitted by the tablet's
address, never by a cookie. Such a request neither reads the browser's cookie (a group leader's
login on the same tablet is not looked up, nor its last use recorded) nor writes one: it gets an
empty session that is never saved. Every other request has Flask's signed cookie session.
"""

from __future__ import annotations

import re

from flask import Flask
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface

ADDRESS_ONLY = re.compile(r"/kiosk/[^/]+/api")


class Shut(SecureCookieSession):
    """The empty session of a request that carries no cookie authority; never saved."""


class CookieSessions(SecureCookieSessionInterface):
    def open_session(self, app: Flask, request) -> SecureCookieSession | None:
        if ADDRESS_ONLY.fullmatch(request.path):
            return Shut()
        return super().open_session(app, request)

    def save_session(self, app: Flask, session, response) -> None:
        if isinstance(session, Shut):
            return
        super().save_session(app, session, response)


def init_app(app: Flask) -> None:
    app.session_interface = CookieSessions()
