"""A comparison's tables, labelled: surveys or years as columns, statements as rows, then the change.

Rendered by templates/macros/tables.html on the page and in the PDF report, like result_tables.py;
``_`` is the caller's gettext.
"""

from __future__ import annotations

from typing import Callable

from surveyapp.core.comparisons import Column, Comparison
from surveyapp.core.result_tables import Cell, Row, Table
from surveyapp.core.statements import Statement

Translate = Callable[..., str]


def statement_label(statement: Statement, lang: str) -> str:
    text = statement.text.get(lang)
    return f"{statement.number} {text}" if statement.number else text


def _small(comparison: Comparison, printed: bool) -> Cell:
    if printed:
        return Cell(f"< {comparison.min_cell}", "text")
    return Cell(comparison.min_cell, "small")


def _table(
    comparison: Comparison,
    caption: str,
    rows: list[tuple[str, str, Callable[[Column], Cell], Cell | None]],
    change_header: str | None,
    _: Translate,
    printed: bool,
    note: str | None = None,
) -> Table:
    """``rows``: (statement code, label, the cell of a shown column, the change cell or None)."""
    headers = (
        _("Statement"),
        *(c.label for c in comparison.columns),
        *((change_header,) if change_header else ()),
    )
    out = []
    for code, label, cell_of, change in rows:
        cells = [
            _small(comparison, printed) if c.hidden else cell_of(c) for c in comparison.columns
        ]
        if change_header:
            cells.append(change or Cell())
        out.append(Row(label, tuple(cells), () if printed else (("data-statement", code),)))
    attrs = () if printed else (("data-comparison", caption),)
    css = None if printed else "data comparison"
    return Table(caption, headers, tuple(out), css, attrs, note)


def for_comparison(
    comparison: Comparison, lang: str, _: Translate, printed: bool = False
) -> list[Table]:
    """Answers, means and shares agreeing, each a table with a change column where there are two
    or more columns; a table with no statement to show is left out."""
    if not comparison.columns:
        return []
    ends = comparison.ends
    two = len(comparison.columns) >= 2
    change_of = {s.code: comparison.change(s.code) for s in comparison.statements}

    def figure(code: str, attribute: str, format: str, places: int = 2):
        def cell_of(column: Column) -> Cell:
            found = column.figures.get(code)
            value = None if found is None else getattr(found, attribute)
            return Cell(value, format, places)

        return cell_of

    def change(code: str, which: int, places: int) -> Cell | None:
        value = change_of[code][which]
        return None if value is None else Cell(value, "change", places)

    first, last = (comparison.columns[0].label, comparison.columns[-1].label)
    mean_change = _("Change %(first)s → %(last)s", first=first, last=last) if two else None
    share_change = (
        _("Change %(first)s → %(last)s (percentage points)", first=first, last=last)
        if two
        else None
    )
    answers = [("", _("Answers (all)"), lambda c: Cell(c.n), None)] + [
        (s.code, statement_label(s, lang), figure(s.code, "n", "count"), None)
        for s in comparison.statements
    ]
    means = [
        (s.code, statement_label(s, lang), figure(s.code, "mean", "number"), change(s.code, 0, 2))
        for s in comparison.statements
        if s.has_mean
    ]
    shares = [
        (
            s.code,
            _(
                "%(statement)s (%(options)s)",
                statement=statement_label(s, lang),
                options=" / ".join(o.label.get(lang) for o in s.agreeing_options),
            ),
            figure(s.code, "share", "percent", 1),
            change(s.code, 1, 1),
        )
        for s in comparison.statements
        if s.agreeing
    ]
    note = (
        _(
            "No change is shown: the first or the last column has fewer than %(min)s answers.",
            min=comparison.min_cell,
        )
        if two and ends is None
        else None
    )
    tables = [_table(comparison, _("Answers"), answers, None, _, printed)]
    if means:
        tables.append(_table(comparison, _("Mean"), means, mean_change, _, printed, note))
    if shares:
        caption = _("Share agreeing")
        tables.append(_table(comparison, caption, shares, share_change, _, printed, note))
    return tables
