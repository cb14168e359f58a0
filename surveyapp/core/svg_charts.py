"""Results charts drawn here as SVG: no script, nothing to download, readable without JavaScript.

Each chart is an ``<svg role="img">`` named by its own ``<title>`` and ``<desc>`` (the figures in a
sentence); the page puts the data table with the same figures beside it. A chart draws only what
that protected table shows. Sizes are in a 360-unit-wide viewBox that scales to its container, so
a chart never makes the page scroll sideways. Figures in the text are Finnish, rounded half-up.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from markupsafe import Markup, escape

from surveyapp.core.instruments import spec
from surveyapp.core.stats import GradeSummary, OptionSummary, fi_number, fi_percent

WIDTH = 360
BLUE = "#003479"
INK = "#1a1a1a"
RULE = "#595959"  # 7:1 against white
# Most positive first; each passes 3:1 against white (WCAG 1.4.11) and differs from its neighbour.
POSITIVE = ["#1b5e20", "#4c8c4a"]
NEUTRAL = "#767676"
NEGATIVE = ["#c75b12", "#8e2a0b"]
FONT = 13


def _svg(
    ident: str, title: str, desc: str, height: float, body: list[str], width: int = WIDTH
) -> Markup:
    head = Markup(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="0 0 {w} {h}" '
        'role="img" aria-labelledby="{i}-t {i}-d" font-size="{f}" fill="{ink}">'
        '<title id="{i}-t">{title}</title><desc id="{i}-d">{desc}</desc>'
    ).format(w=width, h=round(height), i=ident, f=FONT, ink=INK, title=title, desc=desc)
    return head + Markup("").join(Markup(part) for part in body) + Markup("</svg>")


def _text(x: float, y: float, content: str, anchor: str = "start", extra: str = "") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{extra}>{escape(content)}</text>'


def _rect(x: float, y: float, w: float, h: float, fill: str) -> str:
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{h:.1f}" fill="{fill}"/>'


def grade_bars(summary: GradeSummary, ident: str, title: str) -> Markup:
    """Answers per grade 4–10, each bar labelled with its count."""
    grades = sorted(summary.distribution)
    top = max(summary.distribution.values()) or 1
    slot, area, base = WIDTH / len(grades), 110, 130
    parts = [f'<line x1="0" y1="{base}" x2="{WIDTH}" y2="{base}" stroke="{RULE}"/>']
    for index, grade in enumerate(grades):
        count = summary.distribution[grade]
        bar = area * count / top
        x = index * slot + slot * 0.15
        parts.append(_rect(x, base - bar, slot * 0.7, bar, BLUE))
        parts.append(_text(x + slot * 0.35, base - bar - 4, str(count), "middle"))
        parts.append(_text(x + slot * 0.35, base + 18, str(grade), "middle"))
    desc = "; ".join(f"{g}: {summary.distribution[g]}" for g in grades)
    return _svg(ident, title, desc, base + 26, parts)


def means_by_period(
    points: Sequence[tuple[str, Fraction]], ident: str, title: str, low: int = 4, high: int = 10
) -> Markup:
    """Mean grades of two or more periods as a line on the grade scale, each point labelled."""
    if len(points) < 2:
        raise ValueError("a trend needs at least two periods")
    left, right, top, bottom = 28, 16, 14, 150
    step = (WIDTH - left - right) / (len(points) - 1)

    def y(value: Fraction | int) -> float:
        return bottom - (bottom - top) * float(Fraction(value) - low) / (high - low)

    parts = []
    for grade in range(low, high + 1):
        parts.append(
            f'<line x1="{left}" y1="{y(grade):.1f}" x2="{WIDTH - right}" y2="{y(grade):.1f}" '
            f'stroke="#d0d0d0"/>'
        )
        parts.append(_text(left - 6, y(grade) + 4, str(grade), "end"))
    xs = [left + i * step for i in range(len(points))]
    path = " ".join(f"{x:.1f},{y(mean):.1f}" for x, (_, mean) in zip(xs, points))
    parts.append(f'<polyline points="{path}" fill="none" stroke="{BLUE}" stroke-width="3"/>')
    for x, (label, mean) in zip(xs, points):
        anchor = "start" if x == xs[0] else "end" if x == xs[-1] else "middle"
        parts.append(f'<circle cx="{x:.1f}" cy="{y(mean):.1f}" r="5" fill="{BLUE}"/>')
        parts.append(_text(x, y(mean) - 10, fi_number(mean, 2), anchor))
        parts.append(_text(x, bottom + 20, label, anchor))
    desc = "; ".join(f"{label}: {fi_number(mean, 2)}" for label, mean in points)
    return _svg(ident, title, desc, bottom + 28, parts)


def _ordered(options: Sequence[spec.Option]) -> list[spec.Option]:
    """Coded options, most positive (highest value) first; "don't know" left out."""
    coded = [o for o in options if not o.dont_know]
    if coded and coded[0].value is not None and coded[-1].value is not None:
        if coded[0].value < coded[-1].value:
            coded.reverse()
    return coded


def _colours(count: int) -> list[str]:
    half = count // 2
    middle = [NEUTRAL] if count % 2 else []
    return (POSITIVE * 2)[:half] + middle + (NEGATIVE * 2)[-half:] if half else middle


def diverging(
    rows: Sequence[tuple[str, OptionSummary]],
    options: Sequence[spec.Option],
    lang: str,
    ident: str,
    title: str,
) -> Markup:
    """One bar per statement: the positive options right of the centre line, the negative left, the
    middle option (if any) across it; shares of the coded answers ("don't know" left out)."""
    coded = _ordered(options)
    colours, half = _colours(len(coded)), len(coded) // 2
    middle = coded[half] if len(coded) % 2 else None
    centre, reach = WIDTH / 2, WIDTH / 2 - 4
    parts, y = [], 4.0
    for option, colour in zip(coded, colours):  # the legend, one option a line
        parts.append(_rect(0, y, 14, 14, colour))
        parts.append(_text(20, y + 12, option.label.get(lang)))
        y += 20
    y += 6
    top, descs = y, []
    for label, summary in rows:
        base = sum(summary.counts.get(o.code, 0) for o in coded)
        pct = {
            o.code: Fraction(100 * summary.counts.get(o.code, 0), base) if base else Fraction(0)
            for o in coded
        }
        short = label if len(label) <= 52 else label[:50].rstrip() + "…"
        parts.append(_text(0, y + 12, short))
        y += 18
        mid = pct[middle.code] / 2 if middle else Fraction(0)
        right, left = centre + float(mid) * reach / 100, centre - float(mid) * reach / 100
        if middle:
            parts.append(_rect(left, y, right - left, 18, NEUTRAL))
        for index in reversed(
            range(half)
        ):  # positive: the mildest at the centre, the strongest out
            width = float(pct[coded[index].code]) * reach / 100
            parts.append(_rect(right, y, width, 18, colours[index]))
            right += width
        for index in range(half):  # negative, the mildest nearest the centre
            option = coded[len(coded) - half + index]
            width = float(pct[option.code]) * reach / 100
            left -= width
            parts.append(_rect(left, y, width, 18, colours[len(coded) - half + index]))
        y += 26
        descs.append(
            f"{label}: "
            + ", ".join(f"{o.label.get(lang)} {fi_percent(pct[o.code], 0)}" for o in coded)
        )
    parts.append(f'<line x1="{centre}" y1="{y - 2}" x2="{centre}" y2="{top}" stroke="{INK}"/>')
    return _svg(ident, title, ". ".join(descs), y, parts)


def municipality_multiples(
    panels: Sequence[tuple[str, int, Fraction]],
    overall: Fraction,
    ident: str,
    overall_note: str,
    low: int = 4,
    high: int = 10,
) -> list[Markup]:
    """One small chart per municipality (label, n, mean): its mean grade as a bar on the grade
    scale, with the whole collection's mean marked on each (a dashed line; ``overall_note`` says so
    in words), so the panels compare at a glance."""
    width, charts = 170, []
    span = width - 8

    def x(value: Fraction | int) -> float:
        return 4 + span * float(Fraction(value) - low) / (high - low)

    for index, (label, n, mean) in enumerate(panels):
        short = label if len(label) <= 22 else label[:21].rstrip() + "…"
        parts = [
            _text(4, 16, short, extra=' font-weight="600"'),
            _rect(4, 26, span, 20, "#e8eef7"),
            _rect(4, 26, x(mean) - 4, 20, BLUE),
            f'<line x1="{x(overall):.1f}" y1="22" x2="{x(overall):.1f}" y2="50" '
            f'stroke="{INK}" stroke-width="2" stroke-dasharray="3 2"/>',
            _text(4, 66, fi_number(mean, 2), extra=' font-weight="600"'),
            _text(width - 4, 66, f"n = {n}", "end"),
        ]
        title = f"{label}: {fi_number(mean, 2)} (n = {n})"
        charts.append(_svg(f"{ident}-{index}", title, f"{title}. {overall_note}", 72, parts, width))
    return charts
