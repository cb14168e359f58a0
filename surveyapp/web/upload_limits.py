"""Posts that carry a form file may be larger than MAX_CONTENT_LENGTH; every other request keeps it.

A view marked with ``accepts_files(limit, refusal)`` reads bodies up to ``limit`` bytes. A larger
body is not read at all: the page is shown again with ``refusal()`` (the validator's own words, in
the reader's language), never a 413. Registered before CSRFProtect, which reads the body.
"""

from __future__ import annotations

from typing import Callable

from flask import Flask, current_app, flash, redirect, request


def accepts_files(limit: int, refusal: Callable[[], str]):
    """Mark a view whose posts may be up to ``limit`` bytes; ``refusal``: the message beyond."""

    def mark(view):
        view.upload_limit = (limit, refusal)
        return view

    return mark


def apply():
    """This request's own limit, if its view has one; a body over it answered without reading."""
    view = current_app.view_functions.get(request.endpoint or "")
    marked = getattr(view, "upload_limit", None)
    if marked is None or request.method != "POST":
        return None
    limit, refusal = marked
    if request.content_length is not None and request.content_length > limit:
        flash(refusal(), "error")
        return redirect(request.path, 303)
    request.max_content_length = limit
    return None


def init_app(app: Flask) -> None:
    app.before_request(apply)
