"""The pairing-code item type: its YAML, its fields, the codes it accepts and the ones it refuses."""

from __future__ import annotations

import pytest

from surveyapp.core import pairing_codes, self_codes
from surveyapp.core.instruments import types
from surveyapp.core.instruments.answers import AnswerValue, parse
from surveyapp.core.instruments.types.pairing import PAIRING, PairingItem
from tests.helpers import WAVE_FORM, mistyped, wave_form

CODE = "ACDEFH" + pairing_codes.check_character("ACDEFH")


@pytest.fixture
def card(tmp_path):
    return wave_form(tmp_path, "card")


@pytest.fixture
def own(tmp_path):
    return wave_form(tmp_path, "self")


def test_the_loader_reads_both_kinds(card, own):
    for form, kind in ((card, "card"), (own, "self")):
        item = form.item("koodi")
        assert isinstance(item, PairingItem) and item.unit is PAIRING
        assert (item.kind, item.required, item.field_codes()) == (kind, False, ())
    assert PAIRING.fields(card.item("koodi")) == ("koodi", "koodi.none")
    assert PAIRING.fields(own.item("koodi")) == (
        "koodi.mother",
        "koodi.father",
        "koodi.day",
        "koodi.month",
        "koodi.none",
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("kind: card", "kind: expected one of card, self, got 'qr'"),
        ("kind: card\n        required: true", "required: a pairing code is always optional"),
    ],
)
def test_a_broken_pairing_item_is_refused(tmp_path, change, message):
    from surveyapp.core.instruments.loader import load_directory

    (tmp_path / "muutos.yaml").write_text(
        WAVE_FORM.replace("kind: KIND", change if "required" in change else "kind: qr")
    )
    _instruments, errors = load_directory(tmp_path, check_lock=False)
    assert [str(e) for e in errors] == [
        f"{tmp_path}/muutos.yaml: sections[0] (s1).items[0] (koodi).{message}"
    ]


@pytest.mark.parametrize(
    "typed", [CODE, CODE.lower(), f" {CODE[:3]}-{CODE[3:]} ", "acd efh" + CODE[-1]]
)
def test_a_card_code_is_read_however_it_is_typed_and_stored_as_no_answer(card, typed):
    parsed = parse(card, {"koodi": typed, "arvosana": "8"})
    assert parsed.ok
    assert parsed.pairing == CODE
    assert parsed.answers == [AnswerValue("arvosana", grade=8)]


def test_a_mistyped_card_code_is_refused_and_the_other_answers_are_kept(card):
    parsed = parse(card, {"koodi": mistyped(CODE), "arvosana": "8"})
    assert [(e.field, e.code) for e in parsed.errors] == [("koodi", "pairing_check")]
    assert parsed.pairing is None
    assert parsed.answers == [AnswerValue("arvosana", grade=8)]
    assert "mistyped" in types.message("pairing_check")


@pytest.mark.parametrize("typed", ["ACDEF", "ACDEFHJK", "ABCDEF1", "ÄÖ"])
def test_a_code_of_the_wrong_shape_is_refused_as_such(card, typed):
    parsed = parse(card, {"koodi": typed, "arvosana": "8"})
    assert [(e.field, e.code) for e in parsed.errors] == [("koodi", "pairing_shape")]


@pytest.mark.parametrize(
    "form", [{"koodi": ""}, {"koodi.none": "1"}, {"koodi": "X", "koodi.none": "1"}]
)
def test_without_a_code_the_answers_are_stored_unpaired(card, form):
    parsed = parse(card, {**form, "arvosana": "8"})
    assert parsed.ok and parsed.pairing is None
    assert parsed.answers == [AnswerValue("arvosana", grade=8)]


def test_a_code_alone_is_not_a_response(card):
    parsed = parse(card, {"koodi": CODE})
    assert [e.code for e in parsed.errors] == ["empty"]


def test_a_self_generated_code_is_built_from_its_four_elements(own):
    answers = {"koodi.mother": "ä", "koodi.father": "-", "koodi.day": "7", "koodi.month": "03"}
    parsed = parse(own, {**answers, "arvosana": "9"})
    assert parsed.ok
    assert parsed.pairing == "self:Ä-0703"
    code, _errors = self_codes.parse("Ä", "-", "7", "3")
    assert pairing_codes.keyed_hash(parsed.pairing, b"k" * 32) == self_codes.keyed_hash(
        code, b"k" * 32
    )


def test_a_self_generated_code_names_each_wrong_element(own):
    answers = {"koodi.mother": "AB", "koodi.father": "K", "koodi.day": "31", "koodi.month": "4"}
    parsed = parse(own, {**answers, "arvosana": "9"})
    assert sorted((e.field, e.code) for e in parsed.errors) == [
        ("koodi.day", "pairing_date"),
        ("koodi.mother", "pairing_letter"),
    ]
    parsed = parse(own, {"koodi.day": "40", "arvosana": "9"})
    assert sorted((e.field, e.code) for e in parsed.errors) == [
        ("koodi.day", "pairing_number"),
        ("koodi.father", "pairing_letter"),
        ("koodi.month", "pairing_number"),
        ("koodi.mother", "pairing_letter"),
    ]
    assert parse(own, {"koodi.day": "40", "koodi.none": "1", "arvosana": "9"}).ok


def test_the_item_exports_nothing_and_has_no_codebook_lines(card):
    item = card.item("koodi")
    assert PAIRING.export(item, {}) == {} and PAIRING.codebook(item) == []
