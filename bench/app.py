"""A bench-only app factory: the real app plus a bare endpoint that writes nothing (the framework ceiling).

Production serves `surveyapp:create_app()`, which never has this endpoint.
"""
from __future__ import annotations

from flask import Flask, jsonify, request

import surveyapp
from surveyapp.extensions import csrf


def create_app(test_config: dict | None = None) -> Flask:
    app = surveyapp.create_app(test_config)

    @app.post("/bench/bare")
    @csrf.exempt
    def bare():
        """Reads the same JSON a kiosk answer sends and answers like the kiosk API, touching no database."""
        body = request.get_json(silent=True)
        return jsonify(status="stored" if isinstance(body, dict) else "invalid"), 201

    return app
