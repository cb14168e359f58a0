"""Respondent pages rendered once per process and config version, each request's own tokens filled in.

A form page or a thank-you page is the same for every respondent who asks for it at one address, in
one language, while nothing it shows has changed: only the CSRF token and the submission key differ.
So it is rendered once with placeholders (core/catalog.py keeps it, dropped when the version moves)
and each request gets a copy with its own tokens. Only addresses with the arguments a respondent's
link carries are kept; any other is rendered as before.
"""

from __future__ import annotations

from typing import Callable

from flask import request
from flask_wtf.csrf import generate_csrf

from surveyapp.web import database
from surveyapp.web.language import current_language, plain_language_chosen

# Stand-ins no page contains otherwise; letters only, so escaping never changes them.
CSRF_TOKEN = "surveyappCsrfTokenPlaceholder"
SUBMISSION_KEY = "surveyappSubmissionKeyPlaceholder"
# A link's language, plain-language choice and municipality; a card's code (?pari=) fills a field.
KEPT_ARGUMENTS = frozenset({"lang", "selko", "kunta"})
LONGEST_ARGUMENT = 20


def cacheable() -> bool:
    args = request.args
    return all(
        name in KEPT_ARGUMENTS and len(values) == 1 and len(values[0]) <= LONGEST_ARGUMENT
        for name, values in args.lists()
    )


def rendered(kind: str, render: Callable[[Callable[[], str], str], str], key: str = "") -> str:
    """The page ``render(csrf_token, submission_key)`` makes, with this request's token and ``key``.

    ``render`` is given the token as a function, as templates call it (Flask-WTF's csrf_token).
    """
    if not cacheable():
        return render(generate_csrf, key)
    page = database.catalog().remembered(
        "page",
        (kind, request.full_path, current_language(), plain_language_chosen()),
        lambda: render(lambda: CSRF_TOKEN, SUBMISSION_KEY),
    )
    if CSRF_TOKEN in page:  # only then is a token made (and kept in the session), as in a render
        page = page.replace(CSRF_TOKEN, generate_csrf())
    return page.replace(SUBMISSION_KEY, key)
