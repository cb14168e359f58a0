"""Measurement series for the tests: a before/after form with a pairing code, and its waves."""

from __future__ import annotations

import textwrap
from pathlib import Path

from surveyapp.core import pairing_codes
from surveyapp.core.instruments import spec
from surveyapp.core.instruments.loader import load_directory

# 32 bytes, as the app's pairing key must be at least.
PAIRING_KEY = b"pairing key of the tests, 32 b.."

WAVE_FORM = """\
id: muutos
version: 1
title: Miten menee?
source: {file: tests, lines: "1-2", notes: "A form of the tests only."}
closing: Kiitos!
sections:
  - code: s1
    items:
      - code: koodi
        number: "1."
        type: pairing
        kind: KIND
        text: Vastaajakoodisi
      - code: arvosana
        number: "2."
        type: grade
        overall: true
        text: Millaisen arvosanan antaisit elämällesi nyt?
      - code: jaksaminen
        number: "3."
        type: grade
        text: Millaisen arvosanan antaisit jaksamisellesi?
      - code: kommentti
        number: "4."
        type: text
        text: Muuta kerrottavaa
"""


def wave_form(tmp_path: Path, kind: str = "card", form: str = WAVE_FORM) -> spec.Instrument:
    """The test form with a pairing item of ``kind`` (card or self)."""
    folder = tmp_path / f"wave-form-{kind}"
    folder.mkdir(exist_ok=True)
    (folder / "muutos.yaml").write_text(
        textwrap.dedent(form.replace("KIND", kind)), encoding="utf-8"
    )
    instruments, errors = load_directory(folder, check_lock=False)
    assert [str(e) for e in errors] == []
    return instruments[0]


def mistyped(code: str) -> str:
    """``code`` with its first character changed: the check character refuses it."""
    first = pairing_codes.ALPHABET[(pairing_codes.ALPHABET.index(code[0]) + 1) % 22]
    return first + code[1:]
