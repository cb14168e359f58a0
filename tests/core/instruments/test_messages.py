"""The form validator speaks the reader's language: every message it can give is a msgid with a
Finnish and a Swedish translation in the compiled catalogs, and none is written in English only."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

ROOT = Path(__file__).resolve().parents[3]
CORE = ROOT / "surveyapp" / "core"
SOURCES = sorted((CORE / "instruments").rglob("*.py")) + [CORE / "stored_instruments.py"]


def msgids() -> list[str]:
    found = []
    for path in SOURCES:
        for _line, message, _comments, _context in extract_from_file(
            "python", str(path), keywords={"N_": None}
        ):
            found.append(message)
    return sorted(set(found))


def test_the_validator_marks_its_messages():
    assert len(msgids()) > 60
    assert "unknown key '%(key)s' (allowed: %(allowed)s)" in msgids()
    assert "a list" in msgids()  # what a value is, translated with the message


@pytest.mark.parametrize("locale", ["fi", "sv"])
def test_every_message_of_the_validator_is_translated(locale):
    catalog = gettext.translation(
        "messages", localedir=ROOT / "surveyapp" / "translations", languages=[locale]
    )
    untranslated = [m for m in msgids() if catalog.gettext(m) in ("", m)]
    assert untranslated == []


def _message_argument(call: ast.Call) -> ast.expr | None:
    """The message an error call passes: error(where, message, ...) or problem(file, where, m)."""
    name = getattr(call.func, "attr", None) or getattr(call.func, "id", None)
    position = {"error": 1, "problem": 2, "_refused": 1, "Refused": 0}.get(name)
    if position is None or len(call.args) <= position:
        return None
    return call.args[position]


def test_no_error_is_given_as_english_text():
    plain = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            message = _message_argument(node)
            if isinstance(message, (ast.Constant, ast.JoinedStr, ast.BinOp)):
                plain.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert plain == []
