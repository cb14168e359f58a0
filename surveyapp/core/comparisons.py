"""Surveys of one form side by side, or the years of one survey: per statement n, mean, share agreeing
and the change from the first column to the last.

Every column is a figure the collection already publishes (docs/disclosure.md): a whole collection
under its own protected table, or one period of a collection's table (every cell 0 or at least k).
A column whose table is withheld, or that has fewer than k answers, is hidden, and no change is
shown across it; there is no filter here, so nothing finer than those tables can be asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Iterable

from sqlalchemy.orm import Session

from surveyapp.core import protection, reports, results
from surveyapp.core.instruments import spec, types
from surveyapp.core.models import Collection
from surveyapp.core.statements import Figures, Statement, figures
from surveyapp.core.summaries import count, number

BY = ("years", "rounds")


@dataclass(frozen=True)
class Column:
    """One survey or period: its answers (None: hidden, fewer than k) and each statement's figures."""

    key: str
    label: str
    n: int | None
    figures: dict[str, Figures]

    @property
    def hidden(self) -> bool:
        return self.n is None


@dataclass(frozen=True)
class Comparison:
    instrument: spec.Instrument
    by: str  # "years" of one collection, or "rounds": several collections
    min_cell: int
    statements: tuple[Statement, ...]
    columns: tuple[Column, ...]

    @property
    def ends(self) -> tuple[Column, Column] | None:
        """The first and last columns, when there are two or more and both are shown."""
        if len(self.columns) < 2 or self.columns[0].hidden or self.columns[-1].hidden:
            return None
        return self.columns[0], self.columns[-1]

    def change(self, code: str) -> tuple[Fraction | None, Fraction | None]:
        """(change in mean, change in share agreeing in percentage points), first column to last,
        exact; None where either end is hidden or lacks the figure."""
        ends = self.ends
        if ends is None:
            return None, None
        first, last = (column.figures.get(code) for column in ends)
        if first is None or last is None:
            return None, None
        mean = None if first.mean is None or last.mean is None else last.mean - first.mean
        share = None if first.share is None or last.share is None else last.share - first.share
        return mean, share


def statements_of(instrument: spec.Instrument) -> tuple[Statement, ...]:
    return tuple(s for item in instrument.items() for s in types.of(item).statements(item))


def column(
    db: Session,
    scope: reports.Scope,
    filters: reports.Filters,
    key: str,
    label: str,
    n: int,
    statements: tuple[Statement, ...],
    visible: bool,
) -> Column:
    """A column's figures from the answers ``scope`` and ``filters`` select (none read when hidden)."""
    if not visible:
        return Column(key, label, None, {})
    counted = count(n, reports.answer_cells(db, scope, filters), ())
    return Column(
        key, label, n, {s.code: figures(s, counted.grades, counted.choices) for s in statements}
    )


def for_years(
    db: Session, instrument: spec.Instrument, collection: Collection, table: protection.Table
) -> Comparison:
    """The periods of one collection's protected table (``table``, from protection.for_collection)."""
    statements = statements_of(instrument)
    scope = reports.Scope(instrument.id, (collection.id,))
    columns = []
    if not table.hidden:
        for index, label in enumerate(table.period_labels()):
            n = sum(k for (_group, period), k in table.counts.items() if period == index)
            filters = results.selection(table, None, label)
            visible = n >= table.min_cell
            columns.append(column(db, scope, filters, label, label, n, statements, visible))
    return Comparison(instrument, "years", table.min_cell, statements, tuple(columns))


def for_rounds(
    db: Session,
    instrument: spec.Instrument,
    tables: Iterable[tuple[Collection, protection.Table]],
    min_cell: int,
) -> Comparison:
    """Collections of one instrument, each whole under its own protected table, oldest first."""
    statements = statements_of(instrument)
    ordered = sorted(tables, key=lambda ct: (ct[0].opens_on is None, ct[0].opens_on, ct[0].title))
    columns = []
    for collection, table in ordered:
        if collection.instrument_id != instrument.id:
            raise ValueError(f"{collection.slug} is not a collection of {instrument.id}")
        scope = reports.Scope(instrument.id, (collection.id,))
        visible = not table.hidden and table.total >= min_cell
        columns.append(
            column(
                db,
                scope,
                reports.Filters(),
                collection.slug,
                collection.title,
                table.total,
                statements,
                visible,
            )
        )
    return Comparison(instrument, "rounds", min_cell, statements, tuple(columns))


def as_data(comparison: Comparison) -> dict:
    """The comparison's figures, after small-group protection, for JSON (half-up, like the page)."""

    def figures_data(column: Column, statement: Statement) -> dict | None:
        found = column.figures.get(statement.code)
        if found is None:
            return None
        return {
            "n": found.n,
            "mean": number(found.mean, 2),
            "agreeing": found.agreeing,
            "share_agreeing_percent": number(found.share, 1),
        }

    columns = [
        {
            "key": c.key,
            "label": c.label,
            "hidden": c.hidden,
            "n": c.n,
            "n_text": f"< {comparison.min_cell}" if c.hidden else str(c.n),
        }
        for c in comparison.columns
    ]
    lines = []
    for s in comparison.statements:
        mean_change, share_change = comparison.change(s.code)
        lines.append(
            {
                "code": s.code,
                "number": s.number,
                "text": s.text.fi,
                "agreeing": list(s.agreeing),
                "columns": {c.key: figures_data(c, s) for c in comparison.columns},
                "change": {
                    "mean": number(mean_change, 2),
                    "share_agreeing_points": number(share_change, 1),
                },
            }
        )
    return {
        "instrument": comparison.instrument.id,
        "by": comparison.by,
        "min_cell": comparison.min_cell,
        "columns": columns,
        "statements": lines,
    }
