"""The tables a results page and the printed report show, prepared without Flask."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from surveyapp.core import result_tables, results
from surveyapp.core.reports import AnswerCell, Cell
from surveyapp.core.result_tables import Cell as Figure
from surveyapp.core.result_tables import Row, Table
from surveyapp.core.stats import GradeSummary
from tests.helpers import shipped_instruments

INSTRUMENTS = shipped_instruments()
DAY = dt.date(2019, 3, 18)
NAMES = {"kemijarvi": "Kemijärvi", "muhos": "Muhos", "pudasjarvi": "Pudasjärvi"}


def _(msgid: str, **params) -> str:
    """English, as the msgids are."""
    return msgid % params if params else msgid


def dashboard(by: str, counts: dict[str, int], grades: dict[str, dict[int, int]], **kw):
    """A dashboard with one breakdown (results.breakdown: small groups merged or hidden)."""

    def cell(key: str, n: int) -> Cell:
        if by == "municipality":
            return Cell(key, DAY, "web", n)
        return Cell("", dt.date(int(key), 3, 18), "web", n)

    cells = [cell(key, n) for key, n in counts.items()]
    grade_cells = [
        AnswerCell(key, DAY, "web", "arvosana", None, grade, n)
        for key, dist in grades.items()
        for grade, n in dist.items()
    ]
    b = results.breakdown(by, cells, grade_cells, 5)
    grade_item = INSTRUMENTS["session_feedback"].item("arvosana") if grades else None
    return results.Dashboard(sum(counts.values()), 5, [], {by: b}, grade_item, **kw), b


def test_municipality_breakdown_on_screen_and_in_print():
    counts = {"kemijarvi": 15, "muhos": 7, "pudasjarvi": 9, "utajarvi": 4}
    grades = {
        "kemijarvi": {10: 1, 9: 6, 8: 4, 7: 4},
        "muhos": {9: 3, 8: 2, 7: 2},
        "pudasjarvi": {9: 3, 8: 3, 7: 3},
        "utajarvi": {9: 2, 8: 1, 7: 1},
    }
    board, b = dashboard("municipality", counts, grades)
    table = result_tables.breakdown_table(b, "By municipality", board, NAMES, _)
    assert table.headers == (
        "Municipality",
        "Answers",
        "Share of respondents",
        "Response rate (answers / invited)",
        "Mean grade",
        *(f"grade {g}" for g in range(4, 11)),
    )
    assert (table.css, table.attrs) == ("data", (("data-breakdown", "municipality"),))
    assert table.note.startswith("Share of respondents: the municipality's part of all answers.")
    labels = [(row.label, row.attrs) for row in table.rows]
    assert labels == [
        ("Kemijärvi", (("data-group", "kemijarvi"),)),
        ("Pudasjärvi", (("data-group", "pudasjarvi"),)),
        ("others combined (Muhos, not known)", (("data-group", "muut"),)),
    ]
    kemijarvi = table.rows[0].cells
    assert kemijarvi[:4] == (
        Figure(15),
        Figure(Fraction(300, 7), "percent"),
        Figure(None, "percent"),
        Figure(Fraction(124, 15), "number"),
    )
    assert [c.value for c in kemijarvi[4:]] == [0, 0, 0, 4, 4, 6, 1]
    others = table.rows[2].cells
    assert (others[0].value, others[3].value) == (11, Fraction(90, 11))

    printed = result_tables.breakdown_table(b, "By municipality", board, NAMES, _, printed=True)
    assert printed.headers == (
        "",
        "Answers",
        "Share of respondents",
        "Response rate (answers / invited)",
        "Mean grade",
    )
    assert (printed.css, printed.attrs, printed.note) == (None, (), None)
    assert [row.label for row in printed.rows] == ["Kemijärvi", "Pudasjärvi", "others combined"]
    assert printed.rows[0].cells == kemijarvi[:4] and printed.rows[0].attrs == ()


def test_a_hidden_group_shows_only_that_it_is_small():
    board, b = dashboard("year", {"2019": 3, "2020": 1}, {})
    assert [row.hidden for row in b.rows] == [True]
    table = result_tables.breakdown_table(b, "By year", board, NAMES, _)
    assert table.headers == ("Year", "Answers", "Share of respondents")
    assert table.rows == (
        Row(
            "others combined (2019, 2020)",
            (Figure(5, "small"), Figure()),
            (("data-group", "muut"),),
        ),
    )
    printed = result_tables.breakdown_table(b, "By year", board, NAMES, _, printed=True)
    assert printed.rows[0].label == "others combined"
    assert printed.rows[0].cells == (Figure("< 5", "text"), Figure())


def test_group_labels():
    label = result_tables.group_label
    assert label("month", "2019-03", NAMES, _) == "3/2019"
    assert label("channel", "kiosk", NAMES, _) == "tablet"
    assert label("year", "muut", NAMES, _, ("2017", "2018")) == "others combined (2017, 2018)"
    assert label("municipality", "oulu", NAMES, _) == "not known"


def test_grade_table_on_screen_and_in_print():
    summary = GradeSummary(4, 33, {4: 0, 5: 0, 6: 0, 7: 1, 8: 1, 9: 2, 10: 0})
    table = result_tables.grade_table(summary, _)
    assert table.caption == "Grades given (n = 4)"
    assert table.headers == ("Grade", "4", "5", "6", "7", "8", "9", "10", "Total")
    answers, percents = table.rows
    assert answers == Row("Answers", tuple(Figure(n) for n in (0, 0, 0, 1, 1, 2, 0, 4)))
    assert percents.label == "%"
    assert [c.value for c in percents.cells] == [0, 0, 0, 25, 25, 50, 0, 100]
    assert {c.format for c in percents.cells} == {"percent"}
    printed = result_tables.grade_table(summary, _, printed=True)
    assert printed.headers[-1] == "Mean" and printed.css is None
    assert printed.rows == (
        Row(
            "Answers",
            (*(Figure(n) for n in (0, 0, 0, 1, 1, 2, 0)), Figure(Fraction(33, 4), "number")),
        ),
    )


def esy_dashboard() -> results.Dashboard:
    instrument = INSTRUMENTS["esy_client_eval"]
    cells = [Cell("", DAY, "paper", 6)]
    answers = [
        AnswerCell("", DAY, "paper", "q10_1", "erittain_hyvin", None, 4),
        AnswerCell("", DAY, "paper", "q10_1", "vahan", None, 2),
        AnswerCell("", DAY, "paper", "q4", "paljonkin", None, 5),
        AnswerCell("", DAY, "paper", "q4", "ei_auttanut", None, 1),
    ]
    texts = [("q4", "paljonkin", "Sain töitä"), ("q6", None, "Kiitos")]
    return results.build(instrument, cells, answers, texts, min_cell=5)


def test_matrix_table_on_screen_and_in_print():
    board = esy_dashboard()
    result = next(r for r in board.items if r.item.code == "q10")
    table = result_tables.matrix_table(result, "fi", _)
    assert table.headers == (
        "Statement",
        "Erittäin hyvin",
        "Hyvin",
        "Jonkin verran",
        "Vähän",
        "Ei lainkaan",
        "n",
        "Mean",
    )
    assert table.css == "data matrix-data"
    assert table.note == (
        "Mean on the coding 5–4–3–2–1; “don't know” answers are counted but left out of the mean."
    )
    first = table.rows[0]
    assert first.attrs == (("data-row", "q10_1"),)
    assert first.cells[0] == Figure(
        4, "count_percent", share=Fraction(200, 3), attrs=(("data-option", "erittain_hyvin"),)
    )
    assert [c.value for c in first.cells] == [4, 0, 0, 2, 0, 6, 4]
    assert first.cells[-1] == Figure(4, "number", attrs=(("data-mean", None),))
    printed = result_tables.matrix_table(result, "fi", _, printed=True)
    assert printed.rows[0].cells == (
        *(Figure(n) for n in (4, 0, 0, 2, 0, 6)),
        Figure(4, "number"),
    )
    assert printed.rows[0].attrs == () and printed.note is None


def test_options_table_and_follow_ups():
    board = esy_dashboard()
    tables = result_tables.for_dashboard(board, "fi", {}, _)
    q4 = tables.items["q4"]
    assert q4 == Table(
        "Answers (n = 6)",
        ("Option", "Answers", "%"),
        (
            Row(
                "ei auttanut, minkä vuoksi:",
                (Figure(1), Figure(Fraction(50, 3), "percent")),
                (("data-option", "ei_auttanut"),),
            ),
            Row(
                "jonkin verran auttoi, miten ja missä asioissa:",
                (Figure(0), Figure(0, "percent")),
                (("data-option", "jonkin_verran"),),
            ),
            Row(
                "auttoi paljonkin, miten ja missä asioissa:",
                (Figure(5), Figure(Fraction(250, 3), "percent")),
                (("data-option", "paljonkin"),),
            ),
        ),
        "data",
    )
    assert tables.follow_ups["q4"] == [
        ("auttoi paljonkin, miten ja missä asioissa:", ["Sain töitä"]),
    ]
    assert "q6" not in tables.items  # written answers are a list, not a table
    printed = result_tables.for_dashboard(board, "fi", {}, _, printed=True)
    assert printed.items["q4"].headers == () and printed.items["q4"].rows[0].attrs == ()


def test_municipality_options_are_named_or_other():
    item = INSTRUMENTS["valpas_partner_survey"].item("paikkakunta")
    assert result_tables.option_label(item, "muhos", "fi", NAMES, _) == "Muhos"
    assert result_tables.option_label(item, "muu", "fi", NAMES, _) == "other / prefer not to say"
