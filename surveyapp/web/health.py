"""A health check for the load balancer: 200 "ok" when the database answers, else 503."""

from __future__ import annotations

from flask import Blueprint, current_app
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from surveyapp.web import database

bp = Blueprint("health", __name__)


@bp.get("/health")
def health():
    for tries_left in (1, 0):
        try:
            with database.engine().connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError as error:
            if isinstance(error, DBAPIError) and error.connection_invalidated and tries_left:
                continue  # a pooled connection the database dropped: the pool is renewed now
            # The reason goes to the log only: the body never shows a URL, a host or a password.
            current_app.logger.warning(
                "health check: database unreachable (%s)", type(error).__name__
            )
            return _plain("unavailable", 503)
        return _plain("ok", 200)


def _plain(body: str, status: int):
    return body, status, {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}
