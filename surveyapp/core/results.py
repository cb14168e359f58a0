"""The figures of a results dashboard, small groups protected. Plain data in, plain data out."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Iterable

from surveyapp.core import background, grade_items, protection, reports

# breakdown and group_key lived here: callers may still find them as results.breakdown, …
from surveyapp.core.breakdowns import breakdown as breakdown
from surveyapp.core.breakdowns import group_key as group_key
from surveyapp.core.breakdowns import protected_breakdown
from surveyapp.core.instruments import spec, types
from surveyapp.core.reports import AnswerCell, Cell
from surveyapp.core.stats import share
from surveyapp.core.summaries import (
    Breakdown,
    ItemResult,
    count,
    groups_data,
    number,
)

# What a collection publishes by: the protected table's two dimensions (docs/disclosure.md).
BREAKDOWNS = ("municipality", "year")
# ... and, where the table has it, its wellbeing services county level (core/regions.py).
COUNTY = "county"


@dataclass
class Dashboard:
    n: int
    min_cell: int
    items: list[ItemResult]
    breakdowns: dict[str, Breakdown]
    grade_item: spec.Item | None  # the lead grade (core/grade_items.py), named wherever it is shown
    invited: int | None = None  # everyone invited to the collection, when known for every unit
    grade_items: tuple[spec.Item, ...] = ()  # every grade item, the lead first
    split: background.Split | None = None  # by a background question (whole collection only)

    @property
    def hidden(self) -> bool:
        return self.n < self.min_cell

    @property
    def response_rate(self) -> Fraction | None:
        """Answers out of those invited: not each group's share of the answers."""
        return share(self.n, self.invited) if self.invited else None


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
    grade_item = grade_items.lead(instrument)
    every_grade = grade_items.ordered(instrument)
    codes = {i.code for i in every_grade}
    grade_cells = [c for c in answers if c.item_code in codes and c.grade is not None]
    lead = grade_item.code if grade_item else None
    if table is not None and table.hidden:
        n = min(n, min_cell - 1)  # nothing of a withheld table is published, not even its count
    breakdowns = (
        {}
        if table is None
        else {
            by: protected_breakdown(
                by, table, cells, grade_cells, invited if by == "municipality" else None, lead=lead
            )
            for by in (*BREAKDOWNS, *(("county",) if table.counties else ()))
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
            grade_items=every_grade,
        )

    counted = count(
        n,
        answers,
        texts,
        bands=instrument.bands,
        municipality_options=tuple(municipality_options),
        breakdowns=breakdowns,
    )
    items = [
        types.of(item).summarise(item, counted)
        for item in instrument.items()
        if types.of(item).in_results
    ]
    return Dashboard(
        n=n,
        min_cell=min_cell,
        items=items,
        breakdowns=breakdowns,
        grade_item=grade_item,
        invited=invited_total,
        grade_items=every_grade,
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
    split_by: spec.ChoiceItem | None = None,
    session_min_n: int = 1,
) -> Dashboard:
    """The dashboard of the responses a scope and filters select, read from the database.

    ``cells``: the response cells of exactly this scope and these filters, when the caller has them already.
    ``split_by``: a background question to split by (core/background.py: only for a whole collection);
    ``session_min_n``: from how many answers a leader sees a session's review (its answers are known).
    """
    dashboard = build(
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
    if split_by is not None and table is not None and not dashboard.hidden:
        dashboard.split = background.for_scope(
            db, instrument, split_by, scope, filters, min_cell, table, session_min_n
        )
    return dashboard


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
    out["lead_grade"] = dashboard.grade_item.code if dashboard.grade_item else None
    if "county" in dashboard.breakdowns:  # the county level, protected with the municipalities
        out["counties"] = groups_data(dashboard.breakdowns["county"], dashboard.min_cell)
    if by:
        out["by"] = by
        if dashboard.split is not None and dashboard.split.item.code == by:
            out["groups"] = background.as_data(dashboard.split, dashboard.min_cell)["groups"]
        elif by in dashboard.breakdowns:
            out["groups"] = groups_data(dashboard.breakdowns[by], dashboard.min_cell)
        else:  # by county, where the figures cannot be published by county (core/regions.py)
            out["groups"] = []
    return out
