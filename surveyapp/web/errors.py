"""Error pages in the user's language: never a traceback."""

from __future__ import annotations

import traceback

from flask import Flask, abort, current_app, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable

from surveyapp.core import catalog
from surveyapp.web import database

# The tablet's queue reads these answers as JSON, errors included (an oversized post, a wrong address).
JSON_ENDPOINTS = frozenset({"kiosk.api"})


def _titles() -> dict[int, str]:
    return {
        400: _("The form could not be read"),
        403: _("No access"),
        404: _("Page not found"),
        405: _("Not allowed"),
        410: _("Closed"),
        413: _("Too much text"),
        500: _("Something went wrong"),
        503: _("Service unavailable"),
    }


def render_error(error: HTTPException):
    code = error.code or 500
    explanations = {
        404: _("Check the address. If you came here from a link, the link may be out of date."),
        413: _("The answer was too long to send. Shorten the longest answers and send again."),
        500: _("Your answer was not saved. Please try again in a moment."),
        503: _(
            "The connection to the service failed, so your answer may not have been saved. "
            "Please send it again in a moment; an answer is never stored twice."
        ),
    }
    # A view's own description (already in the user's language) beats werkzeug's English default.
    own = (
        error.description
        if error.description and error.description != type(error).description
        else None
    )
    text = own or explanations.get(code) or _("Please go back and try again.")
    title = _titles().get(code, _("Something went wrong"))
    if request.endpoint in JSON_ENDPOINTS:
        return jsonify(
            status="error" if code >= 500 else "invalid", message=f"{title}. {text}"
        ), code
    return render_template("errors/error.html", title=title, text=text, code=code), code


def handle_csrf(error: CSRFError):
    title = _("The form had expired")
    text = _(
        "For your security the form must be sent from the page it was opened on. "
        "Reload the page and answer again; nothing was saved."
    )
    if request.endpoint in JSON_ENDPOINTS:  # a cross-site post to the kiosk api (same_origin.py)
        return jsonify(status="invalid", message=f"{title}. {text}"), 400
    return render_template("errors/error.html", code=400, title=title, text=text), 400


def handle_unexpected(error: Exception):
    # The traceback goes to the log (which never holds client details); the user gets a clear page.
    if isinstance(error, DBAPIError):
        # The database's message quotes the row it refused ("Failing row contains (…)"), which
        # may be an answer: only the error's kind and the code's frames are logged.
        current_app.logger.error(
            "unexpected database error: %s\n%s",
            database_error_kind(error),
            "".join(traceback.format_tb(error.__traceback__)).rstrip(),
        )
    else:
        current_app.logger.error("unexpected error", exc_info=error)
    # Roll back anything half-done so nothing partial is stored.
    try:
        database.session().rollback()
    except Exception:  # pragma: no cover - the session itself may be broken
        pass
    return render_error(InternalServerError())


def database_error_kind(error: DBAPIError) -> str:
    """The driver's error class, SQLSTATE and constraint, without the message's quoted values."""
    diagnosis = getattr(error.orig, "diag", None)
    parts = [
        type(error.orig).__name__,
        getattr(error.orig, "sqlstate", None),
        getattr(diagnosis, "constraint_name", None),
    ]
    return " ".join(str(part) for part in parts if part)


def handle_database_unavailable(error: OperationalError | catalog.Changed):
    """The database is restarting or unreachable: a clear 503 that invites a retry, not a 500."""
    current_app.logger.warning(
        "database unavailable: %s", type(getattr(error, "orig", None) or error).__name__
    )
    try:
        database.session().rollback()
    except Exception:  # pragma: no cover - the connection is gone
        pass
    if request.is_json or request.accept_mimetypes.best == "application/json":
        response = jsonify(
            status="unavailable",
            message=_("The answer could not be saved right now; send it again."),
        )
        response.status_code = 503
    else:
        response = current_app.make_response(render_error(ServiceUnavailable()))
    response.headers["Retry-After"] = "2"
    return response


def too_large():
    """The proxy's answer to a post over its size limit (nginx: error_page 413), as the app's own page."""
    abort(413)


def init_app(app: Flask) -> None:
    app.add_url_rule("/virhe/liian-suuri", "too_large", too_large)
    app.register_error_handler(CSRFError, handle_csrf)
    app.register_error_handler(HTTPException, render_error)
    app.register_error_handler(OperationalError, handle_database_unavailable)
    # Settings saved again and again while an answer was being stored: nothing stored, send again.
    app.register_error_handler(catalog.Changed, handle_database_unavailable)
    app.register_error_handler(Exception, handle_unexpected)
