"""The figures of a results dashboard, small groups protected. Plain data in, plain data out."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Iterable

from surveyapp.core import protection, reports
from surveyapp.core.instruments import spec
from surveyapp.core.reports import AnswerCell, Cell
from surveyapp.core.stats import (
    OTHERS,
    GradeSummary,
    OptionSummary,
    Suppression,
    combine,
    share,
    suppress,
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


def grades_from_counts(counts: dict[int, int]) -> GradeSummary:
    """A summary from grade → count, in time proportional to the grades, not to the answers."""
    distribution = {g: 0 for g in spec.GRADES}
    distribution.update(counts)
    return GradeSummary(sum(counts.values()), sum(g * n for g, n in counts.items()), distribution)


def median_of(summary: GradeSummary) -> Fraction | None:
    """Median from a distribution, without listing every answer."""
    if not summary.n:
        return None
    ordered = sorted(summary.distribution.items())

    def nth(position: int) -> int:  # 0-based
        seen = 0
        for grade, count in ordered:
            seen += count
            if position < seen:
                return grade
        raise IndexError(position)

    middle = summary.n // 2
    if summary.n % 2:
        return Fraction(nth(middle))
    return Fraction(nth(middle - 1) + nth(middle), 2)


@dataclass(frozen=True)
class GroupRow:
    key: str
    n: int
    share: Fraction | None
    grades: GradeSummary | None
    response_rate: Fraction | None = None
    members: tuple[str, ...] = ()  # for the merged "muut" row: which groups it holds
    hidden: bool = False  # fewer than min_cell: only "< min_cell" may be shown


@dataclass(frozen=True)
class Breakdown:
    by: str
    rows: tuple[GroupRow, ...]
    total: int
    suppression: Suppression | None = None


@dataclass
class ItemResult:
    item: spec.Item
    grades: GradeSummary | None = None
    median: Fraction | None = None
    bands: list[tuple[spec.Band, int, Fraction | None]] = field(default_factory=list)
    options: OptionSummary | None = None
    rows: list[tuple[spec.Row, OptionSummary]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    follow_ups: dict[str, list[str]] = field(default_factory=dict)
    # The municipality item shows its breakdown, small municipalities merged, never raw counts.
    groups: Breakdown | None = None


@dataclass
class Dashboard:
    n: int
    min_cell: int
    items: list[ItemResult]
    breakdowns: dict[str, Breakdown]
    grade_item: spec.Item | None
    invited: int | None = None  # everyone invited to the round, when known for every unit

    @property
    def hidden(self) -> bool:
        return self.n < self.min_cell

    @property
    def response_rate(self) -> Fraction | None:
        """Answers out of those invited: not each group's share of the answers."""
        return share(self.n, self.invited) if self.invited else None


def primary_grade(instrument: spec.Instrument) -> spec.Item | None:
    return next((i for i in instrument.items() if i.type == "grade"), None)


def options_of(
    item: spec.Item, municipality_options: Iterable[spec.Option]
) -> tuple[spec.Option, ...]:
    if isinstance(item, spec.ChoiceItem):
        return tuple(municipality_options) if item.role == "municipality" else item.options
    return item.scale.options


def option_summary(options: Iterable[spec.Option], counts: dict[str, int]) -> OptionSummary:
    options = tuple(options)
    return OptionSummary(
        counts={o.code: counts.get(o.code, 0) for o in options},
        values={o.code: None if o.dont_know else o.value for o in options},
    )


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
        merged = row("muut", hidden.merged)
        if not hidden.others_shown:
            merged = GroupRow(
                key="muut", n=merged.n, share=None, grades=None, members=merged.members, hidden=True
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

    grade_counts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    choice_counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for cell in answers:
        if cell.grade is not None:
            grade_counts[cell.item_code][cell.grade] += cell.n
        elif cell.choice_code is not None:
            choice_counts[cell.item_code][cell.choice_code] += cell.n
    written: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    for item_code, choice_code, text in texts:
        written[(item_code, choice_code)].append(text)

    items = []
    for item in instrument.items():
        result = ItemResult(item=item)
        if item.type in ("grade", "section_grade"):
            summary = grades_from_counts(grade_counts[item.code])
            result.grades, result.median = summary, median_of(summary)
            result.bands = [
                (
                    band,
                    sum(summary.distribution[g] for g in range(band.min, band.max + 1)),
                    share(
                        sum(summary.distribution[g] for g in range(band.min, band.max + 1)),
                        summary.n,
                    ),
                )
                for band in instrument.bands
            ]
        elif item.type == "matrix":
            result.rows = [
                (row, option_summary(item.scale.options, choice_counts[row.code]))
                for row in item.rows
            ]
        elif getattr(item, "role", None) == "municipality":
            # Only the protected table's groups, never the option counts (which would name small municipalities).
            result.groups = breakdowns.get("municipality") or Breakdown("municipality", (), n)
        elif item.type in ("scale", "choice"):
            options = options_of(item, municipality_options)
            result.options = option_summary(options, choice_counts[item.code])
            result.follow_ups = {
                o.code: written[(item.code, o.code)]
                for o in options
                if written[(item.code, o.code)]
            }
        else:
            result.texts = written[(item.code, None)]
        items.append(result)
    return Dashboard(
        n=n,
        min_cell=min_cell,
        items=items,
        breakdowns=breakdowns,
        grade_item=grade_item,
        invited=invited_total,
    )


def for_scope(
    session,
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
        reports.response_cells(session, scope, filters) if cells is None else cells,
        reports.answer_cells(session, scope, filters),
        reports.texts(session, scope, filters),
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


def _number(value: Fraction | None, places: int):
    """Exact half-up rounding, as a JSON number (or null)."""
    from surveyapp.core.stats import round_half_up

    return None if value is None else float(round_half_up(value, places))


def _grades(summary: GradeSummary | None) -> dict | None:
    if summary is None:
        return None
    return {
        "n": summary.n,
        "mean": _number(summary.mean, 2),
        "median": _number(median_of(summary), 1),
        "distribution": {str(g): summary.distribution[g] for g in spec.GRADES},
    }


def as_data(dashboard: Dashboard, by: str | None = None) -> dict:
    """The dashboard's figures, after small-group protection, for JSON."""
    out: dict = {
        "n": dashboard.n if not dashboard.hidden else None,
        "min_cell": dashboard.min_cell,
        "hidden": dashboard.hidden,
        "invited": dashboard.invited,
        "response_rate_percent": None if dashboard.hidden else _number(dashboard.response_rate, 1),
    }
    if dashboard.hidden:
        out["n_text"] = f"< {dashboard.min_cell}"
        return out
    items = []
    for result in dashboard.items:
        entry: dict = {
            "code": result.item.code,
            "number": result.item.number,
            "type": result.item.type,
        }
        if result.grades is not None:
            entry.update(_grades(result.grades))
            entry["bands"] = {
                band.code: {"n": count, "percent": _number(pct, 1)}
                for band, count, pct in result.bands
            }
        elif result.rows:
            entry["rows"] = {
                row.code: {
                    "n": s.n,
                    "mean": _number(s.mean, 2),
                    "counts": s.counts,
                    "percent": {c: _number(s.percent(c), 1) for c in s.counts},
                }
                for row, s in result.rows
            }
        elif result.groups is not None:
            entry["groups"] = _groups(result.groups, dashboard.min_cell)
        elif result.options is not None:
            s = result.options
            entry.update(
                {
                    "n": s.n,
                    "mean": _number(s.mean, 2),
                    "counts": s.counts,
                    "percent": {c: _number(s.percent(c), 1) for c in s.counts},
                    "texts": result.follow_ups,
                }
            )
        else:
            entry["texts"] = result.texts
        items.append(entry)
    out["items"] = items
    if by:
        out["by"] = by
        out["groups"] = _groups(dashboard.breakdowns[by], dashboard.min_cell)
    return out


def _groups(b: Breakdown, min_cell: int) -> list[dict]:
    return [
        {
            "group": row.key,
            "members": list(row.members) or None,
            "hidden": row.hidden,
            "n": None if row.hidden else row.n,
            "n_text": f"< {min_cell}" if row.hidden else str(row.n),
            "share_percent": None if row.hidden else _number(row.share, 1),
            "response_rate_percent": None if row.hidden else _number(row.response_rate, 1),
            "grades": None if row.hidden else _grades(row.grades),
        }
        for row in b.rows
    ]
