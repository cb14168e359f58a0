"""The wellbeing services county (hyvinvointialue) level beside the municipality level of a
protected table, under the same small-group protection across both levels.

The municipality level publishes its groups (shown municipalities, "muut") × periods; the county
level publishes county groups (shown counties, "muut") × the same periods. Together they
determine every atom of the two partitions' common refinement: each shown municipality, and each
county group's hidden part (the county total minus its shown municipalities). Every published
figure, and every difference of published figures, is a sum of atoms; so when every atom in every
period is 0 or at least k (also after taking away what a group leader already knows), no
difference of the two levels shows a hidden municipality. A county group whose hidden part is
under k joins the county "muut"; when even one county group for all is not enough, no county
figure is published. docs/disclosure.md gives the single-level reasons.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Iterable

from surveyapp.core.protection import Table, Unit, bad_count, known_counts
from surveyapp.core.reports import Cell
from surveyapp.core.stats import OTHERS, suppress

NO_COUNTY = ""  # a typed municipality, or a response without one: always in the county "muut"


def with_counties(
    table: Table, cells: Iterable[Cell], county_of: dict[str, str], units: Iterable[Unit] = ()
) -> Table:
    """``table`` with its county level (``county_of``: municipality code -> county code)."""
    cells = list(cells)
    units = [replace(u, published=u.session in table.published_sessions) for u in units]
    if table.hidden or not cells:
        return table
    county = {c.municipality: county_of.get(c.municipality) or NO_COUNTY for c in cells}
    by_county: dict[str, int] = defaultdict(int)
    for cell in cells:
        by_county[county[cell.municipality]] += cell.n
    hidden = suppress(dict(by_county), table.min_cell)
    shown = [c for c in hidden.shown if c != NO_COUNTY]
    merged = [*hidden.merged, *([NO_COUNTY] if NO_COUNTY in hidden.shown else [])]
    while True:
        members = _members(county, shown, merged)
        bad = _bad_groups(table, cells, units, members)
        if not bad:
            break
        if not shown:
            return table  # not even one county group for all: nothing by county
        # The smallest county whose hidden part is under k joins "muut" (or the smallest of all,
        # when only "muut" is wrong), and again "muut" of one county would show that county.
        candidates = [g for g in shown if g in bad] or shown
        smallest = min(candidates, key=lambda g: (by_county[g], g))
        shown.remove(smallest)
        merged.append(smallest)
        if len(merged) == 1 and shown:
            merged.append(shown.pop(shown.index(min(shown, key=lambda g: (by_county[g], g)))))
    if not shown:
        return table  # one county group for all would only repeat the total
    groups = tuple(sorted(shown)) + ((OTHERS,) if merged else ())
    return replace(table, counties=groups, county_members=members)


def _members(county: dict[str, str], shown: list[str], merged: list[str]) -> dict:
    members: dict[str, list[str]] = defaultdict(list)
    for place, code in sorted(county.items()):
        members[code if code in shown else OTHERS].append(place)
    return {g: tuple(ms) for g, ms in members.items()}


def _bad_groups(table: Table, cells: list[Cell], units: list[Unit], members: dict) -> set[str]:
    """The county groups with a cell, or a hidden part, in some period that is neither 0 nor at
    least k once what someone may know is taken away."""
    k = table.min_cell
    index = {y: i for i, ys in enumerate(table.periods) for y in ys}
    group_of = {m: g for g, ms in members.items() for m in ms}
    shown_places = {g for g in table.groups if g != OTHERS}
    whole: dict = defaultdict(int)
    part: dict = defaultdict(int)
    for cell in cells:
        key = (group_of[cell.municipality], index[cell.period_start.year])
        whole[key] += cell.n
        if cell.municipality not in shown_places:
            part[key] += cell.n

    def cell_of(unit: Unit) -> tuple[str, int]:
        return group_of.get(unit.municipality, OTHERS), index[unit.year]

    known_whole = known_counts(units, cell_of)
    known_part = known_counts((u for u in units if u.municipality not in shown_places), cell_of)
    bad = set()
    for key, n in whole.items():
        if bad_count(n, known_whole.get(key, ()), k):
            bad.add(key[0])
    for key, n in part.items():
        if bad_count(n, known_part.get(key, ()), k):
            bad.add(key[0])
    return bad


def counties_of(db, codes: Iterable[str]) -> dict[str, str]:
    """Municipality code -> its county's code, for the official ones among ``codes``."""
    from sqlalchemy import select

    from surveyapp.core.models import Municipality

    rows = db.execute(
        select(Municipality.code, Municipality.county_code).where(
            Municipality.code.in_(set(codes)), Municipality.county_code.is_not(None)
        )
    )
    return dict(rows.all())


def county_names(db, language: str) -> dict[str, str]:
    """ "county:01" -> the county's name in ``language`` (Swedish or else Finnish), for the labels
    of result tables (result_tables.group_label)."""
    from sqlalchemy import select

    from surveyapp.core.models import County

    return {
        f"county:{c.code}": c.name_sv if language == "sv" else c.name
        for c in db.scalars(select(County))
    }
