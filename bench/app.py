"""A bench-only app factory: the real app plus a bare endpoint that writes nothing (the framework ceiling).

Production serves `surveyapp:create_app()`, which never has this endpoint.
"""

from __future__ import annotations

import time

from flask import Flask, jsonify, request

import surveyapp
from surveyapp.web.extensions import csrf


def create_app(test_config: dict | None = None) -> Flask:
    app = surveyapp.create_app(test_config)

    @app.post("/bench/bare")
    @csrf.exempt
    def bare():
        """Reads the same JSON a kiosk answer sends and answers like the kiosk API, touching no database."""
        body = request.get_json(silent=True)
        return jsonify(status="stored" if isinstance(body, dict) else "invalid"), 201

    return app


def log_in(app: Flask, client, user_id: str) -> None:
    """Log the test client in as ``user_id`` the way the login form does: a login_session row, its token in the cookie."""
    from surveyapp.core import logins
    from surveyapp.core.models import User

    with app.extensions["surveyapp.db"]() as session:
        token = logins.start(
            session,
            session.get(User, user_id),
            now=int(time.time()),
            idle_seconds=3600 * app.config["SESSION_IDLE_HOURS"],
        )
        session.commit()
    with client.session_transaction() as cookie:
        cookie["login"] = token
