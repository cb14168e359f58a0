"""The one table macro of the results page and the printed report: figures in Finnish style."""

from __future__ import annotations

from fractions import Fraction

from flask import render_template_string

from surveyapp.core.result_tables import Cell, Row, Table

NBSP = "\u00a0"


def test_a_prepared_table_is_rendered_with_its_captions_scopes_and_figures(app):
    table = Table(
        "Vastaukset <kunnittain>",
        ("Kunta", "Vastaukset", "Keskiarvo"),
        (
            Row(
                "Muhos & Utajärvi",
                (Cell(1234), Cell(Fraction(26, 3), "number")),
                (("data-group", "muut"),),
            ),
            Row("Pieni", (Cell(5, "small"), Cell(None, "number"))),
            Row(
                "Väittämä",
                (
                    Cell(4, "count_percent", share=Fraction(200, 3), attrs=(("data-option", "a"),)),
                    Cell(Fraction(9, 2), "number", places=1, attrs=(("data-mean", None),)),
                ),
            ),
            Row("%", (Cell(100, "percent"), Cell("< 5", "text"))),
        ),
        "data",
        (("data-breakdown", "municipality"),),
        "Ohje",
    )
    with app.test_request_context("/?lang=fi"):
        html = render_template_string(
            '{% import "macros/tables.html" as tables %}{{ tables.data_table(t) }}', t=table
        )
    # On screen the table scrolls inside its own labelled region (a phone is narrower than it).
    assert html.split("\n") == [
        '<div class="table-scroll" role="region" tabindex="0" aria-label="Vastaukset '
        '&lt;kunnittain&gt;"><table class="data" data-breakdown="municipality">',
        "  <caption>Vastaukset &lt;kunnittain&gt;</caption>",
        '  <thead><tr><th scope="col">Kunta</th><th scope="col">Vastaukset</th>'
        '<th scope="col">Keskiarvo</th></tr></thead>',
        "  <tbody>",
        '    <tr data-group="muut"><th scope="row">Muhos &amp; Utajärvi</th>'
        "<td>1234</td><td>8,67</td></tr>",
        '    <tr><th scope="row">Pieni</th><td>&lt;&nbsp;5</td><td>–</td></tr>',
        '    <tr><th scope="row">Väittämä</th>'
        f'<td data-option="a">4 (66,7{NBSP}%)</td><td data-mean>4,5</td></tr>',
        f'    <tr><th scope="row">%</th><td>100,0{NBSP}%</td><td>&lt; 5</td></tr>',
        "  </tbody>",
        "</table>",
        "</div>",
        '<p class="help">Ohje</p>',
        "",
    ]


def test_a_table_without_headers_has_no_thead(app):
    table = Table("Vastaukset (n = 3)", (), (Row("Kyllä", (Cell(3),)),))
    with app.test_request_context("/?lang=fi"):
        html = render_template_string(
            '{% import "macros/tables.html" as tables %}{{ tables.data_table(t) }}', t=table
        )
    assert "<thead>" not in html and "<table>" in html and "<p" not in html
    assert '<tr><th scope="row">Kyllä</th><td>3</td></tr>' in html
