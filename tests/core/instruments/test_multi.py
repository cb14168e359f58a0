"""The multi-select item type: its YAML, its answers and their checks, its figures, export and codebook."""

from __future__ import annotations

import datetime as dt
import textwrap
from fractions import Fraction
from pathlib import Path

import pytest

from surveyapp.core import exports, results
from surveyapp.core.instruments import spec
from surveyapp.core.instruments.answers import AnswerValue, parse
from surveyapp.core.instruments.loader import load_directory
from surveyapp.core.instruments.types.multi import MULTI, MultiItem
from surveyapp.core.reports import AnswerCell, Cell, RawAnswer

DAY = dt.date(2024, 3, 4)
FORM = """\
id: toiveet
version: 1
title: Toiveet
source: {file: seeds/003.txt, lines: "1-2"}
closing: Kiitos!
sections:
  - code: s1
    items:
      - code: toive
        number: "1."
        type: multi
        text: Mitä toivot?
        max_choices: 3
        options:
          - {code: luonto, label: Luonto}
          - {code: pelit, label: Pelit}
          - {code: kokkaus, label: Kokkaus}
          - {code: eos, label: En osaa sanoa, dont_know: true}
          - {code: muu, label: "Muu, mikä?", follow_up: {max_length: 10}}
"""


def load(tmp_path: Path, body: str = FORM):
    (tmp_path / "toiveet.yaml").write_text(textwrap.dedent(body), encoding="utf-8")
    instruments, errors = load_directory(tmp_path, check_lock=False)
    return (instruments[0] if instruments else None), [str(e) for e in errors]


@pytest.fixture
def form(tmp_path) -> spec.Instrument:
    instrument, errors = load(tmp_path)
    assert errors == []
    return instrument


# -- the YAML ---------------------------------------------------------------------------------


def test_the_loader_reads_a_multi_item(form):
    item = form.item("toive")
    assert isinstance(item, MultiItem) and item.unit is MULTI
    assert [o.code for o in item.options] == ["luonto", "pelit", "kokkaus", "eos", "muu"]
    assert (item.min_choices, item.max_choices) == (None, 3)
    assert item.options[-1].follow_up.max_length == 10
    assert MULTI.fields(item) == (
        "toive.luonto",
        "toive.pelit",
        "toive.kokkaus",
        "toive.eos",
        "toive.muu",
        "toive.muu.text",
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("max_choices: 3", "max_choices: 6"),
            "sections[0] (s1).items[0] (toive).max_choices: 6 is more than the 5 options",
        ),
        (
            ("max_choices: 3", "max_choices: 2\n        min_choices: 3"),
            "sections[0] (s1).items[0] (toive).min_choices: 3 is more than max_choices (2)",
        ),
        (
            ("max_choices: 3", "max_choices: 1"),
            "sections[0] (s1).items[0] (toive).max_choices: expected a whole number ≥ 2, got 1",
        ),
        (
            ("{code: pelit, label: Pelit}", "{code: pelit, label: Pelit, value: 2}"),
            "sections[0] (s1).items[0] (toive).options[1].value: options of a multi item take no "
            "value",
        ),
        (
            ("{code: pelit, label: Pelit}", "{code: luonto, label: Pelit}"),
            "sections[0] (s1).items[0] (toive).options: duplicate option code 'luonto'\n"
            "sections: duplicate item or row code 'toive.luonto'",
        ),
        (
            ("        options:\n", "        scale: x\n        options:\n"),
            "sections[0] (s1).items[0] (toive): unknown key 'scale' (allowed: code, help, "
            "max_choices, min_choices, number, options, required, text, type)",
        ),
    ],
)
def test_a_broken_multi_item_is_named_with_its_file_and_path(tmp_path, change, message):
    _instrument, errors = load(tmp_path, FORM.replace(*change))
    assert errors == [f"{tmp_path}/toiveet.yaml: {line}" for line in message.split("\n")]


def test_an_item_and_option_code_longer_than_the_answer_code_column_is_refused(tmp_path):
    long = "p" * 34  # "toive." is 6: 40 together fits, 41 does not
    _instrument, errors = load(tmp_path, FORM.replace("{code: pelit,", f"{{code: {long}p,"))
    assert errors == [
        f"{tmp_path}/toiveet.yaml: sections[0] (s1).items[0] (toive).options[1].code: "
        f"'toive.{long}p' (item code, dot, option code) is 41 characters; at most 40"
    ]
    _instrument, errors = load(tmp_path, FORM.replace("{code: pelit,", f"{{code: {long},"))
    assert errors == []


# -- answers ----------------------------------------------------------------------------------


def test_ticked_options_are_stored_one_row_each_with_the_count_on_the_items_own(form):
    parsed = parse(form, {"toive.luonto": "1", "toive.pelit": "0", "toive.kokkaus": "1"})
    assert parsed.ok
    assert parsed.answers == [
        AnswerValue("toive", choice_code="2"),
        AnswerValue("toive.luonto", choice_code="luonto"),
        AnswerValue("toive.kokkaus", choice_code="kokkaus"),
    ]


def test_the_other_line_is_kept_on_its_options_row_and_ticks_it(form):
    ticked = parse(form, {"toive.muu": "1", "toive.muu.text": " Sähly "})
    typed_only = parse(form, {"toive.muu.text": "Sähly"})
    for parsed in (ticked, typed_only):
        assert parsed.ok
        assert parsed.answers == [
            AnswerValue("toive", choice_code="1"),
            AnswerValue("toive.muu", choice_code="muu", text="Sähly"),
        ]


def test_nothing_ticked_is_no_answer_to_the_question(form):
    parsed = parse(form, {"toive.luonto": "0", "toive.muu.text": "  "})
    assert [e.code for e in parsed.errors] == ["empty"]
    assert parsed.answers == []


@pytest.mark.parametrize(
    ("posted", "field", "code", "params"),
    [
        ({"toive.luonto": "yes"}, "toive.luonto", "tick", {"value": "yes"}),
        ({"toive.luonto": "1", "toive.eos": "1"}, "toive", "exclusive", {"option": "eos"}),
        (
            {f"toive.{o}": "1" for o in ("luonto", "pelit", "kokkaus", "muu")},
            "toive",
            "too_many",
            {"max": 3},
        ),
        ({"toive.muu.text": "x" * 11}, "toive.muu.text", "too_long", {"max": 10, "length": 11}),
        ({"toive.muu.text": "a\x00b"}, "toive.muu.text", "control_chars", {}),
    ],
)
def test_a_wrong_answer_is_an_error_on_its_field_and_stores_nothing(
    form, posted, field, code, params
):
    parsed = parse(form, posted)
    assert [(e.field, e.code, e.params) for e in parsed.errors] == [(field, code, params)]
    assert parsed.answers == []


def test_too_few_and_required(tmp_path):
    body = FORM.replace("max_choices: 3", "min_choices: 2\n        required: true")
    instrument, errors = load(tmp_path, body)
    assert errors == []
    few = parse(instrument, {"toive.luonto": "1"})
    assert [(e.field, e.code, e.params) for e in few.errors] == [("toive", "too_few", {"min": 2})]
    none = parse(instrument, {})
    assert [(e.field, e.code) for e in none.errors] == [("toive", "required")]
    assert parse(instrument, {"toive.luonto": "1", "toive.eos": "0", "toive.pelit": "1"}).ok
    assert parse(instrument, {"toive.eos": "1"}).ok  # "don't know" alone is an answer


def test_an_unknown_box_is_an_unknown_field(form):
    parsed = parse(form, {"toive.luonto": "1", "toive.sahly": "1", "toive": "1"})
    assert parsed.unknown == ["toive", "toive.sahly"]


# -- figures, export, codebook ----------------------------------------------------------------


def cells(answers: list[tuple[str, str, int]]) -> list[AnswerCell]:
    return [AnswerCell("", DAY, "web", code, choice, None, n) for code, choice, n in answers]


def test_percentages_are_of_respondents_who_answered_not_of_ticks(form):
    # 8 responses; 6 answered the question (2 of them ticked two options, one ticked three).
    answers = cells(
        [
            ("toive", "1", 3),
            ("toive", "2", 2),
            ("toive", "3", 1),
            ("toive.luonto", "luonto", 5),
            ("toive.pelit", "pelit", 2),
            ("toive.kokkaus", "kokkaus", 1),
            ("toive.muu", "muu", 2),
        ]
    )
    texts = [("toive.muu", "muu", "Sähly"), ("toive.muu", "muu", "Kuoro")]
    dashboard = results.build(form, [Cell("", DAY, "web", 8)], answers, texts, min_cell=5)
    (result,) = dashboard.items
    assert result.options.n == 6
    assert result.options.counts == {"luonto": 5, "pelit": 2, "kokkaus": 1, "eos": 0, "muu": 2}
    assert result.options.percent("luonto") == Fraction(500, 6)
    assert result.options.mean is None
    assert result.follow_ups == {"muu": ["Sähly", "Kuoro"]}
    (data,) = results.as_data(dashboard)["items"]
    assert data == {
        "code": "toive",
        "number": "1.",
        "type": "multi",
        "n": 6,
        "mean": None,
        "counts": {"luonto": 5, "pelit": 2, "kokkaus": 1, "eos": 0, "muu": 2},
        "percent": {"luonto": 83.3, "pelit": 33.3, "kokkaus": 16.7, "eos": 0.0, "muu": 33.3},
        "percent_of": "respondents",
        "texts": {"muu": ["Sähly", "Kuoro"]},
    }


def raw(code: str, choice: str, text: str | None = None, response: str = "r1") -> RawAnswer:
    return RawAnswer(
        response, "c", "toiveet", 1, None, "web", DAY, "week", code, choice, None, text
    )


def test_the_export_has_a_0_1_column_per_option_and_the_other_line(form):
    item = form.item("toive")
    stored = {
        "toive": raw("toive", "2"),
        "toive.pelit": raw("toive.pelit", "pelit"),
        "toive.muu": raw("toive.muu", "muu", "Sähly"),
    }
    assert MULTI.export(item, stored) == {
        "toive.luonto": "0",
        "toive.pelit": "1",
        "toive.kokkaus": "0",
        "toive.eos": "0",
        "toive.muu": "1",
        "toive.muu.text": "Sähly",
    }
    assert MULTI.export(item, {}) == {}  # not answered: empty cells, not zeros
    assert exports.header(form)[len(exports.FIXED) :] == list(MULTI.fields(item))


def test_the_codebook_has_a_line_per_option_and_the_other_line(form):
    book = exports.codebook(form)
    assert book[1:] == [
        ["toive.luonto", "1.", "Mitä toivot?", "multi", "1", "Luonto", "1", ""],
        ["toive.pelit", "1.", "Mitä toivot?", "multi", "1", "Pelit", "1", ""],
        ["toive.kokkaus", "1.", "Mitä toivot?", "multi", "1", "Kokkaus", "1", ""],
        ["toive.eos", "1.", "Mitä toivot?", "multi", "1", "En osaa sanoa", "1", "yes"],
        ["toive.muu", "1.", "Mitä toivot?", "multi", "1", "Muu, mikä?", "1", ""],
        ["toive.muu.text", "1.", "Mitä toivot?", "follow_up_text", "muu", "", "", ""],
    ]
