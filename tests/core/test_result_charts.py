"""Charts chosen by the data and drawn as SVG from exactly the figures the protected tables show."""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction
from xml.etree import ElementTree

from surveyapp.core import result_charts, results, svg_charts
from surveyapp.core.breakdowns import breakdown
from surveyapp.core.reports import AnswerCell, Cell
from surveyapp.core.stats import OptionSummary
from tests.helpers import shipped_instruments

INSTRUMENTS = shipped_instruments()
SVG = "{http://www.w3.org/2000/svg}"


def identity(text: str, **values) -> str:
    return text % values if values else text


def grade_dashboard(answers_by: dict[tuple[str, int], list[int]], min_cell: int = 5):
    """Session feedback answers by (municipality, year)."""
    cells = [
        Cell(place, dt.date(year, 5, 5), "web", len(g)) for (place, year), g in answers_by.items()
    ]
    answers = [
        AnswerCell(place, dt.date(year, 5, 5), "web", "arvosana", None, grade, 1)
        for (place, year), grades in answers_by.items()
        for grade in grades
    ]
    dashboard = results.build(
        INSTRUMENTS["session_feedback"], cells, answers, [], min_cell=min_cell
    )
    dashboard.breakdowns = {
        by: breakdown(by, cells, answers, min_cell, lead="arvosana")
        for by in ("municipality", "year")
    }
    return dashboard


def parsed(svg) -> ElementTree.Element:
    root = ElementTree.fromstring(str(svg))
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text and desc.text
    return root


def test_one_period_gets_no_trend_two_get_one_with_exact_means():
    one = grade_dashboard({("muhos", 2026): [8, 9, 9, 10, 7, 8]})
    drawn = result_charts.for_dashboard(one, one.grade_item, "fi", {}, identity)
    assert drawn.trend is None
    two = grade_dashboard({("muhos", 2025): [8, 9, 9, 10, 7, 8], ("muhos", 2026): [9, 9, 8, 9, 10]})
    drawn = result_charts.for_dashboard(two, two.grade_item, "fi", {}, identity)
    desc = parsed(drawn.trend).find(f"{SVG}desc").text
    # 51/6 = 8,5 → 8,50; 45/5 = 9 → 9,00
    assert desc == "2025: 8,50; 2026: 9,00"


def test_municipality_panels_show_only_published_groups_and_their_table_figures():
    dashboard = grade_dashboard(
        {
            ("kemijarvi", 2026): [9, 9, 8, 8, 10, 7],
            ("muhos", 2026): [8, 8, 8, 9, 9],
            ("utajarvi", 2026): [10, 10],  # under 5: merged with Muhos into "others combined"
        }
    )
    names = {"kemijarvi": "Kemijärvi", "muhos": "Muhos", "utajarvi": "Utajärvi"}
    drawn = result_charts.for_dashboard(dashboard, dashboard.grade_item, "fi", names, identity)
    titles = [parsed(svg).find(f"{SVG}title").text for svg in drawn.municipalities]
    # Kemijärvi 51/6 = 8,50; others: (42 + 20) / 7 = 8,857… → 8,86; all: 113/13 = 8,69
    assert titles == ["Kemijärvi: 8,50 (n = 6)", "others combined: 8,86 (n = 7)"]
    assert all("Utaj" not in str(svg) and "Muhos" not in str(svg) for svg in drawn.municipalities)
    assert "8,69" in parsed(drawn.municipalities[0]).find(f"{SVG}desc").text
    shown = {
        row.key: (row.n, row.grades.mean)
        for row in dashboard.breakdowns["municipality"].rows
        if not row.hidden
    }
    assert shown == {"kemijarvi": (6, Fraction(51, 6)), "muut": (7, Fraction(62, 7))}


def test_one_municipality_gets_no_panels_and_a_hidden_dashboard_no_charts():
    dashboard = grade_dashboard({("muhos", 2026): [8, 9, 9, 10, 7, 8]})
    drawn = result_charts.for_dashboard(dashboard, dashboard.grade_item, "fi", {}, identity)
    assert drawn.municipalities == [] and list(drawn.items) == ["arvosana"]
    hidden = results.build(INSTRUMENTS["session_feedback"], [], [], [], min_cell=5)
    assert result_charts.for_dashboard(hidden, None, "fi", {}, identity).items == {}


def test_grade_bars_count_every_grade():
    dashboard = grade_dashboard({("muhos", 2026): [8, 9, 9, 10, 7, 8]})
    root = parsed(
        result_charts.for_dashboard(dashboard, None, "fi", {}, identity).items["arvosana"]
    )
    assert root.find(f"{SVG}desc").text == "4: 0; 5: 0; 6: 0; 7: 1; 8: 2; 9: 2; 10: 1"


def test_diverging_bars_put_agreement_right_of_the_centre_and_disagreement_left():
    scale = next(
        i for i in INSTRUMENTS["oulunkaari_yhteistyokysely"].items() if i.code == "verkosto"
    )
    summary = OptionSummary(
        counts={"eri": 1, "osittain_eri": 1, "osittain_samaa": 2, "samaa": 4},
        values={o.code: o.value for o in scale.scale.options},
    )
    root = parsed(svg_charts.diverging([("Väite", summary)], scale.scale.options, "fi", "c", "T"))
    bars = [r for r in root.iter(f"{SVG}rect") if float(r.get("height")) == 18]
    centre, reach = svg_charts.WIDTH / 2, svg_charts.WIDTH / 2 - 4
    right = sum(float(r.get("width")) for r in bars if float(r.get("x")) >= centre)
    left = sum(float(r.get("width")) for r in bars if float(r.get("x")) < centre)
    assert round(right, 1) == round(reach * 6 / 8, 1) and round(left, 1) == round(reach * 2 / 8, 1)
    # The strongest answers outermost: "samaa mieltä" at the right end, "eri mieltä" at the left.
    outer_right = max(bars, key=lambda r: float(r.get("x")))
    outer_left = min(bars, key=lambda r: float(r.get("x")))
    assert outer_right.get("fill") == svg_charts.POSITIVE[0]
    assert outer_left.get("fill") == svg_charts.NEGATIVE[-1]
    assert re.search(r"samaa mieltä 50 %", root.find(f"{SVG}desc").text.replace("\u00a0", " "))
