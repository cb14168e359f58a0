"""A dashboard's tables as rows to show: captions, column headers, labels and figures already chosen.

The results page and the printed report both render these with templates/macros/tables.html; the
templates only loop and format (figures stay numbers, so Finnish formatting stays in the filters).
``_`` is the caller's gettext (``_("Answers (n = %(n)s)", n=7)``), so the msgids are the templates'.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Callable, Mapping

from surveyapp.core.instruments import spec, types
from surveyapp.core.results import Dashboard
from surveyapp.core.stats import OTHERS, GradeSummary
from surveyapp.core.summaries import Breakdown, GroupRow, ItemResult

Translate = Callable[..., str]
Attributes = tuple[tuple[str, str | None], ...]  # (name, value); None: an attribute without a value


@dataclass(frozen=True)
class Cell:
    """One figure. ``format``: count, number (``places`` decimals), percent, count_percent (a count
    and its ``share``), small (fewer than ``value`` answers) or text. A value of None shows a dash."""

    value: object = None
    format: str = "count"
    places: int = 2
    share: Fraction | None = None
    attrs: Attributes = ()


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Cell, ...]
    attrs: Attributes = ()


@dataclass(frozen=True)
class Table:
    caption: str
    headers: tuple[str, ...]  # the column headers, the row labels' first; () for none
    rows: tuple[Row, ...]
    css: str | None = None
    attrs: Attributes = ()
    note: str | None = None  # a help text shown after the table


@dataclass
class Tables:
    """Everything tabular on a dashboard page or a printed report."""

    breakdowns: dict[str, Table] = field(default_factory=dict)
    items: dict[str, Table] = field(default_factory=dict)  # item code → its table
    follow_ups: dict[str, list[tuple[str, list[str]]]] = field(default_factory=dict)
    trend_captions: dict[str, str] = field(default_factory=dict)  # a period's mean-grade chart


def channel_name(channel: str, _: Translate) -> str:
    return {
        "web": _("web form"),
        "kiosk": _("tablet"),
        "paper": _("paper"),
        "import": _("imported"),
    }.get(channel, channel)


def group_label(
    by: str, key: str, names: Mapping[str, str], _: Translate, members: tuple[str, ...] = ()
) -> str:
    """A breakdown row's label: a municipality's name, a channel, 3/2019, or the merged others."""
    if key == OTHERS:
        label = _("others combined")
        if members:
            of = "municipality" if by == "county" else by  # a county "muut" lists municipalities
            label += " (" + ", ".join(group_label(of, m, names, _) for m in members) + ")"
        return label
    if by == "municipality":
        return names.get(key) or _("not known")
    if by == "county":  # names holds the counties' as "county:01" (regions.county_names)
        return names.get(f"county:{key}") or key
    if by == "channel":
        return channel_name(key, _)
    if by == "month":
        return f"{int(key[5:])}/{key[:4]}"
    return key


def option_label(item: spec.Item, code: str, lang: str, names: Mapping[str, str], _: Translate):
    if getattr(item, "role", None) == "municipality":
        return names.get(code) or _("other / prefer not to say")
    option = next((o for o in types.of(item).options(item) if o.code == code), None)
    return option.label.get(lang) if option else code


def breakdown_table(
    b: Breakdown,
    caption: str,
    dashboard: Dashboard,
    names: Mapping[str, str],
    _: Translate,
    printed: bool = False,
) -> Table:
    """Answers, shares, response rates and mean grades by group; on screen, each municipality's grades."""
    place = b.by == "municipality"
    grades = dashboard.grade_item is not None
    detail = place and grades and not printed
    first = {
        "municipality": _("Municipality"),
        "year": _("Year"),
        "month": _("Month"),
        "channel": _("Channel"),
        "county": _("Wellbeing services county"),
    }
    headers = [
        "" if printed else first[b.by],
        _("Answers"),
        _("Share of respondents"),
        *([_("Response rate (answers / invited)")] if place else []),
        *([_("Mean grade")] if grades else []),
        *([_("grade %(g)s", g=g) for g in spec.GRADES] if detail else []),
    ]

    def cells(row: GroupRow) -> list[Cell]:
        if row.hidden:
            small = (
                Cell(f"< {dashboard.min_cell}", "text")
                if printed
                else Cell(dashboard.min_cell, "small")
            )
            return [small, *[Cell()] * (len(headers) - 2)]
        summary = row.grades
        return [
            Cell(row.n),
            Cell(row.share, "percent"),
            *([Cell(row.response_rate, "percent")] if place else []),
            *([Cell(summary.mean if summary and summary.n else None, "number")] if grades else []),
            *(
                [Cell(summary.distribution[g] if summary else None) for g in spec.GRADES]
                if detail
                else []
            ),
        ]

    rows = tuple(
        Row(
            group_label(b.by, row.key, names, _, () if printed else row.members),
            tuple(cells(row)),
            () if printed else (("data-group", row.key),),
        )
        for row in b.rows
    )
    note = (
        _(
            "Share of respondents: the municipality's part of all answers. Response rate: the "
            "municipality's answers out of the people invited there, shown where the number invited "
            "is known."
        )
        if place and not printed
        else None
    )
    if printed:
        return Table(caption, tuple(headers), rows)
    return Table(caption, tuple(headers), rows, "data", (("data-breakdown", b.by),), note)


def grade_table(summary: GradeSummary, _: Translate, printed: bool = False) -> Table:
    """The grades given: counts and percentages on screen, counts and the mean in print."""
    caption = _("Grades given (n = %(n)s)", n=summary.n)
    grades = [str(g) for g in spec.GRADES]
    counts = [Cell(summary.distribution[g]) for g in spec.GRADES]
    if printed:
        row = Row(_("Answers"), (*counts, Cell(summary.mean, "number")))
        return Table(caption, (_("Grade"), *grades, _("Mean")), (row,))
    percents = [Cell(summary.percent(g), "percent") for g in spec.GRADES]
    rows = (
        Row(_("Answers"), (*counts, Cell(summary.n))),
        Row("%", (*percents, Cell(100, "percent"))),
    )
    return Table(caption, (_("Grade"), *grades, _("Total")), rows, "data")


def matrix_table(result: ItemResult, lang: str, _: Translate, printed: bool = False) -> Table:
    """A matrix's statements by answer option, with each statement's n and mean."""
    options = result.item.scale.options
    headers = (_("Statement"), *(o.label.get(lang) for o in options), "n", _("Mean"))
    rows = []
    for row, s in result.rows:
        if printed:
            counts = tuple(Cell(s.counts[o.code]) for o in options)
            rows.append(Row(row.text.get(lang), (*counts, Cell(s.n), Cell(s.mean, "number"))))
            continue
        counts = tuple(
            Cell(
                s.counts[o.code],
                "count_percent",
                share=s.percent(o.code),
                attrs=(("data-option", o.code),),
            )
            for o in options
        )
        mean = Cell(s.mean, "number", attrs=(("data-mean", None),))
        rows.append(Row(row.text.get(lang), (*counts, Cell(s.n), mean), (("data-row", row.code),)))
    caption = _("Answers by statement")
    if printed:
        return Table(caption, headers, tuple(rows))
    coding = "–".join(str(o.value) for o in options if o.value)
    note = _(
        "Mean on the coding %(coding)s; “don't know” answers are counted but left out of the mean.",
        coding=coding,
    )
    return Table(caption, headers, tuple(rows), "data matrix-data", note=note)


def options_table(
    result: ItemResult, lang: str, names: Mapping[str, str], _: Translate, printed: bool = False
) -> Table:
    """Answers by option: count and percentage."""
    summary = result.options
    rows = tuple(
        Row(
            option_label(result.item, code, lang, names, _),
            (Cell(count), Cell(summary.percent(code), "percent")),
            () if printed else (("data-option", code),),
        )
        for code, count in summary.counts.items()
    )
    caption = _("Answers (n = %(n)s)", n=summary.n)
    if printed:
        return Table(caption, (), rows)
    return Table(caption, (_("Option"), _("Answers"), "%"), rows, "data")


def item_table(
    result: ItemResult,
    dashboard: Dashboard,
    lang: str,
    names: Mapping[str, str],
    _: Translate,
    printed: bool = False,
) -> Table | None:
    """The table of one question's results, or None (texts, or a grade nobody gave)."""
    own = types.of(result.item).table(result, lang, _, printed)
    if own is not None:
        return own
    if result.grades is not None:
        return grade_table(result.grades, _, printed) if result.grades.n else None
    if result.rows:
        return matrix_table(result, lang, _, printed)
    if result.groups is not None:
        caption = _("Answers by municipality (n = %(n)s)", n=result.groups.total)
        return breakdown_table(result.groups, caption, dashboard, names, _, printed)
    if result.options is not None:
        return options_table(result, lang, names, _, printed)
    return None


def for_dashboard(
    dashboard: Dashboard,
    lang: str,
    names: Mapping[str, str],
    _: Translate,
    printed: bool = False,
) -> Tables:
    """The tables of a results page (or, ``printed``, of the PDF report) in form language ``lang``;
    ``names``: municipality code → name."""
    captions = {"year": _("By year"), "month": _("By month")}
    trends = {"year": _("Mean grade by year"), "month": _("Mean grade by month")}
    if "municipality" in dashboard.breakdowns:
        total = dashboard.breakdowns["municipality"].total
        captions["municipality"] = (
            _("By municipality") if printed else _("Answers by municipality (n = %(n)s)", n=total)
        )
    if "county" in dashboard.breakdowns:
        n = dashboard.breakdowns["county"].total
        on_screen = _("Answers by wellbeing services county (n = %(n)s)", n=n)
        captions["county"] = _("By wellbeing services county") if printed else on_screen
    tables = Tables(
        breakdowns={
            by: breakdown_table(b, captions[by], dashboard, names, _, printed)
            for by, b in dashboard.breakdowns.items()
        },
        trend_captions={by: trends[by] for by in dashboard.breakdowns if by in trends},
    )
    for result in dashboard.items:
        code = result.item.code
        table = item_table(result, dashboard, lang, names, _, printed)
        if table is not None:
            tables.items[code] = table
        if result.follow_ups:
            tables.follow_ups[code] = [
                (option_label(result.item, choice, lang, names, _), written)
                for choice, written in result.follow_ups.items()
            ]
    return tables
