"""JSON read from requests: nesting deeper, or more values, than a real body ever has is refused before parsing.

Python's parser recurses once per level and fails with RecursionError (not ValueError) about a
thousand levels down, which request.get_json(silent=True) does not catch: a 500. Here every body
that is too deep, badly encoded or not JSON is a ValueError, which a view reads as "no JSON" and
answers with its own 400.
"""

from __future__ import annotations

import json
import re

from flask import Flask, Request
from flask.json.provider import DefaultJSONProvider

from surveyapp.core.submission import KEY_FIELD

MAX_DEPTH = 32
# Values in arrays and objects together; a tablet's answer has one per question.
MAX_VALUES = 5000
STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
STRUCTURE = re.compile(r"[\[\]{},]")


def shape(text: str) -> tuple[int, int]:
    """(deepest nesting of arrays and objects, number of separated values) in ``text``, strings left out."""
    deepest = level = commas = 0
    for mark in STRUCTURE.findall(STRING.sub('""', text)):
        if mark == ",":
            commas += 1
        elif mark in "[{":
            level += 1
            deepest = max(deepest, level)
        else:
            level = max(level - 1, 0)
    return deepest, commas + 1


class JSONProvider(DefaultJSONProvider):
    def loads(self, s: str | bytes, **kwargs):
        if isinstance(s, (bytes, bytearray)):
            s = bytes(s).decode(json.detect_encoding(s), "surrogatepass")
        deepest, values = shape(s)
        if deepest > MAX_DEPTH or values > MAX_VALUES:
            raise ValueError(
                f"JSON deeper than {MAX_DEPTH} levels or with more than {MAX_VALUES} values"
            )
        try:
            return super().loads(s, **kwargs)
        except RecursionError:  # pragma: no cover - the depth check comes first
            raise ValueError("JSON nested too deeply") from None


def init_app(app: Flask) -> None:
    app.json = JSONProvider(app)


def queued_answer(request: Request) -> dict[str, str] | None:
    """A tablet's queued answer, {"key": ..., "answers": {field: text}}, as the fields of a form;
    None when the body is not of that shape (the core checks the key and the fields themselves)."""
    body = request.get_json(silent=True)
    if (
        not isinstance(body, dict)
        or not isinstance(body.get("answers"), dict)
        or not all(isinstance(v, str) for v in body["answers"].values())
        or not isinstance(body.get("key"), str)
    ):
        return None
    return {**body["answers"], KEY_FIELD: body["key"]}
