"""Language choice: a page's own (a kiosk participant's), ?lang=, then the session, then Accept-Language, then Finnish."""

from __future__ import annotations

from flask import Flask, current_app, g, request, session

from surveyapp.web.extensions import babel


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    # A shared tablet's participant chooses for themselves only: never remembered in the cookie.
    if g.get("page_language") in languages:
        return g.page_language
    asked = request.args.get("lang", "")
    if asked in languages:
        session["lang"] = asked
        return asked
    if session.get("lang") in languages:
        return session["lang"]
    return (
        request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
