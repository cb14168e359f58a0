"""A form file's errors in the reader's language: where (sheet, row, column or YAML line), what."""

from __future__ import annotations

from flask_babel import gettext as _

from surveyapp.core.instruments.reader import LoadError, Term
from surveyapp.core.instruments.sheets import Place


def where(place: Place) -> str:
    if place.row and place.column:
        return _(
            "Sheet %(sheet)s, row %(row)s, column %(column)s",
            sheet=place.sheet,
            row=place.row,
            column=place.column,
        )
    if place.row:
        return _("Sheet %(sheet)s, row %(row)s", sheet=place.sheet, row=place.row)
    return _("Sheet %(sheet)s", sheet=place.sheet)


def message(error: LoadError) -> str:
    """The error's message in the reader's language, with its values as they were found."""
    if not error.msgid:
        return error.message
    params = {k: _(v) if isinstance(v, Term) else v for k, v in error.params.items()}
    return _(error.msgid, **params)


def error_lines(errors: list[LoadError]) -> list[str]:
    """One line per error: its cell or YAML line, the path in the form's data where no cell
    names it (the keys of the YAML file, as written), and the message. Plain text: the page
    escapes it."""
    lines = []
    for error in errors:
        parts = [where(error.place)] if error.place else []
        if error.line:
            parts.append(_("Line %(line)s", line=error.line))
        if error.path and not error.place:
            parts.append(error.path)
        lines.append(": ".join([*parts, message(error)]))
    return lines
