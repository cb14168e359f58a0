"""Results as Plotly figures in HTML fragments (JSON in a data attribute); plotly.js is served by the app itself.

Every chart is decoration beside a data table that carries the same figures (the accessible
alternative), so the chart itself is hidden from assistive technology.
"""

from __future__ import annotations

from fractions import Fraction

import plotly.graph_objects as go
import plotly.io.json
from markupsafe import Markup

from surveyapp.core.instruments import spec
from surveyapp.core.stats import GradeSummary, OptionSummary

BLUE = "#003479"
# Diverging palette, most positive first; passes 3:1 against white for the bars' boundaries.
POSITIVE = ["#1b5e20", "#4c8c4a"]
NEUTRAL = "#8a8a8a"
NEGATIVE = ["#c75b12", "#8e2a0b"]
# plotly.js's bundle holds a few addresses elsewhere as defaults (its logo's link, the "edit in
# Chart Studio" server, the map files of geo traces, which the basic bundle cannot draw); the
# config turns every one of them off, so a chart can never ask another site for anything.
CONFIG = {
    "displayModeBar": False,
    "responsive": True,
    "staticPlot": True,
    "displaylogo": False,
    "showLink": False,
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "plotlyServerURL": "",
    "topojsonURL": "",
}
FONT = dict(
    family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif",
    size=14,
    color="#1a1a1a",
)


def _html(figure: go.Figure, height: int) -> Markup:
    figure.update_layout(
        height=height,
        margin=dict(l=10, r=10, t=10, b=10),
        font=FONT,
        paper_bgcolor="white",
        plot_bgcolor="white",
        showlegend=figure.layout.showlegend,
    )
    # The figure travels as JSON in a data attribute and static/charts.js draws it: the page's
    # Content-Security-Policy allows no inline script.
    spec = figure.to_plotly_json()
    data = plotly.io.json.to_json_plotly(
        {"data": spec["data"], "layout": spec["layout"], "config": CONFIG}
    )
    return Markup('<div class="plotly-chart" data-figure="{}"></div>').format(data)


def grade_distribution(summary: GradeSummary) -> str:
    grades = list(range(4, 11))
    figure = go.Figure(
        go.Bar(
            x=[str(g) for g in grades],
            y=[summary.distribution[g] for g in grades],
            marker_color=BLUE,
            text=[summary.distribution[g] for g in grades],
            textposition="outside",
            cliponaxis=False,
        )
    )
    figure.update_yaxes(visible=False)
    figure.update_xaxes(type="category")
    return _html(figure, 240)


def _colours(count: int) -> list[str]:
    """Colours for options ordered most positive first."""
    half = count // 2
    middle = [NEUTRAL] if count % 2 else []
    return (POSITIVE * 2)[:half] + middle + (NEGATIVE * 2)[-half:] if half else middle


def diverging(rows: list[tuple[str, OptionSummary]], options: tuple[spec.Option, ...]) -> str:
    """One horizontal bar per statement: positive options right of zero, negative left, "don't know" out."""
    coded = [o for o in options if not o.dont_know]
    if (
        coded
        and coded[0].value is not None
        and coded[-1].value is not None
        and coded[0].value < coded[-1].value
    ):
        coded = list(reversed(coded))
    half = len(coded) // 2
    colours = _colours(len(coded))
    figure = go.Figure()
    labels = [label for label, _ in rows]

    def pct(summary: OptionSummary, code: str) -> float:
        coded_n = sum(summary.counts.get(o.code, 0) for o in coded)
        return float(Fraction(100 * summary.counts.get(code, 0), coded_n)) if coded_n else 0.0

    for index, option in enumerate(coded):
        values = [pct(summary, option.code) for _, summary in rows]
        if len(coded) % 2 and index == half:
            # The middle option straddles zero: half on each side.
            for sign in (-1, 1):
                figure.add_trace(
                    go.Bar(
                        y=labels,
                        x=[sign * v / 2 for v in values],
                        orientation="h",
                        marker_color=colours[index],
                        name=option.label.fi,
                        showlegend=sign == 1,
                    )
                )
            continue
        sign = 1 if index < half else -1
        figure.add_trace(
            go.Bar(
                y=labels,
                x=[sign * v for v in values],
                orientation="h",
                marker_color=colours[index],
                name=option.label.fi,
            )
        )
    figure.update_layout(
        barmode="relative",
        showlegend=True,
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
    )
    figure.update_xaxes(range=[-100, 100], ticksuffix=" %", zeroline=True, zerolinecolor="#1a1a1a")
    figure.update_yaxes(autorange="reversed")
    return _html(figure, 120 + 40 * len(rows))


def means_over_time(labels: list[str], means: list[float | None]) -> str:
    figure = go.Figure(
        go.Scatter(
            x=labels,
            y=means,
            mode="lines+markers",
            line=dict(color=BLUE, width=3),
            connectgaps=False,
        )
    )
    figure.update_yaxes(range=[4, 10], dtick=1)
    figure.update_xaxes(type="category")
    return _html(figure, 260)


def grade_bars_svg(summary: GradeSummary, width: int = 420, height: int = 150) -> str:
    """A static bar chart of grades 4–10 as SVG, for the printed report (no JavaScript in PDFs)."""
    grades = list(range(4, 11))
    top = max(summary.distribution.values()) or 1
    slot = width / len(grades)
    bar_area = height - 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img">'
    ]
    for index, grade in enumerate(grades):
        count = summary.distribution[grade]
        bar = bar_area * count / top
        x = index * slot + slot * 0.15
        y = 15 + bar_area - bar
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{bar:.1f}" fill="{BLUE}"/>'
        )
        parts.append(
            f'<text x="{x + slot * 0.35:.1f}" y="{y - 3:.1f}" font-size="11" text-anchor="middle">{count}</text>'
        )
        parts.append(
            f'<text x="{x + slot * 0.35:.1f}" y="{height - 8}" font-size="12" text-anchor="middle">{grade}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
