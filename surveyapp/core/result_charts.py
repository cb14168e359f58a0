"""Which charts a results page draws, chosen by its data, each from figures a protected table shows.

- a trend of mean grades only for two or more published periods (one period is a table, not a line);
- a diverging bar chart for each statement battery;
- one small chart per published municipality group, for the lead grade, beside the municipality
  table (only when there are two or more groups to compare);
- answers per grade for each grade item.
``_`` is the caller's gettext, as in result_tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Callable, Mapping

from markupsafe import Markup

from surveyapp.core import result_tables, svg_charts
from surveyapp.core.instruments import spec
from surveyapp.core.results import Dashboard
from surveyapp.core.stats import fi_number

Translate = Callable[..., str]


@dataclass
class Charts:
    trend: Markup | None = None
    municipalities: list[Markup] = field(default_factory=list)
    items: dict[str, Markup] = field(default_factory=dict)  # item code → its chart


def trend_points(dashboard: Dashboard, code: str) -> list[tuple[str, Fraction]]:
    """(period, mean) of grade item ``code`` in each published period with answers to it."""
    by_year = dashboard.breakdowns.get("year")
    if by_year is None:
        return []
    return [
        (row.key, summary.mean)
        for row in by_year.rows
        if not row.hidden and (summary := row.item_grades.get(code)) and summary.n
    ]


def municipality_panels(
    dashboard: Dashboard, names: Mapping[str, str], _: Translate
) -> list[tuple[str, int, Fraction]]:
    """(label, n, lead mean) of each published municipality group with lead grades, as the
    municipality table shows them."""
    by_place = dashboard.breakdowns.get("municipality")
    if by_place is None or dashboard.grade_item is None:
        return []
    return [
        (result_tables.group_label("municipality", row.key, names, _), row.n, row.grades.mean)
        for row in by_place.rows
        if not row.hidden and row.grades and row.grades.n
    ]


def for_dashboard(
    dashboard: Dashboard,
    charted: spec.Item | None,
    lang: str,
    names: Mapping[str, str],
    _: Translate,
) -> Charts:
    """The charts of a results page; ``charted``: the grade item whose trend is drawn."""
    charts = Charts()
    if dashboard.hidden:
        return charts
    if charted is not None:
        points = trend_points(dashboard, charted.code)
        if len(points) >= 2:
            charts.trend = svg_charts.means_by_period(
                points, "chart-trend", _("Mean grade by period")
            )
    lead = next(
        (r for r in dashboard.items if dashboard.grade_item and r.item is dashboard.grade_item),
        None,
    )
    panels = municipality_panels(dashboard, names, _)
    if len(panels) >= 2 and lead is not None and lead.grades and lead.grades.n:
        overall = lead.grades.mean
        note = _(
            "The dashed line is the mean of all answers, %(mean)s.", mean=fi_number(overall, 2)
        )
        charts.municipalities = svg_charts.municipality_multiples(
            panels, overall, "chart-place", note
        )
    for result in dashboard.items:
        code = result.item.code
        if result.grades is not None and result.grades.n:
            charts.items[code] = svg_charts.grade_bars(
                result.grades, f"chart-{code}", _("Grades given (n = %(n)s)", n=result.grades.n)
            )
        elif result.rows:
            charts.items[code] = svg_charts.diverging(
                [(row.text.get(lang), summary) for row, summary in result.rows],
                result.item.scale.options,
                lang,
                f"chart-{code}",
                _("Answers by statement (n = %(n)s)", n=result.rows[0][1].n),
            )
    return charts
