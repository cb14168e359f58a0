"""``agreeing:`` on a scale or a choice: which options a comparison counts as agreeing, checked at load."""

from __future__ import annotations

import textwrap
from pathlib import Path

from surveyapp.core.instruments.loader import load_directory

ROOT = Path(__file__).resolve().parents[3]

FORM = """\
id: tiny
version: 1
title: Pieni
source: {{file: seeds/000_9fba6d5199f312ee.txt, lines: "830-850"}}
closing: Kiitos!
scales:
  a3:
    agreeing: {scale}
    options:
      - {{code: hyvin, label: Hyvin, value: 3}}
      - {{code: vahan, label: Vähän, value: 1}}
      - {{code: eos, label: en osaa sanoa, dont_know: true}}
sections:
  - code: s1
    items:
      - {{code: q1, type: scale, scale: a3, text: Arvioi}}
      - code: q2
        type: choice
        text: Valitse
        agreeing: {choice}
        options:
          - {{code: kylla, label: kyllä}}
          - {{code: ei, label: ei}}
"""


def load(tmp_path: Path, scale: str, choice: str):
    (tmp_path / "tiny.yaml").write_text(
        textwrap.dedent(FORM.format(scale=scale, choice=choice)), encoding="utf-8"
    )
    instruments, errors = load_directory(tmp_path, check_lock=False)
    return instruments, [str(e) for e in errors]


def test_declared_agreeing_options_are_parsed(tmp_path):
    (instrument,), errors = load(tmp_path, "[hyvin]", "[kylla]")
    assert errors == []
    scale_item, choice_item = instrument.items()
    assert scale_item.scale.agreeing == ("hyvin",)
    assert choice_item.agreeing == ("kylla",)
    statements = [s for item in instrument.items() for s in item.unit.statements(item)]
    assert [(s.code, s.agreeing, s.has_mean) for s in statements] == [
        ("q1", ("hyvin",), True),
        ("q2", ("kylla",), False),
    ]


def test_bad_agreeing_options_are_named(tmp_path):
    _, errors = load(tmp_path, "[hyvin, paljon, eos]", "[kylla, ei]")
    assert any("scales.a3.agreeing: 'paljon' is not one of the options" in e for e in errors)
    assert any("'eos' is a \"don't know\" option" in e for e in errors)
    assert any("q2).agreeing: every option counts as agreeing" in e for e in errors)
    _, errors = load(tmp_path, "hyvin", "[kylla, kylla]")
    assert any("scales.a3.agreeing: expected a non-empty list" in e for e in errors)
    assert any("duplicate agreeing option code 'kylla'" in e for e in errors)


def test_the_cooperation_survey_declares_its_agreeing_options():
    instruments, errors = load_directory(ROOT / "instruments")
    assert errors == []
    survey = next(i for i in instruments if i.id == "oulunkaari_yhteistyokysely")
    assert survey.item("verkosto").scale.agreeing == ("osittain_samaa", "samaa")
    assert survey.item("hyodyt").scale.agreeing == ("erittain",)
    assert survey.item("kiire").agreeing == ("kylla",)
