"""Breakdowns of a dashboard: the protected table's rows or periods, or groups merged by stats.suppress.

Every row carries every grade item's figures (``GroupRow.item_grades``); ``GroupRow.grades`` is the
lead grade item's (core/grade_items.py), which the one-column tables and the chart name.
"""

from __future__ import annotations

from collections import defaultdict

from surveyapp.core import grade_items, protection
from surveyapp.core.reports import AnswerCell, Cell
from surveyapp.core.stats import OTHERS, GradeSummary, share, suppress
from surveyapp.core.summaries import Breakdown, GroupRow, grades_from_counts


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


def breakdown(
    by: str,
    cells: list[Cell],
    grade_cells: list[AnswerCell],
    min_cell: int,
    invited: dict[str, int] | None = None,
    *,
    lead: str | None = None,
) -> Breakdown:
    """Groups of ``cells`` by ``by``, small ones merged (stats.suppress); ``lead``: the lead grade item."""
    lead = lead_code(grade_cells, lead)
    counts: dict[str, int] = defaultdict(int)
    for cell in cells:
        counts[group_key(cell, by)] += cell.n
    grades = grade_items.by_group(grade_cells, lambda cell: group_key(cell, by))
    total = sum(counts.values())
    hidden = suppress(dict(counts), min_cell)
    invited = invited or {}

    def row(key: str, members: tuple[str, ...]) -> GroupRow:
        n = sum(counts[m] for m in members)
        per_item = grade_items.summaries({}, (grades.get(m, {}) for m in members))
        asked = sum(invited.get(m, 0) for m in members) if all(m in invited for m in members) else 0
        return GroupRow(
            key=key,
            n=n,
            share=share(n, total),
            grades=lead_summary(per_item, lead) if grade_cells else None,
            response_rate=share(n, asked) if asked else None,
            members=members if key not in members else (),
            item_grades=per_item,
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


def lead_summary(per_item: dict[str, GradeSummary], lead: str | None) -> GradeSummary:
    return per_item.get(lead) or grades_from_counts({})


def lead_code(grade_cells: list[AnswerCell], lead: str | None) -> str | None:
    """The lead grade item: as given, or the only item the grade cells are of."""
    codes = {c.item_code for c in grade_cells}
    return lead or (codes.pop() if len(codes) == 1 else None)


def protected_breakdown(
    by: str,
    table: protection.Table,
    cells: list[Cell],
    grade_cells: list[AnswerCell],
    invited: dict[str, int] | None = None,
    *,
    lead: str | None = None,
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
    elif by == "county":  # core/regions.py: only when the table has its county level

        def key(cell) -> str:
            return table.county_group_of(cell.municipality)

        order = list(table.counties)
    else:
        raise ValueError(f"unknown breakdown {by!r}")
    lead = lead_code(grade_cells, lead)
    counts: dict[str, int] = defaultdict(int)
    for cell in cells:
        counts[key(cell)] += cell.n
    grades = grade_items.by_group(grade_cells, key)
    total = sum(counts.values())
    invited = invited or {}
    rows = []
    for group in (g for g in order if counts.get(g)):
        members = {"municipality": table.members, "county": table.county_members}.get(by, {})
        members = members.get(group, ())
        asked = (
            sum(invited.get(m, 0) for m in members)
            if members and all(m in invited for m in members)
            else 0
        )
        per_item = grade_items.summaries(grades.get(group, {}))
        rows.append(
            GroupRow(
                key=group,
                n=counts[group],
                share=share(counts[group], total),
                grades=lead_summary(per_item, lead) if grade_cells else None,
                response_rate=share(counts[group], asked) if asked else None,
                members=members if group == OTHERS else (),
                item_grades=per_item,
            )
        )
    return Breakdown(by=by, rows=tuple(rows), total=total)
