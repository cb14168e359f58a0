"""The figures of a results dashboard, small groups protected. Plain data in, plain data out."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction
from typing import Iterable

from surveyapp.core import protection, reports
from surveyapp.core.instruments import spec, types
from surveyapp.core.reports import AnswerCell, Cell
from surveyapp.core.stats import OTHERS, combine, share, suppress
from surveyapp.core.summaries import (
    Breakdown,
    GroupRow,
    ItemResult,
    count,
    grades_from_counts,
    groups_data,
    number,
)

# What a collection publishes by: the protected table's two dimensions (docs/disclosure.md).
BREAKDOWNS = ("municipality", "year")


def group_key(cell: Cell | AnswerCell, by: str) -> str:
    if by == "municipality":
        return cell.municipality
    if by == "year":
        return str(cell.period_start.year)
    if by == "month":
        return f"{cell.period_start.year}-{cell.period_start.month:02d}"
    if by == "channel":
        return cell.channel
    raise ValueError(f"unknown breakdown {by!r}")


@dataclass
class Dashboard:
    n: int
    min_cell: int
    items: list[ItemResult]
    breakdowns: dict[str, Breakdown]
    grade_item: spec.Item | None
    invited: int | None = None  # everyone invited to the collection, when known for every unit

    @property
    def hidden(self) -> bool:
        return self.n < self.min_cell

    @property
    def response_rate(self) -> Fraction | None:
        """Answers out of those invited: not each group's share of the answers."""
        return share(self.n, self.invited) if self.invited else None


def primary_grade(instrument: spec.Instrument) -> spec.Item | None:
    return next((i for i in instrument.items() if i.type == "grade"), None)


def breakdown(
    by: str,
    cells: list[Cell],
    grade_cells: list[AnswerCell],
    min_cell: int,
    invited: dict[str, int] | None = None,
) -> Breakdown:
    counts: dict[str, int] = defaultdict(int)
    for cell in cells:
        counts[group_key(cell, by)] += cell.n
    grades: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for cell in grade_cells:
        grades[group_key(cell, by)][cell.grade] += cell.n
    total = sum(counts.values())
    hidden = suppress(dict(counts), min_cell)
    invited = invited or {}

    def row(key: str, members: tuple[str, ...]) -> GroupRow:
        n = sum(counts[m] for m in members)
        summary = combine(grades_from_counts(grades[m]) for m in members) if grade_cells else None
        asked = sum(invited.get(m, 0) for m in members) if all(m in invited for m in members) else 0
        return GroupRow(
            key=key,
            n=n,
            share=share(n, total),
            grades=summary,
            response_rate=share(n, asked) if asked else None,
            members=members if key not in members else (),
        )

    rows = [row(key, (key,)) for key in hidden.shown]
    if hidden.merged:
        merged = row(OTHERS, hidden.merged)
        if not hidden.others_shown:
            merged = GroupRow(
                key=OTHERS, n=merged.n, share=None, grades=None, members=merged.members, hidden=True
            )
        rows.append(merged)
    return Breakdown(by=by, rows=tuple(rows), total=total, suppression=hidden)


def protected_breakdown(
    by: str,
    table: protection.Table,
    cells: list[Cell],
    grade_cells: list[AnswerCell],
    invited: dict[str, int] | None = None,
) -> Breakdown:
    """The rows of the protected table (or of its periods) that a filtered set of responses falls in.

    Every row is a cell or margin of the table, so none is under the limit and none needs hiding here.
    """
    if by == "municipality":

        def key(cell) -> str:
            return table.group_of(cell.municipality)

        order = list(table.groups)
    elif by == "year":

        def key(cell) -> str:
            return table.period_label(table.period_index(cell.period_start.year))

        order = table.period_labels()
    else:
        raise ValueError(f"unknown breakdown {by!r}")
    counts: dict[str, int] = defaultdict(int)
    for cell in cells:
        counts[key(cell)] += cell.n
    grades: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for cell in grade_cells:
        grades[key(cell)][cell.grade] += cell.n
    total = sum(counts.values())
    invited = invited or {}
    rows = []
    for group in (g for g in order if counts.get(g)):
        members = table.members.get(group, ()) if by == "municipality" else ()
        asked = (
            sum(invited.get(m, 0) for m in members)
            if members and all(m in invited for m in members)
            else 0
        )
        rows.append(
            GroupRow(
                key=group,
                n=counts[group],
                share=share(counts[group], total),
                grades=grades_from_counts(grades[group]) if grade_cells else None,
                response_rate=share(counts[group], asked) if asked else None,
                members=members if group == OTHERS else (),
            )
        )
    return Breakdown(by=by, rows=tuple(rows), total=total)


def build(
    instrument: spec.Instrument,
    cells: list[Cell],
    answers: list[AnswerCell],
    texts: list[tuple[str, str | None, str]],
    *,
    min_cell: int,
    table: protection.Table | None = None,
    municipality_options: Iterable[spec.Option] = (),
    invited: dict[str | None, int] | None = None,
    invited_total: int | None = None,
) -> Dashboard:
    """Everything a dashboard shows for one filtered set of responses.

    ``cells`` must be a cell or margin of ``table`` (the collection's protected table); without a table
    (one form across collections) there are no breakdowns. ``invited`` (per municipality) and
    ``invited_total`` give response rates; without them only each group's share can be shown.
    """
    n = sum(c.n for c in cells)
    grade_item = primary_grade(instrument)
    grade_cells = [
        c for c in answers if grade_item and c.item_code == grade_item.code and c.grade is not None
    ]
    if table is not None and table.hidden:
        n = min(n, min_cell - 1)  # nothing of a withheld table is published, not even its count
    breakdowns = (
        {}
        if table is None
        else {
            by: protected_breakdown(
                by, table, cells, grade_cells, invited if by == "municipality" else None
            )
            for by in BREAKDOWNS
        }
    )
    if n < min_cell:
        return Dashboard(
            n=n,
            min_cell=min_cell,
            items=[],
            breakdowns={},
            grade_item=grade_item,
            invited=invited_total,
        )

    counted = count(
        n,
        answers,
        texts,
        bands=instrument.bands,
        municipality_options=tuple(municipality_options),
        breakdowns=breakdowns,
    )
    items = [types.of(item).summarise(item, counted) for item in instrument.items()]
    return Dashboard(
        n=n,
        min_cell=min_cell,
        items=items,
        breakdowns=breakdowns,
        grade_item=grade_item,
        invited=invited_total,
    )


def for_scope(
    db,
    instrument: spec.Instrument,
    scope: reports.Scope,
    filters: reports.Filters,
    *,
    min_cell: int,
    table: protection.Table | None = None,
    municipality_options: Iterable[spec.Option] = (),
    invited: dict[str | None, int] | None = None,
    invited_total: int | None = None,
    cells: list[Cell] | None = None,
) -> Dashboard:
    """The dashboard of the responses a scope and filters select, read from the database.

    ``cells``: the response cells of exactly this scope and these filters, when the caller has them already.
    """
    return build(
        instrument,
        reports.response_cells(db, scope, filters) if cells is None else cells,
        reports.answer_cells(db, scope, filters),
        reports.texts(db, scope, filters),
        min_cell=min_cell,
        table=table,
        municipality_options=municipality_options,
        invited=invited,
        invited_total=invited_total,
    )


def selection(table: protection.Table, group: str | None, period: str | None) -> reports.Filters:
    """The filters of one cell or margin of the protected table: a municipality group, a period, or both."""
    years = table.period_of_label(period) if period else None
    return reports.Filters(
        places=table.members[group] if group else None,
        years=(years[0], years[-1]) if years else None,
    )


def as_data(dashboard: Dashboard, by: str | None = None) -> dict:
    """The dashboard's figures, after small-group protection, for JSON."""
    out: dict = {
        "n": dashboard.n if not dashboard.hidden else None,
        "min_cell": dashboard.min_cell,
        "hidden": dashboard.hidden,
        "invited": dashboard.invited,
        "response_rate_percent": None if dashboard.hidden else number(dashboard.response_rate, 1),
    }
    if dashboard.hidden:
        out["n_text"] = f"< {dashboard.min_cell}"
        return out
    items = []
    for result in dashboard.items:
        item = result.item
        entry: dict = {"code": item.code, "number": item.number, "type": item.type}
        entry.update(types.of(item).data(result, dashboard.min_cell))
        items.append(entry)
    out["items"] = items
    if by:
        out["by"] = by
        out["groups"] = groups_data(dashboard.breakdowns[by], dashboard.min_cell)
    return out
