"""Results split by a background question: a choice item such as respondent group, unit or client/worker.

The groups are the item's options and "no answer". They are protected as municipalities are
(stats.suppress, as results.breakdown uses it): a group under k is merged into "others combined"
with the next smallest until that group has k answers and holds two groups or more, so the total
minus the shown groups is never one small group. The split is offered on a collection's whole
results only (no municipality or year filter): the same split inside a municipality or a period
could be subtracted from the whole one to reach a group under k (docs/disclosure.md).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from surveyapp.core import batteries, grade_items, reports
from surveyapp.core.instruments import spec, types
from surveyapp.core.stats import OTHERS, share, suppress
from surveyapp.core.summaries import Breakdown, GroupRow, count, groups_data, number

NO_ANSWER = ""


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


def build(
    instrument: spec.Instrument,
    item: spec.ChoiceItem,
    counts: dict[str, int],
    cells: list[reports.SplitCell],
    min_cell: int,
) -> Split:
    """The split of one filtered set of responses by ``item`` (``counts``: responses per group)."""
    lead = grade_items.lead(instrument)
    by_group: dict[str, list[reports.SplitCell]] = defaultdict(list)
    for cell in cells:
        by_group[cell.group].append(cell)
    total = sum(counts.values())
    hidden = suppress(dict(counts), min_cell)
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
        if not hidden.others_shown:
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
) -> Split:
    return build(
        instrument,
        item,
        reports.split_counts(db, scope, filters, item.code),
        reports.split_cells(db, scope, filters, item.code),
        min_cell,
    )


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
