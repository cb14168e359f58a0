"""Which grade leads, ``overall: true`` in the YAML, a battery's overall mean, and a split's groups."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from surveyapp.core import background, batteries, grade_items, protection, results
from surveyapp.core.instruments import types
from surveyapp.core.instruments.loader import load_directory
from surveyapp.core.reports import AnswerCell, Cell, SplitCell
from surveyapp.core.summaries import count
from tests.helpers import shipped_instruments

INSTRUMENTS = shipped_instruments()
DAY = dt.date(2024, 5, 6)
TWO_GRADES = """\
id: kaksi
version: 1
title: Kaksi
source: {file: seeds/000_9fba6d5199f312ee.txt, lines: "830-850"}
closing: Kiitos!
sections:
  - code: s1
    items:
      - {code: eka, number: "1.", type: grade, text: Eka}
      - {code: koko, number: "2.", type: grade, text: Kokonaisarvosana, overall: OVERALL}
      - {code: kolmas, number: "3.", type: grade, text: Kolmas, overall: THIRD}
"""


def load(tmp_path, overall="true", third="false"):
    path = tmp_path / "kaksi.yaml"
    path.write_text(
        TWO_GRADES.replace("OVERALL", overall).replace("THIRD", third), encoding="utf-8"
    )
    instruments, errors = load_directory(tmp_path, check_lock=False)
    return instruments, [str(e).replace(f"{tmp_path}/", "") for e in errors]


def test_the_item_marked_overall_leads(tmp_path):
    (form,), errors = load(tmp_path)
    assert not errors
    assert grade_items.lead(form).code == "koko"
    assert [i.code for i in grade_items.ordered(form)] == ["koko", "eka", "kolmas"]
    assert grade_items.label(form.item("koko"), "fi") == "2. Kokonaisarvosana"


def test_overall_must_be_true_or_false_and_once(tmp_path):
    assert load(tmp_path, overall="joo")[1] == [
        "kaksi.yaml: sections[0] (s1).items[1] (koko).overall: expected true or false, got 'joo'"
    ]
    assert load(tmp_path, third="true")[1] == [
        "kaksi.yaml: sections: only one grade item may be 'overall: true' (koko, kolmas)"
    ]


def test_shipped_leads():
    assert INSTRUMENTS["valpas_partner_survey"].item("kokonaisarvosana").overall
    assert grade_items.lead(INSTRUMENTS["valpas_partner_survey"]).code == "kokonaisarvosana"
    # No overall mark: the life-situation form's first section grade (its own KOKONAISARVIO) leads.
    life = INSTRUMENTS["kuusamo_elamantilanteen_arviointi"]
    assert grade_items.lead(life).code == "a_kokonaisarvio"
    assert len(grade_items.of(life)) == 22
    assert grade_items.lead(INSTRUMENTS["session_feedback"]).code == "arvosana"
    assert grade_items.lead(INSTRUMENTS["essote_client_satisfaction"]) is None


def test_a_dashboard_gives_every_grade_item_its_own_figures():
    """The issue's six answers: item 1 = 4, the other 21 = 10; no figure of a period is 4,00 unnamed."""
    life = INSTRUMENTS["kuusamo_elamantilanteen_arviointi"]
    answers = [
        AnswerCell("muhos", DAY, "paper", i.code, None, 4 if i.code == "a1" else 10, 6)
        for i in grade_items.of(life)
    ]
    board = results.build(life, [Cell("muhos", DAY, "paper", 6)], answers, [], min_cell=5)
    assert board.grade_item.code == "a_kokonaisarvio"
    year = results.breakdown("year", [Cell("muhos", DAY, "paper", 6)], answers, 5, lead="a1")
    (row,) = year.rows
    assert row.grades.mean == 4 and row.item_grades["a1"].mean == 4
    assert {c: s.mean for c, s in row.item_grades.items() if c != "a1"} == {
        i.code: 10 for i in grade_items.of(life) if i.code != "a1"
    }
    data = results.as_data(board)
    assert data["lead_grade"] == "a_kokonaisarvio"


def test_battery_overall_mean_weighs_every_answer_the_same():
    """Statement 1: 4 answers of 5; statement 2: one answer of 1 and a "don't know": (20 + 1) / 5."""
    form = INSTRUMENTS["essote_client_satisfaction"]
    item = form.item("vaittamat")
    counted = count(
        6,
        [
            AnswerCell("", DAY, "web", "asiallinen_kohtelu", "taysin_samaa", None, 4),
            AnswerCell("", DAY, "web", "kuulluksi_tuleminen", "taysin_eri", None, 1),
        ],
        (),
    )
    result = types.of(item).summarise(item, counted)
    whole = batteries.overall(result)
    assert (whole.answers, whole.mean) == (5, Fraction(21, 5))  # not (5 + 1) / 2, the mean of means
    ranked = [row.code for row, _s in batteries.ranked(result)]
    assert ranked[:2] == ["asiallinen_kohtelu", "kuulluksi_tuleminen"]
    assert ranked[2:] == [r.code for r in item.rows[2:]]  # unanswered last, in form order


def test_a_split_merges_a_small_group_with_the_next_smallest():
    form = INSTRUMENTS["essote_client_satisfaction"]
    item = form.item("asiakkuus")
    counts = {"aikuissosiaalityo": 8, "mipa_sosiaalityo": 6, "": 2}
    cells = [
        SplitCell("aikuissosiaalityo", "asiallinen_kohtelu", "taysin_samaa", None, 8),
        SplitCell("mipa_sosiaalityo", "asiallinen_kohtelu", "osittain_samaa", None, 6),
        SplitCell("", "asiallinen_kohtelu", "taysin_eri", None, 2),
    ]
    split = background.build(form, item, counts, cells, 5)
    keys = [(r.key, r.n, r.hidden, r.members) for r in split.breakdown.rows]
    assert keys == [
        ("aikuissosiaalityo", 8, False, ()),
        ("muut", 8, False, ("", "mipa_sosiaalityo")),
    ]
    assert split.batteries["muut"]["vaittamat"].mean == Fraction(6 * 4 + 2 * 1, 8)
    assert split.batteries["aikuissosiaalityo"]["vaittamat"].mean == 5
    # Everything under the limit: one hidden group, no figures.
    tiny = background.build(form, item, {"aikuissosiaalityo": 3, "": 1}, cells[:1], 5)
    (row,) = tiny.breakdown.rows
    assert row.hidden and row.grades is None and "muut" not in tiny.batteries
    assert [i.code for i in background.items(form)] == ["asiakkuus"]
    assert background.items(INSTRUMENTS["valpas_partner_survey"]) == ()  # municipality: its own


def test_a_group_that_a_reviewed_session_would_leave_small_is_merged():
    """Workers 6, three of them in a session their leader reviewed: 6 − 3 = 3, so workers are merged."""
    counts = {"asiakas": 12, "tyontekija": 6, "omainen": 7}
    unit = protection.Unit("s1", "Työpaja", "tyontekija", DAY, "kiosk", 3, reviewed=True)
    shown, others_shown = background.groups(counts, 5)
    assert shown.shown == ("asiakas", "omainen", "tyontekija") and not shown.merged
    shown, others_shown = background.groups(counts, 5, [unit])
    assert shown.shown == ("asiakas",) and shown.merged == ("omainen", "tyontekija")
    assert others_shown  # 13, and 10 without the session
