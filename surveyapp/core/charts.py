"""The printed report's grade chart: a static SVG drawn here (no JavaScript in PDFs).

The results pages' charts are in svg_charts.py. Every chart is decoration beside a data table that
carries the same figures (the accessible alternative).
"""

from __future__ import annotations

from surveyapp.core.stats import GradeSummary

BLUE = "#003479"


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
