"""The results page's choices beyond its filters: the grade item charted and the background question
the results are split by (GET parameters ``grade`` and ``by``, so they work without JavaScript)."""

from __future__ import annotations

from flask import request
from flask_babel import gettext as _

from surveyapp.core import background, grade_items
from surveyapp.core.instruments import spec
from surveyapp.web.language import form_language


def chart_item(instrument: spec.Instrument, notes: list[str]) -> spec.Item | None:
    """The grade item whose means the trend chart draws: ``?grade=<code>``, else the lead one."""
    raw = request.args.get("grade", "")
    items = {i.code: i for i in grade_items.of(instrument)}
    if raw and raw not in items:
        notes.append(
            _("The filter “%(value)s” is not available here and was left out.", value=raw[:40])
        )
    return items.get(raw) or grade_items.lead(instrument)


def split_options(instrument: spec.Instrument) -> list[tuple[str, str]]:
    """(code, label) of every background question the results can be split by."""
    lang = form_language(instrument)
    return [(i.code, grade_items.label(i, lang)) for i in background.items(instrument)]


def split_item(
    instrument: spec.Instrument, whole: bool, notes: list[str]
) -> spec.ChoiceItem | None:
    """The background question of ``?by=<code>``; offered only for a whole collection (``whole``)."""
    raw = request.args.get("by", "")
    if not raw:
        return None
    item = next((i for i in background.items(instrument) if i.code == raw), None)
    if item is None:
        notes.append(
            _("The filter “%(value)s” is not available here and was left out.", value=raw[:40])
        )
        return None
    if not whole:
        notes.append(
            _(
                "Results are split by a background question for the whole survey only, without a "
                "municipality or year filter, so that no small group can be worked out."
            )
        )
        return None
    return item
