"""The change report (change_report.py) as JSON data: the same protected figures as its page.

Shaped like the results JSON (summaries.py): figures rounded half-up to the places the page
shows, as JSON numbers; a change the page hides is ``null`` with ``n_text`` "< k", and a pair of
waves the page hides has no figures at all.
"""

from __future__ import annotations

from fractions import Fraction

from surveyapp.core.change_report import ItemChange, WavePair
from surveyapp.core.summaries import number


def _percent(share: Fraction | None) -> float | None:
    return number(None if share is None else share * 100, 1)


def _item(item_change: ItemChange, min_cell: int) -> dict:
    item, figures = item_change.item, item_change.change
    out = {"code": item.code, "number": item.number, "text": item.text.fi}
    if figures is None:
        return out | {"n": None, "n_text": f"< {min_cell}"}
    return out | {
        "n": figures.n,
        "n_text": str(figures.n),
        "mean_change": number(figures.mean_change, 2),
        "ci95_low": number(figures.low, 2),
        "ci95_high": number(figures.high, 2),
        "improved_percent": _percent(figures.improved),
        "unchanged_percent": _percent(figures.unchanged),
        "worse_percent": _percent(figures.worse),
    }


def as_data(series_name: str, pairs: list[WavePair], min_cell: int) -> dict:
    """The change report's figures, after small-group protection, for JSON."""
    out = []
    for pair in pairs:
        entry = {"first": pair.first.name, "second": pair.second.name, "shown": pair.shown}
        if pair.shown:
            entry |= {
                "paired": pair.paired,
                "answered": list(pair.answered),
                "match_rate_percent": [_percent(rate) for rate in pair.rates],
                "items": [_item(i, min_cell) for i in pair.items],
            }
        out.append(entry)
    return {
        "series": series_name,
        "min_cell": min_cell,
        "interval": "paired t, 95 %",
        "pairs": out,
    }
