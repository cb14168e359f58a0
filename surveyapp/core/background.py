"""Results split by a background question: a choice item such as respondent group, unit or client/worker.

The groups are the item's options and "no answer". They are protected as municipalities are
(stats.suppress, as results.breakdown uses it): a group under k is merged into "others combined"
with the next smallest until that group has k answers and holds two groups or more, so the total
minus the shown groups is never one small group. The split is offered on a collection's whole
results only (no municipality or year filter): the same split inside a municipality or a period
could be subtracted from the whole one to reach a group under k (docs/disclosure.md). Group
sessions whose answers someone has seen (a leader's review, the coordinators' history) are known
units, as in the protected table: a group whose answers minus such a unit's would be under k is
merged too (protection.bad_count, protection.known_counts).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from surveyapp.core import batteries, grade_items, protection, reports
from surveyapp.core.instruments import spec, types
from surveyapp.core.stats import OTHERS, Suppression, share, suppress
from surveyapp.core.summaries import Breakdown, GroupRow, count, groups_data, number

NO_ANSWER = ""
_ANY_DAY = dt.date(2000, 1, 1)  # a split has no periods: a unit's date is not used


def items(instrument: spec.Instrument) -> tuple[spec.ChoiceItem, ...]:
    """The items results can be split by: every choice item but the municipality (its own breakdown)."""
    return tuple(
        i for i in instrument.items() if isinstance(i, spec.ChoiceItem) and i.role != "municipality"
    )


@dataclass(frozen=True)
class Split:
    item: spec.ChoiceItem
    breakdown: (
        Breakdown  # rows keyed by option code, "" (no answer) or "muut"; grades per grade item
    )
    # group → battery (matrix item) code → its overall mean over the group's statement answers
    batteries: dict[str, dict[str, batteries.Overall]] = field(default_factory=dict)


def groups(
    counts: dict[str, int], min_cell: int, units: list[protection.Unit] = ()
) -> tuple[Suppression, bool]:
    """The groups shown and merged, and whether the merged group may be shown: no group, nor the
    merged one, is under k or leaves under k once a known session unit (``Unit.municipality``: the
    unit's group here) is taken away."""
    hidden = suppress(dict(counts), min_cell)
    shown, merged = list(hidden.shown), list(hidden.merged)
    while True:
        place = {**{g: g for g in shown}, **{g: OTHERS for g in merged}}
        known = protection.known_counts(units, lambda u: place[u.municipality])
        sizes = {g: counts[g] for g in shown}
        if merged:
            sizes[OTHERS] = sum(counts[g] for g in merged)
        bad = [g for g, n in sizes.items() if protection.bad_count(n, known.get(g, ()), min_cell)]
        if not bad or not shown:
            break
        # A shown group that is bad joins the merged ones; if only the merged one is bad, the
        # smallest shown group joins it (and a lone merged group takes the next smallest along).
        shown.sort(key=lambda g: (g not in bad, counts[g], g))
        merged.append(shown.pop(0))
        if len(merged) == 1 and shown:
            shown.sort(key=lambda g: (counts[g], g))
            merged.append(shown.pop(0))
    others = sum(counts[g] for g in merged)
    result = Suppression(tuple(sorted(shown)), tuple(sorted(merged)), others, min_cell)
    return result, bool(merged) and OTHERS not in bad and others >= min_cell


def build(
    instrument: spec.Instrument,
    item: spec.ChoiceItem,
    counts: dict[str, int],
    cells: list[reports.SplitCell],
    min_cell: int,
    units: list[protection.Unit] = (),
) -> Split:
    """The split of one filtered set of responses by ``item`` (``counts``: responses per group;
    ``units``: group sessions' answers someone has seen, by group)."""
    lead = grade_items.lead(instrument)
    by_group: dict[str, list[reports.SplitCell]] = defaultdict(list)
    for cell in cells:
        by_group[cell.group].append(cell)
    total = sum(counts.values())
    hidden, others_shown = groups(counts, min_cell, list(units))
    matrices = [i for i in instrument.items() if isinstance(i, spec.MatrixItem)]
    overall: dict[str, dict[str, batteries.Overall]] = {}

    def row(key: str, members: tuple[str, ...]) -> GroupRow:
        n = sum(counts.get(m, 0) for m in members)
        mine = [c for m in members for c in by_group.get(m, ())]
        counted = count(n, mine, ())
        per_item = {
            i.code: types.of(i).summarise(i, counted).grades
            for i in grade_items.ordered(instrument)
        }
        overall[key] = {
            m.code: batteries.overall(types.of(m).summarise(m, counted)) for m in matrices
        }
        return GroupRow(
            key=key,
            n=n,
            share=share(n, total),
            grades=per_item[lead.code] if lead else None,
            members=members if key not in members else (),
            item_grades=per_item,
        )

    rows = [row(key, (key,)) for key in order(item, hidden.shown)]
    if hidden.merged:
        merged = row(OTHERS, hidden.merged)
        if not others_shown:
            overall.pop(OTHERS)
            merged = GroupRow(
                key=OTHERS, n=merged.n, share=None, grades=None, members=merged.members, hidden=True
            )
        rows.append(merged)
    return Split(
        item,
        Breakdown(by=item.code, rows=tuple(rows), total=total, suppression=hidden),
        overall,
    )


def order(item: spec.ChoiceItem, keys) -> list[str]:
    """Groups in the form's option order, "no answer" last."""
    position = {o.code: i for i, o in enumerate(item.options)}
    return sorted(keys, key=lambda k: (k == NO_ANSWER, position.get(k, len(position)), k))


def for_scope(
    db,
    instrument: spec.Instrument,
    item: spec.ChoiceItem,
    scope: reports.Scope,
    filters: reports.Filters,
    min_cell: int,
    table: protection.Table,
    review_min_n: int,
) -> Split:
    """The split of a whole collection; its group sessions are known units as in ``table``."""
    return build(
        instrument,
        item,
        reports.split_counts(db, scope, filters, item.code),
        reports.split_cells(db, scope, filters, item.code),
        min_cell,
        session_units(db, scope, item, table, review_min_n),
    )


def session_units(db, scope, item, table: protection.Table, review_min_n: int) -> list:
    """Each group session's answers by background group: reviewed by its leader from
    ``review_min_n`` answers, in the coordinators' history when the table publishes it."""
    rows = reports.split_sessions(db, scope, item.code)
    totals: dict[str, int] = defaultdict(int)
    for session, _group, _code, n in rows:
        totals[session] += n
    return [
        protection.Unit(
            session,
            group,
            code,
            _ANY_DAY,
            "kiosk",
            n,
            reviewed=totals[session] >= review_min_n,
            published=session in table.published_sessions,
        )
        for session, group, code, n in rows
    ]


def group_name(item: spec.ChoiceItem, key: str, lang: str, _) -> str:
    """A group's label: its option's text, or "no answer"."""
    if key == NO_ANSWER:
        return _("no answer")
    option = item.option(key)
    return option.label.get(lang) if option else key


def as_data(split: Split, min_cell: int) -> dict:
    """The split's figures for JSON, after small-group protection."""
    groups = groups_data(split.breakdown, min_cell)
    for entry in groups:
        means = split.batteries.get(entry["group"], {})
        entry["battery_means"] = {code: number(o.mean, 2) for code, o in means.items()} or None
    return {"item": split.item.code, "groups": groups}
