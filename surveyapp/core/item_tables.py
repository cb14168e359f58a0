"""Tables of every grade item by group, of a split by a background question, and of a battery's ranking.

Rows prepared for templates/macros/tables.html, as in result_tables.py (``_`` is the caller's
gettext). A form with many grade items gets one table per breakdown with the items as rows and
n and mean per group as columns, the lead item first, so 22 items stay one readable table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from surveyapp.core import background, batteries, grade_items
from surveyapp.core.instruments import spec
from surveyapp.core.result_tables import Cell, Row, Table, Translate, group_label
from surveyapp.core.results import Dashboard
from surveyapp.core.stats import OTHERS
from surveyapp.core.summaries import Breakdown, GroupRow, ItemResult


@dataclass
class ItemTables:
    """What a dashboard adds for forms with several grade items, splits and batteries."""

    lead_note: str | None = None  # names the lead grade item the one-column tables show
    by_item: dict[str, Table] = field(
        default_factory=dict
    )  # "year"/"municipality" → items × groups
    split: Table | None = None
    split_items: Table | None = None
    batteries: dict[str, Table] = field(default_factory=dict)  # matrix item code → its ranking
    chart_items: list[tuple[str, str]] = field(default_factory=list)  # (code, label) to chart


def items_by_group(
    b: Breakdown,
    items: tuple[spec.Item, ...],
    caption: str,
    label_of,
    lang: str,
    _: Translate,
    printed: bool = False,
) -> Table:
    """Grade items as rows, n and mean of each shown group as columns (hidden groups are left out)."""
    shown = [row for row in b.rows if not row.hidden]
    headers = [_("Grade item")]
    for row in shown:
        label = label_of(row)
        headers += [_("%(group)s: n", group=label), _("%(group)s: mean", group=label)]

    def cells(item: spec.Item, row: GroupRow) -> list[Cell]:
        summary = row.item_grades.get(item.code)
        n = summary.n if summary else 0
        return [Cell(n), Cell(summary.mean if n else None, "number")]

    rows = tuple(
        Row(
            grade_items.label(item, lang),
            tuple(c for row in shown for c in cells(item, row)),
            () if printed else (("data-item", item.code),),
        )
        for item in items
    )
    attrs = () if printed else (("data-items-by", b.by),)
    return Table(caption, tuple(headers), rows, None if printed else "data", attrs)


def split_table(
    split: background.Split, dashboard: Dashboard, lang: str, _: Translate, printed: bool = False
) -> Table:
    """Answers, shares, the lead grade's mean and each battery's overall mean by background group."""
    matrices = [r.item for r in dashboard.items if isinstance(r.item, spec.MatrixItem)]
    lead = dashboard.grade_item
    headers = [
        "" if printed else _("Group"),
        _("Answers"),
        _("Share of respondents"),
        *([_("Mean grade")] if lead else []),
        *(_("Mean of all statements: %(item)s", item=grade_items.label(m, lang)) for m in matrices),
    ]

    def cells(row: GroupRow) -> tuple[Cell, ...]:
        if row.hidden:
            small = (
                Cell(f"< {dashboard.min_cell}", "text")
                if printed
                else Cell(dashboard.min_cell, "small")
            )
            return (small, *[Cell()] * (len(headers) - 2))
        means = split.batteries.get(row.key, {})
        return (
            Cell(row.n),
            Cell(row.share, "percent"),
            *(
                [Cell(row.grades.mean if row.grades and row.grades.n else None, "number")]
                if lead
                else []
            ),
            *(Cell(means[m.code].mean if m.code in means else None, "number") for m in matrices),
        )

    rows = tuple(
        Row(
            split_label(split, row, lang, _),
            cells(row),
            () if printed else (("data-group", row.key),),
        )
        for row in split.breakdown.rows
    )
    caption = _(
        "By %(item)s (n = %(n)s)", item=grade_items.label(split.item, lang), n=split.breakdown.total
    )
    if printed:
        return Table(caption, tuple(headers), rows)
    note = _(
        "Groups with fewer answers than the limit are combined into “others”, as municipalities are."
    )
    return Table(
        caption, tuple(headers), rows, "data", (("data-breakdown", split.item.code),), note
    )


def split_tables(
    split: background.Split, dashboard: Dashboard, lang: str, _: Translate, printed: bool = False
) -> tuple[Table, Table | None]:
    """The split's table, and its table of every grade item where the form has several."""
    items = dashboard.grade_items
    by_item = None
    if len(items) > 1:
        by_item = items_by_group(
            split.breakdown,
            items,
            _("Every grade item by %(item)s", item=grade_items.label(split.item, lang)),
            lambda row: split_label(split, row, lang, _),
            lang,
            _,
            printed,
        )
    return split_table(split, dashboard, lang, _, printed), by_item


def split_label(split: background.Split, row: GroupRow, lang: str, _: Translate) -> str:
    if row.key == OTHERS:
        names = ", ".join(background.group_name(split.item, m, lang, _) for m in row.members)
        return _("others combined") + (f" ({names})" if names else "")
    return background.group_name(split.item, row.key, lang, _)


def battery_table(result: ItemResult, lang: str, _: Translate, printed: bool = False) -> Table:
    """A battery's statements from the highest mean down, and the mean of all its statement answers."""
    whole = batteries.overall(result)
    rows = [
        Row(
            row.text.get(lang),
            (Cell(s.n), Cell(s.mean, "number")),
            () if printed else (("data-rank", row.code),),
        )
        for row, s in batteries.ranked(result)
    ]
    rows.append(
        Row(
            _("All statements together"),
            (Cell(whole.answers), Cell(whole.mean, "number")),
            () if printed else (("data-overall", None),),
        )
    )
    caption = _("Statements by mean")
    note = _(
        "All statements together: the mean of every statement answer, each answer counted once "
        "(weighted by answers, not a mean of the statements' means); n is the number of answers."
    )
    headers = (_("Statement"), "n", _("Mean"))
    return Table(caption, headers, tuple(rows), None if printed else "data", (), note)


def for_dashboard(
    dashboard: Dashboard,
    lang: str,
    names: Mapping[str, str],
    _: Translate,
    printed: bool = False,
) -> ItemTables:
    """The tables of every grade item, the split and the batteries of a dashboard, in ``lang``."""
    out = ItemTables()
    items = dashboard.grade_items
    if len(items) > 1 and dashboard.grade_item is not None:
        out.lead_note = _(
            "“Mean grade” in the tables above is that of “%(item)s”; every grade item's figures "
            "are in the tables by item.",
            item=grade_items.label(dashboard.grade_item, lang),
        )
        if "year" in dashboard.breakdowns:  # the trend chart's choice of item
            out.chart_items = [(i.code, grade_items.label(i, lang)) for i in items]
        captions = {
            "year": _("Every grade item by year"),
            "municipality": _("Every grade item by municipality"),
        }
        for by, b in dashboard.breakdowns.items():
            if by in captions and len([r for r in b.rows if not r.hidden]) >= 1:
                out.by_item[by] = items_by_group(
                    b,
                    items,
                    captions[by],
                    lambda row, by=by: group_label(by, row.key, names, _),
                    lang,
                    _,
                    printed,
                )
    if dashboard.split is not None:
        out.split, out.split_items = split_tables(dashboard.split, dashboard, lang, _, printed)
    for result in dashboard.items:
        if result.rows:
            out.batteries[result.item.code] = battery_table(result, lang, _, printed)
    return out
