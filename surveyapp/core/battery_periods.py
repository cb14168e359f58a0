"""The lead statement battery in the two latest published periods: what the summary band's change
since the previous period is computed from when a form has no grade to lead with.

Each period is a cell or margin of the collection's protected table (results.selection: a period,
within the page's municipality group if one is chosen), read only when the table is published
and the period has at least k answers there; otherwise there is no change to show.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from surveyapp.core import protection, reports, results
from surveyapp.core.instruments import spec, types
from surveyapp.core.summaries import ItemResult, count


@dataclass(frozen=True)
class Period:
    label: str  # as the table names it: "2025", or "2024–2025" for years published together
    result: ItemResult  # the battery's answers in this period


def lead_battery(instrument: spec.Instrument) -> spec.MatrixItem | None:
    """The battery the band leads with: the form's first (the first result with statement rows)."""
    return next((i for i in instrument.items() if isinstance(i, spec.MatrixItem)), None)


def latest_two(
    db: Session,
    instrument: spec.Instrument,
    scope: reports.Scope,
    table: protection.Table,
    group: str | None = None,
) -> tuple[Period, Period] | None:
    """The previous and the latest period with answers (in municipality group ``group`` if given);
    None without a battery, with fewer than two such periods, or when either has under k answers."""
    battery = lead_battery(instrument)
    if battery is None or table.hidden:
        return None

    def answers_in(index: int) -> int:
        return sum(k for (g, p), k in table.counts.items() if p == index and group in (None, g))

    with_answers = [
        (label, n) for index, label in enumerate(table.period_labels()) if (n := answers_in(index))
    ]
    if len(with_answers) < 2:
        return None
    two = with_answers[-2:]
    if any(n < table.min_cell for _label, n in two):
        return None
    previous, latest = (
        Period(label, summarised(db, battery, scope, results.selection(table, group, label), n))
        for label, n in two
    )
    return previous, latest


def summarised(
    db: Session, battery: spec.MatrixItem, scope: reports.Scope, filters: reports.Filters, n: int
) -> ItemResult:
    counted = count(n, reports.answer_cells(db, scope, filters), ())
    return types.of(battery).summarise(battery, counted)
