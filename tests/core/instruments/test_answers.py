"""Answer parsing: exact values in, clear error codes out, nothing guessed."""

from __future__ import annotations

import pytest

from surveyapp.core.instruments.answers import AnswerValue, municipality_options, parse
from tests.helpers import shipped_instruments

INSTRUMENTS = shipped_instruments()
PLACES = municipality_options(
    [("muhos", "Muhos"), ("utajarvi", "Utajärvi")], "muu / ei halua kertoa"
)


def codes(parsed):
    return [(e.field, e.code) for e in parsed.errors]


@pytest.mark.parametrize("value", ["4", "7", "10"])
def test_grades_four_to_ten_accepted(value):
    parsed = parse(INSTRUMENTS["session_feedback"], {"arvosana": value})
    assert parsed.ok
    assert parsed.answers == [AnswerValue("arvosana", grade=int(value))]


@pytest.mark.parametrize("value", ["3", "11", "9.5", "9,5", "abc", "9+", "-4", "０9"])
def test_grades_outside_the_school_scale_rejected(value):
    parsed = parse(INSTRUMENTS["session_feedback"], {"arvosana": value})
    assert codes(parsed) == [("arvosana", "grade")]
    assert parsed.answers == []


def test_required_grade_missing():
    parsed = parse(INSTRUMENTS["session_feedback"], {"vapaa_palaute": "Kiva"})
    assert codes(parsed) == [("arvosana", "required")]


def test_text_is_trimmed_and_newlines_normalised():
    parsed = parse(
        INSTRUMENTS["session_feedback"], {"arvosana": "9", "vapaa_palaute": "  Hyvä\r\nporukka  "}
    )
    assert parsed.answers[1] == AnswerValue("vapaa_palaute", text="Hyvä\nporukka")


def test_text_too_long_and_nul_bytes_rejected():
    parsed = parse(INSTRUMENTS["session_feedback"], {"arvosana": "9", "vapaa_palaute": "x" * 2001})
    assert codes(parsed) == [("vapaa_palaute", "too_long")]
    assert parsed.errors[0].params == {"max": 2000, "length": 2001}
    parsed = parse(INSTRUMENTS["session_feedback"], {"arvosana": "9", "vapaa_palaute": "a\x00b"})
    assert codes(parsed) == [("vapaa_palaute", "control_chars")]
    # A lone surrogate (JSON "\ud800") cannot be stored as UTF-8: refused like a control character.
    parsed = parse(INSTRUMENTS["session_feedback"], {"arvosana": "9", "vapaa_palaute": "a\ud83d"})
    assert codes(parsed) == [("vapaa_palaute", "control_chars")]


def test_unknown_fields_are_reported_not_stored():
    parsed = parse(INSTRUMENTS["session_feedback"], {"arvosana": "9", "ip": "1.2.3.4"})
    assert parsed.unknown == ["ip"]
    assert not parsed.ok


def test_matrix_rows_stored_by_row_code_and_unknown_choice_rejected():
    esy = INSTRUMENTS["esy_client_eval"]
    parsed = parse(esy, {"q10_1": "hyvin", "q10_2": "ei_lainkaan", "q10_3": "loistava"})
    assert AnswerValue("q10_1", choice_code="hyvin") in parsed.answers
    assert AnswerValue("q10_2", choice_code="ei_lainkaan") in parsed.answers
    assert codes(parsed) == [("q10_3", "choice")]


def test_follow_up_text_belongs_to_the_chosen_option():
    esy = INSTRUMENTS["esy_client_eval"]
    parsed = parse(esy, {"q4": "ei_auttanut", "q4.ei_auttanut": "En jaksanut"})
    assert AnswerValue("q4", choice_code="ei_auttanut", text="En jaksanut") in parsed.answers
    parsed = parse(esy, {"q4": "paljonkin", "q4.ei_auttanut": "En jaksanut"})
    assert codes(parsed) == [("q4.ei_auttanut", "follow_up_mismatch")]


def test_municipality_comes_from_the_answer_within_the_collections_places():
    partner = INSTRUMENTS["valpas_partner_survey"]
    parsed = parse(
        partner, {"paikkakunta": "utajarvi", "kokonaisarvosana": "8"}, municipality_options=PLACES
    )
    assert parsed.ok and parsed.municipality_code == "utajarvi"
    parsed = parse(
        partner, {"paikkakunta": "muu", "kokonaisarvosana": "8"}, municipality_options=PLACES
    )
    assert parsed.ok and parsed.municipality_code is None
    parsed = parse(
        partner, {"paikkakunta": "oulu", "kokonaisarvosana": "8"}, municipality_options=PLACES
    )
    assert codes(parsed) == [("paikkakunta", "choice")]
