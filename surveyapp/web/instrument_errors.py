"""A form file's errors in the reader's language: where (sheet, row, column or YAML line), what."""

from __future__ import annotations

from flask_babel import gettext as _

from surveyapp.core.instruments.reader import LoadError
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


def error_lines(errors: list[LoadError]) -> list[str]:
    """One line per error; the validator's own checks name the part of the form in English."""
    lines = []
    for error in errors:
        message = _(error.msgid, **error.params) if error.msgid else error.message
        parts = [where(error.place)] if error.place else []
        if error.line:
            parts.append(_("Line %(line)s", line=error.line))
        if error.path and not error.msgid:
            parts.append(error.path)
        lines.append(": ".join([*parts, message]))
    return lines
