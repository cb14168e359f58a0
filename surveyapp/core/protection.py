"""The one protected table a collection publishes from: municipality groups × periods, every cell 0 or ≥ k.

Every figure of a collection (dashboard under any filter, results JSON, PDF report, exports) is a cell
or a margin of this table, so differencing views only ever gives cells of the table: none is under k.
Municipalities are grouped once for the whole collection (small ones into "muut", the same in every
view); years are widened into periods ("2021–2022") until no cell of any group is under k. Group
sessions whose leaders see their own review are known units: a cell minus one group's reviewed
sessions, or minus all reviewed sessions, is 0 or ≥ k too. docs/disclosure.md gives the reasons.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Iterable

from surveyapp.core.reports import Cell
from surveyapp.core.stats import OTHERS, suppress


@dataclass(frozen=True)
class Unit:
    """One group session's answers in a municipality and year that someone outside this table sees.

    ``reviewed``: its leader's review shows them; ``published``: the coordinators' session history may show
    them (it does when the table allows: ``Table.published_sessions``).
    """

    session: str
    group: str
    municipality: str
    period_start: dt.date
    channel: str
    n: int
    reviewed: bool = True
    published: bool = False

    @property
    def year(self) -> int:
        return self.period_start.year


@dataclass(frozen=True)
class Table:
    min_cell: int
    total: int
    groups: tuple[str, ...]  # shown municipality codes, then "muut" when some are merged
    members: dict[str, tuple[str, ...]]  # group -> its municipality codes
    periods: tuple[tuple[int, ...], ...]  # consecutive years published together, oldest first
    counts: dict[tuple[str, int], int]  # (group, period index) -> answers
    withheld: bool = False  # no figure can be published at all
    published_sessions: frozenset[str] = (
        frozenset()
    )  # sessions whose figures the session history may show
    # The wellbeing services county level (core/regions.py): shown county codes, then "muut";
    # none when the collection's figures cannot be published by county.
    counties: tuple[str, ...] = ()
    county_members: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def hidden(self) -> bool:
        return self.total < self.min_cell or self.withheld

    def group_of(self, municipality: str) -> str:
        return next(g for g, ms in self.members.items() if municipality in ms)

    def county_group_of(self, municipality: str) -> str:
        return next(g for g, ms in self.county_members.items() if municipality in ms)

    def period_index(self, year: int) -> int:
        return next(i for i, years in enumerate(self.periods) if year in years)

    def period_label(self, index: int) -> str:
        years = self.periods[index]
        return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"

    def period_labels(self) -> list[str]:
        return [self.period_label(i) for i in range(len(self.periods))]

    def period_of_label(self, label: str) -> tuple[int, ...] | None:
        return next(
            (years for i, years in enumerate(self.periods) if self.period_label(i) == label), None
        )


def for_collection(
    db, collection, min_cell: int, session_min_n: int, cells: list[Cell] | None = None
) -> Table:
    """The protected table of a collection as it stands, its reviewed and published group sessions taken as known.

    ``cells``: the collection's unfiltered response cells, when the caller has read them already.
    """
    from surveyapp.core import group_sessions, regions, reports

    if cells is None:
        cells = reports.response_cells(
            db, reports.Scope(collection.instrument_id, (collection.id,)), reports.Filters()
        )
    units = list(group_sessions.units(db, collection, session_min_n, min_cell))
    table = build(cells, min_cell, units)
    county_of = regions.counties_of(db, (c.municipality for c in cells))
    return regions.with_counties(table, cells, county_of, units)


def bad_count(n: int, known: Iterable[int], k: int) -> bool:
    """A published count that is under k, or leaves under k after taking away what someone already knows."""
    return 0 < n < k or any(0 < n - m < k for m in known)


def _known(units: list[Unit], members: dict[str, tuple[str, ...]], periods: list[list[int]]):
    """(group, period) -> the answer counts someone may already know there."""
    index = {y: i for i, ys in enumerate(periods) for y in ys}
    place = {m: g for g, ms in members.items() for m in ms}
    return known_counts(units, lambda u: (place[u.municipality], index[u.year]))


def known_counts(units: Iterable[Unit], cell_of) -> dict:
    """cell -> the answer counts someone may already know in it (``cell_of`` maps a unit to its cell).

    A leader knows their own group's reviewed sessions, a coordinator the published ones, a coordinator
    who leads a group both, and a coordinator who opens every tablet's review all reviewed ones.
    """
    in_cell: dict = defaultdict(list)
    for unit in units:
        in_cell[cell_of(unit)].append(unit)
    known = {}
    for key, here in in_cell.items():
        leaders = {u.group for u in here}
        known[key] = [
            sum(u.n for u in here if u.reviewed),
            sum(u.n for u in here if u.published),
            *(
                sum(u.n for u in here if (u.reviewed and u.group == g) or u.published)
                for g in leaders
            ),
            *(sum(u.n for u in here if u.reviewed and u.group == g) for g in leaders),
        ]
    return known


def build(cells: Iterable[Cell], min_cell: int, units: Iterable[Unit] = ()) -> Table:
    """The protected table of one collection's responses (unfiltered cells)."""
    cells = list(cells)
    candidates = sorted({u.session for u in units if u.published})
    units = [replace(u, published=False) for u in units]
    by_place: dict[str, int] = defaultdict(int)
    for cell in cells:
        by_place[cell.municipality] += cell.n
    total = sum(by_place.values())
    hidden = suppress(dict(by_place), min_cell)
    merged = list(hidden.merged)
    shown = list(hidden.shown)
    years = sorted({c.period_start.year for c in cells})
    while True:
        members = {g: (g,) for g in shown}
        if merged:
            members[OTHERS] = tuple(sorted(merged))
        periods = [[y] for y in years]
        while True:
            counts = _counts(cells, members, periods)
            known = _known(units, members, periods)
            bad = sorted(
                (n, key) for key, n in counts.items() if bad_count(n, known.get(key, ()), min_cell)
            )
            if not bad or len(periods) < 2:
                break
            _widen(periods, bad[0][1][1], counts)
        if not bad or not shown:
            break
        # One period for all and still a cell under k (only when a reviewed session is most of a group):
        # the smallest shown municipality joins "muut".
        shown.sort(key=lambda g: (by_place[g], g))
        merged.append(shown.pop(0))
        if len(merged) == 1 and shown:
            merged.append(shown.pop(0))
    groups = tuple(sorted(g for g in members if g != OTHERS)) + (
        (OTHERS,) if OTHERS in members else ()
    )
    # Sessions of k answers or more go into the coordinators' history one by one while no cell of the table
    # would be left under k by taking them away.
    published: set[str] = set()
    for session in candidates if not bad else ():
        trial = [
            replace(u, published=u.session in published or u.session == session) for u in units
        ]
        known = _known(trial, members, periods)
        if not any(bad_count(n, known.get(key, ()), min_cell) for key, n in counts.items()):
            published.add(session)
    # bad here: even the whole collection as one cell is under k once a review is taken away; publish nothing.
    return Table(
        min_cell=min_cell,
        total=total,
        groups=groups,
        members=members,
        periods=tuple(tuple(p) for p in periods),
        counts=counts,
        withheld=bool(bad),
        published_sessions=frozenset(published),
    )


def _counts(cells, members, periods) -> dict[tuple[str, int], int]:
    place = {m: g for g, ms in members.items() for m in ms}
    index = {y: i for i, ys in enumerate(periods) for y in ys}
    counts: dict[tuple[str, int], int] = defaultdict(int)
    for cell in cells:
        counts[place[cell.municipality], index[cell.period_start.year]] += cell.n
    return dict(counts)


def _widen(periods: list[list[int]], i: int, counts: dict[tuple[str, int], int]) -> None:
    """Join period ``i`` with its smaller neighbour (the earlier one on a tie)."""

    def size(j: int) -> int:
        return sum(n for (_g, p), n in counts.items() if p == j)

    neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(periods)]
    j = min(neighbours, key=lambda j: (size(j), j))
    a, b = sorted((i, j))
    periods[a : b + 1] = [periods[a] + periods[b]]
